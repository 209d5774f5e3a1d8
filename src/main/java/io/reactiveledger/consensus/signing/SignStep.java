package io.reactiveledger.consensus.signing;

/** The three things a validator signs in a round, in the order it signs them. */
public enum SignStep {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
}
