package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.bench.cluster.ClusterBenchConfig;
import org.junit.jupiter.api.Test;

class BenchClusterCommandTest {
    @Test
    void defaultsToSixtyFourClientsAndATenthOfWarmUp() {
        ClusterBenchConfig c = BenchClusterCommand.config(4, 20_000, null, null, null, "transfer", "in-jvm", "off", 20);
        assertEquals(64, c.clients());
        assertEquals(0, c.rate());
        assertEquals(2_000, c.warmupTxs());
        assertEquals(1_000, c.senders());
        assertEquals(ClusterBenchConfig.Mode.IN_JVM, c.mode());
    }

    @Test
    void rateAloneIsOpenLoop() {
        ClusterBenchConfig c = BenchClusterCommand.config(1, 101, 0, 500, null, "bid", "processes", "off", 20);
        assertEquals(0, c.clients());
        assertEquals(500, c.rate());
        assertEquals(ClusterBenchConfig.Payload.BID, c.payload());
        assertEquals(6, c.senders(), "101 txs at 20 per sender");
    }

    @Test
    void refusesBadCombinations() {
        assertRefused("exactly one of --rate", () -> BenchClusterCommand.config(4, 100, null, 100, 8, "transfer", "in-jvm", "off", 20));
        assertRefused("--payload", () -> BenchClusterCommand.config(4, 100, null, null, null, "swap", "in-jvm", "off", 20));
        assertRefused("--mode", () -> BenchClusterCommand.config(4, 100, null, null, null, "transfer", "cloud", "off", 20));
        assertRefused("--validators", () -> BenchClusterCommand.config(0, 100, null, null, null, "transfer", "in-jvm", "off", 20));
        assertRefused("--txs", () -> BenchClusterCommand.config(4, 0, null, null, null, "transfer", "in-jvm", "off", 20));
        assertRefused("--warmup", () -> BenchClusterCommand.config(4, 100, 100, null, null, "transfer", "in-jvm", "off", 20));
        assertRefused("nonce window", () -> BenchClusterCommand.config(4, 100, null, null, null, "transfer", "in-jvm", "off", 65));
        assertRefused("--model", () -> BenchClusterCommand.config(4, 100, null, null, null, "transfer", "in-jvm", "maybe", 20));
        assertTrue(BenchClusterCommand.config(4, 100, null, null, null, "transfer", "in-jvm", "on", 20).model());
    }

    private static void assertRefused(String fragment, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), x.getMessage());
    }

    @Test
    void cliExitsWithUsageErrorOnBadArguments() {
        int code = LedgerCli.commandLine().execute("bench", "cluster", "--txs", "0");
        assertEquals(2, code);
    }
}
