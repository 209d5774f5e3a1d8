package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ledger auction show ID} and {@code ledger auction predict ID}. */
@Command(name = "auction", mixinStandardHelpOptions = true, description = "Inspect auctions.",
        subcommands = {AuctionCommand.Show.class, AuctionCommand.Predict.class})
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
            sb.append(String.format("  start price  %s%s%n", a.path("startPrice").asText(),
                    a.has("minIncrement") ? ", min increment " + a.path("minIncrement").asText() : ""));
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

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "The node model's prediction for an auction (GET /v1/auctions/{id}/prediction).")
    static final class Predict implements Callable<Integer> {
        @Mixin
        NodeOptions opts;

        @Parameters(index = "0", paramLabel = "ID", description = "Auction id.")
        long id;

        @Override
        public Integer call() {
            JsonNode p = opts.client().prediction(id);
            if (opts.json) {
                System.out.println(p.toPrettyString());
                return 0;
            }
            System.out.print(describe(id, p));
            return 0;
        }

        static String describe(long id, JsonNode p) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("prediction for auction %d%n", id));
            sb.append(String.format("  %s%n", p.path("english").asText()));
            sb.append(String.format("  %s%n", p.path("chinese").asText()));
            sb.append(String.format("  price        %.2f (80%% interval %.2f .. %.2f)%n", p.path("predictedPrice").asDouble(),
                    p.path("low").asDouble(), p.path("high").asDouble()));
            sb.append(String.format("  ends on day  %d%n", p.path("expectedEndDay").asInt()));
            sb.append(String.format("  confidence   %.2f%n", p.path("confidence").asDouble()));
            JsonNode basis = p.path("basis");
            if (basis.has("method")) {
                sb.append(String.format("  basis        %s (%d similar of %d candidates)%n", basis.path("method").asText(),
                        basis.path("similar").size(), basis.path("candidates").asInt()));
            }
            return sb.toString();
        }
    }
}
