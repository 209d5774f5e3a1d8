package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/**
 * An oracle listed in genesis and its track record: predictions recorded, and of those scored when their
 * auction ended sold, the count, the sum of absolute percentage errors (basis points) and the interval hits.
 * MAPE = {@code sumApeBp / scored} basis points; coverage = {@code hits / scored}.
 */
public record OracleTrack(Address oracle, long recorded, long scored, long sumApeBp, long hits) implements Committed {
    public static OracleTrack fresh(Address oracle) {
        return new OracleTrack(oracle, 0, 0, 0, 0);
    }

    OracleTrack withRecorded() {
        return new OracleTrack(oracle, Math.addExact(recorded, 1), scored, sumApeBp, hits);
    }

    OracleTrack withScore(long apeBp, boolean hit) {
        return new OracleTrack(oracle, recorded, Math.addExact(scored, 1), Math.addExact(sumApeBp, apeBp),
                hit ? Math.addExact(hits, 1) : hits);
    }

    /** Mean absolute percentage error in basis points (rounded down); 0 when nothing was scored. */
    public long mapeBp() {
        return scored == 0 ? 0 : sumApeBp / scored;
    }

    /** Interval coverage in basis points; 0 when nothing was scored. */
    public long coverageBp() {
        return scored == 0 ? 0 : hits * 10_000 / scored;
    }

    @Override
    public Hash commitment() {
        return Sha256.tagged(0x13, new ByteWriter(64).bytes(oracle.bytes()).u64(recorded).u64(scored).u64(sumApeBp)
                .u64(hits).toByteArray());
    }
}
