package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PublicKeyInternTest {
    @Test
    void equalKeyBytesShareOneInstanceThatEqualsAFreshOne() {
        byte[] bytes = KeyPair.deterministic("intern-test").publicKey().bytes();
        PublicKey a = PublicKey.interned(bytes);
        PublicKey b = PublicKey.interned(bytes.clone());
        assertSame(a, b);
        PublicKey fresh = PublicKey.of(bytes);
        assertNotSame(a, fresh);
        assertEquals(fresh, a);
        assertEquals(fresh.address(), a.address());
        bytes[0] ^= 1; // the interned key keeps its own copy
        assertEquals(fresh, PublicKey.interned(fresh.bytes()));
    }
}
