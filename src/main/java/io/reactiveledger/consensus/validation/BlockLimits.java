package io.reactiveledger.consensus.validation;

import java.time.Duration;

/**
 * Per-block limits and clock rules.
 *
 * @param maxTxs       most transactions in one block
 * @param maxBytes     most bytes of transactions in one block
 * @param maxClockSkew how far a proposal's time may be ahead of the validator's own clock
 */
public record BlockLimits(int maxTxs, long maxBytes, Duration maxClockSkew) {
    public static BlockLimits defaults() {
        return new BlockLimits(2_000, 2L * 1024 * 1024, Duration.ofSeconds(5));
    }
}
