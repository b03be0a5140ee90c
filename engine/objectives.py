"""Loss surfaces over a 2-D parameter θ = (x, y): analytic ones, user formulas and data-defined regressions.

Every objective evaluates many points at once: ``value(P)`` and ``grad(P)`` take P of shape (R, 2). Data-defined
objectives also take a ``batch`` of row indices (None = all rows), which is how batch strategies plug in.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import datasets, formula
from .errors import PlaygroundError
from .i18n import QT_TRANSLATE_NOOP, translate
from .hyperparams import HyperParam, resolve
from .limits import SEED_MAX, SEED_MIN

Bounds = tuple[float, float, float, float]  # xmin, xmax, ymin, ymax


class Objective:
    """Base: subclasses define ``_f(x, y)`` and ``_df(x, y)`` on broadcastable arrays (analytic surfaces)."""

    name = ""
    title = ""
    formula_text = ""  # shown to users
    axis_labels = ("x", "y")
    n_samples = 0  # 0: analytic (exact gradient; batch strategies do not apply)
    log_colors = False  # colour the contour map on a log scale (wide value range)
    is_network = False  # True: θ is a network's D parameters (engine/network.py), raced by a NetSession
    settings: dict = {}

    def __init__(self, bounds: Bounds, start: tuple[float, float], minima=()):
        self.bounds = tuple(float(b) for b in bounds)
        self.start = (float(start[0]), float(start[1]))
        self.minima = tuple((float(a), float(b)) for a, b in minima)

    @property
    def is_data(self) -> bool:
        return self.n_samples > 0

    def value(self, P: np.ndarray, batch: np.ndarray | None = None) -> np.ndarray:
        """Loss at each row of P (shape (R, 2)) -> (R,)."""
        P = np.asarray(P, dtype=np.float64)
        with np.errstate(all="ignore"):
            return self._f(P[..., 0], P[..., 1])

    def grad(self, P: np.ndarray, batch: np.ndarray | None = None) -> np.ndarray:
        """Gradient at each row of P -> (R, 2)."""
        P = np.asarray(P, dtype=np.float64)
        with np.errstate(all="ignore"):
            gx, gy = self._df(P[..., 0], P[..., 1])
        out = np.empty_like(P)  # keeps the caller's layout (the session uses column-major (R, 2))
        out[..., 0] = gx
        out[..., 1] = gy
        return out

    def grid(self, n: int = 200, rect: Bounds | None = None,
             ny: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """xs (n,), ys (ny,), Z (ny, n) with Z[i, j] = f(xs[j], ys[i]) (row-major, as for an image), over ``rect``
        (xmin, xmax, ymin, ymax; default the bounds) with ``ny`` rows (default ``n``)."""
        xs, ys = grid_axes(rect or self.bounds, n, ny)
        with np.errstate(all="ignore"):
            Z = self._grid_values(xs, ys)
        return xs, ys, np.asarray(Z, dtype=np.float64)

    def _grid_values(self, xs, ys):
        return self._f(xs[None, :], ys[:, None]) + np.zeros((len(ys), len(xs)))

    def grid_is_slow(self, n: int = 200) -> bool:
        """True when ``grid(n)`` takes long enough that a GUI should compute it off the event loop."""
        return False

    def grid_job(self, n: int = 200, rect: Bounds | None = None, ny: int | None = None) -> "GridJob":
        """``grid(n, rect, ny)`` computed a piece at a time (see ``GridJob``): for a GUI timer or a worker thread."""
        return GridJob(self, n, rect, ny)

    def _grid_pieces(self, xs, ys):
        """Yield (start, stop, values) filling Z.flat[start:stop], row-major. Surfaces whose cost grows with the
        sample count yield small pieces; everything else is one piece, the same values ``grid`` returns."""
        with np.errstate(all="ignore"):
            Z = np.asarray(self._grid_values(xs, ys), dtype=np.float64)
        yield 0, Z.size, Z.ravel()

    def hessian(self) -> np.ndarray | None:
        """The constant Hessian for quadratic objectives, else None."""
        return None

    def defined_at(self, point) -> bool:
        """True when the loss and its gradient are finite at ``point`` (a start outside log(x)'s domain is not)."""
        P = np.array([point], dtype=np.float64)
        return bool(np.isfinite(self.value(P)).all() and np.isfinite(self.grad(P)).all())

    def nearest_defined_point(self, point, n: int = 200) -> tuple[float, float] | None:
        """The point of the view's n × n grid nearest to ``point`` where the loss and its gradient are finite, or
        None when there is none. Evaluates n² points: for analytic surfaces and formulas."""
        x0, x1, y0, y1 = self.bounds
        X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
        P = np.column_stack([X.ravel(), Y.ravel()])
        ok = np.isfinite(self.value(P)) & np.isfinite(self.grad(P)).all(axis=1)
        if not ok.any():
            return None
        with np.errstate(all="ignore"):
            d = np.hypot(P[:, 0] - point[0], P[:, 1] - point[1])
        d[~ok] = np.inf
        i = int(np.argmin(d))
        return float(P[i, 0]), float(P[i, 1])

    def point_functions(self):
        """``(f, df)`` on one point's Python floats (full data), for the session's few-runs path, or None.

        They are exact replicas of ``_f``/``_df``: the same operations in the same order, + − × ÷ on Python floats
        (numpy's array ``a ** 2`` is ``a * a``), and any other function through the same numpy ufunc called on a
        float (``np.power(y, 3)``, ``np.cos``: the same loop as on an array), never ``math.*`` or ``**``, whose libm
        results differ from numpy's SIMD ones in the last bit. tests/engine/test_fast_paths.py checks them.
        """
        return None

    def _f(self, x, y):
        raise NotImplementedError

    def _df(self, x, y):
        raise NotImplementedError


# ---- analytic surfaces -------------------------------------------------------------------------------------------
# point_functions: + − × ÷ in Python floats; anything else through the very numpy ufunc the array code calls
# (np.power, np.cos, ... on a Python float run the same loop as on an array: bit-identical, unlike math.* or **).

_power = np.power


class Bowl(Objective):
    name, title = "bowl", QT_TRANSLATE_NOOP("Declarations", "Elongated bowl")
    formula_text = "x²/20 + y²"

    def __init__(self):
        super().__init__((-10, 10, -5, 5), (-7, 2), [(0, 0)])

    def _f(self, x, y):
        return x * x / 20.0 + y * y

    def _df(self, x, y):
        return x / 10.0, 2.0 * y

    def hessian(self):
        return np.diag([0.1, 2.0])

    def point_functions(self):
        def f(x, y):
            return x * x / 20.0 + y * y

        def df(x, y):
            return x / 10.0, 2.0 * y
        return f, df


class Rosenbrock(Objective):
    name, title = "rosenbrock", "Rosenbrock"
    log_colors = True

    def __init__(self, a: float = 1.0, b: float = 100.0):
        self.a, self.b = a, b
        self.settings = {"a": a, "b": b}
        self.formula_text = f"({a:g} − x)² + {b:g}(y − x²)²"
        # The classic view, widened when a moves the minimum (a, a²) outside it.
        bounds = (min(-2.0, a - 1.0), max(2.0, a + 1.0), min(-1.0, a * a - 1.0), max(3.0, a * a + 1.0))
        super().__init__(bounds, (-1.5, 2.5), [(a, a * a)])

    def _f(self, x, y):
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def _df(self, x, y):
        r = y - x * x
        return -2.0 * (self.a - x) - 4.0 * self.b * x * r, 2.0 * self.b * r

    def point_functions(self):
        a, b = self.a, self.b
        b4, b2 = 4.0 * b, 2.0 * b

        def f(x, y):
            d, r = a - x, y - x * x
            return d * d + b * (r * r)

        def df(x, y):
            r = y - x * x
            return -2.0 * (a - x) - b4 * x * r, b2 * r
        return f, df


class Beale(Objective):
    name, title = "beale", "Beale"
    formula_text = "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    log_colors = True

    def __init__(self):
        super().__init__((-4.5, 4.5, -4.5, 4.5), (1.0, 1.5), [(3, 0.5)])

    def _f(self, x, y):
        return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2

    def _df(self, x, y):
        t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
        gx = 2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1)
        gy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y**2
        return gx, gy

    def point_functions(self):
        def f(x, y):
            y2, y3 = y * y, float(_power(y, 3))
            t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3
            return t1 * t1 + t2 * t2 + t3 * t3

        def df(x, y):
            y2, y3 = y * y, float(_power(y, 3))
            t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3
            gx = 2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1)
            gy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y2
            return gx, gy
        return f, df


class Himmelblau(Objective):
    name, title = "himmelblau", "Himmelblau"
    formula_text = "(x² + y − 11)² + (x + y² − 7)²"
    log_colors = True

    def __init__(self):
        minima = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
        super().__init__((-5, 5, -5, 5), (0.0, -0.5), minima)

    def _f(self, x, y):
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def _df(self, x, y):
        a, b = x * x + y - 11, x + y * y - 7
        return 4 * x * a + 2 * b, 2 * a + 4 * y * b

    def point_functions(self):
        def f(x, y):
            a, b = x * x + y - 11, x + y * y - 7
            return a * a + b * b
        return f, self._df


class Rastrigin(Objective):
    name, title = "rastrigin", "Rastrigin"
    formula_text = "20 + x² − 10cos 2πx + y² − 10cos 2πy"

    def __init__(self):
        super().__init__((-5.12, 5.12, -5.12, 5.12), (3.2, -2.3), [(0, 0)])

    def _f(self, x, y):
        tau = 2 * math.pi
        return 20 + x * x - 10 * np.cos(tau * x) + y * y - 10 * np.cos(tau * y)

    def _df(self, x, y):
        tau = 2 * math.pi
        return 2 * x + 10 * tau * np.sin(tau * x), 2 * y + 10 * tau * np.sin(tau * y)

    def point_functions(self):
        tau, cos, sin = 2 * math.pi, np.cos, np.sin

        def f(x, y):
            return 20 + x * x - 10 * float(cos(tau * x)) + y * y - 10 * float(cos(tau * y))

        def df(x, y):
            return 2 * x + 10 * tau * float(sin(tau * x)), 2 * y + 10 * tau * float(sin(tau * y))
        return f, df


class Saddle(Objective):
    name, title = "saddle", QT_TRANSLATE_NOOP("Declarations", "Saddle")
    formula_text = QT_TRANSLATE_NOOP("Declarations", "x²/2 + y⁴/4 − y²/2   (saddle at the origin, minima at (0, ±1))")

    def __init__(self):
        super().__init__((-2, 2, -2, 2), (-1.8, 0.001), [(0, 1), (0, -1)])

    def _f(self, x, y):
        return 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y

    def _df(self, x, y):
        return x, y**3 - y

    def point_functions(self):
        def f(x, y):
            return 0.5 * x * x + 0.25 * float(_power(y, 4)) - 0.5 * y * y

        def df(x, y):
            return x, float(_power(y, 3)) - y
        return f, df


class FourWells(Objective):
    name, title = "four_wells", QT_TRANSLATE_NOOP("Declarations", "Four wells (local minima)")
    formula_text = "(x² − 1)² + (y² − 1)² + 0.3x + 0.2y"

    def __init__(self):
        # each coordinate is a tilted double well: 4t³ − 4t + c = 0 has two minima and one maximum
        mx = sorted(r.real for r in np.roots([4, 0, -4, 0.3]))
        my = sorted(r.real for r in np.roots([4, 0, -4, 0.2]))
        minima = [(a, b) for a in (mx[0], mx[2]) for b in (my[0], my[2])]
        minima.sort(key=lambda p: float(self._f(np.float64(p[0]), np.float64(p[1]))))
        super().__init__((-2, 2, -2, 2), (1.6, 1.7), minima)

    def _f(self, x, y):
        return (x * x - 1) ** 2 + (y * y - 1) ** 2 + 0.3 * x + 0.2 * y

    def _df(self, x, y):
        return 4 * x * (x * x - 1) + 0.3, 4 * y * (y * y - 1) + 0.2

    def point_functions(self):
        def f(x, y):
            a, b = x * x - 1, y * y - 1
            return a * a + b * b + 0.3 * x + 0.2 * y
        return f, self._df


class Plateau(Objective):
    name, title = "plateau", QT_TRANSLATE_NOOP("Declarations", "Plateau")
    formula_text = QT_TRANSLATE_NOOP("Declarations", "1 − exp(−(x² + 2y²)/2)   (almost flat far from the minimum)")

    def __init__(self):
        super().__init__((-4, 4, -4, 4), (3.0, 2.5), [(0, 0)])

    def _f(self, x, y):
        return 1.0 - np.exp(-(x * x + 2 * y * y) / 2)

    def _df(self, x, y):
        e = np.exp(-(x * x + 2 * y * y) / 2)
        return x * e, 2 * y * e

    def point_functions(self):
        exp = np.exp

        def f(x, y):
            return 1.0 - float(exp(-(x * x + 2 * y * y) / 2))

        def df(x, y):
            e = float(exp(-(x * x + 2 * y * y) / 2))
            return x * e, 2 * y * e
        return f, df


class FormulaObjective(Objective):
    name, title = "formula", QT_TRANSLATE_NOOP("Declarations", "Formula f(x, y)")

    def __init__(self, expr: str, bounds: Bounds = (-5, 5, -5, 5)):
        self.parsed = formula.parse(expr)
        self.formula_text = expr
        self.settings = {"expr": expr, "bounds": list(bounds)}
        x0, x1, y0, y1 = bounds
        super().__init__(bounds, (x0 + 0.15 * (x1 - x0), y0 + 0.7 * (y1 - y0)), [])

    def _f(self, x, y):
        return self.parsed.value(x, y)

    def _df(self, x, y):
        return self.parsed.grad(x, y)


# ---- data-defined regressions ------------------------------------------------------------------------------------

DATA_LIMIT = 1e150  # |data| beyond this would overflow squares and sums of squares in float64


def _check_scale(x, y, what: str) -> None:
    """Refuse data whose squares overflow, rather than fail later with a misleading "loss is not finite"."""
    for name, v in (("x", x), ("y", y)):
        big = float(np.max(np.abs(v)))
        if big > DATA_LIMIT:
            raise PlaygroundError(translate("Objectives", "{what}: {name} values up to {value} are too large (at most "
                                            "{limit}); rescale the data")
                                  .format(what=what, name=name, value=f"{big:g}", limit=f"{DATA_LIMIT:g}"))


class _DataObjective(Objective):
    """Parameters θ = (w, b) of a 1-feature model; loss is a mean over the rows in ``batch`` (None = all)."""

    axis_labels = ("w", "b")

    def __init__(self, x: np.ndarray, y: np.ndarray, source: str):
        self.x = np.ascontiguousarray(x, dtype=np.float64)
        self.y = np.ascontiguousarray(y, dtype=np.float64)
        self.x.flags.writeable = False
        self.y.flags.writeable = False
        self.n_samples = len(self.x)
        self.source = source
        w, b = self._solution()
        sw = max(3.0, 1.5 * abs(w))
        sb = max(3.0, 1.5 * abs(b))
        best = self._minimum()
        super().__init__((w - sw, w + sw, b - sb, b + sb), (w - 0.8 * sw, b + 0.7 * sb),
                         [best] if best is not None else [])

    def _rows(self, batch):
        if batch is None:
            return self.x, self.y
        return self.x[batch], self.y[batch]

    def _solution(self) -> tuple[float, float]:
        """The centre of the view: the minimiser, or a nearby finite point where there is none."""
        raise NotImplementedError

    def _minimum(self) -> tuple[float, float] | None:
        """The full-data loss's unique minimiser (the ★), or None when it has none."""
        raise NotImplementedError


class LinearRegression(_DataObjective):
    name, title = "linear_regression", QT_TRANSLATE_NOOP("Declarations", "Linear regression (data)")
    formula_text = QT_TRANSLATE_NOOP("Declarations", "mean over rows of (w·x + b − y)²")

    def __init__(self, x, y, source=""):
        # Sufficient statistics: the full-data loss and gradient cost O(1) per point, whatever the sample count.
        n = len(x)
        if n < 2:
            raise PlaygroundError(translate("Objectives", "linear regression needs at least 2 rows of data"))
        _check_scale(x, y, translate("Objectives", "linear regression"))
        self._mx, self._my = float(np.mean(x)), float(np.mean(y))
        self._mxx, self._mxy, self._myy = float(np.mean(x * x)), float(np.mean(x * y)), float(np.mean(y * y))
        super().__init__(x, y, source)

    def _solution(self):
        A = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), *_ = np.linalg.lstsq(A, self.y, rcond=None)
        return float(w), float(b)

    def _minimum(self):
        # Least squares on the design matrix [x, 1]; when every x is the same, every (w, b) on a line fits equally
        # well (rank 1): no single minimum to mark.
        A = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), _res, rank, _sv = np.linalg.lstsq(A, self.y, rcond=None)
        return (float(w), float(b)) if rank == 2 else None

    def hessian(self):
        return 2.0 * np.array([[self._mxx, self._mx], [self._mx, 1.0]])

    def _full(self, w, b):
        return (w * w * self._mxx + 2 * w * b * self._mx + b * b - 2 * w * self._mxy - 2 * b * self._my + self._myy)

    def value(self, P, batch=None):
        P = np.asarray(P, dtype=np.float64)
        w, b = P[..., 0], P[..., 1]
        with np.errstate(all="ignore"):
            if batch is None:
                return np.maximum(self._full(w, b), 0.0)
            xb, yb = self._rows(batch)
            r = w[..., None] * xb + b[..., None] - yb
            return np.mean(r * r, axis=-1)

    def grad(self, P, batch=None):
        P = np.asarray(P, dtype=np.float64)
        w, b = P[..., 0], P[..., 1]
        out = np.empty_like(P)
        with np.errstate(all="ignore"):
            if batch is None:
                out[..., 0] = 2 * (w * self._mxx + b * self._mx - self._mxy)
                out[..., 1] = 2 * (w * self._mx + b - self._my)
            else:
                xb, yb = self._rows(batch)
                r = w[..., None] * xb + b[..., None] - yb
                out[..., 0] = 2 * np.mean(r * xb, axis=-1)
                out[..., 1] = 2 * np.mean(r, axis=-1)
        return out

    def _grid_values(self, xs, ys):
        return np.maximum(self._full(xs[None, :], ys[:, None]), 0.0)

    def point_functions(self):
        mx, my, mxx, mxy = self._mx, self._my, self._mxx, self._mxy
        full = self._full

        def f(w, b):
            v = full(w, b)
            return 0.0 if v < 0.0 else v  # np.maximum(v, 0.0), nan kept

        def df(w, b):
            return 2 * (w * mxx + b * mx - mxy), 2 * (w * mx + b - my)
        return f, df


class LogisticRegression(_DataObjective):
    name, title = "logistic_regression", QT_TRANSLATE_NOOP("Declarations", "Logistic regression (data)")
    formula_text = QT_TRANSLATE_NOOP("Declarations", "mean over rows of −[y log σ(w·x + b) + (1 − y) log(1 − σ(w·x + b))]")
    log_colors = True

    def __init__(self, x, y, source=""):
        if len(x) < 2:
            raise PlaygroundError(translate("Objectives", "logistic regression needs at least 2 rows of data"))
        bad = np.flatnonzero((y != 0) & (y != 1))
        if bad.size:
            raise PlaygroundError(translate("Objectives", "logistic regression labels must be 0 or 1 (row {row} has "
                                            "{value})").format(row=bad[0] + 2, value=f"{y[bad[0]]:g}"))
        _check_scale(x, y, translate("Objectives", "logistic regression"))
        super().__init__(x, y, source)
        self._mx, self._mxy, self._my = (float(np.mean(self.x)), float(np.mean(self.x * self.y)),
                                         float(np.mean(self.y)))

    def grid_is_slow(self, n: int = 200) -> bool:
        return self.n_samples * n * n > 20_000_000  # about 0.1 s or more

    def _solution(self):
        # Newton's method with a tiny ridge, so separable data still gives a finite centre for the view.
        th = np.zeros(2)
        X = np.column_stack([self.x, np.ones_like(self.x)])
        for _ in range(50):
            p = 1 / (1 + np.exp(-(X @ th)))
            g = X.T @ (p - self.y) / len(self.y) + 1e-3 * th
            H = (X * (p * (1 - p))[:, None]).T @ X / len(self.y) + 1e-3 * np.eye(2)
            step = np.linalg.solve(H, g)
            th = th - step
            if np.max(np.abs(step)) < 1e-12:
                break
        return float(th[0]), float(th[1])

    def _minimum(self):
        # The loss has a finite minimiser exactly when the classes overlap along x; if a threshold separates them
        # (even touching), w·x + b can push every σ towards its label forever and the infimum is at infinity. With
        # overlap the loss is strictly convex, so Newton's method with step halving converges to the minimiser.
        pos, neg = self.x[self.y == 1], self.x[self.y == 0]
        if pos.size == 0 or neg.size == 0 or not (pos.max() > neg.min() and neg.max() > pos.min()):
            return None
        X = np.column_stack([self.x, np.ones_like(self.x)])
        n = len(self.y)

        def loss(th):
            z = X @ th
            return float(np.mean(np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - self.y * z))

        th, f = np.zeros(2), loss(np.zeros(2))
        for _ in range(100):
            p = 0.5 * (1.0 + np.tanh(0.5 * (X @ th)))  # σ(z) without overflow
            g = X.T @ (p - self.y) / n
            H = (X * (p * (1 - p))[:, None]).T @ X / n
            try:
                step = np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                return None
            t = 1.0
            while t > 1e-10 and not loss(th - t * step) <= f:
                t *= 0.5
            th, f = th - t * step, loss(th - t * step)
            if np.max(np.abs(t * step)) <= 1e-15 * (1.0 + np.max(np.abs(th))):
                break
        return (float(th[0]), float(th[1])) if np.all(np.isfinite(th)) else None

    def value(self, P, batch=None):
        # mean(softplus(z)) − mean(y·z) with softplus(z) = max(z, 0) + log1p(exp(−|z|)): no overflow for any z, and
        # numpy's vectorised exp/log1p make it ~4x cheaper than logaddexp on large data sets. Over all rows the
        # y·z term comes from the means of x·y and y, so only one pass over the data remains.
        P = np.asarray(P, dtype=np.float64)
        w, b = P[..., 0], P[..., 1]
        xb, yb = self._rows(batch)
        with np.errstate(all="ignore"):
            z = w[..., None] * xb + b[..., None]
            t = np.abs(z)
            np.negative(t, out=t)
            np.exp(t, out=t)
            np.log1p(t, out=t)
            np.maximum(z, 0.0, out=z)
            t += z
            soft = np.mean(t, axis=-1)
            if batch is None:
                return soft - (w * self._mxy + b * self._my)
            return soft - np.mean(yb * (w[..., None] * xb + b[..., None]), axis=-1)

    def grad(self, P, batch=None):
        # σ(z) = (1 + tanh(z/2))/2 never overflows; the means of σ(z)·x and σ(z) come from one tanh pass and a dot
        # product, and those of y·x and y are constants over all rows.
        P = np.asarray(P, dtype=np.float64)
        xb, yb = self._rows(batch)
        if batch is None:
            mx, mxy, my = self._mx, self._mxy, self._my
        else:
            mx, mxy, my = np.mean(xb), np.mean(xb * yb), np.mean(yb)
        out = np.empty_like(P)
        with np.errstate(all="ignore"):
            z = P[..., 0, None] * xb + P[..., 1, None]
            z *= 0.5
            np.tanh(z, out=z)
            n = xb.shape[-1]
            out[..., 0] = 0.5 * (mx + np.einsum("...n,n->...", z, xb) / n) - mxy  # (1, n) @ (n,) is slow here
            out[..., 1] = 0.5 * (1.0 + np.sum(z, axis=-1) / n) - my
        return out

    def _grid_values(self, xs, ys):
        Z = np.empty((len(ys), len(xs)))
        flat = Z.ravel()
        for s, e, v in self._grid_pieces(xs, ys):
            flat[s:e] = v
        return Z

    def _grid_pieces(self, xs, ys):
        """The surface costs O(samples) per point (0.4 s per 100 points at 100,000 rows): pieces of about
        ``GRID_PIECE_ELEMENTS`` point × row terms (~1 ms each). Per point it is mean(softplus(z)) − mean(y·z) with
        z = w·x + b, softplus(z) = max(z, 0) + log1p(exp(−|z|)) through numpy's vectorised exp and log1p: 6x faster
        than ``value``'s logaddexp, and equal to it within a few units in the last place."""
        n = self.n_samples
        W = np.repeat(xs[None, :], len(ys), axis=0).ravel()
        B = np.repeat(ys[:, None], len(xs), axis=1).ravel()
        mxy, my = float(np.mean(self.x * self.y)), float(np.mean(self.y))
        k = max(1, GRID_PIECE_ELEMENTS // n)
        z_buf, t_buf = np.empty((min(k, W.size), n)), np.empty((min(k, W.size), n))
        for s in range(0, W.size, k):
            e = min(s + k, W.size)
            z, t = z_buf[: e - s], t_buf[: e - s]
            with np.errstate(all="ignore"):
                np.multiply(W[s:e, None], self.x, out=z)
                np.add(z, B[s:e, None], out=z)
                np.abs(z, out=t)
                np.negative(t, out=t)
                np.exp(t, out=t)
                np.log1p(t, out=t)
                np.maximum(z, 0.0, out=z)
                np.add(z, t, out=z)
                v = np.mean(z, axis=1) - (W[s:e] * mxy + B[s:e] * my)
            yield s, e, v


GRID_PIECE_ELEMENTS = 1 << 18  # point × row terms per grid piece of a data-defined surface (~1 ms)


def grid_axes(rect: Bounds, n: int, ny: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The x and y sample points of a grid over ``rect`` = (xmin, xmax, ymin, ymax): n and ny (default n) points."""
    x0, x1, y0, y1 = (float(v) for v in rect)
    return np.linspace(x0, x1, int(n)), np.linspace(y0, y1, int(n if ny is None else ny))


class GridJob:
    """``objective.grid(n)`` computed piece by piece, so a GUI never blocks on a large data set's surface.

    ``Z`` starts all nan and fills in row-major order (whole rows first for cheap surfaces: they are one piece).
    Either call ``step(budget)`` from a timer (each call returns once ``budget`` seconds are spent, overshooting by
    at most one piece, ~1 ms), or ``run()`` in a worker thread (numpy releases the GIL in the heavy loops):

        job = objective.grid_job(200)
        while not job.step(0.02):     # on a QTimer tick; show job.Z (nan = not yet computed), job.progress
            ...
        xs, ys, Z = job.xs, job.ys, job.Z

    ``Z`` equals ``objective.grid(n)``'s. One job is meant for one thread at a time.
    """

    def __init__(self, objective: Objective, n: int = 200, rect: Bounds | None = None, ny: int | None = None):
        self.xs, self.ys = grid_axes(rect or objective.bounds, n, ny)
        self.Z = np.full((len(self.ys), len(self.xs)), np.nan)
        self.computed = 0  # points of Z filled so far (Z.flat[:computed])
        self.done = self.Z.size == 0
        self._pieces = objective._grid_pieces(self.xs, self.ys)

    @property
    def progress(self) -> float:
        return 1.0 if self.done else self.computed / self.Z.size

    def step(self, budget: float = 0.02) -> bool:
        """Compute pieces until ``budget`` seconds have passed (at least one piece); True once Z is complete."""
        end = time.perf_counter() + budget
        flat = self.Z.ravel()
        while not self.done:
            piece = next(self._pieces, None)
            if piece is None:
                self.done = True
                break
            s, e, v = piece
            flat[s:e] = v
            self.computed = e
            if time.perf_counter() >= end:
                break
        return self.done

    def run(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Everything at once: (xs, ys, Z) as ``objective.grid(n)`` returns them."""
        while not self.step(3600.0):
            pass
        return self.xs, self.ys, self.Z


# ---- registry ----------------------------------------------------------------------------------------------------

_SAMPLES = HyperParam("samples", 200, 2, datasets.MAX_SAMPLES, integer=True, what=QT_TRANSLATE_NOOP("Declarations", "samples"),
                      help=QT_TRANSLATE_NOOP("Declarations", "Number of synthetic data rows."))
_NOISE = HyperParam("noise", 0.5, 0.0, 100.0, what=QT_TRANSLATE_NOOP("Declarations", "noise"), help=QT_TRANSLATE_NOOP("Declarations", "Standard deviation of the noise added to the data."))
_DATA_SEED = HyperParam("seed", 0, SEED_MIN, SEED_MAX, integer=True, what=QT_TRANSLATE_NOOP("Declarations", "data seed"),
                        help=QT_TRANSLATE_NOOP("Declarations", "Seed of the synthetic data generator."))


@dataclass(frozen=True)
class ObjectiveSpec:
    """How to build one objective from a scene's settings; ``knobs`` are its numeric settings."""

    name: str
    title: str
    kind: str  # "analytic" | "formula" | "data"
    knobs: tuple[HyperParam, ...] = ()
    build: Callable[..., Objective] = field(default=None, repr=False)


def _analytic(cls, knobs=()):
    return ObjectiveSpec(cls.name, cls.title, "analytic", tuple(knobs), cls)


OBJECTIVES: dict[str, ObjectiveSpec] = {
    s.name: s
    for s in (
        _analytic(Bowl),
        _analytic(Rosenbrock, [
            HyperParam("a", 1.0, -10.0, 10.0, symbol="a", what="Rosenbrock a", help=QT_TRANSLATE_NOOP("Declarations", "The minimum is at (a, a²).")),
            HyperParam("b", 100.0, 0.0, 1e4, symbol="b", what="Rosenbrock b",
                       help=QT_TRANSLATE_NOOP("Declarations", "Steepness of the curved valley's walls.")),
        ]),
        _analytic(Beale),
        _analytic(Himmelblau),
        _analytic(Rastrigin),
        _analytic(Saddle),
        _analytic(FourWells),
        _analytic(Plateau),
        ObjectiveSpec("formula", FormulaObjective.title, "formula", (), FormulaObjective),
        ObjectiveSpec("linear_regression", LinearRegression.title, "data", (_SAMPLES, _NOISE, _DATA_SEED),
                      LinearRegression),
        ObjectiveSpec("logistic_regression", LogisticRegression.title, "data", (_SAMPLES, _NOISE, _DATA_SEED),
                      LogisticRegression),
    )
}

_DATA_KEYS = ("csv", "x_column", "y_column")
# Objectives whose parameter is a network's θ (D numbers, engine/network.py), raced by engine/netsession.py: not in
# OBJECTIVES, which lists the 2-D surfaces the window's map and every 2-D tool take.
NETWORK_OBJECTIVES = ("mlp",)


def known_objectives() -> tuple[str, ...]:
    """Every objective name a scene may give."""
    return (*OBJECTIVES, *NETWORK_OBJECTIVES)


def make_objective(settings: dict, base_dir: str | Path | None = None) -> Objective:
    """Build an objective from a scene's ``objective`` dict (``name`` plus that objective's own keys)."""
    if not isinstance(settings, dict):
        raise PlaygroundError(translate("Objectives", "objective: expected an object such as {example}")
                              .format(example='{"name": "bowl"}'))
    settings = dict(settings)
    name = settings.pop("name", None)
    if name in NETWORK_OBJECTIVES:
        from .network import make_mlp  # network.py builds on this module

        return make_mlp(settings, base_dir)
    if not isinstance(name, str) or name not in OBJECTIVES:
        raise PlaygroundError(translate("Objectives", "objective: unknown name {name} (known: {known})")
                              .format(name=repr(name), known=", ".join(known_objectives())))
    spec = OBJECTIVES[name]
    if spec.kind == "analytic":
        knobs = resolve(spec.knobs, settings, f"objective {name!r}")
        return spec.build(**knobs)
    if spec.kind == "formula":
        extra = sorted(set(settings) - {"expr", "bounds"})
        if extra:
            raise PlaygroundError(translate("Objectives", "objective: unknown formula setting {key} (known: {known})")
                                  .format(key=repr(extra[0]), known="expr, bounds"))
        if "expr" not in settings:
            raise PlaygroundError(translate("Objectives", "objective: a formula needs an {key}, e.g. {example}")
                                  .format(key='"expr"', example='"x**2/20 + y**2"'))
        return FormulaObjective(settings["expr"], _bounds(settings.get("bounds", (-5, 5, -5, 5))))
    # data-defined
    if "csv" in settings:
        extra = sorted(set(settings) - set(_DATA_KEYS))
        if extra:
            raise PlaygroundError(translate("Objectives", "objective: unknown setting {key} with a CSV (known: {known})")
                                  .format(key=repr(extra[0]), known=", ".join(_DATA_KEYS)))
        path = settings["csv"]
        if not isinstance(path, str) or not path:
            raise PlaygroundError(translate("Objectives", "objective.csv: expected a file path"))
        xcol, ycol = settings.get("x_column", "x"), settings.get("y_column", "y")
        for key, col in (("x_column", xcol), ("y_column", ycol)):
            if not isinstance(col, str):
                raise PlaygroundError(translate("Objectives", "{key}: expected a column name, got {value}")
                                      .format(key=f"objective.{key}", value=repr(col)))
        full = Path(path) if base_dir is None or Path(path).is_absolute() else Path(base_dir) / path
        x, y = datasets.load_csv(full, xcol, ycol)
        try:
            obj = spec.build(x, y, source=full.name)
        except PlaygroundError as e:  # e.g. labels that are not 0/1: say which file
            raise PlaygroundError(f"{full.name}: {e}") from None
        obj.settings = {"csv": path, "x_column": xcol, "y_column": ycol}
        return obj
    data = settings.pop("data", None)
    knobs = resolve(spec.knobs, settings, f"objective {name!r}")
    data_name, gen = datasets.synthetic(name, data)
    obj = spec.build(*gen(knobs["samples"], knobs["noise"], knobs["seed"]), source="synthetic")
    obj.settings = knobs if data is None else {"data": data_name, **knobs}
    return obj


_FLOAT_MAX = float(np.finfo(np.float64).max)


def _finite_number(v) -> bool:
    # compared, not converted: float(10**400) would raise OverflowError; NaN and ±inf fail the comparison
    return isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= _FLOAT_MAX


def _bounds(b) -> Bounds:
    if not isinstance(b, (list, tuple)) or len(b) != 4 or not all(_finite_number(v) for v in b):
        raise PlaygroundError(translate("Objectives", "objective.bounds: expected four numbers [xmin, xmax, ymin, ymax]"))
    x0, x1, y0, y1 = (float(v) for v in b)
    if not (x0 < x1 and y0 < y1):
        raise PlaygroundError(translate("Objectives", "objective.bounds: need xmin < xmax and ymin < ymax, got {value}")
                              .format(value=list(b)))
    if max(abs(v) for v in (x0, x1, y0, y1)) > 1e6:
        raise PlaygroundError(translate("Objectives", "objective.bounds: values beyond ±1e6"))
    return x0, x1, y0, y1
