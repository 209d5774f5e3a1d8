package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.node.NodeLauncher;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet's files (no processes: DevnetProcessTest starts them). */
class DevnetTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void prepareWritesGenesisDevOnlyKeysAndOneLoadableConfigPerValidator(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("net");
        Devnet d = new Devnet(dir, 3, 18080, 12551, List.of(), QUIET);
        d.prepare(false);
        Genesis g = Genesis.read(dir.resolve("genesis.json"));
        assertEquals(DevnetGenesis.create(3).hash(), g.hash());
        assertTrue(Files.readString(dir.resolve("README-DEV-ONLY.txt")).contains("DEV-ONLY"));
        String seller = Files.readString(d.keyFile("seller"));
        assertTrue(seller.contains("DEV-ONLY"), seller);
        assertEquals(DevnetGenesis.key("seller").address(), KeyFile.read(d.keyFile("seller")).address());
        for (int i = 0; i < 3; i++) {
            NodeLauncher.Settings s = NodeLauncher.load(d.config(i));
            assertEquals("node-" + i, s.nodeName());
            assertEquals(d.nodeDir(i), s.dataDir());
            assertTrue(s.isValidator(), "node-" + i + " is a validator");
            assertEquals(DevnetGenesis.validatorKey(i).address(), s.validatorKey().address());
            assertEquals(g.hash(), s.genesis().hash());
            assertEquals("http://127.0.0.1:" + (18080 + i), s.httpUrl());
            assertEquals(12551 + i, s.config().getInt("pekko.remote.artery.canonical.port"));
            assertEquals("cluster", s.config().getString("pekko.actor.provider"));
            List<String> seeds = s.config().getStringList("pekko.cluster.seed-nodes");
            assertEquals(3, seeds.size());
            assertEquals("pekko://ledger@127.0.0.1:" + (12551 + i), seeds.get(2), "a node lists itself last, so a restart rejoins");
            assertTrue(s.config().getString("ledger.persistence.db.url").contains(d.nodeDir(i).toString()),
                    s.config().getString("ledger.persistence.db.url"));
        }
    }

    @Test
    void reusesADevnetUnlessFreshAndNeverDeletesForeignDirectories(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("net");
        new Devnet(dir, 2, 18080, 12551, List.of(), QUIET).prepare(false);
        Path marker = dir.resolve("node-0").resolve("journal.mv.db");
        Files.writeString(marker, "chain data");
        new Devnet(dir, 2, 19080, 13551, List.of(), QUIET).prepare(false);
        assertTrue(Files.exists(marker), "reused, not wiped");
        assertTrue(Files.readString(dir.resolve("node-1").resolve("node.conf")).contains("port = 13552"), "configs rewritten with new ports");
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
                () -> new Devnet(dir, 4, 18080, 12551, List.of(), QUIET).prepare(false));
        assertTrue(wrongSize.getMessage().contains("--validators 2"), wrongSize.getMessage());
        new Devnet(dir, 4, 18080, 12551, List.of(), QUIET).prepare(true);
        assertFalse(Files.exists(marker), "--fresh starts over");
        assertEquals(4, Genesis.read(dir.resolve("genesis.json")).validators().size());

        Path foreign = tmp.resolve("home");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertThrows(IllegalArgumentException.class, () -> new Devnet(foreign, 2, 18080, 12551, List.of(), QUIET).prepare(true));
        assertThrows(IllegalArgumentException.class, () -> new Devnet(foreign, 2, 18080, 12551, List.of(), QUIET).prepare(false));
        assertTrue(Files.exists(foreign.resolve("thesis.tex")));
    }

    @Test
    void theRestartCommandRunsThisJavaWithThisClasspathAndQuotesForTheShell(@TempDir Path tmp) {
        Devnet d = new Devnet(tmp.resolve("a dir"), 2, 18080, 12551, List.of("-Xmx64m"), QUIET);
        List<String> cmd = d.command(1);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), cmd.get(0));
        assertEquals(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), LedgerCli.class.getName(), "node", "--config",
                d.config(1).toString()), cmd.subList(1, cmd.size()));
        String line = d.restartCommand(1);
        assertTrue(line.contains("'" + d.config(1) + "'"), line);
        assertTrue(line.endsWith(" >> '" + d.logFile(1) + "' 2>&1 &"), line);
        assertTrue(d.command(0, true).contains("-Dledger.cluster.form-new-cluster=true"), "the devnet's start of node-0 forms the cluster");
        assertTrue(d.restartCommand(0).indexOf("form-new-cluster") < 0, "a restarted node-0 joins the running cluster");
        assertEquals("'it'\\''s'", Devnet.shellQuote("it's"));
        assertEquals("plain/path-1.jar", Devnet.shellQuote("plain/path-1.jar"));
    }
}
