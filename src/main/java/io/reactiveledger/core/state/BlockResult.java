package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.util.List;

/** What applying a block produced: the next state, one receipt per transaction, and the state root. */
public record BlockResult(WorldState state, List<Receipt> receipts, Hash stateRoot) {
    public BlockResult {
        receipts = List.copyOf(receipts);
    }

    /** SHA-256 over the canonical receipt encodings, for comparing executions byte for byte. */
    public Hash receiptsHash() {
        ByteWriter w = new ByteWriter(receipts.size() * 128 + 8);
        for (Receipt r : receipts) r.writeTo(w);
        return Sha256.hash(w.toByteArray());
    }
}
