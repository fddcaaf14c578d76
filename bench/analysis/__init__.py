"""The Python side of the bench/ scripts: reading what a benchmark wrote and printing its table.

Standard library only (numpy is needed by bench/numpy_trial.py and bench/parallel_sgemm.py, not here). Each module
runs on its own from the project root, e.g. `python3 -m bench.analysis.jmh JMH_JSON`; `--help` lists its arguments.

    common     `result KEY VALUE` lines, CSV files, medians, targets (shared by the others)
    summary    run-all.sh's table of every result against its target
    trial      trial-vs-numpy.sh: one side's seconds and accuracy from its output, the table and ratio
    scaling    sweep-scaling.sh: local[1] against local[2], Spark overhead, broadcast size
    jmh        jmh.sh: JMH's JSON as ms/op, GFLOP/s and % of the sgemm peak
    mllib      mllib-vs-sweep.sh: configurations per minute and best accuracy of both sides
    memory     driver-memory.sh: peak RSS, heap and decoded sizes per sweep, from the watcher's records
    rss_watch  driver-memory.sh's process watcher: runs a command and records the driver JVM's peak RSS
    scale      scale.sh: wall time, peak RSS, output sizes and the report's timings of one large sweep
    same_bits  same-bits.sh's comparison of two runs' results.csv and curves.csv, bit for bit

The tests are in bench/tests: `python3 -m unittest discover -s bench -p 'test_*.py'` from the project root.
"""
