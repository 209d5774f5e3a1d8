package io.reactiveledger.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Submits pre-signed transactions, either closed loop ({@code clients} clients, each with one submission
 * in flight; a sender's transactions all go through one client, in nonce order) or open loop (a fixed
 * offered {@code rate}). Refusals that clear by themselves (pool full, a timed-out request) are retried
 * after a short pause and counted.
 */
public final class LoadDriver {
    /** What a submission came back with. */
    public enum Outcome { ACCEPTED, RETRY }

    /** Sends one transaction to one node. A failed stage is retried; an {@link IllegalStateException} is fatal. */
    public interface Submitter {
        CompletionStage<Outcome> submit(int node, byte[] tx);
    }

    private static final long RETRY_MILLIS = 5;
    private static final int MAX_RETRIES_PER_TX = 2_000;

    private final Submitter submitter;
    private final CommitTracker tracker;
    private final IntFunction<byte[]> txBytes;
    private final IntFunction<Integer> senderOf;
    private final AtomicLong retries = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bench-load-timer"));
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> daemon(r, "bench-load"));
    private final CompletableFuture<Void> failed = new CompletableFuture<>();

    public LoadDriver(Submitter submitter, CommitTracker tracker, IntFunction<byte[]> txBytes, IntFunction<Integer> senderOf) {
        this.submitter = submitter;
        this.tracker = tracker;
        this.txBytes = txBytes;
        this.senderOf = senderOf;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public long retries() {
        return retries.get();
    }

    /** Closed loop; completes when every transaction was accepted by its node. */
    public CompletableFuture<Void> runClients(int clients) {
        List<List<Integer>> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) perClient.add(new ArrayList<>());
        for (int i = 0; i < tracker.size(); i++) perClient.get(senderOf.apply(i) % clients).add(i);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (List<Integer> mine : perClient) {
            if (mine.isEmpty()) continue;
            CompletableFuture<Void> done = new CompletableFuture<>();
            callbacks.execute(() -> step(mine, 0, 0, done));
            all.add(done);
        }
        return anyFailure(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    }

    private void step(List<Integer> mine, int pos, int attempt, CompletableFuture<Void> done) {
        if (pos == mine.size()) {
            done.complete(null);
            return;
        }
        int tx = mine.get(pos);
        send(tx, attempt).whenCompleteAsync((ok, err) -> {
            if (err != null) {
                done.completeExceptionally(err);
            } else if (ok) {
                step(mine, pos + 1, 0, done);
            } else {
                timer.schedule(() -> callbacks.execute(() -> step(mine, pos, attempt + 1, done)), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }, callbacks);
    }

    /** One attempt: true when accepted, false to retry; fails on a fatal refusal or too many retries. */
    private CompletableFuture<Boolean> send(int tx, int attempt) {
        if (attempt > MAX_RETRIES_PER_TX) {
            return CompletableFuture.failedFuture(new IllegalStateException("transaction " + tx + " refused " + attempt + " times"));
        }
        if (attempt > 0) retries.incrementAndGet();
        tracker.submitted(tx, System.nanoTime());
        CompletionStage<Outcome> stage;
        try {
            stage = submitter.submit(tracker.nodeOf(tx), txBytes.apply(tx));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stage.toCompletableFuture().handle((o, err) -> {
            if (err == null) return o == Outcome.ACCEPTED;
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof IllegalStateException) throw new java.util.concurrent.CompletionException(cause);
            return false; // timeouts, connection hiccups: retry
        });
    }

    /** Open loop at {@code rate} tx/s in index order; completes when every transaction was accepted. */
    public CompletableFuture<Void> runRate(int rate) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        timer.scheduleAtFixedRate(() -> {
            long due = Math.min(tracker.size(), (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
            while (next.get() < due) {
                int tx = next.getAndIncrement();
                openLoopSend(tx, 0, accepted, done);
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        return anyFailure(done);
    }

    private void openLoopSend(int tx, int attempt, AtomicInteger accepted, CompletableFuture<Void> done) {
        send(tx, attempt).whenComplete((ok, err) -> {
            if (err != null) {
                done.completeExceptionally(err);
            } else if (ok) {
                if (accepted.incrementAndGet() == tracker.size()) done.complete(null);
            } else {
                timer.schedule(() -> openLoopSend(tx, attempt + 1, accepted, done), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    private CompletableFuture<Void> anyFailure(CompletableFuture<Void> f) {
        return f.whenComplete((v, e) -> {
            if (e != null) failed.completeExceptionally(e);
        });
    }

    public void close() {
        timer.shutdownNow();
        callbacks.shutdownNow();
    }

    /**
     * Submits {@code cfg}'s load (closed loop with {@code clients}, else open loop at {@code rate}), waits until
     * {@code tracker} saw every transaction committed (at most max(120 s, txs / 50 s) for each phase), and closes
     * the driver.
     */
    public void runToCommit(ClusterBenchConfig cfg) throws Exception {
        try {
            long timeoutS = Math.max(120, cfg.txs() / 50);
            (cfg.clients() > 0 ? runClients(cfg.clients()) : runRate(cfg.rate())).get(timeoutS, TimeUnit.SECONDS);
            if (!tracker.awaitAll(timeoutS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + tracker.committed() + " of " + cfg.txs() + " committed in " + timeoutS + " s");
            }
        } finally {
            close();
        }
    }
}
