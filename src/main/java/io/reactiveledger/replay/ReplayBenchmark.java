package io.reactiveledger.replay;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.JournalSchema;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code ledger bench replay}: writes a journal of transfers through a ChainStore actor (blocks certified
 * by 4 validator keys), replays it without and with signature checks, and measures this machine's
 * parallel Ed25519 verify rate in the same run, for the ratio. docs/BENCHMARKS.md, "Journal replay".
 */
public final class ReplayBenchmark {
    public record Config(int txs, int blockSize, int accounts, int runs, int threads, Path dataDir) {
    }

    /** {@code cpuSeconds}: this process's CPU time during the run, telling a busy machine from slow code. */
    public record Run(boolean signatures, double seconds, double cpuSeconds, long events, long txs, double eventsPerSecond,
                      double txsPerSecond) {
    }

    public record Result(int txs, int blocks, int blockSize, int accounts, int threads, int cores, double writeSeconds,
                         double verifyRatePerSecond, List<Run> runs, double bestTxsPerSecondNoSignatures,
                         double bestTxsPerSecondSignatures, double ratioToVerifyRate, String stateRoot) {
    }

    private static final String NODE = "bench";

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
    private final Config config;

    public ReplayBenchmark(Config config) {
        if (config.txs() < 1 || config.blockSize() < 1 || config.accounts() < 2 || config.runs() < 1 || config.threads() < 1) {
            throw new IllegalArgumentException("sizes must be positive (accounts at least 2)");
        }
        this.config = config;
    }

    public Result run(PrintStream out) throws Exception {
        int blocks = (config.txs() + config.blockSize() - 1) / config.blockSize();
        Path dir = config.dataDir().resolve(NODE);
        com.typesafe.config.Config nodeConfig = Replay.config(NODE, dir);
        out.printf(Locale.ROOT, "writing %d blocks of %d transfers among %d accounts to %s ...%n", blocks, config.blockSize(),
                config.accounts(), dir);
        JournalGenerator g = new JournalGenerator(4, config.accounts());
        long t0 = System.nanoTime();
        JournalSchema.createIfNotExists(nodeConfig);
        ActorSystem<Void> writer = ActorSystem.create(Behaviors.empty(), "bench-writer", nodeConfig);
        ChainHead head;
        try {
            head = g.write(writer, NODE, blocks, config.blockSize(), Set.of(), null);
        } finally {
            writer.terminate();
            writer.getWhenTerminated().toCompletableFuture().get();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        // So that `ledger replay --data <dir>/bench` can replay (and profile) the same journal afterwards.
        java.nio.file.Files.writeString(dir.resolve("genesis.json"), g.genesis.toJson(java.util.Map.of()));
        out.printf(Locale.ROOT, "wrote %d blocks, %d txs in %.1f s%n", head.height(), (long) blocks * config.blockSize(), writeSeconds);

        List<Run> runs = new ArrayList<>();
        double verifyRate = 0;
        for (int i = 0; i < config.runs(); i++) {
            runs.add(replay(nodeConfig, g, false, out));
            verifyRate = Math.max(verifyRate, verifyRate(g, out));
            runs.add(replay(nodeConfig, g, true, out));
        }
        double bestNo = runs.stream().filter(r -> !r.signatures()).mapToDouble(Run::txsPerSecond).max().orElse(0);
        double bestSig = runs.stream().filter(Run::signatures).mapToDouble(Run::txsPerSecond).max().orElse(0);
        Result r = new Result(config.txs(), blocks, config.blockSize(), config.accounts(), config.threads(),
                Runtime.getRuntime().availableProcessors(), writeSeconds, verifyRate, runs, bestNo, bestSig, bestSig / verifyRate,
                head.state().root().hex());
        out.printf(Locale.ROOT, "%nbest without signature checks: %,.0f txs/s (target >= 100,000)%n", bestNo);
        out.printf(Locale.ROOT, "best with signature checks:    %,.0f txs/s = %.0f%% of the parallel verify rate %,.0f sig/s (target >= 80%%)%n",
                bestSig, 100 * r.ratioToVerifyRate(), verifyRate);
        return r;
    }

    private Run replay(com.typesafe.config.Config nodeConfig, JournalGenerator g, boolean signatures, PrintStream out) {
        long cpu0 = processCpuNanos();
        ReplaySummary s = Replay.run(nodeConfig, g.genesis, new Replay.Options(signatures, Long.MAX_VALUE, config.threads()), null, null);
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        if (!s.ok()) throw new IllegalStateException("benchmark journal did not verify: " + s.failure().message());
        Run r = new Run(signatures, s.elapsedSeconds(), cpu, s.events(), s.txs(), s.eventsPerSecond(), s.txsPerSecond());
        out.printf(Locale.ROOT, "replay %-20s %6.2f s (%6.2f CPU s)  %,8.0f events/s  %,9.0f txs/s%n",
                signatures ? "with signatures:" : "without signatures:", r.seconds(), r.cpuSeconds(), r.eventsPerSecond(), r.txsPerSecond());
        return r;
    }

    /**
     * Ed25519 strict verification of the journal's first transactions (decoded beforehand, so the sender
     * key's point is already decoded) on {@code threads} threads: what the machine can verify at best.
     */
    private double verifyRate(JournalGenerator g, PrintStream out) throws Exception {
        List<Transaction> txs = new ArrayList<>();
        // Fresh signatures (not the journal's) so nothing is cached; same key set and sizes as the journal.
        int n = Math.min(config.txs(), 20_000);
        for (Transaction t : g.transfers(n, 1)) {
            try {
                Transaction d = Transaction.decode(t.encoded());
                d.sender().isValid(); // decode the point outside the timed section
                txs.add(d);
            } catch (DecodeException e) {
                throw new IllegalStateException(e);
            }
        }
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long ok = pool.submit(() -> txs.parallelStream().filter(Transaction::verifySignature).count()).get();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            if (ok != txs.size()) throw new IllegalStateException("signatures did not verify");
            double rate = txs.size() / s;
            out.printf(Locale.ROOT, "parallel Ed25519 verify, %d threads: %,.0f sig/s (%d signatures, %.2f s, %.2f CPU s)%n",
                    config.threads(), rate, txs.size(), s, cpu);
            return rate;
        } finally {
            pool.shutdown();
        }
    }
}
