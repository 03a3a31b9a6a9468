"""data -- the example models of the essay (models/*.lia), found wherever the package is.

`make install` copies them into the package (liaison/models/); in a checkout they are the
repository's models/ folder beside python/. Either way the place is found relative to this
file, so a notebook gets the same models whatever its working directory."""
import os

_here = os.path.dirname(os.path.abspath(__file__))


def models_dir():
    """The folder holding the example models."""
    for d in (os.path.join(_here, "models"), os.path.normpath(os.path.join(_here, "..", "..", "models"))):
        if os.path.isfile(os.path.join(d, "ukusa-1946.lia")):
            return d
    raise FileNotFoundError("the example models are neither installed with the package (%s) nor in a checkout "
                            "(%s)" % (os.path.join(_here, "models"), os.path.normpath(os.path.join(_here, "..", "..",
                                                                                                   "models"))))


def model_path(name):
    """The path of an example model: model_path("soe-nkvd-1941.lia") (".lia" may be left out)."""
    if not name.endswith(".lia"):
        name += ".lia"
    path = os.path.join(models_dir(), os.path.basename(name))
    if not os.path.isfile(path):
        have = sorted(f for f in os.listdir(models_dir()) if f.endswith(".lia"))
        raise FileNotFoundError("no example model %r; there are: %s" % (name, ", ".join(have)))
    return path


def models():
    """The names of the example models."""
    return sorted(f for f in os.listdir(models_dir()) if f.endswith(".lia"))
