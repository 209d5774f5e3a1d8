package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    /** Test items: SHA-256 of "tx-i", computed with the JDK directly. */
    private static List<Hash> items(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Hash.of(sha256(("tx-" + i).getBytes())));
        return out;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- naive RFC 6962 section 2.1 reference, independent of the production code ----

    private static byte[] naiveLeaf(Hash item) {
        return sha256(new byte[] {0x00}, item.bytes());
    }

    private static byte[] naiveNode(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    /** MTH(D[n]): k is the largest power of two strictly less than n. */
    private static byte[] naiveRoot(List<Hash> d) {
        int n = d.size();
        if (n == 0) return sha256();
        if (n == 1) return naiveLeaf(d.get(0));
        int k = 1;
        while (k * 2 < n) k *= 2;
        return naiveNode(naiveRoot(d.subList(0, k)), naiveRoot(d.subList(k, n)));
    }

    /** PATH(m, D[n]), leaf-side first. */
    private static List<Hash> naivePath(int m, List<Hash> d) {
        int n = d.size();
        List<Hash> path = new ArrayList<>();
        if (n == 1) return path;
        int k = 1;
        while (k * 2 < n) k *= 2;
        if (m < k) {
            path.addAll(naivePath(m, d.subList(0, k)));
            path.add(Hash.of(naiveRoot(d.subList(k, n))));
        } else {
            path.addAll(naivePath(m - k, d.subList(k, n)));
            path.add(Hash.of(naiveRoot(d.subList(0, k))));
        }
        return path;
    }

    /** Whether each audit-path sibling of leaf m in a tree of n leaves sits on the left, leaf-side first. */
    private static List<Boolean> siblingSides(int m, int n) {
        List<Boolean> sides = new ArrayList<>();
        if (n == 1) return sides;
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            sides.addAll(siblingSides(m, k));
            sides.add(false);
        } else {
            sides.addAll(siblingSides(m - k, n - k));
            sides.add(true);
        }
        return sides;
    }

    @Test
    void emptyRootIsSha256OfEmptyString() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                MerkleTree.root(List.of()).hex());
    }

    @Test
    void singleLeafRootIsTaggedLeafHash() {
        Hash item = items(1).get(0);
        byte[] expected = sha256(new byte[] {0x00}, item.bytes());
        assertArrayEquals(expected, MerkleTree.root(List.of(item)).bytes());
        assertArrayEquals(expected, MerkleTree.leafHash(item).bytes());
        assertNotEquals(item, MerkleTree.root(List.of(item)), "a leaf is never its own root (domain separation)");
    }

    @Test
    void threeLeavesHaveTheRfc6962Shape() {
        List<Hash> d = items(3);
        byte[] a = naiveLeaf(d.get(0));
        byte[] b = naiveLeaf(d.get(1));
        byte[] c = naiveLeaf(d.get(2));
        // Spelled out: ((a b) c), with no duplicated last leaf.
        byte[] expected = naiveNode(naiveNode(a, b), c);
        assertArrayEquals(expected, MerkleTree.root(d).bytes());
        assertArrayEquals(expected, naiveRoot(d));
        assertFalse(MerkleTree.root(d).equals(MerkleTree.root(List.of(d.get(0), d.get(1), d.get(2), d.get(2)))),
                "duplicating the last leaf must change the root (CVE-2012-2459)");
    }

    @Test
    void sevenLeavesHaveTheRfc6962Shape() {
        List<Hash> d = items(7);
        byte[][] l = new byte[7][];
        for (int i = 0; i < 7; i++) l[i] = naiveLeaf(d.get(i));
        // RFC 6962 section 2.1.3 example tree: (((a b) (c d)) ((e f) g)).
        byte[] expected = naiveNode(
                naiveNode(naiveNode(l[0], l[1]), naiveNode(l[2], l[3])),
                naiveNode(naiveNode(l[4], l[5]), l[6]));
        assertArrayEquals(expected, MerkleTree.root(d).bytes());
        assertArrayEquals(expected, naiveRoot(d));
    }

    @Test
    void rootMatchesNaiveReferenceUpTo70() {
        for (int n = 0; n <= 70; n++) {
            assertArrayEquals(naiveRoot(items(n)), MerkleTree.root(items(n)).bytes(), "n = " + n);
        }
    }

    @Test
    void rootDependsOnOrder() {
        List<Hash> d = new ArrayList<>(items(4));
        Hash before = MerkleTree.root(d);
        Hash tmp = d.get(1);
        d.set(1, d.get(2));
        d.set(2, tmp);
        assertNotEquals(before, MerkleTree.root(d));
    }

    @Test
    void everyProofVerifiesAndMatchesTheRfcAuditPath() {
        for (int n = 1; n <= 70; n++) {
            List<Hash> d = items(n);
            Hash root = MerkleTree.root(d);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.prove(d, i);
                assertEquals(i, proof.index());
                assertEquals(n, proof.treeSize());
                assertEquals(naivePath(i, d), proof.path(), "path n=" + n + " i=" + i);
                assertTrue(MerkleTree.verify(root, d.get(i), proof), "n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void proofsFailForWrongItemOrWrongIndex() {
        for (int n = 1; n <= 70; n++) {
            List<Hash> d = items(n);
            Hash root = MerkleTree.root(d);
            Hash stranger = Hash.of(sha256("not in the tree".getBytes()));
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.prove(d, i);
                assertFalse(MerkleTree.verify(root, stranger, proof), "stranger n=" + n + " i=" + i);
                if (n > 1) {
                    assertFalse(MerkleTree.verify(root, d.get((i + 1) % n), proof), "neighbour n=" + n + " i=" + i);
                }
                for (int j = -1; j <= n; j++) {
                    if (j == i) continue;
                    assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(j, n, proof.path())),
                            "index " + j + " for item " + i + " of " + n);
                }
                assertFalse(MerkleTree.verify(MerkleTree.root(items(n + 1)), d.get(i), proof), "other root");
            }
        }
    }

    /**
     * The tree size is not committed to by the root, so a proof re-labelled with another size still verifies
     * exactly when that size gives the leaf the same sibling sides at every level (e.g. leaf 0 of 3 vs. of 4).
     * Callers must take the size from a trusted header, never from the proof. Every other size must fail.
     */
    @Test
    void proofsFailForWrongTreeSizeUnlessThePathShapeIsIdentical() {
        int ambiguous = 0;
        for (int n = 1; n <= 40; n++) {
            List<Hash> d = items(n);
            Hash root = MerkleTree.root(d);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.prove(d, i);
                for (int m = -1; m <= 2 * n + 2; m++) {
                    if (m == n) continue;
                    boolean sameShape = m > i && siblingSides(i, m).equals(siblingSides(i, n));
                    if (sameShape) ambiguous++;
                    assertEquals(sameShape, MerkleTree.verify(root, d.get(i), new MerkleProof(i, m, proof.path())),
                            "leaf " + i + " of " + n + " relabelled as size " + m);
                }
            }
        }
        assertTrue(ambiguous > 0, "premise: some sizes are indistinguishable");
        // The canonical example.
        List<Hash> d = items(3);
        assertTrue(MerkleTree.verify(MerkleTree.root(d), d.get(0), new MerkleProof(0, 4, MerkleTree.prove(d, 0).path())));
        assertFalse(MerkleTree.verify(MerkleTree.root(d), d.get(2), new MerkleProof(2, 4, MerkleTree.prove(d, 2).path())));
    }

    @Test
    void proofsFailWhenPathIsTamperedTruncatedOrExtended() {
        Hash junk = Hash.of(sha256("junk".getBytes()));
        for (int n = 1; n <= 70; n++) {
            List<Hash> d = items(n);
            Hash root = MerkleTree.root(d);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.prove(d, i);
                List<Hash> path = proof.path();
                for (int k = 0; k < path.size(); k++) {
                    List<Hash> tampered = new ArrayList<>(path);
                    byte[] b = tampered.get(k).bytes();
                    b[k % 32] ^= 0x01;
                    tampered.set(k, Hash.of(b));
                    assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(i, n, tampered)),
                            "tampered element " + k + ", n=" + n + " i=" + i);
                }
                if (!path.isEmpty()) {
                    assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(i, n, path.subList(0, path.size() - 1))),
                            "truncated, n=" + n + " i=" + i);
                    assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(i, n, path.subList(1, path.size()))),
                            "head dropped, n=" + n + " i=" + i);
                }
                List<Hash> extended = new ArrayList<>(path);
                extended.add(junk);
                assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(i, n, extended)),
                        "extended, n=" + n + " i=" + i);
                List<Hash> extendedWithRoot = new ArrayList<>(path);
                extendedWithRoot.add(root);
                assertFalse(MerkleTree.verify(root, d.get(i), new MerkleProof(i, n, extendedWithRoot)),
                        "extended with root, n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void singleLeafProofIsEmpty() {
        List<Hash> d = items(1);
        MerkleProof proof = MerkleTree.prove(d, 0);
        assertEquals(List.of(), proof.path());
        assertTrue(MerkleTree.verify(MerkleTree.root(d), d.get(0), proof));
        assertFalse(MerkleTree.verify(d.get(0), d.get(0), proof), "the raw item is not the root");
    }

    @Test
    void proveRejectsBadIndex() {
        List<Hash> d = items(5);
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.prove(d, -1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.prove(d, 5));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.prove(d, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.prove(List.of(), 0));
    }

    @Test
    void verifyRejectsImpossibleProofs() {
        List<Hash> d = items(4);
        Hash root = MerkleTree.root(d);
        List<Hash> path = MerkleTree.prove(d, 0).path();
        assertFalse(MerkleTree.verify(root, d.get(0), new MerkleProof(0, 0, path)));
        assertFalse(MerkleTree.verify(root, d.get(0), new MerkleProof(-1, 4, path)));
        assertFalse(MerkleTree.verify(root, d.get(0), new MerkleProof(4, 4, path)));
        assertFalse(MerkleTree.verify(root, d.get(0), new MerkleProof(0, Integer.MIN_VALUE, path)));
        assertFalse(MerkleTree.verify(root, d.get(0), new MerkleProof(0, Integer.MAX_VALUE, path)));
    }

    @Test
    void proofPathIsImmutable() {
        List<Hash> path = new ArrayList<>(MerkleTree.prove(items(4), 1).path());
        MerkleProof proof = new MerkleProof(1, 4, path);
        path.clear();
        assertEquals(2, proof.path().size());
        assertThrows(UnsupportedOperationException.class, () -> proof.path().add(Hash.ZERO));
    }
}
