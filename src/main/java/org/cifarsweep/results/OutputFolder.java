package org.cifarsweep.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks an output folder before any work starts, so a bad --out never costs a finished run or an old result.
 * Every refusal comes before the folder is created or changed.
 */
public final class OutputFolder {

    private OutputFolder() { }

    /**
     * Creates {@code dir} if needed, checks that it can be written and holds nothing unless {@code overwrite}, then
     * locks it against a second writer before {@code overwrite} removes {@code ownFiles}, the files this program
     * writes. The caller holds the returned lock for as long as it writes.
     *
     * @param hint what the user can do about a folder that is not empty, for the message
     */
    public static OutputLock prepareLocked(Path dir, boolean overwrite, String hint, List<String> ownFiles) {
        checkFresh(dir, overwrite, hint);
        // The folders this creates, deepest first: a run that ends before writing anything (Spark failed to start,
        // say) removes them again when it lets go of the lock, rather than leave an empty folder behind.
        List<Path> created = new java.util.ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) created.add(p);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        OutputLock lock = OutputLock.acquire(dir).removingIfEmpty(created);
        try {
            if (overwrite) clear(dir, ownFiles);
            probe(dir);
            return lock;
        } catch (IOException e) {
            lock.close();
            throw cannotWrite(dir, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Read-only checks for a fresh run: {@code dir} is a folder, or can be created as one, and holds nothing unless
     * {@code overwrite}.
     */
    public static void checkFresh(Path dir, boolean overwrite) {
        checkFresh(dir, overwrite, "pass --overwrite to replace its results");
    }

    private static void checkFresh(Path dir, boolean overwrite, String hint) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": exists and is not a folder");
        }
        if (!Files.exists(dir)) {
            // Creating it would fail if an ancestor is a file: say so now rather than after the work.
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw new IllegalArgumentException("--out " + dir + ": cannot write there (" + p
                                + " is a file, not a folder)");
                    }
                    if (!Files.isWritable(p)) {
                        throw new IllegalArgumentException("--out " + dir + ": cannot write there (" + p
                                + " is not writable)");
                    }
                    break;
                }
            }
        }
        if (holdsFiles(dir) && !overwrite) {
            throw new IllegalArgumentException("--out " + dir + ": folder is not empty; " + hint);
        }
        if (overwrite && holdsFiles(dir) && !holdsARun(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": --overwrite refused: the folder holds no run of"
                    + " cifar-sweep (a " + ResultsWriter.RESULTS + ", " + ResultsWriter.CURVES + " or " + Provenance.FILE
                    + " written by it), only other files (" + someNames(dir) + "); give a new or empty folder");
        }
    }

    /**
     * Whether {@code dir} holds the files of a sweep or train run: a results.csv or curves.csv that starts as ours do
     * (a part of that: a crash while it was created; the columns added since the first version come later), a
     * provenance.json (or its .tmp), or our lock file. --overwrite deletes our files only in such a folder: in any
     * other (a home folder given as --out by mistake) names such as plots/, weights/ or report.html may well be
     * someone else's.
     */
    static boolean holdsARun(Path dir) {
        for (String name : List.of(Provenance.FILE, Provenance.FILE + DurableFiles.TMP_SUFFIX, OutputLock.FILE)) {
            if (Files.isRegularFile(dir.resolve(name))) return true;
        }
        return startsAs(dir.resolve(ResultsWriter.RESULTS), String.join(",", ResultsRow.COLUMNS.subList(0, 6)))
                || startsAs(dir.resolve(ResultsWriter.CURVES), String.join(",", CurveRows.COLUMNS.subList(0, 2)));
    }

    private static boolean startsAs(Path csv, String start) {
        if (!Files.isRegularFile(csv)) return false;
        try (java.io.InputStream in = Files.newInputStream(csv)) {
            String found = new String(in.readNBytes(start.length()), java.nio.charset.StandardCharsets.UTF_8);
            return !found.isEmpty() && start.startsWith(found);
        } catch (IOException e) {
            return false;
        }
    }

    /** A few names of what {@code dir} holds, for a message. */
    private static String someNames(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
            return names.size() > 3 ? shown + " and " + (names.size() - 3) + " more" : shown;
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Whether {@code dir} exists and holds anything but a (stale) lock file and the {@code ignored} names. */
    public static boolean holdsFiles(Path dir, String... ignored) {
        if (!Files.isDirectory(dir)) return false;
        java.util.Set<String> skip = new java.util.HashSet<>(java.util.List.of(ignored));
        skip.add(OutputLock.FILE);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> !skip.contains(p.getFileName().toString()));
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    /** Checks that files can be created in the existing folder {@code dir}, leaving nothing behind. */
    public static void checkWritable(Path dir) {
        try {
            probe(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    private static void probe(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
        Files.delete(probe);
    }

    private static IllegalArgumentException cannotWrite(Path dir, IOException e) {
        return new IllegalArgumentException("--out " + dir + ": cannot write there (" + e.getMessage() + ")", e);
    }

    private static void clear(Path dir, List<String> ownFiles) throws IOException {
        if (!Files.isDirectory(dir)) return;
        for (String name : ownFiles) deleteRecursively(dir.resolve(name));
    }

    /** Deletes a file, or a folder and everything in it; nothing if {@code path} does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
