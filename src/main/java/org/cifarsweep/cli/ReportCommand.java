package org.cifarsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cifarsweep.report.ReportBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report DIR [--top N] [--trial NAME]…}: rebuilds the pictures and report.html of an output folder from its
 * results.csv, curves.csv, weights/ and provenance.json — for results copied back from a cluster, a sweep stopped
 * half-way, or to picture more trials than the best N a sweep pictures.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild the plots, the W templates and report.html of a sweep's or train run's output folder.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "output folder holding results.csv (and curves.csv, weights/, provenance.json)")
    Path dir;

    @Option(names = "--top", paramLabel = "N",
            description = "curves and W templates as PNGs for the N best trials (default: the sweep's report.top_trials "
                    + "as provenance.json records it, else " + ReportBuilder.DEFAULT_TOP + "; 0: none). "
                    + "Every trial's curves are drawn in the page either way")
    Integer top;

    @Option(names = "--trial", paramLabel = "NAME",
            description = "also make this trial's PNGs, wherever it ranks; repeatable")
    List<String> trials = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.exists(dir)) throw new CliException("report " + dir + ": no such folder", Main.EXIT_USAGE);
        if (!Files.isDirectory(dir)) throw new CliException("report " + dir + ": not a folder", Main.EXIT_USAGE);
        if (!Files.isRegularFile(dir.resolve("results.csv"))) {
            throw new CliException("report " + dir + ": no results.csv there (give the --out folder of a sweep or train run)",
                    Main.EXIT_USAGE);
        }
        if (top != null && top < 0) throw new CliException("report --top: " + top + " must be >= 0", Main.EXIT_USAGE);
        int pictured = top != null ? top : ReportBuilder.Options.recorded(dir).top();
        ReportBuilder.Summary summary = ReportBuilder.buildReport(dir, new ReportBuilder.Options(pictured, Set.copyOf(trials)));
        for (String note : summary.notes()) System.err.println("cifar-sweep: note: " + note);
        System.out.printf("report: %s (%d %s, %d pictures in %s)%n", summary.page(), summary.trials(),
                summary.trials() == 1 ? "trial" : "trials", summary.pictures(), dir.resolve(ReportBuilder.PLOTS));
        return 0;
    }
}
