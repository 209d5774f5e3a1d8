package io.reactiveledger.core.contract;

import io.reactiveledger.core.crypto.Committed;

/** The immutable state of one contract instance; its commitment enters the state root. */
public interface ContractState extends Committed {
}
