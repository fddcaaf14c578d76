package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskResultLost$;
import org.apache.spark.memory.SparkOutOfMemoryError;
import org.apache.spark.scheduler.AccumulableInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/** How a failed attempt is described and classified, and how many attempts Spark makes of a task. */
class TaskFailuresTest {

    static TaskEndReason exception(Throwable t) {
        return new ExceptionFailure(t, CollectionConverters.asScala(List.<AccumulableInfo>of()).toSeq());
    }

    @Test
    void outOfMemoryIsALackOfResources() {
        TaskEndReason oom = exception(new OutOfMemoryError("Java heap space"));
        assertEquals("OutOfMemoryError: Java heap space", TaskFailures.cause(oom));
        assertTrue(TaskFailures.isResources(oom));
        TaskEndReason spark = exception(new SparkOutOfMemoryError("UNABLE_TO_ACQUIRE_MEMORY",
                java.util.Map.of("requestedBytes", "10", "receivedBytes", "0")));
        assertTrue(TaskFailures.cause(spark).startsWith("SparkOutOfMemoryError: [UNABLE_TO_ACQUIRE_MEMORY] Unable to"
                + " acquire 10 bytes of memory, got 0."), TaskFailures.cause(spark));
        assertTrue(TaskFailures.isResources(spark));
    }

    @Test
    void otherErrorsAreNot() {
        TaskEndReason linkage = exception(new NoClassDefFoundError("dev/ludovic/netlib/blas/BLAS\nsecond line"));
        assertEquals("NoClassDefFoundError: dev/ludovic/netlib/blas/BLAS", TaskFailures.cause(linkage));
        assertFalse(TaskFailures.isResources(linkage));
        assertEquals("StackOverflowError", TaskFailures.cause(exception(new StackOverflowError())));
    }

    @Test
    void aLostExecutorIsALackOfResources() {
        TaskEndReason oomExit = new ExecutorLostFailure("1", true, Option.apply("Command exited with code 52"));
        assertEquals("OutOfMemoryError: executor 1 lost (Command exited with code 52)", TaskFailures.cause(oomExit));
        assertTrue(TaskFailures.isResources(oomExit));
        TaskEndReason killed = new ExecutorLostFailure("2", true, Option.apply("Command exited with code 137"));
        assertEquals("executor 2 lost (Command exited with code 137)", TaskFailures.cause(killed));
        assertEquals("executor 3 lost", TaskFailures.cause(new ExecutorLostFailure("3", true, Option.empty())));
        assertTrue(TaskFailures.isResources(TaskResultLost$.MODULE$));
    }

    @Test
    void theReasonOfARunSparkGaveUpOn() {
        assertEquals("OutOfMemoryError: Java heap space (4 attempts, lack of resources)",
                new LostRun("t", "OutOfMemoryError: Java heap space", 4, true).reason());
        assertEquals("NoClassDefFoundError: x (1 attempt)", new LostRun("t", "NoClassDefFoundError: x", 1, false).reason());
    }

    @Test
    void attemptsOfATask() {
        assertEquals(1, SweepRunner.maxTaskFailures("local", null));
        assertEquals(1, SweepRunner.maxTaskFailures("local[2]", "8"));   // local mode ignores spark.task.maxFailures
        assertEquals(3, SweepRunner.maxTaskFailures("local[2,3]", null));
        assertEquals(5, SweepRunner.maxTaskFailures("local[*, 5]", null));
        assertEquals(4, SweepRunner.maxTaskFailures("spark://h:7077", null));
        assertEquals(8, SweepRunner.maxTaskFailures("yarn", "8"));
        assertEquals(4, SweepRunner.maxTaskFailures("local-cluster[2,1,1024]", null));
    }
}
