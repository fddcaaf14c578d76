package org.cifarsweep.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything report.html shows, gathered before a line of HTML is written.
 *
 * @param title          the sweep's name, or the folder's for a train run
 * @param folder         the output folder the report describes
 * @param built          when the report was built
 * @param results        results.csv as read
 * @param trials         one view per trial, in ranked order
 * @param sweepFigures   the heatmaps, the top-5 curves and the val-vs-test scatter
 * @param provenance     provenance.json, possibly absent
 * @param provenanceText provenance.json as written, or null
 * @param assignment     whether to set the assignment report's experiments beside ours
 * @param notes          what was missing or skipped while reading the folder
 */
public record ReportContent(String title, Path folder, Instant built, ResultsTable results, List<TrialSection> trials,
                            List<Figure> sweepFigures, ReportedProvenance provenance, String provenanceText,
                            boolean assignment, List<String> notes) {
}
