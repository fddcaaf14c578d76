package org.cifarsweep.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Shared helpers: the real CIFAR-10 folder (tests skip without it), raw record bytes and synthetic images. */
final class TestData {
    static final int RECORD = 3073;

    private TestData() {
    }

    /** The real binary CIFAR-10 folder given by surefire's {@code cifar.real.dir}; skips the test if absent. */
    static Path realDir() {
        String dir = System.getProperty("cifar.real.dir", "../shared/data/cifar-10-batches-bin");
        Path path = Path.of(dir);
        assumeTrue(Files.isRegularFile(path.resolve("data_batch_1.bin")), "real CIFAR-10 not found at " + path);
        return path;
    }

    static Path real(String fileName) {
        return realDir().resolve(fileName);
    }

    /** The project's data/sample folder (surefire runs in the project folder). */
    static Path sampleDir() {
        return Path.of("data", "sample");
    }

    /** Binary-format records for the given labels, with pixel bytes from a seeded random source. */
    static byte[] records(long seed, int... labels) {
        Random random = new Random(seed);
        byte[] out = new byte[labels.length * RECORD];
        random.nextBytes(out);
        for (int i = 0; i < labels.length; i++) {
            out[i * RECORD] = (byte) labels[i];
        }
        return out;
    }

    /** Random images with labels 0..9 cycling. */
    static Images randomImages(long seed, int n) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * Images.PIXELS];
        random.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new Images(pixels, labels);
    }
}
