package io.reactiveledger.core.block;

import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Deterministic validators, headers, blocks and commit certificates for the block tests. */
final class BlockFixtures {
    static final String CHAIN = TxFixtures.CHAIN;
    static final List<KeyPair> VALIDATOR_KEYS = List.of(
            KeyPair.deterministic("v0"), KeyPair.deterministic("v1"),
            KeyPair.deterministic("v2"), KeyPair.deterministic("v3"));

    private BlockFixtures() {
    }

    static Hash label(String s) {
        return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Validator i of {@link #VALIDATOR_KEYS} gets {@code powers[i]}. */
    static ValidatorSet validatorSet(long... powers) {
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < powers.length; i++) vs.add(new Validator(VALIDATOR_KEYS.get(i).publicKey(), powers[i], "v" + i));
        return new ValidatorSet(vs);
    }

    static BlockHeader header(long height, List<Transaction> txs) {
        return new BlockHeader(CHAIN, height, 1_700_000_000_000L + height, label("previous"), Block.txRootOf(txs),
                label("state"), VALIDATOR_KEYS.get(0).address(), validatorSet(1, 1, 1, 1).hash());
    }

    static Block block(long height, List<Transaction> txs) {
        return new Block(header(height, txs), txs);
    }

    static CommitSignature precommit(KeyPair signer, String chainId, VoteType type, long height, int round, Hash blockHash) {
        return new CommitSignature(signer.address(), signer.sign(VoteSignBytes.of(chainId, type, height, round, blockHash)));
    }

    /** A certificate with valid precommits for {@code block} in {@code round} from the given validator indexes. */
    static CommitCertificate commit(Block block, int round, int... signers) {
        List<CommitSignature> sigs = Arrays.stream(signers)
                .mapToObj(i -> precommit(VALIDATOR_KEYS.get(i), CHAIN, VoteType.PRECOMMIT, block.height(), round, block.hash()))
                .toList();
        return new CommitCertificate(block.height(), round, block.hash(), sigs);
    }

    /** Reads a big-endian unsigned integer of {@code width} bytes. */
    static long get(byte[] b, int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    /** Overwrites {@code width} bytes at {@code off} with {@code v} big-endian (forging a field). */
    static void put(byte[] b, int off, int width, long v) {
        for (int i = width - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
