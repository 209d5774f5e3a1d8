package io.reactiveledger.replay;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.BlockResult;

/** A block that passed every check, with its re-execution; what extra checks and the export see. */
public record VerifiedBlock(long sequenceNr, CommittedBlock block, Hash hash, BlockResult result, byte[] persistedReceipts) {
    public long height() {
        return block.block().height();
    }
}
