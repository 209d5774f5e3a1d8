package io.reactiveledger.consensus.signing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondValidatorOnTheSameDataDirectoryIsRefusedUntilTheFirstStops() {
        DataDirLock first = DataDirLock.acquire(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dir));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        first.close();
        DataDirLock again = DataDirLock.acquire(dir);
        again.close();
    }

    @Test
    void differentDirectoriesDoNotInterfere() {
        try (DataDirLock a = DataDirLock.acquire(dir.resolve("a")); DataDirLock b = DataDirLock.acquire(dir.resolve("b"))) {
            assertTrue(a != b);
        }
    }
}
