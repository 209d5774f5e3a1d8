package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proof that a block was committed: precommit signatures for (height, round, block hash) from
 * validators holding more than two thirds of the voting power. Signatures are kept sorted by validator
 * address so the encoding is canonical.
 */
public record CommitCertificate(long height, int round, Hash blockHash, List<CommitSignature> signatures) {

    public CommitCertificate {
        if (height < 1) throw new IllegalArgumentException("height must be at least 1");
        if (round < 0) throw new IllegalArgumentException("round must not be negative");
        List<CommitSignature> sorted = new ArrayList<>(signatures);
        sorted.sort(Comparator.comparing(CommitSignature::validator));
        signatures = List.copyOf(sorted);
    }

    /** Checks every signature and the quorum; returns the first problem, or empty when valid. */
    public Optional<String> verify(ValidatorSet validators, String chainId, Hash expectedBlockHash, long expectedHeight) {
        if (height != expectedHeight) return Optional.of("certificate is for height " + height + ", expected " + expectedHeight);
        if (!blockHash.equals(expectedBlockHash)) return Optional.of("certificate is for another block " + blockHash);
        byte[] msg = VoteSignBytes.of(chainId, VoteType.PRECOMMIT, height, round, blockHash);
        Set<Address> seen = new HashSet<>();
        long power = 0;
        for (CommitSignature s : signatures) {
            if (!seen.add(s.validator())) return Optional.of("duplicate signature from " + s.validator());
            Optional<Validator> v = validators.get(s.validator());
            if (v.isEmpty()) return Optional.of("signer " + s.validator() + " is not a validator");
            if (!Ed25519.verify(v.get().publicKey(), msg, s.signature())) {
                return Optional.of("bad precommit signature from " + s.validator());
            }
            power += v.get().power();
        }
        if (!validators.isQuorum(power)) {
            return Optional.of("signers hold " + power + " of " + validators.totalPower() + " voting power, need more than 2/3");
        }
        return Optional.empty();
    }

    public void writeTo(ByteWriter w) {
        w.u64(height).u32(round).bytes(blockHash.bytes()).u16(signatures.size());
        for (CommitSignature s : signatures) w.bytes(s.validator().bytes()).bytes(s.signature());
    }

    public static CommitCertificate read(ByteReader r) throws DecodeException {
        int at = r.position();
        long height = r.nonNegative64("cert.height");
        long round = r.u32("cert.round");
        Hash hash = Hash.of(r.fixed(Hash.SIZE, "cert.blockHash"));
        int n = r.u16("cert.count");
        if (n > ValidatorSet.MAX_VALIDATORS || height < 1 || round > Integer.MAX_VALUE) {
            throw new DecodeException(io.reactiveledger.core.codec.DecodeError.VALUE_OUT_OF_RANGE, "cert", at,
                    "height, round or signature count out of range");
        }
        List<CommitSignature> sigs = new ArrayList<>(Math.min(n, r.remaining() / 84 + 1));
        Address previous = null;
        for (int i = 0; i < n; i++) {
            int validatorAt = r.position();
            Address a = Address.of(r.fixed(Address.SIZE, "cert.validator"));
            // The constructor sorts by address, so only strictly ascending input re-encodes to itself.
            if (previous != null && a.compareTo(previous) <= 0) {
                throw new DecodeException(io.reactiveledger.core.codec.DecodeError.VALUE_OUT_OF_RANGE, "cert.validator",
                        validatorAt, "signatures must be sorted by validator address, without duplicates");
            }
            previous = a;
            sigs.add(new CommitSignature(a, r.fixed(64, "cert.signature")));
        }
        return new CommitCertificate(height, (int) round, hash, sigs);
    }
}
