#!/usr/bin/env bash
# share.sh — `liaison share` and the shares of `liaison solve`: published solutions of the
# games in tests/cases/tu/, the JSON contract, CSV, options and their misuse.
. "$(dirname "$0")/lib.bash"
TU=tests/cases/tu


# glove game: Shapley (2/3, 1/6, 1/6), core = nucleolus = (1, 0, 0)
run "glove json" 0 "$LIAISON" share $TU/games.lia --format json &&
  json_check "glove json" "d['game']=='glove' and d['players']==['L','R1','R2'] and d['grand_value']==1 and near(d['shapley'],[2/3,1/6,1/6],1e-12) and near(d['nucleolus'],[1,0,0]) and near(d['prenucleolus'],[1,0,0]) and d['core_empty'] is False and abs(d['least_core']['epsilon'])<1e-9 and d['verified']=={'nucleolus':True,'prenucleolus':True}"

# Talmud estate 200, claims 100/200/300 (Aumann-Maschler 1985): nucleolus (50, 75, 75),
# Shapley (33 1/3, 83 1/3, 83 1/3); proportional (1/3, 2/3, 1) * 100; CEA 200/3 each;
# CEL: losses 400 split so that 0 + (200 - l) + (300 - l) = 200, l = 150: (0, 50, 150)
run "talmud json" 0 "$LIAISON" share $TU/talmud.lia --format json &&
  json_check "talmud json" "d['kind']=='bankruptcy' and near(d['talmud'],[50,75,75]) and near(d['nucleolus'],[50,75,75]) and near(d['shapley'],[100/3,250/3,250/3]) and near(d['proportional'],[100/3,200/3,100]) and near(d['cea'],[200/3]*3) and near(d['cel'],[0,50,150]) and d['core_empty'] is False"
# the other two estates of the Talmud's table, through --set
run "talmud estate 100" 0 "$LIAISON" share $TU/talmud.lia --set talmud.estate=100 --format json &&
  json_check "talmud estate 100" "near(d['talmud'],[100/3]*3) and near(d['nucleolus'],[100/3]*3)"
run "talmud estate 300" 0 "$LIAISON" share $TU/talmud.lia --set talmud.estate=300 --format json &&
  json_check "talmud estate 300" "near(d['talmud'],[50,100,150]) and near(d['nucleolus'],[50,100,150])"

# airport game (Littlechild and Owen 1973), costs 8, 11, 13, 18: Shapley cost shares split each
# runway segment among its users: 2, 2+1, 3+1, 4+5. The vectors are cost shares.
run "airport json" 0 "$LIAISON" share $TU/airport.lia --format json &&
  json_check "airport json" "d['cost'] is True and d['grand_value']==18 and near(d['shapley'],[2,3,4,9],1e-12) and abs(sum(d['nucleolus'])-18)<1e-9 and all(x<=c+1e-9 for x,c in zip(d['nucleolus'],[8,11,13,18])) and d['verified']['nucleolus']"

# UN Security Council (5 permanent of weight 7, 10 of weight 1, quota 39): Shapley-Shubik
# 421/2145 and 4/2145; Banzhaf swings 848 and 84 of 2^14, normalised by 5*848 + 10*84 = 5080
run "unsc json" 0 "$LIAISON" share $TU/unsc.lia --format json &&
  json_check "unsc json" "near(d['shapley'],[421/2145]*5+[4/2145]*10,1e-12) and near(d['banzhaf'],[848/5080]*5+[84/5080]*10,1e-12) and near(d['banzhaf_absolute'],[848/16384]*5+[84/16384]*10,1e-12)"

run "text report" 0 "$LIAISON" share $TU/talmud.lia && {
  grep -q '^talmud: bankruptcy game of 3 players$' "$TMP/out" &&
    grep -qE '^  A +33\.33 +25 +50 +50 +50 +33\.33 +66\.67 +0$' "$TMP/out" && ! grep -q '33\.333' "$TMP/out" &&
    ok "text report" || not_ok "text report" "$(cat "$TMP/out")"; }
run "csv" 0 "$LIAISON" share $TU/games.lia --format csv && {
  head -1 "$TMP/out" | grep -q '^player,shapley,banzhaf,nucleolus,prenucleolus$' && [ "$(wc -l <"$TMP/out")" -eq 4 ] &&
    ok "csv" || not_ok "csv" "$(cat "$TMP/out")"; }

# --method picks rules; asking for a nucleolus that does not exist is an error
run "method subset" 0 "$LIAISON" share $TU/talmud.lia --method talmud,shapley --format json &&
  json_check "method subset" "d['nucleolus'] is None and d['talmud'] is not None and d['shapley'] is not None and 'cea' not in d"
run "montecarlo" 0 "$LIAISON" share $TU/talmud.lia --method montecarlo --samples 20000 --seed 3 --format json &&
  json_check "montecarlo" "all(abs(v-e)<=h for v,e,h in zip(d['shapley_mc']['values'],[100/3,250/3,250/3],d['shapley_mc']['halfwidth'])) and d['shapley_mc']['samples']==20000 and d['shapley_mc']['seed']==3"
cat >"$TMP/noimp.lia" <<'LIA'
game g coalitional {
  players A, B
  value A = 2
  value B = 2
  value A B = 3
}
LIA
run "no imputations skipped" 0 "$LIAISON" share "$TMP/noimp.lia" --format json &&
  json_check "no imputations skipped" "d['nucleolus'] is None and near(d['prenucleolus'],[1.5,1.5]) and d['notes'][0]['rule']=='nucleolus'"
run "no imputations asked" 2 "$LIAISON" share "$TMP/noimp.lia" --method nucleolus && {
  grep -q 'imputation set is empty' "$TMP/err" && ok "no imputations asked" || not_ok "no imputations asked" "$(cat "$TMP/err")"; }

# misuse
run "unknown method" 2 "$LIAISON" share $TU/games.lia --method shapely && {
  grep -q "unknown --method 'shapely'; did you mean shapley?" "$TMP/err" && ok "unknown method" || not_ok "unknown method" "$(cat "$TMP/err")"; }
run "samples without montecarlo" 2 "$LIAISON" share $TU/games.lia --method shapley --samples 10 && ok "samples without montecarlo"
# --disagreement is read by the bargaining rules only: with others alone it was ignored (exit 0)
run "disagreement without bargaining" 2 "$LIAISON" share models/five-eyes.lia --method shapley --disagreement security && {
  grep -q -- '--disagreement belongs to --method bargaining' "$TMP/err" && ok "disagreement without bargaining" || not_ok "disagreement without bargaining" "$(cat "$TMP/err")"; }
run "disagreement with bargaining" 0 "$LIAISON" share models/soe-nkvd-1941.lia --method shapley,bargaining --disagreement security --format json &&
  json_check "disagreement with bargaining" "d['bargaining']['disagreement']=='security'"
# bargaining asked of five members: the rule by the name it is asked by, and why
run "bargaining of five" 2 "$LIAISON" share models/five-eyes.lia --method bargaining && {
  grep -q "^liaison share: bargaining: two-party bargaining needs two members; 'FiveEyes' has 5$" "$TMP/err" && ok "bargaining of five" || not_ok "bargaining of five" "$(cat "$TMP/err")"; }
run "bad samples" 2 "$LIAISON" share $TU/games.lia --method montecarlo --samples 0 && ok "bad samples"
run "bad confidence" 2 "$LIAISON" share $TU/games.lia --method montecarlo --confidence 1.5 && ok "bad confidence"
run "bad disagreement" 2 "$LIAISON" share models/ukusa-1946.lia --disagreement war && ok "bad disagreement"
run "ambiguous game" 2 "$LIAISON" share models/ct-2005.lia && {
  grep -q 'choose one with --game: UK_ES, ES_MA, ES_DZ' "$TMP/err" && ok "ambiguous game share" || not_ok "ambiguous game share" "$(cat "$TMP/err")"; }
run "three-player normal game" 2 "$LIAISON" share tests/cases/nfg/2x2x2.nfg && ok "three-player normal game"

# agreements: the actual split against the fair ones, and bargaining for two members
run "agreement json" 0 "$LIAISON" share models/soe-nkvd-1941.lia --format json &&
  json_check "agreement json" "d['kind']=='bilateral' and len(d['actual'])==2 and near([a-s for a,s in zip(d['actual'],d['shapley'])], d['gaps']['shapley'],1e-12) and near(d['shapley'],[d['grand_value']/2]*2,1e-12) and d['breakaway']['total']>=1 and d['breakaway']['coalitions'][0]['members']==['SOE'] and d['bargaining']['disagreement']=='nash'"
run "security disagreement" 0 "$LIAISON" share models/ukusa-1946.lia --disagreement security --format json &&
  json_check "security disagreement" "d['bargaining']['disagreement']=='security' and all(n>=p-1e-9 for n,p in zip(d['bargaining']['nash_bargaining'],d['bargaining']['point']))"
# text reads numbers to four significant digits (JSON keeps the doubles): Berne's v(N) is
# 0.695172478498165, its least-core epsilon -0.06853814835236573, NL's nucleolus gap -0.000671401...
run "agreement text numbers" 0 "$LIAISON" share models/club-of-berne.lia && {
  grep -q '^  v(N) 0\.6952$' "$TMP/out" && grep -q 'least-core epsilon -0\.06854$' "$TMP/out" &&
    grep -qE '^  NL +0\.03649 +-0\.0006714 +-0\.0006714 ' "$TMP/out" && ! grep -qE '[1-9][0-9]{4}' "$TMP/out" &&
    ok "agreement text numbers" || not_ok "agreement text numbers" "$(cat "$TMP/out")"; }
# the table's columns stay aligned: every row of a table is as long as its header
run "agreement text aligned" 0 "$LIAISON" share models/five-eyes.lia && {
  awk '/^  player/ {w = length($0); next} /^  [A-Z][A-Z] / {if (length($0) != w) bad = 1} END {exit bad}' "$TMP/out" &&
    ok "agreement text aligned" || not_ok "agreement text aligned" "$(cat "$TMP/out")"; }
# a non-empty core beside break-away groups is worded as two facts: some split would satisfy
# every group, the actual one does not (Five Eyes: 7 groups would break away)
run "core and breakaways" 0 "$LIAISON" share models/five-eyes.lia && {
  grep -q '^  core: not empty (some split would satisfy every group; the actual split below does not); least-core epsilon -0\.2301$' "$TMP/out" &&
    grep -q '^  7 coalitions would break away from the actual split' "$TMP/out" &&
    grep -q '^    {US, UK, CA}  v(S) 4\.181, gets 3\.389, short by 0\.7918$' "$TMP/out" &&
    ok "core and breakaways" || not_ok "core and breakaways" "$(cat "$TMP/out")"; }
run "core without breakaways" 0 "$LIAISON" share models/club-of-berne.lia && {
  grep -q '^  core: not empty; least-core epsilon' "$TMP/out" && grep -q '^  no coalition would break away' "$TMP/out" &&
    ok "core without breakaways" || not_ok "core without breakaways" "$(cat "$TMP/out")"; }
# bargaining that cannot improve on the disagreement point says why instead of printing the
# point as the solution: in the penetrated agreement nothing gives either member more than
# (0, 0) without giving the other less (JSON: both solutions equal the point)
run "bargaining at the disagreement point json" 0 "$LIAISON" share models/penetrated.lia --format json &&
  json_check "bargaining at the disagreement point json" "d['bargaining']['nash_bargaining']==d['bargaining']['point'] and d['bargaining']['kalai_smorodinsky']==d['bargaining']['point']"
run "bargaining at the disagreement point" 0 "$LIAISON" share models/penetrated.lia && {
  grep -q '^  bargaining from the Nash-reversion point (0, 0)$' "$TMP/out" &&
    tr -s '\n ' ' ' <"$TMP/out" | grep -q 'nothing to bargain over: the Nash and Kalai-Smorodinsky solutions are the disagreement point itself' &&
    ! grep -q 'nash_bargain' "$TMP/out" &&
    ok "bargaining at the disagreement point" || not_ok "bargaining at the disagreement point" "$(cat "$TMP/out")"; }
# matching pennies: zero-sum, so nothing dominates the equilibrium payoffs (0, 0) either
cat >"$TMP/pennies.lia" <<'LIA'
game pennies normal {
  players A, B
  strategies A: h, t
  strategies B: h, t
  matrix A [1 -1; -1 1]
  matrix B [-1 1; 1 -1]
}
LIA
run "bargaining of a zero-sum game" 0 "$LIAISON" share "$TMP/pennies.lia" && {
  tr -s '\n ' ' ' <"$TMP/out" | grep -q 'gives one of the players more than this point without giving the other less' &&
    ! grep -q 'nash_bargain' "$TMP/out" && ok "bargaining of a zero-sum game" || not_ok "bargaining of a zero-sum game" "$(cat "$TMP/out")"; }
# only one party can gain: from d = (1, 1) the hull reaches (3, 1) and nothing above u2 = 1
cat >"$TMP/onesided.lia" <<'LIA'
game one normal {
  players A, B
  strategies A: x, y
  strategies B: l, r
  matrix A [1 3; 0 0]
  matrix B [1 1; 0 0]
}
LIA
run "bargaining one-sided" 0 "$LIAISON" share "$TMP/onesided.lia" && {
  tr -s '\n ' ' ' <"$TMP/out" | grep -q 'no outcome gives both players more than this point; only A can gain' &&
    grep -qE '^  A +3 +3$' "$TMP/out" && grep -qE '^  B +1 +1$' "$TMP/out" &&
    ok "bargaining one-sided" || not_ok "bargaining one-sided" "$(cat "$TMP/out")"; }
# and an ordinary problem prints the table with no such words (UKUSA from (0, 0))
run "bargaining ordinary" 0 "$LIAISON" share models/ukusa-1946.lia && {
  grep -qE '^  US +0\.3052 +0\.3221$' "$TMP/out" && ! grep -q 'no outcome' "$TMP/out" &&
    ok "bargaining ordinary" || not_ok "bargaining ordinary" "$(cat "$TMP/out")"; }
run "solve carries shares" 0 "$LIAISON" solve models/club-of-berne.lia --format json &&
  json_check "solve carries shares" "d['agreements'][0]['shares']['game']=='Berne' and len(d['agreements'][0]['shares']['shapley'])==5"

# veto players and null players: millions of coalitions are determined by the first fixed rows
# (a review found each rescan settling only a few of them: 19 s at 20 players)
{ printf 'game veto voting {\n  quota 60\n  weights A 30, B 30'; for i in $(seq 1 18); do printf ', N%d 1' "$i"; done; printf '\n}\n'; } >"$TMP/veto.lia"
run "veto game" 0 timeout 10 "$LIAISON" share "$TMP/veto.lia" --method nucleolus,shapley --format json &&
  json_check "veto game" "near(d['nucleolus'],[0.5,0.5]+[0]*18) and near(d['shapley'],[0.5,0.5]+[0]*18,1e-12)"
# a bankruptcy game too large to tabulate: the nucleolus is the Talmud rule. Claims 10, 20, ...,
# 300 (total 4650), estate 300 <= 4650/2, so CEA on the half-claims 5, 10, ..., 150: the first
# two get theirs, the other 28 split 285 equally (285/28 = 10.18 < 15). Shapley asked for by
# name cannot be computed exactly, which is an error.
{ printf 'game b bankruptcy {\n  estate 300\n  claims C1 10'; for i in $(seq 2 30); do printf ', C%d %d' "$i" "$((i * 10))"; done; printf '\n}\n'; } >"$TMP/bank30.lia"
run "large bankruptcy nucleolus" 0 "$LIAISON" share "$TMP/bank30.lia" --method nucleolus,prenucleolus --format json &&
  json_check "large bankruptcy nucleolus" "near(d['nucleolus'],[5,10]+[285/28]*28,1e-9) and near(d['prenucleolus'],d['nucleolus'],0)"
run "large bankruptcy shapley asked" 2 "$LIAISON" share "$TMP/bank30.lia" --method shapley && {
  grep -q 'too many players to tabulate' "$TMP/err" && ok "large bankruptcy shapley asked" || not_ok "large bankruptcy shapley asked" "$(cat "$TMP/err")"; }
run "large bankruptcy default" 0 "$LIAISON" share "$TMP/bank30.lia" --samples 2000 --format json &&
  json_check "large bankruptcy default" "d['shapley_mc']['samples']==2000 and d['shapley'] is None"

# Monte-Carlo samples are bounded (issue 17): 2^64 - 1 permutations would never end
run "samples bounded" 2 "$LIAISON" share tests/cases/tu/unsc.lia --method montecarlo --samples 18446744073709551615 && {
  grep -q "more than the 1000000000 permutations a run takes" "$TMP/err" && ok "samples bounded" || not_ok "samples bounded" "$(cat "$TMP/err")"; }
