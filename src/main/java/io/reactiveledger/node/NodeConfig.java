package io.reactiveledger.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.slf4j.LoggerFactory;

/**
 * Builds a node's configuration: its name, data directory and ports over {@code application.conf}
 * (which includes {@code ledger.conf}), then system properties, then every {@code reference.conf}.
 * Also namespaces persistence ids by node, so nodes sharing one database never read each other's events.
 */
public final class NodeConfig {
    public static final String NODE_NAME = "ledger.node-name";
    public static final String DATA_DIR = "ledger.data-dir";
    public static final String CLUSTER_PORT = "ledger.cluster.port";
    public static final String HTTP_PORT = "ledger.http.port";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    static {
        // Initialise SLF4J/logback before an ActorSystem's threads log concurrently; otherwise SLF4J
        // buffers and replays those calls with an "SLF4J(W): ... replayed" notice on stderr.
        LoggerFactory.getILoggerFactory();
    }

    private NodeConfig() {
    }

    public static Config of(String nodeName, Path dataDir, int clusterPort, int httpPort) {
        return of(nodeName, dataDir, clusterPort, httpPort, ConfigFactory.empty());
    }

    /** As {@link #of(String, Path, int, int)}, with {@code overrides} above everything else. */
    public static Config of(String nodeName, Path dataDir, int clusterPort, int httpPort, Config overrides) {
        checkName(nodeName);
        checkPort(clusterPort, "cluster port");
        checkPort(httpPort, "http port");
        // H2 needs an absolute path (or "./..."); forward slashes keep the JDBC URL valid on Windows.
        String dir = dataDir.toAbsolutePath().normalize().toString().replace('\\', '/');
        Config node = ConfigFactory.parseMap(Map.of(
                NODE_NAME, nodeName, DATA_DIR, dir, CLUSTER_PORT, clusterPort, HTTP_PORT, httpPort),
                "NodeConfig(" + nodeName + ")");
        return overrides
                .withFallback(node)
                .withFallback(ConfigFactory.defaultOverrides())
                .withFallback(ConfigFactory.defaultApplication())
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }

    /** The id {@code "<node>:<entityType>|<entityId>"} for the node this system runs. */
    public static PersistenceId persistenceId(ActorSystem<?> system, String entityType, String entityId) {
        return persistenceId(system.settings().config().getString(NODE_NAME), entityType, entityId);
    }

    public static PersistenceId persistenceId(String nodeName, String entityType, String entityId) {
        checkName(nodeName);
        return PersistenceId.of(nodeName + ":" + entityType, entityId);
    }

    private static void checkName(String nodeName) {
        if (nodeName == null || !NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("node name must match " + NAME + ", got " + nodeName);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException(what + " out of range: " + port);
    }
}
