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
 * scenario over HTTP, then kills one node with kill -9, restarts it with the printed command and checks
 * that it rejoins and catches up. Every child process is stopped in {@code finally} and, should this JVM
 * die first, by a shutdown hook.
 */
@Tag("process")
class DevnetProcessTest {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void demoOnFourProcessesThenAKilledNodeRestartsWithThePrintedCommandAndCatchesUp(@TempDir Path tmp) throws Exception {
        int httpBase = freeBase();
        int clusterBase = freeBase();
        while (Math.abs(clusterBase - httpBase) < 4) clusterBase = freeBase();
        Devnet devnet = new Devnet(tmp.resolve("devnet"), 4, httpBase, clusterBase, Devnet.splitOpts(Devnet.DEFAULT_JVM_OPTS), OUT);
        Thread hook = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            devnet.checkPortsFree();
            devnet.prepare(true);
            devnet.startAll();
            long t0 = System.nanoTime();
            devnet.awaitReady(Duration.ofSeconds(180));
            long tReady = System.nanoTime();

            DemoScenario.Result r = new DemoScenario(devnet.urls(), Duration.ofSeconds(2), OUT).run();
            assertTrue(r.ok(), "demo failures: " + r.failures());
            assertEquals(2, r.highestBid());
            assertEquals("SOLD", r.status());
            assertEquals(4, r.stateRoots().size());
            assertEquals(1, r.stateRoots().values().stream().distinct().count(), "equal state roots: " + r.stateRoots());

            long tDemo = System.nanoTime();
            // kill -9 node-3; the other three (> 2/3 of the power) keep committing.
            Process victim = devnet.process(3);
            victim.destroyForcibly();
            victim.waitFor(30, TimeUnit.SECONDS);
            LedgerClient node0 = new LedgerClient(devnet.url(0));
            TxSender sender = new TxSender(node0);
            KeyPair seller = DevnetGenesis.key("seller");
            KeyPair carol = DevnetGenesis.key("carol");
            JsonNode moved = sender.submitAndAwaitCommit(sender.sign(seller, 1, new Transfer(carol.address(), 5), "while node-3 is down"),
                    60_000);
            assertEquals("SUCCESS", moved.path("receipt").path("status").asText(), moved.toString());
            long heightWhileDown = moved.path("height").asLong();

            // Restart it with exactly the command the devnet prints (run in the foreground of sh: exec, no '&').
            String printed = devnet.restartCommand(3);
            assertTrue(printed.endsWith(" &"), printed);
            Process restarted = new ProcessBuilder("sh", "-c", "exec " + printed.substring(0, printed.length() - 2)).start();
            devnet.adopt(3, restarted);

            LedgerClient node3 = new LedgerClient(devnet.url(3));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long target = heightWhileDown;
            while (true) {
                assertTrue(restarted.isAlive(), "restarted node-3 exited:\n" + Devnet.tail(devnet.logFile(3), 20));
                if (node3.ready()) {
                    long h3 = node3.status().path("latestHeight").asLong();
                    if (h3 >= target) break;
                }
                assertTrue(System.nanoTime() < deadline, "node-3 did not catch up to height " + target + ":\n"
                        + Devnet.tail(devnet.logFile(3), 20));
                Thread.sleep(500);
            }
            assertEquals(node0.block(String.valueOf(target)).path("hash").asText(), node3.block(String.valueOf(target)).path("hash").asText());
            assertEquals(node0.block(String.valueOf(target)).path("stateRoot").asText(),
                    node3.block(String.valueOf(target)).path("stateRoot").asText());
            assertEquals(node0.account(carol.address().hex()).path("balance").asLong(),
                    node3.account(carol.address().hex()).path("balance").asLong(), "node-3 has the transfer made while it was down");
            // ... and it keeps following the chain after catching up.
            long later = node0.status().path("latestHeight").asLong() + 2;
            while (node3.status().path("latestHeight").asLong() < later) {
                assertTrue(System.nanoTime() < deadline, "node-3 stopped following the chain");
                Thread.sleep(500);
            }
            OUT.printf("phases (not asserted): start to ready %d s, demo %d s, kill -9 to caught up and following %d s%n",
                    (tReady - t0) / 1_000_000_000L, (tDemo - tReady) / 1_000_000_000L, (System.nanoTime() - tDemo) / 1_000_000_000L);
        } finally {
            devnet.close();
            Runtime.getRuntime().removeShutdownHook(hook);
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
