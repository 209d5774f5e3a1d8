package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded LRU cache in front of an embedder, keyed by the SHA-256 of the text. Only texts not in the
 * cache reach the model, in one batch per call; duplicates within a call are embedded once.
 */
public final class CachingEmbedder implements TextEmbedder {
    private final TextEmbedder inner;
    private final LinkedHashMap<Key, float[]> cache;
    private volatile int size;
    private long hits;
    private long misses;

    public CachingEmbedder(TextEmbedder inner, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.inner = inner;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public synchronized float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        Map<Key, List<Integer>> missing = new LinkedHashMap<>();
        List<Key> keys = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Key k = Key.of(texts.get(i));
            keys.add(k);
            float[] v = cache.get(k);
            if (v != null) {
                out[i] = v;
                hits++;
            } else {
                missing.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> batch = new ArrayList<>(missing.size());
            for (List<Integer> idx : missing.values()) {
                batch.add(texts.get(idx.get(0)));
            }
            misses += batch.size();
            float[][] fresh = inner.embed(batch);
            int j = 0;
            for (Map.Entry<Key, List<Integer>> e : missing.entrySet()) {
                float[] v = fresh[j++];
                cache.put(e.getKey(), v);
                for (int i : e.getValue()) {
                    out[i] = v;
                }
            }
        }
        size = cache.size();
        return out;
    }

    /** Whether {@code text}'s embedding is cached (does not count as a hit or reorder the cache). */
    public synchronized boolean contains(String text) {
        return cache.containsKey(Key.of(text));
    }

    public TextEmbedder inner() {
        return inner;
    }

    /**
     * Entries cached after the last completed {@link #embed} (not synchronized: the model actor reads it for its
     * status while a batch may hold the lock for hundreds of milliseconds).
     */
    public int size() {
        return size;
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized void clear() {
        cache.clear();
        size = 0;
    }

    private record Key(long a, long b, long c, long d) {
        static Key of(String text) {
            byte[] h = Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(h);
            return new Key(bb.getLong(), bb.getLong(), bb.getLong(), bb.getLong());
        }
    }
}
