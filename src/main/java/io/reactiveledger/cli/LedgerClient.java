package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small client of one node's HTTP API (the contract in the HTTP issue: {@code /v1/...}). Answers are
 * Jackson trees, so the CLI can print them raw ({@code --json}) or pick fields. Errors become
 * {@link ApiException} with a one-line message built from the problem document.
 */
public final class LedgerClient {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_NODE = "http://127.0.0.1:8080";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public LedgerClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public LedgerClient(String baseUrl, Duration timeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!b.startsWith("http://") && !b.startsWith("https://")) {
            throw new IllegalArgumentException("node URL must start with http:// or https://, got " + baseUrl);
        }
        this.base = URI.create(b);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return base.toString();
    }

    public JsonNode status() {
        return get("/v1/status");
    }

    public JsonNode account(String address) {
        return get("/v1/accounts/" + address);
    }

    public JsonNode auction(long id) {
        return get("/v1/auctions/" + id);
    }

    /** GET /v1/auctions/{id}/prediction (the node's model; 503 when it has none). */
    public JsonNode prediction(long id) {
        return get("/v1/auctions/" + id + "/prediction");
    }

    /** GET /v1/auctions/{id}/predictions: what oracles recorded on chain. */
    public JsonNode recordedPredictions(long id) {
        return get("/v1/auctions/" + id + "/predictions");
    }

    /** GET /v1/oracle/accuracy: each oracle's track record. */
    public JsonNode oracleAccuracy() {
        return get("/v1/oracle/accuracy");
    }

    public JsonNode block(String heightOrLatest) {
        return get("/v1/blocks/" + heightOrLatest);
    }

    public JsonNode blocks(long from, int limit) {
        return get("/v1/blocks?from=" + from + "&limit=" + limit);
    }

    public JsonNode transaction(String hash) {
        return get("/v1/transactions/" + hash);
    }

    /** POST /v1/transactions?wait=...; for wait=committed, {@code timeoutMs} bounds the node's wait. */
    public JsonNode submit(String txHex, String wait, long timeoutMs) {
        ObjectNode body = JSON.createObjectNode().put("tx", txHex);
        String q = "?wait=" + wait + ("committed".equals(wait) ? "&timeoutMs=" + timeoutMs : "");
        Duration t = "committed".equals(wait) ? timeout.plusMillis(timeoutMs) : timeout;
        HttpRequest req = HttpRequest.newBuilder(uri("/v1/transactions" + q)).timeout(t)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return send(req);
    }

    /** True when {@code /ready} answers 200, or, on a node without /ready, {@code /v1/status} does. */
    public boolean ready() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/ready")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) return true;
            if (r.statusCode() != 404) return false;
            status();
            return true;
        } catch (IOException | ApiException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json").GET().build());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest req) {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiException(0, null, "cannot reach the node at " + base + " (connection refused; is it running?)");
        } catch (HttpTimeoutException e) {
            throw new ApiException(0, null, "the node at " + base + " did not answer " + req.method() + " "
                    + req.uri().getPath() + " in time");
        } catch (IOException e) {
            throw new ApiException(0, null, "cannot reach the node at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, null, "interrupted");
        }
        int sc = r.statusCode();
        JsonNode json = parse(r.body());
        if (sc >= 200 && sc < 300) {
            if (json == null) throw new ApiException(sc, null, req.method() + " " + req.uri().getPath() + ": the node's answer is not JSON");
            return json;
        }
        throw problem(sc, json, r.body(), req, r.headers().firstValue("Retry-After").orElse(null));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** One line: "HTTP 400 NONCE_TOO_LOW: detail (title)". */
    static ApiException problem(int status, JsonNode json, String rawBody, HttpRequest req, String retryAfter) {
        String what = req.method() + " " + req.uri().getPath();
        if (json == null || !json.isObject()) {
            String raw = rawBody == null ? "" : rawBody.strip().replaceAll("\\s+", " ");
            if (raw.length() > 200) raw = raw.substring(0, 200) + "...";
            return new ApiException(status, null, what + " failed: HTTP " + status + (raw.isEmpty() ? "" : " " + raw));
        }
        String code = text(json, "code");
        String title = text(json, "title");
        String detail = text(json, "detail");
        StringBuilder sb = new StringBuilder("HTTP ").append(status);
        if (code != null) sb.append(' ').append(code);
        sb.append(": ");
        if (detail != null && !detail.isBlank()) {
            sb.append(detail.strip().replaceAll("\\s+", " "));
            if (title != null && !title.isBlank() && !detail.contains(title)) sb.append(" (").append(title).append(')');
        } else {
            sb.append(title != null ? title : what + " failed");
        }
        if (retryAfter != null) sb.append("; retry after ").append(retryAfter).append(" s");
        return new ApiException(status, code, sb.toString());
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
