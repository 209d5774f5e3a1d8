package io.reactiveledger.replay;

/**
 * One event of a chain store's journal, as replay sees it (no Pekko types): its sequence number, what
 * kind of event it is and, for a block, the canonical {@code CommittedBlock} bytes and, when the journal
 * stores them, the receipts (u32 count, then each {@code Receipt.encode()}).
 */
public record JournalEntry(long sequenceNr, Kind kind, byte[] committedBlock, byte[] receipts, String error) {
    /** UNREADABLE: the journal could not deliver the next event (it does not deserialise); always last. */
    public enum Kind { BLOCK, EVIDENCE, OTHER, UNREADABLE }

    public static JournalEntry block(long sequenceNr, byte[] committedBlock, byte[] receiptsOrNull) {
        return new JournalEntry(sequenceNr, Kind.BLOCK, committedBlock, receiptsOrNull, null);
    }

    public static JournalEntry evidence(long sequenceNr) {
        return new JournalEntry(sequenceNr, Kind.EVIDENCE, null, null, null);
    }

    public static JournalEntry other(long sequenceNr) {
        return new JournalEntry(sequenceNr, Kind.OTHER, null, null, null);
    }

    public static JournalEntry unreadable(Throwable cause) {
        return new JournalEntry(-1, Kind.UNREADABLE, null, null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Weight for batching: the block's size in bytes (events without a block weigh 1). */
    public long weight() {
        return committedBlock == null ? 1 : committedBlock.length;
    }
}
