"""The GUI side of run_benchmarks.py, run in a child process under QT_QPA_PLATFORM=offscreen.

    python benchmarks/gui_worker.py frames '{"ticks": 30, "sizes": [10000, 100000, 1000000]}'
    python benchmarks/gui_worker.py frames '{"ticks": 30, "plots_only": true}'     # only the 10k plots-only frame
    python benchmarks/gui_worker.py matplotlib '{"frames": 7, "steps": 10000, "marker": "o-"}'
    python benchmarks/gui_worker.py surfaces '{"repeats": 7}'   # objective switch / preset load / pan / export
    python benchmarks/gui_worker.py animation '{"frames": 300, "width": 800}'   # File ▸ Export animation (GIF)

Each prints one JSON object on stdout. ``frames`` times animation frames of the real MainWindow, and of a naive
pyqtgraph set-up in the same process; ``matplotlib`` times the same scene redrawn the way the book does it (contour +
plot per frame on an Agg canvas) and reports ``{"skip": reason}`` when matplotlib cannot be imported.

A frame is what one QTimer timeout costs while playing: ``Controller._tick()`` (the timer's slot: step every run,
emit the snapshot, every view calls setData, the teaching layer updates; text read-outs at most every 100 ms)
followed by the event loop until the window has repainted and nothing more is pending (``processEvents()`` passes until the plots have painted and two passes in a
row started no paint round). Painting is real: the offscreen platform gives every window a raster backing store,
and paint events are counted on both plot viewports to prove it.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore  # noqa: E402  (after the platform is chosen)

# 8 runs on Rosenbrock that keep going for 1,000,000 steps without diverging (the memory benchmark's choice).
RUNS = [("sgd", 1e-4), ("momentum", 1e-4), ("nag", 1e-4), ("nag_bengio", 1e-4), ("adagrad", 1e-2),
        ("rmsprop", 1e-3), ("adam", 1e-3), ("adam", 3e-3)]
SCENE = {"version": 1, "title": "benchmark", "objective": {"name": "rosenbrock"}, "steps": 0,
         "optimizers": [{"type": t, "lr": lr} for t, lr in RUNS]}


class GapProbe:
    """A 5-ms timer on the GUI thread recording the seconds between its ticks (``gaps``): the longest gap is the
    longest the window could not answer. ``start`` counts from now."""

    def __init__(self):
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QtCore.QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1e3


class Watch(QtCore.QObject):
    """Counts paint rounds of a top-level window and paints of chosen widgets."""

    def __init__(self, window, named):
        super().__init__()
        self.rounds = 0
        self.paints = dict.fromkeys(named, 0)
        self._names = {}
        window.installEventFilter(self)
        for name, widget in named.items():
            self._names[widget] = name
            widget.installEventFilter(self)

    def eventFilter(self, obj, ev):
        t = ev.type()
        if t == QtCore.QEvent.UpdateRequest:
            self.rounds += 1
        elif t == QtCore.QEvent.Paint and obj in self._names:
            self.paints[self._names[obj]] += 1
        return False


def settle(app, watch: Watch, must_paint: str) -> None:
    """Run the event loop until ``must_paint`` has painted and two passes in a row started no paint round."""
    start = watch.paints[must_paint]
    quiet = 0
    for _ in range(40):
        before = watch.rounds
        app.processEvents()
        quiet = quiet + 1 if watch.rounds == before else 0
        if quiet >= 2 and watch.paints[must_paint] > start:
            return


# ---- frames ------------------------------------------------------------------------------------------------------

def frames(args: dict) -> dict:
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import scene_from_dict
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    ticks, warmup = int(args.get("ticks", 30)), int(args.get("warmup", 5))
    sizes = [int(n) for n in args.get("sizes", [10_000])]

    def measure(tick, watch: Watch, must_paint: str, n: int) -> dict:
        for _ in range(warmup):
            tick()
            settle(app, watch, must_paint)
        before = dict(watch.paints)
        wall, cpu = [], []
        for _ in range(n):
            t0, c0 = time.perf_counter(), time.thread_time()
            tick()
            settle(app, watch, must_paint)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        paints = {k: round((watch.paints[k] - before[k]) / n, 2) for k in watch.paints}
        return {"wall_ms": _median_ms(wall), "cpu_ms": _median_ms(cpu), "p90_ms": sorted(wall)[int(0.9 * n)] * 1e3,
                "paints_per_frame": paints}

    scene = scene_from_dict(SCENE)
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(scene, settings)
    w.show()
    c = w.c
    c.set_stop_at(0)
    watch = Watch(w, {"contour": w.contour_widget.viewport(), "loss": w.loss_widget.viewport(),
                      "state": w.teach_panel.state_plot.viewport()})
    for _ in range(10):
        app.processEvents()
    out = {"window": [w.width(), w.height()], "contour_px": [w.contour_widget.width(), w.contour_widget.height()],
           "loss_px": [w.loss_widget.width(), w.loss_widget.height()], "cases": []}

    def grow_to(n: int) -> None:
        left = n - c.session.step_count
        if left > 0:
            c.step(left)
        settle(app, watch, "contour")

    def case(name: str, points: int, explain: bool, spf: int) -> None:
        w.teach_dock.setVisible(explain)
        c.set_speed(steps_per_frame=spf)
        grow_to(points)
        # Playing, as a user watches it (the window refreshes its text read-outs less often then), but with a timer
        # interval of an hour: the ticks measured are the ones called here, one at a time.
        c.set_speed(interval_ms=3_600_000)
        c.play()
        assert c.playing
        t0 = time.perf_counter()
        res = measure(c._tick, watch, "contour", ticks)
        c.pause()
        res.update(name=name, points=c.session.step_count + 1, explain=explain, spf=spf,
                   seconds=time.perf_counter() - t0)
        out["cases"].append(res)

    first = sizes[0]
    if args.get("plots_only"):
        case("plots", first, False, 1)
        out["alive"] = sum(r.diverged_at is None for r in c.snapshot.runs)
        return out
    case("explain", first, True, 1)
    case("plots", first, False, 1)
    case("explain_spf100", first, True, 100)
    case("plots_spf100", first, False, 100)
    c.set_speed(steps_per_frame=1)
    alive = sum(r.diverged_at is None for r in c.snapshot.runs)

    # The naive set-up, same scene and view sizes: 2-px pens and a symbol on every point, nothing decimated.
    w.hide()
    out["naive"] = _naive(app, w, scene, first, ticks, warmup, measure)

    w.show()
    for n in sizes[1:]:
        case(f"plots_{n}", n, False, 1)
    out["alive"] = min(alive, sum(r.diverged_at is None for r in c.snapshot.runs))
    return out


def whatif(args: dict) -> dict:
    """What-if replay: the 8-run scene at ``steps`` steps, the Explain dock visible; each tick moves the selected
    run's η slider (held down, as while dragging) by one position: its whole path is recomputed and every view
    repainted. The baseline is a one-step animation frame of the same window."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import scene_from_dict
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    ticks, steps = int(args.get("ticks", 30)), int(args.get("steps", 1000))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(scene_from_dict(SCENE), settings)
    w.show()
    c = w.c
    c.set_stop_at(0)
    watch = Watch(w, {"contour": w.contour_widget.viewport(), "loss": w.loss_widget.viewport()})
    for _ in range(10):
        app.processEvents()
    c.step(steps)
    settle(app, watch, "contour")
    w.teach_panel.run_combo.setCurrentIndex(6)  # Adam at η = 1e-3
    knob = w.whatif_panel.knobs["lr"]
    knob.slider.setSliderDown(True)
    walls, frames = [], []
    for j in range(ticks + 3):
        t0 = time.perf_counter()
        knob.slider.setValue(knob.slider.value() + (1 if j % 2 == 0 else -1) * (1 + j % 5))
        settle(app, watch, "contour")
        if j >= 3:
            walls.append(time.perf_counter() - t0)
    knob.slider.setSliderDown(False)
    inline = c._replay_job is None
    for j in range(ticks + 3):
        t0 = time.perf_counter()
        c.step(1)
        settle(app, watch, "contour")
        if j >= 3:
            frames.append(time.perf_counter() - t0)
    work, seconds = c.last_replay
    return {"wall_ms": _median_ms(walls), "p90_ms": sorted(walls)[int(0.9 * len(walls))] * 1e3,
            "frame_ms": _median_ms(frames), "replay_ms": seconds * 1e3, "run_steps": work,
            "runs": len(c.snapshot.runs), "steps": c.snapshot.step - ticks - 3, "inline": inline}


def language(args: dict) -> dict:
    """Language ▸ 한국어 / English while the 8-run scene plays: click to every text changed and the window painted
    again (the walk over every widget, the race's texts redrawn). The baseline is a one-step frame of the same
    window."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import scene_from_dict
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    ticks = int(args.get("ticks", 10))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(scene_from_dict(SCENE), settings)
    w.show()
    c = w.c
    c.set_stop_at(0)
    watch = Watch(w, {"contour": w.contour_widget.viewport()})
    for _ in range(10):
        app.processEvents()
    c.step(int(args.get("steps", 1000)))
    settle(app, watch, "contour")
    switches, frames = [], []
    for j in range(ticks + 2):
        t0 = time.perf_counter()
        w.language_actions["ko" if j % 2 == 0 else "en"].trigger()
        settle(app, watch, "contour")
        if j >= 2:
            switches.append(time.perf_counter() - t0)
    for j in range(ticks + 2):
        t0 = time.perf_counter()
        c.step(1)
        settle(app, watch, "contour")
        if j >= 2:
            frames.append(time.perf_counter() - t0)
    widgets = len(w.findChildren(QtWidgets.QWidget))
    w.language_actions["en"].trigger()
    return {"switch_ms": _median_ms(switches), "max_ms": max(switches) * 1e3, "frame_ms": _median_ms(frames),
            "widgets": widgets, "runs": len(c.snapshot.runs)}


def maps(args: dict) -> dict:
    """The Maps dock while it computes: a 2-D sweep (Adam, η × β₁ on Rosenbrock, ``n`` × ``n`` cells × ``steps``)
    and a basin map (SGD on Himmelblau). Measures the time from Compute to the first map drawn (the coarse level)
    and to the whole map, and the longest gap between two ticks of a 5 ms timer on the GUI thread meanwhile (a
    stall the user would feel)."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import scene_from_dict
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    n, steps = int(args.get("n", 128)), int(args.get("steps", 500))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(scene_from_dict(SCENE), settings)
    w.show()
    for _ in range(10):
        app.processEvents()
    out = {}

    def run(tab, name: str) -> None:
        probe = GapProbe()
        gaps = probe.gaps
        drawn = []
        orig = tab.draw

        draw_s = []

        def draw():
            d0 = time.perf_counter()
            orig()
            drawn.append(time.perf_counter())
            draw_s.append(drawn[-1] - d0)

        tab.draw = draw
        t0 = time.perf_counter()
        probe.start()
        assert tab.compute(), tab.status.text()
        while tab.job is not None:
            app.processEvents(QtCore.QEventLoop.AllEvents, 5)
            time.sleep(0.001)
        total = time.perf_counter() - t0
        probe.stop()
        tab.draw = orig
        assert tab.result.complete, tab.status.text()
        out[name] = {"first_ms": (drawn[0] - t0) * 1e3, "total_s": total, "max_gap_ms": max(gaps) * 1e3,
                     "cells": tab.plan.n_cells, "steps": tab.plan.steps, "draws": len(drawn),
                     "max_draw_ms": max(draw_s) * 1e3}

    t = w.maps_panel.sweep
    t.run_combo.setCurrentIndex(1 + [r[0] for r in RUNS].index("adam"))  # entry 0 is "every run"
    t.x_row.param.setCurrentIndex(t.x_row.param.findData("lr"))
    t.y_row.param.setCurrentIndex(t.y_row.param.findData("beta1"))
    t.x_row.count.setValue(n)
    t.y_row.count.setValue(n)
    t.steps.setValue(steps)
    run(t, "sweep")
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("himmelblau"))
    for _ in range(20):
        app.processEvents()
    w.c.set_hyperparam(0, "lr", 0.01)
    b = w.maps_panel.basins
    b.run_combo.setCurrentIndex(0)
    b.grid.setValue(200)
    b.grid_y.setValue(200)
    b.steps.setValue(steps)
    run(b, "basins")
    return out


def dataview(args: dict) -> dict:
    """The Data view's cost per frame: linear regression with ``rows`` rows, mini-batches of 32, 4 runs; each frame
    steps once, then the view's update (DataPlot.render: lines, ringed batch rows, caption) and a synchronous
    repaint of its viewport are timed. The baseline is the same repaint of the loss view, which every frame pays."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import scene_from_dict
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    out = {}
    for rows in [int(n) for n in args.get("rows", [1000, 100_000])]:
        scene = scene_from_dict({"version": 1, "objective": {"name": "linear_regression", "samples": rows},
                                 "batch": {"strategy": "minibatch", "batch_size": 32}, "steps": 0,
                                 "optimizers": [{"type": "sgd", "lr": 0.05}, {"type": "momentum", "lr": 0.02},
                                                {"type": "adam", "lr": 0.05}, {"type": "rmsprop", "lr": 0.01}]})
        settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
        w = MainWindow(scene, settings)
        w.resize(1400, 900)
        w.show()
        for _ in range(10):
            app.processEvents()
        assert w.data_pane.isVisible()
        c = w.c
        render, paint, loss_paint = [], [], []
        for j in range(int(args.get("frames", 40)) + 5):
            c.step(1)
            app.processEvents()
            t0 = time.perf_counter()
            w.data.render(c.snapshot, c.session, w.teacher.selected())
            t1 = time.perf_counter()
            w.data_widget.viewport().repaint()
            t2 = time.perf_counter()
            w.loss_widget.viewport().repaint()
            t3 = time.perf_counter()
            if j >= 5:
                render.append(t1 - t0)
                paint.append(t2 - t1)
                loss_paint.append(t3 - t2)
        out[str(rows)] = {"render_ms": _median_ms(render), "paint_ms": _median_ms(paint),
                          "total_ms": _median_ms([a + b for a, b in zip(render, paint)]),
                          "loss_paint_ms": _median_ms(loss_paint), "drawn": len(w.data.rows.getData()[0])}
        w.close()
        w.deleteLater()
        app.processEvents()
    return out


def network(args: dict) -> dict:
    """Networks in the window, playing: (a) the Figure 6-9 preset at 20 steps a frame — steps per second reached,
    the GUI thread's time per frame, the longest gap of a 5-ms probe timer; (b) a two-feature network (spirals)
    with the Data view's decision map — how often a new map is drawn and the longest gap meanwhile."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import RESOURCES, loads_scene
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    seconds = float(args.get("seconds", 6.0))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(None, settings)
    w.resize(1400, 900)
    w.show()
    for _ in range(10):
        app.processEvents()
    out = {}

    def play(name: str, extra=None) -> dict:
        probe = GapProbe()
        gaps = probe.gaps
        frame_times = []
        orig = w._render

        def render(snap):
            t0 = time.perf_counter()
            orig(snap)
            frame_times.append(time.perf_counter() - t0)

        w._render = render
        c = w.c
        c.set_stop_at(0)
        s0 = c.session.step_count
        probe.start()
        t0 = time.perf_counter()
        c.play()
        while time.perf_counter() - t0 < seconds:
            app.processEvents(QtCore.QEventLoop.AllEvents, 5)
            if extra is not None:
                extra()
        c.pause()
        elapsed = time.perf_counter() - t0
        probe.stop()
        w._render = orig
        steps = c.session.step_count - s0
        return {"steps_per_s": steps / elapsed, "frames": len(frame_times),
                "frame_ms": _median_ms(frame_times) if frame_times else 0.0,
                "frame_p90_ms": sorted(frame_times)[int(0.9 * len(frame_times))] * 1e3 if frame_times else 0.0,
                "max_gap_ms": max(gaps) * 1e3, "p99_gap_ms": sorted(gaps)[int(0.99 * len(gaps))] * 1e3,
                "gaps_over_50": sum(g > 0.05 for g in gaps), "fps": len(frame_times) / elapsed}

    assert w.open_preset(RESOURCES / "presets" / "network" / "10_figure_6_9_digits.json")
    for _ in range(10):
        app.processEvents()
    w.spf.setValue(20)
    out["fig69"] = play("fig69")
    scene = loads_scene(json.dumps({
        "version": 1, "steps": 0, "objective": {"name": "mlp", "data": "spirals", "samples": 400,
                                                 "hidden": [32, 32], "activation": "tanh"},
        "batch": {"strategy": "minibatch", "batch_size": 32},
        "optimizers": [{"type": "adam", "lr": 0.01}, {"type": "momentum", "lr": 0.05}, {"type": "sgd", "lr": 0.1}]}))
    assert w.c.load_scene(scene)
    w.spf.setValue(5)
    shown, times = [None], []

    def watch():
        t = w.net_data.theta_shown
        if t is not shown[0]:
            shown[0] = t
            times.append(time.perf_counter())

    out["spirals"] = play("spirals", watch)
    periods = np.diff(times) if len(times) > 1 else np.array([np.inf])
    out["spirals"].update(maps=len(times), map_period_ms=float(np.median(periods)) * 1e3,
                          map_period_max_ms=float(np.max(periods)) * 1e3)
    return out


def _naive(app, w, scene, points, ticks, warmup, measure) -> dict:
    import numpy as np
    import pyqtgraph as pg
    from PySide6 import QtCore, QtWidgets

    from gui.plots import compute_contour
    from gui.style import ISO_PEN, SURFACE_CMAP

    objective = scene.build_objective()
    session = scene.build_session(objective)
    session.step(points - 1)
    data = compute_contour(objective)
    win = QtWidgets.QSplitter(QtCore.Qt.Vertical)
    contour, loss = pg.PlotWidget(), pg.PlotWidget()
    win.addWidget(contour)
    win.addWidget(loss)
    win.resize(w.splitter.size())
    win.setSizes([w.contour_widget.height(), w.loss_widget.height()])
    image = pg.ImageItem(data.image, axisOrder="row-major")
    image.setColorMap(SURFACE_CMAP)
    image.setRect(QtCore.QRectF(*data.rect))
    contour.addItem(image)
    contour.addItem(pg.PlotCurveItem(np.concatenate([cx for cx, _ in data.curves]),
                                     np.concatenate([cy for _, cy in data.curves]), pen=ISO_PEN, connect="finite"))
    contour.setAspectLocked(True)
    x0, x1, y0, y1 = objective.bounds
    contour.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
    loss.setLogMode(y=True)
    snap = session.snapshot()
    lines, curves = [], []
    for i, r in enumerate(snap.runs):
        color = pg.intColor(i, len(snap.runs))
        lines.append(contour.plot(pen=pg.mkPen(color, width=2), symbol="o", symbolSize=4, symbolBrush=color))
        curves.append(loss.plot(pen=pg.mkPen(color, width=2)))
    win.show()

    def tick():
        s = session.step(1)
        for i in range(len(s.runs)):
            xy = s.trajectory(i)
            lines[i].setData(xy[0], xy[1])
            curves[i].setData(np.maximum(s.losses(i), 1e-300))

    watch = Watch(win, {"contour": contour.viewport(), "loss": loss.viewport()})
    for _ in range(10):
        app.processEvents()
    res = measure(tick, watch, "contour", ticks)
    res["points"] = session.step_count + 1
    win.close()
    win.deleteLater()
    app.processEvents()
    return res


# ---- surfaces ----------------------------------------------------------------------------------------------------

def surfaces(args: dict) -> dict:
    """Click to new surface painted: the objective combo box for every built-in surface, a formula and a 100k-row
    linear regression (set through the controller, as the panel does), every preset (``open_preset``), and an export
    at 3000 px. Each case is timed ``repeats`` times; consecutive cases always change the surface."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import OBJECTIVES
    from gui.main_window import MainWindow, preset_paths
    from gui.style import configure

    configure()
    repeats = int(args.get("repeats", 5))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(None, settings)
    w.show()
    watch = Watch(w, {"contour": w.contour_widget.viewport()})
    for _ in range(10):
        app.processEvents()
    combo = w.objective_panel.combo
    cases: list[tuple[str, object]] = []
    for spec in OBJECTIVES.values():
        if spec.kind == "analytic":
            cases.append((spec.name, lambda i=combo.findData(spec.name): combo.setCurrentIndex(i)))
    cases.append(("formula", lambda: w.c.set_objective({"name": "formula", "expr": "sin(x)*cos(y) + (x**2 + y**2)/20"})))
    cases.append(("linear_regression_100k", lambda: w.c.set_objective({"name": "linear_regression",
                                                                        "samples": 100_000})))
    for path in preset_paths():
        cases.append((f"preset:{path.stem}", lambda p=path: w.open_preset(p)))
    times: dict[str, list[float]] = {name: [] for name, _ in cases}
    cpu: dict[str, list[float]] = {name: [] for name, _ in cases}
    for _ in range(repeats + 1):  # the first round warms caches up and is not counted
        for name, act in cases:
            if combo.currentData() == name:  # the click would change nothing: come from another surface
                combo.setCurrentIndex(combo.findData("rosenbrock" if name != "rosenbrock" else "bowl"))
                settle(app, watch, "contour")
            t0, c0 = time.perf_counter(), time.thread_time()
            act()
            settle(app, watch, "contour")
            if _ > 0:
                times[name].append(time.perf_counter() - t0)
                cpu[name].append(time.thread_time() - c0)
    out = {"contour_px": [w.contour_widget.width(), w.contour_widget.height()], "cases": []}
    for name, _act in cases:
        out["cases"].append({"name": name, "median_ms": _median_ms(times[name]), "max_ms": max(times[name]) * 1e3,
                             "cpu_ms": _median_ms(cpu[name])})
    # Zoomed out to 3x the bounds: the GUI thread's share of drawing the view's own grid (the debounced recompute
    # plus the repaint), for the surfaces computed on the GUI thread.
    out["pan"] = []
    for name in ("rastrigin", "rosenbrock", "formula"):
        if name == "formula":
            w.c.set_objective({"name": "formula", "expr": "sin(x)*cos(y) + (x**2 + y**2)/20"})
        else:
            combo.setCurrentIndex(combo.findData(name))
        settle(app, watch, "contour")
        x0, x1, y0, y1 = w.c.objective.bounds
        wd, ht = x1 - x0, y1 - y0
        pan = []
        for k in range(repeats + 1):
            # 3x the bounds, a bit further right each time, so every repeat needs a new grid (the margin of the
            # last one covers small pans)
            dx = (k % 2) * 4 * wd
            w.contour.plot.vb.setRange(xRange=(x0 - wd + dx, x1 + wd + dx), yRange=(y0 - ht, y1 + ht), padding=0)
            settle(app, watch, "contour")
            assert w.contour.needs_surface()
            t0 = time.perf_counter()
            w.contour._debounce.stop()
            w.contour._check_coverage()
            settle(app, watch, "contour")
            pan.append(time.perf_counter() - t0)
            assert not w.contour.needs_surface()
        out["pan"].append({"name": name, "median_ms": _median_ms(pan[1:]), "max_ms": max(pan[1:]) * 1e3})
    w.open_preset(preset_paths()[0])
    settle(app, watch, "contour")
    png = str(Path(tempfile.mkdtemp()) / "export.png")
    export = []
    for _ in range(repeats + 1):
        t0 = time.perf_counter()
        assert w.export_png(png, width=3000, view="both")
        export.append(time.perf_counter() - t0)
    out["export_3000_ms"] = _median_ms(export[1:])
    out["export_3000_max_ms"] = max(export[1:]) * 1e3
    return out


# ---- animated export ---------------------------------------------------------------------------------------------

def animation(args: dict) -> dict:
    """File ▸ Export animation of the book's comparison, 4 runs, ``frames`` frames at ``width`` px, as the window does
    it (frames rendered in slices from a timer, encoded in a child process), with a 5-ms probe timer recording how long
    the event loop was away (while frames render, then while the last are encoded; the click is timed on its own); and the naive way (a new figure built and rendered for each frame) on ``naive`` frames."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["gui_worker"])
    from engine import DEFAULT_SCENE, load_scene
    from engine.explain import snapshot_at
    from gui.animation import TICK_BUDGET_S, AnimationSpec
    from gui.export import Renderer
    from gui.main_window import MainWindow
    from gui.style import configure

    configure()
    n, width, naive_n = int(args.get("frames", 300)), int(args.get("width", 800)), int(args.get("naive", 20))
    settings = QtCore.QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QtCore.QSettings.IniFormat)
    w = MainWindow(load_scene(DEFAULT_SCENE), settings=settings)
    w.resize(1400, 900)
    w.show()
    app.processEvents()
    w.c.step(n - 1)
    snap = w.c.snapshot
    out = Path(tempfile.mkdtemp()) / "race.gif"
    # the click's own time is start_ms (the figure is built then); the probe fires inside it where it settles the
    # figure's layout, and those gaps belong to the click, not to the frames
    gaps, last, phase = {"click": [], "render": [], "encode": []}, [time.perf_counter()], ["click"]

    def probe():
        now = time.perf_counter()
        gaps[phase[0]].append(now - last[0])
        last[0] = now

    timer = QtCore.QTimer()
    timer.setInterval(5)
    timer.timeout.connect(probe)
    timer.start()
    t0 = time.perf_counter()
    job = w.export_animation(str(out), AnimationSpec(last=snap.step, width=width, fps=25), "both")
    start = time.perf_counter() - t0  # the click itself: the figure built once and laid out
    last[0] = time.perf_counter()
    phase[0] = "render"
    while w._animation is not None:
        app.processEvents(QtCore.QEventLoop.AllEvents, 5)
        if job.all_rendered:
            phase[0] = "encode"
    total = time.perf_counter() - t0
    timer.stop()
    assert out.exists() and job.total == n, (out.exists(), job.total)
    # naive: a whole figure built and rendered for each frame (what re-rendering the export per step costs)
    t1 = time.perf_counter()
    for k in range(naive_n):
        fig = w.make_export_figure("both", snap=snapshot_at(snap, k * (n // naive_n)))
        Renderer(fig.win, width).image()
        fig.win.deleteLater()
        app.processEvents()
    naive = (time.perf_counter() - t1) / naive_n
    every = sorted(gaps["render"] + gaps["encode"])
    render = sorted(gaps["render"])
    return {"total_s": total, "frames": n, "width": width, "bytes": out.stat().st_size, "start_ms": start * 1e3,
            "max_gap_ms": every[-1] * 1e3, "p99_gap_ms": every[int(0.99 * (len(every) - 1))] * 1e3,
            "max_render_gap_ms": render[-1] * 1e3, "p99_render_gap_ms": render[int(0.99 * (len(render) - 1))] * 1e3,
            "max_encode_gap_ms": max(gaps["encode"] or [0]) * 1e3,
            "render_s": sum(gaps["render"]), "tick_budget_ms": TICK_BUDGET_S * 1e3,
            "naive_frame_ms": naive * 1e3, "naive_total_s": naive * n}


# ---- matplotlib ----------------------------------------------------------------------------------------------------

def matplotlib_frames(args: dict) -> dict:
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as e:
        return {"skip": f"matplotlib not importable ({e})"}
    import numpy as np

    from engine import scene_from_dict

    n_frames, points = int(args.get("frames", 7)), int(args.get("steps", 10_000))
    w_px, h_px = args.get("size", [704, 790])
    scene = scene_from_dict(SCENE)
    objective = scene.build_objective()
    session = scene.build_session(objective)
    session.step(points - 1)
    # The same surface and levels as the Qt view (log-scaled values, levels at quantiles); computed once.
    xs, ys, Z = objective.grid(200)
    Zl = np.log10(Z - Z.min() + 1e-4 * (np.quantile(Z, 0.95) - Z.min()))
    levels = np.unique(np.quantile(Zl, np.linspace(0.03, 0.93, 12)))
    X, Y = np.meshgrid(xs, ys)
    fig = Figure(figsize=(w_px / 100, h_px / 100), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax, ax_loss = fig.subplots(2, 1, gridspec_kw={"height_ratios": [3, 2]})
    marker = args.get("marker", "o-")

    def frame():
        s = session.step(1)
        # The book's loop body (ch06/optimizer_compare_naive.py): clear, plot every history with 'o-', contour,
        # then draw; here also the loss curves the playground shows.
        ax.clear()
        ax_loss.clear()
        for i in range(len(s.runs)):
            xy = s.trajectory(i)
            ax.plot(xy[0], xy[1], marker)
            ax_loss.semilogy(s.losses(i))
        ax.contour(X, Y, Zl, levels=levels)
        ax.set_xlim(xs[0], xs[-1])
        ax.set_ylim(ys[0], ys[-1])
        canvas.draw()

    frame()  # first draw builds fonts and caches
    wall, cpu = [], []
    for _ in range(n_frames):
        t0, c0 = time.perf_counter(), time.thread_time()
        frame()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    return {"wall_ms": _median_ms(wall), "cpu_ms": _median_ms(cpu), "matplotlib": matplotlib.__version__,
            "points": session.step_count + 1, "frames": n_frames}


if __name__ == "__main__":
    mode, raw = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "{}")
    result = {"frames": frames, "surfaces": surfaces, "matplotlib": matplotlib_frames, "whatif": whatif, "language": language,
              "maps": maps, "animation": animation, "dataview": dataview,
              "network": network}[mode](json.loads(raw))
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip tearing down Qt objects and 250 MB of history: not part of any measurement
