"""Tests of Model.parameters(), Model.explore and the estimators of the Python package against
`liaison params` and `liaison explore`, against the values derived by hand for
tests/cases/explore/linear.lia (tests/cli/explore.sh has the derivation), and against analytic
cases (Ishigami's Sobol indices, a linear function's Morris effects, a threshold's PRIM box).

    PYTHONPATH=python LIAISON_BIN=build/bin/liaison python3 tests/python/test_explore.py

The last line reads "RESULT passed=N failed=M" as in test_liaison.py.
"""
import csv
import glob
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BIN = os.environ.get("LIAISON_BIN", os.path.join(ROOT, "build", "bin", "liaison"))

import numpy as np  # noqa: E402
import liaison  # noqa: E402
from test_liaison import cli, _Counting  # noqa: E402

MODELS = sorted(glob.glob(os.path.join(ROOT, "models", "*.lia")))
LINEAR = os.path.join(ROOT, "tests", "cases", "explore", "linear.lia")
PAT = {"A.patience": (0.5, 0.9)}
PAT_CLI = ["--range", "A.patience=0.5:0.9"]


def cli_text(*args):
    """stdout of `liaison ARGS` (bytes decoded); fails the test if the command fails."""
    p = subprocess.run([BIN] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("liaison %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def csv_rows(text):
    """The CLI's CSV read with the csv module (not pandas): a list of dicts of strings."""
    return list(csv.DictReader(io.StringIO(text)))


def cell_equals(frame_value, text):
    """A DataFrame cell against the CLI's CSV field: numbers exactly, "" as NaN/NA, words as words."""
    if text == "":
        return frame_value is None or frame_value is np.nan or (isinstance(frame_value, float) and
                                                                math.isnan(frame_value)) or str(frame_value) == "<NA>"
    if text in ("true", "false"):
        return bool(frame_value) == (text == "true")
    try:
        return float(frame_value) == float(text)
    except (TypeError, ValueError):
        return frame_value == text


class TestParameters(unittest.TestCase):
    def check(self, path, *sets):
        m = liaison.load(path)
        args = []
        for k, v in sets:
            m.set(k, v)
            args += ["--set", "%s=%s" % (k, v)]
        frame, doc = m.parameters(), cli("params", path, *args)["parameters"]
        self.assertEqual(list(frame.columns), ["name", "kind", "value", "lo", "hi"])
        self.assertEqual(len(frame), len(doc))
        for row, p in zip(frame.itertuples(index=False), doc):
            self.assertEqual((row.name, row.kind), (p["name"], p["kind"]))
            self.assertTrue(row.value == p["value"] or (p["value"] is None and math.isnan(row.value)), (row, p))
            if p["range"] is None:
                self.assertTrue(math.isnan(row.lo) and math.isnan(row.hi), row)
            else:
                self.assertEqual([row.lo, row.hi], p["range"])

    def test_every_model_equals_cli(self):
        for path in MODELS + [LINEAR]:
            with self.subTest(model=os.path.basename(path)):
                self.check(path)

    def test_after_set(self):
        self.check(LINEAR, ("s", "0.35"), ("A.patience", "0.7"))
        f = liaison.load(LINEAR).set("s", 0.35).parameters()
        self.assertEqual(f.iloc[0].tolist(), ["s", "let", 0.35, 0.26, 0.38])

    def test_nfg_has_none(self):
        f = liaison.load(os.path.join(ROOT, "tests", "cases", "nfg", "2x2.nfg")).parameters()
        self.assertEqual((len(f), list(f.columns)), (0, ["name", "kind", "value", "lo", "hi"]))


class TestExploreAgainstCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = liaison.load(LINEAR)
        # N = 2000 base samples, D = 2: N(2D+2) = 12000 runs, as tests/cli/explore.sh
        cls.sobol = cls.model.explore(design="sobol", samples=2000, seed=7, ranges=PAT)
        # the CLI solves once into a store, and prints its CSV from the store (the same bytes as a
        # fresh run: tests/cli/explore.sh)
        with tempfile.TemporaryDirectory() as d:
            st = os.path.join(d, "cli.sqlite")
            cls.sobol_json = cli("explore", LINEAR, "--design", "sobol", "--samples", "2000", "--seed", "7", *PAT_CLI,
                                 "--store", st)
            cls.sobol_csv = cli_text("explore", "--store", st, "--format", "csv")

    def test_json_equals_cli(self):
        self.assertEqual(self.sobol.to_json(), self.sobol_json)

    def test_csv_equals_cli(self):
        self.assertEqual(self.sobol.to_csv(), self.sobol_csv)

    def test_runs_frame_equals_cli_csv(self):
        runs, rows = self.sobol.runs, csv_rows(self.sobol_csv)
        header = self.sobol_csv.split("\n", 1)[0].split(",")
        self.assertEqual(list(runs.columns), header)
        self.assertEqual(len(runs), 12000)
        self.assertEqual(str(runs["run"].dtype), "int64")
        self.assertTrue((runs["run"].to_numpy() == np.arange(12000)).all())
        bad = [(k, c, runs[c].iat[k], r[c]) for k, r in enumerate(rows) for c in header if not cell_equals(runs[c].iat[k], r[c])]
        self.assertEqual(bad[:5], [])

    def test_runs_by_hand(self):
        # slack.A = s - 0.38 + 0.08 d, slack.B = 1.0395 - 0.9 s, welfare = 0.855 (tests/cli/explore.sh)
        r = self.sobol.runs
        s, d = r["s"].to_numpy(), r["A.patience"].to_numpy()
        self.assertTrue(((s >= 0.26) & (s <= 0.38) & (d >= 0.5) & (d <= 0.9)).all())
        self.assertLess(np.abs(r["slack.A"] - (s - 0.38 + 0.08 * d)).max(), 1e-12)
        self.assertLess(np.abs(r["slack.B"] - (1.0395 - 0.9 * s)).max(), 1e-12)
        self.assertLess(np.abs(r["welfare"] - 0.855).max(), 1e-12)
        clear = np.abs(r["slack.A"]) > 1e-9   # the commitment holds iff A's slack is not negative
        self.assertTrue((r["status"][clear] == np.where(r["slack.A"][clear] > 0, "holds", "needs_transfers")).all())
        self.assertEqual(set(r["direction.B"]), {"none"} | set(r["direction.B"]) & {"exceed", "withhold"})

    def test_probabilities_by_hand(self):
        # P(holds) = E[0.08 d / 0.12] = 0.056 / 0.12 = 7/15
        p = self.sobol.probabilities.set_index("status")
        self.assertEqual(list(p.index), ["holds", "needs_transfers"])
        self.assertLessEqual(p.loc["holds", "lo"], 7 / 15)
        self.assertLessEqual(7 / 15, p.loc["holds", "hi"])
        self.assertLess(abs(p.loc["holds", "share"] - 7 / 15), 0.02)
        self.assertEqual(int(p["runs"].sum()), 12000)

    def test_sobol_by_hand(self):
        # slack.A: S(s) = 0.0012 / 0.00128533 = 0.9336, S(d) = 0.0664; slack.B: S(s) = 1, S(d) = 0; welfare: 0
        f = self.sobol.sobol.set_index(["output", "parameter"])
        self.assertEqual(list(f.columns), ["S1", "ST", "S1_conf", "ST_conf"])
        for (out, par), v in {("slack.A", "s"): 0.9336, ("slack.A", "A.patience"): 0.0664, ("slack.B", "s"): 1.0}.items():
            for k in ("S1", "ST"):
                self.assertLessEqual(abs(f.loc[(out, par), k] - v), min(0.05, f.loc[(out, par), k + "_conf"]),
                                     (out, par, k))
        self.assertEqual(f.loc[("slack.B", "A.patience")].tolist(), [0, 0, 0, 0])
        self.assertTrue((f.loc["welfare"].to_numpy() == 0).all())

    def test_scenario(self):
        # needs_transfers iff s < 0.38 - 0.08 d: always when s < 0.308, never when s > 0.34
        sc = self.sobol.scenarios
        self.assertEqual(list(sc.columns), ["outcome", "bounds", "coverage", "density", "mass", "sentence"])
        self.assertEqual(list(sc.outcome), ["needs_transfers"])
        self.assertTrue(0.3 <= sc.bounds[0]["s"][1] <= 0.34 and sc.density[0] > 0.95)
        self.assertEqual(sc.sentence[0], self.sobol_json["scenarios"][0]["sentence"])
        import html
        self.assertIn(html.escape(sc.sentence[0]), self.sobol._repr_html_())

    def test_text_and_svg_equal_cli(self):
        args = ["explore", LINEAR, "--design", "sobol", "--samples", "200", "--seed", "3", *PAT_CLI]
        x = self.model.explore(design="sobol", samples=200, seed=3, ranges=PAT)
        self.assertEqual(x.text(), cli_text(*args))
        with tempfile.TemporaryDirectory() as d:
            cli_text(*args, "--plot", os.path.join(d, "x.svg"))
            with open(os.path.join(d, "x.svg")) as f:
                self.assertEqual(x.svg(), f.read())

    def test_morris_by_hand(self):
        # linear slacks: every effect per the whole range is slope x range: s: 0.12 (slack.A), -0.108 (slack.B);
        # d: 0.08 x 0.4 = 0.032 (slack.A), 0 (slack.B); sigma 0. 50 trajectories of D+1 = 3 runs: 150 runs
        x = self.model.explore(design="morris", samples=50, seed=7, ranges=PAT)
        self.assertEqual(x.to_json(), cli("explore", LINEAR, "--design", "morris", "--samples", "50", "--seed", "7",
                                          *PAT_CLI))
        f = x.morris.set_index(["output", "parameter"])
        self.assertEqual((x.run_count, list(f.columns)), (150, ["mu", "mu_star", "sigma"]))
        self.assertLess(abs(f.loc[("slack.A", "s"), "mu_star"] - 0.12), 1e-12)
        self.assertLess(abs(f.loc[("slack.A", "A.patience"), "mu_star"] - 0.032), 1e-12)
        self.assertLess(abs(f.loc[("slack.B", "s"), "mu"] + 0.108), 1e-12)
        self.assertEqual(f.loc[("slack.B", "A.patience"), "mu_star"], 0)
        self.assertLess(f.loc[("slack.A", "s"), "sigma"], 1e-12)
        with self.assertRaisesRegex(liaison.LiaisonError, "no sobol indices"):
            x.sobol

    def test_threads_and_delta(self):
        a = self.model.explore(design="lhs", samples=700, seed=5, ranges=PAT, threads=1)
        b = self.model.explore(design="lhs", samples=700, seed=5, ranges=PAT, threads=2)
        self.assertEqual(a.to_csv(), b.to_csv())
        c = self.model.explore(design="mc", samples=300, seed=2, delta=0.8)
        self.assertEqual(c.to_json(), cli("explore", LINEAR, "--design", "mc", "--samples", "300", "--seed", "2",
                                          "--delta", "0.8"))
        self.assertEqual(c.to_json()["delta"], 0.8)
        self.assertEqual((c.design, c.samples, c.seed, c.game, c.members, c.ranges),
                         ("mc", 300, 2, "AB", ["A", "B"], {"s": (0.26, 0.38)}))


class TestEstimators(unittest.TestCase):
    """The wrappers on plain arrays: equal to the CLI's own analysis of the same runs, and right
    on functions whose answers are known."""

    @classmethod
    def setUpClass(cls):
        cls.args = ["explore", LINEAR, "--seed", "11", *PAT_CLI]

    def test_sobol_of_cli_runs_equals_cli_json(self):
        args = self.args + ["--design", "sobol", "--samples", "500"]
        doc, rows = cli(*args), csv_rows(cli_text(*args, "--format", "csv"))
        for out in ("slack.A", "slack.B", "transfers"):
            y = [float(r[out]) for r in rows]
            f = liaison.sobol_indices(y, 2, resamples=500, seed=11, names=["s", "A.patience"])
            for p in ("s", "A.patience"):
                with self.subTest(output=out, parameter=p):
                    got = f.loc[p].to_dict()
                    want = doc["sobol"][out][p]
                    for k in want:
                        self.assertAlmostEqual(got[k], want[k], delta=1e-12 * max(1, abs(want[k])))

    def test_morris_of_cli_runs_equals_cli_json(self):
        args = self.args + ["--design", "morris", "--samples", "40"]
        doc, rows = cli(*args), csv_rows(cli_text(*args, "--format", "csv"))
        x = np.array([[(float(r["s"]) - 0.26) / (0.38 - 0.26), (float(r["A.patience"]) - 0.5) / (0.9 - 0.5)]
                      for r in rows])   # per the whole range, as the exploration's analysis
        f = liaison.morris_indices(x, [float(r["slack.A"]) for r in rows], 40, 2, names=["s", "A.patience"])
        for p in ("s", "A.patience"):
            for k in ("mu", "mu_star", "sigma"):
                self.assertAlmostEqual(f.loc[p, k], doc["morris"]["slack.A"][p][k], delta=1e-12)

    def test_prim_and_wilson_of_cli_runs_equal_cli_json(self):
        args = self.args + ["--design", "lhs", "--samples", "2000"]
        doc, rows = cli(*args), csv_rows(cli_text(*args, "--format", "csv"))
        x = np.array([[float(r["s"]), float(r["A.patience"])] for r in rows])
        hit = np.array([r["status"] == "needs_transfers" for r in rows])
        box = liaison.prim_box(x, hit, alpha=0.05, min_coverage=0.5, names=["s", "A.patience"])
        sc = doc["scenarios"][0]
        self.assertEqual(sc["outcome"], "needs_transfers")
        self.assertEqual(box["bounds"], sc["bounds"])
        for k in ("coverage", "density", "mass"):
            self.assertEqual(box[k], sc[k])
        for status, p in doc["probabilities"].items():
            k = sum(r["status"] == status for r in rows)
            self.assertEqual(k, p["runs"])
            self.assertEqual(liaison.wilson_interval(k, len(rows)), (p["lo"], p["hi"]))

    def test_wilson_by_hand(self):
        # k = 5 of n = 10 at z = 1.96: centre (0.5 + 1.96^2/20)/(1 + 1.96^2/10) = 0.69208/1.38416 = 0.5,
        # half-width 1.96 sqrt(0.25/10 + 1.96^2/400)/1.38416 = 1.96 x sqrt(0.034604)/1.38416
        # = 1.96 x 0.186021/1.38416 = 0.263410
        lo, hi = liaison.wilson_interval(5, 10, z=1.96)
        self.assertAlmostEqual(lo, 0.5 - 0.263410, places=5)
        self.assertAlmostEqual(hi, 0.5 + 0.263410, places=5)
        self.assertEqual(liaison.wilson_interval(0, 7)[0], 0)
        self.assertEqual(liaison.wilson_interval(7, 7)[1], 1)

    def test_ishigami(self):
        # Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        # A Saltelli design in run order A, AB^1..AB^3, BA^1..BA^3, B per base sample, as the library reads it.
        n, d = 20000, 3
        rng = np.random.default_rng(2026)
        A, B = rng.uniform(-np.pi, np.pi, (n, d)), rng.uniform(-np.pi, np.pi, (n, d))
        runs = np.empty((n, 2 * d + 2, d))
        runs[:, 0], runs[:, 2 * d + 1] = A, B
        for i in range(d):
            runs[:, 1 + i], runs[:, 1 + d + i] = A, B
            runs[:, 1 + i, i], runs[:, 1 + d + i, i] = B[:, i], A[:, i]
        x = runs.reshape(-1, d)
        y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
        f = liaison.sobol_indices(y, d, resamples=200, seed=1)
        for j, (s1, st) in enumerate([(0.3139, 0.5576), (0.4424, 0.4424), (0.0, 0.2437)]):
            with self.subTest(input=j):
                # within twice the bootstrap 95% half-width (about 4 standard errors: a miss by chance has
                # odds near 1e-4; a plain 95% interval misses one of six indices one time in four), plus
                # 1e-4 for the 4-digit truth; and that half-width is small
                self.assertLessEqual(abs(f.loc[j, "S1"] - s1), 2 * f.loc[j, "S1_conf"] + 1e-4)
                self.assertLessEqual(abs(f.loc[j, "ST"] - st), 2 * f.loc[j, "ST_conf"] + 1e-4)
                self.assertLess(f.loc[j, "S1_conf"], 0.05)

    def test_morris_linear(self):
        # y = 2 x0 - 3 x1 (x2 idle): every effect of x0 is 2, of x1 -3, of x2 0; sigma 0
        traj = [[0, 0, 0], [0.5, 0, 0], [0.5, 0.25, 0], [0.5, 0.25, 1],
                [1, 1, 1], [1, 1, 0.5], [0, 1, 0.5], [0, 0.5, 0.5]]
        x = np.array(traj, dtype=float)
        f = liaison.morris_indices(x, 2 * x[:, 0] - 3 * x[:, 1])
        self.assertEqual(f["mu"].tolist(), [2, -3, 0])
        self.assertEqual(f["mu_star"].tolist(), [2, 3, 0])
        self.assertEqual(f["sigma"].tolist(), [0, 0, 0])

    def test_prim_threshold(self):
        # hit iff x0 > 0.7: the box is x0 > 0.7 (x1 unrestricted), density 1, coverage at least 1/2
        rng = np.random.default_rng(5)
        x = rng.uniform(0, 1, (4000, 2))
        box = liaison.prim_box(x, x[:, 0] > 0.7)
        self.assertEqual(list(box["bounds"]), [0])
        self.assertEqual(box["restricted"].tolist(), [1, 0])
        self.assertTrue(0.69 <= box["bounds"][0][0] <= 0.75, box)
        self.assertEqual(box["density"], 1)
        self.assertGreaterEqual(box["coverage"], 0.5)

    def test_misuse(self):
        self.assertRaisesRegex(ValueError, "multiple of 2d\\+2", liaison.sobol_indices, np.zeros(7), 1)
        self.assertRaisesRegex(ValueError, "NaN", liaison.sobol_indices, [np.nan] * 4, 1)
        self.assertRaisesRegex(ValueError, "resamples", liaison.sobol_indices, np.zeros(4), 1, resamples=1)
        self.assertRaisesRegex(ValueError, "trajectories", liaison.morris_indices, np.zeros((5, 2)), np.zeros(5))
        self.assertRaisesRegex(liaison.LiaisonError, "morris_indices",
                               liaison.morris_indices, np.zeros((3, 2)), np.zeros(3))   # a step that moves nothing
        self.assertRaisesRegex(ValueError, "no run", liaison.prim_box, np.zeros((3, 1)), [0, 0, 0])
        self.assertRaisesRegex(ValueError, "exceed", liaison.wilson_interval, 3, 2)
        self.assertRaises(ValueError, liaison.wilson_interval, 0, 0)


class TestStoreShardsCancel(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.m = liaison.load(LINEAR)
        self.p = lambda name: os.path.join(self.dir.name, name)

    def tearDown(self):
        self.dir.cleanup()

    def test_store_round_trip(self):
        x = self.m.explore(design="sobol", samples=300, seed=3, ranges=PAT, store=self.p("s.sqlite"))
        self.assertEqual(x.store, self.p("s.sqlite"))
        with liaison.Exploration.open(self.p("s.sqlite")) as back:
            self.assertTrue(back.complete)
            self.assertEqual(back.to_csv(), x.to_csv())
            self.assertEqual(back.to_json(), x.to_json())
            self.assertTrue(back.runs.equals(x.runs))
        # the CLI reads the store Python wrote
        self.assertEqual(cli("explore", "--store", self.p("s.sqlite")), x.to_json())
        # the same call again reads it back; another seed is refused with the library's words
        self.assertEqual(self.m.explore(design="sobol", samples=300, seed=3, ranges=PAT,
                                        store=self.p("s.sqlite")).to_csv(), x.to_csv())
        with self.assertRaisesRegex(liaison.LiaisonError, "another exploration of this model"):
            self.m.explore(design="sobol", samples=300, seed=4, ranges=PAT, store=self.p("s.sqlite"))

    def test_merge_of_shards_equals_single_run(self):
        whole = self.m.explore(design="sobol", samples=400, seed=3, ranges=PAT)
        parts = []
        for i in (1, 2, 3):
            part = self.m.explore(design="sobol", samples=400, seed=3, ranges=PAT, shard="%d/3" % i,
                                  store=self.p("p%d.sqlite" % i))
            self.assertFalse(part.complete)
            self.assertRaisesRegex(liaison.LiaisonError, "need every run", part.to_json)
            parts.append(part.runs)
        self.assertEqual([len(p) for p in parts], [800, 800, 800])   # 400 x 6 = 2400 runs in 3 slices
        merged = liaison.merge_explorations(self.p("m.sqlite"), [self.p("p%d.sqlite" % i) for i in (3, 1, 2)])
        self.assertEqual(merged.to_csv(), whole.to_csv())
        self.assertEqual(merged.to_json(), whole.to_json())
        import pandas as pd
        self.assertTrue(pd.concat(parts, ignore_index=True).equals(whole.runs))
        with self.assertRaisesRegex(liaison.LiaisonError, "already holds"):
            liaison.merge_explorations(self.p("m.sqlite"), [self.p("p1.sqlite")])
        # (I, N) as a pair works as "I/N"
        two = self.m.explore(design="sobol", samples=400, seed=3, ranges=PAT, shard=(2, 3), store=self.p("q.sqlite"))
        self.assertEqual(two.to_csv(), liaison.Exploration.open(self.p("p2.sqlite")).to_csv())

    def test_cancel_then_resume(self):
        seen = []

        def stop(done, total):
            seen.append((done, total))
            return done >= 1000
        with self.assertRaises(liaison.LiaisonError) as c:
            self.m.explore(design="lhs", samples=3000, seed=9, ranges=PAT, threads=1, store=self.p("r.sqlite"),
                           progress=stop)
        self.assertEqual(c.exception.status, "canceled")
        self.assertIn("resume=True", str(c.exception))
        self.assertEqual(seen[-1], (1000, 3000))
        part = liaison.Exploration.open(self.p("r.sqlite"))
        self.assertEqual((part.run_count, part.complete), (512, False))   # finished batches of 512 only
        with self.assertRaisesRegex(liaison.LiaisonError, "unfinished"):
            self.m.explore(design="lhs", samples=3000, seed=9, ranges=PAT, store=self.p("r.sqlite"))
        done = self.m.explore(design="lhs", samples=3000, seed=9, ranges=PAT, store=self.p("r.sqlite"), resume=True)
        self.assertEqual(done.to_csv(), self.m.explore(design="lhs", samples=3000, seed=9, ranges=PAT).to_csv())

    def test_progress_that_raises(self):
        # an exception in the callback stops the runs and reaches the caller as itself; without a
        # store the message of a plain cancel says nothing was kept
        def boom(done, total):
            if done >= 100:
                raise RuntimeError("boom")
        self.assertRaisesRegex(RuntimeError, "boom", self.m.explore, samples=2000, threads=1, progress=boom)
        with self.assertRaisesRegex(liaison.LiaisonError, "nothing was kept"):
            self.m.explore(samples=2000, threads=1, progress=lambda done, total: True)
        calls = []
        self.m.explore(samples=600, progress=lambda done, total: calls.append((done, total)))
        self.assertEqual(calls[-1], (600, 600))
        self.assertTrue(all(t == 600 and 0 < d <= 600 for d, t in calls))

    def test_keyboard_interrupt(self):
        # a real SIGINT while the library runs: Python delivers it in the progress callback, the
        # runs stop, and the KeyboardInterrupt says how to resume; the store is resumable
        script = textwrap.dedent("""
            import os, signal, sys, liaison
            m = liaison.load(%r)
            sent = []
            def tick(done, total):
                if done >= 700 and not sent:
                    sent.append(done)
                    os.kill(os.getpid(), signal.SIGINT)
            try:
                m.explore(samples=100000, ranges={"A.patience": (0.5, 0.9)}, threads=2, store=sys.argv[1], progress=tick)
            except KeyboardInterrupt as e:
                print("interrupted:", e)
            x = liaison.Exploration.open(sys.argv[1])
            print(x.run_count, x.complete)
            y = m.explore(samples=1000, ranges={"A.patience": (0.5, 0.9)}, store=sys.argv[1] + "2")
            print(y.complete)
        """) % LINEAR
        p = subprocess.run([sys.executable, "-c", script, self.p("k.sqlite")], capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertIn("resume=True continues it", lines[0])
        n, complete = lines[1].split()
        self.assertEqual((int(n) % 512, complete), (0, "False"))
        self.assertEqual(lines[2], "True")


class TestMisuse(unittest.TestCase):
    def setUp(self):
        self.m = liaison.load(LINEAR)

    def test_library_messages(self):
        with self.assertRaisesRegex(liaison.LiaisonError, "did you mean 'A.patience'"):
            self.m.explore(samples=4, ranges={"A.patiense": (0.5, 0.9)})
        with self.assertRaisesRegex(liaison.LiaisonError, "'AB' is not a number"):
            self.m.explore(samples=4, ranges={"AB": (0, 1)})
        with self.assertRaisesRegex(liaison.LiaisonError, "nothing to explore"):
            liaison.load(os.path.join(ROOT, "tests", "cases", "repeat", "ab-sweep.lia")).explore(samples=4)
        bvm = liaison.load(os.path.join(ROOT, "models", "bilateral-vs-multilateral.lia"))
        with self.assertRaisesRegex(liaison.LiaisonError, "choose one with game="):
            bvm.explore(samples=3, ranges={"Alpha.leak": (0, 0.2)})
        with self.assertRaisesRegex(liaison.LiaisonError, "no agreement or game named 'nope'"):
            bvm.explore(samples=3, ranges={"Alpha.leak": (0, 0.2)}, game="nope")
        with self.assertRaisesRegex(liaison.LiaisonError, "cannot open the store"):
            self.m.explore(samples=4, store="/nonexistent/dir/x.sqlite")

    def test_bad_arguments(self):
        cases = [(ValueError, "low end must be below", dict(ranges={"s": (0.3, 0.3)})),
                 (ValueError, "low end must be below", dict(ranges={"s": (0.4, 0.3)})),
                 (ValueError, "finite", dict(ranges={"s": (0, float("inf"))})),
                 (ValueError, "pair", dict(ranges={"s": 0.3})),
                 (ValueError, "at least 1", dict(samples=0)),
                 (ValueError, "at least 1", dict(samples=-5)),
                 (TypeError, "samples must be an int", dict(samples=True)),
                 (TypeError, "samples must be an int", dict(samples=2.5)),
                 (ValueError, "unknown design", dict(design="grid")),
                 (ValueError, "delta", dict(delta=1.5)),
                 (ValueError, "threads", dict(threads=0)),
                 (ValueError, "seed", dict(seed=-1)),
                 (ValueError, "needs store", dict(shard="1/2")),
                 (ValueError, "does not exist", dict(shard="3/2", store="x.sqlite")),
                 (ValueError, "resume=True continues a store", dict(resume=True)),
                 (ValueError, "NUL", dict(ranges={"s\0": (0, 1)}))]
        for exc, msg, kw in cases:
            with self.subTest(**{k: repr(v) for k, v in kw.items()}):
                args = dict(samples=4)
                args.update(kw)
                self.assertRaisesRegex(exc, msg, self.m.explore, **args)
        self.m.close()
        self.assertRaisesRegex(ValueError, "closed", self.m.explore, samples=4)

    def test_not_a_store(self):
        with tempfile.NamedTemporaryFile(suffix=".sqlite") as f:
            f.write(b"not a database at all" * 100)
            f.flush()
            self.assertRaises(liaison.LiaisonError, liaison.Exploration.open, f.name)


if __name__ == "__main__":
    prog = unittest.main(testRunner=unittest.TextTestRunner(resultclass=_Counting, verbosity=1), exit=False)
    print("RESULT passed=%d failed=%d" % (prog.result.passed, prog.result.bad))
    sys.exit(0 if prog.result.wasSuccessful() else 1)
