package org.cifarsweep.sweep;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Typesafe's own includes, with messages about the conf rather than about a classpath. A missing
 * {@code include required("base.conf")} is looked for next to the conf file, then (as Typesafe does for a name that
 * is not a file next to it) on the classpath, so Typesafe's message reads "resource not found on classpath"; this
 * names the conf file, the include and the file it looked for instead:
 * {@code x.conf: include required("base.conf"): no such file /path/to/base.conf (an include is read from the conf
 * file's folder)}.
 */
final class ConfIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    private final Path conf;
    private final ConfigIncluder fallback;

    ConfIncluder(Path conf) {
        this(conf, null);
    }

    private ConfIncluder(Path conf, ConfigIncluder fallback) {
        this.conf = conf;
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder next) {
        return fallback == null ? new ConfIncluder(conf, next) : new ConfIncluder(conf, fallback.withFallback(next));
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        Path folder = conf.toAbsolutePath().getParent();
        Path sibling = folder == null || Path.of(what).isAbsolute() ? Path.of(what) : folder.resolve(what);
        return guarded("required(" + ConfigUtil.quoteString(what) + ")", sibling, "an include is read from the conf"
                + " file's folder", () -> fallback.include(context, what));
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        return guarded("required(file(" + ConfigUtil.quoteString(file.getPath()) + "))", file.toPath().toAbsolutePath(),
                "file() is relative to the working directory", () -> ((ConfigIncluderFile) fallback).includeFile(context, file));
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL url) {
        return guarded("required(url(" + ConfigUtil.quoteString(url.toString()) + "))", null, null,
                () -> ((ConfigIncluderURL) fallback).includeURL(context, url));
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        return guarded("required(classpath(" + ConfigUtil.quoteString(what) + "))", null, null,
                () -> ((ConfigIncluderClasspath) fallback).includeResources(context, what));
    }

    /** Runs an include; a required one that cannot be read becomes one line naming the conf and the include. */
    private ConfigObject guarded(String include, Path file, String where, Supplier<ConfigObject> read) {
        try {
            return read.get();
        } catch (ConfigException.IO e) {
            String problem;
            if (file == null) problem = "cannot read (" + e.getMessage() + ")";
            else if (!Files.exists(file)) problem = "no such file " + file + " (" + where + ")";
            else if (Files.isDirectory(file)) problem = file + " is a folder, not a conf file";
            else problem = "cannot read " + file + (Files.isReadable(file) ? " (" + e.getMessage() + ")" : " (permission denied)");
            throw ConfException.of(conf, "include " + include + ": " + problem);
        }
    }
}
