package io.reactiveledger.llm;

import com.typesafe.config.Config;
import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ledger.llm.oracle}: the oracle key (a key file; absent or "" = this node is no oracle), the milestones
 * (fractions of an auction's duration) at which it records a prediction, and the fee it pays per prediction.
 */
public record OracleSettings(KeyPair key, List<Double> milestones, long fee) {
    public static final String CONFIG_PATH = "ledger.llm.oracle";

    public OracleSettings {
        milestones = List.copyOf(milestones);
        for (double m : milestones) {
            if (!(m > 0 && m < 1)) throw new IllegalArgumentException("oracle milestones must be in (0, 1): " + milestones);
        }
        for (int i = 1; i < milestones.size(); i++) {
            if (milestones.get(i) <= milestones.get(i - 1)) throw new IllegalArgumentException("oracle milestones must increase");
        }
        if (fee < 0) throw new IllegalArgumentException("oracle fee must not be negative");
    }

    /** Null when no key file is configured. */
    public static OracleSettings fromConfig(Config config) {
        if (!config.hasPath(CONFIG_PATH)) return null;
        Config c = config.getConfig(CONFIG_PATH);
        String file = c.hasPath("key-file") ? c.getString("key-file") : "";
        if (file.isBlank()) return null;
        KeyPair key;
        try {
            key = KeyFile.read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("ledger.llm.oracle.key-file " + file + ": " + e.getMessage(), e);
        }
        List<Double> ms = new ArrayList<>();
        for (Number n : c.getNumberList("milestones")) ms.add(n.doubleValue());
        return new OracleSettings(key, ms, c.getLong("fee"));
    }
}
