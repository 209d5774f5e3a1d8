package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpNodeTest {
    private static final Hash A = Sha256.hash(new byte[] {1});
    private static final Hash B = Sha256.hash(new byte[] {2});

    private static String blockData(long height, Hash... txs) {
        StringBuilder t = new StringBuilder();
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < txs.length; i++) {
            if (i > 0) {
                t.append(',');
                r.append(',');
            }
            t.append('"').append(txs[i].hex()).append('"');
            r.append("{\"txHash\":\"").append(txs[i].hex()).append("\",\"status\":\"").append(i == 0 ? "SUCCESS" : "FAILED").append("\"}");
        }
        return "{\"height\":" + height + ",\"certificate\":{\"round\":1},\"txCount\":" + txs.length + ",\"txs\":[" + t + "],\"receipts\":[" + r + "]}";
    }

    @Test
    void submissionOutcomesFollowTheContract() {
        assertEquals(LoadDriver.Outcome.ACCEPTED, HttpNode.outcome(202, "{\"status\":\"pending\"}"));
        assertEquals(LoadDriver.Outcome.ACCEPTED, HttpNode.outcome(409, "{\"code\":\"DUPLICATE\"}"));
        assertEquals(LoadDriver.Outcome.ACCEPTED, HttpNode.outcome(400, "{\"code\":\"NONCE_TOO_LOW\"}"));
        assertEquals(LoadDriver.Outcome.RETRY, HttpNode.outcome(429, ""));
        assertEquals(LoadDriver.Outcome.RETRY, HttpNode.outcome(503, "{\"code\":\"FULL\"}"));
        assertEquals(LoadDriver.Outcome.RETRY, HttpNode.outcome(400, "{\"code\":\"NONCE_TOO_HIGH\"}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HttpNode.outcome(400, "{\"code\":\"BAD_SIGNATURE\"}"));
        assertTrue(e.getMessage().contains("BAD_SIGNATURE"));
        assertThrows(IllegalStateException.class, () -> HttpNode.outcome(404, "not json"));
    }

    @Test
    void heapFromPrometheusText() {
        String text = """
                # HELP jvm_memory_used_bytes Used bytes of a given JVM memory area.
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap"} 1.5E8
                jvm_memory_used_bytes{area="nonheap"} 9.0E7
                jvm_memory_max_bytes{area="heap"} 5.36870912E8
                """;
        assertEquals(150_000_000L, HttpNode.heapFromMetrics(text, "jvm_memory_used_bytes"));
        assertEquals(536_870_912L, HttpNode.heapFromMetrics(text, "jvm_memory_max_bytes"));
        String perPool = "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 100\njvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 50\n";
        assertEquals(150, HttpNode.heapFromMetrics(perPool, "jvm_memory_used_bytes"));
        assertEquals(-1, HttpNode.heapFromMetrics("other_metric 1\n", "jvm_memory_used_bytes"));
    }

    @Test
    void cpuFromProcStat() {
        // pid (comm with spaces) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "1234 (java main) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1 2 3";
        assertEquals(3_000_000_000L, ProcessProbe.cpuNanosFromStat(stat));
    }

    @Test
    void parsesBlockEventsSkippingCommentsAndOtherEvents() throws Exception {
        String stream = ": keep-alive\n\nevent: hello\ndata: {}\n\nid: 5\nevent: block\ndata: " + blockData(5, A, B)
                + "\n\nid: 6\nevent: block\ndata: " + blockData(6) + "\n\n";
        BufferedReader in = new BufferedReader(new StringReader(stream));
        HttpNode.BlockEvent e = SseParser.read(in);
        assertEquals(5, e.height());
        assertEquals(1, e.round());
        assertEquals(List.of(A, B), e.txs());
        assertEquals(List.of(true, false), e.success());
        assertEquals(6, SseParser.read(in).height());
        assertNull(SseParser.read(in));
    }

    @Test
    void followsTheEventStreamAndSubmitsAgainstAServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> queries = new CopyOnWriteArrayList<>();
        server.createContext("/v1/events", x -> {
            queries.add(x.getRequestURI().getQuery());
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                o.write(("id: 3\nevent: block\ndata: " + blockData(3, A) + "\n\nid: 4\nevent: block\ndata: " + blockData(4, B) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/v1/transactions", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            boolean ok = new String(body, StandardCharsets.UTF_8).equals("{\"tx\":\"0102\"}")
                    && x.getRequestURI().getQuery().equals("wait=checked") && x.getRequestMethod().equals("POST");
            byte[] out = (ok ? "{\"status\":\"pending\"}" : "{\"code\":\"DECODE_ERROR\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(ok ? 202 : 400, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        try {
            HttpNode node = new HttpNode("http://127.0.0.1:" + server.getAddress().getPort(), HttpNode.newClient());
            assertEquals(LoadDriver.Outcome.ACCEPTED, node.submit(new byte[] {1, 2}).toCompletableFuture().get(10, TimeUnit.SECONDS));
            List<HttpNode.BlockEvent> seen = new CopyOnWriteArrayList<>();
            Thread t = node.follow(3, seen::add);
            long deadline = System.currentTimeMillis() + 10_000;
            while (queries.size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            t.interrupt();
            assertTrue(seen.size() >= 2);
            assertEquals(3, seen.get(0).height());
            assertEquals(List.of(B), seen.get(1).txs());
            assertEquals("from=3", queries.get(0));
            assertEquals("from=5", queries.get(1), "reconnects after the last block it saw");
        } finally {
            server.stop(0);
        }
    }
}
