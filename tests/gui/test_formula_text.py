"""Formulas in the seed's notation render with each hat on its own letter (issue: "β₁̂m", "(1̂−β₂)", "∇̂f")."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from engine import OPTIMIZERS
from engine.explain import QUANTITIES
from gui.style import math_html


def _ink(html: str, size: float) -> np.ndarray:
    """Dark-pixel mask of ``html`` drawn by a QLabel (the widget the rule panel and the run editors use)."""
    label = QtWidgets.QLabel()
    label.setTextFormat(QtCore.Qt.RichText)
    font = label.font()
    font.setPointSizeF(size)
    label.setFont(font)
    label.setStyleSheet("QLabel { background: white; color: black; }")
    label.setText(html)
    label.adjustSize()
    img = label.grab().toImage().convertToFormat(QtGui.QImage.Format_Grayscale8)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    return (np.frombuffer(bytes(img.constBits()), np.uint8)[: bpl * h].reshape(h, bpl)[:, :w] < 128)


def _columns(mask: np.ndarray) -> np.ndarray:
    return np.flatnonzero(mask.any(axis=0))


@pytest.mark.parametrize("size", [8.0, 9.0, 11.0, 16.0])
@pytest.mark.parametrize("letter", ["m", "v", "x"])
def test_the_hat_sits_above_its_own_letter(qtbot, letter, size):
    """Draw "a = <letter>̂ + b" and "a = <letter> + b": the only extra ink is the hat, above the letter and within
    its columns (not on the next glyph, not missing)."""
    html = math_html(f"a = {letter}\u0302 + b")
    plain = _ink(html.replace("\u0302", ""), size)  # the same fonts, without the hat
    hatted = _ink(html, size)
    assert plain.shape == hatted.shape, "the hat must not move the glyphs after it"
    extra = hatted & ~plain
    assert extra.sum() >= 2, "the hat is missing"
    # the letter's columns: ink in the plain rendering between the '=' and the '+'
    cols = _columns(plain)
    gaps = np.flatnonzero(np.diff(cols) > 1)
    runs = np.split(cols, gaps + 1)  # a, =, letter, +, b
    letter_cols = runs[2]
    ex_cols, ex_rows = _columns(extra), np.flatnonzero(extra.any(axis=1))
    assert letter_cols[0] - 1 <= ex_cols[0] and ex_cols[-1] <= letter_cols[-1] + 1
    top_of_letter = np.flatnonzero(plain[:, letter_cols].any(axis=1))[0]
    assert ex_rows[-1] <= top_of_letter + 1, "the hat must be above the letter"


def test_every_hat_in_the_rules_and_quantities_goes_through_math_html():
    texts = [spec.rule for spec in OPTIMIZERS.values()] + [title for title, _ in QUANTITIES.values()]
    hatted = [t for t in texts if "\u0302" in t]
    assert hatted  # Adam's m̂, v̂
    for t in hatted:
        out = math_html(t)
        assert out.count("font-family") == t.count("\u0302")
