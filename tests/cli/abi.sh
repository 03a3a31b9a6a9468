#!/usr/bin/env bash
# abi.sh — the shared library exports exactly the public API: every symbol in
# tests/abi/symbols.txt is still there (removing one breaks programs built against 0.x), and
# nothing else is exported (a new function must be added to the list, on purpose).
. "$(dirname "$0")/lib.bash"
LIB="$BUILD/lib/libliaison.so"
nm -D --defined-only "$LIB" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' | sort -u >"$TMP/now"
missing=$(comm -23 tests/abi/symbols.txt "$TMP/now")
extra=$(comm -13 tests/abi/symbols.txt "$TMP/now")
[ -z "$missing" ] && ok "no exported symbol disappeared" || not_ok "no exported symbol disappeared" $missing
[ -z "$extra" ] && ok "no unlisted symbol exported (add new API to tests/abi/symbols.txt)" || not_ok "no unlisted symbol exported (add new API to tests/abi/symbols.txt)" $extra
bad=$(grep -v '^lia_[a-z]' "$TMP/now" | grep -v '^lia__' ; grep '^lia__' "$TMP/now")
[ -z "$bad" ] && ok "only lia_ names exported" || not_ok "only lia_ names exported" $bad
# every exported name is declared in the public header
undeclared=$(while read -r s; do grep -q "\b$s(" include/liaison.h || echo "$s"; done <"$TMP/now")
[ -z "$undeclared" ] && ok "every export is in liaison.h" || not_ok "every export is in liaison.h" $undeclared
