package io.reactiveledger.consensus;

import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.signing.SignGuard;
import io.reactiveledger.consensus.signing.SignRecordStore;
import io.reactiveledger.consensus.statemachine.ConsensusContext;
import io.reactiveledger.consensus.statemachine.ProposerSelection;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys, validator sets, blocks, signed proposals/votes and a configurable {@link ConsensusContext} for
 * the consensus tests. Validators are referred to by their index i in {@link #KEYS} ("v0".."v3"), not by
 * their position in the (address-sorted) validator set.
 */
public final class ConsensusFixtures {
    public static final String CHAIN = "reactive-devnet";
    public static final long H = 7;
    public static final List<KeyPair> KEYS = List.of(
            KeyPair.deterministic("v0"), KeyPair.deterministic("v1"),
            KeyPair.deterministic("v2"), KeyPair.deterministic("v3"));
    public static final KeyPair OUTSIDER = KeyPair.deterministic("outsider");
    public static final ValidatorSet VALIDATORS = validatorSet(1, 1, 1, 1);

    private ConsensusFixtures() {
    }

    /** Validator i of {@link #KEYS} gets {@code powers[i]}. */
    public static ValidatorSet validatorSet(long... powers) {
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) vs.add(new Validator(KEYS.get(i).publicKey(), powers[i], "v" + i));
        return new ValidatorSet(vs);
    }

    public static Hash label(String s) {
        return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An empty block at {@code height}; different {@code timeMs} give different hashes. */
    public static Block block(long height, long timeMs) {
        BlockHeader header = new BlockHeader(CHAIN, height, 1_700_000_000_000L + timeMs, label("previous"),
                Block.txRootOf(List.of()), label("state"), KEYS.get(0).address(), VALIDATORS.hash());
        return new Block(header, List.of());
    }

    public static int indexOf(Address a) {
        for (int i = 0; i < KEYS.size(); i++) if (KEYS.get(i).address().equals(a)) return i;
        throw new IllegalArgumentException("unknown validator " + a);
    }

    /** Index in {@link #KEYS} of the proposer of (height, round) in {@link #VALIDATORS}. */
    public static int proposerOf(long height, int round) {
        return indexOf(ProposerSelection.proposer(VALIDATORS, height, round).address());
    }

    /** The indexes other than {@code self}, in order. */
    public static int[] others(int self) {
        return java.util.stream.IntStream.range(0, KEYS.size()).filter(i -> i != self).toArray();
    }

    public static Vote vote(KeyPair key, VoteType type, long height, int round, Hash blockHash) {
        return new Vote(type, height, round, blockHash, key.address(),
                key.sign(VoteSignBytes.of(CHAIN, type, height, round, blockHash)));
    }

    public static Vote prevote(int validator, long height, int round, Hash blockHash) {
        return vote(KEYS.get(validator), VoteType.PREVOTE, height, round, blockHash);
    }

    public static Vote precommit(int validator, long height, int round, Hash blockHash) {
        return vote(KEYS.get(validator), VoteType.PRECOMMIT, height, round, blockHash);
    }

    public static Proposal proposal(KeyPair key, long height, int round, int polRound, Block block) {
        return new Proposal(height, round, polRound, block, key.address(),
                key.sign(Proposal.signBytes(CHAIN, height, round, polRound, block.hash())));
    }

    /** A proposal signed by the rightful proposer of (height, round). */
    public static Proposal proposal(long height, int round, int polRound, Block block) {
        return proposal(KEYS.get(proposerOf(height, round)), height, round, polRound, block);
    }

    public static CommitSignature commitSig(int validator, long height, int round, Hash signedHash) {
        KeyPair k = KEYS.get(validator);
        return new CommitSignature(k.address(), k.sign(VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, height, round, signedHash)));
    }

    /** A certificate for {@code block} whose precommits are signed by {@code signers}. */
    public static CommitCertificate certificate(Block block, int round, int... signers) {
        return new CommitCertificate(block.height(), round, block.hash(),
                Arrays.stream(signers).mapToObj(i -> commitSig(i, block.height(), round, block.hash())).toList());
    }

    public static PrivValidator privValidator(int validator) {
        return new PrivValidator(KEYS.get(validator), new SignGuard(SignRecordStore.inMemory()), CHAIN);
    }

    /** A context whose {@code validate} accepts every block except those marked invalid. */
    public static final class TestContext implements ConsensusContext {
        private final ValidatorSet validators;
        private final Map<Hash, String> invalid = new HashMap<>();
        private final Map<Hash, String> refused = new HashMap<>();

        public TestContext(ValidatorSet validators) {
            this.validators = validators;
        }

        public TestContext() {
            this(VALIDATORS);
        }

        public TestContext markInvalid(Block b, String reason) {
            invalid.put(b.hash(), reason);
            return this;
        }

        /** Local policy (the model actor's verdict) refuses {@code b}. */
        public TestContext markRefusedByPolicy(Block b, String reason) {
            refused.put(b.hash(), reason);
            return this;
        }

        @Override
        public Optional<String> policy(Block block) {
            return Optional.ofNullable(refused.get(block.hash()));
        }

        @Override
        public String chainId() {
            return CHAIN;
        }

        @Override
        public ValidatorSet validators() {
            return validators;
        }

        @Override
        public Optional<String> validate(Block block) {
            return Optional.ofNullable(invalid.get(block.hash()));
        }
    }
}
