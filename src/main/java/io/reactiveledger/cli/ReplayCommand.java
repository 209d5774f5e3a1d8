package io.reactiveledger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.replay.BlockExport;
import io.reactiveledger.replay.Replay;
import io.reactiveledger.replay.ReplaySummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger replay}: rebuilds a node's chain from its journal and verifies every block (docs/REPLAY.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuild a node's chain from its event journal and verify every block: previous-hash link, "
                + "tx Merkle root, commit certificate, re-execution to the state root. Exit 0 when all verifies, "
                + "3 otherwise, naming the first failing height and check. The node must be stopped (docs/REPLAY.md)."})
final class ReplayCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 3;

    @Spec
    CommandSpec spec;
    @Option(names = "--data", required = true, description = "The node's data directory (holds journal.mv.db).")
    Path data;
    @Option(names = "--node", description = "Node name (default: the data directory's last segment).")
    String node;
    @Option(names = "--genesis", description = "Genesis file (default: <data>/genesis.json, else config/genesis.json).")
    Path genesisFile;
    @Option(names = "--to-height", description = "Stop after this height.")
    Long toHeight;
    @Option(names = "--no-verify-signatures", description = "Skip certificate and transaction signature checks (quorum is still checked).")
    boolean noSignatures;
    @Option(names = "--export", description = "Write the verified blocks to this file as JSON lines.")
    Path export;
    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;
    @Option(names = "--threads", description = "Threads for signature checks (default: available processors).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = data.toAbsolutePath().normalize();
        String name = node != null ? node : dir.getFileName().toString();
        Config config = Replay.config(name, dir);
        String url = config.getString("ledger.persistence.db.url");
        if (url.startsWith("jdbc:h2:file:") && !Files.exists(dir.resolve("journal.mv.db"))) {
            throw new IllegalArgumentException("no journal at " + dir.resolve("journal.mv.db"));
        }
        if (url.startsWith("jdbc:h2:file:")) checkNotLocked(config);
        Path gf = genesisFile(dir);
        Genesis genesis = Genesis.read(gf);
        Replay.Options options = new Replay.Options(!noSignatures, toHeight == null ? Long.MAX_VALUE : toHeight,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        ProgressBar bar = System.console() != null && !json ? new ProgressBar(err, toHeight) : null;
        ReplaySummary s;
        try (BlockExport ex = export == null ? null : new BlockExport(export)) {
            s = Replay.run(config, genesis, options, bar, ex);
        }
        if (bar != null) bar.finish();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
        } else {
            print(out, name, gf, s);
        }
        out.flush();
        if (!s.ok()) {
            err.println("replay FAILED at " + s.failure().message());
            err.flush();
            return EXIT_FAILED;
        }
        return 0;
    }

    /**
     * H2 in file mode lets one process open the file: beside a running node the read journal's pool would
     * keep retrying until the node stops. Probe once and say so instead.
     */
    private static void checkNotLocked(Config config) {
        Config db = config.getConfig("ledger.persistence.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.getString("url"), db.getString("user"),
                db.getString("password"))) {
            c.isValid(1);
        } catch (java.sql.SQLException e) {
            if (e.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN_1
                throw new IllegalStateException("the journal is in use by another process (is the node running?); stop it "
                        + "first, or run both with AUTO_SERVER=TRUE in ledger.persistence.db.url (docs/REPLAY.md)");
            }
            throw new IllegalStateException("cannot open the journal: " + e.getMessage(), e);
        }
    }

    private Path genesisFile(Path dir) {
        if (genesisFile != null) return genesisFile;
        Path inData = dir.resolve("genesis.json");
        if (Files.exists(inData)) return inData;
        Path dflt = Path.of("config", "genesis.json");
        if (Files.exists(dflt)) return dflt;
        throw new IllegalArgumentException("no genesis: pass --genesis FILE (looked for " + inData + " and " + dflt.toAbsolutePath() + ")");
    }

    private static void print(PrintWriter out, String name, Path genesis, ReplaySummary s) {
        out.printf(Locale.ROOT, "replay of %s (%s), genesis %s, signatures %s%n", name, s.persistenceId(), genesis,
                s.signaturesVerified() ? "verified" : "NOT verified");
        out.printf(Locale.ROOT, "  blocks      %,d%n  txs         %,d%n  events      %,d (%,d evidence, %,d other)%n",
                s.blocks(), s.txs(), s.events(), s.evidenceEvents(), s.otherEvents());
        if (s.badSignatureTxs() > 0) out.printf(Locale.ROOT, "  rejected txs with bad signatures: %,d%n", s.badSignatureTxs());
        out.printf(Locale.ROOT, "  elapsed     %.2f s (%,.0f events/s, %,.0f txs/s)%n", s.elapsedSeconds(), s.eventsPerSecond(), s.txsPerSecond());
        out.printf(Locale.ROOT, "  height      %d%n  hash        %s%n  state root  %s%n", s.finalHeight(), s.finalHash(), s.stateRoot());
        out.println(s.ok() ? "OK: every block verified" : "FAILED: " + s.failure().message());
    }
}
