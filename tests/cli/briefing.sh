#!/usr/bin/env bash
# briefing.sh — `solve --format html`, `sweep --format html` and `explore --format html`: one self-contained page
# (well-formed, no script, nothing fetched, escaped model strings, printable), its numbers as
# the JSON says, the same bytes twice; rendered in headless Chromium (make deps installs it)
# to a PNG that is not blank and shows the verdict, printed to A4 pages, and the sweep chart of
# --plot rendered the same way; `explore --format html` the same way, its probabilities as
# its JSON says. Misuse exits 2.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
CHECK="$PY tests/cli/briefing_check.py"
AB=tests/cases/repeat/ab-sweep.lia
UKUSA=models/ukusa-1946.lia

run "ukusa briefing" 0 "$LIAISON" solve $UKUSA --format html -o "$TMP/ukusa.html" && {
  $CHECK structure "$TMP/ukusa.html" "ukusa briefing"
  # the words and numbers a reader checks, from the library: status, summary, the command
  grep -q 'The commitment <span class="b-badge" style="background:#1a9850">holds</span>' "$TMP/ukusa.html" &&
    grep -q 'it needs patience 0.3969 and has 0.9' "$TMP/ukusa.html" &&
    grep -q "<code>liaison solve $UKUSA --format html -o $TMP/ukusa.html</code>" "$TMP/ukusa.html" &&
    grep -q '<title>UK-US signals agreement 1946, illustrative calibration' "$TMP/ukusa.html" &&
    ok "ukusa: status, summary, title and the command that regenerates it" ||
    not_ok "ukusa: status, summary, title and the command that regenerates it"
  ls "$TMP" | grep -q '\.tmp$' && not_ok "-o leaves no temporary file" || ok "-o leaves no temporary file"
}
run "ukusa json" 0 "$LIAISON" solve $UKUSA --format json -o "$TMP/ukusa.json" &&
  $CHECK numbers "$TMP/ukusa.html" "$TMP/ukusa.json" "ukusa briefing"

# several agreements, multilateral ones, regimes, suspects: every model of the repository
pages=()
for f in models/*.lia; do
  b=$(basename "$f" .lia)
  run "$b briefing" 0 "$LIAISON" solve "$f" --format html -o "$TMP/$b.html" &&
  run "$b json" 0 "$LIAISON" solve "$f" --format json -o "$TMP/$b.json" && pages+=("$TMP/$b.html" "$TMP/$b.json" "$b")
done
$CHECK models "${pages[@]}"
grep -q '<h3>Regimes</h3>' "$TMP/soe-nkvd-oscillating.html" && grep -q '<h3>Suspected penetration</h3>' "$TMP/philby.html" &&
  ok "regimes and suspects sections" || not_ok "regimes and suspects sections"

# every string of the model is escaped: a title that is markup stays text
{ echo 'model "<script>alert(1)</script> & <b>co</b>"'; cat $AB; } >"$TMP/esc.lia"
run "escaping" 0 "$LIAISON" solve "$TMP/esc.lia" --format html -o "$TMP/esc.html" && {
  ! grep -q '<script\|<b>co' "$TMP/esc.html" && grep -q '<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;</h1>' "$TMP/esc.html" &&
    ok "escaping" || not_ok "escaping" "$(grep -n 'script' "$TMP/esc.html" | head -3)"
  $CHECK structure "$TMP/esc.html" "escaped page"
}

# the same bytes for the same input (no date), and the library's default through lia_report_write
run "again" 0 "$LIAISON" solve $UKUSA --format html -o "$TMP/ukusa.html" &&
run "again 2" 0 "$LIAISON" solve $UKUSA --format html -o "$TMP/ukusa2.html" && {
  diff <(sed 's/ukusa2.html/ukusa.html/' "$TMP/ukusa2.html") "$TMP/ukusa.html" >/dev/null &&
    ok "same bytes twice" || not_ok "same bytes twice"; }

# with --vary the sweep's chart and breakdowns: A's delta* meets its patience at s = 0.308 (by
# hand in tests/cli/sweep.sh: (0.38 - s) / 0.08 = 0.9)
run "solve --vary" 0 "$LIAISON" solve $AB --format html --vary s=0.2:0.4:11 -o "$TMP/vary.html" && {
  $CHECK structure "$TMP/vary.html" "solve --vary"
  [ "$(grep -c '<svg' "$TMP/vary.html")" -eq 4 ] && grep -q '<td class="b-n">0.308</td>' "$TMP/vary.html" &&
    grep -q '<h3>Where it breaks down as s varies</h3>' "$TMP/vary.html" &&
    ok "solve --vary: breakdown chart and A at 0.308" || not_ok "solve --vary: breakdown chart and A at 0.308" "$(grep -c '<svg' "$TMP/vary.html") charts"
}
run "sweep html" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --format html -o "$TMP/sweep.html" && {
  $CHECK structure "$TMP/sweep.html" "sweep --format html"
  [ "$(grep -c '<svg' "$TMP/sweep.html")" -eq 1 ] && grep -q '<td class="b-n">0.308</td>' "$TMP/sweep.html" &&
    grep -q '<strong>needs transfers</strong> for s from 0.2 to 0.3; and <strong>holds</strong> for s from 0.32 to 0.4' "$TMP/sweep.html" &&
    ok "sweep html: chart, runs and A at 0.308" || not_ok "sweep html: chart, runs and A at 0.308" "$(grep -n 'Along the grid' "$TMP/sweep.html")"
}

# an exploration's briefing: linear.lia holds where s > 0.308 (A's delta* = (0.38 - s) / 0.08
# meets its patience 0.9 there, tests/cli/sweep.sh), so over s uniform in [0.26, 0.38] the
# probability that it holds is (0.38 - 0.308) / 0.12 = 0.6: the page's interval must hold it,
# and every share and interval on the page is the JSON's at one decimal of a percent
LIN=tests/cases/explore/linear.lia
run "explore html" 0 "$LIAISON" explore $LIN --design sobol --samples 64 --seed 1 --store "$TMP/x.sqlite" --format html -o "$TMP/explore.html" &&
run "explore json" 0 "$LIAISON" explore --store "$TMP/x.sqlite" --format json -o "$TMP/explore.json" && {
  $CHECK structure "$TMP/explore.html" "explore --format html"
  $PY - "$TMP/explore.html" "$TMP/explore.json" <<'PYEOF' && ok "explore html: the JSON's probabilities, 0.6 inside the interval" || not_ok "explore html: the JSON's probabilities, 0.6 inside the interval"
import json, re, sys
page, j = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
words = {"holds": "holds", "needs_transfers": "needs transfers", "breaks_down": "breaks down", "undecided": "undecided",
         "holds_with_harsher_punishment": "holds with a harsher punishment", "invalid": "the model is invalid"}
pc = lambda v: "%.1f%%" % (100 * v)
for k, p in j["probabilities"].items():
    row = '<tr><td>%s</td><td class="b-n">%s</td><td class="b-n">%s \u2013 %s</td><td class="b-n">%d</td></tr>' % (
        words[k], pc(p["share"]), pc(p["lo"]), pc(p["hi"]), p["runs"])
    assert row in page, row
h = j["probabilities"]["holds"]
assert h["lo"] <= 0.6 <= h["hi"], h
assert "liaison explore %s --design sobol" % "tests/cases/explore/linear.lia" in page
assert page.count("<svg") == 2 and "<h2>Scenarios</h2>" in page and "Sobol indices" in page
PYEOF
  # re-analysing the store gives the same page, but for the command at its foot
  run "explore html from the store" 0 "$LIAISON" explore --store "$TMP/x.sqlite" --format html -o "$TMP/explore2.html" &&
    diff <(grep -v 'To regenerate' "$TMP/explore.html") <(grep -v 'To regenerate' "$TMP/explore2.html") >/dev/null &&
    grep -q "<code>liaison explore --store $TMP/x.sqlite --format html -o $TMP/explore2.html</code>" "$TMP/explore2.html" &&
    ok "explore html: the store re-analysed gives the same page" || not_ok "explore html: the store re-analysed gives the same page"
}
run "explore html, morris" 0 "$LIAISON" explore $LIN --design morris --samples 8 --format html -o "$TMP/morris.html" && {
  $CHECK structure "$TMP/morris.html" "explore --design morris --format html"
  grep -q 'Morris' "$TMP/morris.html" && ok "morris page names mu*" || not_ok "morris page names mu*"
}

# misuse: exit 2 and the reason
says() { if grep -q -- "$2" "$TMP/err"; then ok "$1"; else not_ok "$1" "$(head -3 "$TMP/err")"; fi; }
run "vary without html" 2 "$LIAISON" solve $AB --vary s=0:1:3 && says "vary without html" 'briefing (--format html)'
run "vary, several games" 2 "$LIAISON" solve models/bilateral-vs-multilateral.lia --format html --vary s=0:1:3 &&
  says "vary, several games" 'choose one with --game'
run "vary, unknown name" 2 "$LIAISON" solve $AB --format html --vary nosuch=0:1:3 && says "vary, unknown name" '--vary nosuch'
run "bad format" 2 "$LIAISON" solve $AB --format pdf && says "bad format" 'text, json or html'
run "explore bad format" 2 "$LIAISON" explore $LIN --samples 4 --format pdf && says "explore bad format" 'text, json, csv or html'
run "sweep bad format" 2 "$LIAISON" sweep $AB --vary s=0:1:3 --format pdf && says "sweep bad format" 'text, json, csv or html'

# a browser: the page and the sweep chart rendered to PNG, the page printed to PDF
if ! command -v chromium >/dev/null; then
  echo "ok - chromium rendering # SKIP chromium is not installed (make deps installs it)"
  exit 0
fi
browse() {   # browse ARGS... FILE: headless Chromium with a profile of its own each time
  local dir; dir=$(mktemp -d "$TMP/chromium.XXXXXX")
  timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$dir" "$@" >/dev/null 2>&1
}
shot() { browse --screenshot="$1" --window-size="$2" "file://$3"; }   # shot OUT.png WIDTH,HEIGHT ABSOLUTE-FILE
shot "$TMP/page.png" 1200,2000 "$TMP/ukusa.html"
if [ -s "$TMP/page.png" ]; then
  # green: the holds badge and border, and US's delta* bar; orange: NKVD-style payoff colour
  $CHECK render "$TMP/page.png" "briefing in chromium" "#1a9850" "#d55e00" "#0072b2"
  $CHECK verdict "$TMP/page.png" "briefing in chromium" "#1a9850"
else
  not_ok "briefing in chromium" "no screenshot"
fi
run "plot" 0 "$LIAISON" sweep $AB --vary s=0.2:0.4:11 --plot "$TMP/ab.svg" && {
  shot "$TMP/svg.png" 900,720 "$TMP/ab.svg"
  # the status strip: amber (needs transfers) below s = 0.308, green (holds) above
  [ -s "$TMP/svg.png" ] && $CHECK render "$TMP/svg.png" "sweep chart in chromium" "#f4a52c" "#1a9850" ||
    not_ok "sweep chart in chromium" "no screenshot"
}
shot "$TMP/explore.png" 1000,2400 "$TMP/explore.html"
# green (holds) and amber (needs transfers) bars, the Sobol bars' dark blue
[ -s "$TMP/explore.png" ] && $CHECK render "$TMP/explore.png" "explore briefing in chromium" "#1a9850" "#f4a52c" "#08519c" ||
  not_ok "explore briefing in chromium" "no screenshot"
browse --no-pdf-header-footer --print-to-pdf="$TMP/print.pdf" "file://$TMP/bilateral-vs-multilateral.html"
n=$(grep -c 'class="b-agreement"' "$TMP/bilateral-vs-multilateral.html")
# each agreement and the glossary start a page
[ -s "$TMP/print.pdf" ] && $CHECK pages "$TMP/print.pdf" "printed briefing" $((n + 1)) || not_ok "printed briefing" "no PDF"
