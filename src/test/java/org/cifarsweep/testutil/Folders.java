package org.cifarsweep.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Output folders copied for a test to change: the copy is the tests', the original stays as a run left it. */
public final class Folders {
    private Folders() { }

    /** Copies {@code from}, files and folders, to {@code to} (which must not exist yet); returns {@code to}. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
