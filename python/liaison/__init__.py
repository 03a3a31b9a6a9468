"""liaison -- Python bindings of the liaison C library (include/liaison.h), over ctypes.

    import liaison
    m = liaison.load(liaison.model_path("ukusa-1946.lia"))
    m.set("UK.leak", 0.05)
    report = m.solve("UKUSA")        # == json.loads(`liaison solve FILE --game UKUSA --format json`)
    report.to_frame()                # one row per member: delta*, patience, slack, ...
    g = liaison.Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["Row", "Col"],
                     strategies=[["C", "D"], ["C", "D"]])     # integers: an exact game
    g.nash(method="all", exact=True).to_frame()
    x = m.explore(design="sobol", samples=500, seed=1, ranges={"UK.leak": (0, 0.3)})
    x.probabilities, x.sobol, x.scenarios   # DataFrames; x.runs: one row per run

docs/python.md describes installation, the objects, every method and the DataFrame columns.
The shared library is found beside the installed package, in the checkout's build/lib, or by
the system loader; LIAISON_LIBRARY overrides (liaison._lib has the details). Every handle is
owned by one Python object and freed exactly once (close(), a `with` block, or the garbage
collector). Each Model and Game holds a lock, so one object used from several Python threads is
safe (calls on it are serialised), and closing it from another thread waits for the call in
progress. Failures reported by the library raise LiaisonError; bad Python arguments raise
ValueError or TypeError. Library calls run with OpenBLAS pinned to one thread
(LIAISON_BLAS_THREADS=N or =keep to change that; see docs/python.md).
"""
from ._lib import LIA_VERSION_NUMBER, lib as _clib, path as library_path
from ._base import LiaisonError, Diagnostic
from .results import (STATUSES, STATUS_WORDS, STATUS_COLOURS, Report, Shares, Sustainability, Equilibria,
                      Comparison)
from .game import Game
from .sweep import SweepResult
from .model import Model, GameInfo, load, compare
from .explore import (Exploration, merge_explorations, sobol_indices, morris_indices, prim_box, wilson_interval,
                      DESIGNS)
from .data import model_path, models_dir, models

__version__ = "0.1.0"
__all__ = ["LiaisonError", "Diagnostic", "GameInfo", "Model", "Game", "SweepResult", "Report", "Shares",
           "Sustainability", "Equilibria", "Comparison", "load", "compare", "version", "model_path", "models_dir",
           "models", "library_path", "STATUSES", "STATUS_WORDS", "STATUS_COLOURS", "LIA_VERSION_NUMBER",
           "blas_threads", "Exploration", "merge_explorations", "sobol_indices", "morris_indices", "prim_box",
           "wilson_interval", "DESIGNS"]


def version():
    """The library's version string, e.g. "0.1.0"."""
    return _clib.lia_version().decode()


def blas_threads():
    """OpenBLAS's current thread count (the library pins it to 1 during its calls)."""
    return _clib.lia_blas_threads()
