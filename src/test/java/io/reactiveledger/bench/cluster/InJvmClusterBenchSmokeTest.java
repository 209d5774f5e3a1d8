package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-JVM bench end to end with a tiny load: every transaction committed, a well-formed report. No timings asserted. */
class InJvmClusterBenchSmokeTest {
    private static ClusterReport run(ClusterBenchConfig cfg) throws Exception {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new InJvmClusterBench(cfg, ConfigFactory.parseString("ledger.consensus.empty-block-interval = 200ms"), log)
                .boundTxs(200).run();
    }

    private static void assertWellFormed(ClusterReport r, ClusterBenchConfig cfg) throws Exception {
        assertEquals(cfg.txs(), r.result().committedTxs(), "every transaction committed");
        assertEquals(cfg.txs(), r.result().successReceipts(), "every receipt SUCCESS");
        assertTrue(r.result().measuredTxs() >= 1 && r.result().measuredTxs() <= cfg.txs(), "measured " + r.result().measuredTxs());
        assertEquals(r.result().measuredTxs(), r.result().latency().count(), "a latency for each measured transaction");
        assertTrue(r.result().latency().p50Ms() <= r.result().latency().p99Ms());
        assertTrue(r.result().blocks() >= 1);
        assertTrue(r.bound().verifiesPerSecond() > 0);
        assertEquals(r.bound().verifiesPerSecond() / cfg.validators(), r.bound().boundTps(), 1e-6);
        assertEquals(1, r.nodes().size());
        assertTrue(r.nodes().get(0).peakHeapMiB() > 0);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(cfg.txs(), json.at("/result/committedTxs").asInt());
        assertEquals(r, ClusterReport.fromJson(r.toJson()));
    }

    @Test
    @Timeout(180)
    void twoValidatorsCommitEveryTransferFromSeveralClients() throws Exception {
        ClusterBenchConfig cfg = new ClusterBenchConfig(2, 60, 6, 0, 4, ClusterBenchConfig.Payload.TRANSFER,
                ClusterBenchConfig.Mode.IN_JVM, false, 10);
        assertWellFormed(run(cfg), cfg);
    }

    @Test
    @Timeout(180)
    void oneValidatorCommitsEveryBidAtAFixedRate() throws Exception {
        ClusterBenchConfig cfg = new ClusterBenchConfig(1, 30, 0, 200, 0, ClusterBenchConfig.Payload.BID,
                ClusterBenchConfig.Mode.IN_JVM, false, 10);
        assertWellFormed(run(cfg), cfg);
    }
}
