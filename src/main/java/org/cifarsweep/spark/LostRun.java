package org.cifarsweep.spark;

/**
 * A run Spark gave up on: every attempt of its task failed (spark.task.maxFailures) without the trial's own code
 * failing, e.g. for lack of memory or a lost executor. It is recorded as a {@code failed} row; {@code --resume}
 * runs it again.
 *
 * @param trial     the run's name
 * @param cause     the last attempt's cause, e.g. "OutOfMemoryError: Java heap space"
 * @param attempts  how many attempts failed
 * @param resources whether the cause is a lack of resources (memory, a lost executor), which more memory can cure
 */
public record LostRun(String trial, String cause, int attempts, boolean resources) {

    /** The reason column of its row, e.g. "OutOfMemoryError: Java heap space (4 attempts, lack of resources)". */
    public String reason() {
        return cause + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (resources ? ", lack of resources)" : ")");
    }
}
