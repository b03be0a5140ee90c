"""A network's loss landscape on a plane through θ space, and the runs' paths projected on it (Li et al. 2018).

A plane is θ(a, b) = origin + a·d1 + b·d2 (``Plane``). Two ways to choose it:

* ``pca_plane(points, origin)``: the top two principal directions of the rows θᵢ − origin (the runs' kept θ,
  ``NetSnapshot.path``; the origin is θ₀, where every run starts, so each path starts at (0, 0)). The directions
  are the right singular vectors of that matrix, taken about the origin (not about the rows' mean), unit length
  and orthogonal; ``explained`` is the fraction of Σ|θᵢ − origin|² each captures (σₖ²/Σσ²), which a view should
  print on its axes: a plane that holds 60 % of the paths says little about the other 40 %. A path that lies in a
  plane through the origin projects onto it exactly (tests/engine/test_landscape.py).
* ``random_plane(objective, origin, seed)``: two Gaussian directions, filter-normalised: for each layer each
  output unit's incoming weights (a column of W) are scaled to the norm of the same column of the origin θ, so the
  picture does not depend on the layers' scales; biases are not moved (their entries are 0). Li et al. show such
  planes through a minimum; through the start they show what the runs saw first.

What such a picture can and cannot show: the loss along two directions out of D (37,810 for the book's network),
so a valley that looks closed may be open in the others, and the paths' projections can cross where the paths
themselves never meet. The PCA plane is the best two-direction summary of where the runs went; the contours are
the real full-data loss on that plane, but a path's loss is not the contour under its projected point unless the
path lies in the plane (the variance printed on the axes says how nearly it does).

API (pure functions; the heavy one, ``surface``, runs on threads, reports progress and can be cancelled, so a GUI
calls it from a worker thread)::

    plane = pca_plane(points, origin)            # points (n, D): e.g. np.vstack([snap.path(i)[1] for i in runs])
    plane = random_plane(objective, origin, seed=0)
    xy = plane.project(thetas)                   # (n, 2) coordinates of the nearest points of the plane
    plane.point(a, b)                            # θ (D,)
    rect = plane.extent(xy, margin=0.25)         # (amin, amax, bmin, bmax) around projected paths
    xs, ys = grid_axes(rect, 41)
    Z = surface(objective, plane, xs, ys, progress=lambda done, total: ..., cancelled=lambda: False)
                                                 # (ny, nx) full-data losses, Z[j, i] at (xs[i], ys[j]); None if cancelled
                                                 # dtype=np.float32: twice as fast, ~1e-5 relative (a picture)
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import PlaygroundError
from .i18n import translate
from .objectives import grid_axes

__all__ = ["Plane", "pca_plane", "random_plane", "surface", "grid_axes"]


@dataclass(frozen=True)
class Plane:
    """θ(a, b) = origin + a·d1 + b·d2. ``explained``: the PCA plane's variance fractions, None for a random one."""

    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    kind: str  # "pca" | "random"
    explained: tuple[float, float] | None = None

    def point(self, a: float, b: float) -> np.ndarray:
        return self.origin + a * self.d1 + b * self.d2

    def project(self, thetas: np.ndarray) -> np.ndarray:
        """(n, 2): the plane coordinates (a, b) of the point of the plane nearest to each θ (least squares on
        [d1, d2]: for the PCA plane's orthonormal directions, the dot products with them)."""
        T = np.atleast_2d(np.asarray(thetas, dtype=np.float64))
        B = np.vstack([self.d1, self.d2])
        # One θ at a time, always from the same buffer: a BLAS product's last bit can depend on how many rows it
        # is given and on where in memory a row starts, and a point's coordinates must not depend on either.
        buf = _aligned(T.shape[1])
        dots = np.empty((len(T), 2))
        for t, out in zip(T, dots):
            np.subtract(t, self.origin, out=buf)
            np.matmul(B, buf, out=out)
        if self.kind == "pca":  # orthonormal directions: the coordinates are the dot products
            return dots
        # [d1 d2] not orthonormal: solve the 2×2 normal equations per point, elementwise (a LAPACK solve with
        # many right-hand sides may round a column differently with their number)
        a, b, c = float(self.d1 @ self.d1), float(self.d1 @ self.d2), float(self.d2 @ self.d2)
        det = a * c - b * b
        u, v = dots[:, 0], dots[:, 1]
        return np.column_stack([(c * u - b * v) / det, (a * v - b * u) / det])

    @staticmethod
    def extent(xy: np.ndarray, margin: float = 0.25) -> tuple[float, float, float, float]:
        """A rectangle (amin, amax, bmin, bmax) around the points ``xy`` (n, 2) with ``margin`` of their span added
        on every side (at least 1e-3 wide, for paths that barely moved)."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.maximum(hi - lo, max(1e-3, float((hi - lo).max()) * 0.1))
        lo, hi = lo - margin * span, hi + margin * span
        return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def _aligned(n: int) -> np.ndarray:
    """n float64s starting on a 64-byte boundary (numpy only promises 16)."""
    raw = np.empty(n + 8)
    skip = (-raw.ctypes.data % 64) // 8
    return raw[skip:skip + n]


def pca_plane(points: np.ndarray, origin: np.ndarray) -> Plane:
    """The plane through ``origin`` along the top two principal directions of the rows ``points − origin``.

    Signs are fixed so that the rows' mean coordinate along each direction is ≥ 0 (the runs move towards +a, +b).
    When the rows span one direction only, d2 is a unit vector orthogonal to d1 (its explained fraction 0); when
    they are all at the origin there is no plane to fit and a PlaygroundError says so."""
    origin = np.asarray(origin, dtype=np.float64)
    M = np.atleast_2d(np.asarray(points, dtype=np.float64)) - origin
    if M.shape[1] != origin.shape[0]:
        raise PlaygroundError(translate("Landscape", "pca_plane: points of {n} numbers for an origin of {m}").format(
            n=M.shape[1], m=origin.shape[0]))
    if not np.isfinite(M).all():
        raise PlaygroundError(translate("Landscape", "pca_plane: the points must be finite"))
    _, sv, vt = np.linalg.svd(M, full_matrices=False)
    total = float(np.sum(sv * sv))
    if total == 0.0 or sv[0] == 0.0:
        raise PlaygroundError(translate("Landscape", "pca_plane: every point is at the origin: the runs have not moved "
                                                  "yet"))
    d1 = vt[0]
    if len(sv) > 1 and sv[1] > sv[0] * 1e-12:
        d2 = vt[1]
        e2 = float(sv[1] ** 2) / total
    else:  # one direction only: any unit vector orthogonal to d1 (seeded, so the same every time)
        r = np.random.default_rng(0).standard_normal(len(d1))
        r -= (r @ d1) * d1
        d2 = r / np.linalg.norm(r)
        e2 = 0.0
    dirs = []
    for d in (d1, d2):
        d = d if (M @ d).mean() >= 0 else -d
        dirs.append(np.ascontiguousarray(d))
    return Plane(origin.copy(), dirs[0], dirs[1], "pca", (float(sv[0] ** 2) / total, e2))


def random_plane(objective, origin: np.ndarray, seed: int = 0) -> Plane:
    """Two seeded Gaussian directions, filter-normalised against ``origin`` (see the module docstring)."""
    origin = np.asarray(origin, dtype=np.float64)
    rng = np.random.default_rng(seed)
    dirs = []
    for _ in range(2):
        d = np.zeros_like(origin)
        for lay in objective.layers:
            r = rng.standard_normal((lay.fan_in, lay.fan_out))
            w = origin[lay.w0:lay.b0].reshape(lay.fan_in, lay.fan_out)
            scale = np.linalg.norm(w, axis=0) / np.maximum(np.linalg.norm(r, axis=0), 1e-300)
            d[lay.w0:lay.b0] = (r * scale).ravel()
        dirs.append(d)
    return Plane(origin.copy(), dirs[0], dirs[1], "random", None)


def surface(objective, plane: Plane, xs: np.ndarray, ys: np.ndarray, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None, dtype=np.float64) -> np.ndarray | None:
    """Z (ny, nx): the full-data loss at plane.point(xs[i], ys[j]) in Z[j, i]. Rows of the grid are shared out
    to ``workers`` threads (default: netsession.default_workers()) with BLAS single-threaded; ``progress(done,
    total)`` is called on the calling thread as rows finish, ``cancelled()`` asked between rows (True: None).
    ``dtype=np.float32``: each forward pass in single precision, about twice as fast, within ~1e-5 (relative)
    of the float64 surface: enough for a picture, not for numbers to quote."""
    from .netsession import _blas_single, default_workers

    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    f = objective.plane_loss(plane.origin, plane.d1, plane.d2, dtype)
    Z = np.full((len(ys), len(xs)), np.nan)
    stop = [False]

    def row(j: int) -> int:
        if stop[0] or (cancelled is not None and cancelled()):
            stop[0] = True
            return j
        b = float(ys[j])
        Z[j] = [f(float(a), b) for a in xs]
        return j
    n = max(1, workers or default_workers())
    with _blas_single():
        if n == 1:
            for j in range(len(ys)):
                row(j)
                if stop[0]:
                    return None
                if progress is not None:
                    progress(j + 1, len(ys))
        else:
            with ThreadPoolExecutor(n, thread_name_prefix="landscape") as pool:
                for done, _ in enumerate(pool.map(row, range(len(ys))), 1):
                    if progress is not None and not stop[0]:
                        progress(done, len(ys))
            if stop[0]:
                return None
    return Z
