#!/usr/bin/env bash
# run.sh BUILD [PACKAGE_DIR] — runs the Python package's tests (tests/python/test_*.py) against
# an existing build. Without PACKAGE_DIR: the checkout's package (PYTHONPATH=python) with the
# library BUILD/lib/libliaison.so.0 (LIAISON_LIBRARY). With PACKAGE_DIR: the package installed
# there by `make install` (PYTHONPATH=PACKAGE_DIR), which must find its library by itself, so
# LIAISON_LIBRARY is unset. LIAISON_BIN=BUILD/bin/liaison either way. Builds nothing. Ends with
# one line "python: N passed, M failed"; exit status 1 if anything failed.
set -u
build=${1:-build}
pkg=${2:-}
cd "$(dirname "$0")/../.."
case $build in /*) ;; *) build=$PWD/$build ;; esac
python=${PYTHON:-/usr/bin/python3}
lib=$build/lib/libliaison.so.0
bin=$build/bin/liaison
if [ ! -e "$lib" ] || [ ! -x "$bin" ]; then
  echo "tests/python/run.sh: no $lib or $bin (build first: make BUILD=${1:-build})" >&2
  echo "python: 0 passed, 1 failed"
  exit 1
fi
if [ -n "$pkg" ]; then
  envs=(-u LIAISON_LIBRARY -u LIAISON_LIB PYTHONPATH="$pkg" LIAISON_EXPECT_PACKAGE="$pkg/liaison")
else
  envs=(-u LIAISON_LIB PYTHONPATH="$PWD/python" LIAISON_LIBRARY="$lib" LIAISON_EXPECT_PACKAGE="$PWD/python/liaison")
fi
passed=0 failed=0
for t in tests/python/test_*.py; do
  out=$(env "${envs[@]}" LIAISON_BIN="$bin" "$python" "$t" 2>&1)
  rc=$?
  line=$(grep -E '^RESULT passed=[0-9]+ failed=[0-9]+$' <<<"$out" | tail -1)
  p=$(sed -E 's/.*passed=([0-9]+).*/\1/' <<<"${line:-passed=0}")
  f=$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"${line:-failed=0}")
  # a crash (no RESULT line) or a nonzero exit without a counted failure still fails
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$f" -ne 0 ]; then
    echo "== $t"
    grep -v '^RESULT ' <<<"$out" | tail -60
  fi
  passed=$((passed + p)) failed=$((failed + f))
done
echo "python: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
