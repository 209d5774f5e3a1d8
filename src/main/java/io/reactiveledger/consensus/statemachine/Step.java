package io.reactiveledger.consensus.statemachine;

/** Tendermint's steps within a round. */
public enum Step {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
}
