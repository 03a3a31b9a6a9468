#!/usr/bin/env python3
"""Execute every notebook in examples/notebooks/ headlessly with the python3 kernel (nbclient),
from the repository root, against the library named by LIAISON_LIB. Prints one line per
notebook ("ok - NAME" / "not ok - NAME" with the failing cell's error) and exits 1 if any
cell failed. The notebooks are committed without outputs; nothing is written back."""
import glob
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.environ.setdefault("MPLBACKEND", "Agg")   # headless matplotlib
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")   # the kernel's debugger chatter
failed = 0
for path in sorted(glob.glob(os.path.join(root, "examples", "notebooks", "*.ipynb"))):
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    if any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
        print(f"not ok - {name}\n    committed with outputs: clear them")
        failed += 1
        continue
    client = NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": root}})
    try:
        client.execute()
        print(f"ok - {name}")
    except CellExecutionError as e:
        failed += 1
        print(f"not ok - {name}")
        for line in str(e).splitlines()[-15:]:
            print(f"    {line}")
    except Exception as e:   # kernel died, timeout: still a failure, never a crash of the suite
        failed += 1
        print(f"not ok - {name}\n    {type(e).__name__}: {e}")
sys.exit(1 if failed else 0)
