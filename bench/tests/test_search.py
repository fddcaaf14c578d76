import tempfile
import unittest
from pathlib import Path

from analysis import search

from .helpers import capture, write_csv, write_json


def sweep(out, name, job, idle, epochs, accs, n_epochs=40):
    """A fake search.sh sweep: one ok row per accuracy, a job of `job` seconds, `idle` idle core-seconds."""
    rows = [{"trial": f"t{i}", "status": "ok", "val_acc": str(a), "n_epochs": str(n_epochs)} for i, a in enumerate(accs)]
    write_csv(out / name / "results.csv", rows)
    prov = {"timing": {"job_seconds": job, "idle_core_seconds": idle}}
    if epochs is not None:
        prov["search"] = {"epochs_spent": epochs}
    write_json(out / name / "provenance.json", prov)


class SearchTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name)
        # The grid: 81 trials x 40 epochs, best 0.400. Sync halving 100 s; ASHA 60 s (0.6x), 690 epochs (21%),
        # best 0.398 (0.2 points below).
        sweep(self.out, "grid", 500.0, 10.0, None, [0.3] * 80 + [0.4])
        sweep(self.out, "sync", 100.0, 40.0, 690, [0.39])
        sweep(self.out, "async", 60.0, 4.0, 690, [0.398])
        for s, (t, r) in enumerate([(0.36, 0.35), (0.37, 0.36), (0.35, 0.37)], start=1):
            sweep(self.out, f"tpe-seed{s}", 30.0, 1.0, None, [t], 10)
            sweep(self.out, f"random-seed{s}", 30.0, 1.0, None, [r], 10)

    def tearDown(self):
        self.tmp.cleanup()

    def test_targets_and_results(self):
        code, out = capture(search.main, [str(self.out)])
        self.assertEqual(0, code)
        self.assertIn("wall 0.60x (target <= 0.7: meets), idle core-seconds 0.10x, epochs 690 vs 690", out)
        self.assertIn("0.20 points below (target <= 0.3: meets); epochs 21.3% of the grid's (target <= 25%: meets)", out)
        # Medians: TPE 0.36, random 0.36: not above.
        self.assertIn("median best 0.3600 vs 0.3600 (target: above: MISSES)", out)
        self.assertIn("result asha_sync_wall_ratio 0.6", out)
        self.assertIn("result asha_grid_epochs_share 0.212963", out)

    def test_a_missed_target_says_so(self):
        sweep(self.out, "async", 90.0, 4.0, 1000, [0.39])
        code, out = capture(search.main, [str(self.out)])
        self.assertIn("wall 0.90x (target <= 0.7: MISSES)", out)
        self.assertIn("1.00 points below (target <= 0.3: MISSES)", out)


if __name__ == "__main__":
    unittest.main()
