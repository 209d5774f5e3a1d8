package io.reactiveledger.bench.cluster;

import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows the benchmark's transactions from submission to commit. A transaction counts as committed
 * when a block holding it is committed on the node it was submitted to; its latency is the time from
 * just before its (first) submission to that moment. Blocks are counted on one reference node.
 * Thread-safe: submissions and commit notifications come from different threads.
 */
public final class CommitTracker {
    /** One committed block as the reference node saw it. */
    /** A block on the reference node; {@code tracked} = the indices of the tracked transactions it holds. */
    public record BlockSeen(long atNanos, int txCount, int round, int[] tracked) {
    }

    private final Map<Hash, Integer> index = new HashMap<>();
    private final int[] node;
    private final long[] submitNanos;
    private final long[] commitNanos;
    private final boolean[] success;
    private final boolean[] submitted;
    private final boolean[] committedFlag;
    private final int referenceNode;
    private final List<BlockSeen> blocks = new ArrayList<>();
    private final CountDownLatch allCommitted;
    /** Counts down once per transaction the reference node has seen in a block (the window counts its blocks). */
    private final CountDownLatch referenceSawAll;
    private final boolean[] seenByReference;
    private int committed;
    private int successes;

    /**
     * @param txHashes      the transactions, in any order
     * @param submitNode    for each, the node it will be submitted to
     * @param referenceNode the node whose blocks are counted
     */
    public CommitTracker(List<Hash> txHashes, int[] submitNode, int referenceNode) {
        if (txHashes.size() != submitNode.length) throw new IllegalArgumentException("one node per transaction");
        for (int i = 0; i < txHashes.size(); i++) {
            if (index.put(txHashes.get(i), i) != null) throw new IllegalArgumentException("duplicate transaction " + i);
        }
        this.node = submitNode.clone();
        this.submitNanos = new long[txHashes.size()];
        this.commitNanos = new long[txHashes.size()];
        this.success = new boolean[txHashes.size()];
        this.submitted = new boolean[txHashes.size()];
        this.committedFlag = new boolean[txHashes.size()];
        this.referenceNode = referenceNode;
        this.allCommitted = new CountDownLatch(txHashes.size());
        this.referenceSawAll = new CountDownLatch(txHashes.size());
        this.seenByReference = new boolean[txHashes.size()];
    }

    public int size() {
        return node.length;
    }

    public int nodeOf(int tx) {
        return node[tx];
    }

    /** Call just before the first submission of transaction {@code tx}; later calls (retries) keep the first time. */
    public synchronized void submitted(int tx, long nowNanos) {
        if (!submitted[tx]) {
            submitted[tx] = true;
            submitNanos[tx] = nowNanos;
        }
    }

    /**
     * A block was committed on {@code nodeIndex}.
     *
     * @param txHashes  its transactions in block order
     * @param succeeded for each, whether its receipt is SUCCESS
     */
    public synchronized void blockCommitted(int nodeIndex, List<Hash> txHashes, List<Boolean> succeeded, long nowNanos) {
        blockCommitted(nodeIndex, txHashes, succeeded, 0, nowNanos);
    }

    /** As above, with the consensus round the block was decided in (from its commit certificate). */
    public synchronized void blockCommitted(int nodeIndex, List<Hash> txHashes, List<Boolean> succeeded, int round,
                                            long nowNanos) {
        if (nodeIndex == referenceNode) {
            int[] tracked = txHashes.stream().map(index::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
            blocks.add(new BlockSeen(nowNanos, txHashes.size(), round, tracked));
            for (int tx : tracked) {
                if (!seenByReference[tx]) {
                    seenByReference[tx] = true;
                    referenceSawAll.countDown();
                }
            }
        }
        for (int i = 0; i < txHashes.size(); i++) {
            Integer tx = index.get(txHashes.get(i));
            if (tx == null || node[tx] != nodeIndex || committedFlag[tx]) continue;
            committedFlag[tx] = true;
            commitNanos[tx] = nowNanos;
            if (!submitted[tx]) { // cannot happen for a tx submitted to this node, but never report a negative latency
                submitted[tx] = true;
                submitNanos[tx] = nowNanos;
            }
            if (succeeded.get(i)) {
                success[tx] = true;
                successes++;
            }
            committed++;
            allCommitted.countDown();
        }
    }

    /**
     * Waits until every transaction is committed on its node and the reference node has seen each in a block
     * (a transaction's own node can report its block before the reference node does; the window's block count
     * comes from the reference node); false on timeout.
     */
    public boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return allCommitted.await(timeout, unit)
                && referenceSawAll.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public synchronized int committed() {
        return committed;
    }

    /** The figures over the measured window: after the first {@code warmupTxs} commits, up to the last commit. */
    /**
     * The figures over the measured window. The warm-up ends with the block holding the {@code warmupTxs}-th
     * commit; the window runs from that commit to the last one, and holds the transactions committed after
     * its start (all of them, from the first submission, when there is no later commit or no warm-up).
     */
    public synchronized Window window(int warmupTxs) {
        long[] commits = new long[committed];
        long first = Long.MAX_VALUE;
        int k = 0;
        for (int i = 0; i < node.length; i++) {
            if (submitted[i]) first = Math.min(first, submitNanos[i]);
            if (committedFlag[i]) commits[k++] = commitNanos[i];
        }
        if (commits.length == 0) {
            return new Window(0, 0, 0, LatencyStats.EMPTY, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        Arrays.sort(commits);
        long end = commits[commits.length - 1];
        long start = warmupTxs == 0 ? first : commits[Math.min(warmupTxs, commits.length) - 1];
        if (start >= end) start = first;
        long[] latencies = new long[node.length];
        boolean[] measured = new boolean[node.length];
        int n = 0;
        for (int i = 0; i < node.length; i++) {
            if (committedFlag[i] && (commitNanos[i] > start || start == first)) {
                measured[i] = true;
                latencies[n++] = commitNanos[i] - submitNanos[i];
            }
        }
        latencies = Arrays.copyOf(latencies, n);
        long blockCount = 0;
        long nonEmpty = 0;
        long txsInBlocks = 0;
        int maxTxs = 0;
        long laterRounds = 0;
        for (BlockSeen b : blocks) {
            // A block holding tracked transactions is in the window when it holds a measured one; any other
            // block (empty, or foreign transactions) when the reference node saw it between start and end.
            // Deciding by membership matters because commit times come from each transaction's own node,
            // which can see a block a little before or after the reference node does.
            boolean inWindow;
            if (b.tracked().length > 0) {
                inWindow = false;
                for (int tx : b.tracked()) inWindow |= measured[tx];
            } else {
                inWindow = b.atNanos() > start && b.atNanos() <= end;
            }
            if (!inWindow) continue;
            blockCount++;
            if (b.round() > 0) laterRounds++;
            if (b.txCount() > 0) {
                nonEmpty++;
                txsInBlocks += b.txCount();
                maxTxs = Math.max(maxTxs, b.txCount());
            }
        }
        double seconds = Math.max(end - start, 1) / 1e9;
        return new Window(n, seconds, n / seconds, LatencyStats.ofNanos(latencies),
                blockCount, blockCount / seconds, nonEmpty == 0 ? 0 : (double) txsInBlocks / nonEmpty, maxTxs,
                (end - first) / 1e9, start, end, laterRounds);
    }

    public synchronized int successes() {
        return successes;
    }

    /**
     * @param measuredTxs  commits after the warm-up
     * @param startNanos   the window's start (System.nanoTime), to line resource samples up with it
     * @param endNanos     the window's end (the last commit)
     * @param laterRoundBlocks blocks in the window decided after round 0 (a round timed out first)
     */
    public record Window(int measuredTxs, double seconds, double tps, LatencyStats latency, long blocks,
                         double blocksPerSecond, double txsPerBlock, int maxTxsPerBlock, double totalSeconds,
                         long startNanos, long endNanos, long laterRoundBlocks) {
    }
}
