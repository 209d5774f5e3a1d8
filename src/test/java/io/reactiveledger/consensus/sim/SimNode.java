package io.reactiveledger.consensus.sim;

import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.signing.PrivValidator;
import io.reactiveledger.consensus.signing.SignGuard;
import io.reactiveledger.consensus.signing.SignRecordStore;
import io.reactiveledger.consensus.statemachine.Action;
import io.reactiveledger.consensus.statemachine.ConsensusContext;
import io.reactiveledger.consensus.statemachine.HeightStateMachine;
import io.reactiveledger.consensus.statemachine.Timeout;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.MerkleTree;
import io.reactiveledger.core.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An honest node in the simulation: a thin driver around {@link HeightStateMachine}, like the actor
 * will be. It keeps committed blocks (its "journal") and its sign record across a crash, buffers a
 * bounded number of messages for future heights, and catches up by asking a peer for committed blocks.
 */
class SimNode {
    static final Hash GENESIS = Sha256.hash("sim-genesis".getBytes());
    static final int MAX_BUFFERED = 2_000;

    record SyncRequest(long fromHeight) {
    }

    record SyncResponse(List<CommittedBlock> blocks) {
    }

    final SimNetwork net;
    final int index;
    final KeyPair key;
    final SignRecordStore signStore = SignRecordStore.inMemory();
    final List<CommittedBlock> chain = new ArrayList<>();
    final List<Evidence> evidence = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();
    private final List<Object> future = new ArrayList<>();
    /** Messages of the current height already relayed once (flooding gossip). */
    private final java.util.Set<Object> relayed = new java.util.HashSet<>();
    static final long GOSSIP_INTERVAL_MS = 500;
    HeightStateMachine machine;
    boolean up = true;
    private long lastSyncAt = -1_000_000;

    SimNode(SimNetwork net, int index) {
        this.net = net;
        this.index = index;
        this.key = net.keys.get(index);
    }

    long height() {
        return chain.size() + 1;
    }

    Hash lastHash() {
        return chain.isEmpty() ? GENESIS : chain.get(chain.size() - 1).block().hash();
    }

    void start() {
        relayed.clear();
        PrivValidator pv = new PrivValidator(key, new SignGuard(signStore), SimNetwork.CHAIN);
        machine = new HeightStateMachine(net.params, context(), height(), pv);
        handle(machine.start());
        List<Object> buffered = new ArrayList<>(future);
        future.clear();
        for (Object m : buffered) deliver(m);
    }

    void crash() {
        up = false;
        machine = null;
        future.clear();
    }

    void restart() {
        up = true;
        start();
    }

    void receive(int from, Object m) {
        if (!up) return;
        if (m instanceof SyncRequest r) {
            List<CommittedBlock> blocks = new ArrayList<>();
            for (long h = r.fromHeight(); h <= chain.size() && blocks.size() < 20; h++) blocks.add(chain.get((int) h - 1));
            if (!blocks.isEmpty()) net.send(index, from, new SyncResponse(blocks));
            return;
        }
        if (m instanceof SyncResponse s) {
            for (CommittedBlock cb : s.blocks()) {
                if (up && cb.block().height() == height()) handle(machine.onCommittedBlock(cb));
            }
            return;
        }
        long h = m instanceof Proposal p ? p.height() : ((Vote) m).height();
        if (h > height()) {
            if (future.size() < MAX_BUFFERED) future.add(m);
            if (net.now - lastSyncAt >= 200) {
                lastSyncAt = net.now;
                net.send(index, from, new SyncRequest(height()));
            }
            return;
        }
        if (h == height()) deliver(m);
    }

    /** Starts the periodic re-gossip of the messages that matter (see HeightStateMachine.gossip). */
    void startGossip() {
        net.at(net.now + GOSSIP_INTERVAL_MS, () -> {
            if (up && machine != null) {
                for (Object m : machine.gossip()) net.broadcast(index, m);
            }
            startGossip();
        });
    }

    /** Proposals seen, by "height/round" (used by the faulty test nodes). */
    final java.util.Map<String, Proposal> proposalsSeen = new java.util.HashMap<>();

    private void deliver(Object m) {
        if (m instanceof Proposal p) proposalsSeen.putIfAbsent(p.height() + "/" + p.round(), p);
        if ((m instanceof Proposal || m instanceof Vote) && relayOnce()) {
            if (relayed.add(m)) net.broadcast(index, m);
        }
        if (m instanceof Proposal p && p.height() == height()) handle(machine.onProposal(p));
        else if (m instanceof Vote v && v.height() == height()) handle(machine.onVote(v));
        else if (m instanceof Proposal || m instanceof Vote) {
            long h = m instanceof Proposal p ? p.height() : ((Vote) m).height();
            if (h > height() && future.size() < MAX_BUFFERED) future.add(m);
        }
    }

    /** Honest nodes relay each message of the current height once; the Byzantine one does not. */
    boolean relayOnce() {
        return true;
    }

    void timeout(Timeout t) {
        if (up && machine != null && t.height() == height()) handle(machine.onTimeout(t));
    }

    void handle(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.BroadcastProposal b) {
                sendProposal(b.proposal());
            } else if (a instanceof Action.BroadcastVote b) {
                sendVote(b.vote());
            } else if (a instanceof Action.ScheduleTimeout s) {
                net.scheduleTimeout(index, s.timeout(), s.delay());
            } else if (a instanceof Action.RequestValue r) {
                handle(machine.onValue(r.height(), r.round(), makeBlock(r.height(), r.round())));
            } else if (a instanceof Action.RecordEvidence e) {
                evidence.add(e.evidence());
            } else if (a instanceof Action.RejectedProposal r) {
                rejections.add(r.reason());
            } else if (a instanceof Action.Decide d) {
                chain.add(d.block());
                start();
                return; // the rest of the old machine's actions are moot
            }
        }
    }

    void sendProposal(Proposal p) {
        proposalsSeen.putIfAbsent(p.height() + "/" + p.round(), p);
        net.broadcast(index, p);
    }

    void sendVote(Vote v) {
        net.broadcast(index, v);
    }

    Block makeBlock(long height, int round) {
        BlockHeader h = new BlockHeader(SimNetwork.CHAIN, height, 1_000_000 + net.now * 10 + round, lastHash(),
                MerkleTree.root(List.of()), Sha256.hash(("state-" + height).getBytes()), key.address(),
                net.validators.hash());
        return new Block(h, List.of());
    }

    ConsensusContext context() {
        long expectedHeight = height();
        Hash previous = lastHash();
        ValidatorSet validators = net.validators;
        return new ConsensusContext() {
            @Override
            public String chainId() {
                return SimNetwork.CHAIN;
            }

            @Override
            public ValidatorSet validators() {
                return validators;
            }

            @Override
            public Optional<String> validate(Block b) {
                BlockHeader h = b.header();
                if (h.height() != expectedHeight) return Optional.of("wrong height");
                if (!h.previousHash().equals(previous)) return Optional.of("wrong previous hash");
                if (validators.get(h.proposer()).isEmpty()) return Optional.of("proposer is not a validator");
                if (!h.validatorSetHash().equals(validators.hash())) return Optional.of("wrong validator set");
                if (!b.txRootMatches()) return Optional.of("tx root mismatch");
                return Optional.empty();
            }
        };
    }
}
