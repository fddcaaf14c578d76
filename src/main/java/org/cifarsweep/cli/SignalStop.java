package org.cifarsweep.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cifarsweep.run.Logs;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM in the driver: one line that says where the results are and how to finish the sweep,
 * then a quiet exit (130 or 143, as the shell reports a death by that signal). Without this, Spark's shutdown and
 * the cancelled job printed some 60 lines of stack traces. Installed by {@link Main#main} only, never in a JVM that
 * runs the command line in-process (the tests).
 *
 * <p>After the line, nothing else reaches stderr: the process's System.err goes through a gate that closes, and
 * the log4j loggers (Spark's) are switched off. The files need no help: every row is durable when it is written,
 * and the OS releases the folder's lock.
 */
final class SignalStop {
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static volatile Gate gate;

    private SignalStop() { }

    /** Puts stderr behind a gate and handles SIGINT and SIGTERM. */
    static void install() {
        Gate g = new Gate(new FileOutputStream(FileDescriptor.err));
        gate = g;
        System.setErr(new PrintStream(g, true, StandardCharsets.UTF_8));
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), SignalStop::stop);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (e.g. -Xrs): then its default applies
            }
        }
    }

    /** Whether a signal is stopping this process: the command line then adds nothing of its own. */
    static boolean stopping() {
        return STOPPING.get();
    }

    private static void stop(Signal signal) {
        if (!STOPPING.compareAndSet(false, true)) return;
        Logs.silence();   // Spark's shutdown and the cancelled job would log stack traces after our line
        String line = "cifar-sweep: stopped by signal SIG" + signal.getName() + RunNotice.afterSignal();
        // On a terminal the progress line is redrawn in place (and ^C echoed after it): start a line of our own.
        if (System.console() != null) line = System.lineSeparator() + line;
        Gate g = gate;
        if (g != null) {
            g.last(line + System.lineSeparator());
        } else {
            System.err.println(line);
        }
        int code = 128 + signal.getNumber();
        Thread exit = new Thread(() -> System.exit(code), "cifar-sweep-signal-exit");
        exit.start();
    }

    /** stderr, until {@link #last} writes one line and closes it for good. */
    static final class Gate extends OutputStream {
        private final OutputStream out;
        private boolean closed;

        Gate(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (!closed) out.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (!closed) out.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!closed) out.flush();
        }

        /** Writes {@code text}, then drops whatever comes after. */
        synchronized void last(String text) {
            if (closed) return;
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // stderr is gone: nothing to tell
            }
            closed = true;
        }
    }
}
