#!/usr/bin/env bash
# lrsnash_pure.sh — pure equilibria of 300 seeded two-player games (2x2 to 8x8, half of them
# degenerate, payoffs 0..3) against lrsnash: every pure equilibrium is an extreme one, so the
# pure pairs lrsnash lists must be exactly the set liaison finds.
. "$(dirname "$0")/lib.bash"
if ! command -v lrsnash >/dev/null; then not_ok "lrsnash cross-check" "lrsnash not installed (make deps)"; exit 0; fi

python3 - "$LIAISON" "$TMP" <<'PY'
import json, random, subprocess, sys
from fractions import Fraction
liaison, tmp = sys.argv[1], sys.argv[2]
rng = random.Random(20261126)
bad = []
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
    want = set()
    for block in out.split("\n\n"):
        xs, ys = [], []
        for line in block.splitlines():
            f = line.split()
            if not f or f[0] not in ("1", "2"): continue
            v = [Fraction(t) for t in f[1:-1]]
            (xs if f[0] == "1" else ys).append(v)
        for x in xs:
            for y in ys:
                if all(t in (0, 1) for t in x + y):
                    want.add((x.index(1), y.index(1)))
    res = subprocess.run([liaison, "nash", path, "--method", "pure", "--format", "json"], capture_output=True, text=True)
    if res.returncode != 0:
        bad.append(f"case {case}: liaison exit {res.returncode}: {res.stderr.strip()}"); continue
    got = {(e["strategies"][0].index(1), e["strategies"][1].index(1)) for e in json.loads(res.stdout)["equilibria"]}
    if got != want:
        bad.append(f"case {case} ({m}x{n}): liaison {sorted(got)} lrsnash {sorted(want)}")
print(f"compared 300 games; {len(bad)} differ")
for b in bad[:10]: print("   ", b)
sys.exit(1 if bad else 0)
PY
if [ $? -eq 0 ]; then ok "pure equilibria of 300 games match lrsnash"; else not_ok "pure equilibria of 300 games match lrsnash"; fi
