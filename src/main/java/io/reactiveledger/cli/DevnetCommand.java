package io.reactiveledger.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger devnet}: a local cluster of separate validator processes. */
@Command(name = "devnet", mixinStandardHelpOptions = true,
        description = {"Run a local development network: one JVM per validator, each with its own data directory "
                + "and embedded journal. Stops them all on Ctrl-C.",
                "DEV-ONLY: the genesis funds demo accounts (seller, alice, bob, carol) whose keys are derived from public labels."})
final class DevnetCommand implements Callable<Integer> {
    @Option(names = "--validators", paramLabel = "N", defaultValue = "4", description = "Number of validators (default: ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/devnet", description = "Devnet directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port of node-0; node-i uses PORT+i (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "2551", description = "Cluster port of node-0; node-i uses PORT+i (default: ${DEFAULT-VALUE}).")
    int clusterPort;

    @Option(names = "--fresh", description = "Delete the devnet directory first and start a new chain (default: reuse it).")
    boolean fresh;

    @Option(names = "--exit-after-ready", description = "Exit once every node is ready, leaving the nodes running in the background (stop them with the printed kill command).")
    boolean exitAfterReady;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300", description = "How long to wait for every node to be ready (default: ${DEFAULT-VALUE}).")
    int readyTimeout;

    @Option(names = "--jvm-opts", paramLabel = "OPTS", defaultValue = Devnet.DEFAULT_JVM_OPTS, description = "JVM options of each node (default: ${DEFAULT-VALUE}).")
    String jvmOpts;

    @Override
    public Integer call() throws Exception {
        Devnet devnet = new Devnet(data, validators, basePort, clusterPort, Devnet.splitOpts(jvmOpts), System.out);
        devnet.checkPortsFree();
        devnet.prepare(fresh);
        Thread hook = new Thread(() -> {
            System.out.println("\nstopping the devnet ...");
            devnet.close();
        }, "devnet-shutdown");
        if (!exitAfterReady) Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("starting " + validators + " validators (logs in " + devnet.dir + "/node-*/node.log) ...");
        devnet.startAll();
        try {
            devnet.awaitReady(Duration.ofSeconds(readyTimeout));
        } catch (Exception e) {
            if (exitAfterReady) devnet.close();
            throw e;
        }
        devnet.printSummary(System.out);
        if (exitAfterReady) {
            StringBuilder pids = new StringBuilder();
            for (int i = 0; i < validators; i++) pids.append(' ').append(devnet.process(i).pid());
            System.out.println("nodes keep running; stop them with: kill" + pids);
            return 0;
        }
        System.out.println("Ctrl-C stops every node started here.");
        watch(devnet);
        return 0;
    }

    /** Reports nodes that exit, until this process is interrupted (Ctrl-C runs the shutdown hook). */
    static void watch(Devnet devnet) throws InterruptedException {
        boolean[] reported = new boolean[devnet.validators];
        while (true) {
            for (int i = 0; i < devnet.validators; i++) {
                Process p = devnet.process(i);
                if (p != null && !p.isAlive() && !reported[i]) {
                    reported[i] = true;
                    System.out.println("node-" + i + " exited with code " + p.exitValue() + "; restart it with:\n  " + devnet.restartCommand(i));
                }
            }
            Thread.sleep(1000);
        }
    }
}
