package io.reactiveledger.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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

    /**
     * How long a probe's {@code expectMessage}/{@code receiveMessage} waits (the testkit's default is 3 s). The
     * first ActorSystem of the test JVM loads Pekko, Slick, Hikari and H2, and on a loaded 2-core machine its
     * first journal write or recovery has taken longer than 3 s. A generous deadline only bounds how long a
     * broken test hangs; a passing one returns as soon as the message arrives.
     */
    static final String EXPECT_DEFAULT = "30s";

    static ActorTestKit start(String nodeName, Path dataDir) {
        Config config = ConfigFactory.parseString("pekko.actor.testkit.typed.single-expect-default = " + EXPECT_DEFAULT)
                .withFallback(NodeConfig.of(nodeName, dataDir, 0, 0));
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
