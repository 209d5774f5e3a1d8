package io.reactiveledger.cli;

import picocli.CommandLine.Option;

/** {@code --node URL} and {@code --json}, shared by the commands that talk to a node. */
final class NodeOptions {
    @Option(names = "--node", paramLabel = "URL", defaultValue = LedgerClient.DEFAULT_NODE,
            description = "The node's HTTP base URL (default: ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--json", description = "Print the node's raw JSON answer.")
    boolean json;

    LedgerClient client() {
        return new LedgerClient(node);
    }
}
