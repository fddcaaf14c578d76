import tempfile
import unittest
from pathlib import Path

from analysis import packing

from .helpers import capture, write_csv, write_json


def sweep(out, name, job, val_cost="1.5", fraction=1.0, gflops=60.0, packs=3):
    """A fake packing.sh output: 48 ok trials whose val_cost is val_cost, done in a job of `job` seconds."""
    rows = [{"trial": f"t{i}", "rung": "-1", "status": "ok", "val_cost": val_cost, "seconds": "1", "pack": ""}
            for i in range(48)]
    write_csv(out / name / "results.csv", rows)
    write_csv(out / name / "curves.csv", [{"trial": "t0", "rung": "-1", "epoch": "1", "val_cost": val_cost}])
    write_json(out / name / "provenance.json", {
        "timing": {"job_seconds": job, "spark_seconds": 5.0},
        "packing": {"fraction_packed": fraction, "packed_product_gflops": gflops,
                    "packs": [{"pack": i + 1} for i in range(packs)]}})
    (out / f"{name}.time").write_text("1000.0 1100.0\n")


class PackingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name)
        # float: 48 trials in 240 s alone (12/min), 96 s packed (30/min), 50 s packed on two cores (57.6/min).
        sweep(self.out, "float-off-local1", 240.0, fraction=0.0, gflops=0.0, packs=0)
        sweep(self.out, "float-auto-local1", 96.0)
        sweep(self.out, "float-auto-local2", 50.0)
        # double: 48 trials in 960 s alone, 320 s packed (3x).
        sweep(self.out, "double-off-local1", 960.0, fraction=0.0, gflops=0.0, packs=0)
        sweep(self.out, "double-auto-local1", 320.0)

    def tearDown(self):
        self.tmp.cleanup()

    def test_rates_and_ratios(self):
        code, out = capture(packing.main, [str(self.out)])
        lines = out.splitlines()
        self.assertEqual(0, code)
        self.assertIn("result float_packed_over_alone 2.500", lines)
        self.assertIn("result double_packed_over_alone 3.000", lines)
        self.assertIn("result float_packed_local2_over_local1 1.920", lines)
        self.assertIn("result differences 0", lines)
        self.assertIn("float: packed / alone on local[1] = 2.50x (target >= 2.0x: meets)", lines)
        self.assertIn("float: local[2] / local[1], packed = 1.92x (target >= 1.8x: meets)", lines)
        self.assertIn("float-auto-local2 against float-off-local1: same numbers", lines)
        self.assertRegex(out, r"float-off-local1\s+48\s+48\s+240\.0\s+12\.0\s+0%\s+0\s+0\.0")

    def test_a_missed_target_says_so(self):
        sweep(self.out, "float-auto-local1", 200.0)
        _, out = capture(packing.main, [str(self.out)])
        self.assertIn("float: packed / alone on local[1] = 1.20x (target >= 2.0x: MISSES)", out.splitlines())

    def test_other_numbers_fail_the_run(self):
        sweep(self.out, "double-auto-local1", 320.0, val_cost="1.5000001")
        code, out = capture(packing.main, [str(self.out)])
        self.assertEqual(1, code)
        self.assertIn("result differences 49", out.splitlines())
        self.assertRegex(out, r"double-auto-local1 against double-off-local1: 49 DIFFERENCES, e\.g\. results\.csv: "
                              r"row \('t0', '-1'\) column val_cost: '1\.5' != '1\.5000001'")


if __name__ == "__main__":
    unittest.main()
