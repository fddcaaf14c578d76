package org.cifarsweep.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real CIFAR-10 binary files, next to the checkout on every machine of ours, CI included. */
public final class RealData {
    private RealData() { }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("cifar.real.dir", "../shared/data/cifar-10-batches-bin"));
        assumeTrue(Files.isRegularFile(dir.resolve("data_batch_1.bin")), "real CIFAR-10 not found at " + dir);
        return dir;
    }

    /** The small real sample shipped in data/sample. */
    public static Path sample() {
        return Path.of("data", "sample");
    }
}
