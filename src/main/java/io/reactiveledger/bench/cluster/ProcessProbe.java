package io.reactiveledger.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** A node process: CPU from {@code /proc/<pid>/stat} (utime + stime), heap from the node's {@code /metrics}. */
public final class ProcessProbe implements ResourceSampler.Probe {
    /** USER_HZ: clock ticks per second in /proc (100 on every mainstream Linux build). */
    static final long TICKS_PER_SECOND = 100;

    private final String name;
    private final long pid;
    private final LongSupplier heap;
    private final long heapMax;

    public ProcessProbe(String name, long pid, LongSupplier heapUsedBytes, long heapMaxBytes) {
        this.name = name;
        this.pid = pid;
        this.heap = heapUsedBytes;
        this.heapMax = heapMaxBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long cpuNanos() {
        if (pid <= 0) return -1;
        try {
            return cpuNanosFromStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15, counted after the parenthesised command name) in nanoseconds. */
    static long cpuNanosFromStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state); utime is field 14 -> f[11], stime field 15 -> f[12]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    @Override
    public long heapUsedBytes() {
        return heap.getAsLong();
    }

    @Override
    public long heapMaxBytes() {
        return heapMax;
    }

    @Override
    public boolean shared() {
        return false;
    }
}
