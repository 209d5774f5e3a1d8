package io.reactiveledger.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Requests that Pekko HTTP cannot parse (a malformed URI or header, a request line or headers over the limits)
 * never reach the routes; this handler ({@code pekko.http.server.parsing.error-handler}) answers them with
 * problem+json like every other error, code {@code MALFORMED_REQUEST} (or {@code REQUEST_TOO_LARGE} etc. by status).
 */
public final class ParsingProblems extends ParsingErrorHandler {

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        int code = status.intValue();
        log.debug("unparsable request: {} {}", code, info.formatPretty());
        String summary = info.summary() == null || info.summary().isEmpty() ? status.reason() : info.summary();
        return Responses.problem(new ApiProblem(Problem.of(code, codeOf(code), status.reason(), summary)));
    }

    static String codeOf(int status) {
        switch (status) {
            case 400:
                return "MALFORMED_REQUEST";
            case 413:
                return "REQUEST_TOO_LARGE";
            case 414:
                return "URI_TOO_LONG";
            case 431:
                return "HEADERS_TOO_LARGE";
            case 501:
                return "NOT_IMPLEMENTED";
            case 505:
                return "HTTP_VERSION_NOT_SUPPORTED";
            default:
                return "HTTP_" + status;
        }
    }
}
