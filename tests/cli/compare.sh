#!/usr/bin/env bash
# compare.sh — `liaison compare`: agreements side by side, members matched by name, the
# sustainability status, directions and adjusted payoffs, and the bilateral sums beside a
# multilateral agreement (its automatic pairs named apart from the file's own).
. "$(dirname "$0")/lib.bash"
BM=models/bilateral-vs-multilateral.lia


# every agreement of the file; the bilateral sum of a member adds its payoffs over its pairs,
# e.g. Alpha: 0.14112 (with Bravo) + 0.11176 (Charlie) - 0.2648 (Delta) = -0.01192, and each
# welfare is its payoffs' sum
run "pool and pairs" 0 "$LIAISON" compare $BM --format json &&
  json_check "pool and pairs" "[a['name'] for a in d['agreements']]==['Pool','Alpha_Bravo','Alpha_Charlie','Alpha_Delta','Bravo_Charlie','Bravo_Delta','Charlie_Delta'] and abs(d['bilateral_sum']['payoffs']['Alpha']-(-0.01192))<1e-9 and all(abs(a['welfare']-sum(a['payoffs'].values()))<1e-12 for a in d['agreements']) and abs(d['bilateral_sum']['welfare']-sum(a['welfare'] for a in d['agreements'][1:]))<1e-12"
# the pool against its verdicts elsewhere: repeat says Alpha deviates and transfers save it
run "pool verdicts" 0 "$LIAISON" compare $BM --game Pool --game Alpha_Bravo --format json &&
  json_check "pool verdicts" "d['agreements'][0]['status']=='needs_transfers' and d['agreements'][0]['self_enforcing'] is False and d['agreements'][0]['delta_star']['Alpha'] is None and d['agreements'][0]['transfers']['feasible'] and d['agreements'][1]['status']=='holds' and d['agreements'][1]['self_enforcing'] and d['bilateral_sum'] is None and not any(a['automatic'] for a in d['agreements'])"
# the adjusted payoffs are those repeat reports after its transfers: Pool needs Alpha to
# receive 0.3830 (Alpha -0.3450 + 0.3830 = 0.03797); Alpha_Bravo holds (its payoffs as they are)
run "pool repeat" 0 "$LIAISON" repeat $BM --game Pool --format json && cp "$TMP/out" "$TMP/pool-repeat.json" &&
run "pool adjusted" 0 "$LIAISON" compare $BM --game Pool --game Alpha_Bravo --format json &&
  json_check "pool adjusted" "(lambda r, a: near([a[0]['adjusted'][m] for m in r['players']], r['transfers']['payoffs_after'], 1e-12) and near([a[0]['payoffs'][m] + a[0]['transfers']['amounts'][m] for m in r['players']], r['transfers']['payoffs_after'], 1e-12) and abs(a[0]['adjusted']['Alpha'] - 0.03796752) < 1e-8 and a[1]['adjusted'] == a[1]['payoffs'])(json.load(open('$TMP/pool-repeat.json')), d['agreements'])"
# two files
run "two files" 0 "$LIAISON" compare models/ukusa-1946.lia models/us-bnd-coldwar.lia && {
  grep -qE '^payoff US +0\.3052 +0\.2283$' "$TMP/out" && grep -qE '^status +holds +holds$' "$TMP/out" &&
    grep -qE '^adjusted US +0\.3052 +0\.2283$' "$TMP/out" && ! grep -q '(auto)' "$TMP/out" &&
    ok "two files" || not_ok "two files" "$(cat "$TMP/out")"; }
run "unknown game" 2 "$LIAISON" compare $BM --game Nope && ok "unknown game"
run "normal game" 2 "$LIAISON" compare tests/cases/repeat/pd.lia --game pd && ok "normal game"
run "three files" 2 "$LIAISON" compare $BM $BM $BM && ok "three files"

# the automatic decomposition of Pool: the pairs keep the pool's caveat (disclosure 0.2), which
# the written pairs do not have, so these runs set it back to 1. Then without its facility
# every pair equals the pair the model writes out by hand (pooled topics as two-way shares,
# no dilution); with it, each pair mans the facility alone at its full cost 1.2 for a value of
# 0.5 to each, so each pair's welfare is 2 * 0.5 - 1.2 = -0.2 below the written pair's
run "decomposition" 0 "$LIAISON" compare $BM --format json -o "$TMP/all.json" &&
run "decomposition, no facility" 0 "$LIAISON" compare $BM --game Pool --set Pool.caveat.disclosure=1 --set Pool.facility.shared_assets.cost=0 --set Pool.facility.shared_assets.value=0 --format json -o "$TMP/bare.json" &&
run "decomposition, facility" 0 "$LIAISON" compare $BM --game Pool --set Pool.caveat.disclosure=1 --format json -o "$TMP/fac.json" && {
  python3 - "$TMP" <<'PY' && ok "decomposition matches the written pairs" || not_ok "decomposition matches the written pairs"
import json, sys
t = sys.argv[1]
load = lambda f: {a["name"]: a for a in json.load(open(f"{t}/{f}"))["agreements"][1:]}
auto = lambda f: {k.replace(" (auto)", "").replace("+", "_"): a for k, a in load(f).items()}   # Alpha+Bravo (auto) -> Alpha_Bravo
written, bare, fac = load("all.json"), auto("bare.json"), auto("fac.json")
assert sorted(written) == sorted(bare) == sorted(fac)
for k in written:
    assert all(abs(bare[k]["payoffs"][m] - written[k]["payoffs"][m]) < 1e-12 for m in written[k]["payoffs"]), k
    assert abs(fac[k]["welfare"] - (written[k]["welfare"] - 0.2)) < 1e-12, k
PY
}

# The automatic pairs are named "A+B (auto)" and marked automatic, never the file's own names.
# With the pool's caveat set back to 1 (as above) each pair is the written pair plus the facility:
# the file's Alpha_Bravo (no facility: Alpha 0.14112, Bravo 0.43908, holds) and the automatic
# Alpha+Bravo (auto), which mans the facility alone: Alpha 0.14112 + 0.5 - 1.2 * 4/6 = -0.15888,
# Bravo 0.43908 + 0.5 - 1.2 * 2/6 = 0.53908. Alpha then prefers the fallback (0 > -0.15888)
# and needs transfers: its best breach pays 0.31, so Bravo pays it t with
# -0.15888 + t >= (1 - 0.9) * 0.31 = 0.031, t = 0.18988: adjusted Alpha 0.031, Bravo 0.3492
# — what repeat says of the same pair written out as an agreement (AB_fac below).
{ cat $BM; printf '\nagreement AB_fac bilateral {\n  members Alpha, Bravo\n  levels 0, 1\n  share Alpha -> Bravo  terror 1.0, crime 1.0\n  share Bravo -> Alpha  terror 1.0, crime 1.0\n  facility shared_assets cost 1.2 value 0.5 split proportional\n}\n'; } >"$TMP/fac.lia"
run "auto pair repeat" 0 "$LIAISON" repeat "$TMP/fac.lia" --game AB_fac --format json && cp "$TMP/out" "$TMP/abfac.json" &&
run "auto names" 0 "$LIAISON" compare $BM --game Pool --set Pool.caveat.disclosure=1 --format json &&
  json_check "auto names" "[a['name'] for a in d['agreements']]==['Pool','Alpha+Bravo (auto)','Alpha+Charlie (auto)','Alpha+Delta (auto)','Bravo+Charlie (auto)','Bravo+Delta (auto)','Charlie+Delta (auto)'] and [a['automatic'] for a in d['agreements']]==[False]+[True]*6 and all(a['kind']=='bilateral' for a in d['agreements'][1:])"
json_check "auto pair adjusted" "(lambda r, a: a['status']==r['status']=='needs_transfers' and near([a['payoffs']['Alpha'], a['payoffs']['Bravo']], [-0.15888, 0.53908], 1e-12) and near([a['transfers']['amounts']['Alpha'], a['transfers']['amounts']['Bravo']], r['transfers']['amounts'], 1e-12) and near([a['adjusted']['Alpha'], a['adjusted']['Bravo']], r['transfers']['payoffs_after'], 1e-12) and near([a['adjusted']['Alpha'], a['adjusted']['Bravo']], [0.031, 0.3492], 1e-12) and a['direction']=={'Alpha': 'withhold', 'Bravo': None})(json.load(open('$TMP/abfac.json')), d['agreements'][1])"
# the pairs with Delta break down (Delta's partner prefers the fallback and Delta cannot pay it
# enough): null adjusted payoffs, left out of the adjusted sums, which add what is left:
# Alpha 0.031 (with Bravo) + 0.028 (with Charlie) = 0.059; Delta has no pair left (null)
json_check "auto sums" "d['agreements'][3]['status']=='breaks_down' and d['agreements'][3]['adjusted']=={'Alpha': None, 'Delta': None} and abs(d['bilateral_sum']['adjusted']['Alpha']-(0.031+d['agreements'][2]['adjusted']['Alpha']))<1e-12 and abs(d['agreements'][2]['adjusted']['Alpha']-0.028)<1e-12 and d['bilateral_sum']['adjusted']['Delta'] is None and d['bilateral_sum']['left_out']=={'Alpha': ['Alpha+Delta (auto)'], 'Bravo': ['Bravo+Delta (auto)'], 'Charlie': ['Charlie+Delta (auto)'], 'Delta': ['Alpha+Delta (auto)', 'Bravo+Delta (auto)', 'Charlie+Delta (auto)']}"
# the file's own Alpha_Bravo and the automatic Alpha+Bravo (auto), each under its own name with
# its own numbers and status; the text names the automatic columns and lines up both adjusted
# (as the file is: the pairs inherit the pool's disclosure caveat, and none breaks down; the
# adjusted bilateral sum of Alpha is 0.04182 + 0.028 + 0.021 = 0.09082, of Delta
# 0.2717 + 0.2799 + 0.2264 = 0.778)
run "own and auto pair" 0 "$LIAISON" compare $BM --game Pool &&
  cp "$TMP/out" "$TMP/auto.txt" &&
run "own pair" 0 "$LIAISON" compare $BM --game Alpha_Bravo --game Pool && {
  head -1 "$TMP/auto.txt" | grep -qE '^ +Pool +Alpha\+Bravo \(auto\) +Alpha\+Charlie \(auto\) .* bilateral sum$' &&
    ! grep -q 'Alpha_Bravo' "$TMP/auto.txt" &&
    grep -qE '^status +needs transfers +holds +needs transfers +needs transfers +holds +needs transfers +needs transfers$' "$TMP/auto.txt" &&
    grep -qE '^adjusted Alpha +0\.03797 +0\.04182 +0\.028 +0\.021 +0\.09082$' "$TMP/auto.txt" &&
    grep -qE '^adjusted Delta +0\.4918 +0\.2717 +0\.2799 +0\.2264 +0\.778$' "$TMP/auto.txt" &&
    grep -qE '^  Alpha +Pool 0\.03797 +bilateral 0\.09082$' "$TMP/auto.txt" &&
    grep -qE '^\(auto\): a pair of Pool as the two would deal alone' "$TMP/auto.txt" &&
    head -1 "$TMP/out" | grep -qE '^ +Alpha_Bravo +Pool$' && ! grep -q '(auto)' "$TMP/out" &&
    grep -qE '^status +holds +needs transfers$' "$TMP/out" &&
    grep -qE '^adjusted Alpha +0\.1411 +0\.03797$' "$TMP/out" &&
    ok "own and auto pair" || not_ok "own and auto pair" "$(cat "$TMP/auto.txt" "$TMP/out")"; }

# a member that would share more than committed is never a breakdown: in exceed.lia A would
# exceed (level 1 pays it 0.8 > 0.4) and B withhold; with B's patience 0.2, B needs
# 0.3 + t >= (1 - 0.2) 0.4, t = 0.02 from A: adjusted A 0.4 - 0.02 = 0.38, B 0.32
run "exceed" 0 "$LIAISON" compare tests/cases/repeat/exceed.lia --set B.patience=0.2 && {
  grep -qE '^status +needs transfers$' "$TMP/out" && grep -qE '^direction A +exceed$' "$TMP/out" &&
    grep -qE '^direction B +withhold$' "$TMP/out" && grep -qE '^adjusted A +0\.38$' "$TMP/out" &&
    grep -qE '^adjusted B +0\.32$' "$TMP/out" && grep -q 'exceed = better off sharing more' "$TMP/out" &&
    ! grep -qE '^(status|adjusted|direction) .*break' "$TMP/out" &&
    ok "exceed" || not_ok "exceed" "$(cat "$TMP/out")"; }
# numbers for a reader: 4 significant digits, rounding noise shown as 0 (the transfers
# needed by an agreement that holds are 0, never -1e-17)
run "readings" 0 "$LIAISON" compare $BM && {
  python3 - "$TMP/out" <<'PY' && grep -qE '^transfers needed +0\.383 +0 +0 ' "$TMP/out" &&
import re, sys
nums = re.findall(r"(?<![\w.+])-?[0-9][0-9.e+-]*", open(sys.argv[1]).read())
sig = lambda t: len(t.lstrip("-").replace(".", "").lstrip("0"))
assert nums and not [t for t in nums if "e" in t or sig(t) > 4], [t for t in nums if "e" in t or sig(t) > 4]
PY
    ok "readings" || not_ok "readings" "$(cat "$TMP/out")"; }
# a game without a commitment is refused for that reason, not for the coalition values a
# comparison computes only when it can (the model's message about those is no failure)
run "no commitment" 2 "$LIAISON" compare tests/cases/repeat/pd.lia --game pd && {
  [ "$(cat "$TMP/err")" = "liaison compare: 'pd' has no committed profile: only agreements (with a commitment) can be compared" ] &&
    ok "no commitment" || not_ok "no commitment" "$(cat "$TMP/err")"; }
