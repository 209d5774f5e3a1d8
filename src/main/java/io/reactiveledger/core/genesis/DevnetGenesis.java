package io.reactiveledger.core.genesis;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The development network's genesis. DEV ONLY: every key here is derived from a public label
 * (seed = SHA-256("reactive-ledger devnet " + name)), so anyone can sign for these accounts. Real
 * networks must use keys made with {@code ledger keys new}.
 */
public final class DevnetGenesis {
    public static final String CHAIN_ID = "reactive-devnet";
    public static final long GENESIS_TIME_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final List<String> DEMO_ACCOUNTS = List.of("seller", "alice", "bob", "carol");
    public static final long DEMO_BALANCE = 1_000_000L;
    /** The devnet's auction oracle (node-0 records predictions with it); funded for its transaction fees. */
    public static final String ORACLE = "oracle";
    public static final long ORACLE_BALANCE = 10_000L;

    private DevnetGenesis() {
    }

    public static KeyPair key(String name) {
        return KeyPair.deterministic("reactive-ledger devnet " + name);
    }

    public static KeyPair validatorKey(int index) {
        return key("validator-" + index);
    }

    public static Genesis create(int validators) {
        if (validators < 1) throw new IllegalArgumentException("need at least one validator");
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < validators; i++) vs.add(new Validator(validatorKey(i).publicKey(), 1, "node" + i));
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (String name : DEMO_ACCOUNTS) balances.put(key(name).address(), DEMO_BALANCE);
        balances.put(key(ORACLE).address(), ORACLE_BALANCE);
        return new Genesis(CHAIN_ID, GENESIS_TIME_MS, vs, balances, List.of(key(ORACLE).address()));
    }

    /** Account notes written into the genesis file. */
    public static Map<Address, String> notes() {
        Map<Address, String> notes = new LinkedHashMap<>();
        for (String name : DEMO_ACCOUNTS) notes.put(key(name).address(), "dev-only demo account '" + name + "'");
        notes.put(key(ORACLE).address(), "dev-only auction oracle (node-0 records predictions with it)");
        return notes;
    }
}
