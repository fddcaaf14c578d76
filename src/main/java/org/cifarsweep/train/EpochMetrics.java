package org.cifarsweep.train;

import java.io.Serializable;

/**
 * Train and validation loss, cost and accuracy after one epoch: one point of the curves, with the learning rate the
 * epoch used (after decay).
 */
public record EpochMetrics(int epoch, double trainLoss, double trainCost, double trainAcc,
                           double valLoss, double valCost, double valAcc, double eta) implements Serializable {

    /** A point without the learning rate (NaN). */
    public EpochMetrics(int epoch, double trainLoss, double trainCost, double trainAcc,
                        double valLoss, double valCost, double valAcc) {
        this(epoch, trainLoss, trainCost, trainAcc, valLoss, valCost, valAcc, Double.NaN);
    }
}
