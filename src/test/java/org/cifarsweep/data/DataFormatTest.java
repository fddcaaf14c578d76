package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFormatTest {
    @TempDir
    Path tmp;

    @Test
    void detectsBinary() throws Exception {
        Files.createFile(tmp.resolve("data_batch_1.bin"));
        assertEquals(DataFormat.BINARY, DataFormat.detect(tmp));
        assertEquals(DataFormat.BINARY, DataFormat.detect(TestData.sampleDir()));
    }

    @Test
    void detectsMat() throws Exception {
        Files.createFile(tmp.resolve("data_batch_1.mat"));
        assertEquals(DataFormat.MAT, DataFormat.detect(tmp));
    }

    @Test
    void binaryWinsWhenBothArePresent() throws Exception {
        Files.createFile(tmp.resolve("data_batch_1.mat"));
        Files.createFile(tmp.resolve("data_batch_1.bin"));
        assertEquals(DataFormat.BINARY, DataFormat.detect(tmp));
    }

    /** Issue 12: a folder with both versions read the .bin files without a word. */
    @Test
    void aFolderWithBothVersionsGetsAWarningLine() throws Exception {
        Files.createFile(tmp.resolve("data_batch_1.bin"));
        assertNull(DataFormat.bothVersionsWarning(tmp));
        Files.createFile(tmp.resolve("data_batch_1.mat"));
        assertEquals(tmp + " holds both the binary (.bin) and the MATLAB (.mat) version of CIFAR-10; reading the .bin"
                + " files (to train on the .mat files, give a folder that holds only them)", DataFormat.bothVersionsWarning(tmp));
        assertNull(DataFormat.bothVersionsWarning(tmp.resolve("missing")));
    }

    @Test
    void emptyFolder() throws Exception {
        Files.createFile(tmp.resolve("test_batch.bin")); // not enough on its own
        var e = assertThrows(DataFormatException.class, () -> DataFormat.detect(tmp));
        assertEquals(tmp + ": no CIFAR-10 batches found (expected data_batch_1.bin or data_batch_1.mat)", e.getMessage());
    }

    @Test
    void missingFolder() {
        Path dir = tmp.resolve("nope");
        var e = assertThrows(DataFormatException.class, () -> DataFormat.detect(dir));
        assertEquals(dir + ": data folder not found", e.getMessage());
    }

    @Test
    void fileInsteadOfFolder() throws Exception {
        Path file = Files.createFile(tmp.resolve("data_batch_1.bin"));
        var e = assertThrows(DataFormatException.class, () -> DataFormat.detect(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void fileNames() {
        assertEquals("data_batch_1.bin", DataFormat.BINARY.fileName("data_batch_1"));
        assertEquals("test_batch.mat", DataFormat.MAT.fileName("test_batch"));
    }

    @Test
    void readDispatchesOnFormat() throws Exception {
        Images images = TestData.randomImages(5, 4);
        Path mat = tmp.resolve("a.mat");
        MatBatchReader.write(mat, images);
        assertEquals(images, DataFormat.MAT.read(mat));
        Path bin = tmp.resolve("a.bin");
        byte[] raw = new byte[4 * 3073];
        for (int i = 0; i < 4; i++) {
            raw[i * 3073] = (byte) images.label(i);
            System.arraycopy(images.rawPixels(), i * 3072, raw, i * 3073 + 1, 3072);
        }
        Files.write(bin, raw);
        assertEquals(images, DataFormat.BINARY.read(bin));
        var e = assertThrows(DataFormatException.class, () -> DataFormat.MAT.read(bin));
        assertTrue(e.getMessage().startsWith(bin + ": not a readable MAT-file"), e.getMessage());
    }
}
