package org.cifarsweep.data;

import java.util.List;
import java.util.Objects;

/** The three sets of a split, plus the class names (index = label). Serializable: it is what a sweep broadcasts. */
public record Dataset(Images train, Images validation, Images test, List<String> classNames)
        implements java.io.Serializable {
    public Dataset {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        if (classNames.size() != Images.CLASSES) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names, expected "
                    + Images.CLASSES + ": " + classNames);
        }
    }
}
