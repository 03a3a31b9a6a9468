#!/usr/bin/env python3
"""limit_run.py — run one command under an address-space limit (ulimit -v) and a wall-clock
limit, and check what issue 17 promises of every run: it ends (no timeout), with the expected
exit code (never a signal), within its peak-memory bound, printing strict JSON when it
succeeds with --format json, and leaving no partial or temporary file in the output directory.

usage: limit_run.py NAME --rc N [--vmem MB] [--wall S] [--peak MB] [--json] [--outdir DIR]
                    [--expect-files F,...] [--stderr TEXT] -- CMD...
Prints one TAP line ("ok - NAME" / "not ok - NAME" with the reasons)."""
import argparse, json, os, resource, signal, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("name")
ap.add_argument("--rc", type=int, required=True)
ap.add_argument("--vmem", type=int, default=2048, help="address-space limit, MB")
ap.add_argument("--wall", type=float, default=60, help="wall-clock limit, s")
ap.add_argument("--peak", type=float, default=None, help="peak resident memory bound, MB")
ap.add_argument("--json", action="store_true", help="stdout must be strict JSON when rc is 0")
ap.add_argument("--outdir", default=None, help="directory that must hold exactly --expect-files")
ap.add_argument("--expect-files", default="")
ap.add_argument("--stderr", default=None, help="text the message must contain")
argv = sys.argv[1:]
if "--" not in argv:
    ap.error("give the command after --")
cut = argv.index("--")
a = ap.parse_args(argv[:cut])
cmd = argv[cut + 1:]

def limit():
    lim = a.vmem << 20
    resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

problems = []
start = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
try:
    out, err = p.communicate(timeout=a.wall)
except subprocess.TimeoutExpired:
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate()
    problems.append(f"did not end within {a.wall:g} s")
elapsed = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0   # one child per run
rc = p.returncode
if rc < 0:
    problems.append(f"killed by signal {-rc}")
elif rc != a.rc:
    problems.append(f"exit {rc}, wanted {a.rc}")
text = err.decode("utf-8", "replace")
if "Sanitizer" in text or "runtime error" in text:
    problems.append("sanitizer report")
if a.stderr is not None and a.stderr not in text:
    problems.append(f"message lacks '{a.stderr}'")
if a.peak is not None and peak_mb > a.peak:
    problems.append(f"peak memory {peak_mb:.0f} MB over {a.peak:g} MB")
if a.json and rc == 0:
    try:
        def bad(c): raise ValueError("non-finite number " + c)
        json.loads(out.decode("utf-8"), parse_constant=bad)
    except Exception as e:   # invalid UTF-8 or JSON
        problems.append(f"stdout is not strict JSON: {e}")
if a.outdir is not None:
    have = sorted(os.listdir(a.outdir))
    want = sorted(f for f in a.expect_files.split(",") if f)
    if have != want:
        problems.append(f"output directory holds {have}, wanted {want}")
if problems:
    print(f"not ok - {a.name}")
    for q in problems:
        print(f"    {q}")
    for line in text.strip().splitlines()[:3]:
        print(f"    | {line[:200]}")
    sys.exit(1)
print(f"ok - {a.name} (exit {rc}, {elapsed:.1f} s, peak {peak_mb:.0f} MB)")
