package org.cifarsweep.data;

import java.nio.file.Path;

/**
 * The small CIFAR-10 sample bundled with the project, {@code data/sample}: what {@code --data} and a conf's
 * {@code data.dir} default to. The one definition of that default, for the command line and the sweep conf alike.
 */
public final class SampleData {
    /** Set by submit.sh to the project folder, so that the sample is found from any working directory. */
    public static final String HOME_PROPERTY = "cifarsweep.home";

    private SampleData() { }

    /** {@code <cifarsweep.home, default ".">/data/sample}. */
    public static Path dir() {
        return projectHome().resolve("data").resolve("sample");
    }

    /** The project folder: {@code cifarsweep.home}, or the working directory. */
    public static Path projectHome() {
        return Path.of(System.getProperty(HOME_PROPERTY, "."));
    }
}
