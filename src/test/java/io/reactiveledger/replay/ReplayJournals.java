package io.reactiveledger.replay;

import com.typesafe.config.Config;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;

/** Writes a real 4-validator journal once, and tampers with copies of it through JDBC. */
final class ReplayJournals {
    static final String NODE = "node0";
    static final int BLOCKS = 8;
    static final int TXS_PER_BLOCK = 6;
    /** An EvidenceRecorded event follows block 3, so block h >= 4 is at sequence number h + 1. */
    static final long EVIDENCE_AFTER = 3;

    final JournalGenerator generator = new JournalGenerator(4, 20);
    final Path original;
    final ChainHead liveHead;

    ReplayJournals(Path root) throws IOException {
        original = root.resolve("original").resolve(NODE);
        Files.createDirectories(original);
        Config config = NodeConfig.of(NODE, original, 0, 0);
        JournalSchema.createIfNotExists(config);
        ActorTestKit kit = ActorTestKit.create("writer", config);
        try {
            liveHead = generator.write(kit.system(), NODE, BLOCKS, TXS_PER_BLOCK, Set.of(EVIDENCE_AFTER), null);
        } finally {
            kit.shutdownTestKit();
        }
        Files.writeString(original.resolve("genesis.json"), generator.genesis.toJson(Map.of()));
    }

    String persistenceId() {
        return NodeConfig.persistenceId(NODE, "chain", generator.genesis.chainId()).id();
    }

    static long seqOfHeight(long h) {
        return h <= EVIDENCE_AFTER ? h : h + 1;
    }

    /** A copy of the journal (and genesis) in {@code dir}/node0, to tamper with. */
    Path copy(Path dir) throws IOException {
        Path target = dir.resolve(NODE);
        Files.createDirectories(target);
        for (String f : List.of("journal.mv.db", "genesis.json")) {
            Files.copy(original.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static Connection connect(Path dataDir) throws SQLException {
        Config db = NodeConfig.of(NODE, dataDir, 0, 0).getConfig(JournalSchema.DB);
        return DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
    }

    byte[] payload(Path dataDir, long seq) throws SQLException {
        try (Connection c = connect(dataDir);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT \"event_payload\" FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
            ps.setString(1, persistenceId());
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no event " + seq);
                return rs.getBytes(1);
            }
        }
    }

    void setPayload(Path dataDir, long seq, byte[] payload) throws SQLException {
        update(dataDir, "UPDATE \"event_journal\" SET \"event_payload\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?",
                payload, persistenceId(), seq);
    }

    void delete(Path dataDir, long seq) throws SQLException {
        update(dataDir, "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?", persistenceId(), seq);
    }

    private static void update(Path dataDir, String sql, Object... args) throws SQLException {
        try (Connection c = connect(dataDir); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            if (ps.executeUpdate() != 1) throw new IllegalStateException("expected one row: " + sql);
        }
    }

    List<Long> sequenceNumbers(Path dataDir) throws SQLException {
        try (Connection c = connect(dataDir);
             PreparedStatement ps = c.prepareStatement("SELECT \"sequence_number\" FROM \"event_journal\" WHERE \"persistence_id\" = ? ORDER BY 1")) {
            ps.setString(1, persistenceId());
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        }
    }

    /** Decodes a stored payload as the journal's serializer does (Jackson CBOR). */
    static ChainStore.BlockCommitted decodeEvent(Serialization ser, byte[] payload) throws java.io.NotSerializableException {
        return (ChainStore.BlockCommitted) ser.deserialize(payload, ser.serializerFor(ChainStore.BlockCommitted.class).identifier(),
                ChainStore.BlockCommitted.class.getName()).get();
    }

    /** {@code original} with another committed block, its receipts kept. */
    static ChainStore.BlockCommitted withBlock(ChainStore.BlockCommitted original, byte[] committedBlock) {
        return new ChainStore.BlockCommitted(committedBlock, original.receipts());
    }

    /** The event's persisted receipts (null in events written before receipts were stored). */
    static byte[] receipts(ChainStore.BlockCommitted event) {
        return event.receipts();
    }

    /** {@code original} with other receipts. */
    static ChainStore.BlockCommitted withReceipts(ChainStore.BlockCommitted original, byte[] receipts) {
        return new ChainStore.BlockCommitted(original.committedBlock(), receipts);
    }

    static byte[] encodeEvent(Serialization ser, ChainStore.BlockCommitted event) {
        String manifest = Serializers.manifestFor(ser.findSerializerFor(event), event);
        if (!manifest.equals(ChainStore.BlockCommitted.class.getName())) throw new IllegalStateException("manifest " + manifest);
        return ser.serialize(event).get();
    }

    static Serialization serialization(ActorTestKit kit) {
        return SerializationExtension.get(kit.system().classicSystem());
    }
}
