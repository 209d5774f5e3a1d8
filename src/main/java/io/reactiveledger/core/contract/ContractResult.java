package io.reactiveledger.core.contract;

import java.util.List;

/**
 * The outcome of a pure contract function: either a new state with events and money movements, or
 * a failure with a stable code. Money only moves as {@code escrowIn} (from the sender to the contract)
 * and {@link Payout}s (from the contract); the core checks balances and applies both atomically.
 */
public sealed interface ContractResult<S extends ContractState> {

    record Ok<S extends ContractState>(S state, List<Event> events, long escrowIn, List<Payout> payouts)
            implements ContractResult<S> {
        public Ok {
            if (escrowIn < 0) throw new IllegalArgumentException("escrow must not be negative");
            events = List.copyOf(events);
            payouts = List.copyOf(payouts);
        }
    }

    record Failed<S extends ContractState>(String code, String message) implements ContractResult<S> {
    }

    static <S extends ContractState> ContractResult<S> ok(S state, List<Event> events) {
        return new Ok<>(state, events, 0, List.of());
    }

    static <S extends ContractState> ContractResult<S> failed(String code, String message) {
        return new Failed<>(code, message);
    }
}
