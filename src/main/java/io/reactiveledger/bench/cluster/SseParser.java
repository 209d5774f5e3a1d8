package io.reactiveledger.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads {@code event: block} server-sent events (data lines joined by newlines) from a stream. */
final class SseParser {
    private SseParser() {
    }

    static Iterator<HttpNode.BlockEvent> blocks(BufferedReader in) {
        return new Iterator<>() {
            private HttpNode.BlockEvent next;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                try {
                    next = read(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return next != null;
            }

            @Override
            public HttpNode.BlockEvent next() {
                if (!hasNext()) throw new NoSuchElementException();
                HttpNode.BlockEvent e = next;
                next = null;
                return e;
            }
        };
    }

    /** The next block event, skipping comments and other event types; null at the end of the stream. */
    static HttpNode.BlockEvent read(BufferedReader in) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 && "block".equals(event)) return HttpNode.parseBlock(data.toString());
                event = "message";
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue; // comment / keep-alive
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) data.append('\n');
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        return null;
    }
}
