package org.cifarsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainingState;

/**
 * Successive halving's own state, apart from {@code weights/} (which {@link KeptWeights} may thin out): for each
 * {@code ok} run of a rung that may continue, {@code state/<run>.mat} holds its W and b (in the run's precision)
 * and its curves ({@code curves}, one row per epoch: epoch, train loss, cost, accuracy, validation loss, cost,
 * accuracy, η, as doubles, so exactly). The driver keeps the run's name, not its W; the schedule reads a survivor's
 * state back when it builds the next rung, live or on resume. A file goes once it is no longer needed: when its run
 * was not promoted, when its continuation is recorded, and the whole folder when the sweep completes. Written to a
 * temporary file, fsync'ed and renamed, before the run's results row.
 */
public final class HalvingStates {
    public static final String DIR = "state";
    private static final String CURVES = "curves";

    private HalvingStates() { }

    public static Path file(Path dir, String run) {
        return dir.resolve(DIR).resolve(run + ".mat");
    }

    /** Writes the state of {@code run}: W, b and its curves. */
    public static void write(Path dir, String run, ModelWeights weights, List<EpochMetrics> curves) {
        double[][] rows = new double[curves.size()][];
        for (int i = 0; i < rows.length; i++) {
            EpochMetrics m = curves.get(i);
            rows[i] = new double[] {m.epoch(), m.trainLoss(), m.trainCost(), m.trainAcc(), m.valLoss(), m.valCost(),
                    m.valAcc(), m.eta()};
        }
        WeightsFile.write(file(dir, run), weights, Map.of(CURVES, rows));
    }

    /** The state of {@code run}, or null when the folder has no state file of it. */
    public static TrainingState read(Path dir, String run) {
        Path file = file(dir, run);
        if (!Files.isRegularFile(file)) return null;
        WeightsFile.Contents contents = WeightsFile.read(file, List.of(CURVES));
        List<EpochMetrics> curves = new ArrayList<>();
        for (double[] r : contents.extra().get(CURVES)) {
            curves.add(new EpochMetrics((int) r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]));
        }
        return new TrainingState(contents.weights().w(), contents.weights().b(), curves);
    }

    /** Deletes the state of {@code run}, if there is one. */
    public static void delete(Path dir, String run) {
        try {
            Files.deleteIfExists(file(dir, run));
        } catch (IOException e) {
            throw new OutputWriteException(file(dir, run) + ": cannot delete: " + e.getMessage(), e);
        }
    }

    /** Deletes the state folder and everything in it (the sweep is complete). */
    public static void deleteAll(Path dir) {
        Path folder = dir.resolve(DIR);
        if (!Files.isDirectory(folder)) return;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new OutputWriteException(folder + ": cannot delete: " + e.getMessage(), e);
        }
    }
}
