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

    @Test
    void allSplitWithCustomHoldout() {
        Dataset d = CifarLoader.load(TestData.realDir(), Split.parse("all:2500"));
        assertEquals(47500, d.train().count());
        assertEquals(2500, d.validation().count());
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
