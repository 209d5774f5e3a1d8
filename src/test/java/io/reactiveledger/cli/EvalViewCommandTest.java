package io.reactiveledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code ledger eval view} on a small pool: it runs and reports each case; it asserts no timings. */
class EvalViewCommandTest {
    @Test
    void reportsTheThreeCasesWithWhatTheViewHeld() {
        CliRun.Run r = CliRun.run("eval", "view", "--pool", "2000", "--block", "50", "--runs", "20");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("two pools of 2,000 pending transactions"), r.out());
        assertTrue(r.out().contains("young pool") && r.out().contains("(seen 50, stale 0,"), r.out());
        assertTrue(r.out().contains("old pool: 64 oldest") && r.out().contains("(seen 50, stale 64,"), r.out());
        assertTrue(r.out().contains("all behind nonce gaps"), r.out());
    }
}
