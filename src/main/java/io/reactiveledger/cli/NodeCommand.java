package io.reactiveledger.cli;

import io.reactiveledger.node.NodeLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger node --config FILE}: run one validator or observer in this JVM until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one node (a validator if its key file is in the genesis validator set, else an observer).",
                "The HOCON config file is documented in config/node.conf. Ctrl-C or SIGTERM stops it cleanly."})
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Node configuration (HOCON), e.g. config/node.conf.")
    Path config;

    @Override
    public Integer call() throws Exception {
        return NodeLauncher.run(config);
    }
}
