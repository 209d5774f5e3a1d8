package io.reactiveledger.http;

import static io.reactiveledger.http.TransactionRoutes.parseLong;
import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.query.ChainIndex;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /v1/events}: Server-Sent Events, one {@code block} event per committed block with
 * {@code id} = its height. The stream is driven by height: it emits block h, then waits (through the
 * read model) until h + 1 is committed and reads it from the chain store, so a client resuming with
 * {@code Last-Event-ID: H} gets H + 1, H + 2, ... with no gap and no duplicate, whether those blocks are
 * old or still to come. Without {@code Last-Event-ID} or {@code from} it starts at the next block.
 */
public final class EventRoutes {
    /** How long one step waits for the next block before it looks again (heartbeats keep the connection). */
    static final Duration STEP_WAIT = Duration.ofSeconds(10);
    private static final long LIVE = -1;

    private final NodeApi api;

    public EventRoutes(NodeApi api) {
        this.api = api;
    }

    public Route route() {
        return path("events", () -> get(() -> optionalHeaderValueByName("Last-Event-ID", last ->
                parameterOptional("from", from -> completeOK(events(start(last, from)), EventStreamMarshalling.toEventStream())))));
    }

    static long start(Optional<String> lastEventId, Optional<String> from) {
        if (lastEventId.isPresent() && !lastEventId.get().isBlank()) {
            return parseLong(lastEventId.get().trim(), "Last-Event-ID", 0, Long.MAX_VALUE - 1) + 1;
        }
        return from.map(f -> Math.max(1, parseLong(f, "from", 0, Long.MAX_VALUE))).orElse(LIVE);
    }

    public Source<ServerSentEvent, NotUsed> events(long start) {
        return Source.unfoldAsync(start, this::step)
                .mapConcat(o -> o.map(List::of).orElse(List.of()))
                .keepAlive(api.settings().sseKeepAlive(), ServerSentEvent::heartbeat);
    }

    private CompletionStage<Optional<Pair<Long, Optional<ServerSentEvent>>>> step(long height) {
        CompletionStage<Pair<Long, Optional<ServerSentEvent>>> next;
        if (height == LIVE) {
            next = api.<ChainIndex.Command, ChainIndex.Info>ask(api.index(), ChainIndex.GetInfo::new)
                    .thenApply(info -> Pair.create(info.indexedHeight() + 1, Optional.empty()));
        } else {
            next = api.<ChainIndex.Command, ChainIndex.Indexed>ask(api.index(), r -> new ChainIndex.AwaitHeight(height, STEP_WAIT, r),
                            STEP_WAIT.plus(api.settings().askTimeout()))
                    .thenCompose(indexed -> indexed.height() < height
                            ? CompletableFuture.completedFuture(Pair.create(height, Optional.<ServerSentEvent>empty()))
                            : api.block(height).thenApply(at -> at.block() == null
                                    ? Pair.create(height, Optional.<ServerSentEvent>empty())
                                    : Pair.create(height + 1, Optional.of(event(at)))));
        }
        // a failed read (a timeout) retries the same height: never skips one
        return next.exceptionally(t -> Pair.create(height, Optional.empty())).thenApply(Optional::of);
    }

    static ServerSentEvent event(ChainStore.BlockAt at) {
        try {
            String data = Responses.JSON.writeValueAsString(BlockViews.block(at.block(), at.receipts()));
            return ServerSentEvent.create(data, "block", Long.toString(at.height()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
