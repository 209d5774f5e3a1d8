package io.reactiveledger.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledger demo}: the reference article's auction end to end on a fresh local devnet of separate
 * validator processes; {@code --offline} runs the longer rule-by-rule version in this process instead.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The reference auction end to end: starts a FRESH local devnet (one JVM per validator), "
                + "creates an auction (start price 1, 5 scaled days), alice bids 1, bob bids 2, the auction ends and pays "
                + "the seller, alice withdraws; prints the highest bid, the blocks and every node's state root "
                + "(exit code 1 if they differ). Then keeps the devnet running until Ctrl-C (or stops with --exit).",
                "--offline: the longer scenario on the state machine in this process, no nodes."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exit", description = "Stop the devnet after the scenario and exit (for scripts).")
    boolean exit;

    @Option(names = "--offline", description = "Run the scenario on the state machine in this process (no nodes, no network).")
    boolean offline;

    @Option(names = "--validators", paramLabel = "N", defaultValue = "4", description = "Validators (default: ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/demo",
            description = "Devnet directory, deleted and recreated (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port of node-0 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "2551", description = "Cluster port of node-0 (default: ${DEFAULT-VALUE}).")
    int clusterPort;

    @Option(names = "--day", paramLabel = "DURATION", defaultValue = "4s",
            description = "How long one of the article's auction days lasts here (default: ${DEFAULT-VALUE}).")
    String day;

    @Option(names = "--jvm-opts", paramLabel = "OPTS", defaultValue = Devnet.DEFAULT_JVM_OPTS, description = "JVM options of each node (default: ${DEFAULT-VALUE}).")
    String jvmOpts;

    @Override
    public Integer call() throws Exception {
        if (offline) return new OfflineDemo(System.out).call();
        Duration dayLength = TxCommand.Durations.parse(day);
        Devnet devnet = new Devnet(data, validators, basePort, clusterPort, Devnet.splitOpts(jvmOpts), System.out);
        devnet.checkPortsFree();
        devnet.prepare(true);
        Thread hook = new Thread(() -> {
            System.out.println("\nstopping the devnet ...");
            devnet.close();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DemoScenario.Result result;
        try {
            System.out.println("starting a fresh devnet of " + validators + " validators, one JVM each (logs in "
                    + devnet.dir + "/node-*/node.log) ...");
            devnet.startAll();
            devnet.awaitReady(Duration.ofSeconds(300));
            System.out.println();
            result = new DemoScenario(devnet.urls(), dayLength, System.out).run();
        } catch (Exception e) {
            devnet.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        System.out.println();
        devnet.printSummary(System.out);
        if (exit) {
            devnet.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            return result.ok() ? 0 : 1;
        }
        System.out.println("the devnet keeps running (try: bin/ledger status, bin/ledger auction show " + result.auctionId()
                + ", curl " + devnet.url(0) + "/v1/blocks/latest); Ctrl-C stops it.");
        DevnetCommand.watch(devnet);
        return 0;
    }
}
