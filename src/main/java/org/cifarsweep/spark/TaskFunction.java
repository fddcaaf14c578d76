package org.cifarsweep.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.cifarsweep.sweep.TrialSpec;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/** The Scala function SparkContext.runJob calls in each task: its partition holds exactly one trial. */
final class TaskFunction extends AbstractFunction2<TaskContext, Iterator<TrialSpec>, TaskResult> implements Serializable {
    private final TaskTrainer task;

    TaskFunction(TaskTrainer task) {
        this.task = task;
    }

    @Override
    public TaskResult apply(TaskContext context, Iterator<TrialSpec> trials) {
        TrialSpec trial = trials.next();
        if (trials.hasNext()) throw new IllegalStateException("a partition holds more than one trial");
        return task.run(context, trial);
    }
}
