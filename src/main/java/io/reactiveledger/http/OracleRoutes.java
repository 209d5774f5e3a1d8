package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.state.OracleTrack;
import io.reactiveledger.node.chain.ChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/oracle/accuracy}: each genesis oracle's track record from the latest committed state:
 * predictions recorded, and of those scored (their auction ended sold) the MAPE and the 80%-interval coverage.
 * {@code GET /v1/auctions/{id}/predictions}: the predictions recorded on chain for one auction.
 */
public final class OracleRoutes {
    private final NodeApi api;

    public OracleRoutes(NodeApi api) {
        this.api = api;
    }

    /** {@code mapeBp}/{@code coverageBp}: exact integers from the chain; the percentages are for reading. */
    public record OracleJson(String oracle, long recorded, long scored, long mapeBp, double mapePercent,
                             long coverageBp, double coveragePercent) {
    }

    public record AccuracyJson(long height, List<OracleJson> oracles) {
    }

    public record PredictionJson(String oracle, long height, long price, long low, long high, long expectedEndMs,
                                 int confidenceBp, Long apeBp, Boolean hit) {
    }

    /** {@code finalPrice} null until the auction ends sold; per prediction {@code apeBp}/{@code hit} likewise. */
    public record PredictionsJson(long auctionId, boolean settled, Long finalPrice, List<PredictionJson> predictions) {
    }

    public Route route() {
        return org.apache.pekko.http.javadsl.server.Directives.concat(
                path(segment("oracle").slash("accuracy"), () -> get(() -> completeWithFuture(guard(this::accuracy)))),
                path(segment("auctions").slash(segment()).slash("predictions"),
                        id -> get(() -> completeWithFuture(guard(() -> predictions(id))))));
    }

    private CompletionStage<HttpResponse> predictions(String idText) {
        long id = TransactionRoutes.parseLong(idText, "id", 1, Long.MAX_VALUE);
        return api.<ChainStore.Command, ChainHead>ask(api.chainStore(), ChainStore.GetHead::new).thenApply(head -> {
            io.reactiveledger.core.state.ContractInstance c = head.state().contract(id);
            if (c == null || !(c.state() instanceof io.reactiveledger.core.contract.auction.AuctionState)) {
                throw ApiProblem.notFound("AUCTION_NOT_FOUND", "no auction with id " + id);
            }
            io.reactiveledger.core.state.AuctionPredictions p = head.state().predictions(id);
            List<PredictionJson> out = new ArrayList<>();
            boolean scored = p != null && p.settled() && p.finalPrice() > 0;
            if (p != null) {
                for (io.reactiveledger.core.state.AuctionPredictions.Prediction x : p.predictions()) {
                    out.add(new PredictionJson(x.oracle().hex(), x.height(), x.price(), x.low(), x.high(), x.expectedEndMs(),
                            x.confidenceBp(), scored ? x.apeBp() : null, scored ? x.hit() : null));
                }
            }
            return Responses.json(200, new PredictionsJson(id, p != null && p.settled(), scored ? p.finalPrice() : null, out));
        });
    }

    private CompletionStage<HttpResponse> accuracy() {
        return api.<ChainStore.Command, ChainHead>ask(api.chainStore(), ChainStore.GetHead::new).thenApply(head -> {
            List<OracleJson> out = new ArrayList<>();
            for (OracleTrack t : head.state().oracles()) {
                out.add(new OracleJson(t.oracle().hex(), t.recorded(), t.scored(), t.mapeBp(), t.mapeBp() / 100.0,
                        t.coverageBp(), t.coverageBp() / 100.0));
            }
            return Responses.json(200, new AccuracyJson(head.height(), out));
        });
    }
}
