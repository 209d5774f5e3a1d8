package io.reactiveledger.consensus.signing;

import java.util.Optional;

/** Durable storage of the last {@link SignRecord}. {@code save} returns only once the record is durable. */
public interface SignRecordStore {
    Optional<SignRecord> load();

    void save(SignRecord record);

    /** For tests and observers: keeps the record in memory only. */
    static SignRecordStore inMemory() {
        return new SignRecordStore() {
            private SignRecord last;

            @Override
            public synchronized Optional<SignRecord> load() {
                return Optional.ofNullable(last);
            }

            @Override
            public synchronized void save(SignRecord record) {
                last = record;
            }
        };
    }
}
