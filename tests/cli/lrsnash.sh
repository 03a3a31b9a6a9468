#!/usr/bin/env bash
# lrsnash.sh — 300 seeded two-player games (2x2 to 8x8, half of them degenerate, payoffs 0..3)
# against lrsnash, the exact reference:
#  - every pure equilibrium is an extreme one, so the pure pairs lrsnash lists must be exactly
#    the set `nash --method pure` finds;
#  - every equilibrium `nash --method lh` finds from any label is a vertex pair of the
#    best-response polytopes, so it must be one of lrsnash's extreme equilibria;
#  - `nash --method all --exact` must list exactly lrsnash's extreme equilibria, compared as
#    sets of exact rationals, payoffs included; its floating-point strategies must be those
#    rationals to 1e-12.
. "$(dirname "$0")/lib.bash"
if ! command -v lrsnash >/dev/null; then not_ok "lrsnash cross-check" "lrsnash not installed (make deps)"; exit 0; fi

python3 - "$LIAISON" "$TMP" <<'PY'
import json, random, subprocess, sys
from fractions import Fraction
sys.path.insert(0, "tests/lib")
from lrsnash_out import equilibria, pairs
liaison, tmp = sys.argv[1], sys.argv[2]
rng = random.Random(20261126)
bad = []

def close(a, b):
    return all(abs(p - float(q)) < 1e-9 for p, q in zip(a, b))
for case in range(300):
    m, n = rng.randint(2, 8), rng.randint(2, 8)
    hi = 3 if case % 2 else 99                       # odd cases: tiny range, hence degenerate
    A = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    path = f"{tmp}/g{case}.game"
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A) + "\n\n"
                + "\n".join(" ".join(map(str, r)) for r in B) + "\n")
    out = subprocess.run(["lrsnash", path], capture_output=True, text=True).stdout
    want = {(x.index(1), y.index(1)) for x, y in pairs(out) if all(t in (0, 1) for t in x + y)}
    res = subprocess.run([liaison, "nash", path, "--method", "pure", "--format", "json"], capture_output=True, text=True)
    if res.returncode != 0:
        bad.append(f"case {case}: liaison exit {res.returncode}: {res.stderr.strip()}"); continue
    got = {(e["strategies"][0].index(1), e["strategies"][1].index(1)) for e in json.loads(res.stdout)["equilibria"]}
    if got != want:
        bad.append(f"case {case} ({m}x{n}): liaison {sorted(got)} lrsnash {sorted(want)}")
    extreme = pairs(out)
    for label in ([], ["--label", "any"]):
        res = subprocess.run([liaison, "nash", path, "--method", "lh", "--format", "json"] + label,
                             capture_output=True, text=True)
        if res.returncode != 0:
            bad.append(f"case {case}: lh {label} exit {res.returncode}: {res.stderr.strip()}"); continue
        for e in json.loads(res.stdout)["equilibria"]:
            x, y = e["strategies"]
            if not any(close(x, ex) and close(y, ey) for ex, ey in extreme):
                bad.append(f"case {case} ({m}x{n}): lh {label} found {x}, {y}, not an extreme equilibrium of lrsnash")
    res = subprocess.run([liaison, "nash", path, "--method", "all", "--exact", "--format", "json"],
                         capture_output=True, text=True)
    if res.returncode != 0:
        bad.append(f"case {case}: all --exact exit {res.returncode}: {res.stderr.strip()}"); continue
    eqs = json.loads(res.stdout)["equilibria"]
    mine = {(tuple(e["exact"]["strategies"][0]), tuple(e["exact"]["strategies"][1]), *e["exact"]["payoffs"]) for e in eqs}
    ref = equilibria(out)
    if len(mine) != len(eqs) or mine != ref:
        bad.append(f"case {case} ({m}x{n}): all --exact gives {len(eqs)} equilibria, lrsnash {len(ref)}; "
                   f"only liaison: {sorted(mine - ref)[:2]} only lrsnash: {sorted(ref - mine)[:2]}")
    for e in eqs:
        for p in range(2):
            if any(abs(v - float(Fraction(q))) > 1e-12 for v, q in zip(e["strategies"][p], e["exact"]["strategies"][p])):
                bad.append(f"case {case}: floating-point strategy {e['strategies'][p]} is not {e['exact']['strategies'][p]}")
print(f"compared 300 games (pure sets; Lemke-Howson from all labels and by racing; every extreme equilibrium, exactly); {len(bad)} differ")
for b in bad[:10]: print("   ", b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "300 games: pure sets and every extreme equilibrium (exact) equal lrsnash's, every Lemke-Howson result is extreme"
else not_ok "300 games: pure sets and every extreme equilibrium (exact) equal lrsnash's, every Lemke-Howson result is extreme"; fi

CASES=tests/cases
# Every two-player public case (tests/cases: Nashpy's, QuantEcon's and Gambit's games, von
# Stengel's 6x6 with 75 equilibria): the full set of extreme equilibria from `--method all
# --exact` equals lrsnash's on the same game, exactly, payoffs included. The .nfg games go to
# lrsnash through `compile --emit lrs`.
python3 - "$LIAISON" "$TMP" "$CASES" <<'PY'
import glob, json, os, subprocess, sys
liaison, tmp, cases = sys.argv[1:4]
bad, count = [], 0
sys.path.insert(0, "tests/lib")
from lrsnash_out import equilibria as lrs_set
files = sorted(glob.glob(f"{cases}/games/*.game")) + sorted(glob.glob(f"{cases}/nfg/*.nfg"))
for path in files:
    game = path
    if path.endswith(".nfg"):
        game = os.path.join(tmp, os.path.basename(path) + ".game")
        r = subprocess.run([liaison, "compile", path, "--emit", "lrs", "-o", game], capture_output=True, text=True)
        if r.returncode != 0: continue       # three players: not for lrsnash
    want = lrs_set(subprocess.run(["lrsnash", game], capture_output=True, text=True).stdout)
    r = subprocess.run([liaison, "nash", path, "--method", "all", "--exact", "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(f"{path}: exit {r.returncode} {r.stderr.strip()}"); continue
    eqs = json.loads(r.stdout)["equilibria"]
    got = {(tuple(e["exact"]["strategies"][0]), tuple(e["exact"]["strategies"][1]), *e["exact"]["payoffs"]) for e in eqs}
    count += 1
    if got != want or len(got) != len(eqs):
        bad.append(f"{os.path.basename(path)}: liaison {len(eqs)}, lrsnash {len(want)}; only liaison {sorted(got - want)[:1]}, only lrsnash {sorted(want - got)[:1]}")
print(f"{count} public two-player cases compared with lrsnash; {len(bad)} differ")
for b in bad: print("   ", b)
sys.exit(1 if bad or count < 25 else 0)
PY
if [ $? -eq 0 ]; then ok "public cases: every extreme equilibrium equals lrsnash's"
else not_ok "public cases: every extreme equilibrium equals lrsnash's"; fi

# Near-degenerate games: payoffs 0..3 with some entries moved by +-1e-6 or +-1e-9 (exact
# decimals), so that ties are almost but not quite there — where floating-point decisions are
# closest to wrong. Both `--method all --exact` (compared exactly) and `--method all` (same
# number of equilibria, each within 1e-7 of lrsnash's) must give lrsnash's set.
python3 - "$LIAISON" "$TMP" <<'PY'
import json, random, subprocess, sys
from fractions import Fraction
liaison, tmp = sys.argv[1:3]
rng = random.Random(202612)
bad = []
sys.path.insert(0, "tests/lib")
from lrsnash_out import strategy_pairs as lrs_set
def entry():
    base, e = Fraction(rng.randint(0, 3)), rng.choice([6, 9, 0, 0])
    return base + rng.choice([1, -1]) * Fraction(1, 10 ** e) if e and rng.random() < 0.4 else base
fmt = lambda q: str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
for case in range(120):
    m, n = rng.randint(2, 7), rng.randint(2, 7)
    A = [[entry() for _ in range(n)] for _ in range(m)]
    B = [[entry() for _ in range(n)] for _ in range(m)]
    path = f"{tmp}/nd{case}.game"
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n" + "\n".join(" ".join(map(fmt, r)) for r in A) + "\n\n" + "\n".join(" ".join(map(fmt, r)) for r in B) + "\n")
    want = lrs_set(subprocess.run(["lrsnash", path], capture_output=True, text=True).stdout)
    for exact in (1, 0):
        r = subprocess.run([liaison, "nash", path, "--method", "all", "--format", "json"] + (["--exact"] if exact else []),
                           capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(f"case {case} exact={exact}: exit {r.returncode} {r.stderr.strip()[:100]}"); continue
        eqs = json.loads(r.stdout)["equilibria"]
        if exact:
            got = {(tuple(e["exact"]["strategies"][0]), tuple(e["exact"]["strategies"][1])) for e in eqs}
            ok = got == want and len(got) == len(eqs)
        else:
            fl = [e["strategies"][0] + e["strategies"][1] for e in eqs]
            ok = len(fl) == len(want) and all(any(all(abs(a - float(Fraction(b))) < 1e-7 for a, b in zip(x, w[0] + w[1]))
                                                  for x in fl) for w in want)
        if not ok: bad.append(f"case {case} ({m}x{n}) exact={exact}: liaison {len(eqs)}, lrsnash {len(want)}")
print(f"120 near-degenerate games compared with lrsnash, exact and floating point; {len(bad)} differ")
for b in bad[:10]: print("   ", b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "near-degenerate games: every extreme equilibrium equals lrsnash's"
else not_ok "near-degenerate games: every extreme equilibrium equals lrsnash's"; fi

# Wide, tall and degenerate shapes (2x20, 3x15, 15x3, 20x2, 4x10, 10x4, 5x12, 12x5), payoffs
# 0..99, 0..3 and 0..1 in turn, then a few larger wide ones (6x40, 3x60, 3x100) whose large
# polytope has many vertices (their transposes take lrsnash over a minute: it enumerates the
# first player's polytope whatever its size). Games that are not square
# take the one-sided path (only the polytope of smaller dimension enumerated, partners solved:
# partners.c), whose floating-point set must have lrsnash's size with every lrsnash
# equilibrium within 1e-9; and `--exact` (the same path with every decision exact: the small
# polytope by the exact search, partners by exact solves) must give lrsnash's set exactly,
# payoffs included.
python3 - "$LIAISON" "$TMP" <<'PY'
import json, random, subprocess, sys
from fractions import Fraction
sys.path.insert(0, "tests/lib")
from lrsnash_out import equilibria
liaison, tmp = sys.argv[1:3]
rng = random.Random(20261206)
shapes = [(2, 20), (3, 15), (15, 3), (20, 2), (4, 10), (10, 4), (5, 12), (12, 5)]
bad, total = [], 0
large = [(6, 40, 99), (3, 60, 3), (6, 40, 3), (3, 100, 99)]
for case in range(240 + len(large)):
    m, n = shapes[case % len(shapes)]
    hi = (99, 3, 1)[case % 3]
    if case >= 240: m, n, hi = large[case - 240]
    A = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    path = f"{tmp}/s{case}.game"
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A) + "\n\n"
                + "\n".join(" ".join(map(str, r)) for r in B) + "\n")
    ref = equilibria(subprocess.run(["lrsnash", path], capture_output=True, text=True).stdout)
    total += len(ref)
    r = subprocess.run([liaison, "nash", path, "--method", "all", "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(f"case {case} ({m}x{n}, 0..{hi}): exit {r.returncode} {r.stderr.strip()[:100]}"); continue
    fl = [e["strategies"][0] + e["strategies"][1] for e in json.loads(r.stdout)["equilibria"]]
    want = [[float(Fraction(q)) for q in x + y] for x, y, _, _ in ref]
    if len(fl) != len(want) or not all(any(all(abs(a - b) < 1e-9 for a, b in zip(x, w)) for x in fl) for w in want):
        bad.append(f"case {case} ({m}x{n}, 0..{hi}): floating point {len(fl)} equilibria, lrsnash {len(want)}")
    r = subprocess.run([liaison, "nash", path, "--method", "all", "--exact", "--format", "json"], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(f"case {case} ({m}x{n}, 0..{hi}) --exact: exit {r.returncode} {r.stderr.strip()[:100]}"); continue
    eqs = json.loads(r.stdout)["equilibria"]
    mine = {(tuple(e["exact"]["strategies"][0]), tuple(e["exact"]["strategies"][1]), *e["exact"]["payoffs"]) for e in eqs}
    if mine != ref or len(mine) != len(eqs):
        bad.append(f"case {case} ({m}x{n}, 0..{hi}) --exact: {len(eqs)} equilibria, lrsnash {len(ref)}")
print(f"{240 + len(large)} wide, tall and degenerate games ({total} extreme equilibria) compared with lrsnash; {len(bad)} differ")
for b in bad[:10]: print("   ", b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "wide, tall and degenerate shapes: every extreme equilibrium equals lrsnash's"
else not_ok "wide, tall and degenerate shapes: every extreme equilibrium equals lrsnash's"; fi
