package io.reactiveledger.replay;

import java.util.Optional;

/**
 * A further check on each block after re-execution (the persisted receipts today; the contract
 * instances' journals later). Runs sequentially, in height order, on the replay's applying thread.
 */
public interface BlockCheck {
    Optional<ReplayFailure> check(VerifiedBlock block);
}
