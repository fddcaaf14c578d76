package org.cifarsweep.spark;

import java.util.function.Consumer;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/** Runs on the driver as each task's result arrives, so results are written while the sweep goes on. */
final class ResultHandler extends AbstractFunction2<Object, TaskResult, BoxedUnit> {
    private final Consumer<TaskResult> consumer;

    ResultHandler(Consumer<TaskResult> consumer) {
        this.consumer = consumer;
    }

    @Override
    public BoxedUnit apply(Object partition, TaskResult result) {
        consumer.accept(result);
        return BoxedUnit.UNIT;
    }
}
