package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validators, in canonical order (by address). A quorum is voting power strictly greater than
 * two thirds of the total. Hash = SHA-256(0x40 || u16 count || for each: public key || u64 power).
 */
public final class ValidatorSet {
    public static final int MAX_VALIDATORS = 1000;

    private final List<Validator> validators;
    private final Map<Address, Validator> byAddress;
    private final long totalPower;
    private final Hash hash;

    public ValidatorSet(List<Validator> validators) {
        if (validators.isEmpty()) throw new IllegalArgumentException("a validator set needs at least one validator");
        if (validators.size() > MAX_VALIDATORS) throw new IllegalArgumentException("at most " + MAX_VALIDATORS + " validators");
        List<Validator> sorted = new ArrayList<>(validators);
        sorted.sort(Comparator.comparing(Validator::address));
        Map<Address, Validator> map = new HashMap<>();
        long total = 0;
        ByteWriter w = new ByteWriter(2 + sorted.size() * 40).u16(sorted.size());
        for (Validator v : sorted) {
            if (map.put(v.address(), v) != null) throw new IllegalArgumentException("duplicate validator " + v.address());
            total += v.power();
            w.bytes(v.publicKey().bytes()).u64(v.power());
        }
        this.validators = List.copyOf(sorted);
        this.byAddress = Map.copyOf(map);
        this.totalPower = total;
        this.hash = Sha256.tagged(0x40, w.toByteArray());
    }

    public List<Validator> validators() {
        return validators;
    }

    public int size() {
        return validators.size();
    }

    public Optional<Validator> get(Address address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public long totalPower() {
        return totalPower;
    }

    /** True when {@code power} is strictly more than two thirds of the total. */
    public boolean isQuorum(long power) {
        return 3 * power > 2 * totalPower;
    }

    /** The maximum power f that may be Byzantine: strictly less than one third of the total. */
    public long maxFaultyPower() {
        return (totalPower - 1) / 3;
    }

    public Hash hash() {
        return hash;
    }
}
