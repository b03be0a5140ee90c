"""The loss view in the real window: each run's current loss as a dot, the hover box beside the cursor, and dashed
epoch lines thinned to stay readable."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6 import QtCore

from engine import scene_from_dict
from gui.plots import EPOCH_LINE_PIXELS, epoch_stride


def press_step(window, n: int = 1) -> None:
    for _ in range(n):
        window.act_step.trigger()


def heads(window) -> tuple[np.ndarray, np.ndarray, list[str]]:
    x, y = window.loss.heads.getData()
    colors = [b.color().name() for b in window.loss.heads.data["brush"]]
    return np.asarray(x), np.asarray(y), colors


def test_step_0_shows_every_runs_start_loss_as_a_dot_in_its_colour(window):
    snap = window.c.snapshot
    assert snap.step == 0
    x, y, colors = heads(window)
    assert x.tolist() == [0] * len(snap.runs)
    assert np.allclose(y, [math.log10(r.loss) for r in snap.runs])  # the log axis' units
    assert colors == [r.color for r in snap.runs]
    (x0, x1), (y0, y1) = window.loss.plot.vb.viewRange()
    assert x0 <= 0 <= x1 and all(y0 < v < y1 for v in y)
    press_step(window, 7)
    x, y, _colors = heads(window)
    assert x.tolist() == [7] * len(snap.runs)
    assert np.allclose(y, [math.log10(r.loss) for r in window.c.snapshot.runs])
    # a new colour shows at once
    window.loss.set_run_style(0, "SGD", "#123456")
    window.loss.render(window.c.snapshot)
    assert heads(window)[2][0] == "#123456"


def _hover_at(window, qtbot, fx: float, fy: float):
    """Move the mouse to the fraction (fx, fy) of the loss view's box (from its top-left) and wait for the box."""
    vb = window.loss.plot.vb
    r = vb.sceneBoundingRect()
    scene_pt = QtCore.QPointF(r.left() + fx * r.width(), r.top() + fy * r.height())
    pos = window.loss_widget.mapFromScene(scene_pt)
    window.loss.leave()
    qtbot.mouseMove(window.loss_widget.viewport(), pos)
    qtbot.waitUntil(window.loss.hover_text.isVisible, timeout=2000)
    return scene_pt, window.loss.hover_text.sceneBoundingRect(), r


@pytest.mark.parametrize("fx, fy", [(0.1, 0.1), (0.9, 0.1), (0.1, 0.9), (0.95, 0.95), (0.5, 0.5)])
def test_the_hover_box_sits_beside_the_cursor_inside_the_view(window, qtbot, fx, fy):
    press_step(window, 30)
    cursor, box, view = _hover_at(window, qtbot, fx, fy)
    assert view.contains(box), (box, view)
    assert not box.contains(cursor)  # never under the pointer
    # beside it: to its right unless that would leave the view, then to its left
    if fx < 0.5:
        assert box.left() > cursor.x()
    elif fx > 0.8:
        assert box.right() < cursor.x()
    assert abs(box.center().y() - cursor.y()) < box.height() + 20  # next to the cursor, not pinned to a corner
    assert "step" in window.loss.hover_text.textItem.toPlainText()


MINIBATCH = {
    "version": 1,
    "objective": {"name": "linear_regression", "samples": 200, "noise": 0.5, "seed": 1},
    "batch": {"strategy": "minibatch", "batch_size": 100, "shuffle": False},
    "seed": 0,
    "optimizers": [{"type": "sgd", "lr": 0.05}],
}


def test_epoch_stride_is_the_smallest_1_2_5_multiple_that_keeps_lines_apart():
    assert epoch_stride(EPOCH_LINE_PIXELS) == 1
    assert epoch_stride(100.0) == 1
    assert epoch_stride(39.0) == 2
    assert epoch_stride(15.0) == 5
    assert epoch_stride(5.0) == 10
    assert epoch_stride(0.3) == 200
    for px in np.geomspace(1e-3, 100, 200):
        k = epoch_stride(float(px))
        assert k * px >= EPOCH_LINE_PIXELS
        smaller = [m * 10**e for e in range(8) for m in (1, 2, 5) if m * 10**e < k]
        assert all(s * px < EPOCH_LINE_PIXELS for s in smaller)


@pytest.mark.parametrize("steps", [8, 60, 400, 3000])
def test_epoch_lines_are_at_most_one_every_40_pixels(make_window, steps):
    window = make_window(scene_from_dict(MINIBATCH))
    snap = window.c.snapshot
    assert snap.iterations_per_epoch == 2  # 200 rows, B = 100
    window.c.step(steps)
    snap = window.c.snapshot
    xs, _ys = window.loss.epochs.getData()
    marks = np.asarray(xs)[::2]
    assert len(marks)
    (x0, x1), width = window.loss.plot.vb.viewRange()[0], window.loss.plot.vb.width()
    px = np.diff(marks) * width / (x1 - x0)
    assert np.all(px >= EPOCH_LINE_PIXELS - 1e-6)
    k = int(marks[0]) // 2  # every k-th epoch, k nice
    assert k in (1, 2, 5, 10, 20, 50, 100, 200, 500)
    assert np.array_equal(marks, np.arange(2 * k, snap.step + 1, 2 * k))
    if steps == 8:
        assert k == 1  # few epochs: every one is drawn
    else:
        assert len(marks) <= width / EPOCH_LINE_PIXELS + 1
        assert epoch_stride(2 * width / (x1 - x0)) == k  # and no sparser than needed
