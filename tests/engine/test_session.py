"""Sessions: divergence freezing, reset, live edits, history growth and snapshots."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import DIVERGENCE_BOUND, BatchConfig, PlaygroundError, RunSpec, Session, make_objective
from textbook import assert_traj_close, bowl, bowl_grad, naive_trajectory


def _bowl():
    return make_objective({"name": "bowl"})


def _first_bad_step(traj: np.ndarray, loss) -> int | None:
    """The first step whose point is non-finite, beyond the bound, or has a non-finite loss (None if none)."""
    for k, p in enumerate(traj):
        if k == 0:
            continue
        if not (np.all(np.isfinite(p)) and np.all(np.abs(p) <= DIVERGENCE_BOUND) and math.isfinite(loss(p))):
            return k
    return None


# ---- divergence --------------------------------------------------------------------------------------------

# Sessions may step a few runs differently from many: the session tests run both ways.
CROWD = [RunSpec("sgd", f"extra-{i}", {"lr": 0.01 * (i + 1)}) for i in range(20)]


@pytest.mark.parametrize("extra", [0, 20], ids=["few-runs", "many-runs"])
def test_divergence_is_frozen_at_the_right_step_and_others_continue(extra):
    assert DIVERGENCE_BOUND == 1e8
    obj = _bowl()
    runs = [
        RunSpec("sgd", "wild", {"lr": 30.0}),
        RunSpec("sgd", "calm", {"lr": 0.5}),
        RunSpec("adam", "adam", {"lr": 0.3}),
    ] + CROWD[:extra]
    s = Session(obj, runs)
    steps = 40
    snap = s.step(steps)
    # y ← (1 − 2·30) y = −59 y: |y_k| = 2·59^k passes 1e8 first at k = 5 (2·59⁴ ≈ 2.4e7, 2·59⁵ ≈ 1.4e9)
    wild = naive_trajectory("sgd", {"lr": 30.0}, obj.start, bowl_grad, 10)
    d = _first_bad_step(wild, lambda p: bowl(*p))
    assert d == 5
    r = snap.runs[0]
    assert r.diverged_at == d and r.n_points == d
    traj = snap.trajectory(0)
    assert traj.shape == (2, d) and np.all(np.isfinite(traj)) and np.all(np.abs(traj) <= DIVERGENCE_BOUND)
    assert_traj_close(traj.T, wild[:d], 1e-15)
    assert r.point == (traj[0, -1], traj[1, -1])
    assert r.loss == pytest.approx(bowl(*traj[:, -1]), rel=1e-15)
    assert np.all(np.isfinite(snap.losses(0))) and len(snap.losses(0)) == d
    # the others went on to the end, unaffected
    for i, kind, hp in (
        (1, "sgd", {"lr": 0.5}),
        (2, "adam", {"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
    ):
        assert snap.runs[i].diverged_at is None and snap.runs[i].n_points == steps + 1
        assert_traj_close(
            snap.trajectory(i).T, naive_trajectory(kind, hp, obj.start, bowl_grad, steps), 1e-12
        )
    # stepping on changes nothing for the frozen run
    later = s.step(25)
    assert later.runs[0].diverged_at == d and later.runs[0].n_points == d
    assert np.array_equal(later.trajectory(0), traj) and later.runs[0].point == r.point
    assert later.runs[1].n_points == steps + 26


def test_divergence_by_a_non_finite_loss():
    """sqrt(x) is nan for x < 0: the run stops at its last point with a finite loss, at the right step."""
    obj = make_objective({"name": "formula", "expr": "sqrt(x) + y**2", "bounds": [0.01, 4, -2, 2]})
    start = (1.0, 1.0)
    s = Session(
        obj, [RunSpec("sgd", hyperparams={"lr": 0.9}), RunSpec("sgd", hyperparams={"lr": 0.01})], start=start
    )
    snap = s.step(30)

    def g(p, k):
        return (0.5 / math.sqrt(p[0]) if p[0] >= 0 else math.nan, 2 * p[1])

    ref = naive_trajectory("sgd", {"lr": 0.9}, start, g, 30)
    d = _first_bad_step(ref, lambda p: (math.sqrt(p[0]) if p[0] >= 0 else math.nan) + p[1] ** 2)
    assert d is not None and d > 1
    assert snap.runs[0].diverged_at == d and snap.runs[0].n_points == d
    assert_traj_close(snap.trajectory(0).T, ref[:d], 1e-14)
    assert np.all(np.isfinite(snap.losses(0)))
    assert snap.runs[1].diverged_at is None and snap.runs[1].n_points == 31


@pytest.mark.parametrize("extra", [0, 20], ids=["few-runs", "many-runs"])
def test_divergence_of_a_stateful_optimizer_in_a_group(extra):
    """Momentum runs share a kernel call; only the diverging one freezes, the other's state is untouched."""
    obj = _bowl()
    hp_bad, hp_ok = {"lr": 5.0, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.9}
    s = Session(obj, [RunSpec("momentum", "bad", hp_bad), RunSpec("momentum", "ok", hp_ok)] + CROWD[:extra])
    snap = s.step(60)
    ref_bad = naive_trajectory("momentum", hp_bad, obj.start, bowl_grad, 60)
    d = _first_bad_step(ref_bad, lambda p: bowl(*p))
    assert snap.runs[0].diverged_at == d
    assert_traj_close(snap.trajectory(0).T, ref_bad[:d], 1e-13)
    assert_traj_close(
        snap.trajectory(1).T, naive_trajectory("momentum", hp_ok, obj.start, bowl_grad, 60), 1e-12
    )


def test_a_run_that_starts_at_an_infinite_loss_is_refused():
    obj = make_objective({"name": "formula", "expr": "log(x)"})
    with pytest.raises(PlaygroundError, match="start"):
        Session(obj, [RunSpec("sgd")], start=(-1.0, 0.0))
    with pytest.raises(PlaygroundError, match="start"):
        Session(_bowl(), [RunSpec("sgd")], start=(math.nan, 0.0))
    with pytest.raises(PlaygroundError, match="at least one"):
        Session(_bowl(), [])


# ---- reset, live edits -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "batch", [None, BatchConfig("minibatch", 10, True, False), BatchConfig("stochastic")]
)
def test_reset_reproduces_identical_trajectories(batch):
    obj = make_objective({"name": "linear_regression", "samples": 47, "seed": 2})
    runs = [
        RunSpec(k, hyperparams={"lr": 0.05})
        for k in ("sgd", "momentum", "nag", "nag_bengio", "adagrad", "rmsprop", "adam")
    ]
    runs.append(RunSpec("sgd", "wild", {"lr": 40.0}))  # diverges: reset must un-freeze it
    s = Session(obj, runs, batch=batch, seed=5)
    first = s.step(77)
    a = [(first.trajectory(i).copy(), first.losses(i).copy()) for i in range(len(runs))]
    assert first.runs[-1].diverged_at is not None
    snap0 = s.reset()
    assert snap0.step == 0 and all(r.n_points == 1 for r in snap0.runs)
    assert all(r.diverged_at is None for r in snap0.runs)
    for i in range(len(runs)):
        assert tuple(snap0.trajectory(i)[:, 0]) == obj.start
    second = s.step(77)
    for i in range(len(runs)):
        assert np.array_equal(second.trajectory(i), a[i][0]) and np.array_equal(second.losses(i), a[i][1])
        assert second.runs[i] == first.runs[i]


@pytest.mark.parametrize("extra", [0, 20], ids=["few-runs", "many-runs"])
def test_set_hyperparams_applies_from_the_next_step_and_keeps_state(extra):
    obj = _bowl()
    s = Session(
        obj,
        [
            RunSpec("momentum", "m", {"lr": 0.1, "momentum": 0.9}),
            RunSpec("momentum", "other", {"lr": 0.1, "momentum": 0.9}),
            RunSpec("adam", "a", {"lr": 0.3}),
        ]
        + CROWD[:extra],
    )
    s.step(10)
    s.set_hyperparams(0, {"lr": 0.02})
    s.set_hyperparams(2, {"lr": 0.05, "beta1": 0.5})
    snap = s.step(15)
    # torch form, η changed after step 10 and the buffer b kept (with V = −ηb the Greek form would differ)
    ref = naive_trajectory(
        "momentum",
        {"lr": 0.1, "momentum": 0.9},
        obj.start,
        bowl_grad,
        25,
        lr_at=lambda k: 0.1 if k < 10 else 0.02,
    )
    assert_traj_close(snap.trajectory(0).T, ref, 1e-12)
    # the other run of the same type is untouched
    assert_traj_close(
        snap.trajectory(1).T,
        naive_trajectory("momentum", {"lr": 0.1, "momentum": 0.9}, obj.start, bowl_grad, 25),
        1e-12,
    )
    off = {"weight_decay": 0.0}
    assert s.runs[0].hyperparams == {"lr": 0.02, "momentum": 0.9, "dampening": 0.0, **off}
    assert s.runs[1].hyperparams == {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, **off}
    assert s.runs[2].hyperparams == {"lr": 0.05, "beta1": 0.5, "beta2": 0.999, "eps": 1e-8, **off, "amsgrad": False}
    # Adam: step count and moments carry on (bias correction uses t = 11.. after the edit)
    x, m, v = list(obj.start), [0.0, 0.0], [0.0, 0.0]
    for k in range(25):
        lr, b1 = (0.3, 0.9) if k < 10 else (0.05, 0.5)
        g = bowl_grad(x)
        for j in range(2):
            m[j] = b1 * m[j] + (1 - b1) * g[j]
            v[j] = 0.999 * v[j] + 0.001 * g[j] ** 2
            x[j] -= lr * (m[j] / (1 - b1 ** (k + 1))) / (math.sqrt(v[j] / (1 - 0.999 ** (k + 1))) + 1e-8)
    assert_traj_close(snap.trajectory(2)[:, -1], x, 1e-12)
    assert int(np.ravel(s.state_of(2).step)[0]) == 25
    # reset keeps the edited settings
    s.reset()
    again = s.step(5)
    assert_traj_close(
        again.trajectory(0).T,
        naive_trajectory("momentum", {"lr": 0.02, "momentum": 0.9}, obj.start, bowl_grad, 5),
        1e-12,
    )


def test_live_edit_at_step_zero_is_the_same_as_starting_with_it():
    obj = _bowl()
    s = Session(obj, [RunSpec("rmsprop", hyperparams={"lr": 0.01})])
    s.set_hyperparams(0, {"lr": 0.05, "alpha": 0.9})
    t = Session(obj, [RunSpec("rmsprop", hyperparams={"lr": 0.05, "alpha": 0.9})])
    assert np.array_equal(s.step(30).trajectory(0), t.step(30).trajectory(0))


# ---- history and snapshots ---------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 20], ids=["few-runs", "many-runs"])
def test_history_growth_keeps_earlier_points(extra):
    obj = _bowl()
    hp = {"lr": 0.01, "momentum": 0.9}
    s = Session(
        obj, [RunSpec("sgd", hyperparams={"lr": 0.01}), RunSpec("momentum", hyperparams=hp)] + CROWD[:extra]
    )
    early = s.step(100)
    early_copy = [early.trajectory(i).copy() for i in range(2)], [early.losses(i).copy() for i in range(2)]
    for n in (1, 399, 500, 1000):  # single steps and long stretches
        s.step(n)
    snap = s.snapshot()
    assert snap.step == 2000 and all(r.n_points == 2001 for r in snap.runs)
    for i in range(2, 2 + extra):
        assert_traj_close(
            snap.trajectory(i).T,
            naive_trajectory("sgd", CROWD[i - 2].hyperparams, obj.start, bowl_grad, 2000),
            1e-12,
        )
    for i, (kind, h) in enumerate((("sgd", {"lr": 0.01}), ("momentum", hp))):
        ref = naive_trajectory(kind, h, obj.start, bowl_grad, 2000)
        assert_traj_close(snap.trajectory(i).T, ref, 1e-12, kind)
        np.testing.assert_allclose(snap.losses(i), [bowl(*p) for p in ref], rtol=1e-12, atol=1e-300)
        # the old snapshot still shows exactly what it showed, and it is the head of the new one
        assert np.array_equal(early.trajectory(i), early_copy[0][i])
        assert np.array_equal(early.losses(i), early_copy[1][i])
        assert np.array_equal(snap.trajectory(i)[:, :101], early_copy[0][i])


def test_snapshot_arrays_are_read_only_and_the_right_shape():
    s = Session(_bowl(), [RunSpec("adam", hyperparams={"lr": 0.3})])
    snap = s.step(12)
    assert snap.trajectory(0).shape == (2, 13) and snap.losses(0).shape == (13,)
    with pytest.raises(ValueError):
        snap.trajectory(0)[0, 0] = 1.0
    with pytest.raises(ValueError):
        snap.losses(0)[0] = 1.0
    assert snap.step == 12 and snap.epoch == 12 and snap.iteration == 0 and snap.iterations_per_epoch == 1
    r = snap.runs[0]
    assert (r.index, r.label, r.type, r.color, r.diverged_at, r.batch_loss) == (
        0,
        "adam",
        "adam",
        None,
        None,
        None,
    )


def test_epoch_and_iteration_counters():
    obj = make_objective({"name": "linear_regression", "samples": 50})
    s = Session(
        obj, [RunSpec("sgd")], batch=BatchConfig("minibatch", 8, True, True)
    )  # 6 iterations per epoch
    for n, want in ((0, (0, 0)), (5, (0, 5)), (6, (1, 0)), (13, (2, 1))):
        s.reset()
        snap = s.step(n)
        assert (snap.epoch, snap.iteration, snap.iterations_per_epoch) == (*want, 6)


def test_step_zero_and_start_points():
    obj = _bowl()
    runs = [
        RunSpec("sgd", hyperparams={"lr": 0.5}),
        RunSpec("sgd", "elsewhere", {"lr": 0.5}, start=(3.0, -1.0)),
    ]
    s = Session(obj, runs, start=(-2.0, 4.0))
    snap = s.step(0)
    assert snap.step == 0 and [r.n_points for r in snap.runs] == [1, 1]
    assert snap.runs[0].point == (-2.0, 4.0) and snap.runs[1].point == (3.0, -1.0)
    assert snap.runs[0].loss == bowl(-2.0, 4.0) and snap.runs[1].loss == bowl(3.0, -1.0)
    snap = s.step(20)
    assert_traj_close(
        snap.trajectory(1).T, naive_trajectory("sgd", {"lr": 0.5}, (3, -1), bowl_grad, 20), 1e-14
    )
    assert_traj_close(
        snap.trajectory(0).T, naive_trajectory("sgd", {"lr": 0.5}, (-2, 4), bowl_grad, 20), 1e-14
    )
    # the default start is the objective's own
    assert Session(obj, [RunSpec("sgd")]).snapshot().runs[0].point == obj.start == (-7.0, 2.0)


def test_labels_and_order_are_kept():
    runs = [RunSpec("adam"), RunSpec("sgd", "first sgd"), RunSpec("adam", "second adam", color="#123456")]
    snap = Session(_bowl(), runs).step(3)
    assert [(r.index, r.label, r.type, r.color) for r in snap.runs] == [
        (0, "adam", "adam", None),
        (1, "first sgd", "sgd", None),
        (2, "second adam", "adam", "#123456"),
    ]


def test_set_hyperparams_returns_every_value_and_set_style_changes_only_the_look():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, [RunSpec("adam", "a", {"lr": 0.3}, "#112233"), RunSpec("sgd", hyperparams={"lr": 0.5})])
    s.step(3)
    hp = s.set_hyperparams(0, {"beta1": 0.5})
    assert hp == {"lr": 0.3, "beta1": 0.5, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False}
    assert hp == s.runs[0].hyperparams
    hp["lr"] = 99.0  # the caller's copy
    assert s.runs[0].hyperparams["lr"] == 0.3
    before = s.snapshot()
    s.set_style(0, label="Adam β₁ = 0.5")
    s.set_style(-1, color="#abcdef")
    snap = s.snapshot()
    assert [(r.label, r.color) for r in snap.runs] == [("Adam β₁ = 0.5", "#112233"), ("sgd", "#abcdef")]
    assert [(r.label, r.color) for r in before.runs] == [("a", "#112233"), ("sgd", None)]  # snapshots are immutable
    assert [r.point for r in snap.runs] == [r.point for r in before.runs] and s.step_count == 3
    with pytest.raises(IndexError):
        s.set_style(2, label="x")
