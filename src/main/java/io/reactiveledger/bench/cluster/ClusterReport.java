package io.reactiveledger.bench.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@code ledger bench cluster} run, written as JSON by {@code --report FILE}.
 *
 * @param run       what ran
 * @param result    committed throughput and latency over the measured window
 * @param nodes     CPU and peak heap per node (in-JVM: one entry for the shared process)
 * @param bound     this machine's Ed25519 rate on all cores and the bound it sets
 * @param ganache   the same-machine Ganache run, or null when not asked for
 * @param machine   cores, JVM, OS
 * @param notes     caveats a reader needs next to the numbers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterReport(Run run, Result result, List<NodeResources> nodes, SignatureBound bound, JsonNode ganache,
                            Machine machine, List<String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param submitPath how transactions reached the nodes ("in-jvm: MempoolActor.Submit" or "http")
     * @param load       "clients=C (closed loop)" or "rate=R tx/s (open loop)"
     */
    public record Run(String mode, int validators, int txs, int warmupTxs, String payload, String load,
                      String submitPath, int senders, boolean model, String startedAt) {
    }

    /**
     * @param committedTxs       transactions found in committed blocks (must equal txs)
     * @param successReceipts    of those, receipts with status SUCCESS
     * @param retriedSubmissions submissions refused (pool full, nonce window) and retried
     * @param measuredTxs        commits inside the measured window (after the warm-up)
     * @param windowSeconds      from the warm-up's last commit to the last commit
     * @param tps                measuredTxs / windowSeconds
     * @param latency            submit to committed on the node it was submitted to, measured txs only
     * @param blocks             blocks committed in the window (including empty ones)
     * @param blocksPerSecond    blocks / windowSeconds
     * @param txsPerBlock        mean transactions per non-empty block in the window
     * @param maxTxsPerBlock     largest block in the window
     * @param laterRoundBlocks   blocks in the window decided after round 0 (some round timed out first)
     * @param totalSeconds       first submission to last commit (including warm-up)
     */
    public record Result(int committedTxs, int successReceipts, long retriedSubmissions, int measuredTxs,
                         double windowSeconds, double tps, LatencyStats latency, long blocks, double blocksPerSecond,
                         double txsPerBlock, int maxTxsPerBlock, long laterRoundBlocks, double totalSeconds) {
    }

    /**
     * @param cpuPercent   CPU used over the measured window as a percentage of one core (200 = two cores busy)
     * @param peakHeapMiB  highest heap in use seen (sampled every 100 ms, plus the pools' peak usage)
     * @param shared       true when the figures are for one JVM hosting several nodes (in-jvm mode)
     */
    public record NodeResources(String node, double cpuPercent, double peakHeapMiB, double maxHeapMiB, boolean shared) {
    }

    /**
     * @param verifiesPerSecond strict Ed25519 verifications per second on {@code threads} threads
     * @param boundTps          verifiesPerSecond / validators (every validator verifies every tx once)
     * @param achievedRatio     measured tps / boundTps
     */
    public record SignatureBound(int threads, double verifiesPerSecond, double boundTps, double achievedRatio) {
    }

    public record Machine(int cores, String java, String os, String arch) {
        public static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"));
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ClusterReport fromJson(String json) throws IOException {
        return JSON.readValue(json, ClusterReport.class);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n");
    }

    /** The human-readable summary, with Ganache beside it when present. */
    public void print(PrintStream out) {
        Result r = result;
        out.printf(Locale.ROOT, "%n== reactive-ledger: %d validator(s), %s, %s, %d txs (%d warm-up), %s%n",
                run.validators(), run.mode(), run.payload(), run.txs(), run.warmupTxs(), run.load());
        out.printf(Locale.ROOT, "submit path: %s; %d senders%n", run.submitPath(), run.senders());
        out.printf(Locale.ROOT, "committed %d/%d txs (%d SUCCESS receipts), %d submissions retried%n",
                r.committedTxs(), run.txs(), r.successReceipts(), r.retriedSubmissions());
        out.printf(Locale.ROOT, "sustained TPS            %,10.0f tx/s  (%d txs over %.2f s after warm-up; total %.2f s)%n",
                r.tps(), r.measuredTxs(), r.windowSeconds(), r.totalSeconds());
        LatencyStats l = r.latency();
        out.printf(Locale.ROOT, "commit latency (ms)      p50 %.0f  p95 %.0f  p99 %.0f  max %.0f  mean %.0f%n",
                l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs(), l.meanMs());
        out.printf(Locale.ROOT, "blocks                   %.2f blocks/s, %.0f txs per non-empty block (max %d), %d of %d decided after round 0%n",
                r.blocksPerSecond(), r.txsPerBlock(), r.maxTxsPerBlock(), r.laterRoundBlocks(), r.blocks());
        for (NodeResources n : nodes) {
            out.printf(Locale.ROOT, "%-24s CPU %.0f %% of one core, peak heap %.0f MiB (max %.0f)%s%n", n.node(),
                    n.cpuPercent(), n.peakHeapMiB(), n.maxHeapMiB(),
                    n.shared() ? "  [one JVM shared by all validators and the load generator]" : "");
        }
        out.printf(Locale.ROOT, "Ed25519 verify, %d threads %,10.0f /s -> signature bound %,.0f tx/s for %d validator(s); achieved %.0f %%%n",
                bound.threads(), bound.verifiesPerSecond(), bound.boundTps(), run.validators(), 100 * bound.achievedRatio());
        if (ganache != null) {
            out.println();
            out.println("== Ganache (single node, no BFT, no consensus; in-process EVM dev chain) on the same machine");
            if (ganache.has("error")) {
                out.println("failed: " + ganache.get("error").asText());
            } else {
                out.printf(Locale.ROOT, "%-28s %12s %12s%n", "", "reactive-ledger", "Ganache");
                out.printf(Locale.ROOT, "%-28s %12.0f %12.0f%n", "TPS", r.tps(), ganache.path("tps").asDouble());
                out.printf(Locale.ROOT, "%-28s %12.0f %12.0f%n", "latency p50 (ms)", l.p50Ms(), ganache.path("latency").path("p50Ms").asDouble());
                out.printf(Locale.ROOT, "%-28s %12.0f %12.0f%n", "latency p95 (ms)", l.p95Ms(), ganache.path("latency").path("p95Ms").asDouble());
                out.printf(Locale.ROOT, "%-28s %12.0f %12.0f%n", "latency p99 (ms)", l.p99Ms(), ganache.path("latency").path("p99Ms").asDouble());
                out.printf(Locale.ROOT, "%-28s %12d %12d%n", "validators (nodes)", run.validators(), 1);
                out.printf(Locale.ROOT, "%-28s %12d %12d%n", "Byzantine faults tolerated", (run.validators() - 1) / 3, 0);
            }
        }
        for (String n : notes) out.println("note: " + n);
    }
}
