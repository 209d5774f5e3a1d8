package io.reactiveledger.core.crypto;


/** A value that can be committed to by a hash of its canonical encoding. */
public interface Committed {
    Hash commitment();
}
