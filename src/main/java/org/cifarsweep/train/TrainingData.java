package org.cifarsweep.train;

import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;

/**
 * The three splits as feature matrices in one precision, ready for training, and the horizontal flip that matches
 * their normalisation. Made {@link #of from a Dataset}, each split holds 1 byte per pixel with its normalisation
 * beside it: float64 as the images' raw bytes (not copied), float32 as one shifted copy (see {@link FeatureMatrix}).
 */
public record TrainingData(FeatureMatrix train, FeatureMatrix validation, FeatureMatrix test, int classes,
                           HorizontalFlip flip) {

    public TrainingData {
        if (flip == null) throw new IllegalArgumentException("flip must be given (HorizontalFlip.plain() for none)");
    }

    /** Splits whose features are the same function of the pixel at every position (e.g. scale): the plain mirror. */
    public TrainingData(FeatureMatrix train, FeatureMatrix validation, FeatureMatrix test, int classes) {
        this(train, validation, test, classes, HorizontalFlip.plain());
    }

    public static TrainingData of(Dataset dataset, Preprocess preprocess, Precision precision) {
        Normalization normalization = Normalization.fit(preprocess, dataset.train());
        return of(dataset, normalization, precision);
    }

    /**
     * For float32 this also compiles the pixel kernel (once per JVM, about a second on one core), so that the
     * cost falls on the data preparation and not on the first trial's first epoch.
     */
    public static TrainingData of(Dataset dataset, Normalization normalization, Precision precision) {
        if (precision == Precision.FLOAT) PixelKernel.warmUp();
        return new TrainingData(
                FeatureMatrix.of(precision, normalization, dataset.train()),
                FeatureMatrix.of(precision, normalization, dataset.validation()),
                FeatureMatrix.of(precision, normalization, dataset.test()),
                dataset.classNames().size(),
                HorizontalFlip.of(normalization));
    }

    public Precision precision() {
        return train.precision();
    }
}
