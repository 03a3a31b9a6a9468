#!/usr/bin/env bash
# sweep.sh — `liaison sweep`: a breakdown point derived by hand, found to 1e-6; the same
# results for any thread count; CSV; two parameters; the SVG chart of --plot; misuse.
. "$(dirname "$0")/lib.bash"
AB=tests/cases/repeat/ab-sweep.lia


# By hand (docs/model.md section 10, terms of section 6 with B paying A s * x_A):
#   C_A = 0.08 + 0.24 - 0.12 + 1 - 1.5 + s = s - 0.3, D_A = u_A(0, 1) = 0.08 (no payment when A
#   withholds), P_A = 0 (withholding dominates for A while s < 1.38, and B then withholds).
#   delta*_A = (0.08 - (s - 0.3)) / 0.08 = (0.38 - s) / 0.08 = 0.9 (A's patience) at s = 0.308.
#   At s = 0.38, C_A = D_A: (1, 1) becomes a second pure equilibrium (a stag hunt, 3 equilibria).
run "hand breakdown" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --format json &&
  json_check "hand breakdown" "[b for b in d['breakdowns'] if b['party']=='A'][0]['value']-0.308 < 1e-6 and abs([b for b in d['breakdowns'] if b['party']=='A'][0]['value']-0.308) <= 1e-6 and any(abs(b['value']-0.38)<=1e-6 and 'stag hunt' in b['change'] for b in d['breakdowns']) and len(d['grid'])==11 and d['grid'][0]['sustainable']==[False,True]"
run "one thread" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --format json --threads 1 -o "$TMP/one.json" &&
run "two threads" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --format json --threads 2 -o "$TMP/two.json" && {
  cmp -s "$TMP/one.json" "$TMP/two.json" && ok "same results on 1 and 2 threads" || not_ok "same results on 1 and 2 threads"; }
run "csv" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:5 --csv "$TMP/grid.csv" && {
  head -1 "$TMP/grid.csv" | grep -q '^s,ok,payoff_A,delta_star_A,sustainable_A,direction_A,over_regimes_A,payoff_B' && [ "$(wc -l <"$TMP/grid.csv")" -eq 6 ] &&
    grep -q 'A  *delta\* crosses the patience' "$TMP/out" && ok "csv" || not_ok "csv" "$(cat "$TMP/grid.csv")"; }
run "no refine" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --no-refine --format json &&
  json_check "no refine" "abs([b for b in d['breakdowns'] if b['party']=='A'][0]['value']-0.31)<1e-12"
# two parameters: the patience of A moves the crossing to s = 0.38 - 0.08 * patience
run "two parameters" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:6 --vary A.patience=0.5:0.9:3 --format json &&
  json_check "two parameters" "len(d['grid'])==18 and all(abs(b['value']-(0.38-0.08*b['at']['A.patience']))<=1e-6 for b in d['breakdowns'] if b['party']=='A' and b['parameter']=='s')"
# a point where the model is invalid is a verdict too
run "invalid points" 0 "$LIAISON" sweep $AB --vary A.leak=0.5:1.5:3 --format json &&
  json_check "invalid points" "d['grid'][2]['ok'] is False and 'leak' in d['grid'][2]['message'] and any(b['change']=='the model becomes invalid' and 0.999<b['value']<=1.000001 for b in d['breakdowns'])"

run "no vary" 2 "$LIAISON" sweep $AB && ok "no vary"
run "bad vary" 2 "$LIAISON" sweep $AB --vary s=0:1 && ok "bad vary"
run "one step" 2 "$LIAISON" sweep $AB --vary s=0:1:1 && ok "one step"
run "three vary" 2 "$LIAISON" sweep $AB --vary s=0:1:2 --vary s=0:1:2 --vary s=0:1:2 && ok "three vary"
run "unknown parameter" 2 "$LIAISON" sweep $AB --vary nope=0:1:3 && { grep -q "no constant or attribute 'nope'" "$TMP/err" && ok "unknown parameter" || not_ok "unknown parameter" "$(cat "$TMP/err")"; }
# --plot: an SVG chart that an XML parser accepts, beside the usual output on stdout
svg_check() {
  local name=$1 file=$2 expr=$3
  if python3 -c "import json,sys,xml.etree.ElementTree as E; r=E.parse('$file').getroot(); N='{http://www.w3.org/2000/svg}'; sys.exit(0 if ($expr) else 1)" 2>"$TMP/py"; then
    ok "$name"
  else
    not_ok "$name" "$(head -c 600 "$file")" "$(cat "$TMP/py")"
  fi
}
run "plot" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --plot "$TMP/p.svg" && {
  grep -q 'A  *delta\* crosses the patience' "$TMP/out" && ok "plot keeps the text on stdout" || not_ok "plot keeps the text on stdout" "$(cat "$TMP/out")"
  svg_check "plot is SVG" "$TMP/p.svg" "r.tag==N+'svg' and len([e for e in r.iter(N+'path') if e.get('class')=='delta'])==2 and len([e for e in r.iter(N+'line') if e.get('class')=='breakdown'])==2 and [e.find(N+'title').text for e in r.iter(N+'rect') if e.get('class')=='verdict']==['needs transfers', 'holds']"; }
run "plot, two parameters" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:6 --vary A.patience=0.5:0.9:3 --format json --plot "$TMP/p2.svg" &&
  json_check "plot, two parameters: json on stdout" "len(d['grid'])==18" &&
  svg_check "plot, two parameters" "$TMP/p2.svg" "len([e for e in r.iter(N+'rect') if e.get('class')=='cell'])==18 and len([e for e in r.iter(N+'circle') if e.get('class')=='breakdown'])==len(json.load(open('$TMP/out'))['breakdowns'])"
run "plot, invalid points" 0 "$LIAISON" sweep $AB --vary A.leak=0.5:1.5:3 --plot "$TMP/p3.svg" && svg_check "plot, invalid points" "$TMP/p3.svg" "any(e.get('class')=='verdict' and e.find(N+'title').text=='model invalid' for e in r.iter(N+'rect'))"
# the chart of docs/cli.md: SOE's burden in the SOE-NKVD agreement, five breakdowns, all labelled,
# and the status strip: needs transfers, holds between NKVD keeping to it and SOE withholding,
# needs transfers again, breaks down at the end
run "plot soe-nkvd" 0 "$LIAISON" sweep models/soe-nkvd-1941.lia --vary soe_burden=0:1:41 --plot "$TMP/soe.svg" &&
  svg_check "plot soe-nkvd" "$TMP/soe.svg" "len([e for e in r.iter(N+'line') if e.get('class')=='breakdown'])==5 and [e.text for e in r.iter(N+'text') if e.get('class')=='blabel']==['becomes prisoner\\'s dilemma (0.235)', 'NKVD keeps to it (0.28)', 'SOE withholds (0.348)', 'no longer prisoner\\'s dilemma (0.354)', 'transfers infeasible (0.988)'] and [e.find(N+'title').text for e in r.iter(N+'rect') if e.get('class')=='verdict']==['needs transfers', 'holds', 'needs transfers', 'breaks down']"
# statuses the strip and its legend name: holds, undecided (different patience), needs transfers
run "plot us-bnd" 0 "$LIAISON" sweep models/us-bnd-coldwar.lia --vary us_funding=0:0.5:51 --plot "$TMP/usbnd.svg" &&
  svg_check "plot us-bnd" "$TMP/usbnd.svg" "[e.find(N+'title').text for e in r.iter(N+'rect') if e.get('class')=='verdict']==['holds', 'undecided (passes minmax)', 'needs transfers'] and {'holds', 'undecided (passes minmax)', 'needs transfers'} <= {e.text for e in r.iter(N+'text')} and 'US withholds (0.295)' in [e.text for e in r.iter(N+'text') if e.get('class')=='blabel']"
# a member that would share more than committed is no breakdown: rings and a legend line, never "withholds"
run "plot exceed" 0 "$LIAISON" sweep tests/cases/repeat/exceed.lia --vary B.patience=0.05:0.9:18 --format json --plot "$TMP/ex.svg" &&
  json_check "plot exceed: json on stdout" "all(g['direction']==['exceed','withhold'] for g in d['grid'])" &&
  svg_check "plot exceed" "$TMP/ex.svg" "len([e for e in r.iter(N+'circle') if e.get('class')=='exceed'])==18 and 'would share more: A' in [e.text for e in r.iter(N+'text')] and not any('withholds' in (e.text or '') for e in r.iter(N+'text')) and [e.find(N+'title').text for e in r.iter(N+'rect') if e.get('class')=='verdict']==['needs transfers', 'holds']"
run "plot same bytes" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --threads 1 --plot "$TMP/p1.svg" && {
  cmp -s "$TMP/p.svg" "$TMP/p1.svg" && ok "plot same bytes on 1 and 2 threads" || not_ok "plot same bytes on 1 and 2 threads"; }
run "plot png" 2 "$LIAISON" sweep $AB --vary s=0:1:3 --plot "$TMP/p.png" && {
  grep -q 'only SVG\|SVG only' "$TMP/err" && grep -q 'rsvg-convert' "$TMP/err" && [ ! -e "$TMP/p.png" ] && ok "plot png" || not_ok "plot png" "$(cat "$TMP/err")"; }
run "plot unwritable" 2 "$LIAISON" sweep $AB --vary s=0:1:3 --plot "$TMP/no/such/dir/p.svg" && ok "plot unwritable"
run "bad threads" 2 "$LIAISON" sweep $AB --vary s=0:1:3 --threads 0 && ok "bad threads"

# regimes (tests/cases/repeat/regimes.lia, patience 0.5, crisis -> calm 0.05): B keeps to it in
# calm iff V_B(calm) >= 0, with V_c = -0.5 + 0.5((1 - p) V_c + p V_k) and
# V_k = 1.5 + 0.5(0.05 V_c + 0.95 V_k): at V_c = 0, V_k = 1.5/0.525 and p V_k = 1, so p = 0.35;
# A (3 in calm, -1 in crisis) would need V_A(calm) >= 20 > 3 and breaches in crisis throughout
run "sweep a transition" 0 "$LIAISON" sweep tests/cases/repeat/regimes.lia --vary transition.calm.crisis=0.05:1:20 --set transition.crisis.calm=0.05 --format json &&
  json_check "sweep a transition" "len(d['breakdowns'])==1 and d['breakdowns'][0]['party']=='B' and abs(d['breakdowns'][0]['value']-0.35)<1e-6 and 'over the regimes' in d['breakdowns'][0]['change'] and all(p['over_regimes'][0] is False for p in d['grid']) and d['grid'][0]['over_regimes'][1] is False and d['grid'][-1]['over_regimes'][1] is True"
run "sweep without regimes" 0 "$LIAISON" sweep tests/cases/repeat/ab-sweep.lia --vary s=0.2:0.4:3 --format json &&
  json_check "sweep without regimes" "all(x is None for p in d['grid'] for x in p['over_regimes'])"
# suspects: sweeping the prior that SIS is penetrated locates the trust threshold repeat reports
run "philby threshold" 0 "$LIAISON" repeat models/philby.lia --format json && cp "$TMP/out" "$TMP/philby.json" &&
run "sweep a prior" 0 "$LIAISON" sweep models/philby.lia --vary SIS.suspect=0:0.5:11 --format json &&
  json_check "sweep a prior" "(lambda t: len(d['breakdowns'])==1 and d['breakdowns'][0]['party']=='SIS' and abs(d['breakdowns'][0]['value']-t)<1e-6 and d['grid'][0]['trusted']==[None,True] and d['grid'][-1]['trusted']==[None,False])(json.load(open('$TMP/philby.json'))['suspects'][0]['threshold'])"
# a tolerance below the spacing of doubles ends when the interval is one representable number
# wide (issue 17): the same breakdowns as at 1e-6, to within 1e-6
run "tolerance below an ulp" 0 timeout 20 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --tolerance 1e-17 --format json &&
  json_check "tolerance below an ulp" "any(b['party']=='A' and abs(b['value']-0.308)<1e-6 for b in d['breakdowns'])"
