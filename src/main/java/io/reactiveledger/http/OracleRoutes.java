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

    public Route route() {
        return path(segment("oracle").slash("accuracy"), () -> get(() -> completeWithFuture(guard(this::accuracy))));
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
