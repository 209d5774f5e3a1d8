package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.guard;
import static io.reactiveledger.http.TransactionRoutes.parseLong;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.node.chain.ChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /v1/blocks?from=&limit=} and {@code GET /v1/blocks/{height|latest}}. */
public final class BlockRoutes {
    public static final int MAX_LIMIT = 100;

    public record BlockPageJson(List<BlockViews.BlockJson> blocks, Long next) {
    }

    private final NodeApi api;

    public BlockRoutes(NodeApi api) {
        this.api = api;
    }

    public Route route() {
        return concat(
                path("blocks", () -> get(() -> parameterOptional("from", from -> parameterOptional("limit", limit ->
                        completeWithFuture(guard(() -> page(from, limit))))))),
                path(segment("blocks").slash(segment()), id -> get(() -> completeWithFuture(guard(() -> one(id))))));
    }

    private CompletionStage<ChainHead> head() {
        return api.ask(api.chainStore(), ChainStore.GetHead::new);
    }

    private CompletionStage<HttpResponse> one(String id) {
        CompletionStage<Long> height = id.equals("latest") ? head().thenApply(ChainHead::height)
                : CompletableFuture.completedFuture(parseLong(id, "height", 1, Long.MAX_VALUE));
        return height.thenCompose(h -> api.block(h)).thenApply(at -> {
            if (at.block() == null) throw ApiProblem.notFound("BLOCK_NOT_FOUND", "no block at height " + id);
            return Responses.json(200, BlockViews.block(at.block(), null));
        });
    }

    private CompletionStage<HttpResponse> page(Optional<String> fromParam, Optional<String> limitParam) {
        long from = fromParam.map(f -> parseLong(f, "from", 1, Long.MAX_VALUE)).orElse(1L);
        int limit = limitParam.map(l -> parseLong(l, "limit", 1, MAX_LIMIT)).orElse(20L).intValue();
        return head().thenCompose(head -> {
            long last = Math.min(head.height(), from > Long.MAX_VALUE - limit ? Long.MAX_VALUE : from + limit - 1);
            List<CompletableFuture<ChainStore.BlockAt>> asks = new ArrayList<>();
            for (long h = from; h <= last; h++) {
                long height = h;
                asks.add(api.<ChainStore.Command, ChainStore.BlockAt>ask(api.chainStore(), r -> new ChainStore.GetBlock(height, r))
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<BlockViews.BlockJson> blocks = new ArrayList<>();
                for (CompletableFuture<ChainStore.BlockAt> a : asks) {
                    ChainStore.BlockAt at = a.join();
                    if (at.block() != null) blocks.add(BlockViews.block(at.block(), null));
                }
                Long next = last < head.height() ? last + 1 : null;
                return Responses.json(200, new BlockPageJson(blocks, next));
            });
        });
    }
}
