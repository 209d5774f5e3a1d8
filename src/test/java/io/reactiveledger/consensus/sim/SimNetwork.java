package io.reactiveledger.consensus.sim;

import io.reactiveledger.consensus.statemachine.ConsensusParams;
import io.reactiveledger.consensus.statemachine.Timeout;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.block.ValidatorSet;
import io.reactiveledger.core.crypto.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A deterministic, single-threaded network of consensus nodes in virtual time (in the spirit of
 * MicroRaft's local test harness): seeded random delays, a firewall that can drop or rewrite any
 * message, and timeouts as scheduled events. The same seed always gives the same run.
 */
final class SimNetwork {
    static final String CHAIN = "sim-chain";

    /** Decides what happens to a message in flight: deliver it (possibly altered) or drop it (null). */
    interface Firewall {
        Object filter(int from, int to, Object message);
    }

    private record Event(long at, long seq, Runnable action) {
    }

    final Random random;
    final ConsensusParams params = new ConsensusParams(Duration.ofMillis(300), Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), 10);
    final List<KeyPair> keys = new ArrayList<>();
    final ValidatorSet validators;
    final List<SimNode> nodes = new ArrayList<>();
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    long now;
    int minDelayMs = 1;
    int maxDelayMs = 20;
    Firewall firewall = (from, to, m) -> m;
    long delivered;

    SimNetwork(int validatorCount, long seed) {
        this.random = new Random(seed);
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < validatorCount; i++) {
            KeyPair k = KeyPair.deterministic("sim-validator-" + i);
            keys.add(k);
            vs.add(new Validator(k.publicKey(), 1, "n" + i));
        }
        validators = new ValidatorSet(vs);
    }

    void addNode(SimNode node) {
        nodes.add(node);
    }

    void startAll() {
        for (SimNode n : nodes) n.start();
        for (SimNode n : nodes) n.startGossip();
    }

    void send(int from, int to, Object message) {
        Object m = firewall.filter(from, to, message);
        if (m == null) return;
        long delay = minDelayMs + random.nextInt(Math.max(1, maxDelayMs - minDelayMs + 1));
        at(now + delay, () -> {
            delivered++;
            nodes.get(to).receive(from, m);
        });
    }

    void broadcast(int from, Object message) {
        for (int to = 0; to < nodes.size(); to++) {
            if (to != from) send(from, to, message);
        }
    }

    void scheduleTimeout(int node, Timeout t, Duration delay) {
        at(now + delay.toMillis(), () -> nodes.get(node).timeout(t));
    }

    void at(long time, Runnable action) {
        queue.add(new Event(time, seq++, action));
    }

    /** Runs events until virtual time {@code until}. */
    void runFor(long millis) {
        long until = now + millis;
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Event e = queue.poll();
            now = e.at;
            e.action.run();
        }
        now = until;
    }

    /** Runs until the condition holds or {@code maxMillis} of virtual time pass; returns whether it held. */
    boolean runUntil(BooleanSupplier done, long maxMillis) {
        long until = now + maxMillis;
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().at > until) {
                now = until;
                return done.getAsBoolean();
            }
            Event e = queue.poll();
            now = e.at;
            e.action.run();
        }
        return true;
    }
}
