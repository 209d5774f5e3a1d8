package io.reactiveledger.node.chain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.state.WorldStateCodec;
import java.util.Objects;

/**
 * The world state inside a {@link ChainStore.Snapshot}, serialized as its {@link WorldStateCodec} bytes. A snapshot
 * taken by the chain store holds the (immutable) state itself and is encoded only when Jackson serializes it, which
 * the snapshot store does on its own dispatcher: a 3.7 MB encoding (100,000 accounts) no longer runs on the chain
 * store's thread between two blocks. One read back from the journal holds the bytes.
 */
public final class EncodedWorldState {
    private final WorldState state;
    private volatile byte[] bytes;

    private EncodedWorldState(WorldState state, byte[] bytes) {
        this.state = state;
        this.bytes = bytes;
    }

    /** To be encoded later, when serialized. */
    public static EncodedWorldState of(WorldState state) {
        return new EncodedWorldState(Objects.requireNonNull(state, "state"), null);
    }

    /** Bytes read back from a snapshot. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EncodedWorldState fromBytes(byte[] bytes) {
        return new EncodedWorldState(null, Objects.requireNonNull(bytes, "bytes"));
    }

    /** The encoding (computed once, on first use). */
    @JsonValue
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            b = WorldStateCodec.encode(state);
            bytes = b;
        }
        return b;
    }

    /** Whether the encoding has been computed (or was read back). */
    boolean encoded() {
        return bytes != null;
    }
}
