package io.reactiveledger.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactiveledger.cli.LedgerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger replay} end to end: exit codes, JSON summary, export, the first failure on stderr. */
@Timeout(120)
class ReplayCommandTest {
    @TempDir
    static Path shared;
    static ReplayJournals journals;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeJournal() throws Exception {
        journals = new ReplayJournals(shared);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LedgerCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aGoodJournalExitsZeroWithTheLiveStateRootAndExportsEveryBlock() throws Exception {
        Path data = journals.copy(dir);
        Path export = dir.resolve("chain.jsonl");
        Run r = run("replay", "--data", data.toString(), "--json", "--export", export.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals(journals.liveHead.state().root().hex(), summary.get("stateRoot").asText());
        assertEquals(ReplayJournals.BLOCKS, summary.get("finalHeight").asLong());
        assertTrue(summary.get("failure").isNull());
        List<String> lines = Files.readAllLines(export);
        assertEquals(ReplayJournals.BLOCKS, lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(journals.liveHead.hash().hex(), last.get("hash").asText());
        assertEquals(ReplayJournals.TXS_PER_BLOCK, last.get("txs").size());
    }

    @Test
    void aTamperedJournalExitsNonZeroNamingHeightAndCheck() throws Exception {
        Path data = journals.copy(dir);
        journals.delete(data, ReplayJournals.seqOfHeight(6));
        Run r = run("replay", "--data", data.toString(), "--no-verify-signatures");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("height 6: check 'journal-sequence' failed"), r.err());
        assertTrue(r.out().contains("height      5"), r.out());
    }

    @Test
    void aJournalHeldByAnotherProcessIsRefusedAtOnce() throws Exception {
        Path data = journals.copy(dir);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("holding", line);
            Run r = run("replay", "--data", data.toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("the journal is in use by another process"), r.err());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            holder.destroy();
        }
    }

    @Test
    void benchReplayRunsEndToEndOnTinySizes() throws Exception {
        Path json = dir.resolve("bench.json");
        Run r = run("bench", "replay", "--txs", "60", "--block-size", "20", "--accounts", "30", "--runs", "1",
                "--dir", dir.resolve("bench").toString(), "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, result.get("blocks").asInt());
        assertEquals(2, result.get("runs").size());
        for (JsonNode run : result.get("runs")) assertEquals(60, run.get("txs").asLong());
        assertTrue(result.get("verifyRatePerSecond").asDouble() > 0);
    }

    @Test
    void aMissingJournalIsAnError() {
        Run r = run("replay", "--data", dir.resolve("nothing-here").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no journal at"), r.err());
    }
}
