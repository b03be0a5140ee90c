"""What-if replay: ``Session.recipe().replay(run, values)`` rebuilds a race's history with one run's settings
changed from step 0, the other live edits made again at their steps. Compared bit for bit with sessions built and
stepped by hand (the arithmetic is the session's own; what is checked is which values apply at which step)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import BatchConfig, RunSpec, Session, make_objective, schedule_from_dict


def _history(session: Session) -> list[np.ndarray]:
    snap = session.snapshot()
    return [np.vstack([snap.trajectory(i), snap.losses(i)]) for i in range(len(snap.runs))]


def _same(a: Session, b: Session) -> None:
    assert a.step_count == b.step_count
    for ha, hb in zip(_history(a), _history(b), strict=True):
        assert ha.shape == hb.shape
        assert np.array_equal(ha, hb)  # bit for bit, not close
    assert np.array_equal(a.diverged_at, b.diverged_at)
    assert np.array_equal(a.params, b.params)


RUNS = [RunSpec("sgd", "SGD", {"lr": 0.9}), RunSpec("momentum", "Momentum", {"lr": 0.1, "momentum": 0.9}),
        RunSpec("adam", "Adam", {"lr": 0.3})]

# (objective, batch): the float path (bowl), the array path with shuffled mini-batches, a formula
CASES = {
    "bowl": ({"name": "bowl"}, None),
    "minibatch": ({"name": "linear_regression", "samples": 50}, BatchConfig("minibatch", 8, True, True)),
    "rosenbrock": ({"name": "rosenbrock"}, None),
}


@pytest.mark.parametrize("case", CASES)
def test_replay_without_changes_rebuilds_the_history_exactly(case):
    settings, batch = CASES[case]
    obj = make_objective(settings)
    s = Session(obj, RUNS, batch=batch, seed=3)
    s.step(17)
    s.set_hyperparams(1, {"momentum": 0.5})
    s.step(9)
    s.set_schedule(2, schedule_from_dict({"type": "exponential", "gamma": 0.9}))
    s.set_hyperparams(0, {"lr": 0.2})
    s.step(30)
    _same(s.recipe().replay(), s)


@pytest.mark.parametrize("case", CASES)
def test_replay_with_new_values_equals_a_race_started_with_them(case):
    settings, batch = CASES[case]
    obj = make_objective(settings)
    s = Session(obj, RUNS, batch=batch, seed=3)
    s.step(40)
    new = s.recipe().replay(2, {"lr": 0.05, "beta1": 0.5})
    changed = list(RUNS)
    changed[2] = RunSpec("adam", "Adam", {"lr": 0.05, "beta1": 0.5})
    fresh = Session(obj, changed, batch=batch, seed=3)
    fresh.step(40)
    _same(new, fresh)
    # the replayed run really differs and the others are untouched
    old_h, new_h = _history(s), _history(new)
    assert np.array_equal(old_h[0], new_h[0]) and np.array_equal(old_h[1], new_h[1])
    assert not np.array_equal(old_h[2], new_h[2])
    assert new.runs[2].hyperparams["lr"] == 0.05 and new.initial_runs[2].hyperparams["beta1"] == 0.5


def test_replay_drops_only_the_replayed_names_edits_and_makes_the_others_again():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, RUNS)
    s.step(5)
    s.set_hyperparams(1, {"lr": 0.02, "momentum": 0.3})  # lr is replayed below: only momentum's edit stays
    s.step(5)
    s.set_hyperparams(0, {"lr": 0.5})  # another run's edit stays
    s.step(10)
    new = s.recipe().replay(1, {"lr": 0.05})
    by_hand = Session(obj, [RUNS[0], RunSpec("momentum", "Momentum", {"lr": 0.05, "momentum": 0.9}), RUNS[2]])
    by_hand.step(5)
    by_hand.set_hyperparams(1, {"momentum": 0.3})
    by_hand.step(5)
    by_hand.set_hyperparams(0, {"lr": 0.5})
    by_hand.step(10)
    _same(new, by_hand)
    assert [(k, i, v) for k, i, v in new.edits] == [(5, 1, {"momentum": 0.3}), (10, 0, {"lr": 0.5})]


def test_replay_can_make_a_run_diverge_and_undo_it():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, RUNS)
    s.step(50)
    wild = s.recipe().replay(0, {"lr": 1.5})  # above the bowl's bound 2/λ_max = 1
    fresh = Session(obj, [RunSpec("sgd", "SGD", {"lr": 1.5}), *RUNS[1:]])
    fresh.step(50)
    _same(wild, fresh)
    assert wild.diverged_at[0] > 0 and s.diverged_at[0] < 0
    _same(wild.recipe().replay(0, {"lr": 0.9}), s)


def test_replay_validates_values_and_can_be_cancelled():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, RUNS)
    s.step(5000)
    with pytest.raises(Exception, match="learning rate"):
        s.recipe().replay(0, {"lr": -1.0})
    calls = []
    assert s.recipe().replay(0, {"lr": 0.5}, cancelled=lambda: calls.append(1) or len(calls) > 1) is None
    assert len(calls) == 2  # asked between chunks, and stopped at the first True
    assert s.step_count == 5000  # the recipe's session is untouched


def test_replay_keeps_the_labels_and_colours_given_since_the_start():
    """The monkey relabelled a run, then dragged a What-if slider: the replayed race had the old label back."""
    obj = make_objective({"name": "bowl"})
    s = Session(obj, RUNS)
    s.step(3)
    s.set_style(1, label="heavy ball", color="#123456")
    new = s.recipe().replay(1, {"momentum": 0.5})
    assert new.runs[1].label == "heavy ball" and new.runs[1].color == "#123456"
    assert new.snapshot().runs[1].label == "heavy ball"
