package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ledger status}: a node's chain head, consensus step, peers and mempool. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a node's status (GET /v1/status).")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    NodeOptions opts;

    @Override
    public Integer call() {
        JsonNode s = opts.client().status();
        if (opts.json) {
            System.out.println(s.toPrettyString());
            return 0;
        }
        JsonNode c = s.path("consensus");
        JsonNode m = s.path("mempool");
        System.out.printf("node        %s (%s) on chain %s%n", s.path("node").asText(),
                s.path("validator").asBoolean() ? "validator" : "observer", s.path("chainId").asText());
        System.out.printf("head        height %s, hash %s%n", s.path("latestHeight").asText(), s.path("latestHash").asText());
        System.out.printf("state root  %s%n", s.path("stateRoot").asText());
        System.out.printf("consensus   height %s round %s step %s%s%n", c.path("height").asText(), c.path("round").asText(),
                c.path("step").asText(), s.path("syncing").asBoolean() ? " (syncing)" : "");
        System.out.printf("peers       %s%n", s.path("peers").asText());
        System.out.printf("mempool     %s txs, %s bytes%n", m.path("count").asText(), m.path("bytes").asText());
        return 0;
    }
}
