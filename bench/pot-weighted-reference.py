#!/usr/bin/python3
"""Reference values for weighted OT from POT 0.8.2, on the situations POT's own test suite covers
(test/test_ot.py, test/test_bregman.py): unequal sizes, zero weights, duplicated points, degenerate
plans, 1-D problems, a given (non-metric) cost matrix, entropic OT. Writes
lib/src/test/resources/dev/geodesic/ot/pot-weighted.txt, read by dev.geodesic.ot.PotWeightedReferenceTest.

Usage: /usr/bin/python3 bench/pot-weighted-reference.py   (needs python3-pot 0.8.2; seeded, reproducible)

Each case is a block of "key values..." lines ending with "end":
  case NAME / kind exact|cost|sinkhorn / p P / d D / n N / m M / a ... / b ... /
  x (n*d, point i's coordinates consecutive) / y (m*d) / M (n*m row-major, kind cost) / reg (sinkhorn) /
  cost <POT's <P, C>> / unique 1|0 (whether the optimal plan is unique, so plans may be compared) /
  plan (n*m row-major, POT's plan)
"""
import os
import sys
import numpy as np
import ot

assert ot.__version__ == "0.8.2", ot.__version__
rng = np.random.RandomState(11)
cases = []


def ground(x, y, p):
    d = np.sqrt(((x[:, None, :] - y[None, :, :]) ** 2).sum(-1))
    return d ** p


def weights(k, zeros=()):
    w = rng.uniform(0.2, 1.0, k)
    w[list(zeros)] = 0.0
    return w / w.sum()


def exact(name, x, y, a, b, p, unique=False):
    M = ground(x, y, p)
    G = ot.emd(a, b, M, numItermax=10_000_000)
    cases.append(dict(case=name, kind="exact", p=p, x=x, y=y, a=a, b=b, cost=float((G * M).sum()),
                      unique=int(unique), plan=G))


# Unequal sizes, random weights (test_emd_emd2 / test_emd2_multi shapes), p = 2 and p = 1.
x = rng.randn(7, 2)
y = rng.randn(11, 2) + [1.0, -0.5]
exact("unequal-sizes-p2", x, y, weights(7), weights(11), 2.0)
exact("unequal-sizes-p1", x, y, weights(7), weights(11), 1.0)
# Zero weights on both sides (test_emd_sparse / empty rows): those atoms keep their index, get no mass.
x = rng.randn(9, 3)
y = rng.randn(6, 3) * 2
exact("zero-weights", x, y, weights(9, zeros=(0, 4, 8)), weights(6, zeros=(2,)), 2.0)
# Duplicated points: the same atom twice with different weights.
x = rng.randn(5, 2)
x = np.vstack([x, x[1], x[3], x[3]])
y = rng.randn(6, 2)
y = np.vstack([y, y[0]])
exact("duplicated-points", x, y, weights(8), weights(7), 2.0)
# Degenerate: integer 1-D points and uniform weights under p = 1 (many optimal plans),
# and identical supports (cost 0).
x = np.arange(6, dtype=float)[:, None]
y = (np.arange(6, dtype=float) + 2)[:, None]
exact("degenerate-1d-p1", x, y, np.full(6, 1 / 6), np.full(6, 1 / 6), 1.0)
x = rng.randn(6, 2)
exact("identical-supports", x, x.copy(), np.full(6, 1 / 6), np.full(6, 1 / 6), 2.0)
# 1-D weighted, unequal sizes: the monotone plan is the unique optimum for p > 1 with distinct points
# (test_emd_1d_emd2_1d, test_wass_1d). POT's emd2_1d gives the same cost as emd on |x - y|^p.
for p in (1.0, 1.5, 2.0):
    x = rng.randn(8, 1)
    y = rng.randn(5, 1) * 1.5 + 0.7
    a = weights(8, zeros=(3,))
    b = weights(5)
    exact(f"one-d-p{p:g}", x, y, a, b, p, unique=(p > 1))
    c1d = ot.emd2_1d(x[:, 0], y[:, 0], a, b, metric="minkowski", p=p)
    assert abs(c1d - cases[-1]["cost"]) <= 1e-12 * max(1, c1d), (c1d, cases[-1]["cost"])
# A given cost matrix (not a metric: random, some entries negative), zero weights (ot.emd(a, b, M)).
a = weights(6, zeros=(1,))
b = weights(9, zeros=(0, 5))
M = rng.randn(6, 9)
G = ot.emd(a, b, M)
cases.append(dict(case="given-cost", kind="cost", p=1.0, a=a, b=b, M=M, cost=float((G * M).sum()), unique=0, plan=G))
# Entropic OT (test_sinkhorn / test_sinkhorn_variants): log-domain Sinkhorn run to 1e-14,
# weighted and of unequal sizes; the reference is the transport cost <P_eps, C> of its plan.
x = rng.randn(8, 2)
y = rng.randn(12, 2) + 0.5
a = weights(8)
b = weights(12)
Mc = ground(x, y, 2.0)
reg = 0.3
G = ot.sinkhorn(a, b, Mc, reg, method="sinkhorn_log", numItermax=200000, stopThr=1e-15)
cases.append(dict(case="sinkhorn-weighted", kind="sinkhorn", p=2.0, x=x, y=y, a=a, b=b, reg=reg,
                  cost=float((G * Mc).sum()), unique=1, plan=G))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "src", "test", "resources",
                   "dev", "geodesic", "ot", "pot-weighted.txt")
with open(out, "w") as f:
    f.write(f"# Written by bench/pot-weighted-reference.py with POT {ot.__version__}, numpy {np.__version__}.\n")
    for c in cases:
        f.write(f"case {c['case']}\nkind {c['kind']}\np {c['p']!r}\n")
        n, m = len(c["a"]), len(c["b"])
        f.write(f"n {n}\nm {m}\n")
        if "x" in c:
            f.write(f"d {c['x'].shape[1]}\n")
            f.write("x " + " ".join(repr(float(v)) for v in c["x"].ravel()) + "\n")
            f.write("y " + " ".join(repr(float(v)) for v in c["y"].ravel()) + "\n")
        f.write("a " + " ".join(repr(float(v)) for v in c["a"]) + "\n")
        f.write("b " + " ".join(repr(float(v)) for v in c["b"]) + "\n")
        if "M" in c:
            f.write("M " + " ".join(repr(float(v)) for v in c["M"].ravel()) + "\n")
        if "reg" in c:
            f.write(f"reg {c['reg']!r}\n")
        f.write(f"cost {c['cost']!r}\nunique {c['unique']}\n")
        f.write("plan " + " ".join(repr(float(v)) for v in c["plan"].ravel()) + "\nend\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")
