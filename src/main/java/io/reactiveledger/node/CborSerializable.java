package io.reactiveledger.node;

/**
 * Marker for every message, event and snapshot that may leave an actor's JVM or reach the journal:
 * bound to Pekko's {@code jackson-cbor} serializer in {@code ledger.conf}. Java serialization is off,
 * so a class without this marker (or another binding) cannot be sent remotely or persisted.
 * Implement it on concrete records; polymorphic fields need {@code @JsonTypeInfo}/{@code @JsonSubTypes}.
 */
public interface CborSerializable {
}
