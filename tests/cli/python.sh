#!/usr/bin/env bash
# python.sh — the Python package (python/liaison/) of the checkout checked against the CLI by
# tests/python/run.sh, every notebook of examples/notebooks executed headlessly from its own
# folder and from the repository root, and the notebook runner's refusal of a notebook saved
# with outputs; with Debian's /usr/bin/python3 and this build's shared library. (The installed
# package is checked by install.sh.) Under a sanitizer build only the memory cases run, in one
# Python process with the sanitizer runtime preloaded (a Python host cannot load an
# ASan-instrumented library otherwise).
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
case "$BUILD" in *asan*)
  preload="$(cc -print-file-name=libasan.so) $(cc -print-file-name=libubsan.so)"
  if [ ! -e "${preload%% *}" ]; then ok "python under ASan: skipped, no libasan.so"; exit 0; fi
  # leaks: the interpreter itself keeps memory at exit, so only errors count here
  if env LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 PYTHONPATH="$PWD/python" \
       LIAISON_LIBRARY="$PWD/$BUILD/lib/libliaison.so.0" timeout 600 $PY tests/python/asan_cases.py \
       >"$TMP/asan.out" 2>&1 && ! grep -qE 'Sanitizer|runtime error' "$TMP/asan.out"; then
    ok "python under ASan: $(tail -1 "$TMP/asan.out")"
  else
    not_ok "python under ASan" "$(grep -A30 -E 'ERROR|runtime error|Traceback' "$TMP/asan.out" | head -40)"
  fi
  exit 0 ;;
esac
if bash tests/python/run.sh "$BUILD" >"$TMP/py.out" 2>&1; then
  ok "$(tail -1 "$TMP/py.out") (the checkout's package against the CLI)"
else
  not_ok "python package (checkout)" "$(tail -40 "$TMP/py.out")"
fi
# the notebooks find the package and the models by themselves: no PYTHONPATH, no library path
# (a build other than build/ is named by LIAISON_LIBRARY, as a user would)
lib="$PWD/$BUILD/lib/libliaison.so.0"
extra=()
[ "$lib" -ef "$PWD/build/lib/libliaison.so.0" ] || extra=(LIAISON_LIBRARY="$lib")
env -u PYTHONPATH -u LIAISON_LIB -u LIAISON_LIBRARY "${extra[@]}" $PY tests/notebooks/run.py 2>&1 | grep -E '^(ok|not ok|    )'
# a notebook saved with outputs is refused
$PY - "$TMP/dirty.ipynb" <<'PY'
import json, sys
nb = json.load(open("examples/notebooks/01-solve-an-agreement.ipynb"))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
code[0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["0.1.0\n"]}]
json.dump(nb, open(sys.argv[1], "w"))
PY
if ! $PY tests/notebooks/run.py "$TMP/dirty.ipynb" >"$TMP/dirty.out" 2>&1 && grep -q 'committed with outputs' "$TMP/dirty.out"; then
  ok "a notebook committed with outputs fails"
else
  not_ok "a notebook committed with outputs fails" "$(cat "$TMP/dirty.out")"
fi
