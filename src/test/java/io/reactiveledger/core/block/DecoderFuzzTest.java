package io.reactiveledger.core.block;

import static io.reactiveledger.core.block.BlockFixtures.get;
import static io.reactiveledger.core.block.BlockFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.tx.CreateAuction;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxFixtures;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated bytes to the decoders of untrusted input ({@link Transaction#decode},
 * {@link Block#decode}, {@link CommittedBlock#decode}) and checks that
 * <ul>
 *   <li>the only exception that ever escapes is {@link DecodeException};</li>
 *   <li>whatever decodes is canonical: re-encoding the decoded value gives back exactly the input;</li>
 *   <li>a mutated transaction that still decodes no longer carries a valid signature;</li>
 *   <li>forged counts and lengths do not make the decoder allocate for them.</li>
 * </ul>
 * The seed is fixed and printed; rerun a failure with {@code -Dfuzz.seed=<seed>}. Each test derives its
 * own random stream from the seed, so a test reproduces when run alone.
 */
class DecoderFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 0x5EED_C0DEC_2024L);
    /**
     * Cases are split over this many threads, each with its own random stream derived from the seed. It
     * is a constant (not the number of cores) so that the generated cases are the same on every machine.
     */
    private static final int WORKERS = 2;

    private static final int RANDOM_CASES = 200_000;
    private static final int TX_MUTATION_CASES = 200_000;
    // Every transaction that decodes costs ~0.14 ms of Ed25519 public-key validation, so a block of
    // three costs ~0.4 ms: block cases are fewer, to keep the class at about 10 s on 2 idle cores.
    private static final int BLOCK_MUTATION_CASES = 20_000;
    private static final int COMMITTED_BLOCK_MUTATION_CASES = 20_000;
    /** Signature checks are ~0.3 ms each, so only the first accepted mutants of each worker are verified. */
    private static final int MAX_SIGNATURE_CHECKS_PER_WORKER = 1_000;

    @BeforeAll
    static void printSeed() {
        System.out.println("DecoderFuzzTest seed = " + SEED + " (reproduce with -Dfuzz.seed=" + SEED + ")");
    }

    // ---------------------------------------------------------------------------------------------
    // (a) random bytes
    // ---------------------------------------------------------------------------------------------

    @Test
    void randomBytesOnlyEverFailWithDecodeException() throws Exception {
        byte[] validPrefix = new ByteWriter().u8(1).bytes8(ascii(TxFixtures.CHAIN))
                .bytes(TxFixtures.ALICE.publicKey().bytes()).toByteArray();
        Stats stats = fuzz("random tx bytes", RANDOM_CASES, 1, (rnd, i, st) -> {
            byte[] input = new byte[rnd.nextInt(3001)];
            rnd.nextBytes(input);
            // A quarter start like a v1 transaction, a quarter also carry a valid chain id and sender, so
            // that the random tail reaches the payload and memo parsers instead of failing on the version.
            int flavour = rnd.nextInt(4);
            if (flavour == 1 && input.length > 0) input[0] = 1;
            if (flavour >= 2) System.arraycopy(validPrefix, 0, input, 0, Math.min(validPrefix.length, input.length));
            decodeTx(input, null, st, "random case " + i);
        });
        assertEquals(RANDOM_CASES, stats.cases);
        assertTrue(stats.errors.containsKey(DecodeError.TOO_LARGE));
        assertTrue(stats.errors.containsKey(DecodeError.UNKNOWN_PAYLOAD), "random tails must reach the payload parser");
    }

    // ---------------------------------------------------------------------------------------------
    // (b) mutated transactions
    // ---------------------------------------------------------------------------------------------

    @Test
    void mutatedTransactionsFailCleanlyOrDecodeCanonically() throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (Transaction tx : TxFixtures.oneTransactionOfEachType()) samples.add(txSample(tx));
        samples.add(txSample(TxFixtures.signed(new CreateAuction("\u53e4".repeat(150) + "\ud83c\udfa8".repeat(50), 1, 0, 1),
                9, 0, "\u00e9".repeat(128))));
        Stats stats = fuzz("mutated transactions", TX_MUTATION_CASES, 2, (rnd, i, st) -> {
            Sample s = samples.get(rnd.nextInt(samples.size()));
            Mutant m = mutate(s, rnd);
            decodeTx(m.bytes, s.bytes, st, "tx mutation case " + i + " of " + s.name + " [" + m.description + "]");
        });
        assertEquals(TX_MUTATION_CASES, stats.cases);
        assertTrue(stats.accepted > TX_MUTATION_CASES / 50, "too few mutants decode, the fuzzer is not reaching the end");
        assertTrue(stats.signatureChecks > 0);
        assertTrue(stats.errors.size() >= 8, "mutations should trigger most decode errors: " + stats.errors.keySet());
    }

    /**
     * Decodes; fails on any exception but DecodeException and on a non-canonical success. When the
     * input is a mutant of a signed {@code original}, a successful decode must not verify.
     */
    private static void decodeTx(byte[] input, byte[] original, Stats stats, String context) {
        Transaction tx = decodeOrNull(() -> Transaction.decode(input), input, stats, context);
        if (tx == null) return;
        byte[] body = tx.body().encode();
        byte[] reencoded = new ByteWriter().bytes(body).bytes(tx.signature()).toByteArray();
        assertCanonical(input, reencoded, context);
        assertCanonical(input, tx.encoded(), context);
        if (original != null && !Arrays.equals(input, original) && stats.signatureChecks < MAX_SIGNATURE_CHECKS_PER_WORKER) {
            stats.signatureChecks++;
            assertFalse(tx.verifySignature(), context + ": mutated transaction still verifies: " + Hex.encode(input));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (c) mutated blocks and committed blocks
    // ---------------------------------------------------------------------------------------------

    @Test
    void mutatedBlocksFailCleanlyOrDecodeCanonically() throws Exception {
        List<Sample> samples = blockSamples(false);
        Stats stats = fuzz("mutated blocks", BLOCK_MUTATION_CASES, 3, (rnd, i, st) -> {
            Sample s = samples.get(rnd.nextInt(samples.size()));
            Mutant m = mutate(s, rnd);
            String context = "block mutation case " + i + " of " + s.name + " [" + m.description + "]";
            Block b = decodeOrNull(() -> Block.decode(m.bytes), m.bytes, st, context);
            if (b != null) assertCanonical(m.bytes, b.encode(), context);
        });
        assertTrue(stats.accepted > BLOCK_MUTATION_CASES / 100);
        assertTrue(stats.errors.size() >= 6, "mutations should trigger most decode errors: " + stats.errors.keySet());
    }

    @Test
    void mutatedCommittedBlocksFailCleanlyOrDecodeCanonically() throws Exception {
        List<Sample> samples = blockSamples(true);
        Stats stats = fuzz("mutated committed blocks", COMMITTED_BLOCK_MUTATION_CASES, 4, (rnd, i, st) -> {
            Sample s = samples.get(rnd.nextInt(samples.size()));
            Mutant m = mutate(s, rnd);
            String context = "committed block mutation case " + i + " of " + s.name + " [" + m.description + "]";
            CommittedBlock cb = decodeOrNull(() -> CommittedBlock.decode(m.bytes), m.bytes, st, context);
            if (cb != null) assertCanonical(m.bytes, cb.encode(), context);
        });
        assertTrue(stats.accepted > COMMITTED_BLOCK_MUTATION_CASES / 100);
        assertTrue(stats.errors.size() >= 6, "mutations should trigger most decode errors: " + stats.errors.keySet());
    }

    @Test
    void forgedTransactionCountsAreRefused() {
        Block block = BlockFixtures.block(3, TxFixtures.oneTransactionOfEachType().subList(0, 2));
        int countAt = block.header().encode().length;
        for (long count : new long[] {0xFFFF_FFFFL, 0x8000_0000L, 100_001, 100_000, 3, 1, 0}) {
            byte[] forged = block.encode();
            put(forged, countAt, 4, count);
            DecodeException e = expectDecodeException(() -> Block.decode(forged), forged);
            DecodeError expected = count > Block.MAX_TXS ? DecodeError.LENGTH_OUT_OF_RANGE
                    : count > 2 ? DecodeError.TRUNCATED : DecodeError.TRAILING_BYTES;
            assertEquals(expected, e.error(), "count " + count + ": " + e.getMessage());
        }
    }

    private static void assertCanonical(byte[] input, byte[] reencoded, String context) {
        if (!Arrays.equals(input, reencoded)) {
            fail(context + ": non-canonical encoding decoded\n  input      " + Hex.encode(input)
                    + "\n  re-encoded " + Hex.encode(reencoded));
        }
    }

    private static List<Sample> blockSamples(boolean committed) {
        List<Transaction> txs = TxFixtures.oneTransactionOfEachType();
        List<Sample> samples = new ArrayList<>();
        int[][] txSelections = {{}, {1}, {0, 2, 4}};
        for (int[] selection : txSelections) {
            List<Transaction> chosen = Arrays.stream(selection).mapToObj(txs::get).toList();
            Block block = BlockFixtures.block(7, chosen);
            List<Field> fields = new ArrayList<>();
            byte[] header = block.header().encode();
            fields.add(new Field(1, 1));                       // header chain id length
            fields.add(new Field(2 + header[1], 8));           // height
            fields.add(new Field(10 + header[1], 8));          // time
            fields.add(new Field(header.length, 4));           // tx count
            int at = header.length + 4;
            for (Transaction tx : chosen) {
                fields.add(new Field(at, 2));                  // tx length
                for (Field f : txFields(tx)) fields.add(new Field(at + 2 + f.offset, f.width));
                at += 2 + tx.size();
            }
            byte[] bytes = block.encode();
            if (committed) {
                bytes = new CommittedBlock(block, BlockFixtures.commit(block, 2, 0, 1, 3)).encode();
                fields.add(new Field(at, 8));                  // cert height
                fields.add(new Field(at + 8, 4));              // cert round
                fields.add(new Field(at + 44, 2));             // signature count
            }
            samples.add(new Sample((committed ? "committed block" : "block") + " with " + chosen.size() + " txs", bytes, fields, 0));
        }
        return samples;
    }

    // ---------------------------------------------------------------------------------------------
    // (d) allocation bound
    // ---------------------------------------------------------------------------------------------

    /**
     * Decoding must not allocate for what a forged count or length promises: a forged tx count of
     * 100,000 would cost &gt; 400 KiB of list capacity, a forged u16 length 64 KiB of buffer. The bound
     * of 8 KiB per call is far below either and far above what parsing a few fields costs.
     */
    @Test
    void forgedCountsAndLengthsDoNotCauseLargeAllocations() throws Exception {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting is not available");
        long calibration = allocatedPerCall(mx, () -> new byte[1 << 20], 20);
        assumeTrue(calibration >= 1 << 20, "allocation accounting looks broken: " + calibration);

        Block empty = BlockFixtures.block(1, List.of());
        byte[] header = empty.header().encode();
        // header, tx count 100000, then 20 bytes of the "first" tx: a u16 length of 2048 and 18 bytes
        byte[] block100k = new ByteWriter().bytes(header).u32(100_000).u16(Transaction.MAX_BYTES).bytes(new byte[18]).toByteArray();
        byte[] blockMaxCount = new ByteWriter().bytes(header).u32(0xFFFF_FFFFL).bytes(new byte[20]).toByteArray();
        byte[] certMaxCount = new ByteWriter().bytes(empty.encode()).u64(1).u32(0).bytes(empty.hash().bytes())
                .u16(ValidatorSet.MAX_VALIDATORS).bytes(new byte[20]).toByteArray();
        Transaction auction = TxFixtures.signed(new CreateAuction("lamp", 1, 0, 1), 0, 1, "memo");
        List<Field> fields = txFields(auction);
        byte[] txMaxChainLength = auction.encoded();
        put(txMaxChainLength, 1, 1, 0xFF);
        byte[] txMaxItemLength = auction.encoded();
        put(txMaxItemLength, fields.get(ITEM_LENGTH).offset, 2, 0xFFFF);
        byte[] txMaxMemoLength = auction.encoded();
        put(txMaxMemoLength, fields.get(MEMO_LENGTH).offset, 2, 0xFFFF);

        Map<String, Callable<?>> decodes = Map.of(
                "block with tx count 100000", () -> Block.decode(block100k),
                "block with tx count 2^32-1", () -> Block.decode(blockMaxCount),
                "committed block with signature count 1000", () -> CommittedBlock.decode(certMaxCount),
                "tx with chain id length 255", () -> Transaction.decode(txMaxChainLength),
                "tx with item length 65535", () -> Transaction.decode(txMaxItemLength),
                "tx with memo length 65535", () -> Transaction.decode(txMaxMemoLength));
        for (Map.Entry<String, Callable<?>> d : decodes.entrySet()) {
            Callable<?> quiet = () -> {
                try {
                    return d.getValue().call();
                } catch (DecodeException expected) {
                    return expected;
                }
            };
            assertTrue(quiet.call() instanceof DecodeException, d.getKey() + " must be refused");
            allocatedPerCall(mx, quiet, 2_000); // warm-up
            long perCall = allocatedPerCall(mx, quiet, 20_000);
            System.out.println("allocation per decode, " + d.getKey() + ": " + perCall + " bytes");
            assertTrue(perCall < 8 * 1024, d.getKey() + " allocates " + perCall + " bytes per call");
        }
    }

    private static long allocatedPerCall(com.sun.management.ThreadMXBean mx, Callable<?> action, int calls) throws Exception {
        long id = Thread.currentThread().getId();
        Object sink = null;
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) sink = action.call();
        long after = mx.getThreadAllocatedBytes(id);
        assertTrue(sink != null);
        return (after - before) / calls;
    }

    // ---------------------------------------------------------------------------------------------
    // Mutation engine
    // ---------------------------------------------------------------------------------------------

    /** A big-endian integer field (a length, count or value) at {@code offset} that the fuzzer forges. */
    record Field(int offset, int width) {
    }

    /**
     * A valid encoding to mutate. Mutations land in its last {@code opaqueTail} bytes (a transaction's
     * signature, which decoding only copies) a quarter as often as elsewhere: such mutants always decode
     * and each successful decode pays ~0.1 ms of public-key validation, which is better spent on fields.
     */
    record Sample(String name, byte[] bytes, List<Field> fields, int opaqueTail) {
    }

    record Mutant(byte[] bytes, String description) {
    }

    private static Sample txSample(Transaction tx) {
        return new Sample(tx.payload().getClass().getSimpleName() + " tx", tx.encoded(), txFields(tx), 64);
    }

    /** Indexes into {@link #txFields}. */
    private static final int MEMO_LENGTH = 5;
    private static final int ITEM_LENGTH = 6;

    /** The length fields and the wide integer fields of a transaction's encoding (see TxBody's layout). */
    private static List<Field> txFields(Transaction tx) {
        int chainLength = tx.chainId().length();
        int nonceAt = 2 + chainLength + 32;
        int tagAt = nonceAt + 16;
        int bodyLength = tx.size() - 64;
        int memoLengthAt = bodyLength - 2 - tx.memo().getBytes(StandardCharsets.UTF_8).length;
        List<Field> fields = new ArrayList<>(List.of(
                new Field(0, 1),              // version
                new Field(1, 1),              // chain id length
                new Field(nonceAt, 8),        // nonce
                new Field(nonceAt + 8, 8),    // fee
                new Field(tagAt, 1),          // payload type
                new Field(memoLengthAt, 2))); // memo length
        if (tx.payload() instanceof CreateAuction) fields.add(new Field(tagAt + 1, 2)); // item length
        return fields;
    }

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x41, 0xC3, 0xED};

    private static Mutant mutate(Sample s, SplittableRandom rnd) {
        byte[] b = s.bytes.clone();
        StringBuilder what = new StringBuilder();
        int ops = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
        for (int op = 0; op < ops; op++) {
            if (b.length == 0) b = new byte[] {(byte) rnd.nextInt(256)};
            int pos = rnd.nextInt(b.length);
            int opaqueFrom = b.length - s.opaqueTail;
            if (pos >= opaqueFrom && opaqueFrom > 0 && rnd.nextInt(4) != 0) pos = rnd.nextInt(opaqueFrom);
            switch (rnd.nextInt(10)) {
                case 0, 1 -> {
                    int bit = rnd.nextInt(8);
                    b[pos] ^= (byte) (1 << bit);
                    what.append("flip bit ").append(bit).append('@').append(pos).append("; ");
                }
                case 2 -> {
                    int v = rnd.nextBoolean() ? rnd.nextInt(256) : INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
                    b[pos] = (byte) v;
                    what.append("set ").append(v).append('@').append(pos).append("; ");
                }
                case 3 -> {
                    int n = 1 + rnd.nextInt(8);
                    byte[] ins = new byte[n];
                    rnd.nextBytes(ins);
                    b = splice(b, pos, 0, ins);
                    what.append("insert ").append(n).append('@').append(pos).append("; ");
                }
                case 4 -> {
                    int n = Math.min(1 + rnd.nextInt(8), b.length - pos);
                    b = splice(b, pos, n, new byte[0]);
                    what.append("delete ").append(n).append('@').append(pos).append("; ");
                }
                case 5 -> {
                    b = Arrays.copyOf(b, pos);
                    what.append("truncate to ").append(pos).append("; ");
                }
                case 6, 7 -> {
                    Field f = s.fields.get(rnd.nextInt(s.fields.size()));
                    if (f.offset + f.width > b.length) break;
                    long v = forgedValue(f, get(b, f.offset, f.width), rnd);
                    put(b, f.offset, f.width, v);
                    what.append("forge u").append(8 * f.width).append('@').append(f.offset).append('=')
                            .append(Long.toUnsignedString(v)).append("; ");
                }
                case 8 -> {
                    int n = 1 + rnd.nextInt(Math.min(32, b.length));
                    int x = rnd.nextInt(b.length - n + 1);
                    int y = rnd.nextInt(b.length - n + 1);
                    byte[] chunk = Arrays.copyOfRange(b, x, x + n);
                    if (rnd.nextBoolean()) {
                        System.arraycopy(b, y, b, x, n); // swap two chunks (when they overlap, a partial copy)
                        System.arraycopy(chunk, 0, b, y, n);
                        what.append("swap ").append(n).append('@').append(x).append('/').append(y).append("; ");
                    } else {
                        System.arraycopy(chunk, 0, b, y, n);
                        what.append("copy ").append(n).append('@').append(x).append("->").append(y).append("; ");
                    }
                }
                default -> {
                    int n = 1 + rnd.nextInt(4);
                    byte[] tail = new byte[n];
                    rnd.nextBytes(tail);
                    b = splice(b, b.length, 0, tail);
                    what.append("append ").append(n).append("; ");
                }
            }
        }
        return new Mutant(b, what.toString());
    }

    private static long forgedValue(Field f, long current, SplittableRandom rnd) {
        long max = f.width == 8 ? -1L : (1L << (8 * f.width)) - 1;
        long[] candidates = switch (f.width) {
            case 1 -> new long[] {max, 0, 0x80, 32, 33};
            case 2 -> new long[] {max, 0, 0x8000, 256, 257, 800, 801, 1000, 1001, 2048, 2049};
            case 4 -> new long[] {max, 0, 0x8000_0000L, 0x7FFF_FFFFL, 100_000, 100_001};
            default -> new long[] {max, 0, Long.MIN_VALUE, Long.MAX_VALUE};
        };
        return switch (rnd.nextInt(4)) {
            case 0 -> (current + 1) & max;
            case 1 -> (current - 1) & max;
            case 2 -> rnd.nextLong() & max;
            default -> candidates[rnd.nextInt(candidates.length)];
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static final class Stats {
        final Map<DecodeError, Integer> errors = new EnumMap<>(DecodeError.class);
        int cases;
        int accepted;
        int signatureChecks;

        void add(Stats o) {
            cases += o.cases;
            accepted += o.accepted;
            signatureChecks += o.signatureChecks;
            o.errors.forEach((e, n) -> errors.merge(e, n, Integer::sum));
        }
    }

    /** One fuzz case: build an input from {@code rnd}, decode it and check the outcome. */
    @FunctionalInterface
    interface FuzzCase {
        void run(SplittableRandom rnd, int index, Stats stats);
    }

    /** Runs cases 0..cases-1 on {@link #WORKERS} threads; worker w runs the cases i with i % WORKERS == w. */
    private static Stats fuzz(String name, int cases, int salt, FuzzCase fuzzCase) throws Exception {
        long start = System.nanoTime();
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Stats>> parts = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(SEED * 31 + salt * WORKERS + worker);
                    Stats stats = new Stats();
                    try {
                        for (int i = worker; i < cases && !failed.get(); i += WORKERS) fuzzCase.run(rnd, i, stats);
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    return stats;
                }));
            }
            Stats total = new Stats();
            for (Future<Stats> part : parts) {
                try {
                    total.add(part.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) throw error; // the assertion that failed
                    throw e;
                }
            }
            System.out.printf("%s: %d cases in %d ms, %d decoded, refused: %s%n", name, total.cases,
                    (System.nanoTime() - start) / 1_000_000, total.accepted, total.errors);
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs a decode; returns the value, or null after a DecodeException; fails on anything else. */
    private static <T> T decodeOrNull(Callable<T> decode, byte[] input, Stats stats, String context) {
        stats.cases++;
        try {
            T value = decode.call();
            stats.accepted++;
            return value;
        } catch (DecodeException e) {
            stats.errors.merge(e.error(), 1, Integer::sum);
            return null;
        } catch (Throwable t) {
            return fail(context + ": decoder threw " + t + " for input " + Hex.encode(input), t);
        }
    }

    private static DecodeException expectDecodeException(Callable<?> decode, byte[] input) {
        try {
            decode.call();
        } catch (DecodeException e) {
            return e;
        } catch (Throwable t) {
            fail("decoder threw " + t + " for input " + Hex.encode(input), t);
        }
        return fail("decoded " + Hex.encode(input));
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
