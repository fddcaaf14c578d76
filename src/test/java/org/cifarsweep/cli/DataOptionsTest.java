package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.cifarsweep.data.SampleData;
import org.junit.jupiter.api.Test;

/** Without --data, the bundled sample under cifarsweep.home: the same default a conf without data.dir gets. */
class DataOptionsTest {
    @Test
    void withoutDataTheBundledSampleOfTheProjectFolder() {
        String old = System.getProperty(SampleData.HOME_PROPERTY);
        try {
            System.setProperty(SampleData.HOME_PROPERTY, "/opt/cs");
            assertEquals(Path.of("/opt/cs/data/sample"), new DataOptions().dataDir());
            System.clearProperty(SampleData.HOME_PROPERTY);
            assertEquals(Path.of("./data/sample"), new DataOptions().dataDir());
            assertEquals(SampleData.dir(), new DataOptions().dataDir());
        } finally {
            if (old == null) System.clearProperty(SampleData.HOME_PROPERTY); else System.setProperty(SampleData.HOME_PROPERTY, old);
        }
        DataOptions given = new DataOptions();
        given.data = Path.of("elsewhere");
        assertEquals(Path.of("elsewhere"), given.dataDir());
    }
}
