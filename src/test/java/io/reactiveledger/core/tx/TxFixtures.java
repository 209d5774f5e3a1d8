package io.reactiveledger.core.tx;

import io.reactiveledger.core.crypto.KeyPair;
import java.util.List;

/** Deterministic keys, payloads and signed transactions shared by the codec tests. */
public final class TxFixtures {
    public static final String CHAIN = "reactive-devnet";
    public static final KeyPair ALICE = KeyPair.deterministic("alice");
    public static final KeyPair BOB = KeyPair.deterministic("bob");

    private TxFixtures() {
    }

    /** One representative of every payload type (see {@code Payload}'s permitted subclasses). */
    public static List<Payload> onePayloadOfEachType() {
        return List.of(
                new Transfer(BOB.address(), 1_000),
                new CreateAuction("Vintage lamp \u2014 \u53e4\u8463\u706f \ud83e\ude94", 100, 1_700_000_000_000L, 5),
                new Bid(1, 150),
                new EndAuction(2),
                new Withdraw(3),
                new PredictionRecorded(4, 130, 100, 170, 1_700_000_000_000L, 8_000));
    }

    public static Transaction signed(Payload payload, long nonce, long fee, String memo) {
        return Transaction.sign(new TxBody(CHAIN, ALICE.publicKey(), nonce, fee, payload, memo), ALICE);
    }

    /** Signed transactions of every payload type, with distinct nonces and a mix of memos. */
    public static List<Transaction> oneTransactionOfEachType() {
        List<Payload> payloads = onePayloadOfEachType();
        String[] memos = {"", "rent for march", "caf\u00e9 \u2615", "", "refund please \ud83d\ude4f", "oracle: milestone 75%"};
        return java.util.stream.IntStream.range(0, payloads.size())
                .mapToObj(i -> signed(payloads.get(i), i, 10 + i, memos[i]))
                .toList();
    }
}
