"""The Objective dock's settings for "Neural network (MLP)": its own widget group (ObjectivePanel shows it for an
``mlp`` scene and hides its 2-D groups). Every field maps to a key of the scene's ``objective`` (engine/network.py):
``hidden``, ``activation``, ``init``, ``init_seed``, ``standardize``, ``holdout`` (written only when above 0),
``csv`` + ``label_column``. Apply builds the
objective through the controller, which reports any engine error and keeps the race as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from engine.datasets import SYNTHETIC_2D
from engine.errors import PlaygroundError
from engine.limits import MAX_NET_LAYERS, MAX_NET_WIDTH, SEED_MAX, SEED_MIN
from engine.network import ACTIVATIONS, BOOK_HIDDEN, INITS

from .i18n import declared, filled, translate


def parse_hidden(text: str) -> list[int]:
    """``"100,100,100,100"`` -> [100, 100, 100, 100]; a clear PlaygroundError naming the bad entry otherwise (an
    empty text: no hidden layer, a linear softmax classifier)."""
    text = text.strip()
    if not text:
        return []
    out = []
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > MAX_NET_LAYERS:
        raise PlaygroundError(translate("MLPSettings", "hidden layers: at most {max} layers, got {n}").format(
            max=MAX_NET_LAYERS, n=len(parts)))
    for k, p in enumerate(parts, 1):
        if not p.isdigit():
            raise PlaygroundError(translate("MLPSettings", "hidden layers: layer {k} is {text}; expected a whole "
                                            "number of units, e.g. 100,100,100,100").format(k=k, text=repr(p)))
        n = int(p)
        if not 1 <= n <= MAX_NET_WIDTH:
            raise PlaygroundError(translate("MLPSettings", "hidden layers: layer {k} has {n} units; expected 1 to "
                                            "{max}").format(k=k, n=n, max=MAX_NET_WIDTH))
        out.append(n)
    return out


class MLPSettings(QtWidgets.QGroupBox):
    """Hidden layers, activation, init, init seed, standardise, data (the shipped digits or a CSV + label column)."""

    def __init__(self, controller, parent=None):
        super().__init__(translate("MLPSettings", "Network and data"), parent)
        self.setObjectName("mlpSettings")
        self.c = controller
        g = QtWidgets.QGridLayout(self)
        self.hidden = QtWidgets.QLineEdit(",".join(map(str, BOOK_HIDDEN)))
        self.hidden.setObjectName("mlpHidden")
        self.hidden.setToolTip(translate("MLPSettings", "Units of each hidden layer, comma-separated (the book's: "
                                                       "100,100,100,100)"))
        self.hidden.textChanged.connect(self._validate)
        self.hidden.returnPressed.connect(self.apply)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("mlpStatus")
        self.status.setWordWrap(True)
        self.activation = QtWidgets.QComboBox()
        self.activation.setObjectName("mlpActivation")
        for a in ACTIVATIONS:
            self.activation.addItem({"relu": "ReLU"}.get(a, a), a)
        self.init = QtWidgets.QComboBox()
        self.init.setObjectName("mlpInit")
        for i in INITS:
            self.init.addItem({"he": "He", "xavier": "Xavier"}[i], i)
        self.seed = QtWidgets.QSpinBox()
        self.seed.setObjectName("mlpInitSeed")
        self.seed.setRange(max(SEED_MIN, -2**31), min(SEED_MAX, 2**31 - 1))
        self.seed.setToolTip(translate("MLPSettings", "Seed of the initial weights (every run starts from the same ones)"))
        # short texts on the check box and radio buttons (they cannot wrap: a long one widened the whole dock past
        # its column, with a scroll bar); the details in their tooltips
        self.standardize = QtWidgets.QCheckBox(translate("MLPSettings", "standardise features"))
        self.standardize.setToolTip(translate("MLPSettings", "(x − mean) / std for each feature column (the population "
                                                            "std); a constant column becomes x − mean"))
        self.standardize.setObjectName("mlpStandardize")
        self.holdout = QtWidgets.QDoubleSpinBox()
        self.holdout.setObjectName("mlpHoldout")
        self.holdout.setRange(0.0, 0.9)
        self.holdout.setSingleStep(0.05)
        self.holdout.setDecimals(2)
        self.holdout.setToolTip(translate("MLPSettings", "The fraction of the rows kept out of training, to measure "
                                                         "accuracy on rows the network never saw (0: train on every "
                                                         "row)"))
        self.digits = QtWidgets.QRadioButton(translate("MLPSettings", "handwritten digits"))
        self.digits.setToolTip(translate("MLPSettings", "The UCI handwritten digits shipped with the program: 1,797 "
                                                       "images of 8×8 pixels, labels 0–9"))
        self.digits.setObjectName("mlpDigits")
        self.from_csv = QtWidgets.QRadioButton(translate("MLPSettings", "CSV file"))
        self.from_csv.setObjectName("mlpFromCsv")
        self.load = QtWidgets.QPushButton(translate("MLPSettings", "Load CSV…"))
        self.load.setObjectName("mlpLoadCsv")
        self.load.setToolTip(translate("MLPSettings", "Numeric feature columns and an integer label column 0 … K−1, "
                                                     "with a header row"))
        self.load.clicked.connect(lambda: self.choose_csv())
        # a synthetic two-feature set (spirals, moons, blobs): the Data view then shows the network's decision map
        self.synthetic = QtWidgets.QRadioButton(translate("MLPSettings", "synthetic data"))
        self.synthetic.setToolTip(translate("MLPSettings", "A data set of two features made from a seed: the Data view "
                                                          "then shows the network's decision map"))
        self.synthetic.setObjectName("mlpSynthetic")
        self.synthetic_set = QtWidgets.QComboBox()
        self.synthetic_set.setObjectName("mlpSyntheticSet")
        for key, title, _gen in SYNTHETIC_2D:
            self.synthetic_set.addItem(declared(title), key)
        self.synthetic_set.setToolTip(translate("MLPSettings", "Generated from the seed: two spirals (hard), two "
                                                              "moons, three blobs (easy)"))
        self.synthetic_samples = QtWidgets.QSpinBox()
        self.synthetic_samples.setObjectName("mlpSyntheticSamples")
        self.synthetic_samples.setRange(10, 100_000)
        self.synthetic_samples.setValue(300)
        self.synthetic_samples.setSuffix(" " + translate("MLPSettings", "rows"))  # (spaces outside: see i18n.again)
        self.synthetic_noise = QtWidgets.QDoubleSpinBox()
        self.synthetic_noise.setObjectName("mlpSyntheticNoise")
        self.synthetic_noise.setRange(0.0, 10.0)
        self.synthetic_noise.setSingleStep(0.05)
        self.synthetic_noise.setValue(0.2)
        self.synthetic_noise.setPrefix(translate("MLPSettings", "noise") + " ")
        self.synthetic_seed = QtWidgets.QSpinBox()
        self.synthetic_seed.setObjectName("mlpSyntheticSeed")
        self.synthetic_seed.setRange(0, 2**31 - 1)
        self.synthetic_seed.setPrefix(translate("MLPSettings", "seed") + " ")
        synth = QtWidgets.QWidget()
        sl = QtWidgets.QGridLayout(synth)
        sl.setContentsMargins(0, 0, 0, 0)
        # one a row: side by side they widened the dock past its column (or, allowed to shrink, cut their text)
        for row, w in enumerate((self.synthetic_set, self.synthetic_samples, self.synthetic_noise,
                                 self.synthetic_seed)):
            sl.addWidget(w, row, 0)
        self.label_column = QtWidgets.QLineEdit("label")
        self.label_column.setObjectName("mlpLabelColumn")
        self.csv_label = QtWidgets.QLabel("")
        self.csv_label.setWordWrap(True)
        self.csv_path: str | None = None
        self.apply_button = QtWidgets.QPushButton(translate("MLPSettings", "Apply network"))
        self.apply_button.setObjectName("mlpApply")
        self.apply_button.clicked.connect(self.apply)
        rows = [(translate("MLPSettings", "hidden layers"), self.hidden), ("", self.status),
                (translate("MLPSettings", "activation"), self.activation), (translate("MLPSettings", "init"), self.init),
                (translate("MLPSettings", "init seed"), self.seed), ("", self.standardize),
                (translate("MLPSettings", "held-out"), self.holdout),
                (translate("MLPSettings", "data"), self.digits), ("", self.from_csv), ("", self.load),
                (translate("MLPSettings", "label column"), self.label_column), ("", self.csv_label),
                ("", self.synthetic), ("", synth), ("", self.apply_button)]
        for r, (text, w) in enumerate(rows):
            g.addWidget(QtWidgets.QLabel(text), r, 0)
            g.addWidget(w, r, 1)
        self._validate(self.hidden.text())

    def _validate(self, text: str) -> bool:
        try:
            layers = parse_hidden(text)
        except PlaygroundError as e:
            self.status.setText(f"<span style='color:#b00020'>✗ {e}</span>")
            self.apply_button.setEnabled(False)
            return False
        self.status.setText(filled(translate("MLPSettings", "<span style='color:#1b7a1b'>✓ {n} hidden layer</span>")
                                   if len(layers) == 1 else
                                   translate("MLPSettings", "<span style='color:#1b7a1b'>✓ {n} hidden layers</span>"),
                                   n=len(layers)))
        self.apply_button.setEnabled(True)
        return True

    def show_settings(self, settings: dict) -> None:
        """The scene's mlp settings into the fields (signals blocked: nothing is applied)."""
        widgets = (self.hidden, self.activation, self.init, self.seed, self.standardize, self.holdout, self.digits,
                   self.from_csv,
                   self.label_column, self.synthetic, self.synthetic_set, self.synthetic_samples,
                   self.synthetic_noise, self.synthetic_seed)
        blockers = [QtCore.QSignalBlocker(w) for w in widgets]
        self.hidden.setText(",".join(str(h) for h in settings.get("hidden", BOOK_HIDDEN)))
        self.activation.setCurrentIndex(self.activation.findData(settings.get("activation", "relu")))
        self.init.setCurrentIndex(self.init.findData(settings.get("init", "he")))
        self.seed.setValue(int(settings.get("init_seed", 0)))
        self.standardize.setChecked(bool(settings.get("standardize", True)))
        self.holdout.setValue(float(settings.get("holdout", 0.0)))
        csv = settings.get("csv")
        synthetic = "data" in settings
        self.digits.setChecked(csv is None and not synthetic)
        self.from_csv.setChecked(csv is not None)
        self.synthetic.setChecked(synthetic)
        if synthetic:
            self.synthetic_set.setCurrentIndex(max(0, self.synthetic_set.findData(settings["data"])))
            self.synthetic_samples.setValue(int(settings.get("samples", 300)))
            self.synthetic_noise.setValue(float(settings.get("noise", 0.2)))
            self.synthetic_seed.setValue(int(settings.get("seed", 0)))
        self.label_column.setText(settings.get("label_column", "label"))
        if csv is not None:
            self.csv_path = csv
        self.csv_label.setText(Path(csv).name if csv else "")
        del blockers
        self._validate(self.hidden.text())

    def settings(self) -> dict:
        """The fields as a scene's ``objective`` (raises PlaygroundError for bad hidden layers or a missing CSV)."""
        out = {"name": "mlp", "hidden": parse_hidden(self.hidden.text()), "activation": self.activation.currentData(),
               "init": self.init.currentData(), "init_seed": int(self.seed.value()),
               "standardize": self.standardize.isChecked()}
        if self.holdout.value() > 0:
            out["holdout"] = round(float(self.holdout.value()), 2)
        if self.synthetic.isChecked():
            out.update(data=self.synthetic_set.currentData(), samples=int(self.synthetic_samples.value()),
                       noise=float(self.synthetic_noise.value()), seed=int(self.synthetic_seed.value()))
            return out
        if self.from_csv.isChecked():
            if not self.csv_path:
                raise PlaygroundError(translate("MLPSettings", "Network data: choose a CSV file first (Load CSV…)"))
            out["csv"] = self.csv_path
            out["label_column"] = self.label_column.text().strip() or "label"
        return out

    def apply(self) -> bool:
        try:
            settings = self.settings()
        except PlaygroundError as e:
            self.c.errorRaised.emit(str(e))
            return False
        return self.c.set_objective(settings)

    def choose_csv(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, translate("MLPSettings", "Load CSV"), "",
                                                            translate("MLPSettings", "CSV files (*.csv *.csv.gz);;"
                                                                      "All files (*)"))
            if not path:
                return False
        self.csv_path = str(Path(path).resolve())
        self.csv_label.setText(Path(path).name)
        self.from_csv.setChecked(True)
        return self.apply()
