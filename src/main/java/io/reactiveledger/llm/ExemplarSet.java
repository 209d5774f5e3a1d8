package io.reactiveledger.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled texts and their embeddings: risky (phishing, scam, spam) and benign (ordinary payments and
 * listings), English and Chinese, shipped as {@code llm/risky-exemplars.txt} and {@code llm/benign-exemplars.txt}.
 * A text's semantic risk compares its similarity to the nearest risky exemplars with that to the nearest benign ones.
 */
public final class ExemplarSet {
    public static final String RISKY_RESOURCE = "llm/risky-exemplars.txt";
    public static final String BENIGN_RESOURCE = "llm/benign-exemplars.txt";
    static final int TOP_K = 3;
    /** Steepness of the logistic over (risky similarity - benign similarity). */
    static final double SLOPE = 25.0;

    private final List<String> riskyTexts;
    private final List<String> benignTexts;
    private final float[][] risky;
    private final float[][] benign;

    public ExemplarSet(List<String> riskyTexts, List<String> benignTexts, TextEmbedder embedder) {
        if (riskyTexts.isEmpty() || benignTexts.isEmpty()) {
            throw new IllegalArgumentException("both exemplar sets must be non-empty");
        }
        this.riskyTexts = List.copyOf(riskyTexts);
        this.benignTexts = List.copyOf(benignTexts);
        this.risky = embedder.embed(this.riskyTexts);
        this.benign = embedder.embed(this.benignTexts);
    }

    /** The shipped exemplar sets, embedded by {@code embedder}. */
    public static ExemplarSet load(TextEmbedder embedder) {
        return new ExemplarSet(readLines(RISKY_RESOURCE), readLines(BENIGN_RESOURCE), embedder);
    }

    static List<String> readLines(String resource) {
        InputStream in = ExemplarSet.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Verdicts of recently seen embeddings: memos recur, and a 2,000-memo block cost 2,000 x 84 dot products. */
    private static final int MEMO_ENTRIES = 8192;
    private final Map<Embedding, TextRisk> memo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Embedding, TextRisk> eldest) {
            return size() > MEMO_ENTRIES;
        }
    };

    /** Risk in [0, 1] of one embedded text, with the nearest risky exemplar (remembered for recent embeddings). */
    public TextRisk risk(float[] embedding) {
        Embedding key = new Embedding(embedding);
        synchronized (memo) {
            TextRisk known = memo.get(key);
            if (known != null) return known;
        }
        TextRisk computed = compute(embedding);
        synchronized (memo) {
            memo.put(key, computed);
        }
        return computed;
    }

    /** An embedding compared by content (the hash is computed once). */
    private static final class Embedding {
        private final float[] v;
        private final int hash;

        Embedding(float[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Embedding e && e.hash == hash && Arrays.equals(e.v, v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private TextRisk compute(float[] embedding) {
        double[] r = new double[risky.length];
        int best = 0;
        for (int i = 0; i < risky.length; i++) {
            r[i] = Vectors.dot(embedding, risky[i]);
            if (r[i] > r[best]) {
                best = i;
            }
        }
        double[] b = new double[benign.length];
        for (int i = 0; i < benign.length; i++) {
            b[i] = Vectors.dot(embedding, benign[i]);
        }
        double diff = topMean(r) - topMean(b);
        double p = 1.0 / (1.0 + Math.exp(-SLOPE * diff));
        return new TextRisk(p, riskyTexts.get(best), r[best]);
    }

    private static double topMean(double[] sims) {
        double[] s = sims.clone();
        Arrays.sort(s);
        int k = Math.min(TOP_K, s.length);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += s[s.length - 1 - i];
        }
        return sum / k;
    }

    public int riskyCount() {
        return riskyTexts.size();
    }

    public int benignCount() {
        return benignTexts.size();
    }

    /** @param probability risk in [0, 1]; {@code nearestRisky} the closest risky exemplar and its cosine */
    public record TextRisk(double probability, String nearestRisky, double nearestSimilarity) {
    }
}
