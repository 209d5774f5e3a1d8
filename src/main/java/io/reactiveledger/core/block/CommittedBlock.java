package io.reactiveledger.core.block;

import io.reactiveledger.core.codec.ByteReader;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.codec.DecodeError;
import io.reactiveledger.core.codec.DecodeException;
import java.util.Objects;

/** A block travelling with the commit certificate that finalised it (block encoding || certificate). */
public record CommittedBlock(Block block, CommitCertificate certificate) {
    public CommittedBlock {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(certificate, "certificate");
        if (certificate.height() != block.height() || !certificate.blockHash().equals(block.hash())) {
            throw new IllegalArgumentException("certificate does not certify this block");
        }
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(512 + block.transactions().size() * 200);
        block.writeTo(w);
        certificate.writeTo(w);
        return w.toByteArray();
    }

    public static CommittedBlock decode(byte[] bytes) throws DecodeException {
        if (bytes == null) throw new DecodeException(DecodeError.TRUNCATED, "block", 0, "no bytes");
        if (bytes.length > Block.MAX_BYTES) throw new DecodeException(DecodeError.TOO_LARGE, "block", 0, "too large");
        ByteReader r = new ByteReader(bytes);
        Block b = Block.read(r);
        int at = r.position();
        CommitCertificate c = CommitCertificate.read(r);
        r.expectEnd("committedBlock");
        if (c.height() != b.height() || !c.blockHash().equals(b.hash())) {
            throw new DecodeException(DecodeError.VALUE_OUT_OF_RANGE, "cert", at, "certificate does not certify this block");
        }
        return new CommittedBlock(b, c);
    }
}
