package io.reactiveledger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/ledger}: the command-line entry point. */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "reactive-ledger 0.1.0",
        description = "A Byzantine-fault-tolerant permissioned ledger on Apache Pekko.",
        subcommands = {KeysCommand.class, NodeCommand.class, DevnetCommand.class, TxCommand.class, AuctionCommand.class,
                BlocksCommand.class, StatusCommand.class, DemoCommand.class, BenchCommand.class, EvalCommand.class,
                ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class LedgerCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LedgerCli());
        cl.getSubcommands().get("bench").addSubcommand("replay", new ReplayBenchCommand()); // kept out of BenchCommand.java
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            String msg = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + msg));
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        commonPoolWithoutThreadPerTask();
        System.exit(commandLine().execute(args));
    }

    /**
     * With fewer than 3 cores {@code ForkJoinPool.commonPool()} has parallelism 1, and {@code CompletableFuture}'s
     * default async executor then starts a new thread per task; Pekko's Java {@code ask} uses it for every callback
     * (see {@link io.reactiveledger.node.DirectFutures}). A parallelism of at least 2 keeps those on the pool.
     */
    static void commonPoolWithoutThreadPerTask() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() < 3) System.setProperty(key, "2");
    }
}
