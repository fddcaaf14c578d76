import math
import tempfile
import unittest
from pathlib import Path

from analysis import common

from .helpers import write_csv


class ParseResultsTest(unittest.TestCase):
    def test_reads_result_lines_and_ignores_the_rest(self):
        r = common.parse_results(["some log line", "result sweep_speedup 1.952", "result  b   2",
                                  "results are in", "result too many fields here", "result x"])
        self.assertEqual(r, {"sweep_speedup": 1.952, "b": 2.0})

    def test_a_value_that_is_not_a_number_is_nan(self):
        self.assertTrue(math.isnan(common.parse_results(["result decodes_per_jvm unknown"])["decodes_per_jvm"]))

    def test_the_last_line_of_a_key_wins(self):
        self.assertEqual(common.parse_results(["result a 1", "result a 3"]), {"a": 3.0})

    def test_read_results_over_several_files(self):
        with tempfile.TemporaryDirectory() as d:
            Path(d, "a.log").write_text("x\nresult a 1\n")
            Path(d, "b.log").write_text("result b 0.5\nresult a 2\n")
            self.assertEqual(common.read_results(Path(d, "a.log"), Path(d, "b.log")), {"a": 2.0, "b": 0.5})


class CsvTest(unittest.TestCase):
    def test_last_field_is_the_last_rows_column(self):
        with tempfile.TemporaryDirectory() as d:
            path = write_csv(Path(d, "r.csv"), [{"trial": "t1", "seconds": "2.5"}, {"trial": "t2", "seconds": "2.0"}])
            self.assertEqual(common.last_field(path, "seconds"), "2.0")
            with self.assertRaises(KeyError):
                common.last_field(path, "val_acc")

    def test_last_field_of_a_header_only_file_fails(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d, "r.csv")
            path.write_text("trial,seconds\n")
            with self.assertRaises(ValueError):
                common.last_field(path, "seconds")


class NumbersTest(unittest.TestCase):
    def test_median_ignores_missing_values(self):
        self.assertEqual(common.median([3.0, None, 1.0, float("nan"), 2.0]), 2.0)
        self.assertEqual(common.median([4.0, 1.0]), 2.5)
        self.assertIsNone(common.median([None, float("nan")]))

    def test_ratio(self):
        self.assertEqual(common.ratio(1.0, 4.0), 0.25)
        self.assertTrue(math.isnan(common.ratio(1.0, 0.0)))
        self.assertTrue(math.isnan(common.ratio(float("nan"), 2.0)))

    def test_meets_and_verdict(self):
        self.assertTrue(common.meets(0.5, "<=", 0.5))
        self.assertFalse(common.meets(0.51, "<=", 0.5))
        self.assertTrue(common.meets(1.0, "==", 1))
        self.assertIsNone(common.meets(float("nan"), ">=", 1.85))
        self.assertEqual([common.verdict(x) for x in (True, False, None)], ["meets", "MISSES", "-"])

    def test_fmt(self):
        self.assertEqual(common.fmt(0.12345), "0.123")
        self.assertEqual(common.fmt(float("nan"), ".2f"), "-")
        self.assertEqual(common.fmt(None, ".2f", none="?"), "?")


if __name__ == "__main__":
    unittest.main()
