package io.reactiveledger.core.state;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import java.util.HashMap;
import java.util.Map;

/**
 * Uncommitted writes over a parent (a {@link WorldState} or another overlay). A block executes in one
 * overlay and each transaction's payload in a child overlay that is merged only on success, which makes
 * every payload all-or-nothing.
 */
final class Overlay {
    private final WorldState base;
    private final Overlay parent;
    private final Map<Hash, Committed> writes = new HashMap<>();

    Overlay(WorldState base) {
        this.base = base;
        this.parent = null;
    }

    Overlay(Overlay parent) {
        this.base = parent.base;
        this.parent = parent;
    }

    Committed get(Hash key) {
        Committed c = writes.get(key);
        if (c != null) return c;
        return parent != null ? parent.get(key) : base.entry(key);
    }

    void put(Hash key, Committed value) {
        writes.put(key, value);
    }

    Account account(Address a) {
        Committed c = get(StateKeys.account(a));
        return c == null ? Account.empty(a) : (Account) c;
    }

    void putAccount(Account a) {
        put(StateKeys.account(a.address()), a);
    }

    ContractInstance contract(long id) {
        return (ContractInstance) get(StateKeys.contract(id));
    }

    void putContract(ContractInstance c) {
        put(StateKeys.contract(c.id()), c);
    }

    ChainMeta meta() {
        return (ChainMeta) get(StateKeys.META);
    }

    void mergeIntoParent() {
        parent.writes.putAll(writes);
    }

    WorldState commit() {
        if (parent != null) throw new IllegalStateException("only the block overlay commits");
        return base.withUpdates(writes);
    }
}
