package io.reactiveledger.core.tx;

import io.reactiveledger.core.codec.ByteWriter;
import java.util.Objects;

/**
 * Opens an English auction sold by the sender. The item description is 1 to 200 Unicode characters
 * (code points) with no control characters; start price and minimum increment are at least 1; the end
 * time is a block time in milliseconds since the epoch.
 */
public record CreateAuction(String item, long startPrice, long endTimeMs, long minIncrement)
        implements Payload, Payload.ContractCreate {
    public static final int TAG = 0x02;
    public static final int MAX_ITEM_CHARS = 200;
    /** 200 code points of at most 4 UTF-8 bytes each. */
    public static final int MAX_ITEM_BYTES = MAX_ITEM_CHARS * 4;

    public CreateAuction {
        Objects.requireNonNull(item, "item");
        int chars = item.codePointCount(0, item.length());
        if (item.isBlank() || chars > MAX_ITEM_CHARS) {
            throw new IllegalArgumentException("item description must be 1 to " + MAX_ITEM_CHARS + " characters, got " + chars);
        }
        if (item.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("item description must not contain control characters");
        }
        if (startPrice < 1) throw new IllegalArgumentException("start price must be at least 1");
        if (minIncrement < 1) throw new IllegalArgumentException("minimum increment must be at least 1");
        if (endTimeMs < 0) throw new IllegalArgumentException("end time must not be negative");
    }

    @Override
    public int tag() {
        return TAG;
    }

    @Override
    public void writeTo(ByteWriter w) {
        w.utf8_16(item).u64(startPrice).u64(endTimeMs).u64(minIncrement);
    }

    @Override
    public long spendAmount() {
        return 0;
    }

    @Override
    public String contractType() {
        return "auction";
    }
}
