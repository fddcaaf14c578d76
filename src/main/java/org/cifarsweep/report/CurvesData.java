package org.cifarsweep.report;

import static org.cifarsweep.results.CurvesColumns.EPOCH;
import static org.cifarsweep.results.CurvesColumns.TRAIN_ACC;
import static org.cifarsweep.results.CurvesColumns.TRAIN_COST;
import static org.cifarsweep.results.CurvesColumns.TRIAL;
import static org.cifarsweep.results.CurvesColumns.VAL_ACC;
import static org.cifarsweep.results.CurvesColumns.VAL_COST;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Every trial's curves for the page to draw, streamed from curves.csv straight into report.html as one base64 block,
 * so that the report never holds them all. 2 bytes per value, 4 values per epoch (training and validation accuracy
 * and cost): 10,000 trials of 40 epochs are 4.4 MB of base64.
 *
 * <p>A trial of more than {@link #MAX_POINTS} epochs keeps every k-th (the first, 1 + k, 1 + 2k, …, and its last),
 * so that the block stays within 8 × {@value #MAX_POINTS} bytes a trial, however long the training: 4.4 MB of base64
 * for 10,000 trials.
 *
 * <p>The bytes, little-endian, are a sequence of runs of evenly spaced epochs of one trial:
 * <pre>
 *   u32 row      the trial's index in the page's rows (its rank − 1)
 *   u16 first    its first epoch
 *   u16 step     the epochs between two of its points (1: consecutive)
 *   u16 count    how many epochs follow
 *   count × (u16 train_acc, u16 val_acc, u16 train_cost, u16 val_cost)
 * </pre>
 * An accuracy is stored in units of 1/10,000 ({@link #NO_ACCURACY}: none, or not finite); a cost as an IEEE 754
 * half-precision number (3 significant digits, which a 300-pixel plot cannot tell from more; infinite beyond 65,504).
 * A trial's epochs are consecutive rows in curves.csv, so a trial is one run (two when its last epoch is off its step);
 * a later run of the same trial and epoch (a trial recorded again) replaces the earlier, as {@link CurvesTable} does.
 */
final class CurvesData {
    /** An accuracy that is not a number. */
    static final int NO_ACCURACY = 0xFFFF;
    /** The most epochs of one run; a longer trial continues in a second run. */
    private static final int MAX_RUN = 0xFFFF;
    /** The most points a trial is drawn with. */
    static final int MAX_POINTS = 40;

    private CurvesData() { }

    /** What was written: how many epochs, of how many runs, and how many rows named no trial of the page. */
    record Written(long epochs, long runs, long unknown) {
    }

    /**
     * Streams {@code file} (which must exist) to {@code out} as base64, for the trials of {@code rows}, each named
     * with its index, whose epochs (results.csv's n_epochs, or -1) are {@code epochs[index]}. Rows of other trials,
     * and rows cut short, are left out.
     */
    static Written write(Path file, Map<String, Integer> rows, int[] epochs, Appendable out) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        Base64Out base64 = new Base64Out(out);
        Run run = new Run();
        long written = 0;
        long unknown = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            if (!parser.getHeaderNames().contains(TRIAL) || !parser.getHeaderNames().contains(EPOCH)) return new Written(0, 0, 0);
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) continue;
                int epoch = Numbers.parseInt(r.get(EPOCH));
                Integer row = rows.get(r.get(TRIAL).strip());
                if (row == null) {
                    unknown++;
                    continue;
                }
                if (epoch < 1 || epoch > MAX_RUN) continue;
                int last = epochs[row];
                int step = last > MAX_POINTS ? (last + MAX_POINTS - 2) / (MAX_POINTS - 1) : 1;
                if (step > 1 && (epoch - 1) % step != 0 && epoch != last) continue;
                if (!run.continues(row, epoch, step)) run.flush(base64).start(row, epoch, step);
                run.add(accuracy(num(r, TRAIN_ACC)), accuracy(num(r, VAL_ACC)), half(num(r, TRAIN_COST)),
                        half(num(r, VAL_COST)));
                written++;
            }
            run.flush(base64);
            base64.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            // A damaged curves.csv: what was written so far stays, and is whole runs.
            try {
                base64.finish();
            } catch (IOException ignored) {
                // the page's writer failed; the build fails with it below
            }
        }
        return new Written(written, run.runs, unknown);
    }

    private static double num(CSVRecord r, String column) {
        return r.isMapped(column) ? Numbers.parse(r.get(column)) : Double.NaN;
    }

    /** An accuracy in [0, 1] as 1/10,000ths; anything else is {@link #NO_ACCURACY}. */
    static int accuracy(double v) {
        if (!(v >= 0 && v <= 1)) return NO_ACCURACY;
        return (int) Math.round(v * 10_000);
    }

    /** The IEEE 754 binary16 bits of {@code v}, rounded to nearest even (Java 17 has no Float.floatToFloat16). */
    static int half(double v) {
        float f = (float) v;
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isNaN(f)) return sign | 0x7E00;
        float a = Math.abs(f);
        if (a >= 65520f) return sign | 0x7C00;                    // rounds to infinity
        if (a < 0x1.0p-24f * 0.5f) return sign;                   // rounds to zero
        if (a < 0x1.0p-14f) {                                     // subnormal: a multiple of 2^-24
            return sign | Math.round(Math.scalb(a, 24));           // Math.round is half-up, ties are rare and harmless
        }
        int exponent = Math.getExponent(a);                       // -14 … 15
        int mantissa = (Float.floatToRawIntBits(a) & 0x7FFFFF);
        int m = mantissa >>> 13;
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (m & 1) == 1)) m++;
        int h = ((exponent + 15) << 10) + m;                      // a carry from m rolls into the exponent
        return sign | h;
    }

    /** The value of binary16 bits: the inverse of {@link #half}, for tests. */
    static double fromHalf(int h) {
        int sign = (h & 0x8000) != 0 ? -1 : 1;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) return sign * Math.scalb((double) mantissa, -24);
        if (exponent == 31) return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        return sign * Math.scalb(1 + mantissa / 1024.0, exponent - 15);
    }

    /** One trial's consecutive epochs, until written. */
    private static final class Run {
        private int row = -1;
        private int first;
        private int step = 1;
        private int count;
        private short[] values = new short[4 * 64];
        private long runs;

        boolean continues(int row, int epoch, int step) {
            return count > 0 && row == this.row && step == this.step && epoch == first + count * step
                    && count < MAX_RUN;
        }

        Run start(int row, int epoch, int step) {
            this.row = row;
            this.first = epoch;
            this.step = step;
            this.count = 0;
            return this;
        }

        void add(int trainAcc, int valAcc, int trainCost, int valCost) {
            if (4 * count + 4 > values.length) values = Arrays.copyOf(values, values.length * 2);
            values[4 * count] = (short) trainAcc;
            values[4 * count + 1] = (short) valAcc;
            values[4 * count + 2] = (short) trainCost;
            values[4 * count + 3] = (short) valCost;
            count++;
        }

        Run flush(Base64Out out) throws IOException {
            if (count == 0) return this;
            out.u32(row);
            out.u16(first);
            out.u16(step);
            out.u16(count);
            for (int i = 0; i < 4 * count; i++) out.u16(values[i] & 0xFFFF);
            runs++;
            count = 0;
            return this;
        }
    }

    /** Bytes to base64 text as they come, in chunks whole to 3 bytes so that the pieces join into one string. */
    private static final class Base64Out {
        private final Appendable out;
        private final byte[] buffer = new byte[3 * 4096];
        private int size;

        Base64Out(Appendable out) {
            this.out = out;
        }

        void u16(int v) throws IOException {
            put((byte) v);
            put((byte) (v >>> 8));
        }

        void u32(int v) throws IOException {
            u16(v & 0xFFFF);
            u16(v >>> 16);
        }

        private void put(byte b) throws IOException {
            if (size == buffer.length) drain(buffer.length);
            buffer[size++] = b;
        }

        private void drain(int bytes) throws IOException {
            out.append(new String(Base64.getEncoder().encode(Arrays.copyOf(buffer, bytes)), StandardCharsets.US_ASCII));
            System.arraycopy(buffer, bytes, buffer, 0, size - bytes);
            size -= bytes;
        }

        void finish() throws IOException {
            if (size > 0) drain(size);
        }
    }
}
