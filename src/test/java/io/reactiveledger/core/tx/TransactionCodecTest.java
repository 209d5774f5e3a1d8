package io.reactiveledger.core.tx;

import static io.reactiveledger.core.tx.TxFixtures.ALICE;
import static io.reactiveledger.core.tx.TxFixtures.BOB;
import static io.reactiveledger.core.tx.TxFixtures.CHAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Address;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionCodecTest {

    // ---------------------------------------------------------------------------------------------
    // Golden vector
    // ---------------------------------------------------------------------------------------------

    /*
     * Pins the version-1 wire format byte for byte. Ed25519 signatures are deterministic (RFC 8032: the
     * nonce is derived from the key and the message), and KeyPair.deterministic seeds are SHA-256 of
     * the label, so this encoding and its hash never change unless the wire format does. If this test
     * fails, the encoding changed: that is a hard fork and needs a new version number, not a new vector.
     *
     *   01                                       version
     *   0f 72656163746976652d6465766e6574        chain id "reactive-devnet"
     *   440c3bf4...2fc445                        sender public key (golden-alice)
     *   0000000000000000                         nonce 0
     *   000000000000000a                         fee 10
     *   01                                       payload type Transfer
     *   19a50567...524e                          to (golden-bob's address)
     *   00000000000003e8                         amount 1000
     *   0002 6869                                memo "hi"
     *   d42c4755...c609                          Ed25519 signature (64 bytes)
     */
    private static final String GOLDEN_HEX = "01"
            + "0f72656163746976652d6465766e6574"
            + "440c3bf4371e57049e4516bab5f19fe5a5dc001c1582cf64fcc8fb0c9d2fc445"
            + "0000000000000000"
            + "000000000000000a"
            + "01"
            + "19a505673b5c71503ad58df94cc7ebc812ef524e"
            + "00000000000003e8"
            + "00026869"
            + "d42c47552dcaecc8418f0ac316ef148f40d47454112bbdc8fd5e3dda5865980d"
            + "17242572fc475845121e288ed6e4f126184b6fe5678c2c537f709bb5a861c609";
    private static final String GOLDEN_HASH = "632e7ad380c38b8f3f66c47b355c32985c9e282aa80a294bdbd29fca11d6e932";

    @Test
    void goldenVectorPinsTheWireFormat() throws Exception {
        KeyPair alice = KeyPair.deterministic("golden-alice");
        Address bob = KeyPair.deterministic("golden-bob").address();
        TxBody body = new TxBody("reactive-devnet", alice.publicKey(), 0, 10, new Transfer(bob, 1000), "hi");

        Transaction tx = Transaction.sign(body, alice);

        assertEquals(GOLDEN_HEX, Hex.encode(tx.encoded()));
        assertEquals(GOLDEN_HASH, tx.hash().hex());
        Transaction decoded = Transaction.decode(Hex.decode(GOLDEN_HEX));
        assertEquals(body, decoded.body());
        assertEquals(GOLDEN_HASH, decoded.hash().hex());
        assertTrue(decoded.verifySignature());
    }

    // ---------------------------------------------------------------------------------------------
    // Round trips, hash and signature coverage
    // ---------------------------------------------------------------------------------------------

    static List<Transaction> transactions() {
        return TxFixtures.oneTransactionOfEachType();
    }

    @Test
    void fixturesCoverEveryPayloadType() {
        Set<Class<?>> covered = TxFixtures.onePayloadOfEachType().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(Payload.class.getPermittedSubclasses()), covered,
                "a new payload type needs a fixture so that the codec tests and the fuzzer exercise it");
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void everyPayloadTypeRoundTrips(Transaction tx) throws Exception {
        byte[] encoded = tx.encoded();

        Transaction decoded = Transaction.decode(encoded);

        assertEquals(tx.body(), decoded.body());
        assertEquals(tx.payload(), decoded.payload());
        assertEquals(tx.hash(), decoded.hash());
        assertArrayEquals(encoded, decoded.encoded());
        assertArrayEquals(tx.signature(), decoded.signature());
        assertEquals(encoded.length, decoded.size());
        assertEquals(ALICE.address(), decoded.senderAddress());
        assertTrue(tx.verifySignature());
        assertTrue(decoded.verifySignature());
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void encodingIsBodyFollowedBySignatureAndHashIsSha256OfIt(Transaction tx) throws Exception {
        byte[] encoded = tx.encoded();
        byte[] body = tx.body().encode();

        assertEquals(body.length + 64, encoded.length);
        assertArrayEquals(body, Arrays.copyOf(encoded, body.length));
        assertArrayEquals(tx.signature(), Arrays.copyOfRange(encoded, body.length, encoded.length));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(encoded);
        assertArrayEquals(expected, tx.hash().bytes());
        assertArrayEquals(expected, Transaction.decode(encoded).hash().bytes());
    }

    @Test
    void signatureCoversTheChainId() throws Exception {
        Transaction original = TxFixtures.signed(new Transfer(BOB.address(), 500), 3, 10, "x");
        TxBody b = original.body();
        TxBody otherChain = new TxBody("reactive-testnet", b.sender(), b.nonce(), b.fee(), b.payload(), b.memo());

        Transaction replayed = withSignatureOf(otherChain, original);

        assertEquals("reactive-testnet", replayed.chainId());
        assertTrue(original.verifySignature());
        assertFalse(replayed.verifySignature());
    }

    static Stream<Arguments> fieldChanges() {
        Transaction t = TxFixtures.signed(new Transfer(BOB.address(), 500), 3, 10, "x");
        TxBody b = t.body();
        Transaction auction = TxFixtures.signed(new CreateAuction("lamp", 100, 5_000, 5), 3, 10, "");
        TxBody a = auction.body();
        return Stream.of(
                Arguments.of("nonce", t, new TxBody(b.chainId(), b.sender(), 4, b.fee(), b.payload(), b.memo())),
                Arguments.of("fee", t, new TxBody(b.chainId(), b.sender(), b.nonce(), 11, b.payload(), b.memo())),
                Arguments.of("memo", t, new TxBody(b.chainId(), b.sender(), b.nonce(), b.fee(), b.payload(), "y")),
                Arguments.of("empty memo", t, new TxBody(b.chainId(), b.sender(), b.nonce(), b.fee(), b.payload(), "")),
                Arguments.of("amount", t, new TxBody(b.chainId(), b.sender(), b.nonce(), b.fee(),
                        new Transfer(BOB.address(), 501), b.memo())),
                Arguments.of("recipient", t, new TxBody(b.chainId(), b.sender(), b.nonce(), b.fee(),
                        new Transfer(ALICE.address(), 500), b.memo())),
                Arguments.of("payload type", t, new TxBody(b.chainId(), b.sender(), b.nonce(), b.fee(),
                        new Bid(1, 500), b.memo())),
                Arguments.of("sender", t, new TxBody(b.chainId(), BOB.publicKey(), b.nonce(), b.fee(), b.payload(), b.memo())),
                Arguments.of("auction item", auction, new TxBody(a.chainId(), a.sender(), a.nonce(), a.fee(),
                        new CreateAuction("lamq", 100, 5_000, 5), a.memo())),
                Arguments.of("auction end time", auction, new TxBody(a.chainId(), a.sender(), a.nonce(), a.fee(),
                        new CreateAuction("lamp", 100, 5_001, 5), a.memo())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldChanges")
    void signatureCoversEveryField(String field, Transaction original, TxBody changed) throws Exception {
        assertNotEquals(original.body(), changed);

        Transaction forged = withSignatureOf(changed, original);

        assertEquals(changed, forged.body());
        assertTrue(original.verifySignature());
        assertFalse(forged.verifySignature(), "signature still valid after changing the " + field);
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void flippingAnyBitOfTheEncodingInvalidatesTheTransaction(Transaction tx) {
        byte[] encoded = tx.encoded();
        for (int i = 0; i < encoded.length; i++) {
            byte[] mutated = encoded.clone();
            mutated[i] ^= (byte) (1 << (i % 8));
            Transaction decoded;
            try {
                decoded = Transaction.decode(mutated);
            } catch (DecodeException e) {
                continue; // refused outright: fine
            }
            assertFalse(decoded.verifySignature(), "bit " + (i % 8) + " of byte " + i + " is not covered by the signature");
            assertNotEquals(tx.hash(), decoded.hash());
        }
    }

    @Test
    void signatureIsDomainSeparated() throws Exception {
        TxBody body = new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), "");
        byte[] undomained = ALICE.sign(body.encode());

        Transaction tx = Transaction.decode(new ByteWriter().bytes(body.encode()).bytes(undomained).toByteArray());

        assertFalse(tx.verifySignature(), "a signature over the bare body (e.g. from another protocol) must not verify");
        assertTrue(Transaction.sign(body, ALICE).verifySignature());
    }

    @Test
    void signRefusesAKeyThatIsNotTheSenders() {
        TxBody body = new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), "");
        assertThrows(IllegalArgumentException.class, () -> Transaction.sign(body, BOB));
    }

    @Test
    void decodedTransactionDoesNotAliasItsInput() throws Exception {
        byte[] encoded = TxFixtures.signed(new Withdraw(9), 0, 1, "").encoded();
        Transaction tx = Transaction.decode(encoded);

        encoded[encoded.length - 1] ^= 1;
        tx.encoded()[0] = 99;

        assertTrue(tx.verifySignature());
        assertEquals(1, tx.encoded()[0]);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(tx.encoded()), tx.hash().bytes());
    }

    @Test
    void signatureCacheRemembersVerdictsAndIsBounded() throws Exception {
        Transaction good = TxFixtures.signed(new Withdraw(1), 0, 1, "");
        TxBody b = good.body();
        Transaction forged = withSignatureOf(new TxBody(b.chainId(), b.sender(), 1, b.fee(), b.payload(), b.memo()), good);
        SignatureCache cache = new SignatureCache(2);

        assertTrue(cache.verify(good));
        assertFalse(cache.verify(forged));
        assertTrue(cache.isCached(good.hash()));
        assertTrue(cache.isCached(forged.hash()));
        assertFalse(cache.verify(forged), "cached verdicts are returned as they were");

        cache.verify(TxFixtures.signed(new Withdraw(2), 0, 1, ""));
        assertEquals(2, cache.size());
        assertFalse(cache.isCached(good.hash()), "least recently used entry is evicted first");
    }

    // ---------------------------------------------------------------------------------------------
    // Hand-made encodings: the raw builder and its sanity checks
    // ---------------------------------------------------------------------------------------------

    @Test
    void rawBuilderFollowsTheDocumentedLayout() throws Exception {
        Transaction real = TxFixtures.signed(new Transfer(BOB.address(), 1_000), 7, 10, "hi");
        RawTx raw = new RawTx();
        raw.signature = real.signature();

        assertArrayEquals(real.body().encode(), raw.body());
        assertArrayEquals(real.encoded(), raw.bytes());
        assertTrue(Transaction.decode(raw.bytes()).verifySignature());
    }

    @Test
    void decodeDoesNotVerifyTheSignature() throws Exception {
        Transaction tx = Transaction.decode(new RawTx().bytes()); // all-zero signature
        assertFalse(tx.verifySignature());
    }

    // ---------------------------------------------------------------------------------------------
    // Memo limits
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256})
    void memoUpTo256BytesIsAccepted(int length) throws Exception {
        String memo = "m".repeat(length);
        Transaction tx = TxFixtures.signed(new EndAuction(1), 0, 1, memo);

        Transaction decoded = Transaction.decode(tx.encoded());

        assertEquals(memo, decoded.memo());
        assertTrue(decoded.verifySignature());
    }

    @Test
    void memoLimitCountsUtf8BytesNotCharacters() throws Exception {
        String twoByteChars = "\u00e9".repeat(128); // 256 bytes
        assertEquals(twoByteChars, Transaction.decode(TxFixtures.signed(new EndAuction(1), 0, 1, twoByteChars).encoded()).memo());

        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), "\u00e9".repeat(129)));
        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), "\ud83d\ude00".repeat(64) + "x"));
    }

    @Test
    void memoOf257BytesIsRejectedByTheConstructor() {
        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), "m".repeat(257)));
    }

    @Test
    void memoOf257BytesIsRejectedByTheDecoder() {
        RawTx raw = new RawTx();
        raw.memo = ascii("m".repeat(257));

        DecodeException e = assertDecodeError(DecodeError.LENGTH_OUT_OF_RANGE, raw.bytes());

        assertEquals("memo", e.field());
        assertEquals(raw.body().length - 2 - 257, e.offset(), "offset points at the memo length field");
    }

    @Test
    void forgedMemoLengthIsRejectedBeforeReading() {
        RawTx raw = new RawTx();
        raw.memoLength = 0xFFFF;
        assertEquals("memo", assertDecodeError(DecodeError.LENGTH_OUT_OF_RANGE, raw.bytes()).field());
    }

    @Test
    void nullMemoBecomesEmpty() {
        assertEquals("", new TxBody(CHAIN, ALICE.publicKey(), 0, 1, new EndAuction(1), null).memo());
    }

    // ---------------------------------------------------------------------------------------------
    // CreateAuction item limits
    // ---------------------------------------------------------------------------------------------

    static Stream<String> validItems() {
        return Stream.of(
                "x",
                "a".repeat(200),
                "\u53e4\u8463".repeat(100),                        // 200 Chinese characters, 600 bytes
                "\ud83c\udfa8".repeat(200),                        // 200 emoji: 400 UTF-16 chars, 800 bytes (the byte limit)
                "\u53e4".repeat(100) + "\ud83c\udfa8".repeat(100), // mixed, 200 code points
                "  padded lamp  ");
    }

    @ParameterizedTest
    @MethodSource("validItems")
    void itemsOfUpTo200CodePointsAreAccepted(String item) throws Exception {
        Transaction tx = TxFixtures.signed(new CreateAuction(item, 1, 0, 1), 0, 1, "");

        Transaction decoded = Transaction.decode(tx.encoded());

        assertEquals(item, ((CreateAuction) decoded.payload()).item());
        assertTrue(decoded.verifySignature());
    }

    static Stream<Arguments> invalidItems() {
        // item, the error when decoded: VALUE_OUT_OF_RANGE from the record's checks, or LENGTH_OUT_OF_RANGE
        // when the UTF-8 form already exceeds 200 * 4 bytes.
        return Stream.of(
                Arguments.of("a".repeat(201), DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("\u53e4".repeat(201), DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("\ud83c\udfa8".repeat(201), DecodeError.LENGTH_OUT_OF_RANGE),
                Arguments.of("", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("   ", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("\u2003", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("lamp\u0000", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("two\nlines", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("tab\there", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("del\u007f", DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("c1\u0085control", DecodeError.VALUE_OUT_OF_RANGE));
    }

    @ParameterizedTest
    @MethodSource("invalidItems")
    void invalidItemsAreRejectedAtConstruction(String item, DecodeError ignored) {
        assertThrows(IllegalArgumentException.class, () -> new CreateAuction(item, 1, 0, 1));
    }

    @ParameterizedTest
    @MethodSource("invalidItems")
    void invalidItemsAreRejectedByTheDecoder(String item, DecodeError expected) {
        RawTx raw = new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(utf8(item)).u64(1).u64(0).u64(1));

        assertEquals("auction.item", assertDecodeError(expected, raw.bytes()).field());
    }

    @Test
    void auctionNumbersAreChecked() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new CreateAuction("lamp", 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CreateAuction("lamp", 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CreateAuction("lamp", 1, -1, 1));
        assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE,
                new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(0).u64(0).u64(1)).bytes());
        assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE,
                new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(1).u64(0).u64(0)).bytes());
        // end time 0 is a valid (if useless) block time
        CreateAuction ok = (CreateAuction) Transaction.decode(
                new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(1).u64(0).u64(1)).bytes()).payload();
        assertEquals(new CreateAuction("lamp", 1, 0, 1), ok);
    }

    // ---------------------------------------------------------------------------------------------
    // Decoder errors
    // ---------------------------------------------------------------------------------------------

    static Stream<String> invalidUtf8() {
        return Stream.of(
                "c328",       // 2-byte lead followed by ASCII
                "80",         // lone continuation byte
                "c0af",       // overlong '/'
                "e08080",     // overlong NUL (3 bytes)
                "eda080",     // UTF-16 surrogate U+D800 encoded in UTF-8
                "f4908080",   // above U+10FFFF
                "e282",       // truncated 3-byte sequence
                "ff");
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8InTheMemoIsRejected(String hex) {
        RawTx raw = new RawTx();
        raw.memo = Hex.decode("6f6b" + hex);
        assertEquals("memo", assertDecodeError(DecodeError.INVALID_UTF8, raw.bytes()).field());
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void invalidUtf8InTheAuctionItemIsRejected(String hex) {
        RawTx raw = new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(Hex.decode("6f6b" + hex)).u64(1).u64(0).u64(1));
        assertEquals("auction.item", assertDecodeError(DecodeError.INVALID_UTF8, raw.bytes()).field());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x06, 0x11, 0x7F, 0x80, 0xFF})
    void unknownPayloadTagIsRejected(int tag) {
        RawTx raw = new RawTx().payload(tag, w -> w.u64(1));
        assertEquals("payload.type", assertDecodeError(DecodeError.UNKNOWN_PAYLOAD, raw.bytes()).field());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0xFF})
    void unsupportedVersionIsRejected(int version) {
        RawTx raw = new RawTx();
        raw.version = version;
        assertDecodeError(DecodeError.UNSUPPORTED_VERSION, raw.bytes());
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void trailingByteIsRejected(Transaction tx) {
        byte[] withTrailing = Arrays.copyOf(tx.encoded(), tx.size() + 1);
        assertDecodeError(DecodeError.TRAILING_BYTES, withTrailing);
    }

    @ParameterizedTest
    @MethodSource("transactions")
    void everyProperPrefixIsTruncated(Transaction tx) {
        byte[] encoded = tx.encoded();
        for (int len = 0; len < encoded.length; len++) {
            byte[] prefix = Arrays.copyOf(encoded, len);
            try {
                Transaction.decode(prefix);
                fail("prefix of " + len + " bytes decoded");
            } catch (DecodeException e) {
                assertEquals(DecodeError.TRUNCATED, e.error(), "prefix of " + len + " bytes: " + e.getMessage());
            } catch (Throwable t) {
                fail("prefix of " + len + " bytes threw " + t, t);
            }
        }
    }

    @Test
    void nullInputIsADecodeException() {
        assertDecodeError(DecodeError.TRUNCATED, null);
    }

    static Stream<Arguments> valuesWithTheTopBitSet() {
        long top = Long.MIN_VALUE; // 0x8000000000000000 as a u64
        return Stream.of(
                Arguments.of("nonce", raw(r -> r.nonce = top)),
                Arguments.of("fee", raw(r -> r.fee = -1)),
                Arguments.of("transfer.amount", new RawTx().payload(Transfer.TAG, w -> w.bytes(BOB.address().bytes()).u64(top))),
                Arguments.of("bid.amount", new RawTx().payload(Bid.TAG, w -> w.u64(1).u64(-1))),
                Arguments.of("bid.auctionId", new RawTx().payload(Bid.TAG, w -> w.u64(top).u64(1))),
                Arguments.of("auction.endTime",
                        new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(1).u64(top).u64(1))),
                Arguments.of("withdraw.auctionId", new RawTx().payload(Withdraw.TAG, w -> w.u64(-1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesWithTheTopBitSet")
    void valuesOf2To63OrMoreAreRejected(String field, RawTx raw) {
        assertEquals(field, assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, raw.bytes()).field());
    }

    @Test
    void largestValuesBelow2To63AreAccepted() throws Exception {
        long max = Long.MAX_VALUE;
        RawTx raw = new RawTx().payload(Transfer.TAG, w -> w.bytes(BOB.address().bytes()).u64(max));
        raw.nonce = max;
        raw.fee = max;

        Transaction tx = Transaction.decode(raw.bytes());

        assertEquals(max, tx.nonce());
        assertEquals(max, tx.fee());
        assertEquals(max, ((Transfer) tx.payload()).amount());
    }

    static Stream<Arguments> zeroValues() {
        return Stream.of(
                Arguments.of("transfer.amount", new RawTx().payload(Transfer.TAG, w -> w.bytes(BOB.address().bytes()).u64(0))),
                Arguments.of("bid.auctionId", new RawTx().payload(Bid.TAG, w -> w.u64(0).u64(1))),
                Arguments.of("bid.amount", new RawTx().payload(Bid.TAG, w -> w.u64(1).u64(0))),
                Arguments.of("endAuction.auctionId", new RawTx().payload(EndAuction.TAG, w -> w.u64(0))),
                Arguments.of("withdraw.auctionId", new RawTx().payload(Withdraw.TAG, w -> w.u64(0))),
                Arguments.of("auction.startPrice",
                        new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(0).u64(1).u64(1))),
                Arguments.of("auction.minIncrement",
                        new RawTx().payload(CreateAuction.TAG, w -> w.bytes16(ascii("lamp")).u64(1).u64(1).u64(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroValues")
    void zeroAmountsAndIdsAreRejected(String field, RawTx raw) {
        assertEquals(field, assertDecodeError(DecodeError.VALUE_OUT_OF_RANGE, raw.bytes()).field());
    }

    @Test
    void zeroNonceAndFeeAreAccepted() throws Exception {
        RawTx raw = new RawTx();
        raw.nonce = 0;
        raw.fee = 0;
        Transaction tx = Transaction.decode(raw.bytes());
        assertEquals(0, tx.nonce());
        assertEquals(0, tx.fee());
    }

    @Test
    void payloadConstructorsRejectNonPositiveValues() {
        assertThrows(IllegalArgumentException.class, () -> new Transfer(BOB.address(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Transfer(BOB.address(), -1));
        assertThrows(IllegalArgumentException.class, () -> new Bid(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Bid(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EndAuction(0));
        assertThrows(IllegalArgumentException.class, () -> new Withdraw(0));
        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(CHAIN, ALICE.publicKey(), -1, 0, new EndAuction(1), ""));
        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(CHAIN, ALICE.publicKey(), 0, -1, new EndAuction(1), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reactive-devnet", "REACTIVE", "-devnet", ".devnet", "_devnet", "reactive devnet",
            "reactive/devnet", "reactive:devnet", "caf\u00e9"})
    void badChainIdCharactersAreRejected(String chainId) {
        RawTx raw = new RawTx();
        raw.chainId = chainId.getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("chainId", assertDecodeError(DecodeError.INVALID_CHAIN_ID, raw.bytes()).field());
        assertThrows(IllegalArgumentException.class,
                () -> new TxBody(chainId, ALICE.publicKey(), 0, 0, new EndAuction(1), ""));
    }

    @Test
    void chainIdLengthIsLimitedTo1To32() throws Exception {
        RawTx empty = new RawTx();
        empty.chainId = new byte[0];
        assertDecodeError(DecodeError.LENGTH_OUT_OF_RANGE, empty.bytes());

        RawTx tooLong = new RawTx();
        tooLong.chainId = ascii("a".repeat(33));
        assertDecodeError(DecodeError.LENGTH_OUT_OF_RANGE, tooLong.bytes());

        for (String ok : List.of("a", "0", "a".repeat(32), "chain-1.test_net")) {
            RawTx raw = new RawTx();
            raw.chainId = ascii(ok);
            assertEquals(ok, Transaction.decode(raw.bytes()).chainId());
        }
    }

    @Test
    void inputsLargerThanMaxBytesAreRejectedBeforeParsing() {
        assertDecodeError(DecodeError.TOO_LARGE, new byte[Transaction.MAX_BYTES + 1]);
        byte[] validPrefix = Arrays.copyOf(new RawTx().bytes(), Transaction.MAX_BYTES + 1);
        assertDecodeError(DecodeError.TOO_LARGE, validPrefix);
        // exactly MAX_BYTES is not "too large": it fails later, on its content
        assertDecodeError(DecodeError.UNSUPPORTED_VERSION, new byte[Transaction.MAX_BYTES]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0100000000000000000000000000000000000000000000000000000000000000", // identity (order 1)
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // (0, -1), order 2
            "0000000000000000000000000000000000000000000000000000000000000000", // order 4
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p, not canonical
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"  // y = p + 1 (non-canonical 1)
    })
    void invalidPublicKeysAreRejected(String keyHex) {
        RawTx raw = new RawTx();
        raw.sender = Hex.decode(keyHex);

        DecodeException e = assertDecodeError(DecodeError.INVALID_PUBLIC_KEY, raw.bytes());

        assertEquals("sender", e.field());
        assertEquals(2 + CHAIN.length(), e.offset());
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static DecodeException assertDecodeError(DecodeError expected, byte[] bytes) {
        try {
            Transaction.decode(bytes);
        } catch (DecodeException e) {
            assertEquals(expected, e.error(), e.getMessage());
            return e;
        } catch (Throwable t) {
            fail("decode threw " + t + " instead of a DecodeException", t);
        }
        return fail("decoded although " + expected + " was expected");
    }

    private static Transaction withSignatureOf(TxBody body, Transaction signed) throws DecodeException {
        return Transaction.decode(new ByteWriter().bytes(body.encode()).bytes(signed.signature()).toByteArray());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RawTx raw(Consumer<RawTx> edit) {
        RawTx r = new RawTx();
        edit.accept(r);
        return r;
    }

    /**
     * A transaction encoding assembled field by field from the layout documented on {@link TxBody}, so
     * that any field can be forged. The defaults form a valid Transfer (with an all-zero signature,
     * which decoding parses but does not verify).
     */
    static final class RawTx {
        int version = TxBody.VERSION;
        byte[] chainId = ascii(CHAIN);
        byte[] sender = ALICE.publicKey().bytes();
        long nonce = 7;
        long fee = 10;
        int tag = Transfer.TAG;
        Consumer<ByteWriter> payload = w -> w.bytes(BOB.address().bytes()).u64(1_000);
        byte[] memo = ascii("hi");
        int memoLength = -1; // -1: the memo's real length
        byte[] signature = new byte[64];

        RawTx payload(int tag, Consumer<ByteWriter> fields) {
            this.tag = tag;
            this.payload = fields;
            return this;
        }

        byte[] body() {
            ByteWriter w = new ByteWriter().u8(version).bytes8(chainId).bytes(sender).u64(nonce).u64(fee).u8(tag);
            payload.accept(w);
            return w.u16(memoLength < 0 ? memo.length : memoLength).bytes(memo).toByteArray();
        }

        byte[] bytes() {
            return new ByteWriter().bytes(body()).bytes(signature).toByteArray();
        }

        @Override
        public String toString() {
            return Hex.encode(bytes());
        }
    }
}
