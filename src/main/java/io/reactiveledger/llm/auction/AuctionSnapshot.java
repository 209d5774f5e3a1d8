package io.reactiveledger.llm.auction;

import java.util.HashMap;
import java.util.Map;

/**
 * The visible state of an auction at a moment: the displayed price (eBay proxy bidding: the second-highest
 * bidder's maximum plus one increment, capped by the highest maximum; the opening bid while fewer than two
 * bidders), the number of bids and distinct bidders so far, and the time elapsed.
 */
public record AuctionSnapshot(double elapsedDays, double durationDays, double openBid, double displayedPrice,
                              int bids, int bidders, double lastBidDays) {

    public double fraction() {
        return elapsedDays / durationDays;
    }

    static AuctionSnapshot of(AuctionRecord a, double atDays) {
        Map<String, Double> maxByBidder = new HashMap<>();
        int bids = 0;
        double last = 0;
        for (BidEvent b : a.bids()) {
            if (b.timeDays() > atDays) {
                break;
            }
            bids++;
            last = b.timeDays();
            maxByBidder.merge(b.bidder(), b.amount(), Math::max);
        }
        double price = a.proxyBidding() ? displayed(a.openBid(), maxByBidder)
                : maxByBidder.values().stream().mapToDouble(Double::doubleValue).max().orElse(a.openBid());
        return new AuctionSnapshot(atDays, a.durationDays(), a.openBid(), price, bids, maxByBidder.size(), last);
    }

    /** Displayed price from each bidder's maximum proxy bid. */
    public static double displayed(double openBid, Map<String, Double> maxByBidder) {
        double h1 = Double.NEGATIVE_INFINITY;
        double h2 = Double.NEGATIVE_INFINITY;
        for (double v : maxByBidder.values()) {
            if (v > h1) {
                h2 = h1;
                h1 = v;
            } else if (v > h2) {
                h2 = v;
            }
        }
        if (maxByBidder.isEmpty()) {
            return openBid;
        }
        if (maxByBidder.size() == 1) {
            return openBid; // a lone bidder pays the opening bid so far
        }
        double base = Math.max(h2, openBid);
        return Math.min(h1, base + increment(base));
    }

    /** eBay's bid increment for a price. */
    public static double increment(double price) {
        if (price < 1) return 0.05;
        if (price < 5) return 0.25;
        if (price < 25) return 0.5;
        if (price < 100) return 1;
        if (price < 250) return 2.5;
        if (price < 500) return 5;
        if (price < 1000) return 10;
        if (price < 2500) return 25;
        if (price < 5000) return 50;
        return 100;
    }
}
