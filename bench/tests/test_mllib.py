import tempfile
import unittest
from pathlib import Path

from analysis import mllib

from .helpers import capture, provenance, write_csv, write_json

LOG = """\
Spark started
regParam   iterations      val_acc   cv_avg_acc
0.00100           100       0.3333       0.3300
0.139             100       0.3914       0.3890
1.00              100       0.3808       0.3800
mllib images=20000 configs=8 fits=18 wall_seconds=413.800 best_val_acc=0.3914 best_reg=0.139 cv_chosen_reg=0.139 preprocess=standardize
Spark stopped
"""


class MllibTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        rows = [{"trial": f"eta0.01_lam{lam}", "status": "ok", "val_acc": acc}
                for lam, acc in (("0.01", "0.3800"), ("0.1", "0.3925"), ("0.3", "0.3900"))]
        rows.append({"trial": "eta1_lam0", "status": "diverged", "val_acc": "0.9"})
        write_csv(self.dir / "sweep" / "results.csv", rows)
        write_json(self.dir / "sweep" / "provenance.json", provenance(job_seconds=18.0))
        (self.dir / "mllib.log").write_text(LOG)

    def tearDown(self):
        self.tmp.cleanup()

    def test_mllib_side_and_table(self):
        lines = LOG.splitlines()
        side = mllib.mllib_side(lines, 430.0)
        self.assertEqual((side["configs"], side["fits"], side["wall"], side["acc"]), (8, 18, 413.8, 0.3914))
        self.assertEqual(side["best"], "regParam 0.139 (CV picks 0.139)")
        self.assertEqual(mllib.mllib_table(lines), lines[1:5])
        with self.assertRaises(ValueError):
            mllib.mllib_side(["no result"], 1.0)

    def test_sweep_side_best_ok_trial(self):
        side, not_ok = mllib.sweep_side(self.dir / "sweep", 30.0)
        self.assertEqual((side["configs"], side["wall"], side["acc"], side["best"]),
                         (4, 18.0, 0.3925, "eta0.01_lam0.1"))
        self.assertEqual(not_ok, 1)

    def test_ratio_is_configurations_per_minute_over_mllib_fits_per_minute(self):
        # sweep: 4 configurations in 18 s = 13.33/min; MLlib: 18 fits in 413.8 s = 2.61/min -> 5.11x
        _, out = capture(mllib.main, [str(self.dir / "sweep"), str(self.dir / "mllib.log"),
                                      "--times", "0", "30", "460"])
        lines = out.splitlines()
        self.assertEqual(lines[0], "regParam   iterations      val_acc   cv_avg_acc")
        self.assertIn("result mllib_config_rate_ratio 5.109", lines)
        self.assertIn("result mllib_best_val_acc 0.3914", lines)
        self.assertIn("result sweep_best_val_acc 0.3925", lines)
        self.assertIn("(target >= 5x: met)", out)
        self.assertIn("equal or better", out)
        self.assertIn("warning: 1 of the sweep's trials did not finish ok", out)
        self.assertRegex(out, r"mllib\s+8\s+18\s+413\.8\s+1\.16\s+2\.61\s+430\.0\s+0\.3914")

    def test_a_slower_and_worse_sweep(self):
        sweep = dict(configs=4, fits=4, wall=60.0, command=70.0, acc=0.38, best="t")
        theirs = dict(configs=8, fits=18, wall=413.8, command=430.0, acc=0.3914, best="r")
        text = "\n".join(mllib.report(sweep, theirs))
        self.assertIn("NOT met", text)
        self.assertIn("WORSE", text)
        self.assertNotIn("warning", text)


if __name__ == "__main__":
    unittest.main()
