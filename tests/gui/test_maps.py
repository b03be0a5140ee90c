"""The Maps dock: sweeps and basin maps computed from the window, drawn, clicked and saved. The numbers drawn are
checked against independent engine sessions (a cell is the race's run with its values)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6 import QtCore

from engine import RunSpec, Session, load_scene
from engine.sweep import DIVERGED, classify, refinement
from gui.maps import basin_rgba, filled, metric_values
from gui_helpers import BOOK, make_settings, trajectories


def _sweep(window, run: str | None, x: str, y: str | None = None, steps: int = 0):
    window.maps_dock.show()
    window.maps_dock.raise_()
    t = window.maps_panel.sweep
    t.run_combo.setCurrentIndex(t.run_combo.findData(run))
    t.x_row.param.setCurrentIndex(t.x_row.param.findData(x))
    t.y_row.param.setCurrentIndex(t.y_row.param.findData(y))
    t.steps.setValue(steps)
    return t


def test_a_2d_sweep_is_drawn_and_each_cell_is_the_races_run(window):
    t = _sweep(window, "Momentum", "lr", "momentum")
    t.x_row.count.setValue(12)
    t.y_row.count.setValue(9)
    assert t.compute()
    t.wait()
    res = t.result
    assert res.complete and res.shape == (9, 12)
    # the image shows log10 of each cell's final loss (diverged cells NaN, drawn by the layer under it)
    assert np.array_equal(np.isnan(t.view.image.image), np.isnan(metric_values(res, "loss")[0]))
    np.testing.assert_array_equal(t.view.image.image[np.isfinite(t.view.image.image)],
                                  metric_values(res, "loss")[0][np.isfinite(metric_values(res, "loss")[0])])
    assert int(np.count_nonzero(t.view.under.image[..., 3])) == int(np.count_nonzero(res.diverged_at[0] >= 0))
    # a few cells against sessions built by hand from the scene
    scene = window.c.scene
    for cell in (0, 17, 60, 107):
        j, i = divmod(cell, 12)
        hp = {**scene.optimizers[1].hyperparams, "lr": float(res.xs[i]), "momentum": float(res.ys[j])}
        s = Session(window.c.objective, [RunSpec("momentum", "m", hp)], scene.start, scene.batch, scene.seed)
        snap = s.step(window.c.stop_at)
        r = snap.runs[0]
        assert res.loss[0, j, i] == r.loss
        assert (res.diverged_at[0, j, i] >= 0) == (r.diverged_at is not None)


def test_clicking_a_cell_loads_its_values_and_replays_the_race(window, qtbot):
    c = window.c
    c.step(30)
    t = _sweep(window, "Momentum", "lr", "momentum")
    t.x_row.count.setValue(8)
    t.y_row.count.setValue(8)
    t.compute()
    t.wait()
    cell = 3 * 8 + 5
    t.load_cell(0, cell)
    values = t.plan.cell_hyperparams(cell)
    hp = c.scene.optimizers[1].hyperparams
    assert hp["lr"] == values["lr"] and hp["momentum"] == values["momentum"]
    assert c.snapshot.step == 30
    assert c.snapshot.runs[1].loss == t.result.loss[0, 3, 5]  # the race's run is the cell, bit for bit
    assert t.job is None and not t.debounce.isActive()  # loading a cell does not make the map stale


def test_the_sweep_plot_click_goes_through_the_mouse(window, qtbot):
    t = _sweep(window, "Momentum", "lr", "momentum")
    t.x_row.count.setValue(6)
    t.y_row.count.setValue(6)
    t.compute()
    t.wait()
    window.maps_panel.setCurrentIndex(0)
    qtbot.wait(50)
    vb = t.view.plot.vb
    xs, ys = np.log10(t.result.xs), t.result.ys
    target = vb.mapViewToScene(QtCore.QPointF(xs[4], ys[2]))
    got = []
    t.view.cellClicked.connect(lambda r, cell: got.append((r, cell)))
    assert t.view.cell_at(target) == (0, 2 * 6 + 4)
    pos = t.plot_widget.mapFromScene(target)
    qtbot.mouseClick(t.plot_widget.viewport(), QtCore.Qt.LeftButton, pos=pos)
    assert got == [(0, 2 * 6 + 4)]
    assert window.c.scene.optimizers[1].hyperparams["lr"] == float(t.result.xs[4])


def test_a_1d_sweep_draws_a_curve_per_run_and_each_fixed_step_bound(window):
    t = _sweep(window, None, "lr", steps=300)  # long enough for cells just past the bound to blow up
    t.x_row.start.setValue(0.01)
    t.x_row.stop.setValue(3.0)
    t.x_row.count.setValue(20)
    t.compute()
    t.wait()
    res = t.result
    assert res.labels == ("SGD", "Momentum", "AdaGrad", "Adam")
    for r, curve in enumerate(t.view.curves):
        x, y = curve.getData()
        np.testing.assert_array_equal(x, np.log10(res.xs))
        np.testing.assert_array_equal(np.isnan(y), np.isnan(metric_values(res, "loss")[r]))
    # SGD diverges above η = 2/λ_max = 1 on the bowl: crosses mark those cells; the theory's lines are drawn
    n_div = int(np.count_nonzero(res.diverged_at >= 0))
    assert n_div > 0 and len(t.view.crosses.data) == n_div
    bounds = sorted(10 ** line.value() for line in t.view.thresholds)
    assert bounds == pytest.approx([1.0, 1.9])  # SGD: 2/λ_max; Momentum (α = 0.9): (2 + 2α)/λ_max
    sgd = res.diverged_at[0] >= 0
    assert np.all(res.xs[sgd] > 1.0) and np.all(res.xs[~sgd] <= 1.0)  # the simulated edge is the theory's


def test_a_2d_boundary_is_the_heavy_ball_bound(window):
    t = _sweep(window, "Momentum", "lr", "momentum")
    t.x_row.stop.setValue(10.0)
    t.x_row.count.setValue(40)
    t.y_row.count.setValue(10)
    t.compute()
    t.wait()
    bx, by = t.view.bound.getData()
    np.testing.assert_allclose(10 ** bx, 1.0 + t.result.ys, rtol=1e-12)  # η_max = (2 + 2α)/λ_max, λ_max = 2
    np.testing.assert_array_equal(by, t.result.ys)


def test_bad_settings_are_said_in_the_tab_and_change_nothing(window):
    t = _sweep(window, None, "lr", None)
    t.y_row.setEnabled(True)
    t.run_combo.setCurrentIndex(0)  # every run
    t.y_row.param.blockSignals(True)
    t.y_row.param.setCurrentIndex(t.y_row.param.findData("lr"))
    t.y_row.param.blockSignals(False)
    assert not t.compute()
    assert "2-D sweep maps one run" in t.status.text()
    t.y_row.param.setCurrentIndex(0)
    t.x_row.scale.setCurrentText("log")
    t.x_row.start.setValue(0.0)
    assert not t.compute()
    assert "sweep.x" in t.status.text() and t.plan is None
    assert window.c.scene.sweep is None


def test_a_scene_with_sections_shows_and_computes_them_and_save_writes_them(make_window, tmp_path, qtbot):
    data = json.loads(BOOK.read_text())
    data["sweep"] = {"runs": ["Adam"], "x": {"param": "lr", "from": 1e-3, "to": 1.0, "count": 10, "scale": "log"},
                     "y": {"param": "beta1", "from": 0.0, "to": 0.9, "count": 4}, "steps": 20}
    data["basins"] = {"runs": ["SGD"], "grid": [8, 6], "bounds": [-4, 4, -3, 3], "steps": 10}
    path = tmp_path / "maps.json"
    path.write_text(json.dumps(data))
    w = make_window(load_scene(path))
    t, b = w.maps_panel.sweep, w.maps_panel.basins
    t.wait()
    b.wait()
    assert t.run_combo.currentData() == "Adam" and t.x_row.count.value() == 10 and t.steps.value() == 20
    assert t.result.complete and t.result.shape == (4, 10)
    assert b.result.complete and b.result.shape == (6, 8)
    assert list(b.result.xs) == [-4 + 8 * i / 7 for i in range(8)]
    out = tmp_path / "saved.json"
    assert w.save_scene(str(out))
    saved = json.loads(out.read_text())
    assert saved["sweep"]["x"] == data["sweep"]["x"] and saved["sweep"]["runs"] == ["Adam"]
    assert saved["basins"]["grid"] == [8, 6] and saved["basins"]["bounds"] == [-4, 4, -3, 3]


def test_basins_layer_shows_where_each_start_ends_and_clicks_still_set_the_start(window, qtbot):
    c = window.c
    window.objective_panel.combo.setCurrentIndex(window.objective_panel.combo.findData("himmelblau"))
    c.set_hyperparam(0, "lr", 0.01)
    window.maps_dock.show()
    window.maps_dock.raise_()
    window.maps_panel.setCurrentIndex(1)
    b = window.maps_panel.basins
    b.grid.setValue(24)
    b.grid_y.setValue(24)
    b.steps.setValue(200)
    assert b.compute()
    b.wait()
    res = b.result
    codes = classify(res, window.c.objective)[0]
    assert set(np.unique(codes)) <= {0, 1, 2, 3, -1, DIVERGED} and len(set(np.unique(codes)) & {0, 1, 2, 3}) == 4
    img = window.basin_layer.image.image
    np.testing.assert_array_equal(img, basin_rgba(res, window.c.objective, 0, "minimum", b.opacity.value()))
    assert window.basin_layer.image.isVisible()
    # the layer's legend gives each basin's share
    assert b.legend.text().count("minimum (") == 4
    # a start of the grid: the race run from it ends where the map says
    j, i = 5, 17
    x0, y0 = float(res.xs[i]), float(res.ys[j])
    s = Session(c.objective, [RunSpec("sgd", "s", {"lr": 0.01})], (x0, y0))
    assert tuple(s.step(200).runs[0].point) == tuple(res.final[0, j, i])
    # clicking the map through the layer still moves the start
    vb = window.contour.plot.vb
    pos = window.contour_widget.mapFromScene(vb.mapViewToScene(QtCore.QPointF(x0, y0)))
    qtbot.mouseClick(window.contour_widget.viewport(), QtCore.Qt.LeftButton, pos=pos)
    sx, sy = c.scene.start
    assert abs(sx - x0) < 0.2 and abs(sy - y0) < 0.2
    # the start is not an input of a basin map: no recompute
    assert b.job is None and not b.debounce.isActive()
    b.show_layer.setChecked(False)
    assert not window.basin_layer.image.isVisible()


def test_changing_a_runs_other_knob_recomputes_the_sweep_after_a_pause(window, qtbot):
    t = _sweep(window, "Momentum", "lr")
    t.x_row.count.setValue(8)
    t.compute()
    t.wait()
    before = t.result
    window.optimizers_panel.editors[1].form.spins["momentum"].setValue(0.5)
    assert t.debounce.isActive()
    qtbot.waitUntil(lambda: t.result is not before and t.job is None and t.result.complete, timeout=5000)
    assert t.plan.runs[0].hyperparams["momentum"] == 0.5


def test_cancel_stops_a_long_map_and_keeps_what_was_computed(window, qtbot):
    t = _sweep(window, "Adam", "lr", "beta1", steps=5000)
    t.x_row.count.setValue(200)
    t.y_row.count.setValue(200)
    t.compute()
    job = t.job
    qtbot.waitUntil(lambda: job.result.done.any(), timeout=10000)  # the coarse level lands first
    t.cancel_button.click()
    assert job.cancelled
    job.wait(10)
    assert job.done.is_set() and not job.result.complete
    assert "Cancelled" in t.status.text()


def test_refinement_then_filled_shows_every_cell_from_the_coarse_level():
    shape = (20, 30)
    values = np.arange(600, dtype=float).reshape(shape)
    levels = refinement(shape)
    done = np.zeros(shape, dtype=bool)
    done.flat[levels[0]] = True
    shown_vals, shown = filled(np.where(done, values, np.nan), done)
    assert shown.all()
    for j in range(20):
        for i in range(30):
            assert shown_vals[j, i] == values[(j // 8) * 8, (i // 8) * 8]
    done.flat[np.concatenate(levels)] = True
    v2, s2 = filled(values, done)
    assert np.array_equal(v2, values) and s2.all()


def test_maps_survive_a_new_objective(window):
    t = _sweep(window, "SGD", "lr")
    t.x_row.count.setValue(5)
    t.compute()
    t.wait()
    window.objective_panel.combo.setCurrentIndex(window.objective_panel.combo.findData("rosenbrock"))
    assert t.plan is None and t.result is None
    assert t.compute()
    t.wait()
    assert t.result.complete


def test_the_dock_state_is_remembered(make_window, settings_path):
    w = make_window()
    w.maps_dock.raise_()
    w.close()
    w2 = make_window(settings=make_settings(settings_path))
    assert not w2.maps_dock.isHidden()
    assert trajectories(w2.c.snapshot)


def test_the_scene_sections_follow_a_relabel_and_go_with_their_run(window, tmp_path):
    """The monkey relabelled and removed runs a saved sweep named: the scene no longer validated."""
    c = window.c
    t = _sweep(window, "Adam", "lr", "beta1")
    t.x_row.count.setValue(4)
    t.y_row.count.setValue(4)
    t.compute()
    t.wait()
    assert c.scene.sweep.runs == ("Adam",)
    assert c.set_label(3, "my Adam")
    assert c.scene.sweep.runs == ("my Adam",)
    assert window.save_scene(str(tmp_path / "a.json"))
    assert load_scene(tmp_path / "a.json").sweep.runs == ("my Adam",)
    messages = []
    c.message.connect(messages.append)
    assert c.remove_run(3)
    assert c.scene.sweep is None and any("sweep map no longer fits" in m for m in messages)
    assert window.save_scene(str(tmp_path / "b.json"))
    assert load_scene(tmp_path / "b.json").sweep is None


def test_compact_layout_shows_every_dock_tab_title_whole(make_window, qtbot):
    """Six docks tabbed in one narrow column had their titles elided to "O…", "Ba…" (seen at 1024×700)."""
    from PySide6 import QtWidgets

    w = make_window()
    w.resize(1008, 660)
    w.compact_layout()
    qtbot.wait(50)
    bars = [b for b in w.findChildren(QtWidgets.QTabBar) if b.count() >= 6 and b.isVisible()]
    assert len(bars) == 1
    bar = bars[0]
    titles = {bar.tabText(i) for i in range(bar.count())}
    assert {"Optimizers", "Objective", "Batch strategy", "Explain", "What if", "Maps"} <= titles
    fm = bar.fontMetrics()
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        assert max(rect.width(), rect.height()) >= fm.horizontalAdvance(bar.tabText(i)), bar.tabText(i)
