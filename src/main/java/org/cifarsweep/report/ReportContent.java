package org.cifarsweep.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything report.html shows, gathered before a line of HTML is written, except every trial's curves, which the
 * page streams from {@code curvesFile} as it is written ({@link CurvesData}).
 *
 * @param title          the sweep's name, or the folder's for a train run
 * @param folder         the output folder the report describes
 * @param built          when the report was built
 * @param results        results.csv as read
 * @param ranked         every trial, in ranked order (rank = index + 1)
 * @param pictured       the trials with pictures (the best N, and any asked for by name), by name, in ranked order
 * @param top            N: how many of the best trials have pictures
 * @param sweepFigures   the sweep's plots ({@link SweepPlots})
 * @param provenance     provenance.json, possibly absent
 * @param provenanceText provenance.json as written, or null
 * @param assignment     whether to set the assignment report's experiments beside ours
 * @param notes          what was missing or skipped while reading the folder
 * @param curvesFile     curves.csv, or null when the folder has none
 * @param configurations with {@code repeats = N}, the configurations by mean val_acc ({@link Configurations}); empty
 *                       for a sweep without repeats
 */
public record ReportContent(String title, Path folder, Instant built, ResultsTable results, List<ReportedTrial> ranked,
                            Map<String, TrialSection> pictured, int top, List<Figure> sweepFigures,
                            ReportedProvenance provenance, String provenanceText, boolean assignment,
                            List<String> notes, Path curvesFile, List<Configurations.Config> configurations) {
}
