#!/usr/bin/env bash
# install.sh — `make install` into a temporary prefix, then the C example built as a user
# would (pkg-config only) and run; the SONAME and the installed files.
. "$(dirname "$0")/lib.bash"
PREFIX="$TMP/prefix"
run "make install" 0 make --no-print-directory BUILD="$BUILD" install PREFIX="$PREFIX" && ok "make install"
for f in include/liaison.h lib/libliaison.a lib/libliaison.so.0.1.0 lib/libliaison.so.0 lib/libliaison.so \
         lib/pkgconfig/liaison.pc bin/liaison share/man/man1/liaison.1; do
  [ -e "$PREFIX/$f" ] && ok "installed $f" || not_ok "installed $f"
done
readelf -d "$PREFIX/lib/libliaison.so.0.1.0" | grep -q 'SONAME.*\[libliaison\.so\.0\]' && ok "soname libliaison.so.0" || not_ok "soname libliaison.so.0"
# sanitizer builds need the same runtime in the program that loads them
extra=""
case "$BUILD" in *asan*) extra="-fsanitize=address,undefined" ;; esac
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
run "example builds with pkg-config" 0 sh -c "cc -std=c11 -Wall -Wextra -Werror $extra -o '$TMP/verdicts' examples/c/verdicts.c \$(pkg-config --cflags --libs liaison) -lm" &&
  ok "example builds with pkg-config"
# the example's status and summary are those of `liaison repeat` on the same file
run "example runs" 0 env LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/verdicts" models/soe-nkvd-1941.lia && {
  summary=$("$LIAISON" repeat models/soe-nkvd-1941.lia --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"])')
  grep -q '^SOE_NKVD: needs_transfers$' "$TMP/out" && grep -qxF "  $summary" "$TMP/out" && grep -q 'SOE would withhold' "$TMP/out" &&
    grep -qE '^  SOE +delta\* never  patience 0.95  shapley 0.0664  withhold$' "$TMP/out" &&
    ok "example runs" || not_ok "example runs" "$(cat "$TMP/out")"; }
# a commitment set too low for A holds: A would share more, which is no breakdown
run "example, exceed" 0 env LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/verdicts" tests/cases/repeat/exceed.lia && {
  grep -q '^AB: holds$' "$TMP/out" && grep -q '^  .*A would share more than committed' "$TMP/out" &&
    grep -qE '^  A +delta\* 0.0000  patience 0.90  shapley [-0-9.]+  exceed$' "$TMP/out" &&
    grep -qE '^  B +delta\* 0.2500  patience 0.90  shapley [-0-9.]+  withhold$' "$TMP/out" &&
    ok "example, exceed" || not_ok "example, exceed" "$(cat "$TMP/out")"; }
run "installed CLI" 0 "$PREFIX/bin/liaison" --version && ok "installed CLI"
# The Python package: installed beside the library, with the models as its data; it finds
# PREFIX/lib/libliaison.so.0 by itself (no LIAISON_LIBRARY, no LD_LIBRARY_PATH), and the whole
# Python suite passes against it. Not under sanitizers (python.sh covers those cases).
case "$BUILD" in *asan*) exit 0 ;; esac
PYDIR="$PREFIX/lib/python3/dist-packages"
for f in liaison/__init__.py liaison/_lib.py liaison/_installed.py liaison/models/soe-nkvd-1941.lia; do
  [ -e "$PYDIR/$f" ] && ok "installed python $f" || not_ok "installed python $f"
done
run "installed package imports from / with its own library" 0 env -u LIAISON_LIBRARY -u LIAISON_LIB -u LD_LIBRARY_PATH \
  PYTHONPATH="$PYDIR" sh -c 'cd / && /usr/bin/python3 -c "import liaison; print(liaison.library_path); print(liaison.__file__)"' && {
  [ "$(sed -n 1p "$TMP/out")" = "$PREFIX/lib/libliaison.so.0" ] && [ "$(sed -n 2p "$TMP/out")" = "$PYDIR/liaison/__init__.py" ] &&
    ok "installed package imports from / with its own library" ||
    not_ok "installed package imports from / with its own library" "$(cat "$TMP/out")"; }
if bash tests/python/run.sh "$BUILD" "$PYDIR" >"$TMP/py.out" 2>&1; then
  ok "$(tail -1 "$TMP/py.out") (the installed package against the CLI)"
else
  not_ok "python package (installed)" "$(tail -40 "$TMP/py.out")"
fi
env -u LIAISON_LIBRARY -u LIAISON_LIB PYTHONPATH="$PYDIR" /usr/bin/python3 tests/notebooks/run.py 2>&1 |
  grep -E '^(ok|not ok|    )' | sed 's/^\(ok\|not ok\) - /\1 - installed package: /'
# pip from the source folder, offline with Debian's setuptools (into a folder: Debian's python3
# refuses system-wide pip installs); copied first so the build leaves nothing in the checkout
cp -rL python "$TMP/pysrc"
run "pip install --no-build-isolation ./python" 0 /usr/bin/python3 -m pip install -q --no-build-isolation --no-deps \
  --no-index --disable-pip-version-check --target "$TMP/pip" "$TMP/pysrc" && ok "pip install --no-build-isolation ./python"
run "pip-installed package runs" 0 env -u LIAISON_LIB LIAISON_LIBRARY="$PREFIX/lib/libliaison.so.0" PYTHONPATH="$TMP/pip" \
  /usr/bin/python3 -c "import liaison; m = liaison.load(liaison.model_path('soe-nkvd-1941')); print(m.solve()['agreements'][0]['status'])" &&
  { grep -qx needs_transfers "$TMP/out" && ok "pip-installed package runs" || not_ok "pip-installed package runs" "$(cat "$TMP/out")"; }
