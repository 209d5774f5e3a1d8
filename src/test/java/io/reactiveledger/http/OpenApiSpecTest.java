package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The conformance checks themselves: they pass on documented answers and fail on anything else. */
class OpenApiSpecTest {
    @Test
    void documentedAnswersPass() throws Exception {
        OpenApiSpec spec = OpenApiSpec.load();
        spec.assertDocuments(Set.of("POST /v1/transactions 409", "GET /v1/blocks/{height} 404",
                "DELETE /v1/blocks/{height} 405", "GET (unknown) 404", "GET /ready 503"));
        assertEquals(Set.of(200, 202, 400, 409, 413, 415, 422, 503), spec.routes.get("/v1/transactions").get("POST"));
    }

    @Test
    void undocumentedAnswersFail() throws Exception {
        OpenApiSpec spec = OpenApiSpec.load();
        assertThrows(AssertionFailedError.class, () -> spec.assertDocuments(Set.of("GET /v1/blocks/{height} 409")));
        assertThrows(AssertionFailedError.class, () -> spec.assertDocuments(Set.of("GET /v1/nowhere 200")));
        assertThrows(AssertionFailedError.class, () -> spec.assertDocuments(Set.of("GET /v1/blocks/{height} 405")));
        assertThrows(AssertionFailedError.class, () -> spec.assertDocuments(Set.of("GET (unknown) 500")));
        assertThrows(AssertionFailedError.class, () -> spec.assertAllRoutesExercised(Set.of("GET /v1/status 200")));
    }
}
