package io.reactiveledger.core.tx;

import io.reactiveledger.core.crypto.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers verification verdicts by transaction hash so that each transaction's signature is checked
 * once per node (at mempool admission) and not again when the block is proposed, voted on and
 * executed. Bounded (the oldest verdicts go first) and thread-safe; lookups do not reorder entries.
 */
public final class SignatureCache {
    private final Map<Hash, Boolean> verdicts;

    public SignatureCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.verdicts = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when the transaction's signature is valid, verifying only on a cache miss. */
    public boolean verify(Transaction tx) {
        Boolean cached;
        synchronized (verdicts) {
            cached = verdicts.get(tx.hash());
        }
        if (cached != null) return cached;
        boolean ok = tx.verifySignature();
        synchronized (verdicts) {
            verdicts.put(tx.hash(), ok);
        }
        return ok;
    }

    /** Whether a verdict is cached (for tests and metrics). */
    public boolean isCached(Hash txHash) {
        synchronized (verdicts) {
            return verdicts.containsKey(txHash);
        }
    }

    public int size() {
        synchronized (verdicts) {
            return verdicts.size();
        }
    }
}
