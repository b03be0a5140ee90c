"""Edits that restart the race: objective, batch strategy, start point, the set of runs; and bad input that must not."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from gui_helpers import BOOK, click_data_point, image_covers_view, legend_labels, plain


def pick_objective(window, name: str) -> None:
    combo = window.objective_panel.combo
    combo.setCurrentIndex(combo.findData(name))


def assert_at_step_0(window) -> None:
    c = window.c
    assert c.snapshot.step == 0 and c.session.step_count == 0
    assert window.status_step.text().startswith("step 0")
    for i, r in enumerate(c.snapshot.runs):
        assert r.n_points == 1 and r.point == c.session.start
        x, y = window.contour.lines[i].getData()
        assert (list(x), list(y)) == ([c.session.start[0]], [c.session.start[1]])
        lx, _ly = window.loss.full[i].getData()
        assert list(lx) == [0]


# ---- objective -----------------------------------------------------------------------------------------------------

def test_switching_objective_resets_and_redraws(window):
    c = window.c
    for _ in range(4):
        window.act_step.trigger()
    image_before = np.array(window.contour.image.image, copy=True)
    objective_before = c.objective

    pick_objective(window, "rosenbrock")

    assert c.scene.objective == {"name": "rosenbrock"}
    assert c.objective is not objective_before and c.objective.name == "rosenbrock"
    image_after = window.contour.image.image
    assert not np.array_equal(image_after, image_before)
    assert np.allclose(window.contour.image.image, window.contour_data.image)
    assert image_covers_view(window.contour.plot, window.contour.image)
    # the start follows the new surface's suggestion (the old scene's start is dropped)
    assert c.scene.start is None and c.session.start == tuple(c.objective.start)
    assert_at_step_0(window)
    sx, sy = window.contour.start.getData()
    assert (sx[0], sy[0]) == c.session.start
    mx, my = window.contour.minima.getData()
    assert (list(mx), list(my)) == ([1.0], [1.0])
    # the view shows the new surface's bounds and the title no longer names the book's scene
    x0, x1, y0, y1 = c.objective.bounds
    (vx0, vx1), (vy0, vy1) = window.contour.plot.vb.viewRange()
    eps = 1e-9
    assert vx0 <= x0 + eps and vx1 >= x1 - eps and vy0 <= y0 + eps and vy1 >= y1 - eps  # the whole surface shows
    assert np.allclose([vx0, vx1], [x0, x1]) or np.allclose([vy0, vy1], [y0, y1])  # and fills one axis
    assert "book" not in window.windowTitle().lower()
    # and the next Step moves on the new surface
    window.act_step.trigger()
    assert c.snapshot.step == 1
    ref = c.scene.build_session().step(1)
    assert [r.point for r in c.snapshot.runs] == [r.point for r in ref.runs]


def test_objective_knob_resets_and_redraws(window):
    c = window.c
    pick_objective(window, "rosenbrock")
    window.act_step.trigger()
    image_before = np.array(window.contour.image.image, copy=True)
    window.objective_panel.knobs.spins["b"].setValue(10.0)
    assert c.scene.objective == {"name": "rosenbrock", "b": 10.0}
    assert (c.objective.a, c.objective.b) == (1.0, 10.0)
    assert not np.array_equal(window.contour.image.image, image_before)
    assert_at_step_0(window)


# ---- batch strategy -------------------------------------------------------------------------------------------------

def test_batch_strategies_reset_and_report_iterations(window):
    c = window.c
    bp = window.batch_panel
    assert not bp.box.isEnabled()  # the bowl has an exact gradient: no batches
    assert "data-defined" in bp.explain.text()

    pick_objective(window, "linear_regression")
    window.objective_panel.knobs.spins["samples"].setValue(1050)
    assert c.objective.is_data and c.objective.n_samples == 1050
    assert bp.box.isEnabled()
    assert bp.buttons["full"].isChecked()
    assert "1050 samples" in bp.info.text() and "1 iteration per epoch" in bp.info.text()
    window.act_step.trigger()
    window.act_step.trigger()
    image_before = np.array(window.contour.image.image, copy=True)

    bp.buttons["minibatch"].click()
    bp.drop_last.setChecked(True)
    bp.batch_size.setValue(100)
    assert c.scene.batch.strategy == "minibatch"
    assert (c.scene.batch.batch_size, c.scene.batch.drop_last) == (100, True)
    info = bp.info.text()
    assert "1050 samples" in info and "batch of 100" in info
    assert "10 iterations per epoch" in info and "50 rows dropped" in info
    assert_at_step_0(window)
    assert window.status_step.text() == "step 0 · epoch 0 · iteration 0/10"
    assert np.array_equal(window.contour.image.image, image_before)  # same surface, the race restarted
    assert len(window.loss.batch) == len(c.snapshot.runs)  # mini-batch losses get their own faint curves

    for _ in range(10):
        window.act_step.trigger()
    assert window.status_step.text() == "step 10 · epoch 1 · iteration 0/10"
    bx, by = window.loss.batch[0].getData()
    assert len(bx) == 10 and np.all(np.isfinite(by))
    ref = c.scene.build_session().step(10)
    assert [r.point for r in c.snapshot.runs] == [r.point for r in ref.runs]

    bp.drop_last.setChecked(False)
    assert "11 iterations per epoch" in bp.info.text() and "no rows dropped" in bp.info.text()
    assert_at_step_0(window)

    bp.buttons["stochastic"].click()
    assert c.scene.batch.strategy == "stochastic"
    assert "batch of 1" in bp.info.text() and "1050 iterations per epoch" in bp.info.text()
    assert not bp.batch_size.isEnabled() and bp.shuffle.isEnabled()
    assert_at_step_0(window)

    bp.buttons["full"].click()
    assert c.scene.batch.strategy == "full" and not window.loss.batch
    assert window.status_step.text() == "step 0"


def test_a_batch_larger_than_the_data_is_refused(window):
    c = window.c
    pick_objective(window, "linear_regression")
    window.objective_panel.knobs.spins["samples"].setValue(60)
    window.batch_panel.buttons["minibatch"].click()
    assert window.batch_panel.batch_size.maximum() == 60  # the spin box cannot even go beyond N
    before = c.scene
    # beyond N through the controller directly: an error, nothing changes
    from engine import BatchConfig

    assert not c.set_batch(BatchConfig("minibatch", 61))
    assert c.scene == before
    assert "larger than the 60 samples" in window._error_box.text()


# ---- start point ----------------------------------------------------------------------------------------------------

def test_clicking_the_contour_sets_the_start(window, qtbot):
    c = window.c
    for _ in range(3):
        window.act_step.trigger()
    px, py = window.contour.plot.vb.viewPixelSize()
    target = (3.0, -2.0)
    click_data_point(qtbot, window, *target)

    sx, sy = c.scene.start
    assert abs(sx - target[0]) <= 1.0 * px and abs(sy - target[1]) <= 1.0 * py
    assert c.session.start == (sx, sy)
    assert_at_step_0(window)
    hx, hy = window.contour.start.getData()
    assert (hx[0], hy[0]) == (sx, sy)
    # the panel's start spin boxes follow
    assert window.objective_panel.start_x.value() == pytest.approx(sx, abs=1e-5)
    assert window.objective_panel.start_y.value() == pytest.approx(sy, abs=1e-5)
    assert "Start point set" in window.statusBar().currentMessage()
    window.act_step.trigger()
    ref = c.scene.build_session().step(1)
    assert [r.point for r in c.snapshot.runs] == [r.point for r in ref.runs]


def test_the_legend_is_outside_the_map_and_clicking_a_run_explains_it(window, qtbot):
    """The legend used to sit on the map, hiding level-curve labels, the start and trajectories."""
    legend = window.run_legend
    top_left = legend.mapTo(window, QtCore.QPoint(0, 0))
    view = window.contour_widget
    view_top = view.mapTo(window, QtCore.QPoint(0, 0)).y()
    assert legend.isVisible() and top_left.y() + legend.height() <= view_top
    assert legend_labels(window) == [r.label for r in window.c.snapshot.runs]
    window._legend_clicked("run:2")
    assert window.teach_panel.run_combo.currentText() == window.c.snapshot.runs[2].label


def test_start_spin_boxes_set_the_start(window):
    c = window.c
    window.act_step.trigger()
    window.objective_panel.start_x.setValue(-4.5)
    assert c.scene.start[0] == -4.5
    assert_at_step_0(window)


# ---- the set of runs -------------------------------------------------------------------------------------------------

def test_removing_copying_and_disabling_runs_redraw_the_views(window, qtbot):
    c = window.c
    panel = window.optimizers_panel

    def check_views():
        labels = [r.label for r in c.scene.optimizers if r.enabled]
        assert [r.label for r in c.snapshot.runs] == labels
        assert len(window.contour.lines) == len(window.loss.full) == len(labels)
        assert legend_labels(window) == labels
        assert len(panel.editors) == len(c.scene.optimizers)
        assert_at_step_0(window)

    window.act_step.trigger()
    rm = [b for b in panel.editors[1].findChildren(QtWidgets.QToolButton) if b.text() == "✕"][0]
    qtbot.mouseClick(rm, QtCore.Qt.LeftButton)
    assert [r.label for r in c.scene.optimizers] == ["SGD", "AdaGrad", "Adam"]
    check_views()

    window.act_step.trigger()
    copy = [b for b in panel.editors[0].findChildren(QtWidgets.QToolButton) if b.text() == "Copy"][0]
    qtbot.mouseClick(copy, QtCore.Qt.LeftButton)
    assert [r.label for r in c.scene.optimizers] == ["SGD", "SGD-2", "AdaGrad", "Adam"]
    assert c.scene.optimizers[1].color not in {r.color for i, r in enumerate(c.scene.optimizers) if i != 1}
    check_views()

    window.act_step.trigger()
    panel.editors[2].enabled.click()
    check_views()
    assert len(c.snapshot.runs) == 3

    for e in panel.editors:
        if e.enabled.isChecked():
            e.enabled.click()
    assert c.session is None and c.snapshot is None
    assert window.status_step.text() == "no runs"
    assert window.contour.lines == [] and window.loss.full == []
    window.act_step.trigger()  # nothing to step: a message, no error
    assert "enable an optimizer" in window.statusBar().currentMessage()
    panel.editors[0].enabled.click()
    check_views()


def test_removing_the_last_run_is_refused(window, qtbot):
    c = window.c
    for _ in range(3):
        rm = [b for b in window.optimizers_panel.editors[0].findChildren(QtWidgets.QToolButton)
              if b.text() == "✕"][0]
        qtbot.mouseClick(rm, QtCore.Qt.LeftButton)
    assert len(c.scene.optimizers) == 1
    rm = [b for b in window.optimizers_panel.editors[0].findChildren(QtWidgets.QToolButton) if b.text() == "✕"][0]
    qtbot.mouseClick(rm, QtCore.Qt.LeftButton)
    assert len(c.scene.optimizers) == 1
    assert "at least one optimizer" in window._error_box.text()


# ---- bad input keeps the state --------------------------------------------------------------------------------------

BAD_SCENES = {
    "invalid_json": ('{"version": 1, "objective": {"name": "bowl"}, ', "invalid JSON"),
    "unknown_optimizer": ('{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "lbfgs"}]}',
                          "optimizers[0].type"),
    "bad_lr": ('{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "lr": -1}]}',
               "Invalid learning rate"),
    "bad_amsgrad": ('{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "adam", "amsgrad": 1}]}',
                    "Invalid amsgrad value: 1 (expected true or false)"),
    # parses, but the session cannot start: the loss is not finite at the start point
    "nan_at_start": ('{"version": 1, "objective": {"name": "formula", "expr": "log(x)"}, "start": [-1, 1], '
                     '"optimizers": [{"type": "sgd"}]}', "not finite"),
    "missing_csv": ('{"version": 1, "objective": {"name": "linear_regression", "csv": "nowhere.csv"}, '
                    '"optimizers": [{"type": "sgd"}]}', "nowhere.csv"),
}


@pytest.mark.parametrize("case", list(BAD_SCENES))
def test_opening_a_bad_scene_keeps_the_current_one(window, tmp_path, case):
    text, expected = BAD_SCENES[case]
    c = window.c
    window.optimizers_panel.editors[0].form.spins["lr"].setValue(0.5)
    for _ in range(3):
        window.act_step.trigger()
    before = c.current_scene().to_dict()
    session, objective, title = c.session, c.objective, window.windowTitle()
    image = np.array(window.contour.image.image, copy=True)
    path = tmp_path / f"{case}.json"
    path.write_text(text, encoding="utf-8")

    assert window.open_scene(str(path)) is False

    assert expected in window._error_box.text()
    assert window._error_box.isVisible()
    assert expected in window.statusBar().currentMessage()
    assert c.current_scene().to_dict() == before
    assert c.session is session and c.objective is objective
    assert c.snapshot.step == 3 and window.status_step.text() == "step 3"
    assert window.scene_path is None and window.windowTitle() == title
    assert np.array_equal(window.contour.image.image, image)
    # and the race goes on where it was
    window.act_step.trigger()
    assert c.snapshot.step == 4


def test_opening_a_missing_file_keeps_the_current_scene(window, tmp_path):
    before = window.c.current_scene().to_dict()
    assert window.open_scene(str(tmp_path / "nope.json")) is False
    assert "not found" in window._error_box.text()
    assert window.c.current_scene().to_dict() == before


def test_an_invalid_formula_is_explained_and_not_applied(window, qtbot):
    c = window.c
    pick_objective(window, "formula")
    panel = window.objective_panel
    assert panel.formula_box.isVisible()
    assert c.scene.objective["expr"] == "x**2/20 + y**2"
    window.act_step.trigger()
    objective, settings = c.objective, dict(c.scene.objective)

    panel.formula.clear()
    qtbot.keyClicks(panel.formula, "x**2 + * y")
    status = plain(panel.formula_status.text())
    assert "column 8" in status and "unexpected '*'" in status
    assert not panel.apply_formula.isEnabled()
    qtbot.keyClick(panel.formula, QtCore.Qt.Key_Return)
    assert c.objective is objective and c.scene.objective == settings
    assert c.snapshot.step == 1

    panel.formula.clear()
    qtbot.keyClicks(panel.formula, "x + foo(y)")
    status = plain(panel.formula_status.text())
    assert "column 5" in status and "unknown name 'foo'" in status
    qtbot.keyClick(panel.formula, QtCore.Qt.Key_Return)
    assert c.objective is objective

    # a valid one is applied on Enter, and resets
    panel.formula.clear()
    qtbot.keyClicks(panel.formula, "x**2 + 3*y**2")
    assert "valid" in plain(panel.formula_status.text())
    assert panel.apply_formula.isEnabled()
    qtbot.keyClick(panel.formula, QtCore.Qt.Key_Return)
    assert c.objective is not objective and c.scene.objective["expr"] == "x**2 + 3*y**2"
    assert c.snapshot.step == 0


def test_bad_formula_bounds_are_refused(window):
    c = window.c
    pick_objective(window, "formula")
    settings = dict(c.scene.objective)
    panel = window.objective_panel
    panel.bounds[0].setValue(5.0)
    panel.bounds[1].setValue(-5.0)
    panel.apply_formula.click()
    assert "x min must be below x max" in window._error_box.text()
    assert c.scene.objective == settings


def test_open_scene_from_the_default_scene_file(window):
    assert window.open_scene(str(BOOK))
    assert window.windowTitle().startswith("book_comparison.json")
    assert window.c.snapshot.step == 0


def test_rebuilt_run_editors_never_become_windows_of_their_own(window, qtbot):
    """Adding runs rebuilds the editors; the old ones used to be made top-level (setParent(None)) and a pending
    layout event then showed them as stray windows over the main one."""
    from engine import OPTIMIZERS

    types = list(OPTIMIZERS)
    while len(window.c.scene.optimizers) < 8:
        window.c.add_run(types[len(window.c.scene.optimizers) % len(types)])
    from gui.panels import RunEditor

    # the replaced editors are still alive here (deleteLater): none of them may be a window of its own
    assert [e for e in QtWidgets.QApplication.allWidgets() if isinstance(e, RunEditor) and e.isWindow()] == []
    window.c.step(3)
    qtbot.wait(50)
    stray = [w for w in QtWidgets.QApplication.topLevelWidgets() if w.isVisible() and w is not window
             and not isinstance(w, QtWidgets.QMenu)]
    assert stray == []
