"""Loss surfaces over a 2-D parameter θ = (x, y): analytic ones, user formulas and data-defined regressions.

Every objective evaluates many points at once: ``value(P)`` and ``grad(P)`` take P of shape (R, 2). Data-defined
objectives also take a ``batch`` of row indices (None = all rows), which is how batch strategies plug in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import datasets, formula
from .errors import PlaygroundError
from .hyperparams import HyperParam, resolve

Bounds = tuple[float, float, float, float]  # xmin, xmax, ymin, ymax


class Objective:
    """Base: subclasses define ``_f(x, y)`` and ``_df(x, y)`` on broadcastable arrays (analytic surfaces)."""

    name = ""
    title = ""
    formula_text = ""  # shown to users
    axis_labels = ("x", "y")
    n_samples = 0  # 0: analytic (exact gradient; batch strategies do not apply)
    log_colors = False  # colour the contour map on a log scale (wide value range)
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
        out = np.empty(P.shape, dtype=np.float64)
        out[..., 0] = gx
        out[..., 1] = gy
        return out

    def grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """xs (n,), ys (n,), Z (n, n) with Z[i, j] = f(xs[j], ys[i]) (row-major, as for an image)."""
        x0, x1, y0, y1 = self.bounds
        xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
        with np.errstate(all="ignore"):
            Z = self._grid_values(xs, ys)
        return xs, ys, np.asarray(Z, dtype=np.float64)

    def _grid_values(self, xs, ys):
        return self._f(xs[None, :], ys[:, None]) + np.zeros((len(ys), len(xs)))

    def hessian(self) -> np.ndarray | None:
        """The constant Hessian for quadratic objectives, else None."""
        return None

    def _f(self, x, y):
        raise NotImplementedError

    def _df(self, x, y):
        raise NotImplementedError


# ---- analytic surfaces -------------------------------------------------------------------------------------------

class Bowl(Objective):
    name, title = "bowl", "Elongated bowl"
    formula_text = "x²/20 + y²"

    def __init__(self):
        super().__init__((-10, 10, -5, 5), (-7, 2), [(0, 0)])

    def _f(self, x, y):
        return x * x / 20.0 + y * y

    def _df(self, x, y):
        return x / 10.0, 2.0 * y

    def hessian(self):
        return np.diag([0.1, 2.0])


class Rosenbrock(Objective):
    name, title = "rosenbrock", "Rosenbrock"
    log_colors = True

    def __init__(self, a: float = 1.0, b: float = 100.0):
        self.a, self.b = a, b
        self.settings = {"a": a, "b": b}
        self.formula_text = f"({a:g} − x)² + {b:g}(y − x²)²"
        super().__init__((-2, 2, -1, 3), (-1.5, 2.5), [(a, a * a)])

    def _f(self, x, y):
        return (self.a - x) ** 2 + self.b * (y - x * x) ** 2

    def _df(self, x, y):
        r = y - x * x
        return -2.0 * (self.a - x) - 4.0 * self.b * x * r, 2.0 * self.b * r


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


class Saddle(Objective):
    name, title = "saddle", "Saddle"
    formula_text = "x²/2 + y⁴/4 − y²/2   (saddle at the origin, minima at (0, ±1))"

    def __init__(self):
        super().__init__((-2, 2, -2, 2), (-1.8, 0.001), [(0, 1), (0, -1)])

    def _f(self, x, y):
        return 0.5 * x * x + 0.25 * y**4 - 0.5 * y * y

    def _df(self, x, y):
        return x, y**3 - y


class FourWells(Objective):
    name, title = "four_wells", "Four wells (local minima)"
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


class Plateau(Objective):
    name, title = "plateau", "Plateau"
    formula_text = "1 − exp(−(x² + 2y²)/2)   (almost flat far from the minimum)"

    def __init__(self):
        super().__init__((-4, 4, -4, 4), (3.0, 2.5), [(0, 0)])

    def _f(self, x, y):
        return 1.0 - np.exp(-(x * x + 2 * y * y) / 2)

    def _df(self, x, y):
        e = np.exp(-(x * x + 2 * y * y) / 2)
        return x * e, 2 * y * e


class FormulaObjective(Objective):
    name, title = "formula", "Formula f(x, y)"

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
        super().__init__((w - sw, w + sw, b - sb, b + sb), (w - 0.8 * sw, b + 0.7 * sb), [(w, b)])

    def _rows(self, batch):
        if batch is None:
            return self.x, self.y
        return self.x[batch], self.y[batch]

    def _solution(self) -> tuple[float, float]:
        raise NotImplementedError


class LinearRegression(_DataObjective):
    name, title = "linear_regression", "Linear regression (data)"
    formula_text = "mean over rows of (w·x + b − y)²"

    def __init__(self, x, y, source=""):
        # Sufficient statistics: the full-data loss and gradient cost O(1) per point, whatever the sample count.
        n = len(x)
        if n < 2:
            raise PlaygroundError("linear regression needs at least 2 rows of data")
        self._mx, self._my = float(np.mean(x)), float(np.mean(y))
        self._mxx, self._mxy, self._myy = float(np.mean(x * x)), float(np.mean(x * y)), float(np.mean(y * y))
        super().__init__(x, y, source)

    def _solution(self):
        A = np.column_stack([self.x, np.ones_like(self.x)])
        (w, b), *_ = np.linalg.lstsq(A, self.y, rcond=None)
        return float(w), float(b)

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
        out = np.empty(P.shape)
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


class LogisticRegression(_DataObjective):
    name, title = "logistic_regression", "Logistic regression (data)"
    formula_text = "mean over rows of −[y log σ(w·x + b) + (1 − y) log(1 − σ(w·x + b))]"
    log_colors = True

    def __init__(self, x, y, source=""):
        if len(x) < 2:
            raise PlaygroundError("logistic regression needs at least 2 rows of data")
        bad = np.flatnonzero((y != 0) & (y != 1))
        if bad.size:
            raise PlaygroundError(f"logistic regression labels must be 0 or 1 (row {bad[0] + 2} has {y[bad[0]]:g})")
        super().__init__(x, y, source)

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

    def value(self, P, batch=None):
        P = np.asarray(P, dtype=np.float64)
        xb, yb = self._rows(batch)
        with np.errstate(all="ignore"):
            z = P[..., 0, None] * xb + P[..., 1, None]
            return np.mean(np.logaddexp(0.0, z) - yb * z, axis=-1)

    def grad(self, P, batch=None):
        P = np.asarray(P, dtype=np.float64)
        xb, yb = self._rows(batch)
        out = np.empty(P.shape)
        with np.errstate(all="ignore"):
            z = P[..., 0, None] * xb + P[..., 1, None]
            r = 0.5 * (1.0 + np.tanh(0.5 * z)) - yb  # σ(z) − y, without overflow
            out[..., 0] = np.mean(r * xb, axis=-1)
            out[..., 1] = np.mean(r, axis=-1)
        return out

    def _grid_values(self, xs, ys):
        Z = np.empty((len(ys), len(xs)))
        W = np.broadcast_to(xs[None, :], Z.shape).ravel()
        B = np.broadcast_to(ys[:, None], Z.shape).ravel()
        flat = Z.ravel()
        chunk = max(1, 4_000_000 // self.n_samples)  # bound the temporary (points × rows) array
        for s in range(0, flat.size, chunk):
            flat[s:s + chunk] = self.value(np.column_stack([W[s:s + chunk], B[s:s + chunk]]))
        return flat.reshape(Z.shape)


# ---- registry ----------------------------------------------------------------------------------------------------

_SAMPLES = HyperParam("samples", 200, 2, datasets.MAX_SAMPLES, integer=True, what="samples",
                      help="Number of synthetic data rows.")
_NOISE = HyperParam("noise", 0.5, 0.0, 100.0, what="noise", help="Standard deviation of the noise added to the data.")
_DATA_SEED = HyperParam("seed", 0, 0, 2**32 - 1, integer=True, what="data seed",
                        help="Seed of the synthetic data generator.")


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
            HyperParam("a", 1.0, -10.0, 10.0, symbol="a", what="Rosenbrock a", help="The minimum is at (a, a²)."),
            HyperParam("b", 100.0, 0.0, 1e4, symbol="b", what="Rosenbrock b",
                       help="Steepness of the curved valley's walls."),
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


def make_objective(settings: dict, base_dir: str | Path | None = None) -> Objective:
    """Build an objective from a scene's ``objective`` dict (``name`` plus that objective's own keys)."""
    if not isinstance(settings, dict):
        raise PlaygroundError("objective: expected an object such as {\"name\": \"bowl\"}")
    settings = dict(settings)
    name = settings.pop("name", None)
    if name not in OBJECTIVES:
        raise PlaygroundError(f"objective: unknown name {name!r} (known: {', '.join(OBJECTIVES)})")
    spec = OBJECTIVES[name]
    if spec.kind == "analytic":
        knobs = resolve(spec.knobs, settings, f"objective {name!r}")
        return spec.build(**knobs)
    if spec.kind == "formula":
        extra = sorted(set(settings) - {"expr", "bounds"})
        if extra:
            raise PlaygroundError(f"objective: unknown formula setting {extra[0]!r} (known: expr, bounds)")
        if "expr" not in settings:
            raise PlaygroundError("objective: a formula needs an \"expr\", e.g. \"x**2/20 + y**2\"")
        return FormulaObjective(settings["expr"], _bounds(settings.get("bounds", (-5, 5, -5, 5))))
    # data-defined
    if "csv" in settings:
        extra = sorted(set(settings) - set(_DATA_KEYS))
        if extra:
            raise PlaygroundError(f"objective: unknown setting {extra[0]!r} with a CSV (known: {', '.join(_DATA_KEYS)})")
        path = settings["csv"]
        if not isinstance(path, str) or not path:
            raise PlaygroundError("objective.csv: expected a file path")
        xcol, ycol = settings.get("x_column", "x"), settings.get("y_column", "y")
        for key, col in (("x_column", xcol), ("y_column", ycol)):
            if not isinstance(col, str):
                raise PlaygroundError(f"objective.{key}: expected a column name, got {col!r}")
        full = Path(path) if base_dir is None or Path(path).is_absolute() else Path(base_dir) / path
        x, y = datasets.load_csv(full, xcol, ycol)
        obj = spec.build(x, y, source=full.name)
        obj.settings = {"csv": path, "x_column": xcol, "y_column": ycol}
        return obj
    knobs = resolve(spec.knobs, settings, f"objective {name!r}")
    gen = datasets.synthetic_linear if name == "linear_regression" else datasets.synthetic_logistic
    obj = spec.build(*gen(knobs["samples"], knobs["noise"], knobs["seed"]), source="synthetic")
    obj.settings = knobs
    return obj


def _bounds(b) -> Bounds:
    if (not isinstance(b, (list, tuple)) or len(b) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in b)):
        raise PlaygroundError("objective.bounds: expected four numbers [xmin, xmax, ymin, ymax]")
    x0, x1, y0, y1 = (float(v) for v in b)
    if not (x0 < x1 and y0 < y1):
        raise PlaygroundError(f"objective.bounds: need xmin < xmax and ymin < ymax, got {list(b)}")
    if max(abs(v) for v in (x0, x1, y0, y1)) > 1e6:
        raise PlaygroundError("objective.bounds: values beyond ±1e6")
    return x0, x1, y0, y1
