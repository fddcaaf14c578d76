package org.cifarsweep.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md, read from the sources: arrows point one way
 * ({@code cli → run → {resume, spark, report} → results → sweep → train → model → data}), and only {@code spark}
 * imports Spark or Scala.
 */
class DependencyRuleTest {
    private static final Path MAIN = Path.of("src/main/java/org/cifarsweep");
    private static final Pattern OWN_IMPORT = Pattern.compile("^import (?:static )?org\\.cifarsweep\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern SPARK_IMPORT = Pattern.compile("^import (?:static )?(org\\.apache\\.spark|scala)\\.", Pattern.MULTILINE);

    /** What each package may import of the others. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cli", Set.of("run", "resume", "spark", "report", "results", "sweep", "train", "gradcheck", "model", "data")),
            Map.entry("run", Set.of("resume", "spark", "report", "results", "sweep", "train", "model", "data")),
            Map.entry("resume", Set.of("results", "sweep", "train", "model", "data")),
            Map.entry("spark", Set.of("results", "sweep", "train", "model", "data")),
            Map.entry("report", Set.of("results", "sweep", "train", "model", "data")),
            Map.entry("results", Set.of("sweep", "train", "model", "data")),
            Map.entry("sweep", Set.of("train", "model", "data")),
            Map.entry("gradcheck", Set.of("train", "model", "data")),
            Map.entry("train", Set.of("model", "data")),
            Map.entry("model", Set.of("data")),
            Map.entry("data", Set.of()));

    @Test
    void everyPackageIsKnownAndDocumented() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "a package the rule does not place");
        for (String p : packages) {
            assertTrue(Files.isRegularFile(MAIN.resolve(p).resolve("package-info.java")), p + " has no package-info.java");
        }
    }

    @Test
    void importsPointOneWayAndOnlySparkImportsSpark() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> check(f, violations));
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    /** Controls: the check catches an import against the arrows, and Spark outside spark. */
    @Test
    void theCheckCatchesWhatTheRuleForbids() {
        List<String> found = new ArrayList<>();
        check("spark", "Spark.java", "package x;\nimport org.cifarsweep.report.ReportBuilder;\n", found);
        check("results", "R.java", "import static org.cifarsweep.run.RunService.x;\nimport scala.Option;\n", found);
        check("spark", "S.java", "import org.cifarsweep.results.ResultsRow;\nimport scala.Option;\n", found);
        assertEquals(List.of("Spark.java (spark) imports report", "R.java (results) imports run",
                "R.java (results) imports Spark or Scala"), found);
    }

    private static void check(Path file, List<String> violations) {
        try {
            check(MAIN.relativize(file).getName(0).toString(), file.toString(), Files.readString(file), violations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String pkg, String file, String text, List<String> violations) {
        Matcher m = OWN_IMPORT.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
                violations.add(file + " (" + pkg + ") imports " + target);
            }
        }
        if (!pkg.equals("spark") && SPARK_IMPORT.matcher(text).find()) {
            violations.add(file + " (" + pkg + ") imports Spark or Scala");
        }
    }
}
