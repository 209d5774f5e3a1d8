package io.reactiveledger.cli;

import io.reactiveledger.replay.Replay;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display for a terminal: a bar over the journal's events (or up to {@code --to-height}),
 * height, blocks/s, txs/s and ETA.
 */
final class ProgressBar implements Replay.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final Long toHeight;
    private volatile long totalEvents = -1;
    private long lastPrintNanos;

    ProgressBar(PrintWriter err, Long toHeight) {
        this.err = err;
        this.toHeight = toHeight;
    }

    @Override
    public void totalEvents(long events) {
        totalEvents = events;
    }

    @Override
    public synchronized void update(long height, long events, long txs, long elapsedNanos) {
        if (elapsedNanos - lastPrintNanos < 200_000_000L && lastPrintNanos != 0) return;
        lastPrintNanos = elapsedNanos;
        double s = Math.max(elapsedNanos, 1) / 1e9;
        // Progress in the unit whose end is known: heights with --to-height, else journal events.
        long done = toHeight != null ? height : events;
        long total = toHeight != null ? toHeight : totalEvents;
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        line.append("height ").append(height);
        line.append(String.format(Locale.ROOT, "  %,.0f blocks/s  %,.0f txs/s", height / s, txs / s));
        double rate = done / s;
        if (total > 0 && rate > 0 && done < total) {
            line.append(String.format(Locale.ROOT, "  ETA %.0fs", (total - done) / rate));
        }
        err.print(line);
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
