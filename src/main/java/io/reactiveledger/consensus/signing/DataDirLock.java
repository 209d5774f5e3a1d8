package io.reactiveledger.consensus.signing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a validator's data directory ({@code <data-dir>/validator.lock}), held while the
 * validator runs. Two processes (or two nodes in one JVM) signing with the same key and sign record is
 * the classic way validators double-sign; the second one refuses to start instead.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "validator.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with IllegalStateException naming the directory. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(dataDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) throw new IllegalStateException(inUse(dataDir));
            return new DataDirLock(ch, l);
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw new IllegalStateException(inUse(dataDir), e);
        } catch (IOException e) {
            close(ch);
            throw new IllegalStateException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static String inUse(Path dataDir) {
        return "data directory " + dataDir + " is in use by another running validator; refusing to start";
    }

    private static void close(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
