package io.reactiveledger.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ledger bench cluster --mode processes}: validators as separate JVMs (a devnet this command starts,
 * or running nodes given by {@code --endpoints}), transactions submitted over the HTTP API
 * ({@code POST /v1/transactions?wait=checked}, several connections) and followed to commit through each
 * node's {@code GET /v1/events} stream. Senders are fresh accounts funded first, before the clock, by
 * transfers from the devnet's demo accounts.
 *
 * @param endpoints  node base URLs; empty to start a devnet
 * @param pids       node process ids for CPU (with {@code endpoints}); empty when unknown
 */
public final class ProcessesClusterBench {
    public record Options(List<String> endpoints, List<Long> pids, String nodeJvmOpts, int basePort, int clusterPort) {
    }

    private static final int FUNDING_BATCH = 60; // below the mempool's nonce window of 64

    private final ClusterBenchConfig cfg;
    private final Options opt;
    private final PrintStream log;

    public ProcessesClusterBench(ClusterBenchConfig cfg, Options opt, PrintStream log) {
        this.cfg = cfg.validate();
        this.opt = opt;
        this.log = log;
    }

    public ClusterReport run() throws Exception {
        String startedAt = Instant.now().toString();
        int threads = Runtime.getRuntime().availableProcessors();
        log.printf("measuring Ed25519 verify on %d threads (before the nodes start) ...%n", threads);
        double verifies = SignatureBoundMeter.verifiesPerSecond(threads, 8_000);

        DevnetProcesses devnet = null;
        Path dir = null;
        List<String> endpoints = opt.endpoints();
        List<Long> pids = opt.pids();
        if (endpoints.isEmpty()) {
            dir = Files.createTempDirectory("ledger-bench-devnet-");
            devnet = DevnetProcesses.start(cfg.validators(), dir.resolve("devnet"), opt.basePort(), opt.clusterPort(),
                    opt.nodeJvmOpts() + " -Dledger.llm.enabled=" + cfg.model(), log);
            endpoints = devnet.endpoints();
            pids = devnet.pids();
        } else if (endpoints.size() != cfg.validators()) {
            throw new IllegalArgumentException("--endpoints lists " + endpoints.size() + " nodes but --validators is " + cfg.validators());
        }
        HttpClient http = HttpNode.newClient();
        List<HttpNode> nodes = new ArrayList<>();
        for (String e : endpoints) nodes.add(new HttpNode(e, http));
        List<ResourceSampler.Probe> probes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            HttpNode n = nodes.get(i);
            probes.add(new ProcessProbe("node-" + i, i < pids.size() ? pids.get(i) : -1, n::heapUsedBytes, n.heapMaxBytes()));
        }
        probes.add(ResourceSampler.thisJvm("load generator (this JVM)", false));
        ResourceSampler sampler = new ResourceSampler(probes);
        List<Thread> followers = new ArrayList<>();
        try {
            for (HttpNode n : nodes) { // every node committing blocks before anything is sent
                long deadline = System.currentTimeMillis() + 180_000;
                while (n.get("/v1/status").path("latestHeight").asLong() < 2) {
                    if (System.currentTimeMillis() > deadline) throw new IllegalStateException(n.base() + " commits no blocks");
                    Thread.sleep(200);
                }
                // --model on: measure screening, not the start-up seconds during which it is refused (rules only)
                while (cfg.model() && !n.get("/v1/status").path("model").path("loaded").asBoolean()) {
                    if (System.currentTimeMillis() > deadline) throw new IllegalStateException(n.base() + "'s model did not load");
                    Thread.sleep(200);
                }
            }
            JsonNode status = nodes.get(0).get("/v1/status");
            String chainId = status.path("chainId").asText();
            log.printf("signing %d %s transactions from %d senders for chain %s ...%n", cfg.txs(), cfg.payload(), cfg.senders(), chainId);
            String prefix = "bench-" + System.currentTimeMillis() + "-";
            Workload w = Workload.create(chainId, cfg, prefix, System.currentTimeMillis());
            if (!w.setup().isEmpty() && nodes.get(0).get("/v1/auctions").path("auctions").size() != 0) {
                throw new IllegalStateException("--payload bid needs a chain without auctions (a fresh devnet)");
            }
            fund(nodes, chainId, w);

            CommitTracker setup = w.setup().isEmpty() ? null : tracker(w.setup(), i -> i % cfg.validators());
            CommitTracker main = tracker(w.txs(), i -> w.senderOf(i) % cfg.validators());
            for (int i = 0; i < nodes.size(); i++) {
                int node = i;
                long from = nodes.get(i).get("/v1/status").path("latestHeight").asLong() + 1;
                followers.add(nodes.get(i).follow(from, e -> {
                    long now = System.nanoTime();
                    if (setup != null) setup.blockCommitted(node, e.txs(), e.success(), e.round(), now);
                    main.blockCommitted(node, e.txs(), e.success(), e.round(), now);
                }));
            }
            LoadDriver.Submitter submitter = (node, tx) -> nodes.get(node).submit(tx);
            if (setup != null) {
                log.printf("setup: creating %d auctions ...%n", w.setup().size());
                LoadDriver d = new LoadDriver(submitter, setup, i -> w.setup().get(i).encoded(), i -> i);
                try {
                    d.runClients(Math.min(32, w.setup().size())).get(5, TimeUnit.MINUTES);
                    if (!setup.awaitAll(5, TimeUnit.MINUTES) || setup.successes() != w.setup().size()) {
                        throw new IllegalStateException("setup: " + setup.successes() + " of " + w.setup().size() + " auctions created");
                    }
                } finally {
                    d.close();
                }
            }

            log.printf("submitting %d txs over HTTP (%s) ...%n", cfg.txs(), load());
            sampler.start();
            LoadDriver driver = new LoadDriver(submitter, main, i -> w.txs().get(i).encoded(), w::senderOf);
            driver.runToCommit(cfg);
            sampler.sample();
            CommitTracker.Window win = main.window(cfg.warmupTxs());
            double boundTps = verifies / cfg.validators();
            return new ClusterReport(
                    new ClusterReport.Run("processes", cfg.validators(), cfg.txs(), cfg.warmupTxs(),
                            cfg.payload().name().toLowerCase(), load(),
                            "http: POST /v1/transactions?wait=checked (HTTP/1.1, pooled connections), commits from GET /v1/events",
                            cfg.senders(), cfg.model(), startedAt),
                    new ClusterReport.Result(main.committed(), main.successes(), driver.retries(), win.measuredTxs(),
                            win.seconds(), win.tps(), win.latency(), win.blocks(), win.blocksPerSecond(), win.txsPerBlock(),
                            win.maxTxsPerBlock(), win.laterRoundBlocks(), win.totalSeconds()),
                    sampler.resources(win.startNanos(), win.endNanos()),
                    new ClusterReport.SignatureBound(threads, verifies, boundTps, win.tps() / boundTps),
                    null, ClusterReport.Machine.current(),
                    List.of("processes: one JVM per validator (" + (devnet != null ? "devnet, node JVM options " + opt.nodeJvmOpts() : "given endpoints")
                                    + "); the load generator is this JVM on the same machine",
                            "latency: from just before the first POST to the block event on the node it was posted to",
                            "CPU from /proc/<pid>/stat, heap from each node's /metrics (jvm_memory_used_bytes, area heap)"));
        } finally {
            for (Thread t : followers) t.interrupt();
            sampler.close();
            if (devnet != null) devnet.close();
            if (dir != null) deleteTree(dir);
        }
    }

    /** Funds every sender (and seller) from the demo accounts, in batches inside the nonce window, and waits for it. */
    private void fund(List<HttpNode> nodes, String chainId, Workload w) throws Exception {
        List<KeyPair> accounts = new ArrayList<>(w.senders());
        accounts.addAll(w.sellers());
        long perSender = cfg.payload() == ClusterBenchConfig.Payload.BID
                ? (long) cfg.txsPerSender() * (Workload.START_PRICE + cfg.txsPerSender() * Workload.MIN_INCREMENT + 1) + 100
                : 2L * cfg.txsPerSender() + 100;
        List<KeyPair> demo = new ArrayList<>();
        for (String name : DevnetGenesis.DEMO_ACCOUNTS) demo.add(DevnetGenesis.key(name));
        log.printf("funding %d accounts with %d each from the demo accounts ...%n", accounts.size(), perSender);
        HttpNode node = nodes.get(0);
        int next = 0;
        while (next < accounts.size()) {
            long[] target = new long[demo.size()];
            for (int d = 0; d < demo.size() && next < accounts.size(); d++) {
                KeyPair from = demo.get(d);
                long nonce = node.get("/v1/accounts/" + from.address().hex()).path("nonce").asLong();
                int n = Math.min(FUNDING_BATCH, accounts.size() - next);
                for (int k = 0; k < n; k++) {
                    Transaction t = Transaction.sign(new TxBody(chainId, from.publicKey(), nonce + k, 1,
                            new Transfer(accounts.get(next + k).address(), perSender), "bench funding"), from);
                    while (node.submit(t.encoded()).toCompletableFuture().get() != LoadDriver.Outcome.ACCEPTED) Thread.sleep(20);
                }
                target[d] = nonce + n;
                next += n;
            }
            long deadline = System.currentTimeMillis() + 120_000;
            for (int d = 0; d < demo.size(); d++) {
                while (target[d] > 0 && node.get("/v1/accounts/" + demo.get(d).address().hex()).path("nonce").asLong() < target[d]) {
                    if (System.currentTimeMillis() > deadline) throw new IllegalStateException("funding transfers not committed");
                    Thread.sleep(100);
                }
            }
        }
        // Every node must see the funding before it admits the senders' transactions.
        KeyPair last = accounts.get(accounts.size() - 1);
        for (HttpNode n : nodes) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (n.get("/v1/accounts/" + last.address().hex()).path("balance").asLong() < perSender) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException(n.base() + " did not see the funding");
                Thread.sleep(100);
            }
        }
    }

    private String load() {
        return cfg.clients() > 0 ? "clients=" + cfg.clients() + " (closed loop)" : "rate=" + cfg.rate() + " tx/s (open loop)";
    }

    static CommitTracker tracker(List<Transaction> txs, java.util.function.IntUnaryOperator nodeOf) {
        List<Hash> hashes = new ArrayList<>();
        int[] nodes = new int[txs.size()];
        for (int i = 0; i < txs.size(); i++) {
            hashes.add(txs.get(i).hash());
            nodes[i] = nodeOf.applyAsInt(i);
        }
        return new CommitTracker(hashes, nodes, 0);
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // temporary directory: best effort
        }
    }
}
