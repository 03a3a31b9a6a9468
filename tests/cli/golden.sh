#!/usr/bin/env bash
# golden.sh — every agreement of every model compiles to the committed stage game (JSON) and
# coalition values (TU). After an intended change of the payoff model, regenerate them with
# `make golden` and review the diff like code.
. "$(dirname "$0")/lib.bash"
update=${GOLDEN_UPDATE:-0}
mkdir -p tests/golden

for f in models/*.lia; do
  stem=$(basename "$f" .lia)
  games=$("$LIAISON" check "$f" | grep -o "agreement '[^']*'" | cut -d"'" -f2)
  for g in $games; do
    for emit in json tu; do
      golden="tests/golden/$stem.$g.$emit"
      name="golden $stem/$g --emit $emit"
      run "$name" 0 "$LIAISON" compile "$f" --game "$g" --emit "$emit" || continue
      if [ "$update" = 1 ]; then cp "$TMP/out" "$golden"; ok "$name (updated)"; continue; fi
      if [ ! -f "$golden" ]; then not_ok "$name" "missing $golden (run make golden)"; continue; fi
      if diff -u "$golden" "$TMP/out" >"$TMP/diff"; then ok "$name"; else not_ok "$name" "$(head -20 "$TMP/diff")"; fi
    done
  done
done
