"""The Data view's network panels, on their own (the window shows them for an mlp objective): the decision map is
the network's argmax on the grid, the wrong rows are ringed, the digit grid and confusion matrix count the
network's predictions."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from engine import make_objective
from gui.netdata import DecisionMap, DigitGrid, confusion, decision_rgba, grid_points


_KEEP: list = []  # the PlotWidgets of a test: a PlotItem alone does not keep its widget alive


def _plot(qtbot) -> pg.PlotItem:
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    _KEEP.append(w)
    return w.getPlotItem()


def test_the_decision_map_is_the_networks_argmax_on_the_grid(qtbot):
    obj = make_objective({"name": "mlp", "data": "moons", "samples": 200, "hidden": [12, 12]})
    theta = obj.theta0 + 0.5 * np.random.default_rng(1).standard_normal(obj.dim)
    m = DecisionMap(_plot(qtbot))
    m.set_objective(obj)
    m.render(theta, "Adam")
    m.wait()
    assert m.theta_shown is not None and np.array_equal(m.theta_shown, theta)
    xs, ys = grid_points(obj.raw_X)
    gx, gy = np.meshgrid(xs, ys)
    # independently: the forward pass of the contract at each grid point, standardised as the data were
    mean, std = obj.raw_X.mean(axis=0), obj.raw_X.std(axis=0)
    h = (np.column_stack([gx.ravel(), gy.ravel()]) - mean) / std
    params = obj.unpack(theta)
    for j, (W, b) in enumerate(params):
        h = h @ W + b
        if j < len(params) - 1:
            h = np.maximum(h, 0)
    np.testing.assert_array_equal(m.grid_predictions, h.argmax(axis=1).reshape(len(ys), len(xs)))
    # the rows it gets wrong are ringed
    wrong = (h_rows := obj.predictions(theta)) != obj.labels
    wx, _wy = m.wrong.getData()
    assert len(wx) == int(wrong.sum())
    assert f"{1 - wrong.mean():.1%}" in m.caption.toPlainText()
    assert len(h_rows) == 200


def test_decision_colours_follow_the_class_and_fade_to_white_at_a_tie():
    P = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
    img = decision_rgba(P, 3, 1)
    assert img.shape == (1, 3, 4)
    assert tuple(img[0, 1, :3]) != tuple(img[0, 0, :3]) and img[0, 1, :3].min() > img[0, 0, :3].min()
    assert img[0, 0, 2] > img[0, 0, 0]  # class 0 is blue
    assert img[0, 2, 0] > img[0, 2, 2]  # class 1 is orange


def test_a_busy_map_is_refreshed_at_most_every_200_ms_while_playing_and_shows_the_latest(qtbot):
    obj = make_objective({"name": "mlp", "data": "blobs", "samples": 150, "hidden": [8]})
    m = DecisionMap(_plot(qtbot))
    m.set_objective(obj)
    thetas = [obj.theta0 + 0.2 * k for k in range(5)]
    for t in thetas:
        m.render(t, "SGD", playing=True)
    assert m.theta_shown is None  # nothing drawn on the GUI thread: the worker has it
    qtbot.waitUntil(lambda: (m.poll(playing=True) or True) and m.theta_shown is not None
                    and np.array_equal(m.theta_shown, thetas[-1]), timeout=5000)
    # only the first and the newest θ were computed: the ones between were superseded, not queued
    assert m.worker._pending is None


def test_digits_grid_and_confusion_matrix_count_the_networks_predictions(qtbot):
    obj = make_objective({"name": "mlp", "hidden": [20]})
    assert DigitGrid.shows(obj)
    theta = obj.theta0 + 0.1 * np.random.default_rng(3).standard_normal(obj.dim)
    g = DigitGrid(_plot(qtbot), _plot(qtbot))
    g.set_objective(obj)
    g.render(theta, "Momentum")
    g.wait()
    pred = obj.predictions(theta)
    counts = confusion(obj.labels, pred, 10)
    assert counts.sum() == 1797 and np.array_equal(g.counts, counts)
    assert np.trace(counts) == int((pred == obj.labels).sum())
    for k, row in enumerate(g.rows):
        text = g.texts[k].toPlainText()
        assert text.startswith(str(pred[row]))
        assert text.endswith("✕") == (pred[row] != obj.labels[row])
    assert [t.toPlainText() for t in g.cell_texts] == [str(v) if v else "" for v in counts.ravel()]


def test_the_sample_labels_fit_under_their_images_at_any_size(qtbot):
    """At 9 pt the predicted labels ran into the next row of images in a small Data view (seen at 1400×900): the
    label's font fits the room under its image, and the labels hide where even a small font would not fit."""
    from PySide6 import QtGui

    from gui.netdata import LABEL_ROOM

    obj = make_objective({"name": "mlp", "hidden": [20]})
    images, matrix = pg.PlotWidget(), pg.PlotWidget()
    for w in (images, matrix):
        qtbot.addWidget(w)
        _KEEP.append(w)
    g = DigitGrid(images.getPlotItem(), matrix.getPlotItem())
    g.set_objective(obj)
    g.render(obj.theta0, "SGD")
    g.wait()
    for height in (130, 220, 500, 60):
        images.resize(320, height)
        images.show()
        qtbot.wait(30)
        g._fit_texts()
        vb = images.getPlotItem().vb
        (_y0, _y1) = vb.viewRange()[1]
        room = LABEL_ROOM * vb.height() / (_y1 - _y0)
        for t in g.texts:
            if t.isVisible():
                assert QtGui.QFontMetrics(t.textItem.font()).height() <= room, (height, room)
        if height == 60:
            assert not any(t.isVisible() for t in g.texts)


def test_the_panels_worker_functions_hold_no_panel_and_no_qt_object(qtbot):
    """The worker thread may hold the last reference to what it computes with when the window replaces a panel; a
    Qt object freed on that thread crashed a 10-minute soak ("Timers cannot be stopped from another thread", then a
    segmentation fault). The functions the threads run reach the engine's data only."""
    from PySide6 import QtCore, QtWidgets

    def reachable(fn):
        seen, todo = [], [fn]
        while todo:
            x = todo.pop()
            if any(x is s for s in seen):
                continue
            seen.append(x)
            if hasattr(x, "__self__"):
                todo.append(x.__self__)
            for cell in getattr(x, "__closure__", None) or ():
                todo.append(cell.cell_contents)
        return seen

    net2 = make_objective({"name": "mlp", "hidden": [8], "data": "moons"})
    digits = make_objective({"name": "mlp", "hidden": [8]})
    for panel, obj in ((DecisionMap(_plot(qtbot)), net2), (DigitGrid(_plot(qtbot), _plot(qtbot)), digits)):
        panel.set_objective(obj)
        things = reachable(panel.worker.fn)
        assert not [t for t in things if isinstance(t, (QtCore.QObject, QtWidgets.QGraphicsItem, type(panel)))]
        assert any(t is obj for t in things)  # it computes with the objective itself
