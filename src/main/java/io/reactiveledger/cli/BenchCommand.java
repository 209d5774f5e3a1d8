package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reactiveledger.bench.CoreBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench core}: the core benchmark (see docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Core.class, BenchClusterCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "core", mixinStandardHelpOptions = true,
            description = "Tx decode + signature verification (1 core, all cores) and block application throughput.")
    static final class Core implements Callable<Integer> {
        @Option(names = "--accounts", defaultValue = "10000", description = "Accounts sending and receiving (default: ${DEFAULT-VALUE}).")
        int accounts;
        @Option(names = "--block-size", defaultValue = "1000", description = "Transactions per block (default: ${DEFAULT-VALUE}).")
        int blockSize;
        @Option(names = "--warmup-blocks", defaultValue = "20", description = "Unmeasured blocks first (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--blocks", defaultValue = "40", description = "Measured blocks (default: ${DEFAULT-VALUE}).")
        int blocks;
        @Option(names = "--verify-txs", defaultValue = "10000", description = "Transactions for the verify runs (default: ${DEFAULT-VALUE}).")
        int verifyTxs;
        @Option(names = "--threads", description = "Threads for the all-cores run (default: available processors).")
        Integer threads;
        @Option(names = "--auctions", defaultValue = "100", description = "Auctions the bid blocks spread over (default: ${DEFAULT-VALUE}).")
        int auctions;
        @Option(names = "--json", description = "Also write the result as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws Exception {
            if (accounts < 2 || blockSize < 1 || blocks < 1 || warmup < 0 || verifyTxs < 1 || auctions < 1) {
                throw new IllegalArgumentException("sizes must be positive (accounts at least 2)");
            }
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            CoreBenchmark.Result r = new CoreBenchmark(new CoreBenchmark.Config(accounts, blockSize, warmup, blocks,
                    verifyTxs, t, auctions)).run(System.out);
            System.out.printf("java %s, %d cores available%n", System.getProperty("java.version"), r.cores());
            if (json != null) {
                Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
                System.out.println("wrote " + json);
            }
            return 0;
        }
    }
}
