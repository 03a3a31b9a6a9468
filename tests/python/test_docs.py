"""The examples of docs/python.md run: every ```python block, in order, in one namespace,
from the repository root (the examples name test files by their path from there), and a few
of the values the comments state are checked.

    PYTHONPATH=python python3 tests/python/test_docs.py
"""
import os
import re
import sys
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from test_liaison import _Counting  # noqa: E402


class TestDocs(unittest.TestCase):
    def test_examples_run(self):
        with open(os.path.join(ROOT, "docs", "python.md")) as f:
            blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
        self.assertGreaterEqual(len(blocks), 8)
        ns, cwd = {}, os.getcwd()
        os.chdir(ROOT)
        try:
            for k, code in enumerate(blocks):
                with self.subTest(block=k, first=code.split("\n")[0]):
                    exec(compile(code, "docs/python.md block %d" % k, "exec"), ns)
        finally:
            os.chdir(cwd)
        from fractions import Fraction
        self.assertEqual(ns["bos"].exact_payoffs[0, 0, 0], Fraction(2, 3))
        self.assertTrue(ns["bos"].exact)
        self.assertEqual(ns["report"]["agreements"][0]["status"], "holds")
        self.assertIs(ns["pd"].repeat(target="C,C", delta=0.9, punish="minmax")["self_enforcing"], True)
        self.assertEqual(ns["same"].name, "BoS")
        self.assertEqual(len(ns["frame"]), 41)


if __name__ == "__main__":
    prog = unittest.main(testRunner=unittest.TextTestRunner(resultclass=_Counting, verbosity=1), exit=False)
    print("RESULT passed=%d failed=%d" % (prog.result.passed, prog.result.bad))
    sys.exit(0 if prog.result.wasSuccessful() else 1)
