package io.reactiveledger.node.chain;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.node.CborSerializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The node's chain: an event-sourced actor that persists one {@link BlockCommitted} event per block
 * (the block with its commit certificate, in the canonical encoding). Its state, rebuilt by replaying
 * the journal and re-executing each block, is the chain head and the committed blocks. A block counts
 * as committed on this node only when {@link Appended} has been sent, i.e. after the event is durable.
 */
public final class ChainStore extends EventSourcedBehaviorWithEnforcedReplies<ChainStore.Command, ChainStore.Event,
        ChainStore.State> {

    /** Keeps catch-up replies well under the transport's maximum frame size. */
    static final long MAX_REPLY_BYTES = 4L * 1024 * 1024;
    /** Evidence kept at most (the consensus actor already records one per validator, round and step). */
    static final int MAX_EVIDENCE = 10_000;

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "chain-store");

    public interface Command extends CborSerializable {
    }

    /** Local only: persist a decided block. {@code result} is its execution, if the caller has it. */
    public record Append(CommittedBlock block, BlockResult result, ActorRef<Appended> replyTo) implements Command {
    }

    public record Appended(ChainHead head, List<Receipt> receipts, String error) implements CborSerializable {
        public boolean ok() {
            return error == null;
        }
    }

    /** Local only: the current head. */
    public record GetHead(ActorRef<ChainHead> replyTo) implements Command {
    }

    /** From peers catching up: up to {@code max} committed blocks from {@code fromHeight}, encoded. */
    public record GetBlocks(long fromHeight, int max, ActorRef<Blocks> replyTo) implements Command {
    }

    public record Blocks(List<byte[]> committedBlocks) implements CborSerializable {
    }

    /** Local only: the committed block at {@code height} with the receipts this store has for it. */
    public record GetBlock(long height, ActorRef<BlockAt> replyTo) implements Command {
    }

    /** {@code block} is null when absent; {@code receipts} may be empty when this store no longer has them. */
    public record BlockAt(long height, CommittedBlock block, List<Receipt> receipts) {
    }

    /** Keep equivocation evidence ({@code ConsensusCodec} encoding) durably; no reply. */
    public record StoreEvidence(byte[] evidence) implements Command {
    }

    /** Local only: the evidence kept so far. */
    public record GetEvidence(ActorRef<EvidenceList> replyTo) implements Command {
    }

    public record EvidenceList(List<byte[]> evidence) implements CborSerializable {
    }

    /** Journal events. */
    public interface Event extends CborSerializable {
    }

    /** One committed block with its certificate, canonically encoded. */
    public record BlockCommitted(byte[] committedBlock) implements Event {
    }

    /** Proof that a validator equivocated, in {@code ConsensusCodec} encoding. */
    public record EvidenceRecorded(byte[] evidence) implements Event {
    }

    /**
     * The chain. {@code blocks} is append-only and only the event handler appends to it, so a State
     * never observes a change to the blocks below its own height.
     */
    public static final class State {
        final ChainHead head;
        final List<CommittedBlock> blocks;
        final List<byte[]> evidence;

        State(ChainHead head, List<CommittedBlock> blocks, List<byte[]> evidence) {
            this.head = head;
            this.blocks = blocks;
            this.evidence = evidence;
        }

        public ChainHead head() {
            return head;
        }
    }

    private final Genesis genesis;
    private final StateTransition transition;
    /** Execution results the caller already computed, used once by the event handler (never persisted). */
    private final Map<io.reactiveledger.core.crypto.Hash, BlockResult> precomputed = new HashMap<>();
    private final Map<Long, List<Receipt>> lastReceipts = new HashMap<>();

    public static Behavior<Command> create(PersistenceId id, Genesis genesis, StateTransition transition) {
        return new ChainStore(id, genesis, transition);
    }

    private ChainStore(PersistenceId id, Genesis genesis, StateTransition transition) {
        super(id);
        this.genesis = genesis;
        this.transition = transition;
    }

    @Override
    public State emptyState() {
        return new State(new ChainHead(0, genesis.hash(), genesis.genesisTimeMs(), genesis.state()), new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, this::onAppend)
                .onCommand(GetHead.class, (s, c) -> Effect().reply(c.replyTo(), s.head))
                .onCommand(GetBlocks.class, this::onGetBlocks)
                .onCommand(GetBlock.class, (s, c) -> Effect().reply(c.replyTo(), c.height() < 1 || c.height() > s.head.height()
                        ? new BlockAt(c.height(), null, List.of())
                        : new BlockAt(c.height(), s.blocks.get((int) c.height() - 1),
                                lastReceipts.getOrDefault(c.height(), List.of()))))
                .onCommand(StoreEvidence.class, (s, c) -> s.evidence.size() >= MAX_EVIDENCE
                        || s.evidence.stream().anyMatch(e -> java.util.Arrays.equals(e, c.evidence()))
                        ? Effect().noReply() : Effect().persist(new EvidenceRecorded(c.evidence())).thenNoReply())
                .onCommand(GetEvidence.class, (s, c) -> Effect().reply(c.replyTo(), new EvidenceList(List.copyOf(s.evidence))))
                .build();
    }

    private ReplyEffect<Event, State> onAppend(State s, Append c) {
        CommittedBlock cb = c.block();
        long height = cb.block().height();
        if (height <= s.head.height() && height >= 1
                && s.blocks.get((int) height - 1).block().hash().equals(cb.block().hash())) {
            return Effect().reply(c.replyTo(), new Appended(s.head, List.of(), null)); // already have it
        }
        if (height != s.head.height() + 1 || !cb.block().header().previousHash().equals(s.head.hash())) {
            return Effect().reply(c.replyTo(), new Appended(s.head, List.of(),
                    "block " + height + " does not extend the head at " + s.head.height()));
        }
        if (c.result() != null) precomputed.put(cb.block().hash(), c.result());
        return Effect().persist(new BlockCommitted(cb.encode()))
                .thenReply(c.replyTo(), ns -> new Appended(ns.head, lastReceipts.getOrDefault(ns.head.height(), List.of()), null));
    }

    private ReplyEffect<Event, State> onGetBlocks(State s, GetBlocks c) {
        List<byte[]> out = new ArrayList<>();
        int max = Math.max(0, Math.min(c.max(), 50));
        long bytes = 0;
        for (long h = Math.max(1, c.fromHeight()); h <= s.head.height() && out.size() < max && bytes < MAX_REPLY_BYTES; h++) {
            byte[] b = s.blocks.get((int) h - 1).encode();
            bytes += b.length;
            out.add(b);
        }
        return Effect().reply(c.replyTo(), new Blocks(out));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(BlockCommitted.class, (State s, BlockCommitted e) -> apply(s, e))
                .onEvent(EvidenceRecorded.class, (State s, EvidenceRecorded e) -> {
                    s.evidence.add(e.evidence()); // append-only, like blocks
                    return s;
                })
                .build();
    }

    private State apply(State s, BlockCommitted e) {
        CommittedBlock cb;
        try {
            cb = CommittedBlock.decode(e.committedBlock());
        } catch (DecodeException ex) {
            throw new IllegalStateException("journal holds an undecodable block: " + ex.getMessage(), ex);
        }
        BlockResult result = precomputed.remove(cb.block().hash());
        if (result == null) result = transition.apply(s.head.state(), cb.block());
        if (!result.stateRoot().equals(cb.block().header().stateRoot())) {
            throw new IllegalStateException("block " + cb.block().height() + " re-executes to another state root");
        }
        lastReceipts.clear();
        lastReceipts.put(cb.block().height(), result.receipts());
        s.blocks.add(cb);
        return new State(new ChainHead(cb.block().height(), cb.block().hash(), cb.block().header().timeMs(), result.state()),
                s.blocks, s.evidence);
    }
}
