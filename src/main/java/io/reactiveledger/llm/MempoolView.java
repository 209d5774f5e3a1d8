package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a validator's own mempool held when a proposal arrived, bounded so that building it never copies the
 * pool ({@code Mempool.view} builds it in O(proposal size + cap) from a pool of any size):
 *
 * @param medianFee     the median fee of every pending transaction (from a log-bucketed histogram in the pool:
 *                      within 1/8 of the exact value), the reference of the fee-outlier signal
 * @param pendingCount  how many transactions were pending (0: no reference fee)
 * @param seen          the proposal's transactions that are pending here, by hash, with their age here
 * @param stale         executable pending transactions (contiguous from their sender's next nonce) that have been
 *                      pending here at least as long as asked for, oldest first, at most the cap asked for: the
 *                      only ones the censorship signal can count
 * @param maxBlockTxs   the chain's block limits, to tell whether a block had room
 * @param maxBlockBytes sum of signed transaction sizes a block may hold
 */
public record MempoolView(double medianFee, int pendingCount, Map<Hash, Pending> seen, List<Pending> stale,
                          int maxBlockTxs, long maxBlockBytes) {
    public static final MempoolView EMPTY = of(List.of(), Integer.MAX_VALUE);

    public MempoolView {
        seen = Map.copyOf(seen);
        stale = List.copyOf(stale);
    }

    /**
     * A view holding every given transaction, each both in {@link #seen} and (oldest first) in {@link #stale},
     * with their exact median fee (the evaluation's generator and tests; no byte limit).
     */
    public static MempoolView of(List<Pending> pending, int maxBlockTxs) {
        Map<Hash, Pending> byHash = new HashMap<>();
        for (Pending p : pending) byHash.put(p.hash(), p);
        List<Pending> oldest = new ArrayList<>(pending);
        oldest.sort(Comparator.comparingLong(Pending::ageMillis).reversed());
        double median = ProposalScorer.median(pending.stream().mapToLong(Pending::fee).toArray());
        return new MempoolView(median, pending.size(), byHash, oldest, maxBlockTxs, Long.MAX_VALUE);
    }

    /** The transaction's entry when it is pending here, else null (this node never had it, or no longer has it). */
    public Pending seen(Hash txHash) {
        return seen.get(txHash);
    }

    /**
     * One pending transaction as the signals need it.
     *
     * @param auctionId the auction a bid is for, 0 for anything else
     * @param ageMillis how long ago this node admitted it (node-local clock)
     * @param hasText   whether it carries a memo or an auction item description
     */
    public record Pending(Hash hash, Address sender, long nonce, long fee, int size, long auctionId, long ageMillis,
                          boolean hasText) {
    }
}
