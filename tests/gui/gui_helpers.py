"""Helpers shared by the GUI tests (plain functions; the fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import RESOURCES, Scene, Session

SCENES = RESOURCES / "scenes"
BOOK = SCENES / "book_comparison.json"
CSV_SCENE = SCENES / "linear_regression_csv.json"


def make_settings(path: Path) -> QtCore.QSettings:
    return QtCore.QSettings(str(path), QtCore.QSettings.IniFormat)


def engine_session(scene: Scene) -> Session:
    """An independent session built by the engine alone from ``scene`` (no GUI objects involved)."""
    return scene.build_session()


def trajectories(snap) -> list[np.ndarray]:
    """Copies of every run's (2, n) trajectory and (n,) losses, stacked as (3, n) arrays."""
    return [np.vstack([snap.trajectory(i), snap.losses(i)]).copy() for i in range(len(snap.runs))]


def plot_data_items(plot: pg.PlotItem) -> list:
    """Every PlotDataItem, PlotCurveItem and ScatterPlotItem in a PlotItem, including the scatter inside each
    PlotDataItem."""
    out = []
    for item in plot.items:
        if isinstance(item, pg.PlotDataItem):
            out.append(item)
            out.append(item.scatter)
        elif isinstance(item, (pg.PlotCurveItem, pg.ScatterPlotItem)):
            out.append(item)
    return out


def assert_all_finite(plot: pg.PlotItem) -> int:
    """Fail if any plotted x or y value in ``plot`` is NaN or infinite; return how many values were checked. NaN is
    allowed only as the gap between pieces of a connect="finite" curve (isocurves), and then in x and y alike."""
    n = 0
    for item in plot_data_items(plot):
        gaps = isinstance(item, pg.PlotCurveItem) and item.opts.get("connect") == "finite"
        data = [np.asarray(a, dtype=float) for a in item.getData() if a is not None]
        if gaps and len(data) == 2:
            assert np.array_equal(np.isnan(data[0]), np.isnan(data[1])), f"NaN in x or y only in {item}"
            data = [a[~np.isnan(a)] for a in data]
        for a in data:
            assert np.all(np.isfinite(a)), f"non-finite data in {type(item).__name__}: {a}"
            n += a.size
    return n


def legend_entries(window) -> list[str]:
    """The legend's entries as plain text ("SGD 0.0133", "wild ✕ diverged at step 3"), in run order."""
    text = plain(window.run_legend.text())
    return [e.strip() for e in text.split("━━")[1:]]


def legend_labels(window) -> list[str]:
    """The run labels in the legend (each entry without its loss or divergence flag)."""
    out = []
    for e in legend_entries(window):
        e = e.split(" ✕ diverged")[0]
        head, _, tail = e.rpartition(" ")
        try:
            float(tail)
            e = head
        except ValueError:
            pass
        out.append(e)
    return out


def plain(html: str) -> str:
    """The text of a rich-text label (tags and &nbsp; removed)."""
    doc = QtGui.QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\xa0", " ")


def png_info(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct colours) of a PNG file, read back with QImage."""
    img = QtGui.QImage(str(path))
    assert not img.isNull(), f"{path} is not a readable image"
    img = img.convertToFormat(QtGui.QImage.Format_RGB32)
    bpl = img.bytesPerLine()
    raw = np.frombuffer(bytes(img.constBits()), dtype=np.uint8)[: bpl * img.height()]
    pixels = raw.reshape(img.height(), bpl)[:, : img.width() * 4].view(np.uint32)
    return img.width(), img.height(), int(np.unique(pixels).size)


def click_data_point(qtbot, window, x: float, y: float) -> QtCore.QPoint:
    """Left-click the contour map at data coordinates (x, y); return the viewport pixel clicked."""
    vb = window.contour.plot.vb
    scene_pt = vb.mapViewToScene(QtCore.QPointF(x, y))
    pos = window.contour_widget.mapFromScene(scene_pt)
    qtbot.mouseClick(window.contour_widget.viewport(), QtCore.Qt.LeftButton, pos=pos)
    return pos


def focus_plot(qtbot, window) -> None:
    """Give the focus to the contour view (no text widget, button or spin box can eat a shortcut key)."""
    window.activateWindow()
    window.contour_widget.setFocus(QtCore.Qt.OtherFocusReason)
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is window.contour_widget, timeout=2000)


def image_covers_view(plot: pg.PlotItem, image: pg.ImageItem) -> bool:
    """Whether the colour map's rect, as the view maps it (ImageItem.mapRectToView of its bounding rect), contains
    the visible rect: no white anywhere in the plot."""
    shown = image.mapRectToView(image.boundingRect())
    (x0, x1), (y0, y1) = plot.vb.viewRange()
    return (image.image is not None and shown.left() <= x0 and shown.right() >= x1
            and shown.top() <= y0 and shown.bottom() >= y1)
