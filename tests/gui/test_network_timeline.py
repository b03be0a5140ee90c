"""Issues 14/15 in the window, for a network with held-out rows: the held-out spin box (saved with the scene), the
loss view's held-out accuracy, the digits panel's held-out confusion, the timeline showing the model at the kept
step nearest the step scrubbed to, and hover on the Data view saying a row and the network's prediction for it."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6 import QtCore

from engine import RESOURCES, load_scene
from gui.netdata import DecisionMap, DigitGrid, confusion

FIG69 = RESOURCES / "presets" / "network" / "10_figure_6_9_digits.json"


def open_net(window, **objective):
    scene = load_scene(FIG69)
    scene = scene.with_(objective={**scene.objective, "hidden": [16, 16], **objective})
    assert window.c.load_scene(scene)
    window._scene_changed(window.c.scene)
    return window.c


def curve(item):
    x, y = item.getData()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def forward_classes(obj, theta, Z):
    """The contract's forward pass written out (ReLU hidden layers): the class of each row of Z."""
    h = Z
    params = obj.unpack(theta)
    for j, (W, b) in enumerate(params):
        h = h @ W + b
        if j < len(params) - 1:
            h = np.maximum(h, 0.0)
    return h.argmax(axis=1)


def test_the_held_out_spin_box_applies_and_is_saved_with_the_scene(window, tmp_path):
    c = open_net(window)
    box = window.objective_panel.mlp_box
    assert box.holdout.value() == 0 and "holdout" not in box.settings()
    assert (box.holdout.minimum(), box.holdout.maximum(), box.holdout.singleStep()) == (0.0, 0.9, 0.05)
    box.holdout.setValue(0.2)
    assert box.apply()
    assert c.objective.n_test == round(0.2 * 1797) and c.objective.n_samples == 1797 - 359
    path = tmp_path / "held.json"
    assert window.save_scene(str(path))
    assert json.loads(path.read_text())["objective"]["holdout"] == 0.2
    box.holdout.setValue(0.0)
    assert box.apply() and c.objective.n_test == 0
    assert window.open_scene(str(path))
    assert box.holdout.value() == pytest.approx(0.2) and c.objective.n_test == 359


def test_loss_view_and_digits_panel_show_train_and_held_out_accuracy(window, qtbot):
    c = open_net(window, holdout=0.2)
    c.step(45)
    snap = c.snapshot
    assert snap.has_holdout
    window.net_y.setCurrentIndex(window.net_y.findData("accuracy"))
    loss = window.loss
    for i in range(len(snap.runs)):
        x, y = curve(loss.full[i])
        np.testing.assert_array_equal(y, snap.accuracy(i)[1])
        hx, hy = curve(loss.held[i])
        steps, acc = snap.test_accuracy(i)
        np.testing.assert_array_equal(hx, steps)
        np.testing.assert_array_equal(hy, acc)
        assert loss.held[i].opts["pen"].style() == QtCore.Qt.PenStyle.DashLine
    assert "held-out" in loss.plot.getAxis("left").labelText
    window.net_y.setCurrentIndex(window.net_y.findData("loss"))
    assert all(curve(h)[0].size == 0 for h in loss.held)
    # the digits panel: samples and confusion over the held-out rows, both accuracies in its title
    grid = window.net_data
    assert isinstance(grid, DigitGrid) and grid.held
    grid.wait()
    obj = c.objective
    k = window.teacher.selected()
    theta = snap.params[k]
    test_pred = forward_classes(obj, theta, obj.test_X)
    assert np.array_equal(grid.counts, confusion(obj.test_labels, test_pred, 10)) and grid.counts.sum() == 359
    train = np.mean(forward_classes(obj, theta, obj.X) == obj.labels)
    held = np.mean(test_pred == obj.test_labels)
    assert f"{train:.1%} right on the training rows,\n{held:.1%} on the held-out rows (shown here)" in grid.title_text
    assert "359 held-out rows" in grid.matrix_plot.getAxis("bottom").labelText


def test_scrubbing_a_network_shows_the_model_at_the_nearest_kept_step(window, qtbot):
    c = open_net(window)
    c.step(100)
    live = c.snapshot
    kept = live.snapshot_steps.tolist()
    k = 47
    nearest = min(kept + [100], key=lambda s: (abs(s - k), s))
    assert nearest != k  # the model shown is not at the step itself: θ is kept at a few steps only
    window.scrub_to(k)
    assert window.view_step == k and window.slider.isEnabled()
    assert "viewing step 47 of 100" in window.slider_label.text()
    i = window.teacher.selected()
    path_steps, thetas = live.path(i)
    theta = thetas[path_steps.tolist().index(nearest)]
    grid = window.net_data
    grid.wait()
    assert np.array_equal(grid.theta_shown, theta)
    obj = c.objective
    assert np.array_equal(grid.predicted, forward_classes(obj, theta, obj.X))
    assert f"model at step {nearest:,} (nearest kept)" in grid.title_text
    # the loss view ends at step k, the contour paths at the kept step nearest it
    for j in range(len(live.runs)):
        x, _y = curve(window.loss.full[j])
        assert x[-1] == k and x.max() == k
    window.fit_plane()
    qtbot.waitUntil(lambda: window._land_worker is None, timeout=30000)
    plane = window.contour.projection.plane
    assert plane is not None
    window._render(c.snapshot)
    for j in range(len(live.runs)):
        steps, th = live.path(j)
        want = [s for s in steps.tolist() if s <= k] + ([nearest] if nearest > k else [])
        x, y = curve(window.contour.lines[j])
        xy = plane.project(np.array([th[steps.tolist().index(s)] for s in want]))
        np.testing.assert_allclose(np.column_stack([x, y]), xy, rtol=0, atol=1e-12)
    # live again
    window.go_live()
    assert window.view_step is None and "(live)" in window.slider_label.text()
    grid.wait()
    assert np.array_equal(grid.theta_shown, live.params[i]) and "nearest kept" not in grid.title_text


def test_hovering_the_decision_map_says_the_row_and_the_networks_prediction(window, qtbot):
    c = open_net(window, data="spirals", samples=200, holdout=0.25)
    c.step(30)
    m = window.net_data
    assert isinstance(m, DecisionMap)
    m.wait()
    obj = c.objective
    theta = c.snapshot.params[window.teacher.selected()]
    assert np.array_equal(m.theta_shown, theta)
    label = c.snapshot.runs[window.teacher.selected()].label
    pred = obj.predictions(theta)
    for j in (0, 17, obj.n_samples - 1):
        p = obj.probabilities(theta, obj.raw_X[j][None])[0]
        assert p.argmax() == pred[j]
        x1, x2 = obj.raw_X[j]
        want = (f"row {obj.train_rows[j] + 1}: x₁ = {x1:.4g}, x₂ = {x2:.4g}, label {obj.labels[j]}; {label} "
                f"predicts {pred[j]} (p = {p.max():.3f})")
        assert m.describe_row(j) == want
    t = 3
    p = obj.probabilities(theta, obj.test_raw_X[t][None])[0]
    assert m.describe_row(obj.n_samples + t).startswith(f"row {obj.test_rows[t] + 1} (held out):")
    assert m.describe_row(obj.n_samples + t).endswith(f"predicts {p.argmax()} (p = {p.max():.3f})")
    # through the mouse: the point under it, in the window's hover line
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)  # the Data view's plots laid out
    j = 17
    pos = m.plot.vb.mapViewToScene(QtCore.QPointF(*obj.raw_X[j]))
    window._net_data_moved((pos,))
    text = window.data_hover.text()
    assert text.startswith("row ") and "predicts" in text
    # the nearest point to the mouse (another may lie within a pixel of row j)
    X = np.vstack([obj.raw_X, obj.test_raw_X])
    px, py = m.plot.vb.viewPixelSize()
    near = int(np.argmin(np.hypot((X[:, 0] - X[j, 0]) / px, (X[:, 1] - X[j, 1]) / py)))
    assert text == m.describe_row(near)
    corner = (m.xs[0], m.ys[-1])  # the padded map's corner: no row within 8 pixels
    assert np.hypot((X[:, 0] - corner[0]) / px, (X[:, 1] - corner[1]) / py).min() > 8
    window._net_data_moved((m.plot.vb.mapViewToScene(QtCore.QPointF(*corner)),))
    assert window.data_hover.text() == " "


def test_hovering_a_sample_digit_says_its_row_label_and_prediction(window, qtbot):
    c = open_net(window)
    c.step(10)
    g = window.net_data
    g.wait()
    obj = c.objective
    theta = g.theta_shown
    pred = forward_classes(obj, theta, obj.X)
    for k in (0, 5, len(g.rows) - 1):
        row = g.rows[k]
        p = obj.probabilities(theta, obj.raw_X[row][None])[0]
        assert p.argmax() == pred[row]
        assert g.describe_sample(k) == (f"row {row + 1}: label {obj.labels[row]}; {g.label} predicts {pred[row]} "
                                        f"(p = {p.max():.3f})")
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)  # the Data view's plots laid out
    s, gap = g.side, 2
    centre = g.images_plot.vb.mapViewToScene(QtCore.QPointF(1 * (s + gap) + s / 2, s / 2))  # sample 1
    window._net_data_moved((centre,))
    assert window.data_hover.text() == g.describe_sample(1)
