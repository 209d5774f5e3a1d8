package io.reactiveledger.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.apache.pekko.stream.javadsl.Source;

/**
 * Replays a node's chain journal: streams its events with Pekko Persistence Query, prepares batches in
 * parallel ({@link BlockPreparer}: decoding, certificates, tx signatures on all cores) while the
 * previous batch is re-executed in order by {@link ChainVerifier} on one thread of its own.
 * Runs its own minimal local ActorSystem (no cluster, no remoting) and stops it when done.
 */
public final class Replay {
    /** Journal bytes per batch: large enough to keep all cores busy, small enough to bound memory. */
    static final long BATCH_BYTES = 1L << 20;
    /** Contract instance journals queried at once. */
    static final int CONTRACT_QUERIES = 4;

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
            ContractCalls calls = new ContractCalls(ContractRegistry.standard(), genesis.state());
            ChainVerifier verifier = new ChainVerifier(genesis, sigCheck, List.of(new ReceiptsCheck(), calls), options.toHeight());
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
            // verifier and calls were written on the applying thread: read them there (as the summary is)
            ContractJournalCheck contracts = CompletableFuture.supplyAsync(() -> new ContractJournalCheck(calls, verifier.height(),
                    verifier.failure().isEmpty() && options.toHeight() == Long.MAX_VALUE), applying).join();
            checkContractJournals(system, config.getString(NodeConfig.NODE_NAME), genesis.chainId(), calls,
                    contracts.verifiedHeight(), contracts);
            long contractElapsed = System.nanoTime() - start - elapsed;
            return CompletableFuture.supplyAsync(() -> summary(pid, options, verifier, contracts, elapsed, contractElapsed), applying).join();
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

    /**
     * Reads every contract instance journal of the node and chain (those the re-executed chain created up to
     * {@code verifiedHeight}, and any other journal under the node's contract prefix) into {@code check}.
     */
    static void checkContractJournals(ActorSystem<?> system, String node, String chainId, ContractCalls calls,
                                      long verifiedHeight, ContractJournalCheck check) throws InterruptedException, ExecutionException {
        String prefix = NodeConfig.persistenceId(node, "contract", chainId + "-").id();
        Map<Long, String> journals = new TreeMap<>();
        for (String id : ContractJournalSource.persistenceIds(system, prefix).toCompletableFuture().get()) {
            String suffix = id.substring(prefix.length());
            try {
                journals.put(Long.parseLong(suffix), id);
            } catch (NumberFormatException e) {
                check.foreignJournal(id);
            }
        }
        Set<Long> ids = new TreeSet<>(journals.keySet());
        calls.contracts().forEach((id, c) -> {
            if (!c.calls().isEmpty() && c.calls().get(0).height() <= verifiedHeight) ids.add(id);
        });
        // several journals read at once (one query each; the pool's connections), finished in id order on one thread
        Source.from(new ArrayList<>(ids))
                .mapAsync(CONTRACT_QUERIES, (Long id) -> {
                    ContractJournalCheck.Journal j = check.journal(id);
                    String pid = journals.get(id);
                    if (pid == null) return CompletableFuture.completedFuture(j);
                    return ContractJournalSource.events(system, pid).runWith(Sink.foreach(j::accept), system).thenApply(done -> j);
                })
                .runWith(Sink.foreach(ContractJournalCheck.Journal::finish), system)
                .toCompletableFuture().get();
    }

    private static ReplaySummary summary(String pid, Options options, ChainVerifier v, ContractJournalCheck c, long elapsedNanos,
                                         long contractNanos) {
        double s = Math.max(elapsedNanos, 1) / 1e9;
        // the earliest failure wins; on equal heights the chain's (its checks ran first)
        ReplayFailure failure = v.failure().orElse(null);
        ReplayFailure contract = c.failure().orElse(null);
        if (contract != null && (failure == null || contract.height() < failure.height())) failure = contract;
        return new ReplaySummary(pid, options.verifySignatures(), v.height(), v.txs(), v.events(), v.evidenceEvents(),
                v.otherEvents(), v.badSignatureTxs(), s, v.events() / s, v.txs() / s, v.height(), v.headHash().hex(),
                v.stateRoot().hex(), c.journals(), c.events(), contractNanos / 1e9, c.warnings(), failure);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
