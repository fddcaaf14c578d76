package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;

class CifarLoaderTest {
    private static final List<String> NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    @TempDir
    Path tmp;

    @Test
    void sampleFolderLoadsWithDefaultSplit() {
        Dataset d = CifarLoader.load(TestData.sampleDir(), Split.parse("default"));
        assertEquals(1000, d.train().count());
        assertEquals(500, d.validation().count());
        assertEquals(500, d.test().count());
        assertEquals(NAMES, d.classNames());
        assertArrayEquals(new int[] {102, 112, 99, 92, 99, 85, 107, 102, 99, 103}, d.train().labelCounts());
        assertArrayEquals(new int[] {6, 9, 9, 4, 1}, d.train().slice(0, 5).labels());
        assertArrayEquals(new int[] {3, 8, 8, 0, 6}, d.test().slice(0, 5).labels());
    }

    @Test
    void binaryAndMatFoldersGiveIdenticalDatasets() throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path mat = Files.createDirectory(tmp.resolve("mat"));
        for (String batch : List.of("data_batch_1", "data_batch_2", "test_batch")) {
            Path source = TestData.sampleDir().resolve(batch + ".bin");
            Files.copy(source, bin.resolve(batch + ".bin"));
            MatBatchReader.write(mat.resolve(batch + ".mat"), BinaryBatchReader.read(source));
        }
        Files.copy(TestData.sampleDir().resolve("batches.meta.txt"), bin.resolve("batches.meta.txt"));
        writeMetaMat(mat.resolve("batches.meta.mat"), NAMES);

        Dataset fromBin = CifarLoader.load(bin, Split.parse("default"));
        Dataset fromMat = CifarLoader.load(mat, Split.parse("default"));
        assertEquals(fromBin, fromMat);
        assertEquals(NAMES, fromMat.classNames());
        assertEquals(List.of(mat.resolve("data_batch_1.mat"), mat.resolve("data_batch_2.mat"), mat.resolve("test_batch.mat")),
                CifarLoader.filesFor(mat, Split.parse("default")));
    }

    @Test
    void allSplitOnRealDataHoldsOutTheLastImagesOfBatch5() throws Exception {
        Path dir = TestData.realDir();
        Dataset d = CifarLoader.load(dir, Split.parse("all"));
        assertEquals(49000, d.train().count());
        assertEquals(1000, d.validation().count());
        assertEquals(10000, d.test().count());
        assertEquals(NAMES, d.classNames());

        Images batch5 = BinaryBatchReader.read(dir.resolve("data_batch_5.bin"));
        assertEquals(batch5.slice(9000, 10000), d.validation());
        assertEquals(batch5.slice(0, 9000), d.train().slice(40000, 49000));
        assertEquals(BinaryBatchReader.read(dir.resolve("data_batch_1.bin")), d.train().slice(0, 10000));
        assertEquals(BinaryBatchReader.read(dir.resolve("data_batch_3.bin")), d.train().slice(20000, 30000));
        assertEquals(BinaryBatchReader.read(dir.resolve("test_batch.bin")), d.test());

        // Independent check on the last validation image: read straight from the file.
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("data_batch_5.bin").toFile(), "r")) {
            raf.seek(9999L * 3073);
            assertEquals(raf.readUnsignedByte(), d.validation().label(999));
            raf.seek(9999L * 3073 + 1 + 3071);
            assertEquals(raf.readUnsignedByte(), d.validation().pixel(999, 3071));
        }
    }

    /**
     * The all split on a folder of five small synthetic batches (30 records each) and a test batch: the expected
     * sets are cut from the records' raw bytes in the test, not through the readers.
     */
    @Test
    void allSplitHoldsOutTheLastImagesOfBatch5OnSyntheticBatches() throws Exception {
        int per = 30;
        byte[][] raw = writeSyntheticAllFolder(tmp, per);
        for (int holdout : new int[] {1, 10, per - 1}) {
            Dataset d = CifarLoader.load(tmp, Split.parse("all:" + holdout));
            assertEquals(5 * per - holdout, d.train().count());
            assertEquals(holdout, d.validation().count());
            // Training: batches 1..4 whole, then the first per − holdout records of batch 5, in file order.
            for (int i = 0; i < 5 * per - holdout; i++) {
                assertRecord(raw[i / per], i % per, d.train(), i);
            }
            for (int i = 0; i < holdout; i++) {
                assertRecord(raw[4], per - holdout + i, d.validation(), i);
            }
            for (int i = 0; i < per; i++) {
                assertRecord(raw[5], i, d.test(), i);
            }
            assertEquals(NAMES, d.classNames());
        }
    }

    @Test
    void allSplitHoldingOutEveryImageIsRefused() throws Exception {
        writeSyntheticAllFolder(tmp, 30);
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(tmp, Split.parse("all:150")));
        assertEquals(tmp + ": split 'all:150' holds out 150 images but data_batch_1..5 have only 150", e.getMessage());
    }

    /** data_batch_1..5.bin and test_batch.bin of {@code per} random records each; returns their bytes (test last). */
    private static byte[][] writeSyntheticAllFolder(Path dir, int per) throws Exception {
        byte[][] raw = new byte[6][];
        for (int b = 0; b < 6; b++) {
            int[] labels = new int[per];
            for (int i = 0; i < per; i++) labels[i] = (i * 7 + b) % 10;
            raw[b] = TestData.records(100 + b, labels);
            Files.write(dir.resolve(b < 5 ? "data_batch_" + (b + 1) + ".bin" : "test_batch.bin"), raw[b]);
        }
        return raw;
    }

    /** Image {@code index} of {@code images} is record {@code record} of the raw batch bytes. */
    private static void assertRecord(byte[] raw, int record, Images images, int index) {
        int start = record * TestData.RECORD;
        assertEquals(raw[start] & 0xFF, images.label(index), "label of image " + index);
        for (int j = 0; j < 3072; j += 101) {
            assertEquals(raw[start + 1 + j] & 0xFF, images.pixel(index, j), "image " + index + " feature " + j);
        }
        assertEquals(raw[start + 3072] & 0xFF, images.pixel(index, 3071), "image " + index + " feature 3071");
    }

    @Test
    void defaultSplitOnRealData() {
        Dataset d = CifarLoader.load(TestData.realDir(), Split.parse("default"));
        assertArrayEquals(new int[] {1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981}, d.train().labelCounts());
        assertEquals(10000, d.validation().count());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, d.test().labelCounts());
    }

    @Test
    void filesForListsExactlyTheFilesUsed() {
        Path dir = TestData.sampleDir();
        assertEquals(List.of(dir.resolve("data_batch_1.bin"), dir.resolve("data_batch_2.bin"), dir.resolve("test_batch.bin")),
                CifarLoader.filesFor(dir, Split.parse("default")));
        List<Path> all = CifarLoader.filesFor(dir, Split.parse("all:10"));
        assertEquals(6, all.size());
        assertEquals(dir.resolve("data_batch_5.bin"), all.get(4));
        assertEquals(dir.resolve("test_batch.bin"), all.get(5));
    }

    @Test
    void allSplitOnTheSampleNamesTheMissingBatch() {
        Path dir = TestData.sampleDir();
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(dir, Split.parse("all")));
        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_3.bin") + ": file not found"), e.getMessage());
    }

    @Test
    void missingTestBatch() throws Exception {
        Files.copy(TestData.sampleDir().resolve("data_batch_1.bin"), tmp.resolve("data_batch_1.bin"));
        Files.copy(TestData.sampleDir().resolve("data_batch_2.bin"), tmp.resolve("data_batch_2.bin"));
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(tmp, Split.parse("default")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("test_batch.bin") + ": file not found"), e.getMessage());
    }

    @Test
    void badValidationFileIsADataFormatException() throws Exception {
        Files.copy(TestData.sampleDir().resolve("data_batch_1.bin"), tmp.resolve("data_batch_1.bin"));
        Files.write(tmp.resolve("data_batch_2.bin"), new byte[3073 * 2 + 5]);
        Files.copy(TestData.sampleDir().resolve("test_batch.bin"), tmp.resolve("test_batch.bin"));
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(tmp, Split.parse("default")));
        assertEquals(tmp.resolve("data_batch_2.bin")
                + ": size 6151 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes)", e.getMessage());
    }

    @Test
    void missingFolder() {
        Path dir = tmp.resolve("missing");
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(dir, Split.parse("default")));
        assertEquals(dir + ": data folder not found", e.getMessage());
        assertThrows(DataFormatException.class, () -> CifarLoader.filesFor(dir, Split.parse("default")));
    }

    @Test
    void classNamesFallBackToTheStandardList() throws Exception {
        copySampleBatches(tmp);
        assertEquals(NAMES, CifarLoader.load(tmp, Split.parse("default")).classNames());
    }

    @Test
    void classNamesFromMetaMatWhenNoText() throws Exception {
        copySampleBatches(tmp);
        List<String> custom = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        writeMetaMat(tmp.resolve("batches.meta.mat"), custom);
        assertEquals(custom, CifarLoader.load(tmp, Split.parse("default")).classNames());
    }

    @Test
    void wrongNumberOfClassNames() throws Exception {
        copySampleBatches(tmp);
        Files.writeString(tmp.resolve("batches.meta.txt"), "airplane\nautomobile\nbird\n");
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(tmp, Split.parse("default")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("batches.meta.txt") + ": has 3 class names, expected 10"),
                e.getMessage());
    }

    @Test
    void metaMatWithoutLabelNames() throws Exception {
        copySampleBatches(tmp);
        Mat5.writeToFile(Mat5.newMatFile().addArray("names", Mat5.newString("x")), tmp.resolve("batches.meta.mat").toFile());
        var e = assertThrows(DataFormatException.class, () -> CifarLoader.load(tmp, Split.parse("default")));
        assertEquals(tmp.resolve("batches.meta.mat") + ": missing variable 'label_names'", e.getMessage());
    }

    @Test
    void datasetValidatesClassNames() {
        Images one = TestData.randomImages(1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Dataset(one, one, one, List.of("a")));
        assertThrows(NullPointerException.class, () -> new Dataset(null, one, one, NAMES));
    }

    private static void copySampleBatches(Path dir) throws Exception {
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "test_batch.bin")) {
            Files.copy(TestData.sampleDir().resolve(name), dir.resolve(name));
        }
    }

    /** batches.meta.mat as in the course: {@code label_names}, a 10x1 cell of char. */
    private static void writeMetaMat(Path file, List<String> names) throws Exception {
        Cell cell = Mat5.newCell(names.size(), 1);
        for (int i = 0; i < names.size(); i++) {
            cell.set(i, Mat5.newString(names.get(i)));
        }
        Mat5.writeToFile(Mat5.newMatFile()
                .addArray("num_cases_per_batch", Mat5.newScalar(10000))
                .addArray("label_names", cell)
                .addArray("num_vis", Mat5.newScalar(3072)), file.toFile());
    }
}
