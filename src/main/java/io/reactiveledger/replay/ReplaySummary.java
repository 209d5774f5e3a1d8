package io.reactiveledger.replay;

/** What a replay did and found; {@code failure} is null when everything verified. */
public record ReplaySummary(String persistenceId, boolean signaturesVerified, long blocks, long txs, long events,
                            long evidenceEvents, long otherEvents, long badSignatureTxs, double elapsedSeconds,
                            double eventsPerSecond, double txsPerSecond, long finalHeight, String finalHash,
                            String stateRoot, ReplayFailure failure) {
    public boolean ok() {
        return failure == null;
    }
}
