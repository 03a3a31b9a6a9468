"""results -- the documents the library returns, as dicts with tables.

Each result is the JSON document of the matching `liaison ... --format json` command, parsed:
a dict subclass, so it compares equal to json.loads of the CLI's output. On top of that,
to_frame() gives the table a reader wants as a pandas DataFrame (pandas is imported only
then), and _repr_html_() lets a notebook cell show it. The columns are listed in
docs/python.md; every value is copied from the document, never recomputed, except "slack"
(patience - delta*), which is the margin the verdict rests on."""
import html
import math

from ._base import verdict_name  # noqa: F401  (re-exported for symmetry)

STATUSES = ("holds", "holds_with_harsher_punishment", "undecided", "needs_transfers", "breaks_down")
STATUS_WORDS = {"holds": "holds", "holds_with_harsher_punishment": "holds with harsher punishment",
                "undecided": "undecided (passes minmax)", "needs_transfers": "needs transfers",
                "breaks_down": "breaks down", None: "no verdict"}
STATUS_COLOURS = {"holds": "#1a9850", "holds_with_harsher_punishment": "#91cf60", "undecided": "#abd9e9",
                  "needs_transfers": "#f4a52c", "breaks_down": "#d73027", None: "#f2f2f2"}


def _pd():
    try:
        import pandas
    except ImportError:
        raise ImportError("to_frame() needs pandas (Debian: apt-get install python3-pandas)") from None
    return pandas


def _frame(rows, columns):
    return _pd().DataFrame(rows, columns=columns)


def slack(patience, delta_star):
    """patience - delta*; None when delta* is None (no patience sustains the commitment)."""
    if delta_star is None or patience is None:
        return None
    return patience - delta_star


def _cell(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "&ndash;"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return "%.4g" % v
    return html.escape(str(v))


def html_table(columns, rows, caption=None):
    """A plain HTML table (no pandas needed), numbers to four significant digits."""
    out = ['<table class="liaison">']
    if caption:
        out.append("<caption>%s</caption>" % html.escape(caption))
    out.append("<thead><tr>%s</tr></thead><tbody>" % "".join("<th>%s</th>" % html.escape(str(c)) for c in columns))
    for r in rows:
        out.append("<tr>%s</tr>" % "".join("<td>%s</td>" % _cell(v) for v in r))
    out.append("</tbody></table>")
    return "".join(out)


def _status_html(status):
    colour = STATUS_COLOURS.get(status, "#f2f2f2")
    return ('<span style="background:%s;padding:0 .4em;border-radius:3px">%s</span>'
            % (colour, html.escape(STATUS_WORDS.get(status, str(status)))))


class Result(dict):
    """A parsed JSON document with a table (to_frame) and an HTML view (_repr_html_)."""
    COLUMNS = ()

    def rows(self):
        return []

    def to_frame(self):
        """The document's table as a pandas DataFrame (columns: type(self).COLUMNS, see docs/python.md)."""
        return _frame(self.rows(), self.COLUMNS)

    def _repr_html_(self):
        return html_table(self.COLUMNS, self.rows(), self.get("game"))


# ---- sustainability (repeat) --------------------------------------------------------------------
class Sustainability(Result):
    """`liaison repeat --format json`: one row per member in to_frame()."""
    COLUMNS = ("member", "target", "value", "deviation", "deviation_strategy", "direction", "punishment",
               "delta_star", "patience", "slack", "sustainable", "minmax_delta_star", "minmax_sustainable",
               "transfer", "q", "q_needed")

    def rows(self):
        d = self
        dev = d.get("deviations") or {}
        mm = d.get("minmax") or {}
        tr = (d.get("transfers") or {}).get("amounts")
        mon = d.get("monitoring") or {}
        out = []
        for i, m in enumerate(d["players"]):
            def at(x):
                return x[i] if isinstance(x, list) and i < len(x) else None
            out.append((m, at(d.get("target")), at(d.get("values")), at(dev.get("payoffs")), at(dev.get("strategies")),
                        at(dev.get("direction")), at((d.get("punishment") or {}).get("payoffs")),
                        at(d.get("delta_star")), at(d.get("patience")),
                        slack(at(d.get("patience")), at(d.get("delta_star"))), at(d.get("sustainable")),
                        at(mm.get("delta_star")), at(mm.get("sustainable")), at(tr), at(mon.get("q")),
                        at(mon.get("q_needed"))))
        return out

    def _repr_html_(self):
        head = "<p><b>%s</b>: %s</p>" % (html.escape(str(self.get("game"))), _status_html(self.get("status")))
        summary = "<p>%s</p>" % html.escape(self["summary"]) if self.get("summary") else ""
        return head + summary + html_table(self.COLUMNS, self.rows())


# ---- equilibria (nash) --------------------------------------------------------------------------
class Equilibria(Result):
    """`liaison nash --format json`: one row per equilibrium in to_frame(), columns as the CLI's
    CSV: "equilibrium" (1-based), "PLAYER:STRATEGY" probabilities, "payoff:PLAYER", "regret"."""

    @property
    def COLUMNS(self):
        return tuple(["equilibrium"] + ["%s:%s" % (p, st) for p, ss in zip(self["players"], self["strategies"])
                                        for st in ss] + ["payoff:%s" % p for p in self["players"]] + ["regret"])

    def rows(self):
        return [tuple([k + 1] + [x for row in e["strategies"] for x in row] + list(e["payoffs"]) + [e["regret"]])
                for k, e in enumerate(self.get("equilibria", []))]

    def _repr_html_(self):
        return html_table(self.COLUMNS, self.rows(), "%s: %d equilibria (method %s)" % (
            self.get("game"), len(self.get("equilibria", [])), self.get("method")))


# ---- burden sharing (share) ------------------------------------------------------------------
class Shares(Result):
    """`liaison share --format json`: one row per player in to_frame(): "player", then one
    column per allocation of the document, in the document's order: every list with one number
    per player (shapley, banzhaf, banzhaf_absolute, nucleolus, prenucleolus, talmud,
    proportional, cea, cel, equal, resources, actual, ...), least_core (its "allocation"),
    shapley_mc (its "values"), then nash_bargaining and kalai_smorodinsky (from
    "bargaining") and exploitation last. Rules that do not apply (null) have no column."""
    _NESTED = {"least_core": "allocation", "shapley_mc": "values"}

    def _columns(self):
        n = len(self["players"])

        def vector(v):
            return isinstance(v, list) and len(v) == n and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) or x is None for x in v)
        cols = []
        for k, v in self.items():
            if k in self._NESTED and isinstance(v, dict):
                v = v.get(self._NESTED[k])
            if k not in ("players", "exploitation") and vector(v):
                cols.append((k, v))
        barg = self.get("bargaining") or {}
        for r in ("nash_bargaining", "kalai_smorodinsky"):
            if vector(barg.get(r)):
                cols.append((r, barg[r]))
        if vector(self.get("exploitation")):
            cols.append(("exploitation", self["exploitation"]))
        return cols

    @property
    def COLUMNS(self):
        return tuple(["player"] + [c for c, _ in self._columns()])

    def rows(self):
        cols = self._columns()
        return [tuple([p] + [v[i] for _, v in cols]) for i, p in enumerate(self["players"])]


# ---- the solve report ---------------------------------------------------------------------------
class Report(Result):
    """`liaison solve --format json`: one row per agreement and member in to_frame()."""
    COLUMNS = ("agreement", "kind", "status", "member", "payoff", "deviation", "punishment", "delta_star",
               "patience", "slack", "sustainable", "direction", "transfer", "shapley")

    def rows(self):
        out = []
        for a in self.get("agreements", []):
            tr = (a.get("transfers") or {}).get("amounts") or []
            shap = (a.get("shares") or {}).get("shapley") or []
            for i, row in enumerate(a.get("sustainability", [])):
                out.append((a["name"], a["kind"], a.get("status"), row["party"], row.get("C"), row.get("D"),
                            row.get("P"), row.get("delta_star"), row.get("patience"),
                            slack(row.get("patience"), row.get("delta_star")), row.get("sustainable"),
                            row.get("direction"), tr[i] if i < len(tr) else None,
                            shap[i] if i < len(shap) else None))
        return out

    def _repr_html_(self):
        parts = ["<p><b>%s</b></p>" % html.escape(str(self.get("model", "")))]
        for a in self.get("agreements", []):
            parts.append("<p><b>%s</b> (%s): %s</p>" % (html.escape(a["name"]), html.escape(a["kind"]),
                                                        _status_html(a.get("status"))))
            if a.get("summary"):
                parts.append("<p>%s</p>" % html.escape(a["summary"]))
            rows = [r[3:] for r in self.rows() if r[0] == a["name"]]
            parts.append(html_table(self.COLUMNS[3:], rows))
        return "".join(parts)


# ---- comparison ------------------------------------------------------------------------------
class Comparison(Result):
    """`liaison compare --format json`: one row per agreement and member in to_frame(); the
    bilateral sum, when present, as agreement "bilateral_sum" (kind "sum")."""
    COLUMNS = ("agreement", "kind", "status", "welfare", "member", "payoff", "adjusted", "delta_star",
               "direction", "exposure", "transfer")

    def rows(self):
        out = []
        for a in self.get("agreements", []):
            tr = (a.get("transfers") or {}).get("amounts") or {}
            for m, pay in (a.get("payoffs") or {}).items():
                out.append((a["name"], a["kind"], a.get("status"), a.get("welfare"), m, pay,
                            (a.get("adjusted") or {}).get(m), (a.get("delta_star") or {}).get(m),
                            (a.get("direction") or {}).get(m), (a.get("exposure") or {}).get(m), tr.get(m)))
        bs = self.get("bilateral_sum")
        if bs:
            for m, pay in (bs.get("payoffs") or {}).items():
                out.append(("bilateral_sum", "sum", None, bs.get("welfare"), m, pay,
                            (bs.get("adjusted") or {}).get(m), None, None, None, None))
        return out

    def _repr_html_(self):
        return html_table(self.COLUMNS, self.rows(), "comparison")
