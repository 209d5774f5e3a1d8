package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The predictions recorded for one auction, in block order, at most {@link #MAX_PER_ORACLE} per oracle. When the
 * auction ends the entry is settled: sold, each prediction gets its absolute percentage error against the
 * final price (basis points, capped at {@link #MAX_APE_BP}) and whether the interval held it; unsold, nothing is
 * scored ({@code finalPrice} 0).
 */
public record AuctionPredictions(long auctionId, boolean settled, long finalPrice, List<Prediction> predictions)
        implements Committed {
    public static final int MAX_PER_ORACLE = 4;
    public static final long MAX_APE_BP = 1_000_000; // 10,000 %

    /** One recorded prediction; {@code apeBp} and {@code hit} are set when the auction ends sold. */
    public record Prediction(Address oracle, long height, long price, long low, long high, long expectedEndMs,
                             int confidenceBp, long apeBp, boolean hit) {
        void writeTo(ByteWriter w) {
            w.bytes(oracle.bytes()).u64(height).u64(price).u64(low).u64(high).u64(expectedEndMs).u16(confidenceBp)
                    .u64(apeBp).u8(hit ? 1 : 0);
        }
    }

    public AuctionPredictions {
        predictions = List.copyOf(predictions);
    }

    static AuctionPredictions empty(long auctionId) {
        return new AuctionPredictions(auctionId, false, 0, List.of());
    }

    public long countBy(Address oracle) {
        return predictions.stream().filter(p -> p.oracle().equals(oracle)).count();
    }

    AuctionPredictions with(Prediction p) {
        List<Prediction> next = new ArrayList<>(predictions);
        next.add(p);
        return new AuctionPredictions(auctionId, settled, finalPrice, next);
    }

    /** Absolute percentage error of {@code predicted} against {@code actual} (> 0), basis points, exact and capped. */
    public static long apeBp(long predicted, long actual) {
        java.math.BigInteger diff = java.math.BigInteger.valueOf(predicted).subtract(java.math.BigInteger.valueOf(actual)).abs();
        java.math.BigInteger bp = diff.multiply(java.math.BigInteger.valueOf(10_000)).divide(java.math.BigInteger.valueOf(actual));
        return bp.min(java.math.BigInteger.valueOf(MAX_APE_BP)).longValueExact();
    }

    @Override
    public Hash commitment() {
        ByteWriter w = new ByteWriter(32 + predictions.size() * 80).u64(auctionId).u8(settled ? 1 : 0).u64(finalPrice)
                .u32(predictions.size());
        for (Prediction p : predictions) p.writeTo(w);
        return Sha256.tagged(0x14, w.toByteArray());
    }
}
