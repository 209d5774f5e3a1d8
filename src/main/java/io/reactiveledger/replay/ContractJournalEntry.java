package io.reactiveledger.replay;

/**
 * One event of a contract instance's journal as replay sees it (no Pekko types). CALL: a
 * {@code ContractActor.CallApplied} (height, tx index, tx hash, block time, signed tx bytes, state
 * commitment after the call, encoded events); ADOPTED: a {@code ContractActor.Adopted} (height, encoded
 * state in {@code state}, its commitment in {@code stateHash}); OTHER: anything else; UNREADABLE: the
 * journal could not deliver the next event (always last).
 */
public record ContractJournalEntry(long sequenceNr, Kind kind, long height, int txIndex, byte[] txHash, long blockTimeMs,
                                   byte[] tx, byte[] stateHash, byte[] events, byte[] state, String error) {
    public enum Kind { CALL, ADOPTED, OTHER, UNREADABLE }

    public static ContractJournalEntry call(long sequenceNr, long height, int txIndex, byte[] txHash, long blockTimeMs,
                                            byte[] tx, byte[] stateHash, byte[] events) {
        return new ContractJournalEntry(sequenceNr, Kind.CALL, height, txIndex, txHash, blockTimeMs, tx, stateHash, events, null, null);
    }

    public static ContractJournalEntry adopted(long sequenceNr, long height, byte[] state, byte[] stateHash) {
        return new ContractJournalEntry(sequenceNr, Kind.ADOPTED, height, 0, null, 0, null, stateHash, null, state, null);
    }

    public static ContractJournalEntry other(long sequenceNr, String what) {
        return new ContractJournalEntry(sequenceNr, Kind.OTHER, 0, 0, null, 0, null, null, null, null, what);
    }

    public static ContractJournalEntry unreadable(Throwable cause) {
        return new ContractJournalEntry(-1, Kind.UNREADABLE, 0, 0, null, 0, null, null, null, null,
                cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
