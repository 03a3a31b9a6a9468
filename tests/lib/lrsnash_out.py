"""lrsnash_out.py — reading lrsnash's output, for the suites that compare with it.

lrsnash prints its equilibria in blocks separated by blank lines: lines "1 x_1 .. x_m v"
(a strategy of the first player, then the second player's payoff against it) and lines
"2 y_1 .. y_n u" (the second player's, then the first player's payoff). Every x line of a
block pairs with every y line of it.
"""
from fractions import Fraction


def _blocks(text):
    for block in text.split("\n\n"):
        xs, ys = [], []
        for line in block.splitlines():
            f = line.split()
            if f and f[0] in ("1", "2"):
                (xs if f[0] == "1" else ys).append(([Fraction(t) for t in f[1:-1]], Fraction(f[-1])))
        yield xs, ys


def pairs(text):
    """[(x, y)] of every extreme equilibrium, as lists of Fractions."""
    return [(x, y) for xs, ys in _blocks(text) for x, _ in xs for y, _ in ys]


def equilibria(text):
    """{(x, y, u1, u2)} of every extreme equilibrium as reduced rational strings ("1/3"), the
    form `liaison nash --method all --exact --format json` writes."""
    s = lambda q: str(q)
    return {(tuple(map(s, x)), tuple(map(s, y)), s(u1), s(u2))
            for xs, ys in _blocks(text) for x, u2 in xs for y, u1 in ys}


def strategy_pairs(text):
    """{(x, y)}: equilibria() without the payoffs."""
    return {(x, y) for x, y, _, _ in equilibria(text)}
