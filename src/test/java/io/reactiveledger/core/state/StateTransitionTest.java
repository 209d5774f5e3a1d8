package io.reactiveledger.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTransitionTest {
    private final KeyPair alice = TestChain.key("alice");
    private final KeyPair bob = TestChain.key("bob");
    private final TestChain chain = new TestChain(Map.of(alice, 1_000L, bob, 50L));

    private Receipt single(Transaction tx) {
        return chain.block(1000, tx).get(0);
    }

    @Test
    void transferMovesAmountAndChargesFeeToProposer() {
        Receipt r = single(chain.tx(alice, new Transfer(bob.address(), 100), 5));
        assertEquals(ReceiptStatus.SUCCESS, r.status());
        assertEquals(895, chain.balance(alice));
        assertEquals(150, chain.balance(bob));
        assertEquals(5, chain.state.account(chain.proposerKey.address()).balance());
        assertEquals(1, chain.state.account(alice.address()).nextNonce());
        assertEquals("transfer", r.events().get(0).type());
        assertEquals("100", r.events().get(0).get("amount"));
        assertEquals(1_050, chain.circulating());
    }

    @Test
    void wrongNonceIsRejectedAndChargesNothing() {
        Receipt r = single(chain.txWithNonce(alice, new Transfer(bob.address(), 1), 5, 1));
        assertEquals(ReceiptStatus.REJECTED, r.status());
        assertEquals(ReceiptCodes.BAD_NONCE, r.code());
        assertEquals(0, r.feeCharged());
        assertEquals(1_000, chain.balance(alice));
        assertEquals(0, chain.state.account(alice.address()).nextNonce());
    }

    @Test
    void replayedTransactionIsRejectedByNonce() {
        Transaction t = chain.tx(alice, new Transfer(bob.address(), 10), 1);
        assertEquals(ReceiptStatus.SUCCESS, single(t).status());
        Receipt replay = single(t);
        assertEquals(ReceiptCodes.BAD_NONCE, replay.code());
        assertEquals(60, chain.balance(bob));
    }

    @Test
    void balanceBelowFeeIsRejected() {
        KeyPair poor = TestChain.key("poor");
        Receipt r = single(chain.tx(poor, new Transfer(bob.address(), 1), 1));
        assertEquals(ReceiptStatus.REJECTED, r.status());
        assertEquals(ReceiptCodes.INSUFFICIENT_FEE_BALANCE, r.code());
    }

    @Test
    void amountPlusFeeAboveBalanceFailsButChargesFeeAndConsumesNonce() {
        Receipt r = single(chain.tx(bob, new Transfer(alice.address(), 50), 1));
        assertEquals(ReceiptStatus.FAILED, r.status());
        assertEquals(ReceiptCodes.INSUFFICIENT_FUNDS, r.code());
        assertEquals(1, r.feeCharged());
        assertEquals(49, chain.balance(bob));
        assertEquals(1, chain.state.account(bob.address()).nextNonce());
        assertEquals(1_000, chain.balance(alice));
        assertTrue(r.events().isEmpty());
    }

    @Test
    void exactBalanceCoversAmountPlusFee() {
        Receipt r = single(chain.tx(bob, new Transfer(alice.address(), 49), 1));
        assertEquals(ReceiptStatus.SUCCESS, r.status());
        assertEquals(0, chain.balance(bob));
    }

    @Test
    void wrongChainAndBadSignatureAreRejected() throws Exception {
        Transaction other = Transaction.sign(new TxBody("other-chain", alice.publicKey(), 0, 1,
                new Transfer(bob.address(), 1), ""), alice);
        assertEquals(ReceiptCodes.WRONG_CHAIN, single(other).code());

        byte[] bytes = chain.txWithNonce(alice, new Transfer(bob.address(), 1), 1, 0).encoded();
        bytes[bytes.length - 40] ^= 1; // inside the signature's S half
        Transaction forged = Transaction.decode(bytes);
        Receipt r = single(forged);
        assertEquals(ReceiptStatus.REJECTED, r.status());
        assertEquals(ReceiptCodes.BAD_SIGNATURE, r.code());
        assertEquals(1_000, chain.balance(alice));
    }

    @Test
    void selfTransferOnlyCostsTheFee() {
        Receipt r = single(chain.tx(alice, new Transfer(alice.address(), 400), 2));
        assertEquals(ReceiptStatus.SUCCESS, r.status());
        assertEquals(998, chain.balance(alice));
    }

    @Test
    void sequentialNoncesInOneBlock() {
        List<Receipt> rs = chain.block(1000, chain.tx(alice, new Transfer(bob.address(), 1)),
                chain.tx(alice, new Transfer(bob.address(), 1)), chain.tx(alice, new Transfer(bob.address(), 1)));
        rs.forEach(r -> assertEquals(ReceiptStatus.SUCCESS, r.status()));
        assertEquals(3, chain.state.account(alice.address()).nextNonce());
    }

    @Test
    void applyIsDeterministicAndDoesNotMutateTheInputState() {
        WorldState before = chain.state;
        Hash rootBefore = before.root();
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 20; i++) txs.add(chain.tx(alice, new Transfer(TestChain.key("r" + i).address(), i + 1), 1));
        txs.add(chain.tx(alice, new CreateAuction("A 拍卖 item", 10, TestChain.GENESIS_TIME + 100_000, 1), 1));
        BlockContext ctx = new BlockContext(TestChain.CHAIN, 1, TestChain.GENESIS_TIME + 1000, chain.proposerKey.address());

        BlockResult a = chain.transition.execute(before, ctx, txs);
        StateTransition other = new StateTransition(ContractRegistry.standard(), new SignatureCache(10)::verify);
        BlockResult b = other.execute(before, ctx, txs);

        assertEquals(a.stateRoot(), b.stateRoot());
        assertEquals(a.receiptsHash(), b.receiptsHash());
        for (int i = 0; i < txs.size(); i++) {
            assertEquals(java.util.Arrays.toString(a.receipts().get(i).encode()),
                    java.util.Arrays.toString(b.receipts().get(i).encode()));
        }
        assertEquals(rootBefore, before.root());
        assertEquals(1_000, before.account(alice.address()).balance());
        assertNotEquals(rootBefore, a.stateRoot());
    }

    @Test
    void builtBlockReappliesToTheSameRoot() {
        Transaction t = chain.tx(alice, new Transfer(bob.address(), 7), 1);
        WorldState pre = chain.state;
        BuiltBlock built = chain.transition.build(pre, new BlockContext(TestChain.CHAIN, 1, TestChain.GENESIS_TIME + 5,
                chain.proposerKey.address()), chain.previousHash, chain.genesis.validators().hash(), List.of(t));
        Block block = built.block();
        assertTrue(block.txRootMatches());
        BlockResult replay = new StateTransition(ContractRegistry.standard(), Transaction::verifySignature).apply(pre, block);
        assertEquals(block.header().stateRoot(), replay.stateRoot());
    }

    @Test
    void stateRootIsMaintainedIncrementallyAndMatchesAFullRecomputation() {
        for (int i = 0; i < 30; i++) {
            chain.block(1000, chain.tx(alice, new Transfer(TestChain.key("x" + (i % 7)).address(), 3), 1));
            assertEquals(chain.state.rootFromScratch(), chain.state.root());
        }
    }

    @Test
    void stateRootChangesWithAnyBalanceOrNonce() {
        WorldState s = chain.state;
        Address a = alice.address();
        Hash base = s.root();
        Map<Hash, io.reactiveledger.core.crypto.Committed> balance = Map.of(StateKeys.account(a), new Account(a, 999, 0));
        Map<Hash, io.reactiveledger.core.crypto.Committed> nonce = Map.of(StateKeys.account(a), new Account(a, 1000, 1));
        assertNotEquals(base, s.withUpdates(balance).root());
        assertNotEquals(base, s.withUpdates(nonce).root());
        assertNotEquals(s.withUpdates(balance).root(), s.withUpdates(nonce).root());
        assertEquals(base, s.withUpdates(Map.of(StateKeys.account(a), new Account(a, 1000, 0))).root());
    }

    @Test
    void blockForAnotherChainIsRefused() {
        BlockContext ctx = new BlockContext("other", 1, 0, alice.address());
        assertThrows(IllegalArgumentException.class, () -> chain.transition.execute(chain.state, ctx, List.of()));
    }

    @Test
    void emptyBlockKeepsTheRoot() {
        Hash root = chain.state.root();
        assertTrue(chain.block(1000).isEmpty());
        assertEquals(root, chain.state.root());
    }
}
