package io.reactiveledger.llm;

import java.util.List;

/**
 * A proposal's risk in [0, 1] with the signals it was combined from and human-readable reasons.
 *
 * @param semanticUsed false when the model was not consulted (rule-only decision)
 */
public record ProposalScore(double score, boolean semanticUsed, List<Signal> signals, List<String> reasons) {
    public ProposalScore {
        signals = List.copyOf(signals);
        reasons = List.copyOf(reasons);
    }

    public boolean reaches(double threshold) {
        return score >= threshold;
    }

    public record Signal(String name, double value) {
    }
}
