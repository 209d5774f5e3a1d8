package io.reactiveledger.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Replays a node's chain journal: streams its events with Pekko Persistence Query, prepares batches in
 * parallel ({@link BlockPreparer}: decoding, certificates, tx signatures on all cores) while the
 * previous batch is re-executed in order by {@link ChainVerifier} on one thread of its own.
 * Runs its own minimal local ActorSystem (no cluster, no remoting) and stops it when done.
 */
public final class Replay {
    /** Journal bytes per batch: large enough to keep all cores busy, small enough to bound memory. */
    static final long BATCH_BYTES = 1L << 20;

    public record Options(boolean verifySignatures, long toHeight, int threads) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be positive");
            if (toHeight < 0) throw new IllegalArgumentException("to-height must not be negative");
        }

        public static Options defaults() {
            return new Options(true, Long.MAX_VALUE, Runtime.getRuntime().availableProcessors());
        }
    }

    /** Called on the applying thread: once with the journal's length when known, then after each batch. */
    public interface Progress {
        default void totalEvents(long events) {
        }

        void update(long height, long events, long txs, long elapsedNanos);
    }

    private Replay() {
    }

    /** The configuration of a replay of node {@code nodeName}'s journal in {@code dataDir}: local provider, quiet logs. */
    public static Config config(String nodeName, Path dataDir) {
        return NodeConfig.of(nodeName, dataDir, 0, 0, ConfigFactory.parseString("""
                pekko.actor.provider = local
                pekko.loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """));
    }

    public static ReplaySummary run(Config config, Genesis genesis, Options options, Progress progress,
                                    Consumer<VerifiedBlock> onVerified) {
        String pid = NodeConfig.persistenceId(config.getString(NodeConfig.NODE_NAME), "chain", genesis.chainId()).id();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "replay", config);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        ExecutorService preparing = Executors.newFixedThreadPool(2, daemon("replay-prepare"));
        ExecutorService applying = Executors.newSingleThreadExecutor(daemon("replay-apply"));
        try {
            SignatureVerdicts verdicts = new SignatureVerdicts();
            Predicate<Transaction> sigCheck = options.verifySignatures() ? verdicts : tx -> true;
            ChainVerifier verifier = ChainVerifier.standard(genesis, sigCheck, options.toHeight());
            if (onVerified != null) verifier.onVerified(onVerified);
            BlockPreparer preparer = new BlockPreparer(genesis, options.verifySignatures(), pool, verdicts);
            if (progress != null) JournalLength.highestSequenceNr(system, pid).ifPresent(progress::totalEvents);
            AtomicBoolean stop = new AtomicBoolean(verifier.done());
            long start = System.nanoTime();
            JournalSource.events(system, pid)
                        .groupedWeighted(BATCH_BYTES, JournalEntry::weight)
                        .takeWhile(batch -> !stop.get())
                        .mapAsync(2, batch -> CompletableFuture.supplyAsync(() -> preparer.prepare(batch), preparing))
                        .mapAsync(1, (List<PreparedBlock> prepared) -> CompletableFuture.supplyAsync(() -> {
                            verifier.accept(prepared);
                            if (verifier.done()) stop.set(true);
                            if (progress != null) progress.update(verifier.height(), verifier.events(), verifier.txs(), System.nanoTime() - start);
                            return prepared.size();
                        }, applying))
                        .runWith(Sink.ignore(), system)
                        .toCompletableFuture().get();
            long elapsed = System.nanoTime() - start;
            return CompletableFuture.supplyAsync(() -> summary(pid, options, verifier, elapsed), applying).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay failed: " + e.getCause(), e.getCause());
        } finally {
            applying.shutdown();
            preparing.shutdown();
            pool.shutdown();
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort: the summary is already computed
            }
        }
    }

    private static ReplaySummary summary(String pid, Options options, ChainVerifier v, long elapsedNanos) {
        double s = Math.max(elapsedNanos, 1) / 1e9;
        return new ReplaySummary(pid, options.verifySignatures(), v.height(), v.txs(), v.events(), v.evidenceEvents(),
                v.otherEvents(), v.badSignatureTxs(), s, v.events() / s, v.txs() / s, v.height(), v.headHash().hex(),
                v.stateRoot().hex(), v.failure().orElse(null));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
