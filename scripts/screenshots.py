"""Render the real window in a fixed list of states, at 1400×900 and 1024×700, plus each state's exported PNG.

    uv run python scripts/screenshots.py                  # every state, both sizes, into shots/
    uv run python scripts/screenshots.py --only book zigzag --sizes 1024x700 --no-export

For each size it starts an Xvfb server of exactly that size (apt-get install xvfb; a real X server, not the
offscreen platform), runs itself in a child process on it, and saves what the X server shows (QScreen.grabWindow of
the root window, as `import -window root` would) as shots/<size>/<state>.png, and the state's File ▸ Export PNG at
800 and 3000 px as shots/export/<state>-<width>.png (and, for FIGURE_STATES, its SVG, PDF and animated GIF as
shots/export/<state>.svg/.pdf/.gif). Open them and look.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = ("1400x900", "1024x700")
EXPORT_WIDTHS = (800, 3000)


# ---- the states ------------------------------------------------------------------------------------------------
# Each takes the window (already showing the default scene) and brings it into the state to photograph.

def _preset(stem: str, steps: int | None = None):
    def setup(w):
        from engine import RESOURCES

        path = RESOURCES / "scenes" / f"{stem}.json" if stem[0].isalpha() else RESOURCES / "presets" / f"{stem}.json"
        assert w.open_preset(path), stem
        _wait_surface(w)
        n = steps if steps is not None else w.c.stop_at
        w.c.step(n)
        if stem == "03_momentum_vs_nag":
            w.teach_panel.run_combo.setCurrentIndex(1)
    return setup


def _formula_error(w):
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("formula"))
    w.objective_panel.formula.setText("x**2/20 + y**2 + sin(x.y)")
    w.c.step(10)


def _formula_domain(w):
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("formula"))
    w.objective_panel.formula.setText("log(x) + y**2")
    w.objective_panel._apply_formula()


def _regression(name: str, batch_size: int, fan: bool):
    def setup(w):
        from engine import BatchConfig

        w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData(name))
        _wait_surface(w)
        w.c.set_batch(BatchConfig("minibatch", batch_size, True, True))
        w.teach_panel.toggles["fan"].setChecked(fan)
        w.c.step(120)
    return setup


def _eight_runs(w):
    from engine import OPTIMIZERS

    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("rosenbrock"))
    types = list(OPTIMIZERS)
    while len(w.c.scene.optimizers) < 8:
        w.c.add_run(types[len(w.c.scene.optimizers) % len(types)])
    w.c.step(300)


def _divergence(w):
    w.optimizers_panel.editors[0].form.spins["lr"].setValue(1.9)  # SGD on the bowl: unstable above η = 1
    w.c.step(40)


def _four_wells(w):
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("four_wells"))
    w.c.step(50)


def _whatif(w):
    """The book's comparison at step 30, Momentum's β dragged to 0.5 with replay on: the What-if dock in front."""
    _preset("book_comparison")(w)
    w.whatif_dock.show()
    w.whatif_dock.raise_()
    w.whatif_panel.run_combo.setCurrentIndex(1)
    knob = w.whatif_panel.knobs["momentum"]
    from gui.whatif import tick_of

    knob.slider.setValue(tick_of(0.5, knob.rng))


def _maps_tab(w, index: int):
    w.maps_dock.show()
    w.maps_dock.raise_()
    w.maps_panel.setCurrentIndex(index)


def _sweep_1d(w):
    """The book's comparison: final loss after 30 steps against η, every run, the log axis."""
    _preset("book_comparison")(w)
    _maps_tab(w, 0)
    t = w.maps_panel.sweep
    t.run_combo.setCurrentIndex(0)
    t.x_row.param.setCurrentIndex(t.x_row.param.findData("lr"))
    t.compute()
    t.wait()


def _sweep_2d(w):
    """Momentum on the bowl, η × α after 100 steps, with the exact stability boundary η < (2 + 2α)/λ_max."""
    _preset("book_comparison")(w)
    w.stop_at.setValue(100)
    _maps_tab(w, 0)
    t = w.maps_panel.sweep
    t.run_combo.setCurrentIndex(t.run_combo.findData("Momentum"))
    t.x_row.param.setCurrentIndex(t.x_row.param.findData("lr"))
    t.x_row.stop.setValue(10.0)
    t.y_row.param.setCurrentIndex(t.y_row.param.findData("momentum"))
    t.compute()
    t.wait()


def _basins(w):
    """Himmelblau's four minima: where SGD from each start of the visible area ends."""
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("himmelblau"))
    _wait_surface(w)
    w.c.set_hyperparam(0, "lr", 0.01)
    w.c.set_stop_at(100)
    w.stop_at.setValue(100)
    w.c.reset()
    w.c.step(100)
    _maps_tab(w, 1)
    b = w.maps_panel.basins
    b.compute()
    b.wait()


def _grid(setup):
    """A state in View ▸ Layout ▸ One panel per run."""
    def grid(w):
        setup(w)
        w.set_layout("grid")
    return grid


STATES = {
    "book": _preset("book_comparison"),
    "book_grid": _grid(_preset("book_comparison")),
    "zigzag": _preset("02_zigzag_gd"),
    "momentum_nag": _preset("03_momentum_vs_nag"),
    "adagrad_rmsprop": _preset("04_adagrad_vs_rmsprop"),
    "saddle": _preset("05_saddle_escape"),
    "rastrigin": _preset("06_rastrigin_local_minima"),
    "batch_sizes": _preset("07_batch_sizes"),
    "adam_bias": _preset("08_adam_bias_correction"),
    "book_vs_torch": _preset("09_book_vs_torch"),
    "csv_regression": _preset("linear_regression_csv", 0),
    "formula_error": _formula_error,
    "formula_domain": _formula_domain,
    "linear_minibatch": _regression("linear_regression", 100, True),
    "logistic_minibatch": _regression("logistic_regression", 64, False),
    "eight_runs": _eight_runs,
    "divergence": _divergence,
    "four_wells": _four_wells,
    "whatif": _whatif,
    "sweep_1d": _sweep_1d,
    "sweep_2d": _sweep_2d,
    "basins": _basins,
    "eight_runs_grid": _grid(_eight_runs),
}
# States whose SVG, PDF and animated GIF are written too (shots/export/<state>.svg, .pdf, .gif)
def _network(stem: str, steps: int, x_axis: str = "steps"):
    """A network race (issue 14) after ``steps`` steps, its landscape plane fitted, the loss view's x-axis set."""
    def setup(w):
        from PySide6 import QtWidgets

        from engine import RESOURCES

        assert w.open_preset(RESOURCES / "presets" / "network" / f"{stem}.json"), stem
        w.c.step(steps)
        w.net_x.setCurrentIndex(w.net_x.findData(x_axis))
        w.fit_plane()
        t0 = time.monotonic()
        while w._land_worker is not None and time.monotonic() - t0 < 60:
            QtWidgets.QApplication.processEvents()
            time.sleep(0.02)
            w._show_progress()
    return setup


def _network_spirals(w):
    """A small network learning two spirals: the Data view's decision map (issue 15)."""
    import json

    from PySide6 import QtWidgets

    from engine import loads_scene

    scene = loads_scene(json.dumps({
        "version": 1, "title": {"en": "Two spirals", "ko": "두 나선"}, "steps": 600,
        "objective": {"name": "mlp", "data": "spirals", "samples": 400, "hidden": [32, 32], "activation": "tanh"},
        "batch": {"strategy": "minibatch", "batch_size": 32},
        "optimizers": [{"type": "adam", "lr": 0.01}, {"type": "momentum", "lr": 0.05, "momentum": 0.9},
                       {"type": "sgd", "lr": 0.1}]}))
    assert w.c.load_scene(scene)
    w.c.step(600)
    w.fit_plane()
    t0 = time.monotonic()
    while (w._land_worker is not None or w.net_data.worker.busy) and time.monotonic() - t0 < 60:
        QtWidgets.QApplication.processEvents()
        time.sleep(0.02)
        w._show_progress()
        w._poll_net_data()


def _net_settle(w) -> None:
    """Until the landscape and the Data view's picture are done."""
    from PySide6 import QtWidgets

    t0 = time.monotonic()
    while (w._land_worker is not None or (w.net_data is not None and w.net_data.worker.busy)) and \
            time.monotonic() - t0 < 60:
        QtWidgets.QApplication.processEvents()
        time.sleep(0.02)
        w._show_progress()
        w._poll_net_data()


def _network_held_out(steps: int, scrub: int | None = None):
    """Figure 6-9 on digits with a fifth of the rows held out (issues 14/15): the loss view on accuracy (training
    solid, held-out dashed), the digits panel's held-out confusion; ``scrub``: the timeline at that step."""
    def setup(w):
        from engine import RESOURCES, load_scene

        scene = load_scene(RESOURCES / "presets" / "network" / "10_figure_6_9_digits.json")
        assert w.c.load_scene(scene.with_(objective={**scene.objective, "holdout": 0.2}))
        w._scene_changed(w.c.scene)
        w.c.step(steps)
        w.net_y.setCurrentIndex(w.net_y.findData("accuracy"))
        w.fit_plane()
        _net_settle(w)
        if scrub is not None:
            w.scrub_to(scrub)
            _net_settle(w)
    return setup


def _network_spirals_hover(w):
    """Two spirals with a quarter of the rows held out (squares), the mouse over a point: its row and the
    prediction in the Data view's hover line."""
    import json

    from PySide6 import QtCore, QtWidgets

    from engine import loads_scene

    scene = loads_scene(json.dumps({
        "version": 1, "title": {"en": "Two spirals, held out", "ko": "두 나선, 검증 행 포함"}, "steps": 400,
        "objective": {"name": "mlp", "data": "spirals", "samples": 400, "hidden": [32, 32], "activation": "tanh",
                      "holdout": 0.25},
        "batch": {"strategy": "minibatch", "batch_size": 32},
        "optimizers": [{"type": "adam", "lr": 0.01}, {"type": "sgd", "lr": 0.1}]}))
    assert w.c.load_scene(scene)
    w.c.step(400)
    w.fit_plane()
    _net_settle(w)
    QtWidgets.QApplication.processEvents()
    m = w.net_data
    x = m.objective.raw_X[5]
    w._net_data_moved((m.plot.vb.mapViewToScene(QtCore.QPointF(float(x[0]), float(x[1]))),))


STATES["network_spirals"] = _network_spirals
STATES["network_fig69"] = _network("10_figure_6_9_digits", 2000)
STATES["network_batch"] = _network("11_batch_size_network", 600, "samples")
STATES["network_fig69_holdout"] = _network_held_out(2000)
STATES["network_scrubbed"] = _network_held_out(1200, scrub=470)
STATES["network_spirals_hover"] = _network_spirals_hover

FIGURE_STATES = ("book", "book_grid")


def _wait_surface(w, timeout: float = 30.0) -> None:
    from PySide6 import QtWidgets

    t0 = time.monotonic()
    while w.contour_data is None and time.monotonic() - t0 < timeout:
        QtWidgets.QApplication.processEvents()
        time.sleep(0.02)
        w._show_progress()


# ---- the child: one X server, every state ------------------------------------------------------------------------

def child(out: Path, size: str, states: list[str], export: bool, lang: str = "en") -> int:
    from PySide6 import QtCore, QtGui, QtWidgets

    from gui.i18n import set_language
    from gui.style import configure

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    configure()
    set_language(lang)
    from gui.main_window import MainWindow

    folder = out / size
    folder.mkdir(parents=True, exist_ok=True)
    (out / "export").mkdir(parents=True, exist_ok=True)
    settings_dir = Path(tempfile.mkdtemp(prefix="shots-settings-"))

    def settle(ms: int = 400) -> None:
        t0 = time.monotonic()
        while time.monotonic() - t0 < ms / 1000:
            app.processEvents()
            time.sleep(0.01)

    for name in states:
        # A fresh window with fresh settings per state: what a first launch shows.
        settings = QtCore.QSettings(str(settings_dir / f"{name}.ini"), QtCore.QSettings.IniFormat)
        w = MainWindow(settings=settings)
        w.show()
        settle(300)
        _wait_surface(w)
        STATES[name](w)
        _wait_surface(w)
        w.c.pause()
        settle(500)
        screen = QtGui.QGuiApplication.primaryScreen()
        shot = screen.grabWindow(0)
        path = folder / f"{name}.png"
        shot.save(str(path))
        print(f"{path}  (window {w.width()}×{w.height()} on a {screen.size().width()}×{screen.size().height()} "
              f"screen)", flush=True)
        if export and size == SIZES[0]:
            for width in EXPORT_WIDTHS:
                p = out / "export" / f"{name}-{width}.png"
                w.export_png(str(p), width=width, view="both")
                print(p, flush=True)
            if name in FIGURE_STATES:
                from gui.animation import AnimationSpec

                base = out / "export" / name
                for ext in ("svg", "pdf"):
                    w.export_vector(f"{base}.{ext}", 1200, "both")
                w.export_animation(f"{base}.gif", AnimationSpec(last=w.c.snapshot.step, width=800), "both")
                while w._animation is not None:
                    app.processEvents()
                    time.sleep(0.005)
                print(f"{base}.svg, .pdf, .gif", flush=True)
        w.close()
        w.deleteLater()
        settle(100)
    shutil.rmtree(settings_dir, ignore_errors=True)
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=str(ROOT / "shots"))
    p.add_argument("--sizes", nargs="+", default=list(SIZES))
    p.add_argument("--only", nargs="+", choices=list(STATES), help="these states only")
    p.add_argument("--no-export", action="store_true", help="window screenshots only")
    p.add_argument("--lang", choices=("en", "ko"), default="en",
                   help="the window's language (ko: the pictures go to OUT/ko/)")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    states = args.only or list(STATES)
    out = Path(args.out)
    if args.lang != "en" and not args.child:
        out = out / args.lang
    if args.child:
        return child(out, args.child, states, not args.no_export, args.lang)
    if not shutil.which("Xvfb"):
        print("error: Xvfb is needed (apt-get install xvfb)", file=sys.stderr)
        return 2
    rc = 0
    for k, size in enumerate(args.sizes):
        display = f":{100 + (os.getpid() * 7 + k) % 800}"  # several of these may run at once
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.8)
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="shots-config-")}
            cmd = [sys.executable, __file__, "--out", str(out), "--child", size, "--lang", args.lang,
                   "--only", *states]
            if args.no_export:
                cmd.append("--no-export")
            rc |= subprocess.call(cmd, env=env)
        finally:
            xvfb.terminate()
            xvfb.wait()
    return rc


if __name__ == "__main__":
    sys.exit(main())
