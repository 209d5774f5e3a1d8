package io.reactiveledger.llm;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the model actor, from {@code ledger.llm} (see {@code ledger.conf}).
 *
 * @param enabled        false: the actor runs without a model and answers every request "unavailable"
 * @param modelDir       directory with {@code model.onnx} + {@code tokenizer.json}; blank: the classpath default
 * @param maxQueue       requests waiting beyond this many are answered "overloaded" at once
 * @param maxBatchTexts  texts of several waiting requests are embedded together, up to this many per batch
 * @param deadline       default deadline of a request that does not bring its own
 * @param cacheEntries   embeddings kept by text hash
 */
public record ModelSettings(boolean enabled, String modelDir, int maxQueue, int maxBatchTexts, Duration deadline,
                            int cacheEntries) {
    public static final String CONFIG_PATH = "ledger.llm";
    public static final String DISPATCHER = "ledger.llm-dispatcher";

    public ModelSettings {
        modelDir = modelDir == null ? "" : modelDir;
        if (maxQueue < 1) throw new IllegalArgumentException("max-queue must be positive");
        if (maxBatchTexts < 1) throw new IllegalArgumentException("max-batch-texts must be positive");
        if (deadline.isNegative() || deadline.isZero()) throw new IllegalArgumentException("deadline must be positive");
        if (cacheEntries < 1) throw new IllegalArgumentException("cache-entries must be positive");
    }

    public static ModelSettings fromConfig(Config config) {
        Config c = config.getConfig(CONFIG_PATH);
        return new ModelSettings(c.getBoolean("enabled"), c.getString("model-dir"), c.getInt("max-queue"),
                c.getInt("max-batch-texts"), c.getDuration("deadline"), c.getInt("cache-entries"));
    }

    public static ModelSettings defaults() {
        return new ModelSettings(true, "", 256, 64, Duration.ofSeconds(2), 50_000);
    }

    public ModelSettings withQueue(int newMaxQueue) {
        return new ModelSettings(enabled, modelDir, newMaxQueue, maxBatchTexts, deadline, cacheEntries);
    }

    public ModelSettings withEnabled(boolean on) {
        return new ModelSettings(on, modelDir, maxQueue, maxBatchTexts, deadline, cacheEntries);
    }
}
