"""Formula values and symbolic derivatives: each function of the grammar, powers, precedence, random formulas.

Each derivative is checked two ways: against the chain rule written out here with numpy, and against
central finite differences.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine import make_objective, parse_formula
from engine.formula import FUNCTIONS

# ---- every function: value and chain rule ------------------------------------------------------------------

# func -> (value, derivative) from the textbook, as numpy functions of the inner argument u
CALCULUS = {
    "sin": (np.sin, np.cos),
    "cos": (np.cos, lambda u: -np.sin(u)),
    "tan": (np.tan, lambda u: 1.0 / np.cos(u) ** 2),
    "exp": (np.exp, np.exp),
    "log": (np.log, lambda u: 1.0 / u),
    "sqrt": (np.sqrt, lambda u: 0.5 / np.sqrt(u)),
    "abs": (np.abs, np.sign),
    "tanh": (np.tanh, lambda u: 1.0 / np.cosh(u) ** 2),
    "sinh": (np.sinh, np.cosh),
    "cosh": (np.cosh, np.sinh),
}

# inner arguments u(x, y) with their partial derivatives
INNERS = [
    (
        "0.3*x + 0.7*y*x + 0.2",
        lambda x, y: 0.3 * x + 0.7 * y * x + 0.2,
        lambda x, y: (0.3 + 0.7 * y, 0.7 * x),
    ),
    ("x/y - y/3", lambda x, y: x / y - y / 3, lambda x, y: (1 / y, -x / y**2 - 1 / 3)),
]


def _grid(lo, hi, n=7):
    g = np.linspace(lo, hi, n)
    X, Y = np.meshgrid(g, g + 0.013)  # avoid exact symmetric points
    return X.ravel(), Y.ravel()


def _fd(formula, x, y, h=1e-6):
    fx = (formula.value(x + h, y) - formula.value(x - h, y)) / (2 * h)
    fy = (formula.value(x, y + h) - formula.value(x, y - h)) / (2 * h)
    return fx, fy


def test_calculus_table_covers_every_function():
    assert set(CALCULUS) == set(FUNCTIONS)


@pytest.mark.parametrize("func", list(FUNCTIONS))
@pytest.mark.parametrize("inner", range(len(INNERS)))
def test_function_derivative_chain_rule(func, inner):
    text, u, du = INNERS[inner]
    f = parse_formula(f"{func}({text})")
    x, y = _grid(0.15, 1.0)
    U = u(x, y)
    if func in ("log", "sqrt"):
        keep = U > 0.05
    elif func == "tan":
        keep = np.abs(np.cos(U)) > 0.2
    elif func == "abs":
        keep = np.abs(U) > 1e-3
    else:
        keep = np.ones_like(U, dtype=bool)
    x, y, U = x[keep], y[keep], U[keep]
    assert len(x) >= 20, "the test grid must exercise the function"
    val, dval = CALCULUS[func]
    np.testing.assert_allclose(f.value(x, y), val(U), rtol=1e-14, atol=1e-300)
    ux, uy = du(x, y)
    gx, gy = f.grad(x, y)
    np.testing.assert_allclose(gx, dval(U) * ux, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(gy, dval(U) * uy, rtol=1e-12, atol=1e-14)
    fx, fy = _fd(f, x, y)
    scale = 1 + np.abs(f.value(x, y))
    np.testing.assert_array_less(np.abs(gx - fx), 1e-6 * (np.abs(fx) + scale))
    np.testing.assert_array_less(np.abs(gy - fy), 1e-6 * (np.abs(fy) + scale))


def test_abs_takes_both_signs():
    f = parse_formula("abs(x - 2*y)")
    x = np.array([1.0, 3.0, -1.0])
    y = np.array([1.0, 0.5, 0.25])
    np.testing.assert_array_equal(f.value(x, y), [1.0, 2.0, 1.5])
    gx, gy = f.grad(x, y)
    np.testing.assert_array_equal(gx, [-1.0, 1.0, -1.0])
    np.testing.assert_array_equal(gy, [2.0, -2.0, 2.0])


# ---- powers ------------------------------------------------------------------------------------------------

# text -> (value, d/dx, d/dy) from the textbook, and the region (all x, y or positive only)
POWERS = [
    ("x**y", lambda x, y: x**y, lambda x, y: y * x ** (y - 1), lambda x, y: x**y * np.log(x), "pos"),
    ("x^y", lambda x, y: x**y, lambda x, y: y * x ** (y - 1), lambda x, y: x**y * np.log(x), "pos"),
    ("y**x", lambda x, y: y**x, lambda x, y: y**x * np.log(y), lambda x, y: x * y ** (x - 1), "pos"),
    ("x**x", lambda x, y: x**x, lambda x, y: x**x * (np.log(x) + 1), lambda x, y: 0 * x, "pos"),
    (
        "(x*y)**2.5",
        lambda x, y: (x * y) ** 2.5,
        lambda x, y: 2.5 * (x * y) ** 1.5 * y,
        lambda x, y: 2.5 * (x * y) ** 1.5 * x,
        "pos",
    ),
    ("x**0.5", lambda x, y: np.sqrt(x), lambda x, y: 0.5 / np.sqrt(x), lambda x, y: 0 * x, "pos"),
    ("x**2 * y**3", lambda x, y: x**2 * y**3, lambda x, y: 2 * x * y**3, lambda x, y: 3 * x**2 * y**2, "all"),
    ("x**3", lambda x, y: x**3, lambda x, y: 3 * x**2, lambda x, y: 0 * x, "all"),
    ("x**-2", lambda x, y: x**-2.0, lambda x, y: -2 * x**-3.0, lambda x, y: 0 * x, "all"),
    ("x^-1 + y^1", lambda x, y: 1 / x + y, lambda x, y: -1 / x**2, lambda x, y: 1 + 0 * y, "all"),
    ("x**0", lambda x, y: 1 + 0 * x, lambda x, y: 0 * x, lambda x, y: 0 * x, "all"),
    ("2**x", lambda x, y: 2.0**x, lambda x, y: 2.0**x * math.log(2), lambda x, y: 0 * x, "all"),
    (
        "e**(x*y)",
        lambda x, y: np.exp(x * y),
        lambda x, y: y * np.exp(x * y),
        lambda x, y: x * np.exp(x * y),
        "all",
    ),
    (
        "pi**y",
        lambda x, y: math.pi**y,
        lambda x, y: 0 * x,
        lambda x, y: math.pi**y * math.log(math.pi),
        "all",
    ),
    (
        "x**y**2",
        lambda x, y: x ** (y**2),
        lambda x, y: y**2 * x ** (y**2 - 1),
        lambda x, y: x ** (y**2) * np.log(x) * 2 * y,
        "pos",
    ),
    (
        "(x**2 + 1)**(y/2)",
        lambda x, y: (x**2 + 1) ** (y / 2),
        lambda x, y: (y / 2) * (x**2 + 1) ** (y / 2 - 1) * 2 * x,
        lambda x, y: (x**2 + 1) ** (y / 2) * np.log(x**2 + 1) / 2,
        "all",
    ),
    ("-x**2", lambda x, y: -(x**2), lambda x, y: -2 * x, lambda x, y: 0 * x, "all"),
    ("(-x)**2", lambda x, y: x**2, lambda x, y: 2 * x, lambda x, y: 0 * x, "all"),
    (
        "(y - x)**3",
        lambda x, y: (y - x) ** 3,
        lambda x, y: -3 * (y - x) ** 2,
        lambda x, y: 3 * (y - x) ** 2,
        "all",
    ),
]


@pytest.mark.parametrize("text,val,dx,dy,region", POWERS, ids=[p[0] for p in POWERS])
def test_power_derivatives(text, val, dx, dy, region):
    f = parse_formula(text)
    x, y = _grid(0.2, 2.0) if region == "pos" else _grid(-2.0, 2.0)
    if region == "all":
        keep = (np.abs(x) > 0.1) & (np.abs(y - x) > 1e-9)
        x, y = x[keep], y[keep]
    np.testing.assert_allclose(f.value(x, y), val(x, y), rtol=1e-13)
    gx, gy = f.grad(x, y)
    np.testing.assert_allclose(gx, dx(x, y), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(gy, dy(x, y), rtol=1e-12, atol=1e-13)
    fx, fy = _fd(f, x, y)
    scale = 1 + np.abs(f.value(x, y))
    np.testing.assert_array_less(np.abs(gx - fx), 1e-6 * (np.abs(fx) + scale))
    np.testing.assert_array_less(np.abs(gy - fy), 1e-6 * (np.abs(fy) + scale))


def test_integer_powers_of_negative_bases_have_finite_derivatives():
    """d(u^c) = c u^(c−1) u' needs no log, so a negative base with a constant exponent is fine."""
    f = parse_formula("(x - 3)**3 + y**4")
    gx, gy = f.grad(np.array([1.0]), np.array([-2.0]))
    assert gx[0] == 3 * (1.0 - 3) ** 2 and gy[0] == 4 * (-2.0) ** 3


# ---- grammar semantics -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,want",
    [
        ("-x**2", -9.0),  # ** binds tighter than unary minus on its left
        ("2**3**2", 512.0),  # right-associative
        ("2^3^2", 512.0),
        ("2**-1", 0.5),
        ("x*-y", -6.0),
        ("--x", 3.0),
        ("+x", 3.0),
        ("x - y - 1", -0.0),
        ("x / y / 2", 0.75),
        ("1 + 2*3", 7.0),
        ("(1 + 2)*3", 9.0),
        ("pi", math.pi),
        ("e", math.e),
        ("1e-3*x + .5 + 5.", 5.503),
        ("2.5E+1", 25.0),
        ("  x\t+\ny ", 5.0),
        ("sqrt(abs(-x*y))", math.sqrt(6.0)),
        ("exp(log(x))", 3.0),
        ("cosh(y)**2 - sinh(y)**2", 1.0),
        ("9**9**9", math.inf),
    ],
)
def test_grammar_values(text, want):
    got = float(parse_formula(text).value(np.array([3.0]), np.array([2.0]))[0])
    if math.isinf(want):
        assert got == want
    else:
        assert got == pytest.approx(want, rel=1e-14, abs=1e-14)


def test_formula_objective_uses_the_symbolic_gradient():
    obj = make_objective({"name": "formula", "expr": "x**2/20 + y**2"})
    P = np.array([[-7.0, 2.0], [3.0, -1.5]])
    np.testing.assert_allclose(obj.value(P), P[:, 0] ** 2 / 20 + P[:, 1] ** 2, rtol=1e-15)
    np.testing.assert_allclose(obj.grad(P), np.column_stack([P[:, 0] / 10, 2 * P[:, 1]]), rtol=1e-15)
    # the default start and bounds of a formula
    assert obj.bounds == (-5.0, 5.0, -5.0, 5.0) and obj.start == (-3.5, 2.0)


def test_constant_formula_has_zero_gradient_with_the_right_shape():
    f = parse_formula("pi * e")
    x, y = np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]])
    assert f.value(x, y).shape == (2, 2)
    gx, gy = f.grad(x, y)
    assert gx.shape == gy.shape == (2, 2) and not gx.any() and not gy.any()
    np.testing.assert_allclose(f.value(x, y), np.full((2, 2), math.pi * math.e), rtol=1e-15)


# ---- random formulas from the grammar ----------------------------------------------------------------------


def _num(v: float):
    return (repr(v), lambda x, y: v)


LEAVES = st.one_of(
    st.just(("x", lambda x, y: x)),
    st.just(("y", lambda x, y: y)),
    st.just(("pi", lambda x, y: math.pi)),
    st.just(("e", lambda x, y: math.e)),
    st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 10.0]).map(_num),
)

_NP = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sinh": np.sinh,
    "cosh": np.cosh,
}
_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power, "^": np.power}


def _extend(children):
    def binary(args):
        op, (ta, fa), (tb, fb) = args
        return (f"({ta} {op} {tb})", lambda x, y: _OPS[op](fa(x, y), fb(x, y)))

    def call(args):
        name, (ta, fa) = args
        return (f"{name}({ta})", lambda x, y: _NP[name](fa(x, y)))

    def neg(arg):
        ta, fa = arg
        return (f"(-{ta})", lambda x, y: -fa(x, y))

    def small_power(args):  # the common case: a constant exponent
        (ta, fa), c = args
        return (f"(({ta})**{c!r})", lambda x, y: np.power(fa(x, y), c))

    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/", "**", "^"]), children, children).map(binary),
        st.tuples(st.sampled_from(sorted(_NP)), children).map(call),
        children.map(neg),
        st.tuples(children, st.sampled_from([2.0, 3.0, 0.5, -1.0, 1.5])).map(small_power),
    )


FORMULAS = st.recursive(LEAVES, _extend, max_leaves=8)


def _fd_stable(f, x, y, h):
    """Central differences at h and h/2; returns (estimate, agreement) or None where not finite."""

    def d(step):
        with np.errstate(all="ignore"):
            fx = (f.value(x + step, y) - f.value(x - step, y)) / (2 * step)
            fy = (f.value(x, y + step) - f.value(x, y - step)) / (2 * step)
        return np.array([fx, fy])

    a, b = d(h), d(h / 2)
    return (4 * b - a) / 3, np.abs(a - b)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(FORMULAS, st.integers(0, 2**32 - 1))
def test_property_random_formulas_value_and_gradient(formula, seed):
    text, reference = formula
    f = parse_formula(text)
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-2.5, 2.5, 24), rng.uniform(-2.5, 2.5, 24)
    with np.errstate(all="ignore"):
        want = np.asarray(reference(x, y), dtype=np.float64) + np.zeros_like(x)
    got = f.value(x, y)
    both = np.isfinite(want) & np.isfinite(got)
    # the engine's value is the independent evaluator's wherever either is finite
    assert np.array_equal(np.isfinite(want), np.isfinite(got)), text
    np.testing.assert_allclose(got[both], want[both], rtol=1e-12, atol=1e-300)

    gx, gy = f.grad(x, y)
    G = np.array([gx, gy])
    h = 1e-5 * (1 + np.maximum(np.abs(x), np.abs(y)))
    fd, spread = _fd_stable(f, x, y, h)
    scale = 1 + np.abs(got)
    smooth = (
        np.all(np.isfinite(G), axis=0)
        & np.all(np.isfinite(fd), axis=0)
        & np.isfinite(got)
        & (np.abs(got) < 1e6)
        & np.all(spread <= 1e-4 * (np.abs(fd) + scale), axis=0)
    )
    assume(smooth.any())  # "where finite": formulas that are nowhere smooth on the sample say nothing
    err = np.abs(G - fd)[:, smooth]
    tol = (1e-5 * (np.abs(fd) + scale))[:, smooth]
    assert np.all(err <= tol), (text, x[smooth], y[smooth], G[:, smooth], fd[:, smooth])
