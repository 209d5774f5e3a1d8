package io.reactiveledger.replay;

import java.util.List;

/**
 * What a replay did and found; {@code failure} is null when everything verified. {@code elapsedSeconds}
 * and the rates cover the chain journal; {@code contractJournals}, {@code contractEvents} and
 * {@code contractSeconds}: the contract instances' journals read afterwards, their events and the time it took;
 * {@code contractWarnings}: those behind the chain (allowed at their tail), one line each.
 */
public record ReplaySummary(String persistenceId, boolean signaturesVerified, long blocks, long txs, long events,
                            long evidenceEvents, long otherEvents, long badSignatureTxs, double elapsedSeconds,
                            double eventsPerSecond, double txsPerSecond, long finalHeight, String finalHash,
                            String stateRoot, long contractJournals, long contractEvents, double contractSeconds,
                            List<String> contractWarnings,
                            ReplayFailure failure) {
    public ReplaySummary {
        contractWarnings = List.copyOf(contractWarnings);
    }

    public boolean ok() {
        return failure == null;
    }
}
