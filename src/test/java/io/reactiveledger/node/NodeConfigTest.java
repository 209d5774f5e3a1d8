package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @TempDir
    Path dataDir;

    @Test
    void nodeValuesReachPekkoAndTheJdbcUrl() {
        Config c = NodeConfig.of("node-1", dataDir.resolve("n1"), 2552, 8081);
        String dir = dataDir.resolve("n1").toAbsolutePath().toString().replace('\\', '/');
        assertEquals("node-1", c.getString(NodeConfig.NODE_NAME));
        assertEquals("jdbc:h2:file:" + dir + "/journal;DB_CLOSE_ON_EXIT=FALSE", c.getString("ledger.persistence.db.url"));
        assertEquals(c.getString("ledger.persistence.db.url"),
                c.getString("pekko-persistence-jdbc.shared-databases.slick.db.url"));
        assertEquals(2552, c.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(8081, c.getInt(NodeConfig.HTTP_PORT));
        assertEquals("local", c.getString("pekko.actor.provider"));
        assertEquals("jdbc-journal", c.getString("pekko.persistence.journal.plugin"));
        assertEquals("jackson-cbor", c.getString("pekko.actor.serialization-bindings.\"io.reactiveledger.node.CborSerializable\""));

        Config cluster = NodeConfig.of("node-1", dataDir, 2552, 8081,
                ConfigFactory.parseMap(Map.of("pekko.actor.provider", "cluster")));
        assertEquals("cluster", cluster.getString("pekko.actor.provider"));
    }

    @Test
    void badNodeNamesAndPortsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.of("Node A", dataDir, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.of("a|b", dataDir, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.of("a", dataDir, 70000, 0));
    }

    @Test
    void persistenceIdsAreNamespacedByNode() {
        assertEquals("node-a:chain|main", NodeConfig.persistenceId("node-a", "chain", "main").id());
    }

    @Test
    void schemaCreationIsIdempotent() throws Exception {
        Config c = NodeConfig.of("node-s", dataDir.resolve("does/not/exist/yet"), 0, 0);
        JournalSchema.createIfNotExists(c);
        JournalSchema.createIfNotExists(c);
        try (Connection con = DriverManager.getConnection(c.getString("ledger.persistence.db.url"), "sa", "");
             ResultSet rs = con.createStatement().executeQuery("select table_name from information_schema.tables"
                     + " where table_schema = 'PUBLIC' order by 1")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) tables.add(rs.getString(1));
            assertEquals(List.of("durable_state", "event_journal", "event_tag", "snapshot"), tables);
        }
        assertEquals(List.of("A", "B\n  x"), JournalSchema.statements("-- comment\nA;\n\nB\n  x;\n"));
    }
}
