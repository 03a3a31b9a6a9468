#!/usr/bin/env python3
"""models.py — `make fuzz-models`: grammar-aware mutation of the models in models/*.lia.

Each mutant changes a model the way a user (or an attacker) would: numbers (to 0, negative,
huge, tiny, fractions, 1/0, beyond 1e300), names (a reference to nobody, a duplicate, a long
name, bytes that are not UTF-8 in a title), levels (more, fewer, repeated, out of order, a
hundred of them), members (dropped, repeated, unknown, added). Every mutant is run through
check, compile, nash, solve, share and repeat of the CLI (the sanitizer build when there is
one) under a wall-clock limit and a memory cap, and must:
  - end (no timeout) without a signal or a sanitizer report;
  - exit 0 or 2, or 3 with a message;
  - with --format json and exit 0, print strict JSON (UTF-8, no NaN or infinity).
Findings are written to build/fuzz-models/finding-N.lia with the command; the run fails if
there is any. An exit 3 whose message only names a status ("internal error") is listed as a
note (a solver that gave up on badly scaled numbers, say: a refusal, not a wrong answer) and
kept as note-N.lia, without failing the run.

usage: models.py LIAISON SECONDS [SEED]"""
import json, os, random, re, subprocess, sys, time

LIAISON, SECONDS = sys.argv[1], float(sys.argv[2])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else int(time.time())
OUT = "build/fuzz-models"
os.makedirs(OUT, exist_ok=True)
rng = random.Random(SEED)

MODELS = sorted(f"models/{f}" for f in os.listdir("models") if f.endswith(".lia"))
NUMBERS = ["0", "1", "-1", "0.5", "2", "1e300", "1e299*1e9", "-1e299*1e9", "1e-300", "1/3", "1/0", "0/0",
           "99999999999999999999", "1e-320", "0.999999999", "1.000000001", "1e15", "-0", "3/7", "1e308"]
NAMES = ["Nobody", "X" * 300, "US", "UK", "A_b_1", "_", "caf\u00e9"]
BAD_BYTES = [b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]

NUM_RE = re.compile(rb"(?<![A-Za-z_0-9.])(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![A-Za-z_0-9])")


def mutate_number(text):
    spans = list(NUM_RE.finditer(text))
    if not spans:
        return text
    m = rng.choice(spans)
    return text[:m.start()] + rng.choice(NUMBERS).encode() + text[m.end():]


def mutate_name(text):
    names = sorted(set(re.findall(rb"\b(?:party|topic|members|commit|split)\s+([A-Za-z_][A-Za-z_0-9]*)", text)))
    words = list(re.finditer(rb"\b[A-Z][A-Za-z_0-9]*\b", text))
    if not words:
        return text
    m = rng.choice(words)
    new = rng.choice(NAMES + [n.decode() for n in names] or ["Z"]).encode()
    return text[:m.start()] + new + text[m.end():]


def mutate_title(text):
    m = re.search(rb'model\s+"([^"\n]*)"', text)
    if not m:
        return b'model "t' + rng.choice(BAD_BYTES) + b'"\n' + text
    return text[:m.end(1)] + rng.choice(BAD_BYTES) + text[m.end(1):]


def mutate_levels(text):
    m = re.search(rb"levels\s+([^\n}]*)", text)
    if not m:
        return text
    levels = [x.strip() for x in m.group(1).split(b",") if x.strip()]
    choice = rng.randrange(6)
    if choice == 0:
        # (a hundred levels make vertex enumeration of a real agreement take minutes: a
        # known slowness, not a finding; the degenerate 100-level case is in tests/cli/hostile.sh)
        k = rng.choice([2, 5, 12, 20])
        levels = [b"0"] + [f"{i}/{k - 1}".encode() for i in range(1, k - 1)] + [b"1"]
    elif choice == 1 and len(levels) > 1:
        levels.pop(rng.randrange(len(levels)))
    elif choice == 2 and levels:
        levels.insert(rng.randrange(len(levels) + 1), rng.choice(levels))
    elif choice == 3:
        rng.shuffle(levels)
    elif choice == 4:
        levels.append(rng.choice([b"1.5", b"-0.1", b"0.99", b"1e-9"]))
    else:
        levels = levels[:1]
    return text[:m.start(1)] + b", ".join(levels) + text[m.end(1):]


def mutate_members(text):
    m = re.search(rb"members\s+([^\n}]*)", text)
    if not m:
        return text
    members = [x.strip() for x in m.group(1).split(b",") if x.strip()]
    choice = rng.randrange(4)
    if choice == 0 and len(members) > 1:
        members.pop(rng.randrange(len(members)))
    elif choice == 1 and members:
        members.append(rng.choice(members))
    elif choice == 2:
        members.append(rng.choice([b"Nobody", b"US", b"UK", b"Ghost"]))
    else:
        rng.shuffle(members)
    return text[:m.start(1)] + b", ".join(members) + text[m.end(1):]


MUTATORS = [mutate_number] * 4 + [mutate_name] * 2 + [mutate_levels] * 2 + [mutate_members] * 2 + [mutate_title]

COMMANDS = [
    ["check"],
    ["compile", "--emit", "json"],
    ["nash", "--format", "json"],
    ["nash", "--method", "all", "--format", "json"],
    ["solve", "--format", "json"],
    ["share", "--format", "json"],
    ["repeat", "--format", "json"],
]
ALLOWED_3 = ("out of memory", "solver", "GLPK", "failed its own check", "could not")


def strict_json(raw):
    def bad(c):
        raise ValueError("non-finite " + c)
    json.loads(raw.decode("utf-8"), parse_constant=bad)


def run(path, cmd):
    args = [LIAISON, cmd[0], path, "--memory-cap", "64M"] + cmd[1:]
    try:
        p = subprocess.run(args, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "did not end within 30 s"
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        return f"killed by signal {-p.returncode}"
    if "Sanitizer" in err or "runtime error" in err:
        return "sanitizer report: " + err[:400]
    if p.returncode == 3 and not any(w in err for w in ALLOWED_3):
        return "NOTE exit 3 without a specific reason: " + err.strip()[:300]
    if p.returncode not in (0, 2, 3):
        return f"exit {p.returncode}: {err[:300]}"
    if p.returncode == 0 and ("--format" in cmd or "--emit" in cmd):
        try:
            strict_json(p.stdout)
        except Exception as e:
            return f"not strict JSON: {e}"
    return None


start = time.monotonic()
mutants = runs = findings = notes = 0
while time.monotonic() - start < SECONDS:
    src = rng.choice(MODELS)
    text = open(src, "rb").read()
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(MUTATORS)(text)
    path = f"{OUT}/mutant.lia"
    with open(path, "wb") as f:
        f.write(text)
    mutants += 1
    for cmd in COMMANDS:
        if time.monotonic() - start >= SECONDS:
            break
        runs += 1
        why = run(path, cmd)
        if why and why.startswith("NOTE "):
            notes += 1
            keep = f"{OUT}/note-{notes}.lia"
            with open(keep, "wb") as f:
                f.write(text)
            print(f"fuzz-models: note {notes} ({src}): liaison {cmd[0]} {keep} {' '.join(cmd[1:])} "
                  f"--memory-cap 64M: {why[5:]}")
            break
        if why:
            findings += 1
            keep = f"{OUT}/finding-{findings}.lia"
            with open(keep, "wb") as f:
                f.write(text)
            print(f"fuzz-models: finding {findings} ({src}, seed {SEED}): liaison {cmd[0]} {keep} "
                  f"{' '.join(cmd[1:])} --memory-cap 64M: {why}")
            break
print(f"fuzz-models: {mutants} mutants, {runs} runs in {time.monotonic() - start:.0f} s (seed {SEED}), "
      f"{findings} finding{'s' if findings != 1 else ''}, {notes} note{'s' if notes != 1 else ''}")
sys.exit(1 if findings else 0)
