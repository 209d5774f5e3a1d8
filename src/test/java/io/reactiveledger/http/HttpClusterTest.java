package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two validators in a Pekko cluster, each with its own API: what one node commits, the other serves. */
@Timeout(180)
class HttpClusterTest {
    @Test
    void aTransactionSubmittedToOneNodeIsCommittedOnBoth(@TempDir Path dir) throws Exception {
        List<KeyPair> validators = List.of(KeyPair.deterministic("http-cluster-0"), KeyPair.deterministic("http-cluster-1"));
        List<KeyPair> users = HttpTestNode.users(2);
        var genesis = HttpTestNode.genesis(validators, users);
        int[] clusterPorts = {HttpTestNode.freePort(), HttpTestNode.freePort()};
        List<HttpTestNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                nodes.add(new HttpTestNode(dir, "node" + i, genesis, validators.get(i), users, """
                        pekko.actor.provider = cluster
                        ledger.cluster.port = %d
                        ledger.cluster.seed-nodes = ["pekko://ledger@127.0.0.1:%d"]
                        """.formatted(clusterPorts[i], clusterPorts[0])));
            }
            HttpTestNode a = nodes.get(0);
            HttpTestNode b = nodes.get(1);
            a.awaitHeight(2);
            Transaction tx = a.tx(0, 0, 1, new Transfer(users.get(1).address(), 77));
            HttpTestNode.Answer committed = a.postJson("/v1/transactions", "/v1/transactions?wait=committed",
                    "{\"tx\":\"" + Hex.encode(tx.encoded()) + "\"}");
            assertEquals(200, committed.status(), committed.body());
            long height = committed.json().get("height").asLong();

            b.awaitHeight(height);
            HttpTestNode.Answer onB = b.get("/v1/transactions/{hash}", "/v1/transactions/" + tx.hash().hex());
            assertEquals("committed", onB.json().get("status").asText(), onB.body());
            assertEquals(height, onB.json().get("height").asLong());
            assertEquals(a.get("/v1/blocks/{height}", "/v1/blocks/" + height).json().get("hash").asText(),
                    b.get("/v1/blocks/{height}", "/v1/blocks/" + height).json().get("hash").asText());
            assertEquals(77 + 1_000_000L, b.get("/v1/accounts/{address}", "/v1/accounts/" + users.get(1).address().hex())
                    .json().get("balance").asLong());
            for (HttpTestNode n : nodes) {
                HttpTestNode.Answer s = n.get("/v1/status", "/v1/status");
                assertEquals(1, s.json().get("peers").asInt(), s.body());
                HttpTestNode.Answer ready = n.get("/ready", "/ready");
                assertEquals(200, ready.status(), ready.body());
                HttpTestNode.Answer v = n.get("/v1/validators", "/v1/validators");
                for (var val : v.json().get("validators")) assertTrue(val.get("lastSignedHeight").asLong() >= height, v.body());
                OpenApiSpec.load().assertDocuments(n.exercised);
            }
        } finally {
            for (HttpTestNode n : nodes) n.close();
        }
    }
}
