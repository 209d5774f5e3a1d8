package io.reactiveledger.consensus.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * Double-sign protection. A validator may sign (height, round, step, hash) only if it is strictly after
 * the last record, or the same record again (re-sending the same vote is harmless). Anything earlier,
 * or the same (height, round, step) with a different block hash, is refused. The record is saved to
 * the store before permission is given, so after a crash the validator never signs a conflicting
 * message.
 */
public final class SignGuard {
    private final SignRecordStore store;
    private SignRecord last;

    public SignGuard(SignRecordStore store) {
        this.store = store;
        this.last = store.load().orElse(null);
    }

    /** Returns true and durably records {@code next} when signing it is safe; false when it would conflict. */
    public synchronized boolean permit(SignRecord next) {
        if (last != null) {
            int c = SignRecord.ORDER.compare(next, last);
            if (c < 0) return false;
            if (c == 0) return Objects.equals(next.blockHash(), last.blockHash());
        }
        store.save(next);
        last = next;
        return true;
    }

    public synchronized Optional<SignRecord> last() {
        return Optional.ofNullable(last);
    }
}
