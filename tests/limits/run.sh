#!/usr/bin/env bash
# tests/limits/run.sh [BUILD] — `make test-limits`: hostile inputs under an address-space limit
# (ulimit -v) and a wall-clock limit (tests/limits/limit_run.py), asserting what issue 17
# promises of every run: it ends, with the expected exit code and never a signal, its peak
# resident memory within --memory-cap plus a base of 48 MB (libraries, the model's text up to
# LIA_READ_BASE_BYTES), strict JSON on success, and no partial or temporary output file.
set -uo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
L="$BUILD/bin/liaison"
R="python3 tests/limits/limit_run.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { "$@" || fail=1; }
BASE=48   # MB

# ---- generated inputs ------------------------------------------------------------------------
python3 - "$T" <<'PY'
import random, sys
t = sys.argv[1]
random.seed(1)
# outcome form: one outcome for 4000 x 4000 profiles (a 32 MB file naming a 763 MiB table)
with open(f"{t}/out4k.nfg", "w") as f:
    f.write('NFG 1 R "big" { "A" "B" } { 4000 4000 }\n{ { "o" 1, 2 } }\n' + " ".join(["1"] * 16000000) + "\n")
# payoff form 1000 x 1000: 2e6 numbers, 46 MiB of exact payoffs
with open(f"{t}/p1000.nfg", "w") as f:
    f.write('NFG 1 R "p" { "A" "B" } { 1000 1000 }\n' + " ".join(str(random.randint(0, 99)) for _ in range(2000000)) + "\n")
# 200 voters of weight about 2e5 and a quota of 2e7: a programme of 2 x 2e7 doubles
with open(f"{t}/vote.lia", "w") as f:
    f.write("game v voting {\n  quota 20000000\n  weights " + ", ".join(f"P{i} {200000 + i}" for i in range(200)) + "\n}\n")
# payoffs beyond +-1e300
with open(f"{t}/span.nfg", "w") as f:
    f.write('NFG 1 R "s" { "A" "B" } { 2 2 }\n1e308 -1e308 -1e308 1e308 -1e308 1e308 1e308 -1e308\n')
# a name that is not UTF-8
with open(f"{t}/latin1.nfg", "wb") as f:
    f.write(b'NFG 1 R "caf\xe9" { "A" "B" } { 1 1 }\n1 2\n')
# 2 parties x 100 levels, every payoff 0
lv = ", ".join(["0"] + [f"{i}/99" for i in range(1, 99)] + ["1"])
with open(f"{t}/const.lia", "w") as f:
    f.write(f"party A {{ }}\nparty B {{ }}\nagreement AB bilateral {{\n  members A, B\n  levels {lv}\n}}\n")
PY

# ---- reading ---------------------------------------------------------------------------------
check $R "check /dev/zero (default cap)" --rc 2 --vmem 1024 --wall 10 --peak $((256 + BASE)) \
  --stderr "larger than 256 MiB" -- "$L" check /dev/zero
check $R "check /dev/zero --memory-cap 1M" --rc 2 --vmem 512 --wall 10 --peak $((16 + BASE)) \
  --stderr "larger than 16 MiB" -- "$L" check /dev/zero --memory-cap 1M
check $R "check /dev/zero under ulimit -v 100M" --rc 3 --vmem 100 --wall 10 -- "$L" check /dev/zero
check $R "outcome-form .nfg over --memory-cap 100M" --rc 2 --vmem 1024 --wall 30 --peak $((100 + BASE)) \
  --stderr "would need 763 MiB" -- "$L" nash "$T/out4k.nfg" --memory-cap 100M
check $R "1000 x 1000 .nfg compile under --memory-cap 60M" --rc 2 --vmem 1024 --wall 30 --peak $((60 + BASE)) \
  --stderr "over the memory cap of 60 MiB" -- "$L" compile "$T/p1000.nfg" --memory-cap 60M
check $R "1000 x 1000 .nfg pure equilibria under --memory-cap 100M" --rc 0 --json --vmem 1024 --wall 60 \
  --peak $((100 + BASE)) -- "$L" nash "$T/p1000.nfg" --memory-cap 100M --format json
check $R "1000 x 1000 .nfg under ulimit -v 150M" --rc 3 --vmem 150 --wall 60 -- "$L" nash "$T/p1000.nfg"

# ---- analyses --------------------------------------------------------------------------------
check $R "voting power under --memory-cap 1M" --rc 2 --vmem 1024 --wall 30 --peak $((1 + BASE)) \
  --stderr "over the memory cap of 1 MiB" -- "$L" share "$T/vote.lia" --method banzhaf --memory-cap 1M
check $R "voting game, default share: notes, not a refusal" --rc 0 --json --vmem 1024 --wall 60 \
  --peak $((1024 + BASE)) -- "$L" share "$T/vote.lia" --format json
check $R "10^8-point sweep under --memory-cap 1M" --rc 2 --vmem 1024 --wall 10 --peak $((1 + BASE)) \
  --stderr "a grid of 100000000 points needs" -- "$L" sweep tests/cases/repeat/ab-sweep.lia --vary s=0:1:100000000 --memory-cap 1M
check $R "payoffs beyond 1e300 refused" --rc 2 --vmem 512 --wall 10 --stderr "out of range" -- "$L" nash "$T/span.nfg" --format json
check $R "Latin-1 name refused" --rc 2 --vmem 512 --wall 10 --stderr "is not UTF-8" -- "$L" nash "$T/latin1.nfg" --format json
check $R "constant 2 x 100 agreement: solve" --rc 0 --json --vmem 1024 --wall 60 --peak $((256 + BASE)) \
  -- "$L" solve "$T/const.lia" --format json

# ---- output files ----------------------------------------------------------------------------
O="$T/out"; mkdir -p "$O"
check $R "sweep, three outputs" --rc 0 --vmem 1024 --wall 60 --outdir "$O" --expect-files r.json,g.csv,p.svg \
  -- "$L" sweep tests/cases/repeat/ab-sweep.lia --vary s=0.2:0.4:5 --format json -o "$O/r.json" --csv "$O/g.csv" --plot "$O/p.svg"
rm -f "$O"/*
check $R "failing --plot: no --csv, no -o" --rc 2 --vmem 1024 --wall 60 --outdir "$O" \
  -- "$L" sweep tests/cases/repeat/ab-sweep.lia --vary s=0.2:0.4:5 -o "$O/r.txt" --csv "$O/g.csv" --plot "$O/none/p.svg"
# stopped by the wall clock (SIGTERM) in the middle of a long sweep: nothing is left behind
check $R "sweep stopped by SIGTERM leaves nothing" --rc 124 --vmem 1024 --wall 30 --outdir "$O" \
  -- timeout -s TERM 2 "$L" sweep tests/cases/repeat/ab-sweep.lia --vary s=0.2:0.4:200000 --threads 1 -o "$O/r.txt" --csv "$O/g.csv"
# out of address space in the middle of the run: an error, no file
check $R "compile under ulimit -v 150M with -o" --rc 3 --vmem 150 --wall 60 --outdir "$O" \
  -- "$L" compile "$T/p1000.nfg" --emit json -o "$O/g.json"

if [ $fail -ne 0 ]; then echo "test-limits: FAILED"; exit 1; fi
echo "test-limits: all passed"
