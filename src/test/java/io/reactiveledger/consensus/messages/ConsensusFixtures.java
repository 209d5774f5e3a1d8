package io.reactiveledger.consensus.messages;

import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.signing.SignGuard;
import io.reactiveledger.consensus.signing.SignRecordStore;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Deterministic keys, blocks and signed consensus messages for the codec tests. */
final class ConsensusFixtures {
    static final String CHAIN = TxFixtures.CHAIN;
    static final KeyPair V0 = KeyPair.deterministic("v0");
    static final KeyPair V1 = KeyPair.deterministic("v1");

    private ConsensusFixtures() {
    }

    static Hash label(String s) {
        return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh signer with an empty in-memory record: it signs anything once. */
    static PrivValidator signer(KeyPair key) {
        return new PrivValidator(key, new SignGuard(SignRecordStore.inMemory()), CHAIN);
    }

    static Block block(long height, String salt, List<Transaction> txs) {
        BlockHeader h = new BlockHeader(CHAIN, height, 1_700_000_000_000L + height, label("prev/" + salt),
                Block.txRootOf(txs), label("state/" + salt), V0.address(), label("validators"));
        return new Block(h, txs);
    }

    static Block block(long height, String salt) {
        return block(height, salt, List.of());
    }

    static Vote vote(KeyPair key, VoteType type, long height, int round, Hash blockHash) {
        return signer(key).signVote(type, height, round, blockHash).orElseThrow();
    }

    static Proposal proposal(KeyPair key, long height, int round, int polRound, Block block) {
        return signer(key).signProposal(height, round, polRound, block).orElseThrow();
    }
}
