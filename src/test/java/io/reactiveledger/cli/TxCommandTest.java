package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.cli.CliRun.Run;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.Withdraw;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxCommandTest {
    private static final KeyPair KEY = KeyPair.deterministic("tx-command-test");
    private static final KeyPair OTHER = KeyPair.deterministic("tx-command-test-other");

    @TempDir
    Path dir;
    Path keyFile;

    @BeforeEach
    void writeKey() throws Exception {
        keyFile = dir.resolve("k.json");
        KeyFile.write(keyFile, KEY, null);
    }

    private static Transaction decode(String hex) throws Exception {
        Transaction tx = Transaction.decode(Hex.decode(hex.strip()));
        assertTrue(tx.verifySignature(), "signature verifies");
        assertEquals(KEY.publicKey(), tx.sender());
        return tx;
    }

    @Test
    void printIsFullyOfflineWithNonceAndChainIdAndGivesHexThatDecodesAndVerifies() throws Exception {
        // No node runs at this URL: --print with --nonce and --chain-id must not need one.
        String node = "http://127.0.0.1:9";
        Run r = CliRun.run("tx", "transfer", "--key", keyFile.toString(), "--to", OTHER.address().hex(), "--amount", "25",
                "--nonce", "3", "--fee", "2", "--chain-id", "test-chain", "--memo", "rent / 房租", "--print", "--node", node);
        assertEquals(0, r.exit(), r.err());
        Transaction tx = decode(r.out());
        assertEquals("test-chain", tx.chainId());
        assertEquals(3, tx.nonce());
        assertEquals(2, tx.fee());
        assertEquals("rent / 房租", tx.memo());
        assertEquals(new Transfer(OTHER.address(), 25), tx.payload());

        assertEquals(new Bid(4, 9), decode(CliRun.run("tx", "bid", "--key", keyFile.toString(), "--auction", "4", "--amount", "9",
                "--nonce", "0", "--chain-id", "c", "--print").out()).payload());
        assertEquals(new EndAuction(4), decode(CliRun.run("tx", "auction-end", "--key", keyFile.toString(), "--auction", "4",
                "--nonce", "0", "--chain-id", "c", "--print").out()).payload());
        assertEquals(new Withdraw(4), decode(CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "4",
                "--nonce", "0", "--chain-id", "c", "--print").out()).payload());
        Transaction create = decode(CliRun.run("tx", "auction-create", "--key", keyFile.toString(), "--item", "camera",
                "--start-price", "1", "--end-time-ms", "1800000000000", "--nonce", "0", "--chain-id", "c", "--print").out());
        assertEquals(new CreateAuction("camera", 1, 1_800_000_000_000L, 1), create.payload());
    }

    @Test
    void asksTheNodeForChainIdAndNonceWhenNotGiven() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/status", 200, "{\"chainId\":\"fake-chain\",\"latestHeight\":5}")
                    .json("GET", "/v1/accounts/" + KEY.address().hex(), 200,
                            "{\"address\":\"" + KEY.address().hex() + "\",\"balance\":100,\"nonce\":7}");
            long before = System.currentTimeMillis();
            Run r = CliRun.run("tx", "auction-create", "--key", keyFile.toString(), "--item", "lamp", "--ends-in", "2m",
                    "--node", node.url(), "--print");
            assertEquals(0, r.exit(), r.err());
            Transaction tx = decode(r.out());
            assertEquals("fake-chain", tx.chainId());
            assertEquals(7, tx.nonce());
            CreateAuction c = assertInstanceOf(CreateAuction.class, tx.payload());
            assertTrue(c.endTimeMs() >= before + 120_000 && c.endTimeMs() <= System.currentTimeMillis() + 120_000, "end in 2 minutes");
        }
    }

    @Test
    void sendsTheSignedHexAndPrintsTheReceipt() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("GET", "/v1/status", 200, "{\"chainId\":\"fake-chain\"}")
                    .json("GET", "/v1/accounts/" + KEY.address().hex(), 200, "{\"balance\":100,\"nonce\":0}")
                    .json("POST", "/v1/transactions", 200, "{\"hash\":\"ab12\",\"status\":\"committed\",\"height\":12,\"index\":0,"
                            + "\"receipt\":{\"txHash\":\"ab12\",\"status\":\"SUCCESS\",\"code\":\"OK\",\"message\":\"\",\"feeCharged\":1,"
                            + "\"events\":[{\"type\":\"auction.bid\",\"attributes\":{\"auction\":\"1\",\"amount\":\"2\"}}]}}");
            Run r = CliRun.run("tx", "bid", "--key", keyFile.toString(), "--auction", "1", "--amount", "2", "--node", node.url());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("tx ab12 committed at height 12"), r.out());
            assertTrue(r.out().contains("auction.bid"), r.out());
            FakeNode.Request post = node.requests.stream().filter(q -> q.method().equals("POST")).findFirst().orElseThrow();
            assertTrue(post.pathAndQuery().startsWith("/v1/transactions?wait=committed&timeoutMs=30000"), post.pathAndQuery());
            JsonNode body = LedgerClient.JSON.readTree(post.body());
            Transaction sent = decode(body.get("tx").asText());
            assertEquals(new Bid(1, 2), sent.payload());
            assertEquals("fake-chain", sent.chainId());

            Run raw = CliRun.run("tx", "bid", "--key", keyFile.toString(), "--auction", "1", "--amount", "2", "--node", node.url(),
                    "--wait", "none", "--json");
            assertEquals(0, raw.exit(), raw.err());
            assertTrue(raw.out().contains("\"feeCharged\" : 1"), raw.out());
            assertTrue(node.requests.get(node.requests.size() - 1).pathAndQuery().endsWith("?wait=none"));
        }
    }

    @Test
    void aFailedReceiptExitsNonZero() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("POST", "/v1/transactions", 200, "{\"hash\":\"cd\",\"status\":\"committed\",\"height\":3,\"index\":1,"
                    + "\"receipt\":{\"status\":\"FAILED\",\"code\":\"BID_TOO_LOW\",\"message\":\"bid 1 is below 2\",\"feeCharged\":1,\"events\":[]}}");
            Run r = CliRun.run("tx", "bid", "--key", keyFile.toString(), "--auction", "1", "--amount", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c");
            assertEquals(1, r.exit());
            assertTrue(r.out().contains("FAILED BID_TOO_LOW: bid 1 is below 2"), r.out());
        }
    }

    @Test
    void stillPendingAtTheTimeoutExitsThreeAndSaysSo() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.json("POST", "/v1/transactions", 202, "{\"hash\":\"ef01\",\"status\":\"pending\"}");
            Run r = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c", "--timeout", "1s");
            assertEquals(3, r.exit(), r.err());
            assertTrue(r.err().contains("not committed within 1s (status pending)") && r.err().contains("ef01"), r.err());
            Run checked = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c", "--wait", "checked");
            assertEquals(0, checked.exit(), "pending is the expected answer to --wait checked");
        }
    }

    @Test
    void problemsPrintAsOneLineWithNonZeroExit() throws Exception {
        try (FakeNode node = new FakeNode()) {
            node.problem("POST", "/v1/transactions", 400, "NONCE_TOO_LOW", "nonce 0 is below the next nonce 4", Map.of());
            Run r = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c");
            assertEquals(1, r.exit());
            assertEquals("error: HTTP 400 NONCE_TOO_LOW: nonce 0 is below the next nonce 4 (Transaction refused)", r.err().strip());

            node.problem("POST", "/v1/transactions", 429, "FULL", "the mempool is full", Map.of("Retry-After", "2"));
            Run full = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c");
            assertEquals(1, full.exit());
            assertTrue(full.err().contains("HTTP 429 FULL: the mempool is full") && full.err().contains("retry after 2 s"), full.err());
            assertEquals(1, full.err().strip().lines().count(), full.err());

            // A non-JSON error body (e.g. from a proxy) still gives one line, never a stack trace.
            node.raw("POST", "/v1/transactions", 502, "text/html", "<html>\n<body>Bad Gateway</body>\n</html>");
            Run proxy = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", node.url(),
                    "--nonce", "0", "--chain-id", "c");
            assertEquals(1, proxy.exit());
            assertEquals(1, proxy.err().strip().lines().count(), proxy.err());
            assertTrue(proxy.err().contains("HTTP 502"), proxy.err());
            assertFalse(proxy.err().contains("Exception"), proxy.err());
        }
    }

    @Test
    void anUnreachableNodeOrBadInputIsAClearError() throws Exception {
        Run r = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--node", "http://127.0.0.1:9");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach the node at http://127.0.0.1:9"), r.err());

        Run wait = CliRun.run("tx", "withdraw", "--key", keyFile.toString(), "--auction", "1", "--wait", "forever",
                "--nonce", "0", "--chain-id", "c");
        assertEquals(1, wait.exit());
        assertTrue(wait.err().contains("--wait must be none, checked or committed"), wait.err());

        Run missingKey = CliRun.run("tx", "withdraw", "--key", dir.resolve("nope.json").toString(), "--auction", "1");
        assertEquals(1, missingKey.exit());
        assertTrue(missingKey.err().contains("no such key file"), missingKey.err());

        Run badTo = CliRun.run("tx", "transfer", "--key", keyFile.toString(), "--to", "xyz", "--amount", "1",
                "--nonce", "0", "--chain-id", "c", "--print");
        assertEquals(1, badTo.exit());

        Run badDuration = CliRun.run("tx", "auction-create", "--key", keyFile.toString(), "--item", "x", "--ends-in", "soon",
                "--nonce", "0", "--chain-id", "c", "--print");
        assertEquals(1, badDuration.exit());
        assertTrue(badDuration.err().contains("not a duration: 'soon'"), badDuration.err());
    }

    @Test
    void durationsParse() {
        assertEquals(30_000, TxCommand.Durations.parse("30s").toMillis());
        assertEquals(1500, TxCommand.Durations.parse("1500ms").toMillis());
        assertEquals(600_000, TxCommand.Durations.parse("10m").toMillis());
        assertEquals(7_200_000, TxCommand.Durations.parse("2h").toMillis());
        assertEquals(5 * 86_400_000L, TxCommand.Durations.parse("5d").toMillis());
        assertEquals(90_000, TxCommand.Durations.parse("PT90S").toMillis());
    }
}
