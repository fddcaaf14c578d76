package org.cifarsweep.run;

import java.nio.file.Path;
import java.util.Objects;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.train.TrainConfig;

/**
 * One configuration to train on the driver: the validated config, the data set (loaded from {@code dataDir} with
 * {@code split}, and checked against the config), the preprocessing, and the output folder.
 */
public record TrainRequest(TrainConfig config, Preprocess preprocess, Path dataDir, Split split, Dataset dataset,
                           Path out, boolean overwrite) {
    public TrainRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        config.checkAgainst(dataset.train().count());
    }
}
