package org.cifarsweep.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.cifarsweep.model.BlasBackend;

/**
 * The driver's BLAS against the executors': every JVM of a sweep should run the same native OpenBLAS. Works on
 * {@link BlasBackend#describe()} strings (implementation class and native library path), as the tasks report them.
 */
final class BlasCheck {
    private BlasCheck() { }

    /**
     * One line naming the driver's BLAS and each other BLAS with the executors that used it, or null when every
     * executor used the driver's (same implementation class and same native library path).
     */
    static String mismatch(String driver, Map<String, String> executors) {
        Map<String, List<String>> others = new TreeMap<>();
        new TreeMap<>(executors).forEach((executor, blas) -> {
            if (!blas.equals(driver)) others.computeIfAbsent(blas, b -> new ArrayList<>()).add(executor);
        });
        if (others.isEmpty()) return null;
        StringJoiner line = new StringJoiner("; ", "BLAS differs between the driver and executors: driver " + driver + "; ",
                "; pin the same OpenBLAS on every node (see README, Running on a cluster)");
        others.forEach((blas, ids) -> line.add((ids.size() == 1 ? "executor " : "executors ") + String.join(", ", ids)
                + " " + blas));
        return line.toString();
    }

    /** Each executor's BLAS warning ({@link BlasBackend#warning(String)}), for those that have one. */
    static Map<String, String> executorWarnings(Map<String, String> executors) {
        Map<String, String> warnings = new TreeMap<>();
        executors.forEach((executor, blas) -> {
            String warning = BlasBackend.warning(blas);
            if (warning != null) warnings.put(executor, warning);
        });
        return warnings;
    }
}
