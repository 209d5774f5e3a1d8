package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Committed;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;

/** Chain-wide values inside the state: the chain id, the next contract id and the total supply. */
public record ChainMeta(String chainId, long nextContractId, long totalSupply) implements Committed {
    @Override
    public Hash commitment() {
        return Sha256.tagged(0x12, new ByteWriter(64).ascii8(chainId).u64(nextContractId).u64(totalSupply).toByteArray());
    }
}
