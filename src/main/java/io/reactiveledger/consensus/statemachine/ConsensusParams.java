package io.reactiveledger.consensus.statemachine;

import java.time.Duration;

/**
 * Timeouts grow linearly with the round so that, after GST, some round is long enough for everyone:
 * {@code timeout(step, r) = base(step) + r * delta(step)}. {@code maxRoundsAhead} bounds how far ahead of
 * the current round votes are kept.
 */
public record ConsensusParams(Duration proposeBase, Duration proposeDelta, Duration prevoteBase, Duration prevoteDelta,
                              Duration precommitBase, Duration precommitDelta, int maxRoundsAhead) {
    public static ConsensusParams defaults() {
        return new ConsensusParams(Duration.ofMillis(3000), Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(500), 10);
    }

    public Duration timeout(Step step, int round) {
        return switch (step) {
            case PROPOSE -> proposeBase.plus(proposeDelta.multipliedBy(round));
            case PREVOTE -> prevoteBase.plus(prevoteDelta.multipliedBy(round));
            case PRECOMMIT -> precommitBase.plus(precommitDelta.multipliedBy(round));
        };
    }
}
