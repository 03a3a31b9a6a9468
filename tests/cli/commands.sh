#!/usr/bin/env bash
# commands.sh — the command line's contract: help, version, --set, formats, exit codes,
# and that exported games are read correctly by lrsnash and by liaison itself.
. "$(dirname "$0")/lib.bash"
CASES=tests/cases
M=models/ukusa-1946.lia

run "--version" 0 "$LIAISON" --version && {
  grep -q '^liaison 0\.2\.0$' "$TMP/out" && grep -q '^GLPK [0-9]' "$TMP/out" && grep -q '^OpenBLAS ' "$TMP/out" \
    && ok "--version" || not_ok "--version" "$(cat "$TMP/out")"; }
run "--help" 0 "$LIAISON" --help && { grep -q 'liaison COMMAND' "$TMP/out" && ok "--help" || not_ok "--help"; }
run "compile --help" 0 "$LIAISON" compile --help && ok "compile --help"
run "no command" 2 "$LIAISON" && ok "no command"
run "unknown command" 2 "$LIAISON" frobnicate && ok "unknown command"
run "unknown option" 2 "$LIAISON" check --frob "$M" && { grep -q "unknown option '--frob'" "$TMP/err" && ok "unknown option" || not_ok "unknown option"; }
run "unknown --emit" 2 "$LIAISON" compile "$M" --emit xml && ok "unknown --emit"
run "--set without =" 2 "$LIAISON" check "$M" --set leak && ok "--set without ="

# several games and no --game: the message lists them
run "ambiguous game" 2 "$LIAISON" compile models/ct-2005.lia && {
  grep -q 'choose one with --game: UK_ES, ES_MA, ES_DZ' "$TMP/err" && ok "ambiguous game" || not_ok "ambiguous game" "$(cat "$TMP/err")"; }
run "unknown game" 2 "$LIAISON" compile "$M" --game NOPE && { grep -q "no agreement or game named 'NOPE'" "$TMP/err" && ok "unknown game" || not_ok "unknown game"; }

# --set: an attribute path out of range is diagnosed at the --set, with a caret under the value
run "--set out of range" 2 "$LIAISON" check "$M" --set UK.leak=1.5 && {
  grep -q '^--set:1:9: error: UK.s leak (a probability) must be in \[0, 1), got 1.5$' "$TMP/err" &&
  grep -q '^  UK.leak=1.5$' "$TMP/err" && ok "--set out of range" || not_ok "--set out of range" "$(cat "$TMP/err")"; }
run "--set unknown name" 2 "$LIAISON" check "$M" --set UK.leek=0.1 && {
  grep -q "no constant or attribute 'UK.leek'" "$TMP/err" && ok "--set unknown name" || not_ok "--set unknown name" "$(cat "$TMP/err")"; }
run "--set bad expression" 2 "$LIAISON" check "$M" --set 'UK.leak=0.1+' && {
  grep -q '^--set:1:13: error: expected a number' "$TMP/err" && ok "--set bad expression" || not_ok "--set bad expression" "$(cat "$TMP/err")"; }

# --set changes the compiled game: raising SIS's leak in the penetrated model hurts the CIA's
# payoff at full sharing (it hands material to a leakier partner)
P=models/penetrated.lia
run "--set changes payoffs (base)" 0 "$LIAISON" compile "$P" --emit json && cp "$TMP/out" "$TMP/base.json"
run "--set changes payoffs" 0 "$LIAISON" compile "$P" --emit json --set penetration=0.6 && {
  python3 - "$TMP/base.json" "$TMP/out" <<'PY' && ok "--set changes payoffs" || not_ok "--set changes payoffs"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
top = lambda g: g["payoffs"][0][-1][-1]          # player 1 at both players' top level
sys.exit(0 if top(b) < top(a) else 1)
PY
}

# -o writes the file and nothing to stdout
run "-o" 0 "$LIAISON" compile "$M" --emit nfg -o "$TMP/u.nfg" && {
  [ -s "$TMP/u.nfg" ] && [ ! -s "$TMP/out" ] && head -c 8 "$TMP/u.nfg" | grep -q '^NFG 1 R' && ok "-o" || not_ok "-o"; }

# .nfg written by liaison reads back to the same exact payoffs
run "nfg round trip" 0 "$LIAISON" compile "$TMP/u.nfg" --emit json && cp "$TMP/out" "$TMP/back.json"
run "nfg round trip (source)" 0 "$LIAISON" compile "$M" --emit json && {
  python3 - "$TMP/out" "$TMP/back.json" <<'PY' && ok "nfg round trip" || not_ok "nfg round trip"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
sys.exit(0 if a["payoffs_exact"] == b["payoffs_exact"] and a["strategies"] == b["strategies"] else 1)
PY
}

# lrs export: exact rationals lrsnash accepts; battle of the sexes has exactly 3 equilibria
cat >"$TMP/bos.lia" <<'LIA'
game bos normal {
  players P1, P2
  strategies P1: Opera, Football
  strategies P2: Opera, Football
  matrix P1 [3 0; 0 2]
  matrix P2 [2 0; 0 3]
}
LIA
run "lrs export" 0 "$LIAISON" compile "$TMP/bos.lia" --emit lrs -o "$TMP/bos.game" && {
  if ! command -v lrsnash >/dev/null; then not_ok "lrs export" "lrsnash not installed (make deps)"
  else
    # equilibrium (3/5,2/5 ; 2/5,3/5) with payoffs 6/5 each, plus the two pure ones
    out=$(lrsnash "$TMP/bos.game" 2>&1)
    if grep -q 'Number of equilibria found: 3' <<<"$out" && grep -q '^2  2/5  3/5  6/5' <<<"$out"; then ok "lrs export"
    else not_ok "lrs export" "$out"; fi
  fi; }
run "lrs export of a non-integer game stays exact" 0 "$LIAISON" compile "$M" --emit lrs && {
  if grep -q '\.' "$TMP/out"; then not_ok "lrs exact" "decimal point in lrs output"; else ok "lrs export of a non-integer game stays exact"; fi; }
run "lrs refuses three players" 2 "$LIAISON" compile "$CASES/nfg/2x2x2.nfg" --emit lrs && {
  grep -q 'two-player games only' "$TMP/err" && ok "lrs refuses three players" || not_ok "lrs refuses three players"; }

# reading the public cases: lrs input and both .nfg forms
run "read lrs game" 0 "$LIAISON" compile "$CASES/games/N1_4x3.game" --emit json && {
  python3 - "$TMP/out" <<'PY' && ok "read lrs game" || not_ok "read lrs game" "$(cat "$TMP/out")"
import json, sys
g = json.load(open(sys.argv[1]))
A = [[160,205,44],[175,180,45],[201,204,50],[120,207,49]]; B = [[2,2,2],[1,0,0],[3,4,1],[4,1,2]]
sys.exit(0 if g["payoffs"] == [A, B] else 1)
PY
}
run "read nfg outcome form" 0 "$LIAISON" compile "$CASES/nfg/fig3.nfg" --emit lrs && {
  printf '3 3\n\n0 3 0\n2 2 0\n3 0 1\n\n0 2 3\n3 2 0\n0 0 1\n' | diff -q - "$TMP/out" >/dev/null && ok "read nfg outcome form" || not_ok "read nfg outcome form" "$(cat "$TMP/out")"; }
run "read nfg payoff form" 0 "$LIAISON" compile "$CASES/nfg/coord2.nfg" --emit lrs && {
  printf '2 2\n\n3 0\n0 2\n\n2 0\n0 2\n' | diff -q - "$TMP/out" >/dev/null && ok "read nfg payoff form" || not_ok "read nfg payoff form" "$(cat "$TMP/out")"; }

# TU output in binary-mask order for an explicit game and a bankruptcy game
cat >"$TMP/tu.lia" <<'LIA'
game glove coalitional { players L, R1, R2; value L R1 = 1; value L R2 = 1; value L R1 R2 = 1 }
game talmud bankruptcy { estate 200; claims A 100, B 200, C 300 }
LIA
run "tu glove" 0 "$LIAISON" compile "$TMP/tu.lia" --game glove --emit tu && {
  got=$(grep -v '^#' "$TMP/out" | cut -f3 | tr '\n' ' ')
  [ "$got" = "0 0 0 1 0 1 0 1 " ] && ok "tu glove" || not_ok "tu glove" "$got"; }
# v(S) = max(0, 200 - claims outside S): {A,B} -> 200-300 -> 0; {A,C} -> 0; {B,C} -> 100; N -> 200
run "tu bankruptcy" 0 "$LIAISON" compile "$TMP/tu.lia" --game talmud --emit tu && {
  got=$(grep -v '^#' "$TMP/out" | cut -f3 | tr '\n' ' ')
  [ "$got" = "0 0 0 0 0 0 100 200 " ] && ok "tu bankruptcy" || not_ok "tu bankruptcy" "$got"; }
run "nfg of a TU game is refused" 2 "$LIAISON" compile "$TMP/tu.lia" --game glove --emit nfg && ok "nfg of a TU game is refused"

# the memory cap is a flag and the refusal gives the size
run "--memory-cap" 2 "$LIAISON" compile "$M" --memory-cap 64 && {
  grep -q 'would need 144 bytes, over the memory cap of 64 bytes' "$TMP/err" && ok "--memory-cap" || not_ok "--memory-cap" "$(cat "$TMP/err")"; }
run "bad --memory-cap" 2 "$LIAISON" compile "$M" --memory-cap lots && ok "bad --memory-cap"

# --set is judged after every override: two split shares move together, an override may supply
# a line the file leaves out, and no override can bypass a rule the file itself must obey
cat >"$TMP/sets.lia" <<'LIA'
topic t { }
party A { need t 1; collect t 0.5 }
party B { need t 1; collect t 0.5 }
party C { need t 1; collect t 0.5 }
agreement AB bilateral { members A, B; share A -> B t 1; facility f cost 1 value 1 split A 0.5, B 0.5 }
agreement ABC multilateral { members A, B, C; pool t 1 }
game estate_free bankruptcy { claims X 100, Y 200 }
LIA
run "--set moves two split shares together" 0 "$LIAISON" check "$TMP/sets.lia" \
  --set AB.facility.f.split.A=0.7 --set AB.facility.f.split.B=0.3 --set estate_free.estate=150 && ok "--set moves two split shares together"
run "--set supplies a missing line" 0 "$LIAISON" compile "$TMP/sets.lia" --game estate_free --emit tu --set estate_free.estate=150 && {
  got=$(grep -v '^#' "$TMP/out" | cut -f3 | tr '\n' ' ')   # v({Y}) = 150 - 100 = 50, v(N) = 150
  [ "$got" = "0 0 50 150 " ] && ok "--set supplies a missing line" || not_ok "--set supplies a missing line" "$got"; }
run "--set cannot share a pooled topic" 2 "$LIAISON" check "$TMP/sets.lia" --set ABC.share.A.B.t=1 --set estate_free.estate=1 && {
  grep -q "topic 't' is pooled in 'ABC'; a directed share A -> B of it would count twice" "$TMP/err" \
    && ok "--set cannot share a pooled topic" || not_ok "--set cannot share a pooled topic" "$(cat "$TMP/err")"; }
# and the other way round: pooling a topic the file shares directly; so a scope s = share +
# pool never exceeds 1 and the factors 1 - s and 1 - s*rho of the payoff model stay in [0, 1]
run "--set cannot pool a shared topic" 2 "$LIAISON" check "$TMP/sets.lia" --set AB.pool.t=0.5 --set estate_free.estate=1 && {
  grep -q "topic 't' is pooled in 'AB'; a directed share A -> B of it would count twice" "$TMP/err" \
    && ok "--set cannot pool a shared topic" || not_ok "--set cannot pool a shared topic" "$(cat "$TMP/err")"; }
run "--set cannot dilute a bilateral agreement" 2 "$LIAISON" check "$TMP/sets.lia" --set AB.dilution=0.5 --set estate_free.estate=1 && {
  grep -q "^--set:1:13: error: 'dilution' applies to multilateral agreements only" "$TMP/err" \
    && ok "--set cannot dilute a bilateral agreement" || not_ok "--set cannot dilute a bilateral agreement" "$(cat "$TMP/err")"; }

# regimes: the summary line, a transition probability as an override, and swept
cat >"$TMP/regimes.lia" <<'LIA'
party A { need t 1; collect t 0.5; leak 0.1 }
party B { need t 1; collect t 0.5 }
topic t { common 0.5 }
agreement AB bilateral { members A, B; share A -> B t 1; share B -> A t 1 }
regime calm { }
regime crisis { set A.need.t = 1.6 }
regime war { set B.leak = 0.3 }
transition calm -> crisis 0.1
transition crisis -> calm 0.5
start crisis
LIA
run "check lists the regimes" 0 "$LIAISON" check "$TMP/regimes.lia" && {
  [ "$(cat "$TMP/out")" = "$TMP/regimes.lia: ok: bilateral agreement 'AB', 3 regimes (start crisis)" ] \
    && ok "check lists the regimes" || not_ok "check lists the regimes" "$(cat "$TMP/out")"; }
run "--set transition.FROM.TO" 0 "$LIAISON" check "$TMP/regimes.lia" --set transition.calm.war=0.9 \
  && ok "--set transition.FROM.TO"
run "--set transition: a row above 1" 2 "$LIAISON" check "$TMP/regimes.lia" --set transition.calm.war=0.95 && {
  grep -q "^--set:1:21: error: the transitions out of regime 'calm' sum to 1.05, more than 1" "$TMP/err" \
    && ok "--set transition: a row above 1" || not_ok "--set transition: a row above 1" "$(cat "$TMP/err")"; }
run "--set transition: no diagonal" 2 "$LIAISON" check "$TMP/regimes.lia" --set transition.calm.calm=0.5 && {
  grep -q "no constant or attribute 'transition.calm.calm'" "$TMP/err" \
    && ok "--set transition: no diagonal" || not_ok "--set transition: no diagonal" "$(cat "$TMP/err")"; }
run "sweep --vary transition.FROM.TO" 0 "$LIAISON" sweep "$TMP/regimes.lia" --vary transition.calm.crisis=0:1:3 \
  && ok "sweep --vary transition.FROM.TO"

# review findings, pinned
python3 - "$TMP/wide.lia" <<'PY'
import sys
n = 100000   # 100,000 one-strategy players: the nested JSON would be ~20 GB
with open(sys.argv[1], "w") as f:
    f.write("game wide normal {\n players " + ", ".join(f"P{i}" for i in range(n)) + "\n")
    for i in range(n): f.write(f" strategies P{i}: s\n")
    f.write(" payoff " + " ".join("s" for _ in range(n)) + ": " + ", ".join("1" for _ in range(n)) + "\n}\n")
PY
run "huge JSON is refused, not a crash" 2 "$LIAISON" compile "$TMP/wide.lia" --emit json && {
  grep -q "over the 1 GiB one output may take: write it in the NFG format \\[--emit nfg\\]" "$TMP/err" && ok "huge JSON is refused, not a crash" || not_ok "huge JSON is refused, not a crash" "$(cat "$TMP/err")"; }
run "100,000 players as nfg" 0 "$LIAISON" compile "$TMP/wide.lia" --emit nfg -o "$TMP/wide.nfg" && ok "100,000 players as nfg"

python3 - "$TMP/p70.lia" <<'PY'
import sys
n = 70
with open(sys.argv[1], "w") as f:
    f.write("game g normal {\n players " + ", ".join(f"P{i}" for i in range(n)) + "\n")
    for i in range(n): f.write(f" strategies P{i}: s\n")
    f.write(" payoff " + " ".join("s" for _ in range(n)) + ": " + ", ".join(str(i) for i in range(n)) + "\n}\n")
PY
run "text table keeps every player" 0 "$LIAISON" compile "$TMP/p70.lia" && {
  last=$(tail -1 "$TMP/out" | awk '{print $NF}')     # P69's payoff is 69
  [ "$last" = 69 ] && ok "text table keeps every player" || not_ok "text table keeps every player" "last column $last"; }

cat >"$TMP/inf.lia" <<'LIA'
party A { }
party B { }
agreement AB bilateral { members A, B
  facility f cost 0 value 1e299*1e9
  facility g cost 0 value 1e299*1e9 }
LIA
run "overflowing payoffs are an error" 2 "$LIAISON" compile "$TMP/inf.lia" --emit json && {
  grep -q 'overflow the range of doubles' "$TMP/err" && ok "overflowing payoffs are an error" || not_ok "overflowing payoffs are an error" "$(cat "$TMP/err")"; }
run "--memory-cap below a byte" 2 "$LIAISON" compile "$M" --memory-cap 0.5 && ok "--memory-cap below a byte"
run "--memory-cap nan" 2 "$LIAISON" compile "$M" --memory-cap nan && ok "--memory-cap nan"
run "no negative zero" 0 "$LIAISON" compile "$M" && {
  grep -qE '(^| )-0( |$)' "$TMP/out" && not_ok "no negative zero" "$(grep -E '(^| )-0( |$)' "$TMP/out")" || ok "no negative zero"; }

# nash: the CLI over lia_game_nash
run "nash pure on a model" 0 "$LIAISON" nash models/ukusa-1946.lia --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash pure on a model" || not_ok "nash pure on a model" "$(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
# UKUSA's stage game: withholding is the only stable profile (sharing is a repeated-game matter)
sys.exit(0 if d["method"] == "pure" and [e["strategies"] for e in d["equilibria"]] == [[[1, 0, 0], [1, 0, 0]]] else 1)
PY
}
# every method of the library is built: none is refused as missing
run "nash simpdiv on a model" 0 "$LIAISON" nash models/ukusa-1946.lia --method simpdiv --format json &&
  json_check "nash simpdiv on a model: withholding, as pure finds" "d['method'] == 'simpdiv' and [e['strategies'] for e in d['equilibria']] == [[[1, 0, 0], [1, 0, 0]]]"
run "nash of a coalitional game" 2 "$LIAISON" nash "$TMP/tu.lia" --game glove && ok "nash of a coalitional game"
run "nash lp on a zero-sum game" 0 "$LIAISON" nash "$CASES/games/N9_zs4x3.game" --method lp --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash lp on a zero-sum game" || not_ok "nash lp on a zero-sum game" "$(cat "$TMP/out")"
import json, sys
e = json.load(open(sys.argv[1]))["equilibria"]
x, y = e[0]["strategies"]          # Nashpy N9: x = (4/9, 2/9, 0, 1/3), y = (2/9, 4/9, 1/3), value 1/9
near = lambda a, b: all(abs(p - q) < 1e-9 for p, q in zip(a, b))
sys.exit(0 if len(e) == 1 and near(x, [4/9, 2/9, 0, 1/3]) and near(y, [2/9, 4/9, 1/3]) and abs(e[0]["payoffs"][0] - 1/9) < 1e-9 else 1)
PY
}
run "nash lp refuses a general game" 2 "$LIAISON" nash models/ukusa-1946.lia --method lp && ok "nash lp refuses a general game"
run "nash lh by label" 0 "$LIAISON" nash "$CASES/games/N6_vs3x2.game" --method lh --label 1 --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash lh by label" || not_ok "nash lh by label" "$(cat "$TMP/out")"
import json, sys
e = json.load(open(sys.argv[1]))["equilibria"]   # Nashpy N4, label 1: (0,1/3,2/3),(1/3,2/3)
x, y = e[0]["strategies"]
sys.exit(0 if len(e) == 1 and all(abs(a - b) < 1e-9 for a, b in zip(x + y, [0, 1/3, 2/3, 1/3, 2/3])) else 1)
PY
}
run "nash lh bad label" 2 "$LIAISON" nash "$CASES/games/N6_vs3x2.game" --method lh --label 5 && {
  grep -q "Lemke-Howson label 5 is out of range for 'N6_vs3x2' (3 x 2): labels run from 0 to 4" "$TMP/err" && ok "nash lh bad label" || not_ok "nash lh bad label" "$(cat "$TMP/err")"; }
run "nash lh label not a number" 2 "$LIAISON" nash "$CASES/games/N6_vs3x2.game" --method lh --label x && ok "nash lh label not a number"

# --- equilibria: every extreme equilibrium, exact output, CSV, and Lemke-Howson drift -----
run "nash all --exact, text" 0 "$LIAISON" nash "$CASES/games/N5_deg3x2.game" --method all --exact && {
  # von Stengel's degenerate 3x2 game: the mixed equilibrium (0,1/3,2/3; 1/3,2/3) pays 4 and 8/3,
  # and x = (1,0,0) against every y from (1,0) to (2/3,1/3) is one component of two extreme points
  grep -q '1=(0, 1/3, 2/3), 2=(1/3, 2/3)   payoffs 4, 8/3' "$TMP/out" && grep -q '^2 convex components' "$TMP/out" &&
    grep -Eq 'component [12], clique [12]: equilibria [0-9] [0-9]$' "$TMP/out" && ok "nash all --exact, text" ||
    not_ok "nash all --exact, text" "$(cat "$TMP/out")"; }
# without --exact the same equilibria read as decimals of four significant digits, no fractions
run "nash all, text decimals" 0 "$LIAISON" nash "$CASES/games/N5_deg3x2.game" --method all && {
  grep -q '^  [123]: 1=(0, 0\.3333, 0\.6667), 2=(0\.3333, 0\.6667)   payoffs 4, 2\.667$' "$TMP/out" &&
    grep -q '^  [123]: 1=1, 2=(0\.6667, 0\.3333)   payoffs 3, 3$' "$TMP/out" && ! grep -q '/' "$TMP/out" &&
    ! grep -q '666666' "$TMP/out" && ok "nash all, text decimals" || not_ok "nash all, text decimals" "$(cat "$TMP/out")"; }
# Lemke-Howson counts its memory against --memory-cap and says what it needs: von Stengel's 6x6
# game needs 4400 bytes for one label (test_lh.c adds them up), so 4 KiB is refused, 5 KiB runs
run "nash lh over --memory-cap" 2 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method lh --label 0 --memory-cap 4K &&
  { grep -q "Lemke-Howson on '.*' (6 x 6) needs 4.3 KiB, over the memory cap of 4 KiB" "$TMP/err" &&
    ok "nash lh over --memory-cap" || not_ok "nash lh over --memory-cap" "$(cat "$TMP/err")"; }
run "nash lh within --memory-cap" 0 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method lh --label 0 --memory-cap 5K &&
  ok "nash lh within --memory-cap"
# --threads: the same equilibria, in the same order, on 1 and 3 threads; bad counts refused
run "nash all --threads 1" 0 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method all --threads 1 && cp "$TMP/out" "$TMP/t1"
run "nash all --threads 3" 0 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method all --threads 3 &&
  { cmp -s "$TMP/out" "$TMP/t1" && grep -q '75 extreme equilibria' "$TMP/out" && ok "nash all --threads: same output" ||
    not_ok "nash all --threads: same output"; }
run "nash --threads 0" 2 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method all --threads 0 && ok "nash --threads 0 refused"
run "nash --threads with lh" 2 "$LIAISON" nash "$CASES/nfg/6x6_game_with_75_eq.nfg" --method lh --threads 2 &&
  { grep -q -- '--threads belongs to --method all' "$TMP/err" && ok "nash --threads belongs to all" || not_ok "nash --threads belongs to all" "$(cat "$TMP/err")"; }
# rounding noise is no amount: Lemke-Howson ends this game at y = (1/2, 1/2), where the first
# player's payoff -0.7/2 + 0.7/2 comes out as 1.4e-17 (JSON keeps the double; text reads 0)
printf '2 2\n\n-0.7 0.7\n-0.2 0.2\n\n0.6 -0.6\n-0.7 -0.7\n' >"$TMP/noise.game"
run "nash noise json" 0 "$LIAISON" nash "$TMP/noise.game" --method lh --format json &&
  json_check "nash noise json" "d['equilibria'][0]['payoffs'][0]!=0 and abs(d['equilibria'][0]['payoffs'][0])<1e-15"
run "nash noise text" 0 "$LIAISON" nash "$TMP/noise.game" --method lh && {
  grep -q '^  1: 1=2, 2=(0\.5, 0\.5)   payoffs 0, -0\.7$' "$TMP/out" && ! grep -q 'e-' "$TMP/out" &&
    ok "nash noise text" || not_ok "nash noise text" "$(cat "$TMP/out")"; }
run "nash csv" 0 "$LIAISON" nash "$CASES/games/N5_deg3x2.game" --method all --exact --format csv && {
  python3 - "$TMP/out" <<'PY' && ok "nash csv" || not_ok "nash csv" "$(cat "$TMP/out")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head = rows[0]
want = ["equilibrium", "1:1", "1:2", "1:3", "2:1", "2:2", "payoff:1", "payoff:2", "regret"]
mixed = [r for r in rows[1:] if r[1:8] == ["0", "1/3", "2/3", "1/3", "2/3", "4", "8/3"]]
sys.exit(0 if head == want and len(rows) == 4 and len(mixed) == 1 else 1)
PY
}
run "nash --exact needs method all" 2 "$LIAISON" nash "$CASES/games/N5_deg3x2.game" --exact && {
  grep -q -- '--exact belongs to --method all' "$TMP/err" && ok "nash --exact needs method all" || not_ok "nash --exact needs method all" "$(cat "$TMP/err")"; }
run "nash all of three players" 2 "$LIAISON" nash "$CASES/nfg/2x2x2.nfg" --method all && {
  grep -q "solves two-player games; '2x2x2' has 3 players" "$TMP/err" && ok "nash all of three players" || not_ok "nash all of three players" "$(cat "$TMP/err")"; }
# A 200x200 game (Python's random.Random(3), payoffs 0..999) whose path from label 261 used to
# drift into an infeasible basis after about 90,000 pivots and cycle for minutes; the tableau
# is now rebuilt from the payoffs periodically and ratios are compared cross-multiplied.
python3 - "$TMP/lh200.game" <<'PY'
import random, sys
r = random.Random(3); n = 200
with open(sys.argv[1], "w") as f:
    f.write(f"{n} {n}\n")
    for _ in range(2):
        f.write("\n" + "\n".join(" ".join(str(r.randint(0, 999)) for _ in range(n)) for _ in range(n)) + "\n")
PY
run "lh long path stays feasible" 0 timeout 120 "$LIAISON" nash "$TMP/lh200.game" --method lh --label 261 --format json && {
  python3 - "$TMP/out" <<'PY' && ok "lh long path stays feasible" || not_ok "lh long path stays feasible" "$(head -c 300 "$TMP/out")"
import json, sys
e = json.load(open(sys.argv[1]))["equilibria"]
sys.exit(0 if len(e) == 1 and e[0]["regret"] <= 1e-9 * 999 else 1)
PY
}

# --- solve: the report of every agreement ------------------------------------------------
run "solve text" 0 "$LIAISON" solve models/ukusa-1946.lia && {
  grep -q '^UKUSA: bilateral agreement of US, UK' "$TMP/out" && grep -q 'commitment: US=1, UK=1' "$TMP/out" &&
    ok "solve text" || not_ok "solve text" "$(cat "$TMP/out")"; }
# solve computes a two-player game's equilibria exactly for its JSON; its text, which has no
# --exact, reads them as decimals (battle of the sexes: the mixed one is (3/5, 2/5; 2/5, 3/5))
run "solve text decimals" 0 "$LIAISON" solve "$TMP/bos.lia" && {
  grep -q '^    3: P1=(0\.6, 0\.4), P2=(0\.4, 0\.6)   payoffs 1\.2, 1\.2$' "$TMP/out" && ! grep -q '[0-9]/[0-9]' "$TMP/out" &&
    ok "solve text decimals" || not_ok "solve text decimals" "$(cat "$TMP/out")"; }
run "solve json exact" 0 "$LIAISON" solve "$TMP/bos.lia" --format json &&
  json_check "solve json exact" "d['agreements'][0]['stage_game']['equilibria'][2]['exact']=={'strategies': [['3/5', '2/5'], ['2/5', '3/5']], 'payoffs': ['6/5', '6/5']}"
run "solve json" 0 "$LIAISON" solve models/soe-nkvd-1941.lia --format json && {
  python3 - "$TMP/out" <<'PY' && ok "solve json" || not_ok "solve json" "$(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
a = d["agreements"][0]
# SOE-NKVD stage game: 2x2, withholding dominant for both, so (0, 0) is the only equilibrium
ok = (a["name"] == "SOE_NKVD" and a["kind"] == "bilateral" and a["members"] == ["SOE", "NKVD"]
      and a["commitment"]["profile"] == ["1", "1"] and a["stage_game"]["class_of"] == "game"
      and [e["strategies"] for e in a["stage_game"]["equilibria"]] == [[[1, 0], [1, 0]]]
      and a["stage_game"]["method"] == "all")
sys.exit(0 if ok else 1)
PY
}
run "solve of a coalitional game" 2 "$LIAISON" solve "$TMP/tu.lia" --game glove && {
  grep -q 'coalitional game, which has no stage game' "$TMP/err" && ok "solve of a coalitional game" || not_ok "solve of a coalitional game" "$(cat "$TMP/err")"; }

# --- correlated equilibria and LP files ---------------------------------------------------
printf '2 2\n\n6 2\n7 0\n\n6 7\n2 0\n' > "$TMP/chicken.game"
run "nash --correlated" 0 "$LIAISON" nash "$TMP/chicken.game" --correlated --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash --correlated" || not_ok "nash --correlated" "$(cat "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["correlated"]
# Aumann's chicken: 1/2 on (C,C), 1/4 on each of (C,D), (D,C): welfare 12/2 + 9/4 + 9/4 = 10.5
near = lambda a, b: all(abs(p - q) < 1e-9 for p, q in zip(a, b))
ok = (len(d["equilibria"]) == 2 and not c["coarse"] and abs(c["welfare"] - 10.5) < 1e-9
      and near(c["distribution"], [0.5, 0.25, 0.25, 0]) and near(c["payoffs"], [5.25, 5.25]))
sys.exit(0 if ok else 1)
PY
}
# the correlated part of the text reads numbers too: the first player's worst correlated payoff
# in coord3 is 6/11 (0.5454545454545454 in JSON)
run "nash --correlated text" 0 "$LIAISON" nash "$CASES/nfg/coord3.nfg" --correlated && {
  grep -q '^  payoff range over all correlated equilibria Player 1 in \[0\.5455, 3\], Player 2 in \[0\.8, 4\]$' "$TMP/out" &&
    ok "nash --correlated text" || not_ok "nash --correlated text" "$(cat "$TMP/out")"; }
run "nash --coarse alone" 2 "$LIAISON" nash "$TMP/chicken.game" --coarse && ok "nash --coarse alone"
run "compile --emit lp" 0 "$LIAISON" compile "$TMP/chicken.game" --emit lp -o "$TMP/ce.lp" && {
  if command -v glpsol >/dev/null; then
    glpsol --lp "$TMP/ce.lp" -o "$TMP/ce.sol" >/dev/null 2>&1
    # glpsol re-solves the file: the optimum is the max welfare, 10.5
    grep -Eq 'Objective: +obj = 10\.5 ' "$TMP/ce.sol" && ok "compile --emit lp" || not_ok "compile --emit lp" "$(head -8 "$TMP/ce.sol")"
  else not_ok "compile --emit lp" "glpsol not installed (make deps installs glpk-utils)"; fi; }
run "compile --emit lp --maxmin" 0 "$LIAISON" compile "$TMP/chicken.game" --emit lp --maxmin 2 -o "$TMP/mm.lp" && {
  if command -v glpsol >/dev/null; then
    glpsol --lp "$TMP/mm.lp" -o "$TMP/mm.sol" >/dev/null 2>&1
    # player 2's security level in chicken: max_x min(6x1 + 7x2, 2x1) = 2 at x = (1, 0)
    grep -Eq 'Objective: +obj = 2 ' "$TMP/mm.sol" && ok "compile --emit lp --maxmin" || not_ok "compile --emit lp --maxmin" "$(head -8 "$TMP/mm.sol")"
  else not_ok "compile --emit lp --maxmin" "glpsol not installed (make deps installs glpk-utils)"; fi; }
run "compile --emit lp --maxmin unknown" 2 "$LIAISON" compile "$TMP/chicken.game" --emit lp --maxmin Nobody && {
  grep -q 'needs a player of the game' "$TMP/err" && ok "compile --emit lp --maxmin unknown" || not_ok "compile --emit lp --maxmin unknown" "$(cat "$TMP/err")"; }
run "compile --emit lp of a coalitional game" 2 "$LIAISON" compile "$TMP/tu.lia" --game glove --emit lp && ok "compile --emit lp of a coalitional game"

# --- n-player mixed methods ---------------------------------------------------------------
run "nash support, 3 players" 0 "$LIAISON" nash "$CASES/nfg/2x2x2.nfg" --method support --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash support, 3 players" || not_ok "nash support, 3 players" "$(head -c 400 "$TMP/out")"
import json, sys
e = json.load(open(sys.argv[1]))["equilibria"]
# tests/cases/README.md: 9 equilibria, among them (.4,.6; .5,.5; 1/3,2/3)
want = [0.4, 0.6, 0.5, 0.5, 1/3, 2/3]
hit = [x for x in e if all(abs(a - b) < 1e-9 for a, b in zip(sum(x["strategies"], []), want))]
sys.exit(0 if len(e) == 9 and len(hit) == 1 and all(x["regret"] <= 1e-8 for x in e) else 1)
PY
}
run "nash gnm, 3 players" 0 "$LIAISON" nash "$CASES/nfg/2x2x2.nfg" --method gnm --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash gnm, 3 players" || not_ok "nash gnm, 3 players" "$(head -c 400 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["method"] == "gnm" and len(d["equilibria"]) == 1 and d["equilibria"][0]["regret"] <= 1e-8 else 1)
PY
}
# simplicial subdivision: one equilibrium, verified, among support enumeration's full set on
# Gambit's 3-player examples (tests/cases/README.md)
for f in 2x2x2 2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq nau2004_sec5; do
  "$LIAISON" nash "$CASES/nfg/$f.nfg" --method support --format json >"$TMP/support.json" 2>/dev/null
  run "nash simpdiv $f" 0 "$LIAISON" nash "$CASES/nfg/$f.nfg" --method simpdiv --format json &&
    json_check "nash simpdiv $f: one verified equilibrium, one of support's" "d['method'] == 'simpdiv' and len(d['equilibria']) == 1 and d['equilibria'][0]['regret'] <= 1e-8 and any(near(sum(e['strategies'], []), sum(d['equilibria'][0]['strategies'], []), 1e-9) for e in json.load(open('$TMP/support.json'))['equilibria'])"
done
# local max cut: its three published equilibria (the README), simpdiv ends at one
run "nash simpdiv local max cut" 0 "$LIAISON" nash "$CASES/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg" --method simpdiv --format json &&
  json_check "nash simpdiv local max cut: a published equilibrium" "any(near(sum(d['equilibria'][0]['strategies'], []), w, 1e-9) for w in ([1,0,0,1,1,0], [0,1,1,0,0,1], [.5]*6))"
# three-player cyclic pennies, solved by hand (tests/unit/test_simpdiv.c gives the arithmetic):
# A matches B, B matches C, C mismatches A; the only equilibrium is A = (1/5, 4/5),
# B = (1/3, 2/3), C = (3/4, 1/4). simpdiv and gnm both end there.
cat >"$TMP/cyc.lia" <<'LIA'
game cyc normal { players A, B, C; strategies A: H, T; strategies B: H, T; strategies C: H, T
  payoff H H H: 2,1,0; payoff T H H: 0,1,1; payoff H T H: 0,0,0; payoff T T H: 1,0,1
  payoff H H T: 2,0,4; payoff T H T: 0,0,0; payoff H T T: 0,3,4; payoff T T T: 1,3,0 }
LIA
for m in simpdiv gnm; do
  run "nash $m cyclic pennies" 0 "$LIAISON" nash "$TMP/cyc.lia" --method $m --format json &&
    json_check "nash $m cyclic pennies: the unique equilibrium" "len(d['equilibria']) == 1 and near(sum(d['equilibria'][0]['strategies'], []), [0.2, 0.8, 1/3, 2/3, 0.75, 0.25], 1e-12)"
done
# O'Neill's game: its unique equilibrium (2/5, 1/5, 1/5, 1/5) for both
run "nash simpdiv oneill" 0 "$LIAISON" nash "$CASES/nfg/oneill.nfg" --method simpdiv --format json &&
  json_check "nash simpdiv oneill: the unique equilibrium" "len(d['equilibria']) == 1 and near(sum(d['equilibria'][0]['strategies'], []), [.4, .2, .2, .2] * 2, 1e-12)"
run "nash qre path" 0 "$LIAISON" nash "$CASES/nfg/coord3.nfg" --method qre --format json && {
  python3 - "$TMP/out" <<'PY' && ok "nash qre path" || not_ok "nash qre path" "$(head -c 400 "$TMP/out")"
import json, sys
d = json.load(open(sys.argv[1]))
path = d["qre_path"]
lams = [p["lambda"] for p in path]
# the path starts near uniform play and its lambdas grow; it ends at a verified equilibrium
first = sum(path[0]["strategies"], [])
ok = (len(d["equilibria"]) == 1 and d["equilibria"][0]["regret"] <= 1e-8 and len(path) >= 10
      and lams == sorted(lams) and all(abs(p - 1/3) < 0.05 for p in first))
sys.exit(0 if ok else 1)
PY
}

# .nfg numbers in the forms Gambit writes without a digit on one side of the point (issue 17)
printf 'NFG 1 R "t" { "A" "B" } { 2 2 }\n.5 -.5 2. 1 0 0 1e0 2.e-1\n' > "$TMP/bare.nfg"
run "nfg bare points" 0 "$LIAISON" compile "$TMP/bare.nfg" --emit json &&
  json_check "nfg bare points" "d['payoffs_exact']==[[['1/2','0'],['2','1']],[['-1/2','0'],['1','1/5']]]"
printf 'NFG 1 R "t" { "A" "B" } { 2 2 }\n. 1 0 0 1 0 0 1\n' > "$TMP/dot.nfg"
run "nfg lone point" 2 "$LIAISON" check "$TMP/dot.nfg" && { grep -q "expected a number, found '.'" "$TMP/err" && ok "nfg lone point" || not_ok "nfg lone point" "$(cat "$TMP/err")"; }
