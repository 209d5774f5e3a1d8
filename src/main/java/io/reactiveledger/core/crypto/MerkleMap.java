package io.reactiveledger.core.crypto;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable, persistent map from 32-byte key hashes to committed values, with an incrementally
 * maintained Merkle root.
 *
 * <p>Structure: a hexary trie on the nibbles of the key hash. A subtree holding at most
 * {@value #LEAF_CAPACITY} entries is a leaf bucket; a larger one is a branch with 16 children. The
 * shape is therefore a function of the key set alone, so equal maps have equal roots whatever the
 * order of insertion. Keys are never removed (accounts and contracts live forever).
 *
 * <p>Hashes: leaf = SHA-256(0x02 || for each entry in key order: key || value commitment);
 * branch = SHA-256(0x03 || 16 child hashes, zero for an empty child); the empty map's root is 32 zero
 * bytes.
 *
 * <p>Cost: {@code put} copies one path (about log16(n/8) nodes). Node hashes are computed lazily and
 * cached, so after a block only the nodes on changed paths are re-hashed, never the whole state.
 */
public final class MerkleMap<V extends Committed> {
    static final int LEAF_CAPACITY = 8;
    private static final int LEAF_TAG = 0x02;
    private static final int BRANCH_TAG = 0x03;

    @SuppressWarnings("rawtypes")
    private static final MerkleMap EMPTY = new MerkleMap<>(null, 0);

    private final Node root;
    private final int size;

    private MerkleMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <V extends Committed> MerkleMap<V> empty() {
        return EMPTY;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(Hash key) {
        Node n = root;
        int depth = 0;
        while (n != null) {
            if (n instanceof Branch b) {
                n = b.children[nibble(key, depth++)];
            } else {
                Leaf l = (Leaf) n;
                int i = l.find(key);
                return i >= 0 ? (V) l.values[i] : null;
            }
        }
        return null;
    }

    public MerkleMap<V> put(Hash key, V value) {
        if (value == null) throw new IllegalArgumentException("values cannot be removed or null");
        boolean[] added = new boolean[1];
        Node r = put(root, key, value, 0, added);
        return new MerkleMap<>(r, added[0] ? size + 1 : size);
    }

    /** Applies many updates; equivalent to calling {@link #put} for each. */
    public MerkleMap<V> putAll(Map<Hash, ? extends V> updates) {
        MerkleMap<V> m = this;
        for (Map.Entry<Hash, ? extends V> e : updates.entrySet()) m = m.put(e.getKey(), e.getValue());
        return m;
    }

    private static Node put(Node n, Hash key, Committed value, int depth, boolean[] added) {
        if (n == null) {
            added[0] = true;
            return new Leaf(new Hash[] {key}, new Committed[] {value}, new Hash[1]);
        }
        if (n instanceof Branch b) {
            int i = nibble(key, depth);
            Node[] children = b.children.clone();
            children[i] = put(children[i], key, value, depth + 1, added);
            return new Branch(children);
        }
        Leaf l = (Leaf) n;
        int found = l.find(key);
        if (found >= 0) {
            int i = found;
            Committed[] values = l.values.clone();
            values[i] = value;
            Hash[] commitments = l.commitments.clone();
            commitments[i] = null;
            return new Leaf(l.keys, values, commitments);
        }
        added[0] = true;
        int at = -l.indexOf(key) - 1;
        int len = l.keys.length;
        Hash[] keys = new Hash[len + 1];
        Committed[] values = new Committed[len + 1];
        Hash[] commitments = new Hash[len + 1];
        System.arraycopy(l.keys, 0, keys, 0, at);
        System.arraycopy(l.values, 0, values, 0, at);
        System.arraycopy(l.commitments, 0, commitments, 0, at);
        keys[at] = key;
        values[at] = value;
        System.arraycopy(l.keys, at, keys, at + 1, len - at);
        System.arraycopy(l.values, at, values, at + 1, len - at);
        System.arraycopy(l.commitments, at, commitments, at + 1, len - at);
        if (keys.length <= LEAF_CAPACITY) return new Leaf(keys, values, commitments);
        return split(keys, values, commitments, 0, keys.length, depth);
    }

    /** Builds the canonical subtree for sorted entries [from, to) at {@code depth}. */
    private static Node split(Hash[] keys, Committed[] values, Hash[] commitments, int from, int to, int depth) {
        int count = to - from;
        if (count == 0) return null;
        if (count <= LEAF_CAPACITY) {
            return new Leaf(Arrays.copyOfRange(keys, from, to), Arrays.copyOfRange(values, from, to),
                    Arrays.copyOfRange(commitments, from, to));
        }
        Node[] children = new Node[16];
        int start = from;
        while (start < to) {
            int nib = nibble(keys[start], depth);
            int end = start + 1;
            while (end < to && nibble(keys[end], depth) == nib) end++;
            children[nib] = split(keys, values, commitments, start, end, depth + 1);
            start = end;
        }
        return new Branch(children);
    }

    /** The Merkle root; computes only hashes not already cached from earlier versions. */
    public Hash root() {
        return root == null ? Hash.ZERO : root.hash();
    }

    /** Visits every entry in key-hash order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Hash, V> visitor) {
        visit(root, (BiConsumer<Hash, Committed>) (BiConsumer<?, ?>) visitor);
    }

    private static void visit(Node n, BiConsumer<Hash, Committed> visitor) {
        if (n == null) return;
        if (n instanceof Branch b) {
            for (Node c : b.children) visit(c, visitor);
        } else {
            Leaf l = (Leaf) n;
            for (int i = 0; i < l.keys.length; i++) visitor.accept(l.keys[i], l.values[i]);
        }
    }

    static int nibble(Hash key, int depth) {
        int b = key.byteAt(depth >>> 1);
        return (depth & 1) == 0 ? b >>> 4 : b & 0xF;
    }

    private abstract static sealed class Node permits Leaf, Branch {
        private volatile Hash hash;

        final Hash hash() {
            Hash h = hash;
            if (h == null) {
                h = computeHash();
                hash = h;
            }
            return h;
        }

        abstract Hash computeHash();
    }

    private static final class Leaf extends Node {
        final Hash[] keys;
        final Committed[] values;
        /** Value commitments, filled lazily; copies of a leaf keep those of unchanged entries. */
        final Hash[] commitments;

        Leaf(Hash[] keys, Committed[] values, Hash[] commitments) {
            this.keys = keys;
            this.values = values;
            this.commitments = commitments;
        }

        /** Binary search position (as {@link Arrays#binarySearch}); used when inserting. */
        int indexOf(Hash key) {
            return Arrays.binarySearch(keys, key);
        }

        /** Index of {@code key} or -1; a linear scan that compares cached hash codes first. */
        int find(Hash key) {
            int h = key.hashCode();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].hashCode() == h && keys[i].equals(key)) return i;
            }
            return -1;
        }

        @Override
        Hash computeHash() {
            // Commitments may hash nested structures themselves, so gather them before hashing.
            byte[] buf = new byte[1 + keys.length * 2 * Hash.SIZE];
            buf[0] = (byte) LEAF_TAG;
            for (int i = 0; i < keys.length; i++) {
                keys[i].copyTo(buf, 1 + 2 * i * Hash.SIZE);
                Hash c = commitments[i];
                if (c == null) {
                    c = values[i].commitment();
                    commitments[i] = c; // benign race: every thread computes the same value
                }
                c.copyTo(buf, 1 + (2 * i + 1) * Hash.SIZE);
            }
            return Sha256.hash(buf);
        }
    }

    private static final class Branch extends Node {
        final Node[] children;

        Branch(Node[] children) {
            this.children = children;
        }

        @Override
        Hash computeHash() {
            byte[] buf = new byte[1 + 16 * Hash.SIZE];
            buf[0] = (byte) BRANCH_TAG;
            for (int i = 0; i < 16; i++) {
                if (children[i] != null) children[i].hash().copyTo(buf, 1 + i * Hash.SIZE);
            }
            return Sha256.hash(buf);
        }
    }
}
