"""Korean and English: Qt's translators, the language setting, and changing every shown text at run time.

Strings are marked with ``translate("Context", "English text")`` (gui) or the engine's function of the same name
(numbers go in afterwards: ``.format(...)``, or ``filled(...)`` for a text set once); ``pyside6-lupdate`` collects them into ``resources/i18n/*.ko.ts`` (``scripts/i18n.py update``) and
``pyside6-lrelease`` compiles those into ``resources/i18n/playground_ko.qm`` (``scripts/i18n.py release``), which is
shipped. Qt's own dialogs and buttons follow through ``qtbase_ko.qm`` from the PySide6 wheel.

Switching language while the window is open (the Language menu) needs no restart and leaves the race running:
every text this module made is remembered with how to make it again (``translate`` records it, composite texts are
recorded with ``remember``), and ``retranslate(root)`` walks the window — labels, buttons, menus, actions, tabs,
combo items, tooltips, dock titles, pyqtgraph axis labels and titles — replacing each remembered text by its new
language. Text that is rebuilt from the race on every refresh (the legend, the status bar, the Explain dock) is
simply drawn again by its owner afterwards. What the user typed (run labels, file names) is never touched: it was
not made here, so it is not remembered.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from engine import RESOURCES
from engine import i18n as _engine

LANGUAGES = (("en", "English"), ("ko", "한국어"))  # each named in its own language, as language menus do
CODES = tuple(code for code, _name in LANGUAGES)
CATALOGUE = RESOURCES / "i18n" / "playground_{lang}.qm"
SETTINGS_KEY = "language"

_translators: list[QtCore.QTranslator] = []
# shown text -> how to make it again in the current language. Texts without fields are a small, fixed set; texts with
# numbers in them are made on every refresh, so only the most recent ones are kept (the ones still on screen).
_static: dict[str, Callable[[], str]] = {}
_recent: OrderedDict[str, Callable[[], str]] = OrderedDict()
_RECENT_LIMIT = 4000


def translate(context: str, source: str) -> str:
    """``source`` in the current language (engine.i18n.translate), remembered so a language change can make it
    again. Numbers go in with ``.format`` on the result where the text is redrawn anyway, or with ``filled`` where
    it is set once and must follow a language change."""
    text = _engine.translate(context, source)
    _static[text] = lambda: _engine.translate(context, source)
    return text


def declared(text: str) -> str:
    """Text the engine declared at import time (``QT_TRANSLATE_NOOP("Declarations", ...)``: a title, a knob's help)
    in the current language, remembered like ``translate``'s."""
    shown = _engine.declared(text)
    _static[shown] = lambda: _engine.declared(text)
    return shown


def filled(text: str, **fields) -> str:
    """``text`` (just returned by ``translate``) with ``fields`` filled in, remembered like it:
    ``filled(translate("MainWindow", "Saved {path}"), path=p)``."""
    maker = _static.get(text)
    out = text.format(**fields)
    if maker is not None:
        remember(out, lambda: maker().format(**fields))
    return out


def remember(text: str, rebuild: Callable[[], str]) -> str:
    """Records that ``text`` is ``rebuild()`` in the current language (for a text put together from translated
    parts, e.g. a tooltip with its shortcut); returns ``text``."""
    if text:
        _recent[text] = rebuild
        _recent.move_to_end(text)
        if len(_recent) > _RECENT_LIMIT:
            _recent.popitem(last=False)
    return text


def language() -> str:
    return _engine.language()


def system_language() -> str:
    """"ko" where the system's locale is Korean, else "en"."""
    return "ko" if QtCore.QLocale.system().language() == QtCore.QLocale.Korean else "en"


def initial_language(settings: QtCore.QSettings | None, requested: str | None = None) -> str:
    """The language to start in: ``requested`` (``--lang``), else the remembered one, else the system's."""
    if requested in CODES:
        return requested
    if settings is not None:
        saved = str(settings.value(SETTINGS_KEY, ""))
        if saved in CODES:
            return saved
    return system_language()


def set_language(lang: str) -> None:
    """Installs ``lang``'s translators in the running Qt application (a QCoreApplication must exist) and the
    engine's hook. Qt then sends every widget a LanguageChange event; the window retranslates itself on it."""
    if lang not in CODES:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(CODES)})")
    app = QtCore.QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QCoreApplication")
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang != "en":
        ours = QtCore.QTranslator(app)
        if not ours.load(str(CATALOGUE).format(lang=lang)):
            raise FileNotFoundError(f"the {lang} catalogue is missing: {str(CATALOGUE).format(lang=lang)}")
        qt = QtCore.QTranslator(app)
        qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            _translators.append(qt)
        _translators.append(ours)
        for t in _translators:
            app.installTranslator(t)
    if lang == "ko" and isinstance(app, QtWidgets.QApplication):
        _use_korean_font(app)
    _engine.set_translator(None if lang == "en" else
                           (lambda context, source: QtCore.QCoreApplication.translate(context, source)), lang)


KOREAN_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "UnDotum", "Baekmuk Gulim")


def korean_font() -> str | None:
    """A font family with Hangul, preferring the ones scripts/setup.sh installs (fonts-nanum); None if there is none
    (Korean would then be drawn as empty boxes)."""
    families = QtGui.QFontDatabase.families(QtGui.QFontDatabase.WritingSystem.Korean)
    for name in KOREAN_FONTS:
        if name in families:
            return name
    return families[0] if families else None


def _use_korean_font(app: QtWidgets.QApplication) -> None:
    """Hangul from a Korean font, everything else as before: the application font gets the Korean family as its
    fallback (so Latin text, numbers and symbols keep their look and width)."""
    family = korean_font()
    if family is None:
        import logging

        logging.getLogger("optimizer_playground").warning(
            "no font with Hangul is installed: Korean text cannot be drawn (install fonts-nanum)")
        return
    font = app.font()
    if family not in font.families():
        # the family the default resolves to ("Sans Serif" is an alias: in a list with a Korean family, Qt drew
        # every Latin letter and digit in that one, its full stops looking like commas: "0,01333")
        latin = QtGui.QFontInfo(font).family()
        font.setFamilies([latin, family] if latin != family else [family])
        app.setFont(font)


# ---- changing the texts already shown -----------------------------------------------------------------------
# (object, which text) -> (the text set there last, its maker): a widget's own history decides where two sources
# share one translation ("Mini-batch" and "mini-batch" are both 미니 배치), the way back included
_made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def again(text: str, owner=None, key=None) -> str | None:
    """``text`` made again in the current language, or None when it was not made here (the user's own text, a
    number). Leading and trailing spaces are kept (" steps/frame " in a toolbar). ``owner`` and ``key`` name where
    the text is shown (a widget and which of its texts), so that its maker is found again even where two sources
    share one translation."""
    if not text:
        return None
    core = text.strip()
    maker = None
    if owner is not None:
        try:
            last = _made.get(owner, {}).get(key)
        except TypeError:  # an object that takes no weak reference
            owner, last = None, None
        if last is not None and last[0] == core:
            maker = last[1]
    maker = maker or _static.get(core) or _recent.get(core)
    if maker is None:
        return None
    new = maker()
    if core in _static:
        _static[new] = maker  # so the way back finds it too
    else:
        remember(new, maker)
    if owner is not None:
        _made.setdefault(owner, {})[key] = (new, maker)
    if core != text:
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        new = f"{lead}{new}{trail}"
    return new


def _swap(getter, setter, owner=None, key=None) -> None:
    new = again(getter(), owner, key)
    if new is not None:
        setter(new)


def _text(get, put):
    """A handler for one text property: Qt's own methods, called through their classes (a subclass may have an
    attribute of the same name: a dialog's ``title`` check box, a panel's ``text`` item)."""
    def handle(w) -> None:
        old = get(w)
        if old:
            new = again(old, w, get)
            if new is not None:
                put(w, new)
    return handle


def _items(count, get, put):
    """A handler for indexed texts (combo items, tabs)."""
    def handle(w) -> None:
        for i in range(count(w)):
            old = get(w, i)
            if old:
                new = again(old, w, (get, i))
                if new is not None:
                    put(w, i, new)
    return handle


def _header_items(w) -> None:
    T = QtWidgets.QTableWidget
    for n, header in ((T.columnCount(w), T.horizontalHeaderItem), (T.rowCount(w), T.verticalHeaderItem)):
        for i in range(n):
            item = header(w, i)
            if item is not None:
                _swap(item.text, item.setText)
                _swap(item.toolTip, item.setToolTip)


def _list_items(w) -> None:
    for i in range(QtWidgets.QListWidget.count(w)):
        item = QtWidgets.QListWidget.item(w, i)
        _swap(item.text, item.setText)
        _swap(item.toolTip, item.setToolTip)


def _handlers_for() -> list[tuple[type, list]]:
    W, C = QtWidgets, QtCore.Qt
    tooltip = lambda w, i: W.QComboBox.itemData(w, i, C.ToolTipRole) or ""  # noqa: E731
    set_tooltip = lambda w, i, t: W.QComboBox.setItemData(w, i, t, C.ToolTipRole)  # noqa: E731
    return [
        (W.QWidget, [_text(W.QWidget.toolTip, W.QWidget.setToolTip),
                     _text(W.QWidget.statusTip, W.QWidget.setStatusTip),
                     _text(W.QWidget.whatsThis, W.QWidget.setWhatsThis)]),
        (W.QDockWidget, [_text(W.QWidget.windowTitle, W.QWidget.setWindowTitle)]),
        (W.QToolBar, [_text(W.QWidget.windowTitle, W.QWidget.setWindowTitle)]),
        (W.QDialog, [_text(W.QWidget.windowTitle, W.QWidget.setWindowTitle)]),
        (W.QLabel, [_text(W.QLabel.text, W.QLabel.setText)]),
        (W.QAbstractButton, [_text(W.QAbstractButton.text, W.QAbstractButton.setText)]),
        (W.QGroupBox, [_text(W.QGroupBox.title, W.QGroupBox.setTitle)]),
        (W.QLineEdit, [_text(W.QLineEdit.placeholderText, W.QLineEdit.setPlaceholderText)]),
        (W.QAbstractSpinBox, [_text(W.QAbstractSpinBox.specialValueText, W.QAbstractSpinBox.setSpecialValueText)]),
        (W.QSpinBox, [_text(W.QSpinBox.suffix, W.QSpinBox.setSuffix), _text(W.QSpinBox.prefix, W.QSpinBox.setPrefix)]),
        (W.QDoubleSpinBox, [_text(W.QDoubleSpinBox.suffix, W.QDoubleSpinBox.setSuffix),
                            _text(W.QDoubleSpinBox.prefix, W.QDoubleSpinBox.setPrefix)]),
        (W.QMenu, [_text(W.QMenu.title, W.QMenu.setTitle)]),
        (W.QComboBox, [_items(W.QComboBox.count, W.QComboBox.itemText, W.QComboBox.setItemText),
                       _items(W.QComboBox.count, tooltip, set_tooltip)]),
        (W.QTabBar, [_items(W.QTabBar.count, W.QTabBar.tabText, W.QTabBar.setTabText),
                     _items(W.QTabBar.count, W.QTabBar.tabToolTip, W.QTabBar.setTabToolTip)]),
        (W.QTabWidget, [_items(W.QTabWidget.count, W.QTabWidget.tabText, W.QTabWidget.setTabText),
                        _items(W.QTabWidget.count, W.QTabWidget.tabToolTip, W.QTabWidget.setTabToolTip)]),
        (W.QTableWidget, [_header_items]),
        (W.QListWidget, [_list_items]),
    ]


_HANDLERS: list[tuple[type, list]] | None = None
_BY_TYPE: dict[type, list] = {}


def _widget(w: QtWidgets.QWidget) -> None:
    """Every text property of ``w`` that was made here, in the current language (handlers cached per class)."""
    global _HANDLERS
    cls = type(w)
    handlers = _BY_TYPE.get(cls)
    if handlers is None:
        if _HANDLERS is None:
            _HANDLERS = _handlers_for()
        handlers = _BY_TYPE[cls] = [h for base, hs in _HANDLERS if issubclass(cls, base) for h in hs]
    for h in handlers:
        h(w)
    if w.isWindow() and not isinstance(w, (QtWidgets.QDialog, QtWidgets.QMenu)):
        _swap(w.windowTitle, w.setWindowTitle, w, "windowTitle")


def _action(a) -> None:
    A = QtGui.QAction
    _swap(lambda: A.text(a), lambda t: A.setText(a, t), a, "text")
    _swap(lambda: A.iconText(a), lambda t: A.setIconText(a, t), a, "iconText")
    _swap(lambda: A.toolTip(a), lambda t: A.setToolTip(a, t), a, "toolTip")
    _swap(lambda: A.statusTip(a), lambda t: A.setStatusTip(a, t), a, "statusTip")


def _graphics(view) -> None:
    """pyqtgraph's texts in a GraphicsView: axis labels, titles and label items, text items."""
    import pyqtgraph as pg

    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            new = again(item.labelText, item, "label")
            if new is not None:
                item.setLabel(new, units=item.labelUnits or None, **item.labelStyle)
        elif isinstance(item, pg.LabelItem):
            new = again(item.text, item, "text")
            if new is not None:
                item.setText(new)
        elif isinstance(item, pg.TextItem):
            new = again(item.textItem.toPlainText(), item, "text")
            if new is not None:
                item.setText(new)


def retranslate(root: QtWidgets.QWidget) -> None:
    """Every text under ``root`` (its menus and actions included) that was made here, in the current language."""
    import pyqtgraph as pg

    widgets = [root, *root.findChildren(QtWidgets.QWidget)]
    for w in widgets:
        _widget(w)
        for a in w.actions():
            _action(a)
        if isinstance(w, pg.GraphicsView):
            _graphics(w)
    for a in root.findChildren(QtGui.QAction):  # actions owned by the window but in no widget's list
        _action(a)


def catalogue_exists(lang: str) -> bool:
    return lang == "en" or Path(str(CATALOGUE).format(lang=lang)).is_file()
