package io.reactiveledger.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactiveledger.core.crypto.Hash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** One node's HTTP API (docs: the HTTP API section of README.md) as the benchmark uses it. */
public final class HttpNode {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** One committed block as the event stream delivers it. */
    public record BlockEvent(long height, int round, List<Hash> txs, List<Boolean> success) {
    }

    private final URI base;
    private final HttpClient http;

    /** @param http a shared client (HTTP/1.1 keeps a pool of connections per node) */
    public HttpNode(String baseUrl, HttpClient http) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.http = http;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /**
     * {@code POST /v1/transactions?wait=checked}: accepted on 202 and on 409 (duplicate: an earlier attempt
     * got in) and on NONCE_TOO_LOW (an earlier attempt was committed); retry on 429/503 (pool full) and on
     * NONCE_TOO_HIGH; any other refusal is fatal ({@link IllegalStateException}).
     */
    public CompletionStage<LoadDriver.Outcome> submit(byte[] tx) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/transactions?wait=checked"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tx\":\"" + HEX.formatHex(tx) + "\"}")).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> outcome(r.statusCode(), r.body()));
    }

    static LoadDriver.Outcome outcome(int status, String body) {
        if (status == 200 || status == 202 || status == 409) return LoadDriver.Outcome.ACCEPTED;
        if (status == 429 || status == 503) return LoadDriver.Outcome.RETRY;
        String code = "";
        try {
            code = JSON.readTree(body).path("code").asText("");
        } catch (IOException ignored) {
            // not JSON: fall through with no code
        }
        if ("NONCE_TOO_LOW".equals(code) || "DUPLICATE".equals(code)) return LoadDriver.Outcome.ACCEPTED;
        if ("NONCE_TOO_HIGH".equals(code) || "FULL".equals(code)) return LoadDriver.Outcome.RETRY;
        throw new IllegalStateException("node refused a benchmark transaction: HTTP " + status + " " + body);
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    public String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        return r.body();
    }

    /** Heap in use from the node's Prometheus {@code /metrics} (sum of {@code jvm_memory_used_bytes} with area heap), or -1. */
    public long heapUsedBytes() {
        return heapMetric("jvm_memory_used_bytes");
    }

    /** Maximum heap from {@code jvm_memory_max_bytes} (area heap), or -1. */
    public long heapMaxBytes() {
        return heapMetric("jvm_memory_max_bytes");
    }

    private long heapMetric(String name) {
        try {
            return heapFromMetrics(getText("/metrics"), name);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static long heapFromMetrics(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("area=\"heap\"")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length >= 2) {
                    try {
                        sum += Double.parseDouble(parts[parts.length - 1]);
                        found = true;
                    } catch (NumberFormatException ignored) {
                        // a timestamp or odd value: skip
                    }
                }
            }
        }
        return found ? (long) sum : -1;
    }

    /**
     * Follows {@code GET /v1/events?from=H} (server-sent events, one per committed block) on a daemon thread
     * until {@link Thread#interrupt()}; reconnects with {@code Last-Event-ID} when the stream drops.
     */
    public Thread follow(long fromHeight, Consumer<BlockEvent> onBlock) {
        Thread t = new Thread(() -> {
            long next = fromHeight;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/events?from=" + next))
                            .header("Accept", "text/event-stream").GET();
                    if (next > 1) b.header("Last-Event-ID", String.valueOf(next - 1));
                    HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        for (BlockEvent e : (Iterable<BlockEvent>) () -> SseParser.blocks(in)) {
                            onBlock.accept(e);
                            next = e.height() + 1;
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "bench-sse-" + base.getPort());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Parses the {@code data:} of an SSE block event: the block object plus {@code receipts}. */
    static BlockEvent parseBlock(String data) throws IOException {
        JsonNode n = JSON.readTree(data);
        java.util.Set<String> ok = new java.util.HashSet<>();
        for (JsonNode r : n.path("receipts")) {
            if ("SUCCESS".equals(r.path("status").asText())) ok.add(r.path("txHash").asText());
        }
        List<Hash> txs = new ArrayList<>();
        List<Boolean> success = new ArrayList<>();
        for (JsonNode h : n.path("txs")) {
            txs.add(Hash.fromHex(h.asText()));
            success.add(ok.contains(h.asText()));
        }
        return new BlockEvent(n.path("height").asLong(), n.path("certificate").path("round").asInt(0), txs, success);
    }
}
