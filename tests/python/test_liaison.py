"""Tests of the Python package (python/liaison/) against the liaison command line.

    PYTHONPATH=python LIAISON_BIN=build/bin/liaison python3 tests/python/test_liaison.py

(tests/python/run.sh runs it against the checkout and against an installed package.)
Plain unittest. Every comparison with the CLI is exact: the binding's dict must equal
json.loads of the command's --format json output. The last line reads
"RESULT passed=N failed=M", counting each subtest as one check (tests/python/run.sh reads it).
"""
import glob
import json
import os
import re
import subprocess
import sys
import textwrap
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.environ.get("LIAISON_BIN", os.path.join(ROOT, "build", "bin", "liaison"))

import numpy as np  # noqa: E402
import liaison  # noqa: E402

MODELS = sorted(glob.glob(os.path.join(ROOT, "models", "*.lia")))
TU = sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "tu", "*.lia")))
NFG = os.path.join(ROOT, "tests", "cases", "nfg")
REPEAT = os.path.join(ROOT, "tests", "cases", "repeat")


def cli(*args):
    """json.loads of `liaison ARGS --format json`; fails the test if the command fails."""
    p = subprocess.run([BIN] + list(args) + ["--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("liaison %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)


def cli_error(*args):
    """The reason `liaison ARGS` gives for failing (its one stderr line without "liaison CMD: ")."""
    p = subprocess.run([BIN] + list(args), capture_output=True, text=True)
    if p.returncode == 0:
        raise AssertionError("liaison %s: succeeded" % " ".join(args))
    line = p.stderr.strip()
    return line.split(": ", 1)[1] if line.startswith("liaison %s: " % args[0]) else line


def agreements(path):
    return [g.name for g in liaison.load(path).games if g.kind in ("bilateral", "multilateral")]


def rel(path):
    return os.path.relpath(path, ROOT)


class TestLoading(unittest.TestCase):
    def test_version_matches_header(self):
        header = open(os.path.join(ROOT, "include", "liaison.h")).read()
        v = [int(re.search(r"#define LIA_VERSION_%s (\d+)" % k, header).group(1)) for k in ("MAJOR", "MINOR", "PATCH")]
        self.assertEqual(liaison.LIA_VERSION_NUMBER, v[0] * 10000 + v[1] * 100 + v[2])
        self.assertEqual(liaison.version(), "%d.%d.%d" % tuple(v))

    def test_games_and_title(self):
        m = liaison.load(os.path.join(ROOT, "models", "bilateral-vs-multilateral.lia"))
        self.assertEqual(m.games[0], ("Pool", "multilateral"))
        self.assertEqual(m.games[1].kind, "bilateral")
        self.assertEqual(len(m.games), 7)
        self.assertIsInstance(m.title, str)
        kinds = {liaison.load(p).games[0].kind for p in TU}
        self.assertEqual(kinds, {"coalitional", "coalitional cost", "bankruptcy", "voting"})

    def test_load_text_equals_file(self):
        path = os.path.join(REPEAT, "pd.lia")
        with open(path) as f:
            m = liaison.load(f.read(), name="pd.lia")
        self.assertEqual(m.solve(), cli("solve", path))

    def test_set_matches_cli_set(self):
        path = os.path.join(ROOT, "models", "ukusa-1946.lia")
        m = liaison.load(path)
        m.set("UK.leak", 0.05).set("US.need.soviet", "0.8*1")
        self.assertEqual(m.solve(), cli("solve", path, "--set", "UK.leak=0.05", "--set", "US.need.soviet=0.8*1"))
        m2 = liaison.load(path, overrides={"UK.leak": "0.05", "US.need.soviet": 0.8})
        self.assertEqual(m2.solve(), m.solve())

    def test_context_manager_and_close(self):
        with liaison.load(os.path.join(REPEAT, "pd.lia")) as m:
            g = m.compile()
        self.assertRaises(ValueError, lambda: m.games)
        m.close()   # twice: no-op
        self.assertEqual(g.players, ["A", "B"])   # a compiled game outlives its model
        g.close()
        g.close()


class TestAgainstCli(unittest.TestCase):
    def test_solve_every_agreement(self):
        for path in MODELS:
            m = liaison.load(path)
            with self.subTest(file=rel(path)):
                self.assertEqual(m.solve(), cli("solve", path))
            for g in agreements(path):
                with self.subTest(file=rel(path), game=g):
                    self.assertEqual(m.solve(g), cli("solve", path, "--game", g))

    def test_share_models_and_tu(self):
        for path in MODELS + TU:
            m = liaison.load(path)
            for g in [x.name for x in m.games]:
                with self.subTest(file=rel(path), game=g):
                    self.assertEqual(m.share(g), cli("share", path, "--game", g))

    def test_share_methods(self):
        cases = [(TU[0], None, "shapley,nucleolus"), (os.path.join(ROOT, "tests", "cases", "tu", "talmud.lia"), None,
                 "talmud,cea,cel,proportional"), (MODELS[0], "Alpha_Bravo", "bargaining,equal,actual")]
        for path, game, method in cases:
            with self.subTest(file=rel(path), method=method):
                args = ["share", path, "--method", method] + (["--game", game] if game else [])
                want = cli(*args)
                self.assertEqual(liaison.load(path).share(game, method=method), want)
                self.assertEqual(liaison.load(path).share(game, method=method.split(",")), want)
        path = os.path.join(ROOT, "tests", "cases", "tu", "unsc.lia")
        with self.subTest(file=rel(path), method="montecarlo"):
            self.assertEqual(liaison.load(path).share(method="montecarlo", samples=500, seed=7),
                             cli("share", path, "--method", "montecarlo", "--samples", "500", "--seed", "7"))

    def test_repeat_pd(self):
        path = os.path.join(REPEAT, "pd.lia")
        want = cli("repeat", path, "--target", "C,C", "--delta", "0.9")
        m = liaison.load(path)
        self.assertEqual(m.repeat(target="C,C", delta=0.9), want)
        self.assertEqual(m.repeat(target=["C", "C"], delta=0.9), want)
        self.assertEqual(m.repeat(target=[0, 0], delta=0.9), want)
        self.assertTrue(want["self_enforcing"])
        self.assertEqual(m.repeat(target="C,C", delta=0.9, punish="minmax"),
                         cli("repeat", path, "--target", "C,C", "--delta", "0.9", "--punish", "minmax"))
        self.assertEqual(m.repeat(target="C,C"), cli("repeat", path, "--target", "C,C"))

    def test_share_samples_bounded(self):
        """Monte-Carlo samples are bounded (issue 17): -1 no longer wraps to 2**64 - 1."""
        path = os.path.join(ROOT, "tests", "cases", "tu", "unsc.lia")
        for bad in (-1, 0, 10 ** 9 + 1):
            with self.assertRaises(ValueError):
                liaison.load(path).share(method="montecarlo", samples=bad)

    def test_share_bargaining_of_five(self):
        """Bargaining asked of five members names the rule as asked and says why."""
        with self.assertRaises(liaison.LiaisonError) as e:
            liaison.load(os.path.join(ROOT, "models", "five-eyes.lia")).share(method="bargaining")
        self.assertIn("bargaining: two-party bargaining needs two members; 'FiveEyes' has 5", str(e.exception))

    def test_repeat_monitor(self):
        """Imperfect monitoring as `--monitor`: delta*(q) = 1/(1 + 6q) in the prisoner's dilemma."""
        path = os.path.join(REPEAT, "pd.lia")
        got = liaison.load(path).repeat(target="C,C", delta=0.5, monitor={"A": 0.1})
        self.assertEqual(got, cli("repeat", path, "--target", "C,C", "--delta", "0.5", "--monitor", "A=0.1"))
        self.assertAlmostEqual(got["delta_star"][0], 0.625, places=12)
        self.assertEqual(got["status"], "needs_transfers")
        with self.assertRaises(ValueError):
            liaison.load(path).repeat(target="C,C", monitor={"Z": 0.5})
        with self.assertRaises(ValueError):
            liaison.load(path).repeat(target="C,C", monitor={"A": 0})

    def test_suspects(self):
        """A suspected partner (models/philby.lia): the "suspects" of `liaison repeat`."""
        path = os.path.join(ROOT, "models", "philby.lia")
        want = cli("repeat", path)
        self.assertEqual(liaison.load(path).repeat(), want)
        self.assertEqual(liaison.load(path).suspects(), want["suspects"])
        self.assertEqual(want["suspects"][0]["probation"], 7)

    def test_sweep_over_regimes(self):
        """Sweeping a transition probability: .over_regimes is the CLI grid's over_regimes."""
        path = os.path.join(ROOT, "models", "soe-nkvd-oscillating.lia")
        want = cli("sweep", path, "--vary", "transition.lean.generous=0.02:0.4:5")
        got = liaison.load(path).sweep("transition.lean.generous", (0.02, 0.4, 5))
        self.assertEqual(got.json, want)
        conv = {True: 1, False: 0, None: -1}
        self.assertEqual(got.over_regimes.tolist(), [[conv[x] for x in p["over_regimes"]] for p in want["grid"]])
        self.assertEqual(got.over_regimes[0, 0], 0)    # SOE breaches below 0.108 (docs/cases.md)
        self.assertEqual(got.over_regimes[-1, 0], 1)

    def test_sweep_trusted(self):
        """Sweeping a suspect's prior: .trusted is the CLI grid's trusted."""
        path = os.path.join(ROOT, "models", "philby.lia")
        want = cli("sweep", path, "--vary", "SIS.suspect=0:0.5:6")
        got = liaison.load(path).sweep("SIS.suspect", (0, 0.5, 6))
        self.assertEqual(got.json, want)
        conv = {True: 1, False: 0, None: -1}
        self.assertEqual(got.trusted.tolist(), [[conv[x] for x in p["trusted"]] for p in want["grid"]])
        self.assertEqual(got.trusted[0].tolist(), [-1, 1])

    def test_regimes(self):
        """The regime analysis of a model with regimes, as the "regimes" of `liaison repeat`."""
        path = os.path.join(ROOT, "models", "soe-nkvd-oscillating.lia")
        want = cli("repeat", path)
        got = liaison.load(path).repeat()
        self.assertEqual(got, want)
        self.assertEqual(got["regimes"]["binding_regime"], ["lean", "generous"])
        self.assertEqual(liaison.load(path).regimes(), want["regimes"])

    def test_repeat_exceed(self):
        """The status and directions of a commitment set too low for one member: it holds."""
        path = os.path.join(REPEAT, "exceed.lia")
        want = cli("repeat", path)
        got = liaison.load(path).repeat()
        self.assertEqual(got, want)
        self.assertEqual(got["status"], "holds")
        self.assertIn(got["status"], liaison.STATUSES)
        self.assertEqual(got["deviations"]["direction"], ["exceed", "withhold"])
        self.assertIn("would share more", got["summary"])

    def test_repeat_commitments(self):
        for path in MODELS:
            m = liaison.load(path)
            for g in agreements(path):
                with self.subTest(file=rel(path), game=g):
                    self.assertEqual(m.repeat(g), cli("repeat", path, "--game", g))

    def test_nash_agreements(self):
        for path in MODELS:
            m = liaison.load(path)
            for g in m.games:
                method = "all" if g.kind == "bilateral" else "pure"
                with self.subTest(file=rel(path), game=g.name, method=method):
                    want = cli("nash", path, "--game", g.name, "--method", method)
                    self.assertEqual(m.nash(g.name, method=method), want)

    def test_nash_nfg_methods(self):
        cases = [("2x2.nfg", "all", []), ("coord3.nfg", "all", ["--exact"]), ("6x6_game_with_75_eq.nfg", "all", []),
                 ("2x2x2.nfg", "pure", []), ("2x2x2.nfg", "support", []), ("2x2x2.nfg", "gnm", []),
                 ("2x2x2.nfg", "simpdiv", []), ("oneill.nfg", "simpdiv", []),
                 ("2x2.nfg", "qre", []), ("2x2const.nfg", "lp", []), ("fig3.nfg", "lh", []),
                 ("coord3.nfg", "pure", ["--correlated"]), ("coord3.nfg", "pure", ["--correlated", "--coarse"])]
        for name, method, extra in cases:
            path = os.path.join(NFG, name)
            with self.subTest(file=name, method=method, extra=extra):
                got = liaison.load(path).nash(method=method, exact="--exact" in extra,
                                              correlated="--correlated" in extra, coarse="--coarse" in extra)
                self.assertEqual(got, cli("nash", path, "--method", method, *extra))

    def test_compare(self):
        path = os.path.join(ROOT, "models", "bilateral-vs-multilateral.lia")
        m = liaison.load(path)
        self.assertEqual(m.compare("Pool", "Alpha_Bravo"),
                         cli("compare", path, "--game", "Pool", "--game", "Alpha_Bravo"))
        self.assertEqual(m.compare("Pool"), cli("compare", path, "--game", "Pool"))   # beside its decomposition
        self.assertEqual(m.compare(), cli("compare", path))
        a, b = os.path.join(ROOT, "models", "ukusa-1946.lia"), os.path.join(ROOT, "models", "us-bnd-coldwar.lia")
        ma, mb = liaison.load(a), liaison.load(b)
        self.assertEqual(liaison.compare([(ma, "UKUSA"), (mb, None)]),
                         cli("compare", a, b, "--game", "UKUSA", "--game", "US_BND"))
        five = os.path.join(ROOT, "models", "five-eyes.lia")
        self.assertEqual(liaison.load(five).compare(), cli("compare", five))


class TestSweep(unittest.TestCase):
    path = os.path.join(REPEAT, "ab-sweep.lia")

    def test_breakdown_and_shapes(self):
        m = liaison.load(self.path)
        r = m.sweep("s", (0.2, 0.4, 11))
        self.assertEqual(r.json, cli("sweep", self.path, "--vary", "s=0.2:0.4:11"))
        a = [b for b in r.breakdowns if b["party"] == "A"]
        self.assertEqual(len(a), 1)
        self.assertEqual(a[0]["parameter"], "s")
        self.assertAlmostEqual(a[0]["value"], 0.308, delta=1e-6)
        self.assertIn("delta*", a[0]["change"])
        self.assertEqual(r.members, ["A", "B"])
        self.assertEqual(len(r.grid), 11)
        self.assertEqual(r.values.shape, (11, 1))
        for arr in (r.delta_star, r.payoffs, r.sustainable):
            self.assertEqual(arr.shape, (11, 2))
        np.testing.assert_allclose(r.values[:, 0], np.linspace(0.2, 0.4, 11), rtol=0, atol=1e-12)
        for k, pt in enumerate(r.grid):   # the arrays agree with the JSON grid
            self.assertEqual(list(r.payoffs[k]), pt["payoffs"])
            self.assertEqual([None if np.isnan(x) else x for x in r.delta_star[k]], pt["delta_star"])
            self.assertEqual([bool(x) for x in r.sustainable[k]], pt["sustainable"])
        # A's sustainability changes at 0.308: before it (s = 0.30), after it (s = 0.32)
        self.assertEqual((r.sustainable[5, 0], r.sustainable[6, 0]), (0, 1))

    def test_value_lists(self):
        m = liaison.load(self.path)
        self.assertEqual(m.sweep("s", np.linspace(0.2, 0.4, 11)).json, m.sweep("s", (0.2, 0.4, 11)).json)
        self.assertEqual(m.sweep("s", [0.2, 0.3, 0.4], threads=1).json,
                         cli("sweep", self.path, "--vary", "s=0.2:0.4:3"))
        self.assertRaises(ValueError, m.sweep, "s", [0.2, 0.25, 0.4])   # not evenly spaced
        self.assertRaises(ValueError, m.sweep, "s", [0.2])

    def test_two_axes_and_options(self):
        m = liaison.load(self.path)
        r = m.sweep("s", (0.2, 0.4, 3), name2="A.leak", values2=(0.05, 0.15, 3), refine=False)
        self.assertEqual(r.json, cli("sweep", self.path, "--vary", "s=0.2:0.4:3", "--vary", "A.leak=0.05:0.15:3",
                                     "--no-refine"))
        self.assertEqual(r.values.shape, (9, 2))
        self.assertEqual(r.delta_star.shape, (9, 2))
        seen = []
        m.sweep("s", (0.2, 0.4, 5), progress=lambda done, total: seen.append((done, total)))
        self.assertTrue(seen and all(0 < done <= total for done, total in seen), seen)
        with self.assertRaises(liaison.LiaisonError) as cm:
            m.sweep("s", (0.2, 0.4, 5), progress=lambda done, total: True)
        self.assertEqual(cm.exception.code, 7)   # LIA_ECANCELED

        def boom(done, total):
            raise KeyError("from the callback")
        self.assertRaises(KeyError, m.sweep, "s", (0.2, 0.4, 5), progress=boom)

    def test_status_and_direction(self):
        """.status and .direction (lia_sweep_verdict_at, lia_sweep_direction_at) against the
        CLI's grid "status" and "direction", on grids with every kind of point: invalid ones,
        undecided (different patience), breaks_down, and a member that would share more."""
        cases = [(self.path, ["A.leak=0.5:1.5:3"]), (self.path, ["s=0.2:0.4:3", "A.patience=0.5:0.9:3"]),
                 (os.path.join(ROOT, "models", "us-bnd-coldwar.lia"), ["us_funding=0:0.5:51"]),
                 (os.path.join(ROOT, "models", "soe-nkvd-1941.lia"), ["soe_burden=0:1:41"]),
                 (os.path.join(REPEAT, "exceed.lia"), ["B.patience=0.05:0.9:18"])]
        seen = set()
        for path, vary in cases:
            with self.subTest(file=rel(path), vary=vary):
                want = cli("sweep", path, *[a for v in vary for a in ("--vary", v)])
                axes = [(v.split("=")[0], tuple(float(x) for x in v.split("=")[1].split(":")[:2]) +
                         (int(v.split(":")[-1]),)) for v in vary]
                kw = {"name2": axes[1][0], "values2": axes[1][1]} if len(axes) == 2 else {}
                r = liaison.load(path).sweep(axes[0][0], axes[0][1], **kw)
                self.assertEqual(r.json, want)
                self.assertEqual(r.status.shape, (len(want["grid"]),))
                self.assertEqual(r.direction.shape, (len(want["grid"]), len(want["members"])))
                for k, pt in enumerate(want["grid"]):
                    self.assertEqual(r.status[k], pt.get("status"))
                    self.assertEqual(list(r.direction[k]), pt.get("direction", [None] * len(want["members"])))
                    self.assertTrue(r.status[k] is None or r.status[k] in liaison.STATUSES)
                seen.update(x for x in r.status)
                seen.update("dir:%s" % x for x in r.direction.flat)
        self.assertTrue({None, "holds", "undecided", "needs_transfers", "breaks_down", "dir:exceed", "dir:withhold"} <= seen,
                        seen)
        # a member that would share more is no breakdown: exceed.lia holds once B is patient
        r = liaison.load(os.path.join(REPEAT, "exceed.lia")).sweep("B.patience", (0.05, 0.9, 18))
        self.assertTrue(all(d == "exceed" for d in r.direction[:, 0]))
        self.assertEqual(r.status[-1], "holds")
        self.assertNotIn("breaks_down", list(r.status))

    def test_nothing_valid(self):
        with self.assertRaises(liaison.LiaisonError) as cm:
            liaison.load(self.path).sweep("A.leak", (1.5, 2.5, 5))
        self.assertEqual(cm.exception.code, 1)   # LIA_EINPUT, as the CLI's exit 2 with this message
        self.assertIn("the model is invalid at every point of the sweep", str(cm.exception))
        p = subprocess.run([BIN, "sweep", self.path, "--vary", "A.leak=1.5:2.5:5"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn(str(cm.exception), p.stderr)


def nested(a):
    return np.asarray(a).tolist()


def close(a, b, tol=1e-9):
    """Equal structure, numbers within tol (regrets only both below tol)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(
            (a[k] <= tol and b[k] <= tol) if k == "regret" else close(a[k], b[k], tol) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    return a == b


class TestGame(unittest.TestCase):
    PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]   # row player's matrix, column player's matrix

    def test_prisoners_dilemma(self):
        g = liaison.Game([np.array(self.PD[0]), np.array(self.PD[1])])
        self.assertEqual(g.players, ["1", "2"])
        self.assertEqual(g.strategies, [["1", "2"], ["1", "2"]])
        self.assertEqual(g.payoffs.shape, (2, 2, 2))
        np.testing.assert_array_equal(g.payoffs, np.array(self.PD, dtype=float))
        # to_json: one flat list per player, first player fastest: (C,C) (D,C) (C,D) (D,D)
        self.assertEqual(g.to_json()["payoffs"], [[3, 5, 0, 1], [3, 0, 5, 1]])
        eq = g.nash()["equilibria"]
        self.assertEqual(len(eq), 1)
        self.assertEqual(eq[0]["strategies"], [[0, 1], [0, 1]])
        self.assertEqual(eq[0]["payoffs"], [1, 1])
        self.assertEqual(g.nash(method="pure")["equilibria"], eq)
        self.assertEqual(g.repeat(target=[0, 0], delta=0.9)["self_enforcing"], True)

    def test_battle_of_the_sexes(self):
        g = liaison.Game(np.array([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]))
        eq = g.nash(method="all")["equilibria"]
        self.assertEqual(len(eq), 3)
        mixed = [e for e in eq if 0 < e["strategies"][0][0] < 1][0]
        np.testing.assert_allclose(mixed["strategies"][0], [2 / 3, 1 / 3])
        np.testing.assert_allclose(mixed["strategies"][1], [1 / 3, 2 / 3])
        self.assertEqual(len(g.nash(method="pure")["equilibria"]), 2)
        self.assertEqual(len(g.nash(method="support")["equilibria"]), 3)

    def test_layout_three_players_asymmetric(self):
        rng = np.random.default_rng(3)
        arrays = [rng.integers(-5, 6, size=(2, 3, 4)).astype(float) for _ in range(3)]
        g = liaison.Game(arrays)
        self.assertEqual(g.strategies, [["1", "2"], ["1", "2", "3"], ["1", "2", "3", "4"]])
        np.testing.assert_array_equal(g.payoffs, np.stack(arrays))
        self.assertEqual(g.to_json()["payoffs"], [a.ravel(order="F").tolist() for a in arrays])

    def test_numpy_game_equals_cli_on_nfg(self):
        # the .nfg payoffs are exact rationals, a numpy game's are doubles: the same equilibria in
        # the same order, equal to rounding (the file itself, loaded, matches exactly: TestAgainstCli)
        for name, method in [("2x2.nfg", "all"), ("coord3.nfg", "all"), ("6x6_game_with_75_eq.nfg", "all"),
                             ("oneill.nfg", "all"), ("2x2x2.nfg", "pure"), ("mixed_strategy.nfg", "all")]:
            path = os.path.join(NFG, name)
            with self.subTest(file=name):
                payoffs = liaison.load(path).compile().payoffs
                got = liaison.Game(list(payoffs)).nash(method=method)
                want = cli("nash", path, "--method", method)
                self.assertEqual(len(got["equilibria"]), len(want["equilibria"]))
                self.assertTrue(close(got["equilibria"], want["equilibria"]), (got["equilibria"], want["equilibria"]))
                self.assertTrue(close(got.get("components"), want.get("components")))

    def test_compiled_stage_game(self):
        path = os.path.join(ROOT, "models", "ukusa-1946.lia")
        p = subprocess.run([BIN, "compile", path, "--emit", "json"], capture_output=True, text=True, check=True)
        want = json.loads(p.stdout)
        g = liaison.load(path).compile()
        doc = g.to_json()
        # the same document as the CLI's, with each player's payoffs flattened (first player fastest)
        flat = {k: ([np.asarray(x, dtype=object).ravel(order="F").tolist() for x in v]
                    if k in ("payoffs", "payoffs_exact") else v) for k, v in want.items()}
        self.assertEqual(doc, flat)
        self.assertEqual(g.payoffs.tolist(), want["payoffs"])
        self.assertEqual([g.strategies[i][k] for i, k in enumerate(g.commitment)], want["commitment"])
        self.assertIsNone(liaison.Game(self.PD).commitment)


class TestErrors(unittest.TestCase):
    def test_syntax_error(self):
        text = 'model "x"\nparty A {\n  leak 0.1\n  resources @\n}\n'
        with self.assertRaises(liaison.LiaisonError) as cm:
            liaison.load(text, name="bad.lia")
        e = cm.exception
        self.assertEqual(e.status, "invalid input")
        self.assertTrue(e.diagnostics)
        d = e.diagnostics[0]
        self.assertEqual((d.file, d.line, d.severity), ("bad.lia", 4, "error"))
        self.assertEqual(d.column, 13)
        self.assertEqual(d.line_text, "  resources @")
        self.assertTrue(str(e).startswith("bad.lia:4:13: error: "), str(e))
        self.assertIsInstance(e, Exception)

    def test_same_diagnostics_as_check(self):
        path = os.path.join(ROOT, "tests", "malformed")
        files = sorted(glob.glob(os.path.join(path, "*.lia")))
        self.assertTrue(files)
        for f in files:
            p = subprocess.run([BIN, "check", f], capture_output=True, text=True)
            if p.returncode == 0:
                continue
            with self.subTest(file=rel(f)):
                with self.assertRaises(liaison.LiaisonError) as cm:
                    liaison.load(f)
                heads = [ln for ln in p.stderr.splitlines() if re.match(r"^\S.*:\d+:\d+: (error|note|warning): ", ln)]
                self.assertEqual(str(cm.exception).splitlines(), heads)

    def test_bad_values(self):
        path = os.path.join(ROOT, "models", "ukusa-1946.lia")
        m = liaison.load(path)
        with self.assertRaises(liaison.LiaisonError) as cm:
            m.set("UK.leek", 0.1)
        self.assertEqual(cm.exception.status, "invalid use")
        self.assertIn("UK.leek", cm.exception.message)
        with self.assertRaises(liaison.LiaisonError) as cm:
            m.set("UK.leak", 1.5)
        self.assertEqual(cm.exception.diagnostics[0].file, "--set")
        self.assertRaises(liaison.LiaisonError, m.solve)    # invalid until the override is replaced
        m.set("UK.leak", "0.05")
        self.assertEqual(m.solve(), cli("solve", path, "--set", "UK.leak=0.05"))
        self.assertRaises(TypeError, m.set, "UK.leak", None)
        self.assertRaises(liaison.LiaisonError, m.set, "no such thing!", 1)

    def test_unknown_game(self):
        m = liaison.load(os.path.join(ROOT, "models", "ct-2005.lia"))
        for call in (lambda: m.solve("Nope"), lambda: m.share("Nope"), lambda: m.nash("Nope"),
                     lambda: m.repeat("Nope"), lambda: m.compile("Nope"), lambda: m.compare("Nope"),
                     lambda: m.sweep("UK.leak", (0, 0.1, 2), game="Nope")):
            with self.assertRaises(liaison.LiaisonError) as cm:
                call()
            self.assertIn("'Nope'", str(cm.exception))
            self.assertIn("UK_ES", str(cm.exception))   # the names it has
        self.assertRaises(liaison.LiaisonError, m.compile)   # several games and none named
        self.assertRaises(liaison.LiaisonError, m.share)

    def test_other_failures(self):
        self.assertRaises(liaison.LiaisonError, liaison.load, "/nonexistent/x.lia")
        tu = liaison.load(os.path.join(ROOT, "tests", "cases", "tu", "games.lia"))
        self.assertRaises(liaison.LiaisonError, tu.solve, "glove")           # no stage game
        self.assertRaises(liaison.LiaisonError, tu.compile)
        nfg = liaison.load(os.path.join(NFG, "2x2x2.nfg"))
        self.assertRaises(liaison.LiaisonError, nfg.set, "x", 1)            # .nfg has nothing to set
        self.assertRaises(liaison.LiaisonError, nfg.nash, method="all")     # three players
        with self.assertRaises(liaison.LiaisonError) as cm:
            nfg.share()
        self.assertEqual(str(cm.exception), cli_error("share", os.path.join(NFG, "2x2x2.nfg")))
        self.assertIn("of 3 players", str(cm.exception))
        self.assertRaises(ValueError, nfg.nash, method="magic")
        self.assertRaises(liaison.LiaisonError, liaison.Game(TestGame.PD).nash, method="lp")   # not constant-sum
        self.assertRaises(liaison.LiaisonError, liaison.load(os.path.join(NFG, "2x2.nfg")).nash, exact=False,
                          method="lh", label=9)
        ab = liaison.load(os.path.join(REPEAT, "ab-sweep.lia"))
        self.assertRaises(liaison.LiaisonError, ab.sweep, "nope", (0, 1, 3))
        self.assertRaises(ValueError, ab.share, method="fair")
        self.assertRaises(ValueError, ab.repeat, delta=1.5)
        self.assertRaises(ValueError, ab.repeat, target="9,9")
        pd = liaison.load(os.path.join(REPEAT, "pd.lia"))
        self.assertRaises(liaison.LiaisonError, pd.repeat)                  # no commitment: give a target
        # the library's reason, as the command line prints it, even after another failure left
        # a message on the model (and not the model's words about coalition values, which a
        # comparison does without)
        self.assertRaises(liaison.LiaisonError, pd.set, "nope", 1)
        with self.assertRaises(liaison.LiaisonError) as cm:
            pd.compare("pd")
        self.assertEqual(str(cm.exception), cli_error("compare", os.path.join(REPEAT, "pd.lia"), "--game", "pd"))
        self.assertIn("no committed profile", str(cm.exception))
        for bad in ([], [[1, 2], [3, 4]], [[[1, 2]], [[1], [2]]], [[1, 2], [1, 2, 3]], [np.full((2, 2), np.nan)] * 2,
                    [np.zeros((2, 0))] * 2):
            self.assertRaises(ValueError, liaison.Game, bad)

    def test_nash_failures_in_the_librarys_words(self):
        """A failed nash raises with the library's message (lia_errmsg), the one `liaison nash`
        prints for the same game and method, never a sentence rebuilt from the status."""
        import random
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            # a random 100 x 100 game: C(200, 100) - 1 = 9.05e58 support pairs, refused for its time
            r100 = os.path.join(tmp, "r100.nfg")
            rnd = random.Random(7)
            with open(r100, "w") as f:
                f.write('NFG 1 R "r100" { "A" "B" } { 100 100 }\n'
                        + " ".join(str(rnd.randint(0, 99)) for _ in range(20000)) + "\n")
            p3, p2 = os.path.join(NFG, "2x2x2.nfg"), os.path.join(NFG, "2x2.nfg")
            for path, method, kw, extra, words in [
                    (r100, "support", {}, [], "could examine 9.05e+58 support pairs"),
                    (p3, "lh", {}, [], "use the gnm, simpdiv or qre method"),
                    (p3, "all", {}, [], "or gnm or simpdiv for one"),
                    (p2, "lh", {"label": 9}, ["--label", "9"], "labels run from 0 to 3"),
                    # memory_cap is --memory-cap: 1 MiB refuses Lemke-Howson on 100 x 100 (it needs 1.47 MiB)
                    (r100, "lh", {"memory_cap": 1 << 20}, ["--memory-cap", "1M"], "over the memory cap of 1 MiB")]:
                with self.subTest(game=os.path.basename(path), method=method):
                    with self.assertRaises(liaison.LiaisonError) as cm:
                        liaison.load(path).nash(method=method, **kw)
                    # the command line's line less its own hint in brackets ("[--label K, or any]")
                    line = cli_error("nash", path, "--method", method, *extra)
                    self.assertEqual(cm.exception.message, re.sub(r" \[[^][]*\]$", "", line))
                    self.assertIn(words, cm.exception.message)
                    self.assertNotIn("could not be found", cm.exception.message)
                    if method == "support":   # LIA_ELIMIT, named without claiming memory for a time limit
                        self.assertEqual(cm.exception.status, "over the limit")

    def test_nash_threads(self):
        """threads (as --threads) splits the vertex search and changes nothing in the result; it
        and memory_cap are checked before the library is called."""
        import random
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r12.nfg")   # a random 12 x 12 game: its search splits into jobs
            rnd = random.Random(12)
            with open(path, "w") as f:
                f.write('NFG 1 R "r12" { "A" "B" } { 12 12 }\n'
                        + " ".join(str(rnd.randint(0, 99)) for _ in range(288)) + "\n")
            g = liaison.load(path)
            want = cli("nash", path, "--method", "all", "--threads", "1")
            self.assertGreater(len(want["equilibria"]), 1)
            for t in (1, 2, 3):
                self.assertEqual(g.nash(method="all", threads=t), want)
        self.assertRaisesRegex(ValueError, "threads belongs to method='all'", g.nash, method="lh", threads=2)
        self.assertRaisesRegex(ValueError, "between 1 and 64", g.nash, threads=0)
        self.assertRaises(TypeError, g.nash, threads=1.5)
        self.assertRaises(ValueError, g.nash, memory_cap=-1)

    def test_did_you_mean(self):
        """The binding's own refusals of a name suggest as the command line does (lia_suggest)."""
        uk = liaison.load(os.path.join(ROOT, "models", "ukusa-1946.lia"))
        for call, near in [(lambda: uk.nash(method="SIMPDIV"), "did you mean 'simpdiv'?"),
                           (lambda: uk.nash(method="lhh"), "did you mean 'lh'?"),
                           (lambda: uk.repeat(punish="mimax"), "did you mean 'minmax'?"),
                           (lambda: uk.repeat(punish="NASH"), "did you mean 'nash'?"),
                           (lambda: uk.share(disagreement="securty"), "did you mean 'security'?")]:
            with self.subTest(near=near):
                with self.assertRaises(ValueError) as cm:
                    call()
                self.assertIn(near, str(cm.exception))
        self.assertRaisesRegex(ValueError, r"unknown method 'magic'; \(one of 'pure'", uk.nash, method="magic")
        # a game name: the command line's sentence, word for word
        path = os.path.join(ROOT, "models", "ukusa-1946.lia")
        for name in ("ukusa", "nope"):
            with self.subTest(game=name):
                with self.assertRaises(liaison.LiaisonError) as cm:
                    liaison.load(path).solve(game=name)
                self.assertEqual(str(cm.exception).replace(liaison.load(path).source, path),
                                 cli_error("solve", path, "--game", name))

    def test_misuse_does_not_kill_the_interpreter(self):
        script = textwrap.dedent("""
            import gc, os, sys, threading
            import numpy as np, liaison
            root = %r
            def attempt(f):
                try:
                    f()
                except (liaison.LiaisonError, ValueError, TypeError):
                    pass
            for text in ["", "\\x00\\x01\\xff", "model", "{" * 10000, "party A { leak 2 }", "NFG 1 R", "2 2\\n1 2",
                         "agreement X bilateral { members A, B }", "let x = 1/0\\n", "\\u00e9" * 1000]:
                attempt(lambda: liaison.load(text).solve())
            attempt(lambda: liaison.load(b"\\xff\\xfe not utf-8"))
            m = liaison.load(os.path.join(root, "models", "ukusa-1946.lia"))
            g = m.compile()
            m.close(); m.close()
            attempt(lambda: m.solve()); attempt(lambda: m.set("UK.leak", 0.1)); attempt(lambda: m.games)
            print(g.nash(method="pure")["game"])
            del g; gc.collect()
            m = liaison.load(os.path.join(root, "models", "ukusa-1946.lia"))
            for v in [float("nan"), float("inf"), -1, 1e308, "1/0", "", "UK.leak", "((", 2**70]:
                attempt(lambda: m.set("UK.leak", v)); attempt(lambda: m.solve())
            m.set("UK.leak", 0.03)
            for args in [dict(target="1"), dict(target=[5, 5]), dict(target=["x", "y"]), dict(delta=0),
                         dict(punish="x"), dict(target=[-1, 0])]:
                attempt(lambda: m.repeat(**args))
            attempt(lambda: m.sweep("UK.leak", (0.0, 2.0, 5)))     # invalid at some points: reported, not fatal
            attempt(lambda: m.sweep("UK.leak", (0.0, 0.1, 1)))
            attempt(lambda: m.sweep("UK.leak", (float("nan"), 0.1, 3)))
            attempt(lambda: liaison.compare([]))
            attempt(lambda: liaison.compare([(m, "nope")]))
            for method in ["all", "pure", "lh", "lp", "support", "simpdiv", "gnm", "qre"]:
                attempt(lambda: liaison.Game([np.ones((1, 1))] * 2).nash(method=method))
                attempt(lambda: liaison.Game([np.zeros(3)]).nash(method=method))
            attempt(lambda: liaison.Game([[1, 2], [3, 4]]).nash())
            attempt(lambda: liaison.Game([np.zeros((2, 2, 2))] * 3).nash(method="pure", label=1))
            # one model from several threads: calls are serialised by the model's lock
            out = []
            ts = [threading.Thread(target=lambda: out.append(m.solve()["model"])) for _ in range(4)]
            [t.start() for t in ts]; [t.join() for t in ts]
            assert len(out) == 4
            for _ in range(50):
                liaison.load(os.path.join(root, "models", "five-eyes.lia")).share()
            print("survived")
        """) % (ROOT,)
        p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ))
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        self.assertEqual(p.stdout.split(), ["UKUSA", "survived"])


class _Counting(unittest.TextTestResult):
    """Counts every subtest as one check, and every test without subtests as one."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.passed, self.bad, self._with_sub = 0, 0, set()

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        self._with_sub.add(test.id())
        if err is None:
            self.passed += 1
        else:
            self.bad += 1

    def addSuccess(self, test):
        super().addSuccess(test)
        if test.id() not in self._with_sub:
            self.passed += 1

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.bad += 1

    def addError(self, test, err):
        super().addError(test, err)
        self.bad += 1


if __name__ == "__main__":
    prog = unittest.main(testRunner=unittest.TextTestRunner(resultclass=_Counting, verbosity=1), exit=False)
    print("RESULT passed=%d failed=%d" % (prog.result.passed, prog.result.bad))
    sys.exit(0 if prog.result.wasSuccessful() else 1)
