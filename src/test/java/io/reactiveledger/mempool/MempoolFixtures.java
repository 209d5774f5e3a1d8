package io.reactiveledger.mempool;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Deterministic keys, funded states, transactions and committed blocks for the mempool tests. */
final class MempoolFixtures {
    static final String CHAIN = "mempool-test";
    static final KeyPair ALICE = KeyPair.deterministic("mempool-alice");
    static final KeyPair BOB = KeyPair.deterministic("mempool-bob");
    static final KeyPair CAROL = KeyPair.deterministic("mempool-carol");
    static final KeyPair DAVE = KeyPair.deterministic("mempool-dave");
    static final KeyPair ERIN = KeyPair.deterministic("mempool-erin");
    static final KeyPair FRANK = KeyPair.deterministic("mempool-frank");
    /** Receives every transfer and the block fees; never sends. */
    static final Address SINK = KeyPair.deterministic("mempool-sink").address();

    private MempoolFixtures() {
    }

    /** A genesis state (no validators needed for execution) in which every key holds {@code each}. */
    static WorldState funded(long each, KeyPair... keys) {
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair k : keys) balances.put(k.address(), each);
        return WorldState.initial(CHAIN, balances);
    }

    static WorldState funded(long each) {
        return funded(each, ALICE, BOB, CAROL, DAVE, ERIN, FRANK);
    }

    /** A signed transfer of {@code amount} to {@link #SINK}. */
    static Transaction transfer(KeyPair from, long nonce, long fee, long amount) {
        return transfer(from, nonce, fee, amount, "");
    }

    static Transaction transfer(KeyPair from, long nonce, long fee, long amount, String memo) {
        return signed(CHAIN, from, nonce, fee, new Transfer(SINK, amount), memo);
    }

    static Transaction signed(String chain, KeyPair from, long nonce, long fee, Payload payload, String memo) {
        return Transaction.sign(new TxBody(chain, from.publicKey(), nonce, fee, payload, memo), from);
    }

    /**
     * A transaction with an all-zero signature, built without signing (about 5x cheaper); only for pools
     * whose signature check accepts it.
     */
    static Transaction unsigned(KeyPair from, long nonce, long fee, long amount, String memo) {
        byte[] body = new TxBody(CHAIN, from.publicKey(), nonce, fee, new Transfer(SINK, amount), memo).encode();
        try {
            return Transaction.decode(Arrays.copyOf(body, body.length + 64));
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code tx}'s bytes with the last signature byte changed: decodes, does not verify. */
    static byte[] badSignature(Transaction tx) {
        byte[] b = tx.encoded();
        b[b.length - 1] ^= 0x01;
        return b;
    }

    /** Executes {@code txs} as the next block (proposer {@link #SINK}); fails unless every one succeeds. */
    static WorldState commit(WorldState state, List<Transaction> txs, Predicate<Transaction> signatureCheck) {
        BlockResult r = new StateTransition(ContractRegistry.standard(), signatureCheck)
                .execute(state, new BlockContext(CHAIN, 1, 1_700_000_000_000L, SINK), txs);
        r.receipts().forEach(rc -> {
            if (rc.status() != ReceiptStatus.SUCCESS) throw new AssertionError("not executed: " + rc);
        });
        return r.state();
    }

    static WorldState commit(WorldState state, List<Transaction> txs) {
        return commit(state, txs, Transaction::verifySignature);
    }
}
