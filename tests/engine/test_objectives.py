"""Every objective's value and analytic gradient against textbook formulas and central finite differences."""

from __future__ import annotations

import json
import math
import zlib

import numpy as np
import pytest

from engine import OBJECTIVES, PlaygroundError, make_objective
from textbook import ANALYTIC, linreg_grad_rows, linreg_loss_rows, logreg_grad_rows, logreg_loss_rows

FORMULA_EXPR = "x**2/20 + y**2 + sin(x*y) + exp(y/4)*cos(x) - sqrt(x*x + 1)"

# One settings dict per objective (several for those with knobs).
SETTINGS = {
    "bowl": [{}],
    "rosenbrock": [{}, {"a": 2.0, "b": 10.0}, {"a": -0.5, "b": 1.0}],
    "beale": [{}],
    "himmelblau": [{}],
    "rastrigin": [{}],
    "saddle": [{}],
    "four_wells": [{}],
    "plateau": [{}],
    "formula": [{"expr": FORMULA_EXPR}, {"expr": "x**y + y**x", "bounds": [0.2, 3, 0.2, 3]}],
    "linear_regression": [{"samples": 60, "noise": 0.5, "seed": 1}, {"samples": 7, "noise": 3.0, "seed": 9}],
    "logistic_regression": [
        {"samples": 60, "noise": 0.5, "seed": 1},
        {"samples": 9, "noise": 0.0, "seed": 4},
    ],
}


def _all_objectives():
    assert list(SETTINGS) == list(OBJECTIVES), "every objective needs a gradient test"
    for name, variants in SETTINGS.items():
        for s in variants:
            yield pytest.param(name, s, id=f"{name}{s or ''}")


def _points(obj, rng, n=8):
    x0, x1, y0, y1 = obj.bounds
    return np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])


def _richardson_fd(f, p, h):
    """Central differences at h and h/2 combined (error O(h⁴)); f maps a (2,) point to a float."""
    out = np.empty(2)
    for i in range(2):
        e = np.zeros(2)
        e[i] = 1.0

        def d(step, e=e):
            return (f(p + step * e) - f(p - step * e)) / (2 * step)

        out[i] = (4 * d(h / 2) - d(h)) / 3
    return out


def _check_grad(obj, P, batch, rng_label):
    G = obj.grad(P, batch)
    V = obj.value(P, batch)
    assert G.shape == P.shape and V.shape == (len(P),)
    for r, p in enumerate(P):
        h = 1e-4 * max(1.0, float(np.max(np.abs(p))))
        fd = _richardson_fd(lambda q: float(obj.value(q[None, :], batch)[0]), p, h)
        tol = 1e-7 * (1.0 + np.abs(fd)) + 1e-11 * (1.0 + abs(float(V[r])))
        assert np.all(np.abs(G[r] - fd) <= tol), (rng_label, p, G[r], fd)
        # a single point gives the same as the vectorised call
        assert np.array_equal(obj.grad(p[None, :], batch)[0], G[r])
        assert obj.value(p[None, :], batch)[0] == V[r]


@pytest.mark.parametrize("name,settings", list(_all_objectives()))
def test_gradient_matches_finite_differences(name, settings):
    obj = make_objective({"name": name, **settings})
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    P = _points(obj, rng)
    _check_grad(obj, P, None, name)
    if obj.is_data:
        n = obj.n_samples
        for batch in (
            rng.choice(n, size=min(5, n - 1), replace=False),
            np.array([n - 1]),
            np.arange(n)[::-1],
            np.array([0, 0, 2]),
        ):
            _check_grad(obj, P, batch, f"{name} batch {batch}")


@pytest.mark.parametrize("name", list(ANALYTIC))
def test_analytic_values_match_textbook_formulas(name):
    obj = make_objective({"name": name})
    P = _points(obj, np.random.default_rng(3), 50)
    want = ANALYTIC[name](P[:, 0], P[:, 1])
    np.testing.assert_allclose(obj.value(P), want, rtol=1e-13, atol=1e-13)


def test_rosenbrock_knobs_move_the_minimum():
    for a, b in ((1.0, 100.0), (2.0, 10.0), (-0.5, 1.0)):
        obj = make_objective({"name": "rosenbrock", "a": a, "b": b})
        assert obj.minima == ((a, a * a),)
        P = np.array([[a, a * a], [0.3, -0.7]])
        assert obj.value(P)[0] == 0.0 and np.all(obj.grad(P)[0] == 0.0)
        x, y = 0.3, -0.7
        assert obj.value(P)[1] == pytest.approx((a - x) ** 2 + b * (y - x * x) ** 2, rel=1e-15)


@pytest.mark.parametrize("name", list(ANALYTIC))
def test_listed_minima_are_stationary_points(name):
    obj = make_objective({"name": name})
    assert obj.minima
    M = np.array(obj.minima)
    G = obj.grad(M)
    # Himmelblau's three irrational minima are quoted to 6 decimals: |∇f| ≈ |H|·5e-7
    tol = 1e-4 if name == "himmelblau" else 1e-12
    assert np.all(np.abs(G) <= tol), (name, G)
    # each listed minimum is a local minimum: the value grows in every direction nearby
    for m in M:
        f0 = float(obj.value(m[None, :])[0])
        ring = m + 1e-3 * np.column_stack(
            [np.cos(np.linspace(0, 2 * np.pi, 16)), np.sin(np.linspace(0, 2 * np.pi, 16))]
        )
        assert np.all(obj.value(ring) > f0), name


def test_known_minimum_values():
    z = {"bowl": 0.0, "rosenbrock": 0.0, "beale": 0.0, "rastrigin": 0.0, "plateau": 0.0}
    for name, want in z.items():
        obj = make_objective({"name": name})
        assert obj.value(np.array(obj.minima[:1]))[0] == pytest.approx(want, abs=1e-15)
    h = make_objective({"name": "himmelblau"})
    assert np.all(h.value(np.array(h.minima)) < 1e-9)
    s = make_objective({"name": "saddle"})
    np.testing.assert_allclose(s.value(np.array(s.minima)), [-0.25, -0.25], rtol=1e-15)
    # the saddle point itself: zero gradient, not a minimum
    assert np.all(s.grad(np.array([[0.0, 0.0]])) == 0)
    fw = make_objective({"name": "four_wells"})
    vals = fw.value(np.array(fw.minima))
    assert list(vals) == sorted(vals) and len(vals) == 4  # global minimum first


@pytest.mark.parametrize("name,settings", list(_all_objectives()))
def test_grid_is_the_value_on_a_mesh(name, settings):
    obj = make_objective({"name": name, **settings})
    xs, ys, Z = obj.grid(9)
    x0, x1, y0, y1 = obj.bounds
    np.testing.assert_array_equal(xs, np.linspace(x0, x1, 9))
    np.testing.assert_array_equal(ys, np.linspace(y0, y1, 9))
    assert Z.shape == (9, 9)
    for i in range(9):
        for j in range(9):
            want = float(obj.value(np.array([[xs[j], ys[i]]]))[0])
            if math.isfinite(want):
                assert Z[i, j] == pytest.approx(want, rel=1e-12, abs=1e-12), (i, j)
            else:
                assert not math.isfinite(Z[i, j])


@pytest.mark.parametrize("name", ["linear_regression", "logistic_regression"])
def test_data_loss_and_gradient_match_row_by_row_sums(name):
    rows_loss, rows_grad = {
        "linear_regression": (linreg_loss_rows, linreg_grad_rows),
        "logistic_regression": (logreg_loss_rows, logreg_grad_rows),
    }[name]
    obj = make_objective({"name": name, "samples": 40, "noise": 0.7, "seed": 5})
    rng = np.random.default_rng(8)
    xs, ys = obj.x.tolist(), obj.y.tolist()
    P = _points(obj, rng, 6)
    for batch in (None, rng.choice(40, 9, replace=False), np.array([3]), np.array([1, 1, 1, 2])):
        bx = xs if batch is None else [xs[j] for j in batch]
        by = ys if batch is None else [ys[j] for j in batch]
        want_v = [rows_loss(w, b, bx, by) for w, b in P]
        want_g = [rows_grad(w, b, bx, by) for w, b in P]
        # the full-data linear loss uses sufficient statistics (cancellation costs a few digits)
        np.testing.assert_allclose(obj.value(P, batch), want_v, rtol=1e-12 if batch is not None else 1e-10)
        scale = np.max(np.abs(want_g))
        np.testing.assert_allclose(obj.grad(P, batch), want_g, rtol=1e-12, atol=1e-12 * scale)


def test_linear_regression_solution_and_hessian():
    obj = make_objective({"name": "linear_regression", "samples": 80, "noise": 0.4, "seed": 2})
    X = np.column_stack([obj.x, np.ones(80)])
    sol, *_ = np.linalg.lstsq(X, obj.y, rcond=None)
    np.testing.assert_allclose(obj.minima[0], sol, rtol=1e-12)
    np.testing.assert_allclose(obj.grad(sol[None, :])[0], [0, 0], atol=1e-12)
    H = 2.0 * X.T @ X / 80
    np.testing.assert_allclose(obj.hessian(), H, rtol=1e-13)
    # the gradient is affine with that Hessian: ∇f(p + d) − ∇f(p) = H d
    p, d = np.array([0.3, -1.2]), np.array([0.7, 0.25])
    np.testing.assert_allclose(obj.grad((p + d)[None, :])[0] - obj.grad(p[None, :])[0], H @ d, rtol=1e-12)
    # synthetic data: y = 2x − 1 + noise
    assert abs(sol[0] - 2) < 0.2 and abs(sol[1] + 1) < 0.2


def test_linear_regression_minimum_solves_the_normal_equations():
    obj = make_objective({"name": "linear_regression", "samples": 300, "noise": 1.5, "seed": 7})
    x, y = obj.x, obj.y
    # (Σx², Σx; Σx, n)·(w, b) = (Σxy, Σy), sums taken exactly, solved by Cramer's rule
    sxx, sx, sxy, sy, n = (math.fsum(x * x), math.fsum(x), math.fsum(x * y), math.fsum(y), len(x))
    det = sxx * n - sx * sx
    want = ((sxy * n - sx * sy) / det, (sxx * sy - sx * sxy) / det)
    np.testing.assert_allclose(obj.minima, [want], rtol=1e-10)
    gw, gb = linreg_grad_rows(*obj.minima[0], x, y)
    assert math.hypot(gw, gb) <= 1e-10 * math.hypot(*linreg_grad_rows(*obj.start, x, y))


def test_linear_regression_without_a_single_minimum_has_no_star():
    from engine.objectives import LinearRegression

    # every x the same: all (w, b) with w·3 + b = mean(y) fit equally well
    obj = LinearRegression(np.full(5, 3.0), np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    assert obj.minima == ()


@pytest.mark.parametrize("settings", [{"samples": 200, "noise": 0.5, "seed": 0}, {"samples": 50, "noise": 3.0,
                                                                                 "seed": 4},
                                      {"samples": 2000, "noise": 0.0, "seed": 1}])
def test_logistic_regression_minimum_is_where_the_gradient_vanishes(settings):
    obj = make_objective({"name": "logistic_regression", **settings})
    assert len(obj.minima) == 1
    w, b = obj.minima[0]
    g = math.hypot(*logreg_grad_rows(w, b, obj.x, obj.y))  # row by row, in Python floats
    assert g <= 1e-10 * math.hypot(*logreg_grad_rows(*obj.start, obj.x, obj.y))
    f0 = logreg_loss_rows(w, b, obj.x, obj.y)
    for a in np.linspace(0, 2 * np.pi, 8, endpoint=False):
        assert logreg_loss_rows(w + 1e-3 * math.cos(a), b + 1e-3 * math.sin(a), obj.x, obj.y) > f0


@pytest.mark.parametrize("x, y", [
    ([-2.0, -1.0, 1.0, 2.0], [0, 0, 1, 1]),  # a threshold at 0 separates the classes
    ([-2.0, -1.0, 1.0, 2.0], [1, 1, 0, 0]),  # the same, the other way round
    ([-2.0, 0.0, 0.0, 2.0], [0, 0, 1, 1]),  # touching at 0 (quasi-separated)
    ([-2.0, -1.0, 1.0, 2.0], [1, 1, 1, 1]),  # one class only
])
def test_separable_logistic_data_has_its_minimum_at_infinity_so_no_star(x, y):
    from engine.objectives import LogisticRegression

    obj = LogisticRegression(np.array(x), np.array(y, dtype=float))
    assert obj.minima == ()
    assert all(math.isfinite(v) for v in obj.bounds)  # the view still has somewhere to look


def test_bowl_hessian():
    obj = make_objective({"name": "bowl"})
    np.testing.assert_array_equal(obj.hessian(), np.diag([0.1, 2.0]))
    p, d = np.array([-7.0, 2.0]), np.array([0.5, -0.25])
    np.testing.assert_allclose(
        obj.grad((p + d)[None, :])[0] - obj.grad(p[None, :])[0], obj.hessian() @ d, rtol=1e-14
    )
    assert make_objective({"name": "rosenbrock"}).hessian() is None


def test_logistic_loss_is_stable_for_huge_logits():
    """log(1 + e^z) − y z must not overflow to inf for |z| ≫ 700 (the loss is then ≈ |z| or 0)."""
    obj = make_objective({"name": "logistic_regression", "samples": 20, "seed": 3})
    P = np.array([[1e4, 0.0], [-1e4, 0.0], [0.0, 800.0]])
    V, G = obj.value(P), obj.grad(P)
    assert np.all(np.isfinite(V)) and np.all(np.isfinite(G))
    # for b = 800 every row has σ ≈ 1: loss = mean over rows of (1 − y)·(800 + w x) = 800·mean(1 − y)
    assert V[2] == pytest.approx(800 * np.mean(1 - obj.y), rel=1e-12)
    np.testing.assert_allclose(
        G[2], [np.mean((1 - obj.y) * obj.x), np.mean(1 - obj.y)], rtol=1e-12, atol=1e-15
    )


def test_data_arrays_are_read_only():
    obj = make_objective({"name": "linear_regression", "samples": 10})
    with pytest.raises(ValueError):
        obj.x[0] = 1.0
    with pytest.raises(ValueError):
        obj.y[0] = 1.0


def test_synthetic_data_follows_its_documented_recipe():
    obj = make_objective({"name": "linear_regression", "samples": 5, "noise": 0.0, "seed": 7})
    np.testing.assert_allclose(obj.y, 2 * obj.x - 1, rtol=1e-15, atol=1e-15)
    assert np.all((obj.x >= -2) & (obj.x < 2))
    np.testing.assert_allclose(obj.minima[0], (2.0, -1.0), atol=1e-12)
    lg = make_objective({"name": "logistic_regression", "samples": 300, "seed": 7})
    assert set(np.unique(lg.y)) <= {0.0, 1.0}
    assert lg.settings == {"samples": 300, "noise": 0.5, "seed": 7}
    a = make_objective({"name": "linear_regression", "samples": 30, "seed": 11})
    b = make_objective({"name": "linear_regression", "samples": 30, "seed": 11})
    c = make_objective({"name": "linear_regression", "samples": 30, "seed": 12})
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y) and not np.array_equal(a.x, c.x)


def test_make_objective_errors_name_the_setting():
    cases = [
        ({"name": "nope"}, "'nope'"),
        ({}, "None"),
        ({"name": "bowl", "a": 1}, "'a'"),
        ({"name": "rosenbrock", "b": -1}, "Rosenbrock b"),
        ({"name": "rosenbrock", "a": "x"}, "Rosenbrock a"),
        ({"name": "formula"}, "expr"),
        ({"name": "formula", "expr": "x +"}, "Formula error"),
        ({"name": "formula", "expr": "x", "bounds": [1, 0, 0, 1]}, "bounds"),
        ({"name": "formula", "expr": "x", "bounds": [0, 1, 0]}, "bounds"),
        ({"name": "formula", "expr": "x", "zoom": 2}, "'zoom'"),
        ({"name": "linear_regression", "samples": 1}, "samples"),
        ({"name": "linear_regression", "samples": 2.5}, "samples"),
        ({"name": "linear_regression", "noise": -1}, "noise"),
        ({"name": "logistic_regression", "seed": -3}, "data seed"),
        ({"name": "linear_regression", "csv": 3}, "objective.csv"),
        ({"name": "linear_regression", "csv": "a.csv", "samples": 3}, "'samples'"),
        ({"name": "linear_regression", "csv": "a.csv", "x_column": 1}, "x_column"),
    ]
    for settings, needle in cases:
        with pytest.raises(PlaygroundError) as e:
            make_objective(settings)
        assert needle in str(e.value), (settings, str(e.value))
    with pytest.raises(PlaygroundError, match="expected an object"):
        make_objective("bowl")


def test_a_start_outside_a_formulas_domain_is_found_and_the_nearest_defined_grid_point_offered():
    obj = make_objective({"name": "formula", "expr": "log(x)"})
    assert obj.start == (-3.5, 2.0) and not obj.defined_at(obj.start)
    x, y = obj.nearest_defined_point(obj.start)
    xs = np.linspace(-5, 5, 200)
    assert x == xs[100] and x > 0  # the first grid column right of x = 0
    assert y == min(np.linspace(-5, 5, 200), key=lambda v: abs(v - 2.0))
    assert obj.defined_at((x, y))
    # sqrt: finite at x = 0 but its gradient is not, so the grid point must have x > 0 too
    obj = make_objective({"name": "formula", "expr": "sqrt(x) + y**2", "bounds": [-2, 2, -2, 2]})
    assert not obj.defined_at((0.0, 1.0)) and obj.nearest_defined_point((-1.0, 1.0))[0] > 0
    # nowhere defined
    obj = make_objective({"name": "formula", "expr": "log(-abs(x) - 1)"})
    assert obj.nearest_defined_point(obj.start) is None
    assert make_objective({"name": "bowl"}).defined_at((-7, 2))


# ---- synthetic data sets ---------------------------------------------------------------------------------------

def test_the_outliers_data_set_is_the_line_with_every_third_row_right_of_0_8_lifted():
    from engine import datasets

    x, y = datasets.synthetic_linear(300, 0.5, 4)
    xo, yo = datasets.synthetic_outliers(300, 0.5, 4)
    assert np.array_equal(x, xo)
    moved = np.flatnonzero(yo != y)
    assert moved.tolist() == np.flatnonzero(x > 0.8)[::3].tolist()
    assert np.all((yo[moved] - y[moved] >= 5.0) & (yo[moved] - y[moved] <= 9.0))
    # squared error: the few lifted rows tilt the least-squares line up
    clean = make_objective({"name": "linear_regression", "samples": 300, "seed": 4})
    dirty = make_objective({"name": "linear_regression", "samples": 300, "seed": 4, "data": "outliers"})
    assert dirty.minima[0][0] > clean.minima[0][0] + 0.3


def test_the_overlap_data_set_has_two_gaussian_classes_and_a_finite_fit():
    from engine import datasets

    x, label = datasets.synthetic_overlap(4000, 0.2, 9)
    assert set(np.unique(label)) == {0.0, 1.0}
    for c, mean in ((0.0, -1.0), (1.0, 1.0)):
        xc = x[label == c]
        assert abs(xc.mean() - mean) < 0.06 and abs(xc.std() - 0.8) < 0.05
    obj = make_objective({"name": "logistic_regression", "samples": 4000, "seed": 9, "noise": 0.2,
                          "data": "overlap"})
    assert obj.minima  # the classes overlap: the maximum-likelihood fit is finite


def test_a_synthetic_data_set_round_trips_through_a_scene_and_bad_names_are_refused():
    from engine import loads_scene

    scene = loads_scene(json.dumps({"version": 1, "objective": {"name": "logistic_regression", "data": "overlap"},
                                    "optimizers": [{"type": "sgd", "lr": 0.1}]}))
    assert scene.to_dict()["objective"]["data"] == "overlap"
    with pytest.raises(PlaygroundError, match="unknown synthetic data set 'spirals'.*known: line, outliers"):
        make_objective({"name": "linear_regression", "data": "spirals"})
    with pytest.raises(PlaygroundError, match="unknown synthetic data set"):
        make_objective({"name": "logistic_regression", "data": 3})
