package io.reactiveledger.bench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ledger bench cluster} runs. Exactly one of {@code rate} (open loop: transactions per second
 * offered in total) and {@code clients} (closed loop: that many clients, each with one submission in
 * flight) drives the load; {@link #validate()} says what is wrong with a combination.
 *
 * @param validators   validators in the network (each a separate ActorSystem or process)
 * @param txs          transactions submitted (all signed before the clock starts)
 * @param warmupTxs    the first this many commits are excluded from TPS and latency
 * @param rate         offered rate in tx/s, or 0 when {@code clients} drives the load
 * @param clients      concurrent clients (closed loop), or 0 when {@code rate} drives the load
 * @param payload      what the transactions do
 * @param mode         in one JVM, or against node processes over HTTP
 * @param model        whether every validator's model actor scores proposals (ledger.llm.enabled)
 * @param txsPerSender transactions each funded sender signs (its nonces 0 .. n-1)
 */
public record ClusterBenchConfig(int validators, int txs, int warmupTxs, int rate, int clients, Payload payload,
                                 Mode mode, boolean model, int txsPerSender) {
    /** TRANSFER: bare transfers; MEMO: transfers with an ordinary payment memo (see {@link Workload#memo}); BID: bids. */
    public enum Payload { TRANSFER, MEMO, BID }

    public enum Mode { IN_JVM, PROCESSES }

    /** The mempool accepts nonces up to 64 ahead of a sender's next one; stay well inside that window. */
    public static final int MAX_TXS_PER_SENDER = 64;

    /** The problems with this configuration, empty when it can run. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (validators < 1 || validators > 16) p.add("--validators must be between 1 and 16");
        if (txs < 1) p.add("--txs must be at least 1");
        if (warmupTxs < 0 || warmupTxs >= txs) p.add("--warmup must be at least 0 and below --txs");
        if ((rate > 0) == (clients > 0)) p.add("give exactly one of --rate (tx/s, > 0) and --clients (> 0)");
        if (rate < 0 || clients < 0) p.add("--rate and --clients must not be negative");
        if (clients > 10_000) p.add("--clients must be at most 10000");
        if (txsPerSender < 1 || txsPerSender > MAX_TXS_PER_SENDER) {
            p.add("--txs-per-sender must be between 1 and " + MAX_TXS_PER_SENDER + " (the mempool's nonce window)");
        }
        return p;
    }

    public ClusterBenchConfig validate() {
        List<String> p = problems();
        if (!p.isEmpty()) throw new IllegalArgumentException(String.join("; ", p));
        return this;
    }

    /** Funded senders needed: every sender signs at most {@code txsPerSender} consecutive nonces. */
    public int senders() {
        return (txs + txsPerSender - 1) / txsPerSender;
    }
}
