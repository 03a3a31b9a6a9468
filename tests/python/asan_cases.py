"""asan_cases.py — the Python memory cases of issue 17 item 7, run in ONE process against an
ASan/UBSan-instrumented libliaison with the sanitizer runtime preloaded (tests/cli/python.sh
does so under `make test-asan`): closing a Game while other threads read it, and closing a
Model inside a sweep's progress callback. A use-after-free aborts the process with an ASan
report; success prints one summary line."""
import os
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_package import CLOSE_WHILE_READING  # noqa: E402

exec(compile(textwrap.dedent(CLOSE_WHILE_READING), "close-while-reading", "exec"))

import liaison  # noqa: E402

m = liaison.load(liaison.model_path("soe-nkvd-1941"))


def progress(done, total):
    m.close()


r = m.sweep("soe_burden", (0, 1, 21), progress=progress)
assert len(r.grid) == 21 and r.status[0] == "needs_transfers"

# the same for an exploration, and an exploration stopped by its callback, and the estimators
# refusing bad arrays: the library must free everything on each path
m = liaison.load(liaison.model_path("soe-nkvd-1941"))
x = m.explore(samples=600, ranges={"soe_burden": (0.2, 0.9)}, progress=lambda done, total: m.close())
assert x.run_count == 600 and len(x.runs) == 600 and x.to_json()["runs"] == 600
m = liaison.load(liaison.model_path("soe-nkvd-1941"))
try:
    m.explore(design="sobol", samples=300, ranges={"soe_burden": (0.2, 0.9)}, progress=lambda d, t: d >= 100)
except liaison.LiaisonError as e:
    assert e.status == "canceled", e
for bad in (lambda: m.explore(samples=4, ranges={"soe_burdn": (0, 1)}), lambda: liaison.morris_indices([[0, 0]] * 3, [0] * 3),
            lambda: liaison.Exploration.open("/nonexistent/x.sqlite")):
    try:
        bad()
    except (liaison.LiaisonError, ValueError):
        pass
print("close while reading (20 rounds, 3 threads), close inside a sweep's and an exploration's progress, a cancelled "
      "exploration, refused explorations: no sanitizer report")
