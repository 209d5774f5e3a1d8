package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.statemachine.Harness.assertNoVote;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static io.reactiveledger.consensus.statemachine.Harness.timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nil polka (44-46), timeouts (34-35, 47-48, 57-67) and round skipping (55). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class TimeoutAndRoundTest {
    private final Block a = block(H, 1);

    private static Duration delay(List<Action> actions, Step step) {
        List<Action.ScheduleTimeout> ts = of(actions, Action.ScheduleTimeout.class).stream()
                .filter(s -> s.timeout().step() == step).toList();
        assertEquals(1, ts.size(), () -> "one " + step + " timeout in " + actions);
        return ts.get(0).delay();
    }

    // ---------------------------------------------------------------- nil polka, precommit timeout

    @Test
    void nilPolkaPrecommitsNilThenPrecommitQuorumSchedulesTimeoutOnceThenNextRound() {
        Harness t = Harness.nonProposer();
        Duration round0Propose = delay(t.start(), Step.PROPOSE);
        t.timeout(Step.PROPOSE, 0); // self prevotes nil

        assertNoVote(t.prevote(t.other(0), 0, null));
        // Lines 44-46: the third nil prevote.
        t.assertOnlyVote(t.prevote(t.other(1), 0, null), VoteType.PRECOMMIT, 0, null);
        assertEquals(Step.PRECOMMIT, t.sm.step());
        assertEquals(-1, t.sm.lockedRound());

        // Lines 47-48: 2f+1 precommits of any kind (self nil, nil, A) schedule the precommit timeout, once.
        assertEquals(List.of(), timeouts(t.precommit(t.other(0), 0, null)));
        List<Action> third = t.precommit(t.other(1), 0, a);
        assertEquals(List.of(new Action.ScheduleTimeout(new Timeout(Step.PRECOMMIT, H, 0), Duration.ofMillis(1000))),
                of(third, Action.ScheduleTimeout.class));
        assertEquals(List.of(), t.precommit(t.other(2), 0, null), "no second precommit timeout");
        assertEquals(0, t.sm.round());

        // Lines 65-67: next round, with a longer propose timeout.
        List<Action> next = t.timeout(Step.PRECOMMIT, 0);
        assertEquals(1, t.sm.round());
        assertEquals(Step.PROPOSE, t.sm.step());
        assertEquals(List.of(new Timeout(Step.PROPOSE, H, 1)), timeouts(next));
        assertTrue(delay(next, Step.PROPOSE).compareTo(round0Propose) > 0, "timeout grows with the round");
        assertEquals(ConsensusParams.defaults().timeout(Step.PROPOSE, 1), delay(next, Step.PROPOSE));
        assertTrue(t.sm.decision().isEmpty());
    }

    @Test
    void timeoutsGrowWithTheRound() {
        ConsensusParams p = ConsensusParams.defaults();
        for (Step s : Step.values()) {
            for (int r = 0; r < 5; r++) assertTrue(p.timeout(s, r + 1).compareTo(p.timeout(s, r)) > 0, s + " " + r);
        }
    }

    @Test
    void precommitTimeoutIsScheduledAgainInTheNextRound() {
        Harness t = Harness.nonProposer();
        t.start();
        t.precommits(0, null, t.others());
        t.timeout(Step.PRECOMMIT, 0);
        List<Action> round1 = t.precommits(1, null, t.others());
        assertEquals(List.of(new Timeout(Step.PRECOMMIT, H, 1)), timeouts(round1));
        assertEquals(Duration.ofMillis(1500), delay(round1, Step.PRECOMMIT));
    }

    // ---------------------------------------------------------------- propose and prevote timeouts

    @Test
    void proposeTimeoutPrevotesNil() {
        Harness t = Harness.nonProposer();
        t.start();
        List<Action> actions = t.timeout(Step.PROPOSE, 0);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 0, null);
        assertEquals(1, actions.size(), () -> "only the vote: " + actions);
        assertEquals(Step.PREVOTE, t.sm.step());
        assertNoVote(t.propose(0, -1, a));
    }

    @Test
    void prevoteTimeoutAfterMixedPrevotesPrecommitsNil() {
        Harness t = Harness.nonProposer();
        t.start();
        t.propose(0, -1, a);                          // self prevotes A
        assertEquals(List.of(), timeouts(t.prevote(t.other(0), 0, a)));
        List<Action> third = t.prevote(t.other(1), 0, null); // A, A, nil: 2f+1 but no polka
        assertNoVote(third);
        assertEquals(List.of(new Action.ScheduleTimeout(new Timeout(Step.PREVOTE, H, 0), Duration.ofMillis(1000))),
                of(third, Action.ScheduleTimeout.class));
        assertEquals(List.of(), timeouts(t.prevote(t.other(2), 0, null)), "scheduled once");

        List<Action> onTimeout = t.timeout(Step.PREVOTE, 0);
        t.assertOnlyVote(onTimeout, VoteType.PRECOMMIT, 0, null);
        assertEquals(Step.PRECOMMIT, t.sm.step());
        assertEquals(-1, t.sm.lockedRound());
    }

    @Test
    void lateProposeTimeoutNeitherRevotesNorMovesTheStep() {
        // Observer: no SignGuard to mask a second prevote, so the step check itself is what is tested.
        Harness t = new Harness(Harness.nonProposerIndex(), new ConsensusFixtures.TestContext(), null);
        t.start();
        t.timeout(Step.PROPOSE, 0);
        t.timeout(Step.PREVOTE, 0);
        assertEquals(Step.PRECOMMIT, t.sm.step());
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 0));
        assertEquals(Step.PRECOMMIT, t.sm.step());

        // A validator that prevoted nil on the timeout must not broadcast a second prevote on a repeat.
        Harness v = Harness.nonProposer();
        v.start();
        v.assertOnlyVote(v.timeout(Step.PROPOSE, 0), VoteType.PREVOTE, 0, null);
        assertEquals(List.of(), v.timeout(Step.PROPOSE, 0));
    }

    @Test
    void prevoteTimeoutIsScheduledOnlyOnceInThePrevoteStep() {
        // Line 34: "while step_p = prevote". 2f+1 mixed prevotes seen while still in PROPOSE schedule nothing.
        Harness t = Harness.nonProposer();
        t.start();
        List<Action> early = t.prevotes(0, a, t.other(0), t.other(1));
        early.addAll(t.prevote(t.other(2), 0, null));
        assertEquals(List.of(), timeouts(early));
        assertEquals(Step.PROPOSE, t.sm.step());
        // Entering PREVOTE (propose timeout: nil prevote) with the quorum already there schedules it now.
        List<Action> onTimeout = t.timeout(Step.PROPOSE, 0);
        t.assertOnlyVote(onTimeout, VoteType.PREVOTE, 0, null);
        assertEquals(List.of(new Timeout(Step.PREVOTE, H, 0)), timeouts(onTimeout));
    }

    @Test
    void staleTimeoutsDoNothing() {
        Harness t = Harness.nonProposer();
        t.start();
        // Other height, other round, wrong step while in PROPOSE.
        assertEquals(List.of(), t.sm.onTimeout(new Timeout(Step.PROPOSE, H + 1, 0)));
        assertEquals(List.of(), t.sm.onTimeout(new Timeout(Step.PROPOSE, H - 1, 0)));
        assertEquals(List.of(), t.sm.onTimeout(new Timeout(Step.PRECOMMIT, H + 1, 0)));
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 1));
        assertEquals(List.of(), t.timeout(Step.PRECOMMIT, 1));
        assertEquals(List.of(), t.timeout(Step.PREVOTE, 0));
        assertEquals(Step.PROPOSE, t.sm.step());
        assertEquals(0, t.sm.round());

        t.propose(0, -1, a); // now PREVOTE
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 0), "propose timeout after prevoting");
        assertEquals(Step.PREVOTE, t.sm.step());

        t.timeout(Step.PREVOTE, 0); // now PRECOMMIT
        assertEquals(List.of(), t.timeout(Step.PREVOTE, 0), "prevote timeout after precommitting");
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 0));
        assertEquals(Step.PRECOMMIT, t.sm.step(), "a late propose timeout does not move the step back");

        t.timeout(Step.PRECOMMIT, 0); // now round 1
        assertEquals(1, t.sm.round());
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 0), "round-0 timeouts in round 1");
        assertEquals(List.of(), t.timeout(Step.PREVOTE, 0));
        assertEquals(List.of(), t.timeout(Step.PRECOMMIT, 0));
        assertEquals(1, t.sm.round());
        assertEquals(Step.PROPOSE, t.sm.step());
    }

    @Test
    void timeoutsBeforeStartDoNothing() {
        Harness t = Harness.nonProposer();
        assertEquals(List.of(), t.timeout(Step.PROPOSE, 0));
        assertEquals(List.of(), t.timeout(Step.PRECOMMIT, 0));
        assertEquals(-1, t.sm.round());
    }

    // ---------------------------------------------------------------- round skip (line 55)

    @Test
    void fPlusOneMessagesFromAHigherRoundSkipToIt() {
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), t.prevote(t.other(0), 5, a), "1 of 4 is not f+1");
        assertEquals(0, t.sm.round());

        List<Action> actions = t.precommit(t.other(1), 5, null);
        assertEquals(5, t.sm.round());
        assertEquals(Step.PROPOSE, t.sm.step());
        assertEquals(List.of(new Timeout(Step.PROPOSE, H, 5)), timeouts(actions));
        assertEquals(ConsensusParams.defaults().timeout(Step.PROPOSE, 5), delay(actions, Step.PROPOSE));
        assertNoVote(actions);
    }

    @Test
    void twoMessagesFromTheSameValidatorAreNotFPlusOne() {
        Harness t = Harness.nonProposer();
        t.start();
        t.prevote(t.other(0), 5, a);
        t.precommit(t.other(0), 5, a);
        assertEquals(0, t.sm.round());
    }

    @Test
    void proposalCountsTowardsRoundSkipAndIsUsedOnArrival() {
        Harness t = Harness.nonProposer();
        t.start();
        int proposer5 = ConsensusFixtures.proposerOf(H, 5);
        int another = proposer5 == t.other(0) ? t.other(1) : t.other(0);
        assertNoVote(t.propose(5, -1, a));
        assertEquals(0, t.sm.round());
        // Proposal + one vote from a different validator: skip to round 5 and prevote the stored proposal.
        List<Action> actions = t.prevote(another, 5, a);
        assertEquals(5, t.sm.round());
        t.assertOnlyVote(actions, VoteType.PREVOTE, 5, a);
    }

    @Test
    void skipsAgainWhenALaterRoundGetsFPlusOne() {
        Harness t = Harness.nonProposer();
        t.start();
        // Round 4 and round 6 each get one message; round 4 reaches f+1 first, then round 6.
        t.prevote(t.other(0), 4, null);
        t.prevote(t.other(1), 6, null);
        t.prevote(t.other(2), 4, null); // f+1 for round 4
        assertEquals(4, t.sm.round());
        t.prevote(t.other(0), 6, null); // f+1 for round 6
        assertEquals(6, t.sm.round());
    }

    @Test
    void messagesFromLowerRoundsDoNotMoveTheRound() {
        Harness t = Harness.nonProposer();
        t.start();
        t.timeout(Step.PRECOMMIT, 0);
        t.timeout(Step.PRECOMMIT, 1);
        assertEquals(2, t.sm.round());
        t.prevotes(1, null, t.others());
        t.precommits(0, null, t.others());
        assertEquals(2, t.sm.round());
    }

    @Test
    void storedProposalForNextRoundIsPrevotedWhenTheRoundStarts() {
        Harness t = Harness.nonProposer();
        t.start();
        assertNoVote(t.propose(1, -1, a));
        List<Action> actions = t.timeout(Step.PRECOMMIT, 0);
        assertEquals(1, t.sm.round());
        t.assertOnlyVote(actions, VoteType.PREVOTE, 1, a);
    }
}
