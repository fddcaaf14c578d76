package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

class MatBatchReaderTest {
    @TempDir
    Path tmp;

    @Test
    void realBatchWrittenAsMatReadsBackIdentical() throws Exception {
        Images bin = BinaryBatchReader.read(TestData.sampleDir().resolve("data_batch_1.bin"));
        Path file = tmp.resolve("data_batch_1.mat");
        MatBatchReader.write(file, bin);
        assertEquals(bin, MatBatchReader.read(file));

        // The written file has the course's layout, checked through MFL directly.
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            Matrix data = mat.getMatrix("data");
            assertEquals(MatlabType.UInt8, data.getType());
            assertArrayEquals(new int[] {1000, 3072}, data.getDimensions());
            assertEquals(59, data.getInt(0, 0), "first red pixel of image 0");
            assertArrayEquals(new int[] {1000, 1}, mat.getMatrix("labels").getDimensions());
            assertEquals(6, mat.getMatrix("labels").getInt(0, 0));
            byte[] raw = Files.readAllBytes(TestData.sampleDir().resolve("data_batch_1.bin"));
            assertEquals(raw[999 * 3073] & 0xFF, mat.getMatrix("labels").getInt(999, 0), "label of the last image");
            assertEquals(raw[999 * 3073 + 3072] & 0xFF, data.getInt(999, 3071), "last blue pixel of the last image");
            assertEquals("training batch 1 of 5", mat.getChar("batch_label").getString());
        }
    }

    /** A file made with MFL alone, in the course's layout, from the raw bytes of real records. */
    @Test
    void courseLayoutBuiltWithMflReadsBackRight() throws Exception {
        byte[] raw = Files.readAllBytes(TestData.sampleDir().resolve("test_batch.bin"));
        int n = raw.length / 3073;
        Matrix data = Mat5.newMatrix(n, 3072, MatlabType.UInt8);
        Matrix labels = Mat5.newMatrix(n, 1, MatlabType.UInt8);
        for (int i = 0; i < n; i++) {
            labels.setLong(i, 0, raw[i * 3073] & 0xFF);
            for (int j = 0; j < 3072; j++) {
                data.setLong(i, j, raw[i * 3073 + 1 + j] & 0xFF);
            }
        }
        MatFile mat = Mat5.newMatFile()
                .addArray("data", data)
                .addArray("labels", labels)
                .addArray("batch_label", Mat5.newString("testing batch 1 of 1"));
        Path file = tmp.resolve("test_batch.mat");
        Mat5.writeToFile(mat, file.toFile()); // MFL's default: compressed, unlike our write()

        Images images = MatBatchReader.read(file);
        assertEquals(500, images.count());
        for (int i = 0; i < n; i++) {
            assertEquals(raw[i * 3073] & 0xFF, images.label(i));
            for (int j = 0; j < 3072; j++) {
                assertEquals(raw[i * 3073 + 1 + j] & 0xFF, images.pixel(i, j), "image " + i + " feature " + j);
            }
        }
        assertEquals(BinaryBatchReader.read(TestData.sampleDir().resolve("test_batch.bin")), images);
    }

    @Test
    void batchLabelsLikeTheCourseFiles() {
        assertEquals("training batch 3 of 5", MatBatchReader.batchLabel(Path.of("d", "data_batch_3.mat")));
        assertEquals("testing batch 1 of 1", MatBatchReader.batchLabel(Path.of("test_batch.mat")));
        assertEquals("mine", MatBatchReader.batchLabel(Path.of("mine.mat")));
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("data_batch_1.mat");
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(tmp.resolve("data_batch_1.mat"));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": empty file", e.getMessage());
    }

    @Test
    void notAMatFile() throws Exception {
        Path file = tmp.resolve("data_batch_1.mat");
        Files.write(file, TestData.records(3, 1, 2));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a readable MAT-file"), e.getMessage());
    }

    @Test
    void wrongVariableName() throws Exception {
        Path file = write("data_batch_1.mat", "Data", uint8(4, 3072), "labels", uint8(4, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": missing variable 'data'", e.getMessage());
    }

    @Test
    void missingLabels() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(4, 3072), "label", uint8(4, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": missing variable 'labels'", e.getMessage());
    }

    @Test
    void wrongDataShape() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(10, 3071), "labels", uint8(10, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'data' has shape 10x3071 and class uint8, expected Nx3072 uint8", e.getMessage());
    }

    @Test
    void transposedData() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(3072, 10), "labels", uint8(10, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'data' has shape 3072x10 and class uint8, expected Nx3072 uint8", e.getMessage());
    }

    @Test
    void doubleInsteadOfUint8() throws Exception {
        Path file = write("data_batch_1.mat", "data", Mat5.newMatrix(10, 3072, MatlabType.Double), "labels", uint8(10, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'data' has shape 10x3072 and class double, expected Nx3072 uint8", e.getMessage());
    }

    @Test
    void doubleLabels() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(10, 3072), "labels", Mat5.newMatrix(10, 1, MatlabType.Double));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'labels' has shape 10x1 and class double, expected 10x1 uint8", e.getMessage());
    }

    @Test
    void labelsAsRowVector() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(10, 3072), "labels", uint8(1, 10));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'labels' has shape 1x10 and class uint8, expected 10x1 uint8", e.getMessage());
    }

    @Test
    void labelsCountDiffersFromImages() throws Exception {
        Path file = write("data_batch_1.mat", "data", uint8(10, 3072), "labels", uint8(9, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'labels' has shape 9x1 and class uint8, expected 10x1 uint8", e.getMessage());
    }

    @Test
    void dataAsCharArray() throws Exception {
        Char text = Mat5.newString("not images");
        Path file = write("data_batch_1.mat", "data", text, "labels", uint8(10, 1));
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": variable 'data' has shape 1x10 and class char, expected Nx3072 uint8", e.getMessage());
    }

    @Test
    void labelTen() throws Exception {
        Matrix labels = uint8(3, 1);
        labels.setLong(1, 10);
        Path file = write("data_batch_1.mat", "data", uint8(3, 3072), "labels", labels);
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": record 1 has label 10, labels must be 0-9", e.getMessage());
    }

    @Test
    void label255() throws Exception {
        Matrix labels = uint8(3, 1);
        labels.setLong(2, 255);
        Path file = write("data_batch_1.mat", "data", uint8(3, 3072), "labels", labels);
        var e = assertThrows(DataFormatException.class, () -> MatBatchReader.read(file));
        assertEquals(file + ": record 2 has label 255, labels must be 0-9", e.getMessage());
    }

    @Test
    void writeReadSmallRandom() {
        Images images = TestData.randomImages(11, 37);
        Path file = tmp.resolve("x.mat");
        MatBatchReader.write(file, images);
        assertEquals(images, MatBatchReader.read(file));
        assertEquals(images, DataFormat.MAT.read(file));
    }

    private static Matrix uint8(int rows, int cols) {
        return Mat5.newMatrix(rows, cols, MatlabType.UInt8);
    }

    private Path write(String name, String var1, us.hebi.matlab.mat.types.Array a1,
                       String var2, us.hebi.matlab.mat.types.Array a2) throws Exception {
        Path file = tmp.resolve(name);
        Mat5.writeToFile(Mat5.newMatFile().addArray(var1, a1).addArray(var2, a2)
                .addArray("batch_label", Mat5.newString("training batch 1 of 5")), file.toFile());
        return file;
    }
}
