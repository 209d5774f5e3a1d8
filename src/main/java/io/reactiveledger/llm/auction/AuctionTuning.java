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
 */
public final class AuctionTuning {
    static final double MIN_COVERAGE = 70;
    static final double MAX_COVERAGE = 90;

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

        public boolean coverageOk() {
            for (double c : coverage) {
                if (c < MIN_COVERAGE || c > MAX_COVERAGE) {
                    return false;
                }
            }
            return true;
        }
    }

    /** All trials in grid order, the chosen one (null when none keeps its coverage in range), the split's size. */
    public record Outcome(List<Trial> trials, Trial best, int auctions, int evaluated) {
        public String table(double[] fractions) {
            StringBuilder sb = new StringBuilder("| k | bid weight | duration penalty | point |");
            for (double f : fractions) {
                sb.append(" MAPE ").append(AuctionEvaluation.label(f)).append(" |");
            }
            sb.append(" mean MAPE |");
            for (double f : fractions) {
                sb.append(" coverage ").append(AuctionEvaluation.label(f)).append(" |");
            }
            sb.append(" chosen |\n|").append("---|".repeat(5 + 2 * fractions.length)).append('\n');
            for (Trial t : trials) {
                AuctionPredictor.Params p = t.params();
                sb.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %s |", p.k(), p.bidWeight(),
                        p.durationPenalty(), p.percentErrorPoint() ? "least % error" : "median"));
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
                        out.add(new AuctionPredictor.Params(k, bw, dp, pct));
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
        int evaluated = 0;
        for (AuctionPredictor.Params p : grid) {
            AuctionEvaluation.Result r = new AuctionEvaluation(new AuctionPredictor(p))
                    .run(development, embeddings, fractions, minHistory, 0.0);
            evaluated = r.evaluated();
            double[] mape = new double[fractions.length];
            double[] coverage = new double[fractions.length];
            for (int i = 0; i < fractions.length; i++) {
                AuctionEvaluation.Tally t = r.tally(AuctionEvaluation.label(fractions[i]), "dev", "(all items)");
                mape[i] = t.mapeModel();
                coverage[i] = t.coverage();
            }
            Trial trial = new Trial(p, mape, coverage);
            trials.add(trial);
            if (trial.coverageOk() && (best == null || trial.meanMape() < best.meanMape())) {
                best = trial;
            }
        }
        return new Outcome(trials, best, development.size(), evaluated);
    }
}
