package io.reactiveledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.mempool.AdmissionCode;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.query.ChainIndex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;

/** {@code POST /v1/transactions} and {@code GET /v1/transactions/{hash}}. */
public final class TransactionRoutes {
    /** Answer to a submission. {@code status}: received, pending or committed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TxStatusJson(String hash, String status, Long height, Integer index, BlockViews.ReceiptJson receipt) {
        static TxStatusJson of(Hash hash, String status) {
            return new TxStatusJson(hash.hex(), status, null, null, null);
        }
    }

    private final NodeApi api;

    public TransactionRoutes(NodeApi api) {
        this.api = api;
    }

    public Route route() {
        return concat(
                path("transactions", () -> post(() -> parameterOptional("wait", wait -> parameterOptional("timeoutMs",
                        timeout -> extractRequestEntity(entity -> extractMaterializer(mat ->
                                completeWithFuture(guard(() -> submit(wait, timeout, entity, mat))))))))),
                path(segment("transactions").slash(segment()), hash -> get(() ->
                        completeWithFuture(guard(() -> lookup(parseHash(hash)))))));
    }

    /** Runs {@code body}, turning anything it throws or fails with into a problem response. */
    static CompletionStage<HttpResponse> guard(java.util.function.Supplier<CompletionStage<HttpResponse>> body) {
        CompletionStage<HttpResponse> f;
        try {
            f = body.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Responses.failure(e));
        }
        return f.exceptionally(Responses::failure);
    }

    private CompletionStage<HttpResponse> submit(Optional<String> waitParam, Optional<String> timeoutParam,
                                                 RequestEntity entity, Materializer mat) {
        String wait = waitParam.orElse("checked");
        if (!wait.equals("none") && !wait.equals("checked") && !wait.equals("committed")) {
            throw ApiProblem.badRequest("INVALID_PARAMETER", "wait must be none, checked or committed");
        }
        Duration timeout = timeoutParam.map(t -> Duration.ofMillis(parseLong(t, "timeoutMs", 0, api.settings().commitWaitMax().toMillis())))
                .orElse(api.settings().commitWaitDefault());
        if (!entity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            throw new ApiProblem(Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "the body must be application/json: {\"tx\": \"<hex of the signed transaction>\"}"));
        }
        long max = api.settings().maxBodyBytes();
        if (entity.getContentLengthOption().isPresent() && entity.getContentLengthOption().getAsLong() > max) {
            throw tooLarge(max);
        }
        return entity.withSizeLimit(max).toStrict(api.settings().askTimeout().toMillis(), mat)
                .handle((strict, failure) -> {
                    if (failure != null) {
                        Throwable c = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (c instanceof EntityStreamSizeException) throw tooLarge(max);
                        throw ApiProblem.badRequest("INVALID_BODY", "the request body could not be read");
                    }
                    return strict.getData().toArray();
                })
                .thenCompose(body -> admit(decode(body), wait, timeout));
    }

    private static ApiProblem tooLarge(long max) {
        return new ApiProblem(Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large",
                "the request body exceeds " + max + " bytes"));
    }

    /** Strict: a JSON object with exactly one field, {@code tx}, a hex string of a well-formed transaction. */
    static Transaction decode(byte[] body) {
        JsonNode root = RequestBodies.object(body, Set.of("tx"), "{\"tx\": \"<hex>\"}");
        JsonNode tx = root.get("tx");
        if (tx == null || tx.isNull()) throw ApiProblem.badRequest("MISSING_FIELD", "the field tx is required");
        if (!tx.isTextual()) throw ApiProblem.badRequest("INVALID_FIELD", "tx must be a string of hex");
        return RequestBodies.transaction(tx.textValue(), "tx");
    }

    private CompletionStage<HttpResponse> admit(Transaction tx, String wait, Duration timeout) {
        Hash hash = tx.hash();
        api.metrics().submitted(hash);
        if (wait.equals("none")) {
            api.mempool().tell(new MempoolActor.Submit(tx.encoded(), api.system().ignoreRef()));
            return CompletableFuture.completedFuture(Responses.json(202, TxStatusJson.of(hash, "received")));
        }
        return api.<MempoolActor.Command, MempoolActor.SubmitResult>ask(api.mempool(), r -> new MempoolActor.Submit(tx.encoded(), r))
                .thenCompose(result -> {
                    if (!result.accepted()) throw admissionProblem(result, Math.max(1, api.settings().retryAfter().toSeconds()));
                    if (wait.equals("checked")) {
                        return CompletableFuture.completedFuture(Responses.json(202, TxStatusJson.of(hash, "pending")));
                    }
                    return api.<ChainIndex.Command, ChainIndex.TxFound>ask(api.index(), r -> new ChainIndex.AwaitTx(hash, timeout, r),
                                    timeout.plus(api.settings().askTimeout()))
                            .thenCompose(found -> found.location() == null
                                    ? CompletableFuture.completedFuture(Responses.json(202, TxStatusJson.of(hash, "pending")))
                                    : committed(found).thenApply(j -> Responses.json(200, j)));
                });
    }

    /** The status and headers for a refused admission (see {@link AdmissionCode}). */
    static ApiProblem admissionProblem(MempoolActor.SubmitResult r, long retryAfterSeconds) {
        AdmissionCode code = r.code();
        String detail = r.message() == null || r.message().isEmpty() ? code.name() : r.message();
        if (code == AdmissionCode.DUPLICATE || code == AdmissionCode.REPLACEMENT_UNDERPRICED) {
            return new ApiProblem(Problem.of(409, code.name(), "Conflict", detail));
        }
        if (code == AdmissionCode.REFUSED_BY_POLICY) {
            return new ApiProblem(Problem.of(422, code.name(), "Refused by the node's policy", detail));
        }
        if (code == AdmissionCode.FULL) {
            return new ApiProblem(Problem.of(503, code.name(), "Mempool full", detail), retryAfterSeconds);
        }
        return new ApiProblem(Problem.of(400, code.name(), "Transaction refused", detail));
    }

    private CompletionStage<HttpResponse> lookup(Hash hash) {
        return api.<ChainIndex.Command, ChainIndex.TxFound>ask(api.index(), r -> new ChainIndex.FindTx(hash, r))
                .thenCompose(found -> {
                    if (found.location() != null) return committed(found).thenApply(j -> Responses.json(200, j));
                    return api.<MempoolActor.Command, Boolean>ask(api.mempool(), r -> new MempoolActor.IsPending(hash, r))
                            .thenApply(pending -> Responses.json(200, TxStatusJson.of(hash, pending ? "pending" : "unknown")));
                });
    }

    private CompletionStage<TxStatusJson> committed(ChainIndex.TxFound found) {
        ChainIndex.TxLocation loc = found.location();
        CompletionStage<Receipt> receipt = found.receipt() != null ? CompletableFuture.completedFuture(found.receipt())
                : api.block(loc.height()).thenApply(at -> {
                    List<Receipt> rs = at.receipts();
                    return loc.index() < rs.size() && rs.get(loc.index()).txHash().equals(loc.txHash()) ? rs.get(loc.index()) : null;
                });
        return receipt.thenApply(r -> new TxStatusJson(loc.txHash().hex(), "committed", loc.height(), loc.index(),
                r == null ? null : BlockViews.receipt(r)));
    }

    static Hash parseHash(String s) {
        if (s.length() != 2 * Hash.SIZE) throw ApiProblem.badRequest("INVALID_HASH", "a hash is 64 hex characters");
        try {
            return Hash.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("INVALID_HASH", "a hash is 64 hex characters");
        }
    }

    static long parseLong(String s, String name, long min, long max) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("INVALID_PARAMETER", name + " must be an integer");
        }
        if (v < min || v > max) {
            throw ApiProblem.badRequest("INVALID_PARAMETER", name + " must be in [" + min + ", " + max + "]");
        }
        return v;
    }

    static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
