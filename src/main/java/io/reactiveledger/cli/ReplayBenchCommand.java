package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reactiveledger.replay.ReplayBenchmark;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench replay}: journal replay throughput with and without signature checks (docs/BENCHMARKS.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Write a journal of transfers through a chain store, replay it without and with signature checks, "
                + "and compare with this machine's parallel Ed25519 verify rate.")
final class ReplayBenchCommand implements Callable<Integer> {
    @Option(names = "--txs", defaultValue = "100000", description = "Transfers in the journal (default: ${DEFAULT-VALUE}).")
    int txs;
    @Option(names = "--block-size", defaultValue = "1000", description = "Transfers per block (default: ${DEFAULT-VALUE}).")
    int blockSize;
    @Option(names = "--accounts", defaultValue = "10000", description = "Accounts sending and receiving (default: ${DEFAULT-VALUE}).")
    int accounts;
    @Option(names = "--runs", defaultValue = "2", description = "Replays of each kind; the best counts (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--threads", description = "Threads for signature checks (default: available processors).")
    Integer threads;
    @Option(names = "--dir", description = "Where to write the journal (default: a temporary directory, deleted afterwards).")
    Path dir;
    @Option(names = "--json", description = "Also write the result as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? dir : Files.createTempDirectory("ledger-bench-replay");
        try {
            ReplayBenchmark.Result r = new ReplayBenchmark(new ReplayBenchmark.Config(txs, blockSize, accounts, runs,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, root)).run(System.out);
            System.out.printf("java %s, %d cores available%n", System.getProperty("java.version"), r.cores());
            if (json != null) {
                Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
                System.out.println("wrote " + json);
            }
            return 0;
        } finally {
            if (dir == null) deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
