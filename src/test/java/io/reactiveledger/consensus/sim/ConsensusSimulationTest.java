package io.reactiveledger.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.consensus.messages.Evidence;
import io.reactiveledger.core.block.CommittedBlock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole-protocol tests: four validators in the deterministic simulator, with crashes, partitions and a Byzantine member. */
class ConsensusSimulationTest {

    private static SimNetwork honest(int n, long seed) {
        SimNetwork net = new SimNetwork(n, seed);
        for (int i = 0; i < n; i++) net.addNode(new SimNode(net, i));
        return net;
    }

    /** No two nodes ever decide different blocks at the same height, and every certificate verifies. */
    private static void assertSafety(SimNetwork net, Set<Integer> honestNodes) {
        Map<Long, CommittedBlock> decided = new HashMap<>();
        for (int i : honestNodes) {
            for (CommittedBlock cb : net.nodes.get(i).chain) {
                CommittedBlock other = decided.putIfAbsent(cb.block().height(), cb);
                if (other != null) {
                    assertEquals(other.block().hash(), cb.block().hash(), "conflicting decisions at height " + cb.block().height());
                }
                assertTrue(cb.certificate().verify(net.validators, SimNetwork.CHAIN, cb.block().hash(), cb.block().height()).isEmpty());
            }
        }
        for (int i : honestNodes) {
            List<CommittedBlock> chain = net.nodes.get(i).chain;
            for (int h = 1; h < chain.size(); h++) {
                assertEquals(chain.get(h - 1).block().hash(), chain.get(h).block().header().previousHash(), "broken hash chain");
            }
        }
    }

    private static String describe(SimNetwork net) {
        StringBuilder sb = new StringBuilder();
        for (SimNode n : net.nodes) {
            sb.append("node ").append(n.index).append(": height ").append(n.height()).append(" round ")
                    .append(n.machine == null ? "-" : n.machine.round()).append(" step ")
                    .append(n.machine == null ? "-" : n.machine.step()).append(" locked ")
                    .append(n.machine == null ? "-" : n.machine.lockedRound()).append("; ");
        }
        return sb.toString();
    }

    private static int minHeight(SimNetwork net, Set<Integer> nodes) {
        return nodes.stream().mapToInt(i -> net.nodes.get(i).chain.size()).min().orElse(0);
    }

    @Test
    void fourHonestValidatorsAgreeOnEveryHeight() {
        SimNetwork net = honest(4, 1);
        net.startAll();
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= 30, 60_000));
        assertSafety(net, Set.of(0, 1, 2, 3));
        for (int h = 0; h < 30; h++) {
            assertEquals(0, net.nodes.get(0).chain.get(h).certificate().round(), "no delays, so every height decides in round 0");
        }
        Set<String> proposers = new java.util.HashSet<>();
        for (CommittedBlock cb : net.nodes.get(0).chain) proposers.add(cb.block().header().proposer().hex());
        assertEquals(4, proposers.size(), "the proposer rotates through all validators");
    }

    @Test
    void threeValidatorsCommitWhileOneIsDownAndItCatchesUpAfterRestart() {
        SimNetwork net = honest(4, 2);
        net.startAll();
        net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= 5, 10_000);
        SimNode down = net.nodes.get(3);
        down.crash();
        int before = minHeight(net, Set.of(0, 1, 2));
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(0, 1, 2)) >= before + 20, 120_000),
                "three of four validators must keep committing");
        assertTrue(down.chain.size() < before + 20);
        down.restart();
        int target = minHeight(net, Set.of(0, 1, 2)) + 5;
        assertTrue(net.runUntil(() -> down.chain.size() >= target, 120_000), "the restarted node catches up");
        assertSafety(net, Set.of(0, 1, 2, 3));
        for (SimNode n : net.nodes) assertTrue(n.evidence.isEmpty(), "a restart must never make a node equivocate");
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void allValidatorsCrashingMidRoundResumeFromTheirSignRecords(long seed) {
        SimNetwork net = honest(4, seed);
        net.startAll();
        net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= 4, 20_000);
        // Stall the network so that rounds advance and everyone has signed in a late round, then crash all.
        net.firewall = (from, to, m) -> null;
        net.runFor(5_000 + seed * 37);
        for (SimNode n : net.nodes) n.crash();
        net.firewall = (from, to, m) -> m;
        for (SimNode n : net.nodes) n.restart();
        int base = minHeight(net, Set.of(0, 1, 2, 3));
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= base + 5, 120_000),
                () -> "the chain goes on after everyone restarts; " + describe(net));
        assertSafety(net, Set.of(0, 1, 2, 3));
        for (SimNode n : net.nodes) assertTrue(n.evidence.isEmpty());
    }

    @Test
    void twoTwoSplitStopsCommitsAndHealingResumesThem() {
        SimNetwork net = honest(4, 3);
        net.startAll();
        net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= 3, 10_000);
        net.firewall = (from, to, m) -> (from < 2) == (to < 2) ? m : null;
        net.runFor(2_000); // let in-flight heights settle
        int[] frozen = net.nodes.stream().mapToInt(n -> n.chain.size()).toArray();
        net.runFor(30_000);
        for (int i = 0; i < 4; i++) assertEquals(frozen[i], net.nodes.get(i).chain.size(), "no commits without a quorum");
        net.firewall = (from, to, m) -> m;
        int resumeFrom = java.util.Arrays.stream(frozen).max().orElse(0);
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= resumeFrom + 5, 300_000),
                "after healing, commits resume on all four");
        assertSafety(net, Set.of(0, 1, 2, 3));
    }

    @Test
    void anIsolatedValidatorCatchesUpAfterHealing() {
        SimNetwork net = honest(4, 4);
        net.startAll();
        net.firewall = (from, to, m) -> from == 0 || to == 0 ? null : m;
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(1, 2, 3)) >= 15, 120_000));
        assertTrue(net.nodes.get(0).chain.size() < 15);
        net.firewall = (from, to, m) -> m;
        int target = minHeight(net, Set.of(1, 2, 3)) + 3;
        assertTrue(net.runUntil(() -> net.nodes.get(0).chain.size() >= target, 120_000));
        assertSafety(net, Set.of(0, 1, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void oneByzantineValidatorCannotBreakSafetyAndItsEquivocationIsRecorded(long seed) {
        SimNetwork net = new SimNetwork(4, seed);
        int byzantine = (int) (seed % 4);
        int witness = (byzantine + 1) % 4;
        for (int i = 0; i < 4; i++) net.addNode(i == byzantine ? new ByzantineNode(net, i, witness) : new SimNode(net, i));
        net.maxDelayMs = 60; // plenty of reordering
        net.startAll();
        Set<Integer> honestNodes = new java.util.HashSet<>(Set.of(0, 1, 2, 3));
        honestNodes.remove(byzantine);
        boolean ok = net.runUntil(() -> minHeight(net, honestNodes) >= 12, 300_000);
        assertTrue(ok, () -> "the three honest validators keep committing; " + describe(net));
        assertSafety(net, honestNodes);
        List<Evidence> seen = net.nodes.get(witness).evidence;
        assertFalse(seen.isEmpty(), "the witness recorded the equivocation");
        for (int i : honestNodes) {
            for (Evidence e : net.nodes.get(i).evidence) {
                assertEquals(net.keys.get(byzantine).address(), e.validator(), "only the Byzantine validator is accused");
            }
        }
    }

    /**
     * The classic attack that locking prevents. Height 1, round 0: a faulty validator F tells Z "A" and the
     * others mostly "nil"; Z sees a polka and 2f+1 precommits for A, decides A and is then cut off; W sees
     * the polka for A and locks on it; the round-1 proposer P1 never sees that polka. Round 1: P1
     * proposes a fresh B and F (now with amnesia) prevotes and precommits B. W, locked on A, prevotes nil,
     * so B never gets a polka. Without the lock rule, W would prevote B and B would be decided beside
     * Z's A (checked: disabling the lock makes this test fail).
     */
    @Test
    void lockingPreventsAConflictingCommitWhenTheDecidingValidatorIsCutOff() {
        SimNetwork net = new SimNetwork(4, 99);
        int p1 = indexOf(net, io.reactiveledger.consensus.statemachine.ProposerSelection.proposer(net.validators, 1, 1));
        int faulty = (p1 + 1) % 4;
        int z = (p1 + 2) % 4;
        int w = (p1 + 3) % 4;
        for (int i = 0; i < 4; i++) net.addNode(i == faulty ? new AmnesiaNode(net, i, z, w) : new SimNode(net, i));
        SimNode zNode = net.nodes.get(z);
        io.reactiveledger.core.crypto.Address wAddr = net.keys.get(w).address();
        io.reactiveledger.core.crypto.Address p1Addr = net.keys.get(p1).address();
        io.reactiveledger.core.crypto.Address fAddr = net.keys.get(faulty).address();
        boolean[] attack = {true};
        net.firewall = (from, to, m) -> {
            if (!attack[0]) return m;
            if (m instanceof SimNode.SyncResponse || m instanceof SimNode.SyncRequest) return null;
            if (!zNode.chain.isEmpty() && (from == z || to == z)) return null; // Z decided, then vanished
            io.reactiveledger.consensus.messages.Vote v = m instanceof io.reactiveledger.consensus.messages.Vote x ? x : null;
            boolean r0 = v != null && v.height() == 1 && v.round() == 0;
            if (from == z) {
                return r0 && v.type() == io.reactiveledger.core.block.VoteType.PREVOTE && to != p1 ? m : null;
            }
            if (r0 && to == p1 && v.type() == io.reactiveledger.core.block.VoteType.PREVOTE
                    && !v.validator().equals(wAddr) && !v.validator().equals(p1Addr) && !v.isNil()) {
                return null; // P1 must not see the polka for A
            }
            if (r0 && to == w && v.type() == io.reactiveledger.core.block.VoteType.PRECOMMIT
                    && v.validator().equals(fAddr) && !v.isNil()) {
                return null; // W must not see 2f+1 precommits for A
            }
            return m;
        };
        net.startAll();
        net.runFor(20_000);
        assertEquals(1, zNode.chain.size(), "Z decided A in round 0");
        assertSafety(net, Set.of(p1, z, w));
        assertEquals(0, net.nodes.get(w).machine.lockedRound(), "W is locked on A from round 0");
        assertTrue(net.nodes.get(p1).machine.round() >= 1, "the height moved past round 0");
        attack[0] = false;
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(p1, z, w)) >= 3, 120_000), "healing restores progress");
        assertSafety(net, Set.of(p1, z, w));
        assertEquals(zNode.chain.get(0).block().hash(), net.nodes.get(w).chain.get(0).block().hash());
    }

    private static int indexOf(SimNetwork net, io.reactiveledger.core.block.Validator v) {
        for (int i = 0; i < net.keys.size(); i++) {
            if (net.keys.get(i).address().equals(v.address())) return i;
        }
        throw new IllegalArgumentException("not a validator");
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void randomMessageLossAndDelaysNeverBreakSafetyAndLivenessReturns(long seed) {
        SimNetwork net = honest(4, seed);
        net.maxDelayMs = 150;
        java.util.Random drop = new java.util.Random(seed * 31);
        net.firewall = (from, to, m) -> drop.nextInt(100) < 20 ? null : m; // 20 % loss
        net.startAll();
        net.runFor(60_000);
        assertSafety(net, Set.of(0, 1, 2, 3));
        net.firewall = (from, to, m) -> m;
        int base = minHeight(net, Set.of(0, 1, 2, 3));
        assertTrue(net.runUntil(() -> minHeight(net, Set.of(0, 1, 2, 3)) >= base + 5, 300_000), "progress once the network is good");
        assertSafety(net, Set.of(0, 1, 2, 3));
    }
}
