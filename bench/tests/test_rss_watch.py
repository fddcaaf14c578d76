import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

from analysis import rss_watch

STATUS = "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 9000000 kB\nVmHWM:\t 1414240 kB\nThreads:\t42\n"


class ParsingTest(unittest.TestCase):
    def test_status_fields(self):
        s = rss_watch.parse_status(STATUS)
        self.assertEqual(s["Name"], "java")
        self.assertEqual(rss_watch.kb(s["VmHWM"]), 1414240)
        self.assertEqual(rss_watch.kb(s.get("VmRSS")), 0)

    def test_parent_pid_survives_a_name_with_spaces_and_parentheses(self):
        self.assertEqual(rss_watch.parent_pid("4242 (java) S 17 4242 17 0 -1"), 17)
        self.assertEqual(rss_watch.parent_pid("99 (my (odd) name) R 3 99 3"), 3)

    def test_tree(self):
        children = {1: [10, 20], 10: [11], 11: [12], 30: [31]}
        self.assertEqual(sorted(rss_watch.tree(10, children)), [10, 11, 12])
        self.assertEqual(sorted(rss_watch.tree(1, children)), [1, 10, 11, 12, 20])

    def test_heap_args_and_broadcast_line(self):
        args = ["java", "-Xmx8g", "-Xss4m", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=50", "-cp", "x",
                "org.apache.spark.deploy.SparkSubmit"]
        self.assertEqual(rss_watch.heap_args(args), ["-Xmx8g", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=50"])
        self.assertTrue(rss_watch.shows_broadcast(b"loading\nbroadcast: 92.2 MB\n"))
        self.assertTrue(rss_watch.shows_broadcast(b"broadcast: 92.2 MB\n"))
        self.assertFalse(rss_watch.shows_broadcast(b"the broadcast: is not at a line start\n"))


@unittest.skipUnless(os.path.isdir("/proc/self") and hasattr(os, "wait4"), "needs Linux /proc")
class WatchTest(unittest.TestCase):
    def test_a_command_without_a_jvm(self):
        with tempfile.TemporaryDirectory() as d:
            out, log = Path(d, "run.json"), Path(d, "run.log")
            code = rss_watch.main([str(out), str(log), "0.01", f"{d}/gc-",
                                   sys.executable, "-c", "print('broadcast: none'); import sys; sys.exit(3)"])
            record = json.loads(out.read_text())
            self.assertEqual(code, 1)
            self.assertEqual(record["exit"], 3)
            self.assertEqual((record["jvms"], record["driver_pid"], record["driver_hwm_kb"]), (0, None, 0))
            self.assertIsNone(record["hwm_at_broadcast_kb"])
            self.assertGreater(record["rusage_maxrss_kb"], 0)
            self.assertEqual(log.read_text(), "broadcast: none\n")


if __name__ == "__main__":
    unittest.main()
