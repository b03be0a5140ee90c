"""The contour view's surface: colours and level curves checked against the surface itself, the colour map covering
whatever part of the plane is visible (window, pan/zoom, exports), and surfaces near the float limit drawn without
a single numpy warning."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pyqtgraph as pg
import pytest

from engine import OBJECTIVES, make_objective, scene_from_dict
from gui.export import build_figure, render_png
from gui.plots import MIN_VIEW_CELLS, compute_contour
from gui_helpers import image_covers_view

FORMULA = {"name": "formula", "expr": "sin(x)*cos(y) + (x**2 + y**2)/20"}
ALL_SETTINGS = [{"name": name} for name, spec in OBJECTIVES.items() if spec.kind != "formula"] + [FORMULA]
HOSTILE = ["1e308*x*y", "-1e308*x", "exp(x*1000)", "1/(x*y)", "log(x)", "5", "x*1e-320", "-exp(exp(x))"]


def _ids(settings):
    return settings.get("expr", settings["name"])


# ---- numbers, against the surface itself ------------------------------------------------------------------------

def test_bowl_colours_are_the_surface_normalised_over_its_bounds():
    obj = make_objective({"name": "bowl"})
    data = compute_contour(obj)
    x, y, w, h = data.rect
    ny, nx = data.image.shape
    X, Y = np.meshgrid(np.linspace(x, x + w, nx), np.linspace(y, y + h, ny))
    Z = X * X / 20 + Y * Y  # x²/20 + y², written out
    x0, x1, y0, y1 = obj.bounds
    inside = (X >= x0) & (X <= x1) & (Y >= y0) & (Y <= y1)
    lo, hi = Z[inside].min(), np.quantile(Z[inside], 0.995)
    np.testing.assert_allclose(data.image, np.clip((Z - lo) / (hi - lo), 0, 1), rtol=0, atol=1e-12)
    assert data.z_min == pytest.approx(lo, abs=0)


@pytest.mark.parametrize("name", ["bowl", "rosenbrock", "himmelblau", "saddle", "linear_regression"])
def test_level_curves_and_labels_lie_on_the_surface_at_their_values(name):
    obj = make_objective({"name": name})
    data = compute_contour(obj)
    assert len(data.curves) >= 8 and data.labels
    span = data.scale.value(1.0) - data.z_min
    for lev, (cx, cy) in zip(data.levels, data.curves):
        ok = np.isfinite(cx)
        assert np.isnan(cx[-1]) and np.isnan(cy[-1])  # each level ends with a break: levels never join up
        f = obj.value(np.column_stack([cx[ok], cy[ok]]))
        # the true surface along the curve is at the level, to within linear interpolation on the grid: 1 % of
        # the colour range (in log10 units on log scales)
        assert np.max(np.abs(data.scale.unit(f) - lev)) <= 0.01, (name, lev)
        if not data.scale.log:
            assert np.max(np.abs(f - data.scale.value(lev))) <= 0.01 * span
    for lx, ly, text in data.labels:
        f = float(obj.value(np.array([[lx, ly]]))[0])
        assert float(text) == pytest.approx(f, rel=0.03, abs=2e-3 * span)


def test_colours_do_not_depend_on_the_grid_they_are_drawn_on():
    obj = make_objective({"name": "rosenbrock"})
    base = compute_contour(obj)
    far = compute_contour(obj, rect=(-30.0, -10.0, 5.0, 25.0), scale=base.scale, label_rect=(-30.0, -10.0, 5.0, 25.0))
    assert far.scale is base.scale and far.levels == base.levels
    x, y, w, h = far.rect
    assert (x, x + w, y, y + h) == (-30.0, -10.0, 5.0, 25.0)
    # the same value gets the same colour on both grids: the colour of f at a far point is computed from the scale
    # fixed on the bounds, so it saturates (f ≥ 10⁵ there, far above the bounds' 99.5th percentile)
    assert np.all(far.image == 1.0)


# ---- float-limit surfaces never warn ---------------------------------------------------------------------------

@pytest.mark.parametrize("expr", HOSTILE)
def test_surfaces_near_the_float_limit_are_computed_and_drawn_without_numpy_warnings(make_window, qtbot, expr):
    w = make_window()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute_contour(make_objective({"name": "formula", "expr": expr}))
        assert np.all(np.isfinite(data.image)) and data.image.min() >= 0 and data.image.max() <= 1
        assert all(np.all(np.isfinite(c[0][:-1]) | np.isnan(c[0][:-1])) for c in data.curves)
        assert all(math.isfinite(float(t)) for _x, _y, t in data.labels)
        # a start where the loss is finite (the default one is not, for some): the scene loads and the race can run
        scene = scene_from_dict({"version": 1, "objective": {"name": "formula", "expr": expr}, "start": [0.1, 0.1],
                                 "optimizers": [{"type": "sgd", "lr": 1e-3}]})
        assert w.c.load_scene(scene)
        assert w.contour.objective.formula_text == expr
        w.contour_widget.grab()  # paints the image, level curves and labels now
        w.contour.plot.vb.setRange(xRange=(-40, 40), yRange=(-40, 40), padding=0)  # far past the bounds
        qtbot.waitUntil(lambda: image_covers_view(w.contour.plot, w.contour.image), timeout=5000)
        w.contour_widget.grab()
        fig = w.build_export_figure("both")
        render_png(fig, 600)
    fig.deleteLater()  # as export_png does: Qt deletes it, not the garbage collector
    assert w._error_box is None or not w._error_box.isVisible()


def test_a_surface_undefined_everywhere_is_one_colour_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute_contour(make_objective({"name": "formula", "expr": "log(-1 - x*x)"}))
    assert np.all(data.image == 0.0) and data.curves == () and data.labels == ()


# ---- the colour map covers the view ------------------------------------------------------------------------------

@pytest.mark.parametrize("settings", ALL_SETTINGS, ids=_ids)
def test_the_colour_map_covers_the_view_of_every_surface(make_window, qtbot, settings):
    w = make_window()
    assert w.c.set_objective(settings)
    qtbot.waitUntil(lambda: w.contour_data is not None, timeout=60_000)
    qtbot.wait(10)
    assert image_covers_view(w.contour.plot, w.contour.image)


def test_panning_and_zooming_out_recomputes_the_surface_for_the_view(window, qtbot):
    c, plot = window.contour, window.contour.plot
    base = window.contour_data
    x0, x1, y0, y1 = window.c.objective.bounds
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    plot.vb.setRange(xRange=(cx - 1.5 * w, cx + 1.5 * w), yRange=(cy - 1.5 * h, cy + 1.5 * h), padding=0)
    assert not image_covers_view(plot, c.image)  # white around the first grid until the debounce fires
    qtbot.waitUntil(lambda: image_covers_view(plot, c.image), timeout=3000)
    assert c.data is not base and c.data.scale is base.scale  # colours and levels stay those of the bounds
    assert window.contour_data is base  # exports still draw the first grid, which covers the reset view
    # panning far away
    plot.vb.setRange(xRange=(100 * w, 103 * w), yRange=(-50 * h, -47 * h), padding=0)
    qtbot.waitUntil(lambda: image_covers_view(plot, c.image), timeout=3000)
    # zooming far in: a finer grid for the small view
    plot.vb.setRange(xRange=(cx, cx + w / 100), yRange=(cy, cy + h / 100), padding=0)
    qtbot.waitUntil(lambda: not c.needs_surface(), timeout=3000)
    cell = c.data.rect[2] / (c.data.image.shape[1] - 1)
    (vx0, vx1), _ = plot.vb.viewRange()
    assert (vx1 - vx0) / cell >= MIN_VIEW_CELLS and image_covers_view(plot, c.image)
    # Home: back to the bounds, and to the first grid (nothing computed)
    window.act_view.trigger()
    qtbot.waitUntil(lambda: c.data is base, timeout=3000)
    assert image_covers_view(plot, c.image)


def test_a_slow_surface_is_recomputed_for_the_view_in_the_background(make_window, qtbot):
    w = make_window()
    assert w.c.set_objective({"name": "logistic_regression", "samples": 3000})
    qtbot.waitUntil(lambda: w.contour_data is not None, timeout=60_000)
    x0, x1, y0, y1 = w.c.objective.bounds
    plot = w.contour.plot
    plot.vb.setRange(xRange=(x0 - 2 * (x1 - x0), x1), yRange=(y0, y1 + 2 * (y1 - y0)), padding=0)
    qtbot.waitUntil(lambda: w._view_worker is not None, timeout=3000)
    w.c.step(3)  # the window goes on while it computes
    assert w.c.snapshot.step == 3
    qtbot.waitUntil(lambda: image_covers_view(plot, w.contour.image), timeout=60_000)
    assert w.contour.data.scale is w.contour_data.scale


def _exported_contour(win: pg.GraphicsLayoutWidget) -> pg.PlotItem:
    return next(item for item in win.ci.items if isinstance(item, pg.PlotItem) and
                any(isinstance(i, pg.ImageItem) for i in item.items))


@pytest.mark.parametrize("settings", [{"name": "bowl"}, {"name": "rosenbrock"}, FORMULA,
                                      {"name": "formula", "expr": "x**2 + 50*y**2", "bounds": [-100, 100, -1, 1]},
                                      {"name": "formula", "expr": "x - y", "bounds": [-0.5, 0.5, -20, 20]},
                                      {"name": "logistic_regression"}, {"name": "linear_regression"}],
                         ids=lambda st: _ids(st) + str(st.get("bounds", "")))
@pytest.mark.parametrize("view", ["both", "contour"])
def test_an_exported_contour_map_covers_its_view(make_window, qtbot, settings, view):
    w = make_window()
    assert w.c.set_objective(settings)
    qtbot.waitUntil(lambda: w.contour_data is not None, timeout=60_000)
    w.contour.plot.vb.setRange(xRange=(50, 51), yRange=(50, 51))  # what the window shows is not what is exported
    win = w.build_export_figure(view)
    render_png(win, 1200)  # lays the figure out as it is exported
    plot = _exported_contour(win)
    image = next(i for i in plot.items if isinstance(i, pg.ImageItem))
    x0, x1, y0, y1 = w.c.objective.bounds
    (vx0, vx1), (vy0, vy1) = plot.vb.viewRange()
    assert vx0 <= x0 + 1e-9 and vx1 >= x1 - 1e-9 and vy0 <= y0 + 1e-9 and vy1 >= y1 - 1e-9  # the bounds show
    assert image_covers_view(plot, image)
    win.deleteLater()


def test_the_headless_export_covers_its_view():
    obj = make_objective({"name": "rosenbrock"})
    win = build_figure(obj, compute_contour(obj), None, None, "t", "both",
                       decorate=lambda c, _l: (c.plot.setAspectLocked(True), c.reset_view()))
    render_png(win, 800)
    plot = _exported_contour(win)
    assert image_covers_view(plot, next(i for i in plot.items if isinstance(i, pg.ImageItem)))
    win.deleteLater()
