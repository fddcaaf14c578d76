/**
 * What a sweep is, before anything runs: the HOCON conf read into a checked {@code SweepSpec}, grid and random
 * expansion, trial seeds and names, the schedule (all trials at once, successive halving, or an asynchronous schedule: ASHA, Hyperband, TPE's
 * proposals, with its decisions for the log), and how each job's
 * runs are packed into Spark tasks ({@code Packer}). No Spark.
 * May import {@code train}, {@code model} and {@code data}.
 */
package org.cifarsweep.sweep;
