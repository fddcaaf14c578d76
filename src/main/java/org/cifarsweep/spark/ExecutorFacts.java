package org.cifarsweep.spark;

import java.io.Serializable;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;

/**
 * What an executor JVM reports with each trial, for the provenance file: its BLAS, how often it decoded this
 * sweep's broadcast and how big the decoded copy is, and the float32 kernel it trains on (with its one-off compile
 * time, or the warning when only the slow scalar kernel is available).
 */
public record ExecutorFacts(String blas, int decodesInJvm, long decodedBytesInJvm, String floatKernel)
        implements Serializable {

    /** The facts of the JVM this runs in, for the sweep {@code sweepId}. */
    static ExecutorFacts here(String sweepId, Precision precision) {
        return new ExecutorFacts(BlasBackend.describe(), DecodedDataCache.decodes(sweepId),
                DecodedDataCache.decodedBytes(sweepId), precision == Precision.FLOAT ? PixelKernel.describeInJvm() : "not used");
    }

    /** The later of two reports from one JVM: decodes only grow. */
    ExecutorFacts latest(ExecutorFacts other) {
        return other.decodesInJvm >= decodesInJvm ? other : this;
    }
}
