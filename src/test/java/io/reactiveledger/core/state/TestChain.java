package io.reactiveledger.core.state;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small chain for tests: deterministic keys, a genesis, nonce tracking and block application. */
public final class TestChain {
    public static final String CHAIN = "test-chain";
    public static final long GENESIS_TIME = 1_700_000_000_000L;

    public final KeyPair proposerKey = KeyPair.deterministic("validator-0");
    public final Genesis genesis;
    public final StateTransition transition = new StateTransition(ContractRegistry.standard(), new SignatureCache(100_000)::verify);
    private final Map<Address, Long> nonces = new HashMap<>();
    public WorldState state;
    public long height;
    public long time = GENESIS_TIME;
    public Hash previousHash;
    public BlockResult last;

    public TestChain(Map<KeyPair, Long> balances) {
        this(balances, List.of());
    }

    /** With {@code oracles} listed in genesis (allowed to record predictions). */
    public TestChain(Map<KeyPair, Long> balances, List<KeyPair> oracles) {
        Map<Address, Long> b = new LinkedHashMap<>();
        balances.forEach((k, v) -> b.put(k.address(), v));
        List<Address> os = new ArrayList<>();
        for (KeyPair o : oracles) os.add(o.address());
        genesis = new Genesis(CHAIN, GENESIS_TIME, List.of(new Validator(proposerKey.publicKey(), 1, "v0")), b, os);
        state = genesis.state();
        previousHash = genesis.hash();
    }

    public static KeyPair key(String name) {
        return KeyPair.deterministic("test-" + name);
    }

    public Transaction tx(KeyPair from, Payload payload) {
        return tx(from, payload, 1);
    }

    public Transaction tx(KeyPair from, Payload payload, long fee) {
        long nonce = nonces.getOrDefault(from.address(), 0L);
        nonces.put(from.address(), nonce + 1);
        return Transaction.sign(new TxBody(CHAIN, from.publicKey(), nonce, fee, payload, ""), from);
    }

    /** A transaction with an explicit nonce that does not advance the tracked nonce. */
    public Transaction txWithNonce(KeyPair from, Payload payload, long fee, long nonce) {
        return Transaction.sign(new TxBody(CHAIN, from.publicKey(), nonce, fee, payload, ""), from);
    }

    /** Forgets locally tracked nonces so the next tx uses the account's committed nonce. */
    public void resyncNonces() {
        nonces.clear();
        state.accounts().forEach(a -> nonces.put(a.address(), a.nextNonce()));
    }

    /** Builds and applies a block at {@code time + advanceMs}; returns its receipts. */
    public List<Receipt> block(long advanceMs, Transaction... txs) {
        return block(advanceMs, List.of(txs));
    }

    public List<Receipt> block(long advanceMs, List<Transaction> txs) {
        time += advanceMs;
        height++;
        BuiltBlock built = transition.build(state, new BlockContext(CHAIN, height, time, proposerKey.address()),
                previousHash, genesis.validators().hash(), new ArrayList<>(txs));
        last = built.result();
        state = built.result().state();
        previousHash = built.block().hash();
        return built.result().receipts();
    }

    public long balance(KeyPair k) {
        return state.account(k.address()).balance();
    }

    /** Sum of all account and contract balances. */
    public long circulating() {
        long sum = 0;
        for (Account a : state.accounts()) sum += a.balance();
        for (ContractInstance c : state.contracts()) sum += c.balance();
        return sum;
    }
}
