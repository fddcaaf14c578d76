package org.cifarsweep.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which batches are used for training, validation and test.
 * <ul>
 * <li>{@code default}: train data_batch_1, validate data_batch_2, test test_batch (the assignment's split);
 * {@code holdout} is not used and is 0.</li>
 * <li>{@code all:H}: train on data_batch_1..5 except the last H images (of data_batch_5), which are the
 * validation set; test test_batch. {@code all} alone means H = {@value #DEFAULT_HOLDOUT}.</li>
 * </ul>
 */
public record Split(Kind kind, int holdout) {
    public enum Kind { DEFAULT, ALL }

    public static final int DEFAULT_HOLDOUT = 1000;
    /** Images in data_batch_1..5 together. */
    static final int TRAINING_IMAGES = 50_000;
    private static final String FORMS = "expected 'default', 'all' or 'all:<holdout>' with 1 <= holdout < " + TRAINING_IMAGES;

    public Split {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DEFAULT) {
            holdout = 0; // ignored for the fixed split; normalised so that equal splits are equal records
        } else if (holdout < 1 || holdout >= TRAINING_IMAGES) {
            throw new IllegalArgumentException("holdout " + holdout + " is out of range: must be 1 <= holdout < "
                    + TRAINING_IMAGES);
        }
    }

    /** Parses {@code default}, {@code all} or {@code all:2000} (case and surrounding blanks ignored). */
    public static Split parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("split is missing: " + FORMS);
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("default")) {
            return new Split(Kind.DEFAULT, 0);
        }
        if (s.equals("all")) {
            return new Split(Kind.ALL, DEFAULT_HOLDOUT);
        }
        if (s.startsWith("all:")) {
            try {
                return new Split(Kind.ALL, Integer.parseInt(s.substring(4).strip()));
            } catch (IllegalArgumentException e) { // also NumberFormatException
                throw new IllegalArgumentException("split '" + text + "' is not valid: " + FORMS, e);
            }
        }
        throw new IllegalArgumentException("split '" + text + "' is not valid: " + FORMS);
    }

    /** The batches whose images are training (+ validation for ALL) data, in order. */
    List<String> trainingBatches() {
        if (kind == Kind.DEFAULT) {
            return List.of("data_batch_1");
        }
        List<String> batches = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            batches.add("data_batch_" + b);
        }
        return batches;
    }

    /** Every batch this split reads: training batches, then the validation batch if separate, then the test. */
    List<String> batches() {
        List<String> batches = new ArrayList<>(trainingBatches());
        if (kind == Kind.DEFAULT) {
            batches.add("data_batch_2");
        }
        batches.add("test_batch");
        return batches;
    }

    /** The parseable form: {@code default} or {@code all:<holdout>}. */
    @Override
    public String toString() {
        return kind == Kind.DEFAULT ? "default" : "all:" + holdout;
    }
}
