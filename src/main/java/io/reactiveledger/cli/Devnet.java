package io.reactiveledger.cli;

import io.reactiveledger.core.crypto.KeyFile;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.DevnetGenesis;
import io.reactiveledger.core.genesis.Genesis;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local development network: one JVM per validator, each started with
 * {@code java -cp <this classpath> io.reactiveledger.cli.LedgerCli node --config <dir>/node-i/node.conf}.
 *
 * <pre>
 * dir/genesis.json                 devnet genesis (validators + funded demo accounts)
 * dir/DEV-ONLY-keys/*.json         validator and demo-account keys derived from PUBLIC labels: dev only
 * dir/node-i/node.conf             the node's config (HTTP basePort+i, cluster clusterPort+i)
 * dir/node-i/                      its data directory (journal.mv.db, sign-state.json, validator.lock)
 * dir/node-i/node.log              its stdout and stderr
 * </pre>
 */
final class Devnet implements AutoCloseable {
    static final String KEYS_DIR = "DEV-ONLY-keys";
    static final String DEV_ONLY_NOTE = "DEV-ONLY: derived from a public label, anyone can sign with it; never use it for anything of value";
    static final String DEFAULT_JVM_OPTS = "-Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    final Path dir;
    final int validators;
    final int httpBase;
    final int clusterBase;
    final List<String> jvmOpts;
    private final Process[] processes;
    private final PrintStream log;

    Devnet(Path dir, int validators, int httpBase, int clusterBase, List<String> jvmOpts, PrintStream log) {
        if (validators < 1 || validators > 32) throw new IllegalArgumentException("--validators must be between 1 and 32");
        if (httpBase < 1 || httpBase + validators > 65535) throw new IllegalArgumentException("bad HTTP base port " + httpBase);
        if (clusterBase < 1 || clusterBase + validators > 65535) throw new IllegalArgumentException("bad cluster base port " + clusterBase);
        this.dir = dir.toAbsolutePath().normalize();
        this.validators = validators;
        this.httpBase = httpBase;
        this.clusterBase = clusterBase;
        this.jvmOpts = List.copyOf(jvmOpts);
        this.processes = new Process[validators];
        this.log = log;
    }

    static List<String> splitOpts(String opts) {
        return opts == null || opts.isBlank() ? List.of() : List.of(opts.strip().split("\\s+"));
    }

    Path nodeDir(int i) {
        return dir.resolve("node-" + i);
    }

    Path config(int i) {
        return nodeDir(i).resolve("node.conf");
    }

    Path logFile(int i) {
        return nodeDir(i).resolve("node.log");
    }

    Path keyFile(String name) {
        return dir.resolve(KEYS_DIR).resolve(name + ".json");
    }

    String url(int i) {
        return "http://127.0.0.1:" + (httpBase + i);
    }

    List<String> urls() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < validators; i++) out.add(url(i));
        return out;
    }

    /**
     * Writes the genesis, the dev-only keys and every node.conf. An existing devnet directory is reused
     * (its chain continues) unless {@code fresh}, which deletes it first.
     */
    void prepare(boolean fresh) throws IOException {
        Path genesisFile = dir.resolve("genesis.json");
        if (fresh && Files.exists(dir)) deleteDevnetDir();
        Files.createDirectories(dir);
        if (Files.exists(genesisFile)) {
            Genesis g = Genesis.read(genesisFile);
            if (g.validators().size() != validators) {
                throw new IllegalArgumentException(dir + " holds a devnet of " + g.validators().size()
                        + " validators; use --validators " + g.validators().size() + ", another --data or --fresh");
            }
            log.println("reusing the devnet in " + dir + " (use --fresh to start a new chain)");
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty and holds no devnet genesis.json; refusing to use it");
                }
            }
            Genesis g = DevnetGenesis.create(validators);
            Files.writeString(genesisFile, g.toJson(DevnetGenesis.notes()) + "\n");
            Files.writeString(dir.resolve("README-DEV-ONLY.txt"), """
                    A local development network written by `ledger devnet`.
                    DEV-ONLY: every key under %s/ is derived from a public label (anyone can sign with it).
                    Never use these keys, or this genesis, for anything of value.
                    """.formatted(KEYS_DIR));
        }
        for (int i = 0; i < validators; i++) writeKey("validator-" + i, DevnetGenesis.validatorKey(i));
        for (String name : DevnetGenesis.DEMO_ACCOUNTS) writeKey(name, DevnetGenesis.key(name));
        writeKey(DevnetGenesis.ORACLE, DevnetGenesis.key(DevnetGenesis.ORACLE));
        for (int i = 0; i < validators; i++) {
            // Every node is a seed, but none lists itself first: Pekko lets the first-listed node start a new
            // cluster, and a restarted node must rejoin the running one instead. The devnet starts node-0 with
            // ledger.cluster.form-new-cluster=true, which puts it first for that start only.
            int self = i;
            String seeds = java.util.stream.IntStream.range(0, validators).map(j -> (j + self + 1) % validators)
                    .mapToObj(j -> "\"pekko://ledger@127.0.0.1:" + (clusterBase + j) + "\"").collect(Collectors.joining(", "));
            Files.createDirectories(nodeDir(i));
            Files.writeString(config(i), """
                    # DEV-ONLY devnet node written by `ledger devnet` (rewritten at every devnet start).
                    # Run it alone with: ledger node --config <this file>. Relative paths are relative to this file.
                    ledger {
                      node-name = "node-%d"
                      data-dir = "."
                      genesis-file = "../genesis.json"
                      validator-key-file = "../%s/validator-%d.json"
                      cluster {
                        host = "127.0.0.1"
                        port = %d
                        # Every node is a seed, itself last, so a restarted node rejoins the running cluster; only
                        # the devnet's own start of node-0 forms a new one (ledger.cluster.form-new-cluster).
                        seed-nodes = [%s]
                      }
                      http.port = %d%s
                    }
                    # All nodes share one machine: form the cluster and retry joins sooner than the defaults (5 s, 10 s).
                    pekko.cluster.seed-node-timeout = 2s
                    pekko.cluster.retry-unsuccessful-join-after = 2s
                    # ... and tolerate a slow start on a busy machine (the 20 s default can fail the receptionist's start).
                    pekko.actor.creation-timeout = 120s
                    """.formatted(i, KEYS_DIR, i, clusterBase + i, seeds, httpBase + i, i != 0 ? ""
                    // node-0 is the devnet's auction oracle (genesis lists the key's address under "oracles")
                    : "\n  llm.oracle.key-file = \"" + keyFile(DevnetGenesis.ORACLE).toAbsolutePath().toString().replace('\\', '/') + "\""));
        }
    }

    private void writeKey(String name, KeyPair key) throws IOException {
        Path f = keyFile(name);
        if (!Files.exists(f)) KeyFile.write(f, key, DEV_ONLY_NOTE);
    }

    private void deleteDevnetDir() throws IOException {
        boolean devnet = Files.exists(dir.resolve("genesis.json")) && Files.exists(dir.resolve(KEYS_DIR));
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (!devnet && !empty) throw new IllegalArgumentException("--fresh: " + dir + " does not look like a devnet directory; refusing to delete it");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
    }

    /** The command that (re)starts node {@code i} and joins the running cluster: this JVM's java binary and classpath. */
    List<String> command(int i) {
        return command(i, false);
    }

    /** With {@code formCluster}, the node may start a new cluster (the devnet's start of node-0 only). */
    List<String> command(int i, boolean formCluster) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        if (formCluster) cmd.add("-D" + io.reactiveledger.node.NodeLauncher.FORM_NEW_CLUSTER + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LedgerCli.class.getName());
        cmd.add("node");
        cmd.add("--config");
        cmd.add(config(i).toString());
        return cmd;
    }

    /** The shell command line that (re)starts node {@code i} in the background, appending to its log. */
    String restartCommand(int i) {
        return command(i).stream().map(Devnet::shellQuote).collect(Collectors.joining(" "))
                + " >> " + shellQuote(logFile(i).toString()) + " 2>&1 &";
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    void checkPortsFree() {
        for (int i = 0; i < validators; i++) {
            for (int port : new int[] {httpBase + i, clusterBase + i}) {
                if (!portFree(port)) {
                    throw new IllegalStateException("port " + port + " is in use (another devnet running? stop it or use --base-port / --cluster-port)");
                }
            }
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void startAll() throws IOException {
        for (int i = 0; i < validators; i++) start(i);
    }

    void start(int i) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(i, i == 0)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(i).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        processes[i] = pb.start();
        Files.writeString(nodeDir(i).resolve("node.pid"), processes[i].pid() + "\n");
    }

    Process process(int i) {
        return processes[i];
    }

    /** Adopts a process started elsewhere (e.g. from {@link #restartCommand}) so that {@link #close} stops it too. */
    void adopt(int i, Process p) {
        processes[i] = p;
    }

    /** Waits until every node's /ready (or /v1/status) answers; fails early, with its log's tail, if a node exits. */
    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean[] ready = new boolean[validators];
        int left = validators;
        while (left > 0) {
            for (int i = 0; i < validators; i++) {
                if (ready[i]) continue;
                Process p = processes[i];
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException("node-" + i + " exited with code " + p.exitValue() + "; last lines of "
                            + logFile(i) + ":\n" + tail(logFile(i), 15));
                }
                if (new LedgerClient(url(i), Duration.ofSeconds(3)).ready()) {
                    ready[i] = true;
                    left--;
                    log.println("  node-" + i + " ready at " + url(i));
                }
            }
            if (left == 0) break;
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("devnet not ready after " + timeout.toSeconds() + " s:");
                for (int i = 0; i < validators; i++) {
                    if (!ready[i]) sb.append("\n--- node-").append(i).append(" (").append(logFile(i)).append(")\n").append(tail(logFile(i), 10));
                }
                throw new IllegalStateException(sb.toString());
            }
            Thread.sleep(500);
        }
    }

    static String tail(Path file, int lines) throws IOException {
        if (!Files.exists(file)) return "(no log)";
        List<String> all = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    void printSummary(PrintStream out) {
        out.println("devnet: " + validators + " validators, data in " + dir);
        for (int i = 0; i < validators; i++) {
            Process p = processes[i];
            out.printf("  node-%d  %s  cluster 127.0.0.1:%d  pid %s  log %s%n", i, url(i), clusterBase + i,
                    p == null ? "-" : String.valueOf(p.pid()), logFile(i));
        }
        out.println("dev-only keys (funded demo accounts " + String.join(", ", DevnetGenesis.DEMO_ACCOUNTS) + "): " + dir.resolve(KEYS_DIR));
        out.println("restart a node after it stopped or was killed (it rejoins and catches up):");
        for (int i = 0; i < validators; i++) out.println("  " + restartCommand(i));
    }

    /** Stops node {@code i}: SIGTERM (coordinated shutdown), then kill -9 after 30 s. */
    void stop(int i) throws InterruptedException {
        Process p = processes[i];
        if (p == null) return;
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        processes[i] = null;
    }

    /** Stops every node: SIGTERM to all first, then waits for each. */
    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null && p.isAlive()) p.destroy();
        }
        try {
            for (int i = 0; i < validators; i++) stop(i);
        } catch (InterruptedException e) {
            for (Process p : processes) {
                if (p != null) p.destroyForcibly();
            }
            Thread.currentThread().interrupt();
        }
    }
}
