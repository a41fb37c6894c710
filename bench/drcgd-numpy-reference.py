#!/usr/bin/env python3
"""An independent DPRGD in numpy on the Fashion-MNIST setting of the spec (train set /255, uncentered, a
random even split over 20 agents from numpy's default_rng(SEED).permutation, ring with weights 1/3, t = 1,
r = 5, alpha = 0.05, f_i = -(1/(2 m_i)) tr(x' A_i' A_i x)), printing d_s at 100 / 250 / 500 / 1000
iterations. With OUT it also writes the split (OUT.perm, big-endian int32) and x0 (OUT.x0, big-endian
float64, d x 5 column-major) so that bench/drcgd.sh crosscheck runs Geodesic's Dprgd from the same start.
Usage: drcgd-numpy-reference.py SEED [OUT] [FASHION_DIR]"""
import gzip
import sys
import time

import numpy as np

seed = int(sys.argv[1])
out = sys.argv[2] if len(sys.argv) > 2 else None
fm = sys.argv[3] if len(sys.argv) > 3 else '/usr/share/datasets/fashion-mnist'
with gzip.open(fm + '/train-images-idx3-ubyte.gz') as f:
    A = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float64) / 255.0
N, d = A.shape
n, r, alpha = 20, 5, 0.05
perm = np.random.default_rng(seed).permutation(N)
per = N // n
G = [A[perm[i * per:(i + 1) * per]].T @ A[perm[i * per:(i + 1) * per]] / per for i in range(n)]
w, V = np.linalg.eigh(A.T @ A / N)
xstar = V[:, ::-1][:, :r]


def polar(y):
    u, _, vt = np.linalg.svd(y, full_matrices=False)
    return u @ vt


def subspace_distance(x):
    u, _, vt = np.linalg.svd(x.T @ xstar)
    return np.linalg.norm(x @ (u @ vt) - xstar)


x0 = polar(np.random.default_rng(1000 + seed).standard_normal((d, r)))
if out:
    perm.astype('>i4').tofile(out + '.perm')
    x0.ravel(order='F').astype('>f8').tofile(out + '.x0')
X = [x0.copy() for _ in range(n)]
marks = []
t0 = time.time()
for k in range(1, 1001):
    grads = []
    for i in range(n):
        g = -G[i] @ X[i]
        s = X[i].T @ g
        grads.append(g - X[i] @ ((s + s.T) / 2))
    mixed = [(X[(i - 1) % n] + X[i] + X[(i + 1) % n]) / 3 for i in range(n)]
    X = [polar(mixed[i] - alpha * grads[i]) for i in range(n)]
    if k in (100, 250, 500, 1000):
        marks.append(subspace_distance(polar(sum(X) / n)))
print(f"numpy dprgd, split seed {seed}: d_s " + " / ".join(f"{v:.2e}" for v in marks) + f" ({time.time() - t0:.0f} s)")
