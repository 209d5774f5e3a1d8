package io.reactiveledger.bench.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.mempool.AdmissionCode;
import io.reactiveledger.mempool.MempoolActor;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.LedgerNode;
import io.reactiveledger.node.NodeConfig;
import io.reactiveledger.node.consensus.ConsensusActor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * N validators as separate ActorSystems in this JVM, clustered over loopback TCP (Artery) on free
 * ports, each with its own H2 journal and sign record under {@code dir}: the same node code as a real
 * deployment, only sharing one process (and its CPU and heap).
 */
public final class InJvmCluster implements AutoCloseable {
    private static final Duration ASK = Duration.ofSeconds(10);

    private final Path dir;
    private final Genesis genesis;
    private final List<KeyPair> validatorKeys = new ArrayList<>();
    private final int[] ports;
    private final Config extra;
    private final List<ActorSystem<LedgerNode.Command>> systems = new ArrayList<>();
    private final List<LedgerNode.Refs> refs = new ArrayList<>();

    /**
     * @param funded accounts funded in the genesis with {@code funds} each
     * @param extra  configuration layered over each node's (e.g. {@code ledger.consensus.*})
     */
    public InJvmCluster(Path dir, int validators, List<Address> funded, long funds, Config extra) throws IOException {
        this.dir = dir;
        this.extra = extra;
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            KeyPair k = KeyPair.deterministic("bench-validator-" + i);
            validatorKeys.add(k);
            vs.add(new Validator(k.publicKey(), 1, "node" + i));
        }
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (Address a : funded) balances.put(a, funds);
        genesis = new Genesis("bench", System.currentTimeMillis() - 1_000, vs, balances);
        ports = new int[validators];
        for (int i = 0; i < validators; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
    }

    public Genesis genesis() {
        return genesis;
    }

    public int size() {
        return ports.length;
    }

    private Config config(int i) {
        Config overrides = extra.withFallback(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                ledger.cluster.seed-nodes = ["pekko://ledger@127.0.0.1:%d"]
                pekko.loglevel = WARNING
                # The in-JVM path submits to the mempools directly: no HTTP servers.
                ledger.http.enabled = off
                pekko.cluster.jmx.enabled = off
                pekko.cluster.log-info = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """.formatted(ports[0])));
        return NodeConfig.of("node" + i, dir.resolve("node" + i).toAbsolutePath(), ports[i], 0, overrides);
    }

    /** Starts every node and subscribes {@code onCommit} (called with the node index) to its committed blocks. */
    public void start(List<Consumer<ConsensusActor.Committed>> onCommit) {
        for (int i = 0; i < ports.length; i++) {
            Config c = config(i);
            JournalSchema.createIfNotExists(c);
            ActorSystem<LedgerNode.Command> sys = ActorSystem.create(LedgerNode.create(genesis, validatorKeys.get(i)), "ledger", c);
            systems.add(sys);
            LedgerNode.Refs r = ask(sys, LedgerNode.GetRefs::new, sys);
            refs.add(r);
            Consumer<ConsensusActor.Committed> callback = onCommit.get(i);
            ActorRef<ConsensusActor.Committed> sub = sys.systemActorOf(Behaviors.receive(ConsensusActor.Committed.class)
                    .onMessage(ConsensusActor.Committed.class, m -> {
                        callback.accept(m);
                        return Behaviors.same();
                    }).build(), "bench-commits", Props.empty());
            r.consensus().tell(new ConsensusActor.Subscribe(sub));
        }
    }

    /**
     * Waits until every node's model actor has loaded its model (nothing to wait for without one), so that a
     * {@code --model on} run measures screening, not the seconds of start-up during which it is refused.
     */
    public void awaitModels(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < refs.size(); i++) {
            ActorRef<io.reactiveledger.llm.ModelActor.Command> model = refs.get(i).model();
            if (model == null) continue;
            while (!ask(model, io.reactiveledger.llm.ModelActor.GetStatus::new, systems.get(i)).loaded()) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("node" + i + "'s model did not load in " + timeout);
                Thread.sleep(200);
            }
        }
    }

    /** In-JVM submission: {@link MempoolActor.Submit} to the node's mempool, answered by its admission code. */
    public LoadDriver.Submitter submitter() {
        return (node, tx) -> {
            ActorSystem<?> sys = systems.get(node);
            CompletionStage<MempoolActor.SubmitResult> f = io.reactiveledger.node.DirectFutures.ask(refs.get(node).mempool(),
                    reply -> new MempoolActor.Submit(tx, reply), ASK, sys.scheduler());
            return f.thenApply(r -> {
                AdmissionCode code = r.code();
                if (r.accepted() || code == AdmissionCode.DUPLICATE || code == AdmissionCode.NONCE_TOO_LOW) {
                    return LoadDriver.Outcome.ACCEPTED; // NONCE_TOO_LOW: an earlier attempt was already committed
                }
                if (code == AdmissionCode.FULL || code == AdmissionCode.NONCE_TOO_HIGH) return LoadDriver.Outcome.RETRY;
                throw new IllegalStateException("node" + node + " refused a benchmark transaction: " + r);
            });
        };
    }

    private static <Req, Res> Res ask(org.apache.pekko.actor.typed.RecipientRef<Req> to,
                                      org.apache.pekko.japi.function.Function<ActorRef<Res>, Req> msg,
                                      ActorSystem<?> sys) {
        try {
            return AskPattern.ask(to, msg, ASK, sys.scheduler()).toCompletableFuture()
                    .get(ASK.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("ask failed: " + e, e);
        }
    }

    @Override
    public void close() {
        for (ActorSystem<?> sys : systems) {
            // Peers leaving abruptly make every remaining node warn about aborted connections: expected here.
            sys.classicSystem().eventStream().setLogLevel(org.apache.pekko.event.Logging.ErrorLevel());
            sys.terminate();
        }
        for (ActorSystem<?> sys : systems) {
            try {
                sys.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
        systems.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }
}
