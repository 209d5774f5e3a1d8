package io.reactiveledger.core.crypto;

import java.util.List;

/** An RFC 9162 inclusion proof: the item's index, the tree size and the sibling hashes from leaf to root. */
public record MerkleProof(int index, int treeSize, List<Hash> path) {
    public MerkleProof {
        path = List.copyOf(path);
    }
}
