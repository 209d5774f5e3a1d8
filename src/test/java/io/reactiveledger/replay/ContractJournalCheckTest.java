package io.reactiveledger.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.AuctionWorkload;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.ContractStateCodec;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.node.chain.ChainFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pure contract-journal check on a small chain: auction 1 created at height 1 and bid on twice in
 * block 2, auction 2 created and bid on in block 3, a transfer in block 4. Journals are built from the
 * chain (what an honest instance writes) and then changed.
 */
class ContractJournalCheckTest {
    private ChainFixture f;
    private ContractCalls calls;

    @BeforeEach
    void chain() {
        f = new ChainFixture(AuctionWorkload.balances());
        List<KeyPair> k = AuctionWorkload.KEYS;
        long end = TestChain.GENESIS_TIME + 600_000;
        f.next(1_000, List.of(f.chain.tx(k.get(0), new CreateAuction("first", 10, end, 1))));
        f.next(1_000, List.of(f.chain.tx(k.get(1), new Bid(1, 20)), f.chain.tx(k.get(2), new Bid(1, 30))));
        f.next(1_000, List.of(f.chain.tx(k.get(3), new CreateAuction("second", 50, end, 1)), f.chain.tx(k.get(4), new Bid(2, 60))));
        f.next(1_000, List.of(f.chain.tx(k.get(5), new Transfer(k.get(0).address(), 5))));
        calls = new ContractCalls(ContractRegistry.standard(), f.chain.genesis.state());
        for (int i = 0; i < f.blocks.size(); i++) {
            CommittedBlock cb = f.blocks.get(i);
            assertEquals(Optional.empty(), calls.check(new VerifiedBlock(i + 1, cb, cb.block().hash(), f.results.get(i), null)));
        }
    }

    /** What an honest instance journals for {@code contractId}: one CallApplied per successful call. */
    private List<ContractJournalEntry> honest(long contractId) {
        List<ContractJournalEntry> out = new ArrayList<>();
        for (ContractCalls.Expected x : calls.contracts().get(contractId).calls()) {
            int b = (int) x.height() - 1;
            BlockResult r = f.results.get(b);
            out.add(ContractJournalEntry.call(out.size() + 1, x.height(), x.txIndex(), x.txHash().bytes(), x.blockTimeMs(),
                    f.blocks.get(b).block().transactions().get(x.txIndex()).encoded(), x.commitment().bytes(),
                    ContractCalls.encodeEvents(r.receipts().get(x.txIndex()).events())));
        }
        return out;
    }

    private static List<ContractJournalEntry> renumbered(List<ContractJournalEntry> in) {
        List<ContractJournalEntry> out = new ArrayList<>();
        for (ContractJournalEntry e : in) {
            out.add(new ContractJournalEntry(out.size() + 1, e.kind(), e.height(), e.txIndex(), e.txHash(), e.blockTimeMs(), e.tx(),
                    e.stateHash(), e.events(), e.state(), e.error()));
        }
        return out;
    }

    private ContractJournalCheck run(long verifiedHeight, boolean complete, long contractId, List<ContractJournalEntry> journal) {
        ContractJournalCheck c = new ContractJournalCheck(calls, verifiedHeight, complete);
        ContractJournalCheck.Journal j = c.journal(contractId);
        journal.forEach(j::accept);
        j.finish();
        return c;
    }

    private static void assertFails(ContractJournalCheck c, long height, String contract) {
        assertTrue(c.failure().isPresent(), "expected a failure at height " + height);
        ReplayFailure f = c.failure().get();
        assertEquals(Checks.CONTRACT_JOURNAL, f.check());
        assertEquals(height, f.height(), f.message());
        assertTrue(f.expected().startsWith(contract), f.message());
    }

    private ContractJournalEntry adopted(long seq, long contractId, long height, long stateAtHeight) {
        ContractInstance c = f.results.get((int) stateAtHeight - 1).state().contract(contractId);
        return ContractJournalEntry.adopted(seq, height, ContractStateCodec.encode(c.type(), c.state()), c.state().commitment().bytes());
    }

    @Test
    void honestJournalsPassAndEachCallHasItsOwnCommitment() {
        ContractJournalCheck c = new ContractJournalCheck(calls, 4, true);
        for (long id : List.of(1L, 2L)) {
            ContractJournalCheck.Journal j = c.journal(id);
            honest(id).forEach(j::accept);
            j.finish();
        }
        assertEquals(Optional.empty(), c.failure());
        assertEquals(List.of(), c.warnings());
        assertEquals(2, c.journals());
        assertEquals(5, c.events());
        List<ContractCalls.Expected> one = calls.contracts().get(1L).calls();
        assertEquals(3, one.size());
        // the first bid of block 2 is checked against the state after it, not the block's end state
        assertNotEquals(one.get(1).commitment(), one.get(2).commitment());
        assertEquals(f.results.get(1).state().contract(1).state().commitment(), one.get(2).commitment());
    }

    @Test
    void swappedCallsFailAtTheirHeight() {
        List<ContractJournalEntry> j = new ArrayList<>(honest(1));
        j.add(1, j.remove(2));
        assertFails(run(4, true, 1, renumbered(j)), 2, "contract 1");
    }

    @Test
    void anotherContractsCallIsAnExtraCall() {
        List<ContractJournalEntry> j = new ArrayList<>(honest(1));
        j.add(honest(2).get(1)); // auction 2's bid at height 3
        assertFails(run(4, true, 1, renumbered(j)), 3, "contract 1");
    }

    @Test
    void callsAboveTheHeadFailOnlyWhenTheWholeChainWasReplayed() {
        List<ContractJournalEntry> j = new ArrayList<>(honest(1));
        ContractJournalEntry last = j.get(j.size() - 1);
        j.add(new ContractJournalEntry(0, last.kind(), 5, 0, last.txHash(), last.blockTimeMs(), last.tx(), last.stateHash(),
                last.events(), null, null));
        assertFails(run(4, true, 1, renumbered(j)), 5, "contract 1");
        assertEquals(Optional.empty(), run(4, false, 1, renumbered(j)).failure()); // --to-height 4: not checked
    }

    @Test
    void aJournalBehindAtItsTailIsAWarning() {
        ContractJournalCheck c = run(4, true, 1, honest(1).subList(0, 1));
        assertEquals(Optional.empty(), c.failure());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("2 call(s) from height 2 tx 0"), c.warnings().get(0));
        // below the verified height the chain's later calls are not expected
        assertEquals(List.of(), run(1, false, 1, honest(1).subList(0, 1)).warnings());
    }

    @Test
    void adoptedStateMustBeTheChainsStateAtItsHeight() {
        List<ContractJournalEntry> ok = new ArrayList<>(List.of(adopted(1, 1, 2, 2)));
        assertEquals(Optional.empty(), run(4, true, 1, ok).failure());
        assertEquals(Optional.empty(), run(4, true, 1, List.of(adopted(1, 1, 3, 3))).failure()); // block 3 did not call it
        assertFails(run(4, true, 1, List.of(adopted(1, 1, 2, 1))), 2, "contract 1");
        // adopted at 1, then the calls of block 2
        List<ContractJournalEntry> then = new ArrayList<>(List.of(adopted(1, 1, 1, 1)));
        then.addAll(honest(1).subList(1, 3));
        assertEquals(Optional.empty(), run(4, true, 1, renumbered(then)).failure());
        // an adopted state older than calls already journaled
        List<ContractJournalEntry> late = new ArrayList<>(honest(1));
        late.add(adopted(0, 1, 1, 1));
        assertFails(run(4, true, 1, renumbered(late)), 1, "contract 1");
    }

    @Test
    void aJournalOfAContractTheChainNeverCreatedFails() {
        List<ContractJournalEntry> j = honest(2);
        assertFails(run(4, true, 9, j), 3, "contract 9");
        ContractJournalCheck c = new ContractJournalCheck(calls, 4, true);
        c.foreignJournal("node0:contract|test-chain-x");
        assertEquals(Checks.CONTRACT_JOURNAL, c.failure().orElseThrow().check());
    }

    @Test
    void aGapInSequenceNumbersFails() {
        List<ContractJournalEntry> j = renumbered(honest(1));
        ContractJournalEntry e = j.get(2);
        j.set(2, new ContractJournalEntry(7, e.kind(), e.height(), e.txIndex(), e.txHash(), e.blockTimeMs(), e.tx(), e.stateHash(),
                e.events(), null, null));
        assertFails(run(4, true, 1, j), 2, "contract 1");
    }

    @Test
    void theEarliestFailureOfAllJournalsIsReported() {
        ContractJournalCheck c = new ContractJournalCheck(calls, 4, true);
        List<ContractJournalEntry> two = new ArrayList<>(honest(2));
        two.remove(0); // auction 2's create (height 3) missing
        List<ContractJournalEntry> one = new ArrayList<>(honest(1));
        one.remove(1); // auction 1's first bid (height 2) missing
        for (var pair : List.of(List.of(2L, renumbered(two)), List.of(1L, renumbered(one)))) {
            ContractJournalCheck.Journal j = c.journal((Long) pair.get(0));
            @SuppressWarnings("unchecked") List<ContractJournalEntry> es = (List<ContractJournalEntry>) pair.get(1);
            es.forEach(j::accept);
            j.finish();
        }
        assertEquals(2, c.failure().orElseThrow().height(), c.failure().orElseThrow().message());
    }
}
