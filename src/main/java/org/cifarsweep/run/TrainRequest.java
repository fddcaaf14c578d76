package org.cifarsweep.run;

import java.nio.file.Path;
import java.util.Objects;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.TrainConfig;

/**
 * One configuration to train on the driver: the validated config, the data set (loaded from {@code dataDir} with
 * {@code split}, and checked against the config), the preprocessing, and the output folder.
 */
public record TrainRequest(TrainConfig config, Preprocess preprocess, Path dataDir, Split split, Dataset dataset,
                           Path out, boolean overwrite, WeightsPolicy weights) {
    public TrainRequest {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        config.checkAgainst(dataset.train().count());
    }

    /** A run that keeps its weights file. */
    public TrainRequest(TrainConfig config, Preprocess preprocess, Path dataDir, Split split, Dataset dataset, Path out,
                        boolean overwrite) {
        this(config, preprocess, dataDir, split, dataset, out, overwrite, WeightsPolicy.ALL);
    }
}
