package org.cifarsweep.run;

import java.nio.file.Path;
import java.util.Objects;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.sweep.SweepSpec;

/**
 * A sweep to run: its spec, the data set (loaded and checked against the spec), the conf file it came from (named in
 * messages), the project folder (for provenance's git commit) and what to do with a non-empty output folder.
 */
public record SweepRequest(SweepSpec spec, Dataset dataset, Path conf, Path home, OutputMode mode) {
    public SweepRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(mode, "mode");
    }
}
