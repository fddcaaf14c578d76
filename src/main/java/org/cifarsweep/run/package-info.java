/**
 * What {@code sweep} and {@code train} share around training: the output folder prepared and locked, finished runs
 * recorded as they arrive, provenance.json, the report (a failure there is a warning), warnings and the closing
 * table. May import {@code resume}, {@code spark}, {@code report}, {@code results}, {@code sweep}, {@code train},
 * {@code model} and {@code data}; never Spark itself.
 */
package org.cifarsweep.run;
