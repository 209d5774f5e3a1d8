package io.reactiveledger.core.contract;

import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;

/** What a contract may know about the call: the instance, the sender, the block and the transaction. */
public record CallContext(long contractId, Address sender, long height, long blockTimeMs, Hash txHash) {
}
