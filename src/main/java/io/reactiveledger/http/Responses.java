package io.reactiveledger.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON and problem+json responses; the one place that turns failures into answers (never a stack trace). */
public final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public static final ContentType PROBLEM_JSON =
            MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8).toContentType();

    private Responses() {
    }

    public static HttpResponse json(int status, Object body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(ContentTypes.APPLICATION_JSON, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            return failure(e);
        }
    }

    public static HttpResponse problem(ApiProblem p) {
        HttpResponse r;
        try {
            r = HttpResponse.create().withStatus(p.problem().status())
                    .withEntity(PROBLEM_JSON, JSON.writeValueAsBytes(p.problem()));
        } catch (JsonProcessingException e) {
            r = HttpResponse.create().withStatus(500);
        }
        return p.retryAfterSeconds() >= 0 ? r.addHeader(RawHeader.create("Retry-After", Long.toString(p.retryAfterSeconds()))) : r;
    }

    public static HttpResponse problem(int status, String code, String title, String detail) {
        return problem(new ApiProblem(Problem.of(status, code, title, detail)));
    }

    /** Any failure of a route's future: a problem as thrown, 503 for a timeout, else a logged 500. */
    public static HttpResponse failure(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ApiProblem p) return problem(p);
        if (c instanceof AskTimeoutException || c instanceof TimeoutException) {
            return problem(new ApiProblem(Problem.of(503, "UNAVAILABLE", "Service unavailable",
                    "the node did not answer in time"), 1));
        }
        LOG.error("HTTP request failed", c);
        return problem(500, "INTERNAL_ERROR", "Internal server error", "the request could not be processed");
    }
}
