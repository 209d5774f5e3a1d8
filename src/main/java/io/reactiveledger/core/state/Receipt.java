package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one transaction in a block. Canonical encoding: tx hash || u8 status || code || message
 * || u64 fee charged || u16 event count || events (strings as u16 length + UTF-8).
 */
public record Receipt(Hash txHash, ReceiptStatus status, String code, String message, long feeCharged,
                      List<Event> events) {
    /** tx hash, status, two empty strings, fee and event count. */
    static final int MIN_BYTES = Hash.SIZE + 1 + 2 + 2 + 8 + 2;

    public Receipt {
        events = List.copyOf(events);
    }

    public boolean isSuccess() {
        return status == ReceiptStatus.SUCCESS;
    }

    public void writeTo(ByteWriter w) {
        w.bytes(txHash.bytes()).u8(status.ordinal()).utf8_16(code).utf8_16(message).u64(feeCharged).u16(events.size());
        for (Event e : events) e.writeTo(w);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(128);
        writeTo(w);
        return w.toByteArray();
    }

    /** Decodes exactly one receipt (no trailing bytes); the only exception is {@link DecodeException}. */
    public static Receipt decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "receipt", 0, "no bytes");
        ByteReader r = new ByteReader(bytes);
        Receipt receipt = read(r);
        r.expectEnd("receipt");
        return receipt;
    }

    /** Reads one receipt in the encoding of {@link #writeTo}. */
    public static Receipt read(ByteReader r) throws DecodeException {
        Hash txHash = Hash.of(r.fixed(Hash.SIZE, "receipt.txHash"));
        int at = r.position();
        int status = r.u8("receipt.status");
        ReceiptStatus[] statuses = ReceiptStatus.values();
        if (status >= statuses.length) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "receipt.status", at, "unknown status " + status);
        }
        String code = r.utf8_16(0xFFFF, "receipt.code");
        String message = r.utf8_16(0xFFFF, "receipt.message");
        long fee = r.nonNegative64("receipt.feeCharged");
        int n = r.u16("receipt.events");
        // an event takes at least 4 bytes
        List<Event> events = new ArrayList<>(Math.min(n, r.remaining() / 4));
        for (int i = 0; i < n; i++) events.add(Event.read(r));
        return new Receipt(txHash, statuses[status], code, message, fee, events);
    }
}
