package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSmokeTest {
    @Test
    void statusAnswers(@TempDir Path dir) throws Exception {
        try (HttpTestNode n = new HttpTestNode(dir, 2, "")) {
            n.awaitHeight(2);
            HttpTestNode.Answer a = n.get("/v1/status", "/v1/status");
            System.out.println(a.body());
            assertEquals(200, a.status());
            System.out.println(n.get("/v1/blocks/{height}", "/v1/blocks/1").body());
            System.out.println(n.get("x", "/nope").body());
            System.out.println(n.get("x", "/v1/transactions").body());
        }
    }
}
