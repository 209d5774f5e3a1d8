package io.reactiveledger.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny stand-in for a node's HTTP API (JDK HttpServer): canned answers per "METHOD path", requests recorded. */
final class FakeNode implements AutoCloseable {
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    record Request(String method, String pathAndQuery, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeNode json(String method, String path, int status, String body) {
        answers.put(method + " " + path, new Answer(status, "application/json", body, Map.of()));
        return this;
    }

    FakeNode problem(String method, String path, int status, String code, String detail, Map<String, String> headers) {
        String body = "{\"type\":\"https://reactive-ledger.dev/problems/x\",\"title\":\"Transaction refused\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        answers.put(method + " " + path, new Answer(status, "application/problem+json", body, headers));
        return this;
    }

    FakeNode raw(String method, String path, int status, String contentType, String body) {
        answers.put(method + " " + path, new Answer(status, contentType, body, Map.of()));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(ex.getRequestMethod(), path + (query == null ? "" : "?" + query), body));
        Answer a = answers.get(ex.getRequestMethod() + " " + path);
        if (a == null) {
            a = new Answer(404, "application/problem+json",
                    "{\"type\":\"https://reactive-ledger.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404}", Map.of());
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
