"""Fixtures for the GUI suite: the real MainWindow, shown offscreen, with its settings in a temporary ini file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from PySide6 import QtCore

from gui_helpers import make_settings

# The window fits itself to its screen (a small screen gets the compact layout). The offscreen platform's screen is
# 800×800 unless told otherwise: give it a desktop-sized one, before pytest-qt creates the QApplication. Tests of
# small screens pass their own geometry to MainWindow._fit_to_screen.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen = Path(tempfile.mkdtemp(prefix="qt-offscreen-")) / "screen.json"
    _screen.write_text(json.dumps({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"


@pytest.fixture(scope="session", autouse=True)
def _pyqtgraph_config(qapp):
    from gui.app import collect_garbage_on_gui_thread
    from gui.style import configure

    configure()
    collect_garbage_on_gui_thread()  # as the app does: Qt objects are never collected in a worker thread


@pytest.fixture(autouse=True)
def _english_again():
    """Every test starts and ends in English (a test, or the monkey, may switch the language: it is global)."""
    yield
    from gui import i18n

    if i18n.language() != "en":
        i18n.set_language("en")


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "playground.ini"


@pytest.fixture
def make_window(qtbot, settings_path):
    """Build (and show) a MainWindow; ``settings`` defaults to the test's ini file, ``scene`` to the default scene."""

    def make(scene=None, settings: QtCore.QSettings | None = None, show: bool = True):
        from gui.main_window import MainWindow

        w = MainWindow(scene, settings=settings if settings is not None else make_settings(settings_path))
        qtbot.addWidget(w)
        if show:
            w.show()
            qtbot.waitExposed(w)
        return w

    return make


@pytest.fixture
def window(make_window):
    """The real main window on the default scene (the book's comparison: SGD, Momentum, AdaGrad, Adam on the bowl)."""
    w = make_window()
    # Fast animation frames so Play tests do not wait on the 40 ms default.
    w.interval.setValue(5)
    return w
