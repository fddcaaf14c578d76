package org.cifarsweep.cli;

import java.nio.file.Path;
import org.cifarsweep.data.DataFormat;
import org.cifarsweep.data.SampleData;
import org.cifarsweep.data.Split;
import picocli.CommandLine.Option;

/** --data and --split, shared by the commands that read CIFAR-10. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "CIFAR-10 folder, binary (.bin) or MATLAB (.mat) version (default: the bundled sample, data/sample)")
    Path data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "default",
            description = "default (train data_batch_1, val data_batch_2) or all[:N] (all 5 batches, last N held out; N=1000)")
    String split;

    public Path dataDir() {
        return data != null ? data : SampleData.dir();
    }

    public Split split() {
        return Split.parse(split);
    }

    /** One warning line when --data holds both versions: the .bin files are read. */
    void warnIfBothVersions() {
        String both = DataFormat.bothVersionsWarning(dataDir());
        if (both != null) System.err.println("cifar-sweep: warning: " + both);
    }
}
