package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger blocks}: committed blocks, one line each. */
@Command(name = "blocks", mixinStandardHelpOptions = true, description = "List committed blocks (GET /v1/blocks).")
final class BlocksCommand implements Callable<Integer> {
    @Mixin
    NodeOptions opts;

    @Option(names = "--from", paramLabel = "H", defaultValue = "1", description = "First height (default: ${DEFAULT-VALUE}).")
    long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most this many blocks, 1-100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 100) throw new IllegalArgumentException("--limit must be between 1 and 100");
        if (from < 1) throw new IllegalArgumentException("--from must be at least 1");
        JsonNode page = opts.client().blocks(from, limit);
        if (opts.json) {
            System.out.println(page.toPrettyString());
            return 0;
        }
        for (JsonNode b : page.path("blocks")) System.out.println(line(b));
        JsonNode next = page.get("next");
        if (next != null && !next.isNull()) System.out.println("more: --from " + next.asText());
        return 0;
    }

    static String line(JsonNode b) {
        String hash = b.path("hash").asText();
        String proposer = b.path("proposer").asText();
        return String.format("#%-6s %s  %s  %3s txs  proposer %s  state %s", b.path("height").asText(),
                hash.length() > 16 ? hash.substring(0, 16) : hash, Instant.ofEpochMilli(b.path("timeMs").asLong()),
                b.path("txCount").asText(), proposer.length() > 8 ? proposer.substring(0, 8) : proposer,
                abbreviate(b.path("stateRoot").asText()));
    }

    private static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }
}
