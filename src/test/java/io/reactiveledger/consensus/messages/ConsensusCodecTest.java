package io.reactiveledger.consensus.messages;

import static io.reactiveledger.consensus.messages.ConsensusFixtures.CHAIN;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.V0;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.V1;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.block;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.label;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.proposal;
import static io.reactiveledger.consensus.messages.ConsensusFixtures.vote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.TxFixtures;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConsensusCodecTest {
    private static final Hash A = label("block A");
    private static final Hash B = label("block B");

    private static final Vote NIL_PREVOTE = vote(V0, VoteType.PREVOTE, 5, 0, null);
    private static final Vote PRECOMMIT_A = vote(V0, VoteType.PRECOMMIT, 5, 3, A);
    private static final Vote PRECOMMIT_B = vote(V0, VoteType.PRECOMMIT, 5, 3, B);
    private static final Vote PRECOMMIT_NIL = vote(V0, VoteType.PRECOMMIT, 5, 3, null);

    private static final Block BLOCK_5 = block(5, "a");
    private static final Block BLOCK_5_OTHER = block(5, "b");
    private static final Block BLOCK_5_TXS = block(5, "txs", TxFixtures.oneTransactionOfEachType());
    private static final Proposal FRESH = proposal(V0, 5, 0, -1, BLOCK_5);
    private static final Proposal WITH_POL = proposal(V0, 5, 4, 2, BLOCK_5_TXS);
    private static final Proposal WITH_POL_0 = proposal(V0, 5, 1, 0, BLOCK_5);

    // ---------------------------------------------------------------------------------------------
    // Round trips and signatures
    // ---------------------------------------------------------------------------------------------

    @Nested
    class RoundTrips {
        @Test
        void votesRoundTripAndStillVerify() throws Exception {
            List<Vote> votes = List.of(NIL_PREVOTE, PRECOMMIT_A, PRECOMMIT_NIL,
                    vote(V1, VoteType.PREVOTE, 1, 0, A),
                    vote(V1, VoteType.PRECOMMIT, Long.MAX_VALUE, Integer.MAX_VALUE, B),
                    vote(V1, VoteType.PREVOTE, Long.MAX_VALUE, Integer.MAX_VALUE, null));
            for (Vote v : votes) {
                byte[] bytes = ConsensusCodec.encode(v);
                assertEquals(v.isNil() ? ConsensusCodec.NIL_VOTE_BYTES : ConsensusCodec.VOTE_BYTES, bytes.length);
                Vote decoded = ConsensusCodec.decodeVote(bytes);
                assertEquals(v, decoded);
                assertEquals(v.isNil(), decoded.isNil());
                assertArrayEquals(bytes, ConsensusCodec.encode(decoded));
                KeyPair signer = v.validator().equals(V0.address()) ? V0 : V1;
                assertTrue(decoded.verify(CHAIN, signer.publicKey()), v + " no longer verifies");
                assertFalse(decoded.verify("reactive-testnet", signer.publicKey()), "signature is bound to the chain");
                assertFalse(decoded.verify(CHAIN, (signer == V0 ? V1 : V0).publicKey()), "signature is bound to the key");
            }
        }

        @Test
        void precommitSignatureIsTheCommitCertificateSignature() throws Exception {
            Vote decoded = ConsensusCodec.decodeVote(ConsensusCodec.encode(PRECOMMIT_A));
            assertArrayEquals(PRECOMMIT_A.signature(), decoded.toCommitSignature().signature());
        }

        @Test
        void proposalsRoundTripAndStillVerify() throws Exception {
            List<Proposal> proposals = List.of(FRESH, WITH_POL, WITH_POL_0,
                    proposal(V1, 1, 0, -1, block(1, "first")),
                    proposal(V1, 9, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, block(9, "max round")));
            for (Proposal p : proposals) {
                byte[] bytes = ConsensusCodec.encode(p);
                Proposal decoded = ConsensusCodec.decodeProposal(bytes);
                assertEquals(p, decoded);
                assertEquals(p.polRound(), decoded.polRound());
                assertEquals(p.block(), decoded.block());
                assertTrue(decoded.block().txRootMatches());
                assertArrayEquals(bytes, ConsensusCodec.encode(decoded));
                KeyPair signer = p.proposer().equals(V0.address()) ? V0 : V1;
                assertTrue(decoded.verify(CHAIN, signer.publicKey()), p + " no longer verifies");
                assertFalse(decoded.verify("reactive-testnet", signer.publicKey()));
                assertFalse(decoded.verify(CHAIN, (signer == V0 ? V1 : V0).publicKey()));
            }
        }

        @Test
        void duplicateVoteEvidenceRoundTrips() throws Exception {
            List<Evidence.DuplicateVote> all = List.of(
                    new Evidence.DuplicateVote(PRECOMMIT_A, PRECOMMIT_B),
                    new Evidence.DuplicateVote(PRECOMMIT_B, PRECOMMIT_A),
                    new Evidence.DuplicateVote(PRECOMMIT_NIL, PRECOMMIT_A),
                    new Evidence.DuplicateVote(NIL_PREVOTE, vote(V0, VoteType.PREVOTE, 5, 0, B)));
            for (Evidence.DuplicateVote e : all) {
                byte[] bytes = ConsensusCodec.encode(e);
                Evidence decoded = ConsensusCodec.decodeEvidence(bytes);
                Evidence.DuplicateVote d = assertInstanceOf(Evidence.DuplicateVote.class, decoded);
                assertEquals(e, d);
                assertEquals(e.validator(), d.validator());
                assertEquals(e.height(), d.height());
                assertEquals(e.round(), d.round());
                assertArrayEquals(bytes, ConsensusCodec.encode(decoded));
                assertTrue(d.first().verify(CHAIN, V0.publicKey()));
                assertTrue(d.second().verify(CHAIN, V0.publicKey()));
            }
        }

        @Test
        void conflictingProposalsEvidenceRoundTrips() throws Exception {
            Proposal other = proposal(V0, 5, 0, -1, BLOCK_5_OTHER);
            Proposal withTxs = proposal(V0, 5, 0, -1, BLOCK_5_TXS);
            for (Evidence.ConflictingProposals e : List.of(new Evidence.ConflictingProposals(FRESH, other),
                    new Evidence.ConflictingProposals(withTxs, FRESH))) {
                byte[] bytes = ConsensusCodec.encode(e);
                Evidence.ConflictingProposals d = assertInstanceOf(Evidence.ConflictingProposals.class,
                        ConsensusCodec.decodeEvidence(bytes));
                assertEquals(e, d);
                assertEquals(e.first().block(), d.first().block());
                assertEquals(e.second().block(), d.second().block());
                assertArrayEquals(bytes, ConsensusCodec.encode(d));
                assertTrue(d.first().verify(CHAIN, V0.publicKey()));
                assertTrue(d.second().verify(CHAIN, V0.publicKey()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Layout (the documented byte layout, field by field)
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Layout {
        @Test
        void voteForABlock() {
            byte[] expected = new ByteWriter().u8(1).u8(2).u64(5).u32(3).u8(1).bytes(A.bytes())
                    .bytes(V0.address().bytes()).bytes(PRECOMMIT_A.signature()).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(PRECOMMIT_A));
            assertEquals(131, expected.length);
        }

        @Test
        void nilVote() {
            byte[] expected = new ByteWriter().u8(1).u8(1).u64(5).u32(0).u8(0)
                    .bytes(V0.address().bytes()).bytes(NIL_PREVOTE.signature()).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(NIL_PREVOTE));
            assertEquals(99, expected.length);
        }

        @Test
        void goldenNilPrevoteBytes() {
            byte[] bytes = ConsensusCodec.encode(NIL_PREVOTE);
            assertEquals("0101" + "0000000000000005" + "00000000" + "00" + V0.address().hex(),
                    Hex.encode(Arrays.copyOf(bytes, 35)));
        }

        @Test
        void proposalWithoutPolRound() {
            byte[] block = BLOCK_5.encode();
            byte[] expected = new ByteWriter().u8(1).u64(5).u32(0).u32(0).u32(block.length).bytes(block)
                    .bytes(V0.address().bytes()).bytes(FRESH.signature()).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(FRESH));
            assertEquals(21 + block.length + 84, expected.length);
        }

        @Test
        void proposalWithPolRound() {
            byte[] block = BLOCK_5_TXS.encode();
            byte[] expected = new ByteWriter().u8(1).u64(5).u32(4).u32(3).u32(block.length).bytes(block)
                    .bytes(V0.address().bytes()).bytes(WITH_POL.signature()).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(WITH_POL));
        }

        @Test
        void evidenceIsVersionKindAndTheTwoMessages() {
            Evidence.DuplicateVote dv = new Evidence.DuplicateVote(PRECOMMIT_A, PRECOMMIT_NIL);
            byte[] expected = new ByteWriter().u8(1).u8(1).bytes(ConsensusCodec.encode(PRECOMMIT_A))
                    .bytes(ConsensusCodec.encode(PRECOMMIT_NIL)).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(dv));

            Proposal other = proposal(V0, 5, 0, -1, BLOCK_5_OTHER);
            Evidence.ConflictingProposals cp = new Evidence.ConflictingProposals(FRESH, other);
            expected = new ByteWriter().u8(1).u8(2).bytes(ConsensusCodec.encode(FRESH))
                    .bytes(ConsensusCodec.encode(other)).toByteArray();
            assertArrayEquals(expected, ConsensusCodec.encode(cp));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Decode errors
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Errors {
        private final List<byte[]> votes = List.of(ConsensusCodec.encode(NIL_PREVOTE), ConsensusCodec.encode(PRECOMMIT_A));
        private final List<byte[]> proposals = List.of(ConsensusCodec.encode(FRESH), ConsensusCodec.encode(WITH_POL));
        private final List<byte[]> evidence = List.of(
                ConsensusCodec.encode(new Evidence.DuplicateVote(PRECOMMIT_NIL, PRECOMMIT_A)),
                ConsensusCodec.encode(new Evidence.ConflictingProposals(FRESH, proposal(V0, 5, 0, -1, BLOCK_5_TXS))));

        @Test
        void nullInput() {
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeVote(null));
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeProposal(null));
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeEvidence(null));
        }

        @Test
        void everyProperPrefixIsTruncated() {
            for (byte[] v : votes) eachPrefix(v, b -> ConsensusCodec.decodeVote(b));
            for (byte[] p : proposals) eachPrefix(p, b -> ConsensusCodec.decodeProposal(b));
            for (byte[] e : evidence) eachPrefix(e, b -> ConsensusCodec.decodeEvidence(b));
        }

        private void eachPrefix(byte[] full, Decoder d) {
            for (int n = 0; n < full.length; n++) {
                byte[] prefix = Arrays.copyOf(full, n);
                DecodeException e = expect(() -> d.decode(prefix), prefix);
                assertEquals(DecodeError.TRUNCATED, e.error(), "prefix of " + n + "/" + full.length + ": " + e.getMessage());
                assertTrue(e.offset() <= n, "offset " + e.offset() + " beyond the input of " + n);
            }
        }

        @Test
        void trailingBytes() {
            for (byte[] v : votes) assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeVote(append(v, 0)));
            for (byte[] p : proposals) assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeProposal(append(p, 0)));
            for (byte[] e : evidence) assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeEvidence(append(e, 7)));
            // A whole second message after the first is trailing too.
            byte[] two = append(votes.get(0), votes.get(1));
            DecodeException e = assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeVote(two));
            assertEquals(votes.get(0).length, e.offset());
        }

        @Test
        void badVersion() {
            for (int version : new int[] {0, 2, 255}) {
                for (byte[] v : votes) assertError(DecodeError.UNSUPPORTED_VERSION, () -> ConsensusCodec.decodeVote(with(v, 0, 1, version)));
                for (byte[] p : proposals) assertError(DecodeError.UNSUPPORTED_VERSION, () -> ConsensusCodec.decodeProposal(with(p, 0, 1, version)));
                for (byte[] e : evidence) {
                    assertError(DecodeError.UNSUPPORTED_VERSION, () -> ConsensusCodec.decodeEvidence(with(e, 0, 1, version)));
                    DecodeException inner = assertError(DecodeError.UNSUPPORTED_VERSION, () -> ConsensusCodec.decodeEvidence(with(e, 2, 1, version)));
                    assertEquals("evidence.first.version", inner.field());
                    assertEquals(2, inner.offset());
                }
            }
            // The block header's own version, inside a proposal: the offset points into the proposal.
            DecodeException e = assertError(DecodeError.UNSUPPORTED_VERSION,
                    () -> ConsensusCodec.decodeProposal(with(proposals.get(0), 21, 1, 2)));
            assertEquals("proposal.block.header.version", e.field());
            assertEquals(21, e.offset());
        }

        @Test
        void badVoteType() {
            for (int type : new int[] {0, 3, 0x80, 255}) {
                for (byte[] v : votes) {
                    DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeVote(with(v, 1, 1, type)));
                    assertEquals("vote.type", e.field());
                    assertEquals(1, e.offset());
                }
            }
        }

        @Test
        void badNilFlag() {
            for (int flag : new int[] {2, 0x80, 255}) {
                DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE,
                        () -> ConsensusCodec.decodeVote(with(votes.get(1), 14, 1, flag)));
                assertEquals("vote.hasBlock", e.field());
            }
            // A nil flag on a vote that carries a hash leaves 32 bytes over; a hash flag on a nil vote runs short.
            assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeVote(with(votes.get(1), 14, 1, 0)));
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeVote(with(votes.get(0), 14, 1, 1)));
        }

        @Test
        void heightZeroOrAbove2To63() {
            for (long h : new long[] {0, Long.MIN_VALUE, -1}) {
                for (byte[] v : votes) {
                    DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeVote(with(v, 2, 8, h)));
                    assertEquals("vote.height", e.field());
                    assertEquals(2, e.offset());
                }
                for (byte[] p : proposals) {
                    DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(p, 1, 8, h)));
                    assertEquals("proposal.height", e.field());
                }
            }
        }

        @Test
        void roundAbove2To31Minus1() {
            for (long r : new long[] {0x8000_0000L, 0xFFFF_FFFFL}) {
                for (byte[] v : votes) {
                    DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeVote(with(v, 10, 4, r)));
                    assertEquals("vote.round", e.field());
                    assertEquals(10, e.offset());
                }
                for (byte[] p : proposals) {
                    DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(p, 9, 4, r)));
                    assertEquals("proposal.round", e.field());
                }
            }
        }

        @Test
        void polRoundNotBelowRound() {
            byte[] fresh = proposals.get(0); // round 0, polRound -1
            byte[] withPol = proposals.get(1); // round 4, polRound 2
            for (long polPlusOne : new long[] {1, 2, 0x8000_0000L, 0xFFFF_FFFFL}) {
                DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(fresh, 13, 4, polPlusOne)));
                assertEquals("proposal.polRound", e.field());
                assertEquals(13, e.offset());
            }
            for (long polPlusOne : new long[] {5, 6, 0xFFFF_FFFFL}) { // polRound 4 (= round), 5, 2^32-2
                assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(withPol, 13, 4, polPlusOne)));
            }
            // polRound 3 (= round - 1) and -1 are fine at the codec level; the signature then no longer verifies.
            for (long polPlusOne : new long[] {4, 0}) {
                Proposal p = decodes(() -> ConsensusCodec.decodeProposal(with(withPol, 13, 4, polPlusOne)));
                assertEquals(polPlusOne - 1, p.polRound());
                assertFalse(p.verify(CHAIN, V0.publicKey()));
            }
        }

        @Test
        void blockHeightMustEqualProposalHeight() {
            for (long h : new long[] {4, 6, 1}) {
                byte[] forged = with(proposals.get(0), 1, 8, h);
                DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(forged));
                assertEquals("proposal.block.header.height", e.field());
            }
            // Hand-built: a proposal for height 5 carrying a (validly encoded) block of height 6.
            byte[] block6 = block(6, "a").encode();
            byte[] forged = new ByteWriter().u8(1).u64(5).u32(0).u32(0).u32(block6.length).bytes(block6)
                    .bytes(V0.address().bytes()).bytes(FRESH.signature()).toByteArray();
            assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(forged));
        }

        @Test
        void forgedBlockLengths() {
            byte[] p = proposals.get(1);
            int blockLength = (int) get(p, 17, 4);
            assertError(DecodeError.LENGTH_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(p, 17, 4, 0)));
            for (long n : new long[] {Block.MAX_BYTES + 1L, 0x8000_0000L, 0xFFFF_FFFFL}) {
                DecodeException e = assertError(DecodeError.LENGTH_OUT_OF_RANGE, () -> ConsensusCodec.decodeProposal(with(p, 17, 4, n)));
                assertEquals("proposal.block", e.field());
                assertEquals(17, e.offset());
            }
            // Longer than what is left: refused before anything is copied.
            for (long n : new long[] {Block.MAX_BYTES, p.length - 21 + 1, p.length}) {
                assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeProposal(with(p, 17, 4, n)));
            }
            // Off by a little: the block decoder sees a short block, or one with a trailing byte.
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeProposal(with(p, 17, 4, blockLength - 1)));
            assertError(DecodeError.TRAILING_BYTES, () -> ConsensusCodec.decodeProposal(with(p, 17, 4, blockLength + 1)));
        }

        @Test
        void forgedTransactionCountInsideTheBlock() {
            byte[] p = proposals.get(1);
            int countAt = 21 + BLOCK_5_TXS.header().encode().length;
            DecodeException e = assertError(DecodeError.LENGTH_OUT_OF_RANGE,
                    () -> ConsensusCodec.decodeProposal(with(p, countAt, 4, 0xFFFF_FFFFL)));
            assertEquals("proposal.block.txCount", e.field());
            assertEquals(countAt, e.offset());
            assertError(DecodeError.TRUNCATED, () -> ConsensusCodec.decodeProposal(with(p, countAt, 4, 100_000)));
        }

        @Test
        void forgedLengthsDoNotAllocate() throws Exception {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            byte[] p = with(proposals.get(0), 17, 4, Block.MAX_BYTES);
            byte[] inEvidence = with(evidence.get(1), 2 + 17, 4, Block.MAX_BYTES);
            long id = Thread.currentThread().getId();
            for (int warm = 0; warm < 2; warm++) {
                long before = mx.getThreadAllocatedBytes(id);
                for (int i = 0; i < 100; i++) {
                    expect(() -> ConsensusCodec.decodeProposal(p), p);
                    expect(() -> ConsensusCodec.decodeEvidence(inEvidence), inEvidence);
                }
                long perCall = (mx.getThreadAllocatedBytes(id) - before) / 200;
                assertTrue(perCall < 64 * 1024, "a forged block length costs " + perCall + " bytes per decode");
            }
        }

        @Test
        void tooLarge() {
            byte[] huge = new byte[ConsensusCodec.MAX_PROPOSAL_BYTES + 1];
            huge[0] = 1;
            assertError(DecodeError.TOO_LARGE, () -> ConsensusCodec.decodeProposal(huge));
        }

        @Test
        void unknownEvidenceKind() {
            for (byte[] e : evidence) {
                for (int kind : new int[] {0, 3, 255}) {
                    DecodeException x = assertError(DecodeError.UNKNOWN_PAYLOAD, () -> ConsensusCodec.decodeEvidence(with(e, 1, 1, kind)));
                    assertEquals("evidence.kind", x.field());
                    assertEquals(1, x.offset());
                }
            }
            // Kinds swapped: the votes' bytes do not parse as proposals and the other way round.
            expect(() -> ConsensusCodec.decodeEvidence(with(evidence.get(0), 1, 1, 2)), evidence.get(0));
            expect(() -> ConsensusCodec.decodeEvidence(with(evidence.get(1), 1, 1, 1)), evidence.get(1));
        }

        @Test
        void votesThatDoNotConflict() {
            Vote other = vote(V1, VoteType.PRECOMMIT, 5, 3, B);
            Vote prevoteB = vote(V0, VoteType.PREVOTE, 5, 3, B);
            Vote otherHeight = vote(V0, VoteType.PRECOMMIT, 6, 3, B);
            Vote otherRound = vote(V0, VoteType.PRECOMMIT, 5, 4, B);
            for (Vote second : List.of(PRECOMMIT_A, other, prevoteB, otherHeight, otherRound)) {
                byte[] bytes = new ByteWriter().u8(1).u8(1).bytes(ConsensusCodec.encode(PRECOMMIT_A))
                        .bytes(ConsensusCodec.encode(second)).toByteArray();
                DecodeException e = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeEvidence(bytes));
                assertEquals("evidence.second", e.field());
                assertEquals(2 + ConsensusCodec.VOTE_BYTES, e.offset());
            }
        }

        @Test
        void proposalsThatDoNotConflict() {
            List<Proposal> seconds = List.of(
                    FRESH,                                          // the same proposal
                    proposal(V0, 5, 1, 0, BLOCK_5),                 // same block, another round
                    proposal(V1, 5, 0, -1, BLOCK_5_OTHER),          // another proposer
                    proposal(V0, 5, 1, -1, BLOCK_5_OTHER),          // another round
                    proposal(V0, 6, 0, -1, block(6, "b")));         // another height
            for (Proposal second : seconds) {
                byte[] bytes = new ByteWriter().u8(1).u8(2).bytes(ConsensusCodec.encode(FRESH))
                        .bytes(ConsensusCodec.encode(second)).toByteArray();
                assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeEvidence(bytes));
            }
        }

        @Test
        void errorsInsideEvidenceNameTheMessageAndKeepAbsoluteOffsets() {
            byte[] e = evidence.get(0); // nil precommit (99 bytes), then precommit for A
            int secondAt = 2 + ConsensusCodec.NIL_VOTE_BYTES;
            DecodeException x = assertError(DecodeError.VALUE_OUT_OF_RANGE, () -> ConsensusCodec.decodeEvidence(with(e, secondAt + 1, 1, 9)));
            assertEquals("evidence.second.type", x.field());
            assertEquals(secondAt + 1, x.offset());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] bytes) throws DecodeException;
    }

    static long get(byte[] b, int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    /** A copy of {@code b} with {@code width} bytes at {@code off} set to {@code v}, big-endian. */
    static byte[] with(byte[] b, int off, int width, long v) {
        byte[] out = b.clone();
        for (int i = width - 1; i >= 0; i--) {
            out[off + i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    static byte[] append(byte[] b, int extra) {
        return append(b, new byte[] {(byte) extra});
    }

    static byte[] append(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static <T> T decodes(Callable<T> decode) {
        try {
            return decode.call();
        } catch (Exception e) {
            return fail("expected a successful decode", e);
        }
    }

    static DecodeException assertError(DecodeError expected, Callable<?> decode) {
        DecodeException e = expect(decode, null);
        assertEquals(expected, e.error(), e.getMessage());
        return e;
    }

    static DecodeException expect(Callable<?> decode, byte[] input) {
        Object decoded;
        try {
            decoded = decode.call();
        } catch (DecodeException e) {
            return e;
        } catch (Throwable t) {
            return fail("decoder threw " + t + (input == null ? "" : " for " + Hex.encode(input)), t);
        }
        return fail("decoded " + decoded);
    }
}
