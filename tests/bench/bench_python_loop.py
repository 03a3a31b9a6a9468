"""bench_python_loop.py MODEL GAME N P1 LO HI P2 LO HI — the baseline beside liaison-mpi in
`make bench`: the exploration an EMA Workbench or Rhodium user would write around the Python
package (python/liaison): a Latin hypercube drawn in numpy, then one Python call
per sample that sets the parameters and asks for the verdict, and the outputs explore records
computed from it (status, each member's slack C - (1 - delta) D - delta P, delta*, direction,
transfers, welfare). It leaves out the core's emptiness, which explore also records, so the
baseline is if anything flattered. Prints: runs runs_per_second."""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import liaison  # noqa: E402


def lhs(n, d, rng):
    """n points of a Latin hypercube in [0, 1)^d: each of n strata of every axis used once."""
    u = (rng.random((n, d)) + np.arange(n)[:, None]) / n
    for j in range(d):
        u[:, j] = u[rng.permutation(n), j]
    return u


def model_function(m, game, p1, x1, p2, x2):
    """What an EMA Workbench model function would return for one sample."""
    m.set(p1, x1)
    m.set(p2, x2)
    r = m.repeat(game)
    C, D, P = r["values"], r["deviations"]["payoffs"], r["punishment"]["payoffs"]
    d = r["patience"]
    return {
        "status": r["status"],
        "slack": [c - (1 - di) * dv - di * p for c, dv, p, di in zip(C, D, P, d)],
        "delta_star": r["delta_star"],
        "direction": r["deviations"]["direction"],
        "transfers": r.get("transfers"),
        "welfare": sum(C),
    }


def main():
    path, game, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    p1, lo1, hi1, p2, lo2, hi2 = sys.argv[4], float(sys.argv[5]), float(sys.argv[6]), sys.argv[7], float(sys.argv[8]), float(sys.argv[9])
    m = liaison.load(path)
    u = lhs(n, 2, np.random.default_rng(1))
    x = np.column_stack([lo1 + u[:, 0] * (hi1 - lo1), lo2 + u[:, 1] * (hi2 - lo2)])
    t0 = time.perf_counter()
    rows = [model_function(m, game, p1, a, p2, b) for a, b in x]
    t = time.perf_counter() - t0
    assert len(rows) == n and all(r["status"] for r in rows)
    print(n, n / t)


if __name__ == "__main__":
    main()
