package io.reactiveledger.bench.cluster;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The benchmark's transactions, all signed before the clock starts. Transaction {@code i} is sender
 * {@code i % senders}' nonce {@code i / senders}, so submitting in index order spreads the senders and
 * keeps each sender's nonces in order.
 * <ul>
 *   <li>transfers: sender s pays 1 to sender s + 1 (every one succeeds);</li>
 *   <li>bids: seller s creates auction s + 1 during setup (sellers are separate accounts, auction ids are
 *       sequential from 1), and sender s places rising bids on auction s + 1 only, so its bids are
 *       ordered by its nonces and each outbids the previous one (every one succeeds).</li>
 * </ul>
 *
 * @param senders the funded senders (and, for bids, sellers after them)
 * @param setup   transactions committed before the measured run (creating auctions), possibly empty
 * @param txs     the measured transactions in submission order
 */
public record Workload(List<KeyPair> senders, List<KeyPair> sellers, List<Transaction> setup, List<Transaction> txs) {
    public static final long FUNDS = 1_000_000_000_000L;
    public static final long START_PRICE = 100;
    public static final long MIN_INCREMENT = 1;

    public static Workload create(String chainId, ClusterBenchConfig cfg, String keyPrefix, long nowMs) {
        int s = cfg.senders();
        List<KeyPair> senders = keys(keyPrefix + "sender-", s);
        List<KeyPair> sellers = cfg.payload() == ClusterBenchConfig.Payload.BID ? keys(keyPrefix + "seller-", s) : List.of();
        List<Transaction> setup = new ArrayList<>();
        if (!sellers.isEmpty()) {
            long end = nowMs + 24L * 3600 * 1000;
            setup = IntStream.range(0, s).parallel().mapToObj(i -> Transaction.sign(new TxBody(chainId,
                    sellers.get(i).publicKey(), 0, 1, new CreateAuction("bench lot " + i, START_PRICE, end, MIN_INCREMENT), ""),
                    sellers.get(i))).toList();
        }
        List<Transaction> txs = IntStream.range(0, cfg.txs()).parallel().mapToObj(i -> {
            int sender = i % s;
            long nonce = i / s;
            KeyPair from = senders.get(sender);
            if (cfg.payload() == ClusterBenchConfig.Payload.BID) {
                return Transaction.sign(new TxBody(chainId, from.publicKey(), nonce, 1,
                        new Bid(sender + 1, START_PRICE + nonce * MIN_INCREMENT), ""), from);
            }
            Address to = senders.get((sender + 1) % s).address();
            String memo = cfg.payload() == ClusterBenchConfig.Payload.MEMO ? memo(i) : "";
            return Transaction.sign(new TxBody(chainId, from.publicKey(), nonce, 1, new Transfer(to, 1), memo), from);
        }).toList();
        return new Workload(senders, sellers, setup, txs);
    }

    private static final String[] MEMO_TEMPLATES = {
            "rent for flat %d", "invoice %d paid, thanks", "dinner split #%d", "monthly salary advance %d",
            "refund for order %d", "coffee beans batch %d", "electricity bill %d", "\u623f\u79df %d \u53f7",
            "books for class %d", "gym membership month %d"};
    /** Distinct memos in the workload: payment memos repeat in practice, and the model caches their embeddings. */
    public static final int DISTINCT_MEMOS = 500;

    /** Transaction {@code i}'s memo in the MEMO payload: one of {@link #DISTINCT_MEMOS} ordinary payment memos. */
    public static String memo(int i) {
        int k = i % DISTINCT_MEMOS;
        return String.format(java.util.Locale.ROOT, MEMO_TEMPLATES[k % MEMO_TEMPLATES.length], k / MEMO_TEMPLATES.length + 1);
    }

    /** The sender index of transaction {@code i}. */
    public int senderOf(int i) {
        return i % senders.size();
    }

    private static List<KeyPair> keys(String prefix, int n) {
        return IntStream.range(0, n).parallel().mapToObj(i -> KeyPair.deterministic(prefix + i)).toList();
    }
}
