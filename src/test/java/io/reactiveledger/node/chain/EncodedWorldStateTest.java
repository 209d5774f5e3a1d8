package io.reactiveledger.node.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.state.TestChain;
import io.reactiveledger.core.state.WorldState;
import io.reactiveledger.core.state.WorldStateCodec;
import io.reactiveledger.node.NodeConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot's world state is encoded when (and where) it is serialized, and reads back byte for byte. */
class EncodedWorldStateTest {
    @TempDir
    static Path dataDir;
    static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("enc", NodeConfig.of("enc", dataDir, 0, 0));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static WorldState state() {
        Map<KeyPair, Long> balances = new HashMap<>();
        for (int i = 0; i < 200; i++) balances.put(KeyPair.deterministic("enc-" + i), 1_000L + i);
        return new TestChain(balances).state;
    }

    @Test
    void encodedOnlyWhenSerializedAndReadBackIdentical() throws Exception {
        WorldState state = state();
        EncodedWorldState lazy = EncodedWorldState.of(state);
        ChainStore.Snapshot snap = new ChainStore.Snapshot(3, new byte[32], 1_000, state.root().bytes(), lazy,
                new long[] {1, 2, 3}, 3, List.of());
        assertFalse(lazy.encoded(), "taking the snapshot does not encode the state");

        Serialization ser = SerializationExtension.get(kit.system().classicSystem());
        byte[] wire = ser.serialize(snap).get();
        assertTrue(lazy.encoded());
        ChainStore.Snapshot back = (ChainStore.Snapshot) ser.deserialize(wire, ser.findSerializerFor(snap).identifier(),
                Serializers.manifestFor(ser.findSerializerFor(snap), snap)).get();
        assertArrayEquals(WorldStateCodec.encode(state), back.worldState().bytes());
        assertEquals(state.root(), WorldStateCodec.decode(back.worldState().bytes()).root());
        assertArrayEquals(new long[] {1, 2, 3}, back.blockSeqNrs());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> EncodedWorldState.of(null));
        assertThrows(NullPointerException.class, () -> EncodedWorldState.fromBytes(null));
    }
}
