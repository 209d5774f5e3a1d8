package io.reactiveledger.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A devnet of separate node processes started with this jar's {@code devnet --exit-after-ready} command
 * (one JVM per validator), and stopped again by process id.
 */
public final class DevnetProcesses implements AutoCloseable {
    private final List<String> endpoints = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    private DevnetProcesses() {
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public List<Long> pids() {
        return pids;
    }

    /** The jar this class was loaded from. */
    static Path ownJar() {
        try {
            Path p = Path.of(DevnetProcesses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!p.toString().endsWith(".jar")) throw new IllegalStateException("--mode processes runs from the jar (bin/ledger), not from " + p);
            return p;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DevnetProcesses start(int validators, Path dir, int basePort, int clusterPort, String jvmOpts,
                                        PrintStream log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", ownJar().toString(),
                "devnet", "--validators", String.valueOf(validators), "--fresh", "--data", dir.toString(),
                "--base-port", String.valueOf(basePort), "--cluster-port", String.valueOf(clusterPort),
                "--exit-after-ready", "--jvm-opts=" + jvmOpts));
        log.println("starting the devnet: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        DevnetProcesses d = new DevnetProcesses();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.println("  devnet| " + line);
                int k = line.indexOf("stop them with: kill");
                if (k >= 0) {
                    for (String pid : line.substring(k + "stop them with: kill".length()).trim().split("\\s+")) {
                        d.pids.add(Long.parseLong(pid));
                    }
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || d.pids.size() != validators) {
            d.close();
            throw new IllegalStateException("the devnet did not start (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        for (int i = 0; i < validators; i++) d.endpoints.add("http://127.0.0.1:" + (basePort + i));
        return d;
    }

    /** SIGTERM to every node, then SIGKILL to those still running after 30 s. */
    @Override
    public void close() {
        List<ProcessHandle> hs = new ArrayList<>();
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            hs.add(h);
        });
        for (ProcessHandle h : hs) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
