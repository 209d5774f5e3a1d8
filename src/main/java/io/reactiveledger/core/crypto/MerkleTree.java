package io.reactiveledger.core.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary Merkle tree over transaction hashes, as in RFC 6962 / RFC 9162 (Certificate Transparency):
 * leaf = SHA-256(0x00 || tx hash), node = SHA-256(0x01 || left || right), and a tree of n leaves splits
 * at the largest power of two below n (no duplicated last leaf, so no CVE-2012-2459 style collisions).
 * The root of the empty tree is SHA-256 of the empty string.
 */
public final class MerkleTree {
    private static final int LEAF = 0x00;
    private static final int NODE = 0x01;

    private MerkleTree() {
    }

    public static Hash leafHash(Hash item) {
        return Sha256.tagged(LEAF, item.bytes());
    }

    public static Hash root(List<Hash> items) {
        if (items.isEmpty()) return Sha256.hash(new byte[0]);
        Hash[] level = new Hash[items.size()];
        for (int i = 0; i < level.length; i++) level[i] = leafHash(items.get(i));
        return subtreeRoot(level, 0, level.length);
    }

    private static Hash subtreeRoot(Hash[] leaves, int from, int n) {
        if (n == 1) return leaves[from];
        int k = largestPowerOfTwoBelow(n);
        return Sha256.node(NODE, subtreeRoot(leaves, from, k), subtreeRoot(leaves, from + k, n - k));
    }

    /** The inclusion proof (audit path) of item {@code index}, leaf-side sibling first. */
    public static MerkleProof prove(List<Hash> items, int index) {
        if (index < 0 || index >= items.size()) {
            throw new IllegalArgumentException("index " + index + " outside tree of " + items.size());
        }
        Hash[] leaves = new Hash[items.size()];
        for (int i = 0; i < leaves.length; i++) leaves[i] = leafHash(items.get(i));
        List<Hash> path = new ArrayList<>();
        auditPath(leaves, 0, leaves.length, index, path);
        return new MerkleProof(index, items.size(), List.copyOf(path));
    }

    private static void auditPath(Hash[] leaves, int from, int n, int index, List<Hash> out) {
        if (n == 1) return;
        int k = largestPowerOfTwoBelow(n);
        if (index < k) {
            auditPath(leaves, from, k, index, out);
            out.add(subtreeRoot(leaves, from + k, n - k));
        } else {
            auditPath(leaves, from + k, n - k, index - k, out);
            out.add(subtreeRoot(leaves, from, k));
        }
    }

    /**
     * Verifies an inclusion proof against a root and the tree size taken from a trusted source (the
     * block's transaction count), never from the proof itself.
     */
    public static boolean verify(Hash root, int treeSize, Hash item, MerkleProof proof) {
        return proof.treeSize() == treeSize && verify(root, item, proof);
    }

    /**
     * RFC 9162 section 2.1.3.2: recomputes the root from the item and the proof. The proof's tree size is
     * bound to the root only as RFC 9162 binds it; prefer {@link #verify(Hash, int, Hash, MerkleProof)}.
     */
    public static boolean verify(Hash root, Hash item, MerkleProof proof) {
        if (proof.index() < 0 || proof.index() >= proof.treeSize()) return false;
        long fn = proof.index();
        long sn = proof.treeSize() - 1;
        Hash r = leafHash(item);
        for (Hash p : proof.path()) {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn) {
                r = Sha256.node(NODE, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = Sha256.node(NODE, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(root);
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
