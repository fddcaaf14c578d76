import tempfile
import unittest
from pathlib import Path

from analysis import summary

from .helpers import capture


def row(rows, prefix):
    """The one row whose description starts with prefix."""
    found = [r for r in rows if r[0].startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return found[0]


class SummaryRowsTest(unittest.TestCase):
    def test_targets_met_and_missed(self):
        rows = summary.rows({"trial_java_numpy_ratio": 0.57, "trial_java_numpy_ratio_f": 0.45, "sweep_speedup": 1.95,
                             "sweep_spark_overhead": 0.069, "sweep_decodes_per_jvm": 1,
                             "broadcast_shipped_bytes_per_pixel": 0.975, "mllib_config_rate_ratio": 4.9,
                             "sweep_best_val_acc": 0.3925, "mllib_best_val_acc": 0.3914})
        self.assertEqual(row(rows, "1. one trial: java / numpy (numpy's fastest")[1:], ("0.57", "<= 0.5", "MISSES"))
        self.assertEqual(row(rows, "1. one trial: java / numpy (X held once")[1:], ("0.45", "<= 0.5", "meets"))
        self.assertEqual(row(rows, "2. sweep: local[2]")[1:], ("1.95", ">= 1.85", "meets"))
        self.assertEqual(row(rows, "2. sweep: Spark overhead")[1:], ("6.9%", "<= 10%", "meets"))
        self.assertEqual(row(rows, "2. broadcast decodes")[1:], ("1", "1", "meets"))
        self.assertEqual(row(rows, "3. broadcast: bytes per pixel shipped")[3], "meets")
        self.assertEqual(row(rows, "4. MLlib: configurations")[3], "MISSES")
        self.assertEqual(row(rows, "4. MLlib: best val acc")[1:], ("0.3925 vs 0.3914", "ours >=", "meets"))

    def test_a_benchmark_that_did_not_run_has_no_verdict(self):
        rows = summary.rows({})
        for r in rows:
            self.assertIn(r[3], ("-", ""), r)
        self.assertEqual(row(rows, "2. sweep: Spark overhead")[1:], ("-", "<= 10%", "-"))
        self.assertEqual(row(rows, "4. MLlib: best val acc")[1:], ("- vs -", "ours >=", "-"))

    def test_report_rows_have_no_verdict(self):
        rows = summary.rows({"jmh_sgemm_peak_gflops": 120.0, "trial_java_gflops": 48.0, "driver_rss_mb_10k": 1448.4})
        self.assertEqual(row(rows, "1. one trial: GFLOP/s")[1:], ("48.0 (40.0% of 120.0)", "report", ""))
        self.assertEqual(row(rows, "5. driver peak RSS, 48 trials, 10k")[1:], ("1448", "report", ""))

    def test_search_rows(self):
        rows = summary.rows({"asha_sync_wall_ratio": 1.13, "asha_grid_gap_points": 0.0, "asha_grid_epochs_share": 0.253,
                             "asha_sync_idle_ratio": 2.63, "tpe_median_best": 0.3896, "random_median_best": 0.3884})
        self.assertEqual(row(rows, "8. search: ASHA / synchronous halving, wall")[1:], ("1.13", "<= 0.7", "MISSES"))
        self.assertEqual(row(rows, "8. search: ASHA below")[1:], ("0", "<= 0.3", "meets"))
        self.assertEqual(row(rows, "8. search: ASHA's epochs")[3], "MISSES")
        self.assertEqual(row(rows, "8. search: TPE vs random")[1:], ("0.3896 vs 0.3884", "TPE >", "meets"))

    def test_pack_rows(self):
        rows = summary.rows({"float_packed_over_alone": 1.68, "double_packed_over_alone": 2.98,
                             "float_packed_local2_over_local1": 1.43, "differences": 0,
                             "trial_java_numpy_ratio_pack16": 0.337})
        self.assertEqual(row(rows, "7. packs: grid float32")[1:], ("1.68", ">= 2", "MISSES"))
        self.assertEqual(row(rows, "7. packs: grid float64")[1:], ("2.98", ">= 2", "meets"))
        self.assertEqual(row(rows, "7. packs: packed grid")[3], "MISSES")
        self.assertEqual(row(rows, "7. packs: runs whose numbers")[1:], ("0", "0", "meets"))
        self.assertEqual(row(rows, "7. packs: a trial in a pack")[1:], ("0.337", "<= 0.3", "MISSES"))

    def test_lower_accuracy_than_mllib_misses(self):
        rows = summary.rows({"sweep_best_val_acc": 0.38, "mllib_best_val_acc": 0.3914})
        self.assertEqual(row(rows, "4. MLlib: best val acc")[3], "MISSES")


class SummaryMainTest(unittest.TestCase):
    def test_prints_an_aligned_table_from_logs(self):
        with tempfile.TemporaryDirectory() as d:
            log = Path(d, "trial.log")
            log.write_text("java: ...\nresult trial_java_numpy_ratio 0.450\n")
            _, out = capture(summary.main, [str(log)])
        lines = [line for line in out.splitlines() if line]
        self.assertTrue(lines[0].startswith("benchmark"))
        self.assertRegex(out, r"1\. one trial: java / numpy \(numpy's fastest: X held twice\)"
                              r"\s+0\.45\s+<= 0\.5\s+meets")
        # Every row's target sits in the header's target column.
        end = lines[0].index("target") + len("target")
        expected = [r[2] for r in summary.rows({"trial_java_numpy_ratio": 0.45})]
        self.assertEqual([line[end - 8:end].strip() for line in lines[1:]], expected)

if __name__ == "__main__":
    unittest.main()
