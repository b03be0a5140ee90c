"""Issue 14's window: a network race (``mlp`` scene) opens, plays on the stepper thread, draws its losses, accuracy
and paths on the landscape plane as the engine computes them, and every 2-D-only feature says why it is off."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from engine import RESOURCES, load_scene, landscape
from engine.errors import PlaygroundError
from engine.limits import NET_WINDOW_EVERY
from engine.netsession import NetSession
from gui.netpanel import parse_hidden
from gui.plots import smooth_curve

FIG69 = RESOURCES / "presets" / "network" / "10_figure_6_9_digits.json"
BATCH = RESOURCES / "presets" / "network" / "11_batch_size_network.json"


def small_scene(path=FIG69, hidden=(16, 16)):
    """A preset with a small network (the same code paths, a fraction of the arithmetic)."""
    scene = load_scene(path)
    return scene.with_(objective={**scene.objective, "hidden": list(hidden)})


def open_small(window, path=FIG69, hidden=(16, 16)):
    assert window.c.load_scene(small_scene(path, hidden))
    window._scene_changed(window.c.scene)
    return window.c


def wait_landscape(qtbot, window):
    qtbot.waitUntil(lambda: window._land_worker is None, timeout=30000)


def curve(item):
    x, y = item.getData()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def test_network_presets_open_from_the_menu_and_2d_features_say_why_they_are_off(window, qtbot):
    errors = []
    window.c.errorRaised.connect(errors.append)
    for stem in (FIG69.stem, BATCH.stem):
        act = next(a for a in window.presets_menu.actions() if a.objectName() == f"preset_{stem}")
        act.trigger()
        c = window.c
        assert c.objective.name == "mlp" and c.is_network and c.stepper is not None
        assert window.net_row.isVisibleTo(window) and not window.maps_panel.isEnabled()
        assert not window.whatif_panel.isEnabled() and window.slider.isEnabled()  # the timeline works for networks
        assert "2-D" in window.maps_panel.toolTip()
        assert window.objective_panel.mlp_box.isVisibleTo(window)
        assert not window.objective_panel.start_box.isVisibleTo(window)
        c.step(2)
        assert c.snapshot.step == 2
        # the legend names every run with its loss, the Explain dock shows norms, not D numbers
        for r in c.snapshot.runs:
            assert r.label in window.run_legend.text()
        rule = window.teach_panel.rule.text()
        assert "|θ − θ₀|" in rule and "|g|" in rule and "quadratic insight" in window.teach_panel.insight.text()
        assert "Li et al. 2018" in window.teach_panel.note.text()
    assert errors == []
    # back to a 2-D objective: everything is on again
    window.objective_panel.combo.setCurrentIndex(0)
    assert not window.c.is_network and window.c.stepper is None
    assert window.maps_panel.isEnabled() and window.whatif_panel.isEnabled() and window.slider.isEnabled()
    assert not window.net_row.isVisibleTo(window)
    assert window.loss.plot.getAxis("bottom").labelText == "step"


def test_clicking_the_map_of_a_network_sets_no_start(window, qtbot):
    c = open_small(window)
    c.step(3)
    scene = c.scene
    errors = []
    c.errorRaised.connect(errors.append)
    window.set_start_from_view(0.3, 0.2)  # through the controller: refused, state kept
    assert errors and "initial weights" in errors[-1]
    assert c.scene is scene and c.snapshot.step == 3


def test_loss_view_draws_the_snapshot_losses_accuracy_and_batch_losses(window, qtbot):
    c = open_small(window)
    c.step(45)
    snap = c.snapshot
    loss = window.loss
    assert loss.log
    for i in range(len(snap.runs)):
        steps, full = snap.losses(i)
        x, y = curve(loss.full[i])
        np.testing.assert_array_equal(x, steps)
        np.testing.assert_array_equal(y, np.log10(full))
        bx, by = curve(loss.batch[i])
        np.testing.assert_array_equal(bx, np.arange(1, 46))
        np.testing.assert_array_equal(by, np.log10(snap.batch_losses(i)))
    assert set(snap.record_steps.tolist()) >= {0, 20, 40, 45}  # every NET_WINDOW_EVERY steps and the last
    assert NET_WINDOW_EVERY == 20
    window.net_smooth.setChecked(True)
    bx, by = curve(loss.batch[0])
    np.testing.assert_allclose(by, np.log10(smooth_curve(snap.batch_losses(0))), rtol=0, atol=1e-15)
    window.net_y.setCurrentIndex(window.net_y.findData("accuracy"))
    assert not loss.log
    for i in range(len(snap.runs)):
        steps, acc = snap.accuracy(i)
        x, y = curve(loss.full[i])
        np.testing.assert_array_equal(x, steps)
        np.testing.assert_array_equal(y, acc)
        assert curve(loss.batch[i])[0].size == 0
    assert "accuracy" in loss.plot.getAxis("left").labelText


def test_smooth_curve_is_the_mean_of_its_neighbours():
    rng = np.random.default_rng(3)
    v = rng.random(40)
    v[7] = np.nan
    out = smooth_curve(v, 5)
    for i in range(40):
        if i == 7:
            assert np.isnan(out[i])
            continue
        window = [v[j] for j in range(max(0, i - 2), min(40, i + 3)) if j != 7]
        assert out[i] == pytest.approx(sum(window) / len(window), rel=1e-14)


def test_x_axis_in_samples_is_steps_times_each_runs_batch_size(window, qtbot):
    c = open_small(window, BATCH)
    c.step(30)
    snap = c.snapshot
    sizes = {r.label: s for r, s in zip(snap.runs, (1797, 128, 1))}
    window.net_x.setCurrentIndex(window.net_x.findData("samples"))
    for i, r in enumerate(snap.runs):
        steps, _ = snap.losses(i)
        x, _ = curve(window.loss.full[i])
        np.testing.assert_array_equal(x, steps * sizes[r.label])
        bx, _ = curve(window.loss.batch[i])
        np.testing.assert_array_equal(bx, np.arange(1, 31) * sizes[r.label])
    assert "samples" in window.loss.plot.getAxis("bottom").labelText
    window.net_x.setCurrentIndex(window.net_x.findData("epochs"))
    per_epoch = {"full batch": 1, "B = 128": 1797 // 128, "B = 1": 1797}
    for i, r in enumerate(snap.runs):
        steps, _ = snap.losses(i)
        np.testing.assert_allclose(curve(window.loss.full[i])[0], steps / per_epoch[r.label], rtol=1e-15)


def test_fitted_plane_draws_the_paths_as_landscape_projects_them(window, qtbot):
    c = open_small(window)
    c.step(60)
    window.fit_plane()
    wait_landscape(qtbot, window)
    snap = c.snapshot
    plane = window.contour.projection.plane
    assert plane is not None and plane.kind == "pca"
    expect = landscape.pca_plane(np.vstack([snap.path(i)[1] for i in range(len(snap.runs))]), c.objective.theta0)
    np.testing.assert_allclose(plane.explained, expect.explained, rtol=1e-12)
    for i in range(len(snap.runs)):
        xy = plane.project(snap.path(i)[1])
        x, y = curve(window.contour.lines[i])
        np.testing.assert_array_equal(x, xy[:, 0])
        np.testing.assert_array_equal(y, xy[:, 1])
        assert window.contour.head(i) == (xy[-1, 0], xy[-1, 1])
    label = window.contour.plot.getAxis("bottom").labelText
    assert f"PC1: {100 * plane.explained[0]:.0f} %" in label
    assert f"PC2: {100 * plane.explained[1]:.0f} %" in window.contour.plot.getAxis("left").labelText
    # the map is the loss on the plane: a grid value equals the objective's full-data loss at that point
    data = window.contour_data
    assert data is not None and window.contour.data is data and not window.contour.pending.isVisible()
    # the random plane, on request
    window.net_plane.setCurrentIndex(window.net_plane.findData("random"))
    wait_landscape(qtbot, window)
    assert window.contour.projection.plane.kind == "random"
    assert "random" in window.contour.plot.getAxis("bottom").labelText


def test_plane_cannot_be_fitted_before_the_runs_move(window, qtbot):
    c = open_small(window)
    window.fit_plane()
    assert window._land_worker is None and "step or play first" in window.contour.pending.textItem.toPlainText()
    assert c.snapshot.step == 0


def test_play_steps_on_the_worker_thread_and_matches_the_engine(window, qtbot):
    c = open_small(window)
    window.interval.setValue(10)
    c.set_speed(steps_per_frame=7)
    c.play()
    qtbot.waitUntil(lambda: c.snapshot.step >= 50, timeout=60000)
    c.pause()  # drains the stepper; the plane is refitted
    n = c.snapshot.step
    assert n == c.session.step_count and c.stepper.pending == 0
    fresh = NetSession(c.objective, list(c.scene.optimizers), c.scene.batch, c.scene.seed, every=NET_WINDOW_EVERY)
    fresh.advance(n)
    np.testing.assert_array_equal(fresh.params, c.session.params)
    wait_landscape(qtbot, window)
    assert window.contour.projection.plane is not None
    # a live edit and Reset while playing stay serialised with the worker
    c.play()
    qtbot.waitUntil(lambda: c.snapshot.step > n, timeout=60000)
    assert c.set_hyperparam(0, "lr", 0.02)
    assert c.session.runs[0].hyperparams["lr"] == 0.02
    c.reset()
    assert c.snapshot.step == 0 and c.session.step_count == 0 and not c.playing
    c.step(1)
    assert c.snapshot.step == 1


def test_step_limit_stops_a_network_race_exactly(window, qtbot):
    c = open_small(window)
    window.stop_at.setValue(33)
    c.set_stop_at(33)
    c.set_speed(steps_per_frame=10)
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=60000)
    assert c.snapshot.step == 33 == c.session.step_count


def test_whatif_replay_on_a_network_is_a_live_edit(window, qtbot):
    c = open_small(window)
    c.step(5)
    assert c.replay_hyperparams(1, {"lr": 0.02})
    assert c.session.runs[1].hyperparams["lr"] == 0.02 and c.snapshot.step == 5
    assert c.session.edits[-1] == (5, 1, {"lr": 0.02})


def test_exports_of_a_network_race(window, qtbot, tmp_path):
    c = open_small(window)
    c.step(25)
    errors = []
    window.c.errorRaised.connect(errors.append)
    monkey_errors = []
    window.show_error = lambda text: monkey_errors.append(text)
    assert not window.export_png(str(tmp_path / "early.png"), width=800)
    assert "Fit the landscape's plane" in monkey_errors[-1]
    assert not window.export_csv(str(tmp_path / "early.csv"))
    window.fit_plane()
    wait_landscape(qtbot, window)
    assert window.export_png(str(tmp_path / "race.png"), width=900)
    assert (tmp_path / "race.png").stat().st_size > 10000
    assert window.export_csv(str(tmp_path / "race.csv"))
    rows = list(csv.DictReader(open(tmp_path / "race.csv")))
    snap, plane = c.snapshot, window.contour.projection.plane
    for i, r in enumerate(snap.runs):
        mine = [row for row in rows if row["optimizer"] == r.label]
        steps, thetas = snap.path(i)
        xy = plane.project(thetas)
        rec, loss = snap.losses(i)
        at = dict(zip(rec.tolist(), loss.tolist()))
        assert [int(row["step"]) for row in mine] == steps.tolist()
        for row, (x, y), k in zip(mine, xy, steps.tolist()):
            assert (float(row["x"]), float(row["y"]), float(row["loss"])) == (x, y, at[k])
    assert window.export_animation(str(tmp_path / "a.gif")) is None
    assert "2-D" in monkey_errors[-1]


def test_parse_hidden_layers():
    assert parse_hidden("100,100,100,100") == [100, 100, 100, 100]
    assert parse_hidden(" 5 , 7 ") == [5, 7]
    assert parse_hidden("") == []
    for bad, what in (("10,x", "layer 2 is 'x'"), ("0", "layer 1 has 0 units"), ("10,-3", "layer 2 is '-3'"),
                      ("1.5", "layer 1 is '1.5'"), ("100000", "layer 1 has 100000 units"),
                      (",".join(["4"] * 17), "at most 16 layers")):
        with pytest.raises(PlaygroundError, match=what):
            parse_hidden(bad)


def test_objective_dock_network_settings(window, qtbot, tmp_path):
    c = open_small(window)
    box = window.objective_panel.mlp_box
    assert box.hidden.text() == "16,16"
    box.hidden.setText("12,x")
    assert not box.apply_button.isEnabled() and "layer 2" in box.status.text()
    box.hidden.setText("12,8")
    box.activation.setCurrentIndex(box.activation.findData("tanh"))
    box.init.setCurrentIndex(box.init.findData("xavier"))
    box.seed.setValue(4)
    box.standardize.setChecked(False)
    assert box.apply()
    o = c.objective
    assert (o.hidden, o.activation, o.init, o.init_seed) == ((12, 8), "tanh", "xavier", 4)
    assert c.scene.objective["standardize"] is False
    # a CSV with a label column; then a bad one: a clear error, the race kept
    good = tmp_path / "xor.csv"
    rows = [(i % 2, (i // 2) % 2) for i in range(200)]
    good.write_text("a,b,label\n" + "".join(f"{a},{b},{a ^ b}\n" for a, b in rows))
    assert box.choose_csv(str(good))
    assert c.objective.n_samples == 200 and c.objective.n_classes == 2
    errors = []
    c.errorRaised.connect(errors.append)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,label\n1,0\n2,1.5\n")
    before = c.objective
    assert not box.choose_csv(str(bad))
    assert errors and "bad.csv" in errors[-1] and c.objective is before
    # picking the network from the combo builds the one in the fields
    window.objective_panel.combo.setCurrentIndex(0)
    box.from_csv.setChecked(False)
    box.digits.setChecked(True)
    window.objective_panel.combo.setCurrentIndex(window.objective_panel.combo.findData("mlp"))
    assert c.objective.name == "mlp" and c.objective.n_samples == 1797 and c.objective.hidden == (12, 8)


def test_switching_to_a_network_drops_the_scenes_maps(window, qtbot):
    from engine.sweep import sweep_from_dict

    c = window.c
    runs = [r.resolved() for r in c.scene.optimizers]
    c.set_map_section("sweep", sweep_from_dict({"x": {"param": "lr", "from": 0.01, "to": 0.1, "count": 3}}, runs))
    assert c.scene.sweep is not None
    window.objective_panel.combo.setCurrentIndex(window.objective_panel.combo.findData("mlp"))
    assert c.objective.name == "mlp" and c.scene.sweep is None and c.scene.basins is None
    from engine import scene_from_dict
    scene_from_dict(c.scene.to_dict(), c.scene.base_dir)  # saves and opens again


def test_the_data_view_shows_a_two_feature_networks_decision_map_and_the_digits_grid(make_window, qtbot):
    """Issue 15 for networks: the decision map of the selected run's θ on two features; sample digits with their
    predictions and the confusion matrix on the digits."""
    import json

    import numpy as np

    from engine import loads_scene

    scene = loads_scene(json.dumps({
        "version": 1, "steps": 50, "objective": {"name": "mlp", "data": "moons", "samples": 120, "hidden": [8]},
        "optimizers": [{"type": "adam", "lr": 0.02}, {"type": "sgd", "lr": 0.1}]}))
    w = make_window(scene)
    assert w.data_pane.isVisible() and w.net_data_widget.isVisible() and not w.data_widget.isVisible()
    assert type(w.net_data).__name__ == "DecisionMap"
    w.c.step(30)
    w.teach_panel.run_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.net_data.theta_shown is not None
                    and np.array_equal(w.net_data.theta_shown, w.c.snapshot.params[1]), timeout=10000)
    grid = w.net_data.grid_predictions
    expect = w.net_data.compute(w.c.snapshot.params[1])[1]
    assert np.array_equal(grid, expect)
    assert w.c.snapshot.runs[1].label in w.net_data.caption.toPlainText()
    # the digits: a grid of samples and the confusion matrix
    scene = loads_scene(json.dumps({"version": 1, "steps": 20, "objective": {"name": "mlp", "hidden": [16]},
                                    "optimizers": [{"type": "adam", "lr": 0.01}]}))
    assert w.c.load_scene(scene)
    assert type(w.net_data).__name__ == "DigitGrid"
    w.c.step(10)
    qtbot.waitUntil(lambda: w.c.snapshot.step == 10 and w.net_data.predicted is not None and np.array_equal(
        w.net_data.predicted, w.c.objective.predictions(w.c.snapshot.params[0])), timeout=10000)
    assert w.net_data.counts.sum() == 1797 and np.trace(w.net_data.counts) == int(
        (w.net_data.predicted == w.c.objective.labels).sum())
    # back to a 2-D surface: the network panels go
    w.objective_panel.combo.setCurrentIndex(w.objective_panel.combo.findData("bowl"))
    assert w.net_data is None and not w.data_pane.isVisible()


def test_a_second_network_scene_plays_after_the_first_one_played(make_window, qtbot):
    """The stepper's count of steps asked for outlived its race: a network opened after another had played sat
    still at step 0 while "playing" (found by the network benchmark)."""
    import json

    from engine import loads_scene

    def scene(data):
        return loads_scene(json.dumps({"version": 1, "steps": 0, "objective": {
            "name": "mlp", "data": data, "samples": 80, "hidden": [6]}, "optimizers": [{"type": "adam", "lr": 0.01}]}))

    w = make_window(scene("moons"))
    w.interval.setValue(5)
    w.c.play()
    qtbot.waitUntil(lambda: w.c.snapshot.step >= 40, timeout=10000)
    w.c.pause()
    assert w.c.load_scene(scene("blobs"))
    w.c.play()
    qtbot.waitUntil(lambda: w.c.snapshot.step >= 10, timeout=10000)
    w.c.pause()


def test_an_exported_network_figure_carries_the_data_views_panel(window, qtbot):
    """Issue 15: the Data view is part of exports — for a network, its decision map or digits panel."""
    c = open_small(window)
    c.step(15)
    window.fit_plane()
    wait_landscape(qtbot, window)
    k = window.teacher.selected()
    fig = window.make_export_figure("both")
    try:
        view = fig.net_view
        assert view is not None and type(view) is type(window.net_data)
        theta = c.snapshot.params[k]
        if type(view).__name__ == "DigitGrid":
            assert np.array_equal(view.predicted, c.objective.predictions(theta))
        else:
            assert np.array_equal(view.grid_predictions, view.compute(theta)[1])
    finally:
        fig.win.deleteLater()


def test_adding_a_run_and_scrubbing_on_a_network_do_not_fail(window):
    """The soak found both: Add optimizer asked the 2-D η suggestion for a gradient at a 2-D start, and a value set
    on the timeline slider tried to show an earlier step of a network (then disabled; now it shows it)."""
    c = open_small(window)
    c.step(5)
    errors = []
    c.errorRaised.connect(errors.append)
    assert c.add_run("rmsprop")
    assert c.scene.optimizers[-1].type == "rmsprop" and not errors
    c.step(3)
    window.scrub_to(2)
    assert not errors and window.view_step == 2 and window.slider.value() == 2
    window.go_live()
    assert window.view_step is None and window.slider.value() == c.snapshot.step


def test_a_replaced_network_lets_its_objective_go(window, qtbot):
    """The digits panel's resize signal held a lambda on the panel: every network opened stayed in memory with its
    data (a 5-minute soak grew to 1.4 GB)."""
    import gc
    import weakref

    opened = []
    for _ in range(3):
        open_small(window)
        opened.append(weakref.ref(window.c.objective))
        window.c.step(2)
        qtbot.wait(20)
        window.objective_panel.combo.setCurrentIndex(window.objective_panel.combo.findData("bowl"))
        qtbot.wait(20)
    for _ in range(3):
        gc.collect()
        qtbot.wait(20)
    assert [r() for r in opened] == [None, None, None]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", [(1400, 900), (1024, 700)])
def test_the_network_settings_fit_their_dock_without_a_scroll_bar(make_window, qtbot, lang, screen):
    """The MLP settings were wider than the Objective dock (a horizontal scroll bar, the right half cut off): long
    check-box texts and two spin boxes side by side. In both languages, at both screen sizes, they fit."""
    from PySide6 import QtCore

    from gui import i18n

    i18n.set_language(lang)
    w = make_window(load_scene(FIG69), show=False)
    w._fit_to_screen(QtCore.QRect(0, 0, *screen))
    w.show()
    qtbot.waitExposed(w)
    w.objective_dock.raise_()
    qtbot.wait(50)
    scroll = w.objective_dock.widget()
    assert w.objective_panel.isVisible()
    assert scroll.horizontalScrollBar().maximum() == 0, (lang, screen, scroll.horizontalScrollBar().maximum())
