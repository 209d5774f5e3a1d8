package io.reactiveledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.tx.Transaction;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Strict request bodies shared by the routes: a JSON object with known fields only, signed transactions in hex. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body as a JSON object whose field names are all in {@code fields}; otherwise 400 MALFORMED_JSON,
     * INVALID_BODY (not an object; {@code shape} shows the expected one) or UNKNOWN_FIELD.
     */
    static JsonNode object(byte[] body, Set<String> fields, String shape) {
        JsonNode root;
        try {
            root = Responses.JSON.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("MALFORMED_JSON", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("INVALID_BODY", "the body must be a JSON object " + shape);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) throw ApiProblem.badRequest("UNKNOWN_FIELD", "unknown field: " + TransactionRoutes.truncate(f));
        }
        return root;
    }

    /** A signed transaction from hex; 400 INVALID_HEX or DECODE_ERROR (with the decode error) naming {@code what}. */
    static Transaction transaction(String hex, String what) {
        byte[] bytes;
        try {
            bytes = Hex.decode(hex);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("INVALID_HEX", what + " is not hex: " + e.getMessage());
        }
        try {
            return Transaction.decode(bytes);
        } catch (DecodeException e) {
            throw new ApiProblem(Problem.of(400, "DECODE_ERROR", "Undecodable transaction", e.getMessage())
                    .withDecodeError(e.error().name()));
        }
    }
}
