package io.reactiveledger.core.state;

import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.Withdraw;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random transactions over a few accounts: auctions created, bid on (some bids too low, some by
 * the seller), ended (some too early), refunds withdrawn, plus transfers. Many calls fail, on purpose.
 */
public final class AuctionWorkload {
    public static final List<KeyPair> KEYS = List.of(TestChain.key("w0"), TestChain.key("w1"), TestChain.key("w2"),
            TestChain.key("w3"), TestChain.key("w4"), TestChain.key("w5"));
    private final SplittableRandom rnd;

    public AuctionWorkload(long seed) {
        rnd = new SplittableRandom(seed);
    }

    public static Map<KeyPair, Long> balances() {
        Map<KeyPair, Long> m = new LinkedHashMap<>();
        for (KeyPair k : KEYS) m.put(k, 10_000_000L);
        return m;
    }

    /** The next block's transactions for {@code chain} (whose tracked nonces advance). */
    public List<Transaction> nextBlock(TestChain chain) {
        int n = 1 + rnd.nextInt(6);
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) txs.add(chain.tx(KEYS.get(rnd.nextInt(KEYS.size())), payload(chain)));
        return txs;
    }

    private Payload payload(TestChain chain) {
        long auctions = chain.state.meta().nextContractId() - 1;
        int op = rnd.nextInt(10);
        if (auctions == 0 || op == 0) {
            return new CreateAuction("item " + rnd.nextInt(1000), 1 + rnd.nextInt(100),
                    chain.time + 2_000 + rnd.nextInt(20) * 1_000L, 1 + rnd.nextInt(10));
        }
        long id = 1 + rnd.nextLong(auctions);
        if (op <= 5) {
            AuctionState a = (AuctionState) chain.state.contract(id).state();
            long floor = Math.max(a.startPrice(), a.highestBid() + a.minIncrement());
            return new Bid(id, Math.max(1, floor + rnd.nextInt(40) - 5));
        }
        if (op == 6) return new EndAuction(id);
        if (op <= 8) return new Withdraw(id);
        return new Transfer(KEYS.get(rnd.nextInt(KEYS.size())).address(), 1 + rnd.nextInt(100));
    }
}
