package io.reactiveledger.replay;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.crypto.Hash;

/**
 * A journal entry after the work that needs no earlier block: decoding, hashing and the certificate
 * check (done in parallel by {@link BlockPreparer}). For events other than blocks only {@code entry} is set.
 *
 * @param decodeError        why the block bytes do not decode, or null
 * @param blockHash          the decoded block's hash
 * @param txRoot             the Merkle root of the decoded transactions
 * @param certificateProblem why the commit certificate does not verify, or null when it does
 */
public record PreparedBlock(JournalEntry entry, CommittedBlock block, String decodeError, Hash blockHash, Hash txRoot,
                            String certificateProblem) {
}
