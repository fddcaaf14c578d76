package org.cifarsweep.train;

import java.io.Serializable;
import org.cifarsweep.model.LossKind;

/**
 * The assignment's bonus options of one run. {@link #DEFAULT} is the plain assignment: softmax, no flips, no decay.
 *
 * @param loss  softmax cross-entropy or the multi-class SVM hinge
 * @param flip  probability of mirroring each training image left-right, per image and epoch, in [0, 1]
 * @param decay the learning-rate schedule
 */
public record TrainOptions(LossKind loss, double flip, Decay decay) implements Serializable {
    public static final TrainOptions DEFAULT = new TrainOptions(LossKind.SOFTMAX, 0, Decay.NONE);

    public TrainOptions {
        if (loss == null) throw new IllegalArgumentException("loss must be given");
        if (!(flip >= 0 && flip <= 1)) throw new IllegalArgumentException("flip " + flip + " must be in [0, 1]");
        if (decay == null) throw new IllegalArgumentException("decay must be given");
        flip = flip + 0.0; // -0.0 becomes 0.0: one name and one seed per value
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
