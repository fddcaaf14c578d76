package org.cifarsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.train.TrainingStatus;

/**
 * {@code decisions.csv}: the log of an asynchronous sweep, a line per decision (a trial started, a run promoted) and
 * per result that reached the driver, in the order they happened, each with what it saw. Durable line by line
 * ({@link CsvAppender}): a decision is written before its run is submitted, a result after its row in results.csv.
 * A resume replays it ({@code resume.ResumePlan}); a crash can leave only a torn last line, which {@link #repair}
 * drops.
 */
public final class DecisionsFile implements AutoCloseable {
    public static final String FILE = "decisions.csv";
    public static final List<String> COLUMNS =
            List.of("event", "run", "trial", "rung", "bracket", "status", "val_acc", "seen");

    private final CsvAppender out;

    /** Opens {@code dir}'s log for appending, creating it with its header. */
    public DecisionsFile(Path dir) {
        this.out = new CsvAppender(dir.resolve(FILE), COLUMNS);
    }

    /** Appends one line, durably. */
    public void record(Decision d) {
        out.append(List.of(List.of(d.event().toString(), d.run(), d.trial(), d.rung(), d.bracket(),
                d.status() == null ? "" : d.status().toString(), Double.isNaN(d.valAcc()) ? "" : Double.toString(d.valAcc()),
                d.seen())));
    }

    @Override
    public void close() {
        out.close();
    }

    /**
     * The log recorded in {@code dir}: its complete lines, and whether a torn line follows them.
     *
     * @param decisions the complete lines, in order (empty when there is no file)
     * @param tornBytes where the torn line starts (the length to keep), or -1 when the file ends cleanly
     */
    public record Recorded(List<Decision> decisions, long tornBytes) {
        public Recorded {
            decisions = List.copyOf(decisions);
        }
    }

    /**
     * Reads {@code dir}'s log without changing it.
     *
     * @throws IllegalArgumentException naming the file and line of a line no crash of ours can leave
     */
    public static Recorded read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) return new Recorded(List.of(), -1);
        List<Decision> decisions = new ArrayList<>();
        long kept = 0;
        try (CsvRecords.Reader reader = CsvRecords.Reader.open(file)) {
            CsvRecords.Record header = reader.next();
            if (header == null) return new Recorded(List.of(), 0);
            if (!header.fields().equals(COLUMNS)) {
                throw new IllegalArgumentException(file + ": line 1: expected the header " + String.join(",", COLUMNS));
            }
            kept += header.text().getBytes(StandardCharsets.UTF_8).length;
            for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
                decisions.add(parse(file, r));
                kept += r.text().getBytes(StandardCharsets.UTF_8).length;
            }
            return new Recorded(decisions, reader.tail().isEmpty() ? -1 : kept);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Decision parse(Path file, CsvRecords.Record r) {
        List<String> f = r.fields();
        String where = file + ": line " + r.line() + ": ";
        if (r.problem() != null || f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(where + (r.problem() != null ? r.problem()
                    : "expected " + COLUMNS.size() + " fields, got " + f.size()));
        }
        try {
            return new Decision(Decision.Event.parse(f.get(0)), f.get(1), f.get(2), Integer.parseInt(f.get(3)),
                    Integer.parseInt(f.get(4)), f.get(5).isEmpty() ? null : TrainingStatus.parse(f.get(5)),
                    f.get(6).isEmpty() ? Double.NaN : Double.parseDouble(f.get(6)), f.get(7));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    /** Drops a torn last line (a crash while appending), so that the log ends with a whole line. */
    public static void repair(Path dir, Recorded recorded) {
        if (recorded.tornBytes() < 0) return;
        Path file = dir.resolve(FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(recorded.tornBytes());
            channel.force(true);
        } catch (IOException e) {
            throw new OutputWriteException(file + ": cannot drop its torn last line: " + e.getMessage(), e);
        }
    }
}
