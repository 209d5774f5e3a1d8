package io.reactiveledger.consensus.statemachine;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.ValidatorSet;
import java.util.Optional;

/**
 * What the state machine needs from the rest of the node, as pure questions. {@code validate} returns
 * empty when the block is a valid proposal for this height (header fields, time, tx root, execution to
 * the header's state root, and any local policy), or the reason to refuse it.
 */
public interface ConsensusContext {
    String chainId();

    ValidatorSet validators();

    Optional<String> validate(Block block);
}
