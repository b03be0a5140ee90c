"""A race of networks (engine/netsession.py): every update rule against the textbook loops of tests/engine/textbook.py
driven by the network's gradient on the sampler's batches, the fair start, the records, divergence and threads."""

from __future__ import annotations

import numpy as np
import pytest

from engine import BatchConfig, BatchSampler, PlaygroundError, RunSpec, loads_scene
from engine.netsession import NetSession, NetSnapshot
from engine.network import MLP
from engine.schedules import schedule_from_dict
from optimizer_table import TABLE
from textbook import naive_trajectory

MINI = BatchConfig("minibatch", 8, True, True)


def small(activation="tanh", hidden=(6, 4)):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 5)) * np.arange(1, 6)
    y = rng.integers(0, 3, 40)
    return MLP(X, y, hidden, activation, "he", 1)


def every_theta(session: NetSession, steps: int) -> list[np.ndarray]:
    """(steps + 1, D) θ of each run, from a session keeping θ at every step."""
    snap = session.step(steps)
    return [snap.path(i)[1] for i in range(len(snap.runs))]


@pytest.mark.parametrize("kind", list(TABLE))
def test_every_rule_on_a_network_against_the_textbook_loop(kind):
    obj = small()
    settings = TABLE[kind].settings("data")
    runs = [RunSpec(kind, f"{kind}-{j}", hp) for j, hp in enumerate(settings)]
    session = NetSession(obj, runs, MINI, seed=3, every=1, snapshots=None)
    paths = every_theta(session, 30)
    sampler = BatchSampler(MINI, obj.n_samples, 3)
    for hp, got in zip(settings, paths):
        want = naive_trajectory(kind, hp, obj.theta0, lambda p, k: obj.grad(np.array(p)[None], sampler.batch(k))[0],
                                30)
        assert got.shape == want.shape == (31, obj.dim)
        assert np.allclose(got, want, rtol=1e-12, atol=1e-14), (kind, hp, np.abs(got - want).max())


def test_book_forms_and_a_schedule_on_a_network():
    obj = small("relu")
    sched = schedule_from_dict({"type": "step", "step_size": 5, "gamma": 0.5}, "schedule")
    runs = [RunSpec("adam", "book adam", {"lr": 0.01}, convention="book"),
            RunSpec("momentum", "scheduled", {"lr": 0.05, "momentum": 0.9}, schedule=sched)]
    session = NetSession(obj, runs, MINI, seed=0, every=1, snapshots=None)
    paths = every_theta(session, 20)
    sampler = BatchSampler(MINI, obj.n_samples, 0)

    def grad(p, k):
        return obj.grad(np.array(p)[None], sampler.batch(k))[0]
    # the book's Adam: η_t = η√(1−β₂ᵗ)/(1−β₁ᵗ), x ← x − η_t m/(√v + ε), ε = 1e-7, written out here
    x, m, v = obj.theta0.copy(), np.zeros(obj.dim), np.zeros(obj.dim)
    for k in range(20):
        g = grad(x, k)
        t = k + 1
        lr_t = 0.01 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        m += (1 - 0.9) * (g - m)
        v += (1 - 0.999) * (g ** 2 - v)
        x = x - lr_t * m / (np.sqrt(v) + 1e-7)
        assert np.allclose(paths[0][t], x, rtol=1e-11, atol=1e-13), k
    want = naive_trajectory("momentum", {"lr": 0.05, "momentum": 0.9}, obj.theta0, grad, 20,
                            lr_at=lambda k: 0.05 * 0.5 ** (k // 5))
    assert np.allclose(paths[1], want, rtol=1e-12, atol=1e-14)


def test_every_run_starts_from_the_init_and_sees_the_same_batches():
    obj = small()
    runs = [RunSpec("sgd", "a", {"lr": 0.1}), RunSpec("adam", "b", {"lr": 0.01}), RunSpec("sgd", "c", {"lr": 0.1})]
    snap = NetSession(obj, runs, MINI, seed=5, every=1, snapshots=None).step(25)
    for i in range(3):
        assert np.array_equal(snap.path(i)[1][0], obj.theta0)
    assert np.array_equal(snap.path(0)[1], snap.path(2)[1])  # same rule, same batches: the same path, bit for bit
    assert np.array_equal(snap.batch_losses(0), snap.batch_losses(2))
    assert not np.array_equal(snap.path(0)[1], snap.path(1)[1])


def test_a_run_with_its_own_batch_strategy_uses_its_own_batches():
    obj = small()
    runs = [RunSpec("sgd", "B=8", {"lr": 0.1}), RunSpec("sgd", "full", {"lr": 0.1}, batch=BatchConfig("full")),
            RunSpec("sgd", "B=1", {"lr": 0.1}, batch=BatchConfig("stochastic", shuffle=False))]
    session = NetSession(obj, runs, MINI, seed=2, every=1, snapshots=None)
    paths = every_theta(session, 12)
    for cfg, got in zip([MINI, BatchConfig("full"), BatchConfig("stochastic", shuffle=False)], paths):
        sampler = BatchSampler(cfg, obj.n_samples, 2)
        want = naive_trajectory("sgd", {"lr": 0.1}, obj.theta0,
                                lambda p, k, s=sampler: obj.grad(np.array(p)[None], s.batch(k))[0], 12)
        assert np.allclose(got, want, rtol=1e-12, atol=1e-14)
    # stochastic without shuffle takes the rows in order: row k at step k
    assert BatchSampler(BatchConfig("stochastic", shuffle=False), obj.n_samples, 2).batch(7).tolist() == [7]


def test_records_batch_losses_and_full_data_losses():
    obj = small()
    runs = [RunSpec("momentum", "m", {"lr": 0.05, "momentum": 0.9}),
            RunSpec("sgd", "full", {"lr": 0.1}, batch=BatchConfig("full"))]
    session = NetSession(obj, runs, MINI, seed=1, every=4, snapshots=None)
    session.advance(10)
    snap = session.step(3)
    assert isinstance(snap, NetSnapshot) and snap.step == 13
    # every 4 steps, plus the end of each call (10 and 13)
    assert snap.record_steps.tolist() == [0, 4, 8, 10, 12, 13]
    assert snap.snapshot_steps.tolist() == [0, 4, 8, 12]
    sampler = BatchSampler(MINI, obj.n_samples, 1)
    for i in range(2):
        steps, thetas = snap.path(i)
        assert steps.tolist() == [0, 4, 8, 12, 13]
        rec, loss = snap.losses(i)
        assert rec.tolist() == [0, 4, 8, 10, 12, 13]
        for s, th in zip(steps.tolist(), thetas):
            assert loss[rec.tolist().index(s)] == obj.value(th[None])[0]
        _, acc = snap.accuracy(i)
        assert acc[-1] == obj.accuracy(thetas[-1][None])[0] == snap.runs[i].accuracy
    # batch loss of step k: the loss of the batch it used at the point it stepped from
    th = every_theta(NetSession(obj, runs, MINI, seed=1, every=1, snapshots=None), 13)
    bl = snap.batch_losses(0)
    assert len(bl) == 13
    for k in range(13):
        assert bl[k] == obj.value(th[0][k][None], sampler.batch(k))[0]
    # with a full batch it is the full-data loss at the point before the step
    assert np.allclose(snap.batch_losses(1)[4], obj.value(th[1][4][None])[0], rtol=1e-15)


def test_snapshots_are_thinned_and_bounded():
    obj = small()
    session = NetSession(obj, [RunSpec("sgd", "a", {"lr": 0.1})], MINI, every=1, snapshots=5)
    for _ in range(4):
        session.advance(5)
    snap = session.snapshot()
    steps = snap.snapshot_steps.tolist()
    assert len(steps) <= 5 and steps[0] == 0 and steps == sorted(steps)
    stride = steps[1]
    assert all(s % stride == 0 for s in steps) and stride > 1
    got_steps, thetas = snap.path(0)
    assert got_steps[-1] == 20 and np.array_equal(thetas[-1], snap.params[0])
    full = NetSession(obj, [RunSpec("sgd", "a", {"lr": 0.1})], MINI, every=1, snapshots=None).step(20)
    for s, th in zip(got_steps.tolist(), thetas):
        assert np.array_equal(th, full.path(0)[1][s])


def test_a_diverging_run_freezes_at_its_last_finite_point_and_the_others_go_on():
    obj = small("relu")
    runs = [RunSpec("sgd", "wild", {"lr": 1e6}), RunSpec("sgd", "calm", {"lr": 0.05})]
    session = NetSession(obj, runs, MINI, every=3, snapshots=None)
    snap = session.step(12)
    wild, calm = snap.runs
    assert wild.diverged_at is not None and calm.diverged_at is None and calm.n_points == 13
    d = wild.diverged_at
    assert wild.n_points == d
    steps, loss = snap.losses(0)
    assert steps[-1] == d - 1 and np.all(np.isfinite(loss))
    before = NetSession(obj, runs, MINI, every=3, snapshots=None).step(d - 1)
    assert np.array_equal(snap.params[0], before.params[0])
    assert wild.loss == obj.value(before.params[:1])[0] and np.isfinite(wild.loss)
    assert np.abs(snap.params[0]).max() <= 1e8
    alone = NetSession(obj, runs[1:], MINI, every=3, snapshots=None).step(12)
    assert np.array_equal(alone.params[0], snap.params[1])  # the frozen run changes nothing for the other


def test_threads_and_call_sizes_change_nothing():
    obj = small()
    runs = [RunSpec(k, k, TABLE[k].settings("data")[0]) for k in ("adam", "nag", "rmsprop", "adagrad")]
    a = NetSession(obj, runs, MINI, seed=4, workers=1, every=5).step(17)
    b = NetSession(obj, runs, MINI, seed=4, workers=2, every=5)
    for _ in range(17):
        b.advance(1)
    b = b.snapshot()
    assert np.array_equal(a.params, b.params)
    assert np.array_equal(a._batch, b._batch, equal_nan=True)
    for i in range(4):
        assert np.array_equal(a.losses(i)[1][[0, 1, 2, 3, -1]], b.losses(i)[1][[0, 5, 10, 15, -1]])


def test_reset_reproduces_and_live_edits_apply_from_the_next_step():
    obj = small()
    session = NetSession(obj, [RunSpec("sgd", "a", {"lr": 0.1})], MINI, every=1, snapshots=None)
    first = session.step(6).params.copy()
    session.reset()
    assert np.array_equal(session.step(6).params, first)
    session.reset()
    session.advance(3)
    session.set_hyperparams(0, {"lr": 0.3})
    snap = session.step(3)
    sampler = BatchSampler(MINI, obj.n_samples, 0)
    want = naive_trajectory("sgd", {"lr": 0.1}, obj.theta0,
                            lambda p, k: obj.grad(np.array(p)[None], sampler.batch(k))[0], 6,
                            lr_at=lambda k: 0.1 if k < 3 else 0.3)
    assert np.allclose(snap.path(0)[1], want, rtol=1e-12, atol=1e-14)


def test_a_network_scene_builds_a_net_session_and_bad_settings_are_refused():
    scene = loads_scene('{"version": 1, "objective": {"name": "mlp", "hidden": [4]}, "batch": {"strategy": '
                        '"minibatch", "batch_size": 128}, "optimizers": [{"type": "adam"}]}')
    session = scene.build_session(every=10)
    assert isinstance(session, NetSession) and session.every == 10
    assert session.sampler.iterations_per_epoch == 1797 // 128
    obj = small()
    with pytest.raises(PlaygroundError, match="every: expected a whole number"):
        NetSession(obj, [RunSpec("sgd")], every=0)
    with pytest.raises(PlaygroundError, match="a network run has no start of its own"):
        NetSession(obj, [RunSpec("sgd", start=(0.0, 1.0))])
    with pytest.raises(PlaygroundError, match="batch_size: 128 is larger than the 40 samples"):
        NetSession(obj, [RunSpec("sgd")], BatchConfig("minibatch", 128))
