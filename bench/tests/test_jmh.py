import json
import math
import tempfile
import unittest
from pathlib import Path

from analysis import jmh

from .helpers import capture


def result(bench, params, score, error, raw, unit="ms/op"):
    """One entry of JMH's JSON output."""
    return {"benchmark": f"org.cifarsweep.bench.{bench}", "params": params,
            "primaryMetric": {"score": score, "scoreError": error, "scoreUnit": unit, "rawData": raw}}


RESULTS = [
    result("GradientBench.gradient", {"precision": "float", "batch": "100"}, 0.1536, 0.009, [[0.15, 0.16]]),
    result("ForwardBench.forward", {"precision": "float"}, 7.68, 0.35, [[7.5, 7.9]]),
    result("ForwardBench.forward", {"precision": "double"}, 51.2, "NaN", [[51.2]]),
    result("EpochBench.epoch", {"precision": "float"}, 48.0, 1.2, [[47.0, 49.0]]),
    result("SgemmPeakBench.sgemm", {"size": "2048"}, 0.1163, 0.0026, [[0.115, 0.118]], unit="s/op"),
    result("ForwardBench.forward", {"precision": "float"}, 1.0, 0.0, [[1.0]], unit="ops/s"),
]


class JmhTest(unittest.TestCase):
    def test_flops_per_op(self):
        self.assertEqual(jmh.flops("SgemmPeakBench.sgemm", {"size": "2048"}), 2.0 * 2048 ** 3)
        self.assertEqual(jmh.flops("ForwardBench.forward", {}), 614.4e6)
        self.assertEqual(jmh.flops("GradientBench.gradient", {"batch": "100"}), 6.144e6)
        self.assertEqual(jmh.flops("EpochBench.epoch", {}), 4 * 614.4e6)
        self.assertIsNone(jmh.flops("Other.bench", {}))

    def test_parse_orders_converts_units_and_skips_throughput(self):
        rows = jmh.parse(RESULTS)
        self.assertEqual([r["label"] for r in rows],
                         ["sgemm peak 2048^3", "forward f32 (n=10000)", "forward f64 (n=10000)",
                          "gradient f32 (batch 100)", "epoch f32 (Trainer)"])
        sgemm = rows[0]
        self.assertAlmostEqual(sgemm["ms"], 116.3)
        self.assertAlmostEqual(sgemm["best"], 115.0)
        self.assertAlmostEqual(sgemm["gflops"], 2 * 2048 ** 3 / 0.1163 / 1e9)
        self.assertTrue(math.isnan(rows[2]["err"]))
        self.assertAlmostEqual(rows[1]["gflops"], 80.0)

    def test_table_and_result_lines(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d, "jmh.json")
            path.write_text(json.dumps(RESULTS))
            _, out = capture(jmh.main, [str(path)])
        lines = out.splitlines()
        self.assertIn("result jmh_sgemm_peak_gflops 147.72", lines)
        self.assertIn("result jmh_forward_f32_gflops 80.00", lines)
        self.assertIn("result jmh_forward_f64_gflops 12.00", lines)
        self.assertIn("result jmh_gradient_f32_gflops 40.00", lines)
        self.assertIn("result jmh_epoch_f32_ms 48.00", lines)
        self.assertIn("result jmh_epoch_f32_gflops 51.20", lines)
        self.assertRegex(out, r"forward f32 \(n=10000\)\s+7\.680\s+0\.350\s+7\.500\s+80\.0\s+54\.2%")
        # no error shown when JMH has none (NaN), but the row is still there
        self.assertRegex(out, r"forward f64 \(n=10000\)\s+51\.200\s+51\.200\s+12\.0\s+8\.1%")

    def test_no_sgemm_means_no_percentages(self):
        rows = jmh.parse(RESULTS[1:2])
        self.assertIsNone(jmh.peak(rows))
        self.assertTrue(jmh.table(rows)[1].rstrip().endswith("80.0"))
        self.assertEqual(jmh.results(rows), ["result jmh_forward_f32_gflops 80.00"])


if __name__ == "__main__":
    unittest.main()


class PackJmhTest(unittest.TestCase):
    PACK = [
        result("SgemmPeakBench.sgemm", {"size": "2048"}, 0.1163, 0.0026, [[0.115, 0.118]], unit="s/op"),
        result("EpochBench.epoch", {"precision": "float"}, 50.0, 1.0, [[50.0]]),
        result("PackEpochBench.epoch", {"precision": "float", "members": "16", "testImages": "100"}, 200.0, 5.0, [[200.0]]),
        result("PackKernelBench.forward", {"precision": "float", "members": "8", "chunk": "2000"}, 10_000.0, 100.0,
               [[10_000.0]], unit="us/op"),
        result("PackKernelBench.gradient", {"precision": "float", "members": "16", "chunk": "2000"}, 1_000.0, 10.0,
               [[1_000.0]], unit="us/op"),
    ]

    def test_pack_flops_count_every_member(self):
        self.assertEqual(jmh.flops("PackKernelBench.forward", {"members": "8", "chunk": "2000"}), 2.0 * 80 * 3072 * 2000)
        self.assertEqual(jmh.flops("PackKernelBench.gradient", {"members": "16"}), 2.0 * 160 * 3072 * 100)
        self.assertEqual(jmh.flops("PackEpochBench.epoch", {"members": "16"}), 16 * 4 * 614.4e6)

    def test_pack_results_against_the_peak_and_single_trials(self):
        lines = jmh.results(jmh.parse(self.PACK))
        self.assertIn("result jmh_pack8_forward_f32_gflops 98.30", lines)
        self.assertIn("result jmh_pack16_gradient_f32_gflops 98.30", lines)
        self.assertIn("result jmh_pack16_epoch_f32_ms 200.00", lines)
        # 200 ms for 16 trials against 16 × 50 ms alone.
        self.assertIn("result jmh_pack16_epoch_f32_vs_single 0.250", lines)
        peak = [l for l in lines if l.startswith("result jmh_pack8_forward_f32_peak_pct")]
        self.assertEqual(["result jmh_pack8_forward_f32_peak_pct 66.5"], peak)
