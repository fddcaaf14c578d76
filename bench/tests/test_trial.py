import tempfile
import unittest
from pathlib import Path

from analysis import trial

from .helpers import capture, write_csv, write_json


class JavaRunTest(unittest.TestCase):
    def test_seconds_accuracy_and_compile_time(self):
        with tempfile.TemporaryDirectory() as d:
            write_csv(Path(d, "out", "results.csv"), [{"trial": "t", "test_acc": "0.3673", "seconds": "2.061"}])
            log = Path(d, "java.log")
            log.write_text("BLAS: JNIBLAS\nfloat32 kernel compiled in 0.71 s (once per JVM, before the trial's clock "
                           "starts)\nepoch 1 ...\n")
            self.assertEqual(trial.java_run(Path(d, "out"), log), (2.061, 0.3673, 0.71))

    def test_no_compile_line_is_zero(self):
        with tempfile.TemporaryDirectory() as d:
            write_csv(Path(d, "results.csv"), [{"test_acc": "0.1", "seconds": "3"}])
            Path(d, "log").write_text("precision double\n")
            self.assertEqual(trial.java_run(d, Path(d, "log"))[2], 0.0)

    def test_missing_results_fails_with_exit_message(self):
        with tempfile.TemporaryDirectory() as d:
            Path(d, "log").write_text("")
            with self.assertRaises(SystemExit) as e:
                trial.main(["java-run", d, str(Path(d, "log"))])
            self.assertIn("results.csv", str(e.exception.code))


class PackRunTest(unittest.TestCase):
    def test_time_per_trial_is_the_packs_time_over_their_trials(self):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d, "out")
            write_csv(out / "results.csv", [{"trial": "a", "seed": "2", "test_acc": "0.30", "seconds": "9"},
                                            {"trial": "b", "seed": "1", "test_acc": "0.35", "seconds": "9"},
                                            {"trial": "c", "seed": "3", "test_acc": "0.32", "seconds": "8"}])
            write_json(out / "provenance.json", {"packing": {"packs": [
                {"pack": 1, "members": ["a", "b"], "seconds": 9.0}, {"pack": 2, "members": ["c"], "seconds": 3.0}]}})
            Path(d, "log").write_text("float32 kernel compiled in 0.5 s\n")
            self.assertEqual(trial.pack_run(out, Path(d, "log"), "1"), (4.0, 0.35, 0.5))

    def test_no_pack_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            write_csv(Path(d, "results.csv"), [{"trial": "a", "seed": "1", "test_acc": "0.3", "seconds": "1"}])
            write_json(Path(d, "provenance.json"), {"packing": {"packs": []}})
            Path(d, "log").write_text("")
            with self.assertRaises(SystemExit) as e:
                trial.main(["pack-run", d, str(Path(d, "log")), "1"])
            self.assertIn("no trial trained in a pack", str(e.exception.code))


class NumpyRunTest(unittest.TestCase):
    def test_the_last_seconds_line(self):
        with tempfile.TemporaryDirectory() as d:
            log = Path(d, "numpy.log")
            log.write_text("numpy 2.4\n    40  1.6788 ...\nstatus: OK\nseconds=3.6100 test_acc=0.3673\n")
            self.assertEqual(trial.numpy_run(log), (3.61, 0.3673))
            _, out = capture(trial.main, ["numpy-run", str(log)])
            self.assertEqual(out, "3.61 0.3673\n")

    def test_no_seconds_line_is_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            log = Path(d, "numpy.log")
            log.write_text("Traceback ...\n")
            with self.assertRaises(ValueError):
                trial.numpy_run(log)


class TableTest(unittest.TestCase):
    RUNS = [("1", 2.0, 0.3673, 4.0, 0.3673, 0.7),
            ("2", 2.2, 0.3673, 3.6, 0.3673, 0.8),
            ("3", 2.1, 0.3673, 3.8, 0.3674, 0.6)]

    def test_flops_of_the_default_trial(self):
        # 40 epochs x (1.229 training + 1.229 evaluation) GFLOP, as bench/README.md counts them
        self.assertAlmostEqual(trial.flops(40, 10_000, 10_000) / 1e9, 98.304)

    def test_median_ratio_and_result_lines(self):
        lines = trial.report(self.RUNS, 40, 10_000, 10_000)
        text = "\n".join(lines)
        # medians: java 2.1, numpy 3.8 -> 0.553; minima 2.0 / 3.6
        self.assertIn("result trial_java_numpy_ratio 0.553", lines)
        self.assertIn("result trial_java_seconds 2.100", lines)
        self.assertIn("result trial_numpy_seconds 3.800", lines)
        self.assertIn("result trial_java_compile_seconds 0.700", lines)
        self.assertIn("result trial_java_gflops 46.8", lines)
        self.assertRegex(text, r"med\s+2\.100\s+3\.800\s+0\.553")
        self.assertRegex(text, r"min\s+2\.000\s+3\.600\s+0\.556")
        self.assertIn("misses the target <= 0.5", text)
        self.assertIn("counted into a lone trial, java/numpy = 0.737", text)
        self.assertNotIn("warning", text)

    def test_meets_and_layout_suffix(self):
        runs = [("1", 1.7, 0.3673, 3.61, 0.3673, 0.7)]
        lines = trial.report(runs, 40, 10_000, 10_000, layout="f")
        self.assertIn("result trial_java_numpy_ratio_f 0.471", lines)
        self.assertIn("meets the target", "\n".join(lines))
        self.assertFalse(any(line.startswith(("med", "min")) for line in lines))

    def test_accuracies_a_point_apart_warn(self):
        runs = [("1", 2.0, 0.3673, 4.0, 0.3500, 0.7)]
        self.assertIn("warning: test accuracies differ by up to 1.7 points", "\n".join(trial.report(runs, 40, 10, 10)))

    def test_table_command_reads_the_runs_file(self):
        with tempfile.TemporaryDirectory() as d:
            runs = Path(d, "runs.txt")
            runs.write_text("".join(" ".join(map(str, r)) + "\n" for r in self.RUNS))
            self.assertEqual(trial.read_runs(runs), self.RUNS)
            _, out = capture(trial.main, ["table", str(runs), "--epochs", "40", "--n-train", "10000",
                                          "--n-val", "10000"])
        self.assertIn("result trial_java_numpy_ratio 0.553\n", out)


if __name__ == "__main__":
    unittest.main()
