package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.auction.AuctionCsv;
import io.reactiveledger.llm.auction.AuctionPrediction;
import io.reactiveledger.llm.auction.AuctionPredictor;
import io.reactiveledger.llm.auction.AuctionRecord;
import io.reactiveledger.node.CborSerializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One per node: owns the sentence-embedding model and answers embedding, proposal-scoring and (later)
 * prediction requests. Spawn it on {@code ledger.llm-dispatcher}; the model is loaded and run on that
 * dispatcher's threads, never on the default one, one batch at a time.
 * <ul>
 *   <li>Requests wait in a bounded queue ({@code max-queue}); beyond it they are answered
 *       {@link RefusalKind#OVERLOADED} at once.</li>
 *   <li>The texts of several waiting requests are embedded together (up to {@code max-batch-texts}), through a
 *       bounded cache keyed by text hash.</li>
 *   <li>Every request has a deadline; when it passes before the answer, the requester gets
 *       {@link RefusalKind#TIMED_OUT} and a late answer is dropped.</li>
 *   <li>Disabled, still loading, or the model failed to load: {@link RefusalKind#UNAVAILABLE}, at once;
 *       consensus requests ({@link Score}, {@link Trim}) also while the model is still loading, so that blocks are
 *       judged on the rules meanwhile instead of waiting out their deadline. Supervision restarts the actor
 *       (and reloads the model) if it fails.</li>
 * </ul>
 * All messages are local to the node and never serialized, except {@link GetStatus}/{@link Status}.
 */
public final class ModelActor extends AbstractBehavior<ModelActor.Command> {

    public interface Command {
    }

    /** Embeds texts; answers {@link Embedded} or {@link Refused}. {@code deadline} null: the configured default. */
    public record Embed(List<String> texts, Duration deadline, ActorRef<Reply> replyTo) implements Command {
    }

    /** Scores a proposal's transactions; answers {@link Scored} or {@link Refused}. */
    public record Score(List<Transaction> txs, Address proposer, MempoolView view, Duration deadline,
                        ActorRef<Reply> replyTo) implements Command {
    }

    /**
     * A proposer's own candidate transactions: answers {@link Trimmed} with those to keep so that peers'
     * scoring does not refuse the block ({@link ProposalScorer#trim}), or {@link Refused}.
     */
    public record Trim(List<Transaction> txs, Address proposer, Duration deadline, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** Predicts a running auction at {@code fraction} of its duration; answers {@link Predicted} or {@link Refused}. */
    public record Predict(AuctionRecord running, double fraction, Duration deadline, ActorRef<Reply> replyTo)
            implements Command {
    }

    public record GetStatus(ActorRef<Status> replyTo) implements Command, CborSerializable {
    }

    /**
     * Texts seen before any proposal carries them (the mempool admitted a transaction with a memo or an item):
     * embedded only while no request waits, a few at a time, so that scoring a later proposal finds them cached
     * instead of embedding hundreds of texts inside its deadline. Best effort and never answered; beyond
     * {@link #MAX_PREFETCH} waiting texts the oldest are dropped.
     */
    public record Prefetch(List<String> texts) implements Command {
    }

    /** Texts waiting to be prefetched, at most. */
    public static final int MAX_PREFETCH = 4096;
    /** Texts per prefetch batch: small, so that a request arriving meanwhile waits little. */
    static final int PREFETCH_BATCH = 8;

    /** Told of every answered request from now on (the node's metrics); local only, called on the actor's thread. */
    public record Subscribe(Listener listener) implements Command {
    }

    /** Observes each request's outcome: its latency when served, or the refusal kind. Must not block. */
    public interface Listener {
        void served(long micros);

        void refused(RefusalKind kind);
    }

    public interface Reply {
    }

    public record Embedded(float[][] vectors) implements Reply {
    }

    public record Scored(ProposalScore score) implements Reply {
    }

    public record Trimmed(List<Transaction> keep) implements Reply {
    }

    public record Predicted(AuctionPrediction prediction) implements Reply {
    }

    public enum RefusalKind { OVERLOADED, TIMED_OUT, UNAVAILABLE, FAILED }

    public record Refused(RefusalKind kind, String message) implements Reply {
    }

    /**
     * @param loaded   the model is loaded and serving
     * @param degraded disabled, still loading or failed to load: requests are refused ({@code detail} says why)
     */
    public record Status(boolean enabled, boolean loaded, boolean degraded, String detail, int queueDepth,
                         boolean busy, long served, long timedOut, long overloaded, long failed, long p50Micros,
                         long p99Micros, long loadMillis, int cacheEntries) implements CborSerializable {
    }

    /**
     * What a loaded model offers the requests: the cached embedder, the embedded exemplar sets, and completed
     * auctions for predictions (the eBay reference data when found, see {@link AuctionCsv#defaultPath()}).
     */
    public record Runtime(CachingEmbedder embedder, ExemplarSet exemplars, List<AuctionPredictor.Completed> history) {
    }

    // ------------------------------------------------------------------ internal messages

    private record Loaded(Runtime runtime, long millis) implements Command {
    }

    private record LoadFailed(String reason) implements Command {
    }

    private record BatchDone(Map<Long, Reply> replies, long micros) implements Command {
    }

    private record DeadlinePassed(long jobId) implements Command {
    }

    private record PrefetchDone(int texts) implements Command {
    }

    private record Job(long id, List<String> texts, Function<Runtime, Reply> compute, ActorRef<Reply> replyTo,
                       long startNanos) {
    }

    // ------------------------------------------------------------------ creation

    /** The configured model ({@code ledger.llm.model-dir} or the classpath default). */
    public static Behavior<Command> create(ModelSettings settings, ProposalScorer scorer) {
        return create(settings, scorer, () -> DjlEmbedder.load(ModelLocation.resolve(settings.modelDir())));
    }

    /** With an explicit model loader (tests: a slow or failing embedder). Restarted on failure. */
    public static Behavior<Command> create(ModelSettings settings, ProposalScorer scorer,
                                           Supplier<TextEmbedder> loader) {
        List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>(); // kept across restarts
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(
                        timers -> new ModelActor(ctx, timers, settings, scorer, loader, listeners))))
                .onFailure(SupervisorStrategy.restart());
    }

    // ------------------------------------------------------------------ state

    private final TimerScheduler<Command> timers;
    private final ModelSettings settings;
    private final ProposalScorer scorer;
    private final Executor modelExecutor;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Map<Long, Job> inFlight = new HashMap<>();
    private final LatencyWindow latencies = new LatencyWindow(1024);
    private final java.util.LinkedHashSet<String> prefetch = new java.util.LinkedHashSet<>();
    private boolean prefetching;
    private Runtime runtime;
    private String detail;
    private boolean loadFailed;
    private long loadMillis;
    private long nextJobId = 1;
    private long served;
    private long timedOut;
    private long overloaded;
    private long failed;
    private final List<Listener> listeners;

    private ModelActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, ModelSettings settings,
                       ProposalScorer scorer, Supplier<TextEmbedder> loader, List<Listener> listeners) {
        super(ctx);
        this.listeners = listeners;
        this.timers = timers;
        this.settings = settings;
        this.scorer = scorer;
        this.modelExecutor = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(ModelSettings.DISPATCHER));
        if (!settings.enabled()) {
            detail = "disabled (ledger.llm.enabled = false)";
        } else {
            detail = "loading";
            long start = System.nanoTime();
            ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> {
                TextEmbedder embedder = loader.get();
                CachingEmbedder cache = new CachingEmbedder(embedder, settings.cacheEntries());
                return new Runtime(cache, ExemplarSet.load(cache), referenceAuctions(cache));
            }, modelExecutor), (rt, err) -> err == null
                    ? new Loaded(rt, (System.nanoTime() - start) / 1_000_000)
                    : new LoadFailed(String.valueOf(err.getCause() == null ? err : err.getCause())));
        }
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Embed.class, this::onEmbed)
                .onMessage(Score.class, this::onScore)
                .onMessage(Trim.class, this::onTrim)
                .onMessage(Predict.class, this::onPredict)
                .onMessage(Prefetch.class, this::onPrefetch)
                .onMessage(PrefetchDone.class, this::onPrefetchDone)
                .onMessage(GetStatus.class, this::onStatus)
                .onMessage(Subscribe.class, m -> {
                    listeners.add(m.listener());
                    return this;
                })
                .onMessage(Loaded.class, this::onLoaded)
                .onMessage(LoadFailed.class, this::onLoadFailed)
                .onMessage(BatchDone.class, this::onBatchDone)
                .onMessage(DeadlinePassed.class, this::onDeadline)
                .onSignal(PostStop.class, s -> {
                    closeRuntime();
                    return this;
                })
                .onSignal(PreRestart.class, s -> {
                    closeRuntime();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onEmbed(Embed m) {
        List<String> texts = List.copyOf(m.texts());
        return enqueue(texts, rt -> new Embedded(rt.embedder().embed(texts)), m.deadline(), m.replyTo());
    }

    private Behavior<Command> onScore(Score m) {
        List<String> texts = ProposalScorer.texts(m.txs());
        return enqueue(texts, rt -> new Scored(scorer.score(m.txs(), m.proposer(), m.view(), rt.exemplars(),
                rt.embedder().embed(texts))), m.deadline(), m.replyTo(), false);
    }

    private Behavior<Command> onTrim(Trim m) {
        List<String> texts = ProposalScorer.texts(m.txs());
        return enqueue(texts, rt -> new Trimmed(scorer.trim(m.txs(), m.proposer(), null, rt.exemplars(),
                rt.embedder().embed(texts))), m.deadline(), m.replyTo(), false);
    }

    private Behavior<Command> onPredict(Predict m) {
        List<String> texts = List.of(m.running().item());
        return enqueue(texts, rt -> new Predicted(new AuctionPredictor().predict(m.running(),
                rt.embedder().embed(m.running().item()), m.fraction(), rt.history())), m.deadline(), m.replyTo());
    }

    private Behavior<Command> onPrefetch(Prefetch m) {
        if (!settings.enabled() || loadFailed) return this;
        for (String t : m.texts()) {
            if (t == null || t.isEmpty() || !prefetch.add(t)) continue;
            if (prefetch.size() > MAX_PREFETCH) {
                var oldest = prefetch.iterator();
                oldest.next();
                oldest.remove();
            }
        }
        runNextBatch();
        return this;
    }

    private Behavior<Command> onPrefetchDone(PrefetchDone m) {
        prefetching = false;
        runNextBatch();
        return this;
    }

    /** Embeds the next few prefetch texts that are not cached yet; only called when no request waits. */
    private void runPrefetchBatch() {
        Runtime rt = runtime;
        List<String> batch = new ArrayList<>(PREFETCH_BATCH);
        var it = prefetch.iterator();
        while (it.hasNext() && batch.size() < PREFETCH_BATCH) {
            String t = it.next();
            it.remove();
            if (!rt.embedder().contains(t)) batch.add(t);
        }
        if (batch.isEmpty()) return; // everything waiting was cached already
        prefetching = true;
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> rt.embedder().embed(batch), modelExecutor),
                (v, err) -> new PrefetchDone(err == null ? batch.size() : 0));
    }

    /** Completed reference auctions with their item embeddings; empty when the data set is not found. */
    static List<AuctionPredictor.Completed> referenceAuctions(TextEmbedder embedder) {
        java.nio.file.Path csv = AuctionCsv.defaultPath();
        if (!java.nio.file.Files.isRegularFile(csv)) {
            return List.of();
        }
        try {
            List<AuctionPredictor.Completed> out = new ArrayList<>();
            for (AuctionRecord a : AuctionCsv.read(csv)) {
                out.add(new AuctionPredictor.Completed(a, embedder.embed(a.item())));
            }
            return List.copyOf(out);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private Behavior<Command> enqueue(List<String> texts, Function<Runtime, Reply> compute, Duration deadline,
                                      ActorRef<Reply> replyTo) {
        return enqueue(texts, compute, deadline, replyTo, true);
    }

    private Behavior<Command> enqueue(List<String> texts, Function<Runtime, Reply> compute, Duration deadline,
                                      ActorRef<Reply> replyTo, boolean waitForLoad) {
        if (!settings.enabled() || loadFailed || (runtime == null && !waitForLoad)) {
            // For consensus (Score, Trim) still loading counts as unavailable too: answering at once lets it decide
            // on the rules instead of every proposal waiting out its deadline while the model loads (seconds at
            // start-up). Embeddings and predictions for users wait in the queue for the model instead.
            failed++;
            refusedEvent(RefusalKind.UNAVAILABLE);
            replyTo.tell(new Refused(RefusalKind.UNAVAILABLE, detail));
            return this;
        }
        if (queue.size() >= settings.maxQueue()) {
            overloaded++;
            refusedEvent(RefusalKind.OVERLOADED);
            replyTo.tell(new Refused(RefusalKind.OVERLOADED, "model queue full (" + settings.maxQueue() + ")"));
            return this;
        }
        Job job = new Job(nextJobId++, texts, compute, replyTo, System.nanoTime());
        queue.addLast(job);
        timers.startSingleTimer(job.id(), new DeadlinePassed(job.id()), deadline == null ? settings.deadline() : deadline);
        runNextBatch();
        return this;
    }

    private void runNextBatch() {
        if (runtime == null || !inFlight.isEmpty() || prefetching) {
            return;
        }
        if (queue.isEmpty()) {
            if (!prefetch.isEmpty()) runPrefetchBatch();
            return;
        }
        List<Job> batch = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        while (!queue.isEmpty() && (batch.isEmpty() || texts.size() + queue.peekFirst().texts().size() <= settings.maxBatchTexts())) {
            Job j = queue.pollFirst();
            batch.add(j);
            texts.addAll(j.texts());
            inFlight.put(j.id(), j);
        }
        Runtime rt = runtime;
        long start = System.nanoTime();
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            Map<Long, Reply> replies = new HashMap<>();
            RuntimeException batchError = null;
            try {
                rt.embedder().embed(texts); // one batch for every text not cached yet
            } catch (RuntimeException e) {
                batchError = e;
            }
            for (Job j : batch) {
                try {
                    if (batchError != null) {
                        throw batchError;
                    }
                    replies.put(j.id(), j.compute().apply(rt));
                } catch (RuntimeException e) {
                    replies.put(j.id(), new Refused(RefusalKind.FAILED, String.valueOf(e)));
                }
            }
            return replies;
        }, modelExecutor), (replies, err) -> {
            Map<Long, Reply> out = replies;
            if (err != null) {
                out = new HashMap<>();
                for (Job j : batch) {
                    out.put(j.id(), new Refused(RefusalKind.FAILED, String.valueOf(err)));
                }
            }
            return new BatchDone(out, (System.nanoTime() - start) / 1000);
        });
    }

    private Behavior<Command> onBatchDone(BatchDone m) {
        for (Map.Entry<Long, Reply> e : m.replies().entrySet()) {
            Job j = inFlight.remove(e.getKey());
            if (j == null) {
                continue; // its deadline passed; already answered
            }
            timers.cancel(j.id());
            if (e.getValue() instanceof Refused r) {
                failed++;
                refusedEvent(r.kind());
            } else {
                served++;
                long micros = (System.nanoTime() - j.startNanos()) / 1000;
                latencies.add(micros);
                for (Listener l : listeners) {
                    l.served(micros);
                }
            }
            j.replyTo().tell(e.getValue());
        }
        inFlight.clear();
        runNextBatch();
        return this;
    }

    private Behavior<Command> onDeadline(DeadlinePassed m) {
        Job j = inFlight.remove(m.jobId());
        if (j != null) {
            // stays counted as busy until the batch returns: keep a placeholder so no second batch starts
            inFlight.put(m.jobId(), null);
        } else {
            for (Job q : queue) {
                if (q.id() == m.jobId()) {
                    j = q;
                    break;
                }
            }
            if (j == null) {
                return this;
            }
            queue.remove(j);
        }
        timedOut++;
        refusedEvent(RefusalKind.TIMED_OUT);
        j.replyTo().tell(new Refused(RefusalKind.TIMED_OUT, "deadline passed after "
                + (System.nanoTime() - j.startNanos()) / 1_000_000 + " ms"));
        return this;
    }

    private Behavior<Command> onLoaded(Loaded m) {
        runtime = m.runtime();
        loadMillis = m.millis();
        detail = "loaded in " + loadMillis + " ms";
        getContext().getLog().info("Model loaded in {} ms ({} risky / {} benign exemplars)", loadMillis,
                runtime.exemplars().riskyCount(), runtime.exemplars().benignCount());
        runNextBatch();
        return this;
    }

    private Behavior<Command> onLoadFailed(LoadFailed m) {
        loadFailed = true;
        detail = "model failed to load: " + m.reason();
        getContext().getLog().warn("Model actor degraded: {}", detail);
        for (Job j : queue) {
            timers.cancel(j.id());
            failed++;
            refusedEvent(RefusalKind.UNAVAILABLE);
            j.replyTo().tell(new Refused(RefusalKind.UNAVAILABLE, detail));
        }
        queue.clear();
        return this;
    }

    private Behavior<Command> onStatus(GetStatus m) {
        boolean loaded = runtime != null;
        m.replyTo().tell(new Status(settings.enabled(), loaded, !loaded, detail, queue.size(), !inFlight.isEmpty(),
                served, timedOut, overloaded, failed, latencies.quantile(0.5), latencies.quantile(0.99), loadMillis,
                loaded ? runtime.embedder().size() : 0));
        return this;
    }

    private void refusedEvent(RefusalKind kind) {
        for (Listener l : listeners) {
            l.refused(kind);
        }
    }

    private void closeRuntime() {
        if (runtime != null && runtime.embedder().inner() instanceof AutoCloseable) {
            try {
                ((AutoCloseable) runtime.embedder().inner()).close();
            } catch (Exception e) {
                getContext().getLog().warn("closing the model failed: {}", e.toString());
            }
        }
    }
}
