"""bench/numpy_trial.py, the numpy reference trial. Skipped where numpy is not installed."""
import importlib.util
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

from .helpers import capture

HAS_NUMPY = importlib.util.find_spec("numpy") is not None
if HAS_NUMPY:
    import numpy as np

    import numpy_trial  # bench/ is on sys.path when the tests are discovered from it

# 0.01 * new Random(new SplittableRandom(1).nextLong()).nextGaussian(), eight times, from Java 17.
JAVA_DRAWS_SEED_1 = [0.016031389497937084, -0.003960561299470306, -0.008305461345248417, -0.0015361927331811094,
                     -0.0073047766804691765, 0.004853781508973192, -0.010958694459056699, 0.011983145707761258]


def write_batch(path, labels, pixels):
    """A CIFAR-10 .bin file: per image its label byte then its 3072 pixel bytes."""
    records = np.concatenate([np.asarray(labels, np.uint8)[:, None], np.asarray(pixels, np.uint8)], axis=1)
    records.tofile(path)


@unittest.skipUnless(HAS_NUMPY, "numpy is not installed")
class NumpyTrialTest(unittest.TestCase):
    def test_java_init_reproduces_the_java_draws_in_column_major_order(self):
        W, b = numpy_trial.java_init(1, 2, 3)
        g = JAVA_DRAWS_SEED_1
        self.assertEqual(W.shape, (2, 3))
        expected_w = [[g[0], g[2], g[4]], [g[1], g[3], g[5]]]  # W[k][j] = draw k + K*j
        for k in range(2):
            for j in range(3):
                self.assertAlmostEqual(W[k, j], expected_w[k][j], delta=1e-17)
        self.assertAlmostEqual(b[0], g[6], delta=1e-17)
        self.assertAlmostEqual(b[1], g[7], delta=1e-17)

    def test_standardize_uses_the_population_std_and_keeps_constant_pixels_at_scale(self):
        px = np.zeros((4, numpy_trial.PIXELS), np.uint8)
        px[:, 0] = [0, 2, 4, 6]      # mean 3, population variance 5
        px[:, 1] = 7                 # constant
        mean, inv_std = numpy_trial.normalisation("standardize", px)
        self.assertEqual(mean.dtype, np.float32)
        self.assertAlmostEqual(float(mean[0]), 3.0)
        self.assertAlmostEqual(float(inv_std[0]), 1 / 5 ** 0.5, places=6)
        self.assertAlmostEqual(float(mean[1]), 7.0)
        self.assertEqual(inv_std[1], np.float32(1) / np.float32(255))
        mean, inv_std = numpy_trial.normalisation("scale", px)
        self.assertFalse(mean.any())
        self.assertEqual(inv_std[5], np.float32(1) / np.float32(255))

    def test_read_batch(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "b.bin")
            pixels = np.arange(2 * 3072).reshape(2, 3072) % 256
            write_batch(path, [3, 9], pixels)
            labels, px = numpy_trial.read_batch(path)
            self.assertEqual(labels.tolist(), [3, 9])
            self.assertTrue(px.flags.c_contiguous)
            self.assertEqual(px.tolist(), pixels.tolist())
            write_batch(path, [10], pixels[:1])
            with self.assertRaises(SystemExit):
                numpy_trial.read_batch(path)
            Path(path).write_bytes(b"\0" * 3000)
            with self.assertRaises(SystemExit):
                numpy_trial.read_batch(path)

    def test_a_small_trial_ends_with_the_machine_readable_line_in_every_layout(self):
        rng = np.random.default_rng(0)
        with tempfile.TemporaryDirectory() as d:
            for name in ("data_batch_1.bin", "data_batch_2.bin", "test_batch.bin"):
                write_batch(os.path.join(d, name), rng.integers(0, 10, 30), rng.integers(0, 256, (30, 3072)))
            accuracies = set()
            for layout in ("fc", "f", "c"):
                _, out = capture(numpy_trial.main, ["--data", d, "--epochs", "2", "--batch", "8", "--init", "java",
                                                    "--dtype", "float64", "--layout", layout])
                lines = out.splitlines()
                self.assertEqual([line.split()[0] for line in lines[2:4]], ["1", "2"])  # one row per epoch
                self.assertEqual(lines[-2], "status: OK")
                m = re.fullmatch(r"seconds=(\d+\.\d{4}) test_acc=(\d\.\d{4})", lines[-1])
                self.assertIsNotNone(m, lines[-1])
                accuracies.add(m[2])
            self.assertEqual(len(accuracies), 1, accuracies)  # the layout changes the speed, not the result


if __name__ == "__main__":
    unittest.main()
