package org.cifarsweep.report;

/** A picture of the report: its PNG (named as its file under plots/) and the sentence that says what it shows. */
public record Figure(Png png, String caption) {
}
