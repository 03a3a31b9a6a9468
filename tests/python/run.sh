#!/usr/bin/env bash
# run.sh BUILD — runs the Python binding's tests (tests/python/test_liaison.py) against an
# existing build: LIAISON_LIB=BUILD/lib/libliaison.so, LIAISON_BIN=BUILD/bin/liaison. Builds
# nothing. Ends with one line "python: N passed, M failed"; exit status 1 if anything failed.
set -u
build=${1:-build}
cd "$(dirname "$0")/../.."
case $build in /*) ;; *) build=$PWD/$build ;; esac
python=${PYTHON:-/usr/bin/python3}
lib=$build/lib/libliaison.so
bin=$build/bin/liaison
if [ ! -e "$lib" ] || [ ! -x "$bin" ]; then
  echo "tests/python/run.sh: no $lib or $bin (build first: make BUILD=${1:-build})" >&2
  echo "python: 0 passed, 1 failed"
  exit 1
fi
out=$(LIAISON_LIB=$lib LIAISON_BIN=$bin OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} \
      "$python" tests/python/test_liaison.py 2>&1)
rc=$?
line=$(grep -E '^RESULT passed=[0-9]+ failed=[0-9]+$' <<<"$out" | tail -1)
passed=$(sed -E 's/.*passed=([0-9]+).*/\1/' <<<"${line:-passed=0}")
failed=$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"${line:-failed=0}")
# a crash (no RESULT line) or a nonzero exit without a counted failure still fails
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$failed" -ne 0 ]; then
  grep -v '^RESULT ' <<<"$out" | tail -60
fi
echo "python: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
