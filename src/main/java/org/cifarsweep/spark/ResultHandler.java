package org.cifarsweep.spark;

import java.util.function.BiConsumer;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs on the driver as each task's result arrives, with its partition, so results are written while the sweep goes
 * on and the driver knows which runs of a job have finished.
 */
final class ResultHandler extends AbstractFunction2<Object, TaskResult, BoxedUnit> {
    private final BiConsumer<Integer, TaskResult> consumer;

    ResultHandler(BiConsumer<Integer, TaskResult> consumer) {
        this.consumer = consumer;
    }

    @Override
    public BoxedUnit apply(Object partition, TaskResult result) {
        consumer.accept((Integer) partition, result);
        return BoxedUnit.UNIT;
    }
}
