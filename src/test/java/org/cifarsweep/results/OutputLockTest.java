package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per folder. Across processes, see reliability.KillAndResumeTest (a resume during a running sweep). */
class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedUntilTheFirstCloses() {
        try (OutputLock lock = OutputLock.acquire(dir)) {
            assertTrue(Files.exists(dir.resolve(OutputLock.FILE)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputLock.acquire(dir));
            assertEquals("--out " + dir + ": another sweep is writing there (pid " + ProcessHandle.current().pid()
                    + "); wait for it to end, or stop it, before resuming", e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(OutputLock.FILE)));
        OutputLock.acquire(dir).close();
    }

    @Test
    void aStaleLockFileOfAKilledRunDoesNotBlockAndDoesNotMakeAFolderNonEmpty() throws IOException {
        Files.writeString(dir.resolve(OutputLock.FILE), "pid 1\n");
        assertFalse(OutputFolder.holdsFiles(dir));
        OutputFolder.checkFresh(dir, false);
        OutputLock.acquire(dir).close();
    }

    @Test
    void anOutputFolderUnderAFileIsRefusedBeforeAnythingIsCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path out = file.resolve("sub/out");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFolder.checkFresh(out, false));
        assertEquals("--out " + out + ": cannot write there (" + file + " is a file, not a folder)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputFolder.prepareLocked(out, true, "hint", java.util.List.of()));
        assertEquals("x", Files.readString(file));
    }
}
