package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cifarsweep.model.Precision;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weights = "best N"} decided row by row: whatever order the rows arrive in, the files left are exactly the
 * top N by val_acc (ties to the smaller name), written down by hand below; {@code none} and {@code all}; a resume
 * deletes the files outside the top N.
 */
class KeptWeightsTest {
    @TempDir
    Path dir;

    static ResultsRow row(String trial, TrainingStatus status, double valAcc) {
        TrainConfig config = new TrainConfig(0.01, 0.1, 100, 2, 42, false, Precision.DOUBLE);
        return new ResultsRow(trial, config, "scale", "default", status, 2.1, 0.25, 2.2, 2.15, valAcc, 2.25,
                status == TrainingStatus.OK ? 0.23 : Double.NaN, 2, 1.5, "host", "0", "", -1);
    }

    /** Ten rows: ties at 0.30 (c before d before e) and 0.25, a diverged and a failed one with high numbers. */
    static List<ResultsRow> rows() {
        return List.of(row("a", TrainingStatus.OK, 0.10), row("b", TrainingStatus.OK, 0.25),
                row("c", TrainingStatus.OK, 0.30), row("d", TrainingStatus.OK, 0.30), row("e", TrainingStatus.OK, 0.30),
                row("f", TrainingStatus.OK, 0.25), row("g", TrainingStatus.DIVERGED, 0.90),
                row("h", TrainingStatus.FAILED, Double.NaN), row("i", TrainingStatus.OK, 0.05),
                row("j", TrainingStatus.OK, 0.35));
    }

    static final ModelWeights W = ModelWeights.ofDoubles(new double[][] {{1, 2}}, new double[] {3});

    static List<EpochMetrics> curves() {
        return List.of(new EpochMetrics(1, 1, 1, 0.1, 1, 1, 0.1, 0.01), new EpochMetrics(2, 1, 1, 0.1, 1, 1, 0.1, 0.01));
    }

    Set<String> files() throws IOException {
        Path folder = dir.resolve(ResultsWriter.WEIGHTS);
        if (!Files.isDirectory(folder)) return Set.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString().replaceFirst("\\.mat$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    void record(WeightsPolicy policy, List<ResultsRow> order) {
        try (ResultsWriter writer = new ResultsWriter(dir, e -> -1, new KeptWeights(dir, policy))) {
            for (ResultsRow r : order) writer.record(r, curves(), r.status() == TrainingStatus.FAILED ? null : W);
        }
    }

    @Test
    void bestNKeepsTheTopNInAnyArrivalOrder() throws IOException {
        // By hand: j 0.35; c, d, e 0.30; b, f 0.25; a 0.10; i 0.05. g diverged and h failed never count.
        List<List<String>> expected = List.of(List.of("j"), List.of("c", "j"), List.of("c", "d", "j"),
                List.of("c", "d", "e", "j"), List.of("b", "c", "d", "e", "j"), List.of("b", "c", "d", "e", "f", "j"));
        Random random = new Random(7);
        for (int n = 1; n <= expected.size(); n++) {
            for (int shuffle = 0; shuffle < 20; shuffle++) {
                List<ResultsRow> order = new ArrayList<>(rows());
                Collections.shuffle(order, random);
                Path folder = dir.resolve(ResultsWriter.WEIGHTS);
                clear();
                record(new WeightsPolicy(WeightsPolicy.Kind.BEST, n), order);
                assertEquals(new TreeSet<>(expected.get(n - 1)), files(), "best " + n + " after " + names(order));
                assertTrue(Files.isDirectory(folder));
            }
        }
    }

    @Test
    void noneKeepsNothingAndAllEveryRunThatHasWeights() throws IOException {
        record(WeightsPolicy.NONE, rows());
        assertEquals(Set.of(), files());
        clear();
        record(WeightsPolicy.ALL, rows());
        assertEquals(new TreeSet<>(List.of("a", "b", "c", "d", "e", "f", "g", "i", "j")), files());
    }

    @Test
    void aResumeDeletesTheFilesOutsideTheTopN() throws IOException {
        record(WeightsPolicy.ALL, rows());
        // A crash between writing a file and deleting the one it displaced leaves an extra; a stray of a run in
        // flight too.
        WeightsFile.write(ResultsWriter.weightsFile(dir, "in-flight"), W);
        KeptWeights kept = KeptWeights.resumed(dir, new WeightsPolicy(WeightsPolicy.Kind.BEST, 3), rows());
        assertEquals(new TreeSet<>(List.of("c", "d", "j")), files());
        // It goes on from there: a better run enters, the worst of the three drops out.
        try (ResultsWriter writer = new ResultsWriter(dir, e -> -1, kept)) {
            writer.record(row("k", TrainingStatus.OK, 0.31), curves(), W);
            writer.record(row("l", TrainingStatus.OK, 0.01), curves(), W);
        }
        assertEquals(new TreeSet<>(List.of("c", "j", "k")), files());
        KeptWeights.resumed(dir, WeightsPolicy.NONE, rows());
        assertEquals(Set.of(), files());
    }

    @Test
    void theMissingWeightsWarningConcernsOnlyTheRunsThePolicyKeeps() {
        List<ResultsRow> expected = KeptWeights.expected(new WeightsPolicy(WeightsPolicy.Kind.BEST, 2), rows());
        assertEquals(List.of("c", "j"), names(expected));
        assertEquals(List.of(), KeptWeights.expected(WeightsPolicy.NONE, rows()));
        assertFalse(names(KeptWeights.expected(WeightsPolicy.ALL, rows())).contains("h"));
    }

    void clear() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) if (!p.equals(dir)) Files.delete(p);
        }
    }

    static List<String> names(List<ResultsRow> rows) {
        return rows.stream().map(ResultsRow::trial).toList();
    }
}
