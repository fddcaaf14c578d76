package org.cifarsweep.train;

import java.io.Serializable;

/** Train and validation loss, cost and accuracy after one epoch: one point of the curves. */
public record EpochMetrics(int epoch, double trainLoss, double trainCost, double trainAcc,
                           double valLoss, double valCost, double valAcc) implements Serializable {
}
