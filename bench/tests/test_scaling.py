import tempfile
import unittest
from pathlib import Path

from analysis import scaling

from .helpers import capture, provenance, write_csv, write_json


def sweep(out, cores, job, trial_seconds, start, end, decodes=None):
    """A fake sweep-scaling output for local[cores]: 16 trials of trial_seconds each."""
    write_csv(out / f"local{cores}" / "results.csv",
              [{"trial": f"t{i}", "status": "ok", "seconds": trial_seconds} for i in range(16)])
    write_json(out / f"local{cores}" / "provenance.json", provenance(job_seconds=job, decodes=decodes))
    (out / f"local{cores}.time").write_text(f"{start} {end}\n")


class ScalingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name)
        # local[1]: 16 x 3 s = 48 s of trials in a 50 s job; local[2]: 16 x 3.2 s = 51.2 s in 27 s
        sweep(self.out, 1, 50.0, 3.0, 1000.0, 1060.0, decodes={"driver": 1})
        sweep(self.out, 2, 27.0, 3.2, 1060.0, 1096.0, decodes={"driver": 1})

    def tearDown(self):
        self.tmp.cleanup()

    def test_load_run(self):
        run = scaling.load_run(self.out, 2)
        self.assertEqual((run["cores"], run["n"], run["job"], run["command"]), (2, 16, 27.0, 36.0))
        self.assertAlmostEqual(run["trials"], 51.2)

    def test_overhead_is_the_job_wall_not_spent_in_trials(self):
        self.assertAlmostEqual(scaling.overhead(scaling.load_run(self.out, 1)), 0.04)
        self.assertAlmostEqual(scaling.overhead(scaling.load_run(self.out, 2)), (27 - 25.6) / 27)
        self.assertAlmostEqual(scaling.overhead(scaling.load_run(self.out, 2), "command"), (36 - 25.6) / 36)

    def test_report(self):
        _, out = capture(scaling.main, [str(self.out)])
        lines = out.splitlines()
        self.assertIn("result sweep_speedup 1.852", lines)
        self.assertIn("result sweep_spark_overhead 0.0519", lines)
        self.assertIn("result broadcast_shipped_bytes_per_pixel 0.9754", lines)
        self.assertIn("result broadcast_bytes_per_pixel 1.0006", lines)
        self.assertIn("result sweep_decodes_per_jvm 1", lines)
        self.assertIn("speed-up local[2] vs local[1] (whole command): 1.67x", out)
        self.assertIn("trial time on local[2] / local[1] (memory contention): 1.07", out)
        self.assertRegex(out, r"local\[1\]\s+16\s+60\.0\s+5\.0\s+50\.0\s+48\.0\s+4\.0%")

    def test_unrecorded_decodes_are_nan(self):
        sweep(self.out, 2, 27.0, 3.2, 1060.0, 1096.0, decodes=None)
        _, out = capture(scaling.main, [str(self.out)])
        self.assertIn("result sweep_decodes_per_jvm nan", out.splitlines())


if __name__ == "__main__":
    unittest.main()
