package io.reactiveledger.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.LedgerNode;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.chain.ChainStore;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Validators as separate ActorSystems in one JVM, on loopback with free ports, each with its own H2 journal. */
final class TestCluster implements AutoCloseable {
    static final Duration ASK = Duration.ofSeconds(10);

    final Path dir;
    final int size;
    final List<KeyPair> validatorKeys = new ArrayList<>();
    final List<KeyPair> users = new ArrayList<>();
    final Genesis genesis;
    final int[] ports;
    final List<ActorSystem<LedgerNode.Command>> systems = new ArrayList<>();
    final List<LedgerNode.Refs> refs = new ArrayList<>();

    TestCluster(Path dir, int size, int userCount) throws IOException {
        this(dir, size, userCount, false);
    }

    /** With {@code fundValidators}, every validator's address holds a balance too (a proposer's own transactions). */
    TestCluster(Path dir, int size, int userCount, boolean fundValidators) throws IOException {
        this.dir = dir;
        this.size = size;
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            KeyPair k = KeyPair.deterministic("cluster-validator-" + i);
            validatorKeys.add(k);
            vs.add(new Validator(k.publicKey(), 1, "node" + i));
        }
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (int i = 0; i < userCount; i++) {
            KeyPair u = KeyPair.deterministic("cluster-user-" + i);
            users.add(u);
            balances.put(u.address(), 1_000_000_000L);
        }
        if (fundValidators) for (KeyPair k : validatorKeys) balances.put(k.address(), 1_000_000_000L);
        genesis = new Genesis("cluster-test", System.currentTimeMillis() - 60_000, vs, balances);
        ports = new int[size];
        for (int i = 0; i < size; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
            systems.add(null);
            refs.add(null);
        }
    }

    /** Extra settings per node (HOCON), over the ones below; the model actor is off unless a test turns it on. */
    java.util.function.IntFunction<String> extraConfig = i -> "ledger.llm.enabled = off";

    Config config(int i) {
        String seed = "pekko://ledger@127.0.0.1:" + ports[0];
        Config overrides = ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                ledger.cluster.seed-nodes = ["%s"]
                pekko.cluster.jmx.enabled = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                ledger.consensus.timeouts.propose = 1500ms
                ledger.consensus.timeouts.prevote = 500ms
                ledger.consensus.timeouts.precommit = 500ms
                ledger.consensus.empty-block-interval = 300ms
                ledger.consensus.gossip-interval = 300ms
                """.formatted(seed));
        return NodeConfig.of("node" + i, dir.resolve("node" + i), ports[i], 0,
                ConfigFactory.parseString(extraConfig.apply(i)).withFallback(overrides));
    }

    void start(int i) {
        Config c = config(i);
        JournalSchema.createIfNotExists(c);
        ActorSystem<LedgerNode.Command> sys = ActorSystem.create(LedgerNode.create(genesis, validatorKeys.get(i)), "ledger", c);
        systems.set(i, sys);
        refs.set(i, ask(sys, LedgerNode.GetRefs::new, sys));
    }

    /** Runs {@code behavior} instead of a ledger node as cluster member {@code i} (for faulty validators). */
    ActorSystem<?> startCustom(int i, org.apache.pekko.actor.typed.Behavior<?> behavior) {
        Config c = config(i);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ActorSystem<?> sys = ActorSystem.create((org.apache.pekko.actor.typed.Behavior) behavior, "ledger", c);
        custom.add(sys);
        return sys;
    }

    final List<ActorSystem<?>> custom = new ArrayList<>();

    void startAll() {
        for (int i = 0; i < size; i++) start(i);
    }

    void stop(int i) {
        ActorSystem<LedgerNode.Command> sys = systems.get(i);
        if (sys == null) return;
        sys.terminate();
        try {
            sys.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        systems.set(i, null);
        refs.set(i, null);
    }

    ChainHead head(int i) {
        ActorSystem<LedgerNode.Command> sys = systems.get(i);
        return ask(refs.get(i).chainStore(), ChainStore.GetHead::new, sys);
    }

    ConsensusActor.Status status(int i) {
        return ask(refs.get(i).consensus(), ConsensusActor.GetStatus::new, systems.get(i));
    }

    List<CommittedBlock> blocks(int i, long from, int max) {
        ChainStore.Blocks b = ask(refs.get(i).chainStore(), r -> new ChainStore.GetBlocks(from, max, r), systems.get(i));
        List<CommittedBlock> out = new ArrayList<>();
        for (byte[] bytes : b.committedBlocks()) {
            try {
                out.add(CommittedBlock.decode(bytes));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    List<CommittedBlock> allBlocks(int i) {
        List<CommittedBlock> out = new ArrayList<>();
        while (true) {
            List<CommittedBlock> page = blocks(i, out.size() + 1, 50);
            if (page.isEmpty()) return out;
            out.addAll(page);
        }
    }

    static <Req, Res> Res ask(org.apache.pekko.actor.typed.RecipientRef<Req> to,
                              org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<Res>, Req> msg,
                              ActorSystem<?> sys) {
        CompletionStage<Res> f = AskPattern.ask(to, msg, ASK, sys.scheduler());
        try {
            return f.toCompletableFuture().get(ASK.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("ask failed: " + e, e);
        }
    }

    @Override
    public void close() {
        for (ActorSystem<?> sys : custom) {
            sys.terminate();
            try {
                sys.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
        for (int i = 0; i < size; i++) {
            try {
                stop(i);
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
    }
}
