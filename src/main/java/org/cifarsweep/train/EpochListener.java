package org.cifarsweep.train;

/** Told after every epoch, e.g. to print a table row while a long run goes on. */
@FunctionalInterface
public interface EpochListener {
    EpochListener NONE = metrics -> { };

    void epochDone(EpochMetrics metrics);
}
