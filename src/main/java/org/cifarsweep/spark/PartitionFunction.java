package org.cifarsweep.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.cifarsweep.sweep.TrialPack;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * {@link TaskFunction} in the form {@code SparkContext.submitJob} takes (a partition's iterator only): the task's
 * context is the running task's own.
 */
final class PartitionFunction extends AbstractFunction1<Iterator<TrialPack>, PackResult> implements Serializable {
    private final TaskFunction task;

    PartitionFunction(TaskTrainer trainer) {
        this.task = new TaskFunction(trainer);
    }

    @Override
    public PackResult apply(Iterator<TrialPack> packs) {
        return task.apply(TaskContext.get(), packs);
    }
}
