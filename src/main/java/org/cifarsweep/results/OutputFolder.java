package org.cifarsweep.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks an output folder before any work starts, so a bad --out never costs a finished run or an old result. */
public final class OutputFolder {

    private OutputFolder() { }

    /**
     * Creates {@code dir} if needed and checks that it can be written. A folder that already holds files is
     * refused unless {@code overwrite}, in which case the files this program writes are removed first.
     */
    public static Path prepare(Path dir, boolean overwrite, String... ownFiles) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--out " + dir + ": exists and is not a folder");
            }
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!overwrite) {
                    throw new IllegalArgumentException("--out " + dir
                            + ": folder is not empty; pass --overwrite to replace its results");
                }
                for (String name : ownFiles) deleteRecursively(dir.resolve(name));
            }
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
