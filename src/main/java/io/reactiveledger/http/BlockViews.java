package io.reactiveledger.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommitCertificate;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.block.CommittedBlock;
import io.reactiveledger.core.contract.Event;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Hex;
import io.reactiveledger.core.state.Receipt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of blocks, certificates and receipts (hex is lower case). */
public final class BlockViews {
    private BlockViews() {
    }

    /** {@code receipts} is set only in the event stream. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockJson(long height, String hash, String previousHash, long timeMs, String proposer, String txRoot,
                            String stateRoot, String validatorsHash, String chainId, int txCount, List<String> txs,
                            CertificateJson certificate, List<ReceiptJson> receipts) {
    }

    public record CertificateJson(long height, int round, String blockHash, List<SignatureJson> signatures) {
    }

    public record SignatureJson(String validator, String signature) {
    }

    /** Mirrors {@link Receipt}; events' attributes in their order (a repeated key keeps its last value). */
    public record ReceiptJson(String txHash, String status, String code, String message, long feeCharged,
                              List<EventJson> events) {
    }

    public record EventJson(String type, Map<String, String> attributes) {
    }

    public static BlockJson block(CommittedBlock cb, List<Receipt> receipts) {
        BlockHeader h = cb.block().header();
        List<String> txs = cb.block().txHashes().stream().map(Hash::hex).toList();
        return new BlockJson(h.height(), cb.block().hash().hex(), h.previousHash().hex(), h.timeMs(), h.proposer().hex(),
                h.txRoot().hex(), h.stateRoot().hex(), h.validatorSetHash().hex(), h.chainId(), txs.size(), txs,
                certificate(cb.certificate()), receipts == null ? null : receipts.stream().map(BlockViews::receipt).toList());
    }

    public static CertificateJson certificate(CommitCertificate c) {
        return new CertificateJson(c.height(), c.round(), c.blockHash().hex(), c.signatures().stream()
                .map((CommitSignature s) -> new SignatureJson(s.validator().hex(), Hex.encode(s.signature()))).toList());
    }

    public static ReceiptJson receipt(Receipt r) {
        return new ReceiptJson(r.txHash().hex(), r.status().name(), r.code(), r.message(), r.feeCharged(),
                r.events().stream().map(BlockViews::event).toList());
    }

    public static EventJson event(Event e) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Event.Attribute a : e.attributes()) attrs.put(a.key(), a.value());
        return new EventJson(e.type(), attrs);
    }
}
