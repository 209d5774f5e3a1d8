package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger L = ReferenceEd25519.L;
    private static final BigInteger P = ReferenceEd25519.P;

    private static final KeyPair ALICE = KeyPair.deterministic("alice");
    private static final KeyPair BOB = KeyPair.deterministic("bob");
    private static final byte[] MSG = "transfer 10 to bob".getBytes(StandardCharsets.UTF_8);

    private static byte[] flipBit(byte[] b, int bit) {
        byte[] c = b.clone();
        c[bit / 8] ^= (byte) (1 << (bit % 8));
        return c;
    }

    private static byte[] withS(byte[] sig, BigInteger s) {
        byte[] c = sig.clone();
        System.arraycopy(ReferenceEd25519.toLe(s), 0, c, 32, 32);
        return c;
    }

    @Nested
    class Rfc8032Vectors {
        @Test
        void test1EmptyMessage() {
            byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
            byte[] pk = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
            byte[] sig = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                    + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
            assertArrayEquals(pk, Ed25519.publicKeyOf(seed));
            assertArrayEquals(sig, Ed25519.sign(seed, pk, new byte[0]));
            assertArrayEquals(sig, KeyPair.fromSeed(seed).sign(new byte[0]));
            assertTrue(Ed25519.verify(pk, new byte[0], sig));
            assertTrue(Ed25519.verify(PublicKey.of(pk), new byte[0], sig));
            assertFalse(Ed25519.verify(pk, new byte[] {0}, sig));
        }

        @Test
        void test2OneByteMessage() {
            byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
            byte[] pk = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
            byte[] sig = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                    + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
            byte[] msg = {0x72};
            assertArrayEquals(pk, Ed25519.publicKeyOf(seed));
            assertArrayEquals(sig, Ed25519.sign(seed, pk, msg));
            assertTrue(Ed25519.verify(pk, msg, sig));
        }

        @Test
        void referenceImplementationAgreesOnPublicKeyDerivation() {
            // Guards the test-only reference used below: it must derive the same keys as production.
            for (String label : new String[] {"alice", "bob", "carol"}) {
                KeyPair k = KeyPair.deterministic(label);
                assertArrayEquals(k.publicKey().bytes(), ReferenceEd25519.publicKey(k.seed()), label);
            }
        }
    }

    @Nested
    class Roundtrip {
        @Test
        void signThenVerify() {
            Random rnd = new Random(1);
            for (int len : new int[] {0, 1, 31, 32, 33, 64, 1000}) {
                byte[] msg = new byte[len];
                rnd.nextBytes(msg);
                byte[] sig = ALICE.sign(msg);
                assertEquals(Ed25519.SIGNATURE_SIZE, sig.length);
                assertTrue(Ed25519.verify(ALICE.publicKey(), msg, sig), "len " + len);
                assertTrue(ReferenceEd25519.laxVerify(ALICE.publicKey().bytes(), msg, sig), "reference, len " + len);
            }
        }

        @Test
        void signingIsDeterministic() {
            assertArrayEquals(ALICE.sign(MSG), ALICE.sign(MSG));
        }

        @Test
        void generatedKeysWork() {
            KeyPair k = KeyPair.generate();
            assertTrue(Ed25519.isValidPublicKey(k.publicKey().bytes()));
            assertTrue(Ed25519.verify(k.publicKey(), MSG, k.sign(MSG)));
            assertFalse(Arrays.equals(k.seed(), KeyPair.generate().seed()));
        }

        @Test
        void verifyOverSlice() {
            byte[] framed = new byte[MSG.length + 7];
            System.arraycopy(MSG, 0, framed, 3, MSG.length);
            byte[] sig = ALICE.sign(MSG);
            assertTrue(Ed25519.verify(ALICE.publicKey().bytes(), framed, 3, MSG.length, sig));
            assertFalse(Ed25519.verify(ALICE.publicKey().bytes(), framed, 2, MSG.length, sig));
            assertFalse(Ed25519.verify(ALICE.publicKey().bytes(), framed, 3, MSG.length - 1, sig));
        }
    }

    @Nested
    class Tampering {
        private final byte[] sig = ALICE.sign(MSG);
        private final byte[] pk = ALICE.publicKey().bytes();

        @Test
        void everyFlippedMessageBitFails() {
            for (int bit = 0; bit < MSG.length * 8; bit++) {
                assertFalse(Ed25519.verify(pk, flipBit(MSG, bit), sig), "message bit " + bit);
            }
        }

        @Test
        void everyFlippedSignatureBitFails() {
            for (int bit = 0; bit < 512; bit++) {
                assertFalse(Ed25519.verify(pk, MSG, flipBit(sig, bit)), "signature bit " + bit);
            }
        }

        @Test
        void everyFlippedKeyBitFails() {
            for (int bit = 0; bit < 256; bit++) {
                assertFalse(Ed25519.verify(flipBit(pk, bit), MSG, sig), "key bit " + bit);
            }
        }

        @Test
        void otherKeyFails() {
            assertFalse(Ed25519.verify(BOB.publicKey(), MSG, sig));
            assertTrue(Ed25519.verify(BOB.publicKey(), MSG, BOB.sign(MSG)));
        }

        @Test
        void appendedMessageFails() {
            byte[] longer = Arrays.copyOf(MSG, MSG.length + 1);
            assertFalse(Ed25519.verify(pk, longer, sig));
        }
    }

    @Nested
    class Malleability {
        @Test
        void sPlusLIsRejectedThoughTheEquationHolds() {
            byte[] pk = ALICE.publicKey().bytes();
            byte[] sig = ALICE.sign(MSG);
            BigInteger s = ReferenceEd25519.le(Arrays.copyOfRange(sig, 32, 64));
            assertTrue(s.compareTo(L) < 0);
            BigInteger sPlusL = s.add(L);
            assertTrue(sPlusL.bitLength() <= 256, "S + L still fits the 32-byte field");
            byte[] malleated = withS(sig, sPlusL);

            assertTrue(ReferenceEd25519.laxVerify(pk, MSG, malleated),
                    "[S+L]B = [S]B, so a verifier without the S < L check would accept");
            assertFalse(Ed25519.verify(pk, MSG, malleated));
            assertTrue(Ed25519.verify(pk, MSG, sig));
        }

        @Test
        void sPlusMultiplesOfLAreRejected() {
            byte[] pk = BOB.publicKey().bytes();
            byte[] sig = BOB.sign(MSG);
            BigInteger s = ReferenceEd25519.le(Arrays.copyOfRange(sig, 32, 64));
            for (BigInteger k = BigInteger.ONE; s.add(L.multiply(k)).bitLength() <= 256; k = k.add(BigInteger.ONE)) {
                assertFalse(Ed25519.verify(pk, MSG, withS(sig, s.add(L.multiply(k)))), "S + " + k + "L");
            }
        }

        @Test
        void scalarBoundaryIsExactlyL() {
            byte[] buf = new byte[64];
            System.arraycopy(ReferenceEd25519.toLe(L.subtract(BigInteger.ONE)), 0, buf, 32, 32);
            assertTrue(Ed25519.isCanonicalScalar(buf, 32), "L - 1");
            System.arraycopy(ReferenceEd25519.toLe(L), 0, buf, 32, 32);
            assertFalse(Ed25519.isCanonicalScalar(buf, 32), "L");
            System.arraycopy(ReferenceEd25519.toLe(BigInteger.ZERO), 0, buf, 32, 32);
            assertTrue(Ed25519.isCanonicalScalar(buf, 32), "0");
            Arrays.fill(buf, 32, 64, (byte) 0xFF);
            assertFalse(Ed25519.isCanonicalScalar(buf, 32), "2^256 - 1");
        }

        @Test
        void pointEncodingBoundaryIsExactlyP() {
            for (boolean sign : new boolean[] {false, true}) {
                assertTrue(Ed25519.isCanonicalPointEncoding(ReferenceEd25519.encodeY(P.subtract(BigInteger.ONE), sign), 0));
                for (int extra = 0; extra <= 18; extra++) {
                    byte[] enc = ReferenceEd25519.encodeY(P.add(BigInteger.valueOf(extra)), sign);
                    assertFalse(Ed25519.isCanonicalPointEncoding(enc, 0), "y = p + " + extra + ", sign " + sign);
                }
            }
        }

        /**
         * Signs with nonce r = 0, so R is the identity: canonically 0100..00, non-canonically y = p + 1. Both encodings
         * satisfy the equation when S = k*a is computed over the respective R bytes; only the canonical one may verify.
         */
        @Test
        void nonCanonicalREncodingIsRejectedThoughTheEquationHolds() {
            byte[] seed = ALICE.seed();
            byte[] pk = ALICE.publicKey().bytes();
            BigInteger a = ReferenceEd25519.secretScalar(seed);

            byte[] canonicalR = ReferenceEd25519.encodeY(BigInteger.ONE, false);
            byte[] nonCanonicalR = ReferenceEd25519.encodeY(P.add(BigInteger.ONE), false);
            assertEquals(ReferenceEd25519.IDENTITY, ReferenceEd25519.decodeLax(nonCanonicalR));

            byte[] good = forgeWithNonceZero(canonicalR, a, pk);
            byte[] bad = forgeWithNonceZero(nonCanonicalR, a, pk);
            assertTrue(ReferenceEd25519.laxVerify(pk, MSG, good));
            assertTrue(ReferenceEd25519.laxVerify(pk, MSG, bad));

            // Control: the same construction with a canonical R passes, so rejection below is due to the encoding.
            assertTrue(Ed25519.verify(pk, MSG, good), "r = 0 with canonical R is a valid RFC 8032 signature");
            assertFalse(Ed25519.verify(pk, MSG, bad));
        }

        private byte[] forgeWithNonceZero(byte[] r, BigInteger a, byte[] pk) {
            BigInteger s = ReferenceEd25519.challenge(r, pk, MSG).multiply(a).mod(L);
            byte[] sig = new byte[64];
            System.arraycopy(r, 0, sig, 0, 32);
            System.arraycopy(ReferenceEd25519.toLe(s), 0, sig, 32, 32);
            return sig;
        }
    }

    @Nested
    class PublicKeyValidation {
        @Test
        void ordinaryKeysAreValid() {
            assertTrue(Ed25519.isValidPublicKey(ALICE.publicKey().bytes()));
            assertTrue(Ed25519.isValidPublicKey(BOB.publicKey().bytes()));
        }

        @Test
        void smallOrderPointsAreRejected() {
            // Identity (order 1), (0, -1) (order 2), (+-sqrt(-1), 0) (order 4): every small-order point with x in {0}
            // or y in {0}; plus the identity's non-canonical encoding.
            byte[][] keys = {
                ReferenceEd25519.encodeY(BigInteger.ONE, false),
                ReferenceEd25519.encodeY(P.subtract(BigInteger.ONE), false),
                ReferenceEd25519.encodeY(BigInteger.ZERO, false),
                ReferenceEd25519.encodeY(BigInteger.ZERO, true),
                ReferenceEd25519.encodeY(P.add(BigInteger.ONE), false),
            };
            for (byte[] k : keys) {
                ReferenceEd25519.Point pt = ReferenceEd25519.decodeLax(k);
                assertNotNull(pt, HEX.formatHex(k));
                assertEquals(ReferenceEd25519.IDENTITY, ReferenceEd25519.mul(BigInteger.valueOf(8), pt),
                        "test premise: small order " + HEX.formatHex(k));
                assertFalse(Ed25519.isValidPublicKey(k), HEX.formatHex(k));
                assertFalse(Ed25519.verify(k, MSG, ALICE.sign(MSG)), HEX.formatHex(k));
            }
        }

        @Test
        void identityKeyCannotAuthorizeForgeries() {
            // With A = identity, any R = [S]B "verifies" in the naive equation for every message.
            byte[] identity = ReferenceEd25519.encodeY(BigInteger.ONE, false);
            BigInteger s = BigInteger.valueOf(12345);
            byte[] sig = new byte[64];
            System.arraycopy(ReferenceEd25519.encode(ReferenceEd25519.mul(s, ReferenceEd25519.BASE)), 0, sig, 0, 32);
            System.arraycopy(ReferenceEd25519.toLe(s), 0, sig, 32, 32);
            assertTrue(ReferenceEd25519.laxVerify(identity, MSG, sig), "test premise: universal forgery");
            assertFalse(Ed25519.verify(identity, MSG, sig));
        }

        @Test
        void offCurveKeyIsRejected() {
            BigInteger y = BigInteger.TWO;
            while (ReferenceEd25519.decodeLax(ReferenceEd25519.encodeY(y, false)) != null) y = y.add(BigInteger.ONE);
            byte[] k = ReferenceEd25519.encodeY(y, false);
            assertFalse(Ed25519.isValidPublicKey(k), "y = " + y);
            assertFalse(Ed25519.verify(k, MSG, ALICE.sign(MSG)));
        }

        @Test
        void mixedOrderKeyIsAcceptedForVerificationButNotAsAGenesisKey() {
            // A + T where T has order 2: on the curve, not small order, but not in the prime-order subgroup.
            // Documented choice: verification accepts it (as Bouncy Castle's verify does; checking the order
            // costs a second scalar multiplication per signature); genesis validator keys must be full order.
            ReferenceEd25519.Point a = ReferenceEd25519.decodeLax(ALICE.publicKey().bytes());
            ReferenceEd25519.Point t = new ReferenceEd25519.Point(BigInteger.ZERO, P.subtract(BigInteger.ONE));
            byte[] mixed = ReferenceEd25519.encode(ReferenceEd25519.add(a, t));
            assertTrue(Ed25519.isValidPublicKey(mixed));
            assertFalse(Ed25519.isFullOrderPublicKey(mixed));
            assertTrue(Ed25519.isFullOrderPublicKey(ALICE.publicKey().bytes()));
        }

        @Test
        void theSmallOrderListHoldsExactlyPointsOfSmallOrder() {
            for (byte[] p : Ed25519.SMALL_ORDER) {
                assertNotNull(ReferenceEd25519.decodeLax(p), "on the curve: " + Hex.encode(p));
                assertFalse(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(p, 0), Hex.encode(p));
                assertFalse(Ed25519.isValidPublicKey(p), Hex.encode(p));
            }
            // The torsion subgroup is cyclic of order 8: the multiples of one order-8 point are all of them.
            ReferenceEd25519.Point t8 = ReferenceEd25519.decodeLax(Ed25519.SMALL_ORDER[4]);
            java.util.Set<String> multiples = new java.util.HashSet<>();
            ReferenceEd25519.Point acc = t8;
            for (int k = 1; k <= 8; k++) {
                multiples.add(Hex.encode(ReferenceEd25519.encode(acc)));
                acc = ReferenceEd25519.add(acc, t8);
            }
            java.util.Set<String> listed = new java.util.HashSet<>();
            for (byte[] p : Ed25519.SMALL_ORDER) listed.add(Hex.encode(p));
            assertEquals(listed, multiples);
        }

        @Test
        void nonCanonicalKeysAreRejected() {
            for (int extra = 0; extra <= 18; extra++) {
                for (boolean sign : new boolean[] {false, true}) {
                    byte[] k = ReferenceEd25519.encodeY(P.add(BigInteger.valueOf(extra)), sign);
                    assertFalse(Ed25519.isValidPublicKey(k), "y = p + " + extra);
                }
            }
        }

        @Test
        void wrongLengthAndNullKeysAreInvalid() {
            assertFalse(Ed25519.isValidPublicKey(null));
            assertFalse(Ed25519.isValidPublicKey(new byte[0]));
            assertFalse(Ed25519.isValidPublicKey(Arrays.copyOf(ALICE.publicKey().bytes(), 31)));
            assertFalse(Ed25519.isValidPublicKey(Arrays.copyOf(ALICE.publicKey().bytes(), 33)));
        }
    }

    @Nested
    class BadInputNeverThrows {
        private final byte[] sig = ALICE.sign(MSG);
        private final byte[] pk = ALICE.publicKey().bytes();

        @Test
        void nulls() {
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify((byte[]) null, MSG, sig)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify(pk, null, sig)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify(pk, MSG, null)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify((PublicKey) null, MSG, sig)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify(ALICE.publicKey(), null, sig)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify(ALICE.publicKey(), MSG, null)));
            assertFalse(assertDoesNotThrow(() -> Ed25519.verify(pk, null, 0, 0, sig)));
        }

        @Test
        void wrongLengths() {
            for (int len : new int[] {0, 1, 31, 33, 64}) {
                assertFalse(assertDoesNotThrow(() -> Ed25519.verify(Arrays.copyOf(pk, len), MSG, sig)), "key " + len);
            }
            for (int len : new int[] {0, 1, 32, 63, 65, 128}) {
                assertFalse(assertDoesNotThrow(() -> Ed25519.verify(pk, MSG, Arrays.copyOf(sig, len))), "sig " + len);
            }
        }

        @Test
        void sliceOutOfRange() {
            int[][] slices = {{-1, 1}, {0, -1}, {0, MSG.length + 1}, {MSG.length, 1}, {1, Integer.MAX_VALUE}};
            for (int[] s : slices) {
                assertFalse(assertDoesNotThrow(() -> Ed25519.verify(pk, MSG, s[0], s[1], sig)),
                        "off " + s[0] + " len " + s[1]);
            }
        }

        @Test
        void badSeedsThrowIllegalArgument() {
            assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKeyOf(new byte[31]));
            assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKeyOf(null));
            assertThrows(IllegalArgumentException.class, () -> Ed25519.sign(new byte[33], ALICE.publicKey().bytes(), MSG));
            assertThrows(IllegalArgumentException.class, () -> KeyPair.fromSeed(new byte[16]));
        }
    }

    @Nested
    class KeyPairs {
        @Test
        void accessorsDefendStateAndDeterministicKeysAreStable() {
            KeyPair k = KeyPair.deterministic("carol");
            byte[] seed = k.seed();
            seed[0] ^= 1;
            assertFalse(Arrays.equals(seed, k.seed()));
            assertEquals(k, KeyPair.fromSeed(k.seed()));
            assertEquals(KeyPair.deterministic("carol"), k);
            assertFalse(k.equals(KeyPair.deterministic("dave")));
            assertArrayEquals(Sha256.hash("carol".getBytes(StandardCharsets.UTF_8)).bytes(), k.seed());
        }
    }
}
