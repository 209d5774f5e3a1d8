package io.reactiveledger.replay;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.contract.CallContext;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.ContractResult;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.contract.ContractType;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records, while the chain is re-executed, every successful contract transaction (create or call) per
 * contract with the contract's state commitment right after it: what each contract instance's journal
 * must hold ({@link ContractJournalCheck}). The per-call states come from running the pure contract type
 * on the contract's state before the block, the successful calls in block order (what the core did inside
 * the block); at the end of each block the last one must equal the re-executed world state's commitment
 * of the contract, else the block fails {@link Checks#EXECUTION}. Pure, single-threaded (the applying thread).
 */
public final class ContractCalls implements BlockCheck {
    /** One successful contract transaction as the chain holds it, and the contract's commitment after it. */
    public record Expected(long height, int txIndex, Hash txHash, long blockTimeMs, Hash commitment, Hash eventsHash) {
        public String where() {
            return "height " + height + " tx " + txIndex;
        }
    }

    /** A contract of the re-executed chain: its type and its calls in chain order. */
    public static final class Contract {
        final long id;
        final String type;
        final List<Expected> calls = new ArrayList<>();

        Contract(long id, String type) {
            this.id = id;
            this.type = type;
        }

        public String type() {
            return type;
        }

        public List<Expected> calls() {
            return calls;
        }
    }

    private final ContractRegistry registry;
    private final Map<Long, Contract> contracts = new TreeMap<>();
    private WorldState before;

    public ContractCalls(ContractRegistry registry, WorldState genesisState) {
        this.registry = registry;
        this.before = genesisState;
    }

    /** The contracts created by the verified blocks (and perhaps a last block that failed a later check), by id. */
    public Map<Long, Contract> contracts() {
        return contracts;
    }

    @Override
    public Optional<ReplayFailure> check(VerifiedBlock v) {
        Block b = v.block().block();
        List<Transaction> txs = b.transactions();
        List<Receipt> receipts = v.result().receipts();
        long height = b.height();
        long time = b.header().timeMs();
        long nextId = before.meta().nextContractId();
        Map<Long, ContractState> states = new HashMap<>();
        for (int i = 0; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            Payload p = tx.payload();
            if (!receipts.get(i).isSuccess() || !(p instanceof Payload.ContractCreate || p instanceof Payload.ContractCall)) continue;
            long id;
            ContractType<?> type;
            ContractResult<?> r;
            if (p instanceof Payload.ContractCreate create) {
                id = nextId++;
                type = registry.get(create.contractType()).orElseThrow(() -> new IllegalStateException(
                        "successful create of unknown contract type " + create.contractType() + " at height " + height));
                r = type.create(create, new CallContext(id, tx.senderAddress(), height, time, tx.hash()));
                if (!contracts.containsKey(id)) contracts.put(id, new Contract(id, type.name()));
            } else {
                Payload.ContractCall call = (Payload.ContractCall) p;
                id = call.contractId();
                Contract c = contracts.get(id);
                if (c == null) throw new IllegalStateException("successful call of contract " + id + " that no block created, at height " + height);
                type = registry.get(c.type).orElseThrow();
                ContractState state = states.containsKey(id) ? states.get(id) : before.contract(id).state();
                r = invoke(type, state, call, new CallContext(id, tx.senderAddress(), height, time, tx.hash()));
            }
            if (!(r instanceof ContractResult.Ok<?> ok)) {
                throw new IllegalStateException("contract " + id + " refuses the transaction at height " + height + " tx " + i
                        + " that the state transition applied: " + ((ContractResult.Failed<?>) r).code());
            }
            states.put(id, ok.state());
            Expected e = new Expected(height, i, tx.hash(), time, ok.state().commitment(), Sha256.hash(encodeEvents(ok.events())));
            contracts.get(id).calls.add(e);
        }
        for (Map.Entry<Long, ContractState> s : states.entrySet()) {
            ContractInstance committed = v.result().state().contract(s.getKey());
            Hash want = committed == null ? null : committed.state().commitment();
            if (!s.getValue().commitment().equals(want)) {
                throw new IllegalStateException("contract " + s.getKey() + " re-executed call by call ends block " + height
                        + " at " + s.getValue().commitment() + " but the world state holds " + want);
            }
        }
        before = v.result().state();
        return Optional.empty();
    }

    private static <S extends ContractState> ContractResult<S> invoke(ContractType<S> type, ContractState state,
                                                                      Payload.ContractCall call, CallContext cc) {
        return type.call(type.stateType().cast(state), call, cc);
    }

    /** The encoding of a call's events in {@code ContractActor.CallApplied}: u16 count, then each event. */
    static byte[] encodeEvents(List<Event> events) {
        ByteWriter w = new ByteWriter(64 * events.size() + 2);
        w.u16(events.size());
        for (Event ev : events) ev.writeTo(w);
        return w.toByteArray();
    }
}
