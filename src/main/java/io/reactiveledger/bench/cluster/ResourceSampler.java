package io.reactiveledger.bench.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples CPU time and heap in use of each node every 100 ms, so that CPU can be taken over the measured
 * window (known only at the end) and heap as the peak over the whole run.
 */
public final class ResourceSampler implements AutoCloseable {
    /** How to read one node's figures; any of them may be -1 when unknown. */
    public interface Probe {
        String name();

        /** CPU time used so far, in nanoseconds (all threads of the process). */
        long cpuNanos();

        long heapUsedBytes();

        long heapMaxBytes();

        /** Whether the probe covers a process shared by several nodes. */
        boolean shared();
    }

    private record Sample(long atNanos, long cpuNanos, long heapBytes) {
    }

    private final List<Probe> probes;
    private final List<List<Sample>> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-resource-sampler");
        t.setDaemon(true);
        return t;
    });

    public ResourceSampler(List<Probe> probes) {
        this.probes = List.copyOf(probes);
        for (int i = 0; i < probes.size(); i++) samples.add(new ArrayList<>());
    }

    public ResourceSampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized void sample() {
        long now = System.nanoTime();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            try {
                samples.get(i).add(new Sample(now, p.cpuNanos(), p.heapUsedBytes()));
            } catch (RuntimeException e) {
                // a node that went away mid-run: keep what was sampled
            }
        }
    }

    /** CPU over [startNanos, endNanos] (nearest samples) and peak heap over the whole run, per node. */
    public synchronized List<ClusterReport.NodeResources> resources(long startNanos, long endNanos) {
        List<ClusterReport.NodeResources> out = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            List<Sample> s = samples.get(i);
            double cpu = -1;
            double peak = -1;
            if (!s.isEmpty()) {
                Sample a = nearest(s, startNanos);
                Sample b = nearest(s, endNanos);
                if (b.atNanos() > a.atNanos() && a.cpuNanos() >= 0 && b.cpuNanos() >= 0) {
                    cpu = 100.0 * (b.cpuNanos() - a.cpuNanos()) / (b.atNanos() - a.atNanos());
                }
                long max = -1;
                for (Sample x : s) max = Math.max(max, x.heapBytes());
                peak = max < 0 ? -1 : max / 1048576.0;
            }
            long hm = p.heapMaxBytes();
            out.add(new ClusterReport.NodeResources(p.name(), cpu, peak, hm < 0 ? -1 : hm / 1048576.0, p.shared()));
        }
        return out;
    }

    private static Sample nearest(List<Sample> s, long at) {
        Sample best = s.get(0);
        for (Sample x : s) if (Math.abs(x.atNanos() - at) < Math.abs(best.atNanos() - at)) best = x;
        return best;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** This JVM: process CPU time (OperatingSystemMXBean) and heap in use (MemoryMXBean). */
    public static Probe thisJvm(String name, boolean shared) {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.MemoryMXBean mem = java.lang.management.ManagementFactory.getMemoryMXBean();
        return new Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long cpuNanos() {
                if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
                return -1;
            }

            @Override
            public long heapUsedBytes() {
                return mem.getHeapMemoryUsage().getUsed();
            }

            @Override
            public long heapMaxBytes() {
                return mem.getHeapMemoryUsage().getMax();
            }

            @Override
            public boolean shared() {
                return shared;
            }
        };
    }
}
