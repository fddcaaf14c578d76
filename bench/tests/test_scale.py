import json
import tempfile
import unittest
from pathlib import Path

from analysis import scale

from .helpers import capture, write_csv, write_json

MB = 10 ** 6


def dom(record):
    """A page as `chromium --dump-dom` prints it, holding the timing record as the script writes it."""
    return f'<html><body><table id="results"></table><pre id="scale-bench">{json.dumps(record)}</pre></body></html>'


class PageTimingTest(unittest.TestCase):
    def test_the_timed_page_is_the_page_and_the_script(self):
        page = "<!DOCTYPE html><html><body>x</body></html>\n"
        timed = scale.timed_page(page)
        self.assertTrue(timed.startswith(page))
        self.assertIn("th[data-key='val_acc']", timed)
        self.assertIn('out.id = \'scale-bench\'', timed)
        self.assertTrue(timed.rstrip().endswith("</script>"))

    def test_reads_the_record_from_the_dumped_page(self):
        record = {"load_ms": 412.5, "sort_ms": 17.25, "first": "eta0.1_lam1_b20_ep2", "sort": "ascending"}
        self.assertEqual(scale.page_timing(dom(record)), record)

    def test_html_escapes_in_the_dump_are_undone(self):
        text = '<pre id="scale-bench">{&quot;load_ms&quot;: 1, &quot;first&quot;: &quot;a&amp;b&lt;c&quot;}</pre>'
        self.assertEqual(scale.page_timing(text), {"load_ms": 1, "first": "a&b<c"})

    def test_a_page_without_the_record_is_an_error(self):
        with self.assertRaises(ValueError):
            scale.page_timing("<html><body>the page did not load</body></html>")


class SizesTest(unittest.TestCase):
    def test_each_output_and_the_whole_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            (out / "results.csv").write_bytes(b"r" * 100)
            (out / "weights").mkdir()
            (out / "weights" / "a.mat").write_bytes(b"w" * 1000)
            (out / "weights" / "b.mat").write_bytes(b"w" * 1000)
            (out / "plots" / "trials" / "a").mkdir(parents=True)
            (out / "plots" / "trials" / "a" / "cost.png").write_bytes(b"p" * 50)
            (out / "report.html").write_bytes(b"h" * 20)
            (out / "provenance.json").write_bytes(b"{}" * 3)
            self.assertEqual(scale.sizes(out), {"results.csv": 100, "curves.csv": 0, "weights": 2000, "plots": 50,
                                                "report.html": 20, "total": 100 + 2000 + 50 + 20 + 6})


class LowestValAccTest(unittest.TestCase):
    def test_ties_are_all_lowest_and_missing_values_are_left_out(self):
        rows = [{"trial": "a", "val_acc": "0.3"}, {"trial": "b", "val_acc": "0.1"}, {"trial": "c", "val_acc": "NaN"},
                {"trial": "d", "val_acc": "0.1"}, {"trial": "e", "val_acc": ""}]
        self.assertEqual(scale.lowest_val_acc(rows), {"b", "d"})
        self.assertEqual(scale.lowest_val_acc([{"trial": "c", "val_acc": "NaN"}]), set())


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.out = self.dir / "sweep"
        write_csv(self.out / "results.csv", [{"trial": f"t{i}", "status": "ok", "val_acc": 0.1 + i / 100}
                                             for i in range(30)] + [{"trial": "bad", "status": "diverged",
                                                                     "val_acc": "NaN"}])
        write_json(self.out / "provenance.json", {"trials": {"ok": 30, "diverged": 1, "failed": 0},
                                                  "timing": {"job_seconds": 31.0}})
        (self.out / "report.html").write_bytes(b"h" * 3_000_000)
        (self.out / "weights").mkdir()
        (self.out / "weights" / "t0.mat").write_bytes(b"w" * 2_000_000)
        gc = self.dir / "gc-1.log"
        gc.write_text("[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 300M->100M(512M) 3.1ms\n"
                      "[2.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 600M->250M(1024M) 4.0ms\n")
        self.sweep = {"exit": 0, "seconds": 62.0, "driver_hwm_kb": 1_000_000, "driver_gc_log": str(gc)}
        self.rebuild = {"exit": 0, "seconds": 9.5, "driver_hwm_kb": 500_000}

    def tearDown(self):
        self.tmp.cleanup()

    def lines(self, first):
        timing = {"load_ms": 412.4, "sort_ms": 17.6, "first": first, "sort": "ascending"}
        return scale.report(self.out, self.sweep, self.rebuild, timing, jvm_start=1.2)

    def test_the_figures(self):
        lines, ok = self.lines("t0")
        self.assertTrue(ok)
        text = "\n".join(lines)
        self.assertIn("sweep: 31 trials (30 ok, 1 diverged, 0 failed), exit 0", text)
        # 31 trials in 62 s: 30 a minute; in the 31 s job: 60 a minute
        self.assertIn("wall time: 62.0 s for the whole command, 30 trials per minute (Spark job 31.0 s: 60 trials"
                      " per minute)", text)
        self.assertIn("driver peak RSS: 1024 MB (VmHWM; target <= 1500 MB)", text)   # 1,000,000 KiB
        self.assertIn("driver heap: at most 262 MB live after a collection, 1074 MB committed", text)   # MiB -> MB
        self.assertRegex(text, r"report\.html\s+3\.0\n")
        self.assertRegex(text, r"weights\s+2\.0\n")
        self.assertIn("report DIR: 9.5 s wall (the JVM's start, as `report --help` takes it: 1.2 s), driver peak RSS"
                      " 512 MB, exit 0", text)
        self.assertIn("report.html: 3.0 MB (target <= 20 MB)", text)
        self.assertIn("page loaded in 412 ms; one sort by val_acc took 18 ms (ascending; first row has the lowest "
                      "val_acc)", text)

    def test_without_a_gc_log_it_says_so(self):
        self.sweep["driver_gc_log"] = str(self.dir / "gc-none.log")
        self.assertIn("driver heap: no GC log", self.lines("t0")[0])

    def test_a_first_row_that_is_not_the_lowest_fails_the_check(self):
        lines, ok = self.lines("t29")
        self.assertFalse(ok)
        self.assertIn("first row does NOT have the lowest val_acc", "\n".join(lines))

    def test_main_exits_1_when_the_sort_is_wrong(self):
        for first, code in (("t0", 0), ("t5", 1)):
            write_json(self.dir / "sweep.json", self.sweep)
            write_json(self.dir / "report.json", self.rebuild)
            (self.dir / "dom.html").write_text(dom({"load_ms": 1.0, "sort_ms": 2.0, "first": first,
                                                    "sort": "ascending"}))
            status, out = capture(scale.main, ["report", str(self.out), str(self.dir / "sweep.json"),
                                               str(self.dir / "report.json"), str(self.dir / "dom.html")])
            self.assertIn("report DIR: 9.5 s wall, driver peak RSS", out)
            self.assertEqual(status, code, out)

    def test_time_page_writes_the_copy(self):
        (self.dir / "page.html").write_text("<html></html>")
        self.assertEqual(scale.main(["time-page", str(self.dir / "page.html"), str(self.dir / "timed.html")]), 0)
        self.assertEqual((self.dir / "timed.html").read_text(), scale.timed_page("<html></html>"))


if __name__ == "__main__":
    unittest.main()
