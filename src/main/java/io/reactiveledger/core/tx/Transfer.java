package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Address;
import java.util.Objects;

/** Moves {@code amount} (smallest unit, &gt; 0) from the sender to {@code to}. */
public record Transfer(Address to, long amount) implements Payload {
    public static final int TAG = 0x01;

    public Transfer {
        Objects.requireNonNull(to, "to");
        if (amount <= 0) throw new IllegalArgumentException("amount must be positive");
    }

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public void writeTo(ByteWriter w) {
        w.bytes(to.bytes()).u64(amount);
    }

    @Override
    public long spendAmount() {
        return amount;
    }
}
