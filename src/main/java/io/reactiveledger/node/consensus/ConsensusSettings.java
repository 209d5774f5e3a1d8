package io.reactiveledger.node.consensus;

import com.typesafe.config.Config;
import io.reactiveledger.consensus.statemachine.ConsensusParams;
import io.reactiveledger.consensus.validation.BlockLimits;
import java.time.Duration;

/**
 * Consensus settings of a node, from {@code ledger.consensus} (see ledger.conf for defaults).
 *
 * @param emptyBlockInterval an idle chain makes an empty block at most this often
 * @param gossipInterval     how often the messages that matter for the current height are re-sent
 * @param maxHeightsAhead    messages for heights further ahead are dropped
 * @param maxBufferedPerPeer at most this many future-height messages are buffered per validator
 */
public record ConsensusSettings(ConsensusParams params, BlockLimits limits, Duration emptyBlockInterval,
                                Duration gossipInterval, int maxHeightsAhead, int maxBufferedPerPeer) {

    public static ConsensusSettings from(Config c) {
        Config t = c.getConfig("timeouts");
        ConsensusParams params = new ConsensusParams(t.getDuration("propose"), t.getDuration("propose-delta"),
                t.getDuration("prevote"), t.getDuration("prevote-delta"), t.getDuration("precommit"),
                t.getDuration("precommit-delta"), c.getInt("max-rounds-ahead"));
        BlockLimits limits = new BlockLimits(c.getInt("max-block-txs"), c.getBytes("max-block-bytes"),
                c.getDuration("max-clock-skew"));
        return new ConsensusSettings(params, limits, c.getDuration("empty-block-interval"),
                c.getDuration("gossip-interval"), c.getInt("max-heights-ahead"), c.getInt("max-buffered-per-peer"));
    }
}
