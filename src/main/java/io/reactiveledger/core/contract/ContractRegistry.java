package io.reactiveledger.core.contract;

import io.reactiveledger.core.contract.auction.AuctionContract;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The contract types a chain knows, by name. Every node of a chain must use the same registry. */
public final class ContractRegistry {
    private final Map<String, ContractType<?>> types;

    public ContractRegistry(Iterable<ContractType<?>> types) {
        Map<String, ContractType<?>> m = new TreeMap<>();
        for (ContractType<?> t : types) {
            if (m.put(t.name(), t) != null) throw new IllegalArgumentException("duplicate contract type " + t.name());
        }
        this.types = Map.copyOf(m);
    }

    /** The registry of this release: the English auction. */
    public static ContractRegistry standard() {
        return new ContractRegistry(java.util.List.of(new AuctionContract()));
    }

    public Optional<ContractType<?>> get(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
