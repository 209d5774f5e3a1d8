package io.reactiveledger.llm.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuctionPredictorTest {
    private static final float[] WATCH = {1, 0, 0};
    private static final float[] CONSOLE = {0, 1, 0};

    /** A 5-day auction whose price climbs from 10 to {@code close}, with a late bid war. */
    private static AuctionRecord auction(String id, String item, double close) {
        List<BidEvent> bids = new ArrayList<>();
        bids.add(new BidEvent(0.5, 12, "a"));
        bids.add(new BidEvent(1.0, 20, "b"));
        bids.add(new BidEvent(2.0, close * 0.5, "a"));
        bids.add(new BidEvent(4.9, close - AuctionSnapshot.increment(close) , "b"));
        bids.add(new BidEvent(4.95, close + 50, "c"));
        return new AuctionRecord(id, item, 5, 10, close, bids);
    }

    @Test
    void displayedPriceIsSecondHighestProxyPlusIncrementCappedByTheHighest() {
        assertEquals(10, AuctionSnapshot.displayed(10, Map.of()));
        assertEquals(10, AuctionSnapshot.displayed(10, Map.of("a", 50.0)));
        assertEquals(30.0 + 1, AuctionSnapshot.displayed(10, Map.of("a", 50.0, "b", 30.0)));
        assertEquals(30.5, AuctionSnapshot.displayed(10, Map.of("a", 30.5, "b", 30.0)));
        AuctionRecord a = auction("1", "watch", 200);
        assertEquals(200, a.at(1.0).displayedPrice(), 1e-9, "the reconstruction gives the closing price");
        assertEquals(2, a.at(0.3).bids());
    }

    @Test
    void predictsFromSimilarItemsOnlyAndWritesBothSentences() {
        List<AuctionPredictor.Completed> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(new AuctionPredictor.Completed(auction("w" + i, "watch", 190 + i), WATCH));
            history.add(new AuctionPredictor.Completed(auction("c" + i, "console", 1000 + 10 * i), CONSOLE));
        }
        AuctionRecord running = auction("new", "watch", 205);
        AuctionPrediction p = new AuctionPredictor().predict(running, WATCH, 0.75, history);
        double current = running.at(0.75).displayedPrice();
        assertTrue(p.predictedPrice() > current, "late bidding lifts the price: " + p);
        assertTrue(p.predictedPrice() > 180 && p.predictedPrice() < 240, "near the watches' closes: " + p.predictedPrice());
        assertTrue(p.low() <= p.predictedPrice() && p.predictedPrice() <= p.high());
        assertEquals(30, p.basis().candidates(), "consoles are not candidates");
        assertTrue(p.basis().similar().stream().allMatch(n -> n.item().equals("watch")));
        assertEquals(5, p.expectedEndDay());
        String price = AuctionPredictor.formatPrice(p.predictedPrice());
        assertEquals("The auction ends on day 5; the highest bid will reach " + price, p.english());
        assertEquals("拍卖将在第5天结束，最高出价将达到" + price, p.chinese());
        assertTrue(p.confidence() > 0 && p.confidence() <= 1);
    }

    @Test
    void withoutHistoryThePredictionIsTheCurrentPrice() {
        AuctionRecord running = auction("x", "watch", 300);
        AuctionPrediction p = new AuctionPredictor().predict(running, WATCH, 0.5, List.of());
        assertEquals(running.at(0.5).displayedPrice(), p.predictedPrice());
        assertEquals(0, p.confidence());
    }

    /** A 5-day auction at about {@code early} from day 1 on, closing at {@code close} after a late bid war. */
    private static AuctionRecord earlyThenLate(String id, String item, double early, double close) {
        List<BidEvent> bids = new ArrayList<>();
        bids.add(new BidEvent(0.5, early + 10, "a"));
        bids.add(new BidEvent(1.0, early, "b"));
        bids.add(new BidEvent(4.9, close - AuctionSnapshot.increment(close), "b"));
        bids.add(new BidEvent(4.95, close + 50, "c"));
        return new AuctionRecord(id, item, 5, 10, close, bids);
    }

    @Test
    void priceLevelsAreNotBorrowedFromAnotherItem() {
        // consoles at 100..970 by day 1, all closing near 1000..1290: their rises vary, their levels do not
        float[] console = {0.1f, (float) Math.sqrt(1 - 0.01), 0};
        List<AuctionPredictor.Completed> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(new AuctionPredictor.Completed(earlyThenLate("c" + i, "console", 100 + 30 * i, 1000 + 10 * i),
                    console));
        }
        AuctionRecord running = auction("new", "watch", 205);
        double current = running.at(0.75).displayedPrice();
        // a watch (similarity 0.1 to the consoles): only their rises count, so no console price level
        AuctionPrediction watch = new AuctionPredictor().predict(running, WATCH, 0.75, history);
        assertTrue(watch.basis().method().contains("weight 1.00"), watch.basis().method());
        assertTrue(watch.predictedPrice() >= current && watch.predictedPrice() < 300,
                "current " + current + " times a rise, not a console price: " + watch.predictedPrice());
        // the same running auction described as a console borrows their (tight) level
        AuctionPrediction asConsole = new AuctionPredictor().predict(running, console, 0.75, history);
        assertTrue(asConsole.predictedPrice() > 900, "same item: near the consoles' closes: " + asConsole.predictedPrice());
    }

    @Test
    void theLeastPercentageErrorPointIsAtOrBelowTheMedianPoint() {
        List<AuctionPredictor.Completed> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            history.add(new AuctionPredictor.Completed(auction("w" + i, "watch", 100 + 15 * i), WATCH));
        }
        AuctionPredictor.Params d = AuctionPredictor.Params.DEFAULTS;
        AuctionPredictor median = new AuctionPredictor(new AuctionPredictor.Params(d.k(), d.bidWeight(),
                d.durationPenalty(), false, d.tail()));
        AuctionRecord running = auction("new", "watch", 400);
        for (double f : new double[] {0.5, 0.75, 0.9}) {
            AuctionPrediction pct = new AuctionPredictor().predict(running, WATCH, f, history);
            AuctionPrediction med = median.predict(running, WATCH, f, history);
            assertTrue(pct.predictedPrice() <= med.predictedPrice(), pct.predictedPrice() + " > " + med.predictedPrice());
            assertEquals(med.low(), pct.low(), 1e-9, "the interval does not depend on the point");
            assertEquals(med.high(), pct.high(), 1e-9);
        }
    }

    @Test
    void paramsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new AuctionPredictor.Params(0, 0.5, 0.3, true, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new AuctionPredictor.Params(25, -1, 0.3, true, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new AuctionPredictor.Params(25, 0.5, Double.NaN, true, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new AuctionPredictor.Params(25, 0.5, 0.3, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new AuctionPredictor.Params(25, 0.5, 0.3, true, 0.5));
        assertThrows(NullPointerException.class, () -> new AuctionPredictor(null));
    }
}
