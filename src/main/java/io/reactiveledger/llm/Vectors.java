package io.reactiveledger.llm;

/** Small vector helpers for embeddings. */
public final class Vectors {
    private Vectors() {
    }

    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Cosine similarity; for L2-normalised vectors this is the dot product. */
    public static double cosine(float[] a, float[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot(a, b) / (na * nb);
    }

    public static float[] normalize(float[] v) {
        double n = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    /**
     * Mean of the token vectors whose attention mask is 1, then L2-normalised.
     *
     * @param hidden row-major [tokens][dim] values of one sequence
     */
    public static float[] meanPool(float[] hidden, long[] mask, int dim) {
        float[] sum = new float[dim];
        int count = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            int base = t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[base + d];
            }
        }
        if (count > 0) {
            for (int d = 0; d < dim; d++) {
                sum[d] /= count;
            }
        }
        return normalize(sum);
    }
}
