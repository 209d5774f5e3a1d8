package io.reactiveledger.consensus.validation;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.tx.Transaction;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a proposed block may be prevoted on top of a chain head: header fields, the
 * proposer's clock (after the previous block, at most {@code maxClockSkew} ahead of ours), limits, tx
 * root, no rejected transactions, and execution to exactly the header's state root. Pure apart from the
 * clock value it is given.
 */
public final class ProposalValidator {
    private final String chainId;
    private final ValidatorSet validators;
    private final BlockLimits limits;
    private final StateTransition transition;

    public ProposalValidator(String chainId, ValidatorSet validators, BlockLimits limits, StateTransition transition) {
        this.chainId = chainId;
        this.validators = validators;
        this.limits = limits;
        this.transition = transition;
    }

    /** The outcome: the execution result when valid, or the reason to refuse. */
    public record Verdict(BlockResult result, String reason) {
        public boolean valid() {
            return reason == null;
        }
    }

    public Verdict validate(Block block, ChainHead head, long nowMs) {
        BlockHeader h = block.header();
        Optional<String> structural = checkHeader(block, head, nowMs);
        if (structural.isPresent()) return new Verdict(null, structural.get());
        BlockResult result = transition.apply(head.state(), block);
        if (result.receipts().stream().anyMatch(r -> r.status() == ReceiptStatus.REJECTED)) {
            return new Verdict(null, "block contains a transaction that is not executable");
        }
        if (!result.stateRoot().equals(h.stateRoot())) {
            return new Verdict(null, "state root " + h.stateRoot() + " differs from execution's " + result.stateRoot());
        }
        return new Verdict(result, null);
    }

    private Optional<String> checkHeader(Block block, ChainHead head, long nowMs) {
        BlockHeader h = block.header();
        if (!h.chainId().equals(chainId)) return Optional.of("wrong chain id " + h.chainId());
        if (h.height() != head.height() + 1) return Optional.of("height " + h.height() + ", expected " + (head.height() + 1));
        if (!h.previousHash().equals(head.hash())) return Optional.of("previous hash does not match the chain head");
        if (!h.validatorSetHash().equals(validators.hash())) return Optional.of("wrong validator-set hash");
        if (validators.get(h.proposer()).isEmpty()) return Optional.of("proposer is not a validator");
        if (h.timeMs() <= head.timeMs()) return Optional.of("block time is not after the previous block's");
        if (h.timeMs() > nowMs + limits.maxClockSkew().toMillis()) {
            return Optional.of("block time is " + (h.timeMs() - nowMs) + " ms ahead of this validator's clock");
        }
        if (block.transactions().size() > limits.maxTxs()) return Optional.of("too many transactions");
        long bytes = 0;
        Set<Object> seen = new HashSet<>();
        for (Transaction t : block.transactions()) {
            bytes += t.size();
            if (!seen.add(t.hash())) return Optional.of("duplicate transaction " + t.hash());
        }
        if (bytes > limits.maxBytes()) return Optional.of("transactions exceed " + limits.maxBytes() + " bytes");
        if (!block.txRootMatches()) return Optional.of("tx root does not match the transactions");
        return Optional.empty();
    }
}
