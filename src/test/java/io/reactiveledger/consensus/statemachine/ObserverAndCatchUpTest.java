package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.OUTSIDER;
import static io.reactiveledger.consensus.ConsensusFixtures.VALIDATORS;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.ConsensusFixtures.certificate;
import static io.reactiveledger.consensus.ConsensusFixtures.commitSig;
import static io.reactiveledger.consensus.statemachine.Harness.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.signing.SignGuard;
import io.reactiveledger.consensus.signing.SignRecordStore;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommittedBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A non-signing observer, and deciding from a committed block with its certificate (catch-up). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class ObserverAndCatchUpTest {
    private final Block a = block(H, 1);

    private static void assertNothingBroadcast(List<Action> actions) {
        assertEquals(List.of(), of(actions, Action.BroadcastVote.class), () -> "votes in " + actions);
        assertEquals(List.of(), of(actions, Action.BroadcastProposal.class), () -> "proposals in " + actions);
        assertEquals(List.of(), of(actions, Action.RequestValue.class), () -> "value requests in " + actions);
    }

    /** Drives a full round 0 with all four validators' messages coming from outside. */
    private static List<Action> followRound0(Harness t, Block v) {
        List<Action> all = new ArrayList<>(t.start());
        all.addAll(t.propose(0, -1, v));
        all.addAll(t.prevotes(0, v, 0, 1, 2, 3));
        all.addAll(t.precommits(0, v, 0, 1, 2));
        return all;
    }

    @Test
    void observerFollowsToADecisionWithoutBroadcasting() {
        Harness t = new Harness(ConsensusFixtures.proposerOf(H, 0), new TestContext(), null);
        List<Action> all = followRound0(t, a);
        assertNothingBroadcast(all);
        List<Action.Decide> d = of(all, Action.Decide.class);
        assertEquals(1, d.size(), () -> "Decide in " + all);
        assertEquals(a, d.get(0).block().block());
        assertEquals(Optional.empty(), d.get(0).block().certificate().verify(VALIDATORS, CHAIN, a.hash(), H));
    }

    @Test
    void observerRunsTimeoutsAndRoundsWithoutVoting() {
        Harness t = new Harness(0, new TestContext(), null);
        List<Action> all = new ArrayList<>(t.start());
        all.addAll(t.timeout(Step.PROPOSE, 0));
        all.addAll(t.prevotes(0, null, 0, 1, 2));
        all.addAll(t.precommits(0, null, 0, 1, 2));
        for (int r = 0; r < 4; r++) all.addAll(t.timeout(Step.PRECOMMIT, r)); // passes a round for every proposer slot
        assertNothingBroadcast(all);
        assertEquals(4, t.sm.round());
    }

    @Test
    void signerThatIsNotAValidatorIsAnObserver() {
        PrivValidator outsider = new PrivValidator(OUTSIDER, new SignGuard(SignRecordStore.inMemory()), CHAIN);
        Harness t = new Harness(0, new TestContext(), outsider);
        List<Action> all = followRound0(t, a);
        assertNothingBroadcast(all);
        assertTrue(t.sm.decision().isPresent());
    }

    // ---------------------------------------------------------------- onCommittedBlock

    @Test
    void committedBlockWithQuorumCertificateDecides() {
        Harness t = Harness.nonProposer();
        t.start();
        CommittedBlock cb = new CommittedBlock(a, certificate(a, 2, 0, 1, 3));
        List<Action> actions = t.sm.onCommittedBlock(cb);
        assertEquals(List.of(new Action.Decide(cb, 2)), actions);
        assertEquals(Optional.of(cb), t.sm.decision());
        assertEquals(List.of(), t.sm.onCommittedBlock(cb), "decides once");
    }

    @Test
    void committedBlockDecidesEvenBeforeStart() {
        Harness t = Harness.nonProposer();
        CommittedBlock cb = new CommittedBlock(a, certificate(a, 0, 0, 1, 2));
        assertEquals(List.of(new Action.Decide(cb, 0)), t.sm.onCommittedBlock(cb));
    }

    @Test
    void certificateWithTwoSignaturesDoesNotDecide() {
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), t.sm.onCommittedBlock(new CommittedBlock(a, certificate(a, 0, 0, 1))));
        assertTrue(t.sm.decision().isEmpty());
    }

    @Test
    void certificateSignedForAnotherBlockDoesNotDecide() {
        Harness t = Harness.nonProposer();
        t.start();
        Block b = block(H, 2);
        // Claims A's hash, but the three precommits were signed for B.
        CommitCertificate cert = new CommitCertificate(H, 0, a.hash(),
                List.of(commitSig(0, H, 0, b.hash()), commitSig(1, H, 0, b.hash()), commitSig(2, H, 0, b.hash())));
        assertEquals(List.of(), t.sm.onCommittedBlock(new CommittedBlock(a, cert)));
        assertTrue(t.sm.decision().isEmpty());
    }

    @Test
    void certificateWithDuplicatedSignerDoesNotDecide() {
        Harness t = Harness.nonProposer();
        t.start();
        CommitCertificate cert = new CommitCertificate(H, 0, a.hash(),
                List.of(commitSig(0, H, 0, a.hash()), commitSig(1, H, 0, a.hash()), commitSig(1, H, 0, a.hash())));
        assertEquals(List.of(), t.sm.onCommittedBlock(new CommittedBlock(a, cert)));
    }

    @Test
    void committedBlockOfAnotherHeightDoesNotDecide() {
        Harness t = Harness.nonProposer();
        t.start();
        Block next = block(H + 1, 1);
        assertEquals(List.of(), t.sm.onCommittedBlock(new CommittedBlock(next, certificate(next, 0, 0, 1, 2))));
        assertTrue(t.sm.decision().isEmpty());
    }

    @Test
    void committedInvalidBlockDoesNotDecide() {
        Harness t = Harness.nonProposer(new TestContext().markInvalid(a, "nope"));
        t.start();
        assertEquals(List.of(), t.sm.onCommittedBlock(new CommittedBlock(a, certificate(a, 0, 0, 1, 2))));
        assertTrue(t.sm.decision().isEmpty());
    }
}
