package io.reactiveledger.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores generated honest and adversarial proposals with the model (semantic + rules) and with the rules
 * alone, and reports ROC AUC, precision and recall at the reject threshold, and the refusal rate on honest blocks.
 */
public final class ProposalEvaluation {

    public record Metrics(double auc, double precision, double recall, int honestRefused, int honest,
                          Map<ProposalGenerator.Kind, Double> recallByKind) {
    }

    public record Result(Metrics model, Metrics rulesOnly, double threshold, long scoreMicrosTotal, int proposals) {
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "| scorer | ROC AUC | precision @%.2f | recall @%.2f | honest blocks refused |",
                    threshold, threshold));
            for (ProposalGenerator.Kind k : model.recallByKind().keySet()) {
                sb.append(" recall ").append(k.name().toLowerCase(Locale.ROOT)).append(" |");
            }
            sb.append('\n').append("|---|---|---|---|---|");
            for (int i = 0; i < model.recallByKind().size(); i++) {
                sb.append("---|");
            }
            sb.append('\n');
            row(sb, "model + rules", model);
            row(sb, "rules only", rulesOnly);
            return sb.toString();
        }

        private static void row(StringBuilder sb, String name, Metrics m) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d of %d |", name, m.auc(), m.precision(),
                    m.recall(), m.honestRefused(), m.honest()));
            for (double r : m.recallByKind().values()) {
                sb.append(String.format(Locale.ROOT, " %.2f |", r));
            }
            sb.append('\n');
        }
    }

    /**
     * @param honest      honest proposals
     * @param perKind     proposals of each adversarial kind
     * @param embedder    the model (ideally behind a cache)
     */
    public Result run(ProposalGenerator generator, int honest, int perKind, TextEmbedder embedder,
                      ExemplarSet exemplars, ProposalScorer scorer) {
        List<ProposalGenerator.Labelled> set = new ArrayList<>();
        for (int i = 0; i < honest; i++) {
            set.add(generator.next(ProposalGenerator.Kind.HONEST));
        }
        for (ProposalGenerator.Kind k : ProposalGenerator.Kind.values()) {
            if (k != ProposalGenerator.Kind.HONEST) {
                for (int i = 0; i < perKind; i++) {
                    set.add(generator.next(k));
                }
            }
        }
        double[] model = new double[set.size()];
        double[] rules = new double[set.size()];
        boolean[] positive = new boolean[set.size()];
        long micros = 0;
        for (int i = 0; i < set.size(); i++) {
            ProposalGenerator.Labelled p = set.get(i);
            positive[i] = p.adversarial();
            long t0 = System.nanoTime();
            float[][] e = embedder.embed(ProposalScorer.texts(p.txs()));
            model[i] = scorer.score(p.txs(), p.proposer(), p.view(), exemplars, e).score();
            micros += (System.nanoTime() - t0) / 1000;
            rules[i] = scorer.score(p.txs(), p.proposer(), p.view()).score();
        }
        double t = scorer.policy().rejectThreshold();
        return new Result(metrics(set, model, positive, t), metrics(set, rules, positive, t), t, micros, set.size());
    }

    static Metrics metrics(List<ProposalGenerator.Labelled> set, double[] scores, boolean[] positive, double t) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int honest = 0;
        Map<ProposalGenerator.Kind, int[]> byKind = new EnumMap<>(ProposalGenerator.Kind.class);
        for (int i = 0; i < scores.length; i++) {
            boolean refused = scores[i] >= t;
            if (positive[i]) {
                int[] c = byKind.computeIfAbsent(set.get(i).kind(), k -> new int[2]);
                c[1]++;
                if (refused) {
                    tp++;
                    c[0]++;
                } else {
                    fn++;
                }
            } else {
                honest++;
                if (refused) {
                    fp++;
                }
            }
        }
        Map<ProposalGenerator.Kind, Double> recallByKind = new EnumMap<>(ProposalGenerator.Kind.class);
        byKind.forEach((k, c) -> recallByKind.put(k, (double) c[0] / c[1]));
        return new Metrics(auc(scores, positive), tp + fp == 0 ? 0 : (double) tp / (tp + fp),
                tp + fn == 0 ? 0 : (double) tp / (tp + fn), fp, honest, recallByKind);
    }

    /** ROC AUC as the Mann-Whitney probability that a positive outscores a negative (ties count half). */
    public static double auc(double[] scores, boolean[] positive) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (positive[j]) {
                    continue;
                }
                pairs++;
                if (scores[i] > scores[j]) {
                    wins += 1;
                } else if (scores[i] == scores[j]) {
                    wins += 0.5;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }
}
