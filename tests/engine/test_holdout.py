"""Held-out rows of a network (the mlp objective's ``holdout``) and the timeline of a network race
(``NetSnapshot.at``): the split against its definition, batches over the training rows only, the held-out loss and
accuracy against loops written from the math, holdout 0 bit for bit today's race, bad values refused."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest

from engine import BatchConfig, BatchSampler, PlaygroundError, RunSpec
from engine.headless import main as headless_main
from engine.netsession import NetSession
from engine.network import MLP, make_mlp, standardize


def table(n=50, f=4, k=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, f)) * np.arange(1, f + 1) + 2.0, rng.integers(0, k, n)


def naive_eval(obj: MLP, theta: np.ndarray, Z: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) of θ on the standardised rows Z, with Python floats: h = act(h·W + b)."""
    act = {"relu": lambda v: max(v, 0.0), "tanh": math.tanh}[obj.activation]
    params = obj.unpack(theta)
    total, right = 0.0, 0
    for x, y in zip(Z.tolist(), labels.tolist()):
        h = x
        for j, (W, b) in enumerate(params):
            z = [sum(h[i] * W[i, o] for i in range(len(h))) + b[o] for o in range(W.shape[1])]
            h = z if j == len(params) - 1 else [act(v) for v in z]
        m = max(h)
        total += math.log(sum(math.exp(v - m) for v in h)) - (h[y] - m)
        right += int(max(range(len(h)), key=lambda c: h[c]) == y)
    return total / len(labels), right / len(labels)


@pytest.mark.parametrize("h,n", [(0.2, 50), (0.25, 50), (0.1, 7), (0.5, 3), (0.9, 40)])
def test_the_split_follows_its_definition(h, n):
    X, y = table(n)
    obj = MLP(X, y, (5,), "tanh", "he", 4, holdout=h)
    n_test = round(h * n)
    perm = np.random.default_rng(4).permutation(n)  # the documented draw: the init seed's own generator
    assert obj.test_rows.tolist() == sorted(perm[:n_test].tolist())
    assert obj.train_rows.tolist() == sorted(perm[n_test:].tolist())
    assert obj.n_test == n_test and obj.n_samples == n - n_test
    assert not set(obj.test_rows.tolist()) & set(obj.train_rows.tolist())
    assert sorted(obj.test_rows.tolist() + obj.train_rows.tolist()) == list(range(n))
    # standardised over every row, then split; raw rows and labels follow the same rows
    Z = standardize(X)
    assert np.array_equal(obj.X, Z[obj.train_rows]) and np.array_equal(obj.test_X, Z[obj.test_rows])
    assert np.array_equal(obj.raw_X, X[obj.train_rows]) and np.array_equal(obj.test_raw_X, X[obj.test_rows])
    assert np.array_equal(obj.labels, y[obj.train_rows]) and np.array_equal(obj.test_labels, y[obj.test_rows])
    # reproducible, the same θ₀ as without held-out rows, and another seed another split
    again = MLP(X, y, (5,), "tanh", "he", 4, holdout=h)
    assert np.array_equal(again.test_rows, obj.test_rows)
    assert np.array_equal(obj.theta0, MLP(X, y, (5,), "tanh", "he", 4).theta0)
    if n >= 40:
        assert not np.array_equal(MLP(X, y, (5,), "tanh", "he", 5, holdout=h).test_rows, obj.test_rows)


@pytest.mark.parametrize("batch", [BatchConfig("full"), BatchConfig("stochastic", shuffle=True),
                                   BatchConfig("minibatch", 8, True, True), BatchConfig("minibatch", 8, True, False),
                                   BatchConfig("minibatch", 7, False, True)])
def test_batches_are_training_rows_only_and_the_race_is_sgd_on_them(batch):
    X, y = table(50)
    obj = MLP(X, y, (6,), "tanh", "he", 1, holdout=0.2)
    whole = MLP(X, y, (6,), "tanh", "he", 1)  # every row: the gradient on chosen rows of the table as loaded
    sampler = BatchSampler(batch, obj.n_samples, 3)
    held = set(obj.test_rows.tolist())
    seen = set()
    for k in range(3 * sampler.iterations_per_epoch):
        b = sampler.batch(k)
        rows = obj.train_rows if b is None else obj.train_rows[b]
        assert not held & set(rows.tolist())
        seen |= set(rows.tolist())
    assert seen <= set(obj.train_rows.tolist()) and len(seen) >= len(obj.train_rows) - sampler.dropped
    steps, lr = 12, 0.3
    session = NetSession(obj, [RunSpec("sgd", "sgd", {"lr": lr})], batch, seed=3, every=1, snapshots=None)
    got = session.step(steps).path(0)[1]
    theta = whole.theta0.copy()
    for k in range(steps):
        b = sampler.batch(k)
        rows = obj.train_rows if b is None else obj.train_rows[b]
        theta = theta - lr * whole.grad(theta[None], rows)[0]
        assert np.allclose(got[k + 1], theta, rtol=1e-12, atol=1e-14)
    # the "full-data loss" is the training-set loss
    assert session.snapshot().runs[0].loss == pytest.approx(whole.value(theta[None], obj.train_rows)[0], rel=1e-12)


def test_held_out_loss_and_accuracy_at_every_record_step_against_a_loop():
    X, y = table(60)
    obj = MLP(X, y, (5, 4), "relu", "he", 2, holdout=0.25)
    runs = [RunSpec("sgd", "sgd", {"lr": 0.2}), RunSpec("adam", "adam", {"lr": 0.05})]
    session = NetSession(obj, runs, BatchConfig("minibatch", 9, True, True), seed=1, every=4, snapshots=None)
    snap = session.step(17)
    assert snap.has_holdout
    Z = standardize(X)
    for i in range(2):
        steps, thetas = snap.path(i)
        ts, tloss = snap.test_losses(i)
        ta, tacc = snap.test_accuracy(i)
        assert ts.tolist() == ta.tolist() == steps.tolist() == [0, 4, 8, 12, 16, 17]
        for k, theta, lv, av in zip(steps, thetas, tloss, tacc):
            want_loss, want_acc = naive_eval(obj, theta, Z[obj.test_rows], y[obj.test_rows])
            assert lv == pytest.approx(want_loss, rel=1e-12) and av == want_acc, (i, k)
            train_loss, train_acc = naive_eval(obj, theta, Z[obj.train_rows], y[obj.train_rows])
            j = snap.losses(i)[0].tolist().index(k)
            assert snap.losses(i)[1][j] == pytest.approx(train_loss, rel=1e-12)
            assert snap.accuracy(i)[1][j] == train_acc
        r = snap.runs[i]
        assert (r.test_loss, r.test_accuracy) == (tloss[-1], tacc[-1])


def test_holdout_zero_is_todays_race_bit_for_bit():
    X, y = table(45)
    base = MLP(X, y, (6,), "tanh", "he", 1)
    zero = MLP(X, y, (6,), "tanh", "he", 1, holdout=0.0)
    assert zero.n_test == 0 and np.array_equal(zero.train_rows, np.arange(45))
    assert make_mlp({"name": "mlp", "data": "moons", "samples": 40, "holdout": 0}).n_test == 0
    runs = [RunSpec("momentum", "m", {"lr": 0.1, "momentum": 0.9}), RunSpec("adam", "a", {"lr": 0.01})]
    cfg = BatchConfig("minibatch", 8, True, True)
    a = NetSession(base, runs, cfg, seed=2, every=3).step(20)
    b = NetSession(zero, runs, cfg, seed=2, every=3).step(20)
    assert not a.has_holdout and not b.has_holdout
    assert np.array_equal(a.params, b.params) and np.array_equal(a._loss, b._loss)
    assert np.array_equal(a._acc, b._acc) and np.array_equal(a._batch, b._batch, equal_nan=True)
    assert np.isnan(a.test_accuracy(0)[1]).all() and np.isnan(a.runs[0].test_accuracy)


@pytest.mark.parametrize("value", [-0.1, 1, 1.0, 1.5, "0.2", True, None, float("nan"), float("inf"), [0.2]])
def test_bad_holdout_values_are_refused_with_the_key_named(value):
    with pytest.raises(PlaygroundError, match=r"objective\.holdout"):
        make_mlp({"name": "mlp", "data": "moons", "samples": 40, "holdout": value})


def test_a_holdout_that_leaves_no_row_on_one_side_is_refused():
    with pytest.raises(PlaygroundError, match="holdout"):
        make_mlp({"name": "mlp", "data": "blobs", "samples": 2, "holdout": 0.2})  # round(0.4) = 0 held out


def scene(tmp_path, **objective):
    path = tmp_path / "net.json"
    path.write_text(json.dumps({
        "version": 1, "steps": 30, "batch": {"strategy": "minibatch", "batch_size": 16},
        "objective": {"name": "mlp", "data": "spirals", "samples": 120, "hidden": [8], **objective},
        "optimizers": [{"type": "sgd", "label": "SGD", "lr": 0.1}, {"type": "adam", "label": "Adam", "lr": 0.01}]}))
    return str(path)


def test_headless_prints_held_out_accuracy_and_refuses_a_bad_holdout(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert headless_main(scene(tmp_path, holdout=0.25), stdout=out, stderr=err) == 0
    lines = out.getvalue().splitlines()
    obj = make_mlp({"name": "mlp", "data": "spirals", "samples": 120, "hidden": [8], "holdout": 0.25})
    snap = NetSession(obj, [RunSpec("sgd", "SGD", {"lr": 0.1}), RunSpec("adam", "Adam", {"lr": 0.01})],
                      BatchConfig("minibatch", 16), every=1).step(30)
    for line, r in zip(lines, snap.runs):
        assert line.startswith(r.label) and f"held-out accuracy {r.test_accuracy:.1%}" in line
        assert f"held-out loss {r.test_loss:.6g}" in line
    out, err = io.StringIO(), io.StringIO()
    assert headless_main(scene(tmp_path, holdout=1.2), stdout=out, stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("error: ")
    assert "objective.holdout" in err.getvalue() and out.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert headless_main(scene(tmp_path), stdout=out, stderr=err) == 0
    assert "held-out" not in out.getvalue()


# ---- the timeline of a network race -----------------------------------------------------------------------------

def forward(obj: MLP, theta: np.ndarray) -> np.ndarray:
    """The contract's forward pass written out: the class of each training row."""
    h = obj.X
    params = obj.unpack(theta)
    for j, (W, b) in enumerate(params):
        h = h @ W + b
        if j < len(params) - 1:
            h = np.tanh(h)
    return h.argmax(axis=1)


def test_a_snapshot_at_an_earlier_step_shows_the_nearest_kept_theta():
    X, y = table(60)
    obj = MLP(X, y, (6,), "tanh", "he", 1, holdout=0.2)
    runs = [RunSpec("sgd", "sgd", {"lr": 0.3}), RunSpec("adam", "adam", {"lr": 0.02})]
    every_step = NetSession(obj, runs, BatchConfig("minibatch", 8), seed=0, every=1, snapshots=None).step(40)
    session = NetSession(obj, runs, BatchConfig("minibatch", 8), seed=0, every=5, snapshots=4)
    snap = session.step(40)
    kept = snap.snapshot_steps.tolist()
    assert kept == [0, 20, 40]  # thinned: at most 4 kept, every other one dropped when full
    for k, nearest in [(0, 0), (9, 0), (10, 0), (11, 20), (20, 20), (33, 40), (37, 40)]:
        at = snap.at(k)
        assert at.step == k and at.model_steps == (nearest, nearest)
        for i in range(2):
            theta = every_step.path(i)[1][nearest]
            assert np.array_equal(at.params[i], theta)
            assert np.array_equal(forward(obj, at.params[i]), obj.predictions(theta))
            steps, thetas = at.path(i)
            assert steps[-1] == nearest and all(s <= max(k, nearest) for s in steps)
            assert np.array_equal(thetas[-1], theta)
            ls, lv = at.losses(i)
            assert ls[-1] == k and ls[:-1].tolist() == [s for s in snap.record_steps.tolist() if s < k]
            rec = max(s for s in snap.record_steps.tolist() if s <= k)
            j = snap.record_steps.tolist().index(rec)
            assert at.runs[i].loss == snap._loss[i, j] and at.runs[i].test_accuracy == snap._test_acc[i, j]
            assert len(at.batch_losses(i)) == k
    assert snap.at(40).model_steps == (40, 40) and np.array_equal(snap.at(40).params, snap.params)
    assert snap.at(99).step == 40


def test_a_holdout_too_small_to_hold_a_row_out_is_refused_naming_the_key():
    """0.0001 of 1,797 rows rounds to none held out: refused with the numbers, not a silent 0."""
    import pytest

    from engine import PlaygroundError, make_objective

    with pytest.raises(PlaygroundError, match=r"objective\.holdout: 0\.0001 of 1797 rows leaves 0 held out"):
        make_objective({"name": "mlp", "hidden": [4], "holdout": 0.0001})
