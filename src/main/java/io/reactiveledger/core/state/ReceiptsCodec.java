package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's receipts as stored with it in the chain journal: {@code u32 count || each Receipt}
 * (the encoding of {@link Receipt#writeTo}). Decoding accepts only that exact form.
 */
public final class ReceiptsCodec {
    /** More than any block can carry (a receipt is at least {@value #MIN_RECEIPT_BYTES} bytes). */
    public static final int MAX_RECEIPTS = 1_000_000;
    static final int MIN_RECEIPT_BYTES = Receipt.MIN_BYTES;

    private ReceiptsCodec() {
    }

    public static byte[] encode(List<Receipt> receipts) {
        ByteWriter w = new ByteWriter(8 + receipts.size() * 96);
        w.u32(receipts.size());
        for (Receipt r : receipts) r.writeTo(w);
        return w.toByteArray();
    }

    public static List<Receipt> decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "receipts", 0, "no bytes");
        ByteReader r = new ByteReader(bytes);
        int n = r.count32(MAX_RECEIPTS, "receipts.count");
        if ((long) n * MIN_RECEIPT_BYTES > r.remaining()) {
            throw new DecodeException(DecodeError.TRUNCATED, "receipts.count", 0,
                    n + " receipts cannot fit in " + r.remaining() + " bytes");
        }
        List<Receipt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(Receipt.read(r));
        r.expectEnd("receipts");
        return List.copyOf(out);
    }
}
