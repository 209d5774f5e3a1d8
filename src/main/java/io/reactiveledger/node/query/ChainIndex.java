package io.reactiveledger.node.query;

import com.typesafe.config.Config;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The read model behind the HTTP API: transaction hash → (height, index), the receipts of recent blocks,
 * each validator's last signed height, and waiters for a transaction or a height. Built at start by
 * paging {@link ChainStore.GetBlocks} from height 1, then fed by {@link ConsensusActor.Subscribe}; blocks
 * are indexed strictly in height order (live blocks that arrive ahead of the paging are held until the
 * paging reaches them), so "indexed up to H" always means every block 1..H is in the index.
 *
 * <p>Memory: the tx-hash map costs about 142 bytes of heap per committed transaction (measured with
 * compressed oops: the 32-byte hash and its object, the location record, the map node and slot), i.e. about
 * 1 GiB per 7.5 million transactions. {@link Settings#txHashBlocks()} &gt; 0 bounds it to the transactions of
 * the last that many blocks; a hash pruned from the window is answered as not found (its block stays
 * readable from the chain store).
 * Local only: none of its messages cross the network.
 */
public final class ChainIndex extends AbstractBehavior<ChainIndex.Command> {
    public interface Command {
    }

    /** Where a committed transaction is. */
    public record TxLocation(Hash txHash, long height, int index) {
    }

    /** {@code location} null when not (yet) committed; {@code receipt} null when no longer cached here. */
    public record TxFound(TxLocation location, Receipt receipt) {
    }

    public record FindTx(Hash txHash, ActorRef<TxFound> replyTo) implements Command {
    }

    /** Answered once the transaction is indexed, or with a null location after {@code maxWait}. */
    public record AwaitTx(Hash txHash, Duration maxWait, ActorRef<TxFound> replyTo) implements Command {
    }

    /** Answered once blocks up to {@code height} are indexed, or after {@code maxWait} with what is indexed then. */
    public record AwaitHeight(long height, Duration maxWait, ActorRef<Indexed> replyTo) implements Command {
    }

    public record Indexed(long height) {
    }

    /** The receipts cached for a block, null when not cached. */
    public record GetReceipts(long height, ActorRef<ReceiptsAt> replyTo) implements Command {
    }

    public record ReceiptsAt(long height, List<Receipt> receipts) {
    }

    public record GetInfo(ActorRef<Info> replyTo) implements Command {
    }

    /**
     * @param caughtUp   the start-up paging of the chain store has finished
     * @param lastSigned validator address → the highest height whose commit certificate it signed
     */
    public record Info(long indexedHeight, boolean caughtUp, Map<Address, Long> lastSigned) {
    }

    /** Called on the index's thread for every block indexed, in height order. */
    public interface Listener {
        void onIndexed(CommittedBlock block, List<Receipt> receipts, boolean live);
    }

    /**
     * @param txHashBlocks keep the tx hashes of only the last this many blocks; 0 keeps every block's
     *                     ({@code ledger.http.tx-index-blocks})
     */
    public record Settings(int maxReceiptBlocks, int maxWaiters, Duration tick, long txHashBlocks) {
        public Settings {
            if (txHashBlocks < 0) throw new IllegalArgumentException("tx-index-blocks must not be negative");
        }

        public static Settings defaults() {
            return new Settings(10_000, 10_000, Duration.ofMillis(100), 0);
        }

        /** The defaults with {@code ledger.http.tx-index-blocks} when set. */
        public static Settings fromConfig(Config config) {
            Settings d = defaults();
            String path = "ledger.http.tx-index-blocks";
            return config.hasPath(path) ? new Settings(d.maxReceiptBlocks, d.maxWaiters, d.tick, config.getLong(path)) : d;
        }
    }

    /** The tx hashes of one indexed non-empty block, while it is inside the window. */
    private record BlockTxs(long height, List<Hash> hashes) {
    }

    private record Live(ConsensusActor.Committed committed) implements Command {
    }

    private record Page(ChainStore.Blocks blocks) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record Waiter<T>(long deadlineNanos, ActorRef<T> replyTo) {
    }

    private static final int PAGE = 50;

    public static Behavior<Command> create(ActorRef<ChainStore.Command> chainStore,
                                           ActorRef<ConsensusActor.Command> consensus, Settings settings,
                                           Listener listener) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new ChainIndex(ctx, timers, chainStore, consensus, settings, listener)));
    }

    private final ActorRef<ChainStore.Command> chainStore;
    private final ActorRef<ChainStore.Blocks> pageAdapter;
    private final Settings settings;
    private final Listener listener;

    private long indexed;
    private boolean paging;
    private boolean caughtUp;
    private final Map<Hash, TxLocation> txs = new HashMap<>();
    /** With a tx-hash window: the indexed non-empty blocks inside it, oldest first. */
    private final ArrayDeque<BlockTxs> txWindow = new ArrayDeque<>();
    /** Receipts of the most recent non-empty blocks, by height (oldest dropped first). */
    private final TreeMap<Long, List<Receipt>> receipts = new TreeMap<>();
    /** Live blocks above the next height to index, waiting for the paging to reach them. */
    private final TreeMap<Long, ConsensusActor.Committed> ahead = new TreeMap<>();
    private final Map<Address, Long> lastSigned = new HashMap<>();
    private final Map<Hash, List<Waiter<TxFound>>> txWaiters = new HashMap<>();
    private final TreeMap<Long, List<Waiter<Indexed>>> heightWaiters = new TreeMap<>();
    private int waiterCount;

    private ChainIndex(ActorContext<Command> ctx, TimerScheduler<Command> timers,
                       ActorRef<ChainStore.Command> chainStore, ActorRef<ConsensusActor.Command> consensus,
                       Settings settings, Listener listener) {
        super(ctx);
        this.chainStore = chainStore;
        this.settings = settings;
        this.listener = listener;
        this.pageAdapter = ctx.messageAdapter(ChainStore.Blocks.class, Page::new);
        consensus.tell(new ConsensusActor.Subscribe(ctx.messageAdapter(ConsensusActor.Committed.class, Live::new)));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.tick());
        requestPage();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Live.class, this::onLive)
                .onMessage(Page.class, this::onPage)
                .onMessage(FindTx.class, m -> {
                    m.replyTo().tell(found(m.txHash()));
                    return this;
                })
                .onMessage(AwaitTx.class, this::onAwaitTx)
                .onMessage(AwaitHeight.class, this::onAwaitHeight)
                .onMessage(GetReceipts.class, m -> {
                    m.replyTo().tell(new ReceiptsAt(m.height(), receipts.get(m.height())));
                    return this;
                })
                .onMessage(GetInfo.class, m -> {
                    m.replyTo().tell(new Info(indexed, caughtUp, Map.copyOf(lastSigned)));
                    return this;
                })
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    private void requestPage() {
        paging = true;
        chainStore.tell(new ChainStore.GetBlocks(indexed + 1, PAGE, pageAdapter));
    }

    private Behavior<Command> onLive(Live m) {
        long h = m.committed().block().block().height();
        if (h == indexed + 1) {
            index(m.committed().block(), m.committed().receipts(), true);
            drainAhead();
        } else if (h > indexed + 1) {
            ahead.put(h, m.committed());
            if (!paging) requestPage();
        }
        return this;
    }

    private Behavior<Command> onPage(Page m) {
        List<byte[]> page = m.blocks().committedBlocks();
        for (byte[] bytes : page) {
            CommittedBlock cb;
            try {
                cb = CommittedBlock.decode(bytes);
            } catch (DecodeException e) {
                getContext().getLog().error("chain store returned an undecodable block: {}", e.getMessage());
                break;
            }
            if (cb.block().height() != indexed + 1) continue;
            ConsensusActor.Committed live = ahead.remove(cb.block().height());
            index(cb, live != null ? live.receipts() : List.of(), live != null);
        }
        drainAhead();
        if (page.isEmpty()) { // the store has nothing above what is indexed; live blocks take over
            paging = false;
            caughtUp = true;
        } else {
            requestPage();
        }
        return this;
    }

    private void drainAhead() {
        while (!ahead.isEmpty() && ahead.firstKey() <= indexed + 1) {
            ConsensusActor.Committed c = ahead.pollFirstEntry().getValue();
            if (c.block().block().height() == indexed + 1) index(c.block(), c.receipts(), true);
        }
    }

    private void index(CommittedBlock cb, List<Receipt> blockReceipts, boolean live) {
        long h = cb.block().height();
        List<Hash> hashes = cb.block().txHashes();
        for (int i = 0; i < hashes.size(); i++) txs.put(hashes.get(i), new TxLocation(hashes.get(i), h, i));
        pruneTxHashes(h, hashes);
        if (!blockReceipts.isEmpty()) {
            receipts.put(h, List.copyOf(blockReceipts));
            while (receipts.size() > settings.maxReceiptBlocks()) receipts.pollFirstEntry();
        }
        for (CommitSignature s : cb.certificate().signatures()) lastSigned.merge(s.validator(), h, Math::max);
        indexed = h;
        if (listener != null) {
            try {
                listener.onIndexed(cb, blockReceipts, live);
            } catch (RuntimeException e) {
                getContext().getLog().warn("index listener failed: {}", e.toString());
            }
        }
        for (Hash tx : hashes) {
            List<Waiter<TxFound>> ws = txWaiters.remove(tx);
            if (ws == null) continue;
            TxFound f = found(tx);
            for (Waiter<TxFound> w : ws) w.replyTo().tell(f);
            waiterCount -= ws.size();
        }
        while (!heightWaiters.isEmpty() && heightWaiters.firstKey() <= h) {
            List<Waiter<Indexed>> ws = heightWaiters.pollFirstEntry().getValue();
            for (Waiter<Indexed> w : ws) w.replyTo().tell(new Indexed(h));
            waiterCount -= ws.size();
        }
    }

    /** With a window of W blocks, forgets the tx hashes of blocks at or below {@code height - W}. */
    private void pruneTxHashes(long height, List<Hash> hashes) {
        long window = settings.txHashBlocks();
        if (window == 0) return;
        if (!hashes.isEmpty()) txWindow.addLast(new BlockTxs(height, hashes));
        while (!txWindow.isEmpty() && txWindow.peekFirst().height() <= height - window) {
            BlockTxs old = txWindow.pollFirst();
            for (Hash tx : old.hashes()) {
                TxLocation loc = txs.get(tx);
                if (loc != null && loc.height() == old.height()) txs.remove(tx);
            }
        }
    }

    private TxFound found(Hash tx) {
        TxLocation loc = txs.get(tx);
        if (loc == null) return new TxFound(null, null);
        List<Receipt> rs = receipts.get(loc.height());
        Receipt r = rs != null && loc.index() < rs.size() && rs.get(loc.index()).txHash().equals(tx) ? rs.get(loc.index()) : null;
        return new TxFound(loc, r);
    }

    private Behavior<Command> onAwaitTx(AwaitTx m) {
        TxFound f = found(m.txHash());
        if (f.location() != null || m.maxWait().isZero() || m.maxWait().isNegative() || waiterCount >= settings.maxWaiters()) {
            m.replyTo().tell(f);
        } else {
            txWaiters.computeIfAbsent(m.txHash(), k -> new ArrayList<>()).add(new Waiter<>(deadline(m.maxWait()), m.replyTo()));
            waiterCount++;
        }
        return this;
    }

    private Behavior<Command> onAwaitHeight(AwaitHeight m) {
        if (indexed >= m.height() || m.maxWait().isZero() || m.maxWait().isNegative() || waiterCount >= settings.maxWaiters()) {
            m.replyTo().tell(new Indexed(indexed));
        } else {
            heightWaiters.computeIfAbsent(m.height(), k -> new ArrayList<>()).add(new Waiter<>(deadline(m.maxWait()), m.replyTo()));
            waiterCount++;
        }
        return this;
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    private Behavior<Command> onTick() {
        if (waiterCount == 0) return this;
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Hash, List<Waiter<TxFound>>>> it = txWaiters.entrySet().iterator(); it.hasNext(); ) {
            List<Waiter<TxFound>> ws = it.next().getValue();
            waiterCount -= expire(ws, now, new TxFound(null, null));
            if (ws.isEmpty()) it.remove();
        }
        for (Iterator<Map.Entry<Long, List<Waiter<Indexed>>>> it = heightWaiters.entrySet().iterator(); it.hasNext(); ) {
            List<Waiter<Indexed>> ws = it.next().getValue();
            waiterCount -= expire(ws, now, new Indexed(indexed));
            if (ws.isEmpty()) it.remove();
        }
        return this;
    }

    private static <T> int expire(List<Waiter<T>> ws, long now, T answer) {
        int n = 0;
        for (Iterator<Waiter<T>> it = ws.iterator(); it.hasNext(); ) {
            Waiter<T> w = it.next();
            if (now - w.deadlineNanos() >= 0) {
                w.replyTo().tell(answer);
                it.remove();
                n++;
            }
        }
        return n;
    }
}
