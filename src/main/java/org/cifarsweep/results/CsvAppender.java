package org.cifarsweep.results;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Appends whole rows to a CSV file with a header, and makes each call durable before it returns: the rows are
 * formatted in memory, written in one go, flushed and fsync'ed. A crash can then lose rows in flight, but never
 * leave a finished trial unrecorded; at worst it leaves a half-written last line, which {@link ExistingResults}
 * drops before a resume appends again.
 *
 * <p>An existing file is appended to only if it starts with the same header and ends with a whole line, so rows
 * are never glued to a torn line or put under other columns.
 */
public final class CsvAppender implements AutoCloseable {
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path file;
    private final FileOutputStream out;

    public CsvAppender(Path file, List<String> header) {
        this.file = file;
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!fresh) checkAppendable(file, format(List.of(List.copyOf(header))));
            this.out = new FileOutputStream(file.toFile(), true);
            if (fresh) {
                append(List.of(List.copyOf(header)));
                DurableFiles.syncFolder(file.toAbsolutePath().getParent());   // the new file's name, too
            }
        } catch (IOException e) {
            throw new OutputWriteException(file + ": cannot open for writing: " + e.getMessage(), e);
        }
    }

    public synchronized void append(List<? extends List<?>> rows) {
        String text = format(rows);
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        } catch (IOException e) {
            throw new OutputWriteException(file + ": cannot append: " + e.getMessage(), e);
        }
    }

    /** The rows as this class writes them: RFC 4180, each ended by {@code \n}. */
    static String format(List<? extends List<?>> rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
            for (List<?> row : rows) printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void checkAppendable(Path file, String headerLine) throws IOException {
        byte[] expected = headerLine.getBytes(StandardCharsets.UTF_8);
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(expected.length);
        }
        if (!Arrays.equals(start, expected)) {
            throw new IllegalArgumentException(file + ": does not start with the header "
                    + headerLine.strip() + "; refusing to append rows under other columns");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            if (raf.read() != '\n') {
                throw new IllegalArgumentException(file + ": ends with a half-written line (a crash while writing?);"
                        + " run the sweep again with --resume to repair it");
            }
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
