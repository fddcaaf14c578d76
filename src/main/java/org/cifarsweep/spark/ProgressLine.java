package org.cifarsweep.spark;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.train.TrainingStatus;

/**
 * The one console line of a running sweep: trials done / total, running, best validation accuracy so far, and an
 * ETA from the completion rate. On a terminal it is redrawn in place every second. In a log its lines come at a
 * bounded rate whatever the number of trials: one each time the sweep passes another tenth of its trials, one at
 * least every {@link #HEARTBEAT_SECONDS} while trials finish, never two within {@link #MIN_GAP_SECONDS}, and the
 * last one when every trial is done.
 */
final class ProgressLine implements AutoCloseable {
    static final double MIN_GAP_SECONDS = 5;
    static final double HEARTBEAT_SECONDS = 30;

    private final PrintStream out;
    private int total;
    private boolean estimate;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private final ScheduledExecutorService ticker;
    private long lastLineNanos;
    private int lastLineTenth;
    private int done;
    private int doneHere;
    private int started;
    private int ended;
    private double bestVal = Double.NaN;
    private String bestTrial = "";

    ProgressLine(PrintStream out, int total, int alreadyDone) {
        this(out, total, alreadyDone, System.console() != null, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as System.nanoTime (tests pass their own). */
    ProgressLine(PrintStream out, int total, int alreadyDone, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.total = total;
        this.done = alreadyDone;
        this.terminal = terminal;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLineNanos = startNanos;
        this.lastLineTenth = tenth(alreadyDone);
        this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-line");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * The total is an estimate (an asynchronous schedule decides its runs as results arrive): shown as {@code ~N},
     * and raised to the runs done and running when they pass it.
     */
    synchronized void totalIsEstimate() {
        estimate = true;
    }

    synchronized void taskStarted() {
        started++;
    }

    synchronized void taskEnded() {
        ended++;
    }

    /** Listener events arrive late, so a task whose result is already written counts as ended. */
    private int running() {
        return Math.max(0, started - Math.max(ended, doneHere));
    }

    synchronized void trialFinished(ResultsRow row) {
        done++;
        doneHere++;
        if (estimate) total = Math.max(total, done + running());
        if (row.status() == TrainingStatus.OK && !(row.valAcc() <= bestVal)) {
            bestVal = row.valAcc();
            bestTrial = row.trial();
        }
        if (terminal) {
            redraw();
        } else if (lineDue()) {
            out.println(render());
            lastLineNanos = clock.getAsLong();
            lastLineTenth = tenth(done);
        }
    }

    /** In a log: the last trial, another tenth passed, or the heartbeat; never two lines within the minimum gap. */
    private boolean lineDue() {
        if (done >= total) return true;
        double sinceLine = (clock.getAsLong() - lastLineNanos) / 1e9;
        if (sinceLine < MIN_GAP_SECONDS) return false;
        return tenth(done) > lastLineTenth || sinceLine >= HEARTBEAT_SECONDS;
    }

    private int tenth(int count) {
        return total == 0 ? 10 : (int) (10L * count / total);
    }

    synchronized String render() {
        double elapsed = (clock.getAsLong() - startNanos) / 1e9;
        // The rate of this run only: trials done before a resume took no time here.
        String eta = doneHere == 0 ? "?" : formatSeconds(elapsed / doneHere * (total - done));
        String best = Double.isNaN(bestVal) ? "-" : String.format("%.4f (%s)", bestVal, bestTrial);
        return String.format("[sweep] %d/%s%d done, %d running, best val_acc %s, elapsed %s, ETA %s",
                done, estimate ? "~" : "", total, running(), best, formatSeconds(elapsed), eta);
    }

    private synchronized void redraw() {
        out.print("\r" + render() + "\u001b[K");
        out.flush();
    }

    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            redraw();
            out.println();
        }
    }
}
