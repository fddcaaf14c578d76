package org.cifarsweep.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.cifarsweep.sweep.TrialPack;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/** The Scala function SparkContext.runJob calls in each task: its partition holds exactly one pack. */
final class TaskFunction extends AbstractFunction2<TaskContext, Iterator<TrialPack>, PackResult> implements Serializable {
    private final TaskTrainer task;

    TaskFunction(TaskTrainer task) {
        this.task = task;
    }

    @Override
    public PackResult apply(TaskContext context, Iterator<TrialPack> packs) {
        TrialPack pack = packs.next();
        if (packs.hasNext()) throw new IllegalStateException("a partition holds more than one pack");
        return task.run(context, pack);
    }
}
