package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.contract.ContractState;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/** A deployed contract: its id, its type's name, the coins it holds in escrow and its state. */
public record ContractInstance(long id, String type, long balance, ContractState state) implements Committed {
    public ContractInstance {
        if (balance < 0) throw new IllegalStateException("contract balance must never be negative: " + id);
    }

    @Override
    public Hash commitment() {
        return Sha256.tagged(0x11, new ByteWriter(128).u64(id).utf8_16(type).u64(balance)
                .bytes(state.commitment().bytes()).toByteArray());
    }
}
