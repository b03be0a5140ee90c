"""The What-if dock: a slider per hyperparameter of one run. With "replay from step 0" on, dragging recomputes the
run's whole path up to the current step, so the trajectory bends while you drag (Distill's momentum article does
this for one closed-form quadratic; here it is any surface, rule and batch strategy). Off, a value applies from the
next step, as an edit in the Optimizers dock does.

The slider scales come from the engine's declarations: decade (log) knobs span four decades around the value when
the run is picked (clipped to the valid range), bounded knobs their whole range, the others 0 … 4× the value."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from engine import HyperParam
from engine.errors import PlaygroundError
from engine.explain import quadratic_insight

from . import i18n
from .controller import Controller
from .forms import OPEN_BOUND_MARGIN, tooltip
from .i18n import filled, translate
from .style import rule_line

TICKS = 1000  # slider positions over a knob's range
LOG_DECADES = 2  # a log knob's slider spans value·10^−2 … value·10^2


def slider_range(d: HyperParam, value: float) -> tuple[float, float, bool]:
    """(low, high, log) of the slider for knob ``d`` showing ``value``; always finite with low < high (a value
    at float64's edges, such as 5e-324, gets a slider near it and sits at its end)."""
    low = d.low + OPEN_BOUND_MARGIN if d.low_open else d.low
    high = d.high - OPEN_BOUND_MARGIN if d.high_open else d.high
    if d.log:
        centre = value if value > 0 else (d.default if d.default > 0 else 1e-8)
        lc = min(max(math.log10(centre), -300.0), 300.0)
        lo = 10.0 ** (lc - LOG_DECADES)
        hi = 10.0 ** (lc + LOG_DECADES)
        if low > 0:
            lo = max(lo, low)
        hi = min(hi, high)
        return lo, max(hi, lo * 10), True
    big = 1e300
    if not math.isfinite(low):
        low = -min(max(1.0, 4 * abs(value)), big)
    if not math.isfinite(high):
        high = min(max(1.0, 4 * abs(value), low + 1.0), big)
    return low, high, False


def value_at(d: HyperParam, tick: int, rng: tuple[float, float, bool]) -> float:
    """The knob's value at slider position ``tick``, rounded to a number worth reading (3 significant digits on a
    log scale, 1/1000 of the range on a linear one) and kept inside the valid range."""
    lo, hi, log = rng
    t = min(max(int(tick), 0), TICKS) / TICKS
    if log:
        raw = 10.0 ** (math.log10(lo) + t * (math.log10(hi) - math.log10(lo)))
        v = float(f"{raw:.3g}")
    else:
        raw = lo + t * (hi - lo)
        if d.integer:
            v = float(round(raw))
        else:
            step = (hi - lo) / TICKS
            v = round(raw, max(0, 1 - math.floor(math.log10(step))))
    try:
        d.validate(v)
    except PlaygroundError:
        v = raw  # rounding crossed an open bound (1.0 for β < 1): the unrounded value is inside
    return int(v) if d.integer else v


def tick_of(value: float, rng: tuple[float, float, bool]) -> int:
    """The slider position showing ``value`` (its nearest end for a value outside the slider's span)."""
    lo, hi, log = rng
    if value <= lo:
        return 0
    if value >= hi:
        return TICKS
    if log:
        t = (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    else:
        t = (value - lo) / (hi - lo) if hi > lo else 0.0
    return min(max(round(t * TICKS), 0), TICKS)


def value_text(d: HyperParam, v) -> str:
    if d.boolean:
        return "on" if v else "off"
    if d.integer:
        return str(int(v))
    return f"{v:.4g}"


class KnobSlider(QtWidgets.QWidget):
    """One knob: a slider and its value. ``moved(name, value)`` while dragging and on clicks/keys."""

    moved = QtCore.Signal(str, object)

    def __init__(self, d: HyperParam, value: float, parent=None):
        super().__init__(parent)
        self.d = d
        self.rng = slider_range(d, value)
        lay = QtWidgets.QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.slider.setObjectName(f"whatif_{d.name}")
        self.slider.setRange(0, TICKS)
        self.slider.setPageStep(TICKS // 20)
        self.slider.setToolTip(i18n.remember(self._tip(), self._tip))
        self.value = QtWidgets.QLabel()
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("0.000123") + 6)
        self.value.setAlignment(QtCore.Qt.AlignRight | QtCore.Qt.AlignVCenter)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.value)
        self.set_value(value)
        self.slider.valueChanged.connect(self._ticked)

    def _tip(self) -> str:
        """The slider's tooltip in the current language: the knob's, and how a log slider spans its range."""
        log = translate("WhatIfPanel", "<br>slider: four decades around the value (log scale)") if self.rng[2] else ""
        return tooltip(self.d) + log

    def set_value(self, v: float) -> None:
        """Show ``v`` (from elsewhere: the run's editor, a scene); a value outside the slider's span re-centres a
        log slider on it."""
        lo, hi, log = self.rng
        if not lo <= v <= hi:
            self.rng = slider_range(self.d, v)
        self.slider.blockSignals(True)
        self.slider.setValue(tick_of(v, self.rng))
        self.slider.blockSignals(False)
        self.value.setText(value_text(self.d, v))
        self.current = v

    def _ticked(self, tick: int) -> None:
        v = value_at(self.d, tick, self.rng)
        self.value.setText(value_text(self.d, v))
        if v != self.current:
            self.current = v
            self.moved.emit(self.d.name, v)


class WhatIfPanel(QtWidgets.QWidget):
    """The sliders of the selected run, the replay switch and a line on what the last replay cost."""

    runPicked = QtCore.Signal(int)  # session index picked here (the window selects it in Explain too)
    released = QtCore.Signal()  # a slider was let go: whatever waited for the drag to end may catch up

    def __init__(self, controller: Controller, settings: QtCore.QSettings | None = None, parent=None):
        super().__init__(parent)
        self.c = controller
        self.settings = settings
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel(translate("WhatIfPanel", "run")))
        self.run_combo = QtWidgets.QComboBox()
        self.run_combo.setObjectName("whatifRun")
        self.run_combo.setToolTip(translate("WhatIfPanel", "The run whose hyperparameters the sliders move (also "
                                            "picked by clicking a run in the legend above the map)"))
        self.run_combo.currentIndexChanged.connect(self._picked)
        top.addWidget(self.run_combo, 1)
        lay.addLayout(top)
        self.replay = QtWidgets.QCheckBox(translate("WhatIfPanel", "Replay from step 0"))
        self.replay.setObjectName("whatifReplay")
        self.replay.setToolTip(translate("WhatIfPanel", "On: moving a slider recomputes this run's whole path with "
                                         "the new value, as if it had been set at step 0 — the trajectory bends "
                                         "while you drag.\nOff: the new value applies from the next step, like an "
                                         "edit in the Optimizers dock."))
        on = True if settings is None else settings.value("whatif/replay", True, type=bool)
        self.replay.setChecked(on)
        self.replay.toggled.connect(self._replay_toggled)
        lay.addWidget(self.replay)
        self.rule = QtWidgets.QLabel()
        self.rule.setWordWrap(True)
        self.rule.setObjectName("whatifRule")
        lay.addWidget(self.rule)
        self.form_host = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        lay.addWidget(self.form_host)
        self.bound = QtWidgets.QLabel()  # the stability bound on a quadratic, for fixed-step rules
        self.bound.setObjectName("whatifBound")
        self.bound.setWordWrap(True)
        self.bound.hide()
        lay.addWidget(self.bound)
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("whatifNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.knobs: dict[str, KnobSlider] = {}
        self.checks: dict[str, QtWidgets.QCheckBox] = {}
        self._shape: tuple = ()
        self._busy = False
        self._insight: tuple = (None, None)  # (objective, its QuadraticInsight or None)
        controller.sessionReset.connect(lambda _s: self.refresh_runs())
        controller.sceneChanged.connect(lambda _s: self.refresh_runs())
        controller.runChanged.connect(lambda _i: self.refresh_values())
        controller.replayed.connect(lambda _s: self._show_cost())
        controller.replayBusy.connect(self._set_busy)
        self.refresh_runs()

    # ---- which run ------------------------------------------------------------------------------------------------
    def scene_index(self) -> int | None:
        """The scene index of the selected run (None: no run)."""
        k = self.run_combo.currentIndex()
        for i in range(len(self.c.scene.optimizers)):
            if self.c.session_index(i) == k:
                return i
        return None

    def refresh_runs(self) -> None:
        snap = self.c.snapshot
        labels = [r.label for r in snap.runs] if snap is not None else []
        if labels != [self.run_combo.itemText(i) for i in range(self.run_combo.count())]:
            keep = self.run_combo.currentIndex()
            self.run_combo.blockSignals(True)
            self.run_combo.clear()
            self.run_combo.addItems(labels)
            self.run_combo.setCurrentIndex(min(max(keep, 0), len(labels) - 1) if labels else -1)
            self.run_combo.blockSignals(False)
        self._rebuild_form()

    def select(self, k: int) -> None:
        """Select session run ``k`` (from the Explain dock or the legend) without echoing it back."""
        if 0 <= k < self.run_combo.count() and k != self.run_combo.currentIndex():
            self.run_combo.blockSignals(True)
            self.run_combo.setCurrentIndex(k)
            self.run_combo.blockSignals(False)
            self._rebuild_form()

    def _picked(self, k: int) -> None:
        self._rebuild_form()
        if k >= 0:
            self.runPicked.emit(k)

    # ---- the sliders ----------------------------------------------------------------------------------------------
    def _rebuild_form(self) -> None:
        i = self.scene_index()
        run = self.c.scene.optimizers[i] if i is not None else None
        shape = (i, run.type, run.convention) if run is not None else ()
        if shape == self._shape:
            self.refresh_values()
            return
        self._shape = shape
        while self.form.rowCount():
            self.form.removeRow(0)
        self.knobs, self.checks = {}, {}
        if run is None:
            self.rule.setText(translate("WhatIfPanel", "<span style='color:#555'>No run to tune: enable an "
                                                     "optimizer.</span>"))
            return
        spec = run.spec
        self.rule.setText(rule_line(spec))
        for d in spec.hyperparams:
            label = QtWidgets.QLabel(f"{d.symbol} {d.name}" if d.symbol and d.symbol != d.name else d.name)
            label.setToolTip(tooltip(d))
            v = run.hyperparams.get(d.name, d.default)
            if d.boolean:
                check = QtWidgets.QCheckBox()
                check.setObjectName(f"whatif_{d.name}")
                check.setChecked(bool(v))
                check.setToolTip(tooltip(d))
                check.toggled.connect(lambda on, name=d.name: self._moved(name, bool(on)))
                self.form.addRow(label, check)
                self.checks[d.name] = check
            else:
                knob = KnobSlider(d, v)
                knob.moved.connect(self._moved)
                knob.slider.sliderReleased.connect(self.released)
                self.form.addRow(label, knob)
                self.knobs[d.name] = knob
        self._show_bound()
        self._show_cost()

    def dragging(self) -> bool:
        return any(k.slider.isSliderDown() for k in self.knobs.values())

    def refresh_values(self) -> None:
        i = self.scene_index()
        if i is None:
            return
        hp = self.c.scene.optimizers[i].hyperparams
        for name, knob in self.knobs.items():
            if not knob.slider.isSliderDown() and knob.current != hp.get(name):
                knob.set_value(hp[name])
        for name, check in self.checks.items():
            if check.isChecked() != bool(hp.get(name)):
                check.blockSignals(True)
                check.setChecked(bool(hp[name]))
                check.blockSignals(False)
        self._show_bound()

    def _show_bound(self) -> None:
        """On a quadratic, where a fixed-step rule stops converging (the Optimizers dock's bound, for this run)."""
        i = self.scene_index()
        obj = self.c.objective
        if self._insight[0] is not obj:
            self._insight = (obj, quadratic_insight(obj) if obj is not None else None)
        insight = self._insight[1]
        r = self.c.scene.optimizers[i] if i is not None else None
        limit = insight.lr_limit(r.type, r.hyperparams, r.convention) if insight and r else None
        if limit is None:
            self.bound.hide()
            return
        above = r.hyperparams["lr"] >= limit
        text = (translate("WhatIfPanel", "⚠ stable on this quadratic for η &lt; {limit} — the path diverges")
                if above else translate("WhatIfPanel", "stable on this quadratic for η &lt; {limit}"))
        self.bound.setText(filled(text, limit=f"{limit:.4g}"))
        self.bound.setStyleSheet("color: #9a5b00; font-weight: bold;" if above else "color: #555;")
        self.bound.show()

    def _moved(self, name: str, value) -> None:
        i = self.scene_index()
        if i is None:
            return
        if self.replay.isChecked():
            self.c.replay_hyperparam(i, name, value)
        else:
            self.c.set_hyperparam(i, name, value)
            self.note.setText(filled(translate("WhatIfPanel", "{name} = {value} from step {step} on."), name=name,
                                     value=value_text(self.knobs[name].d, value) if name in self.knobs else value,
                                     step=self.c.session.step_count if self.c.session else 0))

    def _replay_toggled(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue("whatif/replay", bool(on))
        self._show_cost()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            self.note.setText(translate("WhatIfPanel", "Replaying on a worker thread (a long history); the race "
                                                     "stays live meanwhile…"))
        else:
            self._show_cost()

    def _show_cost(self) -> None:
        if self._busy:
            return
        if not self.replay.isChecked():
            self.note.setText(translate("WhatIfPanel", "A moved slider applies from the next step (its path so far "
                                                     "is kept)."))
            return
        last = self.c.last_replay
        if last is None:
            self.note.setText(translate("WhatIfPanel", "Drag a slider: this run's whole path is recomputed with the "
                                                     "new value."))
            return
        work, seconds = last
        self.note.setText(filled(translate("WhatIfPanel", "Replayed {work} run-steps in {ms} ms."),
                                 work=f"{work:,}", ms=f"{seconds * 1e3:.0f}"))
