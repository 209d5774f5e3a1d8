package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.codec.DecodeException;
import io.reactiveledger.core.tx.Transaction;
import io.reactiveledger.core.tx.Transfer;
import io.reactiveledger.core.tx.TxBody;
import org.junit.jupiter.api.Test;

class PublicKeySharedTest {
    @Test
    void equalKeysShareOneDecodedInstance() {
        byte[] raw = KeyPair.deterministic("shared-key").publicKey().bytes();
        PublicKey a = PublicKey.ofShared(raw);
        PublicKey b = PublicKey.ofShared(raw.clone());
        assertSame(a, b);
        assertEquals(PublicKey.of(raw), a);
        assertNotSame(PublicKey.of(raw), PublicKey.of(raw), "of() still makes a fresh instance");
        raw[0] ^= 1; // the shared key keeps its own copy
        assertFalse(java.util.Arrays.equals(raw, a.bytes()));
    }

    @Test
    void invalidKeysStayInvalid() {
        byte[] smallOrder = new byte[32]; // the identity point's y = 1 encoding is small order
        smallOrder[0] = 1;
        assertFalse(PublicKey.ofShared(smallOrder).isValid());
        assertFalse(PublicKey.ofShared(smallOrder).isValid());
        assertTrue(PublicKey.ofShared(KeyPair.deterministic("valid").publicKey().bytes()).isValid());
    }

    @Test
    void decodedTransactionsFromOneSenderShareItsKeyAndStillVerify() throws DecodeException {
        KeyPair k = KeyPair.deterministic("shared-sender");
        Transaction t1 = Transaction.sign(new TxBody("c", k.publicKey(), 0, 1, new Transfer(k.address(), 1), ""), k);
        Transaction t2 = Transaction.sign(new TxBody("c", k.publicKey(), 1, 1, new Transfer(k.address(), 1), ""), k);
        Transaction d1 = Transaction.decode(t1.encoded());
        Transaction d2 = Transaction.decode(t2.encoded());
        assertSame(d1.sender(), d2.sender());
        assertTrue(d1.verifySignature());
        assertTrue(d2.verifySignature());
    }
}
