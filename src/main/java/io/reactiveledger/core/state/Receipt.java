package io.reactiveledger.core.state;

import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.crypto.Hash;
import java.util.List;

/**
 * The result of one transaction in a block. Canonical encoding: tx hash || u8 status || code || message
 * || u64 fee charged || u16 event count || events (strings as u16 length + UTF-8).
 */
public record Receipt(Hash txHash, ReceiptStatus status, String code, String message, long feeCharged,
                      List<Event> events) {
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
}
