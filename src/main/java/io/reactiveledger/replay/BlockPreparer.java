package io.reactiveledger.replay;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The parallel half of replay: decodes a batch of journal entries, hashes them, checks their commit
 * certificates and (when signatures are verified) every transaction signature, on all cores of
 * {@code pool}. Transaction verdicts go into {@link SignatureVerdicts} for the sequential re-execution.
 * Nothing here depends on earlier blocks, so batches may be prepared ahead of the one being applied.
 */
public final class BlockPreparer {
    private final Genesis genesis;
    private final boolean verifySignatures;
    private final ForkJoinPool pool;
    private final SignatureVerdicts verdicts;

    public BlockPreparer(Genesis genesis, boolean verifySignatures, ForkJoinPool pool, SignatureVerdicts verdicts) {
        this.genesis = genesis;
        this.verifySignatures = verifySignatures;
        this.pool = pool;
        this.verdicts = verdicts;
    }

    public List<PreparedBlock> prepare(List<JournalEntry> batch) {
        try {
            List<PreparedBlock> prepared = pool.submit(() -> batch.parallelStream().map(this::prepareOne).toList()).get();
            if (verifySignatures) {
                List<Transaction> txs = new ArrayList<>();
                for (PreparedBlock p : prepared) {
                    if (p.block() != null) txs.addAll(p.block().block().transactions());
                }
                pool.submit(() -> txs.parallelStream().forEach(verdicts::verify)).get();
            }
            return prepared;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing blocks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("preparing blocks failed: " + e.getCause(), e.getCause());
        }
    }

    PreparedBlock prepareOne(JournalEntry e) {
        if (e.kind() != JournalEntry.Kind.BLOCK) return new PreparedBlock(e, null, null, null, null, null);
        CommittedBlock cb;
        try {
            cb = CommittedBlock.decode(e.committedBlock());
        } catch (DecodeException ex) {
            return new PreparedBlock(e, null, ex.getMessage() + " (" + ex.error() + " at " + ex.field() + ", offset "
                    + ex.offset() + ")", null, null, null);
        }
        Block b = cb.block();
        Hash hash = b.hash();
        Hash txRoot = Block.txRootOf(b.transactions());
        String problem = verifySignatures
                ? cb.certificate().verify(genesis.validators(), genesis.chainId(), hash, b.height()).orElse(null)
                : quorumProblem(cb.certificate(), genesis.validators(), hash, b.height()).orElse(null);
        return new PreparedBlock(e, cb, null, hash, txRoot, problem);
    }

    /** {@link CommitCertificate#verify} without the signatures: block, membership, duplicates, quorum. */
    static Optional<String> quorumProblem(CommitCertificate c, ValidatorSet validators, Hash blockHash, long height) {
        if (c.height() != height) return Optional.of("certificate is for height " + c.height() + ", expected " + height);
        if (!c.blockHash().equals(blockHash)) return Optional.of("certificate is for another block " + c.blockHash());
        Set<Address> seen = new HashSet<>();
        long power = 0;
        for (CommitSignature s : c.signatures()) {
            if (!seen.add(s.validator())) return Optional.of("duplicate signature from " + s.validator());
            Optional<Validator> v = validators.get(s.validator());
            if (v.isEmpty()) return Optional.of("signer " + s.validator() + " is not a validator");
            power += v.get().power();
        }
        if (!validators.isQuorum(power)) {
            return Optional.of("signers hold " + power + " of " + validators.totalPower() + " voting power, need more than 2/3");
        }
        return Optional.empty();
    }
}
