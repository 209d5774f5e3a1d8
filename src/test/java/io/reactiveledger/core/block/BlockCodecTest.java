package io.reactiveledger.core.block;

import static io.reactiveledger.core.block.BlockFixtures.CHAIN;
import static io.reactiveledger.core.block.BlockFixtures.VALIDATOR_KEYS;
import static io.reactiveledger.core.block.BlockFixtures.block;
import static io.reactiveledger.core.block.BlockFixtures.commit;
import static io.reactiveledger.core.block.BlockFixtures.header;
import static io.reactiveledger.core.block.BlockFixtures.label;
import static io.reactiveledger.core.block.BlockFixtures.precommit;
import static io.reactiveledger.core.block.BlockFixtures.validatorSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.TxFixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockCodecTest {
    private static final List<Transaction> TXS = TxFixtures.oneTransactionOfEachType();

    // ---------------------------------------------------------------------------------------------
    // Header
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Header {
        @Test
        void encodingFollowsTheDocumentedLayout() {
            BlockHeader h = header(42, TXS);
            byte[] expected = new ByteWriter()
                    .u8(1).u8(CHAIN.length()).bytes(CHAIN.getBytes(StandardCharsets.US_ASCII))
                    .u64(42).u64(h.timeMs())
                    .bytes(h.previousHash().bytes()).bytes(h.txRoot().bytes()).bytes(h.stateRoot().bytes())
                    .bytes(h.proposer().bytes()).bytes(h.validatorSetHash().bytes())
                    .toByteArray();

            assertArrayEquals(expected, h.encode());
        }

        @Test
        void roundTrips() throws Exception {
            BlockHeader h = header(42, TXS);
            ByteReader r = new ByteReader(h.encode());

            BlockHeader decoded = BlockHeader.read(r);
            r.expectEnd("header");

            assertEquals(h, decoded);
            assertEquals(h.hash(), decoded.hash());
        }

        @Test
        void blockHashIsSha256OfTheHeaderEncoding() throws Exception {
            Block b = block(42, TXS);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(b.header().encode());

            assertArrayEquals(expected, b.header().hash().bytes());
            assertEquals(b.header().hash(), b.hash());
        }

        @Test
        void everyHeaderFieldChangesTheHash() {
            BlockHeader h = header(42, TXS);
            Address other = KeyPair.deterministic("other").address();
            List<BlockHeader> variants = List.of(
                    new BlockHeader("reactive-testnet", 42, h.timeMs(), h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 43, h.timeMs(), h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs() + 1, h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs(), label("x"), h.txRoot(), h.stateRoot(), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs(), h.previousHash(), label("x"), h.stateRoot(), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs(), h.previousHash(), h.txRoot(), label("x"), h.proposer(), h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs(), h.previousHash(), h.txRoot(), h.stateRoot(), other, h.validatorSetHash()),
                    new BlockHeader(CHAIN, 42, h.timeMs(), h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), label("x")));
            for (BlockHeader v : variants) assertNotEquals(h.hash(), v.hash(), v.toString());
        }

        @Test
        void constructorRejectsInvalidFields() {
            BlockHeader h = header(1, List.of());
            assertThrows(IllegalArgumentException.class, () -> new BlockHeader(CHAIN, 0, 0, h.previousHash(), h.txRoot(),
                    h.stateRoot(), h.proposer(), h.validatorSetHash()));
            assertThrows(IllegalArgumentException.class, () -> new BlockHeader(CHAIN, 1, -1, h.previousHash(), h.txRoot(),
                    h.stateRoot(), h.proposer(), h.validatorSetHash()));
            assertThrows(IllegalArgumentException.class, () -> new BlockHeader("Devnet", 1, 0, h.previousHash(), h.txRoot(),
                    h.stateRoot(), h.proposer(), h.validatorSetHash()));
        }

        @Test
        void decodeRejectsInvalidFields() {
            byte[] good = block(1, List.of()).encode();
            int heightAt = 2 + CHAIN.length();

            byte[] version2 = good.clone();
            version2[0] = 2;
            assertDecodeError(DecodeError.UNSUPPORTED_VERSION, () -> Block.decode(version2));

            byte[] height0 = good.clone();
            BlockFixtures.put(height0, heightAt, 8, 0);
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> Block.decode(height0));

            byte[] hugeTime = good.clone();
            BlockFixtures.put(hugeTime, heightAt + 8, 8, Long.MIN_VALUE);
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> Block.decode(hugeTime));

            byte[] upperCaseChain = good.clone();
            upperCaseChain[2] = 'R';
            assertDecodeError(DecodeError.INVALID_CHAIN_ID, () -> Block.decode(upperCaseChain));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Block and committed block
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Blocks {
        @Test
        void blockWithTransactionsRoundTrips() throws Exception {
            Block b = block(7, TXS);

            Block decoded = Block.decode(b.encode());

            assertEquals(b, decoded);
            assertEquals(b.txHashes(), decoded.txHashes());
            assertArrayEquals(b.encode(), decoded.encode());
            assertTrue(decoded.txRootMatches());
            for (int i = 0; i < TXS.size(); i++) assertTrue(decoded.transactions().get(i).verifySignature());
        }

        @Test
        void encodingIsHeaderCountThenLengthPrefixedTransactions() {
            Block b = block(7, TXS.subList(0, 2));
            byte[] expected = new ByteWriter().bytes(b.header().encode()).u32(2)
                    .u16(TXS.get(0).size()).bytes(TXS.get(0).encoded())
                    .u16(TXS.get(1).size()).bytes(TXS.get(1).encoded())
                    .toByteArray();

            assertArrayEquals(expected, b.encode());
        }

        @Test
        void emptyBlockRoundTripsAndCommitsToTheEmptyTree() throws Exception {
            Block b = block(1, List.of());

            Block decoded = Block.decode(b.encode());

            assertEquals(b, decoded);
            assertTrue(decoded.transactions().isEmpty());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(new byte[0]), b.header().txRoot().bytes());
            assertTrue(decoded.txRootMatches());
        }

        @Test
        void txRootCommitsToTheTransactionsAndTheirOrder() {
            Block b = block(7, TXS);
            List<Transaction> swapped = new ArrayList<>(TXS);
            Collections.swap(swapped, 1, 3);

            assertTrue(b.txRootMatches());
            assertFalse(new Block(b.header(), swapped).txRootMatches(), "swapped order");
            assertFalse(new Block(b.header(), TXS.subList(0, TXS.size() - 1)).txRootMatches(), "dropped tx");
            assertFalse(new Block(b.header(), List.of()).txRootMatches(), "no txs");
            List<Transaction> extra = new ArrayList<>(TXS);
            extra.add(TxFixtures.signed(new io.reactiveledger.core.tx.Withdraw(99), 99, 1, ""));
            assertFalse(new Block(b.header(), extra).txRootMatches(), "added tx");
        }

        @Test
        void decodingDoesNotCheckTheTxRoot() throws Exception {
            // A block whose header does not match its transactions is well-formed bytes; rejecting it is
            // consensus' job (txRootMatches), so decoding must keep the order it was given.
            List<Transaction> swapped = new ArrayList<>(TXS);
            Collections.swap(swapped, 0, 1);
            Block mismatched = new Block(header(7, TXS), swapped);

            Block decoded = Block.decode(mismatched.encode());

            assertEquals(swapped, decoded.transactions());
            assertFalse(decoded.txRootMatches());
        }

        @Test
        void invalidTransactionInsideABlockReportsItsIndexAndAbsoluteOffset() {
            Block b = block(7, TXS.subList(0, 2));
            byte[] bytes = b.encode();
            int secondTxAt = b.header().encode().length + 4 + 2 + TXS.get(0).size() + 2;
            bytes[secondTxAt] = 2; // tx version 2

            DecodeException e = assertDecodeError(DecodeError.UNSUPPORTED_VERSION, () -> Block.decode(bytes));

            assertTrue(e.field().startsWith("block.tx[1]."), e.field());
            assertEquals(secondTxAt, e.offset());
        }

        @Test
        void emptyTransactionSlotIsRejected() {
            byte[] bytes = new ByteWriter().bytes(header(1, List.of()).encode()).u32(1).u16(0).toByteArray();
            assertDecodeError(DecodeError.LENGTH_OUT_OF_RANGE, () -> Block.decode(bytes));
        }

        @Test
        void trailingBytesAreRejected() {
            byte[] encoded = block(7, TXS).encode();
            byte[] bytes = Arrays.copyOf(encoded, encoded.length + 1);
            assertDecodeError(DecodeError.TRAILING_BYTES, () -> Block.decode(bytes));
        }

        @Test
        void nullInputIsADecodeException() {
            // Regression: Block.decode and CommittedBlock.decode threw NullPointerException, unlike Transaction.decode.
            assertDecodeError(DecodeError.TRUNCATED, () -> Block.decode(null));
            assertDecodeError(DecodeError.TRUNCATED, () -> CommittedBlock.decode(null));
        }

        @Test
        void committedBlockRoundTrips() throws Exception {
            Block b = block(7, TXS);
            CommittedBlock cb = new CommittedBlock(b, commit(b, 1, 3, 0, 2));

            CommittedBlock decoded = CommittedBlock.decode(cb.encode());

            assertEquals(b, decoded.block());
            assertEquals(cb.certificate(), decoded.certificate());
            assertArrayEquals(cb.encode(), decoded.encode());
            assertEquals(Optional.empty(), decoded.certificate().verify(validatorSet(1, 1, 1, 1), CHAIN, b.hash(), 7));
        }

        @Test
        void committedBlockEncodingIsBlockThenCertificate() {
            Block b = block(7, TXS.subList(0, 1));
            CommitCertificate c = commit(b, 1, 0, 1, 2);
            List<CommitSignature> sorted = c.signatures();
            ByteWriter w = new ByteWriter().bytes(b.encode()).u64(7).u32(1).bytes(b.hash().bytes()).u16(3);
            for (CommitSignature s : sorted) w.bytes(s.validator().bytes()).bytes(s.signature());

            assertArrayEquals(w.toByteArray(), new CommittedBlock(b, c).encode());
        }

        @Test
        void certificateForAnotherBlockIsRejected() {
            Block b = block(7, TXS);
            Block other = block(7, TXS.subList(0, 1));
            Block otherHeight = block(8, TXS);

            assertThrows(IllegalArgumentException.class, () -> new CommittedBlock(b, commit(other, 0, 0, 1, 2)));
            assertThrows(IllegalArgumentException.class, () -> new CommittedBlock(b, commit(otherHeight, 0, 0, 1, 2)));

            byte[] wrongHash = concat(b.encode(), certificateBytes(commit(other, 0, 0, 1, 2)));
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> CommittedBlock.decode(wrongHash));
            byte[] wrongHeight = concat(b.encode(), certificateBytes(commit(otherHeight, 0, 0, 1, 2)));
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> CommittedBlock.decode(wrongHeight));
        }

        @Test
        void certificateSignaturesMustBeSortedByValidatorOnTheWire() throws Exception {
            // Regression: the decoder accepted signatures in any order and the constructor sorted them, so
            // one certificate had many encodings (decode(x).encode() != x). Found by DecoderFuzzTest.
            Block b = block(7, TXS.subList(0, 1));
            CommitCertificate c = commit(b, 0, 0, 1, 2);
            List<CommitSignature> sorted = c.signatures();
            List<CommitSignature> descending = new ArrayList<>(sorted);
            Collections.reverse(descending);
            List<CommitSignature> duplicated = List.of(sorted.get(0), sorted.get(0), sorted.get(1));

            assertEquals(c, CommittedBlock.decode(concat(b.encode(), certificateBytes(b, sorted))).certificate());
            for (List<CommitSignature> nonCanonical : List.of(descending, duplicated)) {
                byte[] bytes = concat(b.encode(), certificateBytes(b, nonCanonical));
                DecodeException e = assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> CommittedBlock.decode(bytes));
                assertEquals("cert.validator", e.field());
            }
        }

        @Test
        void certificateCountAboveTheValidatorLimitIsRejected() {
            Block b = block(7, List.of());
            byte[] bytes = new ByteWriter().bytes(b.encode()).u64(7).u32(0).bytes(b.hash().bytes())
                    .u16(ValidatorSet.MAX_VALIDATORS + 1).toByteArray();
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> CommittedBlock.decode(bytes));
        }

        @Test
        void certificateRoundAbove2To31IsRejected() {
            Block b = block(7, List.of());
            byte[] bytes = new ByteWriter().bytes(b.encode()).u64(7).u32(0x8000_0000L).bytes(b.hash().bytes())
                    .u16(0).toByteArray();
            assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, () -> CommittedBlock.decode(bytes));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Commit certificate verification
    // ---------------------------------------------------------------------------------------------

    @Nested
    class CertificateVerification {
        private final Block b = block(7, TXS.subList(0, 2));
        private final ValidatorSet equal = validatorSet(1, 1, 1, 1);

        private Optional<String> verify(CommitCertificate c, ValidatorSet set) {
            return c.verify(set, CHAIN, b.hash(), b.height());
        }

        private CommitCertificate certificate(int round, CommitSignature... sigs) {
            return new CommitCertificate(b.height(), round, b.hash(), List.of(sigs));
        }

        private CommitSignature good(int validator) {
            return precommit(VALIDATOR_KEYS.get(validator), CHAIN, VoteType.PRECOMMIT, b.height(), 0, b.hash());
        }

        @Test
        void threeOfFourEqualValidatorsAreAQuorum() {
            assertEquals(Optional.empty(), verify(commit(b, 0, 0, 1, 2), equal));
            assertEquals(Optional.empty(), verify(commit(b, 0, 1, 2, 3), equal));
            assertEquals(Optional.empty(), verify(commit(b, 0, 0, 1, 2, 3), equal));
        }

        @Test
        void twoOfFourAreNotEnough() {
            assertProblem("voting power", verify(commit(b, 0, 0, 1), equal));
            assertProblem("voting power", verify(commit(b, 0), equal));
        }

        @Test
        void duplicateSignerIsRejectedAndNotCountedTwice() {
            // v0 twice plus v1 would be 3 of 4 if the duplicate counted
            assertProblem("duplicate", verify(certificate(0, good(0), good(0), good(1)), equal));
            assertProblem("duplicate", verify(certificate(0, good(0), good(1), good(2), good(2)), equal));
        }

        @Test
        void signerOutsideTheSetIsRejected() {
            KeyPair mallory = KeyPair.deterministic("mallory");
            CommitSignature outsider = precommit(mallory, CHAIN, VoteType.PRECOMMIT, b.height(), 0, b.hash());

            assertProblem("not a validator", verify(certificate(0, good(0), good(1), outsider), equal));
            assertProblem("not a validator", verify(certificate(0, good(0), good(1), good(2), outsider), equal));
            // v3 is not in a set of three
            assertProblem("not a validator", verify(certificate(0, good(0), good(1), good(3)), validatorSet(1, 1, 1)));
        }

        @Test
        void signatureUnderAnotherValidatorsAddressIsRejected() {
            byte[] v3Signature = good(3).signature();
            CommitSignature stolen = new CommitSignature(VALIDATOR_KEYS.get(2).address(), v3Signature);
            assertProblem("bad precommit signature", verify(certificate(0, good(0), good(1), stolen), equal));
        }

        @Test
        void signaturesOverOtherVotesAreRejected() {
            KeyPair v2 = VALIDATOR_KEYS.get(2);
            List<CommitSignature> wrongVotes = List.of(
                    precommit(v2, CHAIN, VoteType.PRECOMMIT, b.height(), 1, b.hash()),             // other round
                    precommit(v2, CHAIN, VoteType.PRECOMMIT, b.height(), 0, label("other block")), // other block
                    precommit(v2, CHAIN, VoteType.PRECOMMIT, b.height(), 0, null),                 // nil vote
                    precommit(v2, CHAIN, VoteType.PRECOMMIT, b.height() + 1, 0, b.hash()),         // other height
                    precommit(v2, "reactive-testnet", VoteType.PRECOMMIT, b.height(), 0, b.hash()), // other chain
                    precommit(v2, CHAIN, VoteType.PREVOTE, b.height(), 0, b.hash()));              // prevote
            assertEquals(Optional.empty(), verify(certificate(0, good(0), good(1), good(2)), equal), "control");
            for (CommitSignature wrong : wrongVotes) {
                assertProblem("bad precommit signature", verify(certificate(0, good(0), good(1), wrong), equal));
            }
        }

        @Test
        void certificateForAnotherHeightOrBlockIsRejected() {
            CommitCertificate c = commit(b, 0, 0, 1, 2);
            assertProblem("height", c.verify(equal, CHAIN, b.hash(), b.height() + 1));
            assertProblem("another block", c.verify(equal, CHAIN, label("other"), b.height()));
            assertProblem("bad precommit signature", c.verify(equal, "reactive-testnet", b.hash(), b.height()));
        }

        @Test
        void weightedPowersNeedMoreThanTwoThirdsOfTheTotal() {
            ValidatorSet weighted = validatorSet(5, 1, 1, 1); // total 8, quorum needs more than 16/3, i.e. 6

            assertProblem("5 of 8", verify(commit(b, 0, 0), weighted));
            assertProblem("3 of 8", verify(commit(b, 0, 1, 2, 3), weighted));
            assertEquals(Optional.empty(), verify(commit(b, 0, 0, 1), weighted));
            assertEquals(Optional.empty(), verify(commit(b, 0, 0, 3), weighted));
        }

        @Test
        void signatureOrderInTheCertificateDoesNotMatter() {
            CommitCertificate forward = certificate(0, good(0), good(1), good(2));
            CommitCertificate backward = certificate(0, good(2), good(1), good(0));

            assertEquals(forward, backward);
            List<Address> addresses = forward.signatures().stream().map(CommitSignature::validator).toList();
            assertEquals(addresses.stream().sorted().toList(), addresses);
        }

        private void assertProblem(String expected, Optional<String> problem) {
            assertTrue(problem.isPresent(), "certificate accepted, expected a problem about: " + expected);
            assertTrue(problem.get().contains(expected), "expected '" + expected + "' in: " + problem.get());
        }
    }

    @Test
    void voteSignBytesFollowTheDocumentedLayout() {
        Hash h = label("block");
        byte[] domain = "reactive-ledger/vote/v1".getBytes(StandardCharsets.US_ASCII);

        assertArrayEquals(new ByteWriter().bytes(domain).u8(2).u8(CHAIN.length()).bytes(CHAIN.getBytes(StandardCharsets.US_ASCII))
                .u64(9).u32(3).u8(1).bytes(h.bytes()).toByteArray(), VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, 9, 3, h));
        assertArrayEquals(new ByteWriter().bytes(domain).u8(1).u8(CHAIN.length()).bytes(CHAIN.getBytes(StandardCharsets.US_ASCII))
                .u64(9).u32(3).u8(0).toByteArray(), VoteSignBytes.of(CHAIN, VoteType.PREVOTE, 9, 3, null));
    }

    // ---------------------------------------------------------------------------------------------
    // Validator set
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Validators {
        private Validator v(int i, long power) {
            return new Validator(VALIDATOR_KEYS.get(i).publicKey(), power, "v" + i);
        }

        @Test
        void duplicateValidatorIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new ValidatorSet(List.of(v(0, 1), v(1, 1), v(0, 1))));
            assertThrows(IllegalArgumentException.class, () -> new ValidatorSet(List.of(v(0, 1), v(0, 2))));
        }

        @Test
        void invalidSetsAndPowersAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new ValidatorSet(List.of()));
            assertThrows(IllegalArgumentException.class, () -> v(0, 0));
            assertThrows(IllegalArgumentException.class, () -> v(0, Validator.MAX_POWER + 1));
        }

        @Test
        void hashIsIndependentOfInputOrder() {
            List<Validator> list = List.of(v(0, 5), v(1, 1), v(2, 2), v(3, 3));
            List<Validator> reversed = new ArrayList<>(list);
            Collections.reverse(reversed);
            List<Validator> rotated = new ArrayList<>(list);
            Collections.rotate(rotated, 2);

            Hash h = new ValidatorSet(list).hash();

            assertEquals(h, new ValidatorSet(reversed).hash());
            assertEquals(h, new ValidatorSet(rotated).hash());
            assertEquals(new ValidatorSet(list).validators(), new ValidatorSet(reversed).validators());
        }

        @Test
        void hashMatchesTheDocumentedEncoding() throws Exception {
            List<Validator> list = List.of(v(0, 5), v(1, 1), v(2, 2), v(3, 3));
            List<Validator> byAddress = list.stream().sorted(Comparator.comparing(Validator::address)).toList();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((byte) 0x40);
            md.update(new byte[] {0, 4});
            for (Validator v : byAddress) {
                md.update(v.publicKey().bytes());
                md.update(new ByteWriter().u64(v.power()).toByteArray());
            }

            assertArrayEquals(md.digest(), new ValidatorSet(list).hash().bytes());
            assertEquals(byAddress, new ValidatorSet(list).validators());
        }

        @Test
        void hashCommitsToPowersAndMembersButNotNames() {
            Hash h = validatorSet(1, 1, 1, 1).hash();

            assertNotEquals(h, validatorSet(1, 1, 1, 2).hash());
            assertNotEquals(h, validatorSet(1, 1, 1).hash());
            List<Validator> renamed = List.of(v(0, 1), v(1, 1), v(2, 1),
                    new Validator(VALIDATOR_KEYS.get(3).publicKey(), 1, "a new display name"));
            assertEquals(h, new ValidatorSet(renamed).hash());
        }

        @Test
        void quorumIsStrictlyMoreThanTwoThirds() {
            ValidatorSet four = validatorSet(1, 1, 1, 1);
            assertFalse(four.isQuorum(2));
            assertTrue(four.isQuorum(3));
            assertEquals(1, four.maxFaultyPower());

            ValidatorSet three = validatorSet(1, 1, 1);
            assertFalse(three.isQuorum(2), "2 of 3 is exactly two thirds, which is not more than two thirds");
            assertTrue(three.isQuorum(3));
            assertEquals(0, three.maxFaultyPower());

            ValidatorSet weighted = validatorSet(5, 1, 1, 1);
            assertEquals(8, weighted.totalPower());
            assertFalse(weighted.isQuorum(5));
            assertTrue(weighted.isQuorum(6));
            assertEquals(2, weighted.maxFaultyPower());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3})
        void lookupByAddress(int i) {
            ValidatorSet set = validatorSet(1, 2, 3, 4);
            assertEquals(i + 1, set.get(VALIDATOR_KEYS.get(i).address()).orElseThrow().power());
            assertTrue(set.get(KeyPair.deterministic("nobody").address()).isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static DecodeException assertDecodeError(DecodeError expected, Callable<?> decode) {
        try {
            decode.call();
        } catch (DecodeException e) {
            assertEquals(expected, e.error(), e.getMessage());
            return e;
        } catch (Throwable t) {
            fail("decoder threw " + t + " instead of a DecodeException", t);
        }
        return fail("decoded although " + expected + " was expected");
    }

    private static byte[] certificateBytes(CommitCertificate c) {
        ByteWriter w = new ByteWriter();
        c.writeTo(w);
        return w.toByteArray();
    }

    /** A certificate encoding with the signatures in exactly the given order. */
    private static byte[] certificateBytes(Block b, List<CommitSignature> sigs) {
        ByteWriter w = new ByteWriter().u64(b.height()).u32(0).bytes(b.hash().bytes()).u16(sigs.size());
        for (CommitSignature s : sigs) w.bytes(s.validator().bytes()).bytes(s.signature());
        return w.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return new ByteWriter().bytes(a).bytes(b).toByteArray();
    }
}
