"""The What-if dock: sliders for the selected run's knobs; with replay on, the run's whole path is recomputed with
the new value from step 0 (checked bit for bit against a race started with it); off, the value applies from the
next step. Driven through the real window's widgets."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import OPTIMIZERS, load_scene
from gui.whatif import TICKS, slider_range, tick_of, value_at
from gui_helpers import BOOK, engine_session, make_settings, trajectories


def _fresh(window, scene_index: int, **values):
    """An independent engine race of the window's scene with ``values`` for run ``scene_index`` from step 0,
    stepped to the window's step."""
    scene = window.c.scene
    runs = list(scene.optimizers)
    r = runs[scene_index]
    runs[scene_index] = type(r)(**{**r.__dict__, "hyperparams": {**r.hyperparams, **values}})
    s = engine_session(scene.with_(optimizers=tuple(runs)))
    s.step(window.c.session.step_count)
    return s


def _drag(qtbot, knob, tick: int) -> None:
    knob.slider.setSliderDown(True)
    knob.slider.setValue(tick)
    knob.slider.setSliderDown(False)


def test_a_slider_with_replay_bends_the_whole_path_exactly(window, qtbot):
    c = window.c
    c.step(60)
    before = trajectories(c.snapshot)
    panel = window.whatif_panel
    assert panel.replay.isChecked()  # on by default
    window.teach_panel.run_combo.setCurrentIndex(3)  # Adam, picked in the Explain dock
    assert panel.run_combo.currentIndex() == 3 and "beta1" in panel.knobs
    knob = panel.knobs["beta1"]
    _drag(qtbot, knob, tick_of(0.5, knob.rng))
    assert c.scene.optimizers[3].hyperparams["beta1"] == 0.5
    assert c.snapshot.step == 60  # same step, new history
    after = trajectories(c.snapshot)
    expect = trajectories(_fresh(window, 3, beta1=0.5).snapshot())
    for i in range(4):
        assert np.array_equal(after[i], expect[i])
    for i in range(3):
        assert np.array_equal(after[i], before[i])  # the other runs untouched
    assert not np.array_equal(after[3], before[3])
    # the run's editor in the Optimizers dock shows the value; the drawn path is the new one
    assert window.optimizers_panel.editors[3].form.spins["beta1"].value() == 0.5
    xs, ys = window.contour.lines[3].getData()
    assert np.array_equal(xs, after[3][0]) and np.array_equal(ys, after[3][1])
    # Step goes on from the replayed state: the same as the fresh race one step further
    c.step(1)
    fresh = _fresh(window, 3, beta1=0.5)
    assert np.array_equal(trajectories(c.snapshot)[3], trajectories(fresh.snapshot())[3])


def test_with_replay_off_a_slider_applies_from_the_next_step(window, qtbot):
    c = window.c
    c.step(20)
    before = trajectories(c.snapshot)
    panel = window.whatif_panel
    panel.replay.setChecked(False)
    knob = panel.knobs["lr"]  # SGD, the first run
    old = c.scene.optimizers[0].hyperparams["lr"]
    _drag(qtbot, knob, knob.slider.value() - 100)
    new = c.scene.optimizers[0].hyperparams["lr"]
    assert new < old
    assert np.array_equal(trajectories(c.snapshot)[0], before[0])  # the path so far is kept
    assert c.session.edits[-1] == (20, 0, {"lr": new})
    c.step(1)
    x, y = before[0][0, -1], before[0][1, -1]
    g = np.array([x / 10, 2 * y])  # the bowl's gradient at the last point
    assert np.array_equal(c.snapshot.trajectory(0)[:, -1], np.array([x, y]) - new * g)


def test_replay_setting_is_remembered(make_window, settings_path):
    w = make_window()
    w.whatif_panel.replay.setChecked(False)
    w2 = make_window(settings=make_settings(settings_path))
    assert not w2.whatif_panel.replay.isChecked()


def test_picking_a_run_here_selects_it_in_explain_and_builds_its_knobs(window):
    panel = window.whatif_panel
    panel.run_combo.setCurrentIndex(1)  # Momentum
    assert window.teach_panel.run_combo.currentIndex() == 1
    assert set(panel.knobs) >= {"lr", "momentum"}
    assert "Momentum" in panel.rule.text()
    panel.run_combo.setCurrentIndex(0)
    assert "momentum" not in panel.knobs


def test_a_long_replay_goes_to_a_worker_and_lands_exactly(window, qtbot):
    c = window.c
    c.step(3000)
    c.replay_rate = 1.0  # pretend replays are slow: this one must not run on the GUI thread
    knob = window.whatif_panel.knobs["lr"]
    with qtbot.waitSignal(c.replayed, timeout=10000):
        _drag(qtbot, knob, knob.slider.value() + 50)
        assert c._replay_job is not None  # queued, not done inline
    lr = c.scene.optimizers[0].hyperparams["lr"]
    assert np.array_equal(trajectories(c.snapshot)[0], trajectories(_fresh(window, 0, lr=lr).snapshot())[0])
    assert c.replay_rate < 1.0  # measured on the way


def test_reset_while_a_replay_computes_starts_with_the_new_value(window, qtbot):
    c = window.c
    c.step(3000)
    c.replay_rate = 1.0
    knob = window.whatif_panel.knobs["lr"]
    _drag(qtbot, knob, knob.slider.value() + 50)
    lr = c.scene.optimizers[0].hyperparams["lr"]
    window.act_reset.trigger()
    c.step(10)
    assert c.session.runs[0].hyperparams["lr"] == lr
    fresh = _fresh(window, 0, lr=lr)
    assert np.array_equal(trajectories(c.snapshot)[0], trajectories(fresh.snapshot())[0])
    qtbot.wait(50)
    assert c.snapshot.step == 10  # the cancelled replay never lands


def test_a_bad_value_is_refused_and_nothing_changes(window):
    c = window.c
    c.step(5)
    before = trajectories(c.snapshot)
    errors = []
    c.errorRaised.connect(errors.append)
    assert not c.replay_hyperparam(0, "lr", -1.0)
    assert errors and "learning rate" in errors[0]
    assert all(np.array_equal(a, b) for a, b in zip(trajectories(c.snapshot), before))


KNOBS = [(name, d) for name, spec in OPTIMIZERS.items() for d in spec.hyperparams if not d.boolean]


@pytest.mark.parametrize("name,d", KNOBS, ids=[f"{n}-{d.name}" for n, d in KNOBS])
def test_every_slider_position_is_a_valid_value_in_order(name, d):
    rng = slider_range(d, d.default)
    values = [value_at(d, t, rng) for t in range(0, TICKS + 1)]
    for v in values:
        d.validate(v)  # raises if a position gave an invalid value
    assert all(a <= b for a, b in zip(values, values[1:]))
    assert values[0] < values[-1]
    if rng[2]:  # log: four decades around the value where the range allows
        assert math.isclose(math.log10(rng[1] / rng[0]), 4, abs_tol=1e-9) or rng[1] == d.high or rng[0] == d.low
    # the default sits where the slider shows it
    assert abs(value_at(d, tick_of(d.default, rng), rng) - d.default) <= max(abs(d.default) * 0.01,
                                                                          (rng[1] - rng[0]) / TICKS)


def test_the_book_scene_replays_within_a_frame_budget(make_window):
    """Not a timing test: checks the replay is done inline (no worker) for the book's scene at 1,000 steps, which
    is what keeps the path bending while the slider moves."""
    w = make_window(load_scene(BOOK))
    w.c.step(1000)
    knob = w.whatif_panel.knobs["lr"]
    knob.slider.setValue(knob.slider.value() + 10)
    assert w.c._replay_job is None and w.c.last_replay is not None


def test_the_sliders_follow_edits_made_in_the_optimizers_dock_and_show_the_bound(window):
    panel = window.whatif_panel
    spin = window.optimizers_panel.editors[0].form.spins["lr"]  # SGD on the bowl: stable for η < 2/λ_max = 1
    spin.setValue(0.25)
    knob = panel.knobs["lr"]
    assert knob.current == 0.25 and knob.value.text() == "0.25"
    assert value_at(knob.d, knob.slider.value(), knob.rng) == pytest.approx(0.25, rel=0.01)
    assert panel.bound.isVisibleTo(panel) and "η &lt; 1" in panel.bound.text() and "⚠" not in panel.bound.text()
    spin.setValue(1.5)
    assert "⚠" in panel.bound.text()
    panel.run_combo.setCurrentIndex(3)  # Adam: no fixed bound
    assert not panel.bound.isVisibleTo(panel)


EXTREMES = (0.0, 5e-324, 1e-300, 1e-12, 0.5, 1.0, 3.0, 1e12, 1e300, 1.7e308)


@pytest.mark.parametrize("name,d", KNOBS, ids=[f"{n}-{d.name}" for n, d in KNOBS])
def test_a_knob_shows_any_valid_value_even_at_float64s_edges(qapp, name, d):
    """The monkey typed weight_decay = 5e-324 into a run editor: the slider following it divided log10(0)."""
    from gui.whatif import KnobSlider

    knob = KnobSlider(d, d.default)
    for v in EXTREMES + (d.low, d.high):
        try:
            v = d.validate(v)
        except Exception:
            continue
        knob.set_value(v)
        lo, hi, _log = knob.rng
        assert math.isfinite(lo) and math.isfinite(hi) and lo < hi
        assert 0 <= knob.slider.value() <= TICKS
        d.validate(value_at(d, knob.slider.value(), knob.rng))
