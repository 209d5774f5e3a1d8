package io.reactiveledger.llm;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.contract.auction.AuctionState;
import io.reactiveledger.core.contract.auction.AuctionStatus;
import io.reactiveledger.core.contract.auction.BidRecord;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.state.AuctionPredictions;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.tx.PredictionRecorded;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxBody;
import io.reactiveledger.llm.auction.AuctionPrediction;
import io.reactiveledger.llm.auction.AuctionRecord;
import io.reactiveledger.llm.auction.BidEvent;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.chain.ChainStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The model actor's companion on an oracle node: watches committed blocks (a {@link ChainStore} subscription);
 * when an open auction has passed a milestone of its duration (by the latest block's time) for which this oracle
 * has not recorded a prediction yet, it asks the model actor for a prediction, turns it into integers, signs a
 * {@link PredictionRecorded} transaction with the oracle key and submits it to the mempool.
 * <p>One request at a time (model ask, then the transaction until it commits), so nonces never gap; an auction
 * whose prediction the model refuses (loading, late, overloaded) is tried again on a later block. If the
 * oracle's address is not listed in genesis, it does nothing (and says so once).
 */
public final class OracleActor extends AbstractBehavior<OracleActor.Command> {
    public interface Command {
    }

    private record Chain(ChainStore.ChainEvent event) implements Command {
    }

    private record Predicted(long auctionId, int milestones, ModelActor.Reply reply, Throwable failure) implements Command {
    }

    private record Submitted(long auctionId, MempoolActor.SubmitResult result) implements Command {
    }

    /** Blocks to wait for an outstanding prediction transaction to commit before giving up on it. */
    static final int COMMIT_PATIENCE_BLOCKS = 30;
    static final double DAY_MS = 86_400_000.0;

    public static Behavior<Command> create(OracleSettings settings, String chainId, ActorRef<ChainStore.Command> chain,
                                           ActorRef<MempoolActor.Command> mempool, ActorRef<ModelActor.Command> model) {
        return Behaviors.setup(ctx -> new OracleActor(ctx, settings, chainId, chain, mempool, model));
    }

    private final OracleSettings settings;
    private final String chainId;
    private final ActorRef<MempoolActor.Command> mempool;
    private final ActorRef<ModelActor.Command> model;
    private final Address me;
    /** Milestones passed for which a prediction was submitted, by auction (this run). */
    private final Map<Long, Integer> submitted = new HashMap<>();
    private boolean busy;
    /** The nonce of the outstanding transaction, and the height it was submitted at; -1 when none. */
    private long outstandingNonce = -1;
    private long outstandingSince;
    private ChainHead head;
    private boolean warnedNotListed;

    private OracleActor(ActorContext<Command> ctx, OracleSettings settings, String chainId,
                        ActorRef<ChainStore.Command> chain, ActorRef<MempoolActor.Command> mempool,
                        ActorRef<ModelActor.Command> model) {
        super(ctx);
        this.settings = settings;
        this.chainId = chainId;
        this.mempool = mempool;
        this.model = model;
        this.me = settings.key().address();
        chain.tell(new ChainStore.Subscribe(ctx.messageAdapter(ChainStore.ChainEvent.class, Chain::new)));
        ctx.getLog().info("Oracle {} records predictions at {} of each auction's duration", me, settings.milestones());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Chain.class, this::onChain)
                .onMessage(Predicted.class, this::onPredicted)
                .onMessage(Submitted.class, this::onSubmitted)
                .build();
    }

    private Behavior<Command> onChain(Chain m) {
        if (m.event() instanceof ChainStore.Subscribed s) head = s.head();
        else if (m.event() instanceof ChainStore.BlockApplied b) head = b.head();
        else return this;
        if (head.state().oracle(me) == null) {
            if (!warnedNotListed) getContext().getLog().warn("Oracle key {} is not listed in genesis: no predictions", me);
            warnedNotListed = true;
            return this;
        }
        if (outstandingNonce >= 0) {
            long next = head.state().account(me).nextNonce();
            if (next > outstandingNonce || head.height() - outstandingSince > COMMIT_PATIENCE_BLOCKS) outstandingNonce = -1;
        }
        if (!busy && outstandingNonce < 0) next();
        return this;
    }

    /** Milestones of {@code a} passed at the head's time. */
    private int passed(AuctionState a) {
        double fraction = fraction(a, head.timeMs());
        int k = 0;
        for (double m : settings.milestones()) if (fraction >= m) k++;
        return k;
    }

    static double fraction(AuctionState a, long nowMs) {
        return (nowMs - a.createdAtMs()) / (double) Math.max(1, a.endTimeMs() - a.createdAtMs());
    }

    /** Starts one prediction for the first auction that is due, if any. */
    private void next() {
        for (ContractInstance c : head.state().contracts()) {
            if (!(c.state() instanceof AuctionState a) || a.status() != AuctionStatus.OPEN || head.timeMs() >= a.endTimeMs()) {
                continue;
            }
            int k = passed(a);
            if (k == 0) continue;
            AuctionPredictions onChain = head.state().predictions(c.id());
            long recorded = onChain == null ? 0 : onChain.countBy(me);
            if (recorded >= k || submitted.getOrDefault(c.id(), 0) >= k || recorded >= AuctionPredictions.MAX_PER_ORACLE) {
                continue;
            }
            busy = true;
            long id = c.id();
            AuctionRecord running = running(id, a);
            double fraction = Math.min(1.0, Math.max(1e-6, fraction(a, head.timeMs())));
            getContext().ask(ModelActor.Reply.class, model,
                    Duration.ofSeconds(10), reply -> new ModelActor.Predict(running, fraction, Duration.ofSeconds(5), reply),
                    (reply, failure) -> new Predicted(id, k, reply, failure));
            return;
        }
    }

    /** An on-chain auction as the predictor sees it: times in days since its creation, the highest bid as price. */
    public static AuctionRecord running(long id, AuctionState a) {
        double duration = Math.max(1, a.endTimeMs() - a.createdAtMs()) / DAY_MS;
        List<BidEvent> bids = new ArrayList<>();
        for (BidRecord b : a.bids().toList()) {
            bids.add(new BidEvent((b.blockTimeMs() - a.createdAtMs()) / DAY_MS, b.amount(), b.bidder().hex()));
        }
        return new AuctionRecord(Long.toString(id), a.item(), duration, a.startPrice(), Double.NaN, bids, false);
    }

    /** The model's prediction in the chain's integers: prices rounded, the interval widened to whole units. */
    public static PredictionRecorded payload(long auctionId, AuctionState a, AuctionPrediction p) {
        long price = Math.max(1, Math.round(p.predictedPrice()));
        long low = Math.min(price, Math.max(0, (long) Math.floor(p.low())));
        long high = Math.max(price, (long) Math.ceil(Math.min(p.high(), 9.0e18)));
        int confidence = (int) Math.max(0, Math.min(PredictionRecorded.MAX_CONFIDENCE_BP, Math.round(p.confidence() * 10_000)));
        return new PredictionRecorded(auctionId, price, low, high, a.endTimeMs(), confidence);
    }

    private Behavior<Command> onPredicted(Predicted m) {
        busy = false;
        if (!(m.reply() instanceof ModelActor.Predicted p)) {
            String why = m.reply() instanceof ModelActor.Refused r ? r.kind() + " " + r.message() : String.valueOf(m.failure());
            getContext().getLog().debug("Oracle: no prediction for auction {} yet ({}); trying again later", m.auctionId(), why);
            return this;
        }
        ContractInstance c = head.state().contract(m.auctionId());
        if (c == null || !(c.state() instanceof AuctionState a)) return this;
        PredictionRecorded payload;
        try {
            payload = payload(m.auctionId(), a, p.prediction());
        } catch (IllegalArgumentException e) {
            getContext().getLog().warn("Oracle: prediction for auction {} not recordable: {}", m.auctionId(), e.getMessage());
            submitted.put(m.auctionId(), m.milestones());
            return this;
        }
        long nonce = head.state().account(me).nextNonce();
        Transaction tx = Transaction.sign(new TxBody(chainId, settings.key().publicKey(), nonce, settings.fee(), payload, ""),
                settings.key());
        submitted.put(m.auctionId(), m.milestones());
        outstandingNonce = nonce;
        outstandingSince = head.height();
        long id = m.auctionId();
        getContext().ask(MempoolActor.SubmitResult.class, mempool, Duration.ofSeconds(10),
                reply -> new MempoolActor.Submit(tx.encoded(), reply),
                (result, failure) -> new Submitted(id, result));
        getContext().getLog().info("Oracle: auction {} milestone {}: predicted {} [{}, {}], confidence {} bp", id,
                m.milestones(), payload.predictedPrice(), payload.low(), payload.high(), payload.confidenceBp());
        return this;
    }

    private Behavior<Command> onSubmitted(Submitted m) {
        if (m.result() == null || !m.result().accepted()) {
            getContext().getLog().warn("Oracle: prediction for auction {} not admitted: {}", m.auctionId(),
                    m.result() == null ? "no answer" : m.result().code() + " " + m.result().message());
            outstandingNonce = -1;
        }
        return this;
    }
}
