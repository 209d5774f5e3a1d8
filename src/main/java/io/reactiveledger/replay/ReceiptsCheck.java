package io.reactiveledger.replay;

import io.reactiveledger.core.crypto.Sha256;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.state.ReceiptsCodec;
import java.util.Arrays;
import java.util.Optional;

/**
 * When the journal stores receipts with a block (u32 count, then each {@link Receipt#encode()}), they
 * must equal the re-executed receipts byte for byte. Journals written without receipts pass.
 */
public final class ReceiptsCheck implements BlockCheck {
    @Override
    public Optional<ReplayFailure> check(VerifiedBlock b) {
        byte[] persisted = b.persistedReceipts();
        if (persisted == null) return Optional.empty();
        byte[] executed = ReceiptsCodec.encode(b.result().receipts());
        if (Arrays.equals(executed, persisted)) return Optional.empty();
        return Optional.of(new ReplayFailure(b.height(), Checks.RECEIPTS,
                b.result().receipts().size() + " receipts, " + executed.length + " bytes, SHA-256 " + Sha256.hash(executed).hex(),
                persisted.length + " bytes, SHA-256 " + Sha256.hash(persisted).hex()));
    }
}
