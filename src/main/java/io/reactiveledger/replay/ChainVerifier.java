package io.reactiveledger.replay;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptCodes;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Rebuilds a chain from its genesis, one journal entry at a time, in journal order, and stops at the
 * first entry that does not verify. Pure: no Pekko, no I/O. Per block, in this order (names in
 * {@link Checks}): journal sequence, decoding, height continuity, chain id, previous-hash link,
 * validator set, tx Merkle root, commit certificate, re-execution (which must not throw) to the header's state root, then the
 * extra {@link BlockCheck}s (persisted receipts, ...). Decoding and signature checks are done ahead, in
 * parallel, by {@link BlockPreparer}; this class only applies what it was handed.
 */
public final class ChainVerifier {
    private final Genesis genesis;
    private final StateTransition transition;
    private final List<BlockCheck> extraChecks;
    private final long toHeight;
    private final List<Consumer<VerifiedBlock>> listeners = new ArrayList<>();

    private long height;
    private Hash headHash;
    private WorldState state;
    private long lastSequenceNr;
    private long events;
    private long evidence;
    private long otherEvents;
    private long txs;
    private long badSignatureTxs;
    private ReplayFailure failure;

    /**
     * @param signatureCheck the state transition's verdict on transaction signatures: {@link SignatureVerdicts}
     *                       filled by the preparer, or {@code tx -> true} when signatures are not verified
     * @param toHeight       stop after this height ({@link Long#MAX_VALUE} for the whole journal)
     */
    public ChainVerifier(Genesis genesis, Predicate<Transaction> signatureCheck, List<BlockCheck> extraChecks, long toHeight) {
        if (toHeight < 0) throw new IllegalArgumentException("toHeight must not be negative");
        this.genesis = genesis;
        this.transition = new StateTransition(ContractRegistry.standard(), signatureCheck);
        this.extraChecks = List.copyOf(extraChecks);
        this.toHeight = toHeight;
        this.headHash = genesis.hash();
        this.state = genesis.state();
    }

    /** The standard checks: everything above plus the persisted receipts. */
    public static ChainVerifier standard(Genesis genesis, Predicate<Transaction> signatureCheck, long toHeight) {
        return new ChainVerifier(genesis, signatureCheck, List.of(new ReceiptsCheck()), toHeight);
    }

    /** Called with every block that verified, in height order (export, progress). */
    public ChainVerifier onVerified(Consumer<VerifiedBlock> listener) {
        listeners.add(listener);
        return this;
    }

    /** True once a check failed or {@code toHeight} was reached: later entries are ignored. */
    public boolean done() {
        return failure != null || height >= toHeight;
    }

    /** Verifies a batch in order; returns the first failure (also kept in {@link #failure()}). */
    public Optional<ReplayFailure> accept(List<PreparedBlock> batch) {
        for (PreparedBlock p : batch) {
            if (done()) break;
            accept(p);
        }
        return failure();
    }

    public Optional<ReplayFailure> accept(PreparedBlock p) {
        if (done()) return failure();
        ReplayFailure f = check(p);
        if (f != null) failure = f;
        return failure();
    }

    private ReplayFailure check(PreparedBlock p) {
        long expected = height + 1;
        if (p.entry().kind() == JournalEntry.Kind.UNREADABLE) {
            return new ReplayFailure(expected, Checks.EVENT_DECODE, "a readable chain-store event after sequence number "
                    + lastSequenceNr, p.entry().error());
        }
        long seq = p.entry().sequenceNr();
        if (seq != lastSequenceNr + 1) {
            return new ReplayFailure(expected, Checks.SEQUENCE, "journal sequence number " + (lastSequenceNr + 1),
                    seq + (seq > lastSequenceNr + 1 ? " (" + (seq - lastSequenceNr - 1) + " event(s) missing)" : " (events out of order)"));
        }
        lastSequenceNr = seq;
        events++;
        if (p.entry().kind() == JournalEntry.Kind.EVIDENCE) {
            evidence++;
            return null;
        }
        if (p.entry().kind() == JournalEntry.Kind.OTHER) {
            otherEvents++;
            return null;
        }
        if (p.decodeError() != null) {
            return new ReplayFailure(expected, Checks.BLOCK_DECODE, "a canonical committed block (event sequence number "
                    + seq + ")", p.decodeError());
        }
        Block b = p.block().block();
        BlockHeader h = b.header();
        if (b.height() != expected) {
            return new ReplayFailure(expected, Checks.HEIGHT, "block " + expected, "block " + b.height()
                    + " (event sequence number " + seq + ")");
        }
        if (!h.chainId().equals(genesis.chainId())) {
            return new ReplayFailure(expected, Checks.CHAIN_ID, genesis.chainId(), h.chainId());
        }
        if (!h.previousHash().equals(headHash)) {
            return new ReplayFailure(expected, Checks.PREVIOUS_HASH, headHash.hex(), h.previousHash().hex());
        }
        if (!h.validatorSetHash().equals(genesis.validators().hash())) {
            return new ReplayFailure(expected, Checks.VALIDATOR_SET, genesis.validators().hash().hex(), h.validatorSetHash().hex());
        }
        if (!p.txRoot().equals(h.txRoot())) {
            return new ReplayFailure(expected, Checks.TX_ROOT, "header tx root " + h.txRoot().hex(),
                    p.txRoot().hex() + " over the block's " + b.transactions().size() + " transactions");
        }
        if (p.certificateProblem() != null) {
            return new ReplayFailure(expected, Checks.CERTIFICATE, "valid precommits for " + p.blockHash().hex()
                    + " from validators holding more than 2/3 of " + genesis.validators().totalPower() + " voting power",
                    p.certificateProblem());
        }
        BlockResult result;
        try {
            result = transition.apply(state, b);
        } catch (RuntimeException e) {
            return new ReplayFailure(expected, Checks.EXECUTION, "the block to execute", e.toString());
        }
        if (!result.stateRoot().equals(h.stateRoot())) {
            return new ReplayFailure(expected, Checks.STATE_ROOT, "header state root " + h.stateRoot().hex(),
                    result.stateRoot().hex() + " after re-executing " + b.transactions().size() + " transactions");
        }
        VerifiedBlock v = new VerifiedBlock(seq, p.block(), p.blockHash(), result, p.entry().receipts());
        for (BlockCheck c : extraChecks) {
            Optional<ReplayFailure> f;
            try {
                f = c.check(v);
            } catch (RuntimeException e) {
                return new ReplayFailure(expected, Checks.EXECUTION, c.getClass().getSimpleName() + " to complete", e.toString());
            }
            if (f.isPresent()) return f.get();
        }
        for (Receipt r : result.receipts()) {
            if (ReceiptCodes.BAD_SIGNATURE.equals(r.code())) badSignatureTxs++;
        }
        height = expected;
        headHash = p.blockHash();
        state = result.state();
        txs += b.transactions().size();
        for (Consumer<VerifiedBlock> l : listeners) l.accept(v);
        return null;
    }

    public Optional<ReplayFailure> failure() {
        return Optional.ofNullable(failure);
    }

    public long height() {
        return height;
    }

    public Hash headHash() {
        return headHash;
    }

    public WorldState state() {
        return state;
    }

    public Hash stateRoot() {
        return state.root();
    }

    public long events() {
        return events;
    }

    public long evidenceEvents() {
        return evidence;
    }

    public long otherEvents() {
        return otherEvents;
    }

    public long txs() {
        return txs;
    }

    /** Transactions the chain rejected for a bad signature (legal in a block; they change nothing). */
    public long badSignatureTxs() {
        return badSignatureTxs;
    }
}
