package io.reactiveledger.consensus.statemachine;

/** A timeout tagged with the height, round and step it was scheduled for; stale ones are ignored. */
public record Timeout(Step step, long height, int round) {
}
