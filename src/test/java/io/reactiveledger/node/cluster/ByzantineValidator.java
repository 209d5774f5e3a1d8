package io.reactiveledger.node.cluster;

import io.reactiveledger.consensus.messages.ConsensusCodec;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.statemachine.ProposerSelection;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.MerkleTree;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Test-only faulty validator in a real cluster. It registers as a consensus peer with a genuine
 * validator key and equivocates: for every proposal it sees it sends a prevote and a precommit for the
 * block to half of its peers and nil to the others; when it is the proposer it sends two different,
 * individually valid empty blocks to different peers and votes for each on its side. The first peer
 * (by address order) receives both versions of everything, so it can record the evidence.
 */
final class ByzantineValidator {
    private record Peers(Set<ActorRef<ConsensusActor.Command>> peers) implements ConsensusActor.Command {
    }

    private record Parent(long height, int round, CommittedBlock previous) implements ConsensusActor.Command {
    }

    private final ActorContext<ConsensusActor.Command> ctx;
    private final KeyPair key;
    private final Genesis genesis;
    private final ActorRef<ChainStore.Command> honestStore;
    private List<ActorRef<ConsensusActor.Command>> peers = List.of();
    private final Set<String> handled = new HashSet<>();

    private ByzantineValidator(ActorContext<ConsensusActor.Command> ctx, KeyPair key, Genesis genesis,
                               ActorRef<ChainStore.Command> honestStore) {
        this.ctx = ctx;
        this.key = key;
        this.genesis = genesis;
        this.honestStore = honestStore;
    }

    static Behavior<ConsensusActor.Command> create(KeyPair key, Genesis genesis, ActorRef<ChainStore.Command> honestStore) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(ConsensusActor.SERVICE_KEY, ctx.getSelf()));
            ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class,
                    l -> new Peers(new HashSet<>(l.getServiceInstances(ConsensusActor.SERVICE_KEY))));
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(ConsensusActor.SERVICE_KEY, adapter));
            return new ByzantineValidator(ctx, key, genesis, honestStore).behavior();
        });
    }

    private Behavior<ConsensusActor.Command> behavior() {
        return Behaviors.receive(ConsensusActor.Command.class)
                .onMessage(Peers.class, m -> {
                    List<ActorRef<ConsensusActor.Command>> l = new ArrayList<>(m.peers());
                    l.remove(ctx.getSelf());
                    l.sort(Comparator.comparing(r -> r.path().toString()));
                    peers = l;
                    return Behaviors.same();
                })
                .onMessage(ConsensusActor.PeerProposal.class, m -> {
                    Proposal p = ConsensusCodec.decodeProposal(m.proposal());
                    if (handled.add("p" + p.height() + "/" + p.round())) {
                        split(vote(VoteType.PREVOTE, p.height(), p.round(), p.blockHash()), vote(VoteType.PREVOTE, p.height(), p.round(), null));
                        split(vote(VoteType.PRECOMMIT, p.height(), p.round(), p.blockHash()), vote(VoteType.PRECOMMIT, p.height(), p.round(), null));
                    }
                    return Behaviors.same();
                })
                .onMessage(ConsensusActor.PeerVote.class, m -> {
                    Vote v = ConsensusCodec.decodeVote(m.vote());
                    boolean mine = ProposerSelection.proposer(genesis.validators(), v.height(), v.round()).address()
                            .equals(key.address());
                    if (mine && handled.add("propose" + v.height() + "/" + v.round())) {
                        long h = v.height();
                        int r = v.round();
                        if (h == 1) {
                            ctx.getSelf().tell(new Parent(h, r, null));
                        } else {
                            ctx.ask(ChainStore.Blocks.class, honestStore, Duration.ofSeconds(5),
                                    reply -> new ChainStore.GetBlocks(h - 1, 1, reply),
                                    (ok, err) -> {
                                        try {
                                            return ok == null || ok.committedBlocks().isEmpty() ? new Parent(h, r, null)
                                                    : new Parent(h, r, CommittedBlock.decode(ok.committedBlocks().get(0)));
                                        } catch (Exception e) {
                                            return new Parent(h, r, null);
                                        }
                                    });
                        }
                    }
                    return Behaviors.same();
                })
                .onMessage(Parent.class, m -> {
                    proposeTwins(m);
                    return Behaviors.same();
                })
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    private void proposeTwins(Parent m) {
        Hash prevHash;
        Hash stateRoot;
        long prevTime;
        if (m.height() == 1) {
            prevHash = genesis.hash();
            stateRoot = genesis.state().root();
            prevTime = genesis.genesisTimeMs();
        } else if (m.previous() != null && m.previous().block().height() == m.height() - 1) {
            BlockHeader ph = m.previous().block().header();
            prevHash = m.previous().block().hash();
            stateRoot = ph.stateRoot(); // an empty block changes nothing (no fees)
            prevTime = ph.timeMs();
        } else {
            return;
        }
        long t = Math.max(System.currentTimeMillis(), prevTime + 1);
        Block a = emptyBlock(m.height(), t, prevHash, stateRoot);
        Block b = emptyBlock(m.height(), t + 1, prevHash, stateRoot);
        split(proposal(m.height(), m.round(), a), proposal(m.height(), m.round(), b));
        split(vote(VoteType.PREVOTE, m.height(), m.round(), a.hash()), vote(VoteType.PREVOTE, m.height(), m.round(), b.hash()));
        split(vote(VoteType.PRECOMMIT, m.height(), m.round(), a.hash()), vote(VoteType.PRECOMMIT, m.height(), m.round(), b.hash()));
    }

    private Block emptyBlock(long height, long time, Hash prev, Hash stateRoot) {
        return new Block(new BlockHeader(genesis.chainId(), height, time, prev, MerkleTree.root(List.of()), stateRoot,
                key.address(), genesis.validators().hash()), List.of());
    }

    private Proposal proposal(long h, int r, Block block) {
        return new Proposal(h, r, -1, block, key.address(),
                key.sign(Proposal.signBytes(genesis.chainId(), h, r, -1, block.hash())));
    }

    private Vote vote(VoteType type, long h, int r, Hash hash) {
        return new Vote(type, h, r, hash, key.address(), key.sign(VoteSignBytes.of(genesis.chainId(), type, h, r, hash)));
    }

    /** {@code a} to peers 0 and 1, {@code b} to the rest, and both to peer 0 (the witness). */
    private void split(Object a, Object b) {
        for (int i = 0; i < peers.size(); i++) {
            if (i == 0 || i == 1) send(peers.get(i), a);
            if (i != 1) send(peers.get(i), b);
        }
    }

    private static void send(ActorRef<ConsensusActor.Command> to, Object m) {
        to.tell(m instanceof Proposal p ? new ConsensusActor.PeerProposal(ConsensusCodec.encode(p))
                : new ConsensusActor.PeerVote(ConsensusCodec.encode((Vote) m)));
    }
}
