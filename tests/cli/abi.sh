#!/usr/bin/env bash
# abi.sh — the shared library keeps its ABI within a SONAME (docs/api.md, "Versions and the ABI").
#  1. Names: it exports exactly tests/abi/symbols.txt (removing one breaks programs built
#     against an earlier header; a new function is added to the list on purpose).
#  2. Layouts: abidiff between the stored baseline tests/abi/SONAME.abi (abidw XML, written by
#     `make abi-baseline`) and the library just built: a removed function, a changed signature
#     or a struct that changes fails; added functions, and appends to the structs of
#     tests/abi/may-grow.abignore, pass (tests/abi/layout.py checks those are only appends, and
#     that grown options structs have a new version). The checks are shown to refuse changes
#     made on purpose to a copy of the baseline.
#  3. A program built against the previous release's header (tests/abi/old_caller.c) runs
#     against this library: every result kind, every options struct at version 1.
. "$(dirname "$0")/lib.bash"
LIB="$BUILD/lib/libliaison.so"
nm -D --defined-only "$LIB" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' | sort -u >"$TMP/now"
missing=$(comm -23 tests/abi/symbols.txt "$TMP/now")
extra=$(comm -13 tests/abi/symbols.txt "$TMP/now")
[ -z "$missing" ] && ok "no exported symbol disappeared" || not_ok "no exported symbol disappeared" $missing
[ -z "$extra" ] && ok "no unlisted symbol exported (add new API to tests/abi/symbols.txt)" || not_ok "no unlisted symbol exported (add new API to tests/abi/symbols.txt)" $extra
bad=$(grep -v '^lia_[a-z]' "$TMP/now" | grep -v '^lia__' ; grep '^lia__' "$TMP/now")
[ -z "$bad" ] && ok "only lia_ names exported" || not_ok "only lia_ names exported" $bad
# the static library's other globals are internal, and their names say so (lia__module_...)
nm -g --defined-only "$BUILD/lib/libliaison.a" 2>/dev/null | awk '$2 ~ /^[TDBRC]$/ {print $3}' | sort -u >"$TMP/all"
unmarked=$(comm -23 "$TMP/all" tests/abi/symbols.txt | grep -v '^lia__')
[ -s "$TMP/all" ] && [ -z "$unmarked" ] && ok "internal globals are named lia__ (libliaison.a)" \
  || not_ok "internal globals are named lia__ (libliaison.a)" $unmarked
# every exported name is declared in the public header
undeclared=$(while read -r s; do grep -q "\b$s(" include/liaison.h || echo "$s"; done <"$TMP/now")
[ -z "$undeclared" ] && ok "every export is in liaison.h" || not_ok "every export is in liaison.h" $undeclared

# ---- layouts ------------------------------------------------------------------------------
soname=$(readelf -d "$LIB" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
base="tests/abi/$soname.abi"
SUPP=tests/abi/may-grow.abignore
ABIDW=(abidw --headers-dir include --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash
       --drop-private-types)
# abidiff BASE NOW: 0 when NOW keeps BASE's ABI (added functions allowed), with the report in $TMP/diff
compare() {
  abidiff --no-added-syms --suppressions "$SUPP" "$1" "$2" >"$TMP/diff" 2>&1 || return 1
  python3 tests/abi/layout.py "$1" "$2" tests/abi/options-versions.txt "${3:-include/liaison.h}" >"$TMP/diff" 2>&1
}
if [ ! -f "$base" ]; then
  not_ok "a stored ABI for $soname" "no $base: a new SONAME needs its baseline (make abi-baseline)"
elif readelf -d "$LIB" | grep -q 'NEEDED.*lib\(asan\|ubsan\)'; then
  # sanitizer builds describe the same types; the plain build (make test) compares them
  ok "layouts: compared in the plain build, not in this sanitizer build"
elif ! command -v abidiff >/dev/null; then
  not_ok "abidiff is installed" "install abigail-tools (make deps)"
else
  "${ABIDW[@]}" --out-file "$TMP/now.abi" "$BUILD/lib/$soname"
  if compare "$base" "$TMP/now.abi"; then
    ok "the ABI of $soname is the one of $base (abidiff)"
  else
    not_ok "the ABI of $soname is the one of $base (abidiff)" \
      "This change breaks programs built against $soname. Undo it, or make it compatible (docs/api.md:" \
      "results through accessors or owned pointers, options fields appended under a new version)," \
      "or bump SOMAJOR in the Makefile for a new SONAME. An intended compatible change, or a new" \
      "SONAME, is stored with: make abi-baseline (and review the diff of $base)." \
      "$(grep -v '^$' "$TMP/diff" | head -40)"
  fi
  # the checks refuse what they must: deliberate changes to copies of the baseline
  for change in remove:lia_version retype:lia_compile_options.memory_cap retype:lia_sweep_axis.steps \
                grow:lia_sweep_axis grow-retype:lia_sweep_point grow:lia_nash_options; do
    python3 tests/abi/mutate.py "$base" "$TMP/changed.abi" "$change"
    compare "$base" "$TMP/changed.abi" && not_ok "refused: $change" "the checks let it through" ||
      ok "refused: $change ($(grep -m1 -oE 'Removed|changed|grew|fields before its end' "$TMP/diff" | head -1))"
  done
  # what the rules allow passes: a result struct grown at its end, an options struct grown
  # under a new version (a header whose version is one higher)
  python3 tests/abi/mutate.py "$base" "$TMP/changed.abi" grow:lia_sweep_point
  compare "$base" "$TMP/changed.abi" && ok "allowed: lia_sweep_point grown at its end" ||
    not_ok "allowed: lia_sweep_point grown at its end" "$(head -20 "$TMP/diff")"
  sed 's/^#define LIA_NASH_OPTIONS_VERSION \([0-9]*\)$/#define LIA_NASH_OPTIONS_VERSION 99/' include/liaison.h >"$TMP/next.h"
  python3 tests/abi/mutate.py "$base" "$TMP/changed.abi" grow:lia_nash_options
  compare "$base" "$TMP/changed.abi" "$TMP/next.h" && ok "allowed: lia_nash_options grown under a new version" ||
    not_ok "allowed: lia_nash_options grown under a new version" "$(head -20 "$TMP/diff")"
fi

# ---- a program of the previous release ------------------------------------------------------
if [ -x "$BUILD/tests/abi_old_caller" ]; then
  run "a program built against tests/abi/liaison-0.2.h runs on this library" 0 "$BUILD/tests/abi_old_caller" &&
    ok "a program built against tests/abi/liaison-0.2.h runs on this library"
else
  not_ok "a program built against tests/abi/liaison-0.2.h runs on this library" "$BUILD/tests/abi_old_caller is not built (make test)"
fi
