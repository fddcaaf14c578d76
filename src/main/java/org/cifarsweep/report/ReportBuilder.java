package org.cifarsweep.report;

import java.awt.AWTError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cifarsweep.data.ClassNames;
import org.cifarsweep.data.DataFormatException;
import org.cifarsweep.results.DurableFiles;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.train.TrainingStatus;

/**
 * Builds, or rebuilds, every picture and report.html of an output folder from what it holds: results.csv,
 * curves.csv, weights/&lt;trial&gt;.mat and provenance.json. Nothing else is needed, so it works the same at the end of
 * a sweep or a train run, on results copied back from a cluster, and on a sweep stopped half-way.
 *
 * <p>It writes {@code plots/sweep/*.png}, {@code plots/trials/<trial>/{cost,loss,accuracy,templates}.png} and
 * {@code report.html} ({@link #OUTPUTS}). The old {@code plots/} is replaced as a whole, so a trial that is gone
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

    /** What a build made: the page, how many trials it shows, the PNGs written, and what was missing. */
    public record Summary(Path page, int trials, int pictures, List<String> notes) {
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
    public static boolean buildOrWarn(Path outDir, PrintStream err) {
        try {
            buildReport(outDir);
            return true;
        } catch (RuntimeException | LinkageError | AWTError e) {
            String message = String.valueOf(e.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
            err.println("cifar-sweep: warning: report not built (" + e.getClass().getSimpleName() + ": " + message
                    + "); the results are complete, rebuild it with: ./submit.sh report " + outDir);
            return false;
        }
    }

    /**
     * As {@link #build}, returning what was made.
     *
     * @throws IllegalArgumentException with a one-line message when the folder or its results.csv is missing, or
     *                                  results.csv cannot be read as a results table
     */
    public static Summary buildReport(Path outDir) {
        if (!Files.isDirectory(outDir)) throw new IllegalArgumentException(outDir + ": no such folder");
        Path resultsFile = outDir.resolve(ResultsWriter.RESULTS);
        if (!Files.isRegularFile(resultsFile)) {
            throw new IllegalArgumentException(resultsFile + ": missing (is " + outDir + " the --out of a sweep or train run?)");
        }
        List<String> notes = new ArrayList<>();
        ResultsTable results = ResultsTable.read(resultsFile, notes);
        CurvesTable curves = CurvesTable.read(outDir.resolve(ResultsWriter.CURVES), notes);
        ReportedProvenance provenance = ReportedProvenance.read(outDir.resolve(Provenance.FILE), notes);
        List<String> classNames = classNames(provenance.dataDir(), notes);

        List<ReportedTrial> ranked = results.ranked();
        List<TrialSection> trials = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            trials.add(trialSection(outDir, ranked.get(i), i + 1, curves, classNames));
        }
        List<Figure> sweepFigures = SweepPlots.render(results, curves);
        String title = provenance.sweepName() != null ? provenance.sweepName()
                : String.valueOf(outDir.toAbsolutePath().normalize().getFileName());
        ReportContent content = new ReportContent(title, outDir, Instant.now(), results, trials, sweepFigures,
                provenance, provenance.present() ? readText(outDir.resolve(Provenance.FILE)) : null,
                AssignmentReference.appliesTo(provenance.sweepName()), List.copyOf(notes));

        int pictures = writePictures(outDir, trials, sweepFigures);
        Path page = outDir.resolve(PAGE);
        DurableFiles.replace(page, ReportPage.render(content).getBytes(StandardCharsets.UTF_8));
        return new Summary(page, trials.size(), pictures, List.copyOf(notes));
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
    private static int writePictures(Path outDir, List<TrialSection> trials, List<Figure> sweepFigures) {
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
