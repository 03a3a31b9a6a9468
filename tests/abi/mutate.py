"""mutate.py IN.abi OUT.abi CHANGE — a copy of an abidw baseline with one deliberate ABI change,
so that tests/cli/abi.sh can show its checks refuse what they must. CHANGE is one of
  remove:FUNCTION        the function is gone
  retype:STRUCT.FIELD    the field takes the type of the struct's first field
  grow:STRUCT            a field appended at the end
  grow-retype:STRUCT     a field appended, and the last old field given another field's type"""
import sys
import xml.etree.ElementTree as ET

src, dst, change = sys.argv[1:4]
tree = ET.parse(src)
root = tree.getroot()
kind, arg = change.split(":")


def struct(name):
    return next(c for c in root.iter("class-decl") if c.get("name") == name and c.find("data-member") is not None)


if kind == "remove":
    for parent in root.iter():
        for e in list(parent):
            if e.tag in ("elf-symbol", "function-decl") and e.get("name") == arg:
                parent.remove(e)
elif kind == "retype":
    name, field = arg.split(".")
    members = struct(name).findall("data-member")
    first = members[0].find("var-decl").get("type-id")
    next(m for m in members if m.find("var-decl").get("name") == field).find("var-decl").set("type-id", first)
else:
    c = struct(arg)
    members = c.findall("data-member")
    size = int(c.get("size-in-bits"))
    added = ET.SubElement(c, "data-member", {"access": "public", "layout-offset-in-bits": str(size)})
    ET.SubElement(added, "var-decl", {"name": "added", "type-id": members[-1].find("var-decl").get("type-id"),
                                      "visibility": "default"})
    c.set("size-in-bits", str(size + 64))
    # arrays of the struct (through its typedef) grow with it, as the compiler would lay them out
    ids = {c.get("id")} | {t.get("id") for t in root.iter("typedef-decl") if t.get("type-id") == c.get("id")}
    for a in root.iter("array-type-def"):
        if a.get("type-id") in ids:
            count = 1
            for r in a.iter("subrange"):
                count *= int(r.get("length"))
            a.set("size-in-bits", str(count * (size + 64)))
    if kind == "grow-retype":
        last = members[-1].find("var-decl")
        other = next(m.find("var-decl").get("type-id") for m in members
                     if m.find("var-decl").get("type-id") != last.get("type-id"))
        last.set("type-id", other)
tree.write(dst)
