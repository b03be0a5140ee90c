"""``python main.py [ARGS]`` until the main window has painted once, then exit: run_benchmarks.py times this process.

It runs main.py's own code path (``main.main(ARGS)`` → ``gui.app.run``); the only addition is an event filter on
the QApplication, created here first (``run`` reuses an existing instance), which waits for the first paint event
of a widget inside the MainWindow and exits as soon as that paint round is over (a zero timer fires after it).
The product has no test hook for this. Prints {"first_paint_s": seconds since this script started} on stdout; the
parent adds interpreter start-up by timing the whole process.

Run it under QT_QPA_PLATFORM=offscreen and a scratch XDG_CONFIG_HOME (a first launch: no saved window layout).
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6 import QtCore, QtWidgets  # noqa: E402


class FirstPaint(QtCore.QObject):
    def __init__(self):
        super().__init__()
        self.seen = False

    def eventFilter(self, obj, ev):
        if (not self.seen and ev.type() == QtCore.QEvent.Paint and isinstance(obj, QtWidgets.QWidget)
                and type(obj.window()).__name__ == "MainWindow"):
            self.seen = True
            QtCore.QTimer.singleShot(0, self.done)
        return False

    def done(self):
        sys.stdout.write(json.dumps({"first_paint_s": time.perf_counter() - T0}) + "\n")
        sys.stdout.flush()
        os._exit(0)  # the measurement ends at the first paint; closing the window would also save its layout


if __name__ == "__main__":
    app = QtWidgets.QApplication(sys.argv[:1])  # what gui.app.run would create
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    import main  # noqa: E402

    sys.exit(main.main(sys.argv[1:]))
