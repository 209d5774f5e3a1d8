package io.reactiveledger.llm.auction;

import java.util.List;

/**
 * A prediction of a running auction's outcome.
 *
 * @param predictedPrice  predicted final (closing) price
 * @param low             lower end of the 80% interval (never below the current price)
 * @param high            upper end of the 80% interval
 * @param expectedEndDay  day (from the auction's start, 1-based) on which it is expected to end
 * @param confidence      in [0, 1]: narrower intervals and closer neighbours give more
 * @param basis           what the prediction rests on
 */
public record AuctionPrediction(String auctionId, double predictedPrice, double low, double high,
                                int expectedEndDay, double confidence, Basis basis, String english, String chinese) {

    /**
     * @param similar    the most similar completed auctions used (by item-description embedding, then dynamics)
     * @param dynamics   the auction's visible state when predicted
     * @param candidates completed auctions with a similar item description
     */
    public record Basis(List<Neighbour> similar, AuctionSnapshot dynamics, int candidates, String method) {
        public Basis {
            similar = List.copyOf(similar);
        }
    }

    public record Neighbour(String auctionId, String item, double itemSimilarity, double priceThen,
                            double finalPrice) {
    }
}
