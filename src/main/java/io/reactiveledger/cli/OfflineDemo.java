package io.reactiveledger.cli;

import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.BidRecord;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BuiltBlock;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.core.tx.Withdraw;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ledger demo --offline}: the reference article's auction (start price 100, bids 110 and 130, ends
 * on day 5) run in this process through the deterministic state machine with signed transactions,
 * printing every block and each rule failing where it should. No network, no nodes.
 */
final class OfflineDemo implements Callable<Integer> {
    private static final long DAY = 86_400_000L;

    private final PrintStream out;
    private final Genesis genesis = DevnetGenesis.create(4);
    private final StateTransition transition = new StateTransition(ContractRegistry.standard(), new SignatureCache(1024)::verify);
    private final Map<KeyPair, Long> nonces = new HashMap<>();
    private WorldState state = genesis.state();
    private Hash previous = genesis.hash();
    private long height;

    OfflineDemo(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        KeyPair seller = DevnetGenesis.key("seller");
        KeyPair alice = DevnetGenesis.key("alice");
        KeyPair bob = DevnetGenesis.key("bob");
        KeyPair carol = DevnetGenesis.key("carol");
        long t0 = genesis.genesisTimeMs();
        out.println("reactive-ledger demo: the reference Auction contract, bugs fixed, on chain '" + genesis.chainId() + "'");
        out.println("validators: " + genesis.validators().size() + ", genesis " + genesis.hash().hex().substring(0, 16) + "...");
        out.println("(single process, pure state machine; dev-only keys from config/genesis.json)");
        out.println();

        block(t0 + 1_000, "seller lists a camera: start 100, min increment 5, ends on day 5",
                tx(seller, new CreateAuction("Vintage film camera / 复古胶片相机", 100, t0 + 5 * DAY, 5)));
        block(t0 + DAY, "day 1: alice bids 110", tx(alice, new Bid(1, 110)));
        block(t0 + 2 * DAY, "day 2: bob bids 130, alice is outbid (her 110 becomes withdrawable)", tx(bob, new Bid(1, 130)));
        block(t0 + 3 * DAY, "day 3: alice bids 132 (< 130 + 5), the seller bids, carol withdraws nothing",
                tx(alice, new Bid(1, 132)), tx(seller, new Bid(1, 200)), tx(carol, new Withdraw(1)));
        block(t0 + 3 * DAY + 1, "day 3: alice withdraws her refund", tx(alice, new Withdraw(1)));
        block(t0 + 4 * DAY, "day 4: carol tries to end the auction early", tx(carol, new EndAuction(1)));
        block(t0 + 5 * DAY, "day 5: carol ends the auction; the seller is paid once; a second end fails",
                tx(carol, new EndAuction(1)), tx(carol, new EndAuction(1)));

        AuctionState a = (AuctionState) state.contract(1).state();
        out.println("auction 1: " + a.status() + ", highest bid " + a.highestBid() + " by " + name(a.highestBidder())
                + ", escrow left " + state.contract(1).balance());
        for (BidRecord b : a.bids().toList()) {
            out.printf("  bid %4d by %-6s on day %d%n", b.amount(), name(b.bidder()), (b.blockTimeMs() - t0) / DAY);
        }
        out.println("balances (each started with " + DevnetGenesis.DEMO_BALANCE + "; fees go to the block proposer):");
        for (String n : DevnetGenesis.DEMO_ACCOUNTS) {
            out.printf("  %-6s %,d%n", n, state.account(DevnetGenesis.key(n).address()).balance());
        }
        out.println("state root " + state.root().hex());
        return 0;
    }

    private Transaction tx(KeyPair from, Payload p) {
        long nonce = nonces.merge(from, 1L, Long::sum) - 1;
        return Transaction.sign(new TxBody(genesis.chainId(), from.publicKey(), nonce, 1, p, ""), from);
    }

    private void block(long timeMs, String what, Transaction... txs) {
        height++;
        KeyPair proposer = DevnetGenesis.validatorKey((int) (height % genesis.validators().size()));
        BuiltBlock b = transition.build(state, new BlockContext(genesis.chainId(), height, timeMs, proposer.address()),
                previous, genesis.validators().hash(), List.of(txs));
        state = b.result().state();
        previous = b.block().hash();
        out.printf("block %d  %s  %s%n", height, b.block().hash().hex().substring(0, 16), what);
        for (int i = 0; i < txs.length; i++) {
            Receipt r = b.result().receipts().get(i);
            String who = name(txs[i].senderAddress());
            if (r.isSuccess()) {
                out.printf("  ok     %-6s %s%n", who, describe(r.events()));
            } else {
                out.printf("  %-6s %-6s %s: %s%n", r.status() == io.reactiveledger.core.state.ReceiptStatus.FAILED ? "failed" : "reject",
                        who, r.code(), r.message());
            }
        }
        out.println();
    }

    private String describe(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(e.type());
            for (Event.Attribute a : e.attributes()) {
                if (a.key().equals("auction")) continue;
                String v = a.value();
                for (String n : DevnetGenesis.DEMO_ACCOUNTS) {
                    if (DevnetGenesis.key(n).address().hex().equals(v)) v = n;
                }
                sb.append(' ').append(a.key()).append('=').append(v);
            }
        }
        return sb.toString();
    }

    private static String name(io.reactiveledger.core.crypto.Address a) {
        if (a == null) return "nobody";
        for (String n : DevnetGenesis.DEMO_ACCOUNTS) {
            if (DevnetGenesis.key(n).address().equals(a)) return n;
        }
        return a.hex().substring(0, 8);
    }
}
