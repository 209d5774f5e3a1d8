package io.reactiveledger.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterReportTest {
    static ClusterReport sample(JsonNode ganache) {
        return new ClusterReport(
                new ClusterReport.Run("in-jvm", 4, 1000, 100, "transfer", "clients=8 (closed loop)", "in-jvm", 50, false, "2026-12-01T10:00:00Z"),
                new ClusterReport.Result(1000, 1000, 3, 900, 2.0, 450.0, new LatencyStats(900, 120, 100, 200, 300, 400),
                        10, 5.0, 90.0, 120, 1, 3.0),
                List.of(new ClusterReport.NodeResources("jvm", 180.0, 300.0, 4096.0, true)),
                new ClusterReport.SignatureBound(2, 16_000, 4_000, 450.0 / 4_000),
                ganache, new ClusterReport.Machine(2, "17", "Linux", "amd64"), List.of("shared JVM"));
    }

    @Test
    void jsonRoundTripsAndNamesEveryFigure() throws Exception {
        ClusterReport r = sample(null);
        String json = r.toJson();
        assertEquals(r, ClusterReport.fromJson(json));
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals(450.0, n.at("/result/tps").asDouble());
        assertEquals(300.0, n.at("/result/latency/p99Ms").asDouble());
        assertEquals(4_000.0, n.at("/bound/boundTps").asDouble());
        assertTrue(n.at("/nodes/0/shared").asBoolean());
        assertFalse(n.has("ganache"), "absent when Ganache was not run");
    }

    @Test
    void printsGanacheBesideWithItsCaveat() throws Exception {
        JsonNode g = new ObjectMapper().readTree("{\"tps\":321,\"latency\":{\"p50Ms\":7,\"p95Ms\":9,\"p99Ms\":11}}");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        sample(g).print(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("single node, no BFT"), out);
        assertTrue(out.matches("(?s).*TPS\\s+450\\s+321.*"), out);
        assertTrue(out.contains("achieved 11 %"), out);
        assertEquals(321, new ObjectMapper().readTree(sample(g).toJson()).at("/ganache/tps").asInt());
    }
}
