package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Withdraw;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference article's auction, end to end over HTTP against running nodes: the seller lists an item
 * (start price 1, ending after 5 scaled "days"), alice bids 1, bob bids 2, carol ends the auction after
 * its end time (the seller is paid), alice withdraws her outbid bid. Then it prints the highest bid, the
 * blocks that hold the scenario's transactions and every node's state root.
 */
final class DemoScenario {
    static final long COMMIT_TIMEOUT_MS = 60_000;

    /** What the scenario saw; {@link #ok()} is the demo's verdict. */
    record Result(long auctionId, long highestBid, String status, Map<String, String> stateRoots, long rootsHeight,
                  List<String> failures) {
        boolean ok() {
            return failures.isEmpty();
        }
    }

    private final List<LedgerClient> nodes = new ArrayList<>();
    private final PrintStream out;
    private final Duration day;
    private final TxSender sender;
    private final Map<String, Long> stepHeights = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    DemoScenario(List<String> urls, Duration day, PrintStream out) {
        for (String u : urls) nodes.add(new LedgerClient(u));
        this.out = out;
        this.day = day;
        this.sender = new TxSender(nodes.get(0));
    }

    Result run() throws InterruptedException {
        KeyPair seller = DevnetGenesis.key("seller");
        KeyPair alice = DevnetGenesis.key("alice");
        KeyPair bob = DevnetGenesis.key("bob");
        KeyPair carol = DevnetGenesis.key("carol");
        long dayMs = day.toMillis();
        out.println("reference auction on chain '" + sender.chainId() + "' through " + nodes.get(0).baseUrl()
                + " (one \"day\" of the article = " + dayMs + " ms here, so its 5-day auction lasts " + 5 * dayMs / 1000.0 + " s)");

        long endTimeMs = System.currentTimeMillis() + 5 * dayMs;
        JsonNode created = step("seller lists a vintage camera: start price 1, ends on \"day 5\"", seller,
                new CreateAuction("Vintage film camera / 复古胶片相机", 1, endTimeMs, 1));
        long auctionId = auctionId(created);
        step("alice bids 1", alice, new Bid(auctionId, 1));
        step("bob bids 2 (alice is outbid; her 1 becomes withdrawable)", bob, new Bid(auctionId, 2));

        out.println("waiting for a block at or after the end time (\"day 5\") ...");
        awaitBlockTime(endTimeMs);
        step("carol ends the auction after \"day 5\": the seller is paid 2", carol, new EndAuction(auctionId));
        step("alice withdraws her outbid bid", alice, new Withdraw(auctionId));

        JsonNode a = nodes.get(0).auction(auctionId);
        long highest = a.path("highestBid").asLong();
        String status = a.path("status").asText();
        out.println();
        out.print(AuctionCommand.Show.describe(a));
        out.println("最高出价：" + highest + "   (highest bid: " + highest + ", by " + name(a.path("highestBidder").asText()) + ")");
        if (highest != 2) failures.add("highest bid is " + highest + ", expected 2");
        if (!"SOLD".equals(status)) failures.add("auction status is " + status + ", expected SOLD");
        if (!bob.address().hex().equals(a.path("highestBidder").asText())) failures.add("bob is not the highest bidder");
        printPrediction(auctionId);

        out.println();
        out.println("blocks holding the scenario's transactions:");
        for (Map.Entry<String, Long> e : stepHeights.entrySet()) {
            out.println("  " + BlocksCommand.line(nodes.get(0).block(String.valueOf(e.getValue()))) + "  <- " + e.getKey());
        }
        JsonNode latest = nodes.get(0).block("latest");
        out.println("  (chain height now " + latest.path("height").asText() + "; the other blocks are the idle chain's empty blocks)");

        Map<String, String> roots = new LinkedHashMap<>();
        long h = stateRoots(roots);
        out.println();
        out.println("state root of every node at height " + h + ":");
        roots.forEach((node, root) -> out.println("  " + node + "  " + root));
        if (roots.values().stream().distinct().count() != 1) {
            failures.add("state roots differ at height " + h);
        } else {
            out.println("all " + roots.size() + " state roots are equal");
        }
        for (String f : failures) out.println("FAILED: " + f);
        return new Result(auctionId, highest, status, roots, h, List.copyOf(failures));
    }

    /**
     * Where the model's prediction for this auction will be printed ({@code GET /v1/auctions/{id}/prediction},
     * from the model issue). Prints nothing until that endpoint exists.
     */
    /** The node model's prediction (GET /v1/auctions/{id}/prediction); a node without a model says so, the demo goes on. */
    void printPrediction(long auctionId) {
        try {
            out.print(AuctionCommand.Predict.describe(auctionId, nodes.get(0).prediction(auctionId)));
        } catch (RuntimeException e) {
            out.println("no prediction for auction " + auctionId + ": " + e.getMessage());
        }
        try {
            JsonNode recorded = nodes.get(0).recordedPredictions(auctionId);
            out.println("predictions recorded on chain by oracles: " + recorded.path("predictions").size());
            for (JsonNode p : recorded.path("predictions")) {
                out.printf("  at height %s: %s (interval %s .. %s)%s%n", p.path("height").asText(), p.path("price").asText(),
                        p.path("low").asText(), p.path("high").asText(), p.path("apeBp").isNumber()
                                ? ", error " + p.path("apeBp").asLong() / 100.0 + "%" + (p.path("hit").asBoolean() ? ", in the interval" : ", outside the interval")
                                : "");
            }
            for (JsonNode o : nodes.get(0).oracleAccuracy().path("oracles")) {
                out.printf("  oracle %s: %s recorded, %s scored, MAPE %.2f%%, interval coverage %.2f%%%n", o.path("oracle").asText(),
                        o.path("recorded").asText(), o.path("scored").asText(), o.path("mapePercent").asDouble(),
                        o.path("coveragePercent").asDouble());
            }
        } catch (RuntimeException e) {
            out.println("no on-chain predictions for auction " + auctionId + ": " + e.getMessage());
        }
    }

    private JsonNode step(String what, KeyPair key, Payload payload) throws InterruptedException {
        Transaction tx = sender.sign(key, 1, payload, "");
        JsonNode r = sender.submitAndAwaitCommit(tx, COMMIT_TIMEOUT_MS);
        long height = r.path("height").asLong();
        JsonNode rc = r.path("receipt");
        String rs = rc.path("status").asText();
        out.printf("  block %-5d %-8s %-6s %s%n", height, rs, name(key.address().hex()), what);
        if (!"SUCCESS".equals(rs)) {
            failures.add(what + ": " + rs + " " + rc.path("code").asText() + " " + rc.path("message").asText());
            out.println("           " + rc.path("code").asText() + ": " + rc.path("message").asText());
        }
        stepHeights.put(what, height);
        return r;
    }

    static long auctionId(JsonNode committed) {
        for (JsonNode e : committed.path("receipt").path("events")) {
            if (!"auction.created".equals(e.path("type").asText())) continue;
            String id = attribute(e.path("attributes"), "auction");
            if (id != null) return Long.parseLong(id);
        }
        throw new IllegalStateException("the auction-create receipt has no auction.created event: " + committed.path("receipt"));
    }

    /** An event attribute from {"k":"v",...} or [{"key":"k","value":"v"},...]. */
    static String attribute(JsonNode attrs, String key) {
        if (attrs.isObject()) return attrs.hasNonNull(key) ? attrs.get(key).asText() : null;
        for (JsonNode a : attrs) {
            if (key.equals(a.path("key").asText())) return a.path("value").asText();
        }
        return null;
    }

    private void awaitBlockTime(long timeMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Math.max(0, timeMs - System.currentTimeMillis()) + COMMIT_TIMEOUT_MS;
        while (nodes.get(0).block("latest").path("timeMs").asLong() < timeMs) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("no block reached the auction's end time");
            Thread.sleep(250);
        }
    }

    /**
     * Every node's own state root at one height: asks /v1/status of all nodes until they report the same
     * latest height (the idle chain moves about once a second); failing that, compares the state roots of
     * the blocks each node holds at the lowest common height.
     */
    private long stateRoots(Map<String, String> roots) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            roots.clear();
            long height = -1;
            boolean same = true;
            for (LedgerClient c : nodes) {
                JsonNode s = c.status();
                long h = s.path("latestHeight").asLong();
                if (height < 0) height = h;
                if (h != height) same = false;
                roots.put(s.path("node").asText(c.baseUrl()) + " (" + c.baseUrl() + ")", s.path("stateRoot").asText());
            }
            if (same) return height;
            Thread.sleep(50);
        }
        roots.clear();
        long common = Long.MAX_VALUE;
        for (LedgerClient c : nodes) common = Math.min(common, c.status().path("latestHeight").asLong());
        for (LedgerClient c : nodes) {
            roots.put(c.status().path("node").asText(c.baseUrl()) + " (" + c.baseUrl() + ", block header)",
                    c.block(String.valueOf(common)).path("stateRoot").asText());
        }
        return common;
    }

    private static String name(String addressHex) {
        for (String n : DevnetGenesis.DEMO_ACCOUNTS) {
            if (DevnetGenesis.key(n).address().hex().equals(addressHex)) return n;
        }
        try {
            return Address.fromHex(addressHex).hex().substring(0, 8);
        } catch (RuntimeException e) {
            return addressHex;
        }
    }
}
