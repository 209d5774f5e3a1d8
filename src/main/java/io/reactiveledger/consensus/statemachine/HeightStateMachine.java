package io.reactiveledger.consensus.statemachine;

import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tendermint consensus for one height (Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus",
 * arXiv 1807.04938, Algorithm 1). Pure and single-threaded: events in, {@link Action}s out; no clocks,
 * no I/O. Every proposal and vote is checked (height, round window, sender, Ed25519 signature) before
 * it counts. The driver owns timers, the network, persistence and block building.
 *
 * <p>Line numbers in comments refer to Algorithm 1 of the paper.
 */
public final class HeightStateMachine {
    private final ConsensusParams params;
    private final ConsensusContext ctx;
    private final ValidatorSet validators;
    private final long height;
    private final PrivValidator signer;

    private int round = -1;
    private Step step = Step.PROPOSE;
    private Block lockedValue;
    private int lockedRound = -1;
    private Block validValue;
    private int validRound = -1;
    private CommittedBlock decision;

    private final Map<Integer, Proposal> proposals = new HashMap<>();
    private final Map<Hash, Optional<String>> validity = new HashMap<>();
    private final Map<Integer, VoteSet> prevotes = new HashMap<>();
    private final Map<Integer, VoteSet> precommits = new HashMap<>();
    private final Map<Integer, Set<Address>> senders = new HashMap<>();
    private final Set<Integer> prevoteTimeoutScheduled = new HashSet<>();
    private final Set<Integer> precommitTimeoutScheduled = new HashSet<>();
    private final Set<Integer> polkaHandled = new HashSet<>();
    private final Set<Integer> proposedIn = new HashSet<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final Set<String> evidenceKeys = new HashSet<>();
    private List<Action> out = new ArrayList<>();

    /**
     * @param signer the validator's signer, or null for an observer that follows without voting
     */
    public HeightStateMachine(ConsensusParams params, ConsensusContext ctx, long height, PrivValidator signer) {
        this.params = params;
        this.ctx = ctx;
        this.validators = ctx.validators();
        this.height = height;
        this.signer = signer != null && validators.get(signer.address()).isPresent() ? signer : null;
    }

    // ---------------------------------------------------------------- inputs

    /**
     * Line 10: start round 0. The upon-rules are then evaluated at once, so that proposals and votes
     * delivered before the start (e.g. buffered by the driver) are acted upon.
     */
    public List<Action> start() {
        if (round < 0) {
            // After a restart, resume past the last round this validator signed in (see PrivValidator).
            startRound(signer == null ? 0 : signer.resumeRound(height));
            process();
        }
        return drain();
    }

    public List<Action> onProposal(Proposal p) {
        if (acceptProposal(p)) process();
        return drain();
    }

    public List<Action> onVote(Vote v) {
        if (acceptVote(v)) process();
        return drain();
    }

    /** Lines 57-65. Stale timeouts (other height, round or step) do nothing. */
    public List<Action> onTimeout(Timeout t) {
        if (decision == null && t.height() == height && t.round() == round) {
            switch (t.step()) {
                case PROPOSE -> {
                    if (step == Step.PROPOSE) {
                        castVote(VoteType.PREVOTE, null);
                        step = Step.PREVOTE;
                    }
                }
                case PREVOTE -> {
                    if (step == Step.PREVOTE) {
                        castVote(VoteType.PRECOMMIT, null);
                        step = Step.PRECOMMIT;
                    }
                }
                case PRECOMMIT -> startRound(round + 1);
            }
            process();
        }
        return drain();
    }

    /** The block the driver built after {@link Action.RequestValue}; ignored if the round has moved on. */
    public List<Action> onValue(long h, int r, Block block) {
        if (decision == null && h == height && r == round && step == Step.PROPOSE && isProposer(r)
                && !proposedIn.contains(r) && block.height() == height) {
            validity.put(block.hash(), Optional.empty());
            propose(block, -1);
            process();
        }
        return drain();
    }

    /**
     * A block committed elsewhere, with its certificate (catch-up). Decides the height if the
     * certificate is valid for this validator set and the block is valid.
     */
    public List<Action> onCommittedBlock(CommittedBlock cb) {
        if (decision == null && cb.block().height() == height
                && cb.certificate().verify(validators, ctx.chainId(), cb.block().hash(), height).isEmpty()
                && isValid(cb.block())) {
            decide(cb);
        }
        return drain();
    }

    // ---------------------------------------------------------------- acceptance (checks before counting)

    private boolean acceptProposal(Proposal p) {
        if (p.height() != height || p.round() > Math.max(round, 0) + params.maxRoundsAhead()) return false;
        Validator expected = ProposerSelection.proposer(validators, height, p.round());
        if (!expected.address().equals(p.proposer()) || !p.verify(ctx.chainId(), expected.publicKey())) return false;
        // The signature covers the header only; a relay could swap the transactions. Refuse such a copy
        // before it is stored or its validity cached, so the genuine proposal still gets through.
        if (!p.block().txRootMatches()) return false;
        Proposal existing = proposals.get(p.round());
        if (existing != null) {
            if (!existing.blockHash().equals(p.blockHash())) {
                recordEvidence(new Evidence.ConflictingProposals(existing, p));
            }
            return false;
        }
        proposals.put(p.round(), p);
        senders.computeIfAbsent(p.round(), r -> new HashSet<>()).add(p.proposer());
        return true;
    }

    private boolean acceptVote(Vote v) {
        if (v.height() != height || v.round() > Math.max(round, 0) + params.maxRoundsAhead()) return false;
        Optional<Validator> val = validators.get(v.validator());
        if (val.isEmpty() || !v.verify(ctx.chainId(), val.get().publicKey())) return false;
        VoteSet set = votes(v.type(), v.round());
        return switch (set.add(v)) {
            case NEW -> {
                senders.computeIfAbsent(v.round(), r -> new HashSet<>()).add(v.validator());
                yield true;
            }
            case DUPLICATE -> false;
            case CONFLICT -> {
                recordEvidence(new Evidence.DuplicateVote(set.get(v.validator()).orElseThrow(), v));
                yield true; // it counts toward its own value (see VoteSet)
            }
        };
    }

    // ---------------------------------------------------------------- the upon-rules

    /** Applies the rules until none fires. */
    private void process() {
        boolean changed = true;
        while (changed && decision == null) {
            changed = tryDecide() || trySkipRound() || tryPrevoteOnProposal() || tryPolka() || tryNilPolka();
            scheduleQuorumTimeouts();
        }
    }

    /** Lines 49-54: a proposal and 2f+1 precommits for it, in any round. */
    private boolean tryDecide() {
        for (Map.Entry<Integer, VoteSet> e : precommits.entrySet()) {
            Optional<Hash> hash = e.getValue().quorumBlock();
            if (hash.isEmpty()) continue;
            Proposal p = proposals.get(e.getKey());
            if (p == null || !p.blockHash().equals(hash.get()) || !isValid(p.block())) continue;
            int r = e.getKey();
            CommitCertificate cert = new CommitCertificate(height, r, hash.get(), e.getValue().signaturesFor(hash.get()));
            decide(new CommittedBlock(p.block(), cert));
            return true;
        }
        return false;
    }

    /** Line 55: f+1 messages from a higher round move us to that round. */
    private boolean trySkipRound() {
        int target = -1;
        for (Map.Entry<Integer, Set<Address>> e : senders.entrySet()) {
            if (e.getKey() > round && e.getKey() > target && moreThanOneThird(e.getValue())) target = e.getKey();
        }
        if (target < 0) return false;
        startRound(target);
        return true;
    }

    /** Lines 22-33: prevote on the current round's proposal. */
    private boolean tryPrevoteOnProposal() {
        if (step != Step.PROPOSE) return false;
        Proposal p = proposals.get(round);
        if (p == null) return false;
        Block v = p.block();
        int vr = p.polRound();
        if (vr == -1) {
            Optional<String> invalid = validity(v);
            if (invalid.isEmpty()) invalid = ctx.policy(v);
            if (invalid.isEmpty() && (lockedRound == -1 || isLocked(v))) {
                castVote(VoteType.PREVOTE, v.hash());
            } else {
                rejectAndPrevoteNil(invalid, "locked on another block in round " + lockedRound);
            }
        } else {
            if (vr >= round || !prevotes(vr).hasQuorumFor(v.hash())) return false; // wait for the polka
            Optional<String> invalid = validity(v);
            if (invalid.isEmpty() && (lockedRound <= vr || isLocked(v))) {
                castVote(VoteType.PREVOTE, v.hash());
            } else {
                rejectAndPrevoteNil(invalid, "locked on another block in round " + lockedRound + " > " + vr);
            }
        }
        step = Step.PREVOTE;
        return true;
    }

    /** Lines 36-43: 2f+1 prevotes for the current proposal: lock and precommit (once per round). */
    private boolean tryPolka() {
        if (step == Step.PROPOSE || polkaHandled.contains(round)) return false;
        Proposal p = proposals.get(round);
        if (p == null || !prevotes(round).hasQuorumFor(p.blockHash()) || !isValid(p.block())) return false;
        polkaHandled.add(round);
        if (step == Step.PREVOTE) {
            lockedValue = p.block();
            lockedRound = round;
            castVote(VoteType.PRECOMMIT, p.blockHash());
            step = Step.PRECOMMIT;
        }
        validValue = p.block();
        validRound = round;
        return true;
    }

    /** Lines 44-46: 2f+1 prevotes for nil: precommit nil. */
    private boolean tryNilPolka() {
        if (step != Step.PREVOTE || !prevotes(round).hasQuorumFor(null)) return false;
        castVote(VoteType.PRECOMMIT, null);
        step = Step.PRECOMMIT;
        return true;
    }

    /** Lines 34-35 and 47-48: quorum of any prevotes / precommits starts the step's timeout, once. */
    private void scheduleQuorumTimeouts() {
        if (decision != null) return;
        if (step == Step.PREVOTE && prevotes(round).hasQuorumAny() && prevoteTimeoutScheduled.add(round)) {
            schedule(Step.PREVOTE);
        }
        if (precommits(round).hasQuorumAny() && precommitTimeoutScheduled.add(round)) {
            schedule(Step.PRECOMMIT);
        }
    }

    // ---------------------------------------------------------------- procedures

    /** Lines 11-21. */
    private void startRound(int r) {
        round = r;
        step = Step.PROPOSE;
        if (isProposer(r) && signer != null) {
            if (validValue != null) {
                propose(validValue, validRound);
            } else {
                out.add(new Action.RequestValue(height, r));
            }
        }
        schedule(Step.PROPOSE);
    }

    private void propose(Block block, int polRound) {
        if (!proposedIn.add(round)) return;
        signer.signProposal(height, round, polRound, block).ifPresent(p -> {
            out.add(new Action.BroadcastProposal(p));
            acceptProposal(p);
        });
    }

    private void castVote(VoteType type, Hash blockHash) {
        if (signer == null) return;
        signer.signVote(type, height, round, blockHash).ifPresent(v -> {
            out.add(new Action.BroadcastVote(v));
            acceptVote(v);
        });
    }

    private void rejectAndPrevoteNil(Optional<String> invalid, String lockReason) {
        out.add(new Action.RejectedProposal(height, round, invalid.orElse(lockReason)));
        castVote(VoteType.PREVOTE, null);
    }

    private void decide(CommittedBlock cb) {
        decision = cb;
        out.add(new Action.Decide(cb, cb.certificate().round()));
    }

    private void schedule(Step s) {
        out.add(new Action.ScheduleTimeout(new Timeout(s, height, round), params.timeout(s, round)));
    }

    /** Records each equivocation once per validator, round and step, so resends cannot grow the list. */
    private void recordEvidence(Evidence e) {
        String kind = e instanceof Evidence.DuplicateVote d ? d.first().type().name() : "PROPOSAL";
        if (!evidenceKeys.add(e.validator().hex() + "/" + e.round() + "/" + kind)) return;
        evidence.add(e);
        out.add(new Action.RecordEvidence(e));
    }

    // ---------------------------------------------------------------- helpers

    private boolean isProposer(int r) {
        return signer != null && ProposerSelection.proposer(validators, height, r).address().equals(signer.address());
    }

    private boolean isLocked(Block v) {
        return lockedValue != null && lockedValue.hash().equals(v.hash());
    }

    private Optional<String> validity(Block b) {
        return validity.computeIfAbsent(b.hash(), h -> ctx.validate(b));
    }

    private boolean isValid(Block b) {
        return validity(b).isEmpty();
    }

    private boolean moreThanOneThird(Set<Address> who) {
        long p = 0;
        for (Address a : who) p += validators.get(a).map(Validator::power).orElse(0L);
        return 3 * p > validators.totalPower();
    }

    private VoteSet votes(VoteType type, int r) {
        return type == VoteType.PREVOTE ? prevotes(r) : precommits(r);
    }

    private VoteSet prevotes(int r) {
        return prevotes.computeIfAbsent(r, x -> new VoteSet(validators));
    }

    private VoteSet precommits(int r) {
        return precommits.computeIfAbsent(r, x -> new VoteSet(validators));
    }

    private List<Action> drain() {
        List<Action> a = out;
        out = new ArrayList<>();
        return a;
    }

    // ---------------------------------------------------------------- observation

    /**
     * What a driver should keep re-sending to peers until the height is decided, so that every correct
     * validator eventually sees the messages that matter despite losses (the paper's gossip
     * assumption): the proposals and votes of the current round and of the rounds of the locked and
     * valid values, whose polkas others may need to unlock.
     */
    public List<Object> gossip() {
        List<Object> msgs = new ArrayList<>();
        for (int r : new java.util.TreeSet<>(java.util.List.of(Math.max(round, 0), Math.max(lockedRound, 0), Math.max(validRound, 0)))) {
            Proposal p = proposals.get(r);
            if (p != null) msgs.add(p);
            VoteSet pv = prevotes.get(r);
            if (pv != null) msgs.addAll(pv.all());
            VoteSet pc = precommits.get(r);
            if (pc != null) msgs.addAll(pc.all());
        }
        return msgs;
    }

    public long height() {
        return height;
    }

    public int round() {
        return round;
    }

    public Step step() {
        return step;
    }

    public int lockedRound() {
        return lockedRound;
    }

    public Optional<Block> lockedValue() {
        return Optional.ofNullable(lockedValue);
    }

    public int validRound() {
        return validRound;
    }

    public Optional<CommittedBlock> decision() {
        return Optional.ofNullable(decision);
    }

    public List<Evidence> evidence() {
        return List.copyOf(evidence);
    }
}
