package io.reactiveledger.core.crypto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The JSON key file: {@code {"type":"ed25519","publicKey":hex,"privateKey":hex,"address":hex}}. The
 * private key is the 32-byte RFC 8032 seed. On load, the public key and address must match the seed.
 */
public final class KeyFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Json(@JsonProperty("type") String type,
                @JsonProperty("publicKey") String publicKey,
                @JsonProperty("privateKey") String privateKey,
                @JsonProperty("address") String address,
                @JsonProperty("note") String note) {
    }

    private KeyFile() {
    }

    public static String toJson(KeyPair key, String note) {
        try {
            return JSON.writeValueAsString(new Json("ed25519", key.publicKey().hex(), Hex.encode(key.seed()),
                    key.address().hex(), note));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair fromJson(String json) {
        Json j;
        try {
            j = JSON.readValue(json, Json.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a key file: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()));
        }
        if (j == null) throw new IllegalArgumentException("not a key file: expected a JSON object");
        if (!"ed25519".equals(j.type())) throw new IllegalArgumentException("key type must be \"ed25519\", got " + j.type());
        if (j.privateKey() == null) throw new IllegalArgumentException("key file has no privateKey");
        KeyPair key = KeyPair.fromSeed(Hex.decode(j.privateKey(), Ed25519.SEED_SIZE, "privateKey"));
        if (j.publicKey() != null && !key.publicKey().equals(PublicKey.fromHex(j.publicKey()))) {
            throw new IllegalArgumentException("publicKey does not match privateKey");
        }
        if (j.address() != null && !key.address().equals(Address.fromHex(j.address()))) {
            throw new IllegalArgumentException("address does not match publicKey");
        }
        return key;
    }

    /** Writes a new key file readable only by its owner (where the file system supports it). Refuses to overwrite. */
    public static void write(Path file, KeyPair key, String note) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try {
            // Created owner-only from the start, so the seed is never readable by others, even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, toJson(key, note) + "\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static KeyPair read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
