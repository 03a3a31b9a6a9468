#!/usr/bin/env bash
# compare.sh — `liaison compare`: agreements side by side, members matched by name, and the
# bilateral sums beside a multilateral agreement.
. "$(dirname "$0")/lib.bash"
BM=models/bilateral-vs-multilateral.lia


# every agreement of the file; the bilateral sum of a member adds its payoffs over its pairs,
# e.g. Alpha: 0.14112 (with Bravo) + 0.11176 (Charlie) - 0.2648 (Delta) = -0.01192, and each
# welfare is its payoffs' sum
run "pool and pairs" 0 "$LIAISON" compare $BM --format json &&
  json_check "pool and pairs" "[a['name'] for a in d['agreements']]==['Pool','Alpha_Bravo','Alpha_Charlie','Alpha_Delta','Bravo_Charlie','Bravo_Delta','Charlie_Delta'] and abs(d['bilateral_sum']['payoffs']['Alpha']-(-0.01192))<1e-9 and all(abs(a['welfare']-sum(a['payoffs'].values()))<1e-12 for a in d['agreements']) and abs(d['bilateral_sum']['welfare']-sum(a['welfare'] for a in d['agreements'][1:]))<1e-12"
# the pool against its verdicts elsewhere: repeat says Alpha deviates and transfers save it
run "pool verdicts" 0 "$LIAISON" compare $BM --game Pool --game Alpha_Bravo --format json &&
  json_check "pool verdicts" "d['agreements'][0]['self_enforcing'] is False and d['agreements'][0]['delta_star']['Alpha'] is None and d['agreements'][0]['transfers']['feasible'] and d['agreements'][1]['self_enforcing'] and d['bilateral_sum'] is None"
# two files
run "two files" 0 "$LIAISON" compare models/ukusa-1946.lia models/us-bnd-coldwar.lia && {
  grep -qE '^payoff US +0\.3052 +0\.2283$' "$TMP/out" && grep -qE '^self-enforcing +yes +yes$' "$TMP/out" &&
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
written, bare, fac = load("all.json"), load("bare.json"), load("fac.json")
assert sorted(written) == sorted(bare) == sorted(fac)
for k in written:
    assert all(abs(bare[k]["payoffs"][m] - written[k]["payoffs"][m]) < 1e-12 for m in written[k]["payoffs"]), k
    assert abs(fac[k]["welfare"] - (written[k]["welfare"] - 0.2)) < 1e-12, k
PY
}
