#!/usr/bin/env bash
# hostile.sh — regression tests for issue 17 (reliability under hostile and extreme input):
# every run ends with a true answer or a clear refusal (exit 2), JSON is always strict
# (no NaN/Infinity, valid UTF-8), outputs are never half-written.
. "$(dirname "$0")/lib.bash"
H=tests/malformed/hostile

# strict_json NAME FILE: FILE parses as JSON with no NaN/Infinity and is valid UTF-8.
strict_json() {
  if python3 - "$2" 2>"$TMP/py" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")                                   # raises on invalid UTF-8
def bad(c): raise ValueError("non-finite constant " + c)
json.loads(raw, parse_constant=bad)
PY
  then ok "$1"; else not_ok "$1" "$(head -c 300 "$2")" "$(tail -2 "$TMP/py")"; fi
}

# refused NAME TEXT CMD...: exit 2, nothing on stdout, TEXT in the message.
refused() {
  local name=$1 text=$2; shift 2
  run "$name" 2 "$@" || return
  if [ -s "$TMP/out" ]; then not_ok "$name" "printed an answer: $(head -c 200 "$TMP/out")"; return; fi
  grep -qF -- "$text" "$TMP/err" && ok "$name" || not_ok "$name" "wanted '$text'" "$(head -3 "$TMP/err")"
}

## item 2: payoffs beyond what a double can difference are refused, never "solved"
refused "nfg 1e308 vs -1e308 refused" "out of range (numbers must lie strictly within +-1e300)" \
  "$LIAISON" nash "$H/span.nfg" --format json
refused ".lia payoff 1e299*1e9 refused" "a payoff of R is 1e+308, outside +-1e300" \
  "$LIAISON" nash "$H/span-computed.lia" --format json
refused ".lia coalition value 1e299*1e9 refused" "value is 1e+308, outside +-1e300" \
  "$LIAISON" share "$H/span-tu.lia" --format json
printf '2 2\n1e308 -1e308\n-1e308 1e308\n\n-1e308 1e308\n1e308 -1e308\n' >"$TMP/span.lrs"
refused "lrs 1e308 refused" "out of range" "$LIAISON" nash "$TMP/span.lrs"
# matching pennies at +-9e299 is still representable: the one equilibrium (1/2, 1/2) and no
# pure one (the game has none: each player wants to mismatch the other's choice)
for m in pure all lp support simpdiv gnm; do
  run "9e299 pennies --method $m" 0 "$LIAISON" nash "$H/span-ok.nfg" --format json --method $m &&
    json_check "9e299 pennies --method $m: (1/2,1/2) only" \
      "[len(d['equilibria'])] == ([0] if '$m' == 'pure' else [1]) and all(near(sum(e['strategies'], []), [0.5]*4, 1e-12) for e in d['equilibria'])"
done

## item 5: output files appear whole, only when the whole command succeeded
AB=tests/cases/repeat/ab-sweep.lia
OUT="$TMP/out-dir"; mkdir -p "$OUT"
no_leftovers() {   # NAME: the output directory holds exactly the files named after NAME
  local name=$1; shift
  local have; have=$(cd "$OUT" && ls -A | sort | tr '\n' ' ')
  local want; want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')
  [ "$have" = "$want" ] && ok "$name" || not_ok "$name" "directory holds '$have', wanted '$want'"
}
run "sweep -o --csv --plot" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:5 -o "$OUT/r.txt" --csv "$OUT/g.csv" --plot "$OUT/p.svg" &&
  no_leftovers "three outputs, no temporary files left" r.txt g.csv p.svg
rm -f "$OUT"/*
# a --plot that cannot be written: the --csv before it must not appear either
run "csv then failing plot" 2 "$LIAISON" sweep $AB --vary s=0.2:0.4:5 --csv "$OUT/g.csv" --plot "$OUT/no/such/p.svg" &&
  no_leftovers "failing --plot leaves no --csv" ""
refused "-o and --csv the same file" "both name" \
  "$LIAISON" sweep $AB --vary s=0.2:0.4:5 -o "$OUT/x.csv" --csv "$OUT/./x.csv"
no_leftovers "refused same path writes nothing" ""
# a write that fails half-way: 75 equilibria, about 32 KB of JSON, under a file size limit
# of 2 KiB (ulimit -f counts 512-byte blocks); SIGXFSZ ignored so write() gets EFBIG
( trap "" XFSZ; ulimit -f 4; exec "$LIAISON" nash tests/cases/nfg/6x6_game_with_75_eq.nfg --method all --format json -o "$OUT/big.json" ) >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] && grep -q 'write to .* failed' "$TMP/err" && ok "failed write: exit 3" || not_ok "failed write: exit 3" "rc=$rc" "$(cat "$TMP/err")"
no_leftovers "failed write leaves no partial file" ""
# an existing file survives a failed run unchanged
echo "precious" >"$OUT/keep.json"
run "failed run keeps the old file" 2 "$LIAISON" nash "$H/span.nfg" -o "$OUT/keep.json" &&
  { [ "$(cat "$OUT/keep.json")" = precious ] && ok "old file unchanged" || not_ok "old file unchanged" "$(head -c 100 "$OUT/keep.json")"; }
# symbolic links to files are refused, not followed: the target stays as it was
echo "target" >"$TMP/target"; ln -s "$TMP/target" "$OUT/link.json"
refused "-o through a symlink refused" "symbolic link" "$LIAISON" compile models/ukusa-1946.lia --emit json -o "$OUT/link.json"
[ "$(cat "$TMP/target")" = target ] && [ -L "$OUT/link.json" ] && ok "symlink target untouched" || not_ok "symlink target untouched"
rm -f "$OUT"/*
# devices are written directly
run "-o /dev/null" 0 "$LIAISON" compile models/ukusa-1946.lia -o /dev/null && ok "-o /dev/null"
run "-o /dev/stdout" 0 "$LIAISON" compile models/ukusa-1946.lia --emit json -o /dev/stdout && strict_json "-o /dev/stdout is the JSON" "$TMP/out"
# a fresh file gets the permissions of an ordinary creation (umask 022: 644), not mkstemp's 600
( umask 022; "$LIAISON" compile models/ukusa-1946.lia -o "$OUT/m.txt" )
[ "$(stat -c %a "$OUT/m.txt")" = 644 ] && ok "output mode 644 under umask 022" || not_ok "output mode" "$(stat -c %a "$OUT/m.txt")"
rm -f "$OUT"/*

## item 5: CSV is RFC 4180 ("" inside quotes, never \")
printf 'NFG 1 R "q" { "A \\"x\\", y" "B" } { 2 2 }\n3 3 0 5 5 0 1 1\n' >"$TMP/q.nfg"
run "share csv of a quoted name" 0 "$LIAISON" share "$TMP/q.nfg" --format csv && {
  if python3 -c "import csv,sys; r=list(csv.reader(open('$TMP/out'))); sys.exit(0 if [x[0] for x in r] == ['player', 'A \"x\", y', 'B'] else 1)" &&
     ! grep -qF '\"' "$TMP/out"; then ok "share csv: RFC 4180 quoting"; else not_ok "share csv: RFC 4180 quoting" "$(cat "$TMP/out")"; fi; }
run "nash csv of a quoted name" 0 "$LIAISON" nash "$TMP/q.nfg" --format csv && {
  python3 -c "import csv,sys; r=list(csv.reader(open('$TMP/out'))); sys.exit(0 if r[0][1] == 'A \"x\", y:1' else 1)" &&
    ok "nash csv: RFC 4180 quoting" || not_ok "nash csv: RFC 4180 quoting" "$(cat "$TMP/out")"; }

## item 6: text that is not UTF-8 is diagnosed at its byte; JSON is always UTF-8
printf 'NFG 1 R "ti\377tle" { "A" "B" } { 1 1 }\n1 2\n' >"$TMP/u.nfg"
refused ".nfg title with byte 0xFF" "u.nfg:1:12: error: byte 0xFF in a string is not UTF-8" "$LIAISON" nash "$TMP/u.nfg" --format json
printf 'NFG 1 R "t" { "A" "B\303" } { 1 1 }\n1 2\n' >"$TMP/u2.nfg"
refused ".nfg name with a truncated sequence" "u2.nfg:1:21: error: byte 0xC3 in a string is not UTF-8" "$LIAISON" check "$TMP/u2.nfg"
printf 'model "caf\351"\nparty A { leak 0.1 }\n' >"$TMP/u.lia"
refused ".lia title in Latin-1" "u.lia:1:11: error: byte 0xE9 in a string is not UTF-8" "$LIAISON" check "$TMP/u.lia"
# well-formed UTF-8 (2, 3 and 4 bytes) passes through to JSON unchanged
printf 'NFG 1 R "caf\303\251 \342\202\254 \360\235\204\236" { "\303\251" "B" } { 1 1 }\n1 2\n' >"$TMP/ok.nfg"
run "UTF-8 names pass" 0 "$LIAISON" nash "$TMP/ok.nfg" --format json && strict_json "UTF-8 names: strict JSON" "$TMP/out" &&
  json_check "UTF-8 names unchanged" "d['game'] == 'ok' and d['players'] == ['\u00e9', 'B']"

## item 3: reading and memory
# /dev/zero is endless: refused once it passes the input limit, quickly, with the reason
start=$(date +%s%N)
refused "check /dev/zero" "cannot read /dev/zero: it is larger than 256 MiB" "$LIAISON" check /dev/zero
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -lt 10000 ] && ok "check /dev/zero ends in ${ms} ms" || not_ok "check /dev/zero ends quickly" "${ms} ms"
# under --memory-cap 1M a 20 MB file is refused before it is read whole: beyond the 16 MiB
# every model may use for reading (LIA_READ_BASE_BYTES)
head -c 20000000 /dev/zero | tr '\0' ' ' >"$TMP/blank.lia"
refused "file over the cap" "larger than 16 MiB, the most a model file may hold under the memory cap" \
  "$LIAISON" check "$TMP/blank.lia" --memory-cap 1M
rm -f "$TMP/blank.lia"
# an outcome-form .nfg naming one outcome for 4000 x 4000 profiles: 32e6 payoffs of 24 bytes
# = 768e6 bytes = 732.4 MiB plus the file's 32 MB text = 762.9 MiB (763 MiB to three digits), refused at its sizes
python3 - "$TMP/out4k.nfg" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('NFG 1 R "big" { "A" "B" } { 4000 4000 }\n{ { "o" 1, 2 } }\n')
    f.write(" ".join(["1"] * 16000000) + "\n")
PY
refused ".nfg table over --memory-cap 100M" "out4k.nfg:1:27: error: the game's 32000000 payoffs would need 763 MiB" \
  "$LIAISON" nash "$TMP/out4k.nfg" --memory-cap 100M

## item 8: a 5,000-voter weighted voting game under the default share: what can be computed is,
## what cannot becomes a note with its real reason
python3 - "$TMP/vote5k.lia" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("game v voting {\n  quota 7500\n  weights ")
    f.write(", ".join(f"P{i} {1 + i % 5}" for i in range(5000)) + "\n}\n")
PY
run "5000 voters: default share" 0 "$LIAISON" share "$TMP/vote5k.lia" --format json && {
  strict_json "5000 voters: strict JSON" "$TMP/out"
  # Banzhaf: sums to 1; with 1000 voters of each weight 1..5 and a quota of half the total,
  # a voter's swing probability is close to proportional to its weight (Penrose's limit):
  # weight 2 swings twice as often as weight 1 to within 1%
  json_check "5000 voters: Banzhaf index" "abs(sum(d['banzhaf']) - 1) < 1e-9 and abs(d['banzhaf'][1] / d['banzhaf'][0] - 2) < 0.01"
  json_check "5000 voters: Shapley by sampling, sums to v(N) = 1 (one pivot per order)" "abs(sum(d['shapley_mc']['values']) - 1) < 1e-9"
  json_check "5000 voters: notes give the real reasons" \
    "any(n['rule'] == 'shapley' and 'work limit' in n['reason'] for n in d['notes']) and not any('tabulate' in n['reason'] for n in d['notes'] if n['rule'] == 'shapley')"
}
refused "5000 voters: Shapley-Shubik by name" "work limit" "$LIAISON" share "$TMP/vote5k.lia" --method shapley

## item 3: a sweep grid beyond the cap is refused before it is allocated, with its size
# 10^8 points x (a record's fixed part, then 5 double and 4 int arrays per member, each at
# least one 16-byte block): at least 10^8 x 9 x 16 B = 13.4 GiB, and a record is far below
# 1 KiB, so under 10^8 x 1 KiB = 95.4 GiB
start=$(date +%s%N)
"$LIAISON" sweep tests/cases/repeat/ab-sweep.lia --vary s=0:1:100000000 --memory-cap 1M >"$TMP/out" 2>"$TMP/err"; rc=$?
need=$(grep -Eo 'a grid of 100000000 points needs [0-9.]+ GiB for its results, over the memory cap of 1 MiB' "$TMP/err" | grep -Eo '[0-9.]+ GiB' | grep -Eo '[0-9.]+')
[ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && [ -n "$need" ] && python3 -c "import sys; sys.exit(not 13.4 <= $need <= 95.4)" &&
  ok "10^8-point sweep under --memory-cap 1M" || not_ok "10^8-point sweep under --memory-cap 1M" "rc=$rc $(cat "$TMP/err")"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -lt 5000 ] && ok "refused in ${ms} ms" || not_ok "refused early" "${ms} ms"

## item 4: a fully degenerate agreement (2 parties, 100 levels, nothing shared: every payoff 0)
## has every profile as an equilibrium; read off the structure, not enumerated (was 82 s)
python3 - "$TMP/const.lia" <<'PY'
import sys
lv = ", ".join(["0"] + [f"{i}/99" for i in range(1, 99)] + ["1"])
open(sys.argv[1], "w").write(f"party A {{ }}\nparty B {{ }}\nagreement AB bilateral {{\n  members A, B\n  levels {lv}\n}}\n")
PY
start=$(date +%s%N)
run "constant 2 x 100: solve" 0 "$LIAISON" solve "$TMP/const.lia" --format json && strict_json "constant 2 x 100: solve JSON" "$TMP/out"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $ms -lt 30000 ] && ok "constant 2 x 100: solve in ${ms} ms" || not_ok "constant 2 x 100: solve fast" "${ms} ms"
# the extreme equilibria are the 100 x 100 pure profiles, one component, one clique of all
run "constant 2 x 100: nash --method all" 0 "$LIAISON" nash "$TMP/const.lia" --method all --format json &&
  json_check "constant 2 x 100: 10,000 pure profiles, one clique" \
    "len(d['equilibria']) == 10000 and len(set(tuple(e['strategies'][0] + e['strategies'][1]) for e in d['equilibria'])) == 10000 and all(sorted(e['strategies'][0]) == [0]*99 + [1] for e in d['equilibria']) and len(d['components']) == 1 and len(d['components'][0]['cliques']) == 1 and len(d['components'][0]['cliques'][0]['equilibria']) == 10000"

## item 8: support enumeration's limit is its measured time, and the refusal says so
random_nfg "$TMP/r15.nfg" r 15 15
# C(30, 15) - 1 = 155117519 pairs at about 1.8 us: 279.2 s = 4.65 minutes, over the limit of 5e7
refused "15 x 15 support enumeration refused for its time" "could examine 1.55e+08 support pairs, about 4.65 minutes" \
  "$LIAISON" nash "$TMP/r15.nfg" --method support
grep -q "memory" "$TMP/err" && not_ok "refusal does not blame memory" "$(cat "$TMP/err")" || ok "refusal does not blame memory"

## item 3: --memory-cap reaches vertex enumeration and the correlated LP (was a fixed 1 GiB).
# The enumeration stores only the vertices that may have a partner (partners.c's filter), so
# this 15 x 15 game fits in 1 MiB (it used to be refused there) and in 64 KiB (refused until
# each job stopped taking a 4 KiB vertex list for the vertices it drops), but not in 16 KiB
run "--method all under --memory-cap 1M" 0 "$LIAISON" nash "$TMP/r15.nfg" --method all --memory-cap 1M
run "--method all under --memory-cap 64K" 0 "$LIAISON" nash "$TMP/r15.nfg" --method all --memory-cap 64K
refused "--method all under --memory-cap 16K" "too many vertices to enumerate within the memory cap of 16 KiB" \
  "$LIAISON" nash "$TMP/r15.nfg" --method all --memory-cap 16K
run "--method all, default cap" 0 "$LIAISON" nash "$TMP/r15.nfg" --method all --format json && strict_json "--method all: strict JSON" "$TMP/out"
refused "--correlated under --memory-cap 50K" "correlated-equilibrium LP of 'r15' would exceed the memory cap of 50 KiB" \
  "$LIAISON" nash "$TMP/r15.nfg" --correlated --memory-cap 50K

## item 4: a payoff is read as rounding noise against what it sums, not against the game's
# largest payoff: the pure equilibrium (2, 2) pays exactly 5 and 1e20, (1, 2) 3 and 4, where
# noise below 1e-9 of 1e20 used to print both 5 and 3 as 0
printf '2 2\n\n1e20 3\n4 5\n\n3 4\n5 1e20\n' >"$TMP/huge.game"
run "payoffs 5 beside 1e20" 0 "$LIAISON" nash "$TMP/huge.game" --method all && {
  grep -q "1=2, 2=2   payoffs 5, 1e+20" "$TMP/out" && grep -q "1=1, 2=2   payoffs 3, 4" "$TMP/out" &&
    ok "payoffs 5 and 3 beside 1e20: read as 5 and 3" || not_ok "payoffs beside 1e20" "$(cat "$TMP/out")"; }
# the same for the correlated equilibrium: all its weight on (1, 1), where the second player gets
# exactly 3, and the second player's range from 3 (that CE) to 1e20 (the pure equilibrium (2, 2))
run "correlated payoffs beside 1e20" 0 "$LIAISON" nash "$TMP/huge.game" --correlated && {
  grep -q "payoffs 1=1e+20, 2=3$" "$TMP/out" && grep -q "2 in \[3, 1e+20\]" "$TMP/out" &&
    ok "correlated payoff 3 beside 1e20: read as 3" || not_ok "correlated payoffs beside 1e20" "$(cat "$TMP/out")"; }
# and the correlated LP solves beside such payoffs: column 4 strictly dominates for the second
# player (8 > 7, 4, 0 against row 1; 8 > 7, 3, 3 against row 2), and against it row 1's 9 beats
# -1e20, so the only correlated equilibrium is (1, 4), paying 9 and 8. The LP's coefficients
# of 6e-20 (payoffs 2 and 8 beside -1e20, mapped) made GLPK call it infeasible: exit 3
printf '2 4\n\n8 2 5 9\n7 9 1 -1e20\n\n0 7 4 8\n3 3 7 8\n' >"$TMP/ce1.game"
run "correlated LP beside -1e20" 0 "$LIAISON" nash "$TMP/ce1.game" --correlated && {
  grep -q "welfare 17$" "$TMP/out" && grep -q "^  1  (1, 4)$" "$TMP/out" && grep -q "1 in \[9, 9\], 2 in \[8, 8\]" "$TMP/out" &&
    ok "correlated LP beside -1e20: (1, 4), payoffs 9 and 8" || not_ok "correlated LP beside -1e20" "$(cat "$TMP/out")"; }
# mixed equilibria: the noise a payoff can carry is about 1e-14 of what it sums, not 1e-9.
# Matching pennies at +-1e6 where the row player gets 1e-4 more in every cell: at (1/2, 1/2)
# each it gets (1000000.0001 - 999999.9999) / 2 = 0.0001, the column player 0; the same at
# +-1e10 with the row player 1 and the column player 3 more: payoffs 1 and 3 (both read 0)
printf '2 2\n\n1000000.0001 -999999.9999\n-999999.9999 1000000.0001\n\n-1000000 1000000\n1000000 -1000000\n' >"$TMP/mp6.game"
printf '2 2\n\n10000000001 -9999999999\n-9999999999 10000000001\n\n-9999999997 10000000003\n10000000003 -9999999997\n' >"$TMP/mp10.game"
run "mixed payoff 1e-4 on terms of 1e6" 0 "$LIAISON" nash "$TMP/mp6.game" --method all && {
  grep -q "payoffs 0.0001, 0$" "$TMP/out" && ok "mixed payoff 1e-4 on terms of 1e6: read as 0.0001" ||
    not_ok "mixed payoff 1e-4 on terms of 1e6" "$(cat "$TMP/out")"; }
for method in all lh support; do
  run "mixed payoffs 1 and 3 on terms of 1e10, $method" 0 "$LIAISON" nash "$TMP/mp10.game" --method $method && {
    grep -q "payoffs 1, 3$" "$TMP/out" && ok "mixed payoffs 1 and 3 on terms of 1e10 ($method)" ||
      not_ok "mixed payoffs 1 and 3 on terms of 1e10 ($method)" "$(cat "$TMP/out")"; }
done
# --exact: a probability of 2e17/(2e17 + 1) is 1 as a double, but the strategy is mixed: the
# second player's (2e17/(2e17+1), 1/(2e17+1)) in the mixed equilibrium of this game
printf '2 2\n\n5 0\n0 1000000000000000000\n\n3 0\n0 0.000000000001\n' >"$TMP/nearly.game"
run "--exact: nearly pure is mixed" 0 "$LIAISON" nash "$TMP/nearly.game" --method all --exact && {
  grep -qF "2=(200000000000000000/200000000000000001, 1/200000000000000001)" "$TMP/out" &&
    ok "--exact: nearly pure printed as its fractions" || not_ok "--exact: nearly pure is mixed" "$(cat "$TMP/out")"; }
