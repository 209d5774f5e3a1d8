package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.KEYS;
import static io.reactiveledger.consensus.ConsensusFixtures.VALIDATORS;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.statemachine.Harness.assertNoVote;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static io.reactiveledger.consensus.statemachine.Harness.proposals;
import static io.reactiveledger.consensus.statemachine.Harness.votes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.VoteType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Algorithm 1, round 0 with every validator correct: lines 10-54. */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class HappyPathTest {
    private final Block a = block(H, 1);

    @Test
    void fixturesGiveDistinctBlocksAndAKnownNonProposer() {
        assertNotEquals(block(H, 1).hash(), block(H, 2).hash());
        int self = Harness.nonProposerIndex();
        for (int r : new int[] {0, 1, 2, 4, 5, 6}) assertNotEquals(self, ConsensusFixtures.proposerOf(H, r), "round " + r);
    }

    @Test
    void nonProposerStartsRoundZeroWithProposeTimeoutOnly() {
        Harness t = Harness.nonProposer();
        List<Action> actions = t.start();
        assertEquals(List.of(new Action.ScheduleTimeout(new Timeout(Step.PROPOSE, H, 0), Duration.ofMillis(3000))), actions);
        assertEquals(0, t.sm.round());
        assertEquals(Step.PROPOSE, t.sm.step());
        assertEquals(List.of(), t.start(), "start is idempotent");
    }

    @Test
    void proposalThenPolkaThenPrecommitQuorumDecidesWithVerifiableCertificate() {
        Harness t = Harness.nonProposer();
        t.start();

        // Lines 22-24: a valid proposal with vr = -1 and no lock: prevote for it.
        List<Action> onProposal = t.propose(0, -1, a);
        t.assertOnlyVote(onProposal, VoteType.PREVOTE, 0, a);
        assertEquals(Step.PREVOTE, t.sm.step());

        // Two of four prevotes (self + one) are not 2f+1.
        assertNoVote(t.prevote(t.other(0), 0, a));
        assertEquals(-1, t.sm.lockedRound());

        // Lines 36-43: the third prevote is a polka: lock, set valid, precommit.
        List<Action> onPolka = t.prevote(t.other(1), 0, a);
        t.assertOnlyVote(onPolka, VoteType.PRECOMMIT, 0, a);
        assertEquals(Step.PRECOMMIT, t.sm.step());
        assertEquals(0, t.sm.lockedRound());
        assertEquals(Optional.of(a), t.sm.lockedValue());
        assertEquals(0, t.sm.validRound());
        assertTrue(t.sm.decision().isEmpty());

        // Lines 49-54: self + one precommit is not enough, self + two is.
        assertEquals(List.of(), of(t.precommit(t.other(0), 0, a), Action.Decide.class));
        List<Action> onCommit = t.precommit(t.other(1), 0, a);
        List<Action.Decide> decides = of(onCommit, Action.Decide.class);
        assertEquals(1, decides.size(), () -> "one Decide in " + onCommit);
        Action.Decide d = decides.get(0);
        assertEquals(0, d.round());
        assertEquals(a, d.block().block());
        CommitCertificate cert = d.block().certificate();
        assertEquals(3, cert.signatures().size());
        assertEquals(Optional.empty(), cert.verify(VALIDATORS, CHAIN, a.hash(), H));
        assertEquals(Optional.of(d.block()), t.sm.decision());
    }

    @Test
    void afterDecisionFurtherInputsAreInert() {
        Harness t = Harness.nonProposer();
        t.lockOn(a);
        t.precommits(0, a, t.other(0), t.other(1));
        assertTrue(t.sm.decision().isPresent());

        assertEquals(List.of(), t.precommit(t.other(2), 0, a));
        assertEquals(List.of(), t.timeout(Step.PRECOMMIT, 0));
        assertEquals(List.of(), t.prevotes(1, null, t.others()));
        assertEquals(0, t.sm.round(), "a decided machine does not skip rounds");
    }

    @Test
    void precommitsFromAnEarlierRoundStillDecide() {
        // Line 49 holds for any round r, not only round_p.
        Harness t = Harness.nonProposer();
        t.lockOn(a);
        t.timeout(Step.PRECOMMIT, 0);
        assertEquals(1, t.sm.round());
        t.precommits(0, a, t.other(0));
        List<Action> actions = t.precommit(t.other(1), 0, a);
        List<Action.Decide> decides = of(actions, Action.Decide.class);
        assertEquals(1, decides.size(), () -> "Decide in " + actions);
        assertEquals(0, decides.get(0).round());
        assertEquals(a, decides.get(0).block().block());
    }

    @Test
    void proposerRequestsAValueThenProposesAndPrevotesIt() {
        int self = ConsensusFixtures.proposerOf(H, 0);
        Harness t = new Harness(self, new TestContext());

        List<Action> onStart = t.start();
        assertEquals(List.of(new Action.RequestValue(H, 0)), of(onStart, Action.RequestValue.class));
        assertNoVote(onStart);

        Block mine = block(H, 42);
        List<Action> onValue = t.sm.onValue(H, 0, mine);
        assertEquals(2, onValue.size(), () -> "proposal then prevote: " + onValue);
        Proposal p = assertInstanceOf(Action.BroadcastProposal.class, onValue.get(0)).proposal();
        assertEquals(H, p.height());
        assertEquals(0, p.round());
        assertEquals(-1, p.polRound());
        assertEquals(mine, p.block());
        assertTrue(p.verify(CHAIN, KEYS.get(self).publicKey()));
        assertInstanceOf(Action.BroadcastVote.class, onValue.get(1));
        t.assertOnlyVote(onValue, VoteType.PREVOTE, 0, mine);

        assertEquals(List.of(), t.sm.onValue(H, 0, block(H, 43)), "only one proposal per round");

        // Its own proposal counts: two more prevotes make the polka.
        t.prevote(t.other(0), 0, mine);
        t.assertOnlyVote(t.prevote(t.other(1), 0, mine), VoteType.PRECOMMIT, 0, mine);
    }

    @Test
    void valueForAnotherRoundOrHeightIsIgnored() {
        int self = ConsensusFixtures.proposerOf(H, 0);
        Harness t = new Harness(self, new TestContext());
        t.start();
        assertEquals(List.of(), t.sm.onValue(H, 1, block(H, 42)));
        assertEquals(List.of(), t.sm.onValue(H + 1, 0, block(H + 1, 42)));
        assertEquals(List.of(), t.sm.onValue(H, 0, block(H + 1, 42)), "block of another height");
        assertEquals(1, proposals(t.sm.onValue(H, 0, block(H, 42))).size());
    }

    @Test
    void nonProposerIgnoresValue() {
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), t.sm.onValue(H, 0, block(H, 42)));
        assertEquals(List.of(), votes(t.sm.onValue(H, 0, block(H, 42))));
    }

    @Test
    void proposerInALaterRoundReproposesItsValidValue() {
        // Lines 15-16, 19: a proposer with a valid value proposes it again, with validRound as polRound.
        int self = ConsensusFixtures.proposerOf(H, 1);
        Harness t = new Harness(self, new TestContext());
        assertNotEquals(self, ConsensusFixtures.proposerOf(H, 0));
        t.start();
        t.propose(0, -1, a);
        t.prevotes(0, a, t.other(0), t.other(1));
        assertEquals(0, t.sm.validRound());

        List<Action> onTimeout = t.timeout(Step.PRECOMMIT, 0);
        assertEquals(List.of(), of(onTimeout, Action.RequestValue.class), "no new value needed");
        List<Proposal> ps = proposals(onTimeout);
        assertEquals(1, ps.size(), () -> "re-proposal in " + onTimeout);
        assertEquals(1, ps.get(0).round());
        assertEquals(0, ps.get(0).polRound());
        assertEquals(a, ps.get(0).block());
        t.assertOnlyVote(onTimeout, VoteType.PREVOTE, 1, a);
    }

    @Test
    void proposalDeliveredBeforeStartIsPrevotedOnStart() {
        // The upon-rules are conditions over the message log: once StartRound(0) runs (line 10), line 22
        // holds for a proposal already received, so start() itself must prevote.
        Harness t = Harness.nonProposer();
        assertEquals(List.of(), t.propose(0, -1, a));
        List<Action> actions = t.start();
        t.assertOnlyVote(actions, VoteType.PREVOTE, 0, a);
        assertEquals(Step.PREVOTE, t.sm.step());
    }
}
