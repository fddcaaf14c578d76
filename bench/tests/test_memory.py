import tempfile
import unittest
from pathlib import Path

from analysis import memory

from .helpers import capture, provenance, write_csv, write_json

GC_LOG = """\
[0.010s][info][gc] Using G1
[1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 3.1ms
[2.500s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->120M(512M) 5.0ms
[2.600s][info][gc] GC(2) Concurrent Mark Cycle 20.0ms
[3.000s][info][gc] GC(3) Pause Remark 130M->125M(1G) 1.0ms
[4.000s][info][gc] GC(4) Pause Full (System.gc()) 200M->90M(768M) 50.0ms
"""
MiB = 2 ** 20


class GcHeapTest(unittest.TestCase):
    def test_live_is_after_young_or_full_pauses_committed_is_the_largest(self):
        live, committed = memory.gc_heap(GC_LOG.splitlines())
        self.assertEqual(live, 120 * MiB)            # the remark's 125M does not count
        self.assertEqual(committed, 2 ** 30)         # 1G, from the remark line
        self.assertEqual(memory.gc_heap([]), (0, 0))

    def test_unreadable_file(self):
        self.assertEqual(memory.gc_heap_file("/nonexistent/gc.log"), (None, None))


def run(work, name, hwm_mb, pixels, decoded, live_mb=None, at_broadcast_mb=500, ok=48, trials=48, decodes=1):
    """A fake driver-memory run: the watcher's JSON, provenance.json, results.csv and a GC log."""
    gc = work / f"{name}-gc-1.log"
    if live_mb is not None:
        gc.write_text(f"[1s][info][gc] GC(0) Pause Young (Normal) 900M->{live_mb}M(2048M) 3ms\n")
    write_json(work / f"{name}.json", {"driver_hwm_kb": hwm_mb * 1000 ** 2 // 1024, "rusage_maxrss_kb": 0,
                                       "hwm_at_broadcast_kb": at_broadcast_mb * 1000 ** 2 // 1024, "seconds": 10.0,
                                       "driver_gc_log": str(gc), "heap_args": ["-Xmx8g", "-XX:+UseG1GC"]})
    write_json(work / name / "provenance.json",
               provenance(pixels=pixels, decoded=None if decoded is None else {"driver": decoded},
                          decodes={"driver": decodes}))
    write_csv(work / name / "results.csv",
              [{"trial": f"t{i}", "status": "ok" if i < ok else "failed"} for i in range(trials)])


class MemoryTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.work = Path(self.tmp.name)
        base_px, px_10k, px_49k = 2_000 * 3072, 30_000 * 3072, 60_000 * 3072
        for i, (b, t, f) in enumerate(((549, 1448, 1829), (560, 1404, 1748), (540, 1615, 2693)), 1):
            run(self.work, f"baseline-{i}", b, base_px, base_px, live_mb=100)
            run(self.work, f"10k-{i}", t, px_10k, px_10k, live_mb=436)
            run(self.work, f"49k-{i}", f, px_49k, px_49k, live_mb=834)
        self.names = [f"{s}-{i}" for i in (1, 2, 3) for s in ("baseline", "10k", "49k")]

    def tearDown(self):
        self.tmp.cleanup()

    def test_combine_takes_medians_and_keeps_each_peak(self):
        rows = {s: memory.combine(r) for s, r in memory.load(self.work, self.names).items()}
        self.assertEqual(list(rows), ["baseline", "10k", "49k"])
        self.assertEqual(round(rows["10k"]["hwm"] / 1e6), 1448)
        self.assertEqual([round(h / 1e6) for h in rows["49k"]["hwms"]], [1829, 1748, 2693])
        self.assertEqual(rows["49k"]["live"], 834 * MiB)
        self.assertEqual(rows["10k"]["decoded"], 30_000 * 3072)

    def test_expected_is_decoded_plus_raw_over_the_baseline(self):
        base = dict(raw=100, decoded=100, float32=400)
        self.assertEqual(memory.expected(dict(raw=1000, decoded=1000, float32=4000), base), 1800)
        # a build that does not record the decoded size: the float32 reference instead
        self.assertEqual(memory.expected(dict(raw=1000, decoded=None, float32=4000), base), (4000 - 100) + (1000 - 100))

    def test_report_result_lines(self):
        _, out = capture(memory.main, ["report", str(self.work), *self.names, "--heap-args=-Xmx8g",
                                       "--flags=MaxHeapSize=8589934592 UseG1GC=true UseParallelGC=false "
                                       "InitialHeapSize=402653184"])
        lines = out.splitlines()
        self.assertIn("result driver_rss_mb_10k 1448", lines)
        self.assertIn("result driver_rss_mb_49k 1829", lines)
        self.assertIn("result decodes_per_jvm 1", lines)
        self.assertIn("driver JVM heap: -Xmx8g -> MaxHeapSize 8590 MB, InitialHeapSize 403 MB, G1 GC", out)
        self.assertIn("medians of 3 runs; peak RSS of each run (MB): baseline 549, 560, 540; 10k 1448, 1404, 1615; "
                      "49k 1829, 1748, 2693", out)
        self.assertIn("one decoded copy takes 1.00 bytes per pixel", out)
        # 10k: peak - baseline = 1448 - 549 = 899 MB; expected = 2 x (92.16 - 6.144) = 172 MB
        self.assertRegex(out, r"\n10k\s+default\s+30000\s+92\s+92\s+369\s+500\s+1448\s+0\s+899\s+172\s+5\.23\s+457")
        self.assertNotIn("warning", out)

    def test_warnings_for_failed_trials_and_repeated_decodes(self):
        run(self.work, "10k-2", 1404, 30_000 * 3072, 30_000 * 3072, ok=47, decodes=2)
        _, out = capture(memory.main, ["report", str(self.work), *self.names])
        self.assertIn("warning: the 10k sweep has 47 ok trials of 48 (expected 48)", out)
        self.assertIn("warning: the 10k sweep decoded the data more than once in a JVM: {'driver': 2}", out)
        self.assertIn("result decodes_per_jvm 2", out.splitlines())
        self.assertIn("driver JVM heap: (JVM defaults)", out)

    def test_heap_args(self):
        _, out = capture(memory.main, ["heap-args", str(self.work / "10k-1.json")])
        self.assertEqual(out, "-Xmx8g -XX:+UseG1GC\n")


if __name__ == "__main__":
    unittest.main()
