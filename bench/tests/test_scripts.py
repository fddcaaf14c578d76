"""The bench/ shell scripts: they parse, answer --help, point at bench/README.md, and need a data folder."""
import os
import re
import shutil
import subprocess
import unittest
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p for p in BENCH.glob("*.sh") if p.name != "lib.sh")
# scale.sh runs on the bundled sample unless given --data: run without arguments it would start its sweep.
NEEDS_DATA = [p for p in SCRIPTS if p.name != "scale.sh"]


def run(args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "CIFAR10_DIR"}
    environment.update(env)
    return subprocess.run(args, capture_output=True, text=True, env=environment, timeout=60)


@unittest.skipUnless(shutil.which("bash"), "needs bash")
class ScriptsTest(unittest.TestCase):
    def test_every_script_parses(self):
        for script in SCRIPTS + [BENCH / "lib.sh"]:
            with self.subTest(script.name):
                r = run(["bash", "-n", str(script)])
                self.assertEqual(r.returncode, 0, r.stderr)

    def test_help_points_at_the_readme(self):
        self.assertGreaterEqual(len(SCRIPTS), 8)
        for script in SCRIPTS:
            with self.subTest(script.name):
                r = run(["bash", str(script), "--help"])
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn(f"bench/{script.name}", r.stdout)
                self.assertIn("bench/README.md", r.stdout)
                # run times are stated once, in bench/README.md
                self.assertNotRegex(r.stdout, r"\babout \d+ (s|seconds|minutes)\b")

    def test_without_data_folder_the_scripts_say_how_to_get_one(self):
        for script in NEEDS_DATA:
            args = ["bash", str(script)] + (["/nonexistent/out"] if script.name == "same-bits.sh" else [])
            with self.subTest(script.name):
                r = run(args)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
                self.assertIn("pass --data DIR", r.stderr)
                self.assertIn("CIFAR10_DIR", r.stderr)
                self.assertIn("data/get-cifar10.sh", r.stderr)
        r = run(["bash", str(BENCH / "run-all.sh")], CIFAR10_DIR="/nonexistent/cifar")
        self.assertEqual(r.returncode, 2)
        self.assertIn("CIFAR10_DIR=/nonexistent/cifar: no such folder", r.stderr)

    def test_scale_refuses_bad_options_before_it_starts(self):
        script = str(BENCH / "scale.sh")
        for args, says in ((["--trials", "0"], "--trials must be a positive integer"),
                           (["--epochs", "two"], "--epochs must be a positive integer"),
                           (["--out", str(BENCH)], "already exists"),
                           (["--data", "/nonexistent/data"], "no such folder: /nonexistent/data"),
                           (["--bogus"], "unknown option --bogus")):
            with self.subTest(args):
                r = run(["bash", script] + args)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertIn(says, r.stderr)
                self.assertNotIn("scale: ", r.stdout, "nothing started")

    def test_no_file_names_a_folder_only_the_projects_machines_have(self):
        for path in BENCH.rglob("*"):
            if path.is_file() and path.suffix in (".sh", ".py", ".md", ".conf", ".xml", ".java"):
                with self.subTest(str(path.relative_to(BENCH))):
                    self.assertIsNone(re.search(r"\.\./shared|issue \d|#\d\b", path.read_text()), path)


if __name__ == "__main__":
    unittest.main()
