package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    private static final double SQRT6 = Math.sqrt(6);

    /**
     * Three images, all bytes 0 except: feature 0 = 0, 3, 6 (mean 3, population variance 6); feature 1 = 10, 10,
     * 10 (constant); feature 2 = 255, 0, 255 (mean 170, variance 14450, std 85*sqrt(2)).
     */
    private static Images threeImages() {
        byte[] px = new byte[3 * 3072];
        int[][] f = {{0, 3, 6}, {10, 10, 10}, {255, 0, 255}};
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                px[i * 3072 + j] = (byte) f[j][i];
            }
        }
        return new Images(px, new byte[] {0, 1, 2});
    }

    @Test
    void scaleIsDivisionBy255() {
        Images images = threeImages();
        Normalization n = Normalization.fit(Preprocess.SCALE, images);
        assertEquals(Preprocess.SCALE, n.kind());
        for (int j = 0; j < 3072; j++) {
            assertEquals(0f, n.mean()[j]);
            assertEquals(1f / 255f, n.invStd()[j]);
        }
        double[] d = n.toDoubleMatrix(images);
        double[] f = pixelFeatures(n, images);
        assertEquals(3 * 3072, d.length);
        assertEquals(3 * 3072, f.length);
        assertEquals(6 / 255.0, d[0 + 3072 * 2], 1e-7);     // (feature 0, image 2)
        assertEquals(1.0, d[2 + 3072 * 0], 1e-7);            // 255 -> 1
        assertEquals(10 / 255.0, d[1 + 3072 * 1], 1e-7);
        assertEquals(0.0, d[3071 + 3072 * 2]);
        assertEquals(6 / 255f, f[0 + 3072 * 2], 1e-7f);
        assertEquals(1f, f[2], 1e-6f);
    }

    @Test
    void standardizeHandComputed() {
        Images images = threeImages();
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, images);
        float[] mean = n.mean();
        float[] invStd = n.invStd();
        assertEquals(3f, mean[0]);
        assertEquals(1 / SQRT6, invStd[0], 1e-7);
        assertEquals(10f, mean[1]);
        assertEquals(1f / 255f, invStd[1], "constant feature: 1/255 instead of 1/0");
        assertEquals(170f, mean[2]);
        assertEquals(1 / (85 * Math.sqrt(2)), invStd[2], 1e-9);
        assertEquals(0f, mean[3]);
        assertEquals(1f / 255f, invStd[3]);

        double[] d = n.toDoubleMatrix(images);
        double[][] expected = { // [image][feature 0..2]
                {-3 / SQRT6, 0, 1 / Math.sqrt(2)},
                {0, 0, -Math.sqrt(2)},
                {3 / SQRT6, 0, 1 / Math.sqrt(2)}};
        double[] f = pixelFeatures(n, images);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], d[j + 3072 * i], 1e-6, "double (" + j + "," + i + ")");
                assertEquals(expected[i][j], f[j + 3072 * i], 1e-6, "float (" + j + "," + i + ")");
            }
            assertEquals(0.0, d[100 + 3072 * i]);
        }
    }

    /** Standardizing x/255 by its own mean/std is the same map as standardizing the bytes. */
    @Test
    void standardizeEqualsScaleThenStandardize() {
        Images images = TestData.randomImages(3, 40);
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, images);
        double[] d = n.toDoubleMatrix(images);
        for (int j : new int[] {0, 1000, 3071}) {
            double m = 0, s = 0;
            for (int i = 0; i < 40; i++) {
                m += images.pixel(i, j) / 255.0;
            }
            m /= 40;
            for (int i = 0; i < 40; i++) {
                s += Math.pow(images.pixel(i, j) / 255.0 - m, 2);
            }
            double sd = Math.sqrt(s / 40);
            for (int i = 0; i < 40; i++) {
                assertEquals((images.pixel(i, j) / 255.0 - m) / sd, d[j + 3072 * i], 1e-5);
            }
        }
    }

    @Test
    void statisticsComeFromTrainingImagesOnly() {
        Images train = threeImages();
        byte[] px = new byte[3072];
        px[0] = 9;
        px[2] = (byte) 200;
        Images other = new Images(px, new byte[] {4});
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, train);
        double[] d = n.toDoubleMatrix(other);
        assertEquals((9 - 3) / SQRT6, d[0], 1e-6);
        assertEquals((200 - 170) / (85 * Math.sqrt(2)), d[2], 1e-6);
        assertEquals(-10 / 255.0, d[1], 1e-6);
        assertNotEquals(n, Normalization.fit(Preprocess.STANDARDIZE, Images.concat(List.of(train, other))));
    }

    @Test
    void realTrainingMatrixHasZeroMeanUnitStdPerFeature() {
        Images train = BinaryBatchReader.read(TestData.sampleDir().resolve("data_batch_1.bin"));
        Images validation = BinaryBatchReader.read(TestData.sampleDir().resolve("data_batch_2.bin"));
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, train);
        double[] d = n.toDoubleMatrix(train);
        double[] f = pixelFeatures(n, train);
        int count = train.count();
        double worstValidationMean = 0;
        double[] v = n.toDoubleMatrix(validation);
        for (int j = 0; j < 3072; j++) {
            double md = 0, mf = 0, sd = 0, sf = 0, mv = 0;
            for (int i = 0; i < count; i++) {
                md += d[j + 3072 * i];
                mf += f[j + 3072 * i];
                sd += d[j + 3072 * i] * d[j + 3072 * i];
                sf += (double) f[j + 3072 * i] * f[j + 3072 * i];
            }
            for (int i = 0; i < validation.count(); i++) {
                mv += v[j + 3072 * i];
            }
            assertEquals(0, md / count, 1e-5, "double mean of feature " + j);
            assertEquals(0, mf / count, 1e-5, "float mean of feature " + j);
            assertEquals(1, Math.sqrt(sd / count), 1e-5, "double std of feature " + j);
            assertEquals(1, Math.sqrt(sf / count), 1e-5, "float std of feature " + j);
            worstValidationMean = Math.max(worstValidationMean, Math.abs(mv / validation.count()));
        }
        assertTrue(worstValidationMean > 0.01, "validation is not standardized by its own statistics");
    }

    /** The data README states the training-set mean 120.71 and channel means 0.4914, 0.4822, 0.4465. */
    @Test
    void realFullTrainingSetMeansMatchTheDataReadme() {
        List<Images> batches = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            batches.add(BinaryBatchReader.read(TestData.real("data_batch_" + b + ".bin")));
        }
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, Images.concat(batches));
        float[] mean = n.mean();
        double all = 0;
        double[] channel = new double[3];
        for (int j = 0; j < 3072; j++) {
            all += mean[j];
            channel[j / 1024] += mean[j];
        }
        assertEquals(120.71, all / 3072, 0.005);
        assertEquals(0.4914, channel[0] / 1024 / 255, 6e-5);
        assertEquals(0.4822, channel[1] / 1024 / 255, 6e-5);
        assertEquals(0.4465, channel[2] / 1024 / 255, 6e-5);
    }

    @Test
    void matrixIsColumnMajorFeaturesByImages() {
        Images images = TestData.randomImages(9, 5);
        Normalization n = Normalization.fit(Preprocess.STANDARDIZE, images);
        float[] mean = n.mean();
        float[] invStd = n.invStd();
        double[] d = n.toDoubleMatrix(images);
        double[] f = pixelFeatures(n, images);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3072; j += 97) {
                double want = (images.pixel(i, j) - (double) mean[j]) * invStd[j];
                assertEquals(want, d[j + 3072 * i], 1e-12);
                assertEquals(want, f[j + 3072 * i], 1e-5);
            }
        }
        assertEquals(0, n.toDoubleMatrix(images.slice(0, 0)).length);
    }

    @Test
    void equalsByContentAndDefensiveCopies() throws Exception {
        Images images = TestData.randomImages(4, 6);
        Normalization a = Normalization.fit(Preprocess.STANDARDIZE, images);
        Normalization b = Normalization.fit(Preprocess.STANDARDIZE, images);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Normalization.fit(Preprocess.SCALE, images));
        assertNotEquals(a, new Normalization(Preprocess.SCALE, a.mean(), a.invStd()));

        float[] mean = a.mean();
        mean[0] += 1;
        assertNotEquals(mean[0], a.mean()[0], "accessor returns a copy");
        Normalization c = new Normalization(Preprocess.STANDARDIZE, mean, a.invStd());
        mean[1] += 1;
        assertNotEquals(mean[1], c.mean()[1], "constructor copies");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(a, in.readObject());
        }
    }

    @Test
    void constructorValidates() {
        float[] ok = new float[3072];
        float[] ones = new float[3072];
        Arrays.fill(ones, 1f);
        var e = assertThrows(IllegalArgumentException.class, () -> new Normalization(Preprocess.SCALE, new float[3071], ones));
        assertEquals("mean has length 3071, expected 3072", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Normalization(Preprocess.SCALE, ok, ok));
        assertEquals("invStd[0] is 0.0, must be > 0", e.getMessage());
        float[] nan = ok.clone();
        nan[7] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new Normalization(Preprocess.SCALE, nan, ones));
        assertEquals("mean[7] is NaN, must be finite", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Normalization(null, ok, ones));
        e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.fit(Preprocess.STANDARDIZE, TestData.randomImages(1, 0)));
        assertTrue(e.getMessage().contains("0 training images"), e.getMessage());
    }

    /** The float32 path's features (pixels with the normalisation beside them), as a d×n column-major array. */
    private static double[] pixelFeatures(Normalization n, Images images) {
        FeatureMatrix m = FeatureMatrix.of(Precision.FLOAT, n, images);
        double[] values = new double[m.dim() * m.count()];
        for (int i = 0; i < m.count(); i++) {
            for (int j = 0; j < m.dim(); j++) values[j + m.dim() * i] = m.value(j, i);
        }
        return values;
    }
}
