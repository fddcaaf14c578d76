package org.cifarsweep.testutil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Application jars zipped from compiled classes, for spark-submit (no Maven package step in a test). */
public final class AppJar {
    private AppJar() {
    }

    /** Zips every file under {@code classesDir} that {@code include} accepts (by relative path) into {@code jar}. */
    public static Path of(Path classesDir, Path jar, Predicate<String> include) throws IOException {
        if (!Files.isDirectory(classesDir)) throw new IllegalStateException(classesDir + " is missing: compile first");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classesDir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                String name = classesDir.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF") || !include.test(name)) continue;
                zip.putNextEntry(new JarEntry(name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    public static Path of(Path classesDir, Path jar) throws IOException {
        return of(classesDir, jar, name -> true);
    }
}
