package io.reactiveledger.consensus.messages;

import static io.reactiveledger.consensus.messages.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.V0;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.V1;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.block;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.label;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.proposal;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.vote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.PublicKey;
import io.reactiveledger.core.tx.TxFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid vote, proposal and evidence encodings and checks that decoding either fails with a
 * {@link DecodeException} or succeeds canonically (re-encoding gives back the input), and that no
 * mutant that decodes passes as a validly signed message other than one of the originals. The seed is
 * fixed and printed; rerun with {@code -Dfuzz.seed=<seed>}.
 */
class ConsensusCodecFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 0xC0_115E_05L);
    private static final int CASES = 60_000;
    /** Ed25519 verification costs ~0.1 ms, so only this many decoded mutants are checked for signatures. */
    private static final int MAX_SIGNATURE_CHECKS = 3_000;

    enum Kind { VOTE, PROPOSAL, EVIDENCE }

    /** A big-endian integer field at {@code offset} that the fuzzer forges. */
    record Field(int offset, int width) {
    }

    record Sample(String name, Kind kind, byte[] bytes, List<Field> fields) {
    }

    private int signatureChecks;

    @Test
    void mutantsFailCleanlyOrDecodeCanonically() {
        System.out.println("ConsensusCodecFuzzTest seed = " + SEED + " (reproduce with -Dfuzz.seed=" + SEED + ")");
        List<Sample> samples = samples();
        SplittableRandom rnd = new SplittableRandom(SEED);
        Map<Kind, Map<DecodeError, Integer>> errors = new EnumMap<>(Kind.class);
        Map<Kind, Integer> accepted = new EnumMap<>(Kind.class);
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Sample s = samples.get(rnd.nextInt(samples.size()));
            StringBuilder what = new StringBuilder();
            byte[] m = mutate(s, rnd, what);
            String context = "case " + i + " of " + s.name + " [" + what + "]";
            try {
                Object decoded = decode(s.kind, m);
                accepted.merge(s.kind, 1, Integer::sum);
                byte[] again = encode(decoded);
                if (!Arrays.equals(m, again)) {
                    fail(context + ": non-canonical decode\n  input      " + Hex.encode(m) + "\n  re-encoded " + Hex.encode(again));
                }
                if (!Arrays.equals(m, s.bytes)) checkNotForged(s, decoded, context);
            } catch (DecodeException e) {
                errors.computeIfAbsent(s.kind, k -> new EnumMap<>(DecodeError.class)).merge(e.error(), 1, Integer::sum);
                assertTrue(e.offset() >= 0 && e.offset() <= m.length, context + ": offset " + e.offset() + " outside the input");
            } catch (RuntimeException | Error t) {
                fail(context + ": decoder threw " + t + " for " + Hex.encode(m), t);
            }
        }
        System.out.printf("consensus codec fuzz: %d cases in %d ms, decoded %s, %d signature checks, refused %s%n", CASES,
                (System.nanoTime() - start) / 1_000_000, accepted, signatureChecks, errors);
        for (Kind k : Kind.values()) {
            assertTrue(accepted.getOrDefault(k, 0) > 100, "too few " + k + " mutants decode: " + accepted);
            assertTrue(errors.get(k).size() >= 4, k + ": mutations should reach most checks: " + errors.get(k));
        }
        assertTrue(errors.get(Kind.PROPOSAL).containsKey(DecodeError.LENGTH_OUT_OF_RANGE));
        assertTrue(errors.get(Kind.EVIDENCE).containsKey(DecodeError.UNKNOWN_PAYLOAD));
        assertTrue(signatureChecks > 500);
    }

    /** A decoded mutant may verify only if it is (or, for evidence, only holds) messages that were signed. */
    private void checkNotForged(Sample s, Object decoded, String context) {
        if (signatureChecks >= MAX_SIGNATURE_CHECKS) return;
        List<byte[]> originals = new ArrayList<>();
        List<Object> messages = new ArrayList<>();
        if (decoded instanceof Evidence.DuplicateVote d) {
            messages.add(d.first());
            messages.add(d.second());
        } else if (decoded instanceof Evidence.ConflictingProposals c) {
            messages.add(c.first());
            messages.add(c.second());
        } else {
            messages.add(decoded);
        }
        try {
            Object original = decode(s.kind, s.bytes);
            if (original instanceof Evidence.DuplicateVote d) {
                originals.add(encode(d.first()));
                originals.add(encode(d.second()));
            } else if (original instanceof Evidence.ConflictingProposals c) {
                originals.add(encode(c.first()));
                originals.add(encode(c.second()));
            } else {
                originals.add(s.bytes);
            }
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
        for (Object msg : messages) {
            signatureChecks++;
            if (!validlySigned(msg)) continue;
            byte[] bytes = encode(msg);
            boolean known = originals.stream().anyMatch(o -> Arrays.equals(o, bytes));
            if (!known) fail(context + ": a mutant carries a validly signed message that was never signed: " + msg);
        }
    }

    private static boolean validlySigned(Object msg) {
        if (msg instanceof Vote v) return v.verify(CHAIN, keyOf(v.validator().hex()));
        Proposal p = (Proposal) msg;
        // The proposal signature covers the block hash (the header) only; the transactions are bound to it
        // through the header's tx root, which consensus checks when it validates the block.
        return p.verify(CHAIN, keyOf(p.proposer().hex())) && p.block().txRootMatches();
    }

    private static PublicKey keyOf(String addressHex) {
        if (addressHex.equals(V0.address().hex())) return V0.publicKey();
        return V1.publicKey(); // for any other address, verify() is false (address mismatch)
    }

    private static Object decode(Kind kind, byte[] b) throws DecodeException {
        return switch (kind) {
            case VOTE -> ConsensusCodec.decodeVote(b);
            case PROPOSAL -> ConsensusCodec.decodeProposal(b);
            case EVIDENCE -> ConsensusCodec.decodeEvidence(b);
        };
    }

    private static byte[] encode(Object o) {
        if (o instanceof Vote v) return ConsensusCodec.encode(v);
        if (o instanceof Proposal p) return ConsensusCodec.encode(p);
        return ConsensusCodec.encode((Evidence) o);
    }

    // ---------------------------------------------------------------------------------------------
    // Samples
    // ---------------------------------------------------------------------------------------------

    private static List<Sample> samples() {
        Vote nil = vote(V0, VoteType.PREVOTE, 7, 0, null);
        Vote forA = vote(V1, VoteType.PRECOMMIT, 7, 2, label("A"));
        Vote forB = vote(V1, VoteType.PRECOMMIT, 7, 2, label("B"));
        Block empty = block(7, "empty");
        Block other = block(7, "other");
        Block oneTx = block(7, "one tx", TxFixtures.oneTransactionOfEachType().subList(0, 1));
        Proposal fresh = proposal(V0, 7, 0, -1, empty);
        Proposal withPol = proposal(V1, 7, 3, 1, oneTx);
        Proposal conflicting = proposal(V0, 7, 0, -1, other);

        List<Sample> out = new ArrayList<>();
        for (Vote v : List.of(nil, forA)) {
            out.add(new Sample("vote " + v, Kind.VOTE, ConsensusCodec.encode(v), voteFields(0)));
        }
        for (Proposal p : List.of(fresh, withPol)) {
            out.add(new Sample("proposal " + p, Kind.PROPOSAL, ConsensusCodec.encode(p), proposalFields(0, p)));
        }
        List<Field> dv = new ArrayList<>(List.of(new Field(0, 1), new Field(1, 1)));
        dv.addAll(voteFields(2));
        dv.addAll(voteFields(2 + ConsensusCodec.VOTE_BYTES));
        out.add(new Sample("duplicate vote", Kind.EVIDENCE, ConsensusCodec.encode(new Evidence.DuplicateVote(forA, forB)), dv));
        List<Field> cp = new ArrayList<>(List.of(new Field(0, 1), new Field(1, 1)));
        cp.addAll(proposalFields(2, fresh));
        cp.addAll(proposalFields(2 + ConsensusCodec.encode(fresh).length, conflicting));
        out.add(new Sample("conflicting proposals", Kind.EVIDENCE,
                ConsensusCodec.encode(new Evidence.ConflictingProposals(fresh, conflicting)), cp));
        return out;
    }

    private static List<Field> voteFields(int at) {
        return List.of(new Field(at, 1), new Field(at + 1, 1), new Field(at + 2, 8), new Field(at + 10, 4), new Field(at + 14, 1));
    }

    private static List<Field> proposalFields(int at, Proposal p) {
        int header = p.block().header().encode().length;
        int chainLength = p.block().header().chainId().length();
        int blockAt = at + 21;
        List<Field> fields = new ArrayList<>(List.of(
                new Field(at, 1), new Field(at + 1, 8), new Field(at + 9, 4), new Field(at + 13, 4), new Field(at + 17, 4),
                new Field(blockAt, 1),                     // header version
                new Field(blockAt + 1, 1),                 // chain id length
                new Field(blockAt + 2 + chainLength, 8),   // header height
                new Field(blockAt + header, 4)));          // tx count
        if (!p.block().transactions().isEmpty()) fields.add(new Field(blockAt + header + 4, 2)); // first tx length
        return fields;
    }

    // ---------------------------------------------------------------------------------------------
    // Mutations
    // ---------------------------------------------------------------------------------------------

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0xFF};

    private static byte[] mutate(Sample s, SplittableRandom rnd, StringBuilder what) {
        byte[] b = s.bytes.clone();
        int ops = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
        for (int op = 0; op < ops; op++) {
            if (b.length == 0) b = new byte[] {(byte) rnd.nextInt(256)};
            int pos = rnd.nextInt(b.length);
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
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    b = splice(b, pos, 0, ins);
                    what.append("insert ").append(ins.length).append('@').append(pos).append("; ");
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
                    long v = forged(f, ConsensusCodecTest.get(b, f.offset, f.width), rnd);
                    b = ConsensusCodecTest.with(b, f.offset, f.width, v);
                    what.append("forge u").append(8 * f.width).append('@').append(f.offset).append('=')
                            .append(Long.toUnsignedString(v)).append("; ");
                }
                case 8 -> {
                    int n = 1 + rnd.nextInt(Math.min(32, b.length));
                    int x = rnd.nextInt(b.length - n + 1);
                    int y = rnd.nextInt(b.length - n + 1);
                    System.arraycopy(Arrays.copyOfRange(b, x, x + n), 0, b, y, n);
                    what.append("copy ").append(n).append('@').append(x).append("->").append(y).append("; ");
                }
                default -> {
                    byte[] tail = new byte[1 + rnd.nextInt(4)];
                    rnd.nextBytes(tail);
                    b = splice(b, b.length, 0, tail);
                    what.append("append ").append(tail.length).append("; ");
                }
            }
        }
        return b;
    }

    private static long forged(Field f, long current, SplittableRandom rnd) {
        long max = f.width == 8 ? -1L : (1L << (8 * f.width)) - 1;
        long[] candidates = switch (f.width) {
            case 1 -> new long[] {0, 1, 2, 3, 0x80, max};
            case 2 -> new long[] {0, 1, 0x8000, 2048, 2049, max};
            case 4 -> new long[] {0, 1, 2, 3, 4, 0x7FFF_FFFFL, 0x8000_0000L, Block.MAX_BYTES, Block.MAX_BYTES + 1L, 100_000, max};
            default -> new long[] {0, 1, 6, 7, 8, Long.MAX_VALUE, Long.MIN_VALUE, max};
        };
        return switch (rnd.nextInt(4)) {
            case 0 -> (current + 1) & max;
            case 1 -> (current - 1) & max;
            case 2 -> rnd.nextLong() & max;
            default -> candidates[rnd.nextInt(candidates.length)];
        };
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    @Test
    void samplesAreValid() throws Exception {
        for (Sample s : samples()) {
            Object decoded = decode(s.kind, s.bytes);
            assertEquals(Hex.encode(s.bytes), Hex.encode(encode(decoded)), s.name);
        }
    }
}
