package org.cifarsweep.report;

import java.awt.AWTError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cifarsweep.data.ClassNames;
import org.cifarsweep.data.DataFormatException;
import org.cifarsweep.results.DurableFiles;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.train.TrainingStatus;

/**
 * Builds, or rebuilds, every picture and report.html of an output folder from what it holds: results.csv,
 * curves.csv, weights/&lt;trial&gt;.mat and provenance.json. Nothing else is needed, so it works the same at the end of
 * a sweep or a train run, on results copied back from a cluster, and on a sweep stopped half-way.
 *
 * <p>It writes {@code plots/sweep/*.png}, {@code plots/trials/<trial>/{cost,loss,accuracy,templates}.png} for the
 * best N trials ({@link Options}; {@value #DEFAULT_TOP} by default) and any asked for by name, and {@code report.html}
 * ({@link #OUTPUTS}). Its cost is bounded in the number of trials: see {@link #buildReport(Path, Options)}. The old {@code plots/} is replaced as a whole, so a trial that is gone
 * leaves no picture behind, and the page is renamed into place ({@link DurableFiles#replace}), so a reader never sees
 * half of it.
 */
public final class ReportBuilder {
    /** The page: {@code report.html}. */
    public static final String PAGE = "report.html";
    /** The folder of every picture: {@code plots/}, with {@code sweep/} and {@code trials/<trial>/} in it. */
    public static final String PLOTS = "plots";
    /**
     * Every name that {@link #build} creates in the output folder: {@code report.html}, {@code plots/}, and
     * {@code report.html.tmp}, the page before its rename, which only a build killed half-way leaves behind. The
     * one list for the commands' {@code --overwrite} (the files a rerun may delete): nothing else of the folder is
     * the report's. A build killed half-way can also leave {@code .plots.tmp-<pid>-<time>/}, named per build so
     * that two builds never share one; no fixed list can name it.
     */
    public static final List<String> OUTPUTS = List.of(PAGE, PAGE + DurableFiles.TMP_SUFFIX, PLOTS);

    /**
     * How many of the best trials get their own pictures unless told otherwise: a conf's {@code report.top_trials},
     * {@code report DIR --top N}.
     */
    public static final int DEFAULT_TOP = SweepSpec.DEFAULT_TOP_TRIALS;
    /** The best trials whose curves are read for the sweep's top-5 plot, some of which may have none. */
    private static final int TOP_CURVES_READ = 20;

    /** What a build made: the page, how many trials it shows, the PNGs written, and what was missing. */
    public record Summary(Path page, int trials, int pictures, List<String> notes) {
    }

    /**
     * What to picture: curves and templates for the {@code top} best trials (0 or more), and for the trials named in
     * {@code trials} wherever they rank.
     */
    public record Options(int top, Set<String> trials) {
        public Options {
            if (top < 0) throw new IllegalArgumentException("top must be >= 0, not " + top);
            trials = Set.copyOf(trials);
        }

        public static Options defaults() {
            return new Options(DEFAULT_TOP, Set.of());
        }

        /** The best {@code top} trials and no others: a sweep's {@code report.top_trials}. */
        public static Options top(int top) {
            return new Options(top, Set.of());
        }

        /**
         * What the sweep in {@code outDir} pictured: the {@code report.top_trials} its provenance.json records, else
         * {@value #DEFAULT_TOP} (a train run, a sweep of an older version, or no readable provenance.json).
         */
        public static Options recorded(Path outDir) {
            Integer top = ReportedProvenance.read(outDir.resolve(Provenance.FILE), new ArrayList<>()).topTrials();
            return top(top == null ? DEFAULT_TOP : top);
        }
    }

    private ReportBuilder() { }

    /** (Re)builds the pictures and report.html of {@code outDir}. */
    public static void build(Path outDir) {
        buildReport(outDir);
    }

    /**
     * {@link #build} for the end of a sweep or train run, whose results are already safe on disk: a report that
     * cannot be made (a node without fonts, a damaged file) costs one warning line, not the run's exit code.
     *
     * @return whether the report was built
     */
    public static boolean buildOrWarn(Path outDir, Options options, PrintStream err) {
        try {
            buildReport(outDir, options);
            return true;
        } catch (RuntimeException | LinkageError | AWTError | OutOfMemoryError e) {
            // An OutOfMemoryError here is the report's own: what it allocated is garbage once the build unwinds.
            String message = String.valueOf(e.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")
                    + (e instanceof OutOfMemoryError ? "; give the driver more memory, or picture fewer trials with --top" : "");
            err.println("cifar-sweep: warning: report not built (" + e.getClass().getSimpleName() + ": " + message
                    + "); the results are complete, rebuild it with: ./submit.sh report " + outDir);
            return false;
        }
    }

    /** As {@link #build}, returning what was made. */
    public static Summary buildReport(Path outDir) {
        return buildReport(outDir, Options.defaults());
    }

    /**
     * As {@link #build}, with pictures for what {@code options} asks, returning what was made.
     *
     * <p>What a build holds at once: every row of results.csv (one array of strings each, about 1 kB), the curves of
     * the pictured trials and of the {@value #TOP_CURVES_READ} best, the pictures themselves (the best N's and the
     * sweep's), and a random forest of at most {@value Importance#MAX_FIT} trials for the importance. curves.csv is
     * streamed, twice: once for those curves, once into the page; the page is written as it is made.
     *
     * @throws IllegalArgumentException with a one-line message when the folder or its results.csv is missing,
     *                                  results.csv cannot be read as a results table, or a trial asked for by name is
     *                                  not in it
     */
    public static Summary buildReport(Path outDir, Options options) {
        if (!Files.isDirectory(outDir)) throw new IllegalArgumentException(outDir + ": no such folder");
        Path resultsFile = outDir.resolve(ResultsWriter.RESULTS);
        if (!Files.isRegularFile(resultsFile)) {
            throw new IllegalArgumentException(resultsFile + ": missing (is " + outDir + " the --out of a sweep or train run?)");
        }
        List<String> notes = new ArrayList<>();
        ResultsTable results = ResultsTable.read(resultsFile, notes);
        List<ReportedTrial> ranked = results.ranked();
        Set<String> known = new HashSet<>();
        for (ReportedTrial r : ranked) known.add(r.trial());
        for (String asked : new java.util.TreeSet<>(options.trials())) {
            if (!known.contains(asked)) {
                throw new IllegalArgumentException(resultsFile + " has no trial '" + asked + "'");
            }
        }
        Set<String> pictured = new HashSet<>(options.trials());
        for (int i = 0; i < Math.min(options.top(), ranked.size()); i++) pictured.add(ranked.get(i).trial());
        Set<String> curvesWanted = new HashSet<>(pictured);
        ranked.stream().filter(r -> r.ok() && Double.isFinite(r.valAcc())).limit(TOP_CURVES_READ)
                .forEach(r -> curvesWanted.add(r.trial()));
        // With repeats, the best configurations' curves are drawn as mean ± sd over every repeat.
        List<Configurations.Config> configurations = Configurations.ranked(results.rows());
        configurations.stream().limit(SweepPlots.TOP).forEach(c -> c.repeats().forEach(r -> curvesWanted.add(r.trial())));

        Path curvesFile = outDir.resolve(ResultsWriter.CURVES);
        CurvesTable curves = CurvesTable.read(curvesFile, curvesWanted::contains, notes);
        ReportedProvenance provenance = ReportedProvenance.read(outDir.resolve(Provenance.FILE), notes);
        List<String> classNames = classNames(provenance.dataDir(), notes);

        Map<String, TrialSection> sections = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            ReportedTrial row = ranked.get(i);
            if (pictured.contains(row.trial())) {
                sections.put(row.trial(), trialSection(outDir, row, i + 1, curves, classNames));
            }
        }
        List<Figure> sweepFigures = SweepPlots.render(results, curves, provenance.logUniform(), options.top(),
                notes);
        String title = provenance.sweepName() != null ? provenance.sweepName()
                : String.valueOf(outDir.toAbsolutePath().normalize().getFileName());
        ReportContent content = new ReportContent(title, outDir, Instant.now(), results, ranked,
                Collections.unmodifiableMap(sections), options.top(), sweepFigures, provenance,
                provenance.present() ? readText(outDir.resolve(Provenance.FILE)) : null,
                AssignmentReference.appliesTo(provenance.sweepName()), List.copyOf(notes),
                Files.isRegularFile(curvesFile) ? curvesFile : null, configurations);

        int pictures = writePictures(outDir, sections.values(), sweepFigures);
        Path page = outDir.resolve(PAGE);
        writePage(page, content);
        return new Summary(page, ranked.size(), pictures, List.copyOf(notes));
    }

    /**
     * The page, written as it is made to {@code report.html.tmp}, fsync'ed and renamed into place: a reader sees the
     * old page or the new one, as {@link DurableFiles#replace} gives, without the page ever being held whole.
     */
    private static void writePage(Path page, ReportContent content) {
        Path temp = page.resolveSibling(page.getFileName() + DurableFiles.TMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
                ReportPage.write(content, out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, page, StandardCopyOption.REPLACE_EXISTING);
            }
            DurableFiles.syncFolder(page.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(page + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static TrialSection trialSection(Path outDir, ReportedTrial row, int rank, CurvesTable curves,
                                             List<String> classNames) {
        List<Figure> figures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<CurvePoint> curve = curves.of(row.trial());
        if (curve.isEmpty()) {
            missing.add("No curves: " + ResultsWriter.CURVES + " has no epochs for this trial"
                    + (row.is(TrainingStatus.FAILED) ? " (it failed before its first epoch ended)." : "."));
        } else {
            for (CurvePlots.Kind kind : CurvePlots.Kind.values()) {
                figures.add(new Figure(Png.of(kind.file + ".png", CurvePlots.render(kind, row, curve)),
                        kind.caption(row)));
            }
        }
        Figure templates = templates(outDir, row, classNames, missing);
        if (templates != null) figures.add(templates);
        return new TrialSection(row, rank, List.copyOf(figures), List.copyOf(missing));
    }

    /**
     * The class names under the templates: those of the data folder the sweep read ({@link ClassNames#read}), when
     * this machine has it, else CIFAR-10's standard list, which results copied elsewhere lose nothing by. A meta file
     * that does not read costs a note, not the report.
     */
    static List<String> classNames(Path dataDir, List<String> notes) {
        if (dataDir == null) return ClassNames.STANDARD;
        try {
            return ClassNames.read(dataDir);
        } catch (DataFormatException e) {
            notes.add(e.getMessage() + "; the standard names are shown");
            return ClassNames.STANDARD;
        }
    }

    private static Figure templates(Path outDir, ReportedTrial row, List<String> classNames, List<String> missing) {
        if (!safeName(row.trial())) {
            missing.add("No templates: the trial's name is not a file name.");
            return null;
        }
        Path file = ResultsWriter.weightsFile(outDir, row.trial());
        String shown = ResultsWriter.WEIGHTS + "/" + file.getFileName();
        if (!Files.isRegularFile(file)) {
            missing.add("No templates: " + shown + " is not in the folder"
                    + (row.is(TrainingStatus.FAILED) ? " (a failed trial has no weights)." : "."));
            return null;
        }
        try {
            BufferedImage image = TemplateImage.render(WeightsFile.read(file).w(), classNames, "W templates: " + row.params());
            return new Figure(Png.of("templates.png", image), "Each row of W as a 32×32 colour image, "
                    + "min–max scaled per class, " + TemplateImage.SCALE + "× enlarged.");
        } catch (RuntimeException e) {
            // A damaged or half-copied weights file costs this one picture, not the report.
            missing.add("No templates: " + shown + " cannot be read (" + e.getMessage() + ").");
            return null;
        }
    }

    /** Trial names come from the trainer and are file names; one that is not must not reach outside the folder. */
    private static boolean safeName(String trial) {
        return !trial.isEmpty() && !trial.contains("/") && !trial.contains("\\") && !trial.equals(".")
                && !trial.equals("..");
    }

    /** plots/ built beside the old one, then swapped in, so it never mixes two builds. Returns the PNGs written. */
    private static int writePictures(Path outDir, Collection<TrialSection> trials, List<Figure> sweepFigures) {
        Path fresh = outDir.resolve("." + PLOTS + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Path plots = outDir.resolve(PLOTS);
        int count = 0;
        try {
            for (Figure f : sweepFigures) count += write(fresh.resolve("sweep"), f.png());
            Set<String> dirs = new HashSet<>();
            for (TrialSection t : trials) {
                String dir = t.row().trial().replaceAll("[^A-Za-z0-9._-]", "_");
                if (!dirs.add(dir)) dir = dir + "-" + t.rank();
                dirs.add(dir);
                for (Figure f : t.figures()) count += write(fresh.resolve("trials").resolve(dir), f.png());
            }
            Files.createDirectories(fresh);
            OutputFolder.deleteRecursively(plots);
            Files.move(fresh, plots, StandardCopyOption.ATOMIC_MOVE);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(plots + ": cannot write the pictures: " + e.getMessage(), e);
        } finally {
            try {
                OutputFolder.deleteRecursively(fresh);
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless, and the next build's name differs
            }
        }
    }

    private static int write(Path dir, Png png) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(png.name()), png.bytes());
        return 1;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }
}
