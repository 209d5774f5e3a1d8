package io.reactiveledger.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.BuiltBlock;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The pure verifier on in-memory chains: what no journal tampering can produce without validator keys. */
class ChainVerifierTest {
    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    @AfterAll
    static void stop() {
        POOL.shutdown();
    }

    /** A chain of {@code n} blocks of 5 transfers; {@code tamper} may rewrite block {@code at}'s header before it is certified. */
    private static List<JournalEntry> chain(JournalGenerator g, int n, long at, UnaryOperator<BlockHeader> tamper) {
        StateTransition st = new StateTransition(ContractRegistry.standard(), tx -> true);
        WorldState state = g.genesis.state();
        Hash prev = g.genesis.hash();
        List<JournalEntry> out = new ArrayList<>();
        for (long h = 1; h <= n; h++) {
            BlockContext ctx = new BlockContext(g.genesis.chainId(), h, g.genesis.genesisTimeMs() + h, g.validatorKeys.get(0).address());
            BuiltBlock built = st.build(state, ctx, prev, g.genesis.validators().hash(), g.transfers(5, h));
            Block block = built.block();
            if (h == at) block = new Block(tamper.apply(block.header()), block.transactions());
            CommittedBlock cb = new CommittedBlock(block, g.certify(h, block.hash(), g.validatorKeys));
            out.add(JournalEntry.block(h, cb.encode(), null));
            state = built.result().state();
            prev = block.hash();
        }
        return out;
    }

    private static ChainVerifier verify(JournalGenerator g, List<JournalEntry> entries, List<BlockCheck> extra) {
        SignatureVerdicts verdicts = new SignatureVerdicts();
        ChainVerifier v = new ChainVerifier(g.genesis, verdicts, extra, Long.MAX_VALUE);
        v.accept(new BlockPreparer(g.genesis, true, POOL, verdicts).prepare(entries));
        return v;
    }

    private static BlockHeader withStateRoot(BlockHeader h, Hash root) {
        return new BlockHeader(h.chainId(), h.height(), h.timeMs(), h.previousHash(), h.txRoot(), root, h.proposer(), h.validatorSetHash());
    }

    @Test
    void aValidChainVerifies() {
        JournalGenerator g = new JournalGenerator(4, 10);
        ChainVerifier v = verify(g, chain(g, 4, -1, h -> h), List.of(new ReceiptsCheck()));
        assertEquals(Optional.empty(), v.failure());
        assertEquals(4, v.height());
        assertEquals(20, v.txs());
    }

    @Test
    void aCheckThatThrowsIsReportedAsAFailureAtItsHeight() {
        JournalGenerator g = new JournalGenerator(4, 10);
        BlockCheck throwsAtTwo = b -> {
            if (b.height() == 2) throw new IllegalStateException("contract journal unreadable");
            return Optional.empty();
        };
        ReplayFailure f = verify(g, chain(g, 3, -1, h -> h), List.of(throwsAtTwo)).failure().orElseThrow();
        assertEquals(2, f.height());
        assertEquals(Checks.EXECUTION, f.check());
        assertTrue(f.found().contains("contract journal unreadable"), f.message());
    }

    @Test
    void aCertifiedBlockWithAWrongStateRootFailsReExecution() {
        JournalGenerator g = new JournalGenerator(4, 10);
        Hash bogus = Sha256.hash(new byte[] {1});
        ChainVerifier v = verify(g, chain(g, 4, 3, h -> withStateRoot(h, bogus)), List.of());
        ReplayFailure f = v.failure().orElseThrow();
        assertEquals(3, f.height());
        assertEquals(Checks.STATE_ROOT, f.check());
        assertTrue(f.expected().contains(bogus.hex()), f.message());
        assertEquals(2, v.height());
    }

    @Test
    void aBrokenPreviousHashLinkFails() {
        JournalGenerator g = new JournalGenerator(4, 10);
        Hash other = Sha256.hash(new byte[] {2});
        ChainVerifier v = verify(g, chain(g, 3, 2, h -> new BlockHeader(h.chainId(), h.height(), h.timeMs(), other,
                h.txRoot(), h.stateRoot(), h.proposer(), h.validatorSetHash())), List.of());
        ReplayFailure f = v.failure().orElseThrow();
        assertEquals(2, f.height());
        assertEquals(Checks.PREVIOUS_HASH, f.check());
        assertEquals(other.hex(), f.found());
    }

    @Test
    void aBlockWhoseHeaderDoesNotCommitToItsTransactionsFailsTheTxRoot() {
        JournalGenerator g = new JournalGenerator(4, 10);
        List<JournalEntry> entries = chain(g, 3, -1, h -> h);
        // Block 2 with its transactions reversed, header and certificate unchanged.
        List<JournalEntry> tampered = new ArrayList<>(entries);
        CommittedBlock two = decode(entries.get(1));
        List<Transaction> reversed = new ArrayList<>(two.block().transactions());
        java.util.Collections.reverse(reversed);
        tampered.set(1, JournalEntry.block(2, new CommittedBlock(new Block(two.block().header(), reversed), two.certificate()).encode(), null));
        ReplayFailure f = verify(g, tampered, List.of()).failure().orElseThrow();
        assertEquals(2, f.height());
        assertEquals(Checks.TX_ROOT, f.check());
    }

    @Test
    void persistedReceiptsMustMatchReExecution() {
        JournalGenerator g = new JournalGenerator(4, 10);
        List<JournalEntry> entries = chain(g, 2, -1, h -> h);
        StateTransition st = new StateTransition(ContractRegistry.standard(), tx -> true);
        BlockResult r1 = st.apply(g.genesis.state(), decode(entries.get(0)).block());
        byte[] good = io.reactiveledger.core.state.ReceiptsCodec.encode(r1.receipts());
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;
        List<JournalEntry> withReceipts = List.of(JournalEntry.block(1, entries.get(0).committedBlock(), good),
                JournalEntry.block(2, entries.get(1).committedBlock(), bad));
        ReplayFailure f = verify(g, withReceipts, List.of(new ReceiptsCheck())).failure().orElseThrow();
        assertEquals(2, f.height());
        assertEquals(Checks.RECEIPTS, f.check());
    }

    @Test
    void aTransactionWithABadSignatureIsRejectedLikeOnTheNodeNotAFailure() {
        JournalGenerator g = new JournalGenerator(4, 10);
        StateTransition real = new StateTransition(ContractRegistry.standard(), Transaction::verifySignature);
        List<Transaction> txs = new ArrayList<>(g.transfers(3, 1));
        byte[] raw = txs.get(1).encoded();
        raw[raw.length - 1] ^= 1; // the signature's last byte
        try {
            txs.set(1, Transaction.decode(raw));
        } catch (io.reactiveledger.core.codec.DecodeException e) {
            throw new AssertionError(e);
        }
        BlockContext ctx = new BlockContext(g.genesis.chainId(), 1, g.genesis.genesisTimeMs() + 1, g.validatorKeys.get(0).address());
        BuiltBlock built = real.build(g.genesis.state(), ctx, g.genesis.hash(), g.genesis.validators().hash(), txs);
        CommittedBlock cb = new CommittedBlock(built.block(), g.certify(1, built.block().hash(), g.validatorKeys));
        ChainVerifier v = verify(g, List.of(JournalEntry.block(1, cb.encode(), null)), List.of());
        assertEquals(Optional.empty(), v.failure());
        assertEquals(1, v.badSignatureTxs());
        // Without signature checks that block re-executes to another state root: the flag has a cost.
        ChainVerifier unchecked = new ChainVerifier(g.genesis, tx -> true, List.of(), Long.MAX_VALUE);
        unchecked.accept(new BlockPreparer(g.genesis, false, POOL, new SignatureVerdicts()).prepare(List.of(JournalEntry.block(1, cb.encode(), null))));
        assertEquals(Checks.STATE_ROOT, unchecked.failure().orElseThrow().check());
    }

    private static CommittedBlock decode(JournalEntry e) {
        try {
            return CommittedBlock.decode(e.committedBlock());
        } catch (io.reactiveledger.core.codec.DecodeException ex) {
            throw new AssertionError(ex);
        }
    }
}
