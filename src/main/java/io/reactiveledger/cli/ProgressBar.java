package io.reactiveledger.cli;

import io.reactiveledger.replay.Replay;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display for a terminal: height, blocks/s and, when the target is known, a bar and ETA. */
final class ProgressBar implements Replay.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final Long target;
    private long lastPrintNanos;

    ProgressBar(PrintWriter err, Long target) {
        this.err = err;
        this.target = target;
    }

    @Override
    public synchronized void update(long height, long events, long txs, long elapsedNanos) {
        if (elapsedNanos - lastPrintNanos < 200_000_000L && lastPrintNanos != 0) return;
        lastPrintNanos = elapsedNanos;
        double s = Math.max(elapsedNanos, 1) / 1e9;
        double rate = height / s;
        StringBuilder line = new StringBuilder("\r");
        if (target != null && target > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * height / target);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            line.append(String.format(Locale.ROOT, "%d/%d", height, target));
        } else {
            line.append("height ").append(height);
        }
        line.append(String.format(Locale.ROOT, "  %,.0f blocks/s  %,.0f txs/s", rate, txs / s));
        if (target != null && rate > 0 && height < target) {
            line.append(String.format(Locale.ROOT, "  ETA %.0fs", (target - height) / rate));
        }
        err.print(line);
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
