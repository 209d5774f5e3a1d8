package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process ({@link CliRun}): offline commands and usage errors. */
class LedgerCliTest {
    @Test
    void offlineDemoRunsTheReferenceAuctionToASale() {
        CliRun.Run r = CliRun.run("demo", "--offline");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("auction 1: SOLD, highest bid 130 by bob, escrow left 0"), r.out());
        assertTrue(r.out().contains("BID_TOO_LOW"));
        assertTrue(r.out().contains("SELLER_CANNOT_BID"));
        assertTrue(r.out().contains("AUCTION_NOT_ENDED"));
        assertTrue(r.out().contains("seller 1,000,128"), r.out());
    }

    @Test
    void keysNewWritesAKeyFileAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("k.json");
        CliRun.Run made = CliRun.run("keys", "new", "--out", f.toString());
        assertEquals(0, made.exit(), made.err());
        String address = KeyFile.read(f).address().hex();
        assertTrue(made.out().contains(address));
        CliRun.Run again = CliRun.run("keys", "new", "--out", f.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        CliRun.Run show = CliRun.run("keys", "show", f.toString());
        assertEquals(0, show.exit());
        assertTrue(show.out().contains(address));
    }

    @Test
    void keysShowExplainsBadFiles(@TempDir Path dir) throws Exception {
        CliRun.Run missing = CliRun.run("keys", "show", dir.resolve("none.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such key file"), missing.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"type\":\"ed25519\",\"privateKey\":\"zz\"}");
        CliRun.Run r = CliRun.run("keys", "show", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.json"), r.err());
    }

    @Test
    void everyCommandHasHelpAndUnknownOptionsFail() {
        for (String[] args : new String[][] {{"--help"}, {"keys", "--help"}, {"keys", "new", "--help"},
                {"keys", "show", "--help"}, {"demo", "--help"}, {"bench", "--help"}, {"bench", "core", "--help"},
                {"node", "--help"}, {"devnet", "--help"}, {"tx", "--help"}, {"tx", "transfer", "--help"},
                {"tx", "auction-create", "--help"}, {"tx", "bid", "--help"}, {"tx", "auction-end", "--help"},
                {"tx", "withdraw", "--help"}, {"auction", "--help"}, {"auction", "show", "--help"},
                {"blocks", "--help"}, {"status", "--help"}}) {
            CliRun.Run r = CliRun.run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), String.join(" ", args));
        }
        assertEquals(2, CliRun.run("demo", "--bogus").exit());
        assertEquals(2, CliRun.run("keys", "new").exit()); // --out is required
        assertEquals(2, CliRun.run("node").exit()); // --config is required
        assertEquals(2, CliRun.run("tx", "bid", "--auction", "1", "--amount", "2").exit()); // --key is required
        assertEquals(2, CliRun.run("tx", "auction-create", "--key", "k.json", "--item", "x").exit()); // an end time is required
        assertEquals(2, CliRun.run("tx", "auction-create", "--key", "k.json", "--item", "x", "--ends-in", "1m",
                "--end-time-ms", "5").exit()); // but only one
        assertEquals(2, CliRun.run("auction", "show").exit()); // ID is required
        assertEquals(2, CliRun.run("blocks", "--from", "x").exit());
        assertEquals(2, CliRun.run("devnet", "--validators", "four").exit());
    }

    @Test
    void benchCoreRunsEndToEndOnTinySizes(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        CliRun.Run r = CliRun.run("bench", "core", "--accounts", "40", "--block-size", "20", "--warmup-blocks", "1", "--blocks", "2",
                "--verify-txs", "100", "--threads", "2", "--auctions", "3", "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decode + verify, 1 core"), r.out());
        assertTrue(r.out().contains("bid blocks"), r.out());
        String written = Files.readString(json);
        assertTrue(written.contains("\"transfersPerSecond\""), written);
        assertEquals(1, CliRun.run("bench", "core", "--accounts", "1").exit());
    }
}
