package org.cifarsweep.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that a crash cannot leave half done: the new content goes to {@code <file>.tmp}, is fsync'ed,
 * and is renamed over the file in one atomic step; then the folder is fsync'ed so that the rename itself survives a
 * power cut. A reader sees the old file or the new one, never a mix.
 */
public final class DurableFiles {
    /** The suffix of the temporary files; a crash can leave one behind, and a resume deletes it. */
    public static final String TMP_SUFFIX = ".tmp";

    private DurableFiles() { }

    /** Replaces {@code file} with {@code content} atomically and durably. */
    public static void replace(Path file, byte[] content) {
        Path temp = file.resolveSibling(file.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            moveIntoPlace(temp, file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);   // e.g. a disk that filled up: give the space back
            } catch (IOException ignored) {
                // a resume deletes it
            }
            throw new OutputWriteException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** What a streamed replacement writes: the new content, to {@code out} (buffered by the caller). */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code file} atomically and durably with what {@code content} writes, streamed to the temporary file:
     * the new content is never held in memory as a whole.
     */
    public static void replace(Path file, Content content) {
        Path temp = file.resolveSibling(file.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temp, file);
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                Files.deleteIfExists(temp);   // e.g. a disk that filled up: give the space back
            } catch (IOException ignored) {
                // a resume deletes it
            }
            IOException cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new OutputWriteException(file + ": cannot write: " + cause.getMessage(), cause);
        }
    }

    /** Renames a finished, fsync'ed {@code temp} over {@code file} and makes the rename durable. */
    static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(file.toAbsolutePath().getParent());
    }

    /**
     * fsync of a folder, so that files created or renamed in it survive a power cut. Best effort: some platforms
     * and file systems cannot open a folder for this, and then the rename is as durable as they make it.
     */
    public static void syncFolder(Path dir) {
        if (dir == null) return;
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows, or a file system without directory fsync: nothing more can be done portably
        }
    }
}
