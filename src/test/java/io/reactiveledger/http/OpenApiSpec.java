package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * src/main/resources/openapi.yaml, parsed, for the conformance checks: the declared (METHOD, path,
 * status) triples, and what a 404 for an unknown route or a 405 for a known one must satisfy.
 */
final class OpenApiSpec {
    /** The template tests use for requests to routes that do not exist. */
    static final String UNKNOWN = "(unknown)";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    /** path → method (upper case) → declared statuses. */
    final Map<String, Map<String, Set<Integer>>> routes = new TreeMap<>();
    final JsonNode doc;

    private OpenApiSpec(JsonNode doc) {
        this.doc = doc;
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.get("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> op = m.next();
                if (!METHODS.contains(op.getKey())) continue;
                Set<Integer> statuses = new TreeSet<>();
                op.getValue().get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                routes.computeIfAbsent(path.getKey(), k -> new TreeMap<>()).put(op.getKey().toUpperCase(Locale.ROOT), statuses);
            }
        }
    }

    static OpenApiSpec load() throws IOException {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream("/openapi.yaml")) {
            assertTrue(in != null, "openapi.yaml on the classpath");
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            assertTrue(doc.get("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
            return new OpenApiSpec(doc);
        }
    }

    /**
     * Every exercised "METHOD template status" is declared; a 405 is declared as the shared
     * MethodNotAllowed response for a known path whose declared methods do not include the one used; a 404
     * for an unknown route is the shared NotFound response.
     */
    void assertDocuments(Set<String> exercised) {
        List<String> missing = new ArrayList<>();
        for (String e : exercised) {
            String[] parts = e.split(" ");
            String method = parts[0];
            String path = parts[1];
            int status = Integer.parseInt(parts[2]);
            if (path.equals(UNKNOWN)) {
                if (status != 404 || !doc.at("/components/responses/NotFound").isObject()) missing.add(e);
                continue;
            }
            Map<String, Set<Integer>> methods = routes.get(path);
            if (methods == null) {
                missing.add(e + " (path not documented)");
            } else if (status == 405) {
                if (methods.containsKey(method) || !doc.at("/components/responses/MethodNotAllowed").isObject()) missing.add(e);
            } else if (!methods.containsKey(method) || !methods.get(method).contains(status)) {
                missing.add(e);
            }
        }
        assertEquals(List.of(), missing, "answers the server gave that openapi.yaml does not document");
    }

    /** Every declared route was called at least once with a success (2xx) answer. */
    void assertAllRoutesExercised(Set<String> exercised) {
        assertAllRoutesExercised(exercised, Set.of());
    }

    /** As above, except the "METHOD /template" routes in {@code coveredElsewhere} (another test must call them). */
    void assertAllRoutesExercised(Set<String> exercised, Set<String> coveredElsewhere) {
        List<String> untested = new ArrayList<>();
        for (Map.Entry<String, Map<String, Set<Integer>>> r : routes.entrySet()) {
            for (String method : r.getValue().keySet()) {
                if (coveredElsewhere.contains(method + " " + r.getKey())) continue;
                String prefix = method + " " + r.getKey() + " 2";
                if (exercised.stream().noneMatch(e -> e.startsWith(prefix))) untested.add(method + " " + r.getKey());
            }
        }
        assertEquals(List.of(), untested, "routes of openapi.yaml no test called successfully");
        assertFalse(routes.isEmpty());
    }
}
