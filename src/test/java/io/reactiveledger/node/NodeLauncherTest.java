package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLauncherTest {
    private static Path write(Path dir, String name, String text) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void relativePathsResolveAgainstTheConfigFileAndOtherSettingsOverrideLedgerConf(@TempDir Path tmp) throws Exception {
        write(tmp.resolve("shared"), "genesis.json", DevnetGenesis.create(4).toJson(DevnetGenesis.notes()));
        KeyFile.write(tmp.resolve("shared").resolve("v2.json"), DevnetGenesis.validatorKey(2), null);
        Path conf = write(tmp.resolve("n2"), "node.conf", """
                ledger {
                  node-name = "val-2"
                  data-dir = "data"
                  genesis-file = "../shared/genesis.json"
                  validator-key-file = "../shared/v2.json"
                  cluster { host = "127.0.0.1", port = 25602, seed-nodes = ["pekko://ledger@127.0.0.1:25600"] }
                  http.port = 18102
                  consensus.timeouts.propose = 4s
                }
                """);
        NodeLauncher.Settings s = NodeLauncher.load(conf);
        assertEquals("val-2", s.nodeName());
        assertEquals(tmp.resolve("n2").resolve("data").toAbsolutePath().normalize(), s.dataDir());
        assertTrue(s.isValidator());
        assertEquals("pekko://ledger@127.0.0.1:25602", s.clusterAddress());
        assertEquals("http://127.0.0.1:18102", s.httpUrl());
        assertEquals(18102, s.config().getInt(NodeConfig.HTTP_PORT));
        assertEquals(4000, s.config().getDuration("ledger.consensus.timeouts.propose").toMillis());
        assertEquals(1000, s.config().getDuration("ledger.consensus.timeouts.prevote").toMillis(), "unset values keep ledger.conf's");
        assertEquals("cluster", s.config().getString("pekko.actor.provider"));
        assertEquals(java.util.List.of("pekko://ledger@127.0.0.1:25600"), s.config().getStringList("pekko.cluster.seed-nodes"));
    }

    @Test
    void formNewClusterPutsTheNodeItselfFirstAmongTheSeeds(@TempDir Path tmp) throws Exception {
        write(tmp, "genesis.json", DevnetGenesis.create(2).toJson(DevnetGenesis.notes()));
        String seeds = "[\"pekko://ledger@127.0.0.1:25702\", \"pekko://ledger@127.0.0.1:25701\"]";
        Path joiner = write(tmp, "a.conf", "ledger { node-name = a, data-dir = a, genesis-file = genesis.json, "
                + "cluster { port = 25701, seed-nodes = " + seeds + " } }");
        assertEquals(java.util.List.of("pekko://ledger@127.0.0.1:25702", "pekko://ledger@127.0.0.1:25701"),
                NodeLauncher.load(joiner).config().getStringList("pekko.cluster.seed-nodes"));
        Path founder = write(tmp, "b.conf", "ledger { node-name = a, data-dir = a, genesis-file = genesis.json, "
                + "cluster { port = 25701, form-new-cluster = true, seed-nodes = " + seeds + " } }");
        assertEquals(java.util.List.of("pekko://ledger@127.0.0.1:25701", "pekko://ledger@127.0.0.1:25702"),
                NodeLauncher.load(founder).config().getStringList("pekko.cluster.seed-nodes"));
    }

    @Test
    void withoutAKeyOrWithAKeyOutsideTheGenesisSetTheNodeIsAnObserver(@TempDir Path tmp) throws Exception {
        write(tmp, "genesis.json", DevnetGenesis.create(4).toJson(DevnetGenesis.notes()));
        Path noKey = write(tmp, "a.conf", "ledger { node-name = obs, data-dir = a, genesis-file = genesis.json }");
        NodeLauncher.Settings a = NodeLauncher.load(noKey);
        assertNull(a.validatorKey());
        assertFalse(a.isValidator());
        KeyFile.write(tmp.resolve("stranger.json"), KeyPair.deterministic("not a validator"), null);
        Path stranger = write(tmp, "b.conf", "ledger { node-name = obs2, data-dir = b, genesis-file = genesis.json, "
                + "validator-key-file = stranger.json }");
        assertFalse(NodeLauncher.load(stranger).isValidator());
    }

    @Test
    void badConfigFilesAreExplained(@TempDir Path tmp) throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> NodeLauncher.load(tmp.resolve("x.conf")));
        assertTrue(none.getMessage().contains("no such config file"), none.getMessage());
        Path noGenesis = write(tmp, "c.conf", "ledger { node-name = n, data-dir = d }");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> NodeLauncher.load(noGenesis));
        assertTrue(missing.getMessage().contains("missing ledger.genesis-file"), missing.getMessage());
        Path badName = write(tmp, "d.conf", "ledger { node-name = \"Bad Name\", data-dir = d, genesis-file = g.json }");
        write(tmp, "g.json", DevnetGenesis.create(1).toJson(DevnetGenesis.notes()));
        assertThrows(IllegalArgumentException.class, () -> NodeLauncher.load(badName));
        Path missingGenesis = write(tmp, "e.conf", "ledger { node-name = n, data-dir = d, genesis-file = nowhere.json }");
        assertThrows(java.io.IOException.class, () -> NodeLauncher.load(missingGenesis));
    }

    @Test
    void theSampleConfigInTheRepositoryLoads() throws Exception {
        NodeLauncher.Settings s = NodeLauncher.load(Path.of("config", "node.conf"));
        assertEquals("node-0", s.nodeName());
        assertEquals(DevnetGenesis.create(4).hash(), s.genesis().hash());
    }
}
