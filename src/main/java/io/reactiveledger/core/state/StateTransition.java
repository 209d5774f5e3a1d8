package io.reactiveledger.core.state;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.contract.CallContext;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.ContractResult;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.contract.ContractType;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.contract.Payout;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.tx.EndAuction;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.PredictionRecorded;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The deterministic state machine: {@code apply(state, block) -> (state, receipts, state root)}.
 *
 * <p>Per transaction, in block order:
 * <ol>
 *   <li>Rejected, charging nothing, when the chain id differs, the signature is invalid, the nonce is
 *       not the sender's next nonce, or the balance does not cover the fee.</li>
 *   <li>Otherwise the fee is taken and the nonce consumed, whatever happens next.</li>
 *   <li>The payload runs all-or-nothing: a failure (for example a transfer above the balance left after
 *       the fee, or a bid below the minimum) leaves only the fee and nonce changes.</li>
 * </ol>
 * Fees collected in a block are credited to the block's proposer after its last transaction. Nothing
 * here reads clocks, randomness, hash-map order or the environment, and all arithmetic is exact.
 */
public final class StateTransition {
    private final ContractRegistry contracts;
    private final Predicate<Transaction> signatureCheck;

    /**
     * @param signatureCheck verifies a transaction's signature, normally a
     *                       {@link io.reactiveledger.core.tx.SignatureCache} so each is verified once per node
     */
    public StateTransition(ContractRegistry contracts, Predicate<Transaction> signatureCheck) {
        this.contracts = contracts;
        this.signatureCheck = signatureCheck;
    }

    public BlockResult apply(WorldState state, Block block) {
        return execute(state, BlockContext.of(block.header()), block.transactions());
    }

    /**
     * Executes {@code txs} on {@code state} and assembles the block whose header commits to the result
     * (tx root and state root). This is what a proposer does.
     */
    public BuiltBlock build(WorldState state, BlockContext ctx, Hash previousHash, Hash validatorSetHash,
                            List<Transaction> txs) {
        BlockResult result = execute(state, ctx, txs);
        BlockHeader header = new BlockHeader(ctx.chainId(), ctx.height(), ctx.timeMs(), previousHash,
                Block.txRootOf(txs), result.stateRoot(), ctx.proposer(), validatorSetHash);
        return new BuiltBlock(new Block(header, txs), result);
    }

    public BlockResult execute(WorldState state, BlockContext ctx, List<Transaction> txs) {
        if (!ctx.chainId().equals(state.chainId())) {
            throw new IllegalArgumentException("block for chain " + ctx.chainId() + " applied to " + state.chainId());
        }
        Overlay block = new Overlay(state);
        List<Receipt> receipts = new ArrayList<>(txs.size());
        long fees = 0;
        for (Transaction tx : txs) {
            Receipt r = executeTx(block, ctx, tx);
            fees += r.feeCharged();
            receipts.add(r);
        }
        if (fees > 0) {
            Account proposer = block.account(ctx.proposer());
            block.putAccount(proposer.withBalance(Math.addExact(proposer.balance(), fees)));
        }
        WorldState next = block.commit();
        return new BlockResult(next, receipts, next.root());
    }

    private Receipt executeTx(Overlay block, BlockContext ctx, Transaction tx) {
        if (!tx.chainId().equals(ctx.chainId())) {
            return rejected(tx, ReceiptCodes.WRONG_CHAIN, "transaction is for chain " + tx.chainId());
        }
        if (!signatureCheck.test(tx)) {
            return rejected(tx, ReceiptCodes.BAD_SIGNATURE, "signature does not verify");
        }
        Address senderAddress = tx.senderAddress();
        Account sender = block.account(senderAddress);
        if (tx.nonce() != sender.nextNonce()) {
            return rejected(tx, ReceiptCodes.BAD_NONCE, "nonce " + tx.nonce() + " but the account's next nonce is "
                    + sender.nextNonce());
        }
        if (sender.balance() < tx.fee()) {
            return rejected(tx, ReceiptCodes.INSUFFICIENT_FEE_BALANCE, "balance " + sender.balance()
                    + " does not cover the fee " + tx.fee());
        }
        block.putAccount(new Account(senderAddress, sender.balance() - tx.fee(), sender.nextNonce() + 1));

        Overlay scratch = new Overlay(block);
        Outcome outcome;
        try {
            outcome = executePayload(scratch, ctx, tx, senderAddress);
        } catch (ArithmeticException e) {
            outcome = Outcome.fail(ReceiptCodes.ARITHMETIC_OVERFLOW, "amount overflow");
        }
        if (outcome.code.equals(ReceiptCodes.OK)) {
            scratch.mergeIntoParent();
            return new Receipt(tx.hash(), ReceiptStatus.SUCCESS, ReceiptCodes.OK, "", tx.fee(), outcome.events);
        }
        return new Receipt(tx.hash(), ReceiptStatus.FAILED, outcome.code, outcome.message, tx.fee(), List.of());
    }

    private Outcome executePayload(Overlay s, BlockContext ctx, Transaction tx, Address sender) {
        Payload p = tx.payload();
        if (p instanceof Transfer t) return transfer(s, sender, t);
        if (p instanceof PredictionRecorded r) {
            OracleRules.Result res = OracleRules.record(s, ctx, sender, r);
            return res.code() == null ? Outcome.ok(res.events()) : Outcome.fail(res.code(), res.message());
        }
        if (p instanceof Payload.ContractCreate c) return create(s, ctx, tx, sender, c);
        if (p instanceof Payload.ContractCall c) return call(s, ctx, tx, sender, c);
        throw new IllegalStateException("payload without a handler: " + p.getClass());
    }

    private static Outcome transfer(Overlay s, Address from, Transfer t) {
        Account sender = s.account(from);
        if (sender.balance() < t.amount()) {
            return Outcome.fail(ReceiptCodes.INSUFFICIENT_FUNDS, "balance " + sender.balance()
                    + " after the fee does not cover " + t.amount());
        }
        s.putAccount(sender.withBalance(sender.balance() - t.amount()));
        Account to = s.account(t.to());
        s.putAccount(to.withBalance(Math.addExact(to.balance(), t.amount())));
        return Outcome.ok(List.of(Event.of("transfer", "from", from, "to", t.to(), "amount", t.amount())));
    }

    private Outcome create(Overlay s, BlockContext ctx, Transaction tx, Address sender, Payload.ContractCreate c) {
        ContractType<?> type = contracts.get(c.contractType()).orElse(null);
        if (type == null) return Outcome.fail(ReceiptCodes.UNKNOWN_CONTRACT_TYPE, "no contract type " + c.contractType());
        ChainMeta meta = s.meta();
        long id = meta.nextContractId();
        CallContext cc = new CallContext(id, sender, ctx.height(), ctx.timeMs(), tx.hash());
        ContractResult<?> result = type.create(c, cc);
        s.putMeta(new ChainMeta(meta.chainId(), id + 1, meta.totalSupply()));
        return settle(s, new ContractInstance(id, type.name(), 0, null), result, sender);
    }

    private Outcome call(Overlay s, BlockContext ctx, Transaction tx, Address sender, Payload.ContractCall c) {
        ContractInstance instance = s.contract(c.contractId());
        if (instance == null) return Outcome.fail(ReceiptCodes.UNKNOWN_CONTRACT, "no contract " + c.contractId());
        ContractType<?> type = contracts.get(instance.type()).orElse(null);
        if (type == null) return Outcome.fail(ReceiptCodes.UNKNOWN_CONTRACT_TYPE, "no contract type " + instance.type());
        CallContext cc = new CallContext(instance.id(), sender, ctx.height(), ctx.timeMs(), tx.hash());
        Outcome out = settle(s, instance, invoke(type, instance.state(), c, cc), sender);
        if (c instanceof EndAuction && out.code.equals(ReceiptCodes.OK)) {
            List<Event> scored = OracleRules.settle(s, instance.id()); // the chain records each prediction's error
            if (!scored.isEmpty()) {
                List<Event> all = new ArrayList<>(out.events);
                all.addAll(scored);
                out = Outcome.ok(all);
            }
        }
        return out;
    }

    private static <S extends ContractState> ContractResult<S> invoke(ContractType<S> type, ContractState state,
                                                                      Payload.ContractCall call, CallContext cc) {
        return type.call(type.stateType().cast(state), call, cc);
    }

    /** Applies a contract's result: escrow from the sender, then payouts, then the new state. */
    private static Outcome settle(Overlay s, ContractInstance instance, ContractResult<?> result, Address sender) {
        if (result instanceof ContractResult.Failed<?> f) return Outcome.fail(f.code(), f.message());
        ContractResult.Ok<?> ok = (ContractResult.Ok<?>) result;
        long balance = instance.balance();
        if (ok.escrowIn() > 0) {
            Account from = s.account(sender);
            if (from.balance() < ok.escrowIn()) {
                return Outcome.fail(ReceiptCodes.INSUFFICIENT_FUNDS, "balance " + from.balance()
                        + " after the fee does not cover " + ok.escrowIn());
            }
            s.putAccount(from.withBalance(from.balance() - ok.escrowIn()));
            balance = Math.addExact(balance, ok.escrowIn());
        }
        for (Payout p : ok.payouts()) {
            if (balance < p.amount()) {
                return Outcome.fail(ReceiptCodes.CONTRACT_INSOLVENT, "contract " + instance.id() + " holds " + balance
                        + ", cannot pay " + p.amount());
            }
            balance -= p.amount();
            Account to = s.account(p.to());
            s.putAccount(to.withBalance(Math.addExact(to.balance(), p.amount())));
        }
        s.putContract(new ContractInstance(instance.id(), instance.type(), balance, ok.state()));
        return Outcome.ok(ok.events());
    }

    private static Receipt rejected(Transaction tx, String code, String message) {
        return new Receipt(tx.hash(), ReceiptStatus.REJECTED, code, message, 0, List.of());
    }

    private record Outcome(String code, String message, List<Event> events) {
        static Outcome ok(List<Event> events) {
            return new Outcome(ReceiptCodes.OK, "", events);
        }

        static Outcome fail(String code, String message) {
            return new Outcome(code, message, List.of());
        }
    }
}
