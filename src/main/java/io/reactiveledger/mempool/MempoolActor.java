package io.reactiveledger.mempool;

import com.typesafe.config.Config;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.node.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The actor shell around {@link Mempool}: decodes and verifies off the actor, admits on it, answers
 * block building, follows commits and gossips admitted transactions to the other nodes' mempools.
 *
 * <ul>
 *   <li><b>Verification</b>: {@link Submit} and {@link Gossip} bytes are decoded and their signatures
 *       verified on {@code ledger.verify-dispatcher} (a fork-join pool sized to the cores), in parallel,
 *       through the node's shared {@link SignatureCache}. The result is piped back to the actor, where
 *       {@link Mempool#admit} finds the verdict in the cache. The order in which concurrent submissions
 *       are admitted is therefore not their arrival order; the pool accepts nonce gaps within its window.</li>
 *   <li><b>Gossip</b>: transactions admitted from {@link Submit} are collected and sent as one
 *       {@link Gossip} to every peer when {@code gossip-interval} has passed since the first of them, or at
 *       once when {@code gossip-max-batch-txs} or {@code gossip-max-batch-bytes} is reached. Peers are the
 *       other instances registered under {@link #SERVICE_KEY} ("mempool") with the receptionist; every
 *       mempool registers itself and subscribes to that listing. Transactions received by gossip are
 *       admitted silently (duplicates and invalid ones ignored) and not forwarded again: the listing is a
 *       full mesh, and the origin sends to everyone. Gossip is best effort; a batch with no peers is dropped.</li>
 *   <li><b>Local-only messages</b>: {@link Reap}/{@link Reaped} carry decoded {@link Transaction}s and
 *       {@link Committed} a {@link WorldState}; they are exchanged with the node's own consensus actor and
 *       never serialized, so they do not implement {@link CborSerializable}.</li>
 * </ul>
 */
public final class MempoolActor extends AbstractBehavior<MempoolActor.Command> {
    /** Every node's mempool registers under this key; peers are found through its listing. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "mempool");
    public static final String VERIFY_DISPATCHER = "ledger.verify-dispatcher";
    public static final String CONFIG_PATH = "ledger.mempool";

    /** The protocol. Records that may cross the network also implement {@link CborSerializable}. */
    public interface Command {
    }

    /** Submit signed transaction bytes; answered with the admission code. */
    public record Submit(byte[] txBytes, ActorRef<SubmitResult> replyTo) implements Command, CborSerializable {
    }

    /** Transactions for the next block (see {@link Mempool#reap}). Local only. */
    public record Reap(int maxTxs, long maxBytes, ActorRef<Reaped> replyTo) implements Command {
    }

    /**
     * A block was committed: {@code state} is the state after it, {@code txs} all its transactions in
     * block order (see {@link Mempool#onCommitted}). Local only (sent by this node's consensus/chain store).
     */
    public record Committed(WorldState state, List<Transaction> txs) implements Command {
    }

    public record GetStatus(ActorRef<Status> replyTo) implements Command, CborSerializable {
    }

    /** Whether a transaction with this hash is pending here. Local only (the HTTP API's transaction lookup). */
    public record IsPending(Hash txHash, ActorRef<Boolean> replyTo) implements Command {
    }

    /**
     * Calls {@code listener} on this actor's thread with each batch of newly admitted transactions (submitted or
     * gossiped). Local only; the listener must not block (the node uses it to let its model embed memos ahead).
     */
    public record WatchAdmitted(java.util.function.Consumer<List<Transaction>> listener) implements Command {
    }

    /**
     * What proposal screening needs from this pool ({@link Mempool#view}, ages in this node's monotonic clock):
     * the proposal's {@code txHashes} pending here, the median pending fee, and up to {@code cap} executable
     * transactions pending at least {@code minAgeMillis}. Local only (this node's consensus actor).
     */
    public record View(List<Hash> txHashes, long minAgeMillis, int cap, int maxBlockTxs, long maxBlockBytes,
                       ActorRef<MempoolView> replyTo) implements Command {
    }

    /**
     * This node's proposer left these transactions out of its block for their risky text: evict them and refuse
     * them from now on ({@link Mempool#refuse}, answered {@link AdmissionCode#REFUSED_BY_POLICY}). Local only.
     */
    public record Refuse(List<Hash> txHashes) implements Command {
    }

    /** Signed transaction bytes from a peer mempool; admitted silently. */
    public record Gossip(List<byte[]> txs) implements Command, CborSerializable {
    }

    /**
     * @param code    the admission code, {@link AdmissionCode#DECODE_ERROR} when the bytes do not decode
     * @param message empty when accepted; otherwise the reason (for a decode error, the
     *                {@link DecodeException}'s message with its code, field and offset)
     * @param txHash  the transaction hash in hex; empty on a decode error
     */
    public record SubmitResult(AdmissionCode code, String message, String txHash) implements CborSerializable {
        public boolean accepted() {
            return code == AdmissionCode.ACCEPTED;
        }
    }

    /** The reaped transactions, in block order. Local only. */
    public record Reaped(List<Transaction> txs) {
    }

    /**
     * @param count          pending transactions
     * @param bytes          their total signed size
     * @param peers          other mempools in the receptionist's listing
     * @param gossipBatches  batches sent (each to every peer)
     * @param gossipTxs      transactions in those batches
     */
    public record Status(int count, long bytes, int peers, long gossipBatches, long gossipTxs) implements CborSerializable {
    }

    /**
     * Settings from {@code ledger.mempool} (see {@code ledger.conf}).
     *
     * @param limits               the pool's bounds
     * @param gossipInterval       how long admitted transactions are collected before a batch goes out
     * @param gossipMaxBatchTxs    a batch goes out at once at this many transactions
     * @param gossipMaxBatchBytes  ... or when the next transaction would take it past this many bytes
     * @param signatureCacheSize   capacity of the signature cache {@link #create(WorldState)} makes
     * @param rebroadcastAfter     executable transactions pending this long are gossiped again, once per this interval
     *                             (gossip is best effort; a peer that missed one, or joined later, must get it before
     *                             its blocks look like censoring it)
     */
    public record Settings(Mempool.Limits limits, Duration gossipInterval, int gossipMaxBatchTxs,
                           long gossipMaxBatchBytes, int signatureCacheSize, Duration rebroadcastAfter) {
        public static final Duration DEFAULT_REBROADCAST_AFTER = Duration.ofSeconds(10);

        public Settings(Mempool.Limits limits, Duration gossipInterval, int gossipMaxBatchTxs, long gossipMaxBatchBytes,
                        int signatureCacheSize) {
            this(limits, gossipInterval, gossipMaxBatchTxs, gossipMaxBatchBytes, signatureCacheSize,
                    DEFAULT_REBROADCAST_AFTER);
        }

        public Settings {
            if (rebroadcastAfter.isNegative() || rebroadcastAfter.isZero()) {
                throw new IllegalArgumentException("rebroadcast-after must be positive");
            }
            Objects.requireNonNull(limits, "limits");
            if (gossipInterval.isNegative() || gossipInterval.isZero()) throw new IllegalArgumentException("gossip interval must be positive");
            if (gossipMaxBatchTxs < 1) throw new IllegalArgumentException("gossip batch size must be positive");
            if (gossipMaxBatchBytes < Transaction.MAX_BYTES) {
                throw new IllegalArgumentException("gossip batch bytes must be at least " + Transaction.MAX_BYTES);
            }
            if (signatureCacheSize < 1) throw new IllegalArgumentException("signature cache size must be positive");
        }

        /** Reads {@code ledger.mempool} from a full configuration. */
        public static Settings fromConfig(Config config) {
            Config c = config.getConfig(CONFIG_PATH);
            return new Settings(
                    new Mempool.Limits(c.getInt("max-txs"), c.getBytes("max-bytes"), c.getInt("nonce-window"),
                            c.getInt("replace-fee-bump-percent")),
                    c.getDuration("gossip-interval"), c.getInt("gossip-max-batch-txs"),
                    c.getBytes("gossip-max-batch-bytes"), c.getInt("signature-cache-size"),
                    c.hasPath("rebroadcast-after") ? c.getDuration("rebroadcast-after") : DEFAULT_REBROADCAST_AFTER);
        }

        public Settings withGossip(Duration interval, int maxBatchTxs) {
            return new Settings(limits, interval, maxBatchTxs, gossipMaxBatchBytes, signatureCacheSize, rebroadcastAfter);
        }

        public Settings withLimits(Mempool.Limits newLimits) {
            return new Settings(newLimits, gossipInterval, gossipMaxBatchTxs, gossipMaxBatchBytes, signatureCacheSize,
                    rebroadcastAfter);
        }
    }

    // ---------------------------------------------------------------------------- internal messages

    /** Decoded and verified off the actor; {@code replyTo} is null for gossip. */
    private record Checked(List<Decoded> results, ActorRef<SubmitResult> replyTo, List<Hash> gossiped) implements Command {
    }

    private record Decoded(Transaction tx, String error) {
    }

    private record PeersChanged(Receptionist.Listing listing) implements Command {
    }

    private enum FlushGossip implements Command {
        INSTANCE
    }

    private static final Object FLUSH_TIMER = "gossip-flush";

    private enum Rebroadcast implements Command {
        INSTANCE
    }

    /** Most transactions gossiped again per rebroadcast tick. */
    private static final int REBROADCAST_MAX = 200;

    // -------------------------------------------------------------------------------------- factory

    /** Settings from the system's {@code ledger.mempool}, with a signature cache of its own. */
    public static Behavior<Command> create(WorldState state) {
        return Behaviors.setup(ctx -> {
            Settings settings = Settings.fromConfig(ctx.getSystem().settings().config());
            return start(ctx, state, new SignatureCache(settings.signatureCacheSize()), settings);
        });
    }

    /** Settings from the system's {@code ledger.mempool}; {@code cache} is the node's shared one. */
    public static Behavior<Command> create(WorldState state, SignatureCache cache) {
        return Behaviors.setup(ctx -> start(ctx, state, cache, Settings.fromConfig(ctx.getSystem().settings().config())));
    }

    public static Behavior<Command> create(WorldState state, SignatureCache cache, Settings settings) {
        return Behaviors.setup(ctx -> start(ctx, state, cache, settings));
    }

    private static Behavior<Command> start(ActorContext<Command> ctx, WorldState state, SignatureCache cache,
                                           Settings settings) {
        return Behaviors.withTimers(timers -> new MempoolActor(ctx, timers, state, cache, settings));
    }

    // ---------------------------------------------------------------------------------------- state

    private final TimerScheduler<Command> timers;
    private final SignatureCache cache;
    private final Settings settings;
    private final Mempool mempool;
    private final Executor verifyExecutor;
    private Set<ActorRef<Command>> peers = Set.of();
    private List<byte[]> outbox = new ArrayList<>();
    private long outboxBytes;
    private long gossipBatches;
    private long gossipTxs;
    private final List<java.util.function.Consumer<List<Transaction>>> admittedListeners = new ArrayList<>();
    /** Hashes of gossiped transactions being decoded and verified (counts: a hash may arrive twice meanwhile). */
    private final java.util.Map<Hash, Integer> checking = new java.util.HashMap<>();
    private List<View> deferredViews = new ArrayList<>();

    private MempoolActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, WorldState state,
                         SignatureCache cache, Settings settings) {
        super(ctx);
        this.timers = timers;
        this.cache = cache;
        this.settings = settings;
        this.mempool = new Mempool(state, cache, settings.limits());
        this.verifyExecutor = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(VERIFY_DISPATCHER));
        ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, PeersChanged::new);
        ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, ctx.getSelf()));
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE_KEY, listings));
        Duration tick = settings.rebroadcastAfter().dividedBy(4);
        timers.startTimerWithFixedDelay(Rebroadcast.INSTANCE, tick.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : tick);
    }

    /** This node's monotonic clock for arrival times (never goes back, unlike wall time). */
    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(Gossip.class, this::onGossip)
                .onMessage(Checked.class, this::onChecked)
                .onMessage(Reap.class, this::onReap)
                .onMessage(Committed.class, this::onCommitted)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(IsPending.class, m -> {
                    m.replyTo().tell(mempool.contains(m.txHash()));
                    return this;
                })
                .onMessage(PeersChanged.class, this::onPeersChanged)
                .onMessage(WatchAdmitted.class, m -> {
                    admittedListeners.add(m.listener());
                    return this;
                })
                .onMessageEquals(FlushGossip.INSTANCE, this::onFlush)
                .onMessage(View.class, this::onView)
                .onMessage(Refuse.class, m -> {
                    List<Transaction> out = mempool.refuse(m.txHashes());
                    getContext().getLog().info("refused {} transaction(s) the proposer left out for risky text ({} were pending)",
                            m.txHashes().size(), out.size());
                    return this;
                })
                .onMessageEquals(Rebroadcast.INSTANCE, () -> {
                    for (Transaction tx : mempool.takeForRebroadcast(nowMillis(), settings.rebroadcastAfter().toMillis(),
                            REBROADCAST_MAX)) {
                        enqueueGossip(tx);
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Command> onSubmit(Submit m) {
        byte[] bytes = m.txBytes();
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> check(bytes), verifyExecutor),
                (d, failure) -> new Checked(List.of(d != null ? d : failed(failure)), m.replyTo(), List.of()));
        return this;
    }

    private Behavior<Command> onGossip(Gossip m) {
        if (m.txs() == null || m.txs().isEmpty()) return this;
        // a transaction's hash is SHA-256 of its bytes: skip what is pending without decoding it
        List<CompletableFuture<Decoded>> checks = new ArrayList<>();
        List<Hash> hashes = new ArrayList<>();
        for (byte[] bytes : m.txs()) {
            if (bytes == null) continue;
            Hash hash = Sha256.hash(bytes);
            if (mempool.contains(hash) || mempool.isRefused(hash)) continue;
            hashes.add(hash);
            checking.merge(hash, 1, Integer::sum);
            checks.add(CompletableFuture.supplyAsync(() -> check(bytes), verifyExecutor));
        }
        if (checks.isEmpty()) return this;
        CompletableFuture<List<Decoded>> all = CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(v -> checks.stream().map(CompletableFuture::join).toList());
        getContext().pipeToSelf(all, (results, failure) -> new Checked(results != null ? results : List.of(), null, hashes));
        return this;
    }

    /** Runs on the verify dispatcher: decode, then warm the signature cache. */
    private Decoded check(byte[] bytes) {
        try {
            Transaction tx = Transaction.decode(bytes);
            cache.verify(tx);
            return new Decoded(tx, null);
        } catch (DecodeException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    private static Decoded failed(Throwable failure) {
        return new Decoded(null, "could not check the transaction: " + failure);
    }

    private Behavior<Command> onChecked(Checked m) {
        try {
            return admitChecked(m);
        } finally {
            for (Hash h : m.gossiped()) checking.computeIfPresent(h, (k, n) -> n == 1 ? null : n - 1);
            if (!deferredViews.isEmpty()) {
                List<View> waiting = deferredViews;
                deferredViews = new ArrayList<>();
                for (View v : waiting) onView(v);
            }
        }
    }

    /**
     * Answers at once unless some of the proposal's transactions are being verified from a peer's gossip: then
     * after that, so that a transaction gossiped just before the proposal is not taken for one never seen here.
     */
    private Behavior<Command> onView(View m) {
        for (Hash h : m.txHashes()) {
            if (checking.containsKey(h)) {
                deferredViews.add(m);
                return this;
            }
        }
        m.replyTo().tell(mempool.view(m.txHashes(), nowMillis(), m.minAgeMillis(), m.cap(), m.maxBlockTxs(),
                m.maxBlockBytes()));
        return this;
    }

    private Behavior<Command> admitChecked(Checked m) {
        List<Transaction> admitted = admittedListeners.isEmpty() ? null : new ArrayList<>();
        for (Decoded d : m.results()) {
            if (d.tx() == null) {
                if (m.replyTo() != null) m.replyTo().tell(new SubmitResult(AdmissionCode.DECODE_ERROR, d.error(), ""));
                continue;
            }
            Mempool.Admission a = mempool.admit(d.tx(), nowMillis());
            if (admitted != null && a.accepted()) admitted.add(d.tx());
            if (m.replyTo() != null) {
                m.replyTo().tell(new SubmitResult(a.code(), a.message(), a.txHash().hex()));
                if (a.accepted()) enqueueGossip(d.tx());
            }
        }
        if (admitted != null && !admitted.isEmpty()) {
            for (var l : admittedListeners) l.accept(admitted);
        }
        return this;
    }

    private Behavior<Command> onReap(Reap m) {
        flush(); // what goes into this node's block reaches the peers' mempools ahead of the proposal
        m.replyTo().tell(new Reaped(mempool.reap(m.maxTxs(), m.maxBytes())));
        return this;
    }

    private Behavior<Command> onCommitted(Committed m) {
        Mempool.Pruned p = mempool.onCommitted(m.state(), m.txs());
        if (!p.evicted().isEmpty()) {
            getContext().getLog().debug("commit removed {} and evicted {} now invalid; {} pending",
                    p.committed().size(), p.evicted().size(), mempool.size());
        }
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus m) {
        m.replyTo().tell(new Status(mempool.size(), mempool.bytes(), peers.size(), gossipBatches, gossipTxs));
        return this;
    }

    private Behavior<Command> onPeersChanged(PeersChanged m) {
        Set<ActorRef<Command>> all = new HashSet<>(m.listing().getServiceInstances(SERVICE_KEY));
        all.remove(getContext().getSelf());
        peers = Set.copyOf(all);
        return this;
    }

    private Behavior<Command> onFlush() {
        flush();
        return this;
    }

    // ---------------------------------------------------------------------------------------- gossip

    private void enqueueGossip(Transaction tx) {
        if (!outbox.isEmpty() && outboxBytes + tx.size() > settings.gossipMaxBatchBytes()) flush();
        outbox.add(tx.encoded());
        outboxBytes += tx.size();
        if (outbox.size() >= settings.gossipMaxBatchTxs() || outboxBytes >= settings.gossipMaxBatchBytes()) {
            flush();
        } else if (!timers.isTimerActive(FLUSH_TIMER)) {
            timers.startSingleTimer(FLUSH_TIMER, FlushGossip.INSTANCE, settings.gossipInterval());
        }
    }

    private void flush() {
        timers.cancel(FLUSH_TIMER);
        if (outbox.isEmpty()) return;
        if (!peers.isEmpty()) {
            Gossip batch = new Gossip(List.copyOf(outbox));
            for (ActorRef<Command> peer : peers) peer.tell(batch);
            gossipBatches++;
            gossipTxs += outbox.size();
        }
        outbox = new ArrayList<>();
        outboxBytes = 0;
    }
}
