"""The export dialogs: a figure's views, width and options (PNG, SVG, PDF), and an animation's steps, pace and format.
File names are asked for afterwards; the options are remembered in the window's QSettings (``load_options``)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine.limits import MAX_FPS, MAX_STEPS, MAX_WIDTH, MIN_WIDTH

from .animation import DEFAULT_FPS, FORMATS, AnimationSpec, ffmpeg_path, format_name
from .export import BACKGROUNDS, SCALES, VIEWS, ExportOptions
from .i18n import translate


def view_texts() -> tuple[str, ...]:
    """The names of VIEWS, in the current language."""
    return (translate("ExportDialog", "Contour and loss"), translate("ExportDialog", "Contour only"),
            translate("ExportDialog", "Loss only"))


def background_text(background: str) -> str:
    return {"white": translate("ExportDialog", "White"),
            "transparent": translate("ExportDialog", "Transparent")}.get(background, background)


def load_options(settings: QtCore.QSettings) -> ExportOptions:
    """The export options last used (defaults where a setting is missing or unreadable)."""
    def flag(key: str, default: bool) -> bool:
        v = settings.value(f"export/{key}", default)
        return v if isinstance(v, bool) else str(v).lower() == "true"

    background = str(settings.value("export/background", "white"))
    try:
        scale = int(settings.value("export/scale", 1))
    except (TypeError, ValueError):
        scale = 1
    return ExportOptions(background=background if background in BACKGROUNDS else "white",
                         scale=scale if scale in SCALES else 1, title=flag("title", True),
                         hyperparams=flag("hyperparams", True), caption=flag("caption", False),
                         extras=flag("extras", True))


def save_options(settings: QtCore.QSettings, options: ExportOptions) -> None:
    for key in ("background", "scale", "title", "hyperparams", "caption", "extras"):
        settings.setValue(f"export/{key}", getattr(options, key))


def _view_combo(view: str) -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox()
    for v, text in zip(VIEWS, view_texts()):
        combo.addItem(text, v)
    combo.setCurrentIndex(VIEWS.index(view) if view in VIEWS else 0)
    return combo


def _buttons(dialog: QtWidgets.QDialog, form: QtWidgets.QFormLayout) -> None:
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


class ExportDialog(QtWidgets.QDialog):
    """Which views, how wide, and the figure's options (background, scale, title, hyperparameters, caption)."""

    def __init__(self, parent, width: int = 1600, view: str = "both", options: ExportOptions = ExportOptions(),
                 title: str | None = None, raster: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title or translate("ExportDialog", "Export PNG"))
        form = QtWidgets.QFormLayout(self)
        self.view = _view_combo(view)
        self.width = QtWidgets.QSpinBox()
        self.width.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width.setSingleStep(100)
        self.width.setValue(width)
        self.width.setSuffix(" px")
        self.background = QtWidgets.QComboBox()
        for b in BACKGROUNDS:
            self.background.addItem(background_text(b), b)
        self.background.setCurrentIndex(BACKGROUNDS.index(options.background))
        self.scale = QtWidgets.QComboBox()
        for s in SCALES:
            self.scale.addItem(f"{s}×", s)
        self.scale.setCurrentIndex(SCALES.index(options.scale))
        self.scale.setToolTip(translate("ExportDialog", "Pixels per figure pixel: 2× is twice as many pixels each way, "
                                                        "for sharp slides"))
        self.scale.setEnabled(raster)
        self.title = QtWidgets.QCheckBox(translate("ExportDialog", "Title (scene, surface, step)"))
        self.title.setChecked(options.title)
        self.hyperparams = QtWidgets.QCheckBox(translate("ExportDialog", "Hyperparameters in the legend (Adam η=0.3, β₁=0.9, …)"))
        self.hyperparams.setChecked(options.hyperparams)
        self.caption = QtWidgets.QCheckBox(translate("ExportDialog", "Caption line: objective, start and step"))
        self.caption.setChecked(options.caption)
        self.extras = QtWidgets.QCheckBox(translate("ExportDialog", "The Data view, sweep map and basin layer, where "
                                                              "shown in the window"))
        self.extras.setChecked(options.extras)
        form.addRow(translate("ExportDialog", "Views"), self.view)
        form.addRow(translate("ExportDialog", "Width"), self.width)
        form.addRow(translate("ExportDialog", "Background"), self.background)
        form.addRow(translate("ExportDialog", "Scale"), self.scale)
        for box in (self.title, self.hyperparams, self.caption, self.extras):
            form.addRow("", box)
        _buttons(self, form)

    def options(self) -> ExportOptions:
        return ExportOptions(background=self.background.currentData(), scale=self.scale.currentData(),
                             title=self.title.isChecked(), hyperparams=self.hyperparams.isChecked(),
                             caption=self.caption.isChecked(), extras=self.extras.isChecked())


class AnimationDialog(QtWidgets.QDialog):
    """The steps to animate, frames per second, steps per frame, width, views and format."""

    def __init__(self, parent, last_step: int, steps_per_frame: int = 1, width: int = 800, view: str = "both",
                 fps: float = DEFAULT_FPS, fmt: str = "gif"):
        super().__init__(parent)
        self.setWindowTitle(translate("ExportDialog", "Export animation"))
        form = QtWidgets.QFormLayout(self)
        self.first = QtWidgets.QSpinBox()
        self.last = QtWidgets.QSpinBox()
        for box, value in ((self.first, 0), (self.last, last_step)):
            box.setRange(0, last_step)
            box.setValue(value)
        self.first.valueChanged.connect(lambda v: self.last.setMinimum(v))
        self.per_frame = QtWidgets.QSpinBox()
        self.per_frame.setRange(1, MAX_STEPS)
        self.per_frame.setValue(max(1, steps_per_frame))
        self.fps = QtWidgets.QDoubleSpinBox()
        self.fps.setRange(0.5, MAX_FPS)
        self.fps.setDecimals(1)
        self.fps.setValue(fps)
        self.width = QtWidgets.QSpinBox()
        self.width.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width.setSingleStep(100)
        self.width.setValue(width)
        self.width.setSuffix(" px")
        self.view = _view_combo(view)
        self.format = QtWidgets.QComboBox()
        for key in FORMATS:
            self.format.addItem(format_name(key), key)
        if ffmpeg_path() is None:  # MP4 only with an ffmpeg on PATH: shown, but not offered
            item = self.format.model().item(list(FORMATS).index("mp4"))
            item.setEnabled(False)
            item.setToolTip(translate("ExportDialog", "Install ffmpeg (and put it on PATH) to export MP4"))
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.frames = QtWidgets.QLabel()
        for box in (self.first, self.last, self.per_frame):
            box.valueChanged.connect(self._count)
        self.fps.valueChanged.connect(self._count)
        form.addRow(translate("ExportDialog", "From step"), self.first)
        form.addRow(translate("ExportDialog", "To step"), self.last)
        form.addRow(translate("ExportDialog", "Steps per frame"), self.per_frame)
        form.addRow(translate("ExportDialog", "Frames per second"), self.fps)
        form.addRow(translate("ExportDialog", "Width"), self.width)
        form.addRow(translate("ExportDialog", "Views"), self.view)
        form.addRow(translate("ExportDialog", "Format"), self.format)
        form.addRow("", self.frames)
        self._count()
        _buttons(self, form)

    def _count(self) -> None:
        spec = self.spec()
        n = len(spec.steps)
        self.frames.setText(translate("ExportDialog", "{n} frames, {s} s (the last frame held {hold} s more)").format(
            n=n, s=f"{n / spec.fps:.1f}", hold=f"{spec.hold_s:g}"))

    def spec(self) -> AnimationSpec:
        return AnimationSpec(last=max(self.last.value(), self.first.value()), first=self.first.value(),
                             steps_per_frame=self.per_frame.value(), fps=self.fps.value(), width=self.width.value(),
                             fmt=self.format.currentData())
