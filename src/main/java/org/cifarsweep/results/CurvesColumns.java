package org.cifarsweep.results;

import java.util.List;

/**
 * The columns of curves.csv, one row per trial and epoch: one constant per column and {@link #ALL}, their order in
 * the file. The one definition that the writer ({@link CurveRows}), a resume and the report's reader all use. A
 * column that results.csv has too keeps that file's name, spelled once in {@link ResultsColumns}.
 */
public final class CurvesColumns {
    /** The trial's name: the key that joins a curves.csv row to its results.csv row. */
    public static final String TRIAL = ResultsColumns.TRIAL;
    /** 1 for the first epoch. */
    public static final String EPOCH = "epoch";
    public static final String TRAIN_LOSS = ResultsColumns.TRAIN_LOSS;
    public static final String TRAIN_COST = ResultsColumns.TRAIN_COST;
    public static final String TRAIN_ACC = ResultsColumns.TRAIN_ACC;
    public static final String VAL_LOSS = ResultsColumns.VAL_LOSS;
    public static final String VAL_COST = ResultsColumns.VAL_COST;
    public static final String VAL_ACC = ResultsColumns.VAL_ACC;
    /** The learning rate of this epoch, after any decay. */
    public static final String ETA = ResultsColumns.ETA;
    public static final String RUNG = ResultsColumns.RUNG;

    /** Every column, in file order: the header of curves.csv. */
    public static final List<String> ALL = List.of(
            TRIAL, EPOCH, TRAIN_LOSS, TRAIN_COST, TRAIN_ACC, VAL_LOSS, VAL_COST, VAL_ACC, ETA, RUNG);

    private CurvesColumns() { }
}
