package org.cifarsweep.spark;

import java.util.function.BiConsumer;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs on the driver as each task's result arrives, with its partition, so results are written while the sweep goes
 * on and the driver knows which runs of a job have finished.
 */
final class ResultHandler extends AbstractFunction2<Object, PackResult, BoxedUnit> {
    private final BiConsumer<Integer, PackResult> consumer;

    ResultHandler(BiConsumer<Integer, PackResult> consumer) {
        this.consumer = consumer;
    }

    @Override
    public BoxedUnit apply(Object partition, PackResult result) {
        consumer.accept((Integer) partition, result);
        return BoxedUnit.UNIT;
    }
}
