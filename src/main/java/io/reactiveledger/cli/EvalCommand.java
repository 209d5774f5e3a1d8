package io.reactiveledger.cli;

import io.reactiveledger.llm.CachingEmbedder;
import io.reactiveledger.llm.DjlEmbedder;
import io.reactiveledger.llm.ExemplarSet;
import io.reactiveledger.llm.ProposalEvaluation;
import io.reactiveledger.llm.ProposalGenerator;
import io.reactiveledger.llm.ProposalScorer;
import io.reactiveledger.llm.ModelLocation;
import io.reactiveledger.llm.auction.AuctionCsv;
import io.reactiveledger.llm.auction.AuctionEvaluation;
import io.reactiveledger.llm.auction.AuctionPredictor;
import io.reactiveledger.llm.auction.AuctionTuning;
import io.reactiveledger.llm.auction.AuctionRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger eval auctions | proposals | perf | view}: quality of the model actor's predictions and scores (docs/LLM.md). */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate the model actor on data.",
        subcommands = {EvalCommand.Auctions.class, EvalCommand.Proposals.class, EvalCommand.Perf.class,
                EvalViewCommand.class})
final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static String machine() {
        return String.format(Locale.ROOT, "%s %s, %d cores, java %s", System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    @Command(name = "auctions", mixinStandardHelpOptions = true,
            description = "Replay the eBay auctions: predict at 50/75/90% of each duration, MAPE and 80% coverage "
                    + "beside the current-price and similar-auction-median baselines.")
    static final class Auctions implements Callable<Integer> {
        @Option(names = "--data", description = "auction.csv (default: ../shared/data/ebay-auctions/auction.csv).")
        Path data;
        @Option(names = "--model-dir", description = "Model directory (model.onnx + tokenizer.json); default: classpath.")
        String modelDir;
        @Option(names = "--min-history", defaultValue = "30", description = "Auctions before the first predicted (default: ${DEFAULT-VALUE}).")
        int minHistory;
        @Option(names = "--held-out", defaultValue = "0.3", description = "Share of latest auctions reported as held out (default: ${DEFAULT-VALUE}).")
        double heldOut;
        @Option(names = "--tune", description = "Search the predictor's constants on the development split only "
                + "(the auctions before the held-out share) and print the grid; the held-out auctions are not read.")
        boolean tune;

        @Override
        public Integer call() throws Exception {
            Path csv = data != null ? data : AuctionCsv.defaultPath();
            if (!Files.isRegularFile(csv)) {
                System.err.println("auction data not found at " + csv + " (set --data or -Dledger.shared.dir); skipped");
                return 2;
            }
            List<AuctionRecord> auctions = AuctionCsv.read(csv);
            Map<String, float[]> embeddings = new HashMap<>();
            long t0 = System.nanoTime();
            try (DjlEmbedder embedder = DjlEmbedder.load(ModelLocation.resolve(modelDir))) {
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                List<String> items = new ArrayList<>(new LinkedHashSet<>(auctions.stream().map(AuctionRecord::item).toList()));
                float[][] e = embedder.embed(items);
                for (int i = 0; i < items.size(); i++) {
                    embeddings.put(items.get(i), e[i]);
                }
                System.out.printf("model loaded in %d ms; %d auctions, %d distinct items%n", loadMs, auctions.size(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    for (int j = i + 1; j < items.size(); j++) {
                        System.out.printf(Locale.ROOT, "item similarity %s / %s: %.3f%n", items.get(i), items.get(j),
                                io.reactiveledger.llm.Vectors.dot(e[i], e[j]));
                    }
                }
            }
            double[] fractions = {0.5, 0.75, 0.9};
            if (tune) {
                List<AuctionRecord> dev = AuctionTuning.developmentSplit(auctions, heldOut);
                AuctionTuning.Outcome o = AuctionTuning.tune(dev, embeddings, fractions, minHistory, AuctionTuning.grid());
                System.out.printf("tuning on the development split only: the first %d of %d auctions (%d evaluated); "
                        + "choice: lowest mean MAPE with coverage in [70%%, 90%%] at every fraction%n",
                        o.auctions(), auctions.size(), o.evaluated());
                System.out.print(o.table(fractions));
                System.out.println(o.chosen() == null ? "no setting kept its coverage in range"
                        : "chosen: " + o.chosen().params() + "; in use: " + AuctionPredictor.Params.DEFAULTS);
                return 0;
            }
            AuctionEvaluation.Result r = new AuctionEvaluation().run(auctions, embeddings, fractions, minHistory, heldOut);
            System.out.printf(Locale.ROOT, "evaluated %d of %d auctions (first %d are history only); displayed-price "
                    + "reconstruction at close matches the closing price within 1%% for %.1f%% of auctions%n",
                    r.evaluated(), r.auctions(), minHistory, r.reconstructionMatch());
            System.out.print(r.table());
            System.out.printf(Locale.ROOT, "%d predictions, mean %.0f us each; machine: %s%n", r.predictions(),
                    r.meanPredictMicros(), machine());
            return 0;
        }
    }

    @Command(name = "proposals", mixinStandardHelpOptions = true,
            description = "Score generated honest and adversarial proposals: ROC AUC, precision/recall at the "
                    + "threshold, refusals on honest blocks, beside the rule-only baseline.")
    static final class Proposals implements Callable<Integer> {
        @Option(names = "--honest", defaultValue = "1000", description = "Honest proposals (default: ${DEFAULT-VALUE}).")
        int honest;
        @Option(names = "--per-kind", defaultValue = "200", description = "Proposals of each adversarial kind (default: ${DEFAULT-VALUE}).")
        int perKind;
        @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--threshold", description = "Reject threshold (default: the policy's).")
        Double threshold;
        @Option(names = "--model-dir", description = "Model directory (model.onnx + tokenizer.json); default: classpath.")
        String modelDir;

        @Override
        public Integer call() {
            ProposalScorer.Policy d = ProposalScorer.Policy.defaults();
            ProposalScorer.Policy policy = threshold == null ? d : new ProposalScorer.Policy(threshold,
                    d.semanticWeight(), d.semanticShare(), d.feeOutlierFactor(), d.floodMinTxs(), d.floodShare(),
                    d.censorAgeMillis(), d.arrivalGraceMillis(), d.failClosed());
            long t0 = System.nanoTime();
            try (DjlEmbedder model = DjlEmbedder.load(ModelLocation.resolve(modelDir))) {
                CachingEmbedder cache = new CachingEmbedder(model, 50_000);
                ExemplarSet exemplars = ExemplarSet.load(cache);
                System.out.printf("model + exemplars loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                ProposalEvaluation.Result r = new ProposalEvaluation().run(new ProposalGenerator(seed, 200), honest,
                        perKind, cache, exemplars, new ProposalScorer(policy));
                System.out.printf(Locale.ROOT, "%d proposals (%d honest, %d of each adversarial kind), seed %d%n",
                        r.proposals(), honest, perKind, seed);
                System.out.print(r.table());
                System.out.printf(Locale.ROOT, "model scoring: mean %.1f ms per proposal (cache shared across the run); machine: %s%n",
                        r.scoreMicrosTotal() / 1000.0 / r.proposals(), machine());
            }
            return 0;
        }
    }

    @Command(name = "perf", mixinStandardHelpOptions = true,
            description = "Model load time, embedding latency p50/p99 (single, batched), scoring latency of a "
                    + "500-transaction proposal (cold and warm cache), prediction latency.")
    static final class Perf implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "200", description = "Measured runs per figure (default: ${DEFAULT-VALUE}).")
        int runs;
        @Option(names = "--model-dir", description = "Model directory (model.onnx + tokenizer.json); default: classpath.")
        String modelDir;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            try (DjlEmbedder model = DjlEmbedder.load(ModelLocation.resolve(modelDir))) {
                System.out.printf(Locale.ROOT, "model load (tokenizer + ONNX session, first in this JVM): %.0f ms%n",
                        (System.nanoTime() - t0) / 1e6);
                ProposalGenerator gen = new ProposalGenerator(5, 200);
                List<String> memos = new ArrayList<>();
                for (int i = 0; i < 64 * 4 + runs; i++) {
                    memos.add("payment " + i + " for invoice " + (i * 7919 % 10007) + ", thanks");
                }
                for (int i = 0; i < 20; i++) {
                    model.embed(memos.get(i)); // warm-up
                }
                long[] single = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    model.embed(memos.get(i));
                    single[i] = System.nanoTime() - s;
                }
                report("embed 1 text", single, 1);
                int batch = 32;
                int batches = Math.max(5, runs / 10);
                long[] batched = new long[batches];
                for (int b = 0; b < batches; b++) {
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        texts.add(memos.get((b * batch + i) % memos.size()) + " b" + b);
                    }
                    long s = System.nanoTime();
                    model.embed(texts);
                    batched[b] = System.nanoTime() - s;
                }
                report("embed a batch of " + batch + " texts", batched, batch);

                CachingEmbedder cache = new CachingEmbedder(model, 50_000);
                ExemplarSet exemplars = ExemplarSet.load(cache);
                ProposalScorer scorer = new ProposalScorer(ProposalScorer.Policy.defaults());
                int proposals = 5;
                long[] cold = new long[proposals];
                long[] warm = new long[proposals];
                for (int r = 0; r < proposals; r++) {
                    List<io.reactiveledger.core.tx.Transaction> txs = new ArrayList<>();
                    io.reactiveledger.llm.MempoolView view = null;
                    io.reactiveledger.core.crypto.Address proposer = null;
                    while (txs.size() < 500) {
                        ProposalGenerator.Labelled p = gen.next(ProposalGenerator.Kind.HONEST);
                        txs.addAll(p.txs());
                        view = p.view();
                        proposer = p.proposer();
                    }
                    List<io.reactiveledger.core.tx.Transaction> block = txs.subList(0, 500);
                    List<String> texts = new ArrayList<>();
                    for (String t : ProposalScorer.texts(block)) {
                        texts.add(t + " #" + r); // distinct per run: a cold cache for every text
                    }
                    long s = System.nanoTime();
                    scorer.score(block, proposer, view, exemplars, cache.embed(texts));
                    cold[r] = System.nanoTime() - s;
                    s = System.nanoTime();
                    scorer.score(block, proposer, view, exemplars, cache.embed(texts));
                    warm[r] = System.nanoTime() - s;
                    if (r == 0) {
                        System.out.printf("500-tx proposal: %d texts (memos + item descriptions)%n", texts.size());
                    }
                }
                report("score a 500-tx proposal, cold cache", cold, 1);
                report("score a 500-tx proposal, warm cache", warm, 1);
            }
            Path csv = AuctionCsv.defaultPath();
            if (Files.isRegularFile(csv)) {
                List<AuctionRecord> auctions = AuctionCsv.read(csv);
                float[] e = new float[] {1, 0, 0};
                List<io.reactiveledger.llm.auction.AuctionPredictor.Completed> history = new ArrayList<>();
                for (AuctionRecord a : auctions) {
                    history.add(new io.reactiveledger.llm.auction.AuctionPredictor.Completed(a, e));
                }
                io.reactiveledger.llm.auction.AuctionPredictor predictor = new io.reactiveledger.llm.auction.AuctionPredictor();
                long[] pred = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    predictor.predict(auctions.get(i % auctions.size()), e, 0.75, history);
                    pred[i] = System.nanoTime() - s;
                }
                report("predict one auction against " + history.size() + " completed (embedding cached)", pred, 1);
            } else {
                System.out.println("auction data not found at " + csv + "; prediction latency skipped");
            }
            System.out.println("machine: " + machine());
            return 0;
        }

        static void report(String what, long[] nanos, int perCall) {
            long[] s = nanos.clone();
            java.util.Arrays.sort(s);
            double p50 = s[(int) Math.ceil(0.5 * s.length) - 1] / 1e6;
            double p99 = s[(int) Math.ceil(0.99 * s.length) - 1] / 1e6;
            System.out.printf(Locale.ROOT, "%-70s p50 %8.2f ms  p99 %8.2f ms  (n=%d%s)%n", what, p50, p99, s.length,
                    perCall > 1 ? String.format(Locale.ROOT, ", %.2f ms per text at p50", p50 / perCall) : "");
        }
    }
}
