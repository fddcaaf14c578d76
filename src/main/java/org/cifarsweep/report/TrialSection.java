package org.cifarsweep.report;

import java.util.List;

/**
 * What the page shows for one trial: its row, its rank in the ranked table (1 = best), its pictures (curves and
 * templates, those that could be made) and why any are missing.
 */
public record TrialSection(ReportedTrial row, int rank, List<Figure> figures, List<String> missing) {
}
