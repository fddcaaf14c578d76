package org.cifarsweep.spark;

import java.util.function.Consumer;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/** Runs on the driver as each task's result arrives, so results are written while the sweep goes on. */
final class ResultHandler extends AbstractFunction2<Object, TrialResult, BoxedUnit> {
    private final Consumer<TrialResult> consumer;

    ResultHandler(Consumer<TrialResult> consumer) {
        this.consumer = consumer;
    }

    @Override
    public BoxedUnit apply(Object partition, TrialResult result) {
        consumer.accept(result);
        return BoxedUnit.UNIT;
    }
}
