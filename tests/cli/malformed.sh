#!/usr/bin/env bash
# malformed.sh — every malformed input exits 2 with its first error at the expected line:column.
# Files in tests/malformed/ state "# expect LINE:COL TEXT" on their first line; a few inputs
# (binary, huge, empty) are generated here instead of committed.
. "$(dirname "$0")/lib.bash"

expect_first_error() {   # name file line:col text
  local name=$1 file=$2 loc=$3 text=$4
  run "$name" 2 "$LIAISON" check "$file" || return
  local first
  first=$(grep -m1 ': error: ' "$TMP/err")
  if [[ "$first" != "$file:$loc: error: "* ]] || [[ "$first" != *"$text"* ]]; then
    not_ok "$name" "wanted $file:$loc: error: ...$text..." "got: ${first:0:300}"; return
  fi
  if ! grep -q '^ *\^' "$TMP/err"; then not_ok "$name" "no caret line"; return; fi
  ok "$name"
}

for f in tests/malformed/*.lia; do
  exp=$(head -1 "$f"); exp=${exp#\# expect }
  expect_first_error "$(basename "$f" .lia)" "$f" "${exp%% *}" "${exp#* }"
done

# generated inputs
: >"$TMP/empty.lia"
expect_first_error "empty file" "$TMP/empty.lia" 1:1 "defines no agreement or game"

printf '\x00\x01\x02\xff\xfe binary \x80\x81 junk\n\x7fELF' >"$TMP/binary.lia"
expect_first_error "binary junk" "$TMP/binary.lia" 1:1 "unexpected byte 0x00"

head -c 65536 /dev/zero | tr '\0' '\377' >"$TMP/ff.lia"
expect_first_error "64 KiB of 0xFF" "$TMP/ff.lia" 1:1 "unexpected byte 0xFF"

# a 10 MB line: a party, ten million blanks, then a stray character at column 10000023
{ printf 'party A { leak 0.1 }'; head -c 10000000 /dev/zero | tr '\0' ' '; printf '@\n'; } >"$TMP/long.lia"
expect_first_error "10 MB line" "$TMP/long.lia" 1:10000021 "unexpected character '@'"
if [ "$(wc -c <"$TMP/err")" -gt 2000 ]; then not_ok "10 MB line: bounded output" "$(wc -c <"$TMP/err") bytes"; else ok "10 MB line: bounded output"; fi

{ printf 'let x = '; head -c 10000000 /dev/zero | tr '\0' 'a'; printf '\n'; } >"$TMP/name.lia"
expect_first_error "10 MB name" "$TMP/name.lia" 1:9 "name longer than 255 characters"

{ printf 'let x = 1'; for i in $(seq 1 50000); do printf '+1'; done; printf '\n'; } >"$TMP/chain.lia"
expect_first_error "50,000-term expression" "$TMP/chain.lia" 1:9 "nested too deeply"

printf 'party A {\n  leak 0.1\n' >"$TMP/trunc.lia"
expect_first_error "truncated block" "$TMP/trunc.lia" 1:9 "never closed"

python3 - "$TMP/many.lia" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        f.write(f"party P{i} {{ leak 2 }}\n")
PY
run "2000 errors are capped" 2 "$LIAISON" check "$TMP/many.lia" && {
  n=$(grep -c ': error: ' "$TMP/err")
  if [ "$n" -eq 50 ] && grep -q 'too many errors' "$TMP/err"; then ok "2000 errors are capped"; else not_ok "2000 errors are capped" "$n errors shown"; fi; }

run "missing file" 2 "$LIAISON" check "$TMP/nonexistent.lia" && {
  grep -q 'cannot open' "$TMP/err" && ok "missing file" || not_ok "missing file" "$(cat "$TMP/err")"; }
run "directory as file" 2 "$LIAISON" check "$TMP" && ok "directory as file"

# all errors of a file in one run (parser recovery)
printf 'party A {\n  leak 2\n  resoures 1\n}\nparty B { patience 1 }\ntopik t { }\n' >"$TMP/multi.lia"
run "every error in one run" 2 "$LIAISON" check "$TMP/multi.lia" && {
  locs=$(grep -o ':[0-9]*:[0-9]*: error' "$TMP/err" | tr '\n' ' ')
  if [ "$locs" = ":2:8: error :3:3: error :5:20: error :6:1: error " ]; then ok "every error in one run"
  else not_ok "every error in one run" "got $locs"; fi; }
