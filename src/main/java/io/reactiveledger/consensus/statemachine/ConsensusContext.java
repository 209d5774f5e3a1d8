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

    /**
     * Local policy on a fresh proposal (no proof-of-lock round): empty to accept, else the reason to prevote
     * nil. Consulted only when prevoting on a proposal with {@code polRound == -1}, never for locking,
     * deciding or catching up, so a validator whose policy refuses a block still commits it when a quorum
     * does. Must answer the same for the same block within a height (the node decides it before delivering
     * the proposal).
     */
    default Optional<String> policy(Block block) {
        return Optional.empty();
    }
}
