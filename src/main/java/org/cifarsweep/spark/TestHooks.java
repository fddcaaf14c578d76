package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.memory.SparkOutOfMemoryError;

/**
 * Fault injection for the tests of docs/reliability.md, "Tests": settings under {@code spark.cifarsweep.test.}, given
 * in a test's conf ({@code spark { }}) so that they reach the executors of a real cluster. They are not a feature:
 * nothing but a test sets them, and a sweep without them runs exactly as if this class did not exist.
 *
 * <ul>
 *   <li>{@value #OOM_TRIAL} = NAME and {@value #OOM_ATTEMPTS} = N: attempts 0 .. N-1 of that trial's task (Spark's
 *   attempt numbers) run out of memory before training; a large N makes every attempt fail. With {@value #OOM_KIND} = {@code heap} (the default) they allocate until the JVM throws
 *   a real {@code OutOfMemoryError: Java heap space}, which ends the JVM (an executor; in local mode the driver);
 *   with {@code spark} they throw Spark's {@code SparkOutOfMemoryError}, as its memory manager does, which fails the
 *   attempt and leaves the JVM running.</li>
 *   <li>{@value #HEAP} = SIZE: each task checks the sweep's memory need against SIZE instead of its JVM's maximum
 *   heap, as if its executor had been given that much.</li>
 *   <li>{@value #STATE_BUDGET} = SIZE: the driver holds at most SIZE of successive-halving states per Spark job
 *   ({@link ResultBudget#STATE_BUDGET} otherwise), so that a small sweep is cut into several jobs.</li>
 * </ul>
 */
record TestHooks(String oomTrial, int oomAttempts, boolean sparkOom, Long heap, Long stateBudget) implements Serializable {
    static final String OOM_TRIAL = "spark.cifarsweep.test.oomTrial";
    static final String OOM_ATTEMPTS = "spark.cifarsweep.test.oomAttempts";
    static final String OOM_KIND = "spark.cifarsweep.test.oomKind";
    static final String HEAP = "spark.cifarsweep.test.executorHeap";
    static final String STATE_BUDGET = "spark.cifarsweep.test.stateBudget";
    static final TestHooks NONE = new TestHooks(null, 0, false, null, null);

    static TestHooks of(SparkConf conf) {
        String kind = conf.get(OOM_KIND, "heap");
        if (!kind.equals("heap") && !kind.equals("spark")) {
            throw new IllegalArgumentException(OOM_KIND + " '" + kind + "' must be heap or spark (a test-only setting)");
        }
        String heap = conf.get(HEAP, null);
        String states = conf.get(STATE_BUDGET, null);
        return new TestHooks(conf.get(OOM_TRIAL, null), conf.getInt(OOM_ATTEMPTS, 0), kind.equals("spark"),
                heap == null ? null : MemoryCheck.bytes(HEAP, heap),
                states == null ? null : MemoryCheck.bytes(STATE_BUDGET, states));
    }

    /** Runs out of memory if attempt {@code attempt} of {@code trial} is one the settings name. */
    void beforeTraining(String trial, int attempt) {
        if (oomTrial == null || !oomTrial.equals(trial) || attempt >= oomAttempts) return;
        if (sparkOom) {
            throw new SparkOutOfMemoryError("UNABLE_TO_ACQUIRE_MEMORY",
                    Map.of("requestedBytes", "1073741824", "receivedBytes", "0"));
        }
        List<long[]> hog = new ArrayList<>();
        while (hog.size() >= 0) hog.add(new long[2 << 20]);   // 16 MiB at a time, until the heap is full
    }

    /** The bytes of halving states a job may hold on the driver: {@value #STATE_BUDGET} if set, else {@code actual}. */
    long stateBudgetOr(long actual) {
        return stateBudget == null ? actual : stateBudget;
    }

    /** The heap a task checks the sweep's need against: {@value #HEAP} if set, else {@code actual}. */
    long heapOr(long actual) {
        return heap == null ? actual : heap;
    }
}
