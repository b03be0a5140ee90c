"""The dock panels: objective, batch strategy and optimizers. Each refreshes itself from a Scene and calls the
controller's setters; widgets are updated with their signals blocked, so nothing loops."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import OBJECTIVES, OPTIMIZERS, SCHEDULES, STRATEGIES, WARMUP, BatchConfig, FormulaError, Objective
from engine import PlaygroundError, Scene
from engine import make_objective
from engine import parse_formula
from engine.datasets import SYNTHETIC, csv_columns
from engine.network import MLP
from engine.limits import MAX_SAMPLES, SEED_MAX, SEED_MIN

from .controller import Controller
from . import i18n
from .forms import ParamForm
from .i18n import declared, filled, translate
from .netpanel import MLPSettings
from .style import explanation_html, rule_line


def _blocked(widget: QtWidgets.QWidget):
    return QtCore.QSignalBlocker(widget)


def _hint(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


# ---- objective -----------------------------------------------------------------------------------------------------

class ObjectivePanel(QtWidgets.QWidget):
    def __init__(self, controller: Controller, parent=None):
        super().__init__(parent)
        self.c = controller
        self._building = False
        lay = QtWidgets.QVBoxLayout(self)
        self.combo = QtWidgets.QComboBox()
        self.combo.setObjectName("objectiveCombo")
        for spec in OBJECTIVES.values():
            self.combo.addItem(declared(spec.title), spec.name)
        self.combo.addItem(declared(MLP.title), MLP.name)  # not in OBJECTIVES: a network is raced by a NetSession
        self.combo.setToolTip(translate("ObjectivePanel", "The loss surface the optimizers race on (changing it resets the race)."))
        self.combo.currentIndexChanged.connect(self._objective_picked)
        lay.addWidget(self.combo)
        self.description = _hint("")
        lay.addWidget(self.description)

        # analytic knobs / synthetic-data knobs
        self.knob_box = QtWidgets.QWidget()
        self.knob_layout = QtWidgets.QVBoxLayout(self.knob_box)
        self.knob_layout.setContentsMargins(0, 0, 0, 0)
        self.knobs: ParamForm | None = None
        lay.addWidget(self.knob_box)

        # formula
        self.formula_box = QtWidgets.QWidget()
        fl = QtWidgets.QVBoxLayout(self.formula_box)
        fl.setContentsMargins(0, 0, 0, 0)
        self.formula = QtWidgets.QLineEdit()
        self.formula.setObjectName("formulaEdit")
        self.formula.setPlaceholderText(translate("ObjectivePanel", "e.g. x**2/20 + y**2"))
        self.formula.setToolTip(translate("ObjectivePanel", "f(x, y) with + − * / ** ^, parentheses, pi, e and "
                                          "sin cos tan exp log sqrt abs tanh sinh cosh. Press Enter to apply."))
        self.formula.textChanged.connect(self._validate_formula)
        self.formula.returnPressed.connect(self._apply_formula)
        self.formula_status = QtWidgets.QLabel()
        self.formula_status.setObjectName("formulaStatus")
        self.formula_status.setWordWrap(True)
        fl.addWidget(self.formula)
        fl.addWidget(self.formula_status)
        # Offered when the formula is not defined at the start (log(x) from (−3.5, 2)): apply it from a point where
        # it is. (settings, start) of that offer.
        self.domain_start = QtWidgets.QPushButton()
        self.domain_start.setObjectName("formulaDomainStart")
        self.domain_start.setToolTip(translate("ObjectivePanel", "Apply the formula with the start moved to the "
                                               "nearest point of its grid where f and its gradient are finite."))
        self.domain_start.clicked.connect(self._apply_formula_at_offered_start)
        self.domain_start.hide()
        self._domain_offer: tuple[dict, tuple[float, float]] | None = None
        self._shown_expr: str | None = None  # the scene's formula last put in the field
        fl.addWidget(self.domain_start)
        row = QtWidgets.QHBoxLayout()
        self.bounds = []
        for tip in (translate("ObjectivePanel", "View bounds of the formula: x min"),
                    translate("ObjectivePanel", "View bounds of the formula: x max"),
                    translate("ObjectivePanel", "View bounds of the formula: y min"),
                    translate("ObjectivePanel", "View bounds of the formula: y max")):
            sb = pg.SpinBox(value=0.0, bounds=(-1e6, 1e6), step=0.5, decimals=4, compactHeight=False)
            sb.setToolTip(tip)
            sb.setMinimumWidth(50)
            row.addWidget(sb)
            self.bounds.append(sb)
        fl.addWidget(QtWidgets.QLabel(translate("ObjectivePanel", "view x min, x max, y min, y max")))
        fl.addLayout(row)
        self.apply_formula = QtWidgets.QPushButton(translate("ObjectivePanel", "Apply formula"))
        self.apply_formula.clicked.connect(self._apply_formula)
        fl.addWidget(self.apply_formula)
        lay.addWidget(self.formula_box)

        # data source
        self.data_box = QtWidgets.QGroupBox(translate("ObjectivePanel", "Data"))
        dl = QtWidgets.QGridLayout(self.data_box)
        self.synthetic = QtWidgets.QRadioButton(translate("ObjectivePanel", "Synthetic"))
        self.from_csv = QtWidgets.QRadioButton(translate("ObjectivePanel", "CSV file"))
        self.synthetic.toggled.connect(self._source_toggled)
        dl.addWidget(self.synthetic, 0, 0)
        dl.addWidget(self.from_csv, 0, 1)
        self.dataset = QtWidgets.QComboBox()  # which synthetic data set (engine/datasets.py SYNTHETIC)
        self.dataset.setObjectName("syntheticData")
        self.dataset.setToolTip(translate("ObjectivePanel", "The synthetic data set: generated from the seed "
                                          "below, so there is something to see without a file"))
        self.dataset.activated.connect(self._dataset_picked)
        dl.addWidget(self.dataset, 5, 0, 1, 2)
        self.load_csv = QtWidgets.QPushButton(translate("ObjectivePanel", "Load CSV…"))
        self.load_csv.setToolTip(translate("ObjectivePanel", "A CSV file with a header row; pick the x and y columns below."))
        self.load_csv.clicked.connect(lambda: self.choose_csv())
        dl.addWidget(self.load_csv, 1, 0, 1, 2)
        self.csv_label = _hint("")
        dl.addWidget(self.csv_label, 2, 0, 1, 2)
        dl.addWidget(QtWidgets.QLabel(translate("ObjectivePanel", "x column")), 3, 0)
        dl.addWidget(QtWidgets.QLabel(translate("ObjectivePanel", "y column")), 3, 1)
        self.x_col, self.y_col = QtWidgets.QComboBox(), QtWidgets.QComboBox()
        self.x_col.activated.connect(self._apply_csv)
        self.y_col.activated.connect(self._apply_csv)
        dl.addWidget(self.x_col, 4, 0)
        dl.addWidget(self.y_col, 4, 1)
        self._csv_path: str | None = None
        lay.addWidget(self.data_box)

        # a network's settings (gui/netpanel.py)
        self.mlp_box = MLPSettings(controller)
        lay.addWidget(self.mlp_box)

        # start point
        start = QtWidgets.QGroupBox(translate("ObjectivePanel", "Start point"))
        self.start_box = start
        sl = QtWidgets.QHBoxLayout(start)
        self.start_x = pg.SpinBox(value=0.0, bounds=(-1e6, 1e6), step=0.1, decimals=5, compactHeight=False)
        self.start_y = pg.SpinBox(value=0.0, bounds=(-1e6, 1e6), step=0.1, decimals=5, compactHeight=False)
        for sb, tip in ((self.start_x, translate("ObjectivePanel", "Start x; you can also click the contour map to "
                                                  "set the start point.")),
                        (self.start_y, translate("ObjectivePanel", "Start y; you can also click the contour map to "
                                                  "set the start point."))):
            sb.setToolTip(tip)
            sb.setMinimumWidth(60)
            sb.sigValueChanged.connect(self._start_edited)
        self.start_x_label, self.start_y_label = QtWidgets.QLabel("x"), QtWidgets.QLabel("y")
        sl.addWidget(self.start_x_label)
        sl.addWidget(self.start_x)
        sl.addWidget(self.start_y_label)
        sl.addWidget(self.start_y)
        suggested = QtWidgets.QPushButton(translate("ObjectivePanel", "Default"))
        suggested.setToolTip(translate("ObjectivePanel", "Go back to this objective's suggested start point."))
        suggested.clicked.connect(lambda: self.c.set_start(*self.c.objective.start) if self.c.objective else None)
        sl.addWidget(suggested)
        lay.addWidget(start)
        self.start_tip = _hint(translate("ObjectivePanel", "Tip: click the contour map to start from there."))
        lay.addWidget(self.start_tip)
        lay.addStretch(1)

        controller.sceneChanged.connect(self.refresh)
        controller.objectiveChanged.connect(self._objective_built)
        self.refresh(controller.scene)

    # ---- model -> widgets -------------------------------------------------------------------------------------
    def refresh(self, scene: Scene) -> None:
        settings = scene.objective
        name = settings.get("name")
        with _blocked(self.combo):
            self.combo.setCurrentIndex(self.combo.findData(name))
        network = name == MLP.name
        self.mlp_box.setVisible(network)
        self.start_box.setVisible(not network)
        self.start_tip.setVisible(not network)
        if network:
            for box in (self.formula_box, self.data_box, self.knob_box):
                box.setVisible(False)
            self.mlp_box.show_settings(settings)
            return
        spec = OBJECTIVES[name]
        self.formula_box.setVisible(spec.kind == "formula")
        self.data_box.setVisible(spec.kind == "data")
        is_csv = "csv" in settings
        show_knobs = spec.kind == "analytic" or (spec.kind == "data" and not is_csv)
        if self.knobs is None or self.knobs.decls != spec.knobs:
            if self.knobs is not None:
                self.knobs.deleteLater()
            self.knobs = ParamForm(spec.knobs, {k: v for k, v in settings.items() if k != "name"})
            self.knobs.valueChanged.connect(self._knob_changed)
            self.knob_layout.addWidget(self.knobs)
        else:
            self.knobs.set_values({k: v for k, v in settings.items() if k in self.knobs.spins})
        self.knob_box.setVisible(show_knobs and bool(spec.knobs))
        if spec.kind == "formula" and settings.get("expr", "") != self._shown_expr:
            # Only a new objective or formula replaces the field: text being typed (or refused, with its status)
            # survives other edits such as a new run or a label.
            self._shown_expr = settings.get("expr", "")
            with _blocked(self.formula):
                if self.formula.text() != self._shown_expr:
                    self.formula.setText(self._shown_expr)
            self._validate_formula(self.formula.text())
        if spec.kind == "formula":
            for sb, v in zip(self.bounds, settings.get("bounds", (-5, 5, -5, 5))):
                with _blocked(sb):
                    sb.setValue(v)
        if spec.kind == "data":
            with _blocked(self.dataset):
                self.dataset.clear()
                for key, title, _gen in SYNTHETIC[name]:
                    self.dataset.addItem(declared(title), key)
                chosen = settings.get("data", SYNTHETIC[name][0][0])
                self.dataset.setCurrentIndex(max(0, self.dataset.findData(chosen)))
            self.dataset.setVisible(not is_csv)
            with _blocked(self.synthetic), _blocked(self.from_csv):
                self.synthetic.setChecked(not is_csv)
                self.from_csv.setChecked(is_csv)
            self.load_csv.setEnabled(True)
            self.x_col.setEnabled(is_csv)
            self.y_col.setEnabled(is_csv)
            if is_csv:
                self.csv_label.setText(filled(translate("ObjectivePanel", "{file}: {n} rows"),
                                              file=Path(settings['csv']).name, n=self.c.objective.n_samples)
                                       if self.c.objective is not None else settings["csv"])
            else:
                self.csv_label.setText("")
        start = scene.start if scene.start is not None else (self.c.objective.start if self.c.objective else (0, 0))
        for sb, v in ((self.start_x, start[0]), (self.start_y, start[1])):
            with _blocked(sb):
                sb.setValue(v)

    def _objective_built(self, objective: Objective) -> None:
        self._shown_expr = None  # a new objective (applied, opened, reset): the next refresh shows its formula
        text = objective.formula_text  # words in it ("mean over rows of …") are declared; a typed formula is not
        self.description.setText(i18n.remember(f"f = {declared(text)}", lambda: f"f = {declared(text)}")
                                 if text else "")
        self.start_x_label.setText(objective.axis_labels[0])
        self.start_y_label.setText(objective.axis_labels[1])

    # ---- widgets -> model -------------------------------------------------------------------------------------
    def _objective_picked(self, _index: int) -> None:
        name = self.combo.currentData()
        settings = {"name": name}
        if name == "formula":
            settings = {"name": name, "expr": self.formula.text().strip() or "x**2/20 + y**2"}
        elif name == MLP.name:
            try:
                settings = self.mlp_box.settings()
            except PlaygroundError as e:
                self.c.errorRaised.emit(str(e))
                self.refresh(self.c.scene)
                return
        if not self.c.set_objective(settings):
            self.refresh(self.c.scene)

    def _knob_changed(self, name: str, value) -> None:
        settings = {**{k: v for k, v in self.c.scene.objective.items()}, name: value}
        if not self.c.set_objective(settings):
            self.refresh(self.c.scene)

    def _validate_formula(self, text: str) -> bool:
        self._domain_offer = None
        self.domain_start.hide()
        try:
            parse_formula(text)
        except FormulaError as e:
            self.formula_status.setText(i18n.remember(f"<span style='color:#b00020'>✗ {e}</span>",
                                                      lambda: self._refusal(text)))
            self.formula.setStyleSheet("QLineEdit { border: 1px solid #b00020; }")
            if e.position is not None:
                self.formula.setToolTip(str(e))
            self.apply_formula.setEnabled(False)
            return False
        self.formula_status.setText(translate("ObjectivePanel",
                                              "<span style='color:#1b7a1b'>✓ valid — press Enter to apply</span>"))
        self.formula.setStyleSheet("")
        self.apply_formula.setEnabled(True)
        return True

    @staticmethod
    def _refusal(text: str) -> str:
        """The formula field's refusal of ``text`` in the current language (the parser's message)."""
        try:
            parse_formula(text)
        except FormulaError as e:
            return f"<span style='color:#b00020'>✗ {e}</span>"
        return ""

    def _apply_formula(self) -> None:
        if not self._validate_formula(self.formula.text()):
            return
        b = [sb.value() for sb in self.bounds]
        if not (b[0] < b[1] and b[2] < b[3]):
            self.c.errorRaised.emit(translate("ObjectivePanel", "Formula view bounds: x min must be below x max and "
                                                        "y min below y max."))
            return
        settings = {"name": "formula", "expr": self.formula.text().strip(), "bounds": b}
        try:
            objective = make_objective(settings)
        except PlaygroundError as e:
            self.c.errorRaised.emit(str(e))
            return
        x, y = objective.start
        if not objective.defined_at((x, y)):
            # Refused here, with the text kept, rather than by the session's "loss is not finite at the start".
            with np.errstate(all="ignore"):
                v = float(objective.value(np.array([[x, y]]))[0])
            why = (f"f({x:g}, {y:g}) = {v:g}" if not math.isfinite(v)
                   else translate("ObjectivePanel", "its gradient is not finite there"))
            near = objective.nearest_defined_point((x, y))
            where = ("" if near is not None else translate("ObjectivePanel", "; it is not defined anywhere on this "
                                                           "view either (change the formula or the view bounds)"))
            self.formula_status.setText(translate("ObjectivePanel", "<span style='color:#b00020'>✗ f is not defined "
                                                  "at the start ({x}, {y}): {why}{where}</span>").format(
                x=f"{x:g}", y=f"{y:g}", why=why, where=where))
            self.formula.setStyleSheet("QLineEdit { border: 1px solid #b00020; }")
            if near is not None:
                self._domain_offer = (settings, near)
                self.domain_start.setText(filled(translate("ObjectivePanel", "Start at ({x}, {y})"),
                                                 x=f"{near[0]:.4g}", y=f"{near[1]:.4g}"))
                self.domain_start.show()
            return
        self.c.set_objective(settings)

    def _apply_formula_at_offered_start(self) -> None:
        if self._domain_offer is not None:
            settings, start = self._domain_offer
            self.c.set_objective(settings, start=start)

    def _dataset_picked(self, _index: int) -> None:
        name = self.c.scene.objective["name"]
        key = self.dataset.currentData()
        settings = {k: v for k, v in self.c.scene.objective.items() if k not in ("data", "csv", "x_column", "y_column")}
        if key != SYNTHETIC[name][0][0]:
            settings["data"] = key
        if not self.c.set_objective(settings):
            self.refresh(self.c.scene)

    def _source_toggled(self, synthetic: bool) -> None:
        name = self.c.scene.objective["name"]
        if synthetic:
            self.c.set_objective({"name": name})
        elif self._csv_path:
            self._apply_csv()
        else:
            self.choose_csv()

    def choose_csv(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(
                self, translate("ObjectivePanel", "Load CSV"), "",
                translate("ObjectivePanel", "CSV files (*.csv);;All files (*)"))
            if not path:
                self.refresh(self.c.scene)
                return False
        try:
            cols = csv_columns(path)
        except PlaygroundError as e:
            self.c.errorRaised.emit(str(e))
            self.refresh(self.c.scene)
            return False
        self._csv_path = str(Path(path).resolve())
        for combo, guess in ((self.x_col, 0), (self.y_col, min(1, len(cols) - 1))):
            with _blocked(combo):
                combo.clear()
                combo.addItems(cols)
                combo.setCurrentIndex(guess)
        return self._apply_csv()

    def _apply_csv(self, *_args) -> bool:
        if not self._csv_path:
            return False
        ok = self.c.set_objective({"name": self.c.scene.objective["name"], "csv": self._csv_path,
                                   "x_column": self.x_col.currentText(), "y_column": self.y_col.currentText()})
        if not ok:
            self.refresh(self.c.scene)
        return ok

    def _start_edited(self, *_args) -> None:
        self.c.set_start(self.start_x.value(), self.start_y.value())


# ---- batch strategy --------------------------------------------------------------------------------------------------

def _strategy_text(strategy: str) -> tuple[str, str]:
    """A batch strategy's button text and tooltip in the current language."""
    return {
        "full": (translate("BatchPanel", "Full batch (batch GD)"),
                 translate("BatchPanel", "Every step uses the whole data set: smooth and exact, but each step costs "
                                         "N rows.")),
        "stochastic": (translate("BatchPanel", "Stochastic (one sample)"),
                       translate("BatchPanel", "Every step uses one row: cheap and noisy.")),
        "minibatch": (translate("BatchPanel", "Mini-batch"),
                      translate("BatchPanel", "Every step uses B rows; an epoch is one pass over the data.")),
    }[strategy]


class BatchPanel(QtWidgets.QWidget):
    def __init__(self, controller: Controller, parent=None):
        super().__init__(parent)
        self.c = controller
        lay = QtWidgets.QVBoxLayout(self)
        self.explain = _hint("")
        self.explain.setObjectName("batchExplain")
        lay.addWidget(self.explain)
        self.box = QtWidgets.QWidget()
        bl = QtWidgets.QVBoxLayout(self.box)
        bl.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QtWidgets.QRadioButton] = {}
        group = QtWidgets.QButtonGroup(self)
        for s in STRATEGIES:
            title, tip = _strategy_text(s)
            rb = QtWidgets.QRadioButton(title)
            rb.setToolTip(tip)
            rb.setObjectName(f"strategy_{s}")
            group.addButton(rb)
            bl.addWidget(rb)
            self.buttons[s] = rb
            rb.toggled.connect(lambda on, s=s: on and self._apply())
        form = QtWidgets.QFormLayout()
        self.batch_size = QtWidgets.QSpinBox()
        self.batch_size.setRange(1, MAX_SAMPLES)
        self.batch_size.setToolTip(translate("BatchPanel", "B: rows per step for mini-batch gradient descent."))
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.valueChanged.connect(lambda _v: self._apply())
        form.addRow(translate("BatchPanel", "batch size B"), self.batch_size)
        self.shuffle = QtWidgets.QCheckBox(translate("BatchPanel", "shuffle every epoch"))
        self.shuffle.setToolTip(translate("BatchPanel", "Permute the rows at the start of every epoch (from the "
                                          "scene's seed); otherwise batches are consecutive rows [0:B], [B:2B], …"))
        self.shuffle.toggled.connect(lambda _v: self._apply())
        form.addRow(self.shuffle)
        self.drop_last = QtWidgets.QCheckBox(translate("BatchPanel", "drop the last partial batch"))
        self.drop_last.setToolTip(translate("BatchPanel", "When B does not divide N, skip the remainder (1050 rows, "
                                                          "B = 100 → 50 dropped)."))
        self.drop_last.toggled.connect(lambda _v: self._apply())
        form.addRow(self.drop_last)
        # pyqtgraph's SpinBox holds Python ints: the scene's whole seed range (a QSpinBox stops at 2**31 - 1)
        self.seed = pg.SpinBox(value=0, int=True, bounds=(SEED_MIN, SEED_MAX), step=1, compactHeight=False)
        self.seed.setObjectName("batchSeed")
        self.seed.setToolTip(translate("BatchPanel", "Seed of the shuffling: the same seed replays the same "
                                                     "batches. 0 to 4294967295."))
        self.seed.sigValueChanged.connect(lambda sb: self.c.set_seed(int(sb.value())))
        form.addRow(translate("BatchPanel", "seed"), self.seed)
        bl.addLayout(form)
        self.info = QtWidgets.QLabel()
        self.info.setObjectName("batchInfo")
        self.info.setWordWrap(True)
        bl.addWidget(self.info)
        lay.addWidget(self.box)
        lay.addStretch(1)
        controller.sceneChanged.connect(self.refresh)
        self.refresh(controller.scene)

    def refresh(self, scene: Scene) -> None:
        obj = self.c.objective
        data = obj is not None and obj.is_data
        self.box.setEnabled(data)
        self.explain.setText("" if data else translate("BatchPanel", "Batch strategies apply to data-defined "
                                                       "objectives (linear or logistic regression); this surface has "
                                                       "an exact gradient."))
        b = scene.batch
        widgets = [*self.buttons.values(), self.batch_size, self.shuffle, self.drop_last, self.seed]
        blockers = [_blocked(w) for w in widgets]
        self.buttons[b.strategy].setChecked(True)
        self.batch_size.setValue(b.batch_size)
        if data:
            self.batch_size.setMaximum(obj.n_samples)
        self.shuffle.setChecked(b.shuffle)
        self.drop_last.setChecked(b.drop_last)
        self.seed.setValue(scene.seed)
        del blockers
        self.batch_size.setEnabled(b.strategy == "minibatch")
        self.drop_last.setEnabled(b.strategy == "minibatch")
        self.shuffle.setEnabled(b.strategy != "full")
        self._info()

    def _info(self) -> None:
        s = self.c.session
        if s is None or not self.c.objective or not self.c.objective.is_data:
            self.info.setText("")
            return
        sm = s.sampler
        self.info.setText(i18n.remember(_sampler_text(sm), lambda: _sampler_text(sm)))

    def _apply(self) -> None:
        strategy = next(s for s, rb in self.buttons.items() if rb.isChecked())
        cfg = BatchConfig(strategy, self.batch_size.value(), self.shuffle.isChecked(), self.drop_last.isChecked())
        if not self.c.set_batch(cfg):
            self.refresh(self.c.scene)


def _sampler_text(sm) -> str:
    """The batch panel's read-out of a sampler: rows, batch size, iterations per epoch, rows dropped."""
    if sm.dropped:
        dropped = translate("BatchPanel", "; {n} rows dropped per epoch").format(n=sm.dropped)
    else:
        dropped = translate("BatchPanel", "; no rows dropped")
    per_epoch = (translate("BatchPanel", "{n} samples · batch of {size} · {k} iterations per epoch{dropped}")
                 if sm.iterations_per_epoch != 1 else
                 translate("BatchPanel", "{n} samples · batch of {size} · {k} iteration per epoch{dropped}"))
    return per_epoch.format(n=sm.n, size=sm.size, k=sm.iterations_per_epoch, dropped=dropped)


def _combo_row(label: str, name: str, items) -> tuple[QtWidgets.QWidget, QtWidgets.QComboBox]:
    """A run editor's row: a label and a combo box of (text, data) items, stretched to the row's width."""
    row = QtWidgets.QWidget()
    lay = QtWidgets.QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(QtWidgets.QLabel(label))
    combo = QtWidgets.QComboBox()
    combo.setObjectName(name)
    for text, data in items:
        combo.addItem(text, data)
    lay.addWidget(combo, 1)
    return row, combo


# ---- optimizers ------------------------------------------------------------------------------------------------------


class RunEditor(QtWidgets.QFrame):
    """One run: enable, colour, label, duplicate, remove, and its hyperparameter form."""

    lrLimitNeeded = QtCore.Signal(int)  # a hyperparameter changed: the stability bound may move

    def __init__(self, controller: Controller, index: int, parent=None):
        super().__init__(parent)
        self.c = controller
        self.index = index
        run = controller.scene.optimizers[index]
        spec = run.spec  # torch's form of the rule or the book's, as the run's convention says
        self.setFrameShape(QtWidgets.QFrame.StyledPanel)
        self.setObjectName(f"run_{index}")
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        top = QtWidgets.QHBoxLayout()
        self.enabled = QtWidgets.QCheckBox()
        self.enabled.setChecked(run.enabled)
        self.enabled.setToolTip(translate("RunEditor", "Take part in the race (toggling restarts the race so all "
                                                       "runs start together)."))
        self.enabled.toggled.connect(self._enabled_toggled)
        top.addWidget(self.enabled)
        self.color = QtWidgets.QToolButton()
        self.color.setToolTip(translate("RunEditor", "Colour of this run's trajectory and loss curve."))
        self.color.clicked.connect(self._pick_color)
        top.addWidget(self.color)
        self.label = QtWidgets.QLineEdit(run.label)
        self.label.setObjectName("runLabel")
        self.label.setToolTip(translate("RunEditor", "Label shown in the legend, the status bar and exported files."))
        # wide enough for "Adam, no bias correction" at the dock's minimum width
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("Adam, no bias corr"))
        self.label.setCursorPosition(0)  # show its beginning, not its end
        self.label.editingFinished.connect(self._label_edited)
        top.addWidget(self.label, 1)
        dup = QtWidgets.QToolButton()
        dup.setText(translate("RunEditor", "Copy"))
        dup.setToolTip(translate("RunEditor", "Duplicate this run (e.g. the same optimizer at another learning rate)."))
        dup.clicked.connect(lambda: self.c.add_run(run.type, copy_of=self.index))
        top.addWidget(dup)
        rm = QtWidgets.QToolButton()
        rm.setText("✕")
        rm.setToolTip(translate("RunEditor", "Remove this run."))
        rm.clicked.connect(lambda: self.c.remove_run(self.index))
        top.addWidget(rm)
        lay.addLayout(top)
        kind = QtWidgets.QLabel(rule_line(spec))
        kind.setWordWrap(True)
        kind.setObjectName("ruleLine")
        kind.setToolTip(explanation_html(spec))
        lay.addWidget(kind)
        self.form = ParamForm(spec.hyperparams, run.hyperparams)
        self.form.valueChanged.connect(self._hp_changed)
        lay.addWidget(self.form)
        self._build_schedule_row(lay)
        # torch's form of the rule or the book's code (Deep Learning from Scratch), for the rules where they differ
        self.convention_row, self.convention_combo = _combo_row(
            translate("RunEditor", "convention"), "runConvention",
            (("torch", "torch"), (translate("RunEditor", "book"), "book")))
        self.convention_combo.setCurrentIndex(self.convention_combo.findData(run.convention))
        self.convention_combo.setToolTip(translate("RunEditor", "torch: torch.optim's form of the rule. book: the "
                                                   "book's common/optimizer.py (its velocity, its Nesterov, ε = 1e-7)."
                                                   " Restarts the race."))
        self.convention_combo.currentIndexChanged.connect(lambda _i: self._convention_changed())
        self.convention_row.setVisible(OPTIMIZERS[run.type].book is not None)
        lay.addWidget(self.convention_row)
        self.lr_note = _hint("")  # where η came from, for a run added in the window
        self.lr_note.setObjectName("lrNote")
        self.lr_note.hide()
        lay.addWidget(self.lr_note)
        # Its own batch strategy (data objectives): lets one scene race B = 1 vs 32 vs full side by side.
        self.batch_row, self.batch_combo = _combo_row(
            translate("RunEditor", "batch"), "runBatch",
            ((translate("RunEditor", "as the scene"), "scene"), (translate("RunEditor", "full batch"), "full"),
             (translate("RunEditor", "stochastic (B = 1)"), "stochastic"),
             (translate("RunEditor", "mini-batch"), "minibatch")))
        self.batch_combo.setToolTip(translate("RunEditor", "This run's own batch strategy (restarts the race). Runs "
                                              "with the same strategy see the same batch at every step."))
        self.batch_size = QtWidgets.QSpinBox()
        self.batch_size.setRange(1, MAX_SAMPLES)
        self.batch_size.setPrefix("B = ")
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.setToolTip(translate("RunEditor", "Rows per step for this run's mini-batches"))
        self.batch_row.layout().addWidget(self.batch_size)
        self.batch_combo.currentIndexChanged.connect(lambda _i: self._batch_changed())
        self.batch_size.valueChanged.connect(lambda _v: self._batch_changed())
        lay.addWidget(self.batch_row)
        self.limit = QtWidgets.QLabel()
        self.limit.setObjectName("lrLimit")
        self.limit.setWordWrap(True)
        self.limit.hide()
        lay.addWidget(self.limit)
        self._lr_limit: float | None = None
        self.diverged = QtWidgets.QLabel()
        self.diverged.setWordWrap(True)  # a long message wraps; it must never widen the dock
        self.diverged.setStyleSheet("color: #b00020;")
        self.diverged.hide()
        lay.addWidget(self.diverged)
        self.update_from(run)

    def update_from(self, run) -> None:
        pm = QtGui.QPixmap(16, 16)
        pm.fill(QtGui.QColor(run.color or "#000000"))
        self.color.setIcon(QtGui.QIcon(pm))
        with _blocked(self.label):
            if self.label.text() != run.label:
                self.label.setText(run.label)
                self.label.setCursorPosition(0)
        note = self.c.lr_notes.get(run.label)
        self.lr_note.setText(note or "")
        self.lr_note.setVisible(bool(note))
        with _blocked(self.enabled):
            self.enabled.setChecked(run.enabled)
        self.form.set_values(run.hyperparams)
        self._show_schedule(run.schedule)
        self._show_limit()
        obj = self.c.objective
        self.batch_row.setVisible(obj is not None and obj.is_data)
        with _blocked(self.batch_combo), _blocked(self.batch_size):
            key = "scene" if run.batch is None else run.batch.strategy
            self.batch_combo.setCurrentIndex(self.batch_combo.findData(key))
            base = run.batch or self.c.scene.batch
            self.batch_size.setValue(base.batch_size)
            if obj is not None and obj.is_data:
                self.batch_size.setMaximum(obj.n_samples)
        self.batch_size.setVisible(key == "minibatch")

    def _build_schedule_row(self, lay: QtWidgets.QVBoxLayout) -> None:
        """A learning-rate schedule: a type, its parameters and a warmup, all live (from the next step)."""
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(translate("RunEditor", "schedule")))
        self.schedule_combo = QtWidgets.QComboBox()
        self.schedule_combo.setObjectName("runSchedule")
        self.schedule_combo.addItem(translate("RunEditor", "none (η at every step)"), None)
        for spec in SCHEDULES.values():
            self.schedule_combo.addItem(declared(spec.title), spec.name)
            self.schedule_combo.setItemData(self.schedule_combo.count() - 1, f"{spec.formula}  ({spec.torch})",
                                            QtCore.Qt.ToolTipRole)
        self.schedule_combo.setToolTip(translate("RunEditor", "Learning-rate schedule: η_t at step t (t = steps "
                                                 "taken). Applies from the next step, without a reset; the state "
                                                 "plot's “learning rate η_t” shows it."))
        self.schedule_combo.currentIndexChanged.connect(lambda _i: self._schedule_type_changed())
        row.addWidget(self.schedule_combo, 1)
        lay.addLayout(row)
        self.schedule_box = QtWidgets.QWidget()
        self.schedule_layout = QtWidgets.QVBoxLayout(self.schedule_box)
        self.schedule_layout.setContentsMargins(12, 0, 0, 0)
        self.schedule_formula = _hint("")
        self.schedule_layout.addWidget(self.schedule_formula)
        self.schedule_form: ParamForm | None = None  # the selected type's parameters, rebuilt when it changes
        self.schedule_form_type: str | None = None
        self.warmup_form = ParamForm(WARMUP, {"steps": 0})  # off until asked for
        self.warmup_form.setObjectName("warmupForm")
        for label in self.warmup_form.findChildren(QtWidgets.QLabel):
            label.setText(filled(translate("RunEditor", "warmup {knob}"), knob=label.text()))
        self.warmup_form.valueChanged.connect(lambda _n, _v: self._schedule_edited())
        self.schedule_layout.addWidget(self.warmup_form)
        lay.addWidget(self.schedule_box)

    def _show_schedule(self, schedule) -> None:
        with _blocked(self.schedule_combo):
            self.schedule_combo.setCurrentIndex(self.schedule_combo.findData(None if schedule is None
                                                                              else schedule.type))
        self.schedule_box.setVisible(schedule is not None)
        if schedule is None:
            return
        if self.schedule_form_type != schedule.type:
            if self.schedule_form is not None:
                self.schedule_form.blockSignals(True)
                self.schedule_layout.removeWidget(self.schedule_form)
                self.schedule_form.deleteLater()
            self.schedule_form = ParamForm(schedule.spec.params, schedule.params)
            self.schedule_form.setObjectName("scheduleForm")
            self.schedule_form.valueChanged.connect(lambda _n, _v: self._schedule_edited())
            self.schedule_layout.insertWidget(1, self.schedule_form)
            self.schedule_form_type = schedule.type
        self.schedule_form.set_values(schedule.params)
        self.warmup_form.set_values({"steps": schedule.warmup_steps, "start_factor": schedule.warmup_start_factor})
        warmup = (translate("RunEditor", ", after a linear warmup from η·s over w steps")
                  if schedule.warmup_steps else "")
        self.schedule_formula.setText(i18n.remember(schedule.spec.formula + warmup, lambda: schedule.spec.formula + (
            translate("RunEditor", ", after a linear warmup from η·s over w steps") if schedule.warmup_steps else "")))

    def _warmup_settings(self) -> dict:
        return {"warmup": self.warmup_form.values()}

    def _schedule_type_changed(self) -> None:
        key = self.schedule_combo.currentData()
        # a new type starts from its defaults (cosine's T: the scene's length); the warmup is kept
        settings = None if key is None else {"type": key, **self._warmup_settings()}
        self.c.set_schedule(self.index, settings)
        self._show_schedule(self.c.scene.optimizers[self.index].schedule)

    def _schedule_edited(self) -> None:
        key = self.schedule_combo.currentData()
        if key is None or self.schedule_form is None:
            return
        self.c.set_schedule(self.index, {"type": key, **self.schedule_form.values(), **self._warmup_settings()})
        self._show_schedule(self.c.scene.optimizers[self.index].schedule)

    def _convention_changed(self) -> None:
        if not self.c.set_run_convention(self.index, self.convention_combo.currentData()):
            with _blocked(self.convention_combo):
                run = self.c.scene.optimizers[self.index]
                self.convention_combo.setCurrentIndex(self.convention_combo.findData(run.convention))

    def _batch_changed(self) -> None:
        key = self.batch_combo.currentData()
        base = self.c.scene.batch
        cfg = None if key == "scene" else BatchConfig(key, self.batch_size.value(), base.shuffle, base.drop_last)
        if not self.c.set_run_batch(self.index, cfg):
            self.update_from(self.c.scene.optimizers[self.index])

    def set_lr_limit(self, limit: float | None) -> None:
        """The stability bound for this run's lr on a quadratic objective (None: none applies)."""
        self._lr_limit = limit
        self._show_limit()

    def _show_limit(self) -> None:
        spin = self.form.spins["lr"]
        limit = self._lr_limit
        if limit is None:
            self.limit.hide()
            spin.setStyleSheet("")
            return
        above = spin.value() >= limit
        self.limit.setText(filled(translate("RunEditor", "{warn}stable on this quadratic for η &lt; {limit}"),
                                  warn="⚠ " if above else "", limit=f"{limit:.4g}"))
        self.limit.setStyleSheet("color: #9a5b00; font-weight: bold;" if above else "color: #555;")
        spin.setStyleSheet("background: #ffd27f;" if above else "")
        self.limit.show()

    def _enabled_toggled(self, on: bool) -> None:
        if not self.c.set_enabled(self.index, on):  # refused (the engine said why): show the run as it is
            self.update_from(self.c.scene.optimizers[self.index])

    def _hp_changed(self, name: str, value) -> None:
        if not self.c.set_hyperparam(self.index, name, value):
            self.form.set_values(self.c.scene.optimizers[self.index].hyperparams)
        elif name == "lr":
            self.lr_note.hide()  # the user's own η now
        self.lrLimitNeeded.emit(self.index)

    def _label_edited(self) -> None:
        if not self.c.set_label(self.index, self.label.text()):
            with _blocked(self.label):
                self.label.setText(self.c.scene.optimizers[self.index].label)
        self.label.setCursorPosition(0)

    def _pick_color(self) -> None:
        current = QtGui.QColor(self.c.scene.optimizers[self.index].color or "#000000")
        color = QtWidgets.QColorDialog.getColor(current, self, translate("RunEditor", "Run colour"))
        if color.isValid():
            self.c.set_color(self.index, color.name())


class OptimizersPanel(QtWidgets.QWidget):
    def __init__(self, controller: Controller, parent=None):
        super().__init__(parent)
        self.c = controller
        lay = QtWidgets.QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.add_button = QtWidgets.QToolButton()
        self.add_button.setText(translate("OptimizersPanel", "Add optimizer"))
        self.add_button.setToolButtonStyle(QtCore.Qt.ToolButtonTextOnly)
        self.add_button.setPopupMode(QtWidgets.QToolButton.InstantPopup)
        menu = QtWidgets.QMenu(self.add_button)
        menu.setToolTipsVisible(True)  # each rule's explanation on hover
        for spec in OPTIMIZERS.values():
            act = menu.addAction(declared(spec.title))
            act.setToolTip(explanation_html(spec))
            act.triggered.connect(lambda _c=False, t=spec.name: self.c.add_run(t))
        self.add_button.setMenu(menu)
        self.add_button.setToolTip(translate("OptimizersPanel", "Add a run of another update rule (restarts the race)."))
        lay.addWidget(self.add_button)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarAlwaysOff)
        self.inner = QtWidgets.QWidget()
        self.inner_layout = QtWidgets.QVBoxLayout(self.inner)
        self.inner_layout.setContentsMargins(0, 0, 0, 0)
        self.inner_layout.addStretch(1)
        self.scroll_area.setWidget(self.inner)
        lay.addWidget(self.scroll_area, 1)
        self.editors: list[RunEditor] = []
        self._shape: tuple = ()
        self.insight = None  # QuadraticInsight of the current objective, or None
        controller.sceneChanged.connect(self.refresh)
        controller.runChanged.connect(self._run_changed)
        controller.stepped.connect(self._mark_diverged)
        controller.sessionReset.connect(self._mark_diverged)
        controller.replayed.connect(self._mark_diverged)
        self.refresh(controller.scene)

    def refresh(self, scene: Scene) -> None:
        shape = tuple((r.type, r.convention) for r in scene.optimizers)  # a new form has other knobs: rebuild
        if shape != self._shape:
            for e in self.editors:
                # A focused label or spin box would commit (editingFinished) as it is hidden, with an index that
                # now names another run or none: silence the old editor first.
                for obj in (e, *e.findChildren(QtCore.QObject)):
                    obj.blockSignals(True)
                # Hidden and taken out of the layout but kept as a child until it is deleted: setParent(None)
                # made it a top-level window, which a pending layout event could then show on its own.
                e.hide()
                self.inner_layout.removeWidget(e)
                e.deleteLater()
            self.editors = []
            for i in range(len(scene.optimizers)):
                e = RunEditor(self.c, i)
                e.lrLimitNeeded.connect(self._update_limit)
                self.inner_layout.insertWidget(i, e)
                self.editors.append(e)
            self._shape = shape
        else:
            for e, r in zip(self.editors, scene.optimizers):
                e.update_from(r)
        for i in range(len(self.editors)):
            self._update_limit(i)

    def _run_changed(self, i: int) -> None:
        if i < len(self.editors) and i < len(self.c.scene.optimizers):
            self.editors[i].update_from(self.c.scene.optimizers[i])
            self._update_limit(i)

    def set_insight(self, insight) -> None:
        self.insight = insight
        for i in range(len(self.editors)):
            self._update_limit(i)

    def _update_limit(self, i: int) -> None:
        if i >= len(self.editors) or i >= len(self.c.scene.optimizers):
            return  # the editors are rebuilt (and their limits set) when the new scene arrives
        r = self.c.scene.optimizers[i]
        self.editors[i].set_lr_limit(self.insight.lr_limit(r.type, r.hyperparams, r.convention) if self.insight else None)

    def _mark_diverged(self, snap) -> None:
        for i, e in enumerate(self.editors):
            k = self.c.session_index(i)
            r = snap.runs[k] if snap is not None and k is not None else None
            if r is not None and r.diverged_at is not None:
                e.diverged.setText(filled(translate("OptimizersPanel", "Diverged at step {step}: frozen there. "
                                                    "Lower η and press Reset."), step=r.diverged_at))
                e.diverged.show()
            else:
                e.diverged.hide()
