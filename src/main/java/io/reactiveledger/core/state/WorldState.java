package io.reactiveledger.core.state;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.MerkleMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The immutable world state: accounts, contract instances and chain metadata in one persistent
 * {@link MerkleMap}. Versions share structure, so keeping the state of several heights is cheap, and
 * the state root is maintained incrementally.
 */
public final class WorldState {
    private final MerkleMap<Committed> entries;
    private final ChainMeta meta;

    private WorldState(MerkleMap<Committed> entries) {
        this.entries = entries;
        this.meta = (ChainMeta) entries.get(StateKeys.META);
        if (meta == null) throw new IllegalStateException("state has no chain metadata");
    }

    /** A state with the given balances (addresses must be distinct, total must fit in a long). */
    public static WorldState initial(String chainId, Map<Address, Long> balances) {
        return initial(chainId, balances, List.of());
    }

    /** As above, with the oracles allowed to record predictions (none: the same state, and root, as above). */
    public static WorldState initial(String chainId, Map<Address, Long> balances, List<Address> oracles) {
        MerkleMap<Committed> m = MerkleMap.empty();
        for (Address o : oracles) {
            if (m.get(StateKeys.oracle(o)) != null) throw new IllegalArgumentException("duplicate oracle " + o);
            m = m.put(StateKeys.oracle(o), OracleTrack.fresh(o));
        }
        long total = 0;
        for (Map.Entry<Address, Long> e : balances.entrySet()) {
            if (e.getValue() < 0) throw new IllegalArgumentException("negative balance for " + e.getKey());
            total = Math.addExact(total, e.getValue());
            m = m.put(StateKeys.account(e.getKey()), new Account(e.getKey(), e.getValue(), 0));
        }
        m = m.put(StateKeys.META, new ChainMeta(chainId, 1, total));
        return new WorldState(m);
    }

    /** A state over decoded entries (see {@link WorldStateCodec}); they must hold the chain metadata. */
    static WorldState of(MerkleMap<Committed> entries) {
        return new WorldState(entries);
    }

    /** Visits every entry in trie-key order. */
    void forEachEntry(java.util.function.BiConsumer<Hash, Committed> visitor) {
        entries.forEach(visitor);
    }

    /** Returns a new state with the given entries replaced or added. */
    WorldState withUpdates(Map<Hash, Committed> updates) {
        if (updates.isEmpty()) return this;
        return new WorldState(entries.putAll(updates));
    }

    Committed entry(Hash key) {
        return entries.get(key);
    }

    public String chainId() {
        return meta.chainId();
    }

    public ChainMeta meta() {
        return meta;
    }

    public long totalSupply() {
        return meta.totalSupply();
    }

    public Account account(Address address) {
        Committed c = entries.get(StateKeys.account(address));
        return c == null ? Account.empty(address) : (Account) c;
    }

    public ContractInstance contract(long id) {
        return (ContractInstance) entries.get(StateKeys.contract(id));
    }

    /** The Merkle root over every entry; only paths changed since the parent state are re-hashed. */
    public Hash root() {
        return entries.root();
    }

    /** Recomputes the root from scratch over a freshly built trie (for verification; O(n)). */
    public Hash rootFromScratch() {
        java.util.Map<Hash, Committed> all = new java.util.HashMap<>();
        entries.forEach(all::put);
        return MerkleMap.<Committed>empty().putAll(all).root();
    }

    public int entryCount() {
        return entries.size();
    }

    public List<Account> accounts() {
        List<Account> out = new ArrayList<>();
        entries.forEach((k, v) -> {
            if (v instanceof Account a) out.add(a);
        });
        return out;
    }

    /** An oracle listed in genesis with its track record, or null. */
    public OracleTrack oracle(Address address) {
        return (OracleTrack) entries.get(StateKeys.oracle(address));
    }

    /** Every oracle, by address. */
    public List<OracleTrack> oracles() {
        List<OracleTrack> out = new ArrayList<>();
        entries.forEach((k, v) -> {
            if (v instanceof OracleTrack o) out.add(o);
        });
        out.sort((a, b) -> a.oracle().hex().compareTo(b.oracle().hex()));
        return out;
    }

    /** The predictions recorded for an auction, or null when none were. */
    public AuctionPredictions predictions(long auctionId) {
        return (AuctionPredictions) entries.get(StateKeys.predictions(auctionId));
    }

    public List<ContractInstance> contracts() {
        List<ContractInstance> out = new ArrayList<>();
        entries.forEach((k, v) -> {
            if (v instanceof ContractInstance c) out.add(c);
        });
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }
}
