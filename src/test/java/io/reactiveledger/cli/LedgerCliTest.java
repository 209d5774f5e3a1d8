package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LedgerCliTest {
    record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = LedgerCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void offlineDemoRunsTheReferenceAuctionToASale() {
        Run r = run("demo", "--offline");
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
        Run made = run("keys", "new", "--out", f.toString());
        assertEquals(0, made.exit(), made.err());
        String address = KeyFile.read(f).address().hex();
        assertTrue(made.out().contains(address));
        Run again = run("keys", "new", "--out", f.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        Run show = run("keys", "show", f.toString());
        assertEquals(0, show.exit());
        assertTrue(show.out().contains(address));
    }

    @Test
    void keysShowExplainsBadFiles(@TempDir Path dir) throws Exception {
        Run missing = run("keys", "show", dir.resolve("none.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such key file"), missing.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"type\":\"ed25519\",\"privateKey\":\"zz\"}");
        Run r = run("keys", "show", bad.toString());
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
            Run r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), String.join(" ", args));
        }
        assertEquals(2, run("demo", "--bogus").exit());
        assertEquals(2, run("keys", "new").exit()); // --out is required
        assertEquals(2, run("node").exit()); // --config is required
        assertEquals(2, run("tx", "bid", "--auction", "1", "--amount", "2").exit()); // --key is required
        assertEquals(2, run("tx", "auction-create", "--key", "k.json", "--item", "x").exit()); // an end time is required
        assertEquals(2, run("tx", "auction-create", "--key", "k.json", "--item", "x", "--ends-in", "1m",
                "--end-time-ms", "5").exit()); // but only one
        assertEquals(2, run("auction", "show").exit()); // ID is required
        assertEquals(2, run("blocks", "--from", "x").exit());
        assertEquals(2, run("devnet", "--validators", "four").exit());
    }

    @Test
    void benchCoreRunsEndToEndOnTinySizes(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Run r = run("bench", "core", "--accounts", "40", "--block-size", "20", "--warmup-blocks", "1", "--blocks", "2",
                "--verify-txs", "100", "--threads", "2", "--auctions", "3", "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decode + verify, 1 core"), r.out());
        assertTrue(r.out().contains("bid blocks"), r.out());
        String written = Files.readString(json);
        assertTrue(written.contains("\"transfersPerSecond\""), written);
        assertEquals(1, run("bench", "core", "--accounts", "1").exit());
    }
}
