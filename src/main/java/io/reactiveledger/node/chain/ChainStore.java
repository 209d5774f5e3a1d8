package io.reactiveledger.node.chain;

import com.typesafe.config.Config;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptsCodec;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.state.WorldStateCodec;
import io.reactiveledger.node.CborSerializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The node's chain: an event-sourced actor that persists one {@link BlockCommitted} event per block
 * (the block with its commit certificate and its receipts, in the canonical encodings). Its state is the
 * chain head (with the world state after it), the last {@code blocks-in-memory} blocks, a height →
 * sequence-number index and the evidence. A block counts as committed on this node only when
 * {@link Appended} has been sent, i.e. after the event is durable.
 *
 * <p>Every {@code snapshot-every} events a {@link Snapshot} (head, encoded world state, index, evidence)
 * is saved, two are kept, and recovery starts from the latest one, so a restart re-executes only the
 * blocks after it. Events are never deleted: older blocks are served from the journal through
 * Persistence Query, read off the actor and piped back to it.
 */
public final class ChainStore extends EventSourcedBehaviorWithEnforcedReplies<ChainStore.Command, ChainStore.Event,
        ChainStore.State> {

    /** Keeps catch-up replies well under the transport's maximum frame size. */
    static final long MAX_REPLY_BYTES = 4L * 1024 * 1024;
    /** Evidence kept at most (the consensus actor already records one per validator, round and step). */
    static final int MAX_EVIDENCE = 10_000;
    static final int MAX_BLOCKS_PER_REPLY = 50;

    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "chain-store");

    /** {@code ledger.chain}: snapshot interval in events (0 = no snapshots) and blocks kept in memory. */
    public record Settings(int snapshotEvery, int blocksInMemory) {
        public static final Settings DEFAULT = new Settings(100, 1000);

        public Settings {
            if (snapshotEvery < 0) throw new IllegalArgumentException("snapshot-every must not be negative");
            if (blocksInMemory < 1) throw new IllegalArgumentException("blocks-in-memory must be at least 1");
        }

        public static Settings fromConfig(Config config) {
            if (!config.hasPath("ledger.chain")) return DEFAULT;
            Config c = config.getConfig("ledger.chain");
            return new Settings(c.hasPath("snapshot-every") ? c.getInt("snapshot-every") : DEFAULT.snapshotEvery,
                    c.hasPath("blocks-in-memory") ? c.getInt("blocks-in-memory") : DEFAULT.blocksInMemory);
        }
    }

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

    /** Local only: the committed block at {@code height} with its receipts; block == null when there is none. */
    public record GetBlock(long height, ActorRef<BlockAt> replyTo) implements Command {
    }

    public record BlockAt(long height, CommittedBlock block, List<Receipt> receipts) implements CborSerializable {
    }

    /**
     * Local only: up to {@code max} (at most {@value #MAX_BLOCKS_PER_REPLY}) consecutive committed blocks from
     * {@code fromHeight} with their receipts, in height order; fewer at the head, none above it. Blocks no
     * longer in memory are read from the journal in one range query.
     */
    public record GetBlockRange(long fromHeight, int max, ActorRef<BlockRange> replyTo) implements Command {
    }

    /** {@code blocks}: consecutive from the requested height; empty past the head or when the journal read failed. */
    public record BlockRange(List<BlockAt> blocks) implements CborSerializable {
    }

    /** Local only: the current head. */
    public record GetHead(ActorRef<ChainHead> replyTo) implements Command {
    }

    /** From peers catching up: up to {@code max} committed blocks from {@code fromHeight}, encoded. */
    public record GetBlocks(long fromHeight, int max, ActorRef<Blocks> replyTo) implements Command {
    }

    public record Blocks(List<byte[]> committedBlocks) implements CborSerializable {
    }

    /** Keep equivocation evidence ({@code ConsensusCodec} encoding) durably; no reply. */
    public record StoreEvidence(byte[] evidence) implements Command {
    }

    /** Local only: the evidence kept so far. */
    public record GetEvidence(ActorRef<EvidenceList> replyTo) implements Command {
    }

    public record EvidenceList(List<byte[]> evidence) implements CborSerializable {
    }

    /**
     * Local only: {@code subscriber} gets {@link Subscribed} with the current head now, then one
     * {@link BlockApplied} per block made durable after it, in height order.
     */
    public record Subscribe(ActorRef<ChainEvent> subscriber) implements Command {
    }

    /** What subscribers receive (local only, never serialized: it carries world states). */
    public interface ChainEvent {
    }

    public record Subscribed(ChainHead head) implements ChainEvent {
    }

    public record BlockApplied(ChainHead head, CommittedBlock block, List<Receipt> receipts) implements ChainEvent {
    }

    /** A journal read finished (private; piped back from Persistence Query). */
    private record JournalRead(List<BlockCommitted> events, Throwable error, ActorRef<BlockAt> blockReplyTo,
                               long height, ActorRef<Blocks> blocksReplyTo, ActorRef<BlockRange> rangeReplyTo)
            implements Command {
    }

    /** Journal events. */
    public interface Event extends CborSerializable {
    }

    /**
     * One committed block with its certificate and its receipts, canonically encoded ({@code receipts}:
     * {@link ReceiptsCodec}; null in events written before receipts were persisted).
     */
    public record BlockCommitted(byte[] committedBlock, byte[] receipts) implements Event {
    }

    /** Proof that a validator equivocated, in {@code ConsensusCodec} encoding. */
    public record EvidenceRecorded(byte[] evidence) implements Event {
    }

    /**
     * The snapshot: head, the world state after it ({@link WorldStateCodec}, encoded off this actor's thread by
     * {@link EncodedWorldState}) with its root (checked on load), the height → sequence-number index, the number of events so far and the evidence.
     */
    public record Snapshot(long height, byte[] headHash, long headTimeMs, byte[] stateRoot, EncodedWorldState worldState,
                           long[] blockSeqNrs, long eventCount, List<byte[]> evidence) implements CborSerializable {
    }

    /**
     * The chain. The containers are owned by the actor and only the event handler adds to them; a
     * State is only ever read as the latest one.
     */
    public static final class State {
        final ChainHead head;
        final RecentBlocks recent;
        final HeightIndex index;
        final List<byte[]> evidence;
        /** Events applied so far, which is the sequence number of the last one. */
        long eventCount;

        State(ChainHead head, RecentBlocks recent, HeightIndex index, List<byte[]> evidence, long eventCount) {
            this.head = head;
            this.recent = recent;
            this.index = index;
            this.evidence = evidence;
            this.eventCount = eventCount;
        }

        public ChainHead head() {
            return head;
        }
    }

    private final ActorContext<Command> ctx;
    private final Genesis genesis;
    private final StateTransition transition;
    private final Settings settings;
    /** Execution results the caller already computed, used once by the event handler (never persisted). */
    private final Map<Hash, BlockResult> precomputed = new HashMap<>();
    private List<Receipt> lastReceipts = List.of();
    private final List<ActorRef<ChainEvent>> subscribers = new ArrayList<>();
    private JdbcReadJournal readJournal;
    private long recoveryStartNanos = System.nanoTime();
    private boolean snapshotLoaded;

    public static Behavior<Command> create(PersistenceId id, Genesis genesis, StateTransition transition) {
        return Behaviors.setup(ctx -> new ChainStore(ctx, id, genesis, transition,
                Settings.fromConfig(ctx.getSystem().settings().config())));
    }

    public static Behavior<Command> create(PersistenceId id, Genesis genesis, StateTransition transition, Settings settings) {
        return Behaviors.setup(ctx -> new ChainStore(ctx, id, genesis, transition, settings));
    }

    private ChainStore(ActorContext<Command> ctx, PersistenceId id, Genesis genesis, StateTransition transition,
                       Settings settings) {
        super(id);
        this.ctx = ctx;
        this.genesis = genesis;
        this.transition = transition;
        this.settings = settings;
    }

    @Override
    public State emptyState() {
        return new State(new ChainHead(0, genesis.hash(), genesis.genesisTimeMs(), genesis.state()),
                new RecentBlocks(settings.blocksInMemory()), new HeightIndex(), new ArrayList<>(), 0);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Events stay: old blocks are read back from the journal, and journal replay reads them too.
        return settings.snapshotEvery() == 0 ? RetentionCriteria.disabled()
                : RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
    }

    @Override
    public SnapshotAdapter<State> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(State s) {
                return new Snapshot(s.head.height(), s.head.hash().bytes(), s.head.timeMs(), s.head.state().root().bytes(),
                        EncodedWorldState.of(s.head.state()), s.index.toArray(), s.eventCount, List.copyOf(s.evidence));
            }

            @Override
            public State fromJournal(Object from) {
                return fromSnapshot((Snapshot) from);
            }
        };
    }

    private State fromSnapshot(Snapshot snap) {
        WorldState state;
        try {
            state = WorldStateCodec.decode(snap.worldState().bytes());
        } catch (DecodeException e) {
            throw new IllegalStateException("snapshot at height " + snap.height() + " holds an undecodable world state: "
                    + e.getMessage(), e);
        }
        if (!state.root().equals(Hash.of(snap.stateRoot()))) {
            throw new IllegalStateException("snapshot at height " + snap.height() + " decodes to another state root");
        }
        if (snap.blockSeqNrs().length != snap.height()) {
            throw new IllegalStateException("snapshot at height " + snap.height() + " indexes " + snap.blockSeqNrs().length + " blocks");
        }
        snapshotLoaded = true;
        return new State(new ChainHead(snap.height(), Hash.of(snap.headHash()), snap.headTimeMs(), state),
                new RecentBlocks(settings.blocksInMemory()), new HeightIndex(snap.blockSeqNrs()),
                new ArrayList<>(snap.evidence()), snap.eventCount());
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), s -> ctx.getLog().info(
                        "chain recovered at height {} ({} events, from snapshot: {}) in {} ms", s.head.height(),
                        s.eventCount, snapshotLoaded, (System.nanoTime() - recoveryStartNanos) / 1_000_000))
                .onSignal(SnapshotFailed.class, (s, f) -> ctx.getLog().warn("chain snapshot failed", f.getFailure()))
                .build();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Append.class, this::onAppend)
                .onCommand(GetBlock.class, this::onGetBlock)
                .onCommand(GetHead.class, (s, c) -> Effect().reply(c.replyTo(), s.head))
                .onCommand(GetBlocks.class, this::onGetBlocks)
                .onCommand(GetBlockRange.class, this::onGetBlockRange)
                .onCommand(JournalRead.class, this::onJournalRead)
                .onCommand(Subscribe.class, (s, c) -> {
                    subscribers.add(c.subscriber());
                    return Effect().reply(c.subscriber(), new Subscribed(s.head));
                })
                .onCommand(StoreEvidence.class, (s, c) -> s.evidence.size() >= MAX_EVIDENCE
                        || s.evidence.stream().anyMatch(e -> Arrays.equals(e, c.evidence()))
                        ? Effect().noReply() : Effect().persist(new EvidenceRecorded(c.evidence())).thenNoReply())
                .onCommand(GetEvidence.class, (s, c) -> Effect().reply(c.replyTo(), new EvidenceList(List.copyOf(s.evidence))))
                .build();
    }

    private ReplyEffect<Event, State> onAppend(State s, Append c) {
        CommittedBlock cb = c.block();
        long height = cb.block().height();
        if (height <= s.head.height() && height >= 1) {
            RecentBlocks.Entry have = s.recent.get(height);
            if (have != null && have.block().block().hash().equals(cb.block().hash())) {
                return Effect().reply(c.replyTo(), new Appended(s.head, List.of(), null)); // already have it
            }
        }
        if (height != s.head.height() + 1 || !cb.block().header().previousHash().equals(s.head.hash())) {
            return Effect().reply(c.replyTo(), new Appended(s.head, List.of(),
                    "block " + height + " does not extend the head at " + s.head.height()));
        }
        BlockResult result = c.result() != null ? c.result() : transition.apply(s.head.state(), cb.block());
        if (!result.stateRoot().equals(cb.block().header().stateRoot())) {
            return Effect().reply(c.replyTo(), new Appended(s.head, List.of(),
                    "block " + height + " executes to another state root than its header's"));
        }
        precomputed.put(cb.block().hash(), result);
        return Effect().persist(new BlockCommitted(cb.encode(), ReceiptsCodec.encode(result.receipts())))
                .thenRun(ns -> {
                    BlockApplied applied = new BlockApplied(ns.head, cb, lastReceipts);
                    for (ActorRef<ChainEvent> sub : subscribers) sub.tell(applied);
                })
                .thenReply(c.replyTo(), ns -> new Appended(ns.head, lastReceipts, null));
    }

    private ReplyEffect<Event, State> onGetBlock(State s, GetBlock c) {
        long h = c.height();
        if (h < 1 || h > s.head.height()) return Effect().reply(c.replyTo(), new BlockAt(h, null, List.of()));
        RecentBlocks.Entry e = s.recent.get(h);
        if (e != null) return Effect().reply(c.replyTo(), new BlockAt(h, e.block(), e.receipts()));
        long seq = s.index.seqNr(h);
        readJournal(seq, seq, c.replyTo(), h, null, null);
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onGetBlocks(State s, GetBlocks c) {
        int max = Math.max(0, Math.min(c.max(), MAX_BLOCKS_PER_REPLY));
        long from = Math.max(1, c.fromHeight());
        long to = Math.min(s.head.height(), from + max - 1);
        if (from > to) return Effect().reply(c.replyTo(), new Blocks(List.of()));
        if (from >= s.recent.firstHeight()) {
            List<byte[]> out = new ArrayList<>();
            long bytes = 0;
            for (long h = from; h <= to && bytes < MAX_REPLY_BYTES; h++) {
                byte[] b = s.recent.get(h).block().encode();
                bytes += b.length;
                out.add(b);
            }
            return Effect().reply(c.replyTo(), new Blocks(out));
        }
        readJournal(s.index.seqNr(from), s.index.seqNr(to), null, from, c.replyTo(), null);
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onGetBlockRange(State s, GetBlockRange c) {
        int max = Math.max(0, Math.min(c.max(), MAX_BLOCKS_PER_REPLY));
        long from = Math.max(1, c.fromHeight());
        long to = Math.min(s.head.height(), from + max - 1);
        if (from > to) return Effect().reply(c.replyTo(), new BlockRange(List.of()));
        if (from >= s.recent.firstHeight()) {
            List<BlockAt> out = new ArrayList<>();
            for (long h = from; h <= to; h++) {
                RecentBlocks.Entry e = s.recent.get(h);
                out.add(new BlockAt(h, e.block(), e.receipts()));
            }
            return Effect().reply(c.replyTo(), new BlockRange(out));
        }
        readJournal(s.index.seqNr(from), s.index.seqNr(to), null, from, null, c.replyTo());
        return Effect().noReply();
    }

    /** Reads the chain's own events [fromSeq, toSeq] off the actor and pipes the blocks among them back. */
    private void readJournal(long fromSeq, long toSeq, ActorRef<BlockAt> blockReplyTo, long height,
                             ActorRef<Blocks> blocksReplyTo, ActorRef<BlockRange> rangeReplyTo) {
        if (readJournal == null) {
            readJournal = PersistenceQuery.get(ctx.getSystem().classicSystem())
                    .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        }
        CompletionStage<List<BlockCommitted>> read = readJournal
                .currentEventsByPersistenceId(persistenceId().id(), fromSeq, toSeq)
                .map(EventEnvelope::event)
                .filter(ev -> ev instanceof BlockCommitted)
                .map(ev -> (BlockCommitted) ev)
                .runWith(Sink.seq(), ctx.getSystem());
        ctx.pipeToSelf(read, (events, err) -> new JournalRead(events, err, blockReplyTo, height, blocksReplyTo, rangeReplyTo));
    }

    private ReplyEffect<Event, State> onJournalRead(State s, JournalRead r) {
        if (r.error() != null) ctx.getLog().error("reading blocks from the chain journal failed", r.error());
        List<BlockCommitted> events = r.error() == null ? r.events() : List.of();
        if (r.blockReplyTo() != null) {
            BlockAt reply = events.size() == 1 ? decodeAt(events.get(0), r.height()) : null;
            return Effect().reply(r.blockReplyTo(), reply != null ? reply : new BlockAt(r.height(), null, List.of()));
        }
        if (r.rangeReplyTo() != null) {
            List<BlockAt> out = new ArrayList<>();
            for (BlockCommitted e : events) { // stops at the first block that is not the next one
                BlockAt at = decodeAt(e, r.height() + out.size());
                if (at == null) break;
                out.add(at);
            }
            return Effect().reply(r.rangeReplyTo(), new BlockRange(out));
        }
        List<byte[]> out = new ArrayList<>();
        long bytes = 0;
        for (BlockCommitted e : events) {
            if (bytes >= MAX_REPLY_BYTES) break;
            bytes += e.committedBlock().length;
            out.add(e.committedBlock());
        }
        return Effect().reply(r.blocksReplyTo(), new Blocks(out));
    }

    /** The block of a journal event with its receipts, or null (logged) when it is undecodable or not at {@code height}. */
    private BlockAt decodeAt(BlockCommitted e, long height) {
        try {
            CommittedBlock cb = CommittedBlock.decode(e.committedBlock());
            List<Receipt> receipts = e.receipts() == null ? List.of() : ReceiptsCodec.decode(e.receipts());
            if (cb.block().height() == height) return new BlockAt(height, cb, receipts);
            ctx.getLog().error("journal event for height {} holds block {}", height, cb.block().height());
        } catch (DecodeException ex) {
            ctx.getLog().error("undecodable block {} in the chain journal: {}", height, ex.getMessage());
        }
        return null;
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(BlockCommitted.class, (State s, BlockCommitted e) -> apply(s, e))
                .onEvent(EvidenceRecorded.class, (State s, EvidenceRecorded e) -> {
                    s.evidence.add(e.evidence());
                    s.eventCount++;
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
        if (result == null) { // replay: re-execute, and the receipts must be those persisted with the block
            result = transition.apply(s.head.state(), cb.block());
            if (!result.stateRoot().equals(cb.block().header().stateRoot())) {
                throw new IllegalStateException("block " + cb.block().height() + " re-executes to another state root");
            }
            if (e.receipts() != null && !Arrays.equals(e.receipts(), ReceiptsCodec.encode(result.receipts()))) {
                throw new IllegalStateException("block " + cb.block().height() + " re-executes to other receipts than those persisted");
            }
        }
        lastReceipts = result.receipts();
        s.eventCount++;
        s.index.append(s.eventCount);
        s.recent.add(cb, result.receipts());
        return new State(new ChainHead(cb.block().height(), cb.block().hash(), cb.block().header().timeMs(), result.state()),
                s.recent, s.index, s.evidence, s.eventCount);
    }
}
