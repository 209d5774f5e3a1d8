package io.reactiveledger.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/run-ganache.sh} (Node.js, Ganache in-process, ethers) as a subprocess and returns
 * the JSON it prints last on stdout; on failure an object with {@code "error"}.
 */
public final class GanacheRunner {
    private GanacheRunner() {
    }

    /** The repository root: the jar's {@code target/..}, else the working directory. */
    static Path repoRoot() {
        try {
            Path jar = Path.of(GanacheRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("bench/run-ganache.sh"))) return p;
            }
        } catch (Exception ignored) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    public static JsonNode run(int txs, int senders, int warmup, PrintStream log) {
        ObjectMapper json = new ObjectMapper();
        Path script = repoRoot().resolve("bench/run-ganache.sh");
        if (!Files.isRegularFile(script)) return error(json, "not found: " + script);
        try {
            Process p = new ProcessBuilder(List.of("bash", script.toString(), "--txs", String.valueOf(txs),
                    "--senders", String.valueOf(senders), "--warmup", String.valueOf(warmup)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuilder out = new StringBuilder();
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    if (line.startsWith("{")) last = line;
                }
                if (last == null) log.print(out);
            }
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return error(json, "timed out");
            }
            if (p.exitValue() != 0 || last == null) return error(json, "exit code " + p.exitValue());
            return json.readTree(last);
        } catch (Exception e) {
            return error(json, e.toString());
        }
    }

    private static JsonNode error(ObjectMapper json, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("error", message);
        return o;
    }
}
