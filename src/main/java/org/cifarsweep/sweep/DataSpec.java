package org.cifarsweep.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cifarsweep.data.DataFormat;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;

/**
 * Where a sweep's data comes from and how it becomes features.
 *
 * @param dir        the CIFAR-10 folder (not checked here: the driver reads it)
 * @param format     {@code auto}, {@code bin} or {@code mat}
 * @param split      which batches train, validate and test
 * @param preprocess how pixels become features
 */
public record DataSpec(Path dir, String format, Split split, Preprocess preprocess) implements Serializable {

    /** The accepted values of {@code format}, in the order the messages list them. */
    public static final List<String> FORMATS = List.of("auto", "bin", "mat");

    public DataSpec {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(preprocess, "preprocess");
        format = parseFormat(format);
    }

    /** Case-insensitive {@code auto | bin | mat}, returned in lower case. */
    public static String parseFormat(String text) {
        String f = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new IllegalArgumentException("format '" + text + "' is not one of " + String.join(", ", FORMATS));
        }
        return f;
    }

    /** The format to read: the one given, or for {@code auto} the one found in {@link #dir} (which must exist). */
    public DataFormat resolveFormat() {
        switch (format) {
            case "bin": return DataFormat.BINARY;
            case "mat": return DataFormat.MAT;
            default: return DataFormat.detect(dir);
        }
    }

    // Neither Path nor Split is Serializable, so the record travels as this proxy of strings.
    private Object writeReplace() {
        return new Proxy(dir.toString(), format, split.toString(), preprocess);
    }

    private record Proxy(String dir, String format, String split, Preprocess preprocess) implements Serializable {
        private Object readResolve() {
            return new DataSpec(Path.of(dir), format, Split.parse(split), preprocess);
        }
    }
}
