package io.reactiveledger.consensus.signing;

import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import java.util.Optional;

/** A validator's signing key behind its {@link SignGuard}: it signs nothing that conflicts with what it signed. */
public final class PrivValidator {
    private final KeyPair key;
    private final SignGuard guard;
    private final String chainId;

    public PrivValidator(KeyPair key, SignGuard guard, String chainId) {
        this.key = key;
        this.guard = guard;
        this.chainId = chainId;
    }

    public Address address() {
        return key.address();
    }

    public Optional<Vote> signVote(VoteType type, long height, int round, Hash blockHash) {
        SignStep step = type == VoteType.PREVOTE ? SignStep.PREVOTE : SignStep.PRECOMMIT;
        if (height < 1 || round < 0) throw new IllegalArgumentException("height must be >= 1 and round >= 0");
        if (!guard.permit(new SignRecord(height, round, step, blockHash))) return Optional.empty();
        byte[] sig = key.sign(VoteSignBytes.of(chainId, type, height, round, blockHash));
        return Optional.of(new Vote(type, height, round, blockHash, key.address(), sig));
    }

    public Optional<Proposal> signProposal(long height, int round, int polRound, Block block) {
        // Check everything the Proposal constructor checks before the guard records the slot.
        if (height < 1 || round < 0 || block.height() != height || polRound < -1 || (polRound != -1 && polRound >= round)) {
            throw new IllegalArgumentException("inconsistent proposal: h=" + height + " r=" + round + " pol=" + polRound
                    + " block height " + block.height());
        }
        if (!guard.permit(new SignRecord(height, round, SignStep.PROPOSE, block.hash()))) return Optional.empty();
        byte[] sig = key.sign(Proposal.signBytes(chainId, height, round, polRound, block.hash()));
        return Optional.of(new Proposal(height, round, polRound, block, key.address(), sig));
    }

    /**
     * The round to start {@code height} in: 0, or one past the last round this validator signed anything
     * in at this height (after a restart). Earlier rounds could only be joined with votes the guard must
     * refuse, which would leave the validator silent; the f+1 round-skip rule brings the others along.
     */
    public int resumeRound(long height) {
        return guard.last().filter(r -> r.height() == height).map(r -> r.round() + 1).orElse(0);
    }
}
