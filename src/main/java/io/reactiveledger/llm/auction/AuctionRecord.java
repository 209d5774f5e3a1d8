package io.reactiveledger.llm.auction;

import java.util.Comparator;
import java.util.List;

/**
 * An auction and its bids in time order. {@code finalPrice} is NaN while it runs. With {@code proxyBidding}
 * (eBay) bids are bidders' maxima; without (this ledger's English auction) the highest bid is the price.
 *
 * @param durationDays the auction's fixed length (eBay: 3, 5 or 7 days)
 */
public record AuctionRecord(String id, String item, double durationDays, double openBid, double finalPrice,
                            List<BidEvent> bids, boolean proxyBidding) {
    /** An eBay-style auction with proxy bids. */
    public AuctionRecord(String id, String item, double durationDays, double openBid, double finalPrice,
                         List<BidEvent> bids) {
        this(id, item, durationDays, openBid, finalPrice, bids, true);
    }

    public AuctionRecord {
        if (durationDays <= 0) {
            throw new IllegalArgumentException("duration must be positive");
        }
        bids = bids.stream().sorted(Comparator.comparingDouble(BidEvent::timeDays)).toList();
    }

    public boolean completed() {
        return !Double.isNaN(finalPrice);
    }

    /** What a watcher saw at {@code fraction} (0..1) of the duration. */
    public AuctionSnapshot at(double fraction) {
        return AuctionSnapshot.of(this, fraction * durationDays);
    }

    public static Comparator<String> idOrder() {
        return Comparator.comparing((String s) -> s.length()).thenComparing(Comparator.naturalOrder());
    }
}
