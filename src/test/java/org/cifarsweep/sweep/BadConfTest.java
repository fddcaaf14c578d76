package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad conf fails with one line: the file, then the key, value and rule (the expected text after the file). */
class BadConfTest {
    private static final String GRID = "grid { eta = [0.1], lambda = [0], n_batch = [100], n_epochs = [40] }\n";
    private static final String TRIAL = "{ eta = 0.1, lambda = 0, n_batch = 100, n_epochs = 40 }";

    @TempDir
    Path dir;

    static Stream<Arguments> badConfs() {
        return Stream.of(
                Arguments.of("syntax error", "seed = 1\ngrid { eta = [0.1,\n lambda = 0 }\n",
                        "line 3: "),
                Arguments.of("unresolved substitution", GRID + "out = ${nowhere}\n",
                        "line 2: Could not resolve substitution"),
                Arguments.of("unknown top-level key", GRID + "sead = 3\n",
                        "unknown key 'sead' (known: name, seed, precision, shuffle, out, data, grid, random, halving, trials, spark, weights, report, data_stream, packing, hyperband, search, repeats)"),
                Arguments.of("repeats = 0", GRID + "repeats = 0\n", "repeats: 0 must be >= 1"),
                Arguments.of("repeats not an integer", GRID + "repeats = 2.5\n", "repeats: 2.5 must be an integer"),
                Arguments.of("repeats a word", GRID + "repeats = five\n", "repeats: expected an integer, got STRING \"five\""),
                Arguments.of("repeats beyond the trial limit", "grid { eta = [0.1, 0.2], lambda = 0, n_batch = 1, "
                                + "n_epochs = 1 }\nrepeats = 600000\n",
                        "repeats: 600000 repeats of 2 trials give 1,200,000 trials; a sweep may have at most 1,000,000"),
                Arguments.of("misspelt grid key", "grid { etaa = 0.1, eta = 0.1, lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "unknown key 'grid.etaa' (known: eta, lambda, n_batch, n_epochs, shuffle, loss, flip, decay, decay_rate, decay_every)"),
                Arguments.of("misspelt data key", GRID + "data { prepocess = scale }\n",
                        "unknown key 'data.prepocess' (known: dir, format, split, preprocess)"),
                Arguments.of("unknown key in a trial", "trials = [" + TRIAL + ", { eta = 0.1, lambda = 0, n_batch = 1, "
                                + "n_epochs = 1, epochs = 3 }]",
                        "unknown key 'trials[1].epochs' (known: eta, lambda, n_batch, n_epochs, shuffle, loss, flip, decay, decay_rate, decay_every, seed)"),
                Arguments.of("string for a grid eta", "grid { eta = ten, lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta: expected a number or a list of numbers, got STRING \"ten\""),
                Arguments.of("string for a trial eta", "trials = [{ eta = \"fast\", lambda = 0, n_batch = 1, n_epochs = 1 }]",
                        "trials[0].eta: expected a number, got STRING \"fast\""),
                Arguments.of("string in a grid list", "grid { eta = [0.1, x], lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta[1]: expected a number, got STRING \"x\""),
                Arguments.of("empty grid list", "grid { eta = [], lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta: empty list"),
                Arguments.of("missing grid key", "grid { eta = 0.1, lambda = 0, n_batch = 1 }",
                        "grid: missing key 'n_epochs' (a grid needs eta, lambda, n_batch, n_epochs)"),
                Arguments.of("missing trial key", "trials = [{ eta = 0.1, n_batch = 1, n_epochs = 1 }]",
                        "trials[0]: missing key 'lambda' (each trial needs eta, lambda, n_batch, n_epochs)"),
                Arguments.of("eta = -1", "grid { eta = -1, lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta: -1 must be > 0"),
                Arguments.of("eta = 0 in a list", "grid { eta = [0.1, 0], lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta[1]: 0 must be > 0"),
                Arguments.of("eta = 0 in a trial", "trials = [" + TRIAL + ", " + TRIAL + ", { eta = 0, lambda = 0, "
                                + "n_batch = 1, n_epochs = 1 }]",
                        "trials[2].eta: 0 must be > 0"),
                Arguments.of("eta too large to be finite", "grid { eta = 1e400, lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta: must be a finite number, got Infinity"),
                Arguments.of("lambda = -0.1", "grid { eta = 0.1, lambda = -0.1, n_batch = 1, n_epochs = 1 }",
                        "grid.lambda: -0.1 must be >= 0"),
                Arguments.of("n_batch = 0", "grid { eta = 0.1, lambda = 0, n_batch = [100, 0], n_epochs = 1 }",
                        "grid.n_batch[1]: 0 must be >= 1"),
                Arguments.of("n_batch = 2.5", "grid { eta = 0.1, lambda = 0, n_batch = 2.5, n_epochs = 1 }",
                        "grid.n_batch: 2.5 must be an integer"),
                Arguments.of("n_batch beyond int", "grid { eta = 0.1, lambda = 0, n_batch = 3000000000, n_epochs = 1 }",
                        "grid.n_batch: 3000000000 must be <= 2147483647"),
                Arguments.of("n_epochs = 0", "trials = [{ eta = 0.1, lambda = 0, n_batch = 1, n_epochs = 0 }]",
                        "trials[0].n_epochs: 0 must be >= 1"),
                Arguments.of("no grid and no trials", "seed = 3\n",
                        "the search is empty: give a grid, a random block and/or trials"),
                Arguments.of("an empty trials list", "trials = []\n",
                        "the search is empty: give a grid, a random block and/or trials"),
                Arguments.of("trials not a list", "trials = " + TRIAL,
                        "trials: expected a list, got OBJECT"),
                Arguments.of("a trial not an object", "trials = [" + TRIAL + ", 5]",
                        "trials[1]: expected an object, got NUMBER 5"),
                Arguments.of("seed = 1.5", GRID + "seed = 1.5\n", "seed: 1.5 must be an integer"),
                Arguments.of("seed beyond long", GRID + "seed = 1e20\n",
                        "seed: 1.0E20 must be a 64-bit integer"),
                Arguments.of("explicit trial seed a string", "trials = [{ eta = 0.1, lambda = 0, n_batch = 1, "
                                + "n_epochs = 1, seed = one }]",
                        "trials[0].seed: expected an integer, got STRING \"one\""),
                Arguments.of("shuffle not a boolean", GRID + "shuffle = 3\n",
                        "shuffle: expected true or false, got NUMBER 3"),
                Arguments.of("null out", GRID + "out = null\n", "out: expected a string, got NULL null"),
                Arguments.of("empty name", GRID + "name = \"\"\n", "name: must not be empty"),
                Arguments.of("data not an object", GRID + "data = 5\n", "data: expected an object, got NUMBER 5"),
                Arguments.of("grid not an object", "grid = [1]\n", "grid: expected an object, got LIST [1]"),
                Arguments.of("bad precision", GRID + "precision = quad\n",
                        "precision: precision 'quad' is not one of double, float"),
                Arguments.of("bad preprocess", GRID + "data.preprocess = whiten\n",
                        "data.preprocess: preprocess 'whiten' is not valid"),
                Arguments.of("bad split", GRID + "data.split = half\n", "data.split: split 'half' is not valid"),
                Arguments.of("bad format", GRID + "data.format = png\n",
                        "data.format: format 'png' is not one of auto, bin, mat"),
                Arguments.of("spark key without spark.", GRID + "spark { foo = 1 }\n",
                        "spark.foo: Spark settings must start with \"spark.\""),
                Arguments.of("spark value a list", GRID + "spark { \"spark.jars\" = [a, b] }\n",
                        "spark.spark.jars: expected a string, number or boolean, got LIST"),
                // Issue 12: no bound on the number of trials; 10^8 samples ran the driver out of memory.
                Arguments.of("10^8 random samples", "random { samples = 100000000, eta = \"loguniform(1e-4, 1e-1)\","
                                + " lambda = 0, n_batch = 100, n_epochs = 1 }",
                        "random: 100000000 samples give 100,000,000 trials; a sweep may have at most 1,000,000"
                                + " (grid points × samples, plus trials)"),
                Arguments.of("samples crossed with a grid list", "random { samples = 600000, eta = \"uniform(0.1, 1)\","
                                + " lambda = [0, 1], n_batch = 100, n_epochs = 1 }",
                        "random: 2 lambda × 600000 samples give 1,200,000 trials; a sweep may have at most 1,000,000"),
                Arguments.of("a grid of 2 × 10^9", "grid { eta = [0.1, 0.2], lambda = 0, n_batch = 100, n_epochs = 1 }\n"
                                + "random { samples = 2000000000, eta = 0.1, lambda = 0, n_batch = 100, n_epochs = 1 }",
                        "random: 2000000000 samples give 2,000,000,000 trials, after 2 before it; a sweep may have"
                                + " at most 1,000,000"),
                Arguments.of("a random block after a full grid", "grid { eta = [0.1, 0.2], lambda = 0, n_batch = 100,"
                                + " n_epochs = 1 }\nrandom { samples = 999999, eta = 0.1, lambda = 0, n_batch = 100,"
                                + " n_epochs = 1 }",
                        "random: 999999 samples give 999,999 trials, after 2 before it; a sweep may have at most"
                                + " 1,000,000"),
                // Issue 12: a name with .. wrote outside out/.
                Arguments.of("name escaping out/", GRID + "name = \"../../escape\"\n",
                        "name: \"../../escape\" holds a / or \\: the name must be a single folder name, as it names"
                                + " the default output folder out/<name>"),
                Arguments.of("name ..", GRID + "name = \"..\"\n", "name: \"..\" is not a folder name"),
                Arguments.of("name with a backslash", GRID + "name = \"a\\\\b\"\n", "name: \"a\\\\b\" holds a / or \\"),
                Arguments.of("name with a line break", GRID + "name = \"a\\nb\"\n", "name: \"a\\nb\" holds a control character"),
                // Issue 12: a missing include talked about a classpath.
                Arguments.of("missing required include", "include required(\"base.conf\")\n" + GRID,
                        "include required(\"base.conf\"): no such file "),
                Arguments.of("missing required file include", "include required(file(\"/no/such/base.conf\"))\n" + GRID,
                        "include required(file(\"/no/such/base.conf\")): no such file /no/such/base.conf (file() is"
                                + " relative to the working directory)"),
                // A string from ${?ENV} is a number when it reads as one, and refused by its rule otherwise.
                Arguments.of("numeric string out of range", "grid { eta = \"-1\", lambda = 0, n_batch = 1, n_epochs = 1 }",
                        "grid.eta: \"-1\" must be > 0"),
                Arguments.of("numeric string not an integer", "grid { eta = 0.1, lambda = 0, n_batch = \"2.5\", n_epochs = 1 }",
                        "grid.n_batch: \"2.5\" must be an integer"),
                Arguments.of("non-numeric string for a boolean", GRID + "shuffle = maybe\n",
                        "shuffle: expected true or false, got STRING \"maybe\""),
                // Issue 13: which runs keep their weights.
                Arguments.of("weights best 0", GRID + "weights = \"best 0\"\n", "weights: 'best 0' " + WeightsPolicy.RULE),
                Arguments.of("weights maybe", GRID + "weights = maybe\n", "weights: 'maybe' " + WeightsPolicy.RULE),
                Arguments.of("weights best without N", GRID + "weights = best\n", "weights: 'best' " + WeightsPolicy.RULE),
                Arguments.of("weights a number", GRID + "weights = 100\n", "weights: expected a string"),
                // Issue 14: packs and the data stream.
                Arguments.of("packing on", GRID + "packing = on\n", "packing: 'on' is not one of auto, off"),
                Arguments.of("packing a boolean", GRID + "packing = false\n", "packing: expected a string"),
                Arguments.of("data_stream shared", GRID + "data_stream = shared\n",
                        "data_stream: 'shared' is not one of trial, sweep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfs")
    void failsWithOneLineNamingTheKey(String label, String text, String expected) throws IOException {
        Path conf = Files.writeString(dir.resolve("x.conf"), text);
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(conf, Map.of()));
        assertOneLineStartingWith(conf + ": " + expected, e);
    }

    @Test
    void aMissingFileCannotBeRead() {
        Path conf = dir.resolve("nope.conf");
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(conf, Map.of()));
        assertOneLineStartingWith(conf + ": cannot read (no such file)", e);
    }

    @Test
    void aDirectoryCannotBeRead() throws IOException {
        Path conf = Files.createDirectory(dir.resolve("folder.conf"));
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(conf, Map.of()));
        assertOneLineStartingWith(conf + ": cannot read (is a directory", e);
    }

    @Test
    void aBadOverrideIsNamedByItsKey() throws IOException {
        Path conf = Files.writeString(dir.resolve("x.conf"), GRID);
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(conf, Map.of("out", " ")));
        assertOneLineStartingWith(conf + ": out: must not be empty", e);
    }

    @Test
    void aMissingIncludeNamesTheConfTheIncludeAndTheFileLookedFor() throws IOException {
        Path conf = Files.writeString(dir.resolve("x.conf"), "include required(\"base.conf\")\n" + GRID);
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(conf, Map.of()));
        assertEquals(conf + ": include required(\"base.conf\"): no such file " + dir.toAbsolutePath().resolve("base.conf")
                + " (an include is read from the conf file's folder)", e.getMessage());
        assertFalse(e.getMessage().contains("classpath"), e.getMessage());
        Files.writeString(dir.resolve("base.conf"), "seed = 9\n");
        assertEquals(9, SweepSpec.load(conf, Map.of()).seed());
        Files.writeString(dir.resolve("optional.conf"), "include \"nowhere.conf\"\n" + GRID);
        assertEquals(1, SweepSpec.load(dir.resolve("optional.conf"), Map.of()).trials().size(), "an optional include may be missing");
    }

    @Test
    void isAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(ConfException.class));
        assertEquals("a: b c", new ConfException("a: b\n  c").getMessage());
    }

    private static void assertOneLineStartingWith(String expected, ConfException e) {
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertTrue(message.startsWith(expected), () -> "expected <" + expected + "...> but was <" + message + ">");
    }
}
