package io.reactiveledger.core.state;

import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.crypto.Address;

/** The parts of a block header that execution depends on. */
public record BlockContext(String chainId, long height, long timeMs, Address proposer) {
    public static BlockContext of(BlockHeader h) {
        return new BlockContext(h.chainId(), h.height(), h.timeMs(), h.proposer());
    }
}
