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
run "example runs" 0 env LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/verdicts" models/soe-nkvd-1941.lia && {
  grep -q '^SOE_NKVD: not self-enforcing$' "$TMP/out" && grep -qE '^  SOE +delta\* never  patience 0.95  shapley 0.0664$' "$TMP/out" &&
    ok "example runs" || not_ok "example runs" "$(cat "$TMP/out")"; }
run "installed CLI" 0 "$PREFIX/bin/liaison" --version && ok "installed CLI"
