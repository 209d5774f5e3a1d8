package io.reactiveledger.node;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the journal, snapshot and durable-state tables of pekko-persistence-jdbc, which does not
 * create them itself. The script ({@code ledger.persistence.db.schema-script}) is idempotent
 * ({@code IF NOT EXISTS} everywhere), so this runs at every start, before the first persistent actor.
 * Unlike the library's {@code testkit.javadsl.SchemaUtils}, which logs failing statements at debug
 * level and carries on, any failure here is an error.
 */
public final class JournalSchema {
    public static final String DB = "ledger.persistence.db";

    private JournalSchema() {
    }

    public static void createIfNotExists(Config config) {
        Config db = config.getConfig(DB);
        List<String> statements = statements(resource(db.getString("schema-script")));
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"),
                db.getString("password")); Statement st = c.createStatement()) {
            for (String sql : statements) st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the journal schema at " + db.getString("url")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Splits a script at ';' ending a line; drops "--" comment lines and blank statements. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) continue;
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("schema script not on the classpath: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
