package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;

class WeightsFileTest {
    @TempDir
    Path dir;

    /**
     * The weights are made in memory and written with plain writes (not Mat5.writeToFile's memory mapping, which on a
     * full disk is a SIGBUS and an InternalError in Spark's scheduler thread): the same bytes as before.
     */
    @Test
    void writesTheBytesMat5WriteToFileWrites() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] w = new double[10][3072];
        double[] b = new double[10];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 3072; j++) w[k][j] = rng.nextGaussian() * 0.01;
            b[k] = rng.nextGaussian();
        }
        Path ours = dir.resolve("weights").resolve("ours.mat");
        WeightsFile.write(ours, w, b);

        Matrix wm = Mat5.newMatrix(10, 3072);
        Matrix bm = Mat5.newMatrix(10, 1);
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 3072; j++) wm.setDouble(k, j, w[k][j]);
            bm.setDouble(k, 0, b[k]);
        }
        Path theirs = dir.resolve("theirs.mat");
        try (Mat5File mat = Mat5.newMatFile()) {
            Mat5.writeToFile(mat.addArray("W", wm).addArray("b", bm), theirs.toFile());
        }
        assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours));
        WeightsFile.Weights read = WeightsFile.read(ours);
        assertArrayEquals(b, read.b());
        assertEquals(w[9][3071], read.w()[9][3071]);
        assertFalse(Files.exists(dir.resolve("weights").resolve("ours.mat.tmp")));
    }
}
