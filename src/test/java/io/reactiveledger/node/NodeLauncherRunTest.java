package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.reactiveledger.consensus.signing.DataDirLock;
import io.reactiveledger.core.genesis.DevnetGenesis;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One validator started from a config file in this JVM: it commits blocks, and stopping it releases the journal and the lock. */
class NodeLauncherRunTest {
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTakenHttpPortStopsTheNodeWithExitCodeOne(@TempDir Path tmp) throws Exception {
        int cluster = freePort();
        Files.writeString(tmp.resolve("genesis.json"), DevnetGenesis.create(1).toJson(DevnetGenesis.notes()));
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path conf = Files.writeString(tmp.resolve("node.conf"), """
                    ledger {
                      node-name = "observer"
                      data-dir = "obs"
                      genesis-file = "genesis.json"
                      cluster { port = %d, seed-nodes = ["pekko://ledger@127.0.0.1:%d"] }
                      http { host = "127.0.0.1", port = %d }
                      llm.enabled = off
                    }
                    pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                    pekko.cluster.jmx.enabled = off
                    """.formatted(cluster, cluster, taken.getLocalPort()));
            assertEquals(1, NodeLauncher.run(conf), "the node must not run on without its API");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSingleValidatorFromAConfigFileCommitsAndStopsCleanly(@TempDir Path tmp) throws Exception {
        int cluster = freePort();
        int http = freePort();
        Files.writeString(tmp.resolve("genesis.json"), DevnetGenesis.create(1).toJson(DevnetGenesis.notes()));
        io.reactiveledger.core.crypto.KeyFile.write(tmp.resolve("v0.json"), DevnetGenesis.validatorKey(0), null);
        Path conf = Files.writeString(tmp.resolve("node.conf"), """
                ledger {
                  node-name = "solo"
                  data-dir = "solo"
                  genesis-file = "genesis.json"
                  validator-key-file = "v0.json"
                  cluster { port = %d, seed-nodes = ["pekko://ledger@127.0.0.1:%d"] }
                  http.port = %d
                  llm.enabled = off # not what this test is about; the model's node wiring: LlmRoutesTest, ModelScreeningClusterTest
                }
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                pekko.cluster.jmx.enabled = off
                """.formatted(cluster, cluster, http));
        NodeLauncher.Settings s = NodeLauncher.load(conf);
        ActorSystem<LedgerNode.Command> system = NodeLauncher.start(s);
        try {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long height = 0;
            while (height < 2) {
                assertTrue(System.nanoTime() < deadline, "no blocks committed");
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.httpUrl() + "/v1/status"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        height = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("latestHeight").asLong();
                    }
                } catch (java.io.IOException notYet) {
                    // the HTTP server is not bound yet
                }
                Thread.sleep(300);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        // The journal's pool is closed: ours is the only session of the H2 database now.
        Config db = s.config().getConfig(JournalSchema.DB);
        try (Connection c = DriverManager.getConnection(db.getString("url") + ";IFEXISTS=TRUE", db.getString("user"), db.getString("password"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "sessions left open on the journal");
        }
        // ... and the validator lock is released.
        DataDirLock.acquire(s.dataDir()).close();
    }
}
