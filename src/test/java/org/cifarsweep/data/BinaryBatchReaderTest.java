package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryBatchReaderTest {
    @TempDir
    Path tmp;

    @Test
    void realDataBatch1LabelCountsFromTheDataReadme() {
        Images images = BinaryBatchReader.read(TestData.real("data_batch_1.bin"));
        assertEquals(10000, images.count());
        assertArrayEquals(new int[] {1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981}, images.labelCounts());
        // The well-known start of CIFAR-10: a frog, two trucks, a deer, ...; first red row 59 43 50 68 98.
        assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, images.slice(0, 10).labels());
        assertArrayEquals(new int[] {59, 43, 50, 68, 98},
                new int[] {images.pixel(0, 0), images.pixel(0, 1), images.pixel(0, 2), images.pixel(0, 3), images.pixel(0, 4)});
    }

    @Test
    void realTestBatchIsBalanced() {
        Images images = BinaryBatchReader.read(TestData.real("test_batch.bin"));
        assertEquals(10000, images.count());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, images.labelCounts());
        assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, images.slice(0, 10).labels());
    }

    /** The first 1,000 records of the real data_batch_1 (data/sample/README.md): counts, labels and pixels. */
    @Test
    void sampleBatch1IsTheStartOfTheRealBatch1() {
        Images images = BinaryBatchReader.read(TestData.sampleDir().resolve("data_batch_1.bin"));
        assertEquals(1000, images.count());
        assertArrayEquals(new int[] {102, 112, 99, 92, 99, 85, 107, 102, 99, 103}, images.labelCounts());
        // The same well-known start as the full file: a frog, two trucks, a deer, ...; first red row 59 43 50 68 98.
        assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, images.slice(0, 10).labels());
        assertArrayEquals(new int[] {59, 43, 50, 68, 98},
                new int[] {images.pixel(0, 0), images.pixel(0, 1), images.pixel(0, 2), images.pixel(0, 3), images.pixel(0, 4)});
    }

    /** Every record's label and chosen pixels, read from the file by offset, not through the reader. */
    @ParameterizedTest
    @ValueSource(strings = {"data_batch_1.bin", "data_batch_2.bin", "test_batch.bin"})
    void sampleBytesMatchTheFileAtRandomAccess(String name) throws Exception {
        Path file = TestData.sampleDir().resolve(name);
        Images images = BinaryBatchReader.read(file);
        int records = (int) (Files.size(file) / 3073);
        assertEquals(records, images.count());
        int last = records - 1;
        int[][] probes = {{0, 0}, {0, 3071}, {1, 1024}, {432, 2048}, {last, 0}, {last, 3071}, {last / 2, 1500}};
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int record = 0; record < records; record++) {
                raf.seek((long) record * 3073);
                assertEquals(raf.readUnsignedByte(), images.label(record), "label of record " + record);
            }
            for (int[] p : probes) {
                int record = p[0], feature = p[1];
                raf.seek((long) record * 3073 + 1 + feature);
                assertEquals(raf.readUnsignedByte(), images.pixel(record, feature), "record " + record + " feature " + feature);
            }
        }
    }

    @Test
    void smallFileRoundTrip() throws Exception {
        byte[] raw = TestData.records(7, 0, 9, 5);
        Path file = tmp.resolve("three.bin");
        Files.write(file, raw);
        Images images = BinaryBatchReader.read(file);
        assertArrayEquals(new int[] {0, 9, 5}, images.labels());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3072; j++) {
                assertEquals(raw[i * 3073 + 1 + j] & 0xFF, images.pixel(i, j));
            }
        }
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("x.bin");
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(tmp.resolve("test_batch.bin"));
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertEquals(file + ": empty file", e.getMessage());
    }

    @Test
    void sizeNotAMultipleOfTheRecord() throws Exception {
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, new byte[3074]);
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertEquals(file + ": size 3074 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes)", e.getMessage());
    }

    @Test
    void truncatedRealFile() throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(TestData.sampleDir().resolve("data_batch_1.bin")), 2 * 3073);
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, Arrays.copyOf(head, head.length - 1));
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": size 6145 bytes is not a multiple of 3073"), e.getMessage());
    }

    @Test
    void labelTen() throws Exception {
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, TestData.records(1, 0, 1, 10));
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertEquals(file + ": record 2 has label 10, labels must be 0-9", e.getMessage());
    }

    @Test
    void label255() throws Exception {
        Path file = tmp.resolve("data_batch_1.bin");
        Files.write(file, TestData.records(1, 255));
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(file));
        assertEquals(file + ": record 0 has label 255, labels must be 0-9", e.getMessage());
    }

    @Test
    void folderInsteadOfFile() {
        var e = assertThrows(DataFormatException.class, () -> BinaryBatchReader.read(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": "), e.getMessage());
    }
}
