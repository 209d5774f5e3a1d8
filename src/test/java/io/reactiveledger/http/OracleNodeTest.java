package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Transaction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-validator node with an oracle key listed in genesis and the model on: it records predictions when an
 * auction passes its milestones, and once the auction ends the accuracy report shows them scored.
 */
class OracleNodeTest {
    @TempDir
    Path dir;

    private static void submit(HttpTestNode n, Transaction tx) {
        HttpTestNode.Answer a = n.postJson("/v1/transactions", "/v1/transactions?wait=committed",
                "{\"tx\": \"" + Hex.encode(tx.encoded()) + "\"}");
        assertEquals(200, a.status(), a.body());
        assertEquals("SUCCESS", a.json().get("receipt").get("status").asText(), a.body());
    }

    private static JsonNode oracle(HttpTestNode n) {
        HttpTestNode.Answer a = n.get("/v1/oracle/accuracy", "/v1/oracle/accuracy");
        assertEquals(200, a.status(), a.body());
        assertEquals(1, a.json().get("oracles").size(), a.body());
        return a.json().get("oracles").get(0);
    }

    @Test
    @Timeout(300)
    void predictionsRecordedOnChainAreScoredWhenTheAuctionEnds() throws Exception {
        KeyPair validator = KeyPair.deterministic("http-validator");
        List<KeyPair> users = HttpTestNode.users(3);
        KeyPair oracleKey = users.get(2);
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair u : users) balances.put(u.address(), 1_000_000L);
        Genesis genesis = new Genesis("http-test", System.currentTimeMillis() - 60_000,
                List.of(new Validator(validator.publicKey(), 1, "node0")), balances, List.of(oracleKey.address()));
        Path keyFile = dir.resolve("oracle-key.json");
        KeyFile.write(keyFile, oracleKey, "test oracle");
        String config = "ledger.llm.enabled = on\n"
                + "ledger.llm.oracle.key-file = \"" + keyFile.toString().replace("\\", "/") + "\"\n"
                + "ledger.llm.oracle.milestones = [0.5, 0.75, 0.9]\n";
        try (HttpTestNode n = new HttpTestNode(dir, "node0", genesis, validator, users, config)) {
            long until = System.currentTimeMillis() + 180_000;
            while (!n.get("/v1/status", "/v1/status").json().get("model").get("loaded").asBoolean()) {
                assertTrue(System.currentTimeMillis() < until, "the model did not load");
                Thread.sleep(500);
            }
            assertEquals(oracleKey.address().hex(), oracle(n).get("oracle").asText());
            assertEquals(0, oracle(n).get("recorded").asLong());

            long durationMs = 24_000;
            long end = System.currentTimeMillis() + durationMs;
            submit(n, n.tx(0, 0, 1, new CreateAuction("Xbox game console", 50, end, 1)));
            submit(n, n.tx(1, 0, 1, new Bid(1, 80)));
            while (System.currentTimeMillis() < end + 1_000) Thread.sleep(200);
            long recorded = oracle(n).get("recorded").asLong();
            assertTrue(recorded >= 1 && recorded <= 3, "predictions recorded at the milestones: " + recorded);
            assertEquals(0, oracle(n).get("scored").asLong(), "nothing scored before the auction ends");

            JsonNode before = n.get("/v1/auctions/{id}/predictions", "/v1/auctions/1/predictions").json();
            assertEquals(recorded, before.get("predictions").size(), before.toString());
            assertEquals(oracleKey.address().hex(), before.get("predictions").get(0).get("oracle").asText());
            assertTrue(before.get("predictions").get(0).get("apeBp").isNull(), before.toString());
            submit(n, n.tx(1, 1, 1, new EndAuction(1)));
            JsonNode after = n.get("/v1/auctions/{id}/predictions", "/v1/auctions/1/predictions").json();
            assertTrue(after.get("settled").asBoolean() && after.get("finalPrice").asLong() == 80, after.toString());
            long sum = 0;
            long hits = 0;
            for (JsonNode p : after.get("predictions")) {
                long price = p.get("price").asLong();
                assertEquals(Math.abs(price - 80) * 10_000 / 80, p.get("apeBp").asLong(), p.toString());
                assertEquals(p.get("low").asLong() <= 80 && 80 <= p.get("high").asLong(), p.get("hit").asBoolean(), p.toString());
                sum += p.get("apeBp").asLong();
                hits += p.get("hit").asBoolean() ? 1 : 0;
            }
            System.out.println("OracleNodeTest: on-chain predictions " + after);
            JsonNode o = oracle(n);
            assertEquals(recorded, o.get("scored").asLong(), o.toString());
            long mape = o.get("mapeBp").asLong();
            assertTrue(mape >= 0 && o.get("coverageBp").asLong() >= 0 && o.get("coverageBp").asLong() <= 10_000, o.toString());
            assertEquals(mape / 100.0, o.get("mapePercent").asDouble(), 1e-9);
            assertEquals(sum / recorded, mape, "MAPE is the mean of the recorded errors");
            assertEquals(hits * 10_000 / recorded, o.get("coverageBp").asLong());
            System.out.println("OracleNodeTest: accuracy " + o);
            OpenApiSpec.load().assertDocuments(n.exercised);
        }
    }
}
