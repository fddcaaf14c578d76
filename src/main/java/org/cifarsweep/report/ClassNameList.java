package org.cifarsweep.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class names under the templates: batches.meta.txt of the data folder the sweep read, when this machine has
 * it, else CIFAR-10's standard list (the names are fixed by the data set, so results copied elsewhere lose nothing).
 */
public final class ClassNameList {
    public static final List<String> STANDARD = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private ClassNameList() { }

    public static List<String> forData(Path dataDir, List<String> notes) {
        if (dataDir == null) return STANDARD;
        Path meta = dataDir.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) return STANDARD;
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) names.add(line.strip());
            }
            if (names.size() == STANDARD.size()) return List.copyOf(names);
            notes.add(meta + ": " + names.size() + " class names, expected " + STANDARD.size()
                    + "; the standard names are shown");
        } catch (IOException e) {
            notes.add(meta + ": cannot read (" + e.getMessage() + "); the standard names are shown");
        }
        return STANDARD;
    }

    /** Name k, or "class k" for a W with more rows than names. */
    static String name(List<String> names, int k) {
        return k < names.size() ? names.get(k) : "class " + k;
    }
}
