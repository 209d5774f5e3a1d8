package io.reactiveledger.bench.cluster;

import com.typesafe.config.Config;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code ledger bench cluster --mode in-jvm}: N validators in this JVM, every transaction signed first,
 * submitted to the mempools as {@code MempoolActor.Submit} from C clients (or at a fixed rate), and
 * followed to commit through {@code ConsensusActor.Subscribe} on every node.
 */
public final class InJvmClusterBench {
    private final ClusterBenchConfig cfg;
    private final Config nodeOverrides;
    private final PrintStream log;
    private int boundTxs = 8_000;

    /** Transactions signed for the Ed25519 rate (default 8,000; fewer for a smoke test). */
    public InJvmClusterBench boundTxs(int n) {
        this.boundTxs = n;
        return this;
    }

    public InJvmClusterBench(ClusterBenchConfig cfg, Config nodeOverrides, PrintStream log) {
        this.cfg = cfg.validate();
        if (cfg.mode() != ClusterBenchConfig.Mode.IN_JVM) throw new IllegalArgumentException("not an in-jvm configuration");
        this.nodeOverrides = nodeOverrides;
        this.log = log;
    }

    public ClusterReport run() throws Exception {
        String startedAt = Instant.now().toString();
        int threads = Runtime.getRuntime().availableProcessors();
        log.printf("measuring Ed25519 verify on %d threads (before the cluster starts) ...%n", threads);
        double verifies = SignatureBoundMeter.verifiesPerSecond(threads, boundTxs);

        log.printf("signing %d %s transactions from %d senders ...%n", cfg.txs(), cfg.payload(), cfg.senders());
        Workload w = Workload.create("bench", cfg, "bench-", System.currentTimeMillis());
        List<Address> funded = new ArrayList<>();
        for (KeyPair k : w.senders()) funded.add(k.address());
        for (KeyPair k : w.sellers()) funded.add(k.address());

        Path dir = Files.createTempDirectory("ledger-bench-");
        ResourceSampler sampler = new ResourceSampler(List.of(ResourceSampler.thisJvm("jvm (all validators)", true)));
        try (InJvmCluster cluster = new InJvmCluster(dir, cfg.validators(), funded, Workload.FUNDS,
                nodeOverrides.withFallback(com.typesafe.config.ConfigFactory.parseString("ledger.llm.enabled = " + cfg.model())))) {
            CommitTracker setup = w.setup().isEmpty() ? null : tracker(w.setup(), i -> i % cfg.validators());
            CommitTracker main = tracker(w.txs(), i -> w.senderOf(i) % cfg.validators());
            List<Consumer<ConsensusActor.Committed>> subs = new ArrayList<>();
            List<long[]> phases = new ArrayList<>(); // node 0: header time (proposer's clock), commit time, txs
            java.util.concurrent.atomic.AtomicLongArray blocksSeen = new java.util.concurrent.atomic.AtomicLongArray(cfg.validators());
            for (int n = 0; n < cfg.validators(); n++) {
                int node = n;
                subs.add(c -> {
                    long now = System.nanoTime();
                    blocksSeen.incrementAndGet(node);
                    if (node == 0) {
                        synchronized (phases) {
                            phases.add(new long[] {c.block().block().header().timeMs(), System.currentTimeMillis(),
                                    c.block().block().transactions().size()});
                        }
                    }
                    java.util.Set<Hash> succeeded = new java.util.HashSet<>();
                    for (Receipt r : c.receipts()) if (r.status() == ReceiptStatus.SUCCESS) succeeded.add(r.txHash());
                    List<Hash> hashes = new ArrayList<>();
                    List<Boolean> ok = new ArrayList<>();
                    for (Transaction t : c.block().block().transactions()) {
                        hashes.add(t.hash());
                        ok.add(succeeded.contains(t.hash()));
                    }
                    int round = c.block().certificate().round();
                    if (setup != null) setup.blockCommitted(node, hashes, ok, round, now);
                    main.blockCommitted(node, hashes, ok, round, now);
                });
            }
            log.printf("starting %d validator(s) in this JVM (journals under %s) ...%n", cfg.validators(), dir);
            cluster.start(subs);
            cluster.awaitModels(java.time.Duration.ofMinutes(3));
            // The cluster must have formed and be committing (empty) blocks on every node before anything is timed.
            long formed = System.currentTimeMillis() + 180_000;
            for (int n = 0; n < cfg.validators(); n++) {
                while (blocksSeen.get(n) < 2) {
                    if (System.currentTimeMillis() > formed) throw new IllegalStateException("node" + n + " commits no blocks");
                    Thread.sleep(50);
                }
            }

            if (setup != null) {
                log.printf("setup: creating %d auctions ...%n", w.setup().size());
                LoadDriver d = new LoadDriver(cluster.submitter(), setup, i -> w.setup().get(i).encoded(), i -> i);
                try {
                    d.runClients(Math.min(64, w.setup().size())).get(5, TimeUnit.MINUTES);
                    if (!setup.awaitAll(5, TimeUnit.MINUTES)) throw new IllegalStateException("setup transactions not committed");
                    if (setup.successes() != w.setup().size()) {
                        throw new IllegalStateException("setup: only " + setup.successes() + " auctions created");
                    }
                } finally {
                    d.close();
                }
            }

            log.printf("submitting %d txs (%s) ...%n", cfg.txs(), load());
            sampler.start();
            LoadDriver driver = new LoadDriver(cluster.submitter(), main, i -> w.txs().get(i).encoded(), w::senderOf);
            driver.runToCommit(cfg);
            sampler.sample();
            CommitTracker.Window win = main.window(cfg.warmupTxs());
            List<ClusterReport.NodeResources> res = sampler.resources(win.startNanos(), win.endNanos());
            double boundTps = verifies / cfg.validators();
            List<String> notes = new ArrayList<>(List.of("in-jvm: all validators, their journals and the load generator share one JVM and its "
                            + "cores; CPU and heap are for that whole process",
                    "latency: from just before the first submission to the commit notification on the node "
                            + "the transaction was submitted to (after the block is durably persisted there)"));
            synchronized (phases) {
                notes.add(phaseNote(phases));
            }
            return new ClusterReport(
                    new ClusterReport.Run("in-jvm", cfg.validators(), cfg.txs(), cfg.warmupTxs(),
                            cfg.payload().name().toLowerCase(), load(), "in-jvm: MempoolActor.Submit (ask), no HTTP",
                            cfg.senders(), cfg.model(), startedAt),
                    new ClusterReport.Result(main.committed(), main.successes(), driver.retries(), win.measuredTxs(),
                            win.seconds(), win.tps(), win.latency(), win.blocks(), win.blocksPerSecond(), win.txsPerBlock(),
                            win.maxTxsPerBlock(), win.laterRoundBlocks(), win.totalSeconds()),
                    res,
                    new ClusterReport.SignatureBound(threads, verifies, boundTps, win.tps() / boundTps),
                    null, ClusterReport.Machine.current(), notes);
        } finally {
            sampler.close();
        }
    }

    /**
     * Where a block's time goes, on node 0, for blocks with transactions: from the header's time (when the
     * proposer built it) to its commit there, and from the previous commit to this header's time (the
     * next height starting, reaping, building). One clock: all nodes are in this JVM.
     */
    static String phaseNote(List<long[]> phases) {
        List<Long> agree = new ArrayList<>();
        List<Long> start = new ArrayList<>();
        for (int i = 1; i < phases.size(); i++) {
            if (phases.get(i)[2] == 0) continue;
            agree.add(phases.get(i)[1] - phases.get(i)[0]);
            start.add(phases.get(i)[0] - phases.get(i - 1)[1]);
        }
        if (agree.isEmpty()) return "block phases: no non-empty blocks";
        java.util.Collections.sort(agree);
        java.util.Collections.sort(start);
        return String.format(java.util.Locale.ROOT, "block phases on node0 (median of %d non-empty blocks): built -> committed %d ms "
                        + "(proposal, validation, votes, persist); previous commit -> built %d ms (next height, reap, build)",
                agree.size(), agree.get(agree.size() / 2), start.get(start.size() / 2));
    }

    private String load() {
        return cfg.clients() > 0 ? "clients=" + cfg.clients() + " (closed loop)" : "rate=" + cfg.rate() + " tx/s (open loop)";
    }

    private static CommitTracker tracker(List<Transaction> txs, java.util.function.IntUnaryOperator nodeOf) {
        List<Hash> hashes = new ArrayList<>();
        int[] nodes = new int[txs.size()];
        for (int i = 0; i < txs.size(); i++) {
            hashes.add(txs.get(i).hash());
            nodes[i] = nodeOf.applyAsInt(i);
        }
        return new CommitTracker(hashes, nodes, 0);
    }
}
