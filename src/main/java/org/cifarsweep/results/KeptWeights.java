package org.cifarsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.TrainingStatus;

/**
 * Which runs' {@code weights/<trial>.mat} a sweep keeps ({@link WeightsPolicy}), decided as the rows arrive.
 *
 * <p>For {@code best N} the runs are ranked by a strict total order: {@code ok} runs only, val_acc descending, then
 * trial name ascending (names are unique, so there are no ties). The set held is always the top N of the rows seen
 * so far: a new row either ranks below the N-th (nothing changes) or enters, and the N-th drops out. A row that
 * drops out already has N rows above it, and more rows can only add rows above it, so it can never be in the top N
 * again: deleting its file is final. By induction over the rows, whatever the order they arrive in, the files left
 * at the end are exactly the top N of all rows.
 *
 * <p>{@link #admit} decides for a row before it is written; the caller writes the new file first, then the row, and
 * deletes the evicted file last, so that a crash never leaves a recorded top-N row without its file (at worst one
 * file too many, which {@link #resumed} deletes).
 */
public final class KeptWeights {
    /** The ranking: best first. */
    static final Comparator<Ranked> ORDER =
            Comparator.comparingDouble(Ranked::valAcc).reversed().thenComparing(Ranked::trial);

    /** A ranked run: its name and its last validation accuracy. */
    record Ranked(String trial, double valAcc) { }

    /** What to do with a row: write its weights or not, and which run's file to delete after the row is written. */
    public record Admission(boolean write, String evicted) {
        static final Admission SKIP = new Admission(false, null);
    }

    private final Path dir;
    private final WeightsPolicy policy;
    private final TreeSet<Ranked> best = new TreeSet<>(ORDER);
    private final Set<String> names = new HashSet<>();

    public KeptWeights(Path dir, WeightsPolicy policy) {
        this.dir = dir;
        this.policy = policy;
    }

    /**
     * The keeper of a resumed sweep: the top N of the recorded {@code rows}; every {@code weights/*.mat} file outside
     * them is deleted (a crash between writing a file and deleting the one it displaced leaves one extra; a policy
     * changed on resume may leave more). With {@code all} nothing is deleted.
     */
    public static KeptWeights resumed(Path dir, WeightsPolicy policy, List<ResultsRow> rows) {
        return resumed(dir, policy, rows::forEach);
    }

    /** The rows of a folder, one at a time (e.g. streamed from results.csv), for {@link #resumed}. */
    @FunctionalInterface
    public interface Rows {
        void forEach(Consumer<? super ResultsRow> action);
    }

    /** As {@link #resumed(Path, WeightsPolicy, List)}, from rows streamed once: holds the top N, not the rows. */
    public static KeptWeights resumed(Path dir, WeightsPolicy policy, Rows rows) {
        KeptWeights kept = new KeptWeights(dir, policy);
        rows.forEach(row -> kept.admit(row, true));
        if (policy.kind() != WeightsPolicy.Kind.ALL) {
            for (Path file : kept.files()) {
                String name = file.getFileName().toString();
                String trial = name.substring(0, name.length() - ".mat".length());
                if (!kept.holds(trial)) delete(file);
            }
        }
        return kept;
    }

    /** The rows of {@code rows} whose weights file the policy keeps. */
    public static List<ResultsRow> expected(WeightsPolicy policy, List<ResultsRow> rows) {
        if (policy.kind() == WeightsPolicy.Kind.ALL) {
            return rows.stream().filter(r -> r.status() != TrainingStatus.FAILED).toList();
        }
        KeptWeights kept = new KeptWeights(null, policy);
        for (ResultsRow row : rows) kept.admit(row, true);
        return rows.stream().filter(r -> kept.holds(r.trial())).toList();
    }

    /**
     * Decides for a finished run, and counts it as seen: whether to write its weights ({@code hasWeights}: the run
     * has a W), and which kept run drops out (its file to delete once the row is written).
     */
    public synchronized Admission admit(ResultsRow row, boolean hasWeights) {
        switch (policy.kind()) {
            case ALL:
                return hasWeights ? new Admission(true, null) : Admission.SKIP;
            case NONE:
                return Admission.SKIP;
            default:
                if (!hasWeights || row.status() != TrainingStatus.OK || Double.isNaN(row.valAcc())) return Admission.SKIP;
                Ranked r = new Ranked(row.trial(), row.valAcc());
                if (names.contains(r.trial())) return Admission.SKIP;
                if (best.size() < policy.best()) {
                    best.add(r);
                    names.add(r.trial());
                    return new Admission(true, null);
                }
                if (ORDER.compare(r, best.last()) >= 0) return Admission.SKIP;
                best.add(r);
                names.add(r.trial());
                String evicted = best.pollLast().trial();
                names.remove(evicted);
                return new Admission(true, evicted);
        }
    }

    /** Whether {@code trial} is among the runs kept (for {@code best N}); every run for {@code all}. */
    public synchronized boolean holds(String trial) {
        return switch (policy.kind()) {
            case ALL -> true;
            case NONE -> false;
            default -> names.contains(trial);
        };
    }

    /** Deletes the weights file of {@code trial}, if there is one. */
    public void evict(String trial) {
        delete(ResultsWriter.weightsFile(dir, trial));
    }

    private List<Path> files() {
        Path folder = dir.resolve(ResultsWriter.WEIGHTS);
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".mat")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new OutputWriteException(file + ": cannot delete: " + e.getMessage(), e);
        }
    }
}
