"""Soak test: the GUI monkey (tests/gui/monkey.py) driving the real window for a long run, offscreen.

    uv run python benchmarks/soak.py --actions 100000 --seed 1
    uv run python benchmarks/soak.py --minutes 35 --seed 1        # as many actions as fit in 35 minutes

Prints progress every 5,000 actions and ends with one summary line: actions, wall time, exceptions, non-finite
plot-data incidents, model inconsistencies, blocked dialogs and peak RSS. Exits 1 if any of those counts is not 0.
The CI test (tests/gui/test_monkey.py) runs the same driver for 2,100 actions.

Unlike CI, the soak draws the contour on the app's own 200 x 200 grid and uses the driver's default action weights
(``--contour-grid 48`` reproduces the CI set-up). After a failure the run goes on (the report is printed) until
``--max-failures`` failures, so one run counts every incident instead of stopping at the first.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, deque
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported: the soak never needs a display

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "gui"))  # the driver lives with the GUI tests, its main user

import numpy as np
from PySide6 import QtCore, QtWidgets


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


class _Traced(deque):
    """The monkey's history, each line also written to a file at once."""

    def __init__(self, history: deque, out):
        super().__init__(history, maxlen=history.maxlen)
        self.out = out

    def append(self, line: str) -> None:
        super().append(line)
        self.out.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--actions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--minutes", type=float, default=None, help="stop after this long even if --actions is not reached")
    ap.add_argument("--progress", type=int, default=5000, help="print progress every this many actions")
    ap.add_argument("--contour-grid", type=int, default=None, help="contour grid size (default: the app's own)")
    ap.add_argument("--max-failures", type=int, default=20)
    ap.add_argument("--workdir", default=None, help="where exports and scene files go (default: a temp folder)")
    ap.add_argument("--table", action="store_true", help="print time spent per kind of action at the end")
    ap.add_argument("--trace", metavar="FILE", help="write every action and note to FILE as it happens (flushed: "
                    "what the monkey did last survives a crash of the process)")
    args = ap.parse_args(argv)

    from monkey import Monkey, MonkeyConfig, MonkeyFailure, rss_mb

    from gui.main_window import MainWindow
    from gui.style import configure

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    configure()
    tmp = tempfile.TemporaryDirectory(prefix="soak_")
    work = Path(args.workdir) if args.workdir else Path(tmp.name)
    settings = QtCore.QSettings(str(work / "settings.ini"), QtCore.QSettings.IniFormat)
    window = MainWindow(None, settings=settings)
    window.show()
    window.resize(1000, 700)
    window.interval.setValue(5)
    app.processEvents()

    monkey = Monkey(window, np.random.default_rng(args.seed), work / "monkey",
                    MonkeyConfig(contour_grid=args.contour_grid), seed=args.seed)
    if args.trace:
        monkey.history = _Traced(monkey.history, open(args.trace, "w", buffering=1, encoding="utf-8"))
    failures: list[str] = []
    t0 = time.perf_counter()
    deadline = t0 + args.minutes * 60 if args.minutes else None
    stopped = ""
    print(f"soak: seed {args.seed}, up to {args.actions} actions"
          + (f" or {args.minutes:g} minutes" if args.minutes else "")
          + f", contour grid {args.contour_grid or 'app default'}, work folder {work}", flush=True)
    with monkey:
        while monkey.stats.actions < args.actions:
            try:
                monkey.step()
            except MonkeyFailure as e:
                failures.append(str(e))
                print(f"\nFAILURE {len(failures)}:\n{e}\n", flush=True)
                if len(failures) >= args.max_failures:
                    stopped = f"stopped after {len(failures)} failures"
                    break
            n = monkey.stats.actions
            if n % args.progress == 0:
                el = time.perf_counter() - t0
                print(f"[{n:>7}/{args.actions}] {el:7.0f} s  {n / el:5.1f} actions/s  rss {current_rss_mb():6.0f} MB "
                      f"(peak {rss_mb():6.0f} MB)  runs {len(window.c.scene.optimizers):2d}  "
                      f"step {window.c.snapshot.step if window.c.snapshot else '-'}  "
                      f"incidents {monkey.stats.exceptions}/{monkey.stats.nonfinite}/{monkey.stats.model}",
                      flush=True)
            if deadline is not None and time.perf_counter() > deadline:
                stopped = f"time limit of {args.minutes:g} minutes reached"
                break
    wall = time.perf_counter() - t0
    s = monkey.stats

    if args.table:
        print("\naction               count   total s   mean ms")
        for name, sec in sorted(s.seconds.items(), key=lambda kv: -kv[1]):
            count = s.counts.get(name) or s.actions
            print(f"{name:20s} {count:6d} {sec:9.1f} {1000 * sec / count:9.1f}")
    print("\nmessages shown to the user (kinds):")
    for kind, count in Counter(s.shown).most_common(40):
        print(f"  {count:6d}  {kind}")
    boxes = len(window.findChildren(QtWidgets.QMessageBox))
    print(f"message boxes alive at the end: {boxes}")

    ok = not failures and not (s.exceptions or s.nonfinite or s.model or s.dialogs)
    line = (f"SOAK {'PASS' if ok else 'FAIL'}: {s.actions} actions (seed {args.seed}) in {wall:.0f} s "
            f"({s.actions / wall:.1f} actions/s); exceptions {s.exceptions}; non-finite plot data {s.nonfinite}; "
            f"model inconsistencies {s.model}; blocked dialogs {s.dialogs}; peak RSS {rss_mb():.0f} MB"
            + (f"; {stopped}" if stopped else ""))
    print(line, flush=True)
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
