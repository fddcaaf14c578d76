package org.cifarsweep.results;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * provenance.json: what it takes to trust or redo a sweep — the conf as resolved, the versions, the Spark master,
 * the data files' checksums, the git commit and the BLAS in use. Sections are added as they become known and the
 * file is rewritten atomically each time.
 */
public final class Provenance {
    public static final String FILE = "provenance.json";

    private final Map<String, Object> sections = new LinkedHashMap<>();

    public synchronized Provenance put(String key, Object value) {
        sections.put(key, value);
        return this;
    }

    public synchronized void write(Path dir) {
        String json = ConfigValueFactory.fromMap(sections).render(ConfigRenderOptions.concise().setFormatted(true));
        DurableFiles.replace(dir.resolve(FILE), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Name, size and SHA-256 of each file. */
    public static List<Map<String, Object>> checksums(List<Path> files) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.toAbsolutePath().normalize().toString());
            try {
                entry.put("bytes", Files.size(file));
                entry.put("sha256", sha256(file));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
            list.add(entry);
        }
        return list;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commit of the project checkout at {@code home}, with "-dirty" if it has local changes, or "unknown". */
    public static String gitCommit(Path home) {
        String commit = git(home, "rev-parse", "HEAD");
        if (commit == null || commit.isEmpty()) return "unknown";
        String status = git(home, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? commit : commit + "-dirty";
    }

    private static String git(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
