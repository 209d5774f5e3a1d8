package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.BidRecord;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.llm.auction.AuctionRecord;
import io.reactiveledger.llm.auction.BidEvent;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.ModelActor;
import io.reactiveledger.llm.ProposalScore;
import io.reactiveledger.llm.ProposalScorer;
import io.reactiveledger.llm.ProposalScreening;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * {@code GET /v1/auctions/{id}/prediction} (below) and {@code POST /v1/llm/score}: scores a candidate list of signed transactions (hex, as a block would carry
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
    /** The block limits a validator's view is asked with ({@code ledger.consensus}). */
    private final int maxBlockTxs;
    private final long maxBlockBytes;

    public LlmRoutes(NodeApi api, ActorRef<ModelActor.Command> model, ProposalScreening screening) {
        this.api = api;
        this.model = model;
        this.screening = screening;
        com.typesafe.config.Config consensus = api.system().settings().config().getConfig("ledger.consensus");
        this.maxBlockTxs = consensus.getInt("max-block-txs");
        this.maxBlockBytes = consensus.getBytes("max-block-bytes");
    }

    public record ScoreJson(double score, double threshold, boolean wouldRefuse, String model, boolean semanticUsed,
                            List<ProposalScore.Signal> signals, List<String> reasons) {
    }

    private record Request(List<Transaction> txs, Address proposer) {
    }

    public Route route() {
        return concat(
                pathPrefix("llm", () -> path("score", () -> post(() -> extractRequestEntity(entity ->
                        extractMaterializer(mat -> completeWithFuture(guard(() -> score(entity, mat)))))))),
                path(segment("auctions").slash(segment()).slash("prediction"),
                        id -> get(() -> completeWithFuture(guard(() -> prediction(id))))));
    }

    /**
     * {@code GET /v1/auctions/{id}/prediction}: the model actor's prediction for an auction of the latest
     * committed state, from its bids so far (the highest bid is the price) and completed reference auctions.
     */
    private CompletionStage<HttpResponse> prediction(String idText) {
        long id = TransactionRoutes.parseLong(idText, "id", 1, Long.MAX_VALUE);
        if (model == null) {
            throw new ApiProblem(Problem.of(503, "MODEL_DISABLED", "Service unavailable", "ledger.llm.enabled = false"));
        }
        long now = System.currentTimeMillis();
        return api.<ChainStore.Command, ChainHead>ask(api.chainStore(), ChainStore.GetHead::new).thenCompose(head -> {
            ContractInstance c = head.state().contract(id);
            if (c == null || !(c.state() instanceof AuctionState)) {
                throw ApiProblem.notFound("AUCTION_NOT_FOUND", "no auction with id " + id);
            }
            AuctionState a = (AuctionState) c.state();
            double day = 86_400_000.0;
            double duration = Math.max(1, a.endTimeMs() - a.createdAtMs()) / day;
            List<BidEvent> bids = new ArrayList<>();
            for (BidRecord b : a.bids().toList()) {
                bids.add(new BidEvent((b.blockTimeMs() - a.createdAtMs()) / day, b.amount(), b.bidder().hex()));
            }
            double fraction = Math.min(1.0, Math.max(1e-6, (now - a.createdAtMs()) / day / duration));
            AuctionRecord running = new AuctionRecord(Long.toString(id), a.item(), duration, a.startPrice(),
                    Double.NaN, bids, false);
            return api.<ModelActor.Command, ModelActor.Reply>ask(model,
                    reply -> new ModelActor.Predict(running, fraction, Duration.ofSeconds(5), reply), Duration.ofSeconds(6))
                    .thenApply(reply -> {
                        if (reply instanceof ModelActor.Predicted p) return Responses.json(200, p.prediction());
                        String why = reply instanceof ModelActor.Refused f ? f.kind() + ": " + f.message() : "no answer";
                        throw new ApiProblem(Problem.of(503, "MODEL_UNAVAILABLE", "Service unavailable", why));
                    });
        });
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
        // As a validator would: against this node's own mempool view (structural signals), then the model.
        return view(r).thenCompose(view -> api.<ModelActor.Command, ModelActor.Reply>ask(model,
                        reply -> new ModelActor.Score(r.txs(), r.proposer(), view, deadline, reply), deadline.plusSeconds(1))
                .handle((reply, failure) -> {
                    if (reply instanceof ModelActor.Scored s) return answer(s.score(), "scored");
                    String why = reply instanceof ModelActor.Refused f ? f.kind().name() : "NO_ANSWER";
                    return answer(rulesOnly(r, view), why);
                }));
    }

    /** This node's mempool view for the candidate transactions, or null when the mempool does not answer in time. */
    private CompletionStage<io.reactiveledger.llm.MempoolView> view(Request r) {
        List<io.reactiveledger.core.crypto.Hash> hashes = new java.util.ArrayList<>();
        for (io.reactiveledger.core.tx.Transaction t : r.txs()) hashes.add(t.hash());
        return api.<io.reactiveledger.mempool.MempoolActor.Command, io.reactiveledger.llm.MempoolView>ask(api.mempool(),
                        reply -> new io.reactiveledger.mempool.MempoolActor.View(hashes, screening.policy().censorAgeMillis(),
                                io.reactiveledger.node.consensus.ConsensusActor.VIEW_STALE_CAP, maxBlockTxs, maxBlockBytes, reply),
                        Duration.ofSeconds(1))
                .handle((v, failure) -> v);
    }

    private ProposalScore rulesOnly(Request r) {
        return rulesOnly(r, null);
    }

    private ProposalScore rulesOnly(Request r, io.reactiveledger.llm.MempoolView view) {
        return new ProposalScorer(screening.policy()).score(r.txs(), r.proposer(), view);
    }

    private HttpResponse answer(ProposalScore s, String how) {
        double t = screening.policy().rejectThreshold();
        return Responses.json(200, new ScoreJson(s.score(), t, s.reaches(t), how, s.semanticUsed(), s.signals(),
                s.reasons()));
    }

    static Request decode(byte[] body) {
        JsonNode root = RequestBodies.object(body, Set.of("txs", "proposer"), "{\"txs\": [\"<hex>\", ...]}");
        JsonNode txs = root.get("txs");
        if (txs == null || !txs.isArray()) throw ApiProblem.badRequest("MISSING_FIELD", "txs must be an array of hex strings");
        if (txs.size() > MAX_TXS) throw ApiProblem.badRequest("INVALID_FIELD", "at most " + MAX_TXS + " transactions");
        List<Transaction> out = new ArrayList<>();
        for (JsonNode n : txs) {
            if (!n.isTextual()) throw ApiProblem.badRequest("INVALID_FIELD", "txs must be strings of hex");
            out.add(RequestBodies.transaction(n.textValue(), "a transaction"));
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
