package io.reactiveledger.llm.auction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays completed auctions in id order (the data set has no absolute dates; eBay ids grow with time, so id
 * order stands in for closing order): each auction is predicted from the auctions before it, at several
 * fractions of its duration, beside two baselines computed in the same run: the displayed price then, and the
 * median closing price of past auctions of the most similar item. The last {@code heldOutShare} of auctions
 * is reported separately as the held-out split, the others as the development split ("dev"), the only one
 * {@link AuctionTuning} looks at.
 */
public final class AuctionEvaluation {
    private final AuctionPredictor predictor;

    public AuctionEvaluation() {
        this(new AuctionPredictor());
    }

    public AuctionEvaluation(AuctionPredictor predictor) {
        this.predictor = predictor;
    }

    /** Index of the first held-out auction among {@code size} in closing order: the last {@code share} of them. */
    public static int heldOutFrom(int size, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("held-out share must be in [0, 1): " + share);
        }
        return (int) Math.floor(size * (1 - share));
    }

    /** Sums for one (fraction, group). */
    public static final class Tally {
        int n;
        double apeModel;
        double apeCurrent;
        double apeMedian;
        int covered;

        void add(double model, double current, double median, double actual, boolean inside) {
            n++;
            apeModel += Math.abs(model - actual) / actual;
            apeCurrent += Math.abs(current - actual) / actual;
            apeMedian += Math.abs(median - actual) / actual;
            covered += inside ? 1 : 0;
        }

        public int n() { return n; }
        public double mapeModel() { return 100 * apeModel / n; }
        public double mapeCurrent() { return 100 * apeCurrent / n; }
        public double mapeMedian() { return 100 * apeMedian / n; }
        public double coverage() { return 100.0 * covered / n; }
    }

    public record Result(Map<String, Tally> tallies, int auctions, int evaluated, double reconstructionMatch,
                         long predictions, double meanPredictMicros) {
        /** The tally for e.g. ("75%", "held-out", "(all items)"), or null when that group is empty. */
        public Tally tally(String at, String split, String item) {
            return tallies.get(at + "|" + split + "|" + item);
        }

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append("| at | split | item | n | MAPE model | MAPE current price | MAPE similar median | 80% coverage |\n");
            sb.append("|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, Tally> e : tallies.entrySet()) {
                String[] k = e.getKey().split("\\|");
                Tally t = e.getValue();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n",
                        k[0], k[1], k[2], t.n(), t.mapeModel(), t.mapeCurrent(), t.mapeMedian(), t.coverage()));
            }
            return sb.toString();
        }
    }

    /**
     * @param auctions    completed auctions in id order
     * @param embeddings  item description → embedding
     * @param fractions   e.g. 0.5, 0.75, 0.9
     * @param minHistory  auctions before the first one evaluated
     */
    public Result run(List<AuctionRecord> auctions, Map<String, float[]> embeddings, double[] fractions,
                      int minHistory, double heldOutShare) {
        Map<String, Tally> tallies = new TreeMap<>();
        List<AuctionPredictor.Completed> history = new ArrayList<>();
        int heldOutFrom = heldOutFrom(auctions.size(), heldOutShare);
        int matched = 0;
        int evaluated = 0;
        long predictions = 0;
        long nanos = 0;
        for (int i = 0; i < auctions.size(); i++) {
            AuctionRecord a = auctions.get(i);
            if (Math.abs(a.at(1.0).displayedPrice() - a.finalPrice()) <= 0.01 * a.finalPrice()) {
                matched++;
            }
            float[] emb = embeddings.get(a.item());
            if (i >= minHistory) {
                evaluated++;
                double median = predictor.similarMedian(emb, history);
                for (double f : fractions) {
                    long t0 = System.nanoTime();
                    AuctionPrediction p = predictor.predict(a, emb, f, history);
                    nanos += System.nanoTime() - t0;
                    predictions++;
                    double current = p.basis().dynamics().displayedPrice();
                    boolean inside = p.low() <= a.finalPrice() && a.finalPrice() <= p.high();
                    String at = label(f);
                    for (String split : new String[] {"all", i >= heldOutFrom ? "held-out" : "dev"}) {
                        for (String item : new String[] {"(all items)", a.item()}) {
                            tallies.computeIfAbsent(at + "|" + split + "|" + item, k -> new Tally())
                                    .add(p.predictedPrice(), current, median, a.finalPrice(), inside);
                        }
                    }
                }
            }
            history.add(new AuctionPredictor.Completed(a, emb));
        }
        return new Result(tallies, auctions.size(), evaluated, 100.0 * matched / auctions.size(), predictions,
                predictions == 0 ? 0 : nanos / 1000.0 / predictions);
    }

    /** "75%" for 0.75. */
    public static String label(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
