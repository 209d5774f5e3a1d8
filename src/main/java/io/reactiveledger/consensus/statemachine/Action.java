package io.reactiveledger.consensus.statemachine;

import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.consensus.messages.Proposal;
import io.reactiveledger.consensus.messages.Vote;
import io.reactiveledger.core.block.CommittedBlock;
import java.time.Duration;

/** What the state machine asks its driver to do. The driver performs them in order. */
public sealed interface Action {
    /** Send a signed proposal to every peer (the machine has already counted it itself). */
    record BroadcastProposal(Proposal proposal) implements Action {
    }

    /** Send a signed vote to every peer (the machine has already counted it itself). */
    record BroadcastVote(Vote vote) implements Action {
    }

    /** Deliver {@code timeout} back to the machine after {@code delay}. */
    record ScheduleTimeout(Timeout timeout, Duration delay) implements Action {
    }

    /** Build a block to propose at (height, round) and hand it to {@code HeightStateMachine.onValue}. */
    record RequestValue(long height, int round) implements Action {
    }

    /** The height is decided: persist the block with its certificate, apply it, move to the next height. */
    record Decide(CommittedBlock block, int round) implements Action {
    }

    /** A validator equivocated; keep the evidence. */
    record RecordEvidence(Evidence evidence) implements Action {
    }

    /** A prevote for nil was cast on a proposal the validator judged invalid, with the reason. */
    record RejectedProposal(long height, int round, String reason) implements Action {
    }
}
