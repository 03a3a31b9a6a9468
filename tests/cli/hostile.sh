#!/usr/bin/env bash
# hostile.sh — regression tests for issue 17 (reliability under hostile and extreme input):
# every run ends with a true answer or a clear refusal (exit 2), JSON is always strict
# (no NaN/Infinity, valid UTF-8), outputs are never half-written.
. "$(dirname "$0")/lib.bash"
H=tests/malformed/hostile

# strict_json NAME FILE: FILE parses as JSON with no NaN/Infinity and is valid UTF-8.
strict_json() {
  if python3 - "$2" 2>"$TMP/py" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")                                   # raises on invalid UTF-8
def bad(c): raise ValueError("non-finite constant " + c)
json.loads(raw, parse_constant=bad)
PY
  then ok "$1"; else not_ok "$1" "$(head -c 300 "$2")" "$(tail -2 "$TMP/py")"; fi
}

# refused NAME TEXT CMD...: exit 2, nothing on stdout, TEXT in the message.
refused() {
  local name=$1 text=$2; shift 2
  run "$name" 2 "$@" || return
  if [ -s "$TMP/out" ]; then not_ok "$name" "printed an answer: $(head -c 200 "$TMP/out")"; return; fi
  grep -qF -- "$text" "$TMP/err" && ok "$name" || not_ok "$name" "wanted '$text'" "$(head -3 "$TMP/err")"
}

## item 2: payoffs beyond what a double can difference are refused, never "solved"
refused "nfg 1e308 vs -1e308 refused" "out of range (numbers must lie strictly within +-1e300)" \
  "$LIAISON" nash "$H/span.nfg" --format json
refused ".lia payoff 1e299*1e9 refused" "a payoff of R is 1e+308, outside +-1e300" \
  "$LIAISON" nash "$H/span-computed.lia" --format json
refused ".lia coalition value 1e299*1e9 refused" "value is 1e+308, outside +-1e300" \
  "$LIAISON" share "$H/span-tu.lia" --format json
printf '2 2\n1e308 -1e308\n-1e308 1e308\n\n-1e308 1e308\n1e308 -1e308\n' >"$TMP/span.lrs"
refused "lrs 1e308 refused" "out of range" "$LIAISON" nash "$TMP/span.lrs"
# matching pennies at +-9e299 is still representable: the one equilibrium (1/2, 1/2) and no
# pure one (the game has none: each player wants to mismatch the other's choice)
for m in pure all lp support gnm; do
  run "9e299 pennies --method $m" 0 "$LIAISON" nash "$H/span-ok.nfg" --format json --method $m &&
    json_check "9e299 pennies --method $m: (1/2,1/2) only" \
      "[len(d['equilibria'])] == ([0] if '$m' == 'pure' else [1]) and all(near(sum(e['strategies'], []), [0.5]*4, 1e-12) for e in d['equilibria'])"
done
