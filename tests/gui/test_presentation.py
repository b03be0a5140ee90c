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
