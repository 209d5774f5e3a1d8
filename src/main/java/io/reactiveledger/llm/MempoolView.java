package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a validator's own mempool held when a proposal arrived: each pending transaction's hash, sender,
 * fee, auction bid target (0 if none) and how long ago this node first saw it.
 */
public record MempoolView(List<Pending> pending, int maxBlockTxs) {
    public static final MempoolView EMPTY = new MempoolView(List.of(), Integer.MAX_VALUE);

    public MempoolView {
        pending = List.copyOf(pending);
    }

    public Map<Hash, Pending> byHash() {
        Map<Hash, Pending> m = new HashMap<>();
        for (Pending p : pending) {
            m.put(p.hash(), p);
        }
        return m;
    }

    public record Pending(Hash hash, Address sender, long fee, long auctionId, long ageMillis) {
    }
}
