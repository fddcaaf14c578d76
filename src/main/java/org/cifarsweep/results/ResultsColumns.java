package org.cifarsweep.results;

import java.util.List;

/**
 * The columns of results.csv: one constant per column and {@link #ALL}, their order in the file. The one definition
 * that the writer ({@link ResultsRow}), a resume reading the file back, and the report's reader all use; the file's
 * header is {@link #ALL} as it stands, so a new column is added here, at the end, and nowhere else by name.
 *
 * <p>The first fifteen, {@link #TRIAL} to {@link #SECONDS}, are the documented contract that every results.csv has;
 * the others were added after, and an older file may lack them. Names that curves.csv shares ({@link CurvesColumns})
 * are spelled here.
 */
public final class ResultsColumns {
    /** The trial's name, made from its parameters; also the name of its weights file. */
    public static final String TRIAL = "trial";
    /** The learning rate η the trial started with. */
    public static final String ETA = "eta";
    /** The L2 penalty λ. */
    public static final String LAMBDA = "lambda";
    public static final String N_BATCH = "n_batch";
    public static final String N_EPOCHS = "n_epochs";
    public static final String SEED = "seed";
    public static final String PREPROCESS = "preprocess";
    public static final String PRECISION = "precision";
    /** ok, diverged or failed. */
    public static final String STATUS = "status";
    public static final String TRAIN_ACC = "train_acc";
    public static final String VAL_ACC = "val_acc";
    public static final String TEST_ACC = "test_acc";
    public static final String TRAIN_COST = "train_cost";
    public static final String VAL_COST = "val_cost";
    public static final String SECONDS = "seconds";
    public static final String BEST_EPOCH = "best_epoch";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String VAL_LOSS = "val_loss";
    public static final String SHUFFLE = "shuffle";
    public static final String SPLIT = "split";
    public static final String HOST = "host";
    public static final String EXECUTOR = "executor";
    /** Why the trial diverged or failed; empty for an ok trial. */
    public static final String REASON = "reason";
    /** The loss trained with, as {@code LossKind} prints it: softmax or svm. */
    public static final String LOSS = "loss";
    public static final String FLIP = "flip";
    public static final String DECAY = "decay";
    /** The halving rung, -1 outside halving. */
    public static final String RUNG = "rung";
    /**
     * The trial pack the run trained in (its number within the run of the command that trained it, as
     * provenance.json's "packing" lists them); empty for a run trained alone. Changes no number of the row.
     */
    public static final String PACK = "pack";
    /**
     * The configuration the run is a repeat of ({@code repeats = N}): the name of its repeat 1, the same for all its
     * repeats; the trial's own name outside repeats. An older file lacks it: read it as the trial's name.
     */
    public static final String CONFIG = "config";
    /**
     * The Hyperband bracket of the run's trial (bracket b starts its trials at rung b); empty outside Hyperband.
     * Changes no number of the row.
     */
    public static final String BRACKET = "bracket";

    /** Every column, in file order: the header of results.csv. */
    public static final List<String> ALL = List.of(
            TRIAL, ETA, LAMBDA, N_BATCH, N_EPOCHS, SEED, PREPROCESS, PRECISION, STATUS,
            TRAIN_ACC, VAL_ACC, TEST_ACC, TRAIN_COST, VAL_COST, SECONDS,
            BEST_EPOCH, TRAIN_LOSS, VAL_LOSS, SHUFFLE, SPLIT, HOST, EXECUTOR, REASON,
            LOSS, FLIP, DECAY, RUNG, PACK, CONFIG, BRACKET);

    private ResultsColumns() { }
}
