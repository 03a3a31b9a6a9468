"""Tests of the Python package as a package: where it finds its library and models, its
tables (to_frame, _repr_html_) against the CLI's JSON, exact and named games, OpenBLAS pinning,
and the misuse cases of issue 17 item 7 (each crash case in a subprocess).

    PYTHONPATH=python LIAISON_BIN=build/bin/liaison python3 tests/python/test_package.py

tests/python/run.sh runs it against the checkout and against an installed package
(LIAISON_EXPECT_PACKAGE names the package folder that must be imported). The last line reads
"RESULT passed=N failed=M" as in test_liaison.py.
"""
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest
from fractions import Fraction

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.environ.get("LIAISON_BIN", os.path.join(ROOT, "build", "bin", "liaison"))

import numpy as np  # noqa: E402
import liaison  # noqa: E402
from test_liaison import cli, _Counting  # noqa: E402

MODELS = sorted(glob.glob(os.path.join(ROOT, "models", "*.lia")))
TU = sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "tu", "*.lia")))
NFG = os.path.join(ROOT, "tests", "cases", "nfg")


def run_py(script, env=None, timeout=300):
    """Run a Python script in a fresh interpreter with this one's environment (plus env)."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, env=e,
                          timeout=timeout, cwd=tempfile.gettempdir())


def same(a, b):
    """A frame cell against a JSON value: None in JSON is NaN/None in the frame."""
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    if isinstance(b, bool) or isinstance(a, (bool, np.bool_)):
        return bool(a) == b
    if isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


class TestPackage(unittest.TestCase):
    def test_imported_from_the_expected_place(self):
        expect = os.environ.get("LIAISON_EXPECT_PACKAGE")
        if not expect:
            self.skipTest("LIAISON_EXPECT_PACKAGE not set (tests/python/run.sh sets it)")
        self.assertTrue(os.path.samefile(os.path.dirname(liaison.__file__), expect), liaison.__file__)

    def test_library_found_relative_to_the_package(self):
        pkg = os.path.dirname(os.path.abspath(liaison.__file__))
        if os.environ.get("LIAISON_LIBRARY"):
            self.assertEqual(liaison.library_path, os.environ["LIAISON_LIBRARY"])
        else:   # installed by make install: PREFIX/lib/python3/dist-packages/liaison -> PREFIX/lib
            want = os.path.join(pkg, "..", "..", "..", "libliaison.so.0")
            self.assertTrue(os.path.samefile(liaison.library_path, want), liaison.library_path)
        # from another working directory, with no override: the same library and models
        env = {k: v for k, v in os.environ.items() if k not in ("LIAISON_LIBRARY", "LIAISON_LIB")}
        if os.environ.get("LIAISON_LIBRARY") and not os.path.samefile(
                os.environ["LIAISON_LIBRARY"], os.path.join(ROOT, "build", "lib", "libliaison.so.0")):
            env["LIAISON_LIBRARY"] = os.environ["LIAISON_LIBRARY"]   # another build tree than build/
        p = subprocess.run([sys.executable, "-c", "import liaison; print(liaison.library_path); "
                            "print(liaison.models_dir())"], capture_output=True, text=True, env=env, cwd="/")
        self.assertEqual(p.returncode, 0, p.stderr)
        lib, models = p.stdout.split("\n")[:2]
        self.assertTrue(os.path.samefile(lib, liaison.library_path))
        self.assertTrue(os.path.samefile(models, liaison.models_dir()))

    def test_bad_library_is_an_import_error(self):
        for path, words in (("/nonexistent/libliaison.so.0", "not found"),
                            ("libm.so.6", "version -1")):   # loads, but is not liaison
            with self.subTest(path=path):
                p = run_py("""
                    try:
                        import liaison
                    except ImportError as e:
                        print("ImportError:", e)
                    """, env={"LIAISON_LIBRARY": path})
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn("ImportError:", p.stdout)
                self.assertIn(words, p.stdout)

    def test_version(self):
        self.assertEqual(liaison.__version__, liaison.version())
        self.assertEqual(liaison.LIA_VERSION_NUMBER, 100)
        # one version everywhere: the Makefile's, the package's metadata, the package's own
        with open(os.path.join(ROOT, "Makefile")) as f:
            make = re.search(r"^VERSION\s*:=\s*(\S+)", f.read(), re.M).group(1)
        with open(os.path.join(ROOT, "python", "pyproject.toml")) as f:
            meta = re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)
        self.assertEqual((make, meta), (liaison.__version__, liaison.__version__))

    def test_game_html(self):
        g = liaison.Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["Row", "Col"],
                         strategies=[["C", "D"], ["C", "D"]], name="PD")
        html = g._repr_html_()
        self.assertIn("<td>5, 0</td>", html)     # (D, C): the row player defects on a cooperator
        self.assertIn("<caption>PD</caption>", html)

    def test_models(self):
        self.assertEqual(liaison.models(), sorted(os.path.basename(p) for p in MODELS))
        path = liaison.model_path("soe-nkvd-1941")
        with open(path) as f, open(os.path.join(ROOT, "models", "soe-nkvd-1941.lia")) as g:
            self.assertEqual(f.read(), g.read())
        self.assertRaises(FileNotFoundError, liaison.model_path, "atlantis")


class TestFrames(unittest.TestCase):
    def test_report_every_model(self):
        for path in MODELS:
            want = cli("solve", path)
            with self.subTest(file=os.path.basename(path)):
                r = liaison.load(path).solve()
                df = r.to_frame()
                self.assertEqual(list(df.columns), list(liaison.Report.COLUMNS))
                rows = [(a, i, row) for a in want["agreements"] for i, row in enumerate(a["sustainability"])]
                self.assertEqual(len(df), len(rows))
                for k, (a, i, row) in enumerate(rows):
                    got = df.iloc[k]
                    self.assertEqual((got.agreement, got.member, got.status), (a["name"], row["party"], a["status"]))
                    for col, key in (("payoff", "C"), ("deviation", "D"), ("punishment", "P"),
                                     ("delta_star", "delta_star"), ("patience", "patience"),
                                     ("sustainable", "sustainable"), ("direction", "direction")):
                        self.assertTrue(same(got[col], row[key]), (a["name"], row["party"], col, got[col], row[key]))
                    ds = row["delta_star"]
                    self.assertTrue(same(got.slack, None if ds is None else row["patience"] - ds))
                    amounts = (a.get("transfers") or {}).get("amounts")
                    if amounts:
                        self.assertEqual(got.transfer, amounts[i])
                html = r._repr_html_()
                self.assertIn("<table", html)
                for a in want["agreements"]:
                    self.assertIn(a["name"], html)

    def test_sweep(self):
        path = os.path.join(ROOT, "models", "soe-nkvd-1941.lia")
        want = cli("sweep", path, "--vary", "soe_burden=0:1:11")
        patience = cli("repeat", path)["patience"]     # SOE 0.95, NKVD 0.8 (the model's)
        sw = liaison.load(path).sweep("soe_burden", (0, 1, 11))
        self.assertEqual(sw.json, want)
        df = sw.to_frame()
        members = want["members"]
        self.assertEqual(list(df.columns), ["soe_burden", "ok", "status"] +
                         ["%s_%s" % (w, m) for m in members for w in
                          ("payoff", "delta_star", "patience", "slack", "sustainable", "direction")] +
                         ["self_enforcing", "transfers_feasible", "welfare"])
        self.assertEqual(len(df), 11)
        for k, pt in enumerate(want["grid"]):
            got = df.iloc[k]
            self.assertEqual(got.soe_burden, pt["values"][0])
            self.assertEqual((bool(got.ok), got.status), (pt["ok"], pt["status"]))
            for i, m in enumerate(members):
                self.assertEqual(got["payoff_" + m], pt["payoffs"][i])
                self.assertTrue(same(got["delta_star_" + m], pt["delta_star"][i]))
                self.assertEqual(got["patience_" + m], patience[i])
                ds = pt["delta_star"][i]
                self.assertTrue(same(got["slack_" + m], None if ds is None else patience[i] - ds))
                self.assertEqual(got["direction_" + m], pt["direction"][i])
                self.assertTrue(same(got["sustainable_" + m], pt["sustainable"][i]))
            self.assertEqual(got.welfare, pt["welfare"])
        b = sw.breakdowns_frame()
        self.assertEqual(list(b.columns), ["parameter", "value", "party", "change"])
        self.assertEqual(b.value.tolist(), [x["value"] for x in want["breakdowns"]])
        self.assertIn("<table", sw._repr_html_())

    def test_shares(self):
        for path, method in [(p, None) for p in MODELS] + [(p, None) for p in TU] + [
                (os.path.join(ROOT, "tests", "cases", "tu", "unsc.lia"), "montecarlo")]:
            m = liaison.load(path)
            if len(m.games) != 1:
                continue
            want = cli("share", path, *(["--method", method, "--samples", "300"] if method else []))
            with self.subTest(file=os.path.basename(path), method=method):
                df = m.share(method=method, samples=300 if method else None).to_frame()
                # every per-player vector of the document is a column, nothing else
                n = len(want["players"])
                vectors = {k for k, v in want.items() if isinstance(v, list) and len(v) == n and k != "players"}
                self.assertTrue(vectors <= set(df.columns), (vectors, df.columns))
                self.assertEqual(df.columns[0], "player")
                self.assertEqual(df.player.tolist(), want["players"])
                for col in df.columns[1:]:
                    src = want.get(col)
                    if col == "least_core":
                        src = src["allocation"]
                    elif col == "shapley_mc":
                        src = src["values"]
                    elif col in ("nash_bargaining", "kalai_smorodinsky"):
                        src = want["bargaining"][col]
                    self.assertEqual(df[col].tolist(), src, col)
                for rule in ("shapley", "nucleolus"):
                    if want.get(rule) is not None:
                        self.assertIn(rule, df.columns)

    def test_repeat(self):
        path = os.path.join(ROOT, "models", "soe-nkvd-1941.lia")
        want = cli("repeat", path)
        r = liaison.load(path).repeat()
        df = r.to_frame()
        self.assertEqual(list(df.columns), list(liaison.Sustainability.COLUMNS))
        self.assertEqual(df.member.tolist(), want["players"])
        for i in range(len(want["players"])):
            got = df.iloc[i]
            for col, v in (("value", want["values"][i]), ("deviation", want["deviations"]["payoffs"][i]),
                           ("delta_star", want["delta_star"][i]), ("patience", want["patience"][i]),
                           ("sustainable", want["sustainable"][i]), ("transfer", want["transfers"]["amounts"][i]),
                           ("minmax_delta_star", want["minmax"]["delta_star"][i]), ("q", want["monitoring"]["q"][i])):
                self.assertTrue(same(got[col], v), (col, got[col], v))
        # SOE: delta* none (no patience holds it), so no slack; NKVD: 0.8 - 0 = 0.8
        self.assertTrue(math.isnan(df.slack[0]))
        self.assertEqual(df.slack[1], 0.8)
        html = r._repr_html_()
        self.assertIn("needs transfers", html)
        self.assertIn("SOE", html)

    def test_compare(self):
        path = os.path.join(ROOT, "models", "bilateral-vs-multilateral.lia")
        want = cli("compare", path)
        c = liaison.load(path).compare()
        self.assertEqual(c, want)
        df = c.to_frame()
        self.assertEqual(list(df.columns), list(liaison.Comparison.COLUMNS))
        n = sum(len(a["payoffs"]) for a in want["agreements"]) + len(want["bilateral_sum"]["payoffs"])
        self.assertEqual(len(df), n)
        pool = df[df.agreement == "Pool"]
        for _, row in pool.iterrows():
            a = want["agreements"][0]
            self.assertEqual(row.payoff, a["payoffs"][row.member])
            self.assertTrue(same(row.delta_star, a["delta_star"][row.member]))
            self.assertEqual(row.transfer, a["transfers"]["amounts"][row.member])
        self.assertEqual(df[df.agreement == "bilateral_sum"].payoff.tolist(),
                         list(want["bilateral_sum"]["payoffs"].values()))

    def test_equilibria_equal_cli_csv(self):
        for name in ("2x2.nfg", "coord3.nfg", "6x6_game_with_75_eq.nfg"):
            path = os.path.join(NFG, name)
            with self.subTest(file=name):
                p = subprocess.run([BIN, "nash", path, "--method", "all", "--format", "csv"], capture_output=True,
                                   text=True, check=True)
                lines = p.stdout.strip().split("\n")
                df = liaison.load(path).nash().to_frame()
                self.assertEqual(list(df.columns), lines[0].split(","))
                self.assertEqual(len(df), len(lines) - 1)
                for k, line in enumerate(lines[1:]):
                    self.assertEqual([float(x) for x in line.split(",")], [float(x) for x in df.iloc[k]])
                self.assertIn("<table", liaison.load(path).nash()._repr_html_())


class TestExactGames(unittest.TestCase):
    # Battle of the sexes, the row player's payoffs divided by 3 (as tests/unit/test_game_exact.c):
    # row (O,O) 2/3, (F,F) 1/3; column (O,O) 1, (F,F) 2. Mixed equilibrium: the column player's
    # chance q of Opera solves 2/3 q = 1/3 (1 - q), q = 1/3; the row player's p solves
    # p = 2 (1 - p), p = 2/3; payoffs row 2/3 * 1/3 = 2/9, column 2/3.
    A = [[Fraction(2, 3), 0], [0, Fraction(1, 3)]]
    B = [[1, 0], [0, 2]]

    def bos(self):
        return liaison.Game([self.A, self.B], players=["Her", "Him"], strategies=[["Opera", "Fight"]] * 2,
                            name="BoS")

    def test_fractions_stay_exact(self):
        g = self.bos()
        self.assertTrue(g.exact)
        ex = g.exact_payoffs
        self.assertEqual(ex.tolist(), [[[Fraction(2, 3), 0], [0, Fraction(1, 3)]], [[1, 0], [0, 2]]])
        self.assertTrue(all(isinstance(x, Fraction) for x in ex.ravel()))
        self.assertEqual((g.name, g.players, g.strategies), ("BoS", ["Her", "Him"], [["Opera", "Fight"]] * 2))
        self.assertEqual(g.to_json()["payoffs_exact"], [["2/3", "0", "0", "1/3"], ["1", "0", "0", "2"]])
        eq = g.nash(exact=True)["equilibria"]
        mixed = [e["exact"] for e in eq if e["exact"]["strategies"][0] == ["2/3", "1/3"]]
        self.assertEqual(mixed, [{"strategies": [["2/3", "1/3"], ["1/3", "2/3"]], "payoffs": ["2/9", "2/3"]}])
        df = g.nash(exact=True).to_frame()
        self.assertEqual(list(df.columns)[:5], ["equilibrium", "Her:Opera", "Her:Fight", "Him:Opera", "Him:Fight"])

    def test_nfg_round_trip(self):
        g = self.bos()
        text = g.to_nfg()
        self.assertTrue(text.startswith('NFG 1 R "BoS" { "Her" "Him" }'))
        h = liaison.Game.from_nfg(text)
        self.assertEqual((h.name, h.players, h.strategies), (g.name, g.players, g.strategies))
        self.assertEqual(h.exact_payoffs.tolist(), g.exact_payoffs.tolist())
        self.assertEqual(h.nash(exact=True), g.nash(exact=True))
        # the CLI reads the same text to the same exact equilibria
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "BoS.nfg")    # the CLI names a game after its file
            with open(path, "w") as f:
                f.write(text)
            self.assertEqual(cli("nash", path, "--method", "all", "--exact"), g.nash(exact=True))
        # a file's text: the same game as loading the file
        path = os.path.join(NFG, "2x2.nfg")
        with open(path) as f:
            k = liaison.Game.from_nfg(f.read())
        want = liaison.load(path).compile()
        self.assertEqual(k.exact_payoffs.tolist(), want.exact_payoffs.tolist())
        self.assertEqual(k.players, ["Player 1", "Player 2"])
        self.assertRaises(ValueError, liaison.Game.from_nfg, "party A {}")

    def test_integers_and_numpy(self):
        pd = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]
        for payoffs in (pd, np.array(pd), [np.array(pd[0], dtype=np.int32), np.array(pd[1], dtype=np.int64)]):
            g = liaison.Game(payoffs)
            self.assertTrue(g.exact)
            self.assertEqual(g.exact_payoffs.tolist(), pd)
        f = liaison.Game(np.array(pd, dtype=float))
        self.assertFalse(f.exact)
        self.assertIsNone(f.exact_payoffs)
        self.assertRaises(liaison.LiaisonError, f.nash, exact=True)   # floating-point: no exact equilibria
        mixed = liaison.Game([[[Fraction(1, 3), 0.5], [0, 1]], pd[1]])   # a float makes it floating-point
        self.assertFalse(mixed.exact)
        self.assertEqual(mixed.payoffs[0, 0, 0], 1 / 3)

    def test_refusals(self):
        for payoffs, words in (([[[Fraction(1, 2 ** 62), 0], [0, 0]], [[0, 0], [0, 0]]], "2^62"),
                               ([[[2 ** 70, 0], [0, 0]], [[0, 0], [0, 0]]], "2^62")):
            with self.subTest(words=words):
                with self.assertRaises(ValueError) as e:
                    liaison.Game(payoffs)
                self.assertIn(words, str(e.exception))
        ok = [self.A, self.B]
        for kw, words in ((dict(players=["X", "X"]), "player 2 has the name of an earlier player"),
                          (dict(players=["X"]), "1 names for 2 players"),
                          (dict(players=["X", "a\0b"]), "NUL"),
                          (dict(players=["", "Y"]), "player 1 must be non-empty"),
                          (dict(strategies=[["a", "a"], ["b", "c"]]), "strategy 2 of player 1 has the name"),
                          (dict(strategies=[["a"], ["b", "c"]]), "one list per player"),
                          (dict(name="tab\there"), "game name must be non-empty")):
            with self.subTest(kw=kw):
                with self.assertRaises(ValueError) as e:
                    liaison.Game(ok, **kw)
                self.assertIn(words, str(e.exception))
        self.assertRaises(TypeError, liaison.Game, [[["a", 1], [0, 1]], self.B])


class TestBlas(unittest.TestCase):
    def test_pinned_during_calls_and_restored(self):
        script = """
            import liaison
            before = liaison.blas_threads()
            seen = []
            m = liaison.load(liaison.model_path("soe-nkvd-1941"))
            m.sweep("soe_burden", (0, 1, 5), progress=lambda d, t: seen.append(liaison.blas_threads()))
            print(before, sorted(set(seen)), liaison.blas_threads())
            """
        p = run_py(script, env={"OPENBLAS_NUM_THREADS": "2"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.split("\n")[0], "2 [1] 2")
        p = run_py(script, env={"OPENBLAS_NUM_THREADS": "2", "LIAISON_BLAS_THREADS": "keep"})
        self.assertEqual(p.stdout.split("\n")[0], "2 [2] 2", p.stderr)


class TestMisuse(unittest.TestCase):
    """Issue 17 item 7: misuse raises, never corrupts memory or reports a stale message."""

    def test_close_game_while_another_thread_reads(self):
        p = run_py(CLOSE_WHILE_READING)
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        self.assertEqual(p.stdout.split(), ["closed-while-reading", "ok"])

    def test_close_model_inside_progress(self):
        p = run_py("""
            import liaison
            m = liaison.load(liaison.model_path("soe-nkvd-1941"))
            calls = []
            def progress(done, total):
                calls.append(done)
                m.close()                 # freed only when the sweep has returned
            r = m.sweep("soe_burden", (0, 1, 21), progress=progress)
            try:
                m.solve()
            except ValueError as e:
                print("closed:", e)
            print(len(r.grid), len(calls) > 1, r.status[0])
            """)
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        self.assertEqual(p.stdout.split("\n")[:2], ["closed: Model is closed", "21 True needs_transfers"])

    def test_label_out_of_range(self):
        g = liaison.load(os.path.join(NFG, "2x2.nfg")).compile()
        for label, exc in ((2 ** 70, ValueError), (-1, ValueError), (True, TypeError), (1.5, TypeError)):
            with self.subTest(label=label):
                self.assertRaises(exc, g.nash, method="lh", label=label)
        self.assertEqual(len(g.nash(method="lh", label=1)["equilibria"]), 1)

    def test_nul_in_names(self):
        path = os.path.join(ROOT, "models", "ukusa-1946.lia")
        m = liaison.load(path)
        want = m.solve()
        for name, value in (("UK\0.leak", 0.5), ("UK.leak", "0.5\0junk")):
            with self.subTest(name=name, value=value):
                with self.assertRaises(ValueError) as e:
                    m.set(name, value)
                self.assertIn("NUL", str(e.exception))
        self.assertEqual(m.solve(), want)    # nothing was applied
        self.assertRaises(ValueError, m.solve, "UKUSA\0x")
        self.assertRaises(ValueError, m.sweep, "UK.leak\0", (0, 0.1, 3))
        self.assertRaises(ValueError, m.set, "UK.leak", 2 ** 1100)    # too large for a double

    def test_samples(self):
        m = liaison.load(os.path.join(ROOT, "tests", "cases", "tu", "unsc.lia"))
        with self.assertRaises(liaison.LiaisonError) as e:
            m.set("nope", 1)                    # leaves a message on the model
        self.assertIn("nope", str(e.exception))
        for samples, exc in ((0, ValueError), (-1, ValueError), (2 ** 64, ValueError), (1000000001, ValueError),
                             (1.5, TypeError), (True, TypeError)):
            with self.subTest(samples=samples):
                with self.assertRaises(exc) as e:
                    m.share(method="montecarlo", samples=samples, seed=7)
                self.assertIn("samples", str(e.exception))
                self.assertNotIn("nope", str(e.exception))
        self.assertEqual(m.share(method="montecarlo", samples=500, seed=7),
                         cli("share", os.path.join(ROOT, "tests", "cases", "tu", "unsc.lia"), "--method", "montecarlo",
                             "--samples", "500", "--seed", "7"))

    def test_to_json_of_a_thousand_players(self):
        # 1,000 players with one strategy each: one profile, where player i gets i
        n = 1000
        text = 'NFG 1 R "many" { %s } { %s }\n\n%s\n' % (" ".join('"P%d"' % i for i in range(n)), " ".join(["1"] * n),
                                                         " ".join(str(i) for i in range(n)))
        g = liaison.Game.from_nfg(text)
        self.assertEqual(len(g.players), n)
        doc = g.to_json()
        back = json.loads(json.dumps(doc))       # no nesting per player: reads back
        self.assertEqual(back["payoffs"][999], [999])
        self.assertEqual(back["payoffs_exact"][7], ["7"])
        self.assertEqual(len(back["payoffs"]), n)


CLOSE_WHILE_READING = """
    import threading, time, liaison
    m = liaison.load(liaison.model_path("five-eyes.lia"))
    for round in range(20):
        g = m.compile()
        stop, errors = threading.Event(), []
        def reader():
            try:
                while not stop.is_set():
                    g.players; g.strategies; g.shape; g.name; g.commitment; g.payoffs
            except ValueError:
                pass                      # "Game is closed": the only acceptable outcome
            except BaseException as e:
                errors.append(e)
        ts = [threading.Thread(target=reader) for _ in range(3)]
        [t.start() for t in ts]
        time.sleep(0.01)
        g.close()
        stop.set()
        [t.join() for t in ts]
        assert not errors, errors
    print("closed-while-reading")
    print("ok")
    """


if __name__ == "__main__":
    prog = unittest.main(testRunner=unittest.TextTestRunner(resultclass=_Counting, verbosity=1), exit=False)
    print("RESULT passed=%d failed=%d" % (prog.result.passed, prog.result.bad))
    sys.exit(0 if prog.result.wasSuccessful() else 1)
