"""Step, Play/Pause, Reset, live hyperparameter edits and divergence, driven through the real main window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from engine import get_optimizer, scene_from_dict
from gui_helpers import assert_all_finite, engine_session, focus_plot, plain, trajectories


def press_step(window, n: int = 1) -> None:
    for _ in range(n):
        window.act_step.trigger()


def line_end(line) -> tuple[float, float]:
    x, y = line.getData()
    return float(x[-1]), float(y[-1])


# ---- Step -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["action", "right_arrow"])
@pytest.mark.parametrize("disable", [None, 1], ids=["all_enabled", "one_disabled"])
def test_step_advances_every_enabled_run_by_one(window, qtbot, how, disable):
    c = window.c
    if disable is not None:
        window.optimizers_panel.editors[disable].enabled.click()
        assert not c.scene.optimizers[disable].enabled
    enabled = [r for r in c.scene.optimizers if r.enabled]
    assert len(c.snapshot.runs) == len(enabled) == len(window.contour.lines) == len(window.loss.full)
    reference = engine_session(c.scene)
    before = trajectories(c.snapshot)

    if how == "action":
        window.act_step.trigger()
    else:
        focus_plot(qtbot, window)
        qtbot.keyClick(window, QtCore.Qt.Key_Right)

    snap = c.snapshot
    expected = reference.step(1)
    assert snap.step == c.session.step_count == expected.step == 1
    assert [r.label for r in snap.runs] == [r.label for r in enabled]
    for i, (r, e) in enumerate(zip(snap.runs, expected.runs)):
        assert r.n_points == 2
        assert r.point == e.point and r.loss == e.loss
        assert np.array_equal(snap.trajectory(i)[:, 0], before[i][:2, 0])  # step 0 untouched
        # the view: the trajectory line ends at the new point, the head marker sits on it
        x, y = window.contour.lines[i].getData()
        assert len(x) == 2
        assert line_end(window.contour.lines[i]) == r.point
        assert window.contour.head(i) == r.point
        lx, ly = window.loss.full[i].getData()
        assert list(lx) == [0, 1]
    assert window.status_step.text() == "step 1"
    assert all(r.label in plain(window.run_legend.text()) for r in snap.runs)


def test_right_arrow_in_a_text_field_does_not_step(window, qtbot):
    """The Right-arrow shortcut must not steal the key from a text field being edited."""
    editor = window.optimizers_panel.editors[0]
    window.activateWindow()
    editor.label.setFocus()
    qtbot.waitUntil(editor.label.hasFocus, timeout=2000)
    editor.label.setCursorPosition(0)
    qtbot.keyClick(editor.label, QtCore.Qt.Key_Right)
    assert editor.label.cursorPosition() == 1
    assert window.c.snapshot.step == 0


def test_letter_shortcuts_do_not_fire_while_typing(window, qtbot):
    """R (reset) and L (log axis) are bare letters: typing them into a label must only type them."""
    press_step(window, 3)
    editor = window.optimizers_panel.editors[0]
    window.activateWindow()
    editor.label.setFocus()
    qtbot.waitUntil(editor.label.hasFocus, timeout=2000)
    editor.label.selectAll()
    qtbot.keyClicks(editor.label, "Rl rL")
    assert editor.label.text() == "Rl rL"
    assert window.c.snapshot.step == 3
    assert window.act_log.isChecked()


# ---- Play / Pause -------------------------------------------------------------------------------------------------

def test_play_runs_under_the_timer_and_pause_stops_it(window, qtbot):
    c = window.c
    window.stop_at.setValue(0)  # no limit
    assert c.stop_at == 0
    window.act_play.trigger()
    assert c.playing and window.act_play.text() == "Pause"
    qtbot.waitUntil(lambda: c.snapshot.step > 3, timeout=5000)
    window.act_play.trigger()
    assert not c.playing and window.act_play.text() == "Play"
    k = c.snapshot.step
    qtbot.wait(300)  # event processing: a stopped timer must not step any more
    assert c.snapshot.step == c.session.step_count == k
    assert window.status_step.text() == f"step {k}"
    assert all(r.n_points == k + 1 for r in c.snapshot.runs)
    assert all(len(line.getData()[0]) == k + 1 for line in window.contour.lines)


def test_text_read_outs_are_up_to_date_when_play_stops(window, qtbot, monkeypatch):
    """While playing, the status bar, timeline label and rule refresh at most every TEXT_REFRESH_MS; when the
    animation stops (here by the step limit) they must show the last step at once. With the interval made
    longer than the whole run, nothing is refreshed on the way: only at the stop."""
    import gui.main_window

    monkeypatch.setattr(gui.main_window, "TEXT_REFRESH_MS", 60_000)
    c = window.c
    window.stop_at.setValue(60)
    c.set_speed(steps_per_frame=1, interval_ms=1)
    window.act_step.trigger()  # not playing: refreshed at once
    assert window.status_step.text() == "step 1"
    seen = set()
    c.play()
    while c.playing:
        seen.add(window.status_step.text())
        qtbot.wait(1)
    assert seen == {"step 1"}  # the plots moved on (checked below); the texts waited
    assert c.snapshot.step == 60
    assert all(len(line.getData()[0]) == 61 for line in window.contour.lines)
    assert window.status_step.text() == "step 60"
    assert "step 60 (live)" in window.slider_label.text()
    assert "step 60 → 61" in plain(window.teach_panel.rule.text())
    losses = plain(window.run_legend.text())
    assert all(f"{r.label} {r.loss:.4g}" in losses for r in c.snapshot.runs)


def test_a_run_diverging_while_playing_is_flagged_in_the_legend_at_once(make_window, qtbot, monkeypatch):
    import gui.main_window

    monkeypatch.setattr(gui.main_window, "TEXT_REFRESH_MS", 60_000)  # the status texts wait: the legend must not
    scene = scene_from_dict({"version": 1, "objective": {"name": "bowl"}, "steps": 0,
                             "optimizers": [{"type": "sgd", "lr": 0.1, "label": "calm"},
                                            {"type": "sgd", "lr": 3.0, "label": "wild"}]})
    window = make_window(scene)
    c = window.c
    c.set_speed(steps_per_frame=1, interval_ms=1)
    c.play()
    qtbot.waitUntil(lambda: c.snapshot.runs[1].diverged_at is not None, timeout=10_000)
    assert c.playing  # the other run goes on
    # flagged in the legend at once, even though the other read-outs refresh only every 100 ms while playing
    assert f"wild ✕ diverged at step {c.snapshot.runs[1].diverged_at}" in plain(window.run_legend.text())
    c.pause()
    assert f"wild ✕ diverged at step {c.snapshot.runs[1].diverged_at}" in plain(window.run_legend.text())


def test_space_toggles_play(window, qtbot):
    c = window.c
    window.stop_at.setValue(0)
    focus_plot(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key_Space)
    assert c.playing
    qtbot.waitUntil(lambda: c.snapshot.step >= 2, timeout=5000)
    qtbot.keyClick(window, QtCore.Qt.Key_Space)
    assert not c.playing
    k = c.snapshot.step
    qtbot.wait(200)
    assert c.snapshot.step == k


def test_play_stops_by_itself_at_the_stop_at_limit(window, qtbot):
    c = window.c
    window.stop_at.setValue(7)
    window.spf.setValue(3)  # frames of 3 steps: the last frame must be cut to 1 to land exactly on 7
    assert (c.stop_at, c.steps_per_frame) == (7, 3)
    window.act_play.trigger()
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.snapshot.step == 7
    assert window.act_play.text() == "Play"
    assert "step limit (7)" in window.statusBar().currentMessage()
    # the message is on screen: nothing else takes the status bar's room
    bar = window.statusBar()
    room = bar.width() - sum(w.width() for w in bar.findChildren(QtWidgets.QWidget) if w.isVisible())
    assert room >= bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    # Step still works at the limit; Play there goes on, raising the limit by the scene's length, and says so
    window.act_step.trigger()
    assert c.snapshot.step == 8
    window.act_play.trigger()
    assert c.playing and c.stop_at == 8 + c.scene.steps == window.stop_at.value()
    assert f"raised from 7 to {c.stop_at}" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not c.playing, timeout=10_000)
    assert c.snapshot.step == c.stop_at


# ---- Reset -------------------------------------------------------------------------------------------------------

DATA_SCENE = {
    "version": 1,
    "objective": {"name": "linear_regression", "samples": 300, "noise": 0.8, "seed": 3},
    "batch": {"strategy": "minibatch", "batch_size": 32, "shuffle": True, "drop_last": False},
    "seed": 11,
    "steps": 25,
    "optimizers": [{"type": "sgd", "lr": 0.05}, {"type": "adam", "lr": 0.2}, {"type": "nag", "lr": 0.02}],
}


@pytest.mark.parametrize("data", [False, True], ids=["bowl", "minibatch_shuffled"])
def test_reset_returns_to_step_0_and_replays_exactly(make_window, qtbot, data):
    window = make_window(scene_from_dict(DATA_SCENE) if data else None)
    window.interval.setValue(1)
    c = window.c
    window.stop_at.setValue(25)
    window.spf.setValue(5)  # five frames: every frame repaints the window, which is what costs time here
    window.act_play.trigger()
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.snapshot.step == 25
    first = trajectories(c.snapshot)
    first_batch = [c.snapshot.batch_losses(i) for i in range(len(c.snapshot.runs))]
    first_batch = [None if b is None else b.copy() for b in first_batch]
    assert data == (first_batch[0] is not None)

    window.act_reset.trigger()
    snap = c.snapshot
    assert snap.step == 0 and window.status_step.text().startswith("step 0")
    for i, r in enumerate(snap.runs):
        assert r.point == c.session.start and r.n_points == 1
        assert line_end(window.contour.lines[i]) == c.session.start
        assert len(window.contour.lines[i].getData()[0]) == 1

    window.act_play.trigger()
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    again = trajectories(c.snapshot)
    assert len(again) == len(first)
    for a, b in zip(first, again):
        assert a.shape == b.shape == (3, 26)
        assert np.array_equal(a, b)  # bitwise: same batches, same arithmetic
    for i, b in enumerate(first_batch):
        if b is not None:
            assert np.array_equal(c.snapshot.batch_losses(i), b, equal_nan=True)
    # and the window's race is the engine's race
    ref = engine_session(c.scene).step(25)
    for i, a in enumerate(again):
        assert np.array_equal(a[:2], ref.trajectory(i))


# ---- live hyperparameter edit --------------------------------------------------------------------------------------

def expected_next_point(session, k: int, hp: dict) -> np.ndarray:
    """One update of session run ``k`` from its current point and state, with hyperparameters ``hp``, computed with
    the engine's kernels directly (full-batch objective)."""
    spec = get_optimizer(session.runs[k].type)
    P = session.params[k : k + 1].copy()
    st = session.state_of(k)
    state = type(st)(*(np.asarray(f).reshape(1, -1) for f in st))
    G = session.objective.grad(spec.query(P, state, hp))
    p_new, _ = spec.update(G, state, P, hp)
    return p_new[0]


@pytest.mark.parametrize("index, new_lr", [(0, 0.5), (1, 0.03), (3, 0.05)], ids=["sgd", "momentum", "adam"])
def test_editing_the_learning_rate_changes_the_next_step_without_reset(window, index, new_lr):
    c = window.c
    press_step(window, 5)
    k = c.session_index(index)
    old_hp = dict(c.session.runs[k].hyperparams)
    assert old_hp["lr"] != new_lr
    prefix = trajectories(c.snapshot)[k]
    with_new = expected_next_point(c.session, k, {**old_hp, "lr": new_lr})
    with_old = expected_next_point(c.session, k, old_hp)
    others = {j: expected_next_point(c.session, j, dict(c.session.runs[j].hyperparams))
              for j in range(len(c.session.runs)) if j != k}
    assert not np.array_equal(with_new, with_old)

    editor = window.optimizers_panel.editors[index]
    editor.form.spins["lr"].setValue(new_lr)

    # reached the controller, the scene and the live session; no reset happened
    assert c.scene.optimizers[index].hyperparams["lr"] == new_lr
    assert c.session.runs[k].hyperparams["lr"] == new_lr
    assert c.snapshot.step == 5 and c.session.step_count == 5

    window.act_step.trigger()
    snap = c.snapshot
    assert snap.step == 6
    assert snap.runs[k].n_points == 7
    assert np.array_equal(snap.trajectory(k)[:, :6], prefix[:2])  # the first 6 points are kept
    assert np.array_equal(snap.trajectory(k)[:, 6], with_new)
    for j, p in others.items():
        assert np.array_equal(snap.trajectory(j)[:, 6], p)
    assert line_end(window.contour.lines[k]) == snap.runs[k].point


# ---- divergence ----------------------------------------------------------------------------------------------------

def test_a_diverging_run_is_flagged_and_the_others_go_on(window, qtbot):
    c = window.c
    menu = window.optimizers_panel.add_button.menu()
    next(a for a in menu.actions() if a.text() == "SGD").trigger()
    assert len(c.scene.optimizers) == 5
    new = c.scene.optimizers[-1]
    assert new.type == "sgd" and new.label != "SGD"  # a unique label
    editor = window.optimizers_panel.editors[-1]
    editor.form.spins["lr"].setValue(1e3)
    assert c.scene.optimizers[-1].hyperparams["lr"] == 1e3

    press_step(window, 5)
    k = c.session_index(4)
    snap = c.snapshot
    bad = snap.runs[k]
    assert bad.diverged_at is not None and bad.diverged_at <= 5
    assert bad.n_points == bad.diverged_at
    losses_5 = [snap.runs[j].loss for j in range(4)]

    # flagged in the status bar, the legend and the run's editor
    assert f"{bad.label} ✕ diverged at step {bad.diverged_at}" in plain(window.run_legend.text())
    assert "diverged" in window.statusBar().currentMessage()
    assert "Diverged at step" in editor.diverged.text()
    qtbot.waitUntil(editor.diverged.isVisible, timeout=2000)  # a new editor is shown by the event loop
    assert not any(e.diverged.isVisible() for e in window.optimizers_panel.editors[:4])
    assert window.contour.head(k) == bad.point

    press_step(window, 5)
    snap = c.snapshot
    assert snap.step == 10
    assert snap.runs[k].n_points == bad.n_points and snap.runs[k].point == bad.point  # frozen
    for j in range(4):
        assert snap.runs[j].diverged_at is None and snap.runs[j].n_points == 11
        assert snap.runs[j].loss != losses_5[j]

    # no NaN or inf ever reaches a plot item
    assert assert_all_finite(window.contour.plot) > 0
    assert assert_all_finite(window.loss.plot) > 0
    # Reset clears the flag
    window.act_reset.trigger()
    assert not editor.diverged.isVisible()
    assert "diverged" not in plain(window.run_legend.text())


def test_plots_stay_finite_while_playing_a_blow_up(window, qtbot):
    """SGD at lr 50 explodes mid-animation on the bowl; the other three runs are sane."""
    c = window.c
    said = []  # what the window told the user: explains a stop before step 40 if there ever is one
    c.message.connect(said.append)
    c.errorRaised.connect(said.append)
    window.optimizers_panel.editors[0].form.spins["lr"].setValue(50.0)
    window.stop_at.setValue(40)
    window.spf.setValue(4)
    window.act_play.trigger()
    assert c.playing, said
    qtbot.waitUntil(lambda: not c.playing, timeout=30000)  # 10 frames; generous for a loaded CI machine
    assert c.snapshot.step == 40, (c.snapshot.step, c.stop_at, said)
    assert c.snapshot.runs[0].diverged_at is not None
    assert_all_finite(window.contour.plot)
    assert_all_finite(window.loss.plot)


def test_a_run_stepping_off_the_surface_never_draws_nan(make_window):
    """sqrt(x) is NaN for x < 0: SGD with a large step lands there at once and must be frozen, not drawn."""
    window = make_window(scene_from_dict({
        "version": 1,
        "objective": {"name": "formula", "expr": "sqrt(x) + (y - 1)**2 - 2", "bounds": [-1, 4, -2, 3]},
        "start": [1.0, 0.0],
        "optimizers": [{"type": "sgd", "lr": 10.0, "label": "big"}, {"type": "sgd", "lr": 0.05, "label": "small"}],
    }))
    c = window.c
    press_step(window, 6)
    big, small = c.snapshot.runs
    assert big.diverged_at == 1 and big.point == (1.0, 0.0)
    assert small.diverged_at is None and small.n_points == 7
    assert not window.loss.log  # losses below zero: the loss axis is linear
    assert "big ✕ diverged at step 1" in plain(window.run_legend.text())
    assert assert_all_finite(window.contour.plot) > 0
    assert assert_all_finite(window.loss.plot) > 0
