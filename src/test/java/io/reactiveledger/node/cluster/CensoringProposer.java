package io.reactiveledger.node.cluster;

import io.reactiveledger.consensus.messages.ConsensusCodec;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.consensus.statemachine.ProposerSelection;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Test-only Byzantine validator in a real cluster: at height 1 it proposes, whenever it is the round's proposer,
 * a valid block of the transactions {@code candidates} gives it, from which the test left some out (a censor).
 * It prevotes and precommits nil in every round it sees, so that with two honest validators rounds advance (2f+1
 * votes of any kind) while nothing commits. Its blocks execute correctly: only the validators' screening can
 * refuse them.
 */
final class CensoringProposer {
    private record Peers(Set<ActorRef<ConsensusActor.Command>> peers) implements ConsensusActor.Command {
    }

    private final KeyPair key;
    private final Genesis genesis;
    private final Supplier<List<Transaction>> candidates;
    private final StateTransition transition = new StateTransition(ContractRegistry.standard(), Transaction::verifySignature);
    /** Each round's proposal, built once (a second, different one would be equivocation) and sent again on demand. */
    private final java.util.Map<Integer, ConsensusActor.PeerProposal> proposed = new java.util.HashMap<>();
    private Set<ActorRef<ConsensusActor.Command>> peers = Set.of();

    private CensoringProposer(KeyPair key, Genesis genesis, Supplier<List<Transaction>> candidates) {
        this.key = key;
        this.genesis = genesis;
        this.candidates = candidates;
    }

    static Behavior<ConsensusActor.Command> create(KeyPair key, Genesis genesis, Supplier<List<Transaction>> candidates) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(ConsensusActor.SERVICE_KEY, ctx.getSelf()));
            ActorRef<Receptionist.Listing> adapter = ctx.messageAdapter(Receptionist.Listing.class,
                    l -> new Peers(new HashSet<>(l.getServiceInstances(ConsensusActor.SERVICE_KEY))));
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(ConsensusActor.SERVICE_KEY, adapter));
            return new CensoringProposer(key, genesis, candidates).behavior(ctx);
        });
    }

    private Behavior<ConsensusActor.Command> behavior(ActorContext<ConsensusActor.Command> ctx) {
        return Behaviors.receive(ConsensusActor.Command.class)
                .onMessage(Peers.class, m -> {
                    Set<ActorRef<ConsensusActor.Command>> p = new HashSet<>(m.peers());
                    p.remove(ctx.getSelf());
                    peers = p;
                    return Behaviors.same();
                })
                .onMessage(ConsensusActor.PeerVote.class, m -> {
                    Vote v = ConsensusCodec.decodeVote(m.vote());
                    // propose for this round and the next when they are ours (honest nodes keep future-round proposals)
                    // every time (its peers may not have been known the first time; duplicates are ignored)
                    send(vote(VoteType.PREVOTE, v.height(), v.round()));
                    send(vote(VoteType.PRECOMMIT, v.height(), v.round()));
                    if (v.height() == 1) {
                        for (int r = v.round(); r <= v.round() + 1; r++) maybePropose(r);
                    }
                    return Behaviors.same();
                })
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }

    private void maybePropose(int round) {
        if (!ProposerSelection.proposer(genesis.validators(), 1, round).address().equals(key.address())) return;
        ConsensusActor.PeerProposal built = proposed.get(round);
        if (built != null) {
            send(built);
            return;
        }
        long time = Math.max(System.currentTimeMillis(), genesis.genesisTimeMs() + 1);
        Block block = transition.build(genesis.state(), new BlockContext(genesis.chainId(), 1, time, key.address()),
                genesis.hash(), genesis.validators().hash(), candidates.get()).block();
        Proposal p = new Proposal(1, round, -1, block, key.address(),
                key.sign(Proposal.signBytes(genesis.chainId(), 1, round, -1, block.hash())));
        built = new ConsensusActor.PeerProposal(ConsensusCodec.encode(p));
        proposed.put(round, built);
        send(built);
    }

    private ConsensusActor.PeerVote vote(VoteType type, long h, int r) {
        Vote v = new Vote(type, h, r, null, key.address(), key.sign(VoteSignBytes.of(genesis.chainId(), type, h, r, null)));
        return new ConsensusActor.PeerVote(ConsensusCodec.encode(v));
    }

    private void send(ConsensusActor.Command msg) {
        for (ActorRef<ConsensusActor.Command> peer : peers) peer.tell(msg);
    }
}
