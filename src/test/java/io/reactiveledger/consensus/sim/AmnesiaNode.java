package io.reactiveledger.consensus.sim;

import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.VoteSignBytes;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;

/**
 * A test-only faulty validator for the locking scenario. In round 0 of height 1 it tells one peer (Z)
 * "A" and the others "nil"; from round 1 on it forgets its lock and votes for whatever the current
 * round's proposal is.
 */
final class AmnesiaNode extends SimNode {
    private final int z;
    private final int w;

    AmnesiaNode(SimNetwork net, int index, int z, int w) {
        super(net, index);
        this.z = z;
        this.w = w;
    }

    @Override
    boolean relayOnce() {
        return false;
    }

    @Override
    void sendVote(Vote v) {
        Proposal p = proposalsSeen.get(v.height() + "/" + v.round());
        Hash a = p == null ? null : p.blockHash();
        for (int to = 0; to < net.nodes.size(); to++) {
            if (to == index) continue;
            Hash choice;
            if (v.height() == 1 && v.round() == 0) {
                boolean seesA = to == z || (v.type() == VoteType.PREVOTE && to == w);
                choice = seesA ? a : null;
            } else {
                choice = a != null ? a : v.blockHash();
            }
            net.send(index, to, sign(v, choice));
        }
    }

    private Vote sign(Vote v, Hash hash) {
        return new Vote(v.type(), v.height(), v.round(), hash, v.validator(),
                key.sign(VoteSignBytes.of(SimNetwork.CHAIN, v.type(), v.height(), v.round(), hash)));
    }
}
