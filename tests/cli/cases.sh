#!/usr/bin/env bash
# cases.sh — the verdicts docs/cases.md states for the essay's models still hold.
. "$(dirname "$0")/lib.bash"

# brk NAME PARTY-OR-None LO HI: some breakdown of that party lies in [LO, HI]
brk() { echo "any(b['party']==$1 and $2<=b['value']<=$3 for b in d['breakdowns'])"; }

run "soe-nkvd repeat" 0 "$LIAISON" repeat models/soe-nkvd-1941.lia --format json &&
  json_check "soe-nkvd repeat" "d['sustainable']==[False,True] and d['delta_star'][0] is None and abs(d['transfers']['amounts'][1]+0.401882)<1e-9"
run "soe-nkvd sweep" 0 "$LIAISON" sweep models/soe-nkvd-1941.lia --vary soe_burden=0:1:41 --format json &&
  json_check "soe-nkvd sweep" "$(brk "'SOE'" 0.3476 0.3477) and $(brk "'NKVD'" 0.2798 0.2799) and $(brk None 0.9878 0.9879)"
run "penetrated" 0 "$LIAISON" sweep models/penetrated.lia --vary penetration=0:0.6:61 --format json &&
  json_check "penetrated" "$(brk "'CIA'" 0.0875 0.0876) and $(brk None 0.2081 0.2082)"
run "berne" 0 "$LIAISON" sweep models/club-of-berne.lia --vary pool_value=0.1:1:91 --format json &&
  json_check "berne" "$(brk "'ES'" 0.3698 0.3699) and $(brk "'NL'" 0.1797 0.1798) and any(b['change']=='the core becomes empty' and 0.2258<=b['value']<=0.2259 for b in d['breakdowns'])"
run "five eyes" 0 "$LIAISON" sweep models/five-eyes.lia --vary network_cost=0:6:61 --format json &&
  json_check "five eyes" "$(brk "'US'" 2.4147 2.4148)"
