package io.reactiveledger.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.consensus.ConsensusActor;
import io.reactiveledger.node.query.ChainIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's Prometheus metrics, one registry per node (several nodes may share a JVM in tests).
 * Commit latency is measured submit-to-commit on this node: from the HTTP submission of a transaction to
 * the indexing of the block that holds it (so it includes the chain store's persistence).
 */
public final class LedgerMetrics implements ChainIndex.Listener {
    /** Submissions remembered for the latency histogram; beyond this, new ones are not timed. */
    static final int MAX_TRACKED = 100_000;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ConcurrentHashMap<Hash, Long> submittedAt = new ConcurrentHashMap<>();
    private final Counter blocks;
    private final Counter txs;
    private final Counter submitted;
    private final Gauge height;
    private final Gauge mempoolTxs;
    private final Gauge mempoolBytes;
    private final Gauge consensusHeight;
    private final Gauge consensusRound;
    private final Gauge peers;
    private final Histogram commitRound;
    private final Histogram commitLatency;
    private final Histogram blockTxs;
    private long lastBlockTimeMs = -1;
    private final Histogram blockInterval;
    private final Gauge modelQueue;
    private final Gauge modelLoaded;
    private final Histogram modelLatency;
    private final Counter modelRefusals;

    public LedgerMetrics() {
        blocks = Counter.builder().name("ledger_blocks_committed").help("Blocks committed on this node").register(registry);
        txs = Counter.builder().name("ledger_transactions_committed").help("Transactions in committed blocks").register(registry);
        submitted = Counter.builder().name("ledger_transactions_submitted").help("Decodable transactions submitted over HTTP").register(registry);
        height = Gauge.builder().name("ledger_chain_height").help("Height of the latest block indexed").register(registry);
        mempoolTxs = Gauge.builder().name("ledger_mempool_transactions").help("Pending transactions").register(registry);
        mempoolBytes = Gauge.builder().name("ledger_mempool_bytes").help("Signed bytes of pending transactions").register(registry);
        consensusHeight = Gauge.builder().name("ledger_consensus_height").help("Height consensus works on").register(registry);
        consensusRound = Gauge.builder().name("ledger_consensus_round").help("Round consensus is in").register(registry);
        peers = Gauge.builder().name("ledger_consensus_peers").help("Peer consensus actors known").register(registry);
        commitRound = Histogram.builder().name("ledger_block_commit_round").help("Round in which each block was committed")
                .classicOnly().classicUpperBounds(0, 1, 2, 3, 5, 10).register(registry);
        commitLatency = Histogram.builder().name("ledger_tx_commit_latency_seconds")
                .help("From HTTP submission on this node to the block that holds the transaction being indexed")
                .classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60).register(registry);
        blockTxs = Histogram.builder().name("ledger_block_transactions").help("Transactions per committed block")
                .classicOnly().classicUpperBounds(0, 1, 10, 100, 500, 1000, 2000, 5000).register(registry);
        blockInterval = Histogram.builder().name("ledger_block_interval_seconds").help("Header time between consecutive blocks")
                .classicOnly().classicUpperBounds(0.1, 0.25, 0.5, 1, 2, 5, 10, 30).register(registry);
        modelQueue = Gauge.builder().name("ledger_model_queue_depth").help("Requests waiting in the model actor's queue").register(registry);
        modelLoaded = Gauge.builder().name("ledger_model_loaded").help("1 when the model is loaded and serving, 0 when disabled, loading or failed").register(registry);
        modelLatency = Histogram.builder().name("ledger_model_request_latency_seconds")
                .help("Model requests served: from arrival at the model actor to the answer (queueing included)")
                .classicOnly().classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5).register(registry);
        modelRefusals = Counter.builder().name("ledger_model_refusals").help("Model requests refused, by reason")
                .labelNames("reason").register(registry);
        for (io.reactiveledger.llm.ModelActor.RefusalKind k : io.reactiveledger.llm.ModelActor.RefusalKind.values()) {
            modelRefusals.labelValues(k.name()).inc(0); // every reason present from the start, at 0
        }
        JvmMetrics.builder().register(registry);
    }

    public void submitted(Hash tx) {
        submitted.inc();
        if (submittedAt.size() >= MAX_TRACKED) submittedAt.clear(); // never committed: forget them rather than grow
        submittedAt.putIfAbsent(tx, System.nanoTime());
    }

    @Override
    public void onIndexed(CommittedBlock block, List<Receipt> receipts, boolean live) {
        long now = System.nanoTime();
        height.set(block.block().height());
        if (!live) return; // blocks read back at start say nothing about this run's latencies
        blocks.inc();
        txs.inc(block.block().transactions().size());
        commitRound.observe(block.certificate().round());
        blockTxs.observe(block.block().transactions().size());
        long t = block.block().header().timeMs();
        if (lastBlockTimeMs >= 0 && t >= lastBlockTimeMs) blockInterval.observe((t - lastBlockTimeMs) / 1000.0);
        lastBlockTimeMs = t;
        for (Hash h : block.block().txHashes()) {
            Long at = submittedAt.remove(h);
            if (at != null) commitLatency.observe((now - at) / 1e9);
        }
    }

    public void observeStatus(ConsensusActor.Status consensus, MempoolActor.Status mempool) {
        mempoolTxs.set(mempool.count());
        mempoolBytes.set(mempool.bytes());
        consensusHeight.set(consensus.height());
        consensusRound.set(consensus.round());
        peers.set(consensus.peers());
    }

    /** For {@link io.reactiveledger.llm.ModelActor.Subscribe}: latency of served requests, refusals by reason. */
    public io.reactiveledger.llm.ModelActor.Listener modelListener() {
        return new io.reactiveledger.llm.ModelActor.Listener() {
            @Override
            public void served(long micros) {
                modelLatency.observe(micros / 1e6);
            }

            @Override
            public void refused(io.reactiveledger.llm.ModelActor.RefusalKind kind) {
                modelRefusals.labelValues(kind.name()).inc();
            }
        };
    }

    public void observeModel(io.reactiveledger.llm.ModelActor.Status model) {
        modelQueue.set(model.queueDepth());
        modelLoaded.set(model.loaded() ? 1 : 0);
    }

    /** The Prometheus text exposition format (0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
