package io.reactiveledger.llm.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The development / held-out split of {@link AuctionEvaluation} and the dev-only search of {@link AuctionTuning}. */
class AuctionTuningTest {
    private static final Map<String, float[]> EMBEDDINGS = Map.of("watch", new float[] {1, 0}, "console", new float[] {0, 1});
    private static final double[] FRACTIONS = {0.5, 0.75, 0.9};

    /** Seeded 5-day auctions of two items: a few early bids, then a late bid war up to the closing price. */
    private static List<AuctionRecord> auctions(int n, long seed) {
        Random rnd = new Random(seed);
        List<AuctionRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = i % 3 == 0 ? "console" : "watch";
            double close = (item.equals("watch") ? 200 : 120) * Math.exp(0.3 * rnd.nextGaussian());
            double early = close * (0.2 + 0.6 * rnd.nextDouble());
            List<BidEvent> bids = new ArrayList<>();
            bids.add(new BidEvent(0.2 + rnd.nextDouble(), early, "a" + i));
            bids.add(new BidEvent(1.5 + rnd.nextDouble(), early * 0.9, "b" + i));
            bids.add(new BidEvent(4.5 + 0.4 * rnd.nextDouble(), close - AuctionSnapshot.increment(close), "c" + i));
            bids.add(new BidEvent(4.95, close * 1.2, "d" + i));
            out.add(new AuctionRecord(String.valueOf(1000 + i), item, 5, 5, close, bids));
        }
        return out;
    }

    @Test
    void heldOutShareIsTheLastPartInClosingOrder() {
        assertEquals(439, AuctionEvaluation.heldOutFrom(628, 0.3));
        assertEquals(10, AuctionEvaluation.heldOutFrom(10, 0.0));
        assertThrows(IllegalArgumentException.class, () -> AuctionEvaluation.heldOutFrom(10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> AuctionEvaluation.heldOutFrom(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> AuctionEvaluation.heldOutFrom(10, Double.NaN));
    }

    @Test
    void evaluationSplitsEveryEvaluatedAuctionIntoDevOrHeldOut() {
        List<AuctionRecord> a = auctions(60, 1);
        AuctionEvaluation.Result r = new AuctionEvaluation().run(a, EMBEDDINGS, FRACTIONS, 10, 0.3);
        assertEquals(50, r.evaluated());
        for (double f : FRACTIONS) {
            String at = AuctionEvaluation.label(f);
            assertEquals(50, r.tally(at, "all", "(all items)").n());
            assertEquals(32, r.tally(at, "dev", "(all items)").n(), "auctions 10..41");
            assertEquals(18, r.tally(at, "held-out", "(all items)").n(), "auctions 42..59");
            assertEquals(r.tally(at, "dev", "watch").n() + r.tally(at, "held-out", "watch").n(),
                    r.tally(at, "all", "watch").n());
        }
        assertTrue(r.table().contains("| 75% | dev | (all items) | 32 |"), r.table());
    }

    @Test
    void tuningSeesOnlyTheDevelopmentSplit() {
        List<AuctionRecord> a = auctions(60, 2);
        List<AuctionRecord> dev = AuctionTuning.developmentSplit(a, 0.3);
        assertEquals(a.subList(0, 42), dev);
        // the same auctions with every held-out closing price changed: the development split and the choice
        // made on it are the same
        List<AuctionRecord> altered = new ArrayList<>(a.subList(0, 42));
        for (AuctionRecord x : a.subList(42, 60)) {
            altered.add(new AuctionRecord(x.id(), x.item(), x.durationDays(), x.openBid(), x.finalPrice() * 7, x.bids()));
        }
        List<AuctionPredictor.Params> grid = List.of(new AuctionPredictor.Params(5, 0.5, 0.3, false, 0.05),
                new AuctionPredictor.Params(5, 0.5, 0.3, true, 0.05), new AuctionPredictor.Params(15, 0.25, 0, true, 0.05));
        AuctionTuning.Outcome o1 = AuctionTuning.tune(dev, EMBEDDINGS, FRACTIONS, 10, grid);
        AuctionTuning.Outcome o2 = AuctionTuning.tune(AuctionTuning.developmentSplit(altered, 0.3), EMBEDDINGS, FRACTIONS, 10, grid);
        assertEquals(3, o1.trials().size());
        assertEquals(42, o1.auctions());
        assertEquals(32, o1.evaluated());
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(o1.trials().get(i).meanMape(), o2.trials().get(i).meanMape());
        }
        assertNotNull(o1.chosen(), o1.table(FRACTIONS));
        assertEquals(o1.chosen().params(), o2.chosen().params());
        assertTrue(o1.chosen().coverageMiss() <= o1.tailTrials().stream()
                .mapToDouble(AuctionTuning.Trial::coverageMiss).min().orElseThrow());
        assertEquals(AuctionTuning.TAILS.length, o1.tailTrials().size());
        // the best setting is the lowest mean MAPE among those whose coverage is in range
        for (AuctionTuning.Trial t : o1.trials()) {
            if (t.coverageOk()) {
                assertNotNull(o1.best());
                assertTrue(o1.best().meanMape() <= t.meanMape());
            }
        }
        assertTrue(o1.table(FRACTIONS).contains("| 15 | 0.25 | 0.00 | least % error | 0.050 |"), o1.table(FRACTIONS));
    }

    @Test
    void tuningRefusesNothingToDo() {
        List<AuctionRecord> a = auctions(20, 3);
        List<AuctionPredictor.Params> grid = List.of(AuctionPredictor.Params.DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> AuctionTuning.tune(a, EMBEDDINGS, FRACTIONS, 10, List.of()));
        assertThrows(IllegalArgumentException.class, () -> AuctionTuning.tune(a, EMBEDDINGS, new double[0], 10, grid));
        assertThrows(IllegalArgumentException.class, () -> AuctionTuning.tune(a, EMBEDDINGS, FRACTIONS, 20, grid));
    }

    @Test
    void theGridHoldsTheDefaults() {
        assertTrue(AuctionTuning.grid().contains(AuctionPredictor.Params.DEFAULTS.withTail(0.05)));
        for (double t : AuctionTuning.TAILS) {
            assertTrue(t > 0 && t < 0.5);
        }
    }
}
