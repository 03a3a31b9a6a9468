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
print("close while reading (20 rounds, 3 threads) and close inside a sweep's progress: no sanitizer report")
