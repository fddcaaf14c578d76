package org.cifarsweep.results;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;

/**
 * The sweep an output folder records in its provenance.json: the conf as it was resolved, and the checksums of the
 * data files it read. A resume compares them with the sweep asked for now, so that new rows are never appended to
 * results computed differently.
 *
 * <p>What changes results: {@code seed}, {@code precision}, {@code shuffle}, {@code repeats}, {@code data.split},
 * {@code data.preprocess}, and the data itself. The data is compared by the files' SHA-256, not by their path, so
 * the same folder given by another path (or copied elsewhere) is the same data, and a folder whose files changed is
 * not. What does not: {@code name}, {@code out}, {@code spark {}} and {@code data.dir}/{@code data.format} as such.
 *
 * <p>The trial set may grow: a trial's name and seed depend only on its own parameters and the sweep seed, so
 * trials added to the grid (or to {@code trials}) simply run, and the recorded ones keep their results. A trial the
 * folder records but the conf no longer holds is refused: the folder would describe another sweep than the conf.
 */
public final class RecordedSweep {
    private static final int SHOWN_TRIALS = 4;

    private final Path file;
    private final Config provenance;
    private final SweepSpec spec;

    private RecordedSweep(Path file, Config provenance, SweepSpec spec) {
        this.file = file;
        this.provenance = provenance;
        this.spec = spec;
    }

    /**
     * Reads {@code dir/provenance.json} and the conf it records.
     *
     * @throws IllegalArgumentException if it is missing, unreadable, or holds no conf
     */
    public static RecordedSweep read(Path dir) {
        Path file = dir.resolve(Provenance.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: " + dir + " holds no " + Provenance.FILE
                    + ", so it is not the output folder of a sweep (train writes none); give the sweep's --out, or "
                    + "--overwrite to start over");
        }
        Config provenance;
        try {
            provenance = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setAllowMissing(false));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!provenance.hasPath("conf") || !provenance.hasPath("data.files")) {
            throw new IllegalArgumentException(file + ": has no 'conf' or no 'data.files' section; cannot check "
                    + "that --resume continues the same sweep");
        }
        return new RecordedSweep(file, provenance, parseConf(file, provenance.getValue("conf")));
    }

    /** The recorded conf, loaded and validated like a conf file. */
    public SweepSpec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    /** Whether any trial of {@code spec} shuffles or flips: only then does its data stream's seed matter. */
    private static boolean drawsStreams(SweepSpec spec) {
        return spec.trials().stream().anyMatch(t -> t.config().shuffle() || t.config().options().flip() > 0);
    }

    /**
     * The keys in which {@code now} differs from the recorded sweep in a way that changes results, each with the
     * recorded and the new value; empty if a resume may append to the folder.
     *
     * @param nowFiles the data files {@code now} reads, as {@link Provenance#checksums} gives them
     */
    public List<String> differences(SweepSpec now, List<Map<String, Object>> nowFiles) {
        List<String> d = new ArrayList<>();
        if (spec.seed() != now.seed()) d.add(change("seed", spec.seed(), now.seed()));
        if (spec.precision() != now.precision()) d.add(change("precision", spec.precision(), now.precision()));
        if (spec.shuffle() != now.shuffle()) d.add(change("shuffle", spec.shuffle(), now.shuffle()));
        // Fewer repeats would drop recorded rows and more would change every configuration's mean ± sd: either way
        // the folder would describe another sweep.
        if (spec.repeats() != now.repeats()) d.add(change(SweepSpec.REPEATS, spec.repeats(), now.repeats()));
        if (spec.dataStream() != now.dataStream() && drawsStreams(now)) {
            d.add(change("data_stream", spec.dataStream(), now.dataStream()));
        }
        boolean sameSplit = spec.data().split().equals(now.data().split());
        if (!sameSplit) d.add(change("data.split", spec.data().split(), now.data().split()));
        if (spec.data().preprocess() != now.data().preprocess()) {
            d.add(change("data.preprocess", spec.data().preprocess(), now.data().preprocess()));
        }
        if (sameSplit) {
            String files = dataDifference(nowFiles);
            if (files != null) d.add(files);
        }
        // With another seed or shuffle, every trial differs: the keys above already say why.
        if (spec.seed() == now.seed() && spec.shuffle() == now.shuffle()) {
            List<String> dropped = dropped(now);
            if (!dropped.isEmpty()) {
                d.add("grid/trials (" + dropped.size() + " recorded trial(s) are not in the conf: "
                        + shortList(dropped) + ")");
            }
            // Anything else a trial's training depends on (its whole TrainConfig), whatever key set it.
            if (spec.precision() == now.precision()) {
                List<String> changed = changed(now);
                if (!changed.isEmpty()) {
                    d.add("grid/trials (" + changed.size() + " recorded trial(s) would now train with other settings: "
                            + shortList(changed) + ")");
                }
            }
        }
        return d;
    }

    /** The trials of {@code now} that the recorded sweep did not have. */
    public List<TrialSpec> added(SweepSpec now) {
        Set<String> recorded = new LinkedHashSet<>();
        for (TrialSpec t : spec.trials()) recorded.add(ExistingResults.key(t));
        return now.trials().stream().filter(t -> !recorded.contains(ExistingResults.key(t))).toList();
    }

    /**
     * The "resumed" section of the new provenance.json: the earlier runs of this folder (when each started and
     * ended, where it ran), how many trials were complete, and what the resume repaired.
     */
    public Map<String, Object> resumedSection(int completedBefore, int toRun, List<String> repairs) {
        List<Object> runs = new ArrayList<>();
        if (provenance.hasPath("resumed.earlier_runs")) {
            runs.addAll(provenance.getList("resumed.earlier_runs").unwrapped());
        }
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("started", string("started"));
        last.put("finished", provenance.hasPath("finished") ? string("finished") : "no (interrupted)");
        last.put("spark_master", string("spark.master"));
        last.put("app_id", string("spark.app_id"));
        last.put("git_commit", string("versions.git_commit"));
        runs.add(last);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("earlier_runs", runs);
        section.put("trials_complete_before", completedBefore);
        section.put("trials_run_now", toRun);
        section.put("repairs", List.copyOf(repairs));
        return section;
    }

    // ---------------------------------------------------------------------------------------------------------

    private String string(String path) {
        return provenance.hasPath(path) ? String.valueOf(provenance.getAnyRef(path)) : "unknown";
    }

    private List<String> dropped(SweepSpec now) {
        Set<String> current = new LinkedHashSet<>();
        for (TrialSpec t : now.trials()) current.add(ExistingResults.key(t));
        List<String> dropped = new ArrayList<>();
        for (TrialSpec t : spec.trials()) {
            if (!current.contains(ExistingResults.key(t))) dropped.add(t.id());
        }
        return dropped;
    }

    private List<String> changed(SweepSpec now) {
        Map<String, TrialSpec> current = new LinkedHashMap<>();
        for (TrialSpec t : now.trials()) current.put(ExistingResults.key(t), t);
        List<String> changed = new ArrayList<>();
        for (TrialSpec t : spec.trials()) {
            TrialSpec other = current.get(ExistingResults.key(t));
            if (other != null && !other.config().equals(t.config())) changed.add(t.id());
        }
        return changed;
    }

    /** How the data files differ, by name and SHA-256, or null if they are the same. */
    private String dataDifference(List<Map<String, Object>> nowFiles) {
        List<? extends Config> recorded = provenance.getConfigList("data.files");
        String recordedDir = provenance.hasPath("data.dir") ? provenance.getString("data.dir") : "?";
        for (int i = 0; i < Math.max(recorded.size(), nowFiles.size()); i++) {
            String was = i < recorded.size() ? describe(recorded.get(i).getString("file"), recorded.get(i).getString("sha256")) : "none";
            String is = i < nowFiles.size() ? describe(String.valueOf(nowFiles.get(i).get("file")), String.valueOf(nowFiles.get(i).get("sha256"))) : "none";
            String wasName = i < recorded.size() ? name(recorded.get(i).getString("file")) : "";
            String isName = i < nowFiles.size() ? name(String.valueOf(nowFiles.get(i).get("file"))) : "";
            String wasSum = i < recorded.size() ? recorded.get(i).getString("sha256") : "";
            String isSum = i < nowFiles.size() ? String.valueOf(nowFiles.get(i).get("sha256")) : "";
            if (!wasName.equals(isName) || !wasSum.equals(isSum)) {
                String key = extension(wasName).equals(extension(isName)) ? "data.dir" : "data.format";
                String nowDir = i < nowFiles.size() ? parent(String.valueOf(nowFiles.get(i).get("file"))) : "?";
                return key + " (the data files differ: recorded " + was + " in " + recordedDir + ", now " + is
                        + " in " + nowDir + ")";
            }
        }
        return null;
    }

    private static String describe(String file, String sha256) {
        return name(file) + " sha256 " + (sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256);
    }

    private static String name(String file) {
        Path p = Path.of(file).getFileName();
        return p == null ? file : p.toString();
    }

    private static String parent(String file) {
        Path p = Path.of(file).getParent();
        return p == null ? "." : p.toString();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static String change(String key, Object was, Object is) {
        return key + " (recorded " + was + ", now " + is + ")";
    }

    private static String shortList(List<String> items) {
        if (items.size() <= SHOWN_TRIALS) return String.join(", ", items);
        return String.join(", ", items.subList(0, SHOWN_TRIALS)) + " and " + (items.size() - SHOWN_TRIALS) + " more";
    }

    /** The recorded conf through the same reader as a conf file, via a temporary copy outside the output folder. */
    private static SweepSpec parseConf(Path file, ConfigValue conf) {
        String json = conf.render(ConfigRenderOptions.concise());
        Path temp = null;
        try {
            temp = Files.createTempFile("cifar-sweep-recorded-", ".conf");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            return SweepSpec.load(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the conf of " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            String message = Objects.toString(e.getMessage(), "");
            String shown = temp == null ? message : message.replace(temp.toString() + ": ", "");
            throw new IllegalArgumentException(file + ": conf: " + shown, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temp file in java.io.tmpdir is harmless
                }
            }
        }
    }
}
