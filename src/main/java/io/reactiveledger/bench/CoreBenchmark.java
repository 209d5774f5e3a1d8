package io.reactiveledger.bench;

import io.reactiveledger.core.block.Validator;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.ContractRegistry;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Ed25519;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.genesis.Genesis;
import io.reactiveledger.core.state.BlockContext;
import io.reactiveledger.core.state.BlockResult;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.StateTransition;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.tx.Bid;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.SignatureCache;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Measures the pure core on this machine: transaction decode + strict signature verification (one core
 * and all cores) and block application throughput for 1,000-transaction blocks of transfers and of
 * bids, with signatures already checked (a warm verification cache, as on a node whose mempool
 * verified them on admission). Application includes computing the state root of every block.
 */
public final class CoreBenchmark {
    private static final String CHAIN = "bench";
    private static final long GENESIS_TIME = 1_700_000_000_000L;
    private static final long RICH = 1_000_000_000_000L;

    /** Sizes of one run. */
    public record Config(int accounts, int blockSize, int warmupBlocks, int measuredBlocks, int verifyTxs,
                         int threads, int auctions) {
        public static Config standard() {
            return new Config(10_000, 1_000, 20, 40, 10_000, Runtime.getRuntime().availableProcessors(), 100);
        }

        /** Tiny sizes, for the test that keeps this harness working. */
        public static Config smoke() {
            return new Config(50, 20, 1, 2, 200, 2, 3);
        }
    }

    public record Result(int cores, double verifyPerSecondOneCore, double decodeVerifyPerSecondOneCore,
                         double decodeVerifyPerSecondAllCores, int threads, double transfersPerSecond,
                         double bidsPerSecond, double transferBlockMillis, double bidBlockMillis, int blockSize,
                         int accounts, long stateEntries) {
    }

    private final Config config;
    private final List<KeyPair> keys;
    private final KeyPair proposer = KeyPair.deterministic("bench-proposer");

    public CoreBenchmark(Config config) {
        this.config = config;
        this.keys = parallel(config.accounts(), config.threads(), i -> KeyPair.deterministic("bench-account-" + i));
    }

    public Result run(java.io.PrintStream log) {
        log.printf("preparing: %d accounts, %d-tx blocks, %d warm-up + %d measured blocks, %d threads%n",
                config.accounts(), config.blockSize(), config.warmupBlocks(), config.measuredBlocks(), config.threads());
        List<byte[]> encoded = signedTransfers(config.verifyTxs());

        double rawVerify = measureRawVerify(encoded);
        log.printf("Ed25519 strict verify, 1 core:           %,10.0f /s%n", rawVerify);
        double oneCore = measureDecodeVerify(encoded, 1);
        log.printf("decode + verify, 1 core:                 %,10.0f tx/s%n", oneCore);
        double allCores = measureDecodeVerify(encoded, config.threads());
        log.printf("decode + verify, %d threads:              %,10.0f tx/s%n", config.threads(), allCores);

        Application transfers = measureTransfers();
        log.printf("apply %d-tx transfer blocks, 1 core:    %,10.0f tx/s (%.2f ms/block)%n",
                config.blockSize(), transfers.txPerSecond, transfers.msPerBlock);
        Application bids = measureBids();
        log.printf("apply %d-tx bid blocks, 1 core:         %,10.0f tx/s (%.2f ms/block)%n",
                config.blockSize(), bids.txPerSecond, bids.msPerBlock);
        return new Result(Runtime.getRuntime().availableProcessors(), rawVerify, oneCore, allCores, config.threads(),
                transfers.txPerSecond, bids.txPerSecond, transfers.msPerBlock, bids.msPerBlock, config.blockSize(),
                config.accounts(), transfers.stateEntries);
    }

    private List<byte[]> signedTransfers(int n) {
        return parallel(n, config.threads(), i -> {
            KeyPair from = keys.get(i % keys.size());
            Address to = keys.get((i * 7 + 1) % keys.size()).address();
            return Transaction.sign(new TxBody(CHAIN, from.publicKey(), i / keys.size(), 1, new Transfer(to, 1), ""), from)
                    .encoded();
        });
    }

    /** One warm-up pass, then the median rate of three measured passes. */
    private static double medianRate(int n, java.util.function.LongSupplier pass) {
        pass.getAsLong();
        double[] rates = new double[3];
        for (int i = 0; i < rates.length; i++) rates[i] = n / (pass.getAsLong() / 1e9);
        java.util.Arrays.sort(rates);
        return rates[1];
    }

    private double measureRawVerify(List<byte[]> encoded) {
        List<Transaction> txs = new ArrayList<>();
        for (byte[] e : encoded) txs.add(decode(e));
        int n = txs.size();
        return medianRate(n, () -> {
            long start = System.nanoTime();
            int ok = 0;
            for (Transaction t : txs) if (t.verifySignature()) ok++;
            long nanos = System.nanoTime() - start;
            if (ok != n) throw new IllegalStateException("benchmark signatures failed to verify: " + (n - ok));
            return nanos;
        });
    }

    private double measureDecodeVerify(List<byte[]> encoded, int threads) {
        return medianRate(encoded.size(), () -> decodeVerifyPass(encoded, threads));
    }

    private long decodeVerifyPass(List<byte[]> encoded, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> parts = new ArrayList<>();
            int per = (encoded.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int from = t * per;
                int to = Math.min(encoded.size(), from + per);
                parts.add(pool.submit(() -> decodeVerifySlice(encoded, from, to)));
            }
            int ok = 0;
            for (Future<Integer> f : parts) ok += f.get();
            long nanos = System.nanoTime() - start;
            if (ok != encoded.size()) throw new IllegalStateException("decode/verify failed for " + (encoded.size() - ok));
            return nanos;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int decodeVerifySlice(List<byte[]> encoded, int from, int to) {
        int ok = 0;
        for (int i = from; i < to; i++) {
            if (decode(encoded.get(i)).verifySignature()) ok++;
        }
        return ok;
    }

    private record Application(double txPerSecond, double msPerBlock, long stateEntries) {
    }

    private Genesis genesis(Map<Address, Long> balances) {
        return new Genesis(CHAIN, GENESIS_TIME, List.of(new Validator(proposer.publicKey(), 1, "bench")), balances);
    }

    private Application measureTransfers() {
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair k : keys) balances.put(k.address(), RICH);
        Genesis g = genesis(balances);
        int blocks = config.warmupBlocks() + config.measuredBlocks();
        int total = blocks * config.blockSize();
        List<Transaction> txs = parallel(total, config.threads(), i -> {
            KeyPair from = keys.get(i % keys.size());
            Address to = keys.get((i * 31 + 7) % keys.size()).address();
            return Transaction.sign(new TxBody(CHAIN, from.publicKey(), i / keys.size(), 1,
                    new Transfer(to, 1 + i % 1000), ""), from);
        });
        return applyBlocks(g.state(), txs);
    }

    private Application measureBids() {
        int auctions = config.auctions();
        List<KeyPair> sellers = new ArrayList<>();
        for (int a = 0; a < auctions; a++) sellers.add(KeyPair.deterministic("bench-seller-" + a));
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair k : keys) balances.put(k.address(), RICH);
        for (KeyPair s : sellers) balances.put(s.address(), RICH);
        Genesis g = genesis(balances);

        // One block creates the auctions (ids 1..auctions); it is not measured.
        List<Transaction> creates = new ArrayList<>();
        for (int a = 0; a < auctions; a++) {
            KeyPair s = sellers.get(a);
            creates.add(Transaction.sign(new TxBody(CHAIN, s.publicKey(), 0, 1,
                    new CreateAuction("bench lot " + a, 10, GENESIS_TIME + 365L * 86_400_000L, 1), ""), s));
        }
        StateTransition st = new StateTransition(ContractRegistry.standard(), t -> true);
        BlockResult created = st.execute(g.state(), new BlockContext(CHAIN, 1, GENESIS_TIME + 1, proposer.address()), creates);
        requireSuccess(created.receipts());

        int blocks = config.warmupBlocks() + config.measuredBlocks();
        int total = blocks * config.blockSize();
        // Bid i goes to auction i % auctions from bidder i % accounts, each bid one above the last on its auction.
        List<Transaction> txs = parallel(total, config.threads(), i -> {
            KeyPair bidder = keys.get(i % keys.size());
            long auction = 1 + (i % auctions);
            long amount = 10 + i / auctions;
            return Transaction.sign(new TxBody(CHAIN, bidder.publicKey(), i / keys.size(), 1,
                    new Bid(auction, amount), ""), bidder);
        });
        return applyBlocks(created.state(), txs, 1);
    }

    private Application applyBlocks(WorldState genesisState, List<Transaction> txs) {
        return applyBlocks(genesisState, txs, 0);
    }

    private Application applyBlocks(WorldState start, List<Transaction> txs, int heightOffset) {
        SignatureCache cache = new SignatureCache(txs.size() + 1);
        parallel(txs.size(), config.threads(), i -> cache.verify(txs.get(i))); // the mempool's job, done beforehand
        StateTransition st = new StateTransition(ContractRegistry.standard(), cache::verify);
        WorldState state = start;
        int size = config.blockSize();
        long measuredNanos = 0;
        for (int b = 0; b < config.warmupBlocks() + config.measuredBlocks(); b++) {
            List<Transaction> block = txs.subList(b * size, (b + 1) * size);
            BlockContext ctx = new BlockContext(CHAIN, heightOffset + b + 1, GENESIS_TIME + 1_000L * (b + 2), proposer.address());
            long t0 = System.nanoTime();
            BlockResult r = st.execute(state, ctx, block);
            r.stateRoot();
            long t1 = System.nanoTime();
            requireSuccess(r.receipts());
            if (b >= config.warmupBlocks()) measuredNanos += t1 - t0;
            state = r.state();
        }
        long measuredTxs = (long) config.measuredBlocks() * size;
        return new Application(measuredTxs / (measuredNanos / 1e9),
                measuredNanos / 1e6 / config.measuredBlocks(), state.entryCount());
    }

    private static void requireSuccess(List<Receipt> receipts) {
        for (Receipt r : receipts) {
            if (!r.isSuccess()) throw new IllegalStateException("benchmark transaction failed: " + r.code() + " " + r.message());
        }
    }

    private static Transaction decode(byte[] e) {
        try {
            return Transaction.decode(e);
        } catch (DecodeException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Builds a list of n elements in parallel, preserving order. */
    static <T> List<T> parallel(int n, int threads, IntFunction<T> f) {
        @SuppressWarnings("unchecked")
        T[] out = (T[]) new Object[n];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> parts = new ArrayList<>();
            int per = (n + threads - 1) / Math.max(1, threads);
            for (int t = 0; t < threads; t++) {
                int from = t * per;
                int to = Math.min(n, from + per);
                parts.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) out[i] = f.apply(i);
                }));
            }
            for (Future<?> p : parts) p.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return java.util.Arrays.asList(out);
    }

    static {
        // Touch Bouncy Castle's precomputation outside the timed sections.
        Ed25519.publicKeyOf(new byte[32]);
    }
}
