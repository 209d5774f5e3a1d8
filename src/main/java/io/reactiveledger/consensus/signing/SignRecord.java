package io.reactiveledger.consensus.signing;

import io.reactiveledger.core.crypto.Hash;
import java.util.Comparator;

/**
 * The last thing a validator signed: height, round, step and the block hash (null for nil). This is
 * what must be durable before a signature leaves the node.
 */
public record SignRecord(long height, int round, SignStep step, Hash blockHash) {
    public SignRecord {
        if (step == null) throw new IllegalArgumentException("step is required");
        if (height < 1 || round < 0) throw new IllegalArgumentException("height must be >= 1 and round >= 0");
        if (step == SignStep.PROPOSE && blockHash == null) throw new IllegalArgumentException("a proposal names a block");
    }

    static final Comparator<SignRecord> ORDER = Comparator.comparingLong(SignRecord::height)
            .thenComparingInt(SignRecord::round).thenComparing(SignRecord::step);
}
