package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint and every error status of the HTTP API against a real one-validator node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class HttpApiTest {
    @TempDir
    static Path dir;
    HttpTestNode n;

    @BeforeAll
    void start() throws Exception {
        n = new HttpTestNode(dir, 10, "ledger.llm.enabled = off"); // LlmRoutesTest runs the model
        n.awaitHeight(1);
    }

    @AfterAll
    void stop() {
        if (n != null) n.close();
    }

    private static String body(Transaction tx) {
        return "{\"tx\":\"" + Hex.encode(tx.encoded()) + "\"}";
    }

    private HttpTestNode.Answer submit(String wait, Transaction tx) {
        return n.postJson("/v1/transactions", "/v1/transactions?wait=" + wait, body(tx));
    }

    private static void assertProblem(HttpTestNode.Answer a, int status, String code) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/problem+json"), a.contentType());
        assertEquals(code, a.json().get("code").asText(), a.body());
        assertEquals(status, a.json().get("status").asInt());
        assertEquals(Problem.typeOf(code), a.json().get("type").asText());
        assertNotNull(a.json().get("title"));
        assertFalse(a.body().contains("\tat "), "no stack traces");
    }

    @Test
    void requestsPekkoCannotParseGetProblemJsonToo() throws Exception {
        for (String requestLine : List.of("GET /v1/%zz HTTP/1.1", "GET /v1/status HTTP/1.1\r\nBad Header: x")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", n.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertTrue(answer.contains("application/problem+json"), answer);
                com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("MALFORMED_REQUEST", problem.get("code").asText(), answer);
                assertEquals(400, problem.get("status").asInt());
                assertEquals(Problem.typeOf("MALFORMED_REQUEST"), problem.get("type").asText());
            }
        }
    }

    @Test
    void transferCommittedThenLookedUp() {
        KeyPair to = KeyPair.deterministic("someone");
        Transaction tx = n.tx(0, 0, 3, new Transfer(to.address(), 1234));
        HttpTestNode.Answer a = submit("committed", tx);
        assertEquals(200, a.status(), a.body());
        assertEquals("committed", a.json().get("status").asText());
        assertEquals(tx.hash().hex(), a.json().get("hash").asText());
        JsonNode receipt = a.json().get("receipt");
        assertEquals("SUCCESS", receipt.get("status").asText());
        assertEquals(3, receipt.get("feeCharged").asLong());
        assertEquals(tx.hash().hex(), receipt.get("txHash").asText());
        long height = a.json().get("height").asLong();

        HttpTestNode.Answer got = n.get("/v1/transactions/{hash}", "/v1/transactions/" + tx.hash().hex());
        assertEquals(200, got.status());
        assertEquals("committed", got.json().get("status").asText());
        assertEquals(height, got.json().get("height").asLong());
        assertEquals(a.json().get("index").asInt(), got.json().get("index").asInt());

        HttpTestNode.Answer acct = n.get("/v1/accounts/{address}", "/v1/accounts/" + to.address().hex());
        assertEquals(200, acct.status());
        assertEquals(1234, acct.json().get("balance").asLong());
        assertEquals(0, acct.json().get("nonce").asLong());
        HttpTestNode.Answer sender = n.get("/v1/accounts/{address}", "/v1/accounts/" + n.users.get(0).address().hex());
        assertEquals(1, sender.json().get("nonce").asLong());
        assertEquals(1_000_000 - 1234 - 3, sender.json().get("balance").asLong());

        HttpTestNode.Answer block = n.get("/v1/blocks/{height}", "/v1/blocks/" + height);
        assertEquals(200, block.status());
        assertTrue(block.json().get("txs").toString().contains(tx.hash().hex()));
        assertEquals(height, block.json().get("certificate").get("height").asLong());

        // replaying the committed transaction: its nonce is now too low
        assertProblem(submit("checked", tx), 400, "NONCE_TOO_LOW");
    }

    @Test
    void checkedAndNoneAreAcceptedAndCommitLater() throws Exception {
        Transaction t1 = n.tx(1, 0, 1, new Transfer(n.users.get(2).address(), 5));
        Transaction t2 = n.tx(1, 1, 1, new Transfer(n.users.get(2).address(), 6));
        HttpTestNode.Answer a = submit("checked", t1);
        assertEquals(202, a.status(), a.body());
        assertEquals("pending", a.json().get("status").asText());
        HttpTestNode.Answer b = submit("none", t2);
        assertEquals(202, b.status(), b.body());
        assertEquals("received", b.json().get("status").asText());
        assertEquals(t2.hash().hex(), b.json().get("hash").asText());
        for (Transaction t : new Transaction[] {t1, t2}) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            String status = "";
            while (System.nanoTime() < deadline && !status.equals("committed")) {
                status = n.get("/v1/transactions/{hash}", "/v1/transactions/" + t.hash().hex()).json().get("status").asText();
                Thread.sleep(50);
            }
            assertEquals("committed", status);
        }
    }

    @Test
    void gappedTransactionIsPendingAndItsDuplicateConflicts() {
        Transaction gap = n.tx(3, 5, 1, new Transfer(n.users.get(2).address(), 1)); // nonce 0..4 missing: waits
        assertEquals(202, submit("checked", gap).status());
        assertProblem(submit("checked", gap), 409, "DUPLICATE");
        HttpTestNode.Answer got = n.get("/v1/transactions/{hash}", "/v1/transactions/" + gap.hash().hex());
        assertEquals("pending", got.json().get("status").asText());
        assertFalse(got.json().has("height"));
        // same sender and nonce at the same fee: the replacement is underpriced
        Transaction same = n.tx(3, 5, 1, new Transfer(n.users.get(2).address(), 2));
        assertProblem(submit("checked", same), 409, "REPLACEMENT_UNDERPRICED");
        // wait=committed for a transaction that cannot commit yet: 202 pending after timeoutMs
        Transaction gap2 = n.tx(3, 6, 1, new Transfer(n.users.get(2).address(), 1));
        HttpTestNode.Answer waited = n.postJson("/v1/transactions", "/v1/transactions?wait=committed&timeoutMs=300", body(gap2));
        assertEquals(202, waited.status(), waited.body());
        assertEquals("pending", waited.json().get("status").asText());
    }

    @Test
    void admissionErrors() {
        KeyPair u = n.users.get(4);
        Transaction good = n.tx(4, 0, 1, new Transfer(n.users.get(2).address(), 1));
        byte[] badSig = good.encoded().clone();
        badSig[badSig.length - 40] ^= 1; // inside R: still decodes, no longer verifies
        assertProblem(n.postJson("/v1/transactions", "/v1/transactions", "{\"tx\":\"" + Hex.encode(badSig) + "\"}"),
                400, "BAD_SIGNATURE");
        assertProblem(submit("checked", HttpTestNode.tx(u, "other-chain", 0, 1, new Transfer(u.address(), 1))), 400, "WRONG_CHAIN");
        assertProblem(submit("checked", n.tx(4, 64, 1, new Transfer(u.address(), 1))), 400, "NONCE_TOO_HIGH");
        assertProblem(submit("committed", n.tx(4, 0, 1, new Transfer(u.address(), 5_000_000))), 400, "INSUFFICIENT_BALANCE");
        HttpTestNode.Answer truncated = n.postJson("/v1/transactions", "/v1/transactions",
                "{\"tx\":\"" + Hex.encode(Arrays.copyOf(good.encoded(), 40)) + "\"}");
        assertProblem(truncated, 400, "DECODE_ERROR");
        assertEquals("TRUNCATED", truncated.json().get("decodeError").asText());
    }

    @Test
    void malformedBodiesAre400Not5xx() {
        String p = "/v1/transactions";
        assertProblem(n.postJson(p, p, "{\"tx\":\"00"), 400, "MALFORMED_JSON"); // truncated JSON
        assertProblem(n.postJson(p, p, ""), 400, "INVALID_BODY");
        assertProblem(n.postJson(p, p, "[\"00\"]"), 400, "INVALID_BODY");
        assertProblem(n.postJson(p, p, "{\"tx\":5}"), 400, "INVALID_FIELD");
        assertProblem(n.postJson(p, p, "{\"tx\":[\"00\"]}"), 400, "INVALID_FIELD");
        assertProblem(n.postJson(p, p, "{\"tx\":\"00\",\"extra\":1}"), 400, "UNKNOWN_FIELD");
        assertProblem(n.postJson(p, p, "{}"), 400, "MISSING_FIELD");
        assertProblem(n.postJson(p, p, "{\"tx\":\"00\"}{}"), 400, "MALFORMED_JSON");
        assertProblem(n.postJson(p, p, "{\"tx\":\"00\",\"tx\":\"01\"}"), 400, "MALFORMED_JSON");
        assertProblem(n.postJson(p, p, "{\"tx\":\"zz\"}"), 400, "INVALID_HEX");
        assertProblem(n.postJson(p, p, "{\"tx\":\"abc\"}"), 400, "INVALID_HEX");
        assertProblem(n.postJson(p, p, "{\"tx\":\"\"}"), 400, "DECODE_ERROR");
        assertProblem(n.postJson(p, "/v1/transactions?wait=later", "{\"tx\":\"00\"}"), 400, "INVALID_PARAMETER");
        assertProblem(n.postJson(p, "/v1/transactions?wait=committed&timeoutMs=x", "{\"tx\":\"00\"}"), 400, "INVALID_PARAMETER");
        assertProblem(n.postJson(p, "/v1/transactions?wait=committed&timeoutMs=120001", "{\"tx\":\"00\"}"), 400, "INVALID_PARAMETER");
        assertProblem(n.send(p, HttpRequest.newBuilder(URI.create(n.url(p))).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tx\":\"00\"}"))), 415, "UNSUPPORTED_MEDIA_TYPE");
        String huge = "{\"tx\":\"" + "00".repeat(40 * 1024) + "\"}";
        assertProblem(n.postJson(p, p, huge), 413, "PAYLOAD_TOO_LARGE");
        // without a Content-Length (chunked): the limit applies while reading
        byte[] hugeBytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertProblem(n.send(p, HttpRequest.newBuilder(URI.create(n.url(p))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeBytes)))), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void lookupsValidateTheirInput() {
        assertProblem(n.get("/v1/transactions/{hash}", "/v1/transactions/xyz"), 400, "INVALID_HASH");
        assertProblem(n.get("/v1/transactions/{hash}", "/v1/transactions/" + "g".repeat(64)), 400, "INVALID_HASH");
        HttpTestNode.Answer unknown = n.get("/v1/transactions/{hash}", "/v1/transactions/" + "ab".repeat(32));
        assertEquals(200, unknown.status());
        assertEquals("unknown", unknown.json().get("status").asText());
        assertProblem(n.get("/v1/accounts/{address}", "/v1/accounts/1234"), 400, "INVALID_ADDRESS");
        assertProblem(n.get("/v1/accounts/{address}", "/v1/accounts/" + "q".repeat(40)), 400, "INVALID_ADDRESS");
        HttpTestNode.Answer empty = n.get("/v1/accounts/{address}", "/v1/accounts/" + "00".repeat(20));
        assertEquals(200, empty.status());
        assertEquals(0, empty.json().get("balance").asLong());
        assertEquals(0, empty.json().get("nonce").asLong());
        assertEquals("00".repeat(20), empty.json().get("address").asText());
    }

    @Test
    void blocks() throws Exception {
        n.awaitHeight(3);
        HttpTestNode.Answer latest = n.get("/v1/blocks/{height}", "/v1/blocks/latest");
        assertEquals(200, latest.status());
        long h = latest.json().get("height").asLong();
        assertTrue(h >= 3);
        HttpTestNode.Answer page = n.get("/v1/blocks", "/v1/blocks?from=1&limit=2");
        assertEquals(200, page.status());
        assertEquals(2, page.json().get("blocks").size());
        assertEquals(1, page.json().get("blocks").get(0).get("height").asLong());
        assertEquals(page.json().get("blocks").get(0).get("hash").asText(),
                page.json().get("blocks").get(1).get("previousHash").asText());
        assertEquals(3, page.json().get("next").asLong());
        HttpTestNode.Answer tail = n.get("/v1/blocks", "/v1/blocks?from=1000000");
        assertEquals(0, tail.json().get("blocks").size());
        assertTrue(tail.json().get("next").isNull());
        int byDefault = n.get("/v1/blocks", "/v1/blocks").json().get("blocks").size(); // from 1, limit 20
        assertTrue(byDefault >= Math.min(h, 20) && byDefault <= 20, "default page gave " + byDefault);
        int hundred = n.get("/v1/blocks", "/v1/blocks?limit=100").json().get("blocks").size();
        assertTrue(hundred >= Math.min(h, 100) && hundred <= 100, "limit=100 gave " + hundred);
        assertProblem(n.get("/v1/blocks/{height}", "/v1/blocks/999999999"), 404, "BLOCK_NOT_FOUND");
        assertProblem(n.get("/v1/blocks/{height}", "/v1/blocks/abc"), 400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/blocks/{height}", "/v1/blocks/0"), 400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/blocks", "/v1/blocks?limit=0"), 400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/blocks", "/v1/blocks?limit=101"), 400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/blocks", "/v1/blocks?from=-1"), 400, "INVALID_PARAMETER");
    }

    @Test
    void auctionWithBids() {
        long end = System.currentTimeMillis() + 3_600_000;
        HttpTestNode.Answer created = submit("committed", n.tx(5, 0, 1, new CreateAuction("vase", 1, end, 1)));
        assertEquals(200, created.status(), created.body());
        assertEquals("SUCCESS", created.json().get("receipt").get("status").asText(), created.body());
        JsonNode events = created.json().get("receipt").get("events");
        assertTrue(events.size() >= 1, created.body());
        long id = Long.parseLong(events.get(0).get("attributes").get("auction").asText());
        assertEquals(200, submit("committed", n.tx(6, 0, 1, new Bid(id, 1))).status());
        HttpTestNode.Answer bid2 = submit("committed", n.tx(7, 0, 1, new Bid(id, 2)));
        assertEquals(200, bid2.status());
        long bidHeight = bid2.json().get("height").asLong();

        HttpTestNode.Answer a = n.get("/v1/auctions/{id}", "/v1/auctions/" + id);
        assertEquals(200, a.status(), a.body());
        assertEquals(id, a.json().get("id").asLong());
        assertEquals("vase", a.json().get("item").asText());
        assertEquals(n.users.get(5).address().hex(), a.json().get("seller").asText());
        assertEquals(1, a.json().get("startPrice").asLong());
        assertEquals(end, a.json().get("endTimeMs").asLong());
        assertEquals(2, a.json().get("highestBid").asLong());
        assertEquals(n.users.get(7).address().hex(), a.json().get("highestBidder").asText());
        assertEquals("OPEN", a.json().get("status").asText());
        assertEquals(2, a.json().get("bids").size());
        assertEquals(n.users.get(6).address().hex(), a.json().get("bids").get(0).get("bidder").asText());
        assertEquals(bidHeight, a.json().get("bids").get(1).get("height").asLong());
        assertTrue(a.json().get("bids").get(1).get("timeMs").asLong() > 0);

        HttpTestNode.Answer all = n.get("/v1/auctions", "/v1/auctions");
        assertEquals(200, all.status());
        assertTrue(all.json().get("auctions").size() >= 1);
        assertProblem(n.get("/v1/auctions/{id}", "/v1/auctions/999999"), 404, "AUCTION_NOT_FOUND");
        assertProblem(n.get("/v1/auctions/{id}", "/v1/auctions/x"), 400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/auctions", "/v1/auctions?limit=0"), 400, "INVALID_PARAMETER");

        HttpTestNode.Answer preds = n.get("/v1/auctions/{id}/predictions", "/v1/auctions/" + id + "/predictions");
        assertEquals(200, preds.status(), preds.body());
        assertEquals(0, preds.json().get("predictions").size(), "no oracle on this chain");
        assertFalse(preds.json().get("settled").asBoolean());
        assertProblem(n.get("/v1/auctions/{id}/predictions", "/v1/auctions/999999/predictions"), 404, "AUCTION_NOT_FOUND");
    }

    @Test
    void nodeEndpoints() throws Exception {
        n.awaitHeight(2);
        HttpTestNode.Answer s = n.get("/v1/status", "/v1/status");
        assertEquals("node0", s.json().get("node").asText());
        assertEquals("http-test", s.json().get("chainId").asText());
        assertTrue(s.json().get("validator").asBoolean());
        for (String f : new String[] {"latestHeight", "latestHash", "stateRoot", "latestTimeMs", "consensus", "peers", "mempool", "syncing"}) {
            assertTrue(s.json().has(f), f);
        }
        assertTrue(s.json().get("mempool").has("count") && s.json().get("mempool").has("bytes"));
        assertTrue(s.json().get("consensus").has("round") && s.json().get("consensus").has("step"));

        HttpTestNode.Answer v = n.get("/v1/validators", "/v1/validators");
        JsonNode val = v.json().get("validators").get(0);
        assertEquals(n.validatorKey.address().hex(), val.get("address").asText());
        assertEquals(n.validatorKey.publicKey().hex(), val.get("publicKey").asText());
        assertEquals(1, val.get("votingPower").asLong());
        assertTrue(val.get("lastSignedHeight").asLong() >= 1);

        HttpTestNode.Answer e = n.get("/v1/evidence", "/v1/evidence");
        assertEquals(200, e.status());
        assertEquals(0, e.json().get("evidence").size());

        HttpTestNode.Answer health = n.get("/health", "/health");
        assertEquals("UP", health.json().get("status").asText());
        HttpTestNode.Answer ready = n.get("/ready", "/ready");
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.json().get("ready").asBoolean());
        assertTrue(ready.json().get("warning").isNull(), "a disabled model is no warning: " + ready.body());
        JsonNode model = s.json().get("model");
        assertFalse(model.get("enabled").asBoolean(), s.body());
        assertTrue(model.get("degraded").asBoolean() && model.has("queueDepth") && model.has("latencyP99Ms"), s.body());

        // the model routes with the model off: the rules alone score; no prediction (LlmRoutesTest has the model on)
        HttpTestNode.Answer score = n.postJson("/v1/llm/score", "/v1/llm/score", "{\"txs\": []}");
        assertEquals(200, score.status(), score.body());
        assertEquals("disabled", score.json().get("model").asText());
        assertProblem(n.postJson("/v1/llm/score", "/v1/llm/score", "{\"txs\": 1}"), 400, "MISSING_FIELD");
        assertProblem(n.get("/v1/auctions/{id}/prediction", "/v1/auctions/1/prediction"), 503, "MODEL_DISABLED");
        HttpTestNode.Answer acc = n.get("/v1/oracle/accuracy", "/v1/oracle/accuracy");
        assertEquals(200, acc.status(), acc.body());
        assertEquals(0, acc.json().get("oracles").size(), "no oracles in this genesis");
        assertProblem(n.get("/v1/auctions/{id}/prediction", "/v1/auctions/x/prediction"), 400, "INVALID_PARAMETER");

        HttpTestNode.Answer m = n.get("/metrics", "/metrics");
        assertEquals(200, m.status());
        for (String metric : new String[] {"ledger_blocks_committed_total", "ledger_transactions_committed_total",
                "ledger_mempool_transactions", "ledger_mempool_bytes", "ledger_consensus_round",
                "ledger_tx_commit_latency_seconds_bucket", "ledger_block_commit_round_bucket", "jvm_memory_used_bytes",
                "ledger_model_queue_depth", "ledger_model_loaded", "ledger_model_refusals_total{reason=\"TIMED_OUT\"}"}) {
            assertTrue(m.body().contains(metric), metric);
        }
        HttpTestNode.Answer doc = n.get("/v1/openapi.yaml", "/v1/openapi.yaml");
        assertEquals(200, doc.status());
        assertTrue(doc.body().startsWith("openapi: 3"));
    }

    /** One SSE event: its id, type and data. */
    record Sse(long id, String type, JsonNode data) {
    }

    /** Reads {@code count} events from {@code path}, resuming after {@code lastEventId} if given, then disconnects. */
    private List<Sse> events(String path, String lastEventId, int count) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.url(path))).GET();
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> r = n.client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        n.exercised.add("GET /v1/events " + r.statusCode());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Sse> out = new ArrayList<>();
        try (InputStream in = r.body();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (out.size() < count && (line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) out.add(new Sse(Long.parseLong(id), type, Responses.JSON.readTree(data.toString())));
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        assertEquals(count, out.size());
        for (Sse e : out) {
            assertEquals("block", e.type());
            assertEquals(e.id(), e.data().get("height").asLong());
            assertTrue(e.data().get("receipts").isArray());
        }
        return out;
    }

    private static void assertConsecutive(List<Sse> events, long first) {
        for (int i = 0; i < events.size(); i++) assertEquals(first + i, events.get(i).id(), "event " + i);
    }

    @Test
    void eventsResumeWithoutGapOrDuplicate() throws Exception {
        n.awaitHeight(3);
        assertConsecutive(events("/v1/events?from=1", null, 3), 1);
        assertConsecutive(events("/v1/events", "2", 3), 3);
        assertConsecutive(events("/v1/events?from=1", "2", 2), 3); // Last-Event-ID wins over from
        long head = n.get("/v1/status", "/v1/status").json().get("latestHeight").asLong();
        assertConsecutive(events("/v1/events", Long.toString(head), 2), head + 1); // from the head into live blocks
        List<Sse> live = events("/v1/events", null, 3);
        assertTrue(live.get(0).id() > head);
        assertConsecutive(live, live.get(0).id());

        // a committed transaction's receipt travels with its block
        Transaction tx = n.tx(8, 0, 1, new Transfer(n.users.get(1).address(), 1));
        HttpTestNode.Answer a = submit("committed", tx);
        assertEquals(200, a.status(), a.body());
        long h = a.json().get("height").asLong();
        Sse withTx = events("/v1/events", Long.toString(h - 1), 1).get(0);
        assertEquals(h, withTx.id());
        assertEquals(tx.hash().hex(), withTx.data().get("txs").get(a.json().get("index").asInt()).asText());
        assertEquals(tx.hash().hex(), withTx.data().get("receipts").get(a.json().get("index").asInt()).get("txHash").asText());

        assertProblem(n.send("/v1/events", HttpRequest.newBuilder(URI.create(n.url("/v1/events"))).header("Last-Event-ID", "x")),
                400, "INVALID_PARAMETER");
        assertProblem(n.get("/v1/events", "/v1/events?from=abc"), 400, "INVALID_PARAMETER");
    }

    @Test
    void unknownRoutesAndWrongMethods() {
        assertProblem(n.get("(unknown)", "/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(n.get("(unknown)", "/v1/blocks/1/extra"), 404, "NOT_FOUND");
        HttpTestNode.Answer m = n.get("/v1/transactions", "/v1/transactions");
        assertProblem(m, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", m.raw().headers().firstValue("Allow").orElse(""));
        assertProblem(n.send("/v1/blocks/{height}", HttpRequest.newBuilder(URI.create(n.url("/v1/blocks/1"))).DELETE()),
                405, "METHOD_NOT_ALLOWED");
        assertProblem(n.postJson("/v1/status", "/v1/status", "{}"), 405, "METHOD_NOT_ALLOWED");
    }

    /** Last: every route of openapi.yaml was exercised above, and every (method, route, status) seen is in it. */
    @Test
    @Order(Integer.MAX_VALUE)
    void openApiDocumentsEveryRouteAndStatus() throws Exception {
        OpenApiSpec spec = OpenApiSpec.load();
        spec.assertDocuments(n.exercised);
        // a prediction needs the model, which this node runs without: LlmRoutesTest calls it (200) and checks it
        spec.assertAllRoutesExercised(n.exercised, Set.of("GET /v1/auctions/{id}/prediction"));
    }
}
