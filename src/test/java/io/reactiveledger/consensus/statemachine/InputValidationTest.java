package io.reactiveledger.consensus.statemachine;

import static io.reactiveledger.consensus.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.ConsensusFixtures.H;
import static io.reactiveledger.consensus.ConsensusFixtures.KEYS;
import static io.reactiveledger.consensus.ConsensusFixtures.OUTSIDER;
import static io.reactiveledger.consensus.ConsensusFixtures.block;
import static io.reactiveledger.consensus.ConsensusFixtures.prevote;
import static io.reactiveledger.consensus.ConsensusFixtures.proposal;
import static io.reactiveledger.consensus.ConsensusFixtures.vote;
import static io.reactiveledger.consensus.statemachine.Harness.assertNoVote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.reactiveledger.consensus.ConsensusFixtures;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proposal and vote is checked (height, round window, sender, signature) before it counts. */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a livelock in process() fails, not hangs
class InputValidationTest {
    private final Block a = block(H, 1);

    /** A vote that claims to be from {@code claimed} but is signed with {@code signer}'s key. */
    private static Vote forged(int claimed, int signer, VoteType type, int round, Block b) {
        byte[] sig = KEYS.get(signer).sign(VoteSignBytes.of(CHAIN, type, H, round, Harness.hash(b)));
        return new Vote(type, H, round, Harness.hash(b), KEYS.get(claimed).address(), sig);
    }

    private static Vote withSignature(Vote v, byte[] sig) {
        return new Vote(v.type(), v.height(), v.round(), v.blockHash(), v.validator(), sig);
    }

    /** Self prevoted A in round 0 and {@code other(0)} too: one more valid prevote for A is a polka. */
    private Harness twoPrevotesForA() {
        Harness t = Harness.nonProposer();
        t.start();
        t.propose(0, -1, a);
        t.prevote(t.other(0), 0, a);
        return t;
    }

    private void assertIgnoredThenRealVoteCompletesPolka(Harness t, Vote bad) {
        assertEquals(List.of(), t.sm.onVote(bad), "ignored: " + bad);
        assertEquals(Step.PREVOTE, t.sm.step(), "not counted");
        assertEquals(-1, t.sm.lockedRound());
        t.assertOnlyVote(t.prevote(t.other(1), 0, a), VoteType.PRECOMMIT, 0, a);
    }

    @Test
    void voteSignedByAnotherValidatorsKeyIsIgnored() {
        Harness t = twoPrevotesForA();
        assertIgnoredThenRealVoteCompletesPolka(t, forged(t.other(1), t.other(2), VoteType.PREVOTE, 0, a));
    }

    @Test
    void voteWithTamperedSignatureIsIgnored() {
        Harness t = twoPrevotesForA();
        Vote good = prevote(t.other(1), H, 0, a.hash());
        byte[] sig = good.signature();
        sig[10] ^= 1;
        assertIgnoredThenRealVoteCompletesPolka(t, withSignature(good, sig));
    }

    @Test
    void voteWhoseSignatureCoversOtherFieldsIsIgnored() {
        Harness t = twoPrevotesForA();
        // Signed as a round-1 prevote, presented as round 0; signed as a precommit, presented as a prevote.
        Vote round1 = prevote(t.other(1), H, 1, a.hash());
        Vote precommit = ConsensusFixtures.precommit(t.other(1), H, 0, a.hash());
        assertEquals(List.of(), t.sm.onVote(withSignature(prevote(t.other(1), H, 0, a.hash()), round1.signature())));
        assertIgnoredThenRealVoteCompletesPolka(t, withSignature(prevote(t.other(1), H, 0, a.hash()), precommit.signature()));
    }

    @Test
    void voteSignedForAnotherChainIsIgnored() {
        Harness t = twoPrevotesForA();
        KeyPair k = KEYS.get(t.other(1));
        Vote other = new Vote(VoteType.PREVOTE, H, 0, a.hash(), k.address(),
                k.sign(VoteSignBytes.of("other-chain", VoteType.PREVOTE, H, 0, a.hash())));
        assertIgnoredThenRealVoteCompletesPolka(t, other);
    }

    @Test
    void voteFromNonValidatorIsIgnored() {
        Harness t = twoPrevotesForA();
        assertIgnoredThenRealVoteCompletesPolka(t, vote(OUTSIDER, VoteType.PREVOTE, H, 0, a.hash()));
    }

    @Test
    void voteForAnotherHeightIsIgnored() {
        Harness t = twoPrevotesForA();
        assertEquals(List.of(), t.sm.onVote(prevote(t.other(1), H - 1, 0, a.hash())));
        assertIgnoredThenRealVoteCompletesPolka(t, prevote(t.other(1), H + 1, 0, a.hash()));
    }

    @Test
    void votesBeyondMaxRoundsAheadAreIgnoredAndDoNotSkip() {
        int ahead = ConsensusParams.defaults().maxRoundsAhead();
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), t.prevote(t.other(0), ahead + 1, null));
        assertEquals(List.of(), t.prevote(t.other(1), ahead + 1, null));
        assertEquals(0, t.sm.round(), "ignored votes do not count towards f+1");

        // The edge of the window is accepted.
        t.prevote(t.other(0), ahead, null);
        t.prevote(t.other(1), ahead, null);
        assertEquals(ahead, t.sm.round());
    }

    @Test
    void forgedVotesDoNotCountTowardsRoundSkip() {
        Harness t = Harness.nonProposer();
        t.start();
        t.sm.onVote(forged(t.other(0), t.other(2), VoteType.PREVOTE, 5, null));
        t.sm.onVote(vote(OUTSIDER, VoteType.PREVOTE, H, 5, null));
        t.sm.onVote(forged(t.other(1), t.other(2), VoteType.PREVOTE, 5, null));
        assertEquals(0, t.sm.round());
    }

    @Test
    void proposalFromTheWrongProposerIsIgnored() {
        Harness t = Harness.nonProposer();
        t.start();
        int rightful = ConsensusFixtures.proposerOf(H, 0);
        int wrong = t.other(0) == rightful ? t.other(1) : t.other(0);
        assertNotEquals(rightful, wrong);
        assertEquals(List.of(), t.sm.onProposal(proposal(KEYS.get(wrong), H, 0, -1, a)));
        assertEquals(List.of(), t.sm.onProposal(proposal(OUTSIDER, H, 0, -1, a)));
        assertEquals(Step.PROPOSE, t.sm.step());
        // Not stored either: the rightful proposal still gets a prevote.
        t.assertOnlyVote(t.propose(0, -1, a), VoteType.PREVOTE, 0, a);
    }

    @Test
    void proposalWithBadSignatureIsIgnored() {
        Harness t = Harness.nonProposer();
        t.start();
        Proposal good = proposal(H, 0, -1, a);
        byte[] sig = good.signature();
        sig[0] ^= 1;
        Proposal tampered = new Proposal(H, 0, -1, a, good.proposer(), sig);
        int rightful = ConsensusFixtures.proposerOf(H, 0);
        KeyPair impostor = KEYS.get(t.other(0) == rightful ? t.other(1) : t.other(0));
        Proposal signedByImpostor = new Proposal(H, 0, -1, a, good.proposer(),
                impostor.sign(Proposal.signBytes(CHAIN, H, 0, -1, a.hash())));
        // Signature over polRound 0 presented with polRound -1 (round 1 so that polRound 0 is legal).
        Proposal r1 = proposal(H, 1, 0, a);
        Proposal polRoundSwapped = new Proposal(H, 1, -1, a, r1.proposer(), r1.signature());

        assertEquals(List.of(), t.sm.onProposal(tampered));
        assertEquals(List.of(), t.sm.onProposal(signedByImpostor));
        assertEquals(List.of(), t.sm.onProposal(polRoundSwapped));
        assertEquals(Step.PROPOSE, t.sm.step());
        assertEquals(List.of(), t.sm.evidence(), "forgeries are not evidence against the proposer");
        t.assertOnlyVote(t.sm.onProposal(good), VoteType.PREVOTE, 0, a);
    }

    @Test
    void proposalForAnotherHeightOrBeyondTheWindowIsIgnored() {
        Harness t = Harness.nonProposer();
        t.start();
        assertEquals(List.of(), t.sm.onProposal(proposal(H + 1, 0, -1, block(H + 1, 1))));
        int farRound = ConsensusParams.defaults().maxRoundsAhead() + 2;
        Proposal far = proposal(H, farRound, -1, a);
        assertNotEquals(t.self, ConsensusFixtures.indexOf(far.proposer()));
        assertEquals(List.of(), t.sm.onProposal(far));

        // From round 2 that round is inside the window. One vote from a different validator would make f+1
        // for it if the earlier proposal had been kept.
        t.timeout(Step.PRECOMMIT, 0);
        t.timeout(Step.PRECOMMIT, 1);
        assertEquals(2, t.sm.round());
        int other = ConsensusFixtures.indexOf(far.proposer()) == t.other(0) ? t.other(1) : t.other(0);
        assertEquals(List.of(), t.prevote(other, farRound, null));
        assertEquals(2, t.sm.round());
        // Sanity: the same proposal, delivered now, is accepted and completes f+1.
        t.sm.onProposal(far);
        assertEquals(farRound, t.sm.round());
    }

    @Test
    void aRelayedCopyWithSwappedTransactionsDoesNotPoisonTheGenuineProposal() {
        Harness t = Harness.nonProposer();
        t.start();
        KeyPair sender = KeyPair.deterministic("poison-sender");
        io.reactiveledger.core.tx.Transaction tx = io.reactiveledger.core.tx.Transaction.sign(
                new io.reactiveledger.core.tx.TxBody(CHAIN, sender.publicKey(), 0, 1,
                        new io.reactiveledger.core.tx.Transfer(OUTSIDER.address(), 5), ""), sender);
        Proposal genuine = proposal(H, 0, -1, a);
        // Same header, hence same hash and a valid signature, but other transactions.
        Proposal poisoned = new Proposal(H, 0, -1, new Block(a.header(), List.of(tx)), genuine.proposer(),
                genuine.signature());
        assertEquals(List.of(), t.sm.onProposal(poisoned));
        List<io.reactiveledger.consensus.statemachine.Action> actions = t.sm.onProposal(genuine);
        assertEquals(List.of(a.hash()), Harness.votes(actions).stream().map(Vote::blockHash).toList(),
                "the genuine proposal is still prevoted");
    }
}
