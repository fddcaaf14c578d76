package org.cifarsweep.sweep;

import java.util.List;

/**
 * A schedule without jobs: the Spark driver asks it for a run whenever a core is free and tells it each result as it
 * arrives, so no core waits for a whole step. Its decisions may depend on the order results arrive in, so each
 * comes with a {@link Decision} for the sweep's log, and a resume replays that log.
 */
public interface AsyncSchedule extends Schedule {

    /**
     * A run to start now.
     *
     * @param decision the log line of the decision to start it, or null for a run a resume restarts (decided before)
     */
    record Start(TrialSpec run, Decision decision) { }

    /** The next run to start, or null while none can start until a running one finishes. */
    Start start();

    /** A run ended (ok, diverged or failed of its own); returns the log line of its result. */
    Decision finished(Finished finished);

    /**
     * The runs whose saved state no decision can need any more (they can never go on), since the last call; the
     * caller may delete their states.
     */
    default List<String> released() {
        return List.of();
    }

    /** Nothing is running and nothing can start: the sweep is complete. */
    boolean done();

    /** Asynchronous schedules have no jobs: the first is empty. */
    @Override
    default List<TrialSpec> first() {
        return List.of();
    }

    @Override
    default List<TrialSpec> next(List<Finished> finished) {
        return List.of();
    }
}
