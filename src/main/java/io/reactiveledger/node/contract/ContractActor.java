package io.reactiveledger.node.contract;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.CallContext;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.contract.ContractResult;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.contract.ContractType;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.ContractStateCodec;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * One deployed contract instance as an event-sourced actor. It replicates what the core's state
 * transition did to this contract: it applies the contract's successful calls of each committed block,
 * in block order, with the pure contract type, persists one {@link CallApplied} per call, and compares
 * its resulting state with the committed world state's (by commitment). A mismatch is logged as an error
 * and kept in {@link StateView#mismatches()}; it never feeds back into consensus, whose source of truth
 * stays the world state.
 */
public final class ContractActor extends EventSourcedBehaviorWithEnforcedReplies<ContractActor.Command,
        ContractActor.Event, ContractActor.State> {
    /** Mismatches kept in memory at most (each is also logged). */
    static final int MAX_MISMATCHES = 100;

    public interface Command extends CborSerializable {
    }

    /** One successful call (or the create) of this contract at {@code txIndex} of its block. */
    public record Call(int txIndex, Transaction tx) {
    }

    /**
     * Local only: apply this block's calls (already applied heights are skipped), then compare with
     * {@code expectedStateHash}, the committed state's commitment of this contract, unless it is null.
     */
    public record ApplyCalls(long height, long blockTimeMs, List<Call> calls, Hash expectedStateHash,
                             ActorRef<StateView> replyTo) implements Command {
    }

    /** Local only: take the committed state as of {@code height} (only for an instance without a journal). */
    public record Adopt(long height, ContractState state, ActorRef<StateView> replyTo) implements Command {
    }

    /** Local only: compare the current state with the committed one as of {@code height}. */
    public record Check(long height, Hash expectedStateHash, ActorRef<StateView> replyTo) implements Command {
    }

    public record GetState(ActorRef<StateView> replyTo) implements Command {
    }

    /**
     * The instance's view (local only). {@code state} is null before the contract's create was applied
     * (for the auction it is an {@code AuctionState}); {@code lastAppliedHeight} is the height of the
     * last call applied, {@code checkedHeight} the last height at which it was compared with the world state.
     */
    public record StateView(long contractId, String type, ContractState state, Hash stateHash, long lastAppliedHeight,
                            long checkedHeight, List<String> mismatches) {
        public boolean exists() {
            return state != null;
        }
    }

    public interface Event extends CborSerializable {
    }

    /**
     * One applied call: where it was (height, index in the block, tx hash), its inputs (the signed
     * transaction and block time, so the state can be rebuilt from the journal), the contract's state
     * commitment after it and the events it emitted (u16 count + {@link io.reactiveledger.core.contract.Event} encodings).
     */
    public record CallApplied(long height, int txIndex, byte[] txHash, long blockTimeMs, byte[] tx, byte[] stateHash,
                              byte[] events) implements Event {
    }

    /** The committed state taken as of {@code height} ({@link ContractStateCodec} encoding), for a late start. */
    public record Adopted(long height, byte[] state, byte[] stateHash) implements Event {
    }

    /** Snapshot of an instance: its state ({@link ContractStateCodec}; null before the create) and progress. */
    public record InstanceSnapshot(byte[] state, long lastAppliedHeight, int lastTxIndex, long checkedHeight)
            implements CborSerializable {
    }

    /** Mutable, owned by the actor. */
    static final class State {
        ContractState state;
        long lastAppliedHeight;
        int lastTxIndex = -1;
        long checkedHeight;
        final List<String> mismatches = new ArrayList<>();
    }

    private final ActorContext<Command> ctx;
    private final long contractId;
    private final String typeName;
    private final ContractType<?> type;
    private final int snapshotEvery;

    /** Snapshots every {@code ledger.contract.snapshot-every} events (default 100; 0 = none). */
    public static Behavior<Command> create(PersistenceId id, long contractId, String type, ContractRegistry registry) {
        return Behaviors.setup(ctx -> {
            com.typesafe.config.Config c = ctx.getSystem().settings().config();
            int every = c.hasPath("ledger.contract.snapshot-every") ? c.getInt("ledger.contract.snapshot-every") : 100;
            return new ContractActor(ctx, id, contractId, type, registry, every);
        });
    }

    private ContractActor(ActorContext<Command> ctx, PersistenceId id, long contractId, String type, ContractRegistry registry,
                          int snapshotEvery) {
        super(id);
        this.ctx = ctx;
        this.snapshotEvery = snapshotEvery;
        this.contractId = contractId;
        this.typeName = type;
        this.type = registry.get(type).orElseThrow(() -> new IllegalArgumentException("no contract type " + type));
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public org.apache.pekko.persistence.typed.javadsl.RetentionCriteria retentionCriteria() {
        return snapshotEvery <= 0 ? org.apache.pekko.persistence.typed.javadsl.RetentionCriteria.disabled()
                : org.apache.pekko.persistence.typed.javadsl.RetentionCriteria.snapshotEvery(snapshotEvery, 2);
    }

    @Override
    public org.apache.pekko.persistence.typed.SnapshotAdapter<State> snapshotAdapter() {
        return new org.apache.pekko.persistence.typed.SnapshotAdapter<>() {
            @Override
            public Object toJournal(State s) {
                return new InstanceSnapshot(s.state == null ? null : ContractStateCodec.encode(typeName, s.state),
                        s.lastAppliedHeight, s.lastTxIndex, s.checkedHeight);
            }

            @Override
            public State fromJournal(Object from) {
                InstanceSnapshot snap = (InstanceSnapshot) from;
                State s = new State();
                try {
                    s.state = snap.state() == null ? null : ContractStateCodec.decode(typeName, snap.state());
                } catch (DecodeException e) {
                    throw new IllegalStateException("undecodable snapshot of contract " + contractId, e);
                }
                s.lastAppliedHeight = snap.lastAppliedHeight();
                s.lastTxIndex = snap.lastTxIndex();
                s.checkedHeight = snap.checkedHeight();
                return s;
            }
        };
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(ApplyCalls.class, this::onApply)
                .onCommand(Adopt.class, (s, c) -> s.state != null || c.state() == null ? replyView(s, c.replyTo())
                        : persistThenView(List.of(new Adopted(c.height(), ContractStateCodec.encode(typeName, c.state()),
                                c.state().commitment().bytes())), c.replyTo(), ns -> { }))
                .onCommand(Check.class, (s, c) -> {
                    check(s, c.height(), c.expectedStateHash());
                    return replyView(s, c.replyTo());
                })
                .onCommand(GetState.class, (s, c) -> Effect().reply(c.replyTo(), view(s)))
                .build();
    }

    private ReplyEffect<Event, State> replyView(State s, ActorRef<StateView> replyTo) {
        return replyTo == null ? Effect().noReply() : Effect().reply(replyTo, view(s));
    }

    private ReplyEffect<Event, State> persistThenView(List<Event> events, ActorRef<StateView> replyTo,
                                                      java.util.function.Consumer<State> after) {
        var persisted = Effect().persist(events).thenRun(after::accept);
        return replyTo == null ? persisted.thenNoReply() : persisted.thenReply(replyTo, this::view);
    }

    private ReplyEffect<Event, State> onApply(State s, ApplyCalls c) {
        List<Event> events = new ArrayList<>();
        ContractState state = s.state;
        for (Call call : c.calls()) {
            if (c.height() < s.lastAppliedHeight || (c.height() == s.lastAppliedHeight && call.txIndex() <= s.lastTxIndex)) {
                continue; // already applied (catch-up overlaps what the journal has)
            }
            ContractResult<?> r = execute(state, call.tx(), c.height(), c.blockTimeMs());
            if (r instanceof ContractResult.Ok<?> ok) {
                state = ok.state();
                events.add(new CallApplied(c.height(), call.txIndex(), call.tx().hash().bytes(), c.blockTimeMs(),
                        call.tx().encoded(), state.commitment().bytes(), encodeEvents(ok.events())));
            } else {
                mismatch(s, "height " + c.height() + " tx " + call.txIndex() + ": the core applied the call but the contract refuses it: "
                        + ((ContractResult.Failed<?>) r).code());
            }
        }
        if (events.isEmpty()) {
            check(s, c.height(), c.expectedStateHash());
            return replyView(s, c.replyTo());
        }
        return persistThenView(events, c.replyTo(), ns -> check(ns, c.height(), c.expectedStateHash()));
    }

    /** Runs one call (or the create) with the pure contract type. */
    private ContractResult<?> execute(ContractState state, Transaction tx, long height, long blockTimeMs) {
        CallContext cc = new CallContext(contractId, tx.senderAddress(), height, blockTimeMs, tx.hash());
        Payload p = tx.payload();
        if (p instanceof Payload.ContractCreate create) {
            if (state != null) return ContractResult.failed("ALREADY_CREATED", "contract " + contractId + " already exists");
            return type.create(create, cc);
        }
        if (p instanceof Payload.ContractCall call && call.contractId() == contractId && state != null) {
            return invoke(type, state, call, cc);
        }
        return ContractResult.failed("NOT_A_CALL", "transaction " + tx.hash() + " is no call of contract " + contractId);
    }

    private static <S extends ContractState> ContractResult<S> invoke(ContractType<S> type, ContractState state,
                                                                      Payload.ContractCall call, CallContext cc) {
        return type.call(type.stateType().cast(state), call, cc);
    }

    private void check(State s, long height, Hash expected) {
        if (expected == null) return;
        Hash actual = s.state == null ? Hash.ZERO : s.state.commitment();
        if (!actual.equals(expected)) {
            mismatch(s, "height " + height + ": state " + actual + " but the committed world state holds " + expected);
        }
        s.checkedHeight = Math.max(s.checkedHeight, height);
    }

    private void mismatch(State s, String what) {
        ctx.getLog().error("contract {} ({}) diverges from the committed state: {}", contractId, typeName, what);
        if (s.mismatches.size() < MAX_MISMATCHES) s.mismatches.add(what);
    }

    private StateView view(State s) {
        return new StateView(contractId, typeName, s.state, s.state == null ? null : s.state.commitment(),
                s.lastAppliedHeight, s.checkedHeight, List.copyOf(s.mismatches));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(CallApplied.class, this::onCallApplied)
                .onEvent(Adopted.class, (State s, Adopted e) -> {
                    try {
                        s.state = ContractStateCodec.decode(typeName, e.state());
                    } catch (DecodeException ex) {
                        throw new IllegalStateException("undecodable adopted state of contract " + contractId, ex);
                    }
                    s.lastAppliedHeight = e.height();
                    s.lastTxIndex = Integer.MAX_VALUE; // everything of that height is included
                    s.checkedHeight = Math.max(s.checkedHeight, e.height());
                    return s;
                })
                .build();
    }

    private State onCallApplied(State s, CallApplied e) {
        Transaction tx;
        try {
            tx = Transaction.decode(e.tx());
        } catch (DecodeException ex) {
            throw new IllegalStateException("undecodable call in the journal of contract " + contractId, ex);
        }
        ContractResult<?> r = execute(s.state, tx, e.height(), e.blockTimeMs());
        if (!(r instanceof ContractResult.Ok<?> ok) || !ok.state().commitment().equals(Hash.of(e.stateHash()))) {
            throw new IllegalStateException("contract " + contractId + " re-executes the call at height " + e.height()
                    + " tx " + e.txIndex() + " to another state than journaled");
        }
        s.state = ok.state();
        s.lastAppliedHeight = e.height();
        s.lastTxIndex = e.txIndex();
        return s;
    }

    static byte[] encodeEvents(List<io.reactiveledger.core.contract.Event> events) {
        ByteWriter w = new ByteWriter(64 * events.size() + 2);
        w.u16(events.size());
        for (io.reactiveledger.core.contract.Event ev : events) ev.writeTo(w);
        return w.toByteArray();
    }

    /** The events of a {@link CallApplied}. */
    public static List<io.reactiveledger.core.contract.Event> decodeEvents(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        int n = r.u16("events");
        List<io.reactiveledger.core.contract.Event> out = new ArrayList<>(Math.min(n, r.remaining() / 4));
        for (int i = 0; i < n; i++) out.add(io.reactiveledger.core.contract.Event.read(r));
        r.expectEnd("events");
        return out;
    }
}
