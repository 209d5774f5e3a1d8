package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.bench.cluster.ClusterBenchConfig;
import io.reactiveledger.bench.cluster.ClusterReport;
import io.reactiveledger.bench.cluster.GanacheRunner;
import io.reactiveledger.bench.cluster.InJvmClusterBench;
import io.reactiveledger.bench.cluster.ProcessesClusterBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench cluster}: committed TPS, commit latency and cost of a validator network (docs/BENCHMARKS.md). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Committed TPS, commit latency p50/p95/p99, blocks/s, CPU and heap of N validators, "
                + "beside this machine's Ed25519 signature bound (and Ganache with --ganache).")
final class BenchClusterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--validators", defaultValue = "4", description = "Validators (default: ${DEFAULT-VALUE}).")
    int validators;
    @Option(names = "--txs", defaultValue = "20000", description = "Transactions, all signed before the clock starts (default: ${DEFAULT-VALUE}).")
    int txs;
    @Option(names = "--warmup", description = "Commits excluded from TPS and latency (default: 10%% of --txs).")
    Integer warmup;
    @Option(names = "--rate", description = "Open loop: offered tx/s in total.")
    Integer rate;
    @Option(names = "--clients", description = "Closed loop: concurrent clients, one submission in flight each (default: 64 unless --rate).")
    Integer clients;
    @Option(names = "--payload", defaultValue = "transfer", description = "transfer, memo (transfers with ordinary payment memos, for --model on) or bid (default: ${DEFAULT-VALUE}).")
    String payload;
    @Option(names = "--mode", defaultValue = "in-jvm", description = "in-jvm or processes (default: ${DEFAULT-VALUE}).")
    String mode;
    @Option(names = "--model", defaultValue = "off", description = "on or off: the model actor scores proposals (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--txs-per-sender", defaultValue = "20", description = "Nonces each funded sender signs, at most 64 (default: ${DEFAULT-VALUE}).")
    int txsPerSender;
    @Option(names = "--node-config", description = "KEY=VALUE layered over every node's configuration (repeatable), "
            + "e.g. ledger.consensus.max-block-txs=4000.")
    List<String> nodeConfig = new ArrayList<>();
    @Option(names = "--endpoints", split = ",", description = "processes mode: base URLs of running nodes "
            + "(a devnet: its demo accounts fund the senders); default: start a fresh devnet of --validators nodes.")
    List<String> endpoints = new ArrayList<>();
    @Option(names = "--pids", split = ",", description = "processes mode with --endpoints: the nodes' process ids, for CPU.")
    List<Long> pids = new ArrayList<>();
    @Option(names = "--node-jvm-opts", defaultValue = "-Xmx512m", description = "processes mode: JVM options of each devnet node (default: ${DEFAULT-VALUE}).")
    String nodeJvmOpts;
    @Option(names = "--base-port", defaultValue = "18080", description = "processes mode: HTTP port of the devnet's node-0 (default: ${DEFAULT-VALUE}).")
    int basePort;
    @Option(names = "--cluster-port", defaultValue = "12551", description = "processes mode: cluster port of the devnet's node-0 (default: ${DEFAULT-VALUE}).")
    int clusterPort;
    @Option(names = "--ganache", description = "Also run bench/run-ganache.sh with the same number of transfers and print both.")
    boolean ganache;
    @Option(names = "--report", description = "Write the report as JSON to this file.")
    Path report;

    static ClusterBenchConfig config(int validators, int txs, Integer warmup, Integer rate, Integer clients, String payload,
                                     String mode, String model, int txsPerSender) {
        List<String> problems = new ArrayList<>();
        ClusterBenchConfig.Payload p = null;
        try {
            p = ClusterBenchConfig.Payload.valueOf(payload.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--payload must be transfer, memo or bid");
        }
        ClusterBenchConfig.Mode m = null;
        if ("in-jvm".equals(mode)) m = ClusterBenchConfig.Mode.IN_JVM;
        else if ("processes".equals(mode)) m = ClusterBenchConfig.Mode.PROCESSES;
        else problems.add("--mode must be in-jvm or processes");
        if (!"on".equals(model) && !"off".equals(model)) problems.add("--model must be on or off");
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        int r = rate == null ? 0 : rate;
        int c = clients == null ? (rate == null ? 64 : 0) : clients;
        int w = warmup == null ? txs / 10 : warmup;
        return new ClusterBenchConfig(validators, txs, w, r, c, p, m, "on".equals(model), txsPerSender).validate();
    }

    @Override
    public Integer call() throws Exception {
        ClusterBenchConfig cfg;
        try {
            cfg = config(validators, txs, warmup, rate, clients, payload, mode, model, txsPerSender);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Config overrides = ConfigFactory.empty();
        for (String kv : nodeConfig) {
            int eq = kv.indexOf('=');
            if (eq < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--node-config needs KEY=VALUE: " + kv);
            overrides = ConfigFactory.parseString(kv.substring(0, eq) + " = " + kv.substring(eq + 1)).withFallback(overrides);
        }
        ClusterReport r;
        if (cfg.mode() == ClusterBenchConfig.Mode.IN_JVM) {
            r = new InJvmClusterBench(cfg, overrides, System.out).run();
        } else {
            r = new ProcessesClusterBench(cfg, new ProcessesClusterBench.Options(endpoints, pids, nodeJvmOpts, basePort,
                    clusterPort), System.out).run();
        }
        if (ganache) {
            System.out.printf("running Ganache with %d transfers ...%n", cfg.txs());
            JsonNode g = GanacheRunner.run(cfg.txs(), Math.max(1, cfg.clients() > 0 ? Math.min(cfg.clients(), 64) : 16),
                    cfg.warmupTxs(), System.out);
            r = new ClusterReport(r.run(), r.result(), r.nodes(), r.bound(), g, r.machine(), r.notes());
        }
        r.print(System.out);
        if (report != null) {
            r.write(report);
            System.out.println("wrote " + report);
        }
        return r.result().committedTxs() == cfg.txs() ? 0 : 1;
    }
}
