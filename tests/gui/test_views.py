"""The drawing helpers that keep a frame cheap: decimation, steady axis ranges, and what the curves are handed."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtCore

from engine.limits import MAX_DRAWN_POINTS
from engine.teaching import decimate
from gui.plots import STEP_PAD, nice_ceil, steady_range

NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


@pytest.mark.parametrize("n", [0, 1, 2, 1999, 2000, 2001, 2002, 4001, 10_000, 10_001, 123_457, 1_000_001])
def test_decimate_keeps_the_ends_and_at_most_the_budget(n):
    idx = decimate(n)
    got = np.arange(n)[idx]
    if n <= MAX_DRAWN_POINTS:
        assert isinstance(idx, slice) and got.tolist() == list(range(n))
        return
    assert got[0] == 0 and got[-1] == n - 1
    assert len(got) <= MAX_DRAWN_POINTS + 1
    steps = np.diff(got)
    assert (steps > 0).all()
    stride = math.ceil(n / MAX_DRAWN_POINTS)
    assert (steps[:-1] == stride).all() and 1 <= steps[-1] <= stride  # evenly spread, the last point added


def test_nice_ceil_is_the_next_nice_number():
    values = np.concatenate([np.geomspace(1e-3, 1e7, 2000), [1, 10, 12, 12.0001, 99.99, 100, 1e6, 1e6 + 1]])
    for v in values:
        top = nice_ceil(float(v))
        mantissa = top / 10.0 ** math.floor(math.log10(top) + 1e-12)
        assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in NICE), (v, top)
        assert top >= v * (1 - 1e-12)
        assert top <= v * 4 / 3 * (1 + 1e-9), (v, top)  # curves fill at least three quarters of the width
        # and it is the smallest such number
        smaller = [m * 10.0 ** k for k in range(-4, 9) for m in NICE if m * 10.0 ** k < top * (1 - 1e-9)]
        assert not any(s >= v * (1 + 1e-9) for s in smaller), (v, top)


def _range_log(vb: pg.ViewBox) -> list:
    seen = []
    vb.sigRangeChanged.connect(lambda _vb, r, *_: seen.append(r))
    return seen


@pytest.mark.parametrize("log", [True, False])
def test_steady_range_covers_the_data_and_changes_seldom(qtbot, log):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    vb = w.getPlotItem().vb
    changes = _range_log(vb)
    # a loss falling from 100 to about 1e-6 over 10,000 steps, one frame a step
    xs, ys = set(), set()
    for step in range(0, 10_001):
        hi, lo = 100.0, 100.0 * math.exp(-step / 700)
        a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
        steady_range(vb, a, b, log, step)
        (x0, x1), (y0, y1) = vb.viewRange()
        top = x1 / (1 + STEP_PAD)  # the nice end; the range pads it and step 0 by STEP_PAD of it (the loss dots)
        assert x0 == -STEP_PAD * top and top >= max(step, 10) and (step < 10 or top <= step * 4 / 3 + 1e-9)
        assert y0 < a and y1 > b
        xs.add((x0, x1))
        ys.add((y0, y1))
    # steps: 0..10, then the nice numbers up to 10,000 (31 of them)
    assert len(xs) == 31
    # log: the half decades crossed as the loss falls from 1e2 to 6e-5 (13); linear: the ends are rounded to 1/100
    # to 1/10 of the span, so they move often only while the span itself grows (159 times in 10,000 frames)
    assert (len(ys) <= 14) if log else (len(ys) <= 200)
    assert len(changes) <= len(xs) + len(ys)  # x and y are set apart, and only when they change
    # the same data again sets nothing
    before = len(changes)
    steady_range(vb, a, b, log, 10_000)
    assert len(changes) == before


def test_steady_range_never_leaves_float64_on_a_log_axis(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    vb = w.getPlotItem().vb
    steady_range(vb, -310.0, 305.0, True, 50)
    (_x0, _x1), (y0, y1) = vb.viewRange()
    assert -300 <= y0 and y1 <= 300 and math.isfinite(10.0 ** y0) and math.isfinite(10.0 ** y1)
    steady_range(vb, 2.0, 2.0, True, 50)  # one value: a range around it, not a degenerate one
    (_x0, _x1), (y0, y1) = vb.viewRange()
    assert y0 < 2.0 < y1


@pytest.mark.parametrize("v", [0.0, 1.0, -3.5, 1e-300, 1e20, -1e20, 1e300, -1e300, 5e-324])
@pytest.mark.parametrize("log", [False, True])
def test_steady_range_around_a_single_value(qtbot, v, log):
    """A run stuck at one loss, however large (a span of 0.5 is lost in rounding at 1e20), still gets a range."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    vb = w.getPlotItem().vb
    a = max(min(v, 300.0), -300.0) if log else v
    steady_range(vb, a, a, log, 0)
    (x0, x1), (y0, y1) = vb.viewRange()
    assert (x0, x1) == (-STEP_PAD * 10.0, (1 + STEP_PAD) * 10.0)
    assert math.isfinite(y0) and math.isfinite(y1) and y0 < y1
    assert y0 <= a <= y1


def test_steady_range_for_the_largest_spans(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    vb = w.getPlotItem().vb
    steady_range(vb, -1e300, 1e300, False, 10**9)
    (x0, x1), (y0, y1) = vb.viewRange()
    assert math.isfinite(y0) and math.isfinite(y1) and y0 <= -1e300 and 1e300 <= y1
    assert x1 == (1 + STEP_PAD) * 1e9


def test_loss_curves_are_handed_log10_on_a_log_axis_and_the_values_on_a_linear_one(window, qtbot):
    c = window.c
    for _ in range(25):
        window.act_step.trigger()
    snap = c.snapshot
    assert window.loss.log and window.act_log.isChecked()
    for i in range(len(snap.runs)):
        x, y = window.loss.full[i].xData, window.loss.full[i].yData
        assert np.array_equal(x, np.arange(26))
        assert np.array_equal(y, np.log10(snap.losses(i)))
    window.act_log.trigger()  # the L shortcut's action
    assert not window.loss.log
    for i in range(len(snap.runs)):
        assert np.array_equal(window.loss.full[i].yData, snap.losses(i))
    # the range follows the data in its new units: every loss is inside the view
    (_x0, x1), (y0, y1) = window.loss.plot.vb.viewRange()
    losses = np.concatenate([snap.losses(i) for i in range(len(snap.runs))])
    assert y0 <= losses.min() and losses.max() <= y1 and x1 >= 25


def test_run_markers_are_one_item_with_each_runs_colour_and_divergence_mark(window):
    c = window.c
    for _ in range(3):
        window.act_step.trigger()
    snap = c.snapshot
    heads = window.contour.heads
    assert len(heads.data) == len(snap.runs)
    for i, r in enumerate(snap.runs):
        assert window.contour.head(i) == r.point
        assert heads.data["brush"][i].color().name() == pg.mkColor(r.color).name()
        assert heads.data["symbol"][i] == ("x" if r.diverged_at is not None else "o")


def test_a_loss_of_exactly_zero_keeps_the_log_axis(make_window):
    """On the bowl from (0, 1), SGD with η = 0.5 lands on the minimum in one step (y ← y − 0.5·2y = 0): its loss is
    exactly 0 from then on. The log axis stays (the other run still needs it); the zeros are drawn off the bottom
    edge, and the range is the positive losses'."""
    from engine import scene_from_dict

    scene = scene_from_dict({"version": 1, "objective": {"name": "bowl"}, "start": [0.0, 1.0], "steps": 0,
                             "optimizers": [{"type": "sgd", "lr": 0.5, "label": "exact"},
                                            {"type": "sgd", "lr": 0.1, "label": "slow"}]})
    window = make_window(scene)
    for _ in range(12):
        window.act_step.trigger()
    snap = window.c.snapshot
    exact, slow = snap.losses(0), snap.losses(1)
    assert exact[0] == 1.0 and (exact[1:] == 0.0).all()
    assert (slow > 0).all()
    assert window.loss.log and window.act_log.isEnabled()
    assert np.array_equal(window.loss.full[0].yData, np.log10(np.maximum(exact, 1e-300)))
    assert window.loss.full[0].yData[1] == -300.0
    (_x0, _x1), (y0, y1) = window.loss.plot.vb.viewRange()
    assert y0 <= np.log10(slow.min()) and y1 >= 0.0
    assert y0 > -20  # the range is the positive losses', not down to the 1e-300 that stands for 0


def test_run_labels_are_shown_as_typed_never_as_markup(window, tmp_path):
    """Labels go into rich-text places (status bar, legend, hover box, export title and legend): markup in a label
    must be shown literally, not interpreted."""
    from gui_helpers import legend_labels, plain

    label = "<b>bold</b> & <img src='x.png'> <i>"
    assert window.c.set_label(0, label)
    for _ in range(3):
        window.act_step.trigger()
    assert legend_labels(window)[0] == label
    window.loss.hover(2.0)
    assert label in window.loss.hover_text.textItem.toPlainText()
    note = window.teach_panel.state_note
    assert label in note.text() and note.textFormat() == QtCore.Qt.PlainText
    panel = window.teach_panel
    panel.run_combo.setCurrentIndex(0)
    assert label in plain(panel.rule.text())
    out = tmp_path / "labels.png"
    assert window.export_png(str(out), 900)
    assert out.stat().st_size > 0


@pytest.mark.parametrize("log", [True, False])
def test_zooming_out_without_end_stays_inside_float64_and_warns_nothing(window, qtbot, log):
    """Zooming a view out again and again (the mouse wheel) must not reach ranges whose ticks overflow: pyqtgraph
    computes 10**v for log ticks. The soak once printed 'overflow encountered in power' from the axis code."""
    import warnings

    for _ in range(5):
        window.act_step.trigger()
    if window.loss.log != log:
        window.act_log.trigger()
    assert window.loss.log == log
    plots = [window.loss.plot, window.contour.plot, window.teach_panel.state_plot.getPlotItem()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(40):
            for p in plots:
                p.vb.scaleBy((10.0, 10.0))
            window.loss_widget.grab()  # paint the axes at this range
            window.contour_widget.grab()
            window.teach_panel.state_plot.grab()
    for p in plots:
        (x0, x1), (y0, y1) = p.vb.viewRange()
        assert all(math.isfinite(v) for v in (x0, x1, y0, y1))
        assert x1 - x0 < 1e301 and y1 - y0 < 1e301
    (_x0, _x1), (y0, y1) = window.loss.plot.vb.viewRange()
    if log:
        assert -300 <= y0 and y1 <= 300


def test_moving_the_start_at_step_0_leaves_no_stale_loss_range(make_window):
    """The loss view caches each run's min/max over the losses it has seen. After a reset it used to fit the *old*
    snapshot once (follow_again before the new render), so a new session at step 0 kept the old start's loss as its
    extent: the range stayed up at the old loss, and with a far start the cached low end could exceed the new high
    end (the soak's "math domain error" in the step slot)."""
    from engine import scene_from_dict

    window = make_window(scene_from_dict({"version": 1, "objective": {"name": "bowl"}, "start": [-7.0, 2.0],
                                          "steps": 0, "optimizers": [{"type": "sgd", "lr": 0.1}]}))
    c = window.c
    assert c.snapshot.step == 0 and c.snapshot.losses(0)[0] == pytest.approx(6.45)
    assert c.set_start(0.5, 0.1)  # loss 0.0225, far below 6.45
    for _ in range(5):
        window.act_step.trigger()
    losses = c.snapshot.losses(0)
    assert losses.max() == pytest.approx(0.0225) and losses.min() > 0
    (_x0, _x1), (y0, y1) = window.loss.plot.vb.viewRange()
    assert y0 <= np.log10(losses.min()) and np.log10(losses.max()) <= y1
    assert y1 <= np.log10(0.1)  # fitted to these losses, not to the old start's 6.45


def test_on_a_1024x700_screen_the_window_fits_and_the_map_is_the_main_thing(make_window, qtbot):
    w = make_window(show=False)
    w._fit_to_screen(QtCore.QRect(0, 0, 1024, 700))
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    assert w.width() <= 1024 and w.height() <= 700
    # the docks share one tabbed column, so the centre keeps most of the width
    docks = (w.objective_dock, w.batch_dock, w.teach_dock)
    assert all(w.dockWidgetArea(d) == QtCore.Qt.RightDockWidgetArea for d in docks)
    assert all(d in w.tabifiedDockWidgets(w.optimizers_dock) for d in docks)
    view = w.contour_widget
    area = view.width() * view.height()
    assert area >= 0.3 * w.width() * w.height()
    assert area > max(d.width() * d.height() for d in (w.optimizers_dock, w.loss_widget))
    # the legend is one line above the map for the four runs of the default scene
    assert w.run_legend.height() <= 2.2 * w.run_legend.fontMetrics().height()


def test_on_a_large_screen_the_window_opens_at_its_default_size_with_docks_on_both_sides(make_window):
    w = make_window(show=False)
    w._fit_to_screen(QtCore.QRect(0, 0, 1920, 1080))
    assert (w.width(), w.height()) == (1400, 900)
    assert w.dockWidgetArea(w.teach_dock) == QtCore.Qt.LeftDockWidgetArea


@pytest.mark.parametrize("run", [0, 3])  # SGD's rule is short, Adam's the longest
def test_the_state_plot_is_above_the_fold_of_the_explain_dock_at_1400x900(window, qtbot, run):
    """It used to sit below the fold of a short Explain dock, under the Objective dock's empty space."""
    assert (window.width(), window.height()) == (1400, 900)
    window.teach_panel.run_combo.setCurrentIndex(run)
    for _ in range(12):
        window.act_step.trigger()
    qtbot.wait(50)
    viewport = window.teach_dock.widget().viewport()
    plot = window.teach_panel.state_plot
    top_left = plot.mapTo(viewport, QtCore.QPoint(0, 0))
    assert plot.isVisible() and top_left.y() >= 0
    assert top_left.y() + plot.height() <= viewport.height(), (top_left.y(), plot.height(), viewport.height())
