"""Korean and English in the real window: the Language menu switches every text at run time (the race plays on),
and in Korean no English is left anywhere a user can read it (names of methods, data sets, file formats aside)."""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from engine import load_scene
from gui import i18n
from gui.main_window import preset_paths
from gui_helpers import plain

# Words that stay as they are in Korean: names of methods and people, data sets, formats, units, keys, symbols.
ALLOWED = {
    "adam", "adamw", "adamax", "nadam", "radam", "sgd", "adagrad", "adadelta", "rmsprop", "momentum", "nesterov", "nag",
    "bengio", "amsgrad", "lion", "torch", "optim", "pytorch", "numpy", "relu", "tanh", "sigmoid", "softmax", "he",
    "xavier", "pca", "mlp", "csv", "png", "svg", "pdf", "gif", "webp", "mp4", "json", "ffmpeg", "utf", "rosenbrock",
    "rastrigin", "himmelblau", "beale", "booth", "matyas", "ackley", "goldstein", "price", "uci", "mnist", "lr", "eps",
    "ms", "px", "fps", "ctrl", "shift", "alt", "space", "home", "end", "esc", "del", "left", "right", "up", "down",
    "pgup", "pgdown", "return", "enter", "tab", "backspace", "max", "min", "log", "exp", "sqrt", "abs", "sin", "cos",
    "inf", "nan", "steplr", "cosineannealinglr", "exponentiallr", "linearlr", "sequentiallr", "li", "et", "al",
    "lambda", "alpha", "beta", "eta", "rho", "epsilon", "gamma", "weight_decay", "dampening", "maximize", "foreach",
    "kaiming", "glorot", "ko", "en", "english", "cpu", "gpu", "sec", "deg", "qt", "xy", "eff",
    "true", "false", "none", "betas", "tan", "sinh", "cosh", "sign", "rms", "chen", "pi",
}
WORD = re.compile(r"[A-Za-z][A-Za-z_']{2,}")


def _knob_keys() -> set[str]:
    """Every knob's scene-file key (torch's argument names: lr_decay, amsgrad, t_max …): shown as written in every
    language, because scene files and torch use them; the tooltips say what they are."""
    from engine import OBJECTIVES, OPTIMIZERS, SCHEDULES, WARMUP

    decls = [d for spec in OPTIMIZERS.values() for d in spec.hyperparams]
    decls += [d for s in SCHEDULES.values() for d in s.params] + list(WARMUP)
    decls += [d for o in OBJECTIVES.values() for d in o.knobs]
    return {d.name.lower() for d in decls}


ALLOWED |= _knob_keys()


QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # scene keys and typed values ("from", "sweep"), a paper's title
PATHS = re.compile(r"[\w.]+/[\w./]+")  # file names such as common/optimizer.py


def _english(text: str, ignore: set[str]) -> list[str]:
    text = plain(text) if "<" in text else text
    text = re.sub(r"&(?=\w)", "", text)  # mnemonics
    text = PATHS.sub(" ", QUOTED.sub(" ", text))
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED and w not in ignore
            and "_" not in w]  # identifiers and symbols: X_n, r_t


def shown_texts(window: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read in the window: widgets, their tooltips, menus and actions,
    combo items, tabs, dock titles, pyqtgraph axis labels, titles and text items."""
    out = []
    for w in [window, *window.findChildren(QtWidgets.QWidget)]:
        name = f"{type(w).__name__}({w.objectName()})"
        out.append((f"{name}.toolTip", w.toolTip()))
        if isinstance(w, (QtWidgets.QDockWidget, QtWidgets.QToolBar)):
            out.append((f"{name}.title", w.windowTitle()))
        if isinstance(w, (QtWidgets.QLabel, QtWidgets.QAbstractButton)):
            out.append((f"{name}.text", w.text()))
        elif isinstance(w, QtWidgets.QGroupBox):
            out.append((f"{name}.title", w.title()))
        elif isinstance(w, QtWidgets.QLineEdit):
            out.append((f"{name}.placeholder", w.placeholderText()))
        elif isinstance(w, QtWidgets.QComboBox):
            out += [(f"{name}.item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QtWidgets.QTabBar):
            out += [(f"{name}.tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QtWidgets.QMenu):
            out.append((f"{name}.title", w.title()))
        elif isinstance(w, QtWidgets.QAbstractSpinBox):
            out.append((f"{name}.special", w.specialValueText()))
            if isinstance(w, (QtWidgets.QSpinBox, QtWidgets.QDoubleSpinBox)):
                out.append((f"{name}.suffix", w.suffix()))
        elif isinstance(w, QtWidgets.QTextEdit):
            out.append((f"{name}.text", w.toPlainText()))
        if isinstance(w, pg.GraphicsView):
            for item in w.scene().items():
                if isinstance(item, pg.AxisItem) and item.isVisible():
                    out.append((f"{name}.axis", item.labelText))
                elif isinstance(item, pg.LabelItem) and item.isVisible():
                    out.append((f"{name}.label", item.text))
                elif isinstance(item, pg.TextItem) and item.isVisible():
                    out.append((f"{name}.textItem", item.textItem.toPlainText()))
    for a in window.findChildren(QtGui.QAction):
        if isinstance(a.parent(), pg.GraphicsScene):
            continue  # pyqtgraph's scene menu ("Export..."): never shown, the views' menus are the window's own
        out.append((f"QAction({a.objectName()}).text", a.text()))
        out.append((f"QAction({a.objectName()}).toolTip", a.toolTip()))
    return [(where, t) for where, t in out if t]


def english_left(window, widget=None) -> list[str]:
    """The texts of ``widget`` (default: the window) with English words in them."""
    ignore = {w for r in window.c.scene.optimizers for w in WORD.findall(r.label)}  # the user's run labels
    ignore |= set(WORD.findall(window.scene_path or ""))
    found = []
    for where, text in shown_texts(widget if widget is not None else window):
        words = _english(text, ignore)
        if words:
            found.append(f"{where}: {words} in {text[:120]!r}")
    return found


@pytest.fixture
def korean():
    yield
    i18n.set_language("en")


def test_the_language_menu_switches_every_text_while_the_race_plays(window, qtbot, korean):
    english = dict(shown_texts(window))
    window.c.play()
    qtbot.waitUntil(lambda: window.c.snapshot.step > 3)
    window.language_actions["ko"].trigger()
    assert i18n.language() == "ko" and window.c.playing
    step = window.c.snapshot.step
    qtbot.waitUntil(lambda: window.c.snapshot.step > step + 3)  # the race goes on
    assert window.act_play.text() == "일시 정지"
    korean_texts = dict(shown_texts(window))
    changed = [k for k, v in english.items() if korean_texts.get(k) not in (None, v)]
    assert len(changed) > 0.5 * len(english), "most texts change language"
    assert window.settings.value(i18n.SETTINGS_KEY) == "ko"
    window.c.pause()
    window.language_actions["en"].trigger()
    back = dict(shown_texts(window))
    # every static text is English again, exactly as it was (the step counters moved on, so skip those)
    differ = [k for k, v in english.items() if back.get(k) != v and not re.search(r"\d", v + back.get(k, ""))]
    assert not differ, [(k, english[k], back.get(k)) for k in differ[:20]]


def test_the_language_is_remembered_and_follows_the_system_first(settings_path):
    from gui_helpers import make_settings

    s = make_settings(settings_path)
    assert i18n.initial_language(s) == i18n.system_language()
    s.setValue(i18n.SETTINGS_KEY, "ko")
    assert i18n.initial_language(s) == "ko"
    assert i18n.initial_language(s, "en") == "en"  # --lang wins


@pytest.mark.parametrize("scene", ["default", "network", "logistic"])
def test_no_english_is_left_in_korean(make_window, qtbot, korean, scene):
    i18n.set_language("ko")
    sc = None
    if scene == "network":
        sc = load_scene(next(p for p in preset_paths() if p.parent.name == "network"))
    w = make_window(sc)
    if scene == "logistic":
        idx = w.objective_panel.combo.findData("logistic_regression")
        w.objective_panel.combo.setCurrentIndex(idx)
    w.c.step(3)
    qtbot.wait(50)
    w._render(w.c.snapshot)
    left = english_left(w)
    assert not left, f"{len(left)} texts with English in Korean:\n" + "\n".join(left[:60])


def test_a_window_switched_to_korean_equals_one_started_in_korean(make_window, qtbot, korean):
    w = make_window()
    w.set_language("ko")
    switched = dict(shown_texts(w))
    started = make_window()
    fresh = dict(shown_texts(started))
    differ = [k for k in fresh if k in switched and switched[k] != fresh[k] and not re.search(r"\d", fresh[k])]
    assert not differ, [(k, switched[k], fresh[k]) for k in differ[:20]]


def test_qt_dialog_buttons_follow_the_language(qtbot, korean):
    i18n.set_language("ko")
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Warning, "t", "x", QtWidgets.QMessageBox.Cancel)
    qtbot.addWidget(box)
    assert box.button(QtWidgets.QMessageBox.Cancel).text() == QtCore.QCoreApplication.translate(
        "QPlatformTheme", "Cancel") != "Cancel"


def test_korean_text_gets_a_korean_font(qapp, korean):
    """No tofu: set-up installs fonts-nanum, and in Korean the application font falls back to it for Hangul."""
    family = i18n.korean_font()
    assert family is not None, "no font with Hangul installed (scripts/setup.sh installs fonts-nanum)"
    i18n.set_language("ko")
    assert family in qapp.font().families()
    # Latin letters and digits keep their own font (in Nanum a full stop looked like a comma: "0,01333")
    assert QtGui.QFontInfo(qapp.font()).family() != family
    metrics = QtGui.QFontMetrics(QtGui.QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "경사하강법학습률")


def test_no_widget_hides_a_qt_method_under_an_attribute(window):
    """Qt calls virtual methods of every widget on a font change (the Korean font): a panel whose attribute had a
    QWidget method's name (``self.metric = QComboBox()``) made Qt call the combo box (a TypeError in every slot)."""
    bad = []
    for w in [window, *window.findChildren(QtWidgets.QWidget)]:
        qt_classes = [c for c in type(w).__mro__ if c.__module__.startswith("PySide6")]
        for name, value in vars(w).items():
            if isinstance(value, QtCore.SignalInstance):
                continue
            if any(name in vars(c) for c in qt_classes):
                bad.append(f"{type(w).__name__}.{name}")
    assert not bad, bad


def test_no_english_is_left_in_korean_dialogs(make_window, qtbot, korean):
    """File ▸ Export PNG…, Export SVG/PDF…, Export animation… and Help ▸ Keyboard shortcuts, in Korean."""
    from gui.export_dialogs import AnimationDialog, ExportDialog

    i18n.set_language("ko")
    w = make_window()
    w.c.step(5)
    dialogs = [ExportDialog(w, w.export_width, w.export_view, w.export_options, "PNG", True),
               ExportDialog(w, w.export_width, w.export_view, w.export_options, "SVG/PDF", False),
               AnimationDialog(w, w.c.snapshot.step, w.c.steps_per_frame, view="both")]
    w._show_shortcuts()
    dialogs += [d for d in w.findChildren(QtWidgets.QMessageBox)]
    left = []
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        left += english_left(w, d)
    assert not left, f"{len(left)} texts with English in Korean dialogs:\n" + "\n".join(left[:60])


def test_right_click_gives_the_windows_own_menu_in_the_language(window, qtbot, korean):
    """pyqtgraph's menus (English only, plot options, its own exporter) are off everywhere; the contour and loss
    views offer the window's actions instead, in the current language."""
    plots = [item for v in window.findChildren(pg.GraphicsView) for item in v.scene().items()
             if isinstance(item, pg.ViewBox)]
    assert plots and not [vb for vb in plots if vb.menuEnabled()]
    window.set_language("ko")
    vp = window.contour_widget.viewport()
    event = QtGui.QContextMenuEvent(QtGui.QContextMenuEvent.Mouse, QtCore.QPoint(20, 20),
                                    vp.mapToGlobal(QtCore.QPoint(20, 20)))
    QtWidgets.QApplication.sendEvent(vp, event)
    menus = [m for m in window.findChildren(QtWidgets.QMenu) if m.isVisible()]
    assert len(menus) == 1
    texts = [a.text() for a in menus[0].actions()]
    assert window.act_view.text() in texts and window.act_export.text() in texts
    assert all(re.search("[가-힣]", t) for t in texts), texts
    menus[0].close()
