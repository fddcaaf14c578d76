package org.cifarsweep.run;

/** What a sweep does with an output folder that already holds files. */
public enum OutputMode {
    /** Refuse it: the folder must be new or empty. */
    NEW,
    /** Delete the files this program wrote there, then start over. */
    OVERWRITE,
    /** Continue the sweep recorded there (or start, if it recorded nothing yet). */
    RESUME
}
