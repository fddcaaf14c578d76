package org.cifarsweep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainingData;

/**
 * What every benchmark's setup shares, through the product's public API only: the real CIFAR-10 files of the
 * default split (train data_batch_1, validate data_batch_2, test test_batch), their {@code scale} normalisation,
 * and the check that netlib runs the pinned native OpenBLAS.
 *
 * <p>System properties (set by bench/jmh.sh on the host JVM; JMH forks inherit the host's JVM arguments):
 * {@code cifar.data} the CIFAR-10 binary folder; {@code cifar.bench.allowJavaBlas=true} to run without native
 * OpenBLAS (the numbers are then not the product's).
 */
final class BenchData {
    static final int CLASSES = 10;
    static final int DIM = 3072;

    private static Dataset dataset;
    private static Normalization normalization;
    private static boolean blasReported;

    private BenchData() { }

    /** The default split, read once per fork. */
    static synchronized Dataset dataset() {
        if (dataset == null) {
            String dir = System.getProperty("cifar.data");
            if (dir == null || !Files.isDirectory(Path.of(dir))) {
                throw new IllegalStateException("-Dcifar.data=<CIFAR-10 binary folder> is missing or not a folder: " + dir);
            }
            dataset = CifarLoader.load(Path.of(dir), Split.parse("default"));
        }
        return dataset;
    }

    /** {@code scale} (pixels / 255), fitted on the training split as the trainer does. */
    static synchronized Normalization normalization() {
        if (normalization == null) normalization = Normalization.fit(Preprocess.SCALE, dataset().train());
        return normalization;
    }

    /**
     * The three splits of an epoch benchmark in {@code precision}, built as training builds them, with the test set
     * cut to its first {@code testImages} images (so that a one-epoch run is not billed a fifth product).
     */
    static TrainingData epochData(Precision precision, int testImages) {
        Dataset dataset = dataset();
        Normalization norm = normalization();
        return new TrainingData(
                FeatureMatrix.of(precision, norm, dataset.train()),
                FeatureMatrix.of(precision, norm, dataset.validation()),
                FeatureMatrix.of(precision, norm, dataset.test().slice(0, testImages)),
                dataset.classNames().size());
    }

    /**
     * Prints which BLAS netlib loaded (once per fork) and refuses to benchmark anything but a native OpenBLAS,
     * which is what the product pins: netlib's Java fallback would measure something else.
     */
    static synchronized void requireNativeOpenBlas() {
        String describe = BlasBackend.describe();
        if (!blasReported) {
            System.out.println("BLAS: " + describe + ", OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS"));
            String kernel = pixelKernel();
            if (kernel != null) System.out.println("float32 pixel kernel: " + kernel);
            blasReported = true;
        }
        String warning = BlasBackend.warning();
        if (warning != null && !Boolean.getBoolean("cifar.bench.allowJavaBlas")) {
            throw new IllegalStateException("not benchmarking: " + warning);
        }
    }

    /**
     * Which float32 pixel kernel the product runs ({@code org.cifarsweep.model.PixelKernel}: the Vector API one, or
     * the scalar fallback with the reason), or null for a product without one. Looked up by reflection so that the
     * benchmarks compile against any version of the product: it is an internal detail, reported, not used.
     */
    private static String pixelKernel() {
        try {
            Class<?> c = Class.forName("org.cifarsweep.model.PixelKernel");
            Object kernel = c.getMethod("create").invoke(null);
            Object warning = c.getMethod("warning").invoke(null);
            return c.getMethod("describe").invoke(kernel) + (warning == null ? "" : " (" + warning + ")");
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
