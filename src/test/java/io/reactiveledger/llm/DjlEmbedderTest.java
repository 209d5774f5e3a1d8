package io.reactiveledger.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DjlEmbedderTest {
    private static DjlEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = DjlEmbedder.load(ModelLocation.resolve(null));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void loadsOfflineFromTheClasspathAndEmbedsNormalisedVectors() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals(384, embedder.dimension());
        float[] v = embedder.embed("Payment for invoice 42");
        assertEquals(1.0, Vectors.dot(v, v), 1e-4);
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        float[][] e = embedder.embed(List.of(
                "Send me your wallet seed phrase to claim the prize",
                "Enter your recovery phrase to receive your reward",
                "Rent for the flat, March"));
        double similar = Vectors.dot(e[0], e[1]);
        double unrelated = Vectors.dot(e[0], e[2]);
        assertTrue(similar > unrelated + 0.1, "similar " + similar + " vs unrelated " + unrelated);
    }

    @Test
    void batchedEmbeddingMatchesSingleEmbedding() {
        float[][] batch = embedder.embed(List.of("a short one", "a considerably longer sentence with padding needed"));
        float[] single = embedder.embed("a short one");
        // Padded positions are masked out of the mean, but the quantized model scales activations per tensor
        // (dynamic quantization), so a batch changes the numbers slightly (observed cosine 0.988), never the meaning.
        double d = Vectors.dot(batch[0], single);
        assertTrue(d > 0.97, "padding must barely change the embedding: " + d);
    }

    @Test
    void cacheEmbedsEachDistinctTextOnce() {
        CachingEmbedder cache = new CachingEmbedder(embedder, 2);
        float[][] first = cache.embed(List.of("x", "y", "x"));
        assertSame(first[0], first[2]);
        assertEquals(2, cache.misses());
        cache.embed(List.of("y"));
        assertEquals(1, cache.hits());
        cache.embed(List.of("z"));
        assertEquals(2, cache.size(), "bounded to its capacity");
    }
}
