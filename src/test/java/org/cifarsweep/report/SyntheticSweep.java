package org.cifarsweep.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cifarsweep.results.CurvesColumns;
import org.cifarsweep.results.ResultsColumns;
import org.cifarsweep.results.WeightsFile;

/**
 * A large random search's output folder, made up: results.csv, curves.csv, provenance.json (a {@code random} block
 * with log-uniform η and λ), and weights for the best trials only (the report pictures only those). η and λ are
 * continuous, the batch size one of three, the loss one of two; val_acc peaks at η = 0.01 and falls with λ, plus a
 * little noise; about 1% of the trials diverge and a few fail.
 */
public final class SyntheticSweep {
    /** One trial: its parameters and final numbers. */
    public record Trial(String name, double eta, double lambda, int batch, String loss, String status, double valAcc) {
    }

    private SyntheticSweep() { }

    /** Writes a sweep of {@code trials} trials of {@code epochs} epochs into {@code dir}; weights for the best {@code weights}. */
    public static List<Trial> write(Path dir, int trials, int epochs, int weights, long seed) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        Random random = new Random(seed);
        List<Trial> all = new ArrayList<>();
        int[] batches = {20, 50, 100};
        String[] losses = {"softmax", "svm"};
        for (int i = 0; i < trials; i++) {
            double eta = round4(Math.exp(Math.log(1e-4) + random.nextDouble() * Math.log(1e3)));
            double lambda = round4(Math.exp(Math.log(1e-4) + random.nextDouble() * Math.log(1e4)));
            int batch = batches[random.nextInt(3)];
            String loss = losses[random.nextInt(2)];
            String status = i % 97 == 13 ? "diverged" : i % 1009 == 7 ? "failed" : "ok";
            double acc = 0.40 - 0.02 * sq(Math.log10(eta) + 2) - 0.03 * Math.max(0, Math.log10(lambda) + 2)
                    - (loss.equals("svm") ? 0.01 : 0) + 0.004 * random.nextGaussian();
            double valAcc = status.equals("ok") ? round4(Math.max(0.1, Math.min(0.45, acc))) : Double.NaN;
            String name = "eta" + plain(eta) + "_lam" + plain(lambda) + "_b" + batch + "_ep" + epochs
                    + (loss.equals("svm") ? "_svm" : "") + "_n" + i;
            all.add(new Trial(name, eta, lambda, batch, loss, status, valAcc));
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (Writer out = Files.newBufferedWriter(dir.resolve("results.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, format)) {
            csv.printRecord(ResultsColumns.ALL);
            for (Trial t : all) {
                boolean ok = t.status().equals("ok");
                double val = t.valAcc();
                double test = ok ? round4(val + 0.005) : Double.NaN;
                double train = ok ? round4(val + 0.08) : Double.NaN;
                String cost = ok ? String.valueOf(1.9 + 0.3 * (0.4 - val)) : "NaN";
                csv.printRecord(t.name(), t.eta(), t.lambda(), t.batch(), epochs, 1000 + all.indexOf(t), "scale", "float",
                        t.status(), train, val, test, cost, cost, 3.5, ok ? epochs - 1 : -1, cost, cost, "false",
                        "default", "127.0.0.1", "driver", t.status().equals("failed") ? "boom: a test failure"
                                : t.status().equals("diverged") ? "train cost became Infinity at epoch 2" : "",
                        t.loss(), "0.0", "none", "-1", "", t.name(), "");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("curves.csv"), StandardCharsets.UTF_8)) {
            out.write(String.join(",", CurvesColumns.ALL));
            out.write('\n');
            for (Trial t : all) {
                if (t.status().equals("failed")) continue;
                int last = t.status().equals("diverged") ? 2 : epochs;
                double end = t.status().equals("ok") ? t.valAcc() : 0.15;
                for (int e = 1; e <= last; e++) {
                    double acc = end * (1 - Math.exp(-3.0 * e / epochs)) / (1 - Math.exp(-3.0));
                    double cost = t.status().equals("diverged") && e == last ? Double.POSITIVE_INFINITY
                            : 2.3 - 0.4 * e / epochs;
                    out.write(t.name() + "," + e + "," + (cost - 0.1) + "," + cost + "," + (acc + 0.08) + ","
                            + (cost - 0.05) + "," + (cost + 0.05) + "," + acc + "," + t.eta() + ",-1\n");
                }
            }
        }
        Files.writeString(dir.resolve("provenance.json"), "{\n  \"conf\" : { \"name\" : \"synthetic-random\", "
                + "\"random\" : { \"samples\" : " + trials + ", \"eta\" : \"loguniform(1e-4, 1e-1)\", "
                + "\"lambda\" : \"loguniform(1e-4, 1)\", \"n_batch\" : \"choice(20, 50, 100)\", \"n_epochs\" : " + epochs
                + ", \"loss\" : \"choice(softmax, svm)\" } },\n  \"started\" : \"2026-01-02T03:04:00Z\",\n"
                + "  \"finished\" : \"2026-01-02T03:05:00Z\"\n}\n", StandardCharsets.UTF_8);
        // Weights, smooth as trained templates are, for the best trials only.
        List<Trial> best = all.stream().filter(t -> t.status().equals("ok"))
                .sorted(Comparator.comparingDouble(Trial::valAcc).reversed()).limit(weights).toList();
        for (Trial t : best) {
            double[][] w = new double[10][3072];
            for (int k = 0; k < 10; k++) {
                double fx = 1 + random.nextInt(3);
                double fy = 1 + random.nextInt(3);
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < 1024; p++) {
                        w[k][c * 1024 + p] = 0.01 * Math.sin(fx * (p % 32) / 5.0 + c) * Math.cos(fy * (p / 32) / 6.0)
                                + 0.002 * random.nextGaussian();
                    }
                }
            }
            WeightsFile.write(dir.resolve("weights").resolve(t.name() + ".mat"), w, new double[10]);
        }
        return all;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double round4(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Makes a folder and builds its report: {@code SyntheticSweep DIR TRIALS EPOCHS}, printing sizes and times. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int trials = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        write(dir, trials, epochs, 60, 1);
        long t1 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        ReportBuilder.Summary summary = ReportBuilder.buildReport(dir);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "folder %.1f s; report %.1f s; report.html %,d bytes; %d pictures; heap used %,d MB%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, Files.size(summary.page()), summary.pictures(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        summary.notes().forEach(n -> System.out.println("note: " + n));
    }
}
