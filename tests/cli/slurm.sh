#!/usr/bin/env bash
# slurm.sh — examples/slurm/explore.sbatch without Slurm: its array tasks run by hand (the
# variables Slurm sets, task by task) and its merge step give the store, CSV and JSON of the
# single-process exploration; then its submission, through a stand-in `sbatch` that runs each
# job at once, submits the array and a merge that depends on it (afterok), with the same
# result; and a task run again continues its store instead of starting over.
. "$(dirname "$0")/lib.bash"
SB=examples/slurm/explore.sbatch
L=tests/cases/explore/linear.lia
R="--range A.patience=0.5:0.9"
# Sobol, 250 base samples: 250 (2 * 2 + 2) = 1500 runs over 4 tasks of 375
run "single process, csv" 0 "$LIAISON" explore $L --design sobol --samples 250 --seed 4 $R --format csv -o "$TMP/ref.csv" &&
run "single process, json" 0 "$LIAISON" explore $L --design sobol --samples 250 --seed 4 $R --format json -o "$TMP/ref.json"
export MODEL=$L DESIGN=sobol SAMPLES=250 SEED=4 TASKS=4 EXTRA="$R" LIAISON="$LIAISON"

same() {   # same NAME DIR: the merged store and analyses against the single-process run
  run "$1: merged store read back" 0 "$LIAISON" explore --store "$2/explore.sqlite" --format csv && {
    cmp -s "$TMP/ref.csv" "$TMP/out" && [ "$(wc -l <"$TMP/out")" -eq 1501 ] && ok "$1: same csv" || not_ok "$1: same csv"; }
  cmp -s "$TMP/ref.json" "$2/explore.json" && ok "$1: same json" || not_ok "$1: same json" "$(diff "$TMP/ref.json" "$2/explore.json" | head -5)"
  grep -q '^exploration of AB: sobol design' "$2/explore.txt" && ok "$1: text analyses" || not_ok "$1: text analyses" "$(head -3 "$2/explore.txt")"
}

# by hand: the four array tasks (in any order), then the merge step
mkdir -p "$TMP/hand"
for i in 3 1 4 2; do
  run "task $i/4" 0 env SLURM_JOB_ID=100 SLURM_ARRAY_TASK_ID=$i OUT="$TMP/hand" bash $SB || true
done
n=$(python3 -c "import sqlite3; print(sqlite3.connect('$TMP/hand/part-2.sqlite').execute('SELECT min(run), max(run), count(*) FROM runs').fetchone())")
[ "$n" = "(375, 749, 375)" ] && ok "task 2 holds runs 375 to 749" || not_ok "task 2 holds runs 375 to 749" "$n"
run "merge step" 0 env SLURM_JOB_ID=101 LIAISON_STEP=merge OUT="$TMP/hand" bash $SB && same "by hand" "$TMP/hand"
# a requeued task continues its finished store: it is read back, not solved again
before=$(python3 -c "import sqlite3; print(sqlite3.connect('$TMP/hand/part-2.sqlite').execute('SELECT count(*) FROM runs').fetchone()[0])")
run "task 2 again" 0 env SLURM_JOB_ID=102 SLURM_ARRAY_TASK_ID=2 OUT="$TMP/hand" bash $SB && {
  after=$(python3 -c "import sqlite3; print(sqlite3.connect('$TMP/hand/part-2.sqlite').execute('SELECT count(*) FROM runs').fetchone()[0])")
  [ "$before" = 375 ] && [ "$after" = 375 ] && ok "requeued task: its store continued, not redone" || not_ok "requeued task" "$before -> $after"; }

# submitted: a stand-in sbatch logs its arguments, runs the job at once with the variables
# Slurm would set (each index of --array in turn) and prints a job id, as --parsable does
mkdir -p "$TMP/bin" "$TMP/sub"
cat >"$TMP/bin/sbatch" <<'SH'
#!/bin/bash
echo "sbatch $*" >>"$SBATCH_LOG"
id=$(( $(wc -l <"$SBATCH_LOG") + 500 ))
array="" ; env=()
for a in "$@"; do
  case "$a" in
    --array=*) array=${a#--array=} ;;
    --export=ALL,*) IFS=, read -ra kv <<<"${a#--export=ALL,}"; env+=("${kv[@]}") ;;
    --*) ;;
    *) script=$a ;;
  esac
done
if [ -n "$array" ]; then
  for i in $(seq "${array%-*}" "${array#*-}"); do env "${env[@]}" SLURM_JOB_ID=$id SLURM_ARRAY_TASK_ID=$i bash "$script" >/dev/null || exit 1; done
else
  env "${env[@]}" SLURM_JOB_ID=$id bash "$script" >/dev/null || exit 1
fi
echo "$id;cluster"
SH
chmod +x "$TMP/bin/sbatch"
run "submitted" 0 env PATH="$TMP/bin:$PATH" SBATCH_LOG="$TMP/sbatch.log" OUT="$TMP/sub" bash $SB && {
  grep -q '^submitted array job 501 (4 tasks) and merge job 502' "$TMP/out" && ok "submission says what it submitted" || not_ok "submission says" "$(cat "$TMP/out")"
  sed -n 1p "$TMP/sbatch.log" | grep -q -- '--array=1-4 ' && sed -n 2p "$TMP/sbatch.log" | grep -q -- '--dependency=afterok:501 ' &&
    ok "the merge depends on the array (afterok)" || not_ok "the merge depends on the array" "$(cat "$TMP/sbatch.log")"
  same "submitted" "$TMP/sub"; }
run "no model" 1 env -u MODEL SLURM_JOB_ID=1 bash $SB && {
  grep -q 'set MODEL=' "$TMP/err" && ok "no model: says so" || not_ok "no model" "$(cat "$TMP/err")"; }
