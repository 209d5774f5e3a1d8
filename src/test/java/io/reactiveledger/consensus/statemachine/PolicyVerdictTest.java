package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local policy input (the model actor's verdict): it only makes a validator prevote nil on a fresh
 * proposal; a block that a quorum prevotes or precommits is still locked on and decided, so safety and the
 * validator's ability to follow the chain never depend on it.
 */
class PolicyVerdictTest {
    private final Block a = block(H, 1);

    @Test
    void refusedFreshProposalGetsNilPrevoteWithThePolicyReason() {
        Harness t = Harness.nonProposer(new TestContext().markRefusedByPolicy(a, "policy: scam memos"));
        t.start();
        List<Action> actions = t.propose(0, -1, a);
        assertEquals(List.of(new Action.RejectedProposal(H, 0, "policy: scam memos")),
                of(actions, Action.RejectedProposal.class));
        t.assertOnlyVote(actions, VoteType.PREVOTE, 0, null);
    }

    @Test
    void aQuorumsPrecommitsForARefusedBlockStillDecideIt() {
        Harness t = Harness.nonProposer(new TestContext().markRefusedByPolicy(a, "policy: scam memos"));
        t.start();
        t.propose(0, -1, a);
        List<Action> actions = t.precommits(0, a, t.others());
        assertEquals(1, of(actions, Action.Decide.class).size(), "policy never blocks a decision");
        assertTrue(t.sm.decision().isPresent());
    }

    @Test
    void withAProofOfLockTheRefusedBlockIsPrevotedForItsLiveness() {
        Harness t = Harness.nonProposer(new TestContext().markRefusedByPolicy(a, "policy: scam memos"));
        t.start();
        t.timeout(Step.PROPOSE, 0);
        t.prevotes(0, a, t.others());
        t.timeout(Step.PREVOTE, 0);
        t.timeout(Step.PRECOMMIT, 0);
        List<Action> actions = t.propose(1, 0, a);
        t.assertOnlyVote(actions, VoteType.PREVOTE, 1, a);
    }
}
