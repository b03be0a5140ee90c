"""Start-up: QApplication, the main window, and a last-resort handler so no exception is ever silent."""

from __future__ import annotations

import logging
import sys
import traceback
import warnings

from PySide6 import QtWidgets

from engine import PlaygroundError, load_scene

from .style import configure

log = logging.getLogger("optimizer_playground")

_collector = None


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cyclic garbage collector only on the GUI thread, from a timer.

    The surface workers are Python threads; an automatic collection can start in whichever thread happens to
    allocate, and a reference cycle holding a Qt object (pyqtgraph items and their signal connections make many)
    is then destroyed in the worker thread, which can crash Qt (a segmentation fault seen once in a few full test
    runs, in code that merely listed the top-level widgets). pyqtgraph's GarbageCollector disables the automatic
    collector and collects with the same generation thresholds from a 0.5 s timer. Needs a QApplication."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=0.5)


def _excepthook(window):
    def hook(etype, value, tb):
        # Qt swallows exceptions raised in slots; log them and tell the user instead of failing silently.
        log.error("unhandled exception:\n%s", "".join(traceback.format_exception(etype, value, tb)))
        if window is not None:
            window.c.pause()
            from .i18n import translate

            window.show_error(translate("App", "Unexpected error ({error}). The animation was paused; details are in "
                                               "the log.").format(error=f"{etype.__name__}: {value}"))
    return hook


def run(scene_path: str | None = None, lang: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Extreme but finite data (a loss of 1e300 on a log axis) makes pyqtgraph's internals warn on every frame; the
    # app already keeps non-finite values away from the plots, so those warnings would only flood the terminal.
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"pyqtgraph\.")
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Optimizer Playground")
    app.setOrganizationName("OptimizerPlayground")
    configure()
    collect_garbage_on_gui_thread()
    from PySide6 import QtCore

    from .i18n import initial_language, set_language
    from .main_window import MainWindow

    settings = QtCore.QSettings("OptimizerPlayground", "Playground")
    set_language(initial_language(settings, lang))

    scene, problem = None, None
    if scene_path:
        try:
            scene = load_scene(scene_path)
        except PlaygroundError as e:
            problem = str(e)
    window = MainWindow(scene, settings)
    if scene is not None:
        window.scene_path = scene_path
        window._scene_changed(window.c.scene)
    sys.excepthook = _excepthook(window)
    window.show()
    if problem:
        from .i18n import translate

        window.show_error(translate("App", "{problem}\nThe default scene was opened instead.").format(problem=problem))
    return app.exec()
