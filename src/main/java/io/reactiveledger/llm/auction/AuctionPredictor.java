package io.reactiveledger.llm.auction;

import io.reactiveledger.llm.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Predicts a running auction's final price from completed auctions, without fitting anything:
 * <ol>
 *   <li>candidates: completed auctions whose item-description embedding is within {@link #ITEM_MARGIN} of the
 *       most similar one (the same kind of item);</li>
 *   <li>each candidate is looked at the same fraction of its own duration: its displayed price then and how
 *       much it rose to its close ({@code final / displayed});</li>
 *   <li>the {@link Params#k()} candidates nearest in dynamics (log displayed price, log bid count, same
 *       duration) each give two estimates, the current displayed price times their rise and their closing
 *       price (the latter only for a candidate of the same item, similarity at least {@link #SAME_ITEM}, else
 *       its rise again: price levels do not carry over between different items, rises do), blended with
 *       inverse-variance weights;</li>
 *   <li>the prediction is the value that minimises the mean absolute percentage error over those blended
 *       estimates ({@link PercentErrorMedian}), the 80% interval their {@link Params#tail()} and
 *       1 − tail quantiles (never below the current price).</li>
 * </ol>
 * Pure and deterministic: ties are broken by auction id.
 */
public final class AuctionPredictor {
    /** Neighbours used; see {@link Params}. */
    public static final int K = 25;
    static final double ITEM_MARGIN = 0.05;
    /**
     * Cosine similarity of item descriptions above which a completed auction's closing price counts as a price
     * level for the running one (same kind of item). A design choice, not fitted: the data set's three item
     * descriptions are far below it from one another, and an on-chain listing must describe the same thing to
     * borrow an eBay price level.
     */
    static final double SAME_ITEM = 0.8;

    /**
     * The tunable constants: neighbours used, weight of the log bid count and penalty for another duration in the
     * dynamics distance, whether the point forecast minimises percentage error (else the plain median), and the
     * quantile of the blended estimates taken as the 80% interval's lower end (1 − tail for the upper end; a
     * sample of 25 neighbours underestimates the spread, so tail is below 0.10). {@link #DEFAULTS} were chosen by
     * {@code bin/ledger eval auctions --tune} on the development split only (docs/LLM.md).
     */
    public record Params(int k, double bidWeight, double durationPenalty, boolean percentErrorPoint, double tail) {
        public static final Params DEFAULTS = new Params(K, 0.25, 0.0, true, 0.05);

        public Params {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1: " + k);
            }
            if (!(bidWeight >= 0) || !(durationPenalty >= 0)) {
                throw new IllegalArgumentException("weights must be non-negative");
            }
            if (!(tail > 0 && tail < 0.5)) {
                throw new IllegalArgumentException("tail must be in (0, 0.5): " + tail);
            }
        }

        public Params withTail(double newTail) {
            return new Params(k, bidWeight, durationPenalty, percentErrorPoint, newTail);
        }
    }

    private final Params params;

    public AuctionPredictor() {
        this(Params.DEFAULTS);
    }

    public AuctionPredictor(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params");
    }

    public Params params() {
        return params;
    }

    /** A completed auction with its item description's embedding. */
    public record Completed(AuctionRecord auction, float[] itemEmbedding) {
    }

    private record Scored(Completed c, double itemSim, AuctionSnapshot then, double distance) {
    }

    /**
     * @param running       the auction with the bids visible now (later bids are ignored)
     * @param itemEmbedding embedding of its item description
     * @param fraction      elapsed share of its duration, in (0, 1]
     * @param history       completed auctions
     */
    public AuctionPrediction predict(AuctionRecord running, float[] itemEmbedding, double fraction,
                                     List<Completed> history) {
        AuctionSnapshot now = running.at(fraction);
        List<Scored> candidates = candidates(itemEmbedding, fraction, now, history);
        double current = now.displayedPrice();
        int endDay = (int) Math.ceil(running.durationDays());
        if (candidates.isEmpty()) {
            return sentence(running.id(), current, current, current, endDay, 0.0,
                    new AuctionPrediction.Basis(List.of(), now, 0, "no completed auctions: the current price"));
        }
        List<Scored> nearest = new ArrayList<>(candidates);
        nearest.sort(Comparator.comparingDouble(Scored::distance)
                .thenComparing(s -> s.c().auction().id(), AuctionRecord.idOrder()));
        nearest = nearest.subList(0, Math.min(params.k(), nearest.size()));
        // Two estimates per neighbour: the current price times its rise (dynamics), and its closing price
        // (price level of the item). They are blended with inverse-variance weights over the neighbours.
        double base = Math.max(0.01, current);
        double[] byRise = new double[nearest.size()];
        double[] byLevel = new double[nearest.size()];
        double simSum = 0;
        boolean anySameItem = false;
        for (int i = 0; i < nearest.size(); i++) {
            Scored s = nearest.get(i);
            double rise = s.c().auction().finalPrice() / Math.max(0.01, s.then().displayedPrice());
            byRise[i] = Math.log(base * Math.max(1.0, rise));
            // another item's closing price is no price level for this one: it counts only by its rise
            boolean sameItem = s.itemSim() >= SAME_ITEM;
            byLevel[i] = sameItem ? Math.log(Math.max(base, s.c().auction().finalPrice())) : byRise[i];
            anySameItem |= sameItem;
            simSum += s.itemSim();
        }
        double vRise = variance(byRise) + 1e-6;
        double vLevel = variance(byLevel) + 1e-6;
        double w = anySameItem ? (1 / vRise) / (1 / vRise + 1 / vLevel) : 1.0;
        double[] blended = new double[nearest.size()];
        for (int i = 0; i < blended.length; i++) {
            blended[i] = w * byRise[i] + (1 - w) * byLevel[i];
        }
        Arrays.sort(blended);
        double point = params.percentErrorPoint() ? PercentErrorMedian.ofSortedLogs(blended) : quantile(blended, 0.5);
        double predicted = Math.max(current, Math.exp(point));
        double low = Math.max(current, Math.exp(quantile(blended, params.tail())));
        double high = Math.max(Math.max(low, predicted), Math.exp(quantile(blended, 1 - params.tail())));
        double width = (high - low) / Math.max(0.01, predicted);
        double confidence = Math.max(0, Math.min(1, simSum / nearest.size())) / (1 + width);
        List<AuctionPrediction.Neighbour> shown = new ArrayList<>();
        for (Scored s : nearest.subList(0, Math.min(5, nearest.size()))) {
            shown.add(new AuctionPrediction.Neighbour(s.c().auction().id(), s.c().auction().item(), s.itemSim(),
                    s.then().displayedPrice(), s.c().auction().finalPrice()));
        }
        return sentence(running.id(), predicted, low, high, endDay, confidence,
                new AuctionPrediction.Basis(shown, now, candidates.size(), String.format(Locale.ROOT,
                        "the %d completed auctions most similar in item and dynamics at %.0f%% of their duration: "
                                + "current price %.2f x their rise, blended (weight %.2f) with their closing prices; %s",
                        nearest.size(), fraction * 100, current, w, params.percentErrorPoint()
                                ? "the value with the least mean percentage error over those estimates"
                                : "their median")));
    }

    /** Median closing price of the completed auctions with the most similar item description (a baseline). */
    public double similarMedian(float[] itemEmbedding, List<Completed> history) {
        List<Scored> c = candidates(itemEmbedding, 1.0, null, history);
        double[] prices = c.stream().mapToDouble(s -> s.c().auction().finalPrice()).sorted().toArray();
        return prices.length == 0 ? Double.NaN : quantile(prices, 0.5);
    }

    private List<Scored> candidates(float[] itemEmbedding, double fraction, AuctionSnapshot now,
                                    List<Completed> history) {
        double best = Double.NEGATIVE_INFINITY;
        double[] sims = new double[history.size()];
        for (int i = 0; i < history.size(); i++) {
            sims[i] = Vectors.dot(itemEmbedding, history.get(i).itemEmbedding());
            best = Math.max(best, sims[i]);
        }
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Completed c = history.get(i);
            if (sims[i] < best - ITEM_MARGIN || !c.auction().completed()) {
                continue;
            }
            AuctionSnapshot then = c.auction().at(fraction);
            double d = now == null ? 0 : distance(now, then, params.bidWeight(), params.durationPenalty());
            out.add(new Scored(c, sims[i], then, d));
        }
        return out;
    }

    static double distance(AuctionSnapshot a, AuctionSnapshot b, double bidWeight, double durationPenalty) {
        double price = Math.abs(Math.log(Math.max(0.01, a.displayedPrice())) - Math.log(Math.max(0.01, b.displayedPrice())));
        double bids = Math.abs(Math.log1p(a.bids()) - Math.log1p(b.bids()));
        double duration = a.durationDays() == b.durationDays() ? 0 : 1;
        return price + bidWeight * bids + durationPenalty * duration;
    }

    static double variance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / v.length;
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static AuctionPrediction sentence(String id, double predicted, double low, double high, int endDay,
                                      double confidence, AuctionPrediction.Basis basis) {
        String price = formatPrice(predicted);
        String en = "The auction ends on day " + endDay + "; the highest bid will reach " + price;
        String zh = "拍卖将在第" + endDay + "天结束，最高出价将达到" + price;
        return new AuctionPrediction(id, predicted, low, high, endDay, confidence, basis, en, zh);
    }

    static String formatPrice(double p) {
        return p >= 100 ? String.valueOf(Math.round(p)) : String.format(Locale.ROOT, "%.2f", p);
    }
}
