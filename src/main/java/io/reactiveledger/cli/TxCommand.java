package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.Withdraw;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledger tx ...}: sign a transaction locally with a key file, then send it to a node or print its hex. */
@Command(name = "tx", mixinStandardHelpOptions = true,
        description = "Sign a transaction locally with a key file; send it to a node (default) or print the signed hex.",
        subcommands = {TxCommand.TransferCmd.class, TxCommand.AuctionCreate.class, TxCommand.BidCmd.class,
                TxCommand.AuctionEnd.class, TxCommand.WithdrawCmd.class})
final class TxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every {@code tx} subcommand takes. */
    static final class Common {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file of the sender (see `keys new`).")
        Path key;

        @Option(names = "--memo", paramLabel = "TEXT", defaultValue = "", description = "Memo (at most 256 UTF-8 bytes).")
        String memo;

        @Option(names = "--node", paramLabel = "URL", defaultValue = LedgerClient.DEFAULT_NODE,
                description = "The node's HTTP base URL (default: ${DEFAULT-VALUE}).")
        String node;

        @Option(names = "--nonce", paramLabel = "N", description = "Nonce to use (default: the account's next nonce, asked from the node).")
        Long nonce;

        @Option(names = "--fee", paramLabel = "N", defaultValue = "1", description = "Fee paid to the block's proposer (default: ${DEFAULT-VALUE}).")
        long fee;

        @Option(names = "--chain-id", paramLabel = "ID", description = "Chain id (default: asked from the node's /v1/status).")
        String chainId;

        @Option(names = "--print", description = "Print the signed transaction's hex instead of sending it "
                + "(fully offline with --nonce and --chain-id).")
        boolean print;

        @Option(names = "--wait", paramLabel = "MODE", defaultValue = "committed",
                description = "none | checked | committed: how long the node waits before answering (default: ${DEFAULT-VALUE}).")
        String wait;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
                description = "With --wait committed: how long the node may wait (default: ${DEFAULT-VALUE}; max 120s).")
        String timeout;

        @Option(names = "--json", description = "Print the node's raw JSON answer.")
        boolean json;
    }

    /** Shared flow: load the key, build the payload, sign, then print or send. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        Common common;

        PrintStream out = System.out;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract Payload payload(KeyPair sender);

        @Override
        public Integer call() throws Exception {
            Common c = common;
            if (!c.wait.equals("none") && !c.wait.equals("checked") && !c.wait.equals("committed")) {
                throw new IllegalArgumentException("--wait must be none, checked or committed, got " + c.wait);
            }
            if (!Files.exists(c.key)) throw new IllegalArgumentException("no such key file: " + c.key);
            KeyPair key = KeyFile.read(c.key);
            Payload payload = payload(key);
            LedgerClient client = new LedgerClient(c.node);
            TxSender sender = new TxSender(client);
            String chainId = c.chainId != null ? c.chainId : sender.chainId();
            long nonce = c.nonce != null ? c.nonce : sender.nextNonce(key);
            Transaction tx = TxSender.sign(key, chainId, nonce, c.fee, payload, c.memo);
            if (c.print) {
                out.println(Hex.encode(tx.encoded()));
                return 0;
            }
            long timeoutMs = Math.min(Durations.parse(c.timeout).toMillis(), 120_000);
            JsonNode r = sender.submit(tx, c.wait, timeoutMs);
            if (c.json) {
                out.println(r.toPrettyString());
            } else {
                out.println(describe(r));
            }
            JsonNode receipt = r.get("receipt");
            if (receipt != null && receipt.isObject() && !"SUCCESS".equals(receipt.path("status").asText())) return 1;
            if (c.wait.equals("committed") && !"committed".equals(r.path("status").asText())) {
                spec.commandLine().getErr().println("not committed within " + c.timeout + " (status " + r.path("status").asText()
                        + "): query it later with GET /v1/transactions/" + r.path("hash").asText());
                return 3;
            }
            return 0;
        }

        static String describe(JsonNode r) {
            StringBuilder sb = new StringBuilder();
            sb.append("tx ").append(r.path("hash").asText()).append(' ').append(r.path("status").asText());
            if (r.has("height")) sb.append(" at height ").append(r.path("height").asText()).append(" index ").append(r.path("index").asText());
            JsonNode rc = r.get("receipt");
            if (rc != null && rc.isObject()) {
                sb.append("\n  receipt ").append(rc.path("status").asText()).append(' ').append(rc.path("code").asText());
                String msg = rc.path("message").asText("");
                if (!msg.isEmpty()) sb.append(": ").append(msg);
                sb.append(" (fee ").append(rc.path("feeCharged").asText()).append(')');
                for (JsonNode e : rc.path("events")) {
                    sb.append("\n  event ").append(e.path("type").asText()).append(' ').append(e.path("attributes").toString());
                }
            }
            return sb.toString();
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true, description = "Transfer tokens to an address.")
    static final class TransferCmd extends Base {
        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient address (40 hex).")
        String to;

        @Option(names = "--amount", required = true, paramLabel = "N", description = "Amount (> 0).")
        long amount;

        @Override
        Payload payload(KeyPair sender) {
            return new Transfer(Address.fromHex(to), amount);
        }
    }

    @Command(name = "auction-create", mixinStandardHelpOptions = true,
            description = "Create an English auction; the sender is the seller. Its id is in the receipt's auction.created event.")
    static final class AuctionCreate extends Base {
        @Option(names = "--item", required = true, paramLabel = "TEXT", description = "What is sold (1-200 characters).")
        String item;

        @Option(names = "--start-price", paramLabel = "N", defaultValue = "1", description = "Lowest first bid (default: ${DEFAULT-VALUE}).")
        long startPrice;

        @Option(names = "--min-increment", paramLabel = "N", defaultValue = "1",
                description = "A new bid must beat the highest by at least this (default: ${DEFAULT-VALUE}).")
        long minIncrement;

        @ArgGroup(exclusive = true, multiplicity = "1")
        End end;

        static final class End {
            @Option(names = "--ends-in", paramLabel = "DURATION", description = "End time from now: 30s, 10m, 2h, 5d or ISO-8601 (PT90S).")
            String endsIn;

            @Option(names = "--end-time-ms", paramLabel = "MS", description = "End time in ms since the epoch (block time).")
            Long endTimeMs;
        }

        @Override
        Payload payload(KeyPair sender) {
            long endMs = end.endTimeMs != null ? end.endTimeMs : System.currentTimeMillis() + Durations.parse(end.endsIn).toMillis();
            return new CreateAuction(item, startPrice, endMs, minIncrement);
        }
    }

    @Command(name = "bid", mixinStandardHelpOptions = true, description = "Bid on an auction (the amount is escrowed).")
    static final class BidCmd extends Base {
        @Option(names = "--auction", required = true, paramLabel = "ID", description = "Auction id.")
        long auction;

        @Option(names = "--amount", required = true, paramLabel = "N", description = "Bid amount.")
        long amount;

        @Override
        Payload payload(KeyPair sender) {
            return new Bid(auction, amount);
        }
    }

    @Command(name = "auction-end", mixinStandardHelpOptions = true,
            description = "End an auction once a block's time reaches its end time (anyone may); pays the seller.")
    static final class AuctionEnd extends Base {
        @Option(names = "--auction", required = true, paramLabel = "ID", description = "Auction id.")
        long auction;

        @Override
        Payload payload(KeyPair sender) {
            return new EndAuction(auction);
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw your refunds (outbid bids) from an auction.")
    static final class WithdrawCmd extends Base {
        @Option(names = "--auction", required = true, paramLabel = "ID", description = "Auction id.")
        long auction;

        @Override
        Payload payload(KeyPair sender) {
            return new Withdraw(auction);
        }
    }

    /** "30s", "10m", "2h", "5d", "1500ms" or ISO-8601 ("PT90S"). */
    static final class Durations {
        private Durations() {
        }

        static Duration parse(String s) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            try {
                if (t.startsWith("p")) return Duration.parse(s.strip().toUpperCase(java.util.Locale.ROOT));
                if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    case 'd': return Duration.ofDays(n);
                    default: break;
                }
            } catch (RuntimeException e) {
                // fall through to the error below
            }
            throw new IllegalArgumentException("not a duration: '" + s + "' (use 30s, 10m, 2h, 5d, 1500ms or PT90S)");
        }
    }
}
