#!/usr/bin/python3
"""FedWaD (Rakotomamonjy, Nadjahi & Ralaivola, ICLR 2024) as /work/shared/specs/fedwad.md states it, in numpy +
POT 0.8.2 only (ot.emd for every plan, as the paper's authors did), to cross-check Geodesic's FederatedWasserstein.

Uniform weights; every plan is ot.emd on the squared Euclidean cost (ot.dist), numItermax 1e8, and a plan whose
result code is not OPTIMAL (or that raises a POT warning) stops the run; exact McCann interpolation keeping every
P_ij > 1e-12 * total mass (the kept mass is rescaled to 1); no support cap. Round k:
  d_A = W2(xi, mu), xi_A = Interp(xi -> mu, t_A); d_B = W2(xi, nu), xi_B = Interp(xi -> nu, t_B);
  U = d_A + d_B; xi+ = Interp(xi_B -> xi_A, t_S)   (no server step after the last round).

Modes:
  DIR                  replay an export of FedwadRoundsBench (mu.csv, nu.csv, xi0.csv, t.csv, exact.txt) with the
                       t's of t.csv, printing Geodesic's U and |xi| of the same round beside ours;
  DIR --own-t SEEDS    the same clouds, but xi0 ~ N(0, I) (min(n, m) atoms) and every t ~ U(0, 1) drawn by numpy
                       (default_rng(seed)), one run per seed.
Per round: U, min U, relative error of min U against the exact W2 (Geodesic's NetworkSimplex from exact.txt and
POT's ot.emd2), |xi|, |xi_A|, |xi_B|, the seconds of the round, and how much of each plan follows the threads of
the previous round ("keep_A"/"keep_B": mass of a client's plan from an atom to the mu / nu point its ancestor was
interpolated toward; "keep_S": mass of the server's plan between pieces of xi_B and xi_A on one same thread
(x_i, y_j), in round 0 pieces of one same atom of xi0), and "distinct", the distinct atoms of xi (to 1e-9), to tell
a plan that splits mass between pieces of one thread (more atoms, same threads) from coincident copies.
After the last round (--diagnose), on the last xi and its two plans:
  (a) pi = P_A^T diag(1/xi_w) P_B, a coupling of mu and nu: sqrt(<pi, C>) against the final U and the exact W2
      (gluing: sqrt(<pi, C>) <= U, with equality when xi lies on the displacement interpolation of pi), and the
      mass pi shares with POT's optimal plan;
  (b) for every thread (atom z of xi, x_i, y_j) the fraction s of the segment [x_i, y_j] at which z projects and
      its distance to the segment, relative to |x_i - y_j|;
  (c) improving 2-swaps of pi: pairs of its entries (i,j), (k,l) with C_il + C_kj < C_ij + C_kl (all pairs), their
      gains, and the same count for POT's optimal plan (0 for an optimal plan: cyclical monotonicity).

Usage: /usr/bin/python3 bench/fedwad-pot-reference.py DIR [--rounds K] [--own-t 1,2,3] [--diagnose]
       [--state FILE [--resume]]   (state: save after every round, continue from it in a later run)
"""
import argparse
import sys
import time
import warnings

import numpy as np
import ot

assert ot.__version__ == "0.8.2", ot.__version__
CUT = 1e-12


def points(path):
    return np.loadtxt(path, delimiter=",", ndmin=2)


def emd(a, b, x, y):
    """Exact plan (dense) and its cost <P, C> for C = squared Euclidean, refusing anything but an optimal result."""
    c = ot.dist(x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g, log = ot.emd(a, b, c, numItermax=10 ** 8, log=True)
    if log["result_code"] != 1 or log["warning"] is not None:
        raise RuntimeError("ot.emd did not reach an optimal plan: %s (%dx%d)" % (log["warning"], len(a), len(b)))
    return g, float(np.vdot(g, c))


def interp(u, v, g, t):
    """McCann interpolation (1-t) u_i + t v_j with mass P_ij for every P_ij > 1e-12 * total; rows and columns kept."""
    i, j = np.nonzero(g > CUT * g.sum())
    w = g[i, j]
    return (1.0 - t) * u[i] + t * v[j], w / w.sum(), i, j


def kept_mass(g, partner):
    """Mass of plan g (atoms x points) on (atom k, partner[k]); partner -1 means none."""
    k = np.nonzero(partner >= 0)[0]
    return float(g[k, partner[k]].sum() / g.sum())


def run(mu, nu, xi, xw, ts, rounds, exact_java, exact_pot, java=None, state=None, resume=False, label=""):
    n, m = len(mu), len(nu)
    a, b = np.full(n, 1.0 / n), np.full(m, 1.0 / m)
    start, best = 0, np.inf
    pa_of = np.full(len(xi), -1)  # the mu point each atom's ancestor was interpolated toward (-1 at round 0)
    pb_of = np.full(len(xi), -1)
    if resume:
        s = np.load(state)
        xi, xw, start, best, pa_of, pb_of = s["xi"], s["xw"], int(s["round"]), float(s["best"]), s["pa"], s["pb"]
    head = "# %sround t_a t_b t_s U min_U err_vs_geodesic_exact_%% err_vs_pot_exact_%% |xi| |xi_A| |xi_B| " \
           "distinct keep_A keep_B keep_S seconds" % ("case " if label else "")
    if java is not None:
        head += " | geodesic: U min_U |xi| rel_diff_U"
    print(head, flush=True)
    last = None
    for k in range(start, rounds):
        t0 = time.time()
        ta, tb, tsv = ts(k)
        pa, ca = emd(xw, a, xi, mu)
        pb, cb = emd(xw, b, xi, nu)
        da, db = np.sqrt(ca), np.sqrt(cb)
        u = da + db
        best = min(best, u)
        keep_a, keep_b = kept_mass(pa, pa_of), kept_mass(pb, pb_of)
        keep_s = np.nan
        sa = sb = 0
        if k < rounds - 1:
            xa, wa, ka, ia = interp(xi, mu, pa, ta)
            xb, wb, kb, jb = interp(xi, nu, pb, tb)
            sa, sb = len(xa), len(xb)
            ps, _ = emd(wb, wa, xb, xa)
            r, c = np.nonzero(ps > CUT * ps.sum())
            if k == 0:  # no threads yet: pieces of one same atom of xi
                same = kb[r] == ka[c]
            else:  # pieces on one same thread (x_i, y_j): coincident atoms of xi make ties, not new threads
                same = (pa_of[kb[r]] == ia[c]) & (jb[r] == pb_of[ka[c]])
            keep_s = float(ps[r, c][same].sum() / ps.sum())
            nxt, nw, r, c = interp(xb, xa, ps, tsv)
            last = (xi, xw, pa, pb)
            xi, xw, pa_of, pb_of = nxt, nw, ia[c], jb[r]
        else:
            last = (xi, xw, pa, pb)
        sec = time.time() - t0
        line = "%s%d %.6f %.6f %.6f %.9f %.9f %.4f %.4f %d %s %s %d %s %s %s %.1f" % (
            label + " " if label else "", k, ta, tb, tsv, u, best, 100 * (best - exact_java) / exact_java,
            100 * (best - exact_pot) / exact_pot, len(last[0]), sa or "-", sb or "-", distinct(last[0]), fmt(keep_a), fmt(keep_b), fmt(keep_s), sec)
        if java is not None and k < len(java):
            ju, jbest, jsup = java[k]
            line += " | %.9f %.9f %d %.2e" % (ju, jbest, jsup, (u - ju) / ju)
        print(line, flush=True)
        if state and k < rounds - 1:
            np.savez(state, xi=xi, xw=xw, round=k + 1, best=best, pa=pa_of, pb=pb_of)
    return best, last


def distinct(z):
    """Distinct atoms of a measure (coordinates equal to 1e-9)."""
    return len(np.unique(np.round(z, 9), axis=0))


def fmt(x):
    return "-" if not np.isfinite(x) or x < 0 else "%.4f" % x


def diagnose(mu, nu, xi, xw, pa, pb, u_last, best, exact):
    c = ot.dist(mu, nu)
    n, m = len(mu), len(nu)
    # threads (atom k, mu point i, nu point j) with mass P_A[k,i] P_B[k,j] / xi_k: the gluing of the two plans
    ka, ia = np.nonzero(pa > CUT * pa.sum())
    kb, jb = np.nonzero(pb > CUT * pb.sum())
    th_k, th_i, th_j, th_w = [], [], [], []
    order_b = np.argsort(kb, kind="stable")
    kb, jb = kb[order_b], jb[order_b]
    lo = np.searchsorted(kb, np.arange(len(xi)))
    hi = np.searchsorted(kb, np.arange(len(xi)), side="right")
    for k, i in zip(ka, ia):
        js = jb[lo[k]:hi[k]]
        th_k.append(np.full(len(js), k))
        th_i.append(np.full(len(js), i))
        th_j.append(js)
        th_w.append(pa[k, i] * pb[k, js] / xw[k])
    th_k, th_i, th_j, th_w = map(np.concatenate, (th_k, th_i, th_j, th_w))
    pi = np.zeros((n, m))
    np.add.at(pi, (th_i, th_j), th_w)
    w_pi = np.sqrt(np.vdot(pi, c) / pi.sum())
    opt, log = ot.emd(np.full(n, 1.0 / n), np.full(m, 1.0 / m), c, numItermax=10 ** 8, log=True)
    assert log["result_code"] == 1, log["warning"]
    shared = np.minimum(pi, opt).sum()
    print("## (a) pi = P_A^T diag(1/xi_w) P_B: %d entries (%d threads); sqrt(<pi,C>) = %.9f; final U = %.9f; "
          "min U = %.9f; exact W2 = %.9f; sqrt(<pi,C>) vs exact %+.4f %%, vs final U %+.4f %%; "
          "mass shared with POT's optimal plan %.4f"
          % (np.count_nonzero(pi), len(th_w), w_pi, u_last, best, exact, 100 * (w_pi - exact) / exact,
             100 * (w_pi - u_last) / u_last, shared))
    x, y, z = mu[th_i], nu[th_j], xi[th_k]
    seg = y - x
    L2 = (seg * seg).sum(1)
    s = ((z - x) * seg).sum(1) / L2
    sc = np.clip(s, 0, 1)
    off = np.sqrt((((z - x) - sc[:, None] * seg) ** 2).sum(1)) / np.sqrt(L2)
    w = th_w / th_w.sum()
    q = lambda v: " ".join("%.4f" % e for e in weighted_quantiles(v, w, [0.01, 0.1, 0.5, 0.9, 0.99]))
    print("## (b) fraction s along the thread [x_i, y_j]: mean %.4f sd %.4f, quantiles 1/10/50/90/99 %% %s; "
          "distance to the segment / |x_i - y_j|: mean %.2e max %.2e, quantiles %s"
          % (np.dot(w, s), np.sqrt(np.dot(w, (s - np.dot(w, s)) ** 2)), q(s), np.dot(w, off), off.max(), q(off)))
    hits = swaps("pi", pi, c)
    swaps("POT optimal plan", opt, c)
    thresholds(mu, nu, hits, np.dot(w, s))


def weighted_quantiles(v, w, qs):
    o = np.argsort(v)
    cw = np.cumsum(w[o])
    return [v[o][min(np.searchsorted(cw, qq * cw[-1]), len(v) - 1)] for qq in qs]


def swaps(name, plan, c, block=256):
    """Improving 2-swaps over all pairs of the plan's entries: gain C_ij + C_kl - C_il - C_kj > 0."""
    i, j = np.nonzero(plan > CUT * plan.sum())
    w = plan[i, j]
    cij = c[i, j]
    tol = 1e-9 * c.max()
    count = 0
    gains = []
    found = []
    best_mass_gain = 0.0
    for s0 in range(0, len(i), block):
        p = np.arange(s0, min(s0 + block, len(i)))
        q = np.arange(s0, len(i))
        g = cij[p, None] + cij[None, q] - c[i[p, None], j[None, q]] - c[i[None, q], j[p, None]]
        g[q[None, :] <= p[:, None]] = 0  # each unordered pair once
        hit = g > tol
        count += int(hit.sum())
        if hit.any():
            gains.append(g[hit])
            hp, hq = np.nonzero(hit)
            found.append(np.column_stack([i[p[hp]], j[p[hp]], i[q[hq]], j[q[hq]]]))
            best_mass_gain = max(best_mass_gain, (np.minimum(w[p, None], w[None, q]) * g)[hit].max())
    total_pairs = len(i) * (len(i) - 1) // 2
    if gains:
        gains = np.concatenate(gains)
        print("## (c) %s: %d entries, %d pairs, %d improving 2-swaps (%.3f %% of pairs); gain C_ij+C_kl-C_il-C_kj: "
              "median %.3f mean %.3f max %.3f (mean entry cost %.3f); best single swap lowers <pi,C> by %.3e "
              "(%.2e relative)"
              % (name, len(i), total_pairs, count, 100.0 * count / total_pairs, np.median(gains), gains.mean(),
                 gains.max(), np.dot(w, cij) / w.sum(), best_mass_gain, best_mass_gain / np.dot(w, cij)))
    else:
        print("## (c) %s: %d entries, %d pairs, 0 improving 2-swaps (tolerance %.1e)" % (name, len(i), total_pairs, tol))
    return np.concatenate(found) if found else np.zeros((0, 4), dtype=int)


def thresholds(mu, nu, hits, s):
    """When can a plan of the next round break an improving 2-swap of pi = threads (i,j), (k,l), gain G?
    With xi on the threads at fraction s (z = (1-s) x + s y) and dx = x_i - x_k, dy = y_j - y_l, G = -2<dx, dy>,
    the same swap in client A's plan (xi -> mu) gains s G - 2 (1-s) |dx|^2, in client B's (1-s) G - 2 s |dy|^2,
    and in the server's plan between pieces at fractions s_B (xi_B) and s_A (xi_A)
    -2 [(1-s_B)(1-s_A) |dx|^2 + s_B s_A |dy|^2] + [(1-s_B) s_A + s_B (1-s_A)] G (each -2 <row diff, column diff>)."""
    if len(hits) == 0:
        return
    dx, dy = mu[hits[:, 0]] - mu[hits[:, 2]], nu[hits[:, 1]] - nu[hits[:, 3]]
    g = -2 * (dx * dy).sum(1)
    dx2, dy2 = (dx * dx).sum(1), (dy * dy).sum(1)
    sa = 2 * dx2 / (g + 2 * dx2)  # A breaks the swap iff s > sa
    sb = g / (g + 2 * dy2)  # B breaks it iff s < sb
    print("## (d) the %d improving swaps of pi: |dx|^2 median %.1f, |dy|^2 median %.1f, G median %.2f; client A's plan "
          "breaks one only if xi sits at s > %.4f along the threads (the smallest threshold), client B's only if "
          "s < %.4f; at s = %.4f: A breaks %d, B %d"
          % (len(g), np.median(dx2), np.median(dy2), np.median(g), sa.min(), sb.max(), s,
             int((s * g - 2 * (1 - s) * dx2 > 0).sum()), int(((1 - s) * g - 2 * s * dy2 > 0).sum())))
    cells = []
    for t in (0.5, 0.8, 0.9, 0.95, 0.99):
        s_a, s_b = (1 - t) * s, s + t * (1 - s)  # xi_A = Interp(xi -> mu, t), xi_B = Interp(xi -> nu, t)
        gs = -2 * ((1 - s_b) * (1 - s_a) * dx2 + s_b * s_a * dy2) + ((1 - s_b) * s_a + s_b * (1 - s_a)) * g
        cells.append("t_A = t_B = %.2f: %d" % (t, int((gs > 0).sum())))
    for ta, tb in ((0.99, 0.5), (0.5, 0.99), (0.9, 0.1), (0.1, 0.9)):
        s_a, s_b = (1 - ta) * s, s + tb * (1 - s)
        gs = -2 * ((1 - s_b) * (1 - s_a) * dx2 + s_b * s_a * dy2) + ((1 - s_b) * s_a + s_b * (1 - s_a)) * g
        cells.append("t_A %.2f t_B %.2f: %d" % (ta, tb, int((gs > 0).sum())))
    print("## (d) swaps the server's plan breaks at s = %.4f, by the clients' times: %s" % (s, "; ".join(cells)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--own-t", default=None, help="comma-separated numpy seeds: xi0 and every t drawn by numpy")
    ap.add_argument("--diagnose", action="store_true")
    ap.add_argument("--state", default=None)
    ap.add_argument("--resume", action="store_true")
    o = ap.parse_args()
    mu, nu = points(o.dir + "/mu.csv"), points(o.dir + "/nu.csv")
    n, m = len(mu), len(nu)
    exact_java = float(open(o.dir + "/exact.txt").read())
    t0 = time.time()
    exact_pot = np.sqrt(ot.emd2(np.full(n, 1.0 / n), np.full(m, 1.0 / m), ot.dist(mu, nu), numItermax=10 ** 8))
    print("# numpy %s, POT %s" % (np.__version__, ot.__version__))
    print("# n=%d m=%d d=%d; exact W2: Geodesic NetworkSimplex %.12f, POT ot.emd2 %.12f (%.1f s), rel diff %.1e"
          % (n, m, mu.shape[1], exact_java, exact_pot, time.time() - t0, (exact_pot - exact_java) / exact_java),
          flush=True)
    if o.own_t is None:
        tt = np.loadtxt(o.dir + "/t.csv", delimiter=",", skiprows=1, ndmin=2)
        java = [(r[4], r[5], int(r[6])) for r in tt]
        xi0 = points(o.dir + "/xi0.csv")
        ts = lambda k: (tt[k, 1], tt[k, 2], tt[k, 3])
        best, last = run(mu, nu, xi0, np.full(len(xi0), 1.0 / len(xi0)), ts, min(o.rounds, len(tt)), exact_java,
                         exact_pot, java, o.state, o.resume)
        if o.diagnose:
            diagnose(mu, nu, *last, last_u(last, mu, nu), best, exact_pot)
            np.savetxt(o.dir + "/xi_last.csv", np.column_stack([last[1], last[0]]), delimiter=",", fmt="%.17g")
        return
    for seed in (int(s) for s in o.own_t.split(",")):
        rng = np.random.default_rng(seed)
        xi0 = rng.standard_normal((min(n, m), mu.shape[1]))
        draws = rng.random((o.rounds, 3))
        t_seed = time.time()
        try:
            best, last = run(mu, nu, xi0, np.full(len(xi0), 1.0 / len(xi0)), lambda k: tuple(draws[k]), o.rounds,
                             exact_java, exact_pot, label="s%d" % seed)
        except MemoryError:
            # xi grows without a cap: the dense plans of the server's step outgrow the memory limit
            print("## own-t seed %d: out of memory (MemoryError) after %.1f s" % (seed, time.time() - t_seed),
                  flush=True)
            continue
        print("## own-t seed %d: %d rounds, min U %.9f, error %.4f %% (vs POT exact), final |xi| %d, %.1f s"
              % (seed, o.rounds, best, 100 * (best - exact_pot) / exact_pot, len(last[0]), time.time() - t_seed),
              flush=True)
        if o.diagnose:
            diagnose(mu, nu, *last, last_u(last, mu, nu), best, exact_pot)


def last_u(last, mu, nu):
    """U of the last round, recomputed from its plans (the diagnosis compares it with sqrt(<pi, C>))."""
    xi, xw, pa, pb = last
    return np.sqrt(np.vdot(pa, ot.dist(xi, mu))) + np.sqrt(np.vdot(pb, ot.dist(xi, nu)))


if __name__ == "__main__":
    sys.exit(main())
