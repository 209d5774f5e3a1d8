package io.reactiveledger.node;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/** Starting test nodes the way a node starts: config, schema, then the ActorSystem. */
final class TestNodes {
    private TestNodes() {
    }

    static ActorTestKit start(String nodeName, Path dataDir) {
        Config config = NodeConfig.of(nodeName, dataDir, 0, 0);
        JournalSchema.createIfNotExists(config);
        return ActorTestKit.create(nodeName, config);
    }

    /** The single long column of {@code sql} over the node's journal database. */
    static List<Long> longs(ActorTestKit kit, String sql, Object... args) {
        Config db = kit.system().settings().config().getConfig(JournalSchema.DB);
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
