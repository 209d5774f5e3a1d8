package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.tx.Transfer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROCESS TEST: starts a real 4-validator devnet of separate JVMs (this test's classpath), runs the demo
 * scenario over HTTP, then kills node-0 (the first seed) with kill -9, restarts it with the printed command and checks
 * that it rejoins and catches up. Every child process is stopped in {@code finally} and, should this JVM
 * die first, by a shutdown hook.
 */
@Tag("process")
class DevnetProcessTest {
    private static final int VICTIM = 0;
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS)
    void demoOnFourProcessesThenAKilledNodeRestartsWithThePrintedCommandAndCatchesUp(@TempDir Path tmp) throws Exception {
        int httpBase = freeBase();
        int clusterBase = freeBase();
        while (Math.abs(clusterBase - httpBase) < 4) clusterBase = freeBase();
        Devnet devnet = new Devnet(tmp.resolve("devnet"), 4, httpBase, clusterBase, jvmOpts(), OUT);
        Thread hook = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            devnet.checkPortsFree();
            devnet.prepare(true);
            devnet.startAll();
            long t0 = System.nanoTime();
            devnet.awaitReady(Duration.ofSeconds(240));
            long tReady = System.nanoTime();

            DemoScenario.Result r = new DemoScenario(devnet.urls(), Duration.ofSeconds(2), OUT).run();
            assertTrue(r.ok(), "demo failures: " + r.failures());
            assertEquals(2, r.highestBid());
            assertEquals("SOLD", r.status());
            assertEquals(4, r.stateRoots().size());
            assertEquals(1, r.stateRoots().values().stream().distinct().count(), "equal state roots: " + r.stateRoots());

            long tDemo = System.nanoTime();
            // kill -9 node-0 (the first seed node, the hardest to bring back: it must rejoin the running
            // cluster, not form its own); the other three (> 2/3 of the power) keep committing.
            Process victim = devnet.process(VICTIM);
            victim.destroyForcibly();
            victim.waitFor(30, TimeUnit.SECONDS);
            LedgerClient live = new LedgerClient(devnet.url(1));
            TxSender sender = new TxSender(live);
            KeyPair seller = DevnetGenesis.key("seller");
            KeyPair carol = DevnetGenesis.key("carol");
            JsonNode moved = sender.submitAndAwaitCommit(sender.sign(seller, 1, new Transfer(carol.address(), 5), "while node-0 is down"),
                    60_000);
            assertEquals("SUCCESS", moved.path("receipt").path("status").asText(), moved.toString());
            long heightWhileDown = moved.path("height").asLong();

            // Restart it with exactly the command the devnet prints (run in the foreground of sh: exec, no '&').
            String printed = devnet.restartCommand(VICTIM);
            assertTrue(printed.endsWith(" &"), printed);
            Process restarted = new ProcessBuilder("sh", "-c", "exec " + printed.substring(0, printed.length() - 2)).start();
            devnet.adopt(VICTIM, restarted);

            LedgerClient back = new LedgerClient(devnet.url(VICTIM));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long target = heightWhileDown;
            while (true) {
                assertTrue(restarted.isAlive(), "restarted node-0 exited:\n" + Devnet.tail(devnet.logFile(VICTIM), 20));
                if (back.ready()) {
                    long h3 = back.status().path("latestHeight").asLong();
                    if (h3 >= target) break;
                }
                assertTrue(System.nanoTime() < deadline, "node-0 did not catch up to height " + target + ":\n"
                        + Devnet.tail(devnet.logFile(VICTIM), 20));
                Thread.sleep(500);
            }
            assertEquals(live.block(String.valueOf(target)).path("hash").asText(), back.block(String.valueOf(target)).path("hash").asText());
            assertEquals(live.block(String.valueOf(target)).path("stateRoot").asText(),
                    back.block(String.valueOf(target)).path("stateRoot").asText());
            assertEquals(live.account(carol.address().hex()).path("balance").asLong(),
                    back.account(carol.address().hex()).path("balance").asLong(), "node-0 has the transfer made while it was down");
            // ... and it keeps following the chain after catching up.
            long later = live.status().path("latestHeight").asLong() + 2;
            while (back.status().path("latestHeight").asLong() < later) {
                assertTrue(System.nanoTime() < deadline, "node-0 stopped following the chain");
                Thread.sleep(500);
            }
            OUT.printf("phases (not asserted): start to ready %d s, demo %d s, kill -9 to caught up and following %d s%n",
                    (tReady - t0) / 1_000_000_000L, (tDemo - tReady) / 1_000_000_000L, (System.nanoTime() - tDemo) / 1_000_000_000L);
        } catch (Throwable t) {
            keepLogs(devnet);
            throw t;
        } finally {
            devnet.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /**
     * The devnet's JVM options, with the main logback.xml (INFO) instead of the tests' quieter logback-test.xml,
     * and without the model actor: this test is about processes, seeds, kill -9 and catch-up; four model loads
     * cost minutes of CPU on a 2-core CI machine. (With the model on, its screening refused every proposal that
     * carried this test's transfer memo "while node-0 is down" (risk 1.00) and the chain stalled at that
     * height. Fixed in ProposalScorer: blocks smaller than SEMANTIC_MIN_TXS are scored as if they held that
     * many, see ProposalScorerTest.oneRiskyMemoDoesNotRefuseASmallBlockButABlockFullOfThemIs; the memo is kept.)
     */
    private static List<String> jvmOpts() {
        List<String> opts = new java.util.ArrayList<>(Devnet.splitOpts(Devnet.DEFAULT_JVM_OPTS));
        opts.add("-Dlogback.configurationFile=logback.xml");
        opts.add("-Dledger.llm.enabled=false");
        return opts;
    }

    /** Copies the nodes' logs to target/DevnetProcessTest-logs/ (the devnet's temporary directory is deleted). */
    private static void keepLogs(Devnet devnet) {
        try {
            Path to = Path.of("target", "DevnetProcessTest-logs");
            java.nio.file.Files.createDirectories(to);
            for (int i = 0; i < devnet.validators; i++) {
                if (java.nio.file.Files.exists(devnet.logFile(i))) {
                    java.nio.file.Files.copy(devnet.logFile(i), to.resolve("node-" + i + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            OUT.println("node logs kept in " + to.toAbsolutePath());
        } catch (java.io.IOException e) {
            OUT.println("could not keep the node logs: " + e);
        }
    }

    /** A base port with itself and the next three free on loopback. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            boolean free = true;
            for (int i = 0; i < 4 && free; i++) free = Devnet.portFree(base + i);
            if (free) return base;
        }
        throw new IllegalStateException("no four free consecutive ports");
    }
}
