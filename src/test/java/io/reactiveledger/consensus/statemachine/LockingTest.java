package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.statemachine.Harness.assertNoVote;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Locking (lines 22-27, 36-43) and unlocking through a later polka (lines 28-33). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class LockingTest {
    private final Block a = block(H, 1);
    private final Block b = block(H, 2);

    /** Locked on A in round 0, then the precommit timeout of round 0 moves to round 1. */
    private Harness lockedOnAInRound1() {
        Harness t = Harness.nonProposer();
        t.lockOn(a);
        List<Action> onPrecommits = t.precommits(0, null, t.other(0), t.other(1));
        assertEquals(List.of(new Timeout(Step.PRECOMMIT, H, 0)), Harness.timeouts(onPrecommits), "setup");
        t.timeout(Step.PRECOMMIT, 0);
        assertEquals(1, t.sm.round());
        assertEquals(Step.PROPOSE, t.sm.step());
        return t;
    }

    @Test
    void lockedValidatorRejectsNewBlockWithoutPolRound() {
        Harness t = lockedOnAInRound1();
        List<Action> actions = t.propose(1, -1, b);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 1, null);
        List<Action.RejectedProposal> rejected = of(actions, Action.RejectedProposal.class);
        assertEquals(1, rejected.size(), () -> "RejectedProposal in " + actions);
        assertEquals(H, rejected.get(0).height());
        assertEquals(1, rejected.get(0).round());
        assertTrue(rejected.get(0).reason().contains("locked"), rejected.get(0).reason());
        assertEquals(0, t.sm.lockedRound());
        assertEquals(Optional.of(a), t.sm.lockedValue());
        assertEquals(Step.PREVOTE, t.sm.step());
    }

    @Test
    void lockedValidatorPrevotesItsLockedValueReproposedWithPolRound() {
        Harness t = lockedOnAInRound1();
        List<Action> actions = t.propose(1, 0, a);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 1, a);
        assertEquals(List.of(), of(actions, Action.RejectedProposal.class));
    }

    @Test
    void lockedValidatorPrevotesItsLockedValueReproposedWithoutPolRound() {
        // Line 23: lockedValue = v also allows it when vr = -1.
        Harness t = lockedOnAInRound1();
        t.assertOnlyVote(t.propose(1, -1, a), VoteType.PREVOTE, 1, a);
    }

    @Test
    void polkaInALaterRoundMovesTheLock() {
        Harness t = lockedOnAInRound1();
        t.propose(1, 0, a);
        t.prevote(t.other(0), 1, a);
        t.assertOnlyVote(t.prevote(t.other(1), 1, a), VoteType.PRECOMMIT, 1, a);
        assertEquals(1, t.sm.lockedRound());
        assertEquals(1, t.sm.validRound());
    }

    /** Locked on A in round 0, took part in round 1 with nil votes, now in round 2 (proposer: not self). */
    private Harness lockedOnAInRound2() {
        Harness t = lockedOnAInRound1();
        t.timeout(Step.PROPOSE, 1);
        t.timeout(Step.PREVOTE, 1);
        t.timeout(Step.PRECOMMIT, 1);
        assertEquals(2, t.sm.round());
        assertEquals(0, t.sm.lockedRound());
        return t;
    }

    @Test
    void polkaForBInRound1UnlocksForProposalBWithPolRound1() {
        Harness t = lockedOnAInRound2();
        // Round 1 prevotes for B from the three others (self voted nil there).
        assertNoVote(t.prevotes(1, b, t.others()));

        // Lines 28-30: lockedRound 0 <= vr 1 and 2f+1 prevotes for B in round 1.
        List<Action> actions = t.propose(2, 1, b);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 2, b);
        assertEquals(List.of(), of(actions, Action.RejectedProposal.class));
        assertEquals(Step.PREVOTE, t.sm.step());
        assertEquals(0, t.sm.lockedRound(), "prevoting B does not itself move the lock");

        // A polka for B in round 2 then re-locks on B.
        t.prevote(t.other(0), 2, b);
        t.assertOnlyVote(t.prevote(t.other(1), 2, b), VoteType.PRECOMMIT, 2, b);
        assertEquals(2, t.sm.lockedRound());
        assertEquals(Optional.of(b), t.sm.lockedValue());
    }

    @Test
    void proposalWithPolRoundWaitsForThePolkaToArrive() {
        Harness t = lockedOnAInRound2();
        assertNoVote(t.propose(2, 1, b));
        assertEquals(Step.PROPOSE, t.sm.step());
        assertNoVote(t.prevote(t.other(0), 1, b));
        assertNoVote(t.prevote(t.other(1), 1, b));
        // The third round-1 prevote completes the polka: line 28 fires now.
        t.assertOnlyVote(t.prevote(t.other(2), 1, b), VoteType.PREVOTE, 2, b);
    }

    @Test
    void proposalWithPolRoundButNoPolkaGetsNilPrevoteOnProposeTimeout() {
        Harness t = lockedOnAInRound2();
        t.prevotes(1, b, t.other(0), t.other(1)); // only 2 of 4: not a polka
        assertNoVote(t.propose(2, 1, b));
        assertEquals(Step.PROPOSE, t.sm.step());
        List<Action> onTimeout = t.timeout(Step.PROPOSE, 2);
        t.assertOnlyVote(onTimeout, VoteType.PREVOTE, 2, null);
        assertEquals(Step.PREVOTE, t.sm.step());
        assertEquals(0, t.sm.lockedRound());
    }

    @Test
    void polkaOlderThanTheLockDoesNotUnlock() {
        // Round 0: no proposal seen, nil prevote on timeout, but the others prevote B (a polka for B in round 0).
        Harness t = Harness.nonProposer();
        t.start();
        t.timeout(Step.PROPOSE, 0);
        t.prevotes(0, b, t.others());
        t.timeout(Step.PREVOTE, 0);
        t.timeout(Step.PRECOMMIT, 0);
        // Round 1: lock on A.
        t.propose(1, -1, a);
        t.prevotes(1, a, t.other(0), t.other(1));
        assertEquals(1, t.sm.lockedRound());
        t.timeout(Step.PRECOMMIT, 1);
        assertEquals(2, t.sm.round());

        // Round 2: B with vr 0 has its polka, but lockedRound 1 > vr 0 and B is not the locked value (line 32).
        List<Action> actions = t.propose(2, 0, b);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 2, null);
        assertEquals(1, of(actions, Action.RejectedProposal.class).size(), () -> "RejectedProposal in " + actions);
        assertEquals(Optional.of(a), t.sm.lockedValue());
    }

    @Test
    void polkaWithoutProposalDoesNotLock() {
        // Line 36 needs the proposal: prevotes alone never lock.
        Harness t = Harness.nonProposer();
        t.start();
        t.timeout(Step.PROPOSE, 0);
        t.prevotes(0, a, t.others());
        assertEquals(-1, t.sm.lockedRound());
        assertEquals(-1, t.sm.validRound());
        assertEquals(Step.PREVOTE, t.sm.step());
    }

    @Test
    void polkaSeenAfterPrecommittingNilUpdatesValidButNotLock() {
        // Lines 36-43 with step = precommit: only validValue/validRound change, no second precommit.
        Harness t = Harness.nonProposer();
        t.start();
        t.timeout(Step.PROPOSE, 0);                 // self: prevote nil
        t.prevotes(0, a, t.other(0), t.other(1));   // 3 mixed prevotes
        t.timeout(Step.PREVOTE, 0);                 // self: precommit nil
        assertEquals(Step.PRECOMMIT, t.sm.step());
        assertNoVote(t.propose(0, -1, a));
        assertEquals(-1, t.sm.validRound());

        List<Action> actions = t.prevote(t.other(2), 0, a); // now 3 prevotes for A
        assertNoVote(actions);
        assertEquals(0, t.sm.validRound());
        assertEquals(-1, t.sm.lockedRound());
        assertTrue(t.sm.lockedValue().isEmpty());
    }
}
