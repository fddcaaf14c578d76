package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trial names stay short, unique and usable as file names whatever the values; the shipped confs keep theirs. */
class TrialNameTest {
    @TempDir
    Path dir;

    private static TrainConfig config(double eta, double lambda) {
        return new TrainConfig(eta, lambda, 100, 40, 1, false, Precision.DOUBLE);
    }

    /** Issue 12: eta = 1e300 spelt out in 301 digits, and its weights file could not be written. */
    @Test
    void extremeValuesAreWrittenInScientificNotation() {
        assertEquals("eta1e300_lam0_b100_ep40", TrialName.of(config(1e300, 0), false));
        assertEquals("eta1e-300_lam0_b100_ep40_s1", TrialName.of(config(1e-300, 0), true));
        assertEquals("eta0.01_lam1.5e-300_b100_ep40", TrialName.of(config(0.01, 1.5e-300), false));
        assertEquals("eta1.7976931348623157e308_lam4.9e-324_b100_ep40",
                TrialName.of(config(Double.MAX_VALUE, Double.MIN_VALUE), false));
    }

    @Test
    void plainUpToThirtyTwoCharacters() {
        assertEquals("0.000000000000000000000000000001", TrialName.number(1e-30));   // 32 characters
        assertEquals("1e-31", TrialName.number(1e-31));
        assertEquals("10000000000000000000000000000000", TrialName.number(1e31));
        assertEquals("1e32", TrialName.number(1e32));
        assertEquals("0.30000000000000004", TrialName.number(0.1 + 0.2));
        assertEquals("0.001", TrialName.number(1e-3));
        assertEquals("0", TrialName.number(0));
    }

    @Test
    void namesAreUniqueAcrossBothForms() {
        Set<String> names = new HashSet<>();
        List<Double> values = new ArrayList<>();
        for (int e = -320; e <= 308; e++) {
            for (double m : new double[] {1, 1.5, 2.25, 9.999999999999999}) {
                double v = m * Math.pow(10, e);
                if (v > 0 && Double.isFinite(v)) values.add(v);
            }
        }
        Set<Double> distinct = new HashSet<>(values);
        for (double v : distinct) {
            String n = TrialName.number(v);
            assertTrue(names.add(n), "two values named " + n);
            assertEquals(v, Double.parseDouble(n), "reads back: " + n);
            assertTrue(n.length() <= TrialName.MAX_PLAIN, n);
        }
    }

    /** Every option at its longest: the name stays under MAX_LENGTH, and the weights file can be created. */
    @Test
    void theLongestNameIsAValidFileName() throws IOException {
        double longest = 1.2345678901234567e-300;
        TrainOptions options = new TrainOptions(LossKind.SVM, 4.9e-324, Decay.step(longest, Integer.MAX_VALUE));
        TrainConfig c = new TrainConfig(longest, longest, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, true,
                Precision.FLOAT, options);
        String name = TrialName.of(c, true);
        assertTrue(name.length() <= TrialName.MAX_LENGTH, name.length() + ": " + name);
        Files.writeString(dir.resolve(name + ".mat.tmp"), "x");
        assertEquals("eta1.2345678901234568e-300_lam1.2345678901234568e-300_b2147483647_ep2147483647_shuf_svm"
                + "_flip4.9e-324_step1.2345678901234568e-300x2147483647_s-9223372036854775808", name);
    }

    @Test
    void theWorstCasePlainNameFitsToo() throws IOException {
        double plain32 = 1.2345678901234567e-15;   // 0.0000000000000012345678901234567: 33 characters, scientific
        double plain = 1.234567890123456e-15;      // 32 characters, plain
        assertEquals(32, TrialName.number(plain).length());
        assertEquals("1.2345678901234568e-15", TrialName.number(plain32));
        TrainOptions options = new TrainOptions(LossKind.SVM, plain, Decay.step(plain, Integer.MAX_VALUE));
        TrainConfig c = new TrainConfig(plain, plain, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, true,
                Precision.FLOAT, options).repeat(Integer.MAX_VALUE, 0, true);
        String name = TrialName.of(c, true);
        assertTrue(name.endsWith("_s-9223372036854775808_rep2147483647"), name);
        assertEquals(TrialName.MAX_LENGTH, name.length(), name);
        Files.writeString(dir.resolve(name + ".mat.tmp"), "x");
    }

    /** A decay rate names like the other numbers, and like Decay.toString whenever that is short. */
    @Test
    void decayFragmentMatchesDecayToStringForOrdinaryRates() {
        for (Decay d : List.of(Decay.step(0.1, 15), Decay.exp(0.95), Decay.step(0.5, 1))) {
            TrainConfig c = new TrainConfig(0.01, 0, 100, 40, 1, false, Precision.DOUBLE,
                    new TrainOptions(LossKind.SOFTMAX, 0, d));
            assertTrue(TrialName.of(c, false).endsWith("_" + d), TrialName.of(c, false));
        }
        TrainConfig tiny = new TrainConfig(0.01, 0, 100, 40, 1, false, Precision.DOUBLE,
                new TrainOptions(LossKind.SOFTMAX, 0, Decay.exp(1e-200)));
        assertEquals("eta0.01_lam0_b100_ep40_exp1e-200", TrialName.of(tiny, false));
    }

    /**
     * Every run of every shipped conf keeps the name and seed it had before names were bounded (recorded in
     * shipped-conf-trials.tsv): results, weights files and resumes of the shipped sweeps do not change.
     */
    @Test
    void everyShippedConfKeepsItsNamesAndSeeds() throws IOException {
        List<String> expected;
        try (InputStream in = TrialNameTest.class.getResourceAsStream("shipped-conf-trials.tsv")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        List<String> actual = new ArrayList<>();
        List<Path> confs;
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            confs = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        for (Path conf : confs) {
            for (TrialSpec t : Schedule.possibleRuns(SweepSpec.load(conf))) {
                actual.add(conf.getFileName() + "\t" + t.id() + "\t" + t.config().seed());
            }
        }
        assertEquals(expected, actual);
        assertTrue(expected.size() > 200, "the file lists every run: " + expected.size());
    }
}
