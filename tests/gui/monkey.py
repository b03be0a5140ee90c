"""A seeded random-action driver ("monkey") for the real MainWindow, shared by the GUI test and the soak benchmark.

    from monkey import Monkey
    with Monkey(window, np.random.default_rng(seed), workdir) as m:
        m.run(2000)                      # raises MonkeyFailure (an AssertionError) at the first problem

Every action is something a user can do (buttons, menus, shortcuts, spin boxes with absurd values typed or set,
files at good and bad paths), chosen with ``rng``. After every action the driver checks that

* no exception escaped anywhere: ``sys.excepthook`` (PySide6 reports exceptions raised in slots and Qt virtual
  methods there), pyqtgraph's ``debug.printExc`` (it swallows exceptions in scene mouse handlers), ERROR records
  on the app's logger (the controller logs and pauses on an unexpected error while stepping), and the action
  itself;
* no real modal dialog ran (the file and colour dialogs and the Export PNG dialog are replaced by fakes that
  return a random path, colour or cancel; a watchdog closes and reports any dialog that starts an event loop);
* every plot item in the contour view (trajectories, heads, isocurves, image, teaching overlay), the loss view and
  the explain panel's state plot holds finite data. NaN is accepted only where it is a path separator: in a
  ``connect="finite"`` curve, where x and y are both NaN, never first and never two in a row;
* the model is consistent: the scene (and the scene Save would write) survives ``scene_from_dict(to_dict())``,
  every hyperparameter and objective knob is within its declared range, the session matches the scene's enabled
  runs, ``snapshot.step == session.step_count``, trajectories and losses are finite, and the views hold one item
  per run.

The module depends on the app, numpy, pyqtgraph and Qt only (no pytest), so ``benchmarks/soak.py`` imports it too.
It lives next to the GUI tests because it is test code: its checks are assertions about the app.
"""

from __future__ import annotations

import json
import logging
import math
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.debug as pg_debug
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from engine import NETWORK_OBJECTIVES, OBJECTIVES, OPTIMIZERS, RESOURCES, STRATEGIES, scene_from_dict
from engine.hyperparams import resolve

LOGGER = "optimizer_playground"
F_MAX = sys.float_info.max
NAN, INF = float("nan"), float("inf")

# ---- value pools -------------------------------------------------------------------------------------------------

FINITE_EXTREMES = [0.0, -0.0, 5e-324, -5e-324, 1e-300, 1e-12, 1e-7, 1e-6, 0.001, 0.5, 0.999999, 0.9999999999,
                   1.0, 1.000001, 2.0, 3.0, -1.0, -0.5, -1e-9, 7.5, 100.0, 1e4, 99999.0, 1e6, 1e6 + 1, -1e6, -1e6 - 1,
                   1e8, 1.0000001e8, 1e12, -1e12, 1e300, -1e300, F_MAX, -F_MAX]
NON_FINITE = [NAN, INF, -INF]
TYPED = ["0", "-0", "1e-400", "1e999", "-1e999", "nan", "inf", "-inf", "abc", "", "  ", "1,5", "1.5.5", "3e5k",
         "2 M", "10m", "1u", "0x10", "½", "٣", "1e6", "-1e6", "99999999999999999999999", "0.1", "12", "-3",
         "1e-12", "5e-324", "1/3", "(1)", "--1", "+5", "1e", "e5", "∞"]

VALID_FORMULAS = ["x**2/20 + y**2", "x^2 + y^2", "sin(x)*cos(y)", "(1-x)**2 + 100*(y-x**2)**2", "abs(x) + abs(y)",
                  "x", "-x**2 - y**2", "0", "0*x", "exp(x) + exp(y)", "exp(exp(exp(x)))", "1/x + y**2",
                  "log(x) + y**2", "sqrt(x) + sqrt(y)", "x**-1", "tan(x)*tan(y)", "cosh(100*x) + y**2",
                  "x**1000 + y**1000", "1e308*x*y", "1e308*(x**2+y**2)", "(x**2 + y**2)**0.5", "pi*x + e*y",
                  "tanh(x)*sinh(y)", "x*y", "sin(1e300*x)", "1e-308*x**2 + y**2", "(x-1e6)**2 + y**2",
                  "log(abs(x)) + log(abs(y))", "exp(-x**2-y**2)", "x**2 + 1e-300*y", "sqrt(-1) + x"]
HOSTILE_FORMULAS = ["", "   ", "__import__('os').system('touch /tmp/monkey_pwned')", "x +", "(((((", ")",
                    "x y", "x ** ** y", "1e999*x", "9" * 400, "(" * 500 + "x" + ")" * 500, "x" * 3000,
                    "+".join(["x"] * 2000), "x**y**x**y**x**y**x**y", "sin()", "sin(x, y)", "foo(x)", "z",
                    "lambda: 0", "x;y", "x\ny", "x\x00y", "𝑥", "x\u202e+y", "nan", "inf", "2**2**2**2**2**2",
                    "1/0", "0**-1", "exp(1e10)", "[x]", "x.__class__", "' or 1=1 --", "%s%s%s", "{x}"]

LABELS = ["", "   ", "SGD", "Adam", "Momentum", "a", "x" * 1000, "<b>bold</b>", "&nbsp;&amp;", "</span><i>",
          "🙂 smile", "עברית", "tab\there", "new\nline", "  padded  ", "ümlaut", "%s %d {0}", "'quote\"", "\\"]


# ---- checks --------------------------------------------------------------------------------------------------

class MonkeyFailure(AssertionError):
    pass


def _finite(a) -> bool:
    return bool(np.all(np.isfinite(a)))


def _array(v) -> np.ndarray | None:
    if v is None:
        return None
    try:
        return np.asarray(v, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def _check_xy(where: str, x, y, nan_separators: bool, problems: list[str]) -> None:
    """``x`` and ``y`` finite; with ``nan_separators`` NaN may appear where both are NaN (a connect='finite' gap)."""
    x, y = _array(x), _array(y)
    for name, a in (("x", x), ("y", y)):
        if a is None:
            continue
        if nan_separators:
            bad = np.isinf(a)
        else:
            bad = ~np.isfinite(a)
        if bad.any():
            k = int(np.argmax(bad))
            problems.append(f"{where}: non-finite {name}[{k}] = {a.ravel()[k]!r} (size {a.size})")
            return
    if nan_separators and x is not None and y is not None:
        nx = np.isnan(x)
        if x.shape != y.shape:
            problems.append(f"{where}: x and y shapes differ {x.shape} != {y.shape}")
        elif not np.array_equal(nx, np.isnan(y)):
            k = int(np.argmax(nx != np.isnan(y)))
            problems.append(f"{where}: NaN separator in only one of x, y at [{k}] ({x[k]!r}, {y[k]!r})")
        elif nx.ndim == 1 and nx.size and (nx[0] or (nx[1:] & nx[:-1]).any()):
            # a separator ends a piece: never first, never two in a row (NaN that came out of arithmetic is)
            k = 0 if nx[0] else int(np.argmax(nx[1:] & nx[:-1])) + 1
            problems.append(f"{where}: NaN at [{k}] is not a path separator (first, or next to another NaN)")


def plot_item_problems(name: str, plot: pg.PlotItem) -> list[str]:
    """Every non-finite value handed to the items of ``plot`` (see the module docstring for NaN separators)."""
    problems: list[str] = []
    for j, item in enumerate(list(plot.items)):
        where = f"{name}.items[{j}] {type(item).__name__}"
        if isinstance(item, pg.PlotDataItem):
            sep = item.opts.get("connect") == "finite"
            _check_xy(where + " (raw)", item.xData, item.yData, sep, problems)
            x, y = item.getData()  # as displayed (log mode applied)
            _check_xy(where + " (displayed)", x, y, sep, problems)
            _check_xy(where + ".curve", item.curve.xData, item.curve.yData,
                      sep or item.curve.opts.get("connect") == "finite", problems)
            sd = item.scatter.data
            _check_xy(where + ".scatter", sd["x"], sd["y"], False, problems)
        elif isinstance(item, pg.PlotCurveItem):
            _check_xy(where, item.xData, item.yData, item.opts.get("connect") == "finite", problems)
        elif isinstance(item, pg.ScatterPlotItem):
            _check_xy(where, item.data["x"], item.data["y"], False, problems)
        elif isinstance(item, pg.ImageItem):
            img = item.image
            if img is not None and not _finite(img):
                problems.append(f"{where}: non-finite image pixels ({int(np.sum(~np.isfinite(img)))} of {img.size})")
            levels = item.getLevels()
            if levels is not None and not _finite(levels):
                problems.append(f"{where}: non-finite image levels {levels!r}")
            r = item.mapRectToParent(item.boundingRect())
            if not _finite([r.x(), r.y(), r.width(), r.height()]):
                problems.append(f"{where}: non-finite image rect {r}")
        elif isinstance(item, pg.TextItem):
            p = item.pos()
            if item.isVisible() and not _finite([p.x(), p.y()]):
                text = item.textItem.toPlainText()[:30]
                problems.append(f"{where} {text!r}: non-finite position ({p.x()}, {p.y()})")
        elif isinstance(item, pg.InfiniteLine):
            if item.isVisible() and not _finite([item.value()]):
                problems.append(f"{where}: non-finite position {item.value()!r}")
    (x0, x1), (y0, y1) = plot.vb.viewRange()
    if not _finite([x0, x1, y0, y1]):
        problems.append(f"{name}: non-finite view range x=({x0}, {x1}) y=({y0}, {y1})")
    return problems


def window_plots(window) -> list[tuple[str, pg.PlotItem]]:
    return [("contour", window.contour.plot), ("loss", window.loss.plot),
            ("state", window.teach_panel.state_plot.getPlotItem())]


def model_problems(window) -> list[str]:
    """Inconsistencies between the scene, the session, the snapshot and the views."""
    problems: list[str] = []
    c = window.c
    scene = c.scene
    for what, s in (("scene", scene), ("current_scene()", c.current_scene())):
        try:
            scene_from_dict(s.to_dict(), s.base_dir)
        except Exception as e:  # noqa: BLE001 - any failure is the finding
            problems.append(f"{what} does not validate: {type(e).__name__}: {e}")
    settings = dict(scene.objective)
    name = settings.pop("name", None)
    spec = OBJECTIVES.get(name)
    if spec is None and name not in NETWORK_OBJECTIVES:
        problems.append(f"unknown objective {name!r} in the scene")
    elif spec is not None and (spec.kind == "analytic" or (spec.kind == "data" and "csv" not in settings)):
        settings.pop("data", None)  # the synthetic data set's name: checked by building the objective
        try:
            resolved = resolve(spec.knobs, settings, name)
            if {k: resolved[k] for k in settings} != settings:
                problems.append(f"objective knobs {settings} resolve to {resolved}")
        except Exception as e:  # noqa: BLE001
            problems.append(f"objective knobs out of range: {settings}: {e}")
    for i, r in enumerate(scene.optimizers):
        try:
            hp = r.spec.resolve(r.hyperparams)  # in the run's form: torch's or the book's
            if hp != r.hyperparams:
                problems.append(f"run {i} ({r.label}) hyperparameters {r.hyperparams} resolve to {hp}")
        except Exception as e:  # noqa: BLE001
            problems.append(f"run {i} ({r.label}) holds invalid hyperparameters {r.hyperparams}: {e}")
    enabled = [i for i, r in enumerate(scene.optimizers) if r.enabled]
    session, snap = c.session, c.snapshot
    if not enabled:
        if session is not None or snap is not None:
            problems.append("no run is enabled but a session exists")
        n_runs = 0
    elif session is None or snap is None:
        problems.append(f"{len(enabled)} enabled runs but no session/snapshot")
        n_runs = 0
    else:
        n_runs = len(snap.runs)
        if c.is_network and c.playing:  # the stepper's thread may be ahead of the frame drawn
            if snap.step > session.step_count:
                problems.append(f"snapshot.step {snap.step} > session.step_count {session.step_count}")
        elif snap.step != session.step_count:
            problems.append(f"snapshot.step {snap.step} != session.step_count {session.step_count}")
        if n_runs != len(enabled) or len(session.runs) != len(enabled):
            problems.append(f"session has {len(session.runs)} runs, snapshot {n_runs}, scene enables {len(enabled)}")
        for k, i in enumerate(enabled[: len(session.runs)]):
            sr, r = session.runs[k], scene.optimizers[i]
            if c.session_index(i) != k:
                problems.append(f"session_index({i}) = {c.session_index(i)}, expected {k}")
            job = c._replay_job  # a what-if replay in flight: the scene holds its values, the race gets them soon
            if sr.hyperparams != r.hyperparams and not (job is not None and job.run == k):
                problems.append(f"run {r.label}: session hyperparameters {sr.hyperparams} != scene {r.hyperparams}")
            if sr.label != r.label or (k < n_runs and snap.runs[k].label != r.label):
                problems.append(f"run {i}: label {r.label!r} vs session {sr.label!r}")
        for k in range(n_runs):
            rs = snap.runs[k]
            if rs.n_points != (rs.diverged_at if rs.diverged_at is not None else snap.step + 1):
                problems.append(f"run {rs.label}: n_points {rs.n_points} vs step {snap.step}, "
                                f"diverged_at {rs.diverged_at}")
            if c.is_network:
                steps, loss = snap.losses(k)
                if steps[-1] != rs.n_points - 1 or not _finite(loss) or not math.isfinite(rs.loss):
                    problems.append(f"run {rs.label}: full-data losses {loss} at steps {steps}")
                continue
            xy, loss = snap.trajectory(k), snap.losses(k)
            if not _finite(xy):
                problems.append(f"run {rs.label}: non-finite trajectory point")
            if not _finite(loss):
                bad = int(np.argmax(~np.isfinite(loss)))
                problems.append(f"run {rs.label}: non-finite loss {loss[bad]!r} at step {bad}")
            if not _finite(rs.point) or not math.isfinite(rs.loss):
                problems.append(f"run {rs.label}: non-finite head {rs.point} loss {rs.loss}")
    for what, n in (("contour lines", len(window.contour.lines)), ("contour heads", len(window.contour.heads.data)),
                    ("loss curves", len(window.loss.full)),
                    ("explain run combo", window.teach_panel.run_combo.count()),
                    ("what-if run combo", window.whatif_panel.run_combo.count())):
        if n != n_runs:
            problems.append(f"{what}: {n} items for {n_runs} runs")
    if window.loss.batch and len(window.loss.batch) != n_runs:
        problems.append(f"batch-loss curves: {len(window.loss.batch)} for {n_runs} runs")
    editors = window.optimizers_panel.editors
    if len(editors) != len(scene.optimizers):
        problems.append(f"{len(editors)} run editors for {len(scene.optimizers)} runs")
    for i, (e, r) in enumerate(zip(editors, scene.optimizers)):
        if e.index != i:
            problems.append(f"editor {i} has index {e.index}")
        if e.enabled.isChecked() != r.enabled:
            problems.append(f"editor {i} enabled box {e.enabled.isChecked()} vs run {r.enabled}")
    if window.objective_panel.combo.currentData() != name:
        problems.append(f"objective combo shows {window.objective_panel.combo.currentData()!r}, scene has {name!r}")
    checked = [s for s, rb in window.batch_panel.buttons.items() if rb.isChecked()]
    if checked != [scene.batch.strategy]:
        problems.append(f"batch radio buttons {checked} vs scene {scene.batch.strategy!r}")
    wi = window.whatif_panel
    i = wi.scene_index()
    if i is not None and not wi.dragging():
        hp = scene.optimizers[i].hyperparams
        for name, knob in wi.knobs.items():
            if knob.current != hp.get(name):
                problems.append(f"what-if slider {name} shows {knob.current!r}, run {i} has {hp.get(name)!r}")
    if window.view_step is not None and snap is not None and not 0 <= window.view_step <= snap.step:
        problems.append(f"view_step {window.view_step} outside 0..{snap.step}")
    return problems


# ---- the driver ----------------------------------------------------------------------------------------------

@dataclass
class MonkeyConfig:
    max_samples: int = 1500  # synthetic data sets stay small (the spin box allows 5,000,000)
    max_steps_per_frame: int = 40
    max_interval_ms: int = 15
    play_ms: tuple[int, int] = (1, 12)
    png_widths: tuple[int, ...] = (300, 340, 420)
    soft_run_limit: int = 10  # above this many runs, removing is favoured over adding
    allow_many_runs: bool = True  # now and then try to add runs beyond the scene limit (64)
    contour_grid: int | None = None  # e.g. 64: a coarser contour grid than the app's 200 (isocurves cost ~0.3 s)
    weights: dict = field(default_factory=dict)  # action name -> weight, overriding the defaults
    window_sizes: tuple = ((200, 150), (400, 300), (900, 600), (1400, 900), (1900, 1300))  # painting costs
    paint_every: int = 1  # > 1: the window repaints only after every n-th action (painting is ~40% of the time)


@dataclass
class Stats:
    actions: int = 0
    counts: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)
    exceptions: int = 0
    nonfinite: int = 0
    model: int = 0
    dialogs: int = 0
    shown: Counter = field(default_factory=Counter)  # kinds of error message shown to the user


ACTIONS: list[tuple[str, float]] = []


def action(weight: float):
    def deco(fn):
        ACTIONS.append((fn.__name__, weight))
        return fn
    return deco


class Monkey:
    def __init__(self, window, rng: np.random.Generator, workdir: str | Path, config: MonkeyConfig | None = None,
                 history: int = 20, seed: int | None = None):
        self.w = window
        self.rng = rng  # the values each action uses
        # The sequence of actions has a stream of its own: it stays the same for a seed even when the state (and so
        # what the actions draw from ``rng``) drifts, as it can with Play on a real timer.
        self._choices = np.random.default_rng(int(rng.integers(2**63)))
        self.seed = seed
        self.cfg = config or MonkeyConfig()
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.history: deque[str] = deque(maxlen=history)
        self.stats = Stats()
        self.index = -1
        self._errors: list[str] = []
        self._dialog_errors: list[str] = []
        self._names = [n for n, _ in ACTIONS]
        weights = np.array([self.cfg.weights.get(n, w) for n, w in ACTIONS], dtype=float)
        self._p = weights / weights.sum()
        self._installed = False
        self._make_files()

    # ---- set-up: files, hooks and fake dialogs ----------------------------------------------------------------
    def _make_files(self) -> None:
        d = self.dir
        (d / "a_folder.png").mkdir(exist_ok=True)
        (d / "a_folder.json").mkdir(exist_ok=True)
        (d / "a_folder.csv").mkdir(exist_ok=True)
        (d / "regular_file").write_text("not a folder\n")
        (d / "empty.json").write_text("")
        (d / "malformed.json").write_text('{"version": 1, "objective": {"name": "bowl"}, "optimizers": [')
        (d / "not_object.json").write_text("[1, 2, 3]\n")
        (d / "bad_lr.json").write_text('{"version": 1, "objective": {"name": "bowl"}, '
                                       '"optimizers": [{"type": "sgd", "lr": -1}]}')
        (d / "nan.json").write_text('{"version": 1, "objective": {"name": "bowl"}, "start": [NaN, 1], '
                                    '"optimizers": [{"type": "sgd"}]}')
        (d / "huge_numbers.json").write_text('{"version": 1, "objective": {"name": "bowl"}, "start": [1e400, 1], '
                                             '"optimizers": [{"type": "sgd", "lr": 1e6}]}')
        (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
        (d / "binary.json").write_bytes(bytes(range(256)) * 8)
        (d / "latin1.json").write_bytes('{"version": 1, "title": "caf\xe9"}'.encode("latin-1"))
        (d / "wrong_version.json").write_text('{"version": 2, "objective": {"name": "bowl"}, '
                                              '"optimizers": [{"type": "sgd"}]}')
        (d / "bad_csv_scene.json").write_text('{"version": 1, "objective": {"name": "linear_regression", '
                                              '"csv": "no_such.csv"}, "optimizers": [{"type": "sgd"}]}')
        (d / "diverging.json").write_text('{"version": 1, "objective": {"name": "rosenbrock"}, "steps": 0, '
                                          '"optimizers": [{"type": "sgd", "lr": 1000000}, {"type": "adam", '
                                          '"lr": 1000000}, {"type": "nag", "lr": 10}, {"type": "nag_bengio", '
                                          '"lr": 10}]}')
        types = list(OPTIMIZERS)
        runs = ", ".join(f'{{"type": "{types[i % len(types)]}"}}' for i in range(64))
        self.scene_64 = str(d / "runs_64.json")
        Path(self.scene_64).write_text(f'{{"version": 1, "objective": {{"name": "bowl"}}, "optimizers": [{runs}]}}')
        rows = "\n".join(f"{x:.3f},{2 * x - 1 + 0.1 * math.sin(7 * x):.3f},{int(x > 0)}"
                         for x in np.linspace(-2, 2, 60))
        (d / "good.csv").write_text("x,y,label\n" + rows + "\n")
        (d / "one_row.csv").write_text("x,y\n1,2\n")
        (d / "header_only.csv").write_text("x,y\n")
        (d / "text_values.csv").write_text("x,y\n1,a\n2,b\n")
        (d / "nan_values.csv").write_text("x,y\n1,nan\n2,inf\n3,4\n")
        (d / "huge_values.csv").write_text("x,y\n1e308,1e308\n-1e308,1\n1e300,-1e300\n")
        (d / "constant_x.csv").write_text("x,y\n" + "1,2\n" * 20)
        (d / "ragged.csv").write_text("x,y\n1,2,3\n4\n")
        (d / "binary.csv").write_bytes(bytes(range(256)) * 4)
        (d / "empty.csv").write_text("")
        self.scenes_good = [str(p) for p in sorted((RESOURCES / "scenes").glob("*.json"))]
        self.scenes_good += [str(p) for p in sorted((RESOURCES / "presets").glob("*.json"))]
        self.scenes_good.append(str(d / "diverging.json"))
        # the network races (issue 14), with a small network: the same code paths at a fraction of the arithmetic
        for p in sorted((RESOURCES / "presets" / "network").glob("*.json")):
            scene = json.loads(p.read_text())
            scene["objective"]["hidden"] = [12, 12]
            (d / f"small_{p.name}").write_text(json.dumps(scene))
            self.scenes_good.append(str(d / f"small_{p.name}"))
        self.scenes_bad = [str(d / n) for n in ("empty.json", "malformed.json", "not_object.json", "bad_lr.json",
                                                "nan.json", "huge_numbers.json", "deep.json", "binary.json",
                                                "latin1.json", "wrong_version.json", "bad_csv_scene.json",
                                                "a_folder.json", "missing.json", "no_folder/x.json",
                                                "regular_file/x.json")]
        self.scenes_bad += ["", "/dev/null", "/proc/self/status", str(d / "nul\x00byte.json")]
        self.csv_good = [str(d / "good.csv"), str(RESOURCES / "data" / "study_hours.csv")]
        self.csv_bad = [str(d / n) for n in ("one_row.csv", "header_only.csv", "text_values.csv", "nan_values.csv",
                                             "huge_values.csv", "constant_x.csv", "ragged.csv", "binary.csv",
                                             "empty.csv", "a_folder.csv", "missing.csv", "no_folder/a.csv",
                                             "regular_file/a.csv")]

    def out_path(self, ext: str, good: bool | None = None) -> str:
        """A path to write ``ext`` files to: a fresh file in the work folder, or a bad one."""
        if good is None:
            good = self.rng.random() < 0.6
        if good:
            return str(self.dir / f"out_{self.rng.integers(0, 8)}.{ext}")  # a few names: files are overwritten
        bad = [self.dir / "no such folder" / f"x.{ext}", self.dir / f"a_folder.{ext}",
               self.dir / "regular_file" / f"x.{ext}", Path("/proc/no_write") / f"x.{ext}", self.dir,
               self.dir / ("n" * 300 + f".{ext}"), Path(f"/dev/null/x.{ext}"), self.dir / f"nul\x00.{ext}", ""]
        return str(bad[self.rng.integers(len(bad))])

    def __enter__(self) -> Monkey:
        self.install()
        return self

    def __exit__(self, *exc) -> None:
        self.uninstall()

    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        self._old_hook = sys.excepthook
        sys.excepthook = self._excepthook
        self._old_printexc = pg_debug.printExc
        pg_debug.printExc = self._printexc
        self._handler = _Recorder(self._errors, self.stats.shown)
        logging.getLogger(LOGGER).addHandler(self._handler)
        FD, CD = QtWidgets.QFileDialog, QtWidgets.QColorDialog
        from gui import main_window
        self._patched = [(FD, "getOpenFileName", FD.__dict__.get("getOpenFileName")),
                         (FD, "getSaveFileName", FD.__dict__.get("getSaveFileName")),
                         (CD, "getColor", CD.__dict__.get("getColor")),
                         (main_window.ExportDialog, "exec", main_window.ExportDialog.__dict__.get("exec"))]
        FD.getOpenFileName = staticmethod(self._fake_file_dialog)
        FD.getSaveFileName = staticmethod(self._fake_file_dialog)
        CD.getColor = staticmethod(self._fake_color_dialog)
        main_window.ExportDialog.exec = lambda dlg, *_a: self._fake_export_dialog(dlg)
        if self.cfg.contour_grid:
            grid, compute = self.cfg.contour_grid, main_window.compute_contour
            self._patched.append((main_window, "compute_contour", compute))
            main_window.compute_contour = lambda objective, n=grid, **kw: compute(objective, n, **kw)
        self._watchdog = QtCore.QTimer()
        self._watchdog.setInterval(50)
        self._watchdog.timeout.connect(self._close_modal)
        self._watchdog.start()

    def uninstall(self) -> None:
        if not self._installed:
            return
        self._installed = False
        self._watchdog.stop()
        self.w.setUpdatesEnabled(True)
        self.w.c.pause()
        for cls, name, old in self._patched:
            if old is None and isinstance(cls, type):
                delattr(cls, name)
            else:
                setattr(cls, name, old)
        logging.getLogger(LOGGER).removeHandler(self._handler)
        pg_debug.printExc = self._old_printexc
        sys.excepthook = self._old_hook

    def _excepthook(self, etype, value, tb) -> None:
        self._errors.append("exception in a slot or Qt virtual method:\n"
                            + "".join(traceback.format_exception(etype, value, tb)))

    def _printexc(self, msg: str = "", *args, **kwargs) -> None:
        self._errors.append(f"pyqtgraph swallowed an exception ({msg}):\n{traceback.format_exc()}")

    def _fake_file_dialog(self, parent=None, caption: str = "", *args, **kwargs):
        self.history.append(f"    (file dialog {caption!r})")
        r = self.rng.random()
        if r < 0.4:
            return "", ""
        cap = caption.lower()
        if "open scene" in cap:
            pool = self.scenes_good if r < 0.75 else self.scenes_bad
            path = pool[self.rng.integers(len(pool))]
        elif "csv" in cap and "load" in cap:
            pool = self.csv_good if r < 0.75 else self.csv_bad
            path = pool[self.rng.integers(len(pool))]
        elif "png" in cap:
            path = self.out_path("png")
        elif "trajector" in cap:
            path = self.out_path("csv")
        else:
            path = self.out_path("json")
        self.history.append(f"    (file dialog returns {path!r})")
        return path, ""

    def _fake_color_dialog(self, *args, **kwargs):
        if self.rng.random() < 0.3:
            return QtGui.QColor()  # cancelled
        return QtGui.QColor(*(int(v) for v in self.rng.integers(0, 256, 3)))

    def _fake_export_dialog(self, dlg) -> int:
        if self.rng.random() < 0.3:
            return QtWidgets.QDialog.Rejected
        dlg.width.setValue(int(self.rng.choice(self.cfg.png_widths)))
        dlg.view.setCurrentIndex(int(self.rng.integers(dlg.view.count())))
        return QtWidgets.QDialog.Accepted

    def _close_modal(self) -> None:
        """Any dialog running its own event loop would hang the monkey: close it and report it."""
        for top in QtWidgets.QApplication.topLevelWidgets():
            if isinstance(top, (QtWidgets.QFileDialog, QtWidgets.QColorDialog)) and top.isVisible():
                self._dialog_errors.append(f"a real {type(top).__name__} opened ({top.windowTitle()!r})")
                top.reject()
        modal = QtWidgets.QApplication.activeModalWidget()
        if isinstance(modal, QtWidgets.QDialog) and not isinstance(modal, QtWidgets.QMessageBox):
            self._dialog_errors.append(f"a modal {type(modal).__name__} ({modal.windowTitle()!r}) blocked the window")
            modal.reject()

    # ---- running --------------------------------------------------------------------------------------------------
    def run(self, n: int, progress=None, every: int = 5000) -> Stats:
        """Perform ``n`` actions; raises MonkeyFailure at the first problem. ``progress(monkey)`` every ``every``."""
        self.install()
        for _ in range(n):
            self.step()
            if progress is not None and self.stats.actions % every == 0:
                progress(self)
        return self.stats

    def step(self) -> str:
        self.index += 1
        name = self._names[self._choices.choice(len(self._names), p=self._p)]
        self.history.append(f"#{self.index} {name}")
        t0 = time.perf_counter()
        try:
            if self.cfg.paint_every > 1:
                self.w.setUpdatesEnabled(self.index % self.cfg.paint_every == 0)
            getattr(self, name)()
            QtWidgets.QApplication.processEvents()
            # as the app's event loop does between events: objects given to deleteLater (replaced run editors,
            # export figures) are deleted; processEvents alone never does it outside exec(), so a soak grew by
            # ~700 widgets per added run (a harness leak, not the app's)
            QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.DeferredDelete)
        except Exception:  # noqa: BLE001 - the driver reports it with the context below
            self._errors.append(f"exception raised by action {name}:\n{traceback.format_exc()}")
        self.stats.seconds[name] += time.perf_counter() - t0
        self.stats.counts[name] += 1
        self.stats.actions += 1
        t0 = time.perf_counter()
        self.check(name)
        self.stats.seconds["(checks)"] += time.perf_counter() - t0
        return name

    def note(self, text: str) -> None:
        self.history.append(f"    {text}")

    def take_errors(self) -> list[str]:
        """The exceptions (and logged errors) captured since the last check, cleared."""
        errors, self._errors[:] = list(self._errors), []
        return errors

    def check(self, name: str = "") -> None:
        errors = self.take_errors()
        dialogs, self._dialog_errors[:] = list(self._dialog_errors), []
        plots = [p for pname, plot in window_plots(self.w) for p in plot_item_problems(pname, plot)]
        model = model_problems(self.w)
        self.stats.exceptions += len(errors)
        self.stats.dialogs += len(dialogs)
        self.stats.nonfinite += len(plots)
        self.stats.model += len(model)
        if errors or dialogs or plots or model:
            raise MonkeyFailure(self.report(errors + dialogs + plots + model))

    def report(self, problems: list[str]) -> str:
        c = self.w.c
        head = (f"monkey failure at action #{self.index} (seed {self.seed}: the same seed replays the same sequence "
                f"of actions; Play runs on a real timer, so step counts and the values drawn may drift)\n"
                f"state: objective {c.scene.objective.get('name')!r}, {len(c.scene.optimizers)} runs, "
                f"step {c.snapshot.step if c.snapshot else '-'}, batch {c.scene.batch.strategy}\n")
        body = "\n".join(f"  - {p}" for p in problems[:12])
        more = f"\n  ... and {len(problems) - 12} more" if len(problems) > 12 else ""
        last = "\n".join(self.history)
        return f"{head}{body}{more}\nlast actions:\n{last}"

    # ---- helpers --------------------------------------------------------------------------------------------------
    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def wait(self, ms: int) -> None:
        QTest.qWait(int(ms))

    def extreme(self, allow_nonfinite: bool = False) -> float:
        r = self.rng.random()
        if allow_nonfinite and r < 0.08:
            return self.pick(NON_FINITE)
        if r < 0.55:
            return self.pick(FINITE_EXTREMES)
        mag = 10.0 ** self.rng.uniform(-15, 15)
        return float(mag if self.chance(0.75) else -mag)

    def set_spin(self, spin, value: float, label: str) -> None:
        """Set a pyqtgraph SpinBox the way code or a user would: setValue, or type text and press Enter."""
        if self.chance(0.3):
            text = self.pick(TYPED) if self.chance(0.6) else repr(value)
            self.note(f"type {text!r} into {label}")
            self.type_into(spin.lineEdit() if hasattr(spin, "lineEdit") else spin, text)
            return
        self.note(f"{label}.setValue({value!r})")
        spin.setValue(value)

    def type_into(self, widget, text: str, enter: bool = True) -> None:
        """Focus ``widget``, select all, type ``text`` and press Enter. QTest can only type printable ASCII here
        (it aborts the process on other characters, e.g. 'ü'), so other text is put in with setText, as a paste
        would."""
        widget.setFocus(QtCore.Qt.OtherFocusReason)
        if hasattr(widget, "selectAll"):
            widget.selectAll()
        typable = all(" " <= ch <= "~" for ch in text)
        if not text:
            QTest.keyClick(widget, QtCore.Qt.Key_Delete)
        elif typable and len(text) <= 60:  # keystrokes are slow: long texts are set directly
            QTest.keyClicks(widget, text)
        elif hasattr(widget, "setText"):
            widget.setText(text)
        if enter:
            QTest.keyClick(widget, QtCore.Qt.Key_Return)

    # ---- actions: running ----------------------------------------------------------------------------------------
    @action(14)
    def step_button(self) -> None:
        n = 1 if self.chance(0.75) else int(self.rng.integers(2, 6))
        for _ in range(n):
            self.w.act_step.trigger()
        self.note(f"step x{n}")

    @action(6)
    def play_burst(self) -> None:
        self.w.act_play.trigger()
        self.wait(self.rng.integers(*self.cfg.play_ms))
        if self.chance(0.75):
            self.w.act_play.trigger() if self.w.c.playing else None
        else:
            self.note("left playing")

    @action(3)
    def reset(self) -> None:
        self.w.act_reset.trigger()

    @action(4)
    def scrub(self) -> None:
        snap = self.w.c.snapshot
        top = snap.step if snap else 0
        k = int(self.rng.integers(-3, top + 4)) if self.chance(0.85) else self.pick([-(2**31), 2**31 - 1, 0, top])
        self.note(f"scrub_to({k}) of {top}")
        if self.chance(0.5):
            self.w.scrub_to(k)
        else:
            s = self.w.slider
            s.setFocus()
            QTest.keyClick(s, self.pick([QtCore.Qt.Key_Left, QtCore.Qt.Key_Right, QtCore.Qt.Key_PageUp,
                                         QtCore.Qt.Key_PageDown, QtCore.Qt.Key_Home, QtCore.Qt.Key_End]))

    @action(2)
    def go_live(self) -> None:
        self.w.act_live.trigger()

    @action(1)
    def language(self) -> None:
        """Switch language from the menu (often while the race plays): every text changes, nothing else may."""
        code = self.pick(list(self.w.language_actions))
        self.note(f"language {code}")
        self.w.language_actions[code].trigger()

    @action(2)
    def log_toggle(self) -> None:
        self.w.act_log.trigger()

    @action(2)
    def reset_view(self) -> None:
        self.w.act_view.trigger()

    @action(3)
    def speed(self) -> None:
        w = self.w
        which = self.rng.integers(3)
        if which == 0:
            v = int(self.rng.integers(1, self.cfg.max_steps_per_frame + 1)) if self.chance(0.9) else 1
            self.note(f"steps/frame {v}")
            w.spf.setValue(v)
        elif which == 1:
            v = int(self.rng.integers(1, self.cfg.max_interval_ms + 1))
            self.note(f"interval {v}")
            w.interval.setValue(v)
        else:
            v = self.pick([0, 1, 2, 5, 50, 300, 10_000_000, int(self.rng.integers(0, 500))])
            self.note(f"stop at {v}")
            w.stop_at.setValue(v)

    @action(6)
    def shortcut(self) -> None:
        Qt = QtCore.Qt
        ctrl, shift, none = Qt.ControlModifier, Qt.ShiftModifier, Qt.NoModifier
        keys = [("Right", Qt.Key_Right, none), ("Space", Qt.Key_Space, none), ("R", Qt.Key_R, none),
                ("L", Qt.Key_L, none), ("Home", Qt.Key_Home, none), ("End", Qt.Key_End, none),
                ("F1", Qt.Key_F1, none), ("Ctrl+O", Qt.Key_O, ctrl), ("Ctrl+S", Qt.Key_S, ctrl),
                ("Ctrl+Shift+S", Qt.Key_S, ctrl | shift), ("Ctrl+E", Qt.Key_E, ctrl),
                ("Ctrl+Shift+E", Qt.Key_E, ctrl | shift), ("Left", Qt.Key_Left, none), ("A", Qt.Key_A, none),
                ("Escape", Qt.Key_Escape, none), ("Tab", Qt.Key_Tab, none), ("Return", Qt.Key_Return, none)]
        text, key, mods = self.pick(keys)
        w = self.w
        target = w
        if self.chance(0.3):
            target = QtWidgets.QApplication.focusWidget() or w
        elif self.chance(0.7):
            w.activateWindow()
            w.contour_widget.setFocus(QtCore.Qt.OtherFocusReason)
        self.note(f"key {text} to {type(target).__name__}")
        QTest.keyClick(target, key, mods)
        if key == QtCore.Qt.Key_Space:
            self.wait(self.rng.integers(*self.cfg.play_ms))

    @action(2)
    def dismiss_boxes(self) -> None:
        for box in self.w.findChildren(QtWidgets.QMessageBox):
            if box.isVisible():
                box.close() if self.chance(0.5) else QTest.keyClick(box, QtCore.Qt.Key_Escape)

    @action(0.3)
    def close_and_reopen(self) -> None:
        self.w.act_quit.trigger()
        QtWidgets.QApplication.processEvents()
        assert not self.w.isVisible(), "Quit did not close the window"
        self.w.show()

    @action(1.5)
    def resize_window(self) -> None:
        size = tuple(self.pick(list(self.cfg.window_sizes)))
        self.note(f"resize to {size}")
        self.w.resize(*size)

    @action(2.5)
    def zoom_pan(self) -> None:
        vb = self.pick([self.w.contour.plot.vb, self.w.loss.plot.vb])
        if self.chance(0.6):
            s = float(10 ** self.rng.uniform(-1.5, 1.5))
            self.note(f"scaleBy {s:.3g}")
            vb.scaleBy((s, s))
        elif self.chance(0.7):
            (x0, x1), (y0, y1) = vb.viewRange()
            dx, dy = (x1 - x0) * self.rng.normal(), (y1 - y0) * self.rng.normal()
            self.note(f"translate ({dx:.3g}, {dy:.3g})")
            vb.translateBy(x=dx, y=dy)
        else:
            self.note("autoRange")
            vb.autoRange()

    @action(3)
    def mouse(self) -> None:
        w = self.w
        if self.chance(0.5):
            vb = w.contour.plot.vb
            (x0, x1), (y0, y1) = vb.viewRange()
            x, y = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
            pt = w.contour_widget.mapFromScene(vb.mapViewToScene(QtCore.QPointF(x, y)))
            self.note(f"click contour at ({x:.3g}, {y:.3g})")
            QTest.mouseClick(w.contour_widget.viewport(), QtCore.Qt.LeftButton, QtCore.Qt.NoModifier, pt)
        else:
            vp = w.loss_widget.viewport()
            pt = QtCore.QPoint(int(self.rng.integers(-5, vp.width() + 5)), int(self.rng.integers(-5, vp.height() + 5)))
            self.note(f"hover loss view at {pt.x()},{pt.y()}")
            QTest.mouseMove(vp, pt)
            self.wait(34)  # the hover goes through a 30 Hz SignalProxy

    # ---- actions: objective -------------------------------------------------------------------------------------
    @action(5)
    def objective_switch(self) -> None:
        combo = self.w.objective_panel.combo
        i = int(self.rng.integers(combo.count()))
        self.note(f"objective -> {combo.itemData(i)}")
        combo.setCurrentIndex(i)

    @action(4)
    def formula_text(self) -> None:
        p = self.w.objective_panel
        if p.combo.currentData() != "formula":
            p.combo.setCurrentIndex(p.combo.findData("formula"))
        text = self.pick(VALID_FORMULAS) if self.chance(0.6) else self.pick(HOSTILE_FORMULAS)
        if self.chance(0.1):
            text = "".join(self.pick(list("xy+-*/^()., 0123456789e")) for _ in range(int(self.rng.integers(1, 25))))
        self.note(f"formula {text[:80]!r}")
        how = self.rng.integers(3)
        if how == 0:
            self.type_into(p.formula, text)
        else:
            p.formula.setText(text)
            if how == 1:
                p.formula.returnPressed.emit()
            else:
                p.apply_formula.click()

    @action(2)
    def formula_bounds(self) -> None:
        p = self.w.objective_panel
        if p.combo.currentData() != "formula":
            p.combo.setCurrentIndex(p.combo.findData("formula"))
        k = int(self.rng.integers(4))
        v = self.extreme() if self.chance(0.6) else float(self.rng.uniform(-10, 10))
        self.set_spin(p.bounds[k], v, f"bounds[{k}]")
        if self.chance(0.7):
            p.apply_formula.click()

    @action(5)
    def objective_knob(self) -> None:
        p = self.w.objective_panel
        if p.knobs is None or not p.knobs.spins or not p.knob_box.isVisible():
            name = self.pick(["rosenbrock", "linear_regression", "logistic_regression"])
            p.combo.setCurrentIndex(p.combo.findData(name))
            return
        if p.dataset.isVisibleTo(p) and p.dataset.count() and self.chance(0.2):
            i = int(self.rng.integers(p.dataset.count()))
            self.note(f"synthetic data set {p.dataset.itemData(i)}")
            p.dataset.setCurrentIndex(i)
            p.dataset.activated.emit(i)
            return
        name, spin = self.pick(list(p.knobs.spins.items()))
        if name == "samples":
            v = self.pick([-5, 0, 1, 2, 3, 7, 31, 32, 33, 100, self.cfg.max_samples,
                           int(self.rng.integers(2, self.cfg.max_samples))])
        elif spin.opts.get("int"):
            v = self.pick([-1, 0, 1, 2**31 - 1, 2**32 - 1, 2**32, 2**40, int(self.rng.integers(0, 1000))])
        else:
            v = self.extreme()
        if name == "samples" and self.chance(0.3):
            self.note(f"type samples {v}")
            self.type_into(spin.lineEdit(), str(v))
        elif name == "samples":
            self.note(f"samples.setValue({v})")
            spin.setValue(v)
        else:
            self.set_spin(spin, v, f"knob {name}")

    @action(3)
    def start_spins(self) -> None:
        p = self.w.objective_panel
        spin = p.start_x if self.chance(0.5) else p.start_y
        v = self.extreme() if self.chance(0.5) else float(self.rng.normal(0, 3))
        self.set_spin(spin, v, "start x" if spin is p.start_x else "start y")

    @action(3)
    def start_from_view(self) -> None:
        obj = self.w.c.objective
        if self.chance(0.6) and obj is not None:
            x0, x1, y0, y1 = obj.bounds
            x, y = float(self.rng.uniform(x0, x1)), float(self.rng.uniform(y0, y1))
        else:
            x, y = self.extreme(allow_nonfinite=True), self.extreme(allow_nonfinite=True)
        self.note(f"set_start_from_view({x!r}, {y!r})")
        self.w.set_start_from_view(x, y)

    @action(1)
    def start_default(self) -> None:
        for b in self.w.objective_panel.findChildren(QtWidgets.QPushButton):
            if b.text() == "Default":
                b.click()

    @action(2)
    def csv_source(self) -> None:
        p = self.w.objective_panel
        if p.combo.currentData() not in ("linear_regression", "logistic_regression"):
            p.combo.setCurrentIndex(p.combo.findData(self.pick(["linear_regression", "logistic_regression"])))
        r = self.rng.integers(5)
        if r == 0:
            path = self.pick(self.csv_good + self.csv_bad)
            self.note(f"choose_csv({path!r})")
            p.choose_csv(path)
        elif r == 1:
            self.note("Load CSV… button")
            p.load_csv.click()
        elif r == 2:
            p.synthetic.click() if self.chance(0.5) else p.from_csv.click()
        else:
            combo = p.x_col if r == 3 else p.y_col
            if combo.count():
                i = int(self.rng.integers(combo.count()))
                combo.setCurrentIndex(i)
                combo.activated.emit(i)

    # ---- actions: batch -----------------------------------------------------------------------------------------
    @action(4)
    def batch(self) -> None:
        b = self.w.batch_panel
        if not b.box.isEnabled() and self.chance(0.5):
            self.w.objective_panel.combo.setCurrentIndex(
                self.w.objective_panel.combo.findData(self.pick(["linear_regression", "logistic_regression"])))
            return
        r = self.rng.integers(5)
        if r == 0:
            s = self.pick(list(STRATEGIES))
            self.note(f"strategy {s}")
            b.buttons[s].click()
        elif r == 1:
            n = self.w.c.objective.n_samples if self.w.c.objective.is_data else 100
            v = self.pick([-5, 0, 1, 2, n - 1, n, n + 1, 5_000_000, 2**31 - 1, int(self.rng.integers(1, n + 2))])
            self.note(f"batch size {v}")
            if self.chance(0.3):
                self.type_into(b.batch_size, str(v))
            else:
                b.batch_size.setValue(v)
        elif r == 2:
            b.shuffle.click()
        elif r == 3:
            b.drop_last.click()
        else:
            v = self.pick([0, 1, 2**31 - 1, 2**32 - 1, 2**32 + 5, -5, int(self.rng.integers(0, 2**32 - 1))])
            self.note(f"seed {v}")
            b.seed.setValue(v)

    # ---- actions: runs ------------------------------------------------------------------------------------------
    @action(3)
    def add_run(self) -> None:
        n = len(self.w.c.scene.optimizers)
        if n >= self.cfg.soft_run_limit and self.chance(0.8):
            return self.remove_run()
        acts = self.w.optimizers_panel.add_button.menu().actions()
        a = self.pick(acts)
        self.note(f"add {a.text()}")
        a.trigger()

    @action(0.1)
    def add_many_runs(self) -> None:
        """Open a scene at the limit of 64 runs and try to add a 65th (menu and Copy), then go back to a small one."""
        if not self.cfg.allow_many_runs:
            return
        assert self.w.open_scene(self.scene_64), "the 64-run scene did not open"
        QtWidgets.QApplication.processEvents()
        self.w.act_step.trigger()
        self.pick(self.w.optimizers_panel.add_button.menu().actions()).trigger()
        self._editor_button(self.pick(self.w.optimizers_panel.editors), "Copy").click()
        QtWidgets.QApplication.processEvents()
        self.note(f"{len(self.w.c.scene.optimizers)} runs after adding to 64")
        self.check("add_many_runs")
        self.w.open_scene(self.pick(self.scenes_good[:3]))

    def _editor_button(self, editor, text: str):
        for b in editor.findChildren(QtWidgets.QToolButton):
            if b.text() == text:
                return b
        raise AssertionError(f"no {text!r} button on a run editor")

    @action(3)
    def remove_run(self) -> None:
        eds = self.w.optimizers_panel.editors
        if eds:
            e = self.pick(eds)
            self.note(f"remove run {e.index}")
            self._editor_button(e, "✕").click()

    @action(2)
    def copy_run(self) -> None:
        if len(self.w.c.scene.optimizers) >= self.cfg.soft_run_limit:
            return self.remove_run()
        eds = self.w.optimizers_panel.editors
        if eds:
            e = self.pick(eds)
            self.note(f"copy run {e.index}")
            self._editor_button(e, "Copy").click()

    @action(3)
    def enable_toggle(self) -> None:
        eds = self.w.optimizers_panel.editors
        if eds:
            e = self.pick(eds)
            self.note(f"toggle enabled of run {e.index}")
            e.enabled.click()

    @action(8)
    def hyperparam(self) -> None:
        eds = self.w.optimizers_panel.editors
        if not eds:
            return
        e = self.pick(eds)
        if e.form.checks and self.chance(0.2):  # amsgrad, centered: a live toggle
            name, check = self.pick(list(e.form.checks.items()))
            self.note(f"run {e.index} {name} toggled")
            check.toggle()
            return
        name, spin = self.pick(list(e.form.spins.items()))
        if name == "lr" and self.chance(0.5):
            v = float(10 ** self.rng.uniform(-8, 6))  # up to 1e6: divergence
        else:
            v = self.extreme(allow_nonfinite=self.chance(0.05))
        if spin.opts.get("int") and not math.isfinite(v):
            v = 0.0
        self.set_spin(spin, v, f"run {e.index} {name}")

    @action(2)
    def whatif(self) -> None:
        """The What-if dock: another run, the replay switch, or a slider dragged (replaying the run's path)."""
        wi = self.w.whatif_panel
        if wi.run_combo.count() and self.chance(0.2):
            k = int(self.rng.integers(wi.run_combo.count()))
            self.note(f"what-if run {k}")
            wi.run_combo.setCurrentIndex(k)
            return
        if self.chance(0.1):
            self.note("what-if replay toggled")
            wi.replay.toggle()
            return
        if wi.checks and self.chance(0.15):
            name, check = self.pick(list(wi.checks.items()))
            self.note(f"what-if {name} toggled")
            check.toggle()
            return
        if not wi.knobs:
            return
        name, knob = self.pick(list(wi.knobs.items()))
        ticks = [int(t) for t in self.rng.integers(0, knob.slider.maximum() + 1, size=int(self.rng.integers(1, 6)))]
        self.note(f"what-if drag {name} through {ticks}")
        knob.slider.setSliderDown(True)
        for t in ticks:
            knob.slider.setValue(t)
        knob.slider.setSliderDown(False)
        knob.slider.sliderReleased.emit()

    @action(1.5)
    def maps(self) -> None:
        """The Maps dock: a small sweep (1-D or 2-D, any knob, odd ranges) or basin map, computed; now and then a
        cell loaded into its run, or a computation cancelled half-way."""
        mp = self.w.maps_panel
        if self.chance(0.5):
            t = mp.sweep
            if t.run_combo.count():
                t.run_combo.setCurrentIndex(int(self.rng.integers(t.run_combo.count())))
            for row in (t.x_row, t.y_row):
                if row.param.count() and row.isEnabled():
                    row.param.setCurrentIndex(int(self.rng.integers(row.param.count())))
                row.count.setValue(int(self.rng.integers(2, 9)))
                if self.chance(0.3):
                    row.start.setValue(self.extreme())
                if self.chance(0.3):
                    row.scale.setCurrentIndex(int(self.rng.integers(2)))
            t.steps.setValue(int(self.rng.integers(0, 40)))
            t.metric_combo.setCurrentIndex(int(self.rng.integers(t.metric_combo.count())))
        else:
            t = mp.basins
            t.grid.setValue(int(self.rng.integers(2, 12)))
            t.grid_y.setValue(int(self.rng.integers(2, 12)))
            t.steps.setValue(int(self.rng.integers(0, 40)))
            t.colour_by.setCurrentIndex(int(self.rng.integers(2)))
        ok = t.compute()
        self.note(f"{t.kind} map -> {ok}: {t.status.text()[:80]!r}")
        if ok and self.chance(0.2):
            t.cancel_button.click()
            self.note("cancelled")
            return
        t.wait(30)
        if ok and t.kind == "sweep" and t.plan is not None and self.chance(0.5):
            cell = int(self.rng.integers(t.plan.n_cells))
            run = int(self.rng.integers(len(t.plan.runs)))
            self.note(f"load cell {cell} of run {run}")
            t.load_cell(run, cell)

    @action(1.5)
    def run_schedule(self) -> None:
        """A run's learning-rate schedule: its type, one of its parameters or the warmup, live."""
        eds = self.w.optimizers_panel.editors
        if not eds:
            return
        e = self.pick(eds)
        forms = [f for f in (e.schedule_form, e.warmup_form) if f is not None and f.isVisibleTo(e)]
        if forms and self.chance(0.6):
            form = self.pick(forms)
            name, spin = self.pick(list(form.spins.items()))
            self.set_spin(spin, self.extreme(allow_nonfinite=self.chance(0.05)), f"run {e.index} schedule {name}")
            return
        i = int(self.rng.integers(e.schedule_combo.count()))
        self.note(f"run {e.index} schedule {e.schedule_combo.itemData(i)}")
        e.schedule_combo.setCurrentIndex(i)

    @action(1)
    def run_convention(self) -> None:
        """torch's form or the book's code, for the rules that have both (restarts the race, or is refused)."""
        eds = [e for e in self.w.optimizers_panel.editors if e.convention_row.isVisibleTo(e)]
        if not eds:
            return
        e = self.pick(eds)
        combo = e.convention_combo
        self.note(f"run {e.index} convention {combo.itemData(1 - combo.currentIndex())}")
        combo.setCurrentIndex(1 - combo.currentIndex())

    @action(1.5)
    def label_edit(self) -> None:
        eds = self.w.optimizers_panel.editors
        if not eds:
            return
        e = self.pick(eds)
        others = [r.label for r in self.w.c.scene.optimizers]
        text = self.pick(LABELS + others)
        self.note(f"label of run {e.index} -> {text[:40]!r}")
        if self.chance(0.5):
            self.type_into(e.label, text)
        else:
            e.label.setText(text)
            e.label.editingFinished.emit()

    @action(1)
    def color(self) -> None:
        eds = self.w.optimizers_panel.editors
        if eds:
            e = self.pick(eds)
            self.note(f"colour of run {e.index}")
            e.color.click()

    # ---- actions: explain panel ------------------------------------------------------------------------------
    @action(4)
    def explain(self) -> None:
        t = self.w.teach_panel
        r = self.rng.integers(4)
        if r == 0 and t.run_combo.count():
            t.run_combo.setCurrentIndex(int(self.rng.integers(t.run_combo.count())))
        elif r == 1:
            key = self.pick(list(t.toggles))
            self.note(f"toggle {key}")
            t.toggles[key].click()
        elif r == 2:
            t.quantity.setCurrentIndex(int(self.rng.integers(t.quantity.count())))
        else:
            dock = self.pick([self.w.teach_dock, self.w.objective_dock, self.w.batch_dock, self.w.optimizers_dock])
            self.note(f"toggle dock {dock.objectName()}")
            dock.toggleViewAction().trigger()

    @action(1.5)
    def preset(self) -> None:
        acts = [a for a in self.w.presets_menu.actions() if not a.isSeparator()]
        a = self.pick(acts)
        self.note(f"preset {a.objectName()}")
        a.trigger()

    # ---- actions: files -------------------------------------------------------------------------------------------
    @action(1.5)
    def export_png(self) -> None:
        w = self.w
        if self.chance(0.15):
            self.note("Export PNG… (fake dialogs)")
            w.act_export.trigger()
            return
        path = self.out_path("png")
        width = int(self.pick(list(self.cfg.png_widths) + [299, 8001, -1, 10**9]))
        view = self.pick(["both", "contour", "loss", "both", "sideways"])
        self.note(f"export_png({path!r}, {width}, {view!r})")
        ok = w.export_png(path, width, view)
        self.note(f"-> {ok}")

    @action(2)
    def export_csv(self) -> None:
        if self.chance(0.15):
            self.note("Export CSV… (fake dialog)")
            self.w.act_csv.trigger()
            return
        path = self.out_path("csv")
        self.note(f"export_csv({path!r}) -> {self.w.export_csv(path)}")

    @action(2)
    def save_scene(self) -> None:
        if self.chance(0.2):
            a = self.pick([self.w.act_save, self.w.act_save_as])
            self.note(f"{a.text()} (scene_path {self.w.scene_path!r})")
            a.trigger()
            return
        path = self.out_path("json")
        ok = self.w.save_scene(path)
        self.note(f"save_scene({path!r}) -> {ok}")
        if ok:
            self.scenes_good.append(path) if path not in self.scenes_good else None

    @action(2)
    def open_scene(self) -> None:
        if self.chance(0.15):
            self.note("Open… (fake dialog)")
            self.w.act_open.trigger()
            return
        pool = self.scenes_good if self.chance(0.55) else self.scenes_bad
        path = self.pick(pool)
        ok = self.w.open_scene(path)
        self.note(f"open_scene({path!r}) -> {ok}")


class _Recorder(logging.Handler):
    """Records on the app's logger: ERROR ones are failures (the controller logs an unexpected error while
    stepping and pauses); WARNING ones are the messages shown to the user, counted in ``shown``."""

    def __init__(self, sink: list[str], shown: Counter):
        super().__init__(logging.WARNING)
        self.sink, self.shown = sink, shown

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.sink.append(f"logged error: {msg}")
        else:
            self.shown[_message_kind(msg)] += 1


def _message_kind(msg: str) -> str:
    """A message with its numbers and quoted parts blanked, so messages of one kind count together."""
    import re

    msg = re.sub(r"'[^']*'|\"[^\"]*\"|/[^ :]*", "…", msg.splitlines()[0] if msg else "")
    return re.sub(r"-?\d[\d.e+-]*", "#", msg)[:110]


def rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KB, macOS bytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


__all__ = ["ACTIONS", "Monkey", "MonkeyConfig", "MonkeyFailure", "Stats", "model_problems", "plot_item_problems",
           "rss_mb", "window_plots"]
