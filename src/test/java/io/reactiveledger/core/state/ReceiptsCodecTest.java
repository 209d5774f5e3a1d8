package io.reactiveledger.core.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Receipts and events decode canonically, and malformed bytes only ever raise {@link DecodeException}. */
class ReceiptsCodecTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0xEC_E1975L);

    static List<Receipt> sample() {
        Hash h1 = Sha256.hash("tx1".getBytes(StandardCharsets.UTF_8));
        Hash h2 = Sha256.hash("tx2".getBytes(StandardCharsets.UTF_8));
        Hash h3 = Sha256.hash("tx3".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Receipt(h1, ReceiptStatus.SUCCESS, ReceiptCodes.OK, "", 3,
                        List.of(Event.of("auction.bid", "auction", 1, "bidder", "ab\u00e9\u4e2d", "amount", 500),
                                Event.of("empty"))),
                new Receipt(h2, ReceiptStatus.FAILED, "BID_TOO_LOW", "bid 3 below 5", 1, List.of()),
                new Receipt(h3, ReceiptStatus.REJECTED, ReceiptCodes.BAD_NONCE, "nonce 9", 0, List.of()));
    }

    @Test
    void receiptsRoundTripByteForByte() throws DecodeException {
        List<Receipt> receipts = sample();
        for (Receipt r : receipts) {
            Receipt back = Receipt.decode(r.encode());
            assertEquals(r, back);
            assertArrayEquals(r.encode(), back.encode());
        }
        byte[] all = ReceiptsCodec.encode(receipts);
        assertEquals(receipts, ReceiptsCodec.decode(all));
        assertArrayEquals(all, ReceiptsCodec.encode(ReceiptsCodec.decode(all)));
        assertEquals(List.of(), ReceiptsCodec.decode(ReceiptsCodec.encode(List.of())));
    }

    @Test
    void receiptsOfARealBlockRoundTrip() throws DecodeException {
        TestChain chain = new TestChain(java.util.Map.of(TestChain.key("a"), 1_000L));
        List<Receipt> receipts = chain.block(1000, chain.tx(TestChain.key("a"),
                new io.reactiveledger.core.tx.Transfer(TestChain.key("b").address(), 10)));
        assertEquals(receipts, ReceiptsCodec.decode(ReceiptsCodec.encode(receipts)));
    }

    @Test
    void malformedInputIsRefusedWithTypedErrors() {
        byte[] one = sample().get(0).encode();
        byte[] badStatus = one.clone();
        badStatus[32] = 7;
        assertEquals(DecodeError.VALUE_OUT_OF_RANGE, assertThrows(DecodeException.class, () -> Receipt.decode(badStatus)).error());
        byte[] trailing = java.util.Arrays.copyOf(one, one.length + 1);
        assertEquals(DecodeError.TRAILING_BYTES, assertThrows(DecodeException.class, () -> Receipt.decode(trailing)).error());
        assertEquals(DecodeError.TRUNCATED, assertThrows(DecodeException.class,
                () -> Receipt.decode(java.util.Arrays.copyOf(one, one.length - 1))).error());
        // a forged count is refused before anything is allocated for it
        byte[] forged = new ByteWriter().u32(900_000).toByteArray();
        assertEquals(DecodeError.TRUNCATED, assertThrows(DecodeException.class, () -> ReceiptsCodec.decode(forged)).error());
        byte[] tooMany = new ByteWriter().u32(ReceiptsCodec.MAX_RECEIPTS + 1L).toByteArray();
        assertEquals(DecodeError.LENGTH_OUT_OF_RANGE, assertThrows(DecodeException.class, () -> ReceiptsCodec.decode(tooMany)).error());
        byte[] badUtf8 = new ByteWriter().bytes(new byte[32]).u8(0).u16(1).u8(0xFF).u16(0).u64(0).u16(0).toByteArray();
        assertEquals(DecodeError.INVALID_UTF8, assertThrows(DecodeException.class, () -> Receipt.decode(badUtf8)).error());
        byte[] negativeFee = new ByteWriter().bytes(new byte[32]).u8(0).u16(0).u16(0).u64(-1).u16(0).toByteArray();
        assertEquals(DecodeError.VALUE_OUT_OF_RANGE, assertThrows(DecodeException.class, () -> Receipt.decode(negativeFee)).error());
    }

    /** Random mutations of valid encodings: DecodeException or a canonical decode, nothing else. */
    @Test
    void mutatedBytesDecodeCanonicallyOrFailTyped() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        byte[] valid = ReceiptsCodec.encode(sample());
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] input;
            if (i % 4 == 0) {
                input = new byte[rnd.nextInt(200)];
                rnd.nextBytes(input);
            } else {
                input = valid.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextInt(8) == 0) input = java.util.Arrays.copyOf(input, rnd.nextInt(input.length + 4));
            }
            try {
                List<Receipt> back = ReceiptsCodec.decode(input);
                assertArrayEquals(input, ReceiptsCodec.encode(back), "decoded bytes must be canonical (case " + i + ")");
                decoded++;
            } catch (DecodeException e) {
                refused++;
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + SEED + ") escaped with " + e, e);
            }
        }
        assertTrue(decoded > 0 && refused > 0, "decoded " + decoded + ", refused " + refused);
    }

    @Test
    void eventsRoundTripThroughTheirReader() throws DecodeException {
        Event e = Event.of("auction.end", "auction", 7, "winner", "x", "price", 12);
        ByteWriter w = new ByteWriter();
        e.writeTo(w);
        io.reactiveledger.core.codec.ByteReader r = new io.reactiveledger.core.codec.ByteReader(w.toByteArray());
        assertEquals(e, Event.read(r));
        r.expectEnd("event");
        List<Event> none = new ArrayList<>();
        assertEquals(none, new Receipt(Hash.ZERO, ReceiptStatus.SUCCESS, "OK", "", 0, none).events());
    }
}
