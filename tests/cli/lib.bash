# lib.bash — helpers for the command-line suites (sourced): TAP-style "ok"/"not ok" lines.
BUILD=${1:-build}
LIAISON="$BUILD/bin/liaison"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok()     { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do printf '    %s\n' "$l"; done; }

# run NAME EXPECTED_RC CMD...: stdout/stderr land in $TMP/out and $TMP/err; sanitizer
# reports and signals count as failures whatever the exit code.
run() {
  local name=$1 want=$2; shift 2
  timeout 60 "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  if [ "$RC" -ge 124 ] || grep -qE 'Sanitizer|runtime error' "$TMP/err"; then
    not_ok "$name" "crashed or sanitizer report (rc=$RC)" "$(head -5 "$TMP/err")"; return 1
  fi
  if [ "$RC" -ne "$want" ]; then
    not_ok "$name" "exit $RC, wanted $want" "$(head -5 "$TMP/err")"; return 1
  fi
  bare_error "$name" "$TMP/err" || return 1
  return 0
}

# bare_error NAME FILE: every error a user sees says what failed and why (issue 15): a line
# that is only a status ("internal error", or "liaison nash: internal error") or the CLI's
# stand-in for a library call that left no message fails the case.
bare_error() {
  if grep -qE '(^|: )(internal error|out of memory|invalid use|over the memory cap|over the limit)$|without saying why' "$2"; then
    not_ok "$1" "a message without its reason:" "$(grep -E '(^|: )(internal error|out of memory|invalid use|over the memory cap|over the limit)$|without saying why' "$2" | head -3)"
    return 1
  fi
  return 0
}

# json_check NAME PYTHON-EXPR: the last run's stdout parsed as JSON into d must make EXPR
# true; near(a, b[, tol]) compares two equally long lists element by element.
json_check() {
  local name=$1 expr=$2
  if python3 -c "import json,sys; d=json.load(open('$TMP/out')); near=lambda a,b,t=1e-7: len(a)==len(b) and all(abs(x-y)<=t for x,y in zip(a,b)); sys.exit(0 if ($expr) else 1)" 2>"$TMP/py"; then
    ok "$name"
  else
    not_ok "$name" "$(head -c 800 "$TMP/out")" "$(cat "$TMP/py")"
  fi
}

# random_nfg FILE TITLE N SEED: a Gambit .nfg of a random N x N game named TITLE, payoffs
# 0..99 from Python's random.seed(SEED) (the games several suites measure refusals on)
random_nfg() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import random, sys
path, title, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
random.seed(seed)
with open(path, "w") as f:
    f.write('NFG 1 R "%s" { "A" "B" } { %d %d }\n' % (title, n, n)
            + " ".join(str(random.randint(0, 99)) for _ in range(2 * n * n)) + "\n")
PY
}
