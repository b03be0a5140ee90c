"""Forms generated from the engine's HyperParam declarations (one spin box per knob, ranges and help included)."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine import HyperParam

OPEN_BOUND_MARGIN = 1e-6  # an exclusive bound (momentum < 1) becomes the nearest value a spin box can hold


def tooltip(d: HyperParam) -> str:
    sym = f"{d.symbol}  " if d.symbol else ""
    return f"<b>{sym}{d.name}</b><br>{d.help}<br>valid: {html.escape(d.range_text())}; default {d.default:g}"


def make_spin(d: HyperParam, value: float) -> pg.SpinBox:
    low = d.low + OPEN_BOUND_MARGIN if d.low_open else d.low
    high = d.high - OPEN_BOUND_MARGIN if d.high_open else d.high
    if d.integer:
        spin = pg.SpinBox(value=int(value), int=True, bounds=(int(low), int(high)), step=1, compactHeight=False)
    elif d.log:
        spin = pg.SpinBox(value=value, bounds=(low, high), dec=True, step=1, minStep=1e-12, decimals=4,
                          compactHeight=False)
    else:
        step = 0.01 if high - low <= 1.0 else 0.1
        spin = pg.SpinBox(value=value, bounds=(low, high), step=step, decimals=6, compactHeight=False)
    spin.setToolTip(tooltip(d))
    spin.setObjectName(f"spin_{d.name}")
    spin.setMinimumWidth(90)
    return spin


class ParamForm(QtWidgets.QWidget):
    """Spin boxes for a tuple of declarations; ``valueChanged(name, value)`` after each finished edit."""

    valueChanged = QtCore.Signal(str, object)

    def __init__(self, decls: tuple[HyperParam, ...], values: dict, parent=None):
        super().__init__(parent)
        self.decls = decls
        self.spins: dict[str, pg.SpinBox] = {}
        layout = QtWidgets.QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        for d in decls:
            spin = make_spin(d, values.get(d.name, d.default))
            spin.sigValueChanged.connect(lambda sb, name=d.name: self._changed(name, sb))
            label = QtWidgets.QLabel(f"{d.symbol} {d.name}" if d.symbol and d.symbol != d.name else d.name)
            label.setToolTip(tooltip(d))
            layout.addRow(label, spin)
            self.spins[d.name] = spin

    def _changed(self, name: str, spin: pg.SpinBox) -> None:
        v = spin.value()
        self.valueChanged.emit(name, int(v) if spin.opts.get("int") else float(v))

    def set_values(self, values: dict) -> None:
        for name, v in values.items():
            spin = self.spins.get(name)
            if spin is not None and spin.value() != v:
                spin.blockSignals(True)
                spin.setValue(v)
                spin.blockSignals(False)

    def values(self) -> dict:
        return {n: (int(s.value()) if s.opts.get("int") else float(s.value())) for n, s in self.spins.items()}
