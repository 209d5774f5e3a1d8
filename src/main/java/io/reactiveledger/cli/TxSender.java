package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxBody;

/** Builds, signs and submits transactions through a node's HTTP API (shared by {@code tx} and {@code demo}). */
final class TxSender {
    private final LedgerClient client;
    private String chainId;

    TxSender(LedgerClient client) {
        this.client = client;
    }

    /** The chain id the node reports ({@code GET /v1/status}), fetched once. */
    String chainId() {
        if (chainId == null) chainId = requireText(client.status(), "chainId", "/v1/status");
        return chainId;
    }

    /** The next nonce of the key's account ({@code GET /v1/accounts/{address}}). */
    long nextNonce(KeyPair key) {
        JsonNode acc = client.account(key.address().hex());
        JsonNode n = acc.get("nonce");
        if (n == null || !n.canConvertToLong()) throw new ApiException(200, null, "/v1/accounts answered without a nonce: " + acc);
        return n.asLong();
    }

    static Transaction sign(KeyPair key, String chainId, long nonce, long fee, Payload payload, String memo) {
        return Transaction.sign(new TxBody(chainId, key.publicKey(), nonce, fee, payload, memo == null ? "" : memo), key);
    }

    /** Signs with the node's chain id and the account's next nonce. */
    Transaction sign(KeyPair key, long fee, Payload payload, String memo) {
        return sign(key, chainId(), nextNonce(key), fee, payload, memo);
    }

    JsonNode submit(Transaction tx, String wait, long timeoutMs) {
        return client.submit(Hex.encode(tx.encoded()), wait, timeoutMs);
    }

    /**
     * Submits with wait=committed and, if the node's wait ran out ("pending"), polls
     * {@code GET /v1/transactions/{hash}} until committed or {@code timeoutMs} has passed.
     * @return the committed answer (with "height" and "receipt")
     */
    JsonNode submitAndAwaitCommit(Transaction tx, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        JsonNode r = submit(tx, "committed", timeoutMs);
        while (!"committed".equals(r.path("status").asText())) {
            if (System.currentTimeMillis() > deadline) {
                throw new ApiException(202, null, "transaction " + tx.hash().hex() + " not committed within " + timeoutMs + " ms");
            }
            Thread.sleep(250);
            r = client.transaction(tx.hash().hex());
        }
        return r;
    }

    static String requireText(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new ApiException(200, null, where + " answered without \"" + field + "\"");
        return v.asText();
    }
}
