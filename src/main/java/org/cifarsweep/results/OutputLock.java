package org.cifarsweep.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One writer per output folder: an OS lock on {@code <dir>/.cifar-sweep.lock}, held while a sweep writes there. A
 * second sweep into the same folder (say, a resume started while the first driver still runs) is refused instead
 * of appending duplicate rows. The OS drops the lock when the process dies, even by SIGKILL, so a crash never
 * leaves a folder locked; the file itself is deleted when the holder closes the lock.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".cifar-sweep.lock";

    /** The lock files this JVM holds (a sweep per folder; in-process tests run several sweeps in turn). */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;
    private List<Path> removeIfEmpty = List.of();

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist) for this process.
     *
     * @throws IllegalArgumentException if another sweep holds it, or it cannot be written
     */
    public static OutputLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        Path key = heldKey(file);
        synchronized (HELD) {
            // Never open a second channel on a file this JVM has locked: closing it would drop the POSIX lock.
            if (HELD.contains(key)) {
                throw new IllegalArgumentException("--out " + dir + ": another sweep is writing there (pid "
                        + ProcessHandle.current().pid() + "); wait for it to end, or stop it, before resuming");
            }
            OutputLock lock = lock(dir, file);
            HELD.add(key);
            return lock;
        }
    }

    private static Path heldKey(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.getParent().toRealPath().resolve(FILE);
        } catch (IOException e) {
            return absolute;
        }
    }

    private static OutputLock lock(Path dir, Path file) {
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;   // this JVM holds it already
                }
                if (lock == null) {
                    String holder = holder(channel);
                    channel.close();
                    throw new IllegalArgumentException("--out " + dir + ": another sweep is writing there"
                            + (holder.isEmpty() ? "" : " (" + holder + ")")
                            + "; wait for it to end, or stop it, before resuming");
                }
                // The previous holder may have deleted the file between our open and our lock: then retry on a
                // fresh file, or two processes could each hold a lock on a different inode.
                Object now;
                try {
                    now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                } catch (NoSuchFileException e) {
                    now = null;
                }
                if (key != null && !Objects.equals(key, now) && attempt < 5) {
                    lock.release();
                    channel.close();
                    continue;
                }
                String me = "pid " + ProcessHandle.current().pid() + "\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                return new OutputLock(file, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new IllegalArgumentException("--out " + dir + ": cannot write there (" + e.getMessage() + ")", e);
            }
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /**
     * On {@link #close}, deletes these folders (deepest first) while they are empty: the ones the run created for
     * its output, so that a run that wrote nothing leaves nothing. Returns this lock.
     */
    OutputLock removingIfEmpty(List<Path> folders) {
        removeIfEmpty = List.copyOf(folders);
        return this;
    }

    /** Deletes the lock file, then releases the lock, then the folders the run created if they are still empty. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) return;
            closed = true;
            HELD.remove(heldKey(file));
            release();
            for (Path folder : removeIfEmpty) {
                try {
                    Files.delete(folder);   // fails, and stops here, as soon as one holds anything
                } catch (IOException e) {
                    break;
                }
            }
        }
    }

    private void release() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an unlocked lock file left behind is harmless
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
