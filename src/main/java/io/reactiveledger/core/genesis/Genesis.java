package io.reactiveledger.core.genesis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.PublicKey;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.ChainId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The genesis file (JSON): chain id, genesis time, validators (public key, voting power, name) and
 * initial balances, and optionally the oracles allowed to record predictions ({@code oracles}: addresses; absent
 * or empty adds nothing to the state, so files without it keep their hash). The genesis hash, which block 1
 * names as its previous hash, is SHA-256(0x50 || chain id || u64 time || validator-set hash || genesis state root).
 */
public final class Genesis {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public record ValidatorEntry(@JsonProperty("name") String name,
                                 @JsonProperty("publicKey") String publicKey,
                                 @JsonProperty("power") long power) {
    }

    public record AccountEntry(@JsonProperty("address") String address,
                               @JsonProperty("balance") long balance,
                               @JsonProperty("note") String note) {
    }

    public record File(@JsonProperty("chainId") String chainId,
                       @JsonProperty("genesisTimeMs") long genesisTimeMs,
                       @JsonProperty("validators") List<ValidatorEntry> validators,
                       @JsonProperty("accounts") List<AccountEntry> accounts,
                       @JsonProperty("oracles") @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<String> oracles) {
    }

    private final String chainId;
    private final long genesisTimeMs;
    private final ValidatorSet validators;
    private final Map<Address, Long> balances;
    private final List<Address> oracles;
    private final WorldState state;
    private final Hash hash;

    public Genesis(String chainId, long genesisTimeMs, List<Validator> validators, Map<Address, Long> balances) {
        this(chainId, genesisTimeMs, validators, balances, List.of());
    }

    /** With the oracles (addresses, distinct) allowed to record {@code PredictionRecorded} transactions. */
    public Genesis(String chainId, long genesisTimeMs, List<Validator> validators, Map<Address, Long> balances,
                   List<Address> oracles) {
        this.oracles = List.copyOf(oracles);
        this.chainId = ChainId.require(chainId);
        if (genesisTimeMs < 0) throw new IllegalArgumentException("genesis time must not be negative");
        this.genesisTimeMs = genesisTimeMs;
        for (Validator v : validators) {
            if (!Ed25519.isFullOrderPublicKey(v.publicKey().bytes())) {
                throw new IllegalArgumentException("validator " + v.name() + " has an invalid Ed25519 public key");
            }
        }
        this.validators = new ValidatorSet(validators);
        this.balances = new TreeMap<>(balances);
        for (Map.Entry<Address, Long> e : balances.entrySet()) {
            if (e.getValue() <= 0) throw new IllegalArgumentException("balance of " + e.getKey() + " must be positive");
        }
        try {
            this.state = WorldState.initial(chainId, this.balances, this.oracles);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("total supply exceeds 2^63 - 1");
        }
        this.hash = Sha256.tagged(0x50, new ByteWriter(128).ascii8(chainId).u64(genesisTimeMs)
                .bytes(this.validators.hash().bytes()).bytes(state.root().bytes()).toByteArray());
    }

    public static Genesis parse(String json) {
        File f;
        try {
            f = JSON.readValue(json, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid genesis JSON: " + e.getMessage());
        }
        if (f.validators() == null || f.validators().isEmpty()) throw new IllegalArgumentException("genesis needs validators");
        List<Validator> vs = new ArrayList<>();
        for (ValidatorEntry v : f.validators()) {
            vs.add(new Validator(PublicKey.fromHex(v.publicKey()), v.power(), v.name()));
        }
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (AccountEntry a : f.accounts() == null ? List.<AccountEntry>of() : f.accounts()) {
            if (balances.put(Address.fromHex(a.address()), a.balance()) != null) {
                throw new IllegalArgumentException("duplicate genesis account " + a.address());
            }
        }
        List<Address> oracles = new ArrayList<>();
        for (String o : f.oracles() == null ? List.<String>of() : f.oracles()) oracles.add(Address.fromHex(o));
        return new Genesis(f.chainId(), f.genesisTimeMs(), vs, balances, oracles);
    }

    public static Genesis read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public String toJson(Map<Address, String> notes) {
        List<ValidatorEntry> vs = new ArrayList<>();
        for (Validator v : validators.validators()) vs.add(new ValidatorEntry(v.name(), v.publicKey().hex(), v.power()));
        List<AccountEntry> as = new ArrayList<>();
        balances.forEach((a, b) -> as.add(new AccountEntry(a.hex(), b, notes.get(a))));
        try {
            List<String> os = new ArrayList<>();
            for (Address o : oracles) os.add(o.hex());
            return JSON.writeValueAsString(new File(chainId, genesisTimeMs, vs, as, os));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String chainId() {
        return chainId;
    }

    public long genesisTimeMs() {
        return genesisTimeMs;
    }

    public ValidatorSet validators() {
        return validators;
    }

    public Map<Address, Long> balances() {
        return Map.copyOf(balances);
    }

    /** The oracles allowed to record predictions (may be empty). */
    public List<Address> oracles() {
        return oracles;
    }

    /** The state before block 1. */
    public WorldState state() {
        return state;
    }

    public Hash hash() {
        return hash;
    }
}
