package org.cifarsweep.sweep;

import java.util.Objects;
import org.cifarsweep.train.TrainingStatus;

/**
 * One line of an asynchronous sweep's decision log: a run started, a run promoted, or a result that arrived. The
 * decisions of asynchronous halving depend on the order results arrive in; the log records that order and each
 * decision with what it saw, so a resume replays them exactly ({@link AsyncHalving#replay}).
 *
 * @param event  what happened
 * @param run    the run it is about (a trial at a rung)
 * @param trial  the trial's name at its full epochs: one trial's runs at every rung share it
 * @param rung   the rung the run ends at
 * @param bracket the Hyperband bracket of the trial (0 without Hyperband)
 * @param status a result's status, null for a start or a promotion
 * @param valAcc a result's validation accuracy, NaN for a start or a promotion
 * @param seen   what the decision saw, in words (e.g. "2nd of 9 results at rung 0; top 3 go on")
 */
public record Decision(Event event, String run, String trial, int rung, int bracket, TrainingStatus status,
                       double valAcc, String seen) {

    /** The kinds of line. */
    public enum Event {
        /** A new trial starts at its bracket's first rung. */
        START,
        /** A trial of a rung goes on to the next rung, from its state. */
        PROMOTE,
        /** A run's result reached the driver. */
        RESULT;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code start}, {@code promote} or {@code result}. */
        public static Event parse(String s) {
            for (Event e : values()) if (e.toString().equals(s)) return e;
            throw new IllegalArgumentException("'" + s + "' is not one of start, promote, result");
        }
    }

    public Decision {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(seen, "seen");
        if (rung < 0 || bracket < 0) throw new IllegalArgumentException("rung and bracket must be >= 0");
        if ((event == Event.RESULT) != (status != null)) {
            throw new IllegalArgumentException("a result, and only a result, has a status: " + event + " " + run);
        }
    }
}
