"""_base -- what every module of the package shares: errors, strings across the C boundary,
owned handles (lock + deferred free), and the OpenBLAS pin around library calls."""
import contextlib
import ctypes
import os
import threading
from collections import namedtuple

from . import _lib
from ._lib import lib, P, sz

SEVERITIES = ["error", "warning", "note"]


def s(b):
    """A C string as str (None stays None); bytes that are not UTF-8 are replaced, never fatal."""
    return None if b is None else b.decode("utf-8", "replace")


def b(text, what="name"):
    """A str as a C string. A NUL would silently cut the string short in C: refuse it."""
    if text is None:
        return None
    text = str(text)
    if "\0" in text:
        raise ValueError("%s %r contains a NUL character" % (what, text))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError("%s %r is not valid Unicode text: %s" % (what, text, e)) from None


def status_name(st):
    return s(lib.lia_status_name(st))


def suggest(word, names):
    """The library's "did you mean" (lia_suggest: edit distance at most 2, case aside) among
    names, or None; what the command line suggests for the same word."""
    if not isinstance(word, str) or "\0" in word:
        return None
    cands = [n.encode("utf-8") for n in names]
    arr = (ctypes.c_char_p * len(cands))(*cands)
    try:
        got = lib.lia_suggest(word.encode("utf-8"), arr, len(cands))
    except UnicodeEncodeError:
        return None
    return got.decode("utf-8") if got is not None else None


def unknown_name(what, word, names):
    """The ValueError for a name that is none of names: "unknown method 'lhh'; did you mean
    'lh'? (one of 'pure', 'lp', 'lh', ...)"."""
    near = suggest(word, names)
    return ValueError("unknown %s %r; %s(one of %s)" % (what, word, "did you mean %r? " % near if near else "",
                                                        ", ".join(map(repr, names))))


def library_error(st, fallback=None):
    """The LiaisonError of a failed call that leaves no handle: the library's own words, the
    calling thread's last message (lia_errmsg), never a sentence rebuilt from the status."""
    return LiaisonError(s(lib.lia_errmsg()) or fallback or status_name(st), st)


def verdict_name(v):
    """A lia_verdict's name; None for LIA_VERDICT_NONE (no commitment, or an invalid model)."""
    name = s(lib.lia_verdict_name(v))
    return None if name in (None, "none") else name


Diagnostic = namedtuple("Diagnostic", "file line column severity message length line_text")
Diagnostic.__doc__ = "One diagnostic of a model: line and column are 1-based, column counts code points."
Diagnostic.__str__ = lambda d: "%s:%d:%d: %s: %s" % (d.file, d.line, d.column, d.severity, d.message)


class LiaisonError(Exception):
    """A failure reported by the library.

    .status      the status name (lia_status_name: "invalid input", "invalid use", "canceled", ...)
    .code        the lia_status number
    .message     the library's message
    .diagnostics a list of Diagnostic (file, line, column, severity, message, ...) for invalid models
    str(err) is one "file:line:col: error: message" line per diagnostic, else the message."""

    def __init__(self, message, code=_lib.EUSAGE, diagnostics=()):
        self.code, self.status = code, status_name(code)
        self.message, self.diagnostics = message or self.status, list(diagnostics)
        super().__init__(str(self))

    def __str__(self):
        if self.diagnostics:
            return "\n".join(str(d) for d in self.diagnostics)
        return self.message


def take(fn, *args):
    """Call lia_*_write(&out, &len, ..., JSON) and return the text, freeing the C string."""
    out, n = P(), sz()
    st = fn(ctypes.byref(out), ctypes.byref(n), *args, _lib.JSON)
    try:
        if st != _lib.OK:
            raise LiaisonError("the result could not be written: %s" % status_name(st), st)
        return ctypes.string_at(out.value, n.value).decode("utf-8", "replace")
    finally:
        lib.lia_free(out)


@contextlib.contextmanager
def owned(free, out):
    """Yield a temporary C handle (an out-parameter) and free it afterwards, whatever happens."""
    try:
        yield out.value
    finally:
        free(out)


# ---- OpenBLAS ---------------------------------------------------------------------------------
# OpenBLAS's idle worker threads spin, and a sweep runs its own threads: with OpenBLAS's default
# (one thread per core) a Python sweep costs several times the CLI's, which runs with one
# (docs/api.md). So every library call that computes runs with OpenBLAS pinned to one thread,
# and the previous count is restored when the last such call in the process returns (numpy,
# which may share the same OpenBLAS, keeps its threads between calls). LIAISON_BLAS_THREADS=N
# pins to N instead; LIAISON_BLAS_THREADS=keep leaves OpenBLAS alone.
_blas_lock, _blas_depth, _blas_saved = threading.Lock(), 0, None


def _blas_target():
    v = os.environ.get("LIAISON_BLAS_THREADS", "1").strip()
    if v == "keep":
        return None
    try:
        n = int(v)
    except ValueError:
        return 1
    return n if n >= 1 else 1


@contextlib.contextmanager
def pinned():
    """Run the body with OpenBLAS pinned (see above); re-entrant and thread-safe."""
    global _blas_depth, _blas_saved
    target = _blas_target()
    if target is None:
        yield
        return
    with _blas_lock:
        if _blas_depth == 0:
            _blas_saved = lib.lia_blas_threads()
            if _blas_saved != target:
                lib.lia_set_blas_threads(target)
        _blas_depth += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_depth -= 1
            if _blas_depth == 0 and _blas_saved is not None and _blas_saved >= 1 and _blas_saved != target:
                lib.lia_set_blas_threads(_blas_saved)


# ---- handles ----------------------------------------------------------------------------------
class Handle:
    """Owns one C handle; close() frees it once (also on __del__ and on leaving a `with`).

    Every call into the library on the handle runs inside `self._use()`, which holds the
    handle's lock (so other threads wait, and close() from another thread waits for the call
    to return) and counts the calls in progress. A close() made while a call is in progress on
    the same thread -- from a sweep's progress callback, say -- marks the object closed at once
    but frees the C handle only when that call has returned: never under a running call."""
    _free = None

    def __init__(self, ptr):
        self._ptr, self._lock, self._busy, self._pending = ptr, threading.RLock(), 0, None

    def close(self):
        """Free the C handle now (or, inside a call on it, when that call returns); the object
        is unusable afterwards. Safe to call twice."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:   # not while another thread is inside a call on it
            ptr, self._ptr = self._ptr, None
            if not ptr:
                return
            if self._busy:
                self._pending = ptr
            else:
                type(self)._free(ptr)

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def _use(self):
        """Hold the lock and yield the live C handle; ValueError if closed."""
        with self._lock:
            if not self._ptr:
                raise ValueError("%s is closed" % type(self).__name__)
            self._busy += 1
            try:
                yield self._ptr
            finally:
                self._busy -= 1
                if not self._busy and self._pending:
                    ptr, self._pending = self._pending, None
                    type(self)._free(ptr)

    def _h(self):
        """The live C handle, for code already inside _use()."""
        if not self._ptr:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._ptr
