#!/usr/bin/env bash
# mpi.sh — liaison-mpi: `mpirun -n 3 --oversubscribe liaison-mpi explore` on localhost gives the
# bytes of the single-process `liaison explore` (CSV and JSON, with and without a store), for
# 1 and 3 ranks and any chunk size; a shard and an interrupted-then-resumed store under MPI
# are the single-process ones; other commands run once, on rank 0; bad input is reported once.
# Skipped (with a message) only when mpirun is not installed; `make deps` installs it.
. "$(dirname "$0")/lib.bash"
MPI_BIN="$BUILD/bin/liaison-mpi"
if ! command -v mpirun >/dev/null; then echo "# skip: mpirun not found (make deps installs openmpi-bin)"; exit 0; fi
if [ ! -x "$MPI_BIN" ]; then not_ok "liaison-mpi built" "mpirun is installed but $MPI_BIN is not built (is mpicc installed? make deps)"; exit 0; fi
# CI runs as root, which OpenMPI refuses unless told; the vars are harmless otherwise
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN="mpirun --oversubscribe -n"
# Under make test-asan: OpenMPI's plugins are unloaded in MPI_Finalize, before the leak check,
# so what they keep cannot be told from ours; leak checking stays with the suites of liaison and
# the unit tests (the same library code), every other ASan and UBSan check stays on here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

L=tests/cases/explore/linear.lia
R="--range A.patience=0.5:0.9"
# Sobol, 300 base samples: 300 (2 * 2 + 2) = 1800 runs, so several batches of 512 and chunks
A="--design sobol --samples 300 --seed 3 $R"
run "single process, csv" 0 "$LIAISON" explore $L $A --format csv -o "$TMP/ref.csv" &&
run "single process, json" 0 "$LIAISON" explore $L $A --format json -o "$TMP/ref.json"
for n in 1 3; do
  run "$n ranks, csv" 0 $MPIRUN $n "$MPI_BIN" explore $L $A --format csv -o "$TMP/mpi$n.csv" && {
    cmp -s "$TMP/ref.csv" "$TMP/mpi$n.csv" && [ "$(wc -l <"$TMP/ref.csv")" -eq 1801 ] && ok "$n ranks: the csv bytes of one process" ||
      not_ok "$n ranks: the csv bytes of one process" "$(diff "$TMP/ref.csv" "$TMP/mpi$n.csv" | head -5)"; }
  run "$n ranks, json" 0 $MPIRUN $n "$MPI_BIN" explore $L $A --format json -o "$TMP/mpi$n.json" && {
    cmp -s "$TMP/ref.json" "$TMP/mpi$n.json" && ok "$n ranks: the json bytes of one process" ||
      not_ok "$n ranks: the json bytes of one process" "$(diff "$TMP/ref.json" "$TMP/mpi$n.json" | head -5)"; }
done
# chunks of 1 run, of 7 (they never line up with the batches of 512) and of more runs than there are
for c in 1 7 5000; do
  run "chunk $c" 0 $MPIRUN 3 "$MPI_BIN" explore $L $A --chunk $c --format csv && {
    cmp -s "$TMP/ref.csv" "$TMP/out" && ok "chunk $c: same bytes" || not_ok "chunk $c: same bytes"; }
done
# the other designs, and text to standard output
for d in mc lhs morris; do
  "$LIAISON" explore $L --design $d --samples 100 --seed 9 $R >"$TMP/one.txt" 2>&1
  run "$d, 3 ranks, text" 0 $MPIRUN 3 "$MPI_BIN" explore $L --design $d --samples 100 --seed 9 $R && {
    cmp -s "$TMP/one.txt" "$TMP/out" && ok "$d: same text" || not_ok "$d: same text" "$(diff "$TMP/one.txt" "$TMP/out" | head -5)"; }
done

# a store written by 3 ranks: the json of one process, and read back without solving
run "store, 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" explore $L $A --store "$TMP/s.sqlite" --format json && {
  cmp -s "$TMP/ref.json" "$TMP/out" && ok "store: same json" || not_ok "store: same json"; }
run "store read back" 0 "$LIAISON" explore --store "$TMP/s.sqlite" --format csv && {
  cmp -s "$TMP/ref.csv" "$TMP/out" && ok "store read back: same csv" || not_ok "store read back: same csv"; }
run "finished store, 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" explore $L $A --store "$TMP/s.sqlite" --format csv && {
  cmp -s "$TMP/ref.csv" "$TMP/out" && ok "finished store: read back, same csv" || not_ok "finished store: read back, same csv"; }

# interrupted after 1000 runs (the test hook acts as Ctrl-C on rank 0, before a batch is
# appended): the store keeps the first batch of 512, exit 130; 2 ranks then resume it
LIAISON_TEST_INTERRUPT_AFTER=1000 $MPIRUN 3 "$MPI_BIN" explore $L $A --store "$TMP/r.sqlite" >/dev/null 2>"$TMP/err"
rc=$?
n=$(python3 -c "import sqlite3; c=sqlite3.connect('$TMP/r.sqlite'); print(c.execute('SELECT count(*) FROM runs').fetchone()[0], c.execute(\"SELECT value FROM meta WHERE key='complete'\").fetchone()[0])")
if [ "$rc" -eq 130 ] && [ "$n" = "512 0" ] && grep -q 'interrupted' "$TMP/err"; then ok "interrupted: 512 runs stored, unfinished"
else not_ok "interrupted" "rc $rc, runs and complete: $n" "$(cat "$TMP/err")"; fi
run "unfinished store needs --resume" 2 $MPIRUN 2 "$MPI_BIN" explore $L $A --store "$TMP/r.sqlite" && {
  [ "$(grep -c 'unfinished exploration' "$TMP/err")" -eq 1 ] && ok "unfinished store needs --resume (said once)" ||
    not_ok "unfinished store needs --resume" "$(cat "$TMP/err")"; }
run "resumed on 2 ranks" 0 $MPIRUN 2 "$MPI_BIN" explore $L $A --store "$TMP/r.sqlite" --resume --format csv && {
  cmp -s "$TMP/ref.csv" "$TMP/out" && ok "resumed: same bytes" || not_ok "resumed: same bytes"; }

# a shard under MPI writes the store the single-process shard writes
run "shard 2/3, one process" 0 "$LIAISON" explore $L $A --shard 2/3 --store "$TMP/p1.sqlite" --format csv -o "$TMP/p1.csv" &&
run "shard 2/3, 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" explore $L $A --shard 2/3 --store "$TMP/p3.sqlite" --format csv -o "$TMP/p3.csv" && {
  cmp -s "$TMP/p1.csv" "$TMP/p3.csv" && [ "$(wc -l <"$TMP/p3.csv")" -eq 601 ] && ok "shard: same rows (600 of 1800)" || not_ok "shard: same rows"; }

# other commands run on rank 0 only: one output, the exit status of liaison
"$LIAISON" check $L >"$TMP/check1" 2>&1
run "check on 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" check $L && {
  cmp -s "$TMP/check1" "$TMP/out" && ok "check: printed once" || not_ok "check: printed once" "$(cat "$TMP/out")"; }
for i in 1 3; do "$LIAISON" explore $L $A --shard $i/3 --store "$TMP/q$i.sqlite" >/dev/null; done
run "merge on 2 ranks" 0 $MPIRUN 2 "$MPI_BIN" explore --merge "$TMP/m.sqlite" "$TMP/q3.sqlite" "$TMP/p3.sqlite" "$TMP/q1.sqlite" --format csv && {
  cmp -s "$TMP/ref.csv" "$TMP/out" && ok "merge runs on rank 0: the shards make the whole table" || not_ok "merge runs on rank 0"; }

# bad input: exit 2, the message once
run "no samples" 2 $MPIRUN 3 "$MPI_BIN" explore $L --samples 0 && {
  [ "$(grep -c 'samples' "$TMP/err")" -eq 1 ] && ok "no samples: said once" || not_ok "no samples: said once" "$(cat "$TMP/err")"; }
run "missing file" 2 $MPIRUN 3 "$MPI_BIN" explore "$TMP/nope.lia" --samples 4 && {
  [ "$(grep -c 'nope.lia' "$TMP/err")" -eq 1 ] && ok "missing file: said once" || not_ok "missing file: said once" "$(cat "$TMP/err")"; }
run "bad chunk" 2 $MPIRUN 2 "$MPI_BIN" explore $L $A --chunk 0 && {
  grep -q "bad --chunk '0'" "$TMP/err" && ok "bad chunk" || not_ok "bad chunk" "$(cat "$TMP/err")"; }
run "unknown range" 2 $MPIRUN 3 "$MPI_BIN" explore $L --samples 4 --range A.patiense=0:1 && {
  [ "$(grep -c "did you mean 'A.patience'" "$TMP/err")" -eq 1 ] && ok "unknown range: said once" || not_ok "unknown range: said once" "$(cat "$TMP/err")"; }

# nash --method all over the ranks (mpi_nash.c, lia_nash_split_*): on 50 seeded games of every
# shape (square, wide, tall; degenerate ones with payoffs 0..3) 1, 2 and 3 ranks print the
# bytes of the single-process `liaison nash --method all`, and the games are big enough that
# the reverse search hands subtrees out (the job counts below show it does)
/usr/bin/python3 - "$LIAISON" "$MPI_BIN" "$TMP" <<'PY'
import os, random, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
liaison, mpi, tmp = sys.argv[1:4]
rng = random.Random(20261206)
games = []
for case in range(50):
    kind = ("square", "wide", "tall", "degenerate", "degenerate")[case % 5]
    if kind == "square": m = n = rng.randint(9, 12)
    elif kind == "wide": m, n = rng.randint(7, 9), rng.randint(13, 20)
    elif kind == "tall": m, n = rng.randint(13, 20), rng.randint(7, 9)
    else: m, n = rng.randint(8, 12), rng.randint(8, 12)
    hi = 3 if kind == "degenerate" else 99
    A = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(0, hi) for _ in range(n)] for _ in range(m)]
    path = f"{tmp}/n{case}.game"
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A) + "\n\n"
                + "\n".join(" ".join(map(str, r)) for r in B) + "\n")
    games.append((case, kind, m, n, path))
def check(game):
    case, kind, m, n, path = game
    # a folder of its own for each game's mpirun sessions: launches side by side must not
    # race for one session directory
    os.makedirs(f"{tmp}/s{case}", exist_ok=True)
    env = dict(os.environ, LIAISON_MPI_STATS="1", TMPDIR=f"{tmp}/s{case}")
    ref = subprocess.run([liaison, "nash", path, "--method", "all"], capture_output=True)
    if ref.returncode != 0: return [f"case {case} ({m}x{n}): liaison exit {ref.returncode}"], 0
    bad, jobs = [], 0
    for k in (1, 2, 3):
        got = subprocess.run(["mpirun", "--oversubscribe", "-n", str(k), mpi, "nash", path, "--method", "all"],
                             capture_output=True, timeout=60, env=env)
        if k == 1: jobs = sum(int(j) for j in re.findall(rb"ran (\d+) jobs", got.stderr))
        if got.returncode != 0 or got.stdout != ref.stdout:
            bad.append(f"case {case} ({kind} {m}x{n}), {k} ranks: exit {got.returncode}, "
                       f"{'same' if got.stdout == ref.stdout else 'different'} output {got.stderr.decode()[:200]}")
    return bad, jobs
# three games at a time: a launch of mpirun mostly waits
with ThreadPoolExecutor(3) as pool: results = list(pool.map(check, games))
bad = [b for r, _ in results for b in r]
split = sum(1 for _, j in results if j > 0)   # jobs handed out beyond the first
print(f"# 50 games (10 square, 10 wide, 10 tall, 20 degenerate), 1, 2 and 3 ranks: {len(bad)} differ; "
      f"{split} of them split into subtree jobs (up to {max(j for _, j in results)})")
for b in bad[:10]: print("#   ", b)
sys.exit(1 if bad or split < 40 else 0)
PY
if [ $? -eq 0 ]; then ok "nash all: 1, 2 and 3 ranks print the single-process bytes on 50 games of every shape, 40 or more split"
else not_ok "nash all: 1, 2 and 3 ranks print the single-process bytes on 50 games of every shape, 40 or more split"; fi

# random_13x13 FILE TOP: a 13 x 13 game with payoffs 0..TOP (seed 13)
random_13x13() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import random, sys
rng = random.Random(13)
m = n = 13
top = int(sys.argv[2])
A = [[rng.randint(0, top) for _ in range(n)] for _ in range(m)]
B = [[rng.randint(0, top) for _ in range(n)] for _ in range(m)]
open(sys.argv[1], "w").write(f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A) + "\n\n"
                             + "\n".join(" ".join(map(str, r)) for r in B) + "\n")
PY
}
# the job tree does not depend on the ranks: the jobs run add up to the same count on 1 and
# 3 ranks, and the workers do run some (a 13x13 game, payoffs 0..99)
random_13x13 "$TMP/big.game" 99
jobs_of() { sed -n 's/^liaison-mpi nash: rank \([0-9]*\) ran \([0-9]*\) jobs.*/\1 \2/p' "$1" | sort -n; }
LIAISON_MPI_STATS=1 $MPIRUN 1 "$MPI_BIN" nash "$TMP/big.game" --method all >"$TMP/big1" 2>"$TMP/big1.err"
LIAISON_MPI_STATS=1 $MPIRUN 3 "$MPI_BIN" nash "$TMP/big.game" --method all >"$TMP/big3" 2>"$TMP/big3.err"
one=$(jobs_of "$TMP/big1.err" | awk '{s += $2} END {print s + 0}')
three=$(jobs_of "$TMP/big3.err" | awk '{s += $2} END {print s + 0}')
workers=$(jobs_of "$TMP/big3.err" | awk '$1 > 0 && $2 > 0' | wc -l)
if [ "$one" -gt 3 ] && [ "$one" -eq "$three" ] && [ "$workers" -eq 2 ] && cmp -s "$TMP/big1" "$TMP/big3"; then
  ok "nash all: $one jobs on 1 rank and on 3, both workers ran some, same output"
else not_ok "nash all: the same job tree on 1 and 3 ranks" "1 rank: $one jobs; 3 ranks: $three, $workers workers busy" "$(cat "$TMP/big3.err")"; fi

# against lrsnash, set-wise: every extreme equilibrium 3 ranks find is one of lrsnash's (to
# 1e-9 in every probability) and there are as many (a square game and a degenerate one)
for g in n0 n3; do
  run "nash all $g, 3 ranks, json" 0 $MPIRUN 3 "$MPI_BIN" nash "$TMP/$g.game" --method all --format json &&
  lrsnash "$TMP/$g.game" >"$TMP/$g.lrs" 2>/dev/null &&
  /usr/bin/python3 - "$TMP/out" "$TMP/$g.lrs" <<'PY'
import json, sys
sys.path.insert(0, "tests/lib")
from lrsnash_out import pairs
eqs = json.load(open(sys.argv[1]))["equilibria"]
ref = [([float(v) for v in x], [float(v) for v in y]) for x, y in pairs(open(sys.argv[2]).read())]
close = lambda a, b: all(abs(p - q) < 1e-9 for p, q in zip(a, b))
mine = [(e["strategies"][0], e["strategies"][1]) for e in eqs]
ok = len(mine) == len(ref) and all(any(close(x, rx) and close(y, ry) for rx, ry in ref) for x, y in mine) \
     and all(any(close(x, rx) and close(y, ry) for x, y in mine) for rx, ry in ref)
print(f"# {len(mine)} equilibria on 3 ranks, lrsnash {len(ref)}")
sys.exit(0 if ok else 1)
PY
  if [ $? -eq 0 ]; then ok "nash all $g on 3 ranks: lrsnash's set"; else not_ok "nash all $g on 3 ranks: lrsnash's set"; fi
done

# other nash methods run on rank 0 only; a mistake is said once
run "nash pure on 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" nash "$TMP/n0.game" --method pure && {
  "$LIAISON" nash "$TMP/n0.game" --method pure >"$TMP/pure1" 2>&1
  cmp -s "$TMP/pure1" "$TMP/out" && ok "nash pure: printed once, as liaison" || not_ok "nash pure: printed once"; }
run "nash all, label" 2 $MPIRUN 3 "$MPI_BIN" nash "$TMP/n0.game" --method all --label 1 && {
  [ "$(grep -c -- '--label belongs to --method lh' "$TMP/err")" -eq 1 ] && ok "nash all --label: said once" || not_ok "nash all --label: said once" "$(cat "$TMP/err")"; }
run "nash all, missing file" 2 $MPIRUN 3 "$MPI_BIN" nash "$TMP/nope.game" --method all && {
  [ "$(grep -c 'nope.game' "$TMP/err")" -eq 1 ] && ok "nash all, missing file: said once" || not_ok "nash all, missing file: said once" "$(cat "$TMP/err")"; }
run "nash all --threads 2 on 2 ranks" 0 $MPIRUN 2 "$MPI_BIN" nash "$TMP/big.game" --method all --threads 2 && {
  cmp -s "$TMP/big1" "$TMP/out" && ok "nash all --threads 2 on 2 ranks: same output" || not_ok "nash all --threads 2 on 2 ranks: same output"; }
# json to a file, and a memory cap too small for the vertex sets: the file, the refusal's words
# and its exit status are the single process's. The cap needs a game whose search keeps many
# vertices: a degenerate one (payoffs 0..2; its degenerate vertices are all kept, and its
# search is split among the ranks), where big.game's keeps so few that 30 kB hold them.
"$LIAISON" nash "$TMP/big.game" --method all --format json -o "$TMP/big1.json"
run "nash all json on 3 ranks" 0 $MPIRUN 3 "$MPI_BIN" nash "$TMP/big.game" --method all --format json -o "$TMP/big3.json" && {
  cmp -s "$TMP/big1.json" "$TMP/big3.json" && ok "nash all json file: same bytes on 3 ranks" || not_ok "nash all json file: same bytes on 3 ranks"; }
random_13x13 "$TMP/deg.game" 2
"$LIAISON" nash "$TMP/deg.game" --method all --memory-cap 30000 >/dev/null 2>"$TMP/cap1"
[ -s "$TMP/cap1" ] || not_ok "nash all, memory cap: the single process refuses deg.game at 30 kB"
run "nash all, memory cap, 3 ranks" 2 $MPIRUN 3 "$MPI_BIN" nash "$TMP/deg.game" --method all --memory-cap 30000 && {
  [ "$(grep -c 'memory cap' "$TMP/err")" -eq 1 ] && grep -qF "$(head -1 "$TMP/cap1")" "$TMP/err" &&
    ok "nash all, memory cap: the single process's refusal, once" || not_ok "nash all, memory cap" "$(cat "$TMP/err")"; }
