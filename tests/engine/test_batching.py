"""Batch strategies: which rows step k uses, epochs, drop_last, seeds, and what a session does with them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import STRATEGIES, BatchConfig, BatchSampler, PlaygroundError, RunSpec, Session, make_objective
from textbook import assert_traj_close, linreg_grad_rows, linreg_loss_rows, naive_trajectory


def _epoch_batches(sampler: BatchSampler, epoch: int) -> list[np.ndarray]:
    ipe = sampler.iterations_per_epoch
    return [sampler.batch(epoch * ipe + i) for i in range(ipe)]


# ---- the sampler -------------------------------------------------------------------------------------------


def test_strategies():
    assert STRATEGIES == ("full", "stochastic", "minibatch")


def test_full_batch_is_none_every_step():
    s = BatchSampler(BatchConfig("full"), 100, seed=3)
    assert s.iterations_per_epoch == 1 and s.dropped == 0
    assert all(s.batch(k) is None for k in range(10))
    assert [s.epoch_of(k) for k in range(4)] == [0, 1, 2, 3]


def test_analytic_objectives_always_use_everything():
    for cfg in (BatchConfig("stochastic"), BatchConfig("minibatch", 8)):
        s = BatchSampler(cfg, 0, seed=1)
        assert s.batch(0) is None and s.batch(17) is None and s.iterations_per_epoch == 1


def test_unshuffled_minibatches_are_consecutive_slices_and_restart():
    s = BatchSampler(BatchConfig("minibatch", 100, shuffle=False, drop_last=True), 1050, seed=0)
    assert s.iterations_per_epoch == 10 and s.dropped == 50
    for k in range(25):
        it = k % 10
        np.testing.assert_array_equal(s.batch(k), np.arange(100 * it, 100 * it + 100))
    # rows 1000..1049 are never used
    used = np.concatenate([s.batch(k) for k in range(30)])
    assert used.max() == 999


def test_drop_last_1050_samples_batch_100():
    s = BatchSampler(BatchConfig("minibatch", 100, shuffle=True, drop_last=True), 1050, seed=5)
    assert s.iterations_per_epoch == 10 and s.dropped == 50
    for epoch in range(3):
        batches = _epoch_batches(s, epoch)
        assert all(len(b) == 100 for b in batches)
        rows = np.concatenate(batches)
        assert len(np.unique(rows)) == 1000  # 50 dropped, no row twice


def test_without_drop_last_iterations_are_ceil_and_the_last_batch_is_short():
    s = BatchSampler(BatchConfig("minibatch", 100, shuffle=False, drop_last=False), 1050, seed=0)
    assert s.iterations_per_epoch == 11 == math.ceil(1050 / 100) and s.dropped == 0
    np.testing.assert_array_equal(s.batch(10), np.arange(1000, 1050))
    np.testing.assert_array_equal(s.batch(11), np.arange(0, 100))  # a new epoch starts at 0
    s2 = BatchSampler(BatchConfig("minibatch", 100, shuffle=True, drop_last=False), 1050, seed=0)
    for epoch in range(3):
        batches = _epoch_batches(s2, epoch)
        assert [len(b) for b in batches] == [100] * 10 + [50]
        np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(1050))


def test_exact_division_drops_nothing():
    for drop in (True, False):
        s = BatchSampler(BatchConfig("minibatch", 25, shuffle=True, drop_last=drop), 100, seed=0)
        assert s.iterations_per_epoch == 4 and s.dropped == 0


def test_stochastic_is_one_row_per_step_and_an_epoch_is_a_permutation():
    for shuffle in (True, False):
        s = BatchSampler(BatchConfig("stochastic", shuffle=shuffle), 37, seed=11)
        assert s.iterations_per_epoch == 37 and s.dropped == 0
        for epoch in range(3):
            batches = _epoch_batches(s, epoch)
            assert all(b.shape == (1,) for b in batches)
            rows = np.concatenate(batches)
            np.testing.assert_array_equal(np.sort(rows), np.arange(37))
            if not shuffle:
                np.testing.assert_array_equal(rows, np.arange(37))


def test_shuffled_epochs_differ_and_seeds_matter():
    s = BatchSampler(BatchConfig("minibatch", 10, shuffle=True), 200, seed=1)
    e0, e1 = np.concatenate(_epoch_batches(s, 0)), np.concatenate(_epoch_batches(s, 1))
    assert not np.array_equal(e0, e1)
    other = BatchSampler(BatchConfig("minibatch", 10, shuffle=True), 200, seed=2)
    assert not np.array_equal(e0, np.concatenate(_epoch_batches(other, 0)))


def test_same_seed_same_batches_in_any_access_order():
    cfg = BatchConfig("minibatch", 7, shuffle=True, drop_last=False)
    a = BatchSampler(cfg, 50, seed=42)
    forward = [a.batch(k).copy() for k in range(40)]
    b = BatchSampler(cfg, 50, seed=42)
    backward = {k: b.batch(k).copy() for k in reversed(range(40))}
    c = BatchSampler(cfg, 50, seed=42)
    jumpy = {k: c.batch(k).copy() for k in (33, 2, 17, 0, 39, 8, 8, 21)}
    for k in range(40):
        assert np.array_equal(forward[k], backward[k])
    for k, v in jumpy.items():
        assert np.array_equal(forward[k], v)


def test_batch_size_larger_than_the_data_is_an_error():
    with pytest.raises(PlaygroundError, match=r"batch\.batch_size: 11 is larger than the 10 samples"):
        BatchSampler(BatchConfig("minibatch", 11), 10, seed=0)


def test_batch_config_parsing_and_round_trip():
    assert BatchConfig.from_dict({}) == BatchConfig("full")
    assert BatchConfig.from_dict({"strategy": "minibatch"}) == BatchConfig("minibatch", 32, True, True)
    cfg = BatchConfig.from_dict(
        {"strategy": "minibatch", "batch_size": 5, "shuffle": False, "drop_last": False}
    )
    assert cfg == BatchConfig("minibatch", 5, False, False)
    assert cfg.to_dict() == {"strategy": "minibatch", "batch_size": 5, "shuffle": False, "drop_last": False}
    assert BatchConfig("stochastic", 9, False, False).to_dict() == {
        "strategy": "stochastic",
        "shuffle": False,
    }
    assert BatchConfig("full", 9, False, False).to_dict() == {"strategy": "full"}
    for cfg in (
        BatchConfig("full"),
        BatchConfig("stochastic", shuffle=False),
        BatchConfig("minibatch", 3, False, True),
    ):
        assert BatchConfig.from_dict(cfg.to_dict()) == cfg


@pytest.mark.parametrize(
    "d,needle",
    [
        ([], "batch: expected an object"),
        ({"strategy": "mini"}, "batch.strategy"),
        ({"strategy": "full", "batch_size": 4}, "'batch_size'"),
        ({"strategy": "stochastic", "drop_last": True}, "'drop_last'"),
        ({"strategy": "minibatch", "batch_size": 0}, "batch.batch_size"),
        ({"strategy": "minibatch", "batch_size": 2.0}, "batch.batch_size"),
        ({"strategy": "minibatch", "batch_size": True}, "batch.batch_size"),
        ({"strategy": "minibatch", "shuffle": "yes"}, "batch.shuffle"),
        ({"strategy": "minibatch", "drop_last": 1}, "batch.drop_last"),
    ],
)
def test_batch_config_errors_name_the_key(d, needle):
    with pytest.raises(PlaygroundError) as e:
        BatchConfig.from_dict(d)
    assert needle in str(e.value)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 300),
    data=st.data(),
    shuffle=st.booleans(),
    drop_last=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
    strategy=st.sampled_from(["minibatch", "stochastic"]),
)
def test_property_epochs_partition_the_rows(n, data, shuffle, drop_last, seed, strategy):
    B = data.draw(st.integers(1, n))
    cfg = BatchConfig(strategy, B, shuffle, drop_last)
    s = BatchSampler(cfg, n, seed)
    size = 1 if strategy == "stochastic" else B
    drops = drop_last or strategy == "stochastic"
    ipe = n // size if drops else -(-n // size)
    assert s.iterations_per_epoch == ipe
    assert s.dropped == (n - ipe * size if drops else 0)
    twin = BatchSampler(cfg, n, seed)
    for epoch in (0, 1, 3):
        batches = _epoch_batches(s, epoch)
        rows = np.concatenate(batches)
        assert rows.dtype.kind == "i" and np.all((rows >= 0) & (rows < n))
        assert len(np.unique(rows)) == len(rows)  # each row at most once per epoch
        assert len(rows) == n - s.dropped
        assert all(len(b) == size for b in batches[:-1]) and 1 <= len(batches[-1]) <= size
        if not shuffle:
            np.testing.assert_array_equal(rows, np.arange(len(rows)))
        # the same seed gives the same batches
        for i, b in enumerate(_epoch_batches(twin, epoch)):
            assert np.array_equal(b, batches[i])
        assert [s.epoch_of(epoch * ipe + i) for i in range(ipe)] == [epoch] * ipe


# ---- what a session does with batches ----------------------------------------------------------------------


def _linreg(samples=120, seed=3):
    return make_objective({"name": "linear_regression", "samples": samples, "noise": 0.6, "seed": seed})


@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("name", ["linear_regression", "logistic_regression"])
def test_minibatch_of_every_row_equals_full_batch(name, shuffle):
    obj = make_objective({"name": name, "samples": 64, "noise": 0.5, "seed": 1})
    runs = [
        RunSpec("sgd", hyperparams={"lr": 0.1}),
        RunSpec("momentum", hyperparams={"lr": 0.05}),
        RunSpec("adam", hyperparams={"lr": 0.05}),
    ]
    full = Session(obj, runs).step(80)
    for drop in (True, False):
        mb = Session(obj, runs, batch=BatchConfig("minibatch", 64, shuffle, drop), seed=9).step(80)
        assert mb.iterations_per_epoch == 1 and mb.epoch == 80
        for i in range(3):
            # the mean over all rows, summed in another order (or via sufficient statistics):
            # equal up to rounding
            assert_traj_close(mb.trajectory(i), full.trajectory(i), 1e-12, f"{name} run {i}")
            assert_traj_close(mb.losses(i), full.losses(i), 1e-12)
            # the batch loss of a batch holding every row is the full loss at the same point
            assert_traj_close(mb.batch_losses(i), full.losses(i)[:-1], 1e-12)


@pytest.mark.parametrize(
    "cfg",
    [
        BatchConfig("minibatch", 16, True, False),
        BatchConfig("minibatch", 25, False, True),
        BatchConfig("stochastic", shuffle=True),
    ],
    ids=["mb-shuffle", "mb-ordered", "sgd-1"],
)
def test_every_run_sees_batch_k_at_step_k(cfg):
    obj = _linreg()
    seed = 31
    sampler = BatchSampler(cfg, obj.n_samples, seed)
    xs, ys = obj.x.tolist(), obj.y.tolist()

    def grad(p, k):
        rows = sampler.batch(k)
        return linreg_grad_rows(p[0], p[1], [xs[j] for j in rows], [ys[j] for j in rows])

    runs = [
        RunSpec("sgd", hyperparams={"lr": 0.05}),
        RunSpec("adagrad", hyperparams={"lr": 0.3}),
        RunSpec("sgd", hyperparams={"lr": 0.05}),
        RunSpec("nag", hyperparams={"lr": 0.05, "momentum": 0.8}),
    ]
    steps = 70
    snap = Session(obj, runs, batch=cfg, seed=seed).step(steps)
    assert snap.iterations_per_epoch == sampler.iterations_per_epoch
    assert (snap.epoch, snap.iteration) == divmod(steps, sampler.iterations_per_epoch)
    # two identical runs in one minibatch session stay identical
    assert np.array_equal(snap.trajectory(0), snap.trajectory(2))
    for i, r in enumerate(runs):
        want = naive_trajectory(r.type, r.resolved().hyperparams, obj.start, grad, steps)
        assert_traj_close(snap.trajectory(i).T, want, 1e-12, f"{r.type}")
        # batch loss at step k: the loss of batch k at the point the step started from
        bl = [
            linreg_loss_rows(
                want[k][0], want[k][1], [xs[j] for j in sampler.batch(k)], [ys[j] for j in sampler.batch(k)]
            )
            for k in range(steps)
        ]
        assert_traj_close(snap.batch_losses(i), bl, 1e-12)
        assert snap.runs[i].batch_loss == snap.batch_losses(i)[-1]
        full = [linreg_loss_rows(w, b, xs, ys) for w, b in want]
        assert_traj_close(snap.losses(i), full, 1e-10)


def test_batches_really_change_the_trajectory():
    """A sanity check that the comparison above can fail: a different seed gives a different path."""
    obj = _linreg()
    cfg = BatchConfig("minibatch", 16, True, False)
    a = Session(obj, [RunSpec("sgd", hyperparams={"lr": 0.05})], batch=cfg, seed=1).step(20)
    b = Session(obj, [RunSpec("sgd", hyperparams={"lr": 0.05})], batch=cfg, seed=2).step(20)
    assert np.max(np.abs(a.trajectory(0) - b.trajectory(0))) > 1e-6


def test_full_batch_sessions_record_no_batch_loss():
    snap = Session(_linreg(), [RunSpec("sgd", hyperparams={"lr": 0.05})]).step(5)
    assert snap.batch_losses(0) is None and snap.runs[0].batch_loss is None
    snap = Session(
        make_objective({"name": "bowl"}), [RunSpec("sgd")], batch=BatchConfig("minibatch", 4)
    ).step(5)
    assert snap.batch_losses(0) is None and snap.iterations_per_epoch == 1
