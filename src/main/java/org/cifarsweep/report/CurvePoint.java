package org.cifarsweep.report;

/** One epoch of one trial, from curves.csv. Values that were not recorded or not finite are NaN or infinite. */
public record CurvePoint(int epoch, double trainLoss, double trainCost, double trainAcc,
                         double valLoss, double valCost, double valAcc) {
}
