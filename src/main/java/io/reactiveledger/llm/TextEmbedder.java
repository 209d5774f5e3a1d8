package io.reactiveledger.llm;

import java.util.List;

/** Turns texts into L2-normalised sentence embeddings (one row per text, same order). */
public interface TextEmbedder {
    float[][] embed(List<String> texts);

    int dimension();

    default float[] embed(String text) {
        return embed(List.of(text))[0];
    }
}
