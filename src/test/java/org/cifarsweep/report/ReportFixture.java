package org.cifarsweep.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.cifarsweep.results.CurvesColumns;
import org.cifarsweep.results.ResultsColumns;
import org.cifarsweep.results.WeightsFile;

/**
 * A hand-made output folder, as a sweep leaves it: results.csv (the real header), curves.csv, weights/ and,
 * optionally, provenance.json. Seven trials: the assignment's experiments A–D, one with batch 20, one diverged
 * (NaN numbers, an infinite last epoch, NaN weights) and one failed (no curves, no weights).
 */
public final class ReportFixture {
    /** trial, eta, lambda, n_batch, n_epochs, status, train_acc, val_acc, test_acc, reason */
    public static final List<String[]> TRIALS = List.of(
            new String[] {"eta0.1_lam0_b100_ep40", "0.1", "0.0", "100", "40", "ok", "0.3310", "0.2712", "0.2790", ""},
            new String[] {"eta0.01_lam0_b100_ep40", "0.01", "0.0", "100", "40", "ok", "0.4520", "0.3561", "0.3673", ""},
            new String[] {"eta0.01_lam0.1_b100_ep40", "0.01", "0.1", "100", "40", "ok", "0.4105", "0.3390", "0.3301", ""},
            new String[] {"eta0.01_lam1_b100_ep40", "0.01", "1.0", "100", "40", "ok", "0.2810", "0.2690", "0.2700", ""},
            new String[] {"eta0.001_lam0_b20_ep40", "0.001", "0.0", "20", "40", "ok", "0.4011", "0.3102", "0.3150", ""},
            new String[] {"eta1_lam0_b100_ep40", "1.0", "0.0", "100", "40", "diverged", "NaN", "NaN", "NaN",
                    "cost became Infinity in epoch 3"},
            new String[] {"eta0.5_lam1_b100_ep40", "0.5", "1.0", "100", "40", "failed", "NaN", "NaN", "NaN",
                    "OutOfMemoryError: Java heap space, \"quoted\", on two\nlines"});
    public static final int EPOCHS = 6;

    private ReportFixture() { }

    /** Writes the CSVs and the weights (no provenance.json, like a folder copied back without it). */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("weights"));
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (Writer out = Files.newBufferedWriter(dir.resolve("results.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, format)) {
            csv.printRecord(ResultsColumns.ALL);
            for (String[] t : TRIALS) {
                boolean hasNumbers = !t[7].equals("NaN");
                String cost = hasNumbers ? "1.9" : "NaN";
                csv.printRecord(padded(ResultsColumns.ALL.size(), t[0], t[1], t[2], t[3], t[4], "12345", "scale",
                        "double", t[5], t[6], t[7], t[8], cost, cost, "12.5", hasNumbers ? "38" : "-1", cost, cost,
                        "false", "default", "127.0.0.1", "0", t[9]));
            }
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("curves.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, format)) {
            csv.printRecord(CurvesColumns.ALL);
            for (String[] t : TRIALS) {
                if (t[5].equals("failed")) continue;
                double finalVal = t[5].equals("ok") ? Double.parseDouble(t[7]) : 0.2;
                for (int e = 1; e <= (t[5].equals("ok") ? EPOCHS : 3); e++) {
                    double loss = t[5].equals("diverged") && e == 3 ? Double.POSITIVE_INFINITY : 2.3 - 0.05 * e;
                    double acc = finalVal * e / EPOCHS;
                    csv.printRecord(padded(CurvesColumns.ALL.size(), t[0], e, loss, loss + 0.1, acc + 0.05,
                            loss + 0.02, loss + 0.12, acc));
                }
            }
        }
        Random random = new Random(7);
        for (String[] t : TRIALS) {
            if (t[5].equals("failed")) continue;
            double[][] w = new double[10][3072];
            double[] b = new double[10];
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) row[j] = t[5].equals("diverged") ? Double.NaN : random.nextGaussian() * 0.01;
            }
            WeightsFile.write(dir.resolve("weights").resolve(t[0] + ".mat"), w, b);
        }
        return dir;
    }

    /** Adds a provenance.json such as a sweep writes; {@code finished} false for a sweep still running or stopped. */
    public static void writeProvenance(Path dir, String sweepName, Path dataDir, boolean finished) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{");
        lines.add("  \"blas_driver\" : \"JNIBLAS (native /opt/libopenblas.so.0)\",");
        lines.add("  \"blas_executors\" : { \"0\" : \"JNIBLAS (native /opt/libopenblas.so.0)\" },");
        lines.add("  \"broadcast\" : { \"bytes\" : 6171391, \"codec\" : \"LZ4CompressionCodec\", \"compressed_bytes\" : 5986018 },");
        lines.add("  \"conf\" : { \"name\" : \"" + sweepName + "\", \"data\" : { \"dir\" : \"" + dataDir + "\" },"
                + " \"spark\" : { \"spark.ui.enabled\" : false } },");
        lines.add("  \"data\" : { \"dir\" : \"" + dataDir + "\", \"files\" : [ { \"bytes\" : 30730000, \"file\" : \""
                + dataDir + "/data_batch_1.bin\", \"sha256\" : \"feedc0de0123456789abcdef\" } ] },");
        if (finished) lines.add("  \"finished\" : \"2026-01-02T03:05:00Z\",");
        lines.add("  \"spark\" : { \"app_id\" : \"app-20260102030400-0001\", \"master\" : \"spark://10.0.0.1:7077\" },");
        lines.add("  \"started\" : \"2026-01-02T03:04:00Z\",");
        lines.add("  \"versions\" : { \"cifar_sweep\" : \"0.1.0\", \"git_commit\" : \"abc123\", \"spark\" : \"4.2.0\" }");
        lines.add("}");
        Files.write(dir.resolve("provenance.json"), lines, StandardCharsets.UTF_8);
    }

    /**
     * Sets the results.csv loss column of {@code trials} to {@code loss} ("svm", say). The fixture's trials leave it
     * empty, as a results.csv from before the column does: softmax, the only loss there was.
     */
    public static void setLoss(Path dir, String loss, String... trials) throws IOException {
        Path file = dir.resolve("results.csv");
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        int column = ResultsColumns.ALL.indexOf(ResultsColumns.LOSS);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(ResultsColumns.ALL);
            for (CSVRecord r : records) {
                List<String> values = new ArrayList<>(r.toList());
                if (List.of(trials).contains(r.get(ResultsColumns.TRIAL))) values.set(column, loss);
                csv.printRecord(values);
            }
        }
    }

    /** The given leading values, then empty fields up to {@code columns}: later columns are optional to a report. */
    private static List<Object> padded(int columns, Object... leading) {
        List<Object> values = new ArrayList<>(List.of(leading));
        while (values.size() < columns) values.add("");
        return values;
    }

    public static long okTrials() {
        return TRIALS.stream().filter(t -> t[5].equals("ok")).count();
    }
}
