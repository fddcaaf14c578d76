package org.cifarsweep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cifarsweep.spark.LostRun;
import org.cifarsweep.spark.MemoryCheck;
import org.junit.jupiter.api.Test;

/** The one line a sweep ends with when trials are missing. */
class SummaryLinesTest {
    static final String OOM = "OutOfMemoryError: Java heap space";

    @Test
    void trialsSparkGaveUpOnForLackOfResources() {
        assertEquals("1 trial failed for lack of resources: eta0.001_lam0_b100_ep40 (" + OOM + ", 4 attempts); raise"
                        + " --executor-memory (now 1g) and add --resume to the same command to rerun just the failed trials",
                RunService.lostLine(List.of(new LostRun("eta0.001_lam0_b100_ep40", OOM, 4, true)),
                        "--executor-memory (now 1g)", false));
        List<LostRun> five = List.of(new LostRun("a", OOM, 4, true), new LostRun("b", OOM, 4, true),
                new LostRun("c", "executor 2 lost (Command exited with code 137)", 4, true),
                new LostRun("d", OOM, 4, true), new LostRun("e", OOM, 4, true));
        assertEquals("5 trials failed for lack of resources: a (" + OOM + ", 4 attempts); b (" + OOM + ", 4 attempts);"
                        + " c (executor 2 lost (Command exited with code 137), 4 attempts) and 2 more; the successive"
                        + " halving stopped before its next rung; raise --executor-memory (now 2g) and add --resume to"
                        + " the same command to rerun just the failed trials",
                RunService.lostLine(five, "--executor-memory (now 2g)", true));
    }

    @Test
    void trialsSparkGaveUpOnForOtherReasons() {
        assertEquals("1 trial failed outside training: a (NoClassDefFoundError: x, 1 attempt); see the executor logs and"
                        + " add --resume to the same command to rerun just the failed trials",
                RunService.lostLine(List.of(new LostRun("a", "NoClassDefFoundError: x", 1, false)), "--x", false));
        assertEquals("2 trials failed outside training, 1 for lack of resources: a (NoClassDefFoundError: x, 4 attempts);"
                        + " b (" + OOM + ", 4 attempts); raise --executor-memory (now 1g) or see the executor logs and"
                        + " add --resume to the same command to rerun just the failed trials",
                RunService.lostLine(List.of(new LostRun("a", "NoClassDefFoundError: x", 4, false),
                        new LostRun("b", OOM, 4, true)), "--executor-memory (now 1g)", false));
    }

    @Test
    void aDriverThatRanOutOfMemoryInLocalMode() {
        MemoryCheck.Settings local = MemoryCheck.Settings.of(Map.of("spark.master", "local[2]"), Map.of(), 2L << 30, 2);
        assertEquals("the driver died of " + OOM + " in trial t (in local mode the tasks run in the driver JVM); the"
                        + " results recorded so far in out/x are safe: raise --driver-memory (now 2048 MiB of heap) and"
                        + " add --resume to the same command to finish the sweep",
                RunService.driverOutOfMemory(OOM + " in trial t", Path.of("out/x"), local));
    }
}
