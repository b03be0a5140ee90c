"""Files and persistence: PNG export (window and headless), scene save/open round trips, remembered layout, and
the keyboard shortcuts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

import gui.main_window as main_window_module
from engine import load_scene, scene_from_dict
from gui_helpers import BOOK, CSV_SCENE, focus_plot, legend_labels, make_settings, png_info, trajectories

ROOT = Path(__file__).resolve().parents[2]


def press_step(window, n: int) -> None:
    for _ in range(n):
        window.act_step.trigger()


# ---- PNG export --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["both", "contour", "loss"])
def test_export_png_writes_the_requested_width(window, tmp_path, view):
    press_step(window, 10)
    path = tmp_path / f"{view}.png"
    assert window.export_png(str(path), 900, view) is True
    width, height, colours = png_info(path)
    assert width == 900 and height > 0
    assert colours > 20  # a real picture, not a blank canvas
    assert f"Exported {path}" in window.statusBar().currentMessage()
    assert (window.export_width, window.export_view) == (900, view)
    # exporting never disturbs the race
    assert window.c.snapshot.step == 10


def test_export_png_differs_with_the_race(window, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    assert window.export_png(str(a), 600, "contour")
    press_step(window, 20)
    assert window.export_png(str(b), 600, "contour")
    assert a.read_bytes() != b.read_bytes()


def test_export_png_errors_keep_an_earlier_file(window, tmp_path):
    good = tmp_path / "race.png"
    assert window.export_png(str(good), 700, "both")
    earlier = good.read_bytes()

    missing = tmp_path / "no such folder" / "race.png"
    assert window.export_png(str(missing), 700, "both") is False
    assert "does not exist" in window._error_box.text()
    assert window._error_box.isVisible()
    assert "does not exist" in window.statusBar().currentMessage()
    assert not missing.parent.exists()

    # a failure on the same path (width out of range) leaves the earlier file exactly as it was
    assert window.export_png(str(good), 100, "both") is False
    assert "out of range" in window._error_box.text()
    assert good.read_bytes() == earlier
    # a folder in the way
    (tmp_path / "folder.png").mkdir()
    assert window.export_png(str(tmp_path / "folder.png"), 700, "both") is False
    assert "is a folder" in window._error_box.text()
    assert {p.name for p in tmp_path.iterdir()} - {"settings"} == {"folder.png", "race.png"}  # no temporary left
    # the failed exports did not change the remembered width
    assert window.export_width == 700


def test_headless_png_from_the_command_line(tmp_path):
    out = tmp_path / "book.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "main.py", "--headless", "--scene", "resources/scenes/book_comparison.json",
         "--steps", "30", "--png", str(out), "--width", "900"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    width, height, colours = png_info(out)
    assert width == 900 and height > 0 and colours > 20
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and all("after 30 steps" in line for line in lines)


# ---- scene round trips -------------------------------------------------------------------------------------

def race(window, n: int) -> list[np.ndarray]:
    window.act_reset.trigger()
    press_step(window, n)
    assert window.c.snapshot.step == n
    snap = window.c.snapshot
    out = trajectories(snap)
    for i in range(len(snap.runs)):
        b = snap.batch_losses(i)
        if b is not None:
            out.append(np.array(b, copy=True))
    return out


def assert_same_race(a: list[np.ndarray], b: list[np.ndarray]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert np.array_equal(x, y, equal_nan=True)


def test_saved_scene_round_trips(window, make_window, qtbot, tmp_path, monkeypatch):
    c = window.c
    panel = window.optimizers_panel
    # lr of SGD
    panel.editors[0].form.spins["lr"].setValue(0.4)
    # label of Momentum, typed
    label = panel.editors[1].label
    label.selectAll()
    qtbot.keyClicks(label, "Heavy ball")
    qtbot.keyClick(label, QtCore.Qt.Key_Return)
    assert c.scene.optimizers[1].label == "Heavy ball"
    # colour of AdaGrad, through its colour button (the dialog answers #123456)
    monkeypatch.setattr(QtWidgets.QColorDialog, "getColor", staticmethod(lambda *a, **k: QtGui.QColor("#123456")))
    qtbot.mouseClick(panel.editors[2].color, QtCore.Qt.LeftButton)
    assert c.scene.optimizers[2].color == "#123456"
    # Adam disabled, a stop-at limit
    panel.editors[3].enabled.click()
    window.stop_at.setValue(45)
    assert [r.enabled for r in c.scene.optimizers] == [True, True, True, False]
    # the edits show in the views at once
    assert legend_labels(window) == ["SGD", "Heavy ball", "AdaGrad"]
    assert window.contour.lines[2].opts["pen"].color().name() == "#123456"

    path = tmp_path / "edited scene.json"
    assert window.save_scene(str(path))
    assert window.scene_path == str(path) and window.windowTitle().startswith("edited scene.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["optimizers"][0]["lr"] == 0.4 and saved["optimizers"][1]["label"] == "Heavy ball"
    assert saved["optimizers"][2]["color"] == "#123456" and saved["optimizers"][3]["enabled"] is False
    assert saved["steps"] == 45

    other = make_window(settings=make_settings(tmp_path / "other.ini"))
    assert other.open_scene(str(path))
    assert other.c.current_scene().to_dict() == c.current_scene().to_dict()
    assert other.stop_at.value() == 45
    assert [e.label.text() for e in other.optimizers_panel.editors] == ["SGD", "Heavy ball", "AdaGrad", "Adam"]
    assert not other.optimizers_panel.editors[3].enabled.isChecked()
    assert other.optimizers_panel.editors[0].form.spins["lr"].value() == 0.4
    assert_same_race(race(window, 30), race(other, 30))


def test_saved_data_scene_round_trips(make_window, tmp_path):
    window = make_window(scene_from_dict({
        "version": 1, "objective": {"name": "linear_regression", "samples": 500, "noise": 1.5},
        "optimizers": [{"type": "sgd", "lr": 0.1}, {"type": "momentum", "lr": 0.02}, {"type": "adam", "lr": 0.1}],
    }))
    c = window.c
    bp = window.batch_panel
    bp.buttons["minibatch"].click()
    bp.batch_size.setValue(48)
    bp.drop_last.setChecked(False)
    bp.seed.setValue(7)
    window.optimizers_panel.editors[2].form.spins["lr"].setValue(0.05)
    assert c.scene.batch.to_dict() == {"strategy": "minibatch", "batch_size": 48, "shuffle": True,
                                       "drop_last": False}
    assert c.scene.seed == 7 and c.scene.optimizers[2].hyperparams["lr"] == 0.05

    path = tmp_path / "data.json"
    assert window.save_scene(str(path))
    other = make_window(settings=make_settings(tmp_path / "other.ini"))
    assert other.open_scene(str(path))
    assert other.c.current_scene().to_dict() == c.current_scene().to_dict()
    assert other.batch_panel.buttons["minibatch"].isChecked()
    assert other.batch_panel.batch_size.value() == 48 and other.batch_panel.seed.value() == 7
    assert other.batch_panel.info.text() == bp.info.text()
    assert_same_race(race(window, 25), race(other, 25))


def test_the_whole_seed_range_of_a_scene_fits_the_seed_box(make_window, tmp_path):
    """Scenes allow seeds up to 2**32 - 1 (a QSpinBox would stop at 2**31 - 1 and show a different seed)."""
    big = 2**32 - 1
    window = make_window(scene_from_dict({
        "version": 1, "objective": {"name": "linear_regression", "samples": 200}, "seed": 4_000_000_000,
        "batch": {"strategy": "minibatch", "batch_size": 16}, "optimizers": [{"type": "sgd", "lr": 0.05}],
    }))
    bp = window.batch_panel
    assert bp.seed.value() == 4_000_000_000 == window.c.scene.seed
    bp.seed.setValue(big)
    assert window.c.scene.seed == big and window.c.session.seed == big
    bp.seed.setValue(2**32 + 10)  # beyond the range: clamped, never an error
    assert bp.seed.value() == big == window.c.scene.seed
    path = tmp_path / "seed.json"
    assert window.save_scene(str(path))
    assert json.loads(path.read_text())["seed"] == big


def test_csv_scene_saved_elsewhere_still_finds_its_data(make_window, tmp_path):
    """A scene naming its CSV relative to its own folder must still find the data when saved into another folder."""
    window = make_window(load_scene(CSV_SCENE))
    assert window.c.objective.n_samples == 80
    path = tmp_path / "elsewhere" / "csv.json"
    path.parent.mkdir()
    assert window.save_scene(str(path))
    other = make_window(settings=make_settings(tmp_path / "other.ini"))
    assert other.open_scene(str(path)), other._error_box and other._error_box.text()
    assert other.c.objective.n_samples == 80
    a, b = window.c.current_scene().to_dict(), other.c.current_scene().to_dict()
    a["objective"].pop("csv"), b["objective"].pop("csv")
    assert a == b
    assert_same_race(race(window, 20), race(other, 20))


def test_save_errors_keep_the_file_and_the_scene_path(window, tmp_path):
    path = tmp_path / "scene.json"
    assert window.save_scene(str(path))
    earlier = path.read_bytes()
    bad = tmp_path / "missing" / "scene.json"
    assert window.save_scene(str(bad)) is False
    assert "does not exist" in window._error_box.text()
    assert window.scene_path == str(path)
    assert path.read_bytes() == earlier


# ---- layout memory -----------------------------------------------------------------------------------------

def test_layout_and_export_settings_are_remembered(make_window, settings_path, qtbot, tmp_path):
    first = make_window()
    # a size that fits the offscreen screen (800 x 800), so restoreGeometry has no reason to shrink it
    avail = QtGui.QGuiApplication.primaryScreen().availableGeometry()
    size = QtCore.QSize(min(760, avail.width() - 40), min(700, avail.height() - 60))
    first.resize(size)
    qtbot.waitUntil(lambda: first.size() == size, timeout=2000)
    left = QtCore.Qt.LeftDockWidgetArea
    assert first.dockWidgetArea(first.objective_dock) == QtCore.Qt.RightDockWidgetArea
    first.addDockWidget(left, first.objective_dock)
    first.batch_dock.hide()
    total = sum(first.splitter.sizes())
    first.splitter.setSizes([total - 120, 120])
    sizes = first.splitter.sizes()
    assert sizes[1] == 120
    assert first.export_png(str(tmp_path / "x.png"), 800, "loss")
    first.close()
    assert settings_path.exists()
    assert make_settings(settings_path).value("window/state") is not None

    second = make_window()
    assert second.size() == size
    assert second.dockWidgetArea(second.objective_dock) == left
    assert second.batch_dock.isHidden()
    assert not second.batch_dock.toggleViewAction().isChecked()
    assert not second.optimizers_dock.isHidden()
    assert second.splitter.sizes() == sizes
    assert (second.export_width, second.export_view) == (800, "loss")
    # and View ▸ Batch strategy brings it back
    second.batch_dock.toggleViewAction().trigger()
    assert not second.batch_dock.isHidden()


# ---- keyboard shortcuts ------------------------------------------------------------------------------------

def test_shortcuts_are_bound(window):
    expected = {
        window.act_step: QtGui.QKeySequence(QtCore.Qt.Key_Right),
        window.act_play: QtGui.QKeySequence(QtCore.Qt.Key_Space),
        window.act_reset: QtGui.QKeySequence(QtCore.Qt.Key_R),
        window.act_export: QtGui.QKeySequence("Ctrl+E"),
        window.act_open: QtGui.QKeySequence("Ctrl+O"),
        window.act_save: QtGui.QKeySequence("Ctrl+S"),
    }
    for action, seq in expected.items():
        assert seq in action.shortcuts(), (action.text(), [s.toString() for s in action.shortcuts()])
        assert action in window.actions()  # window-wide, whichever dock has the focus
    # the tooltips name the key
    assert "Ctrl+E" in window.act_export.toolTip()


def test_shortcut_keys_trigger_their_actions(window, qtbot, tmp_path, monkeypatch):
    c = window.c
    focus_plot(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key_Right)
    qtbot.keyClick(window, QtCore.Qt.Key_Right)
    assert c.snapshot.step == 2
    qtbot.keyClick(window, QtCore.Qt.Key_R)
    assert c.snapshot.step == 0

    saved = tmp_path / "keys.json"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved), "Scenes (*.json)")))
    qtbot.keyClick(window, QtCore.Qt.Key_S, QtCore.Qt.ControlModifier)
    assert saved.exists() and window.scene_path == str(saved)

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(BOOK), "Scenes (*.json)")))
    window.optimizers_panel.editors[0].form.spins["lr"].setValue(0.2)
    focus_plot(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key_O, QtCore.Qt.ControlModifier)
    assert window.scene_path == str(BOOK)
    assert c.scene.optimizers[0].hyperparams["lr"] == 0.95

    png = tmp_path / "keys.png"

    def accept(dialog):
        dialog.width.setValue(640)
        dialog.view.setCurrentIndex(dialog.view.findData("contour"))
        return QtWidgets.QDialog.Accepted

    monkeypatch.setattr(main_window_module.ExportDialog, "exec", accept)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(png), "PNG (*.png)")))
    focus_plot(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key_E, QtCore.Qt.ControlModifier)
    assert png_info(png)[0] == 640
    assert (window.export_width, window.export_view) == (640, "contour")


def test_cancelled_dialogs_change_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(main_window_module.ExportDialog, "exec", lambda self: QtWidgets.QDialog.Rejected)
    before = window.c.current_scene().to_dict()
    window.act_open.trigger()
    window.act_save.trigger()
    window.act_export.trigger()
    assert window.c.current_scene().to_dict() == before
    assert window.scene_path is None and window._error_box is None
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings"] == []


def test_export_dialogs_start_in_the_last_export_folder_with_a_name_from_title_and_step(window, tmp_path):
    from engine import RESOURCES

    # opening a preset must not make the program's own folder "the last folder"
    assert window.open_preset(RESOURCES / "presets" / "02_zigzag_gd.json")
    first = Path(window.export_suggestion("png"))
    assert RESOURCES.resolve() not in first.resolve().parents
    assert first.name == "the-zig-zag-of-plain-gradient-descent-step0.png"
    for _ in range(7):
        window.act_step.trigger()
    out = tmp_path / "figs"
    out.mkdir()
    assert window.export_png(str(out / "a.png"), width=400)
    assert Path(window.export_suggestion("png")) == out / "the-zig-zag-of-plain-gradient-descent-step7.png"
    assert Path(window.export_suggestion("csv")).name.endswith("-step7.csv")
    window.scrub_to(3)  # the step shown names the file
    assert Path(window.export_suggestion("png")).name.endswith("-step3.png")


def test_headless_png_colours_runs_without_a_colour_as_the_window_does(tmp_path):
    """A scene without colours was exported headless in black (every run, legend included)."""
    from engine import loads_scene
    from engine.headless import main as headless_main
    from gui.export import write_scene_png
    from gui.style import PALETTE

    scene = tmp_path / "plain.json"
    scene.write_text('{"version": 1, "objective": {"name": "bowl"}, "start": [-7, 2], "steps": 20, '
                     '"optimizers": [{"type": "sgd", "lr": 0.9}, {"type": "adam", "lr": 0.3, "color": "#123456"}, '
                     '{"type": "momentum", "lr": 0.05}]}')
    out = tmp_path / "plain.png"
    assert headless_main(str(scene), None, None, str(out), write_scene_png, 1000) == 0
    img = QtGui.QImage(str(out)).convertToFormat(QtGui.QImage.Format_RGB32)
    pixels = np.frombuffer(bytes(img.constBits()), np.uint8).reshape(img.height(), img.bytesPerLine())
    rgb = pixels[:, : img.width() * 4].reshape(img.height(), img.width(), 4)[..., 2::-1].reshape(-1, 3)

    def count(hex_color: str) -> int:
        c = QtGui.QColor(hex_color)
        return int(np.all(rgb == (c.red(), c.green(), c.blue()), axis=1).sum())

    # the first and third runs take the palette's first two colours (the second run has its own), as in the window
    assert count(PALETTE[0]) > 50 and count(PALETTE[1]) > 50 and count("#123456") > 50
    assert loads_scene(scene.read_text()).optimizers[0].color is None  # the scene itself is untouched
