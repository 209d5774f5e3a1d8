package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.ConsensusFixtures.prevote;
import static io.reactiveledger.consensus.ConsensusFixtures.proposal;
import static io.reactiveledger.consensus.statemachine.Harness.assertNoVote;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equivocating validators and proposers; invalid blocks (valid(v) in lines 23, 29, 36, 50). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class EquivocationAndValidityTest {
    private final Block a = block(H, 1);
    private final Block b = block(H, 2);

    // ---------------------------------------------------------------- equivocation

    @Test
    void conflictingPrevotesAreEvidenceAndEachCountsForItsOwnValue() {
        Harness t = Harness.nonProposer();
        t.start();
        t.propose(0, -1, a); // self prevotes A
        int x = t.other(0);
        Vote first = prevote(x, H, 0, null);
        Vote second = prevote(x, H, 0, a.hash());

        assertEquals(List.of(), t.sm.onVote(first));
        List<Action> actions = t.sm.onVote(second);
        assertEquals(List.of(new Action.RecordEvidence(new Evidence.DuplicateVote(first, second))), actions);
        assertEquals(List.of(new Evidence.DuplicateVote(first, second)), t.sm.evidence());
        Evidence e = t.sm.evidence().get(0);
        assertEquals(ConsensusFixtures.KEYS.get(x).address(), e.validator());
        assertEquals(H, e.height());
        assertEquals(0, e.round());

        // As in the paper's message counting, x's vote for A counts for A although x also voted nil:
        // A now has self + x, so one more prevote for A is a polka (see VoteSet).
        t.assertOnlyVote(t.prevote(t.other(1), 0, a), VoteType.PRECOMMIT, 0, a);
        assertEquals(0, t.sm.lockedRound());
        // Re-sending the conflicting vote records no new evidence.
        assertEquals(List.of(), t.sm.onVote(second));
        assertEquals(1, t.sm.evidence().size());
    }

    @Test
    void conflictingPrecommitsAreEvidence() {
        Harness t = Harness.nonProposer();
        t.start();
        Vote first = ConsensusFixtures.precommit(t.other(0), H, 0, a.hash());
        Vote second = ConsensusFixtures.precommit(t.other(0), H, 0, b.hash());
        t.sm.onVote(first);
        assertEquals(List.of(new Action.RecordEvidence(new Evidence.DuplicateVote(first, second))), t.sm.onVote(second));
    }

    @Test
    void prevoteAndPrecommitForDifferentBlocksAreNotEvidence() {
        Harness t = Harness.nonProposer();
        t.start();
        t.prevote(t.other(0), 0, a);
        assertEquals(List.of(), t.precommit(t.other(0), 0, b));
        t.prevote(t.other(0), 1, b); // another round
        assertEquals(List.of(), t.sm.evidence());
    }

    @Test
    void duplicateIdenticalVoteIsNeitherEvidenceNorCountedTwice() {
        Harness t = Harness.nonProposer();
        t.start();
        t.propose(0, -1, a);
        t.prevote(t.other(0), 0, a);
        assertEquals(List.of(), t.prevote(t.other(0), 0, a));
        assertEquals(List.of(), t.sm.evidence());
        assertEquals(Step.PREVOTE, t.sm.step(), "self + other(0) twice is not a polka");
        t.assertOnlyVote(t.prevote(t.other(1), 0, a), VoteType.PRECOMMIT, 0, a);
    }

    @Test
    void twoProposalsFromTheProposerForOneRoundAreEvidence() {
        Harness t = Harness.nonProposer();
        t.start();
        Proposal first = proposal(H, 0, -1, a);
        Proposal second = proposal(H, 0, -1, b);
        t.assertOnlyVote(t.sm.onProposal(first), VoteType.PREVOTE, 0, a);
        List<Action> actions = t.sm.onProposal(second);
        assertEquals(List.of(new Action.RecordEvidence(new Evidence.ConflictingProposals(first, second))), actions);
        assertEquals(List.of(new Evidence.ConflictingProposals(first, second)), t.sm.evidence());

        // The first proposal stays the round's proposal: a polka for B does not lock.
        t.prevotes(0, b, t.others());
        assertEquals(-1, t.sm.lockedRound());
    }

    @Test
    void conflictingProposalBeforeTheRoundIsEvidenceToo() {
        Harness t = Harness.nonProposer();
        t.start();
        Proposal first = proposal(H, 1, -1, a);
        Proposal second = proposal(H, 1, -1, b);
        t.sm.onProposal(first);
        assertEquals(1, of(t.sm.onProposal(second), Action.RecordEvidence.class).size());
        t.assertOnlyVote(t.timeout(Step.PRECOMMIT, 0), VoteType.PREVOTE, 1, a);
    }

    @Test
    void duplicateIdenticalProposalIsIgnored() {
        Harness t = Harness.nonProposer();
        t.start();
        t.propose(0, -1, a);
        assertEquals(List.of(), t.propose(0, -1, a));
        assertEquals(List.of(), t.sm.evidence());
    }

    // ---------------------------------------------------------------- invalid blocks

    @Test
    void invalidProposalGetsNilPrevoteWithTheReason() {
        Harness t = Harness.nonProposer(new TestContext().markInvalid(a, "state root mismatch"));
        t.start();
        List<Action> actions = t.propose(0, -1, a);
        assertEquals(List.of(new Action.RejectedProposal(H, 0, "state root mismatch")),
                of(actions, Action.RejectedProposal.class));
        t.assertOnlyVote(actions, VoteType.PREVOTE, 0, null);
        assertEquals(Step.PREVOTE, t.sm.step());
    }

    @Test
    void invalidProposalWithPolkaForItsPolRoundStillGetsNil() {
        // Line 29: valid(v) is required even when the polka is there.
        Harness t = Harness.nonProposer(new TestContext().markInvalid(b, "bad tx root"));
        t.start();
        t.timeout(Step.PROPOSE, 0);
        t.prevotes(0, b, t.others());
        t.timeout(Step.PREVOTE, 0);
        t.timeout(Step.PRECOMMIT, 0);
        List<Action> actions = t.propose(1, 0, b);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 1, null);
        assertEquals(List.of(new Action.RejectedProposal(H, 1, "bad tx root")), of(actions, Action.RejectedProposal.class));
    }

    @Test
    void polkaForAnInvalidBlockDoesNotLock() {
        Harness t = Harness.nonProposer(new TestContext().markInvalid(a, "nope"));
        t.start();
        t.propose(0, -1, a);
        assertNoVote(t.prevotes(0, a, t.others()));
        assertEquals(-1, t.sm.lockedRound());
        assertEquals(-1, t.sm.validRound());
        assertEquals(Step.PREVOTE, t.sm.step());
    }

    @Test
    void precommitQuorumForAnInvalidBlockDoesNotDecide() {
        Harness t = Harness.nonProposer(new TestContext().markInvalid(a, "nope"));
        t.start();
        t.propose(0, -1, a);
        List<Action> actions = t.precommits(0, a, t.others());
        assertEquals(List.of(), of(actions, Action.Decide.class));
        assertTrue(t.sm.decision().isEmpty());
        // It still counts as 2f+1 precommits of any kind (line 47).
        assertEquals(List.of(new Timeout(Step.PRECOMMIT, H, 0)), Harness.timeouts(actions));
    }

    @Test
    void precommitQuorumWithoutTheProposalDoesNotDecideUntilItArrives() {
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), of(t.precommits(0, a, t.others()), Action.Decide.class));
        assertTrue(t.sm.decision().isEmpty());
        List<Action> actions = t.propose(0, -1, a);
        List<Action.Decide> d = of(actions, Action.Decide.class);
        assertEquals(1, d.size(), () -> "Decide in " + actions);
        assertEquals(a, d.get(0).block().block());
    }
}
