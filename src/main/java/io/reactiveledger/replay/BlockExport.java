package io.reactiveledger.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactiveledger.core.block.Block;
import io.reactiveledger.core.block.BlockHeader;
import io.reactiveledger.core.block.CommitSignature;
import io.reactiveledger.core.state.Receipt;
import io.reactiveledger.core.tx.Transaction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --export FILE}: the verified chain as JSON lines, one block per line: header fields, the
 * certificate's round and signers, and per transaction its hash, sender, nonce, fee, payload type and
 * receipt (status, code).
 */
public final class BlockExport implements Consumer<VerifiedBlock>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    public BlockExport(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file);
    }

    public static Map<String, Object> toJson(VerifiedBlock v) {
        Block b = v.block().block();
        BlockHeader h = b.header();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", h.height());
        m.put("hash", v.hash().hex());
        m.put("previousHash", h.previousHash().hex());
        m.put("timeMs", h.timeMs());
        m.put("proposer", h.proposer().hex());
        m.put("txRoot", h.txRoot().hex());
        m.put("stateRoot", h.stateRoot().hex());
        m.put("validatorSetHash", h.validatorSetHash().hex());
        m.put("journalSequenceNr", v.sequenceNr());
        List<String> signers = new ArrayList<>();
        for (CommitSignature s : v.block().certificate().signatures()) signers.add(s.validator().hex());
        m.put("certificate", Map.of("round", v.block().certificate().round(), "signers", signers));
        List<Map<String, Object>> txs = new ArrayList<>();
        List<Receipt> receipts = v.result().receipts();
        for (int i = 0; i < b.transactions().size(); i++) {
            Transaction t = b.transactions().get(i);
            Receipt r = receipts.get(i);
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("hash", t.hash().hex());
            tx.put("sender", t.senderAddress().hex());
            tx.put("nonce", t.nonce());
            tx.put("fee", t.fee());
            tx.put("payload", t.payload().getClass().getSimpleName());
            tx.put("status", r.status().name());
            tx.put("code", r.code());
            txs.add(tx);
        }
        m.put("txs", txs);
        return m;
    }

    @Override
    public void accept(VerifiedBlock v) {
        try {
            out.write(JSON.writeValueAsString(toJson(v)));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
