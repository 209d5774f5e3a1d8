package io.reactiveledger.node.contract;

import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.state.ContractInstance;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.tx.Payload;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * The parent of the {@link ContractActor}s: one child per deployed contract. It subscribes to the chain
 * store, so it hears of each block only once the block is durable, and routes each contract's successful
 * calls of the block, in block order, to that contract's instance (different contracts' instances run in
 * parallel), with the committed world state's commitment of the contract to check against.
 *
 * <p>On start it spawns an instance for every contract in the head's world state. An instance whose
 * journal is empty adopts the committed state; one whose state differs from the committed one (its
 * journal is behind) catches up from the committed blocks after its last applied height, read from the
 * chain store in ranges of {@value #CATCH_UP_BATCH} blocks. Blocks committed meanwhile wait in a stash and are
 * routed after the catch-up.
 */
public final class ContractInstances {
    public interface Command {
    }

    /** The view of contract {@code contractId}; a view with {@code exists() == false} when there is none. */
    public record GetContract(long contractId, ActorRef<ContractActor.StateView> replyTo) implements Command {
    }

    private record FromChain(ChainStore.ChainEvent event) implements Command {
    }

    private record Viewed(ContractActor.StateView view) implements Command {
    }

    private record CatchUpBlocks(ChainStore.BlockRange range) implements Command {
    }

    /** An instance did not answer at start-up (e.g. its journal failed to replay): it is left out. */
    private record ViewFailed(long contractId, Throwable error) implements Command {
    }

    /** How long an instance may take to recover from its journal at start-up. */
    static final java.time.Duration RECOVERY_TIMEOUT = java.time.Duration.ofMinutes(2);

    static final int STASH_CAPACITY = 100_000;

    /** Blocks asked for per {@link ChainStore.GetBlockRange} during catch-up (the store answers at most 50). */
    static final int CATCH_UP_BATCH = 50;

    private final ActorContext<Command> ctx;
    private final StashBuffer<Command> stash;
    private final String node;
    private final String chainId;
    private final ActorRef<ChainStore.Command> chain;
    private final ContractRegistry registry;
    private final Map<Long, ActorRef<ContractActor.Command>> instances = new HashMap<>();
    private final ActorRef<ChainStore.BlockRange> rangeAdapter;

    // start-up
    private ChainHead startHead;
    private int pendingViews;
    private final Set<Long> behind = new HashSet<>();
    private long catchUpFrom = Long.MAX_VALUE;
    private long nextCatchUp;

    public static Behavior<Command> create(String node, String chainId, ActorRef<ChainStore.Command> chain,
                                           ContractRegistry registry) {
        return Behaviors.setup(ctx -> Behaviors.withStash(STASH_CAPACITY,
                stash -> new ContractInstances(ctx, stash, node, chainId, chain, registry).starting()));
    }

    private ContractInstances(ActorContext<Command> ctx, StashBuffer<Command> stash, String node, String chainId,
                              ActorRef<ChainStore.Command> chain, ContractRegistry registry) {
        this.ctx = ctx;
        this.stash = stash;
        this.node = node;
        this.chainId = chainId;
        this.chain = chain;
        this.registry = registry;
        this.rangeAdapter = ctx.messageAdapter(ChainStore.BlockRange.class, CatchUpBlocks::new);
        chain.tell(new ChainStore.Subscribe(ctx.messageAdapter(ChainStore.ChainEvent.class, FromChain::new)));
    }

    private Behavior<Command> starting() {
        return Behaviors.receive(Command.class)
                .onMessage(FromChain.class, m -> {
                    if (m.event() instanceof ChainStore.Subscribed sub) return onSubscribed(sub.head());
                    stash.stash(m); // blocks after the head we start from: routed once caught up
                    return Behaviors.same();
                })
                .onMessage(Viewed.class, this::onViewed)
                .onMessage(ViewFailed.class, m -> {
                    ctx.getLog().error("contract instance {} did not recover: {}", m.contractId(), m.error().toString());
                    return viewsDone(--pendingViews);
                })
                .onMessage(CatchUpBlocks.class, this::onCatchUpBlocks)
                .onMessage(GetContract.class, this::onGetContract)
                .build();
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(FromChain.class, m -> {
                    if (m.event() instanceof ChainStore.BlockApplied b) onBlock(b);
                    return Behaviors.same();
                })
                .onMessage(GetContract.class, this::onGetContract)
                .build();
    }

    private Behavior<Command> onGetContract(GetContract m) {
        ActorRef<ContractActor.Command> i = instances.get(m.contractId());
        if (i != null) i.tell(new ContractActor.GetState(m.replyTo()));
        else m.replyTo().tell(new ContractActor.StateView(m.contractId(), null, null, null, 0, 0, List.of()));
        return Behaviors.same();
    }

    // ------------------------------------------------------------------ start-up and catch-up

    private Behavior<Command> onSubscribed(ChainHead head) {
        startHead = head;
        List<ContractInstance> contracts = head.state().contracts();
        pendingViews = contracts.size();
        for (ContractInstance c : contracts) {
            long id = c.id();
            ctx.ask(ContractActor.StateView.class, spawn(id, c.type()), RECOVERY_TIMEOUT, ContractActor.GetState::new,
                    (v, err) -> v != null ? new Viewed(v) : new ViewFailed(id, err));
        }
        ctx.getLog().info("starting {} contract instances at height {}", contracts.size(), head.height());
        return pendingViews == 0 ? goRunning() : Behaviors.same();
    }

    private Behavior<Command> onViewed(Viewed m) {
        ContractActor.StateView v = m.view();
        ContractInstance committed = startHead.state().contract(v.contractId());
        Hash expected = committed.state().commitment();
        ActorRef<ContractActor.Command> instance = instances.get(v.contractId());
        if (!v.exists()) {
            instance.tell(new ContractActor.Adopt(startHead.height(), committed.state(), null));
        } else if (expected.equals(v.stateHash())) {
            instance.tell(new ContractActor.Check(startHead.height(), expected, null));
        } else {
            behind.add(v.contractId());
            catchUpFrom = Math.min(catchUpFrom, v.lastAppliedHeight() + 1);
        }
        return viewsDone(--pendingViews);
    }

    private Behavior<Command> viewsDone(int pending) {
        if (pending > 0) return Behaviors.same();
        if (behind.isEmpty()) return goRunning();
        ctx.getLog().info("{} contract instances behind the chain: catching up from height {} to {}", behind.size(),
                catchUpFrom, startHead.height());
        nextCatchUp = catchUpFrom;
        return requestOrFinishCatchUp();
    }

    private Behavior<Command> requestOrFinishCatchUp() {
        if (nextCatchUp <= startHead.height()) {
            int max = (int) Math.min(CATCH_UP_BATCH, startHead.height() - nextCatchUp + 1);
            chain.tell(new ChainStore.GetBlockRange(nextCatchUp, max, rangeAdapter));
            return Behaviors.same();
        }
        for (long id : behind) {
            instances.get(id).tell(new ContractActor.Check(startHead.height(),
                    startHead.state().contract(id).state().commitment(), null));
        }
        return goRunning();
    }

    private Behavior<Command> onCatchUpBlocks(CatchUpBlocks m) {
        List<ChainStore.BlockAt> blocks = m.range().blocks();
        if (blocks.isEmpty()) return catchUpFailed(nextCatchUp);
        for (ChainStore.BlockAt at : blocks) {
            if (at.height() != nextCatchUp || at.block() == null
                    || at.receipts().size() != at.block().block().transactions().size()) {
                return catchUpFailed(nextCatchUp);
            }
            // Only calls: an instance that is behind was created earlier (its journal is not empty).
            Map<Long, List<ContractActor.Call>> calls = callsOf(at.block(), at.receipts(), -1);
            calls.forEach((id, list) -> {
                if (behind.contains(id)) {
                    instances.get(id).tell(new ContractActor.ApplyCalls(at.height(), at.block().block().header().timeMs(),
                            list, null, null));
                }
            });
            nextCatchUp++;
        }
        return requestOrFinishCatchUp();
    }

    private Behavior<Command> catchUpFailed(long height) {
        ctx.getLog().error("cannot catch contract instances up: block {} (or its receipts) unavailable", height);
        nextCatchUp = Long.MAX_VALUE;
        return goRunning();
    }

    private Behavior<Command> goRunning() {
        return stash.unstashAll(running());
    }

    // ------------------------------------------------------------------ live blocks

    private void onBlock(ChainStore.BlockApplied b) {
        List<Transaction> txs = b.block().block().transactions();
        if (b.receipts().size() != txs.size()) {
            ctx.getLog().error("block {} came without its receipts; contract instances not updated", b.head().height());
            return;
        }
        int creates = 0;
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).payload() instanceof Payload.ContractCreate && b.receipts().get(i).isSuccess()) creates++;
        }
        long firstNewId = b.head().state().meta().nextContractId() - creates;
        Map<Long, List<ContractActor.Call>> calls = callsOf(b.block(), b.receipts(), firstNewId);
        long height = b.head().height();
        calls.forEach((id, list) -> {
            ContractInstance committed = b.head().state().contract(id);
            if (committed == null) {
                ctx.getLog().error("contract {} called at height {} is not in the committed state", id, height);
                return;
            }
            ActorRef<ContractActor.Command> instance = instances.get(id);
            if (instance == null) {
                instance = spawn(id, committed.type());
                if (!(txs.get(list.get(0).txIndex()).payload() instanceof Payload.ContractCreate)) {
                    ctx.getLog().warn("contract {} had no instance before height {}: it adopts the committed state", id, height);
                    instance.tell(new ContractActor.Adopt(height, committed.state(), null));
                    return;
                }
            }
            instance.tell(new ContractActor.ApplyCalls(height, b.block().block().header().timeMs(), list,
                    committed.state().commitment(), null));
        });
    }

    /**
     * The successful contract transactions of a block by contract id, in block order. Creates get the
     * ids the state transition gave them (sequential from {@code firstNewId}); with {@code firstNewId < 0}
     * creates are left out.
     */
    static Map<Long, List<ContractActor.Call>> callsOf(CommittedBlock block, List<Receipt> receipts, long firstNewId) {
        Map<Long, List<ContractActor.Call>> out = new TreeMap<>();
        List<Transaction> txs = block.block().transactions();
        long nextId = firstNewId;
        for (int i = 0; i < txs.size(); i++) {
            if (!receipts.get(i).isSuccess()) continue;
            Payload p = txs.get(i).payload();
            long id;
            if (p instanceof Payload.ContractCreate) {
                if (firstNewId < 0) continue;
                id = nextId++;
            } else if (p instanceof Payload.ContractCall call) {
                id = call.contractId();
            } else {
                continue;
            }
            out.computeIfAbsent(id, k -> new ArrayList<>()).add(new ContractActor.Call(i, txs.get(i)));
        }
        return out;
    }

    private ActorRef<ContractActor.Command> spawn(long id, String type) {
        ActorRef<ContractActor.Command> ref = ctx.spawn(ContractActor.create(
                NodeConfig.persistenceId(node, "contract", chainId + "-" + id), id, type, registry), "contract-" + id);
        instances.put(id, ref);
        return ref;
    }
}
