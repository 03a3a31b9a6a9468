#!/usr/bin/env bash
# run.sh BUILD [all|unit|cli] [NAME] — runs the cmocka unit tests, then the command-line suites,
# and ends with one "N passed, N failed" line. Exit status 1 if anything failed.
#   bash tests/run.sh build                  everything
#   bash tests/run.sh build unit             the unit tests only
#   bash tests/run.sh build unit test_lh     one unit test file (build/tests/test_lh)
#   bash tests/run.sh build cli sweep        one command-line suite (tests/cli/sweep.sh)
# LIA_TEST_FILTER='*textbook*' narrows the unit tests to the matching cases (cmocka's filter;
# tests/unit/support/filter.c reads it).
set -u
build=${1:-build}
only=${2:-all}
name=${3:-}
cd "$(dirname "$0")/.."
passed=0
failed=0
failures=()

for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  [ "$only" = cli ] && break
  [ -n "$name" ] && [ "$(basename "$t")" != "$name" ] && continue
  out=$("$t" 2>&1)
  rc=$?
  p=$(grep -Eo '\[  PASSED  \] [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' | tail -1)
  f=$(grep -Eo '\[  FAILED  \] [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or sanitizer report
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    failures+=("$(basename "$t")")
    printf '%s\n' "$out" | grep -E 'FAILED|ERROR|error|Sanitizer|runtime error' | head -20
  fi
  printf '  %-28s %3d passed, %d failed\n' "$(basename "$t")" "$p" "$f"
done

if [ "$only" != unit ]; then
  for suite in tests/cli/*.sh; do
    [ -n "$name" ] && [ "$(basename "$suite" .sh)" != "$name" ] && continue
    out=$(bash "$suite" "$build" 2>&1)
    rc=$?
    p=$(grep -c '^ok ' <<<"$out"); f=$(grep -c '^not ok ' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then failures+=("$(basename "$suite")"); grep -A8 '^not ok ' <<<"$out" | head -60; fi
    printf '  %-28s %3d passed, %d failed\n' "$(basename "$suite")" "$p" "$f"
  done
fi

if [ $((passed + failed)) -eq 0 ] && [ -n "$name" ]; then
  echo "run.sh: no $only test named '$name' (unit: $build/tests/test_*, cli: tests/cli/*.sh)" >&2
  exit 2
fi
[ ${#failures[@]} -eq 0 ] || echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
