"""Presentation details of issue 11: formulas undefined at the start, runs added with η that moves, shortcuts after
editing a field, the pace of presets, label fields and the scene note after moving the start."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui_helpers import focus_plot


def test_space_plays_again_after_typing_into_stop_at_and_pressing_enter(qtbot, window):
    focus_plot(qtbot, window)
    window.stop_at.setFocus(QtCore.Qt.OtherFocusReason)
    qtbot.waitUntil(lambda: window.stop_at.hasFocus(), timeout=2000)
    window.stop_at.selectAll()
    qtbot.keyClicks(window.stop_at, "250")
    qtbot.keyClick(window.stop_at, QtCore.Qt.Key_Return)
    assert QtWidgets.QApplication.focusWidget() is window.contour_widget
    assert window.stop_at.value() == 250 and window.c.stop_at == 250
    assert not window.c.playing
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_Space)
    assert window.c.playing
    assert window.stop_at.value() == 250 and window.c.stop_at == 250
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_Space)
    assert not window.c.playing


def _add(window, title: str) -> None:
    act = next(a for a in window.optimizers_panel.add_button.menu().actions() if a.text() == title)
    act.trigger()


def test_an_added_run_moves_visibly_and_says_where_its_lr_came_from(qtbot, window):
    _add(window, "Nesterov (look-ahead)")
    run = window.c.scene.optimizers[-1]
    assert run.type == "nag" and run.hyperparams["lr"] > 0.01  # torch's default, 0.001, sits still
    editor = window.optimizers_panel.editors[-1]
    note = editor.lr_note.text()
    assert editor.lr_note.isVisibleTo(editor)
    assert note.startswith(f"η = {run.hyperparams['lr']:.2g}: ") and "torch's default is 0.001" in note
    assert note in window.statusBar().currentMessage()
    window.act_step.trigger()
    for _ in range(19):
        window.c.step(1)
    k = window.c.session_index(len(window.c.scene.optimizers) - 1)
    import numpy as np
    tr = window.c.snapshot.trajectory(k)
    x0, x1, y0, y1 = window.c.objective.bounds
    assert np.sum(np.hypot(*np.diff(tr, axis=1))) >= 0.02 * min(x1 - x0, y1 - y0)
    # the user's own η replaces the note
    editor.form.spins["lr"].setValue(0.05)
    assert not editor.lr_note.isVisibleTo(editor)


def test_an_added_run_of_an_existing_type_copies_its_hyperparameters(window):
    _add(window, "Momentum")
    src, new = window.c.scene.optimizers[1], window.c.scene.optimizers[-1]
    assert new.type == src.type == "momentum" and new.hyperparams == src.hyperparams
    assert new.label == "Momentum-2"
    assert window.optimizers_panel.editors[-1].lr_note.text() == "η = 0.1: copied from run 'Momentum'"


def test_run_labels_show_their_beginning(window):
    from engine import RESOURCES

    assert window.open_preset(RESOURCES / "presets" / "08_adam_bias_correction.json")
    field = window.optimizers_panel.editors[1].label
    assert field.text() == "Adam, no bias correction"
    assert field.cursorPosition() == 0
    assert field.minimumWidth() >= field.fontMetrics().horizontalAdvance("Adam, no bias corr")
    _add(window, "Adam (no bias correction)")
    field = window.optimizers_panel.editors[-1].label
    assert field.text() == "Adam (no bias correction)" and field.cursorPosition() == 0


def test_enter_in_a_dock_number_field_commits_it_and_frees_the_shortcuts(qtbot, window):
    spin = window.optimizers_panel.editors[0].form.spins["lr"]
    spin.setFocus(QtCore.Qt.OtherFocusReason)
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0.5")
    qtbot.keyClick(spin.lineEdit(), QtCore.Qt.Key_Escape)
    assert QtWidgets.QApplication.focusWidget() is window.contour_widget
    assert window.c.scene.optimizers[0].hyperparams["lr"] == 0.5
    qtbot.keyClick(window.contour_widget, QtCore.Qt.Key_Right)
    assert window.c.snapshot.step == 1


def test_a_preset_brings_its_pace_and_save_writes_the_windows(window, tmp_path):
    import json

    from engine import DEFAULT_SCENE, RESOURCES

    assert window.open_preset(RESOURCES / "presets" / "04_adagrad_vs_rmsprop.json")
    assert window.spf.value() == window.c.steps_per_frame == 6  # 1,500 steps in 250 frames: 10 s, not 60
    window.c.play()
    window.c._tick()
    assert window.c.snapshot.step == 6
    window.c.pause()
    window.spf.setValue(3)
    out = tmp_path / "paced.json"
    assert window.save_scene(str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["steps_per_frame"] == 3
    assert window.open_scene(str(DEFAULT_SCENE))
    assert window.spf.value() == window.c.steps_per_frame == 1  # 30 steps: one a frame
    assert window.open_scene(str(out))
    assert window.spf.value() == window.c.steps_per_frame == 3


def test_a_formula_undefined_at_the_start_keeps_its_text_and_offers_a_start_inside(qtbot, window):
    import numpy as np

    from gui_helpers import plain

    c, panel = window.c, window.objective_panel
    panel.combo.setCurrentIndex(panel.combo.findData("formula"))
    assert c.objective.start == (-3.5, 2.0)
    before = dict(c.scene.objective)
    panel.formula.clear()
    qtbot.keyClicks(panel.formula, "log(x) + y**2")
    qtbot.keyClick(panel.formula, QtCore.Qt.Key_Return)
    # refused, with what and where; the text stays and so does the scene
    assert c.scene.objective == before and panel.formula.text() == "log(x) + y**2"
    status = plain(panel.formula_status.text())
    assert status == "✗ f is not defined at the start (-3.5, 2): f(-3.5, 2) = nan"
    assert "valid" not in status
    assert panel.domain_start.isVisibleTo(panel)
    xs = np.linspace(-5, 5, 200)
    offered = (xs[100], xs[np.argmin(abs(xs - 2.0))])
    assert panel.domain_start.text() == f"Start at ({offered[0]:.4g}, {offered[1]:.4g})"
    # other edits do not wipe the typed text or its message
    window.optimizers_panel.editors[0].label.setText("plain GD")
    window.optimizers_panel.editors[0].label.editingFinished.emit()
    assert panel.formula.text() == "log(x) + y**2" and plain(panel.formula_status.text()) == status
    # the offer applies the formula from that start
    panel.domain_start.click()
    assert c.scene.objective["expr"] == "log(x) + y**2" and c.scene.start == offered
    assert c.session is not None and c.session.start == offered and c.snapshot.step == 0
    assert panel.formula.text() == "log(x) + y**2" and "✓ valid" in plain(panel.formula_status.text())
    assert not panel.domain_start.isVisibleTo(panel)
    window.act_step.trigger()
    assert c.snapshot.step == 1  # (the book's η jump out of log's domain from there: diverged, frozen, shown)
    # typing again hides a stale offer
    qtbot.keyClicks(panel.formula, " + 1")
    assert not panel.domain_start.isVisibleTo(panel)


def test_a_formula_defined_nowhere_on_the_view_says_so_without_an_offer(qtbot, window):
    from gui_helpers import plain

    panel = window.objective_panel
    panel.combo.setCurrentIndex(panel.combo.findData("formula"))
    panel.formula.setText("log(-abs(x) - 1)")
    panel.apply_formula.click()
    assert "it is not defined anywhere on this view either" in plain(panel.formula_status.text())
    assert not panel.domain_start.isVisibleTo(panel)
    assert window.c.scene.objective["expr"] == "x**2/20 + y**2"


def test_the_scene_note_says_when_the_start_was_moved(qtbot, window):
    from gui_helpers import click_data_point, plain

    note = window.teach_panel.note
    assert window.c.scene.start == (-7.0, 2.0) and "Start moved" not in plain(note.text())
    original = plain(note.text())
    # clicking the map
    click_data_point(qtbot, window, 4.0, -3.0)
    x, y = window.c.scene.start
    assert abs(x - 4.0) < 0.2 and abs(y + 3.0) < 0.2
    text = plain(note.text())
    assert text.startswith(original)
    assert text.endswith(f"Start moved to ({x:.4g}, {y:.4g}): the explanation above refers to the scene's start "
                         "(-7, 2).")
    # editing the start in the Objective dock
    window.objective_panel.start_x.setValue(1.5)
    assert f"Start moved to (1.5, {y:.4g})" in plain(note.text())
    # back at the scene's start: the line goes
    window.objective_panel.start_x.setValue(-7.0)
    window.objective_panel.start_y.setValue(2.0)
    assert window.c.scene.start == (-7.0, 2.0) and plain(note.text()) == original
