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
 * The votes of one type in one round and the power behind each block hash (and nil). It only counts;
 * callers verify signatures and membership first.
 *
 * <p>An equivocating validator's conflicting votes each count toward the value they name, as messages
 * do in the paper's model (a quorum for v is 2f+1 distinct senders of a vote for v). Counting only the
 * first one would let a Byzantine validator show different polkas to different honest validators and
 * stall them on different locks. At most {@value #MAX_VOTES_PER_VALIDATOR} distinct votes per validator
 * are kept, which bounds memory against a flood of junk values.
 */
public final class VoteSet {
    /** Outcome of adding a vote. */
    public enum Added { NEW, DUPLICATE, CONFLICT }

    private static final Object NIL = new Object();

    public static final int MAX_VOTES_PER_VALIDATOR = 3;

    private final ValidatorSet validators;
    private final Map<Address, List<Vote>> votes = new LinkedHashMap<>();
    private final Map<Object, Long> power = new HashMap<>();
    private long totalPower;

    public VoteSet(ValidatorSet validators) {
        this.validators = validators;
    }

    /**
     * NEW for a validator's first vote; CONFLICT for a vote naming a value it has not voted for yet (it is
     * counted too, up to the cap); DUPLICATE for a value it already voted for.
     */
    public Added add(Vote vote) {
        long p = validators.get(vote.validator()).orElseThrow(() -> new IllegalArgumentException("not a validator")).power();
        List<Vote> mine = votes.get(vote.validator());
        if (mine == null) {
            mine = new ArrayList<>(1);
            votes.put(vote.validator(), mine);
            mine.add(vote);
            power.merge(key(vote.blockHash()), p, Long::sum);
            totalPower += p;
            return Added.NEW;
        }
        for (Vote v : mine) {
            if (java.util.Objects.equals(v.blockHash(), vote.blockHash())) return Added.DUPLICATE;
        }
        if (mine.size() < MAX_VOTES_PER_VALIDATOR) {
            mine.add(vote);
            power.merge(key(vote.blockHash()), p, Long::sum);
        }
        return Added.CONFLICT;
    }

    /** The validator's first vote. */
    public Optional<Vote> get(Address validator) {
        List<Vote> mine = votes.get(validator);
        return mine == null ? Optional.empty() : Optional.of(mine.get(0));
    }

    /** Every counted vote, for gossip. */
    public List<Vote> all() {
        List<Vote> out = new ArrayList<>();
        for (List<Vote> mine : votes.values()) out.addAll(mine);
        return out;
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

    /** More than 2/3 of the power voted, for anything (each validator counted once). */
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
        for (List<Vote> mine : votes.values()) {
            for (Vote v : mine) {
                if (blockHash.equals(v.blockHash())) out.add(v.toCommitSignature());
            }
        }
        return out;
    }

    private static Object key(Hash h) {
        return h == null ? NIL : h;
    }
}
