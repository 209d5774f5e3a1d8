package io.reactiveledger.llm;

import com.typesafe.config.Config;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.tx.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A validator's policy on peers' proposals ({@code ledger.llm.proposals}): whether to ask the model, the
 * deadline of the request, the scorer's policy with its reject threshold, and what to do when the model does
 * not answer in time (fail-open: rule-based signals alone; fail-closed: refuse). Pure: verdicts only.
 */
public record ProposalScreening(boolean enabled, Duration deadline, ProposalScorer.Policy policy, boolean trimOwn) {

    /** With {@code trimOwn}: this validator, as proposer, leaves out what its peers' screening would refuse. */
    public ProposalScreening(boolean enabled, Duration deadline, ProposalScorer.Policy policy) {
        this(enabled, deadline, policy, true);
    }

    public static ProposalScreening fromConfig(Config config) {
        Config c = config.getConfig(ModelSettings.CONFIG_PATH + ".proposals");
        ProposalScorer.Policy d = ProposalScorer.Policy.defaults();
        ProposalScorer.Policy p = new ProposalScorer.Policy(c.getDouble("reject-threshold"), d.semanticWeight(),
                d.semanticShare(), d.feeOutlierFactor(), d.floodMinTxs(), d.floodShare(),
                c.getDuration("censor-age").toMillis(), c.getDuration("arrival-grace").toMillis(),
                c.getBoolean("fail-closed"));
        return new ProposalScreening(c.getBoolean("score-proposals"), c.getDuration("score-deadline"), p,
                c.getBoolean("trim-own-proposals"));
    }

    /** Empty to accept, else the reason to prevote nil. */
    public Optional<String> verdict(ProposalScore score) {
        if (!score.reaches(policy.rejectThreshold())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "policy: risk score %.2f >= %.2f (%s): %s", score.score(),
                policy.rejectThreshold(), score.semanticUsed() ? "model and rules" : "rules only",
                String.join("; ", score.reasons())));
    }

    /** The model did not answer ({@code why}): fail-closed refuses, fail-open decides on the rules alone. */
    public Optional<String> withoutModel(String why, List<Transaction> txs, Address proposer, MempoolView view) {
        if (policy.failClosed()) {
            return Optional.of("policy: model did not answer (" + why + "), fail-closed");
        }
        return verdict(new ProposalScorer(policy).score(txs, proposer, view));
    }
}
