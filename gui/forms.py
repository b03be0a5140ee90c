"""Forms generated from the engine's HyperParam declarations (a spin box per numeric knob, a check box per boolean
one, ranges and help included)."""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine import HyperParam

from . import i18n
from .i18n import declared, translate

OPEN_BOUND_MARGIN = 1e-6  # an exclusive bound (momentum < 1) becomes the nearest value a spin box can hold


def tooltip(d: HyperParam) -> str:
    sym = f"{d.symbol}  " if d.symbol else ""
    text = translate("ParamForm", "<b>{name}</b><br>{help}<br>valid: {range}; default {default}").format(
        name=sym + html.escape(d.name), help=html.escape(declared(d.help)) if d.help else "",
        range=html.escape(d.range_text()), default=d.default_text())
    return i18n.remember(text, lambda: tooltip(d))


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


def make_check(d: HyperParam, value: bool) -> QtWidgets.QCheckBox:
    check = QtWidgets.QCheckBox()
    check.setChecked(bool(value))
    check.setToolTip(tooltip(d))
    check.setObjectName(f"check_{d.name}")
    return check


def knob_label(d: HyperParam) -> str:
    """A knob's row label: its symbol and its scene-file key, as torch names it ("η lr", "β₁ beta1", "amsgrad"):
    the names a scene file and torch use, in every language (its tooltip says what it is). A data knob without a
    symbol whose key is a plain word ("samples", "noise", "seed") says what it is in the current language."""
    if d.symbol and d.symbol != d.name:
        return f"{d.symbol} {d.name}"
    if i18n.language() != "en" and d.what and "_" not in d.name and not d.boolean:
        return declared(d.what)
    return d.name


class ParamForm(QtWidgets.QWidget):
    """Spin boxes (``spins``) and check boxes (``checks``, the boolean knobs) for a tuple of declarations;
    ``valueChanged(name, value)`` after each finished edit."""

    valueChanged = QtCore.Signal(str, object)

    def __init__(self, decls: tuple[HyperParam, ...], values: dict, parent=None):
        super().__init__(parent)
        self.decls = decls
        self.spins: dict[str, pg.SpinBox] = {}
        self.checks: dict[str, QtWidgets.QCheckBox] = {}
        layout = QtWidgets.QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        for d in decls:
            label = QtWidgets.QLabel(i18n.remember(knob_label(d), lambda d=d: knob_label(d)))
            label.setToolTip(tooltip(d))
            if d.boolean:
                check = make_check(d, values.get(d.name, d.default))
                check.toggled.connect(lambda on, name=d.name: self.valueChanged.emit(name, bool(on)))
                layout.addRow(label, check)
                self.checks[d.name] = check
                continue
            spin = make_spin(d, values.get(d.name, d.default))
            spin.sigValueChanged.connect(lambda sb, name=d.name: self._changed(name, sb))
            layout.addRow(label, spin)
            self.spins[d.name] = spin

    def _changed(self, name: str, spin: pg.SpinBox) -> None:
        v = spin.value()
        self.valueChanged.emit(name, int(v) if spin.opts.get("int") else float(v))

    def set_values(self, values: dict) -> None:
        for name, v in values.items():
            check = self.checks.get(name)
            if check is not None and check.isChecked() != bool(v):
                check.blockSignals(True)
                check.setChecked(bool(v))
                check.blockSignals(False)
            spin = self.spins.get(name)
            if spin is not None and spin.value() != v:
                spin.blockSignals(True)
                spin.setValue(v)
                spin.blockSignals(False)

    def values(self) -> dict:
        out = {n: (int(s.value()) if s.opts.get("int") else float(s.value())) for n, s in self.spins.items()}
        return {**out, **{n: c.isChecked() for n, c in self.checks.items()}}
