#!/usr/bin/env bash
# lrsnash.sh — 300 seeded two-player games (2x2 to 8x8, half of them degenerate, payoffs 0..3)
# against lrsnash, the exact reference:
#  - every pure equilibrium is an extreme one, so the pure pairs lrsnash lists must be exactly
#    the set `nash --method pure` finds;
#  - every equilibrium `nash --method lh` finds from any label is a vertex pair of the
#    best-response polytopes, so it must be one of lrsnash's extreme equilibria.
. "$(dirname "$0")/lib.bash"
if ! command -v lrsnash >/dev/null; then not_ok "lrsnash cross-check" "lrsnash not installed (make deps)"; exit 0; fi

python3 - "$LIAISON" "$TMP" <<'PY'
import json, random, subprocess, sys
from fractions import Fraction
liaison, tmp = sys.argv[1], sys.argv[2]
rng = random.Random(20261126)
bad = []

def pairs(block):
    """(x, y) of every equilibrium in one lrsnash block: its x lines times its y lines"""
    xs, ys = [], []
    for line in block.splitlines():
        f = line.split()
        if f and f[0] in ("1", "2"):
            (xs if f[0] == "1" else ys).append([Fraction(t) for t in f[1:-1]])
    return [(x, y) for x in xs for y in ys]

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
    want = {(x.index(1), y.index(1)) for block in out.split("\n\n") for x, y in pairs(block)
            if all(t in (0, 1) for t in x + y)}
    res = subprocess.run([liaison, "nash", path, "--method", "pure", "--format", "json"], capture_output=True, text=True)
    if res.returncode != 0:
        bad.append(f"case {case}: liaison exit {res.returncode}: {res.stderr.strip()}"); continue
    got = {(e["strategies"][0].index(1), e["strategies"][1].index(1)) for e in json.loads(res.stdout)["equilibria"]}
    if got != want:
        bad.append(f"case {case} ({m}x{n}): liaison {sorted(got)} lrsnash {sorted(want)}")
    extreme = [(x, y) for block in out.split("\n\n") for x, y in pairs(block)]
    for label in ([], ["--label", "any"]):
        res = subprocess.run([liaison, "nash", path, "--method", "lh", "--format", "json"] + label,
                             capture_output=True, text=True)
        if res.returncode != 0:
            bad.append(f"case {case}: lh {label} exit {res.returncode}: {res.stderr.strip()}"); continue
        for e in json.loads(res.stdout)["equilibria"]:
            x, y = e["strategies"]
            if not any(close(x, ex) and close(y, ey) for ex, ey in extreme):
                bad.append(f"case {case} ({m}x{n}): lh {label} found {x}, {y}, not an extreme equilibrium of lrsnash")
print(f"compared 300 games (pure sets; Lemke-Howson from all labels and by racing); {len(bad)} differ")
for b in bad[:10]: print("   ", b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "300 games: pure sets equal lrsnash's, every Lemke-Howson result is extreme"
else not_ok "300 games: pure sets equal lrsnash's, every Lemke-Howson result is extreme"; fi
