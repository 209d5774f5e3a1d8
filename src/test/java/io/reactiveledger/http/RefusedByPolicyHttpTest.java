package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.mempool.AdmissionCode;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.LedgerNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction that this node's proposer left out for its risky text (the consensus actor tells the mempool
 * {@link MempoolActor.Refuse}) is evicted, and submitting it again answers 422 REFUSED_BY_POLICY as documented.
 */
class RefusedByPolicyHttpTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aRefusedTransactionIsEvictedAndItsResubmissionIs422() throws Exception {
        try (HttpTestNode n = new HttpTestNode(dir, 4, "")) {
            n.awaitHeight(1);
            // a nonce gap keeps it pending (nonces 0..2 of user 1 are missing)
            Transaction tx = n.tx(1, 3, 1, new Transfer(n.users.get(2).address(), 1));
            String body = "{\"tx\":\"" + Hex.encode(tx.encoded()) + "\"}";
            assertEquals(202, n.postJson("/v1/transactions", "/v1/transactions?wait=checked", body).status());
            LedgerNode.Refs refs = AskPattern.<LedgerNode.Command, LedgerNode.Refs>ask(n.system, LedgerNode.GetRefs::new,
                    Duration.ofSeconds(5), n.system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            refs.mempool().tell(new MempoolActor.Refuse(List.of(tx.hash())));

            HttpTestNode.Answer status = n.get("/v1/transactions/{hash}", "/v1/transactions/" + tx.hash().hex());
            assertEquals("unknown", status.json().get("status").asText(), "evicted");
            HttpTestNode.Answer again = n.postJson("/v1/transactions", "/v1/transactions?wait=checked", body);
            assertEquals(422, again.status(), again.body());
            assertTrue(again.contentType().startsWith("application/problem+json"), again.contentType());
            assertEquals(AdmissionCode.REFUSED_BY_POLICY.name(), again.json().get("code").asText());
            assertEquals(Problem.typeOf("REFUSED_BY_POLICY"), again.json().get("type").asText());
            assertTrue(again.json().get("detail").asText().contains("risky"), again.body());

            // another transaction of the same sender is unaffected
            Transaction other = n.tx(1, 4, 1, new Transfer(n.users.get(2).address(), 1));
            assertEquals(202, n.postJson("/v1/transactions", "/v1/transactions?wait=checked",
                    "{\"tx\":\"" + Hex.encode(other.encoded()) + "\"}").status());
            OpenApiSpec.load().assertDocuments(n.exercised);
        }
    }
}
