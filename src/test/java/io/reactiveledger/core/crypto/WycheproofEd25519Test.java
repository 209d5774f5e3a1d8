package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Project Wycheproof's Ed25519 verification vectors against {@link Ed25519#verify(byte[], byte[], byte[])}.
 *
 * <p>The data lives outside the repository at {@code ../shared/data/wycheproof/ed25519_test.json} (relative to the
 * project root), else under the system property {@code ledger.shared.dir}, else {@code /work/shared}; without it
 * these tests are skipped, not failed.
 *
 * <p>Verdicts: "valid" must verify and "invalid" must not. Wycheproof's "acceptable" means either verdict is
 * compliant; our verifier is strict (it is a consensus rule, so all nodes must agree and malleable or
 * non-canonical forms are refused), so "acceptable" vectors are asserted to be <em>rejected</em>. The current file
 * has none, but the rule is kept so that an updated file cannot silently change behaviour.
 */
class WycheproofEd25519Test {
    static final String RELATIVE = "../shared/data/wycheproof/ed25519_test.json";
    static final int EXPECTED_VECTORS = 150;
    private static final HexFormat HEX = HexFormat.of();

    record Vector(int tcId, String comment, List<String> flags, byte[] pk, byte[] msg, byte[] sig, String result) {
        boolean expected() {
            return switch (result) {
                case "valid" -> true;
                case "invalid", "acceptable" -> false; // strict: see the class comment
                default -> throw new IllegalStateException("tcId " + tcId + ": unknown result " + result);
            };
        }

        String name() {
            String what = comment.isEmpty() ? String.join(",", flags) : comment;
            return "tcId " + tcId + " [" + result + "] " + what;
        }
    }

    record Suite(int declared, List<Vector> vectors) {
    }

    static Path locate() {
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(Path.of("..", "shared", "data", "wycheproof", "ed25519_test.json"));
        String userDir = System.getProperty("user.dir");
        if (userDir != null) {
            candidates.add(Path.of(userDir).resolve(Path.of("..", "shared", "data", "wycheproof", "ed25519_test.json"))
                    .normalize());
        }
        // the project's fallbacks for a checkout without ../shared beside it (e.g. a copy elsewhere)
        candidates.add(Path.of(System.getProperty("ledger.shared.dir", "/work/shared"), "data", "wycheproof", "ed25519_test.json"));
        candidates.add(Path.of("/work/shared", "data", "wycheproof", "ed25519_test.json"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) return p;
        }
        Assumptions.assumeTrue(false, "Wycheproof Ed25519 vectors not found at " + RELATIVE
                + " (relative to the project root; tried " + candidates.stream().map(p -> p.toAbsolutePath().toString())
                .toList() + "); skipping");
        throw new AssertionError("unreachable");
    }

    static Suite load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(locate().toFile());
        assertEquals("EDDSA", root.path("algorithm").asText(), "algorithm");
        List<Vector> out = new ArrayList<>();
        for (JsonNode group : root.withArray("testGroups")) {
            JsonNode key = group.has("publicKey") ? group.get("publicKey") : group.get("key");
            if (key == null || !key.has("pk")) fail("test group without publicKey.pk / key.pk: " + group.path("type"));
            byte[] pk = HEX.parseHex(key.get("pk").asText());
            for (JsonNode t : group.withArray("tests")) {
                List<String> flags = new ArrayList<>();
                t.path("flags").forEach(f -> flags.add(f.asText()));
                out.add(new Vector(t.get("tcId").asInt(), t.path("comment").asText(""), flags, pk,
                        HEX.parseHex(t.get("msg").asText()), HEX.parseHex(t.get("sig").asText()),
                        t.get("result").asText()));
            }
        }
        return new Suite(root.path("numberOfTests").asInt(-1), out);
    }

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        return load().vectors().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            boolean verdict = Ed25519.verify(v.pk(), v.msg(), v.sig());
            assertEquals(v.expected(), verdict, () -> v.name() + ", flags " + v.flags() + ": verify returned " + verdict);
        }));
    }

    @Test
    void everyVectorRunsAndAgrees() throws IOException {
        Suite suite = load();
        assertEquals(EXPECTED_VECTORS, suite.declared(), "numberOfTests in the file");
        int ran = 0;
        int valid = 0;
        List<String> disagreements = new ArrayList<>();
        Set<Integer> ids = new LinkedHashSet<>();
        for (Vector v : suite.vectors()) {
            assertTrue(ids.add(v.tcId()), "duplicate tcId " + v.tcId());
            boolean verdict = Ed25519.verify(v.pk(), v.msg(), v.sig());
            ran++;
            if (verdict) valid++;
            if (verdict != v.expected()) disagreements.add(v.name());
        }
        assertEquals(EXPECTED_VECTORS, ran, "vectors run");
        assertEquals(List.of(), disagreements, "vectors whose verdict disagrees");
        assertEquals(suite.vectors().stream().filter(v -> v.result().equals("valid")).count(), valid,
                "vectors accepted");
    }
}
