package io.reactiveledger.consensus.validation;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.WorldState;

/** The last committed block as consensus needs it: height, hash, time and the state after it. */
public record ChainHead(long height, Hash hash, long timeMs, WorldState state) {
}
