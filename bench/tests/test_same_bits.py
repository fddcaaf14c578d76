import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from analysis import same_bits

from .helpers import capture, write_csv

BENCH = Path(__file__).resolve().parent.parent

RESULTS = [
    {"trial": "eta0.01_lam0_b100", "val_acc": "0.3647", "test_acc": "0.3673", "train_cost": "1.6788123456789012",
     "seconds": "2.06", "host": "192.0.2.2", "rung": "-1"},
    {"trial": "eta0.001_lam0.1_b20", "val_acc": "0.3501", "test_acc": "0.3569", "train_cost": "1.9628684173465838",
     "seconds": "2.68", "host": "192.0.2.2", "rung": "-1"},
]
CURVES = [{"trial": t, "epoch": str(e), "val_acc": f"0.3{e}00000000000001", "rung": "-1"}
          for t in ("eta0.01_lam0_b100", "eta0.001_lam0.1_b20") for e in (1, 2)]


def sweep_dir(root, results=RESULTS, curves=CURVES, results_columns=None):
    """root/grid/{results,curves}.csv; returns root."""
    write_csv(Path(root, "grid", "results.csv"), results, results_columns)
    write_csv(Path(root, "grid", "curves.csv"), curves)
    return Path(root)


def changed(rows, index, **values):
    rows = [dict(r) for r in rows]
    rows[index].update(values)
    return rows


class SameBitsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.before = sweep_dir(Path(self.tmp, "before"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def compare(self, after):
        return capture(same_bits.compare_runs, self.before, after)[0]

    def test_identical_folders_pass(self):
        after = sweep_dir(Path(self.tmp, "after"))
        self.assertEqual(self.compare(after), [])
        code, out = capture(same_bits.main, [str(self.before), str(after)])
        self.assertEqual(code, 0)
        self.assertIn("grid/results.csv: 2 rows compared, 0 differences", out)
        self.assertIn("grid/curves.csv: 4 rows compared, 0 differences", out)
        self.assertTrue(out.rstrip().endswith("IDENTICAL"))

    def test_one_ulp_in_val_acc_fails(self):
        # 0.1 + 0.2 and 0.3 are one ulp apart; the CSV holds the shortest text of each double
        self.assertEqual(repr(0.1 + 0.2), "0.30000000000000004")
        curves = changed(CURVES, 0, val_acc=repr(0.1 + 0.2))
        before = sweep_dir(Path(self.tmp, "b2"), curves=changed(CURVES, 0, val_acc=repr(0.3)))
        after = sweep_dir(Path(self.tmp, "after"), curves=curves)
        problems = capture(same_bits.compare_runs, before, after)[0]
        self.assertEqual(problems, ["grid/curves.csv: row ('eta0.01_lam0_b100', '-1', '1') column val_acc: "
                                    "'0.3' != '0.30000000000000004'"])
        code, out = capture(same_bits.main, [str(before), str(after)])
        self.assertEqual(code, 1)
        self.assertIn("DIFFERENT: 1 differences", out)

    def test_a_last_digit_in_results_fails(self):
        after = sweep_dir(Path(self.tmp, "after"), results=changed(RESULTS, 1, train_cost="1.9628684173465839"))
        self.assertEqual(len(self.compare(after)), 1)

    def test_seconds_and_host_may_differ(self):
        after = sweep_dir(Path(self.tmp, "after"), results=changed(RESULTS, 0, seconds="9.99", host="10.0.0.7"))
        self.assertEqual(self.compare(after), [])

    def test_extra_columns_on_one_side_are_ignored(self):
        extra = [dict(r, new_metric="0.5") for r in RESULTS]
        after = sweep_dir(Path(self.tmp, "after"), results=extra)
        problems, out = capture(same_bits.compare_runs, self.before, after)
        self.assertEqual(problems, [])
        self.assertIn("columns on one side only, ignored: ['new_metric']", out)

    def test_rows_in_another_order_still_match(self):
        after = sweep_dir(Path(self.tmp, "after"), results=RESULTS[::-1], curves=CURVES[::-1])
        self.assertEqual(self.compare(after), [])

    def test_missing_rows_files_and_sweeps_fail(self):
        after = sweep_dir(Path(self.tmp, "after"), results=RESULTS[:1])
        self.assertEqual(self.compare(after), ["grid/results.csv: row ('eta0.001_lam0.1_b20', '-1') only before"])
        Path(after, "grid", "curves.csv").unlink()
        self.assertIn("grid/curves.csv: missing after", self.compare(after))
        empty = Path(self.tmp, "empty")
        empty.mkdir()
        expected = [f"{empty}: no sweep folder (a folder with a results.csv) to compare"]
        self.assertEqual(capture(same_bits.compare_runs, empty, after)[0], expected)
        Path(empty, "plots").mkdir()   # an output folder's subfolders are not sweeps: nothing compared is no pass
        self.assertEqual(capture(same_bits.compare_runs, empty, after)[0], expected)

    def test_two_sweep_folders_compare_directly(self):
        after = sweep_dir(Path(self.tmp, "after"), results=changed(RESULTS, 0, val_acc="0.3648"))
        found, out = capture(same_bits.compare_runs, Path(self.before, "grid"), Path(after, "grid"))
        self.assertEqual(found, ["grid/results.csv: row ('eta0.01_lam0_b100', '-1') column val_acc: '0.3647' != '0.3648'"])
        self.assertIn("grid/curves.csv: 4 rows compared, 0 differences", out)

    def test_the_command_line_of_bench_same_bits_py(self):
        after = sweep_dir(Path(self.tmp, "after"), results=changed(RESULTS, 0, val_acc="0.3648"))
        ok = subprocess.run([sys.executable, str(BENCH / "same_bits.py"), str(self.before), str(self.before)],
                            capture_output=True, text=True)
        self.assertEqual((ok.returncode, ok.stdout.splitlines()[-1]), (0, "IDENTICAL"), ok.stderr)
        bad = subprocess.run([sys.executable, str(BENCH / "same_bits.py"), str(self.before), str(after)],
                             capture_output=True, text=True)
        self.assertEqual(bad.returncode, 1, bad.stderr)
        self.assertIn("column val_acc: '0.3647' != '0.3648'", bad.stdout)
        usage = subprocess.run([sys.executable, str(BENCH / "same_bits.py")], capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)
        self.assertIn("BEFORE_DIR AFTER_DIR", usage.stderr)


if __name__ == "__main__":
    unittest.main()
