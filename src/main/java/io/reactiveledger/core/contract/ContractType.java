package io.reactiveledger.core.contract;

import io.reactiveledger.core.tx.Payload;

/**
 * A kind of contract: pure, deterministic functions of (state, call, context). Implementations must not
 * read clocks, randomness or anything outside their arguments. Adding a contract type means adding an
 * implementation and registering it in {@link ContractRegistry}; the state machine does not change.
 */
public interface ContractType<S extends ContractState> {
    /** Stable name stored with every instance (part of the state commitment). */
    String name();

    Class<S> stateType();

    ContractResult<S> create(Payload.ContractCreate call, CallContext ctx);

    ContractResult<S> call(S state, Payload.ContractCall call, CallContext ctx);
}
