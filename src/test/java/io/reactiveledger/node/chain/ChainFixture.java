package io.reactiveledger.node.chain;

import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.BuiltBlock;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.NodeConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/** A single-validator chain whose blocks carry real commit certificates, and test nodes to store it. */
public final class ChainFixture {
    public final TestChain chain;
    public final List<CommittedBlock> blocks = new ArrayList<>();
    public final List<BlockResult> results = new ArrayList<>();

    public ChainFixture(Map<KeyPair, Long> balances) {
        chain = new TestChain(balances);
    }

    /** Builds, certifies and applies the next block at {@code time + advanceMs}. */
    public CommittedBlock next(long advanceMs, List<Transaction> txs) {
        return next(advanceMs, txs, chain.transition);
    }

    /** As {@link #next(long, List)}, executed by {@code transition}. */
    public CommittedBlock next(long advanceMs, List<Transaction> txs, io.reactiveledger.core.state.StateTransition transition) {
        chain.time += advanceMs;
        chain.height++;
        BuiltBlock built = transition.build(chain.state, new BlockContext(TestChain.CHAIN, chain.height, chain.time,
                chain.proposerKey.address()), chain.previousHash, chain.genesis.validators().hash(), new ArrayList<>(txs));
        chain.state = built.result().state();
        chain.previousHash = built.block().hash();
        chain.last = built.result();
        KeyPair v = chain.proposerKey;
        CommitCertificate cert = new CommitCertificate(chain.height, 0, built.block().hash(), List.of(new CommitSignature(
                v.address(), v.sign(VoteSignBytes.of(TestChain.CHAIN, VoteType.PRECOMMIT, chain.height, 0, built.block().hash())))));
        CommittedBlock cb = new CommittedBlock(built.block(), cert);
        blocks.add(cb);
        results.add(built.result());
        return cb;
    }

    public CommittedBlock next(long advanceMs, Transaction... txs) {
        return next(advanceMs, List.of(txs));
    }

    /** A node's test kit on {@code dataDir} with the given {@code ledger.chain} settings (snapshotEvery also for contracts). */
    public static ActorTestKit node(String name, Path dataDir, int snapshotEvery, int blocksInMemory) {
        Config config = NodeConfig.of(name, dataDir, 0, 0, ConfigFactory.parseMap(Map.of(
                "ledger.chain.snapshot-every", snapshotEvery, "ledger.chain.blocks-in-memory", blocksInMemory,
                "ledger.contract.snapshot-every", snapshotEvery)));
        JournalSchema.createIfNotExists(config);
        return ActorTestKit.create(name, config);
    }
}
