package io.reactiveledger.llm;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a block proposal in [0, 1] against the validator's own mempool view. Pure: the same inputs give
 * the same score. Signals, each in [0, 1], combined by a weighted noisy-or {@code 1 - prod(1 - w*s)}.
 * Without a mempool view ({@code view == null}) the structural signals are not judged: whether a proposer
 * chose a flood, an odd fee or an order over what it had available cannot be told without it.
 * <ul>
 *   <li>{@code semantic}: how much of the block's memos and auction item descriptions is nearer the risky
 *       exemplars than the benign ones ({@link ExemplarSet}): the sum of each text's risk beyond 0.5 (doubled),
 *       over {@link Policy#semanticShare} of the block's size; absent when no embeddings are given;</li>
 *   <li>{@code fee-outliers}: share of the block (judged as at least {@link #SEMANTIC_MIN_TXS} transactions) that
 *       this validator never had pending and whose fee is more than {@link Policy#feeOutlierFactor} times above or
 *       below the median pending fee;</li>
 *   <li>{@code flooding}: in a block of at least {@link Policy#floodMinTxs} transactions, the share beyond
 *       {@link Policy#floodShare} of one sender's transactions that this validator never had pending;</li>
 *   <li>{@code front-running}: the proposer's bid placed ahead of another bidder's bid in the same auction
 *       that this node saw more than {@link Policy#arrivalGraceMillis} earlier and that pays at least the same fee
 *       (so neither fee priority nor gossip delay explains it);</li>
 *   <li>{@code censorship}: executable pending transactions without text, pending here at least
 *       {@link Policy#censorAgeMillis}, with a fee at least the block's median, left out of a block that had room
 *       for them (count and bytes).</li>
 * </ul>
 * Only what an honest proposer following {@code Mempool.reap} would not do counts, so that honest blocks are not
 * refused: a busy sender or a high-fee transaction that went through the mempools is ordinary (only ones this
 * validator never saw count: the proposer's private additions); a transaction the proposer may not have received
 * yet is not censored (the grace of {@code censorAgeMillis}, and the mempools re-gossip old transactions); one
 * waiting behind a nonce gap cannot be included; one with text may have been left out by the proposer's model
 * ({@link #trim}), which this rule cannot judge without embedding texts outside the block.
 * </ul>
 */
public final class ProposalScorer {
    private final Policy policy;

    public ProposalScorer(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    /** The texts a proposal carries: non-blank memos and auction item descriptions, in block order. */
    public static List<String> texts(List<Transaction> txs) {
        List<String> out = new ArrayList<>();
        for (Transaction tx : txs) {
            String t = textOf(tx);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** A transaction's memo and auction item description ("" when it carries neither). */
    public static String textOf(Transaction tx) {
        String memo = tx.memo().strip();
        if (tx.payload() instanceof CreateAuction) {
            String item = ((CreateAuction) tx.payload()).item().strip();
            return memo.isEmpty() ? item : item + " — " + memo;
        }
        return memo;
    }

    /** Rule-only score (no model). */
    public ProposalScore score(List<Transaction> txs, Address proposer, MempoolView view) {
        return score(txs, proposer, view, null, null);
    }

    /**
     * @param exemplars  null for a rule-only score
     * @param embeddings one per {@link #texts(List)} entry, same order; null for a rule-only score
     */
    public ProposalScore score(List<Transaction> txs, Address proposer, MempoolView view, ExemplarSet exemplars,
                               float[][] embeddings) {
        List<ProposalScore.Signal> signals = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean semanticUsed = exemplars != null && embeddings != null;
        if (semanticUsed) {
            signals.add(new ProposalScore.Signal("semantic", semantic(txs, exemplars, embeddings, reasons)));
        }
        if (view != null) {
            signals.add(new ProposalScore.Signal("fee-outliers", feeOutliers(txs, view, reasons)));
            signals.add(new ProposalScore.Signal("flooding", flooding(txs, view, reasons)));
            signals.add(new ProposalScore.Signal("front-running", frontRunning(txs, proposer, view, reasons)));
            signals.add(new ProposalScore.Signal("censorship", censorship(txs, view, reasons)));
        }
        double keep = 1.0;
        for (ProposalScore.Signal s : signals) {
            keep *= 1.0 - weight(s.name()) * s.value();
        }
        return new ProposalScore(1.0 - keep, semanticUsed, signals, reasons);
    }

    /**
     * What a proposer keeps so that its own block stays below the reject threshold as its peers' scorers will
     * judge it (same signals, same embeddings): transactions whose text is riskiest are left out first, and
     * only as many as needed (found by binary search over that order, the score being non-increasing in it),
     * so a borderline ordinary memo in a block that is below the threshold anyway is never left out.
     * Transactions without text, and texts at even odds or below, are always kept. Without this, a scam that
     * reached every mempool would be proposed by every proposer and refused by every validator, round after
     * round: the chain would stop.
     *
     * @param embeddings one per {@link #texts(List)} entry of {@code txs}, same order
     */
    public List<Transaction> trim(List<Transaction> txs, Address proposer, MempoolView view, ExemplarSet exemplars,
                                  float[][] embeddings) {
        if (!score(txs, proposer, view, exemplars, embeddings).reaches(policy.rejectThreshold())) return txs;
        float[][] byTx = new float[txs.size()][];
        double[] risk = new double[txs.size()];
        int k = 0;
        for (int i = 0; i < txs.size(); i++) {
            if (!textOf(txs.get(i)).isEmpty()) {
                byTx[i] = embeddings[k++];
                risk[i] = exemplars.risk(byTx[i]).probability();
            }
        }
        List<Integer> risky = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) if (risk[i] > 0.5) risky.add(i);
        risky.sort((a, b) -> Double.compare(risk[b], risk[a]));
        // The smallest number of riskiest texts to leave out that brings the score under the threshold (all of
        // them when nothing less does).
        int lo = 1, hi = risky.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            List<Transaction> keep = without(txs, risky, mid);
            if (score(keep, proposer, view, exemplars, embeddingsOf(keep, txs, byTx)).reaches(policy.rejectThreshold())) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return without(txs, risky, hi);
    }

    private static List<Transaction> without(List<Transaction> txs, List<Integer> order, int count) {
        java.util.Set<Integer> out = new java.util.HashSet<>(order.subList(0, Math.min(count, order.size())));
        List<Transaction> keep = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) if (!out.contains(i)) keep.add(txs.get(i));
        return keep;
    }

    private static float[][] embeddingsOf(List<Transaction> keep, List<Transaction> all, float[][] byTx) {
        java.util.Map<Transaction, Integer> at = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) at.put(all.get(i), i);
        List<float[]> out = new ArrayList<>();
        for (Transaction t : keep) {
            float[] e = byTx[at.get(t)];
            if (e != null) out.add(e);
        }
        return out.toArray(new float[0][]);
    }

    private double weight(String signal) {
        switch (signal) {
            case "semantic": return policy.semanticWeight();
            case "fee-outliers": return 0.8;
            case "flooding": return 0.9;
            case "front-running": return 0.95;
            case "censorship": return 0.9;
            default: throw new IllegalArgumentException(signal);
        }
    }

    /** The semantic signal of a block smaller than this is computed as if it held this many transactions. */
    static final int SEMANTIC_MIN_TXS = 8;

    private double semantic(List<Transaction> txs, ExemplarSet exemplars, float[][] embeddings, List<String> reasons) {
        List<String> texts = texts(txs);
        if (texts.size() != embeddings.length) {
            throw new IllegalArgumentException("one embedding per text: " + texts.size() + " vs " + embeddings.length);
        }
        if (texts.isEmpty()) {
            return 0;
        }
        // Each text adds its risk beyond even odds (0 at p <= 0.5, 1 at p = 1): a few borderline ordinary texts
        // (the English model embeds Chinese poorly) add little, a block of clear scams adds a lot.
        int flagged = 0;
        double excess = 0;
        double worst = 0;
        String worstText = null;
        ExemplarSet.TextRisk worstRisk = null;
        for (int i = 0; i < texts.size(); i++) {
            ExemplarSet.TextRisk r = exemplars.risk(embeddings[i]);
            excess += Math.max(0, r.probability() - 0.5) * 2;
            if (r.probability() >= 0.5) {
                flagged++;
            }
            if (r.probability() > worst) {
                worst = r.probability();
                worstText = texts.get(i);
                worstRisk = r;
            }
        }
        // Small blocks are judged as if they held SEMANTIC_MIN_TXS transactions: otherwise one borderline
        // ordinary memo (risk 0.6) in a one-transaction block saturates the signal and, since every
        // validator's model reads it alike, that transaction would stall the chain round after round.
        double value = Math.min(1.0, excess / (Math.max(txs.size(), SEMANTIC_MIN_TXS) * policy.semanticShare()));
        if (flagged > 0) {
            reasons.add(String.format(Locale.ROOT, "semantic: %d of %d transactions carry text nearer the risky "
                    + "exemplars, e.g. \"%s\" (risk %.2f, nearest risky exemplar \"%s\", cosine %.2f)", flagged,
                    txs.size(), clip(worstText), worst, clip(worstRisk.nearestRisky()), worstRisk.nearestSimilarity()));
        }
        return value;
    }

    private double feeOutliers(List<Transaction> txs, MempoolView view, List<String> reasons) {
        if (txs.isEmpty()) {
            return 0;
        }
        double median = Math.max(1, view.pendingCount() == 0
                ? median(txs.stream().mapToLong(Transaction::fee).toArray()) : view.medianFee());
        int outliers = 0;
        for (Transaction tx : txs) {
            double f = Math.max(1, tx.fee());
            boolean outlier = f > median * policy.feeOutlierFactor() || f * policy.feeOutlierFactor() < median;
            // one that went through this validator's mempool is what any proposer reaps by fee: ordinary
            if (outlier && view.seen(tx.hash()) == null) {
                outliers++;
            }
        }
        double share = (double) outliers / Math.max(txs.size(), SEMANTIC_MIN_TXS);
        if (outliers > 0) {
            reasons.add(String.format(Locale.ROOT, "fee-outliers: %d of %d fees, never pending here, beyond %.0fx the "
                    + "median pending fee %.0f", outliers, txs.size(), policy.feeOutlierFactor(), median));
        }
        return Math.min(1.0, 5 * share);
    }

    private double flooding(List<Transaction> txs, MempoolView view, List<String> reasons) {
        if (txs.size() < policy.floodMinTxs()) {
            return 0;
        }
        // a sender whose transactions went through this validator's mempool is busy, not flooding: any proposer
        // reaping by fee includes them; only the proposer's private additions count
        Map<Address, Integer> counts = new HashMap<>();
        int top = 0;
        Address topSender = null;
        for (Transaction tx : txs) {
            if (view.seen(tx.hash()) != null) {
                continue;
            }
            int c = counts.merge(tx.senderAddress(), 1, Integer::sum);
            if (c > top) {
                top = c;
                topSender = tx.senderAddress();
            }
        }
        double share = (double) top / txs.size();
        if (share <= policy.floodShare()) {
            return 0;
        }
        reasons.add(String.format(Locale.ROOT, "flooding: sender %s has %d of %d transactions, never pending here",
                topSender.hex().substring(0, 12), top, txs.size()));
        return Math.min(1.0, (share - policy.floodShare()) / 0.2);
    }

    private double frontRunning(List<Transaction> txs, Address proposer, MempoolView view, List<String> reasons) {
        if (proposer == null) {
            return 0;
        }
        int cases = 0;
        for (int i = 0; i < txs.size(); i++) {
            Transaction mine = txs.get(i);
            if (!(mine.payload() instanceof Bid) || !mine.senderAddress().equals(proposer)) {
                continue;
            }
            long auction = ((Bid) mine.payload()).auctionId();
            MempoolView.Pending mineSeen = view.seen(mine.hash());
            long mineAge = mineSeen == null ? 0 : mineSeen.ageMillis();
            for (int j = i + 1; j < txs.size(); j++) {
                Transaction other = txs.get(j);
                if (other.payload() instanceof Bid && ((Bid) other.payload()).auctionId() == auction
                        && !other.senderAddress().equals(proposer)) {
                    MempoolView.Pending otherSeen = view.seen(other.hash());
                    // fee priority explains a higher-fee bid going first, gossip delay a bid seen here only a little
                    // earlier; a bid seen clearly earlier and paying at least as much explains nothing
                    if (otherSeen != null && otherSeen.ageMillis() > mineAge + policy.arrivalGraceMillis()
                            && other.fee() >= mine.fee()) {
                        cases++;
                        break;
                    }
                }
            }
        }
        if (cases > 0) {
            reasons.add("front-running: the proposer's bid placed ahead of an earlier bid by another bidder in "
                    + cases + " auction bid(s)");
        }
        return Math.min(1.0, cases);
    }

    private double censorship(List<Transaction> txs, MempoolView view, List<String> reasons) {
        if (txs.size() >= view.maxBlockTxs()) {
            return 0;
        }
        Set<Hash> included = new HashSet<>();
        Set<String> slots = new HashSet<>(); // sender + nonce taken by the block (a replacement this node lacks)
        long bytes = 0;
        for (Transaction tx : txs) {
            included.add(tx.hash());
            slots.add(tx.senderAddress().hex() + "/" + tx.nonce());
            bytes += tx.size();
        }
        double floor = txs.isEmpty() ? 0 : median(txs.stream().mapToLong(Transaction::fee).toArray());
        int left = 0;
        for (MempoolView.Pending p : view.stale()) {
            if (p.ageMillis() >= policy.censorAgeMillis() && p.fee() >= floor && !p.hasText()
                    && !included.contains(p.hash()) && !slots.contains(p.sender().hex() + "/" + p.nonce())
                    && bytes + p.size() <= view.maxBlockBytes()) {
                left++;
            }
        }
        if (left > 0) {
            reasons.add(String.format(Locale.ROOT, "censorship: %d executable pending transaction(s) older than %d ms "
                    + "with fees at least the block's median left out of a block with room", left, policy.censorAgeMillis()));
        }
        return Math.min(1.0, left / 3.0);
    }

    static double median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * The validator's scoring policy.
     *
     * @param rejectThreshold  prevote nil at or above this score
     * @param semanticWeight   weight of the semantic signal in the noisy-or
     * @param semanticShare    share of transactions with risky text at which the semantic signal saturates
     * @param feeOutlierFactor a fee this many times above or below the median pending fee is an outlier
     * @param floodMinTxs      flooding is judged only in blocks of at least this many transactions
     * @param floodShare       one sender's share of the block beyond which it counts as flooding
     * @param censorAgeMillis  a pending transaction this old, left out, counts as censored (well above the gossip
     *                         delay plus the time a proposal takes to arrive: the grace before a proposer must have it)
     * @param arrivalGraceMillis how much earlier this node must have seen another bidder's bid than the proposer's for
     *                         the order to count as front-running (bounds gossip delay between nodes)
     * @param failClosed       when the model cannot answer in time: true refuses, false decides on rules alone
     */
    public record Policy(double rejectThreshold, double semanticWeight, double semanticShare, double feeOutlierFactor,
                         int floodMinTxs, double floodShare, long censorAgeMillis, long arrivalGraceMillis,
                         boolean failClosed) {
        public static Policy defaults() {
            return new Policy(0.7, 1.0, 0.25, 20.0, 8, 0.4, 30_000, 2_000, false);
        }
    }
}
