package io.reactiveledger.node.consensus;

import io.reactiveledger.consensus.messages.ConsensusCodec;
import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.statemachine.Action;
import io.reactiveledger.consensus.statemachine.ConsensusContext;
import io.reactiveledger.consensus.statemachine.HeightStateMachine;
import io.reactiveledger.consensus.statemachine.Timeout;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.consensus.validation.ProposalValidator;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.BuiltBlock;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptStatus;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.llm.MempoolView;
import io.reactiveledger.llm.ModelActor;
import io.reactiveledger.llm.ProposalScreening;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.CborSerializable;
import io.reactiveledger.node.DirectFutures;
import io.reactiveledger.node.chain.ChainStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The thin shell around the pure {@link HeightStateMachine}: it owns timers (tagged with height, round
 * and step), talks to peers (found through the Receptionist), asks the mempool for transactions, has
 * the chain store persist each decision before moving on, and catches up by fetching committed blocks
 * with their certificates from peers' chain stores.
 */
public final class ConsensusActor extends AbstractBehavior<ConsensusActor.Command> {
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "consensus");

    public interface Command extends CborSerializable {
    }

    /** From a peer: a proposal in {@link ConsensusCodec} encoding. */
    public record PeerProposal(byte[] proposal) implements Command {
    }

    /** From a peer: a vote in {@link ConsensusCodec} encoding. */
    public record PeerVote(byte[] vote) implements Command {
    }

    public record GetStatus(ActorRef<Status> replyTo) implements Command {
    }

    public record Status(long height, int round, String step, long committedHeight, String committedHash,
                         int peers, int evidence, List<String> recentRejections) implements CborSerializable {
    }

    /** Local only: be told about each block once it is durably committed on this node. */
    public record Subscribe(ActorRef<Committed> subscriber) implements Command {
    }

    public record Committed(ChainHead head, CommittedBlock block, List<Receipt> receipts) {
    }

    /** Test-only fault injection: drop all consensus traffic to and from these validator addresses. */
    public record SetFirewall(Set<String> blockedValidators) implements Command {
    }

    private record HeadLoaded(ChainHead head) implements Command {
    }

    private record TimeoutFired(Timeout timeout) implements Command {
    }

    private record Reaped(long height, int round, List<Transaction> txs) implements Command {
    }

    /** The reaped transactions and those to keep after this proposer's own model left out what its peers would refuse. */
    private record Trimmed(long height, int round, List<Transaction> reaped, List<Transaction> keep) implements Command {
    }

    private record RetryValue(long height, int round) implements Command {
    }

    private record AppendDone(ChainStore.Appended appended, CommittedBlock block) implements Command {
    }

    private record PeersChanged(Set<ActorRef<Command>> peers) implements Command {
    }

    private record StoresChanged(Set<ActorRef<ChainStore.Command>> stores) implements Command {
    }

    private record BlocksFetched(ChainStore.Blocks blocks) implements Command {
    }

    private enum GossipTick implements Command { INSTANCE }

    /**
     * @param model     the node's model actor, or null: no proposal screening
     * @param screening the validator's policy on peers' proposals (used with {@code model})
     */
    public record Wiring(ValidatorSet validators, String chainId, PrivValidator signer, StateTransition transition,
                         ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                         ConsensusSettings settings, Clock clock, ActorRef<ModelActor.Command> model,
                         ProposalScreening screening) {
        public Wiring(ValidatorSet validators, String chainId, PrivValidator signer, StateTransition transition,
                      ActorRef<ChainStore.Command> chainStore, ActorRef<MempoolActor.Command> mempool,
                      ConsensusSettings settings, Clock clock) {
            this(validators, chainId, signer, transition, chainStore, mempool, settings, clock, null, null);
        }
    }

    /** This node's mempool view for screening a peer's proposal, null when the mempool did not answer (local). */
    private record ViewReady(Proposal proposal, MempoolView view) implements Command {
    }

    /** The model actor's answer on a peer's proposal, with the view it was scored against (local). */
    private record Screened(Proposal proposal, MempoolView view, ModelActor.Reply reply)
            implements Command {
    }

    /** Most old executable transactions a screening view carries (the censorship signal saturates at 3). */
    /** Old executable transactions a screening view returns at most (the censorship signal's sample). */
    public static final int VIEW_STALE_CAP = 64;

    public static Behavior<Command> create(Wiring wiring) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(10_000, stash -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, ctx.getSelf()));
            wiring.chainStore().tell(new ChainStore.GetHead(ctx.messageAdapter(ChainHead.class, HeadLoaded::new)));
            return Behaviors.receive(Command.class)
                    .onMessage(HeadLoaded.class, m -> stash.unstashAll(new ConsensusActor(ctx, timers, wiring, m.head())))
                    .onAnyMessage(m -> {
                        if (!stash.isFull()) stash.stash(m);
                        return Behaviors.same();
                    })
                    .build();
        })));
    }

    private final TimerScheduler<Command> timers;
    private final Wiring w;
    private final ProposalValidator validator;
    private final ActorRef<Receptionist.Listing> listingAdapter;
    private final ActorRef<ChainStore.Blocks> blocksAdapter;

    private ChainHead head;
    private HeightStateMachine machine;
    private boolean appending;
    private final Map<Hash, BlockResult> verdicts = new HashMap<>();
    private final Map<Address, List<Object>> future = new HashMap<>();
    private final Set<Object> relayed = new HashSet<>();
    private final java.util.TreeMap<Long, CommittedBlock> syncQueue = new java.util.TreeMap<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final ArrayDeque<String> rejections = new ArrayDeque<>();
    /** Policy verdicts on this height's proposals, decided before the machine sees them; proposals awaiting one. */
    private final Map<Hash, Optional<String>> policyVerdicts = new HashMap<>();
    private final Map<Hash, List<Proposal>> awaitingScreening = new HashMap<>();
    private final List<ActorRef<Committed>> subscribers = new ArrayList<>();
    private Set<ActorRef<Command>> peers = Set.of();
    private Set<ActorRef<ChainStore.Command>> stores = Set.of();
    private Set<Address> blocked = Set.of();
    private long lastSyncRequestMs = Long.MIN_VALUE / 2;

    private ConsensusActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, Wiring wiring, ChainHead head) {
        super(ctx);
        this.timers = timers;
        this.w = wiring;
        this.head = head;
        this.validator = new ProposalValidator(wiring.chainId(), wiring.validators(), wiring.settings().limits(),
                wiring.transition());
        this.listingAdapter = ctx.messageAdapter(Receptionist.Listing.class, this::onListing);
        this.blocksAdapter = ctx.messageAdapter(ChainStore.Blocks.class, BlocksFetched::new);
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE_KEY, listingAdapter));
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(ChainStore.SERVICE_KEY, listingAdapter));
        // The mempool starts from genesis; bring it to the head recovered from the journal.
        wiring.mempool().tell(new MempoolActor.Committed(head.state(), List.of()));
        timers.startTimerWithFixedDelay(GossipTick.INSTANCE, GossipTick.INSTANCE, wiring.settings().gossipInterval());
        startHeight();
    }

    @SuppressWarnings("unchecked")
    private Command onListing(Receptionist.Listing listing) {
        if (listing.isForKey(SERVICE_KEY)) {
            Set<ActorRef<Command>> all = new HashSet<>(listing.getServiceInstances(SERVICE_KEY));
            all.remove(getContext().getSelf());
            return new PeersChanged(all);
        }
        return new StoresChanged(new HashSet<>(listing.getServiceInstances(ChainStore.SERVICE_KEY)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PeerProposal.class, m -> onPeerProposal(m.proposal()))
                .onMessage(PeerVote.class, m -> onPeerVote(m.vote()))
                .onMessage(TimeoutFired.class, m -> {
                    if (!appending && machine != null) handle(machine.onTimeout(m.timeout()));
                    return this;
                })
                .onMessage(Reaped.class, this::onReaped)
                .onMessage(Trimmed.class, this::onTrimmed)
                .onMessage(RetryValue.class, m -> {
                    requestTransactions(m.height(), m.round());
                    return this;
                })
                .onMessage(AppendDone.class, this::onAppendDone)
                .onMessage(PeersChanged.class, m -> {
                    peers = m.peers();
                    return this;
                })
                .onMessage(StoresChanged.class, m -> {
                    stores = m.stores();
                    return this;
                })
                .onMessage(BlocksFetched.class, this::onBlocksFetched)
                .onMessage(GossipTick.class, m -> {
                    if (!appending && machine != null) for (Object msg : machine.gossip()) broadcast(msg);
                    return this;
                })
                .onMessage(GetStatus.class, m -> {
                    m.replyTo().tell(status());
                    return this;
                })
                .onMessage(Subscribe.class, m -> {
                    subscribers.add(m.subscriber());
                    return this;
                })
                .onMessage(SetFirewall.class, m -> {
                    Set<Address> b = new HashSet<>();
                    for (String a : m.blockedValidators()) b.add(Address.fromHex(a));
                    blocked = b;
                    return this;
                })
                .onMessage(HeadLoaded.class, m -> this)
                .onMessage(ViewReady.class, this::onViewReady)
                .onMessage(Screened.class, this::onScreened)
                .build();
    }

    // ------------------------------------------------------------------ heights

    private void startHeight() {
        verdicts.clear();
        relayed.clear();
        policyVerdicts.clear();
        awaitingScreening.clear();
        machine = new HeightStateMachine(w.settings().params(), context(head), head.height() + 1, w.signer());
        handle(machine.start());
        List<Object> buffered = new ArrayList<>();
        for (List<Object> l : future.values()) buffered.addAll(l);
        future.clear();
        for (Object m : buffered) deliver(m);
    }

    private ConsensusContext context(ChainHead at) {
        return new ConsensusContext() {
            @Override
            public String chainId() {
                return w.chainId();
            }

            @Override
            public ValidatorSet validators() {
                return w.validators();
            }

            @Override
            public Optional<String> validate(Block block) {
                ProposalValidator.Verdict v = validator.validate(block, at, w.clock().millis());
                if (v.valid()) verdicts.put(block.hash(), v.result());
                return Optional.ofNullable(v.reason());
            }

            @Override
            public Optional<String> policy(Block block) {
                return policyVerdicts.getOrDefault(block.hash(), Optional.empty());
            }
        };
    }

    private void handle(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.BroadcastProposal b) {
                broadcast(b.proposal());
            } else if (a instanceof Action.BroadcastVote b) {
                broadcast(b.vote());
            } else if (a instanceof Action.ScheduleTimeout s) {
                timers.startSingleTimer(s.timeout(), new TimeoutFired(s.timeout()), s.delay());
            } else if (a instanceof Action.RequestValue r) {
                requestTransactions(r.height(), r.round());
            } else if (a instanceof Action.RecordEvidence e) {
                evidence.add(e.evidence());
                w.chainStore().tell(new ChainStore.StoreEvidence(ConsensusCodec.encode(e.evidence())));
                getContext().getLog().warn("equivocation by {} at height {} round {}", e.evidence().validator(),
                        e.evidence().height(), e.evidence().round());
            } else if (a instanceof Action.RejectedProposal r) {
                if (rejections.size() >= 20) rejections.removeFirst();
                rejections.addLast("h" + r.height() + "/r" + r.round() + ": " + r.reason());
                getContext().getLog().info("prevote nil at height {} round {}: {}", r.height(), r.round(), r.reason());
            } else if (a instanceof Action.Decide d) {
                decide(d.block());
                return;
            }
        }
    }

    private void decide(CommittedBlock cb) {
        appending = true;
        machine = null;
        BlockResult result = verdicts.get(cb.block().hash());
        getContext().pipeToSelf(DirectFutures.ask(w.chainStore(),
                (ActorRef<ChainStore.Appended> reply) -> new ChainStore.Append(cb, result, reply),
                java.time.Duration.ofSeconds(30), getContext().getSystem().scheduler()),
                (ok, err) -> new AppendDone(ok != null ? ok
                        : new ChainStore.Appended(null, List.of(), "persist failed: " + err), cb));
    }

    private Behavior<Command> onAppendDone(AppendDone m) {
        if (!m.appended().ok()) {
            // Not durable: the node must not move on or acknowledge anything. Stop; supervision restarts
            // the node's consensus from the journal.
            throw new IllegalStateException("block " + m.block().block().height() + " not persisted: " + m.appended().error());
        }
        head = m.appended().head();
        appending = false;
        Committed c = new Committed(head, m.block(), m.appended().receipts());
        for (ActorRef<Committed> s : subscribers) s.tell(c);
        w.mempool().tell(new MempoolActor.Committed(head.state(), m.block().block().transactions()));
        startHeight();
        drainSyncQueue();
        return this;
    }

    // ------------------------------------------------------------------ proposals

    private void requestTransactions(long height, int round) {
        if (machine == null || machine.height() != height || machine.round() != round) return;
        getContext().pipeToSelf(DirectFutures.ask(w.mempool(),
                (ActorRef<MempoolActor.Reaped> reply) -> new MempoolActor.Reap(w.settings().limits().maxTxs(), w.settings().limits().maxBytes(), reply),
                java.time.Duration.ofSeconds(5), getContext().getSystem().scheduler()),
                (ok, err) -> new Reaped(height, round, ok != null ? ok.txs() : List.of()));
    }

    private Behavior<Command> onReaped(Reaped m) {
        if (appending || machine == null || machine.height() != m.height() || machine.round() != m.round()) return this;
        // Without any memo or item text there is nothing the model could leave out: skip the round trip.
        if (w.model() != null && w.screening() != null && w.screening().enabled() && w.screening().trimOwn()
                && !io.reactiveledger.llm.ProposalScorer.texts(m.txs()).isEmpty()) {
            // Leave out what peers' screening would refuse, or one scam in every mempool would stall the chain.
            // Late or refused: propose them all (peers decide, as they would without this proposer's model).
            java.time.Duration deadline = w.screening().deadline().dividedBy(2);
            getContext().pipeToSelf(DirectFutures.ask(w.model(),
                    (ActorRef<ModelActor.Reply> reply) -> new ModelActor.Trim(m.txs(), w.signer().address(), deadline, reply),
                    deadline.plusMillis(100), getContext().getSystem().scheduler()),
                    (reply, err) -> new Trimmed(m.height(), m.round(), m.txs(),
                            reply instanceof ModelActor.Trimmed t ? t.keep() : m.txs()));
            return this;
        }
        return propose(m.height(), m.round(), m.txs());
    }

    /** Those left out are evicted from this node's mempool and refused from now on, or they come back every height. */
    private Behavior<Command> onTrimmed(Trimmed m) {
        if (m.keep().size() < m.reaped().size()) {
            Set<Hash> kept = new HashSet<>();
            for (Transaction t : m.keep()) kept.add(t.hash());
            List<Hash> left = new ArrayList<>();
            for (Transaction t : m.reaped()) if (!kept.contains(t.hash())) left.add(t.hash());
            w.mempool().tell(new MempoolActor.Refuse(left));
        }
        return propose(m.height(), m.round(), m.keep());
    }

    private Behavior<Command> propose(long height, int round, List<Transaction> txs) {
        if (appending || machine == null || machine.height() != height || machine.round() != round) return this;
        long now = w.clock().millis();
        if (txs.isEmpty() && now - head.timeMs() < w.settings().emptyBlockInterval().toMillis()) {
            timers.startSingleTimer("retry-value", new RetryValue(height, round), java.time.Duration.ofMillis(100));
            return this;
        }
        BlockContext bc = new BlockContext(w.chainId(), height, Math.max(now, head.timeMs() + 1), w.signer().address());
        BuiltBlock built = w.transition().build(head.state(), bc, head.hash(), w.validators().hash(), txs);
        List<Transaction> keep = new ArrayList<>();
        List<Receipt> receipts = built.result().receipts();
        for (int i = 0; i < receipts.size(); i++) {
            if (receipts.get(i).status() != ReceiptStatus.REJECTED) keep.add(txs.get(i));
        }
        if (keep.size() != txs.size()) {
            built = w.transition().build(head.state(), bc, head.hash(), w.validators().hash(), keep);
        }
        verdicts.put(built.block().hash(), built.result());
        handle(machine.onValue(height, round, built.block()));
        return this;
    }

    // ------------------------------------------------------------------ peers

    private Behavior<Command> onPeerProposal(byte[] bytes) {
        try {
            Proposal p = ConsensusCodec.decodeProposal(bytes);
            if (!blocked.contains(p.proposer())) receive(p, p.proposer(), p.height());
        } catch (DecodeException e) {
            getContext().getLog().debug("undecodable proposal: {}", e.getMessage());
        }
        return this;
    }

    private Behavior<Command> onPeerVote(byte[] bytes) {
        try {
            Vote v = ConsensusCodec.decodeVote(bytes);
            if (!blocked.contains(v.validator())) receive(v, v.validator(), v.height());
        } catch (DecodeException e) {
            getContext().getLog().debug("undecodable vote: {}", e.getMessage());
        }
        return this;
    }

    private void receive(Object m, Address sender, long height) {
        long current = head.height() + 1;
        if (height < current) return;
        if (height > current || appending) {
            if (height - current <= w.settings().maxHeightsAhead()) {
                List<Object> mine = future.computeIfAbsent(sender, a -> new ArrayList<>());
                if (mine.size() < w.settings().maxBufferedPerPeer()) mine.add(m);
            }
            if (height > current) requestBlocks();
            return;
        }
        deliver(m);
    }

    private void deliver(Object m) {
        if (machine == null || appending) return;
        long h = m instanceof Proposal p ? p.height() : ((Vote) m).height();
        if (h != machine.height()) return;
        if (relayed.add(m)) broadcast(m); // flooding gossip: relay each message of this height once
        if (m instanceof Proposal p) {
            if (!needsScreening(p)) handle(machine.onProposal(p));
        } else {
            handle(machine.onVote((Vote) m));
        }
    }

    // ------------------------------------------------------------------ proposal screening (model actor)

    /**
     * A peer's fresh proposal is scored by the model actor before the machine sees it; the verdict becomes
     * the machine's {@link ConsensusContext#policy} input. True when the proposal is held for that.
     */
    private boolean needsScreening(Proposal p) {
        if (w.model() == null || w.screening() == null || !w.screening().enabled() || w.signer() == null
                || p.polRound() != -1 || p.proposer().equals(w.signer().address())
                || policyVerdicts.containsKey(p.blockHash())) {
            return false;
        }
        List<Proposal> waiting = awaitingScreening.get(p.blockHash());
        if (waiting != null) {
            waiting.add(p);
            return true;
        }
        awaitingScreening.put(p.blockHash(), new ArrayList<>(List.of(p)));
        // First this node's own mempool view (one local round trip; without an answer in time the structural
        // signals are not judged), then the model scores against it.
        List<Hash> hashes = new ArrayList<>();
        for (Transaction t : p.block().transactions()) hashes.add(t.hash());
        java.time.Duration viewDeadline = w.screening().deadline().dividedBy(4);
        if (viewDeadline.toMillis() < 100) viewDeadline = java.time.Duration.ofMillis(100); // the rules need it most when the model is late
        getContext().pipeToSelf(DirectFutures.ask(w.mempool(),
                (ActorRef<MempoolView> reply) -> new MempoolActor.View(hashes, w.screening().policy().censorAgeMillis(), VIEW_STALE_CAP,
                        w.settings().limits().maxTxs(), w.settings().limits().maxBytes(), reply),
                viewDeadline, getContext().getSystem().scheduler()),
                (view, err) -> new ViewReady(p, view));
        return true;
    }

    private Behavior<Command> onViewReady(ViewReady m) {
        Proposal p = m.proposal();
        if (!awaitingScreening.containsKey(p.blockHash())) return this;
        java.time.Duration deadline = w.screening().deadline();
        getContext().pipeToSelf(DirectFutures.ask(w.model(),
                (ActorRef<ModelActor.Reply> reply) -> new ModelActor.Score(p.block().transactions(), p.proposer(), m.view(), deadline, reply),
                deadline.plusMillis(200), getContext().getSystem().scheduler()),
                (reply, err) -> new Screened(p, m.view(), reply != null ? reply
                        : new ModelActor.Refused(ModelActor.RefusalKind.TIMED_OUT, "no answer: " + err)));
        return this;
    }

    private Behavior<Command> onScreened(Screened m) {
        Proposal p = m.proposal();
        List<Proposal> waiting = awaitingScreening.remove(p.blockHash());
        if (waiting == null || machine == null || appending || p.height() != machine.height()) return this;
        Optional<String> verdict;
        if (m.reply() instanceof ModelActor.Scored sc) {
            verdict = w.screening().verdict(sc.score());
        } else {
            String why = m.reply() instanceof ModelActor.Refused r ? r.kind() + ": " + r.message() : "unexpected reply";
            verdict = w.screening().withoutModel(why, p.block().transactions(), p.proposer(), m.view());
        }
        policyVerdicts.put(p.blockHash(), verdict);
        verdict.ifPresent(reason -> getContext().getLog().warn("refusing proposal {} at height {}: {}",
                p.blockHash().hex().substring(0, 12), p.height(), reason));
        for (Proposal q : waiting) {
            if (machine == null || appending || q.height() != machine.height()) break;
            handle(machine.onProposal(q));
        }
        return this;
    }

    private void broadcast(Object m) {
        Command c = m instanceof Proposal p ? new PeerProposal(ConsensusCodec.encode(p))
                : new PeerVote(ConsensusCodec.encode((Vote) m));
        if (m instanceof Proposal || m instanceof Vote) relayed.add(m);
        for (ActorRef<Command> peer : peers) peer.tell(c);
    }

    // ------------------------------------------------------------------ catch-up

    private void requestBlocks() {
        long now = w.clock().millis();
        if (now - lastSyncRequestMs < 500) return;
        lastSyncRequestMs = now;
        for (ActorRef<ChainStore.Command> s : stores) {
            if (!s.equals(w.chainStore())) {
                s.tell(new ChainStore.GetBlocks(head.height() + 1, 20, blocksAdapter));
            }
        }
    }

    private Behavior<Command> onBlocksFetched(BlocksFetched m) {
        for (byte[] bytes : m.blocks().committedBlocks()) {
            try {
                CommittedBlock cb = CommittedBlock.decode(bytes);
                long h = cb.block().height();
                if (h > head.height() && h <= head.height() + 50) syncQueue.putIfAbsent(h, cb);
            } catch (DecodeException e) {
                getContext().getLog().debug("undecodable block from a peer: {}", e.getMessage());
            }
        }
        drainSyncQueue();
        return this;
    }

    private void drainSyncQueue() {
        syncQueue.headMap(head.height() + 1).clear();
        while (!appending && machine != null) {
            CommittedBlock cb = syncQueue.remove(machine.height());
            if (cb == null) return;
            handle(machine.onCommittedBlock(cb));
        }
    }

    private Status status() {
        return new Status(head.height() + 1, machine == null ? -1 : machine.round(),
                machine == null ? "COMMITTING" : machine.step().name(), head.height(), head.hash().hex(), peers.size(),
                evidence.size(), List.copyOf(rejections));
    }
}
