package io.reactiveledger.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExemplarSet} with a deterministic stand-in embedder (no model): risk and its memo. */
class ExemplarSetTest {
    /** Texts starting with "scam" point one way, everything else the other, with a little per-text spread. */
    private static final TextEmbedder FAKE = new TextEmbedder() {
        @Override
        public float[][] embed(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                float spread = (t.hashCode() % 7) / 100f;
                out[i] = Vectors.normalize(t.startsWith("scam") ? new float[] {1, spread, 0} : new float[] {spread, 1, 0});
            }
            return out;
        }

        @Override
        public int dimension() {
            return 3;
        }
    };

    private final ExemplarSet set = new ExemplarSet(List.of("scam one", "scam two", "scam three"),
            List.of("rent", "invoice", "salary"), FAKE);

    @Test
    void riskyTextsScoreHighAndOrdinaryOnesLow() {
        ExemplarSet.TextRisk scam = set.risk(FAKE.embed(List.of("scam airdrop")).clone()[0]);
        ExemplarSet.TextRisk rent = set.risk(FAKE.embed(List.of("rent for May"))[0]);
        assertTrue(scam.probability() > 0.9, scam.toString());
        assertTrue(rent.probability() < 0.1, rent.toString());
        assertTrue(scam.nearestRisky().startsWith("scam"));
    }

    @Test
    void aRememberedVerdictEqualsAFreshOneForEqualVectorsOnly() {
        float[] a = FAKE.embed(List.of("scam lottery"))[0];
        float[] copy = a.clone();
        ExemplarSet.TextRisk first = set.risk(a);
        ExemplarSet.TextRisk again = set.risk(copy);
        assertNotSame(a, copy);
        assertSame(first, again, "equal content hits the memo");
        ExemplarSet fresh = new ExemplarSet(List.of("scam one", "scam two", "scam three"), List.of("rent", "invoice", "salary"), FAKE);
        assertEquals(fresh.risk(copy), first, "the memo returns what a fresh computation gives");
        copy[2] = 0.5f; // a different vector must not hit the memo
        assertTrue(set.risk(Vectors.normalize(copy)).probability() != 0 && set.risk(Vectors.normalize(copy)) != first);
    }

    @Test
    void emptyExemplarSetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExemplarSet(List.of(), List.of("x"), FAKE));
        assertThrows(IllegalArgumentException.class, () -> new ExemplarSet(List.of("x"), List.of(), FAKE));
    }
}
