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
