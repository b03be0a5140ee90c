"""The engine's fast paths give bit-identical results to the plain array path they shortcut.

* the session's float path (a few runs, Python floats through exact kernel replicas) vs its array path;
* each objective's ``point_functions`` vs its vectorised ``_f``/``_df``;
* ``Swarm`` vs a ``Session`` holding the same runs;
* ``GridJob`` pieces vs ``grid``; history kept in blocks vs what snapshots show.
"""

import math

import numpy as np
import pytest

from optimizer_table import TABLE

import engine.session as session_mod
from engine import OPTIMIZERS, BatchConfig, RunSpec, Session, Swarm, make_objective

# Per rule: its table settings for the float path, the first with every option off, the last with options on.
HP = {kind: row.fast[0] for kind, row in TABLE.items()}
HP_OPTIONS = {kind: row.fast[-1] for kind, row in TABLE.items()}
FLOAT_OBJECTIVES = [{"name": "bowl"}, {"name": "rosenbrock"}, {"name": "rosenbrock", "a": 0.5, "b": 30.0},
                    {"name": "beale"}, {"name": "himmelblau"}, {"name": "rastrigin"}, {"name": "saddle"},
                    {"name": "four_wells"}, {"name": "plateau"}, {"name": "linear_regression", "samples": 500}]


def _runs(kinds, hp=HP, starts=None):
    return [RunSpec(k, f"{k}-{i}", dict(hp[k]), start=None if starts is None else starts[i])
            for i, k in enumerate(kinds)]


def _array_session(monkeypatch, *args, **kw):
    with monkeypatch.context() as m:
        m.setattr(session_mod, "FLOAT_PATH_MAX_RUNS", 0)
        s = Session(*args, **kw)
    assert s._point is None
    return s


def _same(a, b):
    """Snapshots with identical runs, trajectories, losses and batch losses (nan == nan), and identical states."""
    (sa, snap_a), (sb, snap_b) = a, b
    assert snap_a.step == snap_b.step
    assert snap_a.runs == snap_b.runs
    for i in range(len(snap_a.runs)):
        np.testing.assert_array_equal(snap_a.trajectory(i), snap_b.trajectory(i))
        np.testing.assert_array_equal(snap_a.losses(i), snap_b.losses(i))
        for fa, fb in zip(sa.state_of(i), sb.state_of(i)):
            np.testing.assert_array_equal(fa, fb)


@pytest.mark.parametrize("options", [False, True], ids=["defaults", "options"])
@pytest.mark.parametrize("settings", FLOAT_OBJECTIVES, ids=lambda s: "-".join(map(str, s.values())))
def test_float_path_matches_array_path(monkeypatch, settings, options):
    obj = make_objective(settings)
    runs = _runs(list(OPTIMIZERS), HP_OPTIONS if options else HP)
    fast = Session(obj, runs)
    slow = _array_session(monkeypatch, obj, runs)
    assert fast._point is not None
    for n in (1, 2, 7, 300):
        _same((fast, fast.step(n)), (slow, slow.step(n)))


@pytest.mark.parametrize("options", [False, True], ids=["defaults", "options"])
@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_float_path_single_run_long(monkeypatch, kind, options):
    obj = make_objective({"name": "rosenbrock"})
    hp = {k: {**v, "lr": v["lr"] / 10} for k, v in (HP_OPTIONS if options else HP).items()}
    fast, slow = Session(obj, _runs([kind], hp)), _array_session(monkeypatch, obj, _runs([kind], hp))
    _same((fast, fast.step(3000)), (slow, slow.step(3000)))


def test_float_path_divergence_and_frozen_runs(monkeypatch):
    obj = make_objective({"name": "rosenbrock"})
    # every rule at its table rate and at 100 times it: plain gradient steps blow up there, adaptive ones do not
    hp = {k: {**v, "lr": 100 * v["lr"]} for k, v in HP_OPTIONS.items()}
    runs = _runs(list(OPTIMIZERS), HP) + [RunSpec(k, f"{k}-fast", hp[k]) for k in OPTIMIZERS][:16 - len(HP)]
    fast, slow = Session(obj, runs), _array_session(monkeypatch, obj, runs)
    for n in (1, 3, 40, 500):
        _same((fast, fast.step(n)), (slow, slow.step(n)))
    snap = fast.snapshot()
    assert any(r.diverged_at is not None for r in snap.runs) and any(r.diverged_at is None for r in snap.runs)


def test_float_path_live_edits_and_reset(monkeypatch):
    obj = make_objective({"name": "bowl"})
    runs = _runs(list(OPTIMIZERS) + ["adam"])
    fast, slow = Session(obj, runs), _array_session(monkeypatch, obj, runs)
    for s in (fast, slow):
        s.step(10)
        s.set_hyperparams(1, {"lr": 0.2})
        s.set_hyperparams(7, {"beta1": 0.5})
        s.step(7)
        s.set_hyperparams(0, {"lr": 1e-3})
    _same((fast, fast.step(30)), (slow, slow.step(30)))
    assert fast.edits == slow.edits == [(10, 1, {"lr": 0.2}), (10, 7, {"beta1": 0.5}), (17, 0, {"lr": 1e-3})]
    assert fast.initial_runs[1].hyperparams["lr"] == HP["momentum"]["lr"]
    fast.reset()  # the edited settings stay and become the new starting ones
    assert fast.edits == [] and fast.initial_runs == tuple(fast.runs)
    assert fast.initial_runs[1].hyperparams["lr"] == 0.2


def test_eps_zero_falls_back_to_the_array_path(monkeypatch):
    obj = make_objective({"name": "bowl"})
    runs = [RunSpec("adagrad", hyperparams={"lr": 0.5, "eps": 0.0}, start=(0.0, 0.0)),  # 0/0 at the minimum
            RunSpec("adam", hyperparams={"lr": 0.1, "eps": 0.0})]
    fast, slow = Session(obj, runs), _array_session(monkeypatch, obj, runs)
    _same((fast, fast.step(25)), (slow, slow.step(25)))


def test_array_path_objectives_unchanged_by_layout(monkeypatch):
    # the array path keeps (R, 2) column-major; a plain C-ordered kernel loop must give the same numbers
    obj = make_objective({"name": "beale"})
    s = _array_session(monkeypatch, obj, _runs(list(OPTIMIZERS)))
    snap = s.step(200)
    for i, r in enumerate(s.runs):
        # replay run i alone with a plain C-ordered kernel loop
        spec = OPTIMIZERS[r.type]
        hp = {k: np.array([[v]]) for k, v in r.hyperparams.items()}
        P = np.array([obj.start])
        st = spec.init(P)
        with np.errstate(all="ignore"):
            for _ in range(200):
                if snap.runs[i].diverged_at is not None:
                    break
                P, st = spec.update(obj.grad(spec.query(P, st, hp)), st, P, hp)
        if snap.runs[i].diverged_at is None:
            np.testing.assert_array_equal(snap.trajectory(i)[:, -1], P[0])


@pytest.mark.parametrize("settings", FLOAT_OBJECTIVES, ids=lambda s: "-".join(map(str, s.values())))
def test_point_functions_are_exact_replicas(settings):
    obj = make_objective(settings)
    f, df = obj.point_functions()
    rng = np.random.default_rng(0)
    pts = np.concatenate([rng.uniform(-3, 3, (400, 2)), rng.normal(0, 1e4, (50, 2)), rng.normal(0, 1e150, (20, 2)),
                          [[np.inf, 1.0], [np.nan, 0.0], [-np.inf, np.inf], [0.0, 0.0], [-0.0, 1e-300]]])
    with np.errstate(all="ignore"):
        v, g = obj.value(pts), obj.grad(pts)
        for (x, y), vv, gg in zip(pts.tolist(), v, g):
            fx = f(x, y)
            assert type(fx) is float and (fx == vv or (math.isnan(fx) and math.isnan(vv)))
            for a, b in zip(df(x, y), gg):
                assert type(a) is float and (a == b or (math.isnan(a) and math.isnan(b)))


def test_no_float_path_where_it_cannot_be_exact():
    for settings in ({"name": "formula", "expr": "x**2 + y**2"}, {"name": "logistic_regression", "samples": 50}):
        assert make_objective(settings).point_functions() is None
    lin = make_objective({"name": "linear_regression", "samples": 100})
    assert Session(lin, [RunSpec("sgd")], batch=BatchConfig("minibatch", 10))._point is None
    assert Session(lin, [RunSpec("sgd")] * 17)._point is None  # too many runs


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_swarm_matches_session(kind):
    obj = make_objective({"name": "himmelblau"})
    starts = np.random.default_rng(3).uniform(-5, 5, (40, 2))
    hp = {**HP[kind], "lr": HP[kind]["lr"] * 2}
    sw = Swarm(obj, kind, starts, hp)
    s = Session(obj, [RunSpec(kind, hyperparams=hp, start=tuple(p)) for p in starts])
    sw.step(150)
    snap = s.step(150)
    np.testing.assert_array_equal(sw.positions, np.array([r.point for r in snap.runs]))
    np.testing.assert_array_equal(sw.losses, np.array([r.loss for r in snap.runs]))
    np.testing.assert_array_equal(sw.diverged_at, [-1 if r.diverged_at is None else r.diverged_at for r in snap.runs])
    assert sw.step_count == 150 and len(sw) == 40


def test_swarm_minibatch_edits_and_bad_starts():
    obj = make_objective({"name": "logistic_regression", "samples": 200})
    starts = np.array([[0.0, 0.0], [1.0, -1.0], [2.0, 0.5]])
    batch = BatchConfig("minibatch", 16)
    sw = Swarm(obj, "adam", starts, {"lr": 0.1}, batch=batch, seed=4)
    s = Session(obj, [RunSpec("adam", hyperparams={"lr": 0.1}, start=tuple(p)) for p in starts], batch=batch, seed=4)
    sw.step(5)
    s.step(5)
    sw.set_hyperparams({"lr": 0.01})
    for i in range(3):
        s.set_hyperparams(i, {"lr": 0.01})
    sw.step(20)
    snap = s.step(20)
    np.testing.assert_array_equal(sw.positions, np.array([r.point for r in snap.runs]))
    held = sw.positions
    sw.step(1)
    assert not held.flags.writeable and not np.array_equal(held, sw.positions)
    formula = make_objective({"name": "formula", "expr": "log(x) + y**2"})
    sw = Swarm(formula, "sgd", [[1.0, 1.0], [-1.0, 1.0]], {"lr": 0.01})
    assert sw.diverged_at.tolist() == [-1, 0]
    sw.step(3)
    assert sw.positions[1].tolist() == [-1.0, 1.0]


def test_history_blocks_and_snapshot_views():
    obj = make_objective({"name": "formula", "expr": "(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2"})
    starts = np.random.default_rng(5).uniform(-1, 1, (37, 2))
    s = Session(obj, [RunSpec("adam", hyperparams={"lr": 0.01}, start=tuple(p)) for p in starts])
    assert len(s._blocks) == 13  # 37 runs in blocks of 3
    early = s.step(100)
    late = s.step(400)  # grows the history past 256 steps
    for i in (0, 2, 3, 36):
        np.testing.assert_array_equal(early.trajectory(i), late.trajectory(i)[:, :101])
        assert early.trajectory(i).shape == (2, 101) and not late.trajectory(i).flags.writeable
        assert late.trajectory(i)[:, 500].tolist() == list(late.runs[i].point)
        assert late.losses(i)[500] == late.runs[i].loss
        assert late.batch_losses(i) is None
    assert not late.records_batch_loss
    with pytest.raises(IndexError):
        late.trajectory(37)


def test_grid_job_matches_grid():
    for settings in ({"name": "rosenbrock"}, {"name": "linear_regression", "samples": 300}):
        obj = make_objective(settings)
        job = obj.grid_job(60)
        assert job.step(10.0) and job.progress == 1.0
        for a, b in zip((job.xs, job.ys, job.Z), obj.grid(60)):
            np.testing.assert_array_equal(a, b)
    obj = make_objective({"name": "logistic_regression", "samples": 3000})
    job = obj.grid_job(40)
    job.step(0.0)  # one piece only
    assert 0 < job.computed < 1600 and np.isnan(job.Z.ravel()[job.computed:]).all()
    xs, ys, Z = job.run()
    np.testing.assert_array_equal(Z, obj.grid(40)[2])
    W, B = np.meshgrid(xs, ys)
    np.testing.assert_allclose(Z, obj.value(np.column_stack([W.ravel(), B.ravel()])).reshape(40, 40), rtol=1e-13)
