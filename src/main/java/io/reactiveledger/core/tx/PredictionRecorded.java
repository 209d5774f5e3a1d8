package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;

/**
 * An oracle's prediction for a running auction, recorded on chain (tag 0x10). The transaction's sender is the
 * oracle and its signature is the oracle's signature; only oracles listed in genesis may record. Integers only:
 * prices in the chain's units, the expected end in epoch milliseconds, the confidence in basis points.
 *
 * @param predictedPrice the predicted final (highest) bid, at least 1
 * @param low            the 80% interval's low end, at most {@code predictedPrice}
 * @param high           the 80% interval's high end, at least {@code predictedPrice}
 * @param confidenceBp   0 to 10,000
 */
public record PredictionRecorded(long auctionId, long predictedPrice, long low, long high, long expectedEndMs,
                                 int confidenceBp) implements Payload {
    public static final int TAG = 0x10;
    public static final int MAX_CONFIDENCE_BP = 10_000;

    public PredictionRecorded {
        if (auctionId < 1) throw new IllegalArgumentException("auction id must be at least 1");
        if (predictedPrice < 1) throw new IllegalArgumentException("predicted price must be at least 1");
        if (low < 0 || low > predictedPrice || high < predictedPrice) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] must hold the predicted price " + predictedPrice);
        }
        if (expectedEndMs < 0) throw new IllegalArgumentException("expected end must not be negative");
        if (confidenceBp < 0 || confidenceBp > MAX_CONFIDENCE_BP) {
            throw new IllegalArgumentException("confidence must be 0 to 10000 basis points");
        }
    }

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public void writeTo(ByteWriter w) {
        w.u64(auctionId).u64(predictedPrice).u64(low).u64(high).u64(expectedEndMs).u16(confidenceBp);
    }

    @Override
    public long spendAmount() {
        return 0;
    }
}
