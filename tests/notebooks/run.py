#!/usr/bin/env python3
"""Execute every notebook in examples/notebooks/ headlessly with the python3 kernel (nbclient),
twice: from the notebook's own folder (where Jupyter starts the kernel) and from the
repository root. The kernel inherits this process's environment: the package comes from
PYTHONPATH when set (an installed package), else the notebook finds the checkout's python/
itself. Prints one line per notebook and folder ("ok - NAME (from DIR)" / "not ok - ..." with
the failing cell's error) and exits 1 if any cell failed. A notebook committed with outputs
(or execution counts) fails: they are committed clean, and nothing is written back.

    tests/notebooks/run.py [NOTEBOOK ...]      (default: examples/notebooks/*.ipynb)
"""
import glob
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.environ.setdefault("MPLBACKEND", "Agg")   # headless matplotlib
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")   # the kernel's debugger chatter
paths = [os.path.abspath(p) for p in sys.argv[1:]] or sorted(glob.glob(os.path.join(root, "examples", "notebooks",
                                                                                    "*.ipynb")))
failed = 0
for path in paths:
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    if dirty:
        print(f"not ok - {name}\n    committed with outputs (code cells {dirty}): clear them")
        failed += 1
        continue
    for where in (os.path.dirname(path), root):
        label = f"{name} (from {os.path.relpath(where, root) if where != root else 'the repository root'})"
        client = NotebookClient(nbformat.read(path, as_version=4), kernel_name="python3", timeout=180,
                                resources={"metadata": {"path": where}})
        try:
            client.execute()
            print(f"ok - {label}")
        except CellExecutionError as e:
            failed += 1
            print(f"not ok - {label}")
            for line in str(e).splitlines()[-15:]:
                print(f"    {line}")
        except Exception as e:   # kernel died, timeout: still a failure, never a crash of the suite
            failed += 1
            print(f"not ok - {label}\n    {type(e).__name__}: {e}")
sys.exit(1 if failed else 0)
