#!/usr/bin/env bash
# explore.sh — `liaison params` and `liaison explore`: an agreement whose slack is linear in its
# parameters, with its probabilities, Sobol indices and Morris measures derived by hand; the same
# CSV bytes for 1 and 2 threads, for merged shards and for an interrupted-then-resumed store;
# re-analysis of a store; the SVG chart; the bad input the issue lists.
. "$(dirname "$0")/lib.bash"
L=tests/cases/explore/linear.lia
R="--range A.patience=0.5:0.9"

# params: the let with its range first, every attribute path after it
run "params" 0 "$LIAISON" params $L --format json &&
  json_check "params" "d['parameters'][0]=={'name':'s','kind':'let','value':0.3,'range':[0.26,0.38]} and {'name':'A.patience','kind':'attribute','value':0.9,'range':None} in d['parameters'] and 'AB.dilution' not in [p['name'] for p in d['parameters']]"
run "params csv" 0 "$LIAISON" params $L --format csv --set s=0.35 && {
  head -2 "$TMP/out" | tr '\n' '|' | grep -q '^name,kind,value,lo,hi|s,let,0.35,0.26,0.38|$' && ok "params csv" || not_ok "params csv" "$(head -3 "$TMP/out")"; }
printf 'let pen = 0.5 in [0, 0.4]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n' >"$TMP/bad.lia"
run "value outside its range" 2 "$LIAISON" params "$TMP/bad.lia" && {
  grep -q "bad.lia:1:11: error: 'pen' = 0.5 lies outside its range \[0, 0.4\]" "$TMP/err" && ok "value outside its range" || not_ok "value outside its range" "$(cat "$TMP/err")"; }

# By hand (tests/unit/test_explore.c has the derivation): with s ~ U[0.26, 0.38] and A's
# patience d ~ U[0.5, 0.9],
#   slack.A = s - 0.38 + 0.08 d,   slack.B = 1.0395 - 0.9 s,   welfare = 0.855 (constant).
# The commitment holds iff slack.A >= 0: P(holds) = E[0.08 d / 0.12] = 0.056 / 0.12 = 7/15.
# Sobol (additive, so S1 = ST): Var(s) = 0.12^2/12 = 0.0012, Var(0.08 d) = 0.0064 * 0.4^2/12
# = 0.00008533, so for slack.A S(s) = 0.0012/0.00128533 = 0.9336 and S(d) = 0.0664; slack.B
# depends on s alone: S(s) = 1, S(d) = 0; welfare is constant: all 0.
# Sobol design, N = 2000 base samples: N(2D+2) = 2000 * 6 = 12000 runs.
run "sobol" 0 "$LIAISON" explore $L --design sobol --samples 2000 --seed 7 $R --format json -o "$TMP/sobol.json" && {
  cp "$TMP/sobol.json" "$TMP/out"
  json_check "sobol: runs stated" "d['runs']==12000 and d['runs_formula']=='N(2D+2)' and d['samples']==2000"
  json_check "sobol: P(holds) = 7/15 inside its Wilson interval" "d['probabilities']['holds']['lo'] <= 7/15 <= d['probabilities']['holds']['hi'] and abs(d['probabilities']['holds']['share']-7/15) < 0.02 and set(d['probabilities'])=={'holds','needs_transfers'}"
  json_check "sobol: indices of slack.A by hand" "all(abs(d['sobol']['slack.A'][p][k]-v) <= min(0.05, d['sobol']['slack.A'][p][k+'_conf']) for p,v in (('s',0.9336),('A.patience',0.0664)) for k in ('S1','ST'))"
  json_check "sobol: indices of slack.B by hand" "all(abs(d['sobol']['slack.B']['s'][k]-1) <= min(0.05, d['sobol']['slack.B']['s'][k+'_conf']) for k in ('S1','ST')) and d['sobol']['slack.B']['A.patience']=={'S1':0,'ST':0,'S1_conf':0,'ST_conf':0}"
  json_check "sobol: welfare constant" "all(v=={'S1':0,'ST':0,'S1_conf':0,'ST_conf':0} for v in d['sobol']['welfare'].values())"
  # needs_transfers iff s < 0.38 - 0.08 d: always when s < 0.308, never when s > 0.34
  json_check "scenario" "len(d['scenarios'])==1 and d['scenarios'][0]['outcome']=='needs_transfers' and 0.3 <= d['scenarios'][0]['bounds']['s'][1] <= 0.34 and d['scenarios'][0]['density'] > 0.95 and d['scenarios'][0]['sentence'].startswith('needs transfers in ') and 'where s < 0.3' in d['scenarios'][0]['sentence']"; }
# Morris, 50 trajectories: slack.A and slack.B are linear, so every elementary effect per the
# whole range is the slope times the range: s: 1 * 0.12 = 0.12 (slack.A), -0.9 * 0.12 = -0.108
# (slack.B); d: 0.08 * 0.4 = 0.032 (slack.A), 0 (slack.B); sigma 0.
run "morris" 0 "$LIAISON" explore $L --design morris --samples 50 --seed 7 $R --format json &&
  json_check "morris by hand" "d['runs']==150 and abs(d['morris']['slack.A']['s']['mu_star']-0.12)<1e-12 and abs(d['morris']['slack.A']['A.patience']['mu_star']-0.032)<1e-12 and abs(d['morris']['slack.B']['s']['mu']+0.108)<1e-12 and d['morris']['slack.B']['A.patience']['mu_star']==0 and d['morris']['slack.A']['s']['sigma']<1e-12"
run "text" 0 "$LIAISON" explore $L --design lhs --samples 300 --seed 1 $R && {
  grep -q '^exploration of AB: lhs design, N = 300 runs, seed 1' "$TMP/out" && grep -q '^  holds  .*%' "$TMP/out" && grep -q 'AB: needs transfers in .* of runs where s < ' "$TMP/out" &&
    ok "text" || not_ok "text" "$(cat "$TMP/out")"; }

# determinism: threads, shards merged, a store read back, an interrupted store resumed
A="--design sobol --samples 400 --seed 3 $R --format csv"
run "csv, 1 thread" 0 "$LIAISON" explore $L $A --threads 1 -o "$TMP/t1.csv" &&
run "csv, 2 threads" 0 "$LIAISON" explore $L $A --threads 2 -o "$TMP/t2.csv" && {
  cmp -s "$TMP/t1.csv" "$TMP/t2.csv" && [ "$(wc -l <"$TMP/t1.csv")" -eq 2401 ] && ok "same bytes on 1 and 2 threads" || not_ok "same bytes on 1 and 2 threads"
  head -1 "$TMP/t1.csv" | grep -qx 'run,s,A.patience,status,slack.A,slack.B,delta_star.A,delta_star.B,direction.A,direction.B,transfers,welfare,core_empty' &&
    ok "csv header" || not_ok "csv header" "$(head -1 "$TMP/t1.csv")"; }
for i in 1 2 3; do run "shard $i/3" 0 "$LIAISON" explore $L $A --shard $i/3 --store "$TMP/p$i.sqlite" -o "$TMP/p$i.csv"; done
run "merge" 0 "$LIAISON" explore --merge "$TMP/m.sqlite" "$TMP/p3.sqlite" "$TMP/p1.sqlite" "$TMP/p2.sqlite" --format csv -o "$TMP/m.csv" && {
  cmp -s "$TMP/t1.csv" "$TMP/m.csv" && ok "merged shards: same bytes" || not_ok "merged shards: same bytes"; }
run "merge twice" 2 "$LIAISON" explore --merge "$TMP/m.sqlite" "$TMP/p1.sqlite" && {
  grep -q 'already holds' "$TMP/err" && ok "merge twice" || not_ok "merge twice" "$(cat "$TMP/err")"; }
run "re-analyse a store" 0 "$LIAISON" explore --store "$TMP/m.sqlite" --format csv && {
  cmp -s "$TMP/t1.csv" "$TMP/out" && ok "store read back: same bytes" || not_ok "store read back: same bytes"; }
# interrupted after 1000 runs (the test hook acts as Ctrl-C then): the store keeps the finished
# batches of 512, i.e. 512 runs (one thread: the calling thread reports every run), then --resume
# (on two threads)
LIAISON_TEST_INTERRUPT_AFTER=1000 "$LIAISON" explore $L $A --threads 1 --store "$TMP/r.sqlite" >/dev/null 2>"$TMP/err"
rc=$?
n=$(python3 -c "import sqlite3; print(sqlite3.connect('$TMP/r.sqlite').execute('SELECT count(*) FROM runs').fetchone()[0])")
if [ "$rc" -eq 130 ] && [ "$n" -eq 512 ] && grep -q 'interrupted' "$TMP/err"; then ok "interrupted with 512 runs stored"; else not_ok "interrupted" "rc $rc, runs: $n" "$(cat "$TMP/err")"; fi
run "unfinished store needs --resume" 2 "$LIAISON" explore $L $A --store "$TMP/r.sqlite" && {
  grep -q 'unfinished exploration' "$TMP/err" && ok "unfinished store needs --resume" || not_ok "unfinished store needs --resume" "$(cat "$TMP/err")"; }
run "resume" 0 "$LIAISON" explore $L $A --threads 2 --store "$TMP/r.sqlite" --resume -o "$TMP/r.csv" && {
  cmp -s "$TMP/t1.csv" "$TMP/r.csv" && ok "resumed: same bytes" || not_ok "resumed: same bytes"; }

# a real Ctrl-C (SIGINT) during a long exploration: exit 130, a store whose runs are whole batches
timeout -s INT 2 "$LIAISON" explore $L --design lhs --samples 1000000 --store "$TMP/big.sqlite" >/dev/null 2>"$TMP/err"
n=$(python3 -c "import sqlite3; c=sqlite3.connect('$TMP/big.sqlite'); print(c.execute('SELECT count(*) FROM runs').fetchone()[0], c.execute(\"SELECT value FROM meta WHERE key='complete'\").fetchone()[0])")
case "$n" in *" 0") [ $(( ${n% 0} % 512 )) -eq 0 ] && grep -q 'interrupted' "$TMP/err" && ok "SIGINT: whole batches, unfinished" || not_ok "SIGINT" "$n" "$(cat "$TMP/err")";; *) not_ok "SIGINT" "$n";; esac

# the chart
run "plot" 0 "$LIAISON" explore $L --design sobol --samples 200 --seed 3 $R --plot "$TMP/x.svg" &&
  python3 -c "import sys,xml.etree.ElementTree as E; r=E.parse('$TMP/x.svg').getroot(); N='{http://www.w3.org/2000/svg}'; rs=[e for e in r.iter(N+'rect')]; sys.exit(0 if r.tag==N+'svg' and len([e for e in rs if e.get('class')=='status'])==2 and len([e for e in rs if e.get('class')=='s1'])==8 and len([e for e in rs if e.get('class')=='box'])>=1 else 1)" &&
  ok "plot is SVG with the indices and the box" || not_ok "plot"

# bad input
run "unknown path" 2 "$LIAISON" explore $L --samples 4 --range A.patiense=0.5:0.9 && {
  grep -q "did you mean 'A.patience'" "$TMP/err" && ok "unknown path" || not_ok "unknown path" "$(cat "$TMP/err")"; }
run "non-numeric path" 2 "$LIAISON" explore $L --samples 4 --range AB=0:1 && {
  grep -q "'AB' is not a number" "$TMP/err" && ok "non-numeric path" || not_ok "non-numeric path" "$(cat "$TMP/err")"; }
run "lo >= hi" 2 "$LIAISON" explore $L --samples 4 --range s=0.3:0.3 && ok "lo >= hi"
run "samples 0" 2 "$LIAISON" explore $L --samples 0 && ok "samples 0"
run "samples missing" 2 "$LIAISON" explore $L && ok "samples missing"
run "nothing to vary" 2 "$LIAISON" explore tests/cases/repeat/ab-sweep.lia --samples 4 && {
  grep -q 'nothing to explore' "$TMP/err" && ok "nothing to vary" || not_ok "nothing to vary" "$(cat "$TMP/err")"; }
run "another model" 2 "$LIAISON" explore tests/cases/repeat/ab-sweep.lia $A --range s=0.2:0.4 --store "$TMP/m.sqlite" && {
  grep -q 'holds an exploration of another model' "$TMP/err" && ok "another model refused" || not_ok "another model refused" "$(cat "$TMP/err")"; }
run "another seed" 2 "$LIAISON" explore $L --design sobol --samples 400 --seed 4 $R --store "$TMP/m.sqlite" && {
  grep -q 'another exploration of this model' "$TMP/err" && ok "another seed refused" || not_ok "another seed refused" "$(cat "$TMP/err")"; }
run "full disk" 2 "$LIAISON" explore $L --samples 4 --store /dev/full && {
  grep -q 'disk is full' "$TMP/err" && ok "full disk" || not_ok "full disk" "$(cat "$TMP/err")"; }
run "unwritable path" 2 "$LIAISON" explore $L --samples 4 --store /nonexistent/dir/x.sqlite && {
  grep -q 'cannot open the store' "$TMP/err" && ok "unwritable path" || not_ok "unwritable path" "$(cat "$TMP/err")"; }
run "shard without store" 2 "$LIAISON" explore $L --samples 4 --shard 1/2 && ok "shard without store"
run "bad shard" 2 "$LIAISON" explore $L --samples 4 --shard 3/2 --store "$TMP/z.sqlite" && ok "bad shard"
run "several games, no --game" 2 "$LIAISON" explore models/bilateral-vs-multilateral.lia --samples 3 --range Alpha.leak=0:0.2 && {
  grep -q 'choose one with --game' "$TMP/err" && ok "several games, no --game" || not_ok "several games, no --game" "$(cat "$TMP/err")"; }
run "unknown game" 2 "$LIAISON" explore models/bilateral-vs-multilateral.lia --samples 3 --range Alpha.leak=0:0.2 --game nope && ok "unknown game"

# --target: every run judges the profile A=1, B=0 instead of the commitment. By hand from the
# stage game (liaison compile at any s): at (1,0) A gets s - 1.38 (its sharing costs 1.38, B
# pays it s) and B gets 0.48 - s; A's best breach is to stop sharing (0), B's best deviation
# is to share too (1.155 - s); the only stage equilibrium is (0,0), so P = 0 for both. At
# patience 0.9 the slack C - (1 - d)D - dP is slack.A = s - 1.38 and
# slack.B = 0.48 - s - 0.1 (1.155 - s) = 0.3645 - 0.9 s; their sum is negative, so no
# transfer restores it: every run breaks down.
run "target" 0 "$LIAISON" explore $L --design lhs --samples 50 --seed 2 --target 1,0 --store "$TMP/tg.sqlite" --format csv -o "$TMP/tg.csv" && {
  /usr/bin/python3 - "$TMP/tg.csv" <<'PYEOF' && ok "target: slack by hand to 1e-12" || not_ok "target: slack by hand to 1e-12"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 50
for r in rows:
    s = float(r["s"])
    assert abs(float(r["slack.A"]) - (s - 1.38)) <= 1e-12, r
    assert abs(float(r["slack.B"]) - (0.3645 - 0.9 * s)) <= 1e-12, r
    assert r["status"] == "breaks_down", r
PYEOF
  # the store records the target: the same command resumes, another target is refused
  run "target: the store again" 0 "$LIAISON" explore $L --design lhs --samples 50 --seed 2 --target 1,0 --store "$TMP/tg.sqlite" --resume --format csv &&
    cmp -s "$TMP/out" "$TMP/tg.csv" && ok "target: the store again gives the same runs" || not_ok "target: the store again gives the same runs"
  run "target: another target" 2 "$LIAISON" explore $L --design lhs --samples 50 --seed 2 --store "$TMP/tg.sqlite" --resume &&
    grep -q 'another exploration of this model' "$TMP/err" && ok "target: the commitment is another exploration" ||
    not_ok "target: the commitment is another exploration" "$(cat "$TMP/err")"
}
run "bad target" 2 "$LIAISON" explore $L --samples 4 --target 1,7 && {
  grep -q "B has no strategy '7'" "$TMP/err" && ok "bad target" || not_ok "bad target" "$(cat "$TMP/err")"; }
run "short target" 2 "$LIAISON" explore $L --samples 4 --target 1 && {
  grep -q 'one strategy per player (2)' "$TMP/err" && ok "short target" || not_ok "short target" "$(cat "$TMP/err")"; }
