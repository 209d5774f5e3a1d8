package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.ModelActor;
import io.reactiveledger.llm.ProposalScore;
import io.reactiveledger.llm.ProposalScorer;
import io.reactiveledger.llm.ProposalScreening;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * {@code POST /v1/llm/score}: scores a candidate list of signed transactions (hex, as a block would carry
 * them) the way this validator would score a proposal, without submitting anything. Body:
 * {@code {"txs": ["<hex>", ...], "proposer": "<address hex, optional>"}}. Answer: the score, the threshold,
 * whether this validator would refuse it, the signals and reasons, and how the model answered ({@code scored},
 * or the refusal kind when the rules alone decided, or {@code disabled}).
 */
public final class LlmRoutes {
    public static final int MAX_TXS = 2_000;

    private final NodeApi api;
    private final ActorRef<ModelActor.Command> model;
    private final ProposalScreening screening;

    public LlmRoutes(NodeApi api, ActorRef<ModelActor.Command> model, ProposalScreening screening) {
        this.api = api;
        this.model = model;
        this.screening = screening;
    }

    public record ScoreJson(double score, double threshold, boolean wouldRefuse, String model, boolean semanticUsed,
                            List<ProposalScore.Signal> signals, List<String> reasons) {
    }

    private record Request(List<Transaction> txs, Address proposer) {
    }

    public Route route() {
        return pathPrefix("llm", () -> path("score", () -> post(() -> extractRequestEntity(entity ->
                extractMaterializer(mat -> completeWithFuture(guard(() -> score(entity, mat))))))));
    }

    private CompletionStage<HttpResponse> score(RequestEntity entity, Materializer mat) {
        if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            throw new ApiProblem(Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "the body must be application/json: {\"txs\": [\"<hex>\", ...]}"));
        }
        long max = api.settings().maxBodyBytes() * 64;
        return entity.withSizeLimit(max).toStrict(api.settings().askTimeout().toMillis(), mat)
                .thenApply(strict -> decode(strict.getData().toArray()))
                .thenCompose(this::ask);
    }

    private CompletionStage<HttpResponse> ask(Request r) {
        if (model == null) {
            return CompletableFuture.completedFuture(answer(rulesOnly(r), "disabled"));
        }
        Duration deadline = screening.deadline().multipliedBy(2);
        return api.<ModelActor.Command, ModelActor.Reply>ask(model,
                        reply -> new ModelActor.Score(r.txs(), r.proposer(), null, deadline, reply), deadline.plusSeconds(1))
                .handle((reply, failure) -> {
                    if (reply instanceof ModelActor.Scored s) return answer(s.score(), "scored");
                    String why = reply instanceof ModelActor.Refused f ? f.kind().name() : "NO_ANSWER";
                    return answer(rulesOnly(r), why);
                });
    }

    private ProposalScore rulesOnly(Request r) {
        return new ProposalScorer(screening.policy()).score(r.txs(), r.proposer(), null);
    }

    private HttpResponse answer(ProposalScore s, String how) {
        double t = screening.policy().rejectThreshold();
        return Responses.json(200, new ScoreJson(s.score(), t, s.reaches(t), how, s.semanticUsed(), s.signals(),
                s.reasons()));
    }

    static Request decode(byte[] body) {
        JsonNode root;
        try {
            root = Responses.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("MALFORMED_JSON", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("INVALID_BODY", "the body must be a JSON object {\"txs\": [\"<hex>\", ...]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("txs") && !f.equals("proposer")) throw ApiProblem.badRequest("UNKNOWN_FIELD", "unknown field: " + f);
        }
        JsonNode txs = root.get("txs");
        if (txs == null || !txs.isArray()) throw ApiProblem.badRequest("MISSING_FIELD", "txs must be an array of hex strings");
        if (txs.size() > MAX_TXS) throw ApiProblem.badRequest("INVALID_FIELD", "at most " + MAX_TXS + " transactions");
        List<Transaction> out = new ArrayList<>();
        for (JsonNode n : txs) {
            if (!n.isTextual()) throw ApiProblem.badRequest("INVALID_FIELD", "txs must be strings of hex");
            try {
                out.add(Transaction.decode(Hex.decode(n.textValue())));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("INVALID_HEX", "a transaction is not hex: " + e.getMessage());
            } catch (DecodeException e) {
                throw new ApiProblem(Problem.of(400, "DECODE_ERROR", "Undecodable transaction", e.getMessage())
                        .withDecodeError(e.error().name()));
            }
        }
        Address proposer = null;
        JsonNode p = root.get("proposer");
        if (p != null && !p.isNull()) {
            try {
                proposer = Address.fromHex(p.asText());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("INVALID_FIELD", "proposer must be a 40-hex-character address");
            }
        }
        return new Request(out, proposer);
    }
}
