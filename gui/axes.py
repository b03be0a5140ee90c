"""Ticks of the log-scaled y axes (loss view, state plot): decades thinned to the axis' height, one label format."""

from __future__ import annotations

import math
from decimal import Decimal

import pyqtgraph as pg
from PySide6 import QtGui

LABEL_SPACING = 1.6  # label centres at least this many text heights apart: never touching, easy to read
# Labels inside a decade when fewer than two decades can be labelled (a short range): the densest set that keeps the
# spacing. Each set's smallest gap, in decades, is between its neighbours (9 → 10: log10(10/9)).
MANTISSAS = ((1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 5), (1, 3))
MINOR_PIXELS_PER_DECADE = 60.0  # unlabelled ticks at 2..9 × 10ⁿ only when a decade is this tall (few decades)
PLAIN_DECADES = (-3, 4)  # every label within 10⁻³ .. 10⁴: plain numbers (0.001, 20, 10000); else all m·10ⁿ
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def step_1_2_5(unit: float, need: float) -> int:
    """The smallest k of 1, 2, 5, 10, 20, 50, ... with k·unit >= need (capped at 5·10¹⁵ when unit is 0)."""
    for e in range(16):
        for m in (1, 2, 5):
            if m * 10**e * unit >= need:
                return m * 10**e
    return 5 * 10**15


def decade_step(pixels_per_decade: float, text_height: float) -> int:
    """Label every k-th decade: the smallest nice k with k decades LABEL_SPACING text heights tall."""
    return step_1_2_5(pixels_per_decade, LABEL_SPACING * text_height)


def _min_gap(mantissas: tuple[int, ...]) -> float:
    logs = [math.log10(m) for m in mantissas] + [1.0]
    return min(b - a for a, b in zip(logs, logs[1:]))


def log_ticks(lo: float, hi: float, pixels: float, text_height: float) -> tuple[list[float], list[float]]:
    """Labelled and unlabelled tick positions (log10 of the values) for a log axis showing lo..hi on ``pixels``.

    Labelled ticks are decades (every k-th, k from decade_step) at least LABEL_SPACING text heights apart and at
    least half a text height inside the ends (a label sticking out would be dropped). Only when that labels fewer
    than two ticks are mantissas inside a decade labelled too. Unlabelled ticks at 2..9 × 10ⁿ only when decades are
    tall (few decades)."""
    if not hi > lo or not pixels > 0 or not math.isfinite(hi - lo):
        return [], []
    ppd = pixels / (hi - lo)
    need = LABEL_SPACING * text_height
    margin = 0.5 * text_height / ppd
    a, b = lo + margin, hi - margin
    k = decade_step(ppd, text_height)
    major = [float(n) for n in range(math.ceil(a / k - 1e-9) * k, math.floor(b + 1e-9) + 1, k)]
    if len(major) < 2:
        for ms in MANTISSAS:
            if _min_gap(ms) * ppd >= need:
                major = [v for n in range(math.floor(a), math.ceil(b) + 1) for m in ms
                         if a <= (v := n + math.log10(m)) <= b]
                break
    minor: list[float] = []
    if k == 1 and ppd >= MINOR_PIXELS_PER_DECADE:
        labelled = set(major)
        minor = [v for n in range(math.floor(lo), math.ceil(hi) + 1) for m in range(1, 10)
                 if lo < (v := n + math.log10(m)) < hi and v not in labelled]
    return major, minor


def _mantissa_exponent(v: float) -> tuple[int, int]:
    n = math.floor(v + 1e-9)
    return round(10.0 ** (v - n)), n


def log_labels(values: list[float]) -> list[str]:
    """Labels for ticks at log10 positions ``values`` (m·10ⁿ with m in 1..9), all in one format: plain numbers
    when every one is within 10⁻³ .. 10⁴, else all as 10ⁿ or m·10ⁿ with superscript exponents."""
    parts = [_mantissa_exponent(v) for v in values]
    lo, hi = PLAIN_DECADES
    if all(lo <= n and m * 10.0**n <= 10.0**hi for m, n in parts):
        return [format(Decimal(m).scaleb(n), "f") for m, n in parts]
    return [("" if m == 1 else f"{m}·") + "10" + str(n).translate(_SUPERSCRIPT) for m, n in parts]


class LogAxis(pg.AxisItem):
    """pyqtgraph's AxisItem, but in log mode it ticks with log_ticks and labels with log_labels (pyqtgraph's own
    log ticks label 2..9 × 10ⁿ next to decades and switch between 0.1 and 10⁻⁵ styles on one axis). Linear mode is
    pyqtgraph's."""

    def __init__(self, orientation: str = "left", **kwargs):
        super().__init__(orientation, **kwargs)
        self._text_height = QtGui.QFontMetricsF(QtGui.QFont()).height()
        self._linear_text_level = self.style["maxTextLevel"]

    def generateDrawSpecs(self, p):
        # measure the font the labels are drawn in; only the labelled level gets text on a log axis
        self._text_height = QtGui.QFontMetricsF(p.font()).height()
        self.style["maxTextLevel"] = 0 if self.logMode else self._linear_text_level
        return super().generateDrawSpecs(p)

    def tickValues(self, minVal: float, maxVal: float, size: float):
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        lo, hi = sorted((minVal, maxVal))
        major, minor = log_ticks(lo, hi, size, self._text_height)
        return [(1.0, major), (None, minor)]

    def tickStrings(self, values, scale, spacing):
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        return log_labels(values)
