"""Planes through θ space (engine/landscape.py): a path inside a plane projects exactly, the PCA directions and
their explained variance against numpy's eigen-decomposition, filter normalisation, and the surface's values."""

from __future__ import annotations

import numpy as np
import pytest

from engine import BatchConfig, PlaygroundError, RunSpec
from engine.landscape import Plane, grid_axes, pca_plane, random_plane, surface
from engine.netsession import NetSession
from engine.network import MLP


def net(hidden=(6, 4)):
    rng = np.random.default_rng(0)
    return MLP(rng.standard_normal((30, 5)), rng.integers(0, 3, 30), hidden, "relu", "he", 2)


def test_a_path_inside_a_plane_projects_exactly():
    rng = np.random.default_rng(1)
    D = 500
    origin = rng.standard_normal(D)
    u, v = rng.standard_normal((2, D))  # any two directions, not orthogonal, not unit
    coords = np.cumsum(rng.standard_normal((60, 2)), axis=0)  # a wandering path in (a, b)
    path = origin + coords[:, :1] * u + coords[:, 1:] * v
    plane = pca_plane(path, origin)
    assert plane.kind == "pca" and sum(plane.explained) == pytest.approx(1.0, abs=1e-12)
    xy = plane.project(path)
    back = origin + xy[:, :1] * plane.d1 + xy[:, 1:] * plane.d2
    assert np.allclose(back, path, rtol=0, atol=1e-10 * np.abs(path).max())
    # distances within the plane are kept: the projection is an isometry of the path
    dist = np.linalg.norm(path[:, None] - path[None], axis=2)
    assert np.allclose(np.linalg.norm(xy[:, None] - xy[None], axis=2), dist, rtol=1e-10, atol=1e-9)
    assert np.allclose(plane.project(origin), 0.0, atol=1e-12)


def test_pca_directions_and_explained_variance_against_the_eigenvectors():
    rng = np.random.default_rng(2)
    origin = rng.standard_normal(40)
    pts = origin + rng.standard_normal((25, 40)) * np.linspace(3, 0.1, 40)
    plane = pca_plane(pts, origin)
    M = pts - origin
    w, V = np.linalg.eigh(M.T @ M)  # about the origin, not the mean
    order = np.argsort(w)[::-1]
    for d, j in zip((plane.d1, plane.d2), order[:2]):
        assert abs(abs(d @ V[:, j]) - 1.0) < 1e-9 and np.linalg.norm(d) == pytest.approx(1.0, rel=1e-14)
        assert (M @ d).mean() >= 0  # signs: the points lie towards +
    assert plane.d1 @ plane.d2 == pytest.approx(0.0, abs=1e-12)
    assert plane.explained == pytest.approx((w[order[0]] / w.sum(), w[order[1]] / w.sum()), rel=1e-9)
    # the projection is the dot product with the orthonormal directions
    assert np.allclose(plane.project(pts), np.column_stack([M @ plane.d1, M @ plane.d2]), rtol=1e-12, atol=1e-12)


def test_degenerate_paths():
    origin = np.zeros(10)
    line = np.outer(np.arange(1, 6), np.arange(10.0))
    plane = pca_plane(line, origin)
    assert plane.explained[0] == pytest.approx(1.0) and plane.explained[1] == 0.0
    assert plane.d1 @ plane.d2 == pytest.approx(0.0, abs=1e-12) and np.linalg.norm(plane.d2) == pytest.approx(1.0)
    with pytest.raises(PlaygroundError, match="every point is at the origin"):
        pca_plane(np.zeros((3, 10)), origin)


def test_random_plane_is_filter_normalised_and_leaves_biases_alone():
    obj = net()
    a, b = random_plane(obj, obj.theta0, seed=4), random_plane(obj, obj.theta0, seed=4)
    assert np.array_equal(a.d1, b.d1) and not np.array_equal(a.d1, random_plane(obj, obj.theta0, 5).d1)
    for d in (a.d1, a.d2):
        for lay in obj.layers:
            W = obj.theta0[lay.w0:lay.b0].reshape(lay.fan_in, lay.fan_out)
            R = d[lay.w0:lay.b0].reshape(lay.fan_in, lay.fan_out)
            assert np.allclose(np.linalg.norm(R, axis=0), np.linalg.norm(W, axis=0), rtol=1e-12)
            assert np.all(d[lay.b0:lay.end] == 0.0)
    assert a.explained is None and a.kind == "random"
    xy = a.project(a.point(0.3, -1.2))  # not orthogonal: least squares still recovers plane points
    assert np.allclose(xy, [[0.3, -1.2]], rtol=1e-9)


def test_surface_is_the_full_data_loss_on_the_plane_and_threads_change_nothing():
    obj = net()
    runs = [RunSpec("sgd", "s", {"lr": 0.2}), RunSpec("adam", "a", {"lr": 0.02})]
    snap = NetSession(obj, runs, BatchConfig("minibatch", 6), every=5).step(40)
    plane = pca_plane(np.vstack([snap.path(i)[1] for i in range(2)]), obj.theta0)
    xy = np.vstack([plane.project(snap.path(i)[1]) for i in range(2)])
    xs, ys = grid_axes(Plane.extent(xy), 7, 5)
    seen = []
    Z = surface(obj, plane, xs, ys, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert Z.shape == (5, 7) and seen[-1] == (5, 5) and [d for d, _ in seen] == [1, 2, 3, 4, 5]
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            assert Z[j, i] == pytest.approx(obj.value(plane.point(x, y)[None])[0], rel=1e-12)
    assert np.array_equal(surface(obj, plane, xs, ys, workers=1), Z)
    quick = surface(obj, plane, xs, ys, dtype=np.float32)
    assert quick.dtype == np.float64 and np.allclose(quick, Z, rtol=1e-5, atol=0) and not np.array_equal(quick, Z)
    assert surface(obj, plane, xs, ys, workers=2, cancelled=lambda: True) is None
    x0, x1, y0, y1 = Plane.extent(xy)
    assert x0 < xy[:, 0].min() and x1 > xy[:, 0].max() and y0 < xy[:, 1].min() and y1 > xy[:, 1].max()
