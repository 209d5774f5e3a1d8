package io.reactiveledger.core.contract;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something a transaction did, for clients and explorers: a type such as {@code "auction.bid"} and
 * ordered string attributes. Events are part of the receipt and so of its canonical encoding.
 */
public record Event(String type, List<Attribute> attributes) {
    public record Attribute(String key, String value) {
        public Attribute {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public Event {
        Objects.requireNonNull(type, "type");
        attributes = List.copyOf(attributes);
    }

    /** {@code Event.of("transfer", "from", a, "to", b, "amount", 5)}: alternating keys and values. */
    public static Event of(String type, Object... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must alternate");
        List<Attribute> attrs = new ArrayList<>(keyValues.length / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            attrs.add(new Attribute(keyValues[i].toString(), String.valueOf(keyValues[i + 1])));
        }
        return new Event(type, attrs);
    }

    /** The value of the first attribute named {@code key}, or null. */
    public String get(String key) {
        for (Attribute a : attributes) {
            if (a.key().equals(key)) return a.value();
        }
        return null;
    }

    public void writeTo(ByteWriter w) {
        w.utf8_16(type).u16(attributes.size());
        for (Attribute a : attributes) w.utf8_16(a.key()).utf8_16(a.value());
    }

    /** Reads one event in the encoding of {@link #writeTo}; strings are strict UTF-8. */
    public static Event read(ByteReader r) throws DecodeException {
        String type = r.utf8_16(0xFFFF, "event.type");
        int n = r.u16("event.attributes");
        // every attribute takes at least 4 bytes, so a forged count cannot make us allocate for it
        List<Attribute> attrs = new ArrayList<>(Math.min(n, r.remaining() / 4));
        for (int i = 0; i < n; i++) {
            attrs.add(new Attribute(r.utf8_16(0xFFFF, "event.key"), r.utf8_16(0xFFFF, "event.value")));
        }
        return new Event(type, attrs);
    }
}
