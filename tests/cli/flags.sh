#!/usr/bin/env bash
# flags.sh — every command refuses every flag it does not take (exit 2, naming the flag and the
# command), accepts each flag it takes, and its --help lists exactly those; "did you mean" for
# commands, flags, values, --game names and --set/--vary/--range paths.
#
# The table below is this test's own account of what each command reads (written from the
# cmd_*.c files, not from solver/cli/commands.c), so a flag dropped from or added to a
# command's table without reason fails here.
. "$(dirname "$0")/lib.bash"
M=models/ukusa-1946.lia

declare -A TAKES=(
  [check]="--set --memory-cap"
  [compile]="--game --emit --maxmin --coarse --set --memory-cap -o"
  [nash]="--game --method --label --exact --threads --correlated --coarse --format --set --memory-cap -o"
  [solve]="--game --monitor --format --vary --threads --tolerance --no-refine --set --memory-cap -o"
  [share]="--game --method --samples --seed --confidence --disagreement --format --set --memory-cap -o"
  [repeat]="--game --target --delta --punish --monitor --format --set --memory-cap -o"
  [sweep]="--game --vary --csv --plot --threads --tolerance --no-refine --monitor --format --set --memory-cap -o"
  [compare]="--game --format --set --memory-cap -o"
  [params]="--format --set --memory-cap -o"
  [explore]="--game --design --samples --seed --range --delta --threads --store --resume --shard --merge --plot --target --format --set --memory-cap -o"
)
ALL=$(for c in "${!TAKES[@]}"; do echo ${TAKES[$c]}; done | tr ' ' '\n' | sort -u)

# 1. every command x every flag of any command that it does not take: exit 2, flag and command named
refused=0 wrong=""
for c in "${!TAKES[@]}"; do
  for f in $ALL; do
    case " ${TAKES[$c]} " in *" $f "*) continue ;; esac
    timeout 20 "$LIAISON" "$c" "$M" "$f" 1 >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ $rc -ne 2 ] || ! grep -q -- "liaison $c: $f is not an option of $c" "$TMP/err" || [ -s "$TMP/out" ]; then
      wrong+=" $c$f(rc=$rc)"
    fi
    refused=$((refused + 1))
  done
done
[ -z "$wrong" ] && ok "every command refuses each of the $refused flags it does not take" \
  || not_ok "every command refuses each flag it does not take" "$wrong"

# the three the issue names, which used to exit 0 with the flag ignored
run "solve --delta" 2 "$LIAISON" solve "$M" --delta 0.5 && ok "solve --delta"
run "compile --target" 2 "$LIAISON" compile "$M" --target 1,1 && ok "compile --target"
run "sweep --punish" 2 "$LIAISON" sweep tests/cases/repeat/pd.lia --vary A.patience=0.1:0.9:3 --punish minmax && ok "sweep --punish"
# --output is -o's other name; refused by name where -o is
run "check --output" 2 "$LIAISON" check "$M" --output x && {
  grep -q -- "--output is not an option of check" "$TMP/err" && ok "check --output" || not_ok "check --output" "$(cat "$TMP/err")"; }

# 2. each flag a command takes is parsed (it may still refuse the value 1, but never the flag)
wrong=""
for c in "${!TAKES[@]}"; do
  for f in ${TAKES[$c]}; do
    # the value 1 given to -o or --store would be a file named "1" in the caller's folder
    arg=1; case $f in -o|--store|--plot) arg="$TMP/1" ;; esac
    timeout 60 "$LIAISON" "$c" "$M" "$f" "$arg" >"$TMP/out" 2>"$TMP/err"
    grep -qE -- "is not an option|unknown option|not kept" "$TMP/err" && wrong+=" $c$f"
  done
done
[ -z "$wrong" ] && ok "every command parses each flag it takes" || not_ok "every command parses each flag it takes" "$wrong"

# 3. COMMAND --help: exit 0 on stdout, its own usage, each of its flags and none of the others
wrong=""
for c in "${!TAKES[@]}"; do
  "$LIAISON" "$c" --help >"$TMP/out" 2>"$TMP/err" || { wrong+=" $c(rc)"; continue; }
  grep -q "^usage: liaison $c " "$TMP/out" || wrong+=" $c(usage)"
  listed=$(grep -oE '^  (--?[a-z-]+)' "$TMP/out" | tr -d ' ' | grep -v -- '--help' | sort -u)
  want=$(echo ${TAKES[$c]} | tr ' ' '\n' | sort -u)
  [ "$listed" = "$want" ] || wrong+=" $c(lists: $(echo $listed))"
done
[ -z "$wrong" ] && ok "each command's --help lists exactly its flags" || not_ok "each command's --help lists exactly its flags" "$wrong"
run "sweep --help is sweep's" 0 "$LIAISON" sweep --help && {
  grep -q -- '--vary NAME=FROM:TO:STEPS' "$TMP/out" && ! grep -q '^commands:' "$TMP/out" && ok "sweep --help is sweep's" \
    || not_ok "sweep --help is sweep's" "$(head -5 "$TMP/out")"; }
run "help sweep" 0 "$LIAISON" help sweep && { grep -q '^usage: liaison sweep ' "$TMP/out" && ok "help sweep" || not_ok "help sweep"; }
# nash --help names every method of the library (all built)
run "nash --help methods" 0 "$LIAISON" nash --help && {
  tr '\n' ' ' <"$TMP/out" | tr -s ' ' | grep -q 'one of: pure, lp, lh, all, support, simpdiv, qre, gnm' &&
  grep -q -- '--correlated' "$TMP/out" && grep -q -- '--threads N' "$TMP/out" && ok "nash --help methods" \
    || not_ok "nash --help methods" "$(cat "$TMP/out")"; }
# ... and says in one line what each finds (simpdiv was once only a name there)
for m in pure lp lh all support simpdiv qre gnm; do
  grep -qE "^ {35}$m +[a-z]" "$TMP/out" || wrong_m="$wrong_m $m"
done
[ -z "$wrong_m" ] && grep -qE '^ +simpdiv +one equilibrium by simplicial subdivision, any players$' "$TMP/out" &&
  ok "nash --help: one line per method" || not_ok "nash --help: one line per method" "no line for:$wrong_m"
run "share --help rules" 0 "$LIAISON" share --help && {
  grep -q 'rules: shapley, banzhaf, nucleolus, prenucleolus, least_core, core,' "$TMP/out" && grep -q 'bargaining, all' "$TMP/out" &&
  ok "share --help rules" || not_ok "share --help rules" "$(cat "$TMP/out")"; }
# the general help: one line per command
run "--help commands" 0 "$LIAISON" --help && {
  n=$(grep -cE '^  (check|compile|nash|solve|share|repeat|sweep|compare|params|explore) ' "$TMP/out")
  [ "$n" = 10 ] && ok "--help commands" || not_ok "--help commands" "$n lines" "$(cat "$TMP/out")"; }

# 4. did you mean
expect() {   # NAME PATTERN CMD...: exit 2 and PATTERN on stderr
  local name=$1 pat=$2; shift 2
  run "$name" 2 "$@" && { grep -q -- "$pat" "$TMP/err" && ok "$name" || not_ok "$name" "$(cat "$TMP/err")"; }
}
expect "command solv" "unknown command 'solv'; did you mean solve?" "$LIAISON" solv "$M"
expect "command far off" "unknown command 'frobnicate'" "$LIAISON" frobnicate
expect "flag --forma" "unknown option '--forma'; did you mean --format?" "$LIAISON" solve "$M" --forma json
expect "flag --forma=json" "unknown option '--forma'; did you mean --format?" "$LIAISON" solve "$M" --forma=json
expect "switch with a value" "--exact takes no value" "$LIAISON" nash "$M" --exact=1
expect "--method lhh" "unknown --method 'lhh'; did you mean lh?" "$LIAISON" nash "$M" --method lhh
expect "--design lsh" "unknown --design 'lsh'; did you mean lhs?" "$LIAISON" explore "$M" --design lsh --samples 2
expect "--format jsn" "unknown --format 'jsn'; did you mean json? (text, json or html)" "$LIAISON" solve "$M" --format jsn
expect "--emit nfgg" "unknown --emit 'nfgg'; did you mean nfg?" "$LIAISON" compile "$M" --emit nfgg
expect "--punish minmx" "unknown --punish 'minmx'; did you mean minmax?" "$LIAISON" repeat tests/cases/repeat/pd.lia --punish minmx
expect "--game UKUSB" "has no agreement or game named 'UKUSB'; did you mean 'UKUSA'?" "$LIAISON" solve "$M" --game UKUSB
expect "--game far off" "has no agreement or game named 'Xyzzy' (it has: UKUSA)" "$LIAISON" nash "$M" --game Xyzzy
expect "compare --game" "did you mean 'UKUSA'?" "$LIAISON" compare "$M" --game UKUSB
expect "--set UK.leek" "no constant or attribute 'UK.leek' in $M; did you mean 'UK.leak'?" "$LIAISON" solve "$M" --set UK.leek=0.1
expect "--vary UK.leek" "did you mean 'UK.leak'?" "$LIAISON" sweep "$M" --vary UK.leek=0:0.5:3
expect "--range UK.leek" "did you mean 'UK.leak'?" "$LIAISON" explore "$M" --range UK.leek=0:0.5 --samples 2
