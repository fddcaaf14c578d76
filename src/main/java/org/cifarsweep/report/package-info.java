/**
 * report.html and its PNG plots, built from an output folder alone (results.csv, curves.csv, weights/,
 * provenance.json). May import {@code results} and the packages below it ({@code sweep}, {@code train},
 * {@code model}, {@code data}); never Spark.
 */
package org.cifarsweep.report;
