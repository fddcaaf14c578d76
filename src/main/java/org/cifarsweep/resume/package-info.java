/**
 * How a recorded sweep continues: {@code ResumePlan} reads an output folder once, refuses one recorded with other
 * results-changing settings, replays successive halving and says what is complete, what to run and what to restore.
 * May import {@code results}, {@code sweep}, {@code train} and {@code data}; never Spark.
 */
package org.cifarsweep.resume;
