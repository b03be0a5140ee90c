"""Property tests: whatever text arrives, the formula parser returns a Formula or raises FormulaError, nothing else,
and whatever it accepts evaluates (values and gradients) to float64 arrays without raising."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from engine import FormulaError, parse_formula
from engine import formula as F

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GRID = np.linspace(-3.0, 3.0, 7)
GX, GY = np.meshgrid(GRID, GRID)
SPECIAL = np.array([0.0, -0.0, 1e-300, -1e300, 1e308, np.inf, -np.inf, np.nan])
SX, SY = np.meshgrid(SPECIAL, SPECIAL)

# Tokens of the grammar plus near misses: Python syntax, unicode look-alikes, control characters, odd numbers.
TOKENS = [
    "x", "y", "pi", "e", "(", ")", "+", "-", "*", "/", "**", "^", " ", "\t", "\n",
    "0", "1", "2", "9", "0.5", ".5", "1.", "1e3", "1e-3", "1e999", "9" * 40,
    *F.FUNCTIONS, *(f + "(" for f in F.FUNCTIONS),
    "sign(", "_", "__import__", "os", "open", ",", ".", "[", "]", "{", "}", "'", '"', "#", ";", ":", "=", "==",
    "%", "@", "!", "~", "&", "|", "<", ">", "\\", "`", "$", "?", "\x00", "\x0b", "\x1c", "\r\n",
    "²", "ｘ", "−", "\u00a0", "\u2028", "\ud800", "é", "lambda", "if", "else", "for", "in", "not", "inf", "nan",
    "0x1", "1_0", "E", "X",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


def _check(text: object):
    """Parse; on success evaluate on a grid and at special points. Any exception but FormulaError fails the test."""
    try:
        f = parse_formula(text)
    except FormulaError as e:
        msg = str(e)
        assert msg.startswith("Formula error")
        if e.position is not None:
            assert isinstance(text, str) and 0 <= e.position <= len(text)
            assert f"at column {e.position + 1}:" in msg
        return None
    assert isinstance(f, F.Formula)
    for x, y in ((GX, GY), (SX, SY), (np.float64(0.5), np.float64(-2.0))):
        v = f.value(x, y)
        gx, gy = f.grad(x, y)
        for a in (v, gx, gy):
            assert isinstance(a, np.ndarray) or np.ndim(x) == 0  # scalars in, a float64 scalar out
            assert np.asarray(a).dtype == np.float64
            assert np.shape(a) == np.shape(x)
    return f


@FUZZ
@given(st.text())
@example("")
@example("x" * (F.MAX_LENGTH + 1))
@example("(" * 1000)
@example("-" * 499 + "x")
@example("x/" * 199 + "x")
def test_arbitrary_text(text):
    _check(text)


@FUZZ
@given(st.text(alphabet=st.characters(codec="ascii"), min_size=1, max_size=80))
def test_arbitrary_ascii(text):
    _check(text)


@FUZZ
@given(token_soup)
@example("9**9**9")
@example("sin(" * 40 + "x" + ")" * 40)
def test_token_soup(text):
    _check(text)


@settings(FUZZ, max_examples=100)
@given(st.lists(st.sampled_from(TOKENS), min_size=F.MAX_LENGTH // 3, max_size=F.MAX_LENGTH).map("".join))
def test_long_token_soup(text):
    _check(text)


@FUZZ
@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text(max_size=3), max_size=3)))
def test_non_text_is_a_formula_error(value):
    with pytest.raises(FormulaError, match="expected text"):
        parse_formula(value)


# ---- well-formed formulas ----------------------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(0, 99).map(str),
    st.floats(0, 1e3, allow_nan=False).map(lambda v: f"{v:.6g}".replace("+", "")),
    st.sampled_from(["pi", "e", ".5", "1.", "2e0", "1e999"]),
)
atoms = st.one_of(numbers, st.sampled_from(["x", "y"]))


def _compose(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "**", "^"]), children).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}")
    return st.one_of(
        binary,
        children.map(lambda c: f"({c})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(st.sampled_from(F.FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})"),
    )


formulas = st.recursive(atoms, _compose, max_leaves=25)


@FUZZ
@given(formulas)
def test_generated_formulas_parse_and_evaluate(text):
    assume(len(text) <= F.MAX_LENGTH)
    try:
        f = parse_formula(text)
    except FormulaError as e:  # only the size limits may refuse a well-formed formula
        assert "nested too deeply" in str(e) or "too large" in str(e), str(e)
        return
    _check(text)
    assert f.text == text


@FUZZ
@given(st.recursive(atoms.filter(lambda a: a != "1e999"), _compose, max_leaves=10))
def test_canonical_text_parses_back_to_the_same_tree(text):
    try:
        f = parse_formula(text)
        canonical = F.to_text(f.tree)
        again = parse_formula(canonical)
    except FormulaError as e:  # the fully bracketed text nests deeper than the original: only limits may refuse it
        assert "nested too deeply" in str(e) or "too long" in str(e), str(e)
        return
    assert again.tree == f.tree


def _dual(n, var: str, x: float, y: float) -> tuple[float, float]:
    """(value, d value / d var) by forward-mode dual numbers: an implementation independent of formula.derivative."""
    if isinstance(n, F.Num):
        return n.value, 0.0
    if isinstance(n, F.Var):
        return (x if n.name == "x" else y), (1.0 if n.name == var else 0.0)
    if isinstance(n, F.Neg):
        v, d = _dual(n.arg, var, x, y)
        return -v, -d
    assert isinstance(n, F.Bin) and n.op in "+-*^", n
    (a, da), (b, db) = _dual(n.left, var, x, y), _dual(n.right, var, x, y)
    if n.op == "+":
        return a + b, da + db
    if n.op == "-":
        return a - b, da - db
    if n.op == "*":
        return a * b, da * b + a * db
    assert isinstance(n.right, F.Num) and n.right.value in (2.0, 3.0)
    return a**b, b * a ** (b - 1) * da


polynomials = st.recursive(
    st.sampled_from(["0", "1", "2", "x", "y", "x**2", "y^2", "x**3", "(x*y)**2"]),
    lambda c: st.tuples(c, st.sampled_from(["+", "-", "*"]), c).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    | c.map(lambda s: f"-{s}"),
    max_leaves=8,
)
DYADIC = st.sampled_from([-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0])


@FUZZ
@given(polynomials, DYADIC, DYADIC)
def test_symbolic_gradient_is_exact_on_polynomials(text, x0, y0):
    """Small integer polynomials at dyadic points are exact in float64, so the symbolic gradient must equal an
    independent dual-number derivative bit for bit (and the value the dual-number value)."""
    f = parse_formula(text)
    gx, gy = f.grad(np.array([x0]), np.array([y0]))
    vx, dx = _dual(f.tree, "x", x0, y0)
    _, dy = _dual(f.tree, "y", x0, y0)
    assert f.value(np.array([x0]), np.array([y0]))[0] == vx
    assert gx[0] == dx and gy[0] == dy, (text, x0, y0)


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True))
def test_overflowing_formulas_give_values_not_exceptions(x0, y0):
    for text in ("9**9**9 * x", "exp(exp(x)) / y", "x**y**x", "log(x) * sqrt(y)", "tan(pi/2) + 1/y", "abs(x)**1e999"):
        f = parse_formula(text)
        v = f.value(np.array([x0]), np.array([y0]))
        gx, gy = f.grad(np.array([x0]), np.array([y0]))
        assert v.dtype == gx.dtype == gy.dtype == np.float64
