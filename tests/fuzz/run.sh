#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] — build the libFuzzer target and fuzz the compiler for SECONDS (60).
#
# Builds every library source (solver/**/*.c except the CLI) together with
# tests/fuzz/fuzz_compile.c under -fsanitize=fuzzer,address,undefined into build/fuzz/, seeds
# build/fuzz/corpus from the models, the malformed-input tests and the shared .nfg/lrs cases,
# and runs libFuzzer. Exits non-zero when libFuzzer reports a crash, leak, timeout or
# out-of-memory; the input that caused it is kept as build/fuzz/{crash,leak,timeout,oom}-*.
# The timeout per input is measured (below; FUZZ_TIMEOUT=S overrides it).
# Run from anywhere: paths are taken relative to the repository root.
set -euo pipefail

SECONDS_TO_RUN=${1:-60}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

OUT=build/fuzz
BIN=$OUT/fuzz_compile
CORPUS=$OUT/corpus
LOG=$OUT/fuzz.log
mkdir -p "$OUT" "$CORPUS"

CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (make deps installs clang and libclang-rt-14-dev)" >&2; exit 2; }

# -fno-sanitize-recover: UBSan otherwise only prints and carries on, and libFuzzer would
# never count undefined behaviour as a finding.
CFLAGS=(-std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isolver -I/usr/include/x86_64-linux-gnu/openblas-pthread
        -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
LIBS=(-lglpk -lopenblas -lsqlite3 -lm -lpthread)

# The library sources exactly as the Makefile picks them (LIB_SRC), plus the target.
mapfile -t SRC < <(find solver -name '*.c' -not -path 'solver/cli/*' | sort)
SRC+=(tests/fuzz/fuzz_compile.c)

# Rebuild only when a source, header or this script is newer than the binary: the build is a
# single clang call over ~30 files and takes a while under the sanitizers.
if [ ! -x "$BIN" ] || [ -n "$(find solver include tests/fuzz/fuzz_compile.c tests/fuzz/run.sh \
                               \( -name '*.[ch]' -o -name '*.inc' -o -name 'run.sh' \) -newer "$BIN" -print -quit)" ]; then
  echo "fuzz: building $BIN"
  "$CC" "${CFLAGS[@]}" -o "$BIN" "${SRC[@]}" "${LIBS[@]}"
fi

# Seeds: copied in every run (cheap; libFuzzer dedups), next to whatever earlier runs found.
# The shared cases live beside the repository and may be absent; then they are skipped.
seed() {   # seed PREFIX FILE...
  local prefix=$1; shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$CORPUS/$prefix-$(basename "$f")"; done
  return 0
}
shopt -s nullglob
seed model models/*.lia
seed malformed tests/malformed/*.lia
seed nfg tests/cases/nfg/*.nfg
seed lrs tests/cases/games/*.game
seed tu tests/cases/tu/*.lia
shopt -u nullglob
# The explicit game kinds, which no model in models/ uses.
printf 'game bos normal {\n  players P1, P2\n  strategies P1: Opera, Football\n  strategies P2: Opera, Football\n  matrix P1 [3 0; 0 2]\n  matrix P2 [2 0; 0 3]\n}\n' >"$CORPUS/inline-normal.lia"
printf 'game pd normal {\n  players A, B\n  strategies A: c, d\n  strategies B: c, d\n  payoff c c: 3, 3\n  payoff c d: 0, 5\n  payoff d c: 5, 0\n  payoff d d: 1, 1\n}\n' >"$CORPUS/inline-payoff.lia"
printf 'game glove coalitional { players L, R1, R2; value L R1 = 1; value L R2 = 1; value L R1 R2 = 1 }\n' >"$CORPUS/inline-glove.lia"
printf 'let e = 200\ngame talmud bankruptcy { estate e; claims A 100, B 200, C 300 }\n' >"$CORPUS/inline-bankruptcy.lia"
printf 'game council voting { quota 4; weights P1 3, P2 2, P3 1 }\n' >"$CORPUS/inline-voting.lia"
printf 'game share coalitional cost { players A, B; value A = 2; value B = 3; value A B = 4 }\n' >"$CORPUS/inline-cost.lia"

# Leak checking is on by default with ASan; say so anyway, and make UBSan print where.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# The timeout per input comes from measurement, not a guess: every seed is run once under this
# binary's instrumentation (which costs 10 to 40 times native speed), and the timeout is four
# times the slowest (the machine may be busy), at least 10 s. A mutant four times slower than
# any seed is a real slowness worth a report; a fixed 10 s stopped the run on a seed model
# that takes 0.4 s natively. Measured again whenever the binary is rebuilt (cached in $OUT/timeout).
TIMEOUT_FILE=$OUT/timeout
if [ -n "${FUZZ_TIMEOUT:-}" ]; then
  TIMEOUT=$FUZZ_TIMEOUT
elif [ -f "$TIMEOUT_FILE" ] && [ "$TIMEOUT_FILE" -nt "$BIN" ]; then
  TIMEOUT=$(cat "$TIMEOUT_FILE")
else
  echo "fuzz: measuring the seeds under instrumentation to set the timeout"
  shopt -s nullglob
  seeds=("$CORPUS"/{model,malformed,nfg,lrs,tu,inline}-*)
  shopt -u nullglob
  slowest=$(ASAN_OPTIONS=detect_leaks=0 "$BIN" "${seeds[@]}" 2>&1 |
            sed -n 's/^Executed \(.*\) in \([0-9]*\) ms$/\2 \1/p' | sort -n | tail -n 1)
  ms=${slowest%% *}
  TIMEOUT=$(( (4 * ${ms:-0} + 999) / 1000 ))
  [ "$TIMEOUT" -ge 10 ] || TIMEOUT=10
  echo "fuzz: slowest seed ${ms:-?} ms (${slowest#* }): timeout ${TIMEOUT} s"
  echo "$TIMEOUT" >"$TIMEOUT_FILE"
fi

echo "fuzz: running $BIN for ${SECONDS_TO_RUN}s, timeout ${TIMEOUT} s per input (log: $LOG)"
start=$(date +%s)
rc=0
"$BIN" "$CORPUS" \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 -timeout="$TIMEOUT" \
  -dict=tests/fuzz/lia.dict -artifact_prefix="$OUT/" -print_final_stats=1 \
  >"$LOG" 2>&1 || rc=$?
elapsed=$(( $(date +%s) - start ))

# libFuzzer prints "stat::number_of_executed_units: N" with -print_final_stats, and "#N DONE"
# or the last "#N ..." status line otherwise (e.g. after a crash).
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -n 1)
[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$LOG" | tail -n 1)
ncorpus=$(find "$CORPUS" -type f | wc -l)
kb=$(du -sk "$CORPUS" | cut -f1)

if [ "$rc" -ne 0 ]; then
  # Show the sanitizer report (the stack trace) and where libFuzzer kept the input.
  echo "fuzz: FAILED (libFuzzer exit $rc) after ${execs:-?} executions in ${elapsed}s" >&2
  sed -n '/^==[0-9]*==ERROR\|runtime error\|ERROR: libFuzzer/,$p' "$LOG" | head -n 80 >&2
  grep -E 'Test unit written to' "$LOG" >&2 || true
  exit 1
fi
echo "fuzz: ok: ${execs:-?} executions in ${elapsed}s, corpus ${ncorpus} files (${kb} KiB), no crash, leak or timeout"
