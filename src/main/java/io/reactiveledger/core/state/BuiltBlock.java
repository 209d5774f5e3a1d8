package io.reactiveledger.core.state;

import io.reactiveledger.core.block.Block;

/** A block a proposer assembled, with the execution result its header commits to. */
public record BuiltBlock(Block block, BlockResult result) {
}
