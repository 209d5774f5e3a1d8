package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MerkleMapTest {
    /** A value whose commitment is SHA-256 of its number; counts how often commitments are asked for. */
    static final class Val implements Committed {
        static final AtomicInteger COMMITMENTS = new AtomicInteger();
        final long v;

        Val(long v) {
            this.v = v;
        }

        @Override
        public Hash commitment() {
            COMMITMENTS.incrementAndGet();
            return Hash.of(sha256(ByteBuffer.allocate(8).putLong(v).array()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Val x && x.v == v;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(v);
        }

        @Override
        public String toString() {
            return "Val(" + v + ")";
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Hash randomKey(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return Hash.of(b);
    }

    private static List<Hash> randomKeys(int n, long seed) {
        Random rnd = new Random(seed);
        List<Hash> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) keys.add(randomKey(rnd));
        return keys;
    }

    /** {@code count} keys equal to {@code base} except in the last {@code varyingNibbles} nibbles. */
    private static List<Hash> clusteredKeys(byte[] base, int count, int varyingNibbles, long seed) {
        Random rnd = new Random(seed);
        List<Hash> out = new ArrayList<>();
        java.util.Set<Hash> seen = new java.util.HashSet<>();
        while (out.size() < count) {
            byte[] b = base.clone();
            for (int nib = 64 - varyingNibbles; nib < 64; nib++) {
                int x = rnd.nextInt(16);
                b[nib / 2] = (byte) (nib % 2 == 0 ? (b[nib / 2] & 0x0F) | (x << 4) : (b[nib / 2] & 0xF0) | x);
            }
            Hash h = Hash.of(b);
            if (seen.add(h)) out.add(h);
        }
        return out;
    }

    private static MerkleMap<Val> build(Map<Hash, Val> entries) {
        MerkleMap<Val> m = MerkleMap.empty();
        for (Map.Entry<Hash, Val> e : entries.entrySet()) m = m.put(e.getKey(), e.getValue());
        return m;
    }

    // ---- independent reference: the documented canonical shape and hashing, from a sorted map ----

    static Hash referenceRoot(NavigableMap<Hash, Val> entries) {
        if (entries.isEmpty()) return Hash.ZERO;
        return Hash.of(referenceNode(new ArrayList<>(entries.entrySet()), 0));
    }

    private static byte[] referenceNode(List<Map.Entry<Hash, Val>> sorted, int depth) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (sorted.size() <= 8) {
            buf.write(0x02);
            for (Map.Entry<Hash, Val> e : sorted) {
                buf.writeBytes(e.getKey().bytes());
                buf.writeBytes(e.getValue().commitment().bytes());
            }
        } else {
            buf.write(0x03);
            for (int nib = 0; nib < 16; nib++) {
                List<Map.Entry<Hash, Val>> child = new ArrayList<>();
                for (Map.Entry<Hash, Val> e : sorted) {
                    byte[] k = e.getKey().bytes();
                    int n = depth % 2 == 0 ? (k[depth / 2] & 0xF0) >>> 4 : k[depth / 2] & 0x0F;
                    if (n == nib) child.add(e);
                }
                buf.writeBytes(child.isEmpty() ? new byte[32] : referenceNode(child, depth + 1));
            }
        }
        return sha256(buf.toByteArray());
    }

    // ---- tests ----

    @Test
    void emptyMap() {
        MerkleMap<Val> m = MerkleMap.empty();
        assertEquals(Hash.ZERO, m.root());
        assertEquals(0, m.size());
        assertNull(m.get(Hash.ZERO));
        List<Hash> visited = new ArrayList<>();
        m.forEach((k, v) -> visited.add(k));
        assertEquals(List.of(), visited);
    }

    @Test
    void getAndPut() {
        List<Hash> keys = randomKeys(50, 1);
        MerkleMap<Val> m = MerkleMap.empty();
        for (int i = 0; i < keys.size(); i++) m = m.put(keys.get(i), new Val(i));
        for (int i = 0; i < keys.size(); i++) assertEquals(new Val(i), m.get(keys.get(i)));
        assertNull(m.get(randomKey(new Random(2))));
        m = m.put(keys.get(7), new Val(-7));
        assertEquals(new Val(-7), m.get(keys.get(7)));
        assertEquals(new Val(8), m.get(keys.get(8)));
    }

    @Test
    void nullValueIsRefused() {
        MerkleMap<Val> m = MerkleMap.empty();
        assertThrows(IllegalArgumentException.class, () -> m.put(Hash.ZERO, null));
    }

    @Test
    void singleEntryRootIsTheDocumentedLeafHash() {
        Hash key = randomKeys(1, 3).get(0);
        Val v = new Val(42);
        byte[] buf = new byte[65];
        buf[0] = 0x02;
        System.arraycopy(key.bytes(), 0, buf, 1, 32);
        System.arraycopy(v.commitment().bytes(), 0, buf, 33, 32);
        assertArrayEquals(sha256(buf), MerkleMap.<Val>empty().put(key, v).root().bytes());
    }

    @Test
    void sizeCountsDistinctKeys() {
        List<Hash> keys = randomKeys(300, 4);
        MerkleMap<Val> m = MerkleMap.empty();
        for (int i = 0; i < keys.size(); i++) {
            m = m.put(keys.get(i), new Val(i));
            assertEquals(i + 1, m.size());
        }
        for (int i = 0; i < keys.size(); i += 3) m = m.put(keys.get(i), new Val(-i));
        assertEquals(300, m.size(), "overwrites do not grow the map");
        m = m.putAll(Map.of(keys.get(0), new Val(1), randomKey(new Random(5)), new Val(2)));
        assertEquals(301, m.size());
        int[] visited = {0};
        m.forEach((k, v) -> visited[0]++);
        assertEquals(301, visited[0]);
    }

    @Test
    void oldVersionsAreUnchanged() {
        List<Hash> keys = randomKeys(200, 6);
        List<MerkleMap<Val>> versions = new ArrayList<>();
        List<Hash> rootsWhenTaken = new ArrayList<>();
        List<NavigableMap<Hash, Val>> contents = new ArrayList<>();
        TreeMap<Hash, Val> model = new TreeMap<>();
        MerkleMap<Val> m = MerkleMap.empty();
        Random rnd = new Random(7);
        for (int step = 0; step < 400; step++) {
            Hash k = keys.get(rnd.nextInt(keys.size()));
            Val v = new Val(rnd.nextInt(1000));
            m = m.put(k, v);
            model.put(k, v);
            versions.add(m);
            contents.add(new TreeMap<>(model));
            rootsWhenTaken.add(step % 2 == 0 ? m.root() : null); // leave half the versions un-hashed until later
        }
        for (int i = 0; i < versions.size(); i++) {
            MerkleMap<Val> old = versions.get(i);
            NavigableMap<Hash, Val> expected = contents.get(i);
            assertEquals(expected.size(), old.size(), "size of version " + i);
            for (Hash k : keys) assertEquals(expected.get(k), old.get(k), "version " + i);
            Hash root = old.root();
            if (rootsWhenTaken.get(i) != null) assertEquals(rootsWhenTaken.get(i), root, "root of version " + i);
            assertEquals(referenceRoot(expected), root, "reference root of version " + i);
        }
    }

    @Test
    void emptySingletonIsNotMutated() {
        MerkleMap<Val> e = MerkleMap.empty();
        e.put(Hash.ZERO, new Val(1));
        assertEquals(0, MerkleMap.<Val>empty().size());
        assertEquals(Hash.ZERO, MerkleMap.<Val>empty().root());
        assertSame(MerkleMap.empty(), MerkleMap.empty());
    }

    @Test
    void rootIsIndependentOfInsertionOrder() {
        List<Hash> keys = randomKeys(1000, 8);
        keys.addAll(clusteredKeys(new byte[32], 16, 1, 9));        // share 63 nibbles: deepest split
        keys.addAll(clusteredKeys(keys.get(0).bytes(), 12, 2, 10)); // share 62 nibbles with a random key
        Map<Hash, Val> values = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) values.put(keys.get(i), new Val(i * 31L));
        assertEquals(keys.size(), values.size(), "premise: distinct keys");

        Hash expected = referenceRoot(new TreeMap<>(values));
        for (long seed : new long[] {11, 12, 13}) {
            List<Hash> order = new ArrayList<>(keys);
            Collections.shuffle(order, new Random(seed));
            MerkleMap<Val> m = MerkleMap.empty();
            for (Hash k : order) m = m.put(k, values.get(k));
            assertEquals(expected, m.root(), "shuffle seed " + seed);
            assertEquals(keys.size(), m.size());
        }
        List<Hash> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        Collections.reverse(sorted);
        MerkleMap<Val> reversed = MerkleMap.empty();
        for (Hash k : sorted) reversed = reversed.put(k, values.get(k));
        assertEquals(expected, reversed.root(), "descending order");
        assertEquals(expected, MerkleMap.<Val>empty().putAll(values).root(), "putAll");
    }

    @Test
    void rootChangesWhenAnySingleValueChanges() {
        List<Hash> keys = randomKeys(1000, 14);
        keys.addAll(clusteredKeys(new byte[32], 16, 1, 15));
        MerkleMap<Val> m = MerkleMap.empty();
        for (int i = 0; i < keys.size(); i++) m = m.put(keys.get(i), new Val(i));
        Hash root = m.root();
        java.util.Set<Hash> seen = new java.util.HashSet<>();
        seen.add(root);
        for (int i = 0; i < keys.size(); i++) {
            Hash changed = m.put(keys.get(i), new Val(i + 1_000_000)).root();
            assertNotEquals(root, changed, "changing value of key " + i);
            assertTrue(seen.add(changed), "every single change gives a distinct root");
            assertEquals(root, m.put(keys.get(i), new Val(i)).root(), "equal replacement of key " + i);
        }
        assertEquals(root, m.root());
    }

    @Test
    void rootChangesWhenAKeyIsAdded() {
        List<Hash> keys = randomKeys(100, 16);
        MerkleMap<Val> m = MerkleMap.empty();
        Hash previous = m.root();
        for (Hash k : keys) {
            m = m.put(k, new Val(0));
            assertNotEquals(previous, m.root());
            previous = m.root();
        }
    }

    @Test
    void forEachVisitsKeysInAscendingOrder() {
        List<Hash> keys = randomKeys(1000, 17);
        keys.addAll(clusteredKeys(new byte[32], 16, 1, 18));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xFF);
        keys.addAll(clusteredKeys(ff, 10, 3, 19)); // bytes >= 0x80 must sort last (unsigned)
        MerkleMap<Val> m = MerkleMap.empty();
        Map<Hash, Val> expected = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m = m.put(keys.get(i), new Val(i));
            expected.put(keys.get(i), new Val(i));
        }
        LinkedHashMap<Hash, Val> visited = new LinkedHashMap<>();
        m.forEach(visited::put);
        List<Hash> sorted = new ArrayList<>(expected.keySet());
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.bytes(), b.bytes()));
        List<Hash> order = new ArrayList<>(visited.keySet());
        assertEquals(sorted.size(), order.size(), "entries visited");
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(sorted.get(i), order.get(i), "visit #" + i);
        }
        assertEquals(expected, visited);
    }

    @Test
    void leafBucketBoundary() {
        // 8 keys under one nibble stay a leaf; the 9th forces a split. Checked against the reference shape.
        for (int count = 1; count <= 20; count++) {
            List<Hash> keys = clusteredKeys(new byte[32], count, 2, 20 + count);
            TreeMap<Hash, Val> model = new TreeMap<>();
            MerkleMap<Val> m = MerkleMap.empty();
            for (int i = 0; i < count; i++) {
                m = m.put(keys.get(i), new Val(i));
                model.put(keys.get(i), new Val(i));
                assertEquals(referenceRoot(model), m.root(), count + " keys, after " + (i + 1));
            }
        }
    }

    @Test
    void incrementalRootEqualsFromScratchRecomputation() {
        Random rnd = new Random(21);
        List<Hash> keys = randomKeys(1500, 22);
        keys.addAll(clusteredKeys(new byte[32], 16, 1, 23));
        TreeMap<Hash, Val> model = new TreeMap<>();
        MerkleMap<Val> m = MerkleMap.empty();
        for (int block = 0; block < 50; block++) {
            for (int op = 0; op < 100; op++) {
                Hash k = keys.get(rnd.nextInt(keys.size()));
                Val v = new Val(rnd.nextLong());
                m = m.put(k, v);
                model.put(k, v);
            }
            Hash incremental = m.root(); // hashes are cached between blocks, as in the ledger
            if (block % 10 == 9) {
                assertEquals(build(model).root(), incremental, "fresh map, block " + block);
                assertEquals(referenceRoot(model), incremental, "reference, block " + block);
            }
        }
        assertEquals(model.size(), m.size());
        for (Map.Entry<Hash, Val> e : model.entrySet()) assertEquals(e.getValue(), m.get(e.getKey()));
        for (Hash k : keys) if (!model.containsKey(k)) assertNull(m.get(k));
    }

    @Test
    void rootAfterOneUpdateRehashesOnlyTheChangedPath() {
        List<Hash> keys = randomKeys(2000, 24);
        MerkleMap<Val> m = MerkleMap.empty();
        for (int i = 0; i < keys.size(); i++) m = m.put(keys.get(i), new Val(i));
        m.root();
        Val.COMMITMENTS.set(0);
        MerkleMap<Val> updated = m.put(keys.get(123), new Val(-1));
        updated.root();
        int asked = Val.COMMITMENTS.get();
        assertTrue(asked <= MerkleMap.LEAF_CAPACITY, "only the changed leaf bucket is re-hashed, asked " + asked);
        Val.COMMITMENTS.set(0);
        MerkleMap<Val> grown = updated.put(randomKey(new Random(25)), new Val(5));
        grown.root();
        asked = Val.COMMITMENTS.get();
        assertTrue(asked <= 2 * MerkleMap.LEAF_CAPACITY + 1, "insertion re-hashes at most a split bucket, asked " + asked);
        Val.COMMITMENTS.set(0);
        m.root();
        assertEquals(0, Val.COMMITMENTS.get(), "the old version's root stays cached");
    }
}
