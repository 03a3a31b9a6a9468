#!/usr/bin/env bash
# repeat.sh — `liaison repeat` and the sustainability part of `liaison solve`: critical
# discount factors computed by hand, verdicts, transfers, and misuse.
. "$(dirname "$0")/lib.bash"
PD=tests/cases/repeat/pd.lia


# T=10, R=9, P=3, S=1: delta* = (10 - 9)/(10 - 3) = 1/7 for (C, C)
run "pd delta star" 0 "$LIAISON" repeat $PD --target C,C --format json &&
  json_check "pd delta star" "d['target']==['C','C'] and all(abs(x-1/7)<1e-12 for x in d['delta_star']) and d['punishment']=={'kind':'nash','payoffs':[3,3]} and d['self_enforcing'] is None and d['transfers'] is None"
run "pd patient" 0 "$LIAISON" repeat $PD --target C,C --delta 0.15 --format json &&
  json_check "pd patient" "d['sustainable']==[True,True] and d['self_enforcing'] is True and d['best_self_enforcing']['profile']==['C','C']"
run "pd impatient" 0 "$LIAISON" repeat $PD --target C,C --delta 0.14 --format json &&
  json_check "pd impatient" "d['status']=='breaks_down' and d['sustainable']==[False,False] and d['transfers']=={'under':'nash','feasible':False,'amounts':None,'payoffs_after':None} and d['best_self_enforcing']['profile']==['D','D']"
run "pd minmax" 0 "$LIAISON" repeat $PD --target C,C --punish minmax --format json &&
  json_check "pd minmax" "d['punishment']['kind']=='minmax' and all(abs(x-3)<1e-7 for x in d['punishment']['payoffs'])"
run "pd text" 0 "$LIAISON" repeat $PD --target C,C --delta 0.5 && {
  grep -qE '^  A +9 +10 +3 +0\.1429 +0\.5 +3 +0\.1429  keeps to it$' "$TMP/out" && grep -q '^pd: holds$' "$TMP/out" &&
    ok "pd text" || not_ok "pd text" "$(cat "$TMP/out")"; }

# SOE-NKVD: SOE gets less at the commitment than the stage equilibrium gives it (C < P: never),
# so the commitment breaks down for SOE unless NKVD compensates it; it can:
# need 0.05 * 0.09444 + 0.39716 = 0.401882, NKVD's surplus 0.52992 * 0.8 = 0.423936
run "soe-nkvd" 0 "$LIAISON" repeat models/soe-nkvd-1941.lia --format json &&
  json_check "soe-nkvd" "d['delta_star'][0] is None and d['sustainable']==[False,True] and d['transfers']['feasible'] and abs(d['transfers']['amounts'][0]-0.401882)<1e-9"
run "solve sustainability" 0 "$LIAISON" solve models/soe-nkvd-1941.lia --format json &&
  json_check "solve sustainability" "[s['party'] for s in d['agreements'][0]['sustainability']]==['SOE','NKVD'] and d['agreements'][0]['sustainability'][0]['sustainable'] is False and d['agreements'][0]['transfers']['feasible'] and d['agreements'][0]['best_self_enforcing']['profile']==['1','1'] and abs(d['agreements'][0]['imbalance']-(0.39444-0.669)/(0.39444+0.669))<1e-9"

# the statuses from the command line (tests/unit/test_verdict.c derives each by hand)
# C < P: B gains nothing once (C = D = 1) but prefers the stage equilibrium (P = 2): delta*
# never, not 0; its minmax and worst subgame-perfect payoff are 1 = C, so a harsher punishment
# holds it
run "punishment preferred" 0 "$LIAISON" repeat tests/cases/repeat/prefers-fallback.lia --target c,c --delta 0.9 --format json &&
  json_check "punishment preferred" "d['status']=='holds_with_harsher_punishment' and d['delta_star'][1] is None and d['sustainable']==[True,False] and d['minmax']['payoffs']==[0,1] and d['harsher']['payoffs']==[0,1] and d['harsher']['sustainable']==[True,True] and d['self_enforcing'] is True"
# u_i = min(x) - 0.2 x_i at commitment (0.5, 1): A would exceed (0.8 > 0.4), B withhold to 0.5
# (0.4 > 0.3): delta*_B = 0.1/0.4 = 1/4; with B's patience 0.2, A pays B 0.8*0.4 - 0.3 = 0.02
run "exceed" 0 "$LIAISON" repeat tests/cases/repeat/exceed.lia --format json &&
  json_check "exceed" "d['status']=='holds' and d['deviations']['direction']==['exceed','withhold'] and d['deviations']['strategies']==['1','0.5'] and abs(d['delta_star'][1]-0.25)<1e-12 and 'share more than committed' in d['summary']"
run "exceed, impatient partner" 0 "$LIAISON" repeat tests/cases/repeat/exceed.lia --set B.patience=0.2 --format json &&
  json_check "exceed, impatient partner" "d['status']=='needs_transfers' and abs(d['transfers']['amounts'][1]-0.02)<1e-12 and abs(d['transfers']['payoffs_after'][1]-0.32)<1e-12 and 'A pays B 0.02 per period' in d['summary']"
run "exceed text" 0 "$LIAISON" repeat tests/cases/repeat/exceed.lia && {
  grep -q '^AB: holds$' "$TMP/out" && grep -qE '^  A +0\.4 +0\.8 .*keeps to it, would share more$' "$TMP/out" && ! grep -q 'withholds' "$TMP/out" &&
    ok "exceed text" || not_ok "exceed text" "$(cat "$TMP/out")"; }

# imperfect monitoring (tests/unit/test_verdict.c derives these): delta*(q) = 1/(1 + 6q) in the
# prisoner's dilemma, 0.4 at q = 0.25 and 0.625 at q = 0.1; at patience 0.5 each needs q >= 1/6
run "monitor" 0 "$LIAISON" repeat $PD --target C,C --monitor A=0.25 --monitor B=0.1 --format json &&
  json_check "monitor" "abs(d['delta_star'][0]-0.4)<1e-12 and abs(d['delta_star'][1]-0.625)<1e-12 and d['monitoring']['q']==[0.25,0.1] and d['status'] is None"
run "monitor, patience" 0 "$LIAISON" repeat $PD --target C,C --delta 0.5 --monitor A=0.1 --format json &&
  json_check "monitor, patience" "d['status']=='needs_transfers' and d['harsher'] is None and all(abs(x-1/6)<1e-12 for x in d['monitoring']['q_needed']) and abs(d['transfers']['amounts'][0]-4/11)<1e-12 and 'noticed with probability 0.1667 per period' in d['summary']"
run "monitor 1 changes nothing" 0 "$LIAISON" repeat $PD --target C,C --delta 0.5 --monitor A=1 --monitor B=1 --format json &&
  json_check "monitor 1 changes nothing" "d['status']=='holds' and all(abs(x-1/7)<1e-12 for x in d['delta_star'])"
run "bad monitor" 2 "$LIAISON" repeat $PD --target C,C --monitor A=0 && { grep -q "bad --monitor 'A=0'" "$TMP/err" && ok "bad monitor" || not_ok "bad monitor" "$(cat "$TMP/err")"; }
run "monitor unknown party" 2 "$LIAISON" repeat $PD --target C,C --monitor Z=0.5 && { grep -q "PARTY a member of 'pd'" "$TMP/err" && ok "monitor unknown party" || not_ok "monitor unknown party" "$(cat "$TMP/err")"; }

# `monitor B 0.25` in the agreement (exceed.lia's numbers): B's delta* = (0.4 - 0.3)/((0.4 - 0.3)
# + 0.25 (0.3 - 0)) = 0.1/0.175 = 4/7; the detection B needs at patience 0.9 is
# 0.1 * 0.1/(0.9 * 0.3) = 1/27; --set and sweep reach it through AB.monitor.B
run "monitor in the file" 0 "$LIAISON" repeat tests/cases/repeat/monitor.lia --format json &&
  json_check "monitor in the file" "d['status']=='holds' and abs(d['delta_star'][1]-4/7)<1e-12 and d['monitoring']['q']==[1,0.25] and abs(d['monitoring']['q_needed'][1]-1/27)<1e-12"
run "monitor set" 0 "$LIAISON" repeat tests/cases/repeat/monitor.lia --set AB.monitor.B=1 --format json &&
  json_check "monitor set" "abs(d['delta_star'][1]-0.25)<1e-12"
run "monitor, option over the file" 0 "$LIAISON" repeat tests/cases/repeat/monitor.lia --monitor B=0.1 --format json &&
  json_check "monitor, option over the file" "abs(d['delta_star'][1]-0.1/(0.1+0.1*0.3))<1e-12"
# B at patience 0.9 holds while 0.1/(0.1 + 0.3 q) <= 0.9, i.e. q >= 0.01/0.27 = 1/27
run "monitor sweep" 0 "$LIAISON" sweep tests/cases/repeat/monitor.lia --vary AB.monitor.B=0.01:0.1:10 --format json &&
  json_check "monitor sweep" "any(b['party']=='B' and abs(b['value']-1/27)<1e-6 for b in d['breakdowns'])"

# payoffs far apart in size: the punishment LPs used to be declared infeasible by GLPK (exit 3,
# "no verified optimum") once a payoff sat below 1e-13 of its player's span. With training at
# 1e20, IL's payoffs are 0 and 0.336 at its level 0 and 1e20 at level 1 whatever US does: level
# 1 is IL's best reply to anything, so the least US can hold IL to is 1e20; US's payoffs are 0
# and -0.07 when IL withholds and -1e20 when IL shares, so IL holds US to -1e20.
run "training 1e20: the minmax, not an internal error" 0 "$LIAISON" repeat models/us-israel-1950s.lia \
  --set training=1e20 --format json &&
  json_check "training 1e20: minmax -1e20, 1e20" "d['minmax']['payoffs']==[-1e20,1e20] and d['status']=='holds'"
run "training 1e20 in solve" 0 "$LIAISON" solve models/us-israel-1950s.lia --set training=1e20 && ok "training 1e20 in solve"
# B's payoffs 5, 0, 1e-14, 5 (CC, CD, DC, DD): A's mix q on C holds B to max(5q + 1e-14(1-q),
# 5(1-q)), least at q = 1/2: 2.5 (1e-14/2 below the printed digits)
cat >"$TMP/tiny.lia" <<'LIA'
game pd normal {
  players A, B
  strategies A: C, D
  strategies B: C, D
  payoff C C: 3, 5
  payoff C D: 0, 0
  payoff D C: 5, 1e-14
  payoff D D: 1, 5
}
LIA
run "a payoff of 1e-14 beside 5" 0 "$LIAISON" repeat "$TMP/tiny.lia" --target C,C --delta 0.9 --punish minmax --format json &&
  json_check "a payoff of 1e-14 beside 5: B's minmax 2.5" "abs(d['minmax']['payoffs'][1]-2.5)<1e-12"

# misuse
run "no target, no commitment" 2 "$LIAISON" repeat $PD && { grep -q 'no commitment' "$TMP/err" && ok "no target, no commitment" || not_ok "no target, no commitment" "$(cat "$TMP/err")"; }
run "unknown strategy" 2 "$LIAISON" repeat $PD --target C,X && { grep -q "B has no strategy 'X'" "$TMP/err" && ok "unknown strategy" || not_ok "unknown strategy" "$(cat "$TMP/err")"; }
run "short target" 2 "$LIAISON" repeat $PD --target C && ok "short target"
run "long target" 2 "$LIAISON" repeat $PD --target C,C,C && ok "long target"
run "bad delta" 2 "$LIAISON" repeat $PD --target C,C --delta 1 && ok "bad delta"
run "bad punish" 2 "$LIAISON" repeat $PD --target C,C --punish grim && ok "bad punish"

# the subgame-perfect payoff set at delta 0.9 (issue 5; tests/unit/test_payoff_set.c derives
# 9.75): the quadrilateral (3,3), (9.75,3), (9,9), (3,9.75)
run "pd payoff set" 0 "$LIAISON" repeat $PD --target C,C --delta 0.9 --format json &&
  json_check "pd payoff set" "len(d['payoff_set'])==4 and all(abs(a-b)<=1e-6 for v,w in zip(d['payoff_set'],[[3,3],[9.75,3],[9,9],[3,9.75]]) for a,b in zip(v,w))"
run "pd payoff set below 1/7" 0 "$LIAISON" repeat $PD --target C,C --delta 0.1 --format json &&
  json_check "pd payoff set below 1/7" "len(d['payoff_set'])==1 and all(abs(a-3)<=1e-9 for a in d['payoff_set'][0])"

# Regimes (docs/model.md section 10, "Regimes"; tests/cases/repeat/regimes.lia): at (1, 1) A gets
# 3 - 4 sa and B 3 - 4(1 - sa), withholding and the stage equilibrium (0, 0) pay 0. calm (sa = 0):
# C = (3, -1); crisis (sa = 1): C = (-1, 3); D = max(C, 0), P = 0; switching with p = 0.1 each
# way. With k = (1 - d)/(1 - d + 2dp), V_B = (1 - 2k, 1 + 2k): B's condition in calm is
# 1 - 2(1 - d)/(1 - d + 0.2d) >= 0, d* = 1/(1 + 2p) = 5/6, A's mirror image in crisis. At the
# patience 0.5, k = 5/6: V_B(calm) = -2/3 = its slack (D = P = 0), V_A(calm) = 8/3 and its
# slack 8/3 - 0.5 * 3 = 7/6. Long run (1/2, 1/2); the averaged game pays (1, 1) at (1, 1), 0 to
# a breach, and (0, 0) stays an equilibrium worth 0: its delta* is 0. Transfers: A pays B
# x = 2 - 1/k = 0.8 in calm, B pays A 0.8 in crisis, expected discounted total 0.8.
RG=tests/cases/repeat/regimes.lia
run "regimes json" 0 "$LIAISON" repeat $RG --format json &&
  json_check "regimes json" "d['regimes']['names']==['calm','crisis'] and d['regimes']['start']=='calm' and d['regimes']['transition']==[[0.9,0.1],[0.1,0.9]] and near(d['regimes']['long_run'],[0.5,0.5]) and d['regimes']['members']==['A','B'] and near(d['regimes']['delta_star'],[5/6,5/6],1e-9) and d['regimes']['binding_regime']==['crisis','calm'] and near(d['regimes']['averaged_delta_star'],[0,0]) and d['regimes']['sustainable']==[False,False] and d['regimes']['not_monotone']==[False,False]"
run "regimes table" 0 "$LIAISON" repeat $RG --format json &&
  json_check "regimes table" "[T:={(r['member'],r['regime']):r for r in d['regimes']['table']}] and len(T)==4 and T[('B','calm')]['C']==-1 and T[('B','calm')]['D']==0 and T[('B','calm')]['P']==0 and abs(T[('B','calm')]['V']+2/3)<1e-9 and abs(T[('B','calm')]['slack']+2/3)<1e-9 and abs(T[('A','calm')]['V']-8/3)<1e-9 and abs(T[('A','calm')]['slack']-7/6)<1e-9 and T[('A','crisis')]['C']==-1 and all(r['reachable'] for r in T.values())"
run "regimes transfers" 0 "$LIAISON" repeat $RG --format json &&
  json_check "regimes transfers" "d['regimes']['transfers']['feasible'] is True and near(d['regimes']['transfers']['amounts'][0],[-0.8,0.8],1e-9) and near(d['regimes']['transfers']['amounts'][1],[0.8,-0.8],1e-9) and abs(d['regimes']['transfers']['cost']-0.8)<1e-9 and d['status']=='needs_transfers'"
# patient enough (0.9 >= 5/6): both keep to it everywhere and nothing needs paying
run "regimes patient" 0 "$LIAISON" repeat $RG --set A.patience=0.9 --set B.patience=0.9 --format json &&
  json_check "regimes patient" "d['regimes']['sustainable']==[True,True] and d['regimes']['transfers']['feasible'] is True and near(d['regimes']['transfers']['amounts'][0],[0,0]) and d['regimes']['transfers']['cost']==0"
# p = 0.5 each way: d* = 1/(1 + 1) = 1/2
run "regimes p=0.5" 0 "$LIAISON" repeat $RG --set transition.calm.crisis=0.5 --set transition.crisis.calm=0.5 --format json &&
  json_check "regimes p=0.5" "near(d['regimes']['delta_star'],[0.5,0.5],1e-9)"
run "regimes text" 0 "$LIAISON" repeat $RG && {
  grep -q '^regimes of AB: calm (start), crisis$' "$TMP/out" &&
    grep -qE '^  B +calm +-1 +0 +0 +-0\.6667 +-0\.6667$' "$TMP/out" &&
    grep -q 'B keeps to it in every regime only with patience 0.8333 or more; the binding regime is' "$TMP/out" &&
    grep -qE '^    calm +A -0\.8, B 0\.8$' "$TMP/out" &&
    ok "regimes text" || not_ok "regimes text" "$(cat "$TMP/out")"; }
# no regimes: no "regimes" key
run "no regimes" 0 "$LIAISON" repeat tests/cases/repeat/exceed.lia --format json &&
  json_check "no regimes" "'regimes' not in d"
# a normal-form game with regimes has no commitment: the static analysis of --target, and
# "regimes": null
cat >"$TMP/pdr.lia" <<'LIA'
let t = 10
game pd normal {
  players A, B
  strategies A: C, D
  strategies B: C, D
  payoff C C: 9, 9
  payoff C D: 1, t
  payoff D C: t, 1
  payoff D D: 3, 3
}
regime calm { }
regime tense { set t = 12 }
transition calm -> tense 0.5
LIA
run "regimes without commitment" 0 "$LIAISON" repeat "$TMP/pdr.lia" --target C,C --format json &&
  json_check "regimes without commitment" "d['regimes'] is None and abs(d['delta_star'][0]-1/7)<1e-12"

# --monitor on solve and sweep sets the agreement's monitor: B's delta* 4/7 as above
run "solve --monitor" 0 "$LIAISON" solve tests/cases/repeat/exceed.lia --monitor B=0.25 --format json &&
  json_check "solve --monitor" "abs(d['agreements'][0]['sustainability'][1]['delta_star']-4/7)<1e-12"
run "sweep --monitor" 0 "$LIAISON" sweep tests/cases/repeat/exceed.lia --monitor B=0.25 --vary B.patience=0.1:0.9:9 --format json &&
  json_check "sweep --monitor" "any(b['party']=='B' and abs(b['value']-4/7)<1e-6 for b in d['breakdowns'])"
run "solve --monitor, no such member" 2 "$LIAISON" solve tests/cases/repeat/exceed.lia --monitor Z=0.5 && { grep -q "Z is not a member of any agreement" "$TMP/err" && ok "solve --monitor, no such member" || not_ok "solve --monitor, no such member" "$(cat "$TMP/err")"; }
run "nash --monitor refused" 2 "$LIAISON" nash tests/cases/repeat/pd.lia --monitor A=0.5 && { grep -q -- "--monitor is not an option of nash" "$TMP/err" && ok "nash --monitor refused" || not_ok "nash --monitor refused" "$(cat "$TMP/err")"; }

# A penetrated leak below the clean one: at belief 0.9796 (effective leak 0.0102) Charlie's
# payoffs differ by 1.07e-10 and GLPK's tight simplex called its feasible minmax LP infeasible,
# so this ended in "internal error" (exit 3); the other LP methods are tried now.
run "suspect lower leak" 0 "$LIAISON" repeat models/bilateral-vs-multilateral.lia --game Alpha_Charlie --set Alpha.suspect.leak=0.01 --format json &&
  json_check "suspect lower leak" "d['suspects'][0]['leak_penetrated']==0.01 and 0<d['suspects'][0]['threshold']<=1"

# A large side payment must not hide a deviation gain. us-israel-1950s: US pays IL `training`
# per period while IL shares, whatever US does, so it shifts US's C and D alike. At
# training 10: C = 0.40944 - 10 = -9.59056, D = P = 0.48 - 10 = -9.52 (withholding, the
# stage equilibrium US=0, IL=1), so D - C = 0.07056 and, as P = D, US needs exactly that:
# IL pays US 0.07056. At 1e8 the same holds (it read `holds` with D = C, the gain judged
# against 1e-9 of the largest |payoff|, 0.1).
for V in 10 1e8; do
  run "large transfer $V" 0 "$LIAISON" repeat models/us-israel-1950s.lia --set training=$V --format json &&
    json_check "large transfer $V" "d['status']=='needs_transfers' and abs(d['deviations']['payoffs'][0]-d['values'][0]-0.07056)<1e-7 and abs(d['punishment']['payoffs'][0]-(0.48-$V))<1e-7 and d['delta_star'][0] is None and abs(d['transfers']['amounts'][0]-0.07056)<1e-7"
done
# text at training 1e12: patience and delta* are not payoffs, so the payoff scale (1e12) must not
# print the patience 0.9 as 0; the transfer reads 0.07056, not 0. A row's payoffs print with the
# digits that tell them apart: US's C = 0.40944 - 1e12 = -999999999999.59 and D = P =
# 0.48 - 1e12 = -999999999999.52 need 13 (-999999999999.6, -999999999999.5; at four digits all
# three read -1e+12, under a sentence saying C is less than P); the exposure driving US reads
# 0.09936, as in the model's own run (training does not touch it), not 0
run "large transfer text" 0 "$LIAISON" repeat models/us-israel-1950s.lia --set training=1e12 && {
  flat=$(tr '\n' ' ' <"$TMP/out" | tr -s ' ')
  grep -qE '^  US +-999999999999\.6 +-999999999999\.5 +-999999999999\.5 +never +0\.9 ' "$TMP/out" &&
    grep -qE '^  IL +1000000000000 +1000000000000 +999999999999\.9 +0 +0\.85 ' "$TMP/out" &&
    grep -q 'it gets -999999999999.6 per period, less than the -999999999999.5' <<<"$flat" &&
    grep -q 'exposure of its own material (0.09936 per period)' <<<"$flat" &&
    grep -q 'IL pays US 0.07056 per period' "$TMP/out" &&
    ok "large transfer text" || not_ok "large transfer text" "$(cat "$TMP/out")"; }
# at 1e13 US's C and D differ by 0.07 on 1e13, 7e-15 of them: 14 digits tell them apart (they
# were left at four, -1e+13 twice in "less than")
run "training 1e13 text" 0 "$LIAISON" repeat models/us-israel-1950s.lia --set training=1e13 && {
  flat=$(tr '\n' ' ' <"$TMP/out" | tr -s ' ')
  grep -q 'it gets -9999999999999.6 per period, less than the -9999999999999.5' <<<"$flat" &&
    ok "training 1e13: C and D told apart" || not_ok "training 1e13 text" "$(cat "$TMP/out")"; }
# each member's payoffs read against its own: with US's need at 1e10 its payoffs reach 5e9, and
# UK's C = D = 1.297 and P = 0.4824 (as in the JSON) read 0 against them
run "one member at 1e10" 0 "$LIAISON" repeat models/five-eyes.lia --set US.need.soviet=1e10 && {
  grep -qE '^  UK +1\.297 +1\.297 +0\.4824 ' "$TMP/out" && ok "one member at 1e10: the others' payoffs read on their own" ||
    not_ok "one member at 1e10" "$(cat "$TMP/out")"; }
