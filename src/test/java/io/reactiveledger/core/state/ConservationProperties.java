package io.reactiveledger.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.contract.Event;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Money is conserved over random sequences of transfers, auctions, bids, ends and withdrawals: the
 * total supply never changes, no balance goes negative (the state's records refuse it), each auction's
 * balance equals the escrow it owes, and once everything is ended and withdrawn every escrowed coin has
 * been paid out exactly once (to the seller for a winning bid, to the bidder for an outbid one).
 */
class ConservationProperties {
    private static final int USERS = 5;
    private static final List<KeyPair> KEYS = new ArrayList<>();

    static {
        for (int i = 0; i < USERS; i++) KEYS.add(TestChain.key("user" + i));
    }

    /** One randomly generated action; unused fields are ignored by the action kind. */
    record Action(int kind, int from, int to, long amount, int auction, long advanceMs, int fee) {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action = Combinators.combine(
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, USERS - 1),
                Arbitraries.integers().between(0, USERS - 1),
                Arbitraries.longs().between(1, 1_500),
                Arbitraries.integers().between(1, 4),
                Arbitraries.longs().between(0, 3_000),
                Arbitraries.integers().between(0, 3)
        ).as(Action::new);
        return action.list().ofMinSize(20).ofMaxSize(150);
    }

    @Provide
    Arbitrary<List<Long>> balances() {
        return Arbitraries.longs().between(1, 5_000).list().ofSize(USERS);
    }

    @Property(tries = 250)
    void moneyIsConserved(@ForAll("balances") @Size(USERS) List<Long> balances,
                          @ForAll("actions") List<Action> actions,
                          @ForAll("blockSizes") int blockSize) {
        Map<KeyPair, Long> genesis = new LinkedHashMap<>();
        for (int i = 0; i < USERS; i++) genesis.put(KEYS.get(i), balances.get(i));
        TestChain chain = new TestChain(genesis, List.of(KEYS.get(0), KEYS.get(1))); // users 0 and 1 are oracles
        long supply = chain.state.totalSupply();
        Ledger ledger = new Ledger();

        // Two auctions exist from the start so that bids have targets; more are created at random.
        applyBlock(chain, List.of(
                chain.tx(KEYS.get(0), new CreateAuction("opening lot", 10, chain.time + 400_000, 5), 0),
                chain.tx(KEYS.get(1), new CreateAuction("拍卖 lot", 1, chain.time + 100_000, 1), 0)), 1, ledger, supply);
        chain.resyncNonces();
        List<Transaction> pending = new ArrayList<>();
        long advance = 0;
        for (Action a : actions) {
            pending.add(chain.tx(KEYS.get(a.from()), payload(a, chain), a.fee()));
            advance += a.advanceMs();
            if (pending.size() >= blockSize) {
                applyBlock(chain, pending, advance, ledger, supply);
                chain.resyncNonces(); // rejected transactions do not consume nonces
                pending.clear();
                advance = 0;
            }
        }
        applyBlock(chain, pending, Math.max(advance, 1), ledger, supply);

        // End every auction and let every user withdraw from every auction.
        chain.resyncNonces();
        chain.time += 10_000_000;
        List<Transaction> closing = new ArrayList<>();
        long auctions = chain.state.meta().nextContractId() - 1;
        for (long id = 1; id <= auctions; id++) {
            if (((AuctionState) chain.state.contract(id).state()).status() == io.reactiveledger.core.contract.auction.AuctionStatus.OPEN) {
                closing.add(chain.tx(KEYS.get(0), new EndAuction(id), 0));
            }
        }
        for (long id = 1; id <= auctions; id++) {
            for (KeyPair k : KEYS) {
                if (((AuctionState) chain.state.contract(id).state()).refundOf(k.address()) > 0
                        || ((AuctionState) chain.state.contract(id).state()).highestBidder() != null) {
                    closing.add(chain.tx(k, new Withdraw(id), 0));
                }
            }
        }
        applyBlock(chain, closing, 1, ledger, supply);

        for (ContractInstance c : chain.state.contracts()) {
            assertEquals(0, c.balance(), "auction " + c.id() + " still holds escrow after settlement");
        }
        Statistics.label("auctions").collect(auctions == 0 ? "none" : auctions < 3 ? "1-2" : "3+");
        Statistics.label("escrowed").collect(ledger.escrowedIn == 0 ? "no bids" : ledger.outbid == 0 ? "bids, none outbid" : "outbid refunds");
        Statistics.label("sold").collect(ledger.paidToSellers > 0);
        assertEquals(ledger.escrowedIn, ledger.paidToSellers + ledger.withdrawn, "every escrowed coin paid out once");
        assertEquals(ledger.outbid, ledger.withdrawn, "outbid escrow is withdrawn exactly once");
        assertEquals(ledger.wonPrices, ledger.paidToSellers, "each winning bid is paid to its seller exactly once");

        // predictions move no coins (checked above with the rest); their bookkeeping adds up
        long recorded = 0;
        for (long id = 1; id <= auctions; id++) {
            AuctionPredictions p = chain.state.predictions(id);
            if (p != null) recorded += p.predictions().size();
            if (p != null) assertTrue(p.settled(), "every ended auction's predictions are settled");
        }
        long tracked = 0;
        for (OracleTrack t : chain.state.oracles()) {
            tracked += t.recorded();
            assertTrue(t.scored() <= t.recorded(), t.toString());
        }
        assertEquals(recorded, tracked, "every recorded prediction is in its oracle's track");
        Statistics.label("predictions").collect(recorded == 0 ? "none" : "some");
    }

    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.integers().between(1, 25);
    }

    private static Payload payload(Action a, TestChain chain) {
        return switch (a.kind()) {
            case 0 -> new Transfer(KEYS.get(a.to()).address(), a.amount());
            case 1, 2 -> new CreateAuction("item " + a.amount(), Math.max(1, a.amount() / 10),
                    chain.time + 20_000 + a.advanceMs() * 60, 1 + a.amount() % 7);
            case 3, 4, 5, 6 -> new Bid(existing(a, chain), bidAmount(a, chain));
            case 7 -> new EndAuction(existing(a, chain));
            case 10 -> new io.reactiveledger.core.tx.PredictionRecorded(existing(a, chain), a.amount(), a.amount() / 2,
                    a.amount() * 2, chain.time, (int) (a.amount() % 10_001));
            default -> new Withdraw(existing(a, chain));
        };
    }

    /** Mostly an auction that exists; now and then an id that does not. */
    private static long existing(Action a, TestChain chain) {
        long created = chain.state.meta().nextContractId() - 1;
        if (created == 0 || a.amount() % 10 == 0) return a.auction();
        return 1 + a.auction() % created;
    }

    /** Mostly a plausible bid (the minimum next bid plus a little), sometimes an arbitrary amount. */
    private static long bidAmount(Action a, TestChain chain) {
        ContractInstance c = chain.state.contract(existing(a, chain));
        if (c == null || a.amount() % 4 == 0) return a.amount() / 3 + 1;
        return io.reactiveledger.core.contract.auction.AuctionContract.minimumNextBid((AuctionState) c.state())
                + a.amount() % 20;
    }

    /** Totals taken from receipts' events, independent of the contract's own bookkeeping. */
    static final class Ledger {
        long escrowedIn;
        long outbid;
        long withdrawn;
        long paidToSellers;
        long wonPrices;
        final Map<Long, Long> perAuction = new HashMap<>();
    }

    private static void applyBlock(TestChain chain, List<Transaction> txs, long advance, Ledger ledger, long supply) {
        List<Receipt> receipts = chain.block(advance, txs);
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).payload() instanceof Bid) Statistics.label("bid outcome").collect(receipts.get(i).code());
        }
        for (Receipt r : receipts) {
            for (Event e : r.events()) {
                switch (e.type()) {
                    case "auction.bid" -> {
                        long amount = Long.parseLong(e.get("amount"));
                        ledger.escrowedIn += amount;
                        ledger.perAuction.merge(Long.parseLong(e.get("auction")), amount, Long::sum);
                    }
                    case "auction.outbid" -> ledger.outbid += Long.parseLong(e.get("amount"));
                    case "auction.withdrawn" -> {
                        long amount = Long.parseLong(e.get("amount"));
                        ledger.withdrawn += amount;
                        ledger.perAuction.merge(Long.parseLong(e.get("auction")), -amount, Long::sum);
                    }
                    case "auction.ended" -> {
                        if ("sold".equals(e.get("result"))) {
                            long price = Long.parseLong(e.get("price"));
                            ledger.paidToSellers += price;
                            ledger.wonPrices += price;
                            ledger.perAuction.merge(Long.parseLong(e.get("auction")), -price, Long::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        assertEquals(supply, chain.circulating(), "total supply changed");
        assertEquals(supply, chain.state.totalSupply());
        for (ContractInstance c : chain.state.contracts()) {
            AuctionState a = (AuctionState) c.state();
            assertEquals(a.escrowHeld(), c.balance(), "auction " + c.id() + " balance differs from what it owes");
            assertEquals(ledger.perAuction.getOrDefault(c.id(), 0L), c.balance(),
                    "auction " + c.id() + " balance differs from its escrow events");
        }
    }
}
