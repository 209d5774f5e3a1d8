package io.reactiveledger.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.node.query.ChainIndex;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /ready}'s read-model rule: paging finished, and within the allowed lag of the chain store's head. */
class ReadinessTest {
    private static ChainIndex.Info index(long height, boolean caughtUp) {
        return new ChainIndex.Info(height, caughtUp, Map.of());
    }

    @Test
    void anIndexThatTrailsTheHeadByAtMostTheLagIsNotBehind() {
        assertFalse(NodeRoutes.indexBehind(index(6, true), 6, 2));
        assertFalse(NodeRoutes.indexBehind(index(5, true), 6, 2), "one block behind right after a commit");
        assertFalse(NodeRoutes.indexBehind(index(4, true), 6, 2));
    }

    @Test
    void anIndexFurtherBehindOrStillPagingIsBehind() {
        assertTrue(NodeRoutes.indexBehind(index(3, true), 6, 2));
        assertTrue(NodeRoutes.indexBehind(index(6, false), 6, 2), "start-up paging not finished");
        assertTrue(NodeRoutes.indexBehind(index(5, true), 6, 0), "lag 0 demands equality");
    }
}
