package io.reactiveledger.replay;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.tx.Transaction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Transaction signature verdicts computed in parallel ahead of re-execution and taken, once each, by the
 * state transition's signature check. Unlike a bounded cache it never drops a verdict that is still
 * needed, however far preparation runs ahead; a verdict is removed when used, so memory stays bounded
 * by the batches in flight. A transaction without a verdict is verified on the spot.
 */
public final class SignatureVerdicts implements Predicate<Transaction> {
    private final ConcurrentHashMap<Hash, Boolean> verdicts = new ConcurrentHashMap<>();

    /** Verifies {@code tx} and remembers the verdict (called from many threads). */
    public void verify(Transaction tx) {
        verdicts.put(tx.hash(), tx.verifySignature());
    }

    @Override
    public boolean test(Transaction tx) {
        Boolean v = verdicts.remove(tx.hash());
        return v != null ? v : tx.verifySignature();
    }

    public int pending() {
        return verdicts.size();
    }
}
