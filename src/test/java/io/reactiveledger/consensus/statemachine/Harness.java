package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link HeightStateMachine} at height {@link ConsensusFixtures#H} for validator {@code self}, fed
 * hand-signed messages from the other validators. Blocks passed as {@code null} mean a nil vote.
 */
final class Harness {
    final int self;
    final TestContext ctx;
    final HeightStateMachine sm;

    Harness(int self, TestContext ctx, PrivValidator signer) {
        this.self = self;
        this.ctx = ctx;
        this.sm = new HeightStateMachine(ConsensusParams.defaults(), ctx, H, signer);
    }

    Harness(int self, TestContext ctx) {
        this(self, ctx, ConsensusFixtures.privValidator(self));
    }

    /** The validator that proposes round 3 at H, so it is not the proposer of rounds 0, 1, 2, 4, 5 and 6. */
    static int nonProposerIndex() {
        return ConsensusFixtures.proposerOf(H, 3);
    }

    static Harness nonProposer() {
        return new Harness(nonProposerIndex(), new TestContext());
    }

    static Harness nonProposer(TestContext ctx) {
        return new Harness(nonProposerIndex(), ctx);
    }

    /** The {@code k}-th validator other than self (k in 0..2). */
    int other(int k) {
        return ConsensusFixtures.others(self)[k];
    }

    int[] others() {
        return ConsensusFixtures.others(self);
    }

    List<Action> start() {
        return sm.start();
    }

    List<Action> propose(int round, int polRound, Block b) {
        return sm.onProposal(ConsensusFixtures.proposal(H, round, polRound, b));
    }

    List<Action> prevote(int validator, int round, Block b) {
        return sm.onVote(ConsensusFixtures.prevote(validator, H, round, hash(b)));
    }

    List<Action> precommit(int validator, int round, Block b) {
        return sm.onVote(ConsensusFixtures.precommit(validator, H, round, hash(b)));
    }

    /** Prevotes from each of {@code validators}; returns all actions, in order. */
    List<Action> prevotes(int round, Block b, int... validators) {
        List<Action> all = new ArrayList<>();
        for (int v : validators) all.addAll(prevote(v, round, b));
        return all;
    }

    List<Action> precommits(int round, Block b, int... validators) {
        List<Action> all = new ArrayList<>();
        for (int v : validators) all.addAll(precommit(v, round, b));
        return all;
    }

    List<Action> timeout(Step step, int round) {
        return sm.onTimeout(new Timeout(step, H, round));
    }

    /**
     * Round 0: proposal A, self prevotes A, two others prevote A: self locks on A and precommits A.
     * Returns the actions of the last step.
     */
    List<Action> lockOn(Block a) {
        start();
        propose(0, -1, a);
        prevote(other(0), 0, a);
        List<Action> last = prevote(other(1), 0, a);
        assertEquals(0, sm.lockedRound(), "setup: locked in round 0");
        return last;
    }

    static Hash hash(Block b) {
        return b == null ? null : b.hash();
    }

    // ---------------------------------------------------------------- action inspection

    static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<Vote> votes(List<Action> actions) {
        return of(actions, Action.BroadcastVote.class).stream().map(Action.BroadcastVote::vote).toList();
    }

    static List<Proposal> proposals(List<Action> actions) {
        return of(actions, Action.BroadcastProposal.class).stream().map(Action.BroadcastProposal::proposal).toList();
    }

    static List<Timeout> timeouts(List<Action> actions) {
        return of(actions, Action.ScheduleTimeout.class).stream().map(Action.ScheduleTimeout::timeout).toList();
    }

    /** Exactly one vote was broadcast, by self, of this type, round and block (null = nil), validly signed. */
    Vote assertOnlyVote(List<Action> actions, VoteType type, int round, Block b) {
        List<Vote> vs = votes(actions);
        assertEquals(1, vs.size(), () -> "expected exactly one vote in " + actions);
        Vote v = vs.get(0);
        assertEquals(type, v.type(), "vote type");
        assertEquals(H, v.height(), "vote height");
        assertEquals(round, v.round(), "vote round");
        assertEquals(hash(b), v.blockHash(), "vote block hash");
        assertEquals(KEYS.get(self).address(), v.validator(), "voter");
        assertTrue(v.verify(CHAIN, KEYS.get(self).publicKey()), "vote signature verifies");
        return v;
    }

    static void assertNoVote(List<Action> actions) {
        assertEquals(List.of(), votes(actions), () -> "expected no vote in " + actions);
    }
}
