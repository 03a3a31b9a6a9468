"""layout.py BASELINE.abi NOW.abi OPTIONS-VERSIONS HEADER — the structs abidiff's suppressions
(tests/abi/may-grow.abignore) leave alone are checked here, since a suppression hides every
change of its type, not only appends. Each such struct must keep its baseline fields as a
prefix: same names, offsets and layouts (resolved through typedefs, qualifiers and arrays down
to base types, so a change inside an embedded struct counts). An options struct that grew
needs a higher LIA_..._OPTIONS_VERSION in HEADER than the baseline had (OPTIONS-VERSIONS,
written by make abi-baseline). Prints one line per problem; exit 1 if any."""
import os
import re
import sys
import xml.etree.ElementTree as ET


class Corpus:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.by_id = {e.get("id"): e for e in root.iter() if e.get("id") and e.tag != "subrange"}
        self.structs = {}
        for c in root.iter("class-decl"):
            if c.find("data-member") is not None:
                self.structs[c.get("name")] = c

    def name(self, tid):
        """A pointee by name only: what it points to is judged on its own."""
        e = self.by_id.get(tid)
        if e is None:
            return "?"
        if e.tag in ("qualified-type-def", "pointer-type-def"):
            return ("const " if e.get("const") == "yes" else "") + self.name(e.get("type-id")) + \
                   ("*" if e.tag == "pointer-type-def" else "")
        return e.get("name") or e.tag

    def layout(self, tid):
        """The layout of a type, resolved down to base types."""
        e = self.by_id.get(tid)
        if e is None:
            return "?"
        if e.tag in ("typedef-decl",):
            return self.layout(e.get("type-id"))
        if e.tag == "qualified-type-def":
            return ("const " if e.get("const") == "yes" else "") + self.layout(e.get("type-id"))
        if e.tag == "pointer-type-def":
            return "pointer to " + self.name(e.get("type-id"))
        if e.tag == "array-type-def":
            return "%s[%s]" % (self.layout(e.get("type-id")), ",".join(s.get("length") for s in e.iter("subrange")))
        if e.tag == "class-decl":
            return "struct %s {%s} %s" % (e.get("name"), "; ".join("%s @%s %s" % f for f in self.fields(e)),
                                          e.get("size-in-bits"))
        if e.tag == "enum-decl":
            return "enum " + e.get("name")
        return "%s %s" % (e.get("name") or e.tag, e.get("size-in-bits", ""))

    def fields(self, c):
        return [(d.find("var-decl").get("name"), d.get("layout-offset-in-bits"),
                 self.layout(d.find("var-decl").get("type-id"))) for d in c.findall("data-member")]


def main(base, now, versions_file, header):
    supp = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "may-grow.abignore")).read()
    may_grow = [re.compile(r) for r in re.findall(r"name_regexp\s*=\s*(\S+)", supp)]
    old, new = Corpus(base), Corpus(now)
    before = dict(l.split() for l in open(versions_file) if l.strip())
    after = dict(re.findall(r"^#define (LIA_[A-Z0-9_]*_OPTIONS_VERSION) (\d+)$", open(header).read(), re.M))
    problems = []
    for name, c in sorted(old.structs.items()):
        if not any(r.match(name) for r in may_grow) or name not in new.structs:
            continue   # abidiff judges every other struct, and removals
        n = new.structs[name]
        was, now_ = old.fields(c), new.fields(n)
        if now_[:len(was)] != was:
            changed = [f[0] for f, g in zip(was, now_) if f != g] or [f[0] for f in was[len(now_):]]
            problems.append("%s: fields before its end changed (%s); only appending is compatible"
                            % (name, ", ".join(changed)))
        elif int(n.get("size-in-bits")) > int(c.get("size-in-bits")) and name.endswith("_options"):
            macro = name.upper() + "_VERSION"
            if int(after.get(macro, 0)) <= int(before.get(macro, 0)):
                problems.append("%s grew from %d to %d bytes but %s is still %s: appended fields need a new "
                                "version (and its entry in the library's table of versions)"
                                % (name, int(c.get("size-in-bits")) // 8, int(n.get("size-in-bits")) // 8, macro,
                                   after.get(macro, "?")))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
