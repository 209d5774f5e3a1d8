package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ledger auction show ID}. */
@Command(name = "auction", mixinStandardHelpOptions = true, description = "Inspect auctions.",
        subcommands = {AuctionCommand.Show.class})
final class AuctionCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an auction and its bid history (GET /v1/auctions/{id}).")
    static final class Show implements Callable<Integer> {
        @Mixin
        NodeOptions opts;

        @Parameters(index = "0", paramLabel = "ID", description = "Auction id.")
        long id;

        @Override
        public Integer call() {
            JsonNode a = opts.client().auction(id);
            if (opts.json) {
                System.out.println(a.toPrettyString());
                return 0;
            }
            System.out.print(describe(a));
            return 0;
        }

        static String describe(JsonNode a) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("auction %s: %s%n", a.path("id").asText(), a.path("item").asText()));
            sb.append(String.format("  seller       %s%n", a.path("seller").asText()));
            sb.append(String.format("  status       %s%n", a.path("status").asText()));
            sb.append(String.format("  start price  %s%n", a.path("startPrice").asText()));
            sb.append(String.format("  ends         %s%n", Instant.ofEpochMilli(a.path("endTimeMs").asLong())));
            JsonNode bidder = a.get("highestBidder");
            sb.append(String.format("  highest bid  %s by %s%n", a.path("highestBid").asText(),
                    bidder == null || bidder.isNull() ? "nobody" : bidder.asText()));
            for (JsonNode b : a.path("bids")) {
                sb.append(String.format("  bid %6s by %s at height %s (%s)%n", b.path("amount").asText(), b.path("bidder").asText(),
                        b.path("height").asText(), Instant.ofEpochMilli(b.path("timeMs").asLong())));
            }
            return sb.toString();
        }
    }
}
