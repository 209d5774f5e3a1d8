package io.reactiveledger.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.crypto.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header caches its hash; value semantics are those of the former record. */
class BlockHeaderHashTest {
    @Test
    void hashIsComputedOnceAndEqualsTheHashOfTheEncoding() {
        BlockHeader h = BlockFixtures.header(5, List.of());
        assertEquals(Sha256.hash(h.encode()), h.hash());
        assertSame(h.hash(), h.hash());
    }

    @Test
    void equalHeadersAreEqualAndHashAlike() throws DecodeException {
        BlockHeader h = BlockFixtures.header(5, List.of());
        Block b = new Block(h, List.of());
        BlockHeader decoded = Block.decode(b.encode()).header();
        assertEquals(h, decoded);
        assertEquals(h.hashCode(), decoded.hashCode());
        assertEquals(h.hash(), decoded.hash());
        BlockHeader other = new BlockHeader(h.chainId(), h.height(), h.timeMs() + 1, h.previousHash(), h.txRoot(),
                h.stateRoot(), h.proposer(), h.validatorSetHash());
        assertNotEquals(h, other);
        assertNotEquals(h.hash(), other.hash());
        assertEquals(h.toString().replace("timeMs=" + h.timeMs(), "timeMs=" + other.timeMs()), other.toString());
    }
}
