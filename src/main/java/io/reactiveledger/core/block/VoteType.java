package io.reactiveledger.core.block;

/** The two Tendermint vote steps; the ordinal is part of the signed bytes. */
public enum VoteType {
    PREVOTE(1),
    PRECOMMIT(2);

    private final int code;

    VoteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
