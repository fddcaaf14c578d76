#!/usr/bin/env python3
"""One softmax-classifier trial in numpy: the same loop as the Java trainer (org.cifarsweep.train.Trainer).

Mini-batch gradient descent on CIFAR-10 (train data_batch_1, validate data_batch_2, test test_batch), batches in
data order, W (K x d) and b (K) drawn from N(0, 0.01^2), cost = mean cross-entropy + lambda * ||W||^2,
G = P - Y, dW = G Xb^T / n_b + 2 lambda W, db = G 1 / n_b, W -= eta dW, b -= eta db. After every epoch the loss,
cost and accuracy on the whole train and validation sets; at the end the test accuracy.

Timing: like the Java `seconds` column, the clock runs from just before the initialisation of W, b to just after
the test accuracy, so it covers the training steps and the per-epoch evaluations, and excludes reading and
preprocessing the data and starting the interpreter / importing numpy.

Layout. Mathematically X is d x n (one image per column) and W is K x d, as in the Java code. Two memory orders
of a d x n array matter here, and each is best at one of the two kinds of product, so by default (`--layout fc`)
the training set is kept in both (240 MB instead of 120 MB; cheap next to the time saved):

* F-order (column-major) d x n, i.e. X = Xt.T with Xt the C-contiguous n x d array that comes straight from the
  file (each image's 3072 values contiguous, exactly like the Java FeatureMatrix). A batch X[:, a:b] is then one
  contiguous n_b * d block (1.2 MB for n_b = 100), and numpy hands both batch products to sgemm without a copy:
      S  = W @ Xb      -> Xb is an F-contiguous view
      dW = G @ Xb.T    -> Xb.T = Xt[a:b] is a C-contiguous view
  In a C-order d x n array the same slice is a strided view: 3072 runs of n_b floats, each one row (n * 4 bytes =
  40 KB) apart, i.e. scattered over the whole 120 MB matrix; the batch products are slower that way.
  Used for the mini-batches.
* C-order d x n (each feature's values over all images contiguous). For the whole-split product W @ X of an
  evaluation, OpenBLAS (0.3.31, one thread) is markedly faster on this order than on the F-order one (it is the
  non-transposed big operand of its column-major sgemm): about 18-25 ms instead of 30-36 ms per 10,000 images
  here. Used for the evaluations of the train, validation and test sets.

Measured on the default trial (40 epochs, one core): fc ~3.8 s, f ~4.8 s, c ~5 s. `--layout f` or `--layout c`
uses a single copy in that order for everything.

Everything that can be is preallocated (scores, gradient, dW) and updated in place; np.exp runs on the whole
K x n_b block (or K x n for an evaluation, which is done as one product over the whole split).

The last line is machine-readable: `seconds=<s> test_acc=<a>`.
"""
import os

# Single-threaded BLAS, like the Java side (set before numpy is imported, so OpenBLAS reads it at load time).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

PIXELS = 3072
RECORD = 1 + PIXELS
CLASSES = 10
INIT_STD = 0.01


def read_batch(path):
    """Labels (int64, n) and pixel bytes (uint8, n x 3072, C-contiguous: one image per row) of one .bin file."""
    raw = np.fromfile(path, dtype=np.uint8)
    if raw.size == 0 or raw.size % RECORD:
        sys.exit(f"numpy_trial: {path}: size {raw.size} is not a positive multiple of {RECORD}")
    records = raw.reshape(-1, RECORD)
    labels = records[:, 0].astype(np.int64)
    if labels.max() >= CLASSES:
        sys.exit(f"numpy_trial: {path}: label above 9")
    return labels, np.ascontiguousarray(records[:, 1:])


def normalisation(kind, train_px):
    """(mean, inv_std) in byte units, float32, as org.cifarsweep.data.Normalization.fit computes them."""
    if kind == "scale":
        return np.zeros(PIXELS, np.float32), np.full(PIXELS, np.float32(1.0) / np.float32(255.0), np.float32)
    n = train_px.shape[0]
    s1 = train_px.sum(axis=0, dtype=np.int64)
    s2 = (train_px.astype(np.int64) ** 2).sum(axis=0)
    var = (n * s2 - s1 * s1).astype(np.float64) / (float(n) * n)  # population variance, exact integer sums
    mean = (s1.astype(np.float64) / n).astype(np.float32)
    inv_std = np.where(var > 0, 1.0 / np.sqrt(np.where(var > 0, var, 1.0)), np.float32(1.0) / np.float32(255.0))
    return mean, inv_std.astype(np.float32)


def features(px, mean, inv_std, dtype, layout):
    """X as d x n: F-order (layout "f": images contiguous) or C-order (layout "c": features contiguous)."""
    if dtype == np.float32:
        xt = (px.astype(np.float32) - mean) * inv_std  # float32 arithmetic (the Java side folds the same map into W and b)
    else:
        xt = (px.astype(np.float64) - mean.astype(np.float64)) * inv_std.astype(np.float64)
    return xt.T if layout == "f" else np.ascontiguousarray(xt.T)


def java_init(seed, K, d, std=INIT_STD):
    """The Java trainer's initial W (K x d) and b, draw for draw: SplittableRandom(seed).nextLong() seeds a
    java.util.Random whose nextGaussian() fills W in column-major order (k + K*j), then b. Pure Python (about 0.1 s),
    run before the clock starts; it lets both sides start from the same point."""
    m64 = (1 << 64) - 1
    z = (seed + 0x9E3779B97F4A7C15) & m64                     # SplittableRandom: seed += GOLDEN_GAMMA; mix64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m64
    z ^= z >> 31
    state = (z ^ 0x5DEECE66D) & ((1 << 48) - 1)               # java.util.Random(long)

    def next_bits(bits):
        nonlocal state
        state = (state * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return state >> (48 - bits)

    draws = []
    while len(draws) < K * d + K:                              # nextGaussian: the polar method, pairs of values
        while True:
            v1 = 2 * (((next_bits(26) << 27) + next_bits(27)) * 2.0 ** -53) - 1
            v2 = 2 * (((next_bits(26) << 27) + next_bits(27)) * 2.0 ** -53) - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        mult = math.sqrt(-2 * math.log(s) / s)
        draws += (v1 * mult, v2 * mult)
    g = std * np.array(draws[:K * d + K])
    return g[:K * d].reshape(d, K).T, g[K * d:]


def evaluate(W, b, X, y, lam, cols):
    """Mean loss, cost and accuracy on a whole split, in one product. `cols` = arange(n) (preallocated)."""
    S = W @ X
    S += b[:, None]
    pred = S.argmax(axis=0)  # first index of the maximum, like Loss.argmax
    S -= S[pred, cols]
    correct = np.count_nonzero(pred == y)
    true_score = S[y, cols]  # s_y - max
    np.exp(S, out=S)
    log_sum = np.log(S.sum(axis=0, dtype=np.float64))
    loss = float(np.sum(log_sum - true_score)) / X.shape[1]
    w_norm = float(np.vdot(W, W)) if lam else 0.0  # the reg term only matters when lambda > 0
    return loss, loss + lam * w_norm, correct / X.shape[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder with data_batch_1.bin, data_batch_2.bin, test_batch.bin")
    ap.add_argument("--eta", type=float, default=0.01)
    ap.add_argument("--lambda", dest="lam", type=float, default=0.0)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--preprocess", choices=("scale", "standardize"), default="scale")
    ap.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layout", choices=("fc", "f", "c"), default="fc",
                    help="memory order of the d x n X: fc = F-order for the batches and a C-order copy for the "
                         "evaluations (default), f = images contiguous only, c = features contiguous only")
    ap.add_argument("--init", choices=("numpy", "java"), default="numpy",
                    help="initial W, b from numpy's generator (default) or exactly the Java trainer's draws")
    ap.add_argument("--quiet", action="store_true", help="no per-epoch table")
    a = ap.parse_args(argv)
    if a.eta <= 0 or a.lam < 0 or a.batch < 1 or a.epochs < 1:
        ap.error("need eta > 0, lambda >= 0, batch >= 1, epochs >= 1")
    dtype = np.dtype(a.dtype).type

    y_tr, px_tr = read_batch(os.path.join(a.data, "data_batch_1.bin"))
    y_va, px_va = read_batch(os.path.join(a.data, "data_batch_2.bin"))
    y_te, px_te = read_batch(os.path.join(a.data, "test_batch.bin"))
    mean, inv_std = normalisation(a.preprocess, px_tr)
    X = features(px_tr, mean, inv_std, dtype, a.layout[0])
    # X for the evaluations: X itself, except for 'fc' (a second, C-order copy of the training set).
    Xe = features(px_tr, mean, inv_std, dtype, "c") if a.layout == "fc" else X
    Xv = features(px_va, mean, inv_std, dtype, a.layout[-1])
    Xte = features(px_te, mean, inv_std, dtype, a.layout[-1])
    del px_tr, px_va, px_te
    d, n = X.shape
    K, nb = CLASSES, a.batch
    if nb > n:
        ap.error(f"batch {nb} is larger than the training set ({n})")
    eta, lam = dtype(a.eta), dtype(a.lam)
    cols = {m: np.arange(m) for m in {n, Xv.shape[1], Xte.shape[1], nb, n % nb or nb}}

    # Preallocated buffers of the step (the last, shorter batch, if any, uses views of them).
    S_buf = np.empty((K, nb), dtype)
    Z_buf = np.empty(nb, dtype)
    dW = np.empty((K, d), dtype)
    rng = np.random.default_rng(a.seed)

    if not a.quiet:
        order = lambda m: "F-order" if m.flags.f_contiguous else "C-order"  # noqa: E731
        print(f"numpy {np.__version__}, dtype {a.dtype}, layout {a.layout}: X {d}x{n}, "
              f"{order(X)} for the batches, {order(Xe)} for the evaluations")
        print(" epoch  train_loss  train_cost  train_acc    val_loss    val_cost    val_acc")
    if a.init == "java":
        W0, b0 = java_init(a.seed, K, d)
    t0 = time.perf_counter()
    if a.init == "java":
        W, b = W0.astype(dtype), b0.astype(dtype)
    else:
        W = (INIT_STD * rng.standard_normal((K, d))).astype(dtype)
        b = (INIT_STD * rng.standard_normal(K)).astype(dtype)
    status = "OK"
    for epoch in range(1, a.epochs + 1):
        for start in range(0, n, nb):
            m = min(nb, n - start)
            Xb = X[:, start:start + m]
            yb = y_tr[start:start + m]
            S = S_buf[:, :m]
            np.matmul(W, Xb, out=S)                      # K x m scores
            S += b[:, None]
            S -= S.max(axis=0)                           # stable softmax
            np.exp(S, out=S)
            Z = np.sum(S, axis=0, out=Z_buf[:m])
            S /= Z                                       # S is now P
            S[yb, cols[m]] -= 1                          # G = P - Y
            np.matmul(S, Xb.T, out=dW)                   # G Xb^T
            if lam:
                # W -= eta (G Xb^T / m + 2 lambda W)  ==  W *= (1 - 2 eta lambda); W -= (eta/m) G Xb^T
                W *= dtype(1) - dtype(2) * eta * lam
            dW *= eta / dtype(m)
            W -= dW
            b -= (eta / dtype(m)) * S.sum(axis=1)
        tr = evaluate(W, b, Xe, y_tr, float(lam), cols[n])
        va = evaluate(W, b, Xv, y_va, float(lam), cols[Xv.shape[1]])
        if not a.quiet:
            print(f"{epoch:6d}  {tr[0]:10.4f}  {tr[1]:10.4f}  {tr[2]:9.4f}  {va[0]:10.4f}  {va[1]:10.4f}  {va[2]:9.4f}",
                  flush=True)
        if not math.isfinite(tr[1]):
            status = f"DIVERGED (train cost {tr[1]} at epoch {epoch})"
            break
    test_acc = evaluate(W, b, Xte, y_te, float(lam), cols[Xte.shape[1]])[2] if status == "OK" else float("nan")
    seconds = time.perf_counter() - t0
    print(f"status: {status}")
    print(f"seconds={seconds:.4f} test_acc={test_acc:.4f}")


if __name__ == "__main__":
    main()
