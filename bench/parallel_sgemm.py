"""How much compute do two cores give over one? Runs single-threaded float32 sgemm (numpy + OpenBLAS) on core 0
alone, then on cores 0 and 1 at once, and prints the aggregate ratio: the ceiling of any local[2]/local[1]
speed-up for compute-bound trials. On a VM whose two vCPUs share one physical core, it is well below 2.

    python3 bench/parallel_sgemm.py [--seconds S]
"""
import argparse
import os
import subprocess
import sys

WORKER = """
import os, sys, time
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import numpy as np
a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
a @ a
start, n = time.perf_counter(), 0
while time.perf_counter() - start < float(sys.argv[1]):
    a @ a
    n += 1
print(2 * 2048 ** 3 * n / (time.perf_counter() - start) / 1e9)
"""


def run(cores, seconds):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    procs = [subprocess.Popen(["taskset", "-c", str(c), sys.executable, "-c", WORKER, str(seconds)],
                              stdout=subprocess.PIPE, text=True, env=env) for c in cores]
    return [float(p.communicate()[0]) for p in procs]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    alone = run([0], args.seconds)[0]
    both = run([0, 1], args.seconds)
    ratio = sum(both) / alone
    print(f"sgemm 2048^3, one thread: core 0 alone {alone:.1f} GFLOP/s; cores 0 and 1 at once "
          f"{both[0]:.1f} + {both[1]:.1f} = {sum(both):.1f} GFLOP/s, {ratio:.2f}x one core")
    print(f"result machine_parallel_sgemm_ratio {ratio:.3f}")
    print(f"result machine_sgemm_gflops {alone:.1f}")


if __name__ == "__main__":
    main()
