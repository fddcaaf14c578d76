/**
 * The files of an output folder: the CSV writers and readers (one definition of the columns), the weights files,
 * provenance.json, the folder lock, and durable write-then-rename files. May import {@code sweep}, {@code train},
 * {@code model} and {@code data}; never Spark.
 */
package org.cifarsweep.results;
