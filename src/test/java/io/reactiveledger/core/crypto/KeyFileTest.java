package io.reactiveledger.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final KeyPair ALICE = KeyPair.deterministic("alice");
    private static final KeyPair BOB = KeyPair.deterministic("bob");

    @TempDir
    Path dir;

    private static ObjectNode validJson(KeyPair k) throws IOException {
        return (ObjectNode) JSON.readTree(KeyFile.toJson(k, null));
    }

    private static IllegalArgumentException rejects(JsonNode json) {
        return assertThrows(IllegalArgumentException.class, () -> KeyFile.fromJson(json.toString()), json::toString);
    }

    private static IllegalArgumentException rejects(String json) {
        return assertThrows(IllegalArgumentException.class, () -> KeyFile.fromJson(json), json);
    }

    private static void assertMessageContains(Throwable e, String fragment) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                () -> "message \"" + e.getMessage() + "\" should mention \"" + fragment + "\"");
    }

    @Test
    void toJsonHasTheDocumentedFields() throws IOException {
        JsonNode j = JSON.readTree(KeyFile.toJson(ALICE, "validator 1"));
        assertEquals("ed25519", j.get("type").asText());
        assertEquals(HEX.formatHex(ALICE.publicKey().bytes()), j.get("publicKey").asText());
        assertEquals(HEX.formatHex(ALICE.seed()), j.get("privateKey").asText());
        assertEquals(HEX.formatHex(ALICE.address().bytes()), j.get("address").asText());
        assertEquals("validator 1", j.get("note").asText());
        assertEquals(5, j.size());
        assertFalse(JSON.readTree(KeyFile.toJson(ALICE, null)).has("note"), "null note is omitted");
    }

    @Test
    void jsonRoundtrip() {
        for (KeyPair k : new KeyPair[] {ALICE, BOB, KeyPair.generate()}) {
            KeyPair back = KeyFile.fromJson(KeyFile.toJson(k, "n"));
            assertEquals(k, back);
            assertArrayEquals(k.seed(), back.seed());
            assertEquals(k.publicKey(), back.publicKey());
            assertEquals(k.address(), back.address());
        }
    }

    @Test
    void onlyTypeAndPrivateKeyAreRequired() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.remove("publicKey");
        j.remove("address");
        assertEquals(ALICE, KeyFile.fromJson(j.toString()));
    }

    @Test
    void upperCaseHexIsAccepted() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.put("privateKey", j.get("privateKey").asText().toUpperCase());
        j.put("publicKey", j.get("publicKey").asText().toUpperCase());
        assertEquals(ALICE, KeyFile.fromJson(j.toString()));
    }

    @Test
    void writeThenRead() throws IOException {
        Path file = dir.resolve("nested").resolve("alice.json");
        KeyFile.write(file, ALICE, "test key");
        assertEquals(ALICE, KeyFile.read(file));
        assertTrue(Files.readString(file).endsWith("\n"));
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            assertEquals("rw-------", PosixFilePermissions.toString(posix.readAttributes().permissions()));
        }
    }

    @Test
    void writeRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("key.json");
        KeyFile.write(file, ALICE, null);
        String before = Files.readString(file);
        assertThrows(FileAlreadyExistsException.class, () -> KeyFile.write(file, BOB, null));
        assertEquals(before, Files.readString(file));
        assertEquals(ALICE, KeyFile.read(file));
    }

    @Test
    void readNamesTheFileInErrors() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"type\":\"ed25519\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFile.read(file));
        assertMessageContains(e, file.toString());
        assertMessageContains(e, "privateKey");
    }

    @Test
    void mismatchingPublicKeyIsRejected() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.put("publicKey", HEX.formatHex(BOB.publicKey().bytes()));
        assertMessageContains(rejects(j), "publicKey does not match");
    }

    @Test
    void mismatchingAddressIsRejected() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.put("address", HEX.formatHex(BOB.address().bytes()));
        assertMessageContains(rejects(j), "address does not match");
    }

    @Test
    void missingPrivateKeyIsRejected() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.remove("privateKey");
        assertMessageContains(rejects(j), "privateKey");
        j.putNull("privateKey");
        assertMessageContains(rejects(j), "privateKey");
    }

    @Test
    void wrongOrMissingTypeIsRejected() throws IOException {
        ObjectNode j = validJson(ALICE);
        j.put("type", "secp256k1");
        assertMessageContains(rejects(j), "secp256k1");
        j.put("type", "Ed25519");
        assertMessageContains(rejects(j), "ed25519");
        j.remove("type");
        assertMessageContains(rejects(j), "ed25519");
    }

    @Test
    void badHexIsRejected() throws IOException {
        String seedHex = HEX.formatHex(ALICE.seed());
        String[] bad = {
            "zz" + seedHex.substring(2),               // not hex
            seedHex.substring(1),                      // odd length
            seedHex.substring(2),                      // 31 bytes
            seedHex + "00",                            // 33 bytes
            "",                                        // empty
            " " + seedHex.substring(1),                // whitespace
            "\uff10" + seedHex.substring(1),           // FULLWIDTH DIGIT ZERO is not an ASCII hex digit
            "\u0660" + seedHex.substring(1),           // ARABIC-INDIC DIGIT ZERO
        };
        for (String s : bad) {
            ObjectNode j = validJson(ALICE);
            j.put("privateKey", s);
            j.remove("publicKey");
            j.remove("address");
            IllegalArgumentException e = rejects(j);
            assertTrue(e.getMessage().contains("hex") || e.getMessage().contains("privateKey"),
                    () -> "unclear message for \"" + s + "\": " + e.getMessage());
        }
        ObjectNode j = validJson(ALICE);
        j.put("publicKey", "xyz");
        rejects(j);
        j = validJson(ALICE);
        j.put("address", j.get("address").asText().substring(2));
        assertMessageContains(rejects(j), "address");
    }

    @Test
    void malformedDocumentsAreRejected() throws IOException {
        assertMessageContains(rejects("{"), "not a key file");
        assertMessageContains(rejects("[]"), "not a key file");
        assertMessageContains(rejects("\"ed25519\""), "not a key file");
        rejects("");
        rejects("null");
        ObjectNode j = validJson(ALICE);
        j.put("seedPhrase", "abandon abandon");
        assertMessageContains(rejects(j), "not a key file");
        j = validJson(ALICE);
        j.put("privateKey", 42);
        rejects(j);
    }

    @Test
    void addressIsFirst20BytesOfSha256OfPublicKey() throws Exception {
        for (KeyPair k : new KeyPair[] {ALICE, BOB, KeyPair.generate()}) {
            byte[] pk = k.publicKey().bytes();
            byte[] expected = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(pk), 20);
            assertArrayEquals(expected, k.address().bytes());
            assertArrayEquals(expected, Address.fromPublicKey(PublicKey.of(pk)).bytes());
            assertEquals(HEX.formatHex(expected), k.address().hex());
            assertEquals(HEX.formatHex(expected), JSON.readTree(KeyFile.toJson(k, null)).get("address").asText());
        }
    }

    @Test
    void knownAddressFromRfc8032Key() throws Exception {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pk = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pk);
        assertEquals(HEX.formatHex(digest, 0, 20), KeyPair.fromSeed(seed).address().hex());
    }
}
