"""The log axes of the loss view and the state plot: labels never overlap, one format per axis, cached."""

from __future__ import annotations

import math
import re

import pyqtgraph as pg
import pytest
from PySide6 import QtGui, QtWidgets

from gui.axes import LABEL_SPACING, LogAxis, decade_step, log_labels, log_ticks
from gui.plots import cache_axes
from gui.style import opaque_grid

PLAIN = re.compile(r"^\d+(\.\d+)?$")
SCIENTIFIC = re.compile(r"^([1-9]·)?10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
# (lo, hi) in decades: from half a decade to float64's 600, at offsets where the plain/10ⁿ choice differs
RANGES = [(0.0, 0.5), (-5.0, -4.5), (0.0, 1.0), (-0.5, 1.0), (-1.5, 0.5), (-3.5, 0.5), (-3.5, 4.5), (-12.5, 2.5),
          (1.5, 9.0), (-30.0, 5.0), (-100.0, 0.0), (250.0, 300.0), (-300.0, 300.0)]
HEIGHTS = [120, 150, 200, 300, 450, 600, 800]


def one_format(labels: list[str]) -> bool:
    return all(PLAIN.match(s) for s in labels) or all(SCIENTIFIC.match(s) for s in labels)


def test_labels_are_all_plain_or_all_powers_of_ten():
    assert log_labels([-3.0, -2.0, 0.0, 4.0]) == ["0.001", "0.01", "1", "10000"]
    assert log_labels([0.0, math.log10(2), math.log10(5)]) == ["1", "2", "5"]
    # one label outside 10⁻³ .. 10⁴ puts the whole axis in powers of ten (never 0.1 next to 10⁻⁵)
    assert log_labels([-5.0, -3.0, -1.0, 0.0]) == ["10⁻⁵", "10⁻³", "10⁻¹", "10⁰"]
    assert log_labels([-5.0 + math.log10(2), -5.0 + math.log10(5)]) == ["2·10⁻⁵", "5·10⁻⁵"]
    assert log_labels([0.0, 4.0 + math.log10(2)]) == ["10⁰", "2·10⁴"]
    assert log_labels([-300.0, 120.0]) == ["10⁻³⁰⁰", "10¹²⁰"]


def test_decades_are_thinned_to_every_1_2_5_10_20_50_and_so_on():
    assert decade_step(100.0, 15.0) == 1
    assert decade_step(20.0, 15.0) == 2  # 1.6 · 15 = 24 px: two decades of 20 px
    assert decade_step(5.0, 15.0) == 5
    assert decade_step(0.3, 15.0) == 100
    assert decade_step(0.0, 15.0) >= 10**15


@pytest.mark.parametrize("lo, hi", RANGES)
def test_tick_labels_are_far_enough_apart_inside_the_axis_and_in_one_format(lo, hi):
    text = 15.0
    for pixels in [40.0, 60.0, 80.0] + [h - 40.0 for h in HEIGHTS]:
        major, minor = log_ticks(lo, hi, pixels, text)
        ppd = pixels / (hi - lo)
        px = [(v - lo) * ppd for v in major]
        assert px == sorted(px)
        assert all(b - a >= LABEL_SPACING * text - 1e-9 for a, b in zip(px, px[1:])), (lo, hi, pixels, major)
        assert all(text / 2 - 1e-9 <= p <= pixels - text / 2 + 1e-9 for p in px)
        assert one_format(log_labels(major)), log_labels(major)
        if pixels >= 80:
            assert major, (lo, hi, pixels)
        if hi - lo >= 20:  # many decades: no minor ticks, labels at nice multiples of decades
            assert not minor
            k = round(major[1] - major[0]) if len(major) > 1 else 1
            assert k in (1, 2, 5, 10, 20, 50, 100, 200) and all(v % k == 0 for v in major)
        assert not set(major) & set(minor)


def _specs(axis: pg.AxisItem):
    """What the axis paints, computed as its paint() does (a QPicture painter with the tick font)."""
    picture = QtGui.QPicture()
    painter = QtGui.QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        return axis.generateDrawSpecs(painter)
    finally:
        painter.end()


def test_the_real_axis_paints_labels_that_never_overlap_at_any_height_and_range(qtbot):
    w = pg.PlotWidget(axisItems={"left": LogAxis("left")})
    qtbot.addWidget(w)
    plot = w.getPlotItem()
    plot.setLogMode(y=True)
    opaque_grid(plot)
    cache_axes(plot)
    w.show()
    qtbot.waitExposed(w)
    axis = plot.getAxis("left")
    checked = 0
    for height in HEIGHTS:
        w.resize(500, height)
        for lo, hi in RANGES:
            plot.vb.setRange(yRange=(lo, hi), padding=0)
            QtWidgets.QApplication.processEvents()
            _axis, _ticks, texts = _specs(axis)
            rects = sorted((r for r, _f, _s in texts), key=lambda r: r.top())
            labels = [s for _r, _f, s in texts]
            assert one_format(labels), (height, lo, hi, labels)
            for a, b in zip(rects, rects[1:]):
                assert a.bottom() <= b.top(), (height, lo, hi, labels)
            if axis.geometry().height() >= 80:
                assert labels, (height, lo, hi)
            checked += len(labels)
    assert checked > 200
    assert axis.cacheMode() == QtWidgets.QGraphicsItem.DeviceCoordinateCache


def test_the_linear_mode_is_pyqtgraphs(qtbot):
    ours, theirs = LogAxis("left"), pg.AxisItem("left")
    assert ours.tickValues(-3.0, 7.0, 300) == theirs.tickValues(-3.0, 7.0, 300)
    assert ours.tickStrings([-2.0, 0.0, 2.5], 1.0, 0.5) == theirs.tickStrings([-2.0, 0.0, 2.5], 1.0, 0.5)


def test_the_loss_view_and_state_plot_use_the_cached_log_axis(window):
    for plot in (window.loss.plot, window.teach_panel.state_plot.getPlotItem()):
        axis = plot.getAxis("left")
        assert isinstance(axis, LogAxis) and axis.logMode
        assert axis.cacheMode() == QtWidgets.QGraphicsItem.DeviceCoordinateCache
        # the grid is painted under the curves: a curve on a grid line stays visible
        assert axis.zValue() < plot.vb.zValue()
