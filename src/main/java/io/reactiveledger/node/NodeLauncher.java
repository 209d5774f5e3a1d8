package io.reactiveledger.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one node (validator or observer) from a HOCON file such as {@code config/node.conf}:
 * {@code ledger.node-name}, {@code ledger.data-dir}, {@code ledger.cluster.{host,port,seed-nodes}},
 * {@code ledger.http.port}, {@code ledger.genesis-file} and the optional {@code ledger.validator-key-file}
 * (relative paths are relative to the file's directory). Anything else in the file overrides
 * {@code ledger.conf}. The provider is always {@code cluster}. Stopping (SIGTERM, Ctrl-C) runs Pekko's
 * coordinated shutdown from the JVM shutdown hook, which terminates the ActorSystem and with it the
 * journal's connection pool.
 */
public final class NodeLauncher {
    public static final String GENESIS_FILE = "ledger.genesis-file";
    public static final String VALIDATOR_KEY_FILE = "ledger.validator-key-file";
    /**
     * When true, this node's own address is moved to the front of the seed nodes, which lets it start a
     * new cluster when no other seed answers (Pekko's first-seed rule). Set it only for the first start of
     * a network's first node (the devnet passes it as a system property when it starts node-0): a node
     * restarted while the others run must join them, and a first seed that hears no answer in time under
     * load would form a second cluster.
     */
    public static final String FORM_NEW_CLUSTER = "ledger.cluster.form-new-cluster";
    private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

    /** What a config file resolves to. */
    public record Settings(Config config, Genesis genesis, KeyPair validatorKey, String nodeName, Path dataDir,
                           String clusterAddress, String httpUrl) {
        public boolean isValidator() {
            return validatorKey != null && genesis.validators().get(validatorKey.address()).isPresent();
        }
    }

    private NodeLauncher() {
    }

    /** Reads and checks the config file, the genesis and the key file; starts nothing. */
    public static Settings load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such config file: " + file);
        Path dir = file.toAbsolutePath().getParent();
        Config raw = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        for (String required : List.of(NodeConfig.NODE_NAME, NodeConfig.DATA_DIR, GENESIS_FILE)) {
            if (!raw.hasPath(required)) throw new IllegalArgumentException(file + ": missing " + required);
        }
        // Resolve the file alone first (it may use ${?ENV} substitutions); the merged config is resolved by NodeConfig.
        Config own = raw.resolve(com.typesafe.config.ConfigResolveOptions.defaults().setAllowUnresolved(true));
        String name = own.getString(NodeConfig.NODE_NAME);
        Path dataDir = dir.resolve(own.getString(NodeConfig.DATA_DIR)).normalize();
        Path genesisFile = dir.resolve(own.getString(GENESIS_FILE)).normalize();
        Genesis genesis = Genesis.read(genesisFile);
        KeyPair key = null;
        Path keyFile = null;
        if (own.hasPath(VALIDATOR_KEY_FILE)) {
            keyFile = dir.resolve(own.getString(VALIDATOR_KEY_FILE)).normalize();
            key = KeyFile.read(keyFile);
        }
        int clusterPort = own.hasPath(NodeConfig.CLUSTER_PORT) ? own.getInt(NodeConfig.CLUSTER_PORT) : 2551;
        int httpPort = own.hasPath(NodeConfig.HTTP_PORT) ? own.getInt(NodeConfig.HTTP_PORT) : 8080;
        String dirText = dataDir.toString().replace('\\', '/');
        Config overrides = ConfigFactory.parseMap(Map.of(
                        NodeConfig.DATA_DIR, dirText,
                        GENESIS_FILE, genesisFile.toString(),
                        "pekko.actor.provider", "cluster"), "NodeLauncher(" + file + ")")
                .withFallback(keyFile == null ? ConfigFactory.empty()
                        : ConfigFactory.parseMap(Map.of(VALIDATOR_KEY_FILE, keyFile.toString())))
                .withFallback(raw);
        Config config = NodeConfig.of(name, dataDir, clusterPort, httpPort, overrides);
        String host = config.getString("ledger.cluster.host");
        if (config.hasPath(FORM_NEW_CLUSTER) && config.getBoolean(FORM_NEW_CLUSTER)) {
            String self = "pekko://ledger@" + host + ":" + clusterPort;
            List<String> seeds = new java.util.ArrayList<>(config.getStringList("ledger.cluster.seed-nodes"));
            seeds.remove(self);
            seeds.add(0, self);
            config = ConfigFactory.parseMap(Map.of("ledger.cluster.seed-nodes", seeds, "pekko.cluster.seed-nodes", seeds),
                    "NodeLauncher(" + FORM_NEW_CLUSTER + ")").withFallback(config);
        }
        String httpHost = config.hasPath("ledger.http.host") ? config.getString("ledger.http.host") : host;
        if (httpHost.equals("0.0.0.0")) httpHost = "127.0.0.1";
        return new Settings(config, genesis, key, name, dataDir,
                "pekko://ledger@" + host + ":" + clusterPort, "http://" + httpHost + ":" + httpPort);
    }

    /** Creates the journal schema and starts the node's ActorSystem (named "ledger", as the cluster requires). */
    public static ActorSystem<LedgerNode.Command> start(Settings s) throws IOException {
        Files.createDirectories(s.dataDir());
        JournalSchema.createIfNotExists(s.config());
        ActorSystem<LedgerNode.Command> system = ActorSystem.create(LedgerNode.create(s.genesis(), s.validatorKey()), "ledger", s.config());
        String role = s.isValidator() ? "validator " + s.validatorKey().address().hex()
                : (s.validatorKey() == null ? "observer (no validator key)" : "observer (key not in the genesis validator set)");
        LOG.info("node {} started as {} on chain {}: HTTP {} , cluster {} , seeds {} , data {}", s.nodeName(), role,
                s.genesis().chainId(), s.httpUrl(), s.clusterAddress(), s.config().getStringList("ledger.cluster.seed-nodes"),
                s.dataDir());
        return system;
    }

    /** Runs until the ActorSystem terminates (SIGTERM / Ctrl-C trigger coordinated shutdown); returns the exit code. */
    public static int run(Path file) throws Exception {
        Settings s = load(file);
        ActorSystem<LedgerNode.Command> system = start(s);
        System.out.println("node " + s.nodeName() + " running: HTTP " + s.httpUrl() + "  cluster " + s.clusterAddress()
                + "  data " + s.dataDir() + "  (Ctrl-C or SIGTERM stops it)");
        System.out.flush();
        system.getWhenTerminated().toCompletableFuture().get();
        var reason = org.apache.pekko.actor.CoordinatedShutdown.get(system).getShutdownReason();
        if (reason.isPresent() && reason.get() instanceof io.reactiveledger.http.HttpServer.BindFailed) {
            System.err.println("error: node " + s.nodeName() + " stopped: the HTTP API could not bind " + s.httpUrl()
                    + " (is the port in use?)");
            return 1;
        }
        LOG.info("node {} stopped", s.nodeName());
        return 0;
    }
}
