package org.cifarsweep.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;

/**
 * A validated, immutable sweep: what to train on, and every trial to run. Read from a HOCON conf with
 * {@link #load}; the format is described in docs/conf-format.md.
 *
 * @param name          the sweep's name (default: the conf file's name without {@code .conf})
 * @param data          where the data is and how it is preprocessed
 * @param precision     float64 or float32, for every trial
 * @param seed          the sweep seed, from which each trial's seed is derived ({@link SeedDerivation})
 * @param shuffle       reshuffle the training set each epoch, for every trial
 * @param out           the output folder (default {@code out/<name>})
 * @param trials        the grid's Cartesian product (eta outermost, then lambda, n_batch, n_epochs), then the
 *                      explicit trials, with repeated ids dropped (the first kept); never empty
 * @param sparkSettings settings passed to SparkConf as they are, sorted by key; every key starts with "spark."
 * @param resolvedConf  the effective conf (file, overrides and defaults) as formatted JSON, for the provenance file
 *                      and for checking, on resume, that the sweep is the same
 * @param halving       successive halving over the trials (each trial's n_epochs is then the last rung), or null to
 *                      run every trial in full
 * @param weights       which runs keep their weights file ({@link WeightsPolicy}); changes no number
 * @param dataStream    where each trial's shuffle and flip streams come from: its own seed or the sweep's
 * @param packing       whether trials that share a data stream train in packs ({@link Packer}); changes no number
 */
public record SweepSpec(String name, DataSpec data, Precision precision, long seed, boolean shuffle, Path out,
                        List<TrialSpec> trials, Map<String, String> sparkSettings, String resolvedConf,
                        Halving halving, WeightsPolicy weights, DataStream dataStream, Packing packing)
        implements Serializable {
    /**
     * The most trials a conf may describe: grid points × samples, plus the explicit trials, counted before repeats are
     * dropped. A million trials already take about 250 MB and half a minute to expand on the driver; a larger conf is
     * refused before it is expanded (see docs/conf-format.md).
     */
    public static final int MAX_TRIALS = 1_000_000;
    static final String MAX_TRIALS_SHOWN = "1,000,000";
    /** {@code report.top_trials}: how many of the best trials the sweep's report pictures (0 or more). */
    public static final String TOP_TRIALS = "top_trials";
    public static final int DEFAULT_TOP_TRIALS = 50;
    /** {@code repeats}: how many seeds each configuration runs with (1 or more; see {@link TrialSpec#repeat}). */
    public static final String REPEATS = "repeats";

    public SweepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(resolvedConf, "resolvedConf");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(dataStream, "dataStream");
        Objects.requireNonNull(packing, "packing");
        trials = List.copyOf(trials);
        if (trials.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one trial");
        Set<String> ids = new HashSet<>();
        for (TrialSpec t : trials) {
            if (!ids.add(t.id())) throw new IllegalArgumentException("trial " + t.id() + " appears twice");
        }
        // Sorted, so that logs and the SparkConf see the settings in the same order on every run.
        sparkSettings = Collections.unmodifiableSortedMap(new TreeMap<>(sparkSettings));
        if (halving != null) {
            for (TrialSpec t : trials) {
                if (t.config().nEpochs() != halving.maxEpochs()) {
                    throw new IllegalArgumentException("trial " + t.id() + " has n_epochs " + t.config().nEpochs()
                            + ", halving ends at " + halving.maxEpochs());
                }
            }
        }
    }

    /** A sweep that runs every trial in full. */
    public SweepSpec(String name, DataSpec data, Precision precision, long seed, boolean shuffle, Path out,
                     List<TrialSpec> trials, Map<String, String> sparkSettings, String resolvedConf) {
        this(name, data, precision, seed, shuffle, out, trials, sparkSettings, resolvedConf, null);
    }

    /** A sweep that keeps the default weights ({@link WeightsPolicy#DEFAULT}). */
    public SweepSpec(String name, DataSpec data, Precision precision, long seed, boolean shuffle, Path out,
                     List<TrialSpec> trials, Map<String, String> sparkSettings, String resolvedConf, Halving halving) {
        this(name, data, precision, seed, shuffle, out, trials, sparkSettings, resolvedConf, halving,
                WeightsPolicy.DEFAULT);
    }

    /** A sweep whose trials draw their own data streams and train in packs where they can (the defaults). */
    public SweepSpec(String name, DataSpec data, Precision precision, long seed, boolean shuffle, Path out,
                     List<TrialSpec> trials, Map<String, String> sparkSettings, String resolvedConf, Halving halving,
                     WeightsPolicy weights) {
        this(name, data, precision, seed, shuffle, out, trials, sparkSettings, resolvedConf, halving, weights,
                DataStream.TRIAL, Packing.AUTO);
    }

    /** The seed of {@code config}'s shuffle and flip streams in this sweep ({@link DataStream}). */
    public long streamSeed(TrainConfig config) {
        return dataStream.streamSeed(config, seed);
    }

    /** This sweep with packing set to {@code mode} (the command line's {@code --packing}). */
    public SweepSpec withPacking(Packing mode) {
        return new SweepSpec(name, data, precision, seed, shuffle, out, trials, sparkSettings, resolvedConf, halving,
                weights, dataStream, mode);
    }

    /**
     * Reads and validates a sweep conf.
     *
     * @param confFile  the HOCON file; named as given in every error message
     * @param overrides values that win over the file, keyed by conf path, e.g. {@code "data.dir"} and {@code "out"}
     *                  from --data and --out. Values may be String, Number, Boolean or Path (kept as its string);
     *                  null values are ignored, as an option that was not given.
     * @throws ConfException with a one-line message naming the file, key, value and rule
     */
    public static SweepSpec load(Path confFile, Map<String, Object> overrides) {
        return SweepSpecReader.read(confFile, overrides);
    }

    /**
     * {@code report.top_trials} of the resolved conf (validated when it was read), or the default when the conf does
     * not say: read from it rather than held in a field of its own, as the report is not part of what a sweep runs.
     */
    public int topTrials() {
        Config conf = ConfigFactory.parseString(resolvedConf);
        String path = "report." + TOP_TRIALS;
        return conf.hasPath(path) ? conf.getInt(path) : DEFAULT_TOP_TRIALS;
    }

    /** {@code search}: how a sweep finds its trials. */
    public enum Search {
        /** Every trial is known before the sweep starts: the grid, the random block's samples, the trials. */
        FIXED,
        /** TPE proposes each new trial from the results so far, over the random block's distributions. */
        TPE;

        public static Search parse(String s) {
            return switch (s) {
                case "fixed" -> FIXED;
                case "tpe" -> TPE;
                default -> throw new IllegalArgumentException("'" + s + "' is not one of fixed, tpe");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code search} of the resolved conf (checked when it was read), {@link Search#FIXED} when the conf does not
     * say. With TPE, {@link #trials} are the random block's samples (what random search would run), for the checks
     * made before the sweep starts; the sweep runs TPE's proposals.
     */
    public Search search() {
        Config conf = ConfigFactory.parseString(resolvedConf);
        return conf.hasPath("search") ? Search.parse(conf.getString("search")) : Search.FIXED;
    }

    /** Whether the sweep runs asynchronously: asynchronous halving or Hyperband, or TPE. */
    public boolean asynchronous() {
        return (halving != null && halving.mode() == Halving.Mode.ASYNC) || search() == Search.TPE;
    }

    /**
     * {@code repeats} of the resolved conf (validated when it was read), or 1 when it does not say (a conf or a
     * provenance.json from before repeats): each configuration's number of seeds, whose repeats {@link #trials}
     * holds after it.
     */
    public int repeats() {
        Config conf = ConfigFactory.parseString(resolvedConf);
        return conf.hasPath(REPEATS) ? conf.getInt(REPEATS) : 1;
    }

    /** {@link #load(Path, Map)} with no overrides. */
    public static SweepSpec load(Path confFile) {
        return load(confFile, Map.of());
    }

    // Path is not Serializable, so the record travels as this proxy; the constructor re-checks it on arrival.
    private Object writeReplace() {
        return new Proxy(name, data, precision, seed, shuffle, out.toString(), trials, sparkSettings, resolvedConf,
                halving, weights, dataStream, packing);
    }

    private record Proxy(String name, DataSpec data, Precision precision, long seed, boolean shuffle, String out,
                         List<TrialSpec> trials, Map<String, String> sparkSettings, String resolvedConf,
                         Halving halving, WeightsPolicy weights, DataStream dataStream, Packing packing)
            implements Serializable {
        private Object readResolve() {
            return new SweepSpec(name, data, precision, seed, shuffle, Path.of(out), trials, sparkSettings,
                    resolvedConf, halving, weights, dataStream, packing);
        }
    }
}
