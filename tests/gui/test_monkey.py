"""The monkey: thousands of seeded random user actions on the real window, failing on any exception, any
non-finite value handed to a plot item, or any inconsistency between scene, session and views (see monkey.py).

A failure names the seed, the action number and the last 20 actions. The seed fixes the sequence of actions; Play
runs on a real timer, so step counts (and the values actions draw) can drift between replays. The long run (100,000
actions) is ``benchmarks/soak.py``.
"""

from __future__ import annotations

import dataclasses
import json
import warnings

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6 import QtWidgets

from engine import OPTIMIZERS, RunSpec, Session, make_objective, scene_from_dict
from gui.main_window import ExportDialog
from gui.plots import compute_contour
from monkey import ACTIONS, Monkey, MonkeyConfig, MonkeyFailure, model_problems, plot_item_problems

# 3 x 700 = 2,100 actions in about a minute. Painting grows with the window, so CI computes an objective's first
# contour grid with 48 points across its bounds (same code, same checks; views panned or zoomed past it, or too
# coarse for it, get their own full-resolution grid as in the app), keeps the window small, repaints it after every
# other action (every action is still checked) and changes objectives a little less often than the soak does.
SEEDS = [20240611, 1729, 314159]
ACTIONS_PER_SEED = 700
CI_CONFIG = MonkeyConfig(
    contour_grid=48,
    window_sizes=((200, 150), (420, 300), (760, 520), (1000, 700)),
    paint_every=2,
    weights={"objective_knob": 2, "objective_switch": 2.5, "formula_text": 2, "formula_bounds": 1, "preset": 1.2,
             "csv_source": 1, "batch": 2.5, "open_scene": 1.5, "add_many_runs": 0.05},
)


@pytest.mark.parametrize("seed", SEEDS)
def test_monkey(make_window, tmp_path, seed):
    window = make_window()
    window.resize(760, 520)
    window.interval.setValue(5)
    monkey = Monkey(window, np.random.default_rng(seed), tmp_path / "monkey", CI_CONFIG, seed=seed)
    with monkey:
        stats = monkey.run(ACTIONS_PER_SEED)  # raises MonkeyFailure with the seed and the last actions
    assert stats.actions == ACTIONS_PER_SEED
    assert (stats.exceptions, stats.nonfinite, stats.model, stats.dialogs) == (0, 0, 0, 0)
    # the seeds reach (nearly) every kind of action; only the rarest may be missed in 700
    missed = {name for name, _w in ACTIONS} - set(stats.counts)
    assert missed <= {"add_many_runs", "close_and_reopen"}, missed


# ---- the checks themselves catch what they should ---------------------------------------------------------------

def test_checks_flag_non_finite_plot_data(window):
    plot = window.contour.plot
    assert plot_item_problems("contour", plot) == []
    assert plot_item_problems("loss", window.loss.plot) == []
    # the isocurves use NaN as a path separator (connect="finite"): accepted
    x, y = window.contour.iso.xData, window.contour.iso.yData
    assert np.isnan(x).any() and np.array_equal(np.isnan(x), np.isnan(y))

    bad = pg.PlotDataItem([0.0, np.nan, 2.0], [1.0, 2.0, 3.0])
    plot.addItem(bad)
    assert any("non-finite x[1]" in p for p in plot_item_problems("contour", plot))
    plot.removeItem(bad)

    sep = pg.PlotCurveItem(np.array([0.0, np.nan, 1.0]), np.array([0.0, np.nan, 1.0]), connect="finite")
    plot.addItem(sep)
    assert plot_item_problems("contour", plot) == []
    sep.setData(np.array([0.0, np.nan, 1.0]), np.array([0.0, 1.0, 1.0]))  # a separator in x only
    assert any("NaN separator in only one" in p for p in plot_item_problems("contour", plot))
    # an arrow head computed from an overflow: NaN in both coordinates, but two in a row (not a separator)
    sep.setData(np.array([0.0, 1.0, np.nan, 1.0, np.nan, np.nan, 1.0, np.nan]),
                np.array([0.0, 1.0, np.nan, 1.0, np.nan, np.nan, 1.0, np.nan]))
    assert any("not a path separator" in p for p in plot_item_problems("contour", plot))
    sep.setData(np.array([0.0, np.inf]), np.array([0.0, 1.0]))  # inf is never a separator
    assert any("non-finite x[1]" in p for p in plot_item_problems("contour", plot))
    plot.removeItem(sep)

    scatter = pg.ScatterPlotItem([1.0], [np.inf])
    plot.addItem(scatter)
    assert any("ScatterPlotItem" in p for p in plot_item_problems("contour", plot))
    plot.removeItem(scatter)
    assert plot_item_problems("contour", plot) == []


def test_checks_flag_exceptions_in_slots(window, tmp_path):
    monkey = Monkey(window, np.random.default_rng(0), tmp_path / "m", seed=0)

    def broken():
        raise ZeroDivisionError("a slot blew up")

    window.act_step.triggered.connect(broken)
    with monkey:
        window.act_step.trigger()
        with pytest.raises(MonkeyFailure, match="ZeroDivisionError: a slot blew up"):
            monkey.check()
    window.act_step.triggered.disconnect(broken)


def test_checks_flag_an_inconsistent_model(window):
    assert model_problems(window) == []
    c = window.c
    c.scene = c.scene.with_(start=(float("nan"), 0.0))  # what a setter that skipped validation would leave
    assert any("does not validate" in p for p in model_problems(window))


def test_fake_dialogs_never_block(window, tmp_path):
    """Every menu entry that would open a dialog gets a fake answer instead (cancel, a path or a colour)."""
    original = QtWidgets.QFileDialog.__dict__["getOpenFileName"]
    monkey = Monkey(window, np.random.default_rng(5), tmp_path / "m", seed=5)
    panel = window.objective_panel
    with monkey:
        panel.combo.setCurrentIndex(panel.combo.findData("linear_regression"))
        for _ in range(6):
            for act in (window.act_open, window.act_save, window.act_save_as, window.act_export, window.act_csv):
                act.trigger()
            window.optimizers_panel.editors[0].color.click()
            panel.load_csv.click()
            monkey.check()
    dialogs = (QtWidgets.QFileDialog, QtWidgets.QColorDialog, ExportDialog)
    assert not [w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, dialogs) and w.isVisible()]
    assert QtWidgets.QFileDialog.__dict__["getOpenFileName"] is original  # restored on exit


# ---- bugs the monkey found (kept as plain regression tests) -----------------------------------------------------

def test_a_65th_run_is_refused(window, tmp_path):
    """Add and Copy used to accept runs past the scene limit of 64: the scene could be saved but never opened."""
    types = list(OPTIMIZERS)
    path = tmp_path / "runs_64.json"
    path.write_text(json.dumps({"version": 1, "objective": {"name": "bowl"},
                                "optimizers": [{"type": types[i % len(types)]} for i in range(64)]}))
    assert window.open_scene(str(path))
    c = window.c
    assert c.add_run("adam") is False
    assert c.add_run("sgd", copy_of=3) is False
    assert len(c.scene.optimizers) == 64 == len(window.optimizers_panel.editors)
    assert "at most 64" in window._error_box.text()
    scene_from_dict(c.current_scene().to_dict())
    assert window.save_scene(str(tmp_path / "saved.json"))
    assert window.open_scene(str(tmp_path / "saved.json"))
    assert model_problems(window) == []


@pytest.mark.parametrize("start", [(float("inf"), 1e300), (float("nan"), 0.0), (0.0, -float("inf"))])
def test_a_non_finite_start_is_refused_with_every_run_disabled(window, start):
    """With every run disabled there is no session to reject the start point: the scene used to keep (inf, ...)."""
    for e in window.optimizers_panel.editors:
        e.enabled.click()
    assert window.c.session is None
    before = window.c.scene.start
    window.set_start_from_view(*start)
    assert window.c.scene.start == before
    assert "must be finite" in window._error_box.text()
    scene_from_dict(window.c.current_scene().to_dict())
    assert model_problems(window) == []


def test_removing_a_run_while_a_label_is_being_edited(window, qtbot):
    """A label left focused (typed, Enter not pressed) used to commit as its editor was deleted by a removal, with
    its old index: IndexError in the slot, or a rename or "already used" error aimed at another run."""
    c = window.c
    labels = [r.label for r in c.scene.optimizers]
    last = window.optimizers_panel.editors[-1]
    window.activateWindow()
    last.label.setFocus()
    qtbot.waitUntil(last.label.hasFocus, timeout=2000)
    last.label.selectAll()
    qtbot.keyClicks(last.label, "renamed")
    monkey = Monkey(window, np.random.default_rng(0), window.settings.fileName() + ".monkey", seed=0)
    with monkey:
        window.optimizers_panel.editors[0].findChildren(QtWidgets.QToolButton)[-1].click()  # ✕ on run 0
        monkey.check()
    assert [r.label for r in c.scene.optimizers] == labels[1:]
    assert window._error_box is None or not window._error_box.isVisible()


def test_removing_a_run_while_a_spin_box_is_being_edited(window, qtbot):
    """Likewise for a hyperparameter typed into a spin box: it must not land on the run that takes the index."""
    c = window.c
    hp = [dict(r.hyperparams) for r in c.scene.optimizers]
    spin = window.optimizers_panel.editors[1].form.spins["lr"]
    window.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "0.123")
    monkey = Monkey(window, np.random.default_rng(0), window.settings.fileName() + ".monkey", seed=0)
    with monkey:
        window.optimizers_panel.editors[0].findChildren(QtWidgets.QToolButton)[-1].click()
        monkey.check()
    assert [dict(r.hyperparams) for r in c.scene.optimizers] == hp[1:]


def test_a_refused_enable_leaves_the_box_unticked(window):
    """Ticking a run's box when the session cannot be built (here: the loss is infinite at the start point) used
    to leave the box ticked on a disabled run."""
    c = window.c
    panel = window.objective_panel
    panel.formula.setText("exp(x) + y**2")
    panel.combo.setCurrentIndex(panel.combo.findData("formula"))
    panel.apply_formula.click()
    assert c.scene.objective["expr"] == "exp(x) + y**2"
    for e in window.optimizers_panel.editors:
        e.enabled.click()
    assert c.session is None
    assert c.set_start(1000.0, 0.0)  # no session to object: exp(1000) is only evaluated when a run is enabled
    editor = window.optimizers_panel.editors[0]
    editor.enabled.click()
    assert not c.scene.optimizers[0].enabled and c.session is None
    assert not editor.enabled.isChecked()
    assert model_problems(window) == []


def _loss_view_on_4e306xy(window, tmp_path, starts):
    """Render the loss view for two SGD runs (lr 0) from ``starts`` on 4e306·x·y, on the log then the linear axis;
    yields (snapshot, loss view) after each render, having checked that nothing raised and the plot data is finite."""
    objective = make_objective({"name": "formula", "expr": "4e306*x*y"})
    runs = [RunSpec("sgd", f"run {k}", {"lr": 0.0}, color, start=start)
            for k, (start, color) in enumerate(zip(starts, ["#1f77b4", "#ff7f0e"]))]
    snap = Session(objective, runs).step(3)
    loss = window.loss
    monkey = Monkey(window, np.random.default_rng(0), tmp_path / "m", seed=0)
    with monkey:
        loss.set_objective(objective, compute_contour(objective, 48))
        for log in (True, False):
            loss.set_log_requested(log)
            loss.set_runs([r.label for r in runs], [r.color for r in runs], with_batch=False)
            loss.follow_again()
            loss.render(snap)
            assert monkey.take_errors() == []
            assert plot_item_problems("loss", loss.plot) == []
            yield snap, loss


def test_losses_near_the_float_limit_keep_the_loss_view_finite(window, tmp_path):
    """Losses near ±1.8e308 (a surface like 1e308*x*y) made the loss axis's span overflow to an infinite range, and
    pyqtgraph raised in the slot: "Cannot set range [-inf, inf]" (found by the soak). Nothing overflows in a bounding
    rect either (the loss view's run dots at ±1e308 did)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for snap, _loss in _loss_view_on_4e306xy(window, tmp_path, [(4.9, 4.9), (-4.9, 4.9)]):
            assert snap.losses(0)[0] > 9e307 and snap.losses(1)[0] < -9e307
    assert [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)] == []


@pytest.mark.parametrize("what", ["save_scene", "open_scene", "export_png", "export_csv"])
def test_a_nul_byte_in_a_file_name_is_an_error_message(window, tmp_path, what):
    """Save used to raise ValueError from its "is this a shipped preset?" check on such a name."""
    path = str(tmp_path / "bad\x00name.json")
    monkey = Monkey(window, np.random.default_rng(0), tmp_path / "m", seed=0)
    with monkey:
        assert getattr(window, what)(path) is False
        assert monkey.take_errors() == []
    assert "bad" in window._error_box.text()


@pytest.mark.parametrize("sign", [1, -1])
def test_losses_all_beyond_1e300_keep_a_valid_loss_range(window, tmp_path, sign):
    """Every loss above 1e300 (or every one below -1e300): clipping only the low end from below and the high end from
    above gives lo > hi; the range must still be a valid one inside the axis limits."""
    for snap, loss in _loss_view_on_4e306xy(window, tmp_path, [(4.9, sign * 4.9), (4.0, sign * 4.0)]):
        assert all(sign * snap.losses(i).min() > 1e300 for i in range(2))
        (y0, y1) = loss.plot.vb.viewRange()[1]
        assert -1e300 <= y0 < y1 <= (300 if loss.log else 1e300)


def test_monkey_on_network_races(make_window, tmp_path):
    """Issue 14: the monkey's actions on a network race (small copies of the two network presets in its scene pool,
    opened often, the full-size ones through the Presets menu): no exception, no non-finite plot data, views
    consistent with the race."""
    window = make_window()
    window.resize(760, 520)
    window.interval.setValue(5)
    config = dataclasses.replace(CI_CONFIG, weights={**CI_CONFIG.weights, "open_scene": 6, "preset": 0.3,
                                                     "objective_switch": 0.3, "formula_text": 0.3})
    monkey = Monkey(window, np.random.default_rng(1414), tmp_path / "monkey", config, seed=1414)
    small = [p for p in monkey.scenes_good if "small_" in p]
    assert len(small) == 2
    assert window.open_scene(small[0]) and window.c.is_network
    with monkey:
        stats = monkey.run(250)
    assert stats.actions == 250
    assert (stats.exceptions, stats.nonfinite, stats.model, stats.dialogs) == (0, 0, 0, 0)
