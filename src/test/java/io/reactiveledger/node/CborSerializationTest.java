package io.reactiveledger.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.serialization.DisabledJavaSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CborSerializable records go through jackson-cbor; anything else is refused (no Java serialization). */
@Timeout(20) // a hang guard; each test takes about 0.1-4 s (the first ActorSystem in the JVM is the slow one)
class CborSerializationTest {
    record NotMarked(int x) {
    }

    record JavaSerializable(int x) implements Serializable {
    }

    @TempDir
    static Path dataDir;
    static ActorTestKit kit;
    static SerializationTestKit serialization;
    static Serialization classic;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ser", NodeConfig.of("ser", dataDir, 0, 0,
                ConfigFactory.parseString("pekko.actor.warn-about-java-serializer-usage = off")));
        serialization = new SerializationTestKit(kit.system());
        classic = SerializationExtension.get(kit.system().classicSystem());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void markedRecordsRoundTripThroughJacksonCbor() {
        TestProbe<Counter.State> probe = kit.createTestProbe();
        Counter.Add add = new Counter.Add(42, probe.ref());
        assertInstanceOf(JacksonCborSerializer.class, classic.findSerializerFor(add));
        assertEquals(add, serialization.verifySerialization(add, true));
        assertEquals(new Counter.Added(-7), serialization.verifySerialization(new Counter.Added(-7), true));
        assertEquals(new Counter.State(3, 1), serialization.verifySerialization(new Counter.State(3, 1), true));
    }

    @Test
    void unmarkedClassesAreRefused() {
        assertFalse(kit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization"));
        assertThrows(NotSerializableException.class, () -> classic.findSerializerFor(new NotMarked(1)));
        assertThrows(NotSerializableException.class, () -> serialization.verifySerialization(new NotMarked(1), true));
        // a java.io.Serializable class falls through to the disabled Java serializer, which refuses it
        assertInstanceOf(DisabledJavaSerializer.class, classic.findSerializerFor(new JavaSerializable(1)));
        assertThrows(DisabledJavaSerializer.JavaSerializationException.class,
                () -> serialization.verifySerialization(new JavaSerializable(1), true));
    }

    @Test
    void jdbcDispatcherIsConfigured() {
        assertEquals("ledger.jdbc-dispatcher", kit.system().settings().config().getString("jdbc-journal.plugin-dispatcher"));
        kit.system().dispatchers().lookup(DispatcherSelector.fromConfig("ledger.jdbc-dispatcher"));
    }
}
