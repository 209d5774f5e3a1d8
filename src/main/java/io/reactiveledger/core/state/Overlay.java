package io.reactiveledger.core.state;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import java.util.HashMap;
import java.util.Map;

/**
 * Uncommitted writes over a parent (a {@link WorldState} or another overlay). A block executes in one
 * overlay and each transaction's payload in a child overlay that is merged only on success, which makes
 * every payload all-or-nothing. Writes are keyed by address and id; trie keys are hashed only once per
 * touched entry, when the block commits.
 */
final class Overlay {
    private final WorldState base;
    private final Overlay parent;
    private final Map<Address, Account> accounts = new HashMap<>();
    private final Map<Long, ContractInstance> contracts = new HashMap<>();
    private ChainMeta meta;
    /** Oracle tracks and auction predictions, by state key. */
    private final Map<Hash, Committed> others = new HashMap<>();

    Overlay(WorldState base) {
        this.base = base;
        this.parent = null;
    }

    Overlay(Overlay parent) {
        this.base = parent.base;
        this.parent = parent;
    }

    Account account(Address a) {
        Account acc = accounts.get(a);
        if (acc != null) return acc;
        return parent != null ? parent.account(a) : base.account(a);
    }

    void putAccount(Account a) {
        accounts.put(a.address(), a);
    }

    ContractInstance contract(long id) {
        ContractInstance c = contracts.get(id);
        if (c != null) return c;
        return parent != null ? parent.contract(id) : base.contract(id);
    }

    void putContract(ContractInstance c) {
        contracts.put(c.id(), c);
    }

    ChainMeta meta() {
        if (meta != null) return meta;
        return parent != null ? parent.meta() : base.meta();
    }

    void putMeta(ChainMeta m) {
        meta = m;
    }

    Committed other(Hash key) {
        Committed c = others.get(key);
        if (c != null) return c;
        return parent != null ? parent.other(key) : base.entry(key);
    }

    void putOther(Hash key, Committed value) {
        others.put(key, value);
    }

    void mergeIntoParent() {
        parent.others.putAll(others);
        parent.accounts.putAll(accounts);
        parent.contracts.putAll(contracts);
        if (meta != null) parent.meta = meta;
    }

    WorldState commit() {
        if (parent != null) throw new IllegalStateException("only the block overlay commits");
        Map<Hash, Committed> updates = new HashMap<>(accounts.size() * 2 + contracts.size() * 2 + 2);
        accounts.forEach((a, acc) -> updates.put(StateKeys.account(a), acc));
        contracts.forEach((id, c) -> updates.put(StateKeys.contract(id), c));
        if (meta != null) updates.put(StateKeys.META, meta);
        updates.putAll(others);
        return base.withUpdates(updates);
    }
}
