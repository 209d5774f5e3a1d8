package io.reactiveledger.llm.auction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses {@link AuctionPredictor.Params} on the development split only: the caller passes the auctions before
 * the held-out split ({@link #developmentSplit}), each candidate setting replays them in closing order exactly
 * as {@link AuctionEvaluation} does (each auction predicted from the ones before it), and the setting with the
 * lowest MAPE averaged over the fractions wins among those whose 80%-interval coverage stays within
 * [{@link #MIN_COVERAGE}, {@link #MAX_COVERAGE}] at every fraction; ties go to the earlier setting in the grid.
 * Then, for that setting, the interval's tail quantile is chosen from {@link #TAILS} as the one whose coverage
 * is nearest 80% (largest deviation over the fractions; the point forecast does not depend on it).
 */
public final class AuctionTuning {
    static final double MIN_COVERAGE = 70;
    static final double MAX_COVERAGE = 90;
    /** Interval tails tried in the second stage. */
    public static final double[] TAILS = {0.10, 0.075, 0.05, 0.025};

    private AuctionTuning() {
    }

    /** One setting's figures on the development split. */
    public record Trial(AuctionPredictor.Params params, double[] mape, double[] coverage) {
        public double meanMape() {
            double s = 0;
            for (double m : mape) {
                s += m;
            }
            return s / mape.length;
        }

        /** Largest distance of the coverage from 80 points over the fractions. */
        public double coverageMiss() {
            double worst = 0;
            for (double c : coverage) {
                worst = Math.max(worst, Math.abs(c - 80));
            }
            return worst;
        }

        public boolean coverageOk() {
            for (double c : coverage) {
                if (c < MIN_COVERAGE || c > MAX_COVERAGE) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * All trials in grid order, the chosen one (null when none keeps its coverage in range), then the tail trials
     * for it and the chosen tail's trial (the final choice); the split's size.
     */
    public record Outcome(List<Trial> trials, Trial best, List<Trial> tailTrials, Trial chosen, int auctions,
                          int evaluated) {
        public String table(double[] fractions) {
            StringBuilder sb = new StringBuilder();
            sb.append(table(trials, best, fractions));
            if (!tailTrials.isEmpty()) {
                sb.append("\ninterval tail for the chosen setting (coverage nearest 80%):\n");
                sb.append(table(tailTrials, chosen, fractions));
            }
            return sb.toString();
        }

        private static String table(List<Trial> trials, Trial best, double[] fractions) {
            StringBuilder sb = new StringBuilder("| k | bid weight | duration penalty | point | tail |");
            for (double f : fractions) {
                sb.append(" MAPE ").append(AuctionEvaluation.label(f)).append(" |");
            }
            sb.append(" mean MAPE |");
            for (double f : fractions) {
                sb.append(" coverage ").append(AuctionEvaluation.label(f)).append(" |");
            }
            sb.append(" chosen |\n|").append("---|".repeat(7 + 2 * fractions.length)).append('\n');
            for (Trial t : trials) {
                AuctionPredictor.Params p = t.params();
                sb.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %s | %.3f |", p.k(), p.bidWeight(),
                        p.durationPenalty(), p.percentErrorPoint() ? "least % error" : "median", p.tail()));
                for (double m : t.mape()) {
                    sb.append(String.format(Locale.ROOT, " %.2f%% |", m));
                }
                sb.append(String.format(Locale.ROOT, " %.2f%% |", t.meanMape()));
                for (double c : t.coverage()) {
                    sb.append(String.format(Locale.ROOT, " %.1f%% |", c));
                }
                sb.append(t == best ? " **yes** |" : " |").append('\n');
            }
            return sb.toString();
        }
    }

    /** The grid {@code eval auctions --tune} searches. */
    public static List<AuctionPredictor.Params> grid() {
        List<AuctionPredictor.Params> out = new ArrayList<>();
        for (boolean pct : new boolean[] {false, true}) {
            for (int k : new int[] {15, 25, 40}) {
                for (double bw : new double[] {0.25, 0.5, 1.0}) {
                    for (double dp : new double[] {0.0, 0.3}) {
                        out.add(new AuctionPredictor.Params(k, bw, dp, pct, 0.05));
                    }
                }
            }
        }
        return out;
    }

    /** The auctions before the held-out split: the only ones tuning may see. */
    public static List<AuctionRecord> developmentSplit(List<AuctionRecord> inClosingOrder, double heldOutShare) {
        return List.copyOf(inClosingOrder.subList(0,
                AuctionEvaluation.heldOutFrom(inClosingOrder.size(), heldOutShare)));
    }

    /**
     * @param development auctions of the development split, in closing order (see {@link #developmentSplit})
     */
    public static Outcome tune(List<AuctionRecord> development, Map<String, float[]> embeddings, double[] fractions,
                               int minHistory, List<AuctionPredictor.Params> grid) {
        if (grid.isEmpty() || fractions.length == 0) {
            throw new IllegalArgumentException("nothing to tune");
        }
        if (development.size() <= minHistory) {
            throw new IllegalArgumentException("the development split has no auction past the first " + minHistory);
        }
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (AuctionPredictor.Params p : grid) {
            Trial trial = trial(development, embeddings, fractions, minHistory, p);
            trials.add(trial);
            if (trial.coverageOk() && (best == null || trial.meanMape() < best.meanMape())) {
                best = trial;
            }
        }
        List<Trial> tailTrials = new ArrayList<>();
        Trial chosen = null;
        if (best != null) {
            for (double tail : TAILS) {
                Trial t = tail == best.params().tail() ? best
                        : trial(development, embeddings, fractions, minHistory, best.params().withTail(tail));
                tailTrials.add(t);
                if (chosen == null || t.coverageMiss() < chosen.coverageMiss()) {
                    chosen = t;
                }
            }
        }
        int evaluated = development.size() - minHistory;
        return new Outcome(trials, best, tailTrials, chosen, development.size(), evaluated);
    }

    static Trial trial(List<AuctionRecord> development, Map<String, float[]> embeddings, double[] fractions,
                       int minHistory, AuctionPredictor.Params p) {
        AuctionEvaluation.Result r = new AuctionEvaluation(new AuctionPredictor(p))
                .run(development, embeddings, fractions, minHistory, 0.0);
        double[] mape = new double[fractions.length];
        double[] coverage = new double[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            AuctionEvaluation.Tally t = r.tally(AuctionEvaluation.label(fractions[i]), "dev", "(all items)");
            mape[i] = t.mapeModel();
            coverage[i] = t.coverage();
        }
        return new Trial(p, mape, coverage);
    }
}
