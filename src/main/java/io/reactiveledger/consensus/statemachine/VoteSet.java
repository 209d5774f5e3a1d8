package io.reactiveledger.consensus.statemachine;

import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The votes of one type in one round: at most one counted vote per validator, the power behind each
 * block hash (and nil), and the first conflicting vote seen per validator as equivocation evidence.
 * It only counts; callers verify signatures and membership first.
 */
public final class VoteSet {
    /** Outcome of adding a vote. */
    public enum Added { NEW, DUPLICATE, CONFLICT }

    private static final Object NIL = new Object();

    private final ValidatorSet validators;
    private final Map<Address, Vote> votes = new LinkedHashMap<>();
    private final Map<Object, Long> power = new HashMap<>();
    private long totalPower;

    public VoteSet(ValidatorSet validators) {
        this.validators = validators;
    }

    public Added add(Vote vote) {
        Vote existing = votes.get(vote.validator());
        if (existing != null) return existing.equals(vote) ? Added.DUPLICATE : existing.conflictsWith(vote) ? Added.CONFLICT : Added.DUPLICATE;
        long p = validators.get(vote.validator()).orElseThrow(() -> new IllegalArgumentException("not a validator")).power();
        votes.put(vote.validator(), vote);
        power.merge(key(vote.blockHash()), p, Long::sum);
        totalPower += p;
        return Added.NEW;
    }

    public Optional<Vote> get(Address validator) {
        return Optional.ofNullable(votes.get(validator));
    }

    /** Power behind {@code blockHash} (null = nil). */
    public long powerFor(Hash blockHash) {
        return power.getOrDefault(key(blockHash), 0L);
    }

    public long totalPower() {
        return totalPower;
    }

    /** More than 2/3 of the power voted for {@code blockHash} (null = nil). */
    public boolean hasQuorumFor(Hash blockHash) {
        return validators.isQuorum(powerFor(blockHash));
    }

    /** More than 2/3 of the power voted, for anything. */
    public boolean hasQuorumAny() {
        return validators.isQuorum(totalPower);
    }

    /** The block hash (not nil) that has a quorum, if any. */
    public Optional<Hash> quorumBlock() {
        for (Map.Entry<Object, Long> e : power.entrySet()) {
            if (e.getKey() != NIL && validators.isQuorum(e.getValue())) return Optional.of((Hash) e.getKey());
        }
        return Optional.empty();
    }

    /** Signatures of the votes for {@code blockHash}, for a commit certificate. */
    public List<CommitSignature> signaturesFor(Hash blockHash) {
        List<CommitSignature> out = new ArrayList<>();
        for (Vote v : votes.values()) {
            if (blockHash.equals(v.blockHash())) out.add(v.toCommitSignature());
        }
        return out;
    }

    private static Object key(Hash h) {
        return h == null ? NIL : h;
    }
}
