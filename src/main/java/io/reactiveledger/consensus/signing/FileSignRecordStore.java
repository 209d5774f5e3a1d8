package io.reactiveledger.consensus.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactiveledger.core.codec.ByteWriter;
import io.reactiveledger.core.crypto.Hash;
import io.reactiveledger.core.crypto.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last signed record in a small JSON file, by default {@code <data-dir>/sign-state.json}:
 * <pre>
 * {"format":"reactive-ledger/sign-state/v1","height":12,"round":0,"step":"PRECOMMIT","blockHash":"ab…"|null,
 *  "checksum":"…"}
 * </pre>
 * {@code checksum} is the hex SHA-256 of {@code "reactive-ledger/sign-state/v1" || u64 height || u32 round ||
 * u8 step (0 = PROPOSE, 1 = PREVOTE, 2 = PRECOMMIT) || u8 0 (nil) or 1 followed by the 32-byte block hash}, so
 * that a damaged digit (which would still parse, and could lower the height) is detected.
 *
 * <p>{@link #save} writes a fresh temp file in the same directory, forces it to disk
 * ({@code FileChannel.force(true)}), renames it atomically over the old file ({@code ATOMIC_MOVE}) and then
 * forces the directory where the platform allows it; it returns only then, or throws
 * {@link UncheckedIOException} (so {@link SignGuard} gives no permission). A crash leaves either the old or
 * the new file, never a torn one; leftover temp files are removed when a store is opened.
 *
 * <p>{@link #load} returns empty only when the file does not exist. A file that cannot be read or parsed,
 * has unknown fields, or fails its checksum is an {@link IllegalStateException}: a validator that lost
 * its record must not sign until an operator has looked.
 *
 * <p>One store per file per process; it does not lock against a second process using the same file.
 */
public final class FileSignRecordStore implements SignRecordStore {
    public static final String FILE_NAME = "sign-state.json";
    public static final String FORMAT = "reactive-ledger/sign-state/v1";

    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<String> FIELDS = Set.of("format", "height", "round", "step", "blockHash", "checksum");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final Path file;
    private final Path dir;
    private final String tempPrefix;

    /** A store over {@code file}; its directory is created if needed and stale temp files are removed. */
    public FileSignRecordStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.dir = this.file.getParent();
        this.tempPrefix = this.file.getFileName() + ".";
        try {
            Files.createDirectories(dir);
            removeStaleTempFiles();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sign state directory " + dir, e);
        }
    }

    /** The store at {@code <dataDir>/sign-state.json}. */
    public static FileSignRecordStore inDataDir(Path dataDir) {
        return new FileSignRecordStore(dataDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<SignRecord> load() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sign state " + file + " (" + e + "); refusing to sign without it", e);
        }
        try {
            return Optional.of(parse(raw));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt sign state " + file + ": " + e.getMessage()
                    + "; refusing to sign. Restore it, or remove it only if this validator certainly signed nothing"
                    + " at or above the heights it will resume from", e);
        }
    }

    @Override
    public synchronized void save(SignRecord record) {
        byte[] content = toJson(record).getBytes(StandardCharsets.UTF_8);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, tempPrefix, TEMP_SUFFIX);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save sign state " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The next store opened on this directory removes it.
                }
            }
        }
    }

    /**
     * Makes the rename durable. Not every platform can open a directory (Windows cannot): then this is
     * skipped. Where a directory opens but cannot be forced, save fails: signing must not go ahead on a
     * record that a power loss could roll back.
     */
    private void forceDirectory() throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException notSupported) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    private void removeStaleTempFiles() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(tempPrefix) && name.endsWith(TEMP_SUFFIX);
        })) {
            for (Path p : stream) Files.deleteIfExists(p);
        }
    }

    // ------------------------------------------------------------------------------------- format

    static String toJson(SignRecord r) {
        check(r);
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("height", r.height());
        o.put("round", r.round());
        o.put("step", r.step().name());
        if (r.blockHash() == null) o.putNull("blockHash");
        else o.put("blockHash", r.blockHash().hex());
        o.put("checksum", checksum(r).hex());
        return o.toString() + "\n";
    }

    static SignRecord parse(byte[] raw) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("expected a JSON object");
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) throw new IllegalArgumentException("unknown field \"" + field.getKey() + "\"");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.textValue())) {
            throw new IllegalArgumentException("format must be \"" + FORMAT + "\", got " + format);
        }
        JsonNode height = root.get("height");
        if (height == null || !height.isIntegralNumber() || !height.canConvertToLong() || height.longValue() < 1) {
            throw new IllegalArgumentException("height must be an integer >= 1, got " + height);
        }
        JsonNode round = root.get("round");
        if (round == null || !round.isIntegralNumber() || !round.canConvertToInt() || round.intValue() < 0) {
            throw new IllegalArgumentException("round must be an integer in [0, 2^31), got " + round);
        }
        JsonNode step = root.get("step");
        SignStep signStep = null;
        if (step != null && step.isTextual()) {
            for (SignStep s : SignStep.values()) {
                if (s.name().equals(step.textValue())) signStep = s;
            }
        }
        if (signStep == null) throw new IllegalArgumentException("step must be PROPOSE, PREVOTE or PRECOMMIT, got " + step);
        JsonNode hash = root.get("blockHash");
        Hash blockHash;
        if (hash == null) throw new IllegalArgumentException("blockHash is missing (null for nil)");
        if (hash.isNull()) {
            blockHash = null;
        } else if (hash.isTextual() && hash.textValue().matches("[0-9a-f]{64}")) {
            blockHash = Hash.fromHex(hash.textValue());
        } else {
            throw new IllegalArgumentException("blockHash must be 64 lower-case hex characters or null, got " + hash);
        }
        SignRecord record = new SignRecord(height.longValue(), round.intValue(), signStep, blockHash);
        JsonNode sum = root.get("checksum");
        if (sum == null || !sum.isTextual() || !checksum(record).hex().equals(sum.textValue())) {
            throw new IllegalArgumentException("checksum mismatch (expected " + checksum(record).hex() + ", got " + sum + ")");
        }
        return record;
    }

    static Hash checksum(SignRecord r) {
        ByteWriter w = new ByteWriter(100).bytes(FORMAT.getBytes(StandardCharsets.US_ASCII))
                .u64(r.height()).u32(r.round()).u8(r.step().ordinal());
        if (r.blockHash() == null) w.u8(0);
        else w.u8(1).bytes(r.blockHash().bytes());
        return Sha256.hash(w.toByteArray());
    }

    private static void check(SignRecord r) {
        if (r == null || r.step() == null || r.height() < 1 || r.round() < 0) {
            throw new IllegalArgumentException("not a valid sign record: " + r);
        }
    }
}
