package io.reactiveledger.consensus.signing;

import static io.reactiveledger.consensus.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.KEYS;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.ConsensusFixtures.TestContext;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.statemachine.Action;
import io.reactiveledger.consensus.statemachine.ConsensusParams;
import io.reactiveledger.consensus.statemachine.HeightStateMachine;
import io.reactiveledger.consensus.statemachine.Step;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Double-sign protection, in memory and across a restart over the same store. */
class SignGuardTest {
    private final Block a = block(H, 1);
    private final Block b = block(H, 2);
    private final Hash ha = a.hash();
    private final Hash hb = b.hash();

    /** An in-memory store that counts saves. */
    private static final class CountingStore implements SignRecordStore {
        private final SignRecordStore inner = SignRecordStore.inMemory();
        final List<SignRecord> saved = new ArrayList<>();

        @Override
        public Optional<SignRecord> load() {
            return inner.load();
        }

        @Override
        public void save(SignRecord r) {
            saved.add(r);
            inner.save(r);
        }
    }

    private static SignRecord rec(long h, int r, SignStep s, Hash hash) {
        return new SignRecord(h, r, s, hash);
    }

    @Test
    void sameRecordTwiceIsAllowed() {
        SignGuard g = new SignGuard(SignRecordStore.inMemory());
        assertTrue(g.permit(rec(H, 0, SignStep.PREVOTE, ha)));
        assertTrue(g.permit(rec(H, 0, SignStep.PREVOTE, ha)));
        assertTrue(g.permit(rec(H, 0, SignStep.PRECOMMIT, null)));
        assertTrue(g.permit(rec(H, 0, SignStep.PRECOMMIT, null)), "nil twice is the same record");
    }

    @Test
    void differentHashAtSameHeightRoundStepIsRefused() {
        SignGuard g = new SignGuard(SignRecordStore.inMemory());
        assertTrue(g.permit(rec(H, 0, SignStep.PREVOTE, ha)));
        assertFalse(g.permit(rec(H, 0, SignStep.PREVOTE, hb)));
        assertFalse(g.permit(rec(H, 0, SignStep.PREVOTE, null)), "nil after A");
        assertEquals(Optional.of(rec(H, 0, SignStep.PREVOTE, ha)), g.last(), "refusals do not move the record");

        SignGuard g2 = new SignGuard(SignRecordStore.inMemory());
        assertTrue(g2.permit(rec(H, 0, SignStep.PRECOMMIT, null)));
        assertFalse(g2.permit(rec(H, 0, SignStep.PRECOMMIT, ha)), "A after nil");
    }

    @Test
    void anythingEarlierIsRefused() {
        SignGuard g = new SignGuard(SignRecordStore.inMemory());
        assertTrue(g.permit(rec(H, 2, SignStep.PREVOTE, ha)));
        assertFalse(g.permit(rec(H, 2, SignStep.PROPOSE, ha)), "earlier step");
        assertFalse(g.permit(rec(H, 1, SignStep.PRECOMMIT, ha)), "earlier round");
        assertFalse(g.permit(rec(H - 1, 9, SignStep.PRECOMMIT, ha)), "earlier height");
        assertTrue(g.permit(rec(H, 2, SignStep.PRECOMMIT, hb)), "later step");
        assertTrue(g.permit(rec(H, 3, SignStep.PROPOSE, ha)), "later round, earlier step");
        assertTrue(g.permit(rec(H + 1, 0, SignStep.PROPOSE, hb)), "later height");
        assertFalse(g.permit(rec(H, 3, SignStep.PROPOSE, ha)), "the previous height is now earlier");
    }

    @Test
    void recordIsSavedBeforePermissionAndOnlyWhenPermitted() {
        CountingStore store = new CountingStore();
        SignGuard g = new SignGuard(store);
        g.permit(rec(H, 0, SignStep.PREVOTE, ha));
        g.permit(rec(H, 0, SignStep.PREVOTE, hb));
        g.permit(rec(H, 0, SignStep.PROPOSE, ha));
        assertEquals(List.of(rec(H, 0, SignStep.PREVOTE, ha)), store.saved);
        assertEquals(Optional.of(rec(H, 0, SignStep.PREVOTE, ha)), store.load());
    }

    @Test
    void afterRestartOverTheSameStoreConflictsAreStillRefused() {
        SignRecordStore store = SignRecordStore.inMemory();
        assertTrue(new SignGuard(store).permit(rec(H, 1, SignStep.PREVOTE, ha)));

        SignGuard restarted = new SignGuard(store);
        assertEquals(Optional.of(rec(H, 1, SignStep.PREVOTE, ha)), restarted.last());
        assertFalse(restarted.permit(rec(H, 1, SignStep.PREVOTE, hb)));
        assertFalse(restarted.permit(rec(H, 0, SignStep.PRECOMMIT, hb)));
        assertTrue(restarted.permit(rec(H, 1, SignStep.PREVOTE, ha)));
        assertTrue(restarted.permit(rec(H, 1, SignStep.PRECOMMIT, ha)));
    }

    // ---------------------------------------------------------------- PrivValidator

    @Test
    void privValidatorSignsVerifiableVotesAndRefusesConflicts() {
        KeyPair k = KEYS.get(1);
        PrivValidator pv = new PrivValidator(k, new SignGuard(SignRecordStore.inMemory()), CHAIN);
        Vote v = pv.signVote(VoteType.PREVOTE, H, 0, ha).orElseThrow();
        assertTrue(v.verify(CHAIN, k.publicKey()));
        Vote again = pv.signVote(VoteType.PREVOTE, H, 0, ha).orElseThrow();
        assertArrayEquals(v.signature(), again.signature());
        assertEquals(Optional.empty(), pv.signVote(VoteType.PREVOTE, H, 0, hb));
        assertEquals(Optional.empty(), pv.signVote(VoteType.PREVOTE, H, 0, null));
        assertTrue(pv.signVote(VoteType.PRECOMMIT, H, 0, null).isPresent());
        assertEquals(Optional.empty(), pv.signProposal(H, 0, -1, a), "proposal after precommit in the same round");
        assertTrue(pv.signProposal(H, 1, 0, a).orElseThrow().verify(CHAIN, k.publicKey()));
        assertEquals(Optional.empty(), pv.signProposal(H, 1, -1, b), "second proposal for the round");
    }

    @Test
    void restartedValidatorThatPrevotedADoesNotPrevoteBInTheSameRound() {
        int self = ConsensusFixtures.proposerOf(H, 3); // not the proposer of round 0
        SignRecordStore store = SignRecordStore.inMemory();
        PrivValidator before = new PrivValidator(KEYS.get(self), new SignGuard(store), CHAIN);
        assertTrue(before.signVote(VoteType.PREVOTE, H, 0, ha).isPresent());

        // Crash: a new guard and a new machine over the same store. Round 0's proposer now proposes B.
        PrivValidator after = new PrivValidator(KEYS.get(self), new SignGuard(store), CHAIN);
        HeightStateMachine sm = new HeightStateMachine(ConsensusParams.defaults(), new TestContext(), H, after);
        sm.start();
        assertEquals(1, sm.round(), "a restarted validator resumes past the last round it signed in");
        List<Action> actions = sm.onProposal(ConsensusFixtures.proposal(H, 0, -1, b));
        assertEquals(List.of(), actions.stream().filter(x -> x instanceof Action.BroadcastVote).toList(), actions::toString);
        assertEquals(Optional.of(rec(H, 0, SignStep.PREVOTE, ha)), store.load());
    }

    @Test
    void restartedValidatorVotesAgainFromTheRoundAfterItsLastSignature() {
        int self = ConsensusFixtures.proposerOf(H, 3);
        SignRecordStore store = SignRecordStore.inMemory();
        new PrivValidator(KEYS.get(self), new SignGuard(store), CHAIN).signVote(VoteType.PREVOTE, H, 0, ha);

        PrivValidator after = new PrivValidator(KEYS.get(self), new SignGuard(store), CHAIN);
        HeightStateMachine sm = new HeightStateMachine(ConsensusParams.defaults(), new TestContext(), H, after);
        sm.start();
        List<Action> actions = sm.onProposal(ConsensusFixtures.proposal(H, 1, -1, b));
        List<Vote> votes = actions.stream().filter(x -> x instanceof Action.BroadcastVote)
                .map(x -> ((Action.BroadcastVote) x).vote()).toList();
        assertEquals(1, votes.size(), actions::toString);
        assertEquals(b.hash(), votes.get(0).blockHash());
        assertEquals(1, votes.get(0).round());
    }
}
