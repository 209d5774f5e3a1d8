package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A full mempool answers 503 with Retry-After (a node whose pool holds four transactions). */
@Timeout(120)
class HttpMempoolFullTest {
    @Test
    void fullPoolIs503WithRetryAfter(@TempDir Path dir) throws Exception {
        try (HttpTestNode n = new HttpTestNode(dir, 2, "ledger.mempool.max-txs = 4\n")) {
            // four transactions waiting behind a nonce gap fill the pool and never leave it
            for (long nonce = 1; nonce <= 4; nonce++) {
                assertEquals(202, post(n, n.tx(0, nonce, 1, new Transfer(n.users.get(1).address(), 1))).status());
            }
            // another waiting one at the same fee cannot evict them
            HttpTestNode.Answer full = post(n, n.tx(1, 1, 1, new Transfer(n.users.get(0).address(), 1)));
            assertEquals(503, full.status(), full.body());
            assertEquals("FULL", full.json().get("code").asText());
            assertTrue(full.contentType().startsWith("application/problem+json"));
            assertEquals("1", full.raw().headers().firstValue("Retry-After").orElse(""));

            HttpTestNode.Answer status = n.get("/v1/status", "/v1/status");
            assertEquals(4, status.json().get("mempool").get("count").asInt());
            assertTrue(status.json().get("mempool").get("bytes").asLong() > 0);
            assertTrue(n.get("/metrics", "/metrics").body().contains("ledger_mempool_transactions 4"));
            OpenApiSpec.load().assertDocuments(n.exercised);
        }
    }

    private static HttpTestNode.Answer post(HttpTestNode n, Transaction tx) {
        return n.postJson("/v1/transactions", "/v1/transactions", "{\"tx\":\"" + Hex.encode(tx.encoded()) + "\"}");
    }
}
