/**
 * The only package that imports Spark. The driver's {@code SweepRunner} broadcasts the data once and runs one task
 * per pack of trials, streaming each finished trial to a sink; the executor side decodes the broadcast once per JVM
 * and trains one pack (or one trial alone) per task. May import {@code results}, {@code sweep}, {@code train}, {@code model} and {@code data}.
 */
package org.cifarsweep.spark;
