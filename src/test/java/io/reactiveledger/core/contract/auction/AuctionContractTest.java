package io.reactiveledger.core.contract.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptCodes;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Withdraw;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference article's auction (start 100; bids 110, 130; ends on day 5) plus every fixed bug. */
class AuctionContractTest {
    private static final long DAY = 86_400_000L;
    private final KeyPair seller = TestChain.key("seller");
    private final KeyPair alice = TestChain.key("alice");
    private final KeyPair bob = TestChain.key("bob");
    private final KeyPair carol = TestChain.key("carol");
    private TestChain chain;
    private long endTime;

    @BeforeEach
    void setUp() {
        chain = new TestChain(Map.of(seller, 100L, alice, 1_000L, bob, 1_000L, carol, 50L));
        endTime = TestChain.GENESIS_TIME + 5 * DAY;
        Receipt created = run(seller, new CreateAuction("Vintage camera", 100, endTime, 10));
        assertEquals(ReceiptStatus.SUCCESS, created.status());
        assertEquals("1", created.events().get(0).get("auction"));
    }

    private Receipt run(KeyPair from, Payload p) {
        return chain.block(1000, chain.tx(from, p, 1)).get(0);
    }

    private AuctionState auction() {
        return (AuctionState) chain.state.contract(1).state();
    }

    private ContractInstance instance() {
        return chain.state.contract(1);
    }

    private void assertEscrowConsistent() {
        assertEquals(auction().escrowHeld(), instance().balance());
    }

    @Test
    void createEscrowsNothingAndStartsOpen() {
        AuctionState a = auction();
        assertEquals(AuctionStatus.OPEN, a.status());
        assertEquals(seller.address(), a.seller());
        assertNull(a.highestBidder());
        assertEquals(0, instance().balance());
        assertEquals(99, chain.balance(seller)); // only the fee
        assertEquals(2, chain.state.meta().nextContractId());
    }

    @Test
    void endTimeMustBeInTheFuture() {
        Receipt r = run(seller, new CreateAuction("late", 1, chain.time, 1));
        assertEquals(AuctionContract.END_TIME_NOT_IN_FUTURE, r.code());
        assertEquals(ReceiptStatus.FAILED, r.status());
        assertEquals(2, chain.state.meta().nextContractId(), "a failed create must not consume an id");
    }

    @Test
    void bidEscrowsAmountAndOutbidBidderCanWithdrawExactlyOnce() {
        assertEquals(ReceiptStatus.SUCCESS, run(alice, new Bid(1, 110)).status());
        assertEquals(1_000 - 1 - 110, chain.balance(alice));
        assertEquals(110, instance().balance());

        Receipt outbid = run(bob, new Bid(1, 130));
        assertEquals(ReceiptStatus.SUCCESS, outbid.status());
        assertEquals("auction.outbid", outbid.events().get(0).type());
        assertEquals(110, auction().refundOf(alice.address()));
        assertEquals(240, instance().balance());
        assertEscrowConsistent();

        Receipt w = run(alice, new Withdraw(1));
        assertEquals(ReceiptStatus.SUCCESS, w.status());
        assertEquals(1_000 - 2, chain.balance(alice)); // two fees paid, escrow returned
        assertEquals(0, auction().refundOf(alice.address()));
        Receipt again = run(alice, new Withdraw(1));
        assertEquals(AuctionContract.NOTHING_TO_WITHDRAW, again.code());
        assertEquals(1_000 - 3, chain.balance(alice));
        assertEscrowConsistent();
    }

    @Test
    void winnerCannotWithdrawTheWinningBid() {
        run(alice, new Bid(1, 110));
        Receipt r = run(alice, new Withdraw(1));
        assertEquals(AuctionContract.NOTHING_TO_WITHDRAW, r.code());
        assertEquals(110, instance().balance());
    }

    @Test
    void bidRules() {
        assertEquals(AuctionContract.BID_TOO_LOW, run(alice, new Bid(1, 99)).code());
        assertEquals(AuctionContract.SELLER_CANNOT_BID, run(seller, new Bid(1, 200)).code());
        assertEquals(ReceiptStatus.SUCCESS, run(alice, new Bid(1, 100)).status());
        assertEquals(AuctionContract.BID_TOO_LOW, run(bob, new Bid(1, 109)).code());
        assertEquals(ReceiptStatus.SUCCESS, run(bob, new Bid(1, 110)).status());
        assertEquals(ReceiptCodes.INSUFFICIENT_FUNDS, run(carol, new Bid(1, 120)).code());
        assertEquals(ReceiptCodes.UNKNOWN_CONTRACT, run(alice, new Bid(7, 500)).code());
        assertEquals(110, auction().highestBid());
        assertEquals(bob.address(), auction().highestBidder());
        assertEquals(2, auction().bids().size());
        assertEscrowConsistent();
    }

    @Test
    void highestBidderMayRaiseAndTheOldEscrowBecomesWithdrawable() {
        run(alice, new Bid(1, 100));
        run(alice, new Bid(1, 150));
        assertEquals(100, auction().refundOf(alice.address()));
        assertEquals(250, instance().balance());
        assertEscrowConsistent();
    }

    @Test
    void noBidsAtOrAfterTheEndTime() {
        chain.time = endTime - 1000; // next block is exactly at the end time
        Receipt r = run(alice, new Bid(1, 200));
        assertEquals(AuctionContract.AUCTION_ENDED, r.code());
        assertEquals(0, instance().balance());
    }

    @Test
    void endBeforeEndTimeFailsThenAnyonePaysSellerExactlyOnce() {
        run(alice, new Bid(1, 110));
        run(bob, new Bid(1, 130));
        assertEquals(AuctionContract.AUCTION_NOT_ENDED, run(carol, new EndAuction(1)).code());

        chain.time = endTime;
        Receipt end = run(carol, new EndAuction(1));
        assertEquals(ReceiptStatus.SUCCESS, end.status());
        assertEquals("sold", end.events().get(0).get("result"));
        assertEquals("130", end.events().get(0).get("price"));
        assertEquals(AuctionStatus.SOLD, auction().status());
        assertEquals(99 + 130, chain.balance(seller));
        assertEquals(110, instance().balance()); // alice's refund is still held for her

        Receipt again = run(carol, new EndAuction(1));
        assertEquals(AuctionContract.AUCTION_CLOSED, again.code());
        assertEquals(99 + 130, chain.balance(seller));
        assertEquals(AuctionContract.AUCTION_CLOSED, run(alice, new Bid(1, 500)).code());

        assertEquals(ReceiptStatus.SUCCESS, run(alice, new Withdraw(1)).status());
        assertEquals(0, instance().balance());
        assertEscrowConsistent();
    }

    @Test
    void endingWithNoBidsClosesUnsold() {
        chain.time = endTime;
        Receipt end = run(alice, new EndAuction(1));
        assertEquals("unsold", end.events().get(0).get("result"));
        assertEquals(AuctionStatus.UNSOLD, auction().status());
        assertEquals(99, chain.balance(seller));
    }

    @Test
    void keepsTheWholeBidHistoryWithBlockTimes() {
        run(alice, new Bid(1, 110));
        long t1 = chain.time;
        run(bob, new Bid(1, 130));
        long t2 = chain.time;
        run(alice, new Bid(1, 95)); // refused: not in the history
        List<BidRecord> bids = auction().bids().toList();
        assertEquals(2, bids.size());
        assertEquals(new BidRecord(alice.address(), 110, t1, 2), bids.get(0));
        assertEquals(new BidRecord(bob.address(), 130, t2, 3), bids.get(1));
    }

    @Test
    void everyAuctionFieldEntersTheStateRoot() {
        var before = chain.state.root();
        run(alice, new Bid(1, 110));
        assertTrue(!before.equals(chain.state.root()));
        AuctionState a = auction();
        AuctionState changedHistory = new AuctionState(a.seller(), a.item(), a.startPrice(), a.endTimeMs(),
                a.minIncrement(), a.createdAtMs(), a.status(), a.highestBidder(), a.highestBid(),
                a.bids().append(new BidRecord(bob.address(), 1, 0, 0)), a.refunds(), a.totalRefundable());
        AuctionState changedStatus = new AuctionState(a.seller(), a.item(), a.startPrice(), a.endTimeMs(),
                a.minIncrement(), a.createdAtMs(), AuctionStatus.UNSOLD, a.highestBidder(), a.highestBid(),
                a.bids(), a.refunds(), a.totalRefundable());
        AuctionState changedItem = new AuctionState(a.seller(), a.item() + ".", a.startPrice(), a.endTimeMs(),
                a.minIncrement(), a.createdAtMs(), a.status(), a.highestBidder(), a.highestBid(),
                a.bids(), a.refunds(), a.totalRefundable());
        assertTrue(!a.commitment().equals(changedHistory.commitment()));
        assertTrue(!a.commitment().equals(changedStatus.commitment()));
        assertTrue(!a.commitment().equals(changedItem.commitment()));
    }
}
