package org.cifarsweep.results;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Appends whole rows to a CSV file with a header, and makes each call durable before it returns: the rows are
 * formatted in memory, written in one go, flushed and fsync'ed. A crash can then lose rows in flight, but never
 * leave a finished trial unrecorded.
 */
public final class CsvAppender implements AutoCloseable {
    private final Path file;
    private final FileOutputStream out;
    private final CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    public CsvAppender(Path file, List<String> header) {
        this.file = file;
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            this.out = new FileOutputStream(file.toFile(), true);
            if (fresh) append(List.of(List.copyOf(header)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open for writing: " + e.getMessage(), e);
        }
    }

    public synchronized void append(List<? extends List<?>> rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, format)) {
            for (List<?> row : rows) printer.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append: " + e.getMessage(), e);
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
