package org.cifarsweep.run;

/**
 * Spark's console logging (through log4j 2, which writes to stderr itself). When a run is ending because of one
 * cause we report in one line, such as a full disk or a signal, Spark's account of its own shutdown (cancelled
 * tasks, rejected status updates, the stopped context) is only noise around that line.
 */
public final class Logs {

    private Logs() { }

    /** Switches every log4j logger off for the rest of this JVM's life. */
    public static void silence() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                    org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, org.apache.logging.log4j.Level.OFF);
        } catch (LinkageError | RuntimeException e) {
            // another logging backend (a cluster's own Spark): its lines may follow ours
        }
    }
}
