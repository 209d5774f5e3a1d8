package io.reactiveledger.bench.cluster;

import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This machine's strict Ed25519 verification rate on all cores: the ceiling on committed TPS, since
 * every validator verifies every transaction once (at mempool admission, or on first sight in a block).
 */
public final class SignatureBoundMeter {
    private SignatureBoundMeter() {
    }

    /** Verifications per second on {@code threads} threads: one warm-up pass, then the median of three. */
    public static double verifiesPerSecond(int threads, int txs) {
        List<Transaction> signed = new ArrayList<>(txs);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 64; i++) keys.add(KeyPair.deterministic("bound-" + i));
        for (int i = 0; i < txs; i++) {
            KeyPair k = keys.get(i % keys.size());
            signed.add(Transaction.sign(new TxBody("bench-bound", k.publicKey(), i / keys.size(), 1,
                    new Transfer(keys.get((i + 1) % keys.size()).address(), 1), ""), k));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            pass(pool, threads, signed);
            double[] rates = new double[3];
            for (int i = 0; i < rates.length; i++) rates[i] = txs / (pass(pool, threads, signed) / 1e9);
            Arrays.sort(rates);
            return rates[1];
        } finally {
            pool.shutdownNow();
        }
    }

    /** Nanoseconds to verify all of {@code txs} split over {@code threads} workers. */
    private static long pass(ExecutorService pool, int threads, List<Transaction> txs) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < txs.size()) {
                    if (!txs.get(i).verifySignature()) bad.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        long nanos = System.nanoTime() - start;
        if (bad.get() != 0) throw new IllegalStateException(bad.get() + " benchmark signatures failed to verify");
        return nanos;
    }
}
