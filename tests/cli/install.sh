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
