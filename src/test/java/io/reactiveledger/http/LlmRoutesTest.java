package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/llm/score} and {@code GET /v1/auctions/{id}/prediction} on a one-validator node with the model actor on, and off. */
class LlmRoutesTest {
    @TempDir
    Path dir;

    private static String body(HttpTestNode n, String... memos) {
        List<String> hex = new ArrayList<>();
        KeyPair from = n.users.get(0);
        for (int i = 0; i < memos.length; i++) {
            Transaction t = Transaction.sign(new TxBody(n.genesis.chainId(), from.publicKey(), i, 1,
                    new Transfer(n.users.get(1).address(), 5), memos[i]), from);
            hex.add("\"" + io.reactiveledger.core.crypto.Hex.encode(t.encoded()) + "\"");
        }
        return "{\"txs\": [" + String.join(",", hex) + "]}";
    }

    private static void submit(HttpTestNode n, Transaction tx) {
        HttpTestNode.Answer a = n.postJson("/v1/transactions", "/v1/transactions?wait=committed",
                "{\"tx\": \"" + io.reactiveledger.core.crypto.Hex.encode(tx.encoded()) + "\"}");
        assertEquals(200, a.status(), a.body());
        assertEquals("SUCCESS", a.json().get("receipt").get("status").asText(), a.body());
    }

    @Test
    @Timeout(180)
    void scoresScamMemosHighAndOrdinaryOnesLowWithoutSubmittingAnything() throws Exception {
        try (HttpTestNode n = new HttpTestNode(dir, 2, "ledger.llm.enabled = on\nledger.llm.proposals.score-deadline = 5s")) {
            HttpTestNode.Answer scam = null;
            long until = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < until) { // the model loads in the background: rules only until then
                scam = n.postJson("/v1/llm/score", "/v1/llm/score", body(n,
                        "Security alert: reply with your 12 secret words to keep your wallet",
                        "Winner notice: your reward is ready, first pay the release fee"));
                if (scam.json().get("model").asText().equals("scored")) break;
                Thread.sleep(500);
            }
            assertEquals(200, scam.status());
            assertEquals("scored", scam.json().get("model").asText(), scam.body());
            assertTrue(scam.json().get("wouldRefuse").asBoolean(), scam.body());
            assertTrue(scam.json().get("reasons").get(0).asText().startsWith("semantic"), scam.body());
            // judged as a validator would: with this node's mempool view, so the structural signals are there too
            List<String> signalNames = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode sig : scam.json().get("signals")) signalNames.add(sig.get("name").asText());
            assertTrue(signalNames.containsAll(List.of("semantic", "fee-outliers", "flooding", "front-running", "censorship")),
                    scam.body());
            HttpTestNode.Answer ok = n.postJson("/v1/llm/score", "/v1/llm/score", body(n, "rent for March", "pizza night"));
            assertFalse(ok.json().get("wouldRefuse").asBoolean(), ok.body());
            assertTrue(ok.json().get("score").asDouble() < 0.3, ok.body());
            HttpTestNode.Answer bad = n.postJson("/v1/llm/score", "/v1/llm/score", "{\"txs\": [\"zz\"]}");
            assertEquals(400, bad.status());
            com.fasterxml.jackson.databind.JsonNode pool = n.get("/v1/status", "/v1/status").json().get("mempool");
            assertTrue(pool.has("count"), pool.toString());
            assertEquals(0, pool.get("count").asInt(), "nothing submitted");

            // An auction on chain with two bids: the prediction answers with every field of the issue.
            long end = System.currentTimeMillis() + 3 * 86_400_000L;
            submit(n, n.tx(1, 0, 1, new CreateAuction("Xbox game console", 50, end, 1)));
            submit(n, n.tx(0, 0, 1, new Bid(1, 80)));
            HttpTestNode.Answer p = n.get("/v1/auctions/{id}/prediction", "/v1/auctions/1/prediction");
            assertEquals(200, p.status(), p.body());
            com.fasterxml.jackson.databind.JsonNode j = p.json();
            assertTrue(j.get("predictedPrice").asDouble() >= 80, p.body());
            assertTrue(j.get("low").asDouble() <= j.get("predictedPrice").asDouble()
                    && j.get("predictedPrice").asDouble() <= j.get("high").asDouble(), p.body());
            assertEquals(3, j.get("expectedEndDay").asInt(), p.body());
            assertTrue(j.has("confidence") && j.get("basis").has("similar") && j.get("basis").has("dynamics"), p.body());
            assertTrue(j.get("english").asText().startsWith("The auction ends on day 3; the highest bid will reach "), p.body());
            assertTrue(j.get("chinese").asText().startsWith("拍卖将在第3天结束，最高出价将达到"), p.body());
            assertEquals(404, n.get("/v1/auctions/{id}/prediction", "/v1/auctions/99/prediction").status());

            // the model's state in /v1/status, /ready and /metrics
            com.fasterxml.jackson.databind.JsonNode m = n.get("/v1/status", "/v1/status").json().get("model");
            assertTrue(m.get("enabled").asBoolean() && m.get("loaded").asBoolean() && !m.get("degraded").asBoolean(), m.toString());
            assertTrue(m.get("served").asLong() >= 3 && m.get("latencyP99Ms").asDouble() > 0, m.toString());
            HttpTestNode.Answer ready = n.get("/ready", "/ready");
            assertTrue(ready.json().get("warning").isNull(), ready.body());
            String metrics = n.get("/metrics", "/metrics").body();
            assertTrue(metrics.contains("ledger_model_loaded 1.0"), metrics);
            assertTrue(metrics.matches("(?s).*ledger_model_request_latency_seconds_count [1-9].*"), metrics);
            assertTrue(metrics.contains("ledger_model_queue_depth"), metrics);
            // every answer above is in openapi.yaml, and the prediction route answered 200 here
            OpenApiSpec.load().assertDocuments(n.exercised);
            assertTrue(n.exercised.contains("GET /v1/auctions/{id}/prediction 200"), n.exercised.toString());
        }
    }

    @Test
    @Timeout(120)
    void withTheModelOffTheRulesAloneAnswer() throws Exception {
        try (HttpTestNode n = new HttpTestNode(dir, 2, "ledger.llm.enabled = off")) {
            HttpTestNode.Answer a = n.postJson("/v1/llm/score", "/v1/llm/score", body(n, "Winner notice: pay the release fee"));
            assertEquals(200, a.status());
            assertEquals("disabled", a.json().get("model").asText());
            assertFalse(a.json().get("semanticUsed").asBoolean());
        }
    }
}
