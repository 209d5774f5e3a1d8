package io.reactiveledger.consensus.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reactiveledger.core.block.VoteType;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.KeyPair;
import io.reactiveledger.core.crypto.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSignRecordStoreTest {
    private static final Hash A = Sha256.hash("A".getBytes(StandardCharsets.UTF_8));
    private static final Hash B = Sha256.hash("B".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private FileSignRecordStore open() {
        return FileSignRecordStore.inDataDir(dir);
    }

    @Test
    void missingFileIsEmpty() {
        assertEquals(Optional.empty(), open().load());
        assertEquals(dir.resolve("sign-state.json").toAbsolutePath(), open().file());
    }

    @Test
    void roundTripsEveryStepWithAndWithoutABlock() {
        FileSignRecordStore store = open();
        List<SignRecord> records = List.of(
                new SignRecord(1, 0, SignStep.PROPOSE, A),
                new SignRecord(1, 0, SignStep.PREVOTE, null),
                new SignRecord(1, 0, SignStep.PRECOMMIT, B),
                new SignRecord(Long.MAX_VALUE, Integer.MAX_VALUE, SignStep.PRECOMMIT, null));
        for (SignRecord r : records) {
            store.save(r);
            assertEquals(Optional.of(r), store.load());
            assertEquals(Optional.of(r), open().load(), "a new instance (a restart) reads the same record");
        }
    }

    @Test
    void fileIsTheDocumentedJson() throws IOException {
        SignRecord r = new SignRecord(12, 3, SignStep.PREVOTE, A);
        open().save(r);
        String json = Files.readString(dir.resolve("sign-state.json"));
        assertEquals("{\"format\":\"reactive-ledger/sign-state/v1\",\"height\":12,\"round\":3,\"step\":\"PREVOTE\","
                + "\"blockHash\":\"" + A.hex() + "\",\"checksum\":\"" + FileSignRecordStore.checksum(r).hex() + "\"}\n", json);
        open().save(new SignRecord(12, 3, SignStep.PRECOMMIT, null));
        assertTrue(Files.readString(dir.resolve("sign-state.json")).contains("\"blockHash\":null"));
    }

    @Test
    void toleratesReformattedJson() throws IOException {
        SignRecord r = new SignRecord(12, 3, SignStep.PREVOTE, A);
        String pretty = FileSignRecordStore.toJson(r).replace(",", ",\n  ").replace("{", "{\n  ").replace("}", "\n}");
        Files.writeString(dir.resolve("sign-state.json"), pretty);
        assertEquals(Optional.of(r), open().load());
    }

    @Test
    void corruptFilesAreRefusedNeverEmpty() throws IOException {
        SignRecord r = new SignRecord(12, 3, SignStep.PREVOTE, A);
        String good = FileSignRecordStore.toJson(r);
        String sum = FileSignRecordStore.checksum(r).hex();
        List<String> corrupt = List.of(
                "",
                "\n",
                "garbage",
                "null",
                "[]",
                good.substring(0, good.length() / 2),
                good.replace("\"height\":12", "\"height\":11"),                   // a damaged digit: checksum
                good.replace("\"round\":3", "\"round\":2"),
                good.replace("PREVOTE", "PROPOSE"),
                good.replace(A.hex(), B.hex()),
                good.replace("\"blockHash\":\"" + A.hex() + "\"", "\"blockHash\":null"),
                good.replace(sum, "0".repeat(64)),
                good.replace(",\"checksum\":\"" + sum + "\"", ""),
                good.replace("\"height\":12", "\"height\":\"12\""),
                good.replace("\"height\":12", "\"height\":12.0"),
                good.replace("\"height\":12", "\"height\":0"),
                good.replace("\"height\":12", "\"height\":99999999999999999999"),
                good.replace("\"round\":3", "\"round\":-1"),
                good.replace("\"round\":3", "\"round\":2147483648"),
                good.replace("PREVOTE", "prevote"),
                good.replace("PREVOTE", "COMMIT"),
                good.replace(A.hex(), A.hex().toUpperCase()),
                good.replace(A.hex(), A.hex().substring(2)),
                good.replace(",\"blockHash\":\"" + A.hex() + "\"", ""),
                good.replace("sign-state/v1", "sign-state/v2"),
                good.replace("{", "{\"extra\":1,"),
                good.replace("{", "{\"height\":12,"),                              // duplicate key
                good.trim() + "{}");
        for (String content : corrupt) {
            Files.writeString(dir.resolve("sign-state.json"), content);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> open().load(), content);
            assertTrue(e.getMessage().contains("sign-state.json"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> new SignGuard(open()), "a guard must not start on a corrupt record");
        }
        Files.write(dir.resolve("sign-state.json"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1});
        assertThrows(IllegalStateException.class, () -> open().load());
    }

    @Test
    void unreadableFileIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("sign-state.json"));
        assertThrows(IllegalStateException.class, () -> open().load());
    }

    @Test
    void invalidRecordsAreNotSaved() {
        FileSignRecordStore store = open();
        assertThrows(IllegalArgumentException.class, () -> store.save(new SignRecord(0, 0, SignStep.PREVOTE, null)));
        assertThrows(IllegalArgumentException.class, () -> store.save(new SignRecord(1, -1, SignStep.PREVOTE, null)));
        assertThrows(IllegalArgumentException.class, () -> store.save(new SignRecord(1, 0, null, null)));
        assertThrows(IllegalArgumentException.class, () -> store.save(null));
        assertEquals(Optional.empty(), store.load());
    }

    @Test
    void guardOverARestartedStoreRefusesConflicts() {
        SignGuard before = new SignGuard(open());
        assertTrue(before.permit(new SignRecord(5, 1, SignStep.PREVOTE, A)));

        // Restart: a new store instance and guard over the same file.
        SignGuard after = new SignGuard(open());
        assertEquals(Optional.of(new SignRecord(5, 1, SignStep.PREVOTE, A)), after.last());
        assertFalse(after.permit(new SignRecord(5, 1, SignStep.PREVOTE, B)), "same step, other block");
        assertFalse(after.permit(new SignRecord(5, 1, SignStep.PREVOTE, null)), "same step, nil");
        assertFalse(after.permit(new SignRecord(5, 1, SignStep.PROPOSE, B)), "earlier step");
        assertFalse(after.permit(new SignRecord(5, 0, SignStep.PRECOMMIT, B)), "earlier round");
        assertFalse(after.permit(new SignRecord(4, 9, SignStep.PRECOMMIT, B)), "earlier height");
        assertTrue(after.permit(new SignRecord(5, 1, SignStep.PREVOTE, A)), "the same record again");
        assertTrue(after.permit(new SignRecord(5, 1, SignStep.PRECOMMIT, null)), "a later step");

        SignGuard third = new SignGuard(open());
        assertEquals(Optional.of(new SignRecord(5, 1, SignStep.PRECOMMIT, null)), third.last());
        assertFalse(third.permit(new SignRecord(5, 1, SignStep.PRECOMMIT, A)));
    }

    @Test
    void privValidatorOverARestartedStoreWillNotDoubleSign() {
        KeyPair key = KeyPair.deterministic("v0");
        PrivValidator first = new PrivValidator(key, new SignGuard(open()), "reactive-devnet");
        assertTrue(first.signVote(VoteType.PREVOTE, 3, 0, A).isPresent());

        PrivValidator restarted = new PrivValidator(key, new SignGuard(open()), "reactive-devnet");
        assertTrue(restarted.signVote(VoteType.PREVOTE, 3, 0, B).isEmpty());
        assertTrue(restarted.signVote(VoteType.PREVOTE, 3, 0, null).isEmpty());
        assertTrue(restarted.signVote(VoteType.PREVOTE, 3, 0, A).isPresent(), "re-signing the same vote is harmless");
        assertTrue(restarted.signVote(VoteType.PRECOMMIT, 3, 0, A).isPresent());
    }

    @Test
    void tempFilesDoNotAccumulate() throws IOException {
        FileSignRecordStore store = open();
        for (int h = 1; h <= 50; h++) store.save(new SignRecord(h, 0, SignStep.PRECOMMIT, h % 2 == 0 ? A : null));
        assertEquals(List.of("sign-state.json"), listing());
        assertEquals(50, store.load().orElseThrow().height());
    }

    @Test
    void staleTempFilesFromACrashAreRemovedOnOpen() throws IOException {
        open().save(new SignRecord(8, 0, SignStep.PREVOTE, A));
        Files.writeString(dir.resolve("sign-state.json.123456.tmp"), "{\"half\":");
        Files.writeString(dir.resolve("unrelated.tmp"), "keep");
        Files.writeString(dir.resolve("sign-state.json.bak"), "keep");
        FileSignRecordStore reopened = open();
        assertEquals(List.of("sign-state.json", "sign-state.json.bak", "unrelated.tmp"), listing());
        assertEquals(8, reopened.load().orElseThrow().height());
    }

    @Test
    void aFailedSaveGivesNoPermission() throws IOException {
        SignGuard guard = new SignGuard(open());
        assertTrue(guard.permit(new SignRecord(2, 0, SignStep.PREVOTE, A)));
        // Replace the file by a non-empty directory: the atomic rename over it fails.
        Files.delete(dir.resolve("sign-state.json"));
        Files.createDirectory(dir.resolve("sign-state.json"));
        Files.writeString(dir.resolve("sign-state.json").resolve("x"), "x");

        assertThrows(UncheckedIOException.class, () -> guard.permit(new SignRecord(2, 0, SignStep.PRECOMMIT, A)));
        assertEquals(Optional.of(new SignRecord(2, 0, SignStep.PREVOTE, A)), guard.last(), "nothing was permitted");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temp file was removed");
        }
    }

    @Test
    void createsTheDataDirectory() {
        FileSignRecordStore store = FileSignRecordStore.inDataDir(dir.resolve("a/b"));
        store.save(new SignRecord(1, 0, SignStep.PROPOSE, A));
        assertTrue(Files.isRegularFile(dir.resolve("a/b/sign-state.json")));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
