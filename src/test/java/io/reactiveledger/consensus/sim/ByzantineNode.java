package io.reactiveledger.consensus.sim;

import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/**
 * A test-only faulty validator: it follows the protocol's state but equivocates on everything it
 * sends. Each proposal goes out as two different signed blocks, one to the even-numbered peers and one
 * to the odd-numbered ones, and each vote as two conflicting signed votes split the same way. One
 * "witness" peer receives both versions, so honest nodes can detect and record the equivocation.
 */
final class ByzantineNode extends SimNode {
    private final int witness;
    private final java.util.Map<String, Hash> twins = new java.util.HashMap<>();

    ByzantineNode(SimNetwork net, int index, int witness) {
        super(net, index);
        this.witness = witness;
    }

    @Override
    void sendProposal(Proposal p) {
        BlockHeader h = p.block().header();
        Block other = new Block(new BlockHeader(h.chainId(), h.height(), h.timeMs() + 1, h.previousHash(), h.txRoot(),
                h.stateRoot(), h.proposer(), h.validatorSetHash()), p.block().transactions());
        Proposal twin = new Proposal(p.height(), p.round(), p.polRound(), other, p.proposer(),
                key.sign(Proposal.signBytes(SimNetwork.CHAIN, p.height(), p.round(), p.polRound(), other.hash())));
        twins.put(p.height() + "/" + p.round(), other.hash());
        split(p, twin);
    }

    @Override
    boolean relayOnce() {
        return false;
    }

    @Override
    void sendVote(Vote v) {
        // Vote for the twin block where it proposed one; otherwise flip between nil and a block.
        Hash twinBlock = twins.get(v.height() + "/" + v.round());
        Hash otherHash = twinBlock != null && !twinBlock.equals(v.blockHash()) ? twinBlock
                : v.blockHash() == null ? Sha256.hash(("evil-" + v.height() + "/" + v.round()).getBytes()) : null;
        Vote twin = new Vote(v.type(), v.height(), v.round(), otherHash, v.validator(),
                key.sign(VoteSignBytes.of(SimNetwork.CHAIN, v.type(), v.height(), v.round(), otherHash)));
        split(v, twin);
    }

    private void split(Object a, Object b) {
        for (int to = 0; to < net.nodes.size(); to++) {
            if (to == index) continue;
            if (to == witness) {
                net.send(index, to, a);
                net.send(index, to, b);
            } else {
                net.send(index, to, to % 2 == 0 ? a : b);
            }
        }
    }
}
