"""briefing_check.py — checks of a briefing page for tests/cli/briefing.sh, printing TAP lines.

    structure PAGE.html NAME          well-formed, self-contained (no script, nothing fetched
                                      from elsewhere), printable, a title
    numbers PAGE.html SOLVE.json NAME the sustainability and burden tables say what the JSON says
    render SHOT.png NAME COLOUR...    a screenshot is not blank and shows each colour (#rrggbb)
    verdict SHOT.png NAME #rrggbb     the verdict box (its left border in that colour) has text
    pages FILE.pdf NAME MIN           a printed PDF of at least MIN A4 pages
    models (PAGE.html SOLVE.json NAME)...  structure and numbers of each, one line per model

Runs under Debian's /usr/bin/python3 (python3-pil for the PNG screenshots)."""
import html.parser
import json
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FETCHING = {"href", "src", "xlink:href", "action", "srcset", "poster", "data"}


def ok(name, *_):
    print("ok - " + name)


def not_ok(name, *why):
    print("not ok - " + name)
    for w in why:
        print("    " + str(w)[:400])


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags = [], [], {}
        self.doctype, self.styles, self.text = None, [], []
        self.tables, self._cell, self._row, self._in = [], None, None, []

    def handle_decl(self, decl):
        self.doctype = decl

    def _attrs(self, tag, attrs):
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (k, tag))
            if k in FETCHING and not v.startswith("#"):
                self.problems.append("<%s %s=%r> loads something" % (tag, k, v))
            if "://" in v and not (k == "xmlns" and v == "http://www.w3.org/2000/svg"):
                self.problems.append("<%s %s=%r> names a URL" % (tag, k, v))
            if k == "style" and ("url(" in v or "@import" in v):
                self.problems.append("style attribute loads something: %r" % v)
        if tag in ("script", "iframe", "object", "embed", "link", "img", "audio", "video", "base", "form"):
            self.problems.append("<%s> element" % tag)

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("")
            self._in.append(True)

    def handle_startendtag(self, tag, attrs):   # <rect .../> in SVG
        self._attrs(tag, attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("td", "th") and self._in:
            self._in.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        self.text.append(data)
        if self._in and self.tables and self.tables[-1] and self.tables[-1][-1]:
            self.tables[-1][-1][-1] += data


def parse(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p


def structure(path, name, quiet=False):
    p = parse(path)
    why = list(p.problems)
    if p.stack:
        why.append("left open: " + " ".join(p.stack))
    if (p.doctype or "").lower() != "doctype html":
        why.append("no <!DOCTYPE html>")
    css = "".join(p.styles)
    if "url(" in css or "@import" in css:
        why.append("the style sheet loads something")
    if "@media print" not in css or "break-before:page" not in css:
        why.append("no print style sheet with page breaks")
    if p.tags.get("h1") != 1 or p.tags.get("title", 0) < 1:
        why.append("wants one <h1> and a <title>")
    raw = open(path, encoding="utf-8").read()
    if "<?xml" in raw:
        why.append("an XML declaration inside the page")
    if quiet:
        return why
    (not_ok if why else ok)(name + ": well-formed and self-contained", *why[:8])
    return p


def cell_num(text):
    return float(text.strip().replace("\u2212", "-"))


def reading(v, scale=1.0):
    """The page's form of a number: four significant digits, noise as 0."""
    if v is None:
        return None
    return float("%.4g" % (0.0 if abs(v) <= 1e-9 * scale else v))


def find_table(p, first_row):
    for t in p.tables:
        if t and [c.strip() for c in t[0]] == first_row:
            return t
    return None


def numbers(path, solve_json, name, quiet=False):
    p = parse(path)
    doc = json.load(open(solve_json))
    why = []
    tables = [t for t in p.tables if t and [c.strip() for c in t[0]] == ["member", "C", "D", "P", "\u03b4*", "patience", "verdict"]]
    agreements = [a for a in doc["agreements"] if a.get("sustainability")]
    if len(tables) != len(agreements):
        why.append("%d sustainability tables for %d agreements" % (len(tables), len(agreements)))
    checked = 0
    for t, a in zip(tables, agreements):
        for row, s in zip(t[1:], a["sustainability"]):
            if row[0].strip() != s["party"]:
                why.append("row %r for %s" % (row[0], s["party"]))
            for cell, key in zip(row[1:6], ["C", "D", "P", "delta_star", "patience"]):
                want = s[key]
                if want is None:
                    if cell.strip() not in ("never", "-"):
                        why.append("%s %s: %r, JSON null" % (s["party"], key, cell))
                elif abs(cell_num(cell) - reading(want)) > 1e-12 * max(1, abs(want)):
                    why.append("%s %s: page %r, JSON %r" % (s["party"], key, cell, want))
                checked += 1
    shares = [a["shares"] for a in doc["agreements"] if a.get("shares")]
    btables = [t for t in p.tables if t and [c.strip() for c in t[0]][:3] == ["member", "actual", "Shapley"]]
    if len(btables) != len(shares):
        why.append("%d burden tables for %d agreements with shares" % (len(btables), len(shares)))
    for t, sh in zip(btables, shares):
        head = [c.strip() for c in t[0]]
        for i, row in enumerate(t[1:]):
            for col, key in (("actual", "actual"), ("Shapley", "shapley"), ("exploitation index", "exploitation")):
                want = sh[key][i]
                got = row[head.index(col)]
                if abs(cell_num(got) - reading(want)) > 1e-12 * max(1, abs(want)):
                    why.append("%s %s: page %r, JSON %r" % (sh["players"][i], key, got, want))
                checked += 1
    if quiet:
        return why if checked else why + ["no number checked"]
    (not_ok if why or not checked else ok)(name + ": %d numbers as in the JSON" % checked, *why[:8])


def load_png(path):
    import numpy
    from PIL import Image
    return numpy.asarray(Image.open(path).convert("RGB")).astype(int)


def mask(a, hexcolour, tol=18):
    h = hexcolour.lstrip("#")
    want = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    return (abs(a - want) <= tol).all(axis=2)


def render(path, name, colours):
    a = load_png(path)
    frac = (a.min(axis=2) < 235).mean()
    why = []
    if frac < 0.02:
        why.append("only %.2f%% of the pixels are not white" % (100 * frac))
    why += ["no pixel of colour %s" % c for c in colours if mask(a, c).sum() < 20]
    (not_ok if why else ok)(name + ": %.1f%% inked" % (100 * frac), *why)


def verdict(path, name, colour):
    """The verdict box has a 6 px left border in the status colour, the only vertical run of
    that colour 5 to 8 px wide: find its rows, then the text right of it must be there."""
    a = load_png(path)
    m = mask(a, colour)
    rows = []
    for y in range(m.shape[0]):
        xs = m[y].nonzero()[0]
        if len(xs) and 5 <= len(xs) <= 8 and xs[-1] - xs[0] == len(xs) - 1:
            rows.append((y, xs[0], xs[-1]))
    # the longest run of consecutive rows with the same border
    best, run = [], []
    for r in rows:
        run = run + [r] if run and r[0] == run[-1][0] + 1 and r[1] == run[-1][1] else [r]
        best = run if len(run) > len(best) else best
    if len(best) < 40:
        not_ok(name + ": verdict box", "no left border of colour %s taller than 40 px" % colour)
        return
    top, bottom, right = best[0][0], best[-1][0], best[0][2]
    box = a[top:bottom + 1, right + 8:a.shape[1] - 40]
    frac = (box.min(axis=2) < 110).mean()
    (ok if frac > 0.01 else not_ok)(name + ": verdict box %d px tall, text on %.1f%% of it" % (bottom - top + 1, 100 * frac))


def models(args):
    for k in range(0, len(args), 3):
        why = structure(args[k], args[k + 2], True) + numbers(args[k], args[k + 1], args[k + 2], True)
        (not_ok if why else ok)(args[k + 2] + ": well-formed, self-contained, numbers as in the JSON", *why[:8])


def pages(path, name, least):
    d = open(path, "rb").read()
    n = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", d))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", d)
    a4 = bool(boxes) and all(abs(float(x) - 595.3) < 2 and abs(float(y) - 841.9) < 2 for x, y in boxes)
    (ok if n >= least and a4 else not_ok)(name + ": %d A4 pages (at least %d)" % (n, least),
                                          "media boxes %r" % boxes[:3])


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "structure":
        structure(args[0], args[1])
    elif what == "numbers":
        numbers(args[0], args[1], args[2])
    elif what == "render":
        render(args[0], args[1], args[2:])
    elif what == "verdict":
        verdict(args[0], args[1], args[2])
    elif what == "models":
        models(args)
    elif what == "pages":
        pages(args[0], args[1], int(args[2]))
