package io.reactiveledger.node.chain;

import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.state.Receipt;
import java.util.List;

/** A ring of the last {@code capacity} committed blocks with their receipts, by height. */
final class RecentBlocks {
    record Entry(CommittedBlock block, List<Receipt> receipts) {
    }

    private final Entry[] ring;
    private long lastHeight;
    private int size;

    RecentBlocks(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        ring = new Entry[capacity];
    }

    /** Adds the block after the last one (or any block when empty, e.g. after recovery from a snapshot). */
    void add(CommittedBlock block, List<Receipt> receipts) {
        long h = block.block().height();
        if (size > 0 && h != lastHeight + 1) throw new IllegalArgumentException("block " + h + " after " + lastHeight);
        ring[(int) (h % ring.length)] = new Entry(block, receipts);
        lastHeight = h;
        size = Math.min(size + 1, ring.length);
    }

    /** The block at {@code height}, or null when it is not held (too old, or not committed). */
    Entry get(long height) {
        if (size == 0 || height > lastHeight || height <= lastHeight - size) return null;
        return ring[(int) (height % ring.length)];
    }

    /** Lowest height held, or {@code Long.MAX_VALUE} when empty. */
    long firstHeight() {
        return size == 0 ? Long.MAX_VALUE : lastHeight - size + 1;
    }

    int size() {
        return size;
    }
}
