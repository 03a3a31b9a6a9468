#!/usr/bin/env bash
# python.sh — the Python module (examples/python/liaison.py) checked against the CLI by
# tests/python/run.sh, and every notebook of examples/notebooks executed headlessly, with
# Debian's /usr/bin/python3 and the shared library of this build. Not under sanitizers: a
# Python host cannot load an ASan-instrumented library without preloading its runtime.
. "$(dirname "$0")/lib.bash"
case "$BUILD" in *asan*) exit 0 ;; esac
if bash tests/python/run.sh "$BUILD" >"$TMP/py.out" 2>&1; then
  ok "$(tail -1 "$TMP/py.out") (the module against the CLI)"
else
  not_ok "python module" "$(tail -40 "$TMP/py.out")"
fi
export LIAISON_LIB="$PWD/$BUILD/lib/libliaison.so" OPENBLAS_NUM_THREADS=1
/usr/bin/python3 tests/notebooks/run.py 2>&1 | grep -E '^(ok|not ok|    )'
