#!/usr/bin/env bash
# messages.sh — issue 15, errors: every failure a user sees says what failed, for which input
# and what to try, in the library's words with the command line's flag hint. Every suite's
# `run` already fails on a bare status line (lib.bash, bare_error); this suite pins the messages
# the command line used to rebuild wrongly from status codes, and walks one failing library
# call of each command.
. "$(dirname "$0")/lib.bash"
CASES=tests/cases
P3=$CASES/nfg/2x2x2.nfg   # three players

# says NAME TEXT CMD...: exit 2, nothing on stdout, TEXT (fixed string) on stderr.
says() {
  local name=$1 text=$2; shift 2
  run "$name" 2 "$@" || return
  if [ -s "$TMP/out" ]; then not_ok "$name" "printed an answer: $(head -c 200 "$TMP/out")"; return; fi
  grep -qF -- "$text" "$TMP/err" && ok "$name" || not_ok "$name" "wanted '$text'" "$(head -3 "$TMP/err")"
}

# the check itself fails on what it must catch (and passes a sentence)
printf 'liaison nash: internal error\n' >"$TMP/bare1"
printf 'internal error\n' >"$TMP/bare2"
printf 'liaison repeat: the analysis failed: out of memory\n' >"$TMP/bare3"
printf "liaison nash: the library failed (internal error) without saying why; please report this\n" >"$TMP/bare4"
for f in bare1 bare2 bare3 bare4; do
  (bare_error probe "$TMP/$f") >/dev/null && not_ok "bare_error catches $f" "$(cat "$TMP/$f")" || ok "bare_error catches $f"
done
printf "liaison nash: vertex enumeration of 'g' (3 x 3) failed its own check (floating-point labels that the exact or regret check refutes); nothing is reported: try the exact option\n" >"$TMP/fine"
(bare_error probe "$TMP/fine") >/dev/null && ok "bare_error passes a sentence" || not_ok "bare_error passes a sentence"

## the command line's wrong rebuilds, pinned
# was "--method lh needs a two-player game and a label below 0"
says "lh on three players names the players, not a label" "Lemke-Howson (the lh method) solves two-player games; '2x2x2' has 3 players" \
  "$LIAISON" nash "$P3" --method lh
grep -q "label below" "$TMP/err" && not_ok "lh on three players: no label bound" "$(cat "$TMP/err")" || ok "lh on three players: no label bound"
# was "a label below 5" for a 3 x 2 game: labels 0 to 4
says "lh label out of range" "label 5 is out of range for 'N6_vs3x2' (3 x 2): labels run from 0 to 4" \
  "$LIAISON" nash "$CASES/games/N6_vs3x2.game" --method lh --label 5
# was "too large for Lemke-Howson within 1 GiB of memory" under --memory-cap 8G, as if the cap
# had been ignored by mistake: Lemke-Howson's arrays have a fixed bound the cap does not move.
# 2 x 8000: (2*2*8000 + 8002^2 + 8000^2 + 8000*8003) * 8 bytes = 1.54 GB = 1.43 GiB > 1 GiB.
python3 - "$TMP/w2.nfg" <<'PY'
import sys
m, n = 2, 8000
with open(sys.argv[1], "w") as f:
    f.write('NFG 1 R "w2" { "1" "2" } { %d %d }\n' % (m, n))
    f.write(" ".join("%d %d" % ((i * 7 + j * 3) % 11, (i * 5 + j) % 13) for j in range(n) for i in range(m)) + "\n")
PY
# Lemke-Howson counts every allocation against the cap the caller gives (it once had a fixed
# 1 GiB that --memory-cap 8G did not raise, and said so wrongly): under 1 GiB the 2 x 8000 game
# is refused at once with its need, at least the tableaux above (1.43 GiB).
"$LIAISON" nash "$TMP/w2.nfg" --method lh --memory-cap 1G >"$TMP/out" 2>"$TMP/err"; rc=$?
need=$(grep -Eo "Lemke-Howson on 'w2' \(2 x 8000\) needs [0-9.]+ GiB, over the memory cap of 1 GiB" "$TMP/err" | grep -Eo '[0-9.]+ GiB,' | grep -Eo '[0-9.]+')
[ $rc -eq 2 ] && [ -n "$need" ] && python3 -c "import sys; sys.exit(not $need >= 1.43)" &&
  ok "lh over --memory-cap 1G says what it needs" || not_ok "lh over --memory-cap 1G says what it needs" "rc=$rc $(cat "$TMP/err")"
# The logit path counts its arrays against the caller's cap too (it once had a fixed 1 GiB the
# cap did not move). A 60 x 60 game, N = 120 strategies, M = N + 1: the path's N^2 + M^2 + 21 M
# + 4 np = 14400 + 14641 + 2541 + 8 = 31590 doubles, the polish's 2 N^2 + 4 N + 3600 * 2 + 8 np
# = 28800 + 480 + 7200 + 16 = 36496: 68086 * 8 bytes = 544688 bytes = 532 KiB. Refused under a
# 300 KiB cap (the game itself fits: 225 KiB), solved under 600 KiB.
python3 - "$TMP/g60.game" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("60 60\n")
    for p in range(2):
        f.write("\n" + "\n".join(" ".join(str((i * 7 + j * (3 + p) + p) % 10) for j in range(60)) for i in range(60)) + "\n")
PY
says "qre over --memory-cap 300K says what it needs" "the logit path (the qre method) on 'g60' (60 x 60) needs up to 532 KiB, over the memory cap of 300 KiB" \
  "$LIAISON" nash "$TMP/g60.game" --method qre --memory-cap 300K
run "qre within --memory-cap 600K" 0 "$LIAISON" nash "$TMP/g60.game" --method qre --memory-cap 600K &&
  { grep -q "1 qre equilibrium" "$TMP/out" && ok "qre within --memory-cap 600K" || not_ok "qre within --memory-cap 600K" "$(head -3 "$TMP/out")"; }
# the caller's cap, in the caller's words
says "correlated LP under --memory-cap 1K" "correlated-equilibrium LP of '2x2x2' would exceed the memory cap of 1 KiB (lia_correlated_options.memory_cap) [--memory-cap SIZE sets the cap]" \
  "$LIAISON" nash "$P3" --correlated --memory-cap 1K
says "coarse correlated LP under --memory-cap 1K (compile --emit lp)" "coarse correlated-equilibrium LP of '2x2x2' would exceed the memory cap of 1 KiB" \
  "$LIAISON" compile "$P3" --emit lp --coarse --memory-cap 1K

# simplicial subdivision counts its arrays before any work (simpdiv.c working_bytes): for
# 2x2x2, np = 3 players, N = 6 strategies, 8 profiles: 8 (6 np + 8 N + 2) + 2 N + 8 np 8 +
# 40 N^2 = 544 + 12 + 192 + 1440 = 2188 bytes = 2.14 KiB, over a cap of 2 KiB; both sizes in
# one form. Three players: gnm is the method to try; two players: lh.
says "simpdiv over --memory-cap 2K says what it needs" "simplicial subdivision (the simpdiv method) on '2x2x2' (3 players) needs 2.14 KiB, over the memory cap of 2 KiB (lia_nash_options.memory_cap): raise the cap or use the gnm method [--memory-cap SIZE sets the cap]" \
  "$LIAISON" nash "$P3" --method simpdiv --memory-cap 2K
run "simpdiv within --memory-cap 3K" 0 "$LIAISON" nash "$P3" --method simpdiv --memory-cap 3K
# 2x2: np = 2, N = 4, 4 profiles: 8 (12 + 32 + 2) + 8 + 64 + 640 = 1080 bytes = 1.05 KiB
says "simpdiv on two players over the cap suggests lh" "on '2x2' (2 x 2) needs 1.05 KiB, over the memory cap of 1 KiB (lia_nash_options.memory_cap): raise the cap or use the lh method" \
  "$LIAISON" nash "$CASES/nfg/2x2.nfg" --method simpdiv --memory-cap 1K
# support enumeration's worst case of a 100 x 100 game: C(200, 100) - 1 = 9.05e58 pairs at
# 1.8 us each is 2.72e51 minutes, written as a number a reader can take in
random_nfg "$TMP/r100.nfg" r100 100 7
says "support on 100 x 100: the time in e-notation" "could examine 9.05e+58 support pairs, about 2.72e+51 minutes; it is refused beyond 5e+07 pairs" \
  "$LIAISON" nash "$TMP/r100.nfg" --method support
# simpdiv's budget is a bound of the method, not a failure (exit 2, as support's refusal): the
# same game's first path wanders (simpdiv.c: 2e10 payoff terms in 104 s), so the 5e9 budget
# (125000 labels of 2^2 x 10^4 terms, about 20 s) ends the run with its reason
says "simpdiv out of budget on 100 x 100: a limit, lh suggested" "simplicial subdivision on 'r100' used its budget of 125000 labelled points (5e+09 payoff terms)" \
  "$LIAISON" nash "$TMP/r100.nfg" --method simpdiv
grep -q "use the lh method" "$TMP/err" && ok "simpdiv out of budget: two players, lh suggested" || not_ok "simpdiv out of budget: two players, lh suggested" "$(cat "$TMP/err")"
# a name in capitals finds its lower-case spelling
says "--method SIMPDIV: did you mean" "unknown --method 'SIMPDIV'; did you mean simpdiv?" "$LIAISON" nash "$P3" --method SIMPDIV
says "--punish NASH: did you mean" "unknown --punish 'NASH'; did you mean nash?" "$LIAISON" repeat models/ukusa-1946.lia --punish NASH

## one failing library call per command: the library's reason reaches the user
says "nash lp on a general game" "the lp method solves two-player constant-sum games; 'UKUSA' (3 x 3) is not one" \
  "$LIAISON" nash models/ukusa-1946.lia --method lp
says "nash all on three players" "vertex enumeration (the all method) solves two-player games; '2x2x2' has 3 players" \
  "$LIAISON" nash "$P3" --method all
# a constant 30 x 30 game: its 900 profiles are all pure equilibria (the table itself fits)
python3 - "$TMP/flat.nfg" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('NFG 1 R "flat" { "1" "2" } { 30 30 }\n' + " ".join("1 1" for _ in range(900)) + "\n")
PY
says "nash pure: every profile an equilibrium, over the cap" "'flat' (30 x 30) has too many pure equilibria to list within the memory cap of 100 KiB" \
  "$LIAISON" nash "$TMP/flat.nfg" --method pure --memory-cap 100K
says "compile lrs of three players" "the lrs format holds two-player games only; '2x2x2' has 3 players: write it in the NFG format [--emit nfg]" \
  "$LIAISON" compile "$P3" --emit lrs
says "compile over the memory cap" "over the memory cap of 100 bytes (raise the cap, or make the game smaller) [--memory-cap SIZE sets the cap]" \
  "$LIAISON" compile "$CASES/nfg/6x6_game_with_75_eq.nfg" --memory-cap 100
says "compile several games: the library's choice in the flag's words" "choose one with --game: UK_ES, ES_MA, ES_DZ" \
  "$LIAISON" compile models/ct-2005.lia
says "solve a coalitional game" "'airport' is a coalitional game, which has no stage game to solve (share it instead)" \
  "$LIAISON" solve "$CASES/tu/airport.lia" --game airport
says "share a three-player normal game" "'2x2x2' is a normal-form game of 3 players: it has no coalition values, and two-party bargaining needs two players" \
  "$LIAISON" share "$P3"

## no library message names a command-line flag (the CLI adds its own hints)
if grep -rnE '"[^"]*--(game|memory-cap|set|emit|format|delta|range|resume|method|label)\b' solver --include=*.c \
     | grep -v '^solver/cli/' | grep -vE 'lia__sources_add\(&m->sources, "--set"|"\\n--set ' >"$TMP/flags"; then
  not_ok "library messages name no CLI flag" "$(head -5 "$TMP/flags")"
else
  ok "library messages name no CLI flag"
fi
