package io.reactiveledger.node.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.reactiveledger.consensus.validation.ChainHead;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.state.WorldStateCodec;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.node.JournalSchema;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Start-up time of a chain store over a journal of many committed transactions (a measuring tool, not a
 * test; figures in docs/BENCHMARKS.md, "Start-up from journal"). Run each step in its own JVM:
 * <pre>
 *   build DIR BLOCKS TXS_PER_BLOCK   writes the chain (transfers to fresh addresses; snapshots every 100 events)
 *   start DIR                        starts an ActorSystem + ChainStore and waits for its head
 *   drop-snapshots DIR               deletes the snapshot rows, so the next start replays from genesis
 * </pre>
 */
public final class ChainStartupBenchmark {
    private static final int SENDERS = 1_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "build" -> build(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "start" -> start(dir);
            case "drop-snapshots" -> dropSnapshots(dir);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static List<KeyPair> senders() {
        List<KeyPair> keys = new ArrayList<>(SENDERS);
        for (int i = 0; i < SENDERS; i++) keys.add(KeyPair.deterministic("bench-sender-" + i));
        return keys;
    }

    static ChainFixture fixture() {
        Map<KeyPair, Long> balances = new LinkedHashMap<>();
        for (KeyPair k : senders()) balances.put(k, 1_000_000_000L);
        return new ChainFixture(balances);
    }

    static Config config(Path dir) {
        Config c = NodeConfig.of("bench", dir, 0, 0, ConfigFactory.parseMap(Map.of(
                "ledger.chain.snapshot-every", 100, "pekko.loglevel", "INFO")));
        JournalSchema.createIfNotExists(c);
        return c;
    }

    static void build(Path dir, int blocks, int txsPerBlock) throws Exception {
        ChainFixture f = fixture();
        List<KeyPair> keys = senders();
        // Building skips signature checks (the tool signs every tx itself); start-up replay verifies them all.
        StateTransition unchecked = new StateTransition(ContractRegistry.standard(), tx -> true);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config(dir));
        ActorRef<ChainStore.Command> store = system.systemActorOf(ChainStore.create(
                NodeConfig.persistenceId("bench", "chain", TestChain.CHAIN), f.chain.genesis, f.chain.transition), "chain",
                org.apache.pekko.actor.typed.Props.empty());
        long t0 = System.nanoTime();
        int n = 0;
        for (int b = 0; b < blocks; b++) {
            List<Transaction> txs = new ArrayList<>(txsPerBlock);
            for (int i = 0; i < txsPerBlock; i++, n++) {
                byte[] to = new byte[Address.SIZE];
                for (int j = 0; j < 4; j++) to[j] = (byte) (n >>> (24 - 8 * j));
                to[19] = 1;
                txs.add(f.chain.tx(keys.get(n % SENDERS), new Transfer(Address.of(to), 1)));
            }
            var cb = f.next(1_000, txs, unchecked);
            var result = f.results.get(f.results.size() - 1);
            ChainStore.Appended a = AskPattern.<ChainStore.Command, ChainStore.Appended>ask(store,
                    r -> new ChainStore.Append(cb, result, r), Duration.ofSeconds(60), system.scheduler())
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (!a.ok()) throw new IllegalStateException(a.error());
            f.results.clear(); // keep the tool's own memory flat
            f.blocks.clear();
        }
        System.out.printf("built %d blocks, %d txs in %.1f s; head %s root %s; %d state entries, world state %d bytes%n",
                blocks, n, (System.nanoTime() - t0) / 1e9, f.chain.previousHash, f.chain.state.root(),
                f.chain.state.entryCount(), WorldStateCodec.encode(f.chain.state).length);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void start(Path dir) throws Exception {
        ChainFixture f = fixture(); // genesis only
        Config config = config(dir);
        long t0 = System.nanoTime();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config);
        long t1 = System.nanoTime();
        ActorRef<ChainStore.Command> store = system.systemActorOf(ChainStore.create(
                NodeConfig.persistenceId("bench", "chain", TestChain.CHAIN), f.chain.genesis, f.chain.transition), "chain",
                org.apache.pekko.actor.typed.Props.empty());
        ChainHead head = AskPattern.<ChainStore.Command, ChainHead>ask(store, ChainStore.GetHead::new,
                Duration.ofMinutes(10), system.scheduler()).toCompletableFuture().get(10, TimeUnit.MINUTES);
        long t2 = System.nanoTime();
        // CPU time of the whole process (all threads, incl. JIT and GC): less sensitive than wall time to a loaded machine
        double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        System.out.printf("ActorSystem %.2f s, chain store recovered to height %d (root %s) in %.2f s; total %.2f s wall, "
                        + "%.1f s process CPU; heap used %d MB%n",
                (t1 - t0) / 1e9, head.height(), head.state().root(), (t2 - t1) / 1e9, (t2 - t0) / 1e9, cpu,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void dropSnapshots(Path dir) throws Exception {
        Config db = config(dir).getConfig(JournalSchema.DB);
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"), db.getString("password"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*), max(length(\"snapshot_payload\")) from \"snapshot\"")) {
                rs.next();
                System.out.println("snapshots " + rs.getLong(1) + ", largest " + rs.getLong(2) + " bytes");
            }
            System.out.println("deleted " + s.executeUpdate("delete from \"snapshot\"") + " snapshot rows");
        }
    }
}
