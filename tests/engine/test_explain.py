"""engine/explain.py against the session itself and against independent float64 calculations.

The teaching layer's promise: the numbers shown for step k are the engine's numbers at step k. So every preview is
compared bit-for-bit with what ``Session.step(1)`` then does, every traced state with a live session's state, and
every derived quantity (V, m̂, v̂, η_eff, eigenvalues, stability bounds) with a calculation written here from the
formulas, not taken from the engine.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from optimizer_table import TABLE
from textbook import assert_traj_close, naive_quantities, naive_run

from engine import OPTIMIZERS, BatchConfig, BatchSampler, RunSpec, Session, get_optimizer, make_objective
from engine.explain import (
    QUANTITIES,
    StepPreview,
    Tracer,
    gradient_fan,
    preview,
    preview_step,
    quadratic_insight,
    seed_terms,
    snapshot_at,
)

TYPES = list(OPTIMIZERS)

def _featured(row, surface: str) -> dict:
    """The table's setting for ``surface`` with the most options switched on (the rule panel's extra rows)."""
    return max(row.settings(surface), key=lambda hp: sum(hp[k] != v for k, v in row.defaults.items()))


# Settings that keep every rule finite for a few dozen steps on each surface below, from the optimizer table.
HP = {surface: {kind: _featured(row, key) for kind, row in TABLE.items()}
      for surface, key in (("bowl", "bowl"), ("rosenbrock", "rosenbrock"), ("linear_regression", "data"))}


def make_session(name: str, batch: BatchConfig | None = None, types=TYPES, seed: int = 3, hp=None) -> Session:
    if name == "linear_regression":
        obj = make_objective({"name": "linear_regression", "samples": 60, "noise": 0.7, "seed": 5})
        batch = batch or BatchConfig("minibatch", batch_size=8)
    else:
        obj = make_objective({"name": name})
    runs = [RunSpec(t, hyperparams=(hp or HP[name])[t]) for t in types]
    return Session(obj, runs, batch=batch, seed=seed)


# ---- hand-written gradients (no engine code) ------------------------------------------------------------------

def hand_grad(session: Session, q, k: int) -> np.ndarray:
    """∇f at q for step k's batch, from the formulas of each surface."""
    x, y = float(q[0]), float(q[1])
    obj = session.objective
    if obj.name == "bowl":  # f = x²/20 + y²
        return np.array([x / 10.0, 2.0 * y])
    if obj.name == "rosenbrock":  # f = (1 − x)² + 100 (y − x²)²
        return np.array([-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])
    if obj.name == "linear_regression":  # f = mean over the batch of (w x + b − y)²
        rows = session.sampler.batch(k)
        xs, ys = (obj.x, obj.y) if rows is None else (obj.x[rows], obj.y[rows])
        r = x * xs + y - ys
        return np.array([2.0 * np.mean(r * xs), 2.0 * np.mean(r)])
    raise AssertionError(obj.name)


def states_equal(a, b) -> bool:
    return type(a) is type(b) and all(np.array_equal(np.ravel(f), np.ravel(g)) for f, g in zip(a, b))


# ---- previews are the engine's next step, bit for bit ------------------------------------------------------------

@pytest.mark.parametrize("surface", ["bowl", "rosenbrock", "linear_regression"])
def test_preview_step_is_exactly_the_next_step(surface):
    s = make_session(surface)
    for k in range(25):
        previews = [preview_step(s, i) for i in range(len(s.runs))]
        states = [s.state_of(i) for i in range(len(s.runs))]
        params = s.params.copy()
        for i, p in enumerate(previews):  # previewing changes nothing in the session
            assert states_equal(s.state_of(i), states[i])
            assert p.step == k and p.type == s.runs[i].type and p.hp == s.runs[i].hyperparams
            assert np.array_equal(p.point, params[i])
            assert states_equal(p.before, states[i])
        assert np.array_equal(s.params, params) and s.step_count == k
        snap = s.step(1)
        for i, p in enumerate(previews):
            assert snap.runs[i].diverged_at is None
            assert np.array_equal(p.next_point, s.params[i]), (surface, s.runs[i].type, k)
            assert np.array_equal(p.update, s.params[i] - params[i])
            assert states_equal(p.after, s.state_of(i)), (surface, s.runs[i].type, k)
            assert p.next_point.tolist() == list(snap.runs[i].point)


@pytest.mark.parametrize("surface", ["bowl", "rosenbrock", "linear_regression"])
def test_seed_terms_match_the_reference_rules(surface):
    """Step 7's terms (V, h, m, v, m̂, v̂, ρ_t, Δ, η_eff …) are the ones the reference rule of textbook.py computes
    from the formulas for that step, with the gradient written out by hand: same names, same numbers."""
    s = make_session(surface)
    s.step(6)
    k = 6
    for i, r in enumerate(s.runs):
        p = preview_step(s, i)
        T = p.terms
        traj, _, want = naive_run(r.type, r.hyperparams, s.start, lambda q, j: hand_grad(s, q, j), k + 1)
        assert T["t"] == k + 1 and int(np.ravel(p.after.step)[0]) == k + 1
        assert set(T) == {"t", "g", *want}, (r.type, sorted(T), sorted(want))
        assert np.allclose(p.grad, hand_grad(s, p.query, k), rtol=1e-12, atol=1e-14)
        assert_traj_close(p.point, traj[-2], 1e-12, r.type)
        assert_traj_close(p.next_point, traj[-1], 1e-12, r.type)
        for key, v in want.items():
            assert np.allclose(T[key], v, rtol=1e-10, atol=1e-13), (surface, r.type, key, T[key], v)


def test_seed_terms_first_step_by_hand():
    """Step 0 → 1 on the bowl from (−7, 2), every number worked out by hand (g = (−0.7, 4))."""
    obj = make_objective({"name": "bowl"})
    g = np.array([-0.7, 4.0])
    for t, hp in (("momentum", {"lr": 0.1, "momentum": 0.9}), ("adagrad", {"lr": 1.5, "eps": 1e-10}),
                  ("rmsprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
                  ("adam", {"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8})):
        spec = get_optimizer(t)
        hp = spec.resolve(hp)
        init = spec.init(np.zeros((1, 2)))
        state = type(init)(*(np.ravel(f) for f in init))
        p = preview(obj, BatchSampler(BatchConfig(), 0, 0), t, hp, (-7.0, 2.0), state, 0)
        assert np.array_equal(p.grad, g)
        T = p.terms
        if t == "momentum":
            assert np.array_equal(T["V_prev"], [0.0, 0.0])
            assert np.allclose(T["V"], [0.07, -0.4], rtol=1e-15)
            assert np.allclose(p.next_point, [-6.93, 1.6], rtol=1e-15)
        elif t == "adagrad":
            assert np.allclose(T["h"], [0.49, 16.0], rtol=1e-15)
            assert np.allclose(T["eta_eff"], [1.5 / 0.7, 1.5 / 4.0], rtol=1e-9)  # ε = 1e-10
            assert np.allclose(p.next_point, [-5.5, 0.5], rtol=1e-9)  # a first AdaGrad step is η·sign(g)
        elif t == "rmsprop":
            h = 0.01 * g * g
            assert np.allclose(T["h"], h, rtol=1e-15)
            assert np.allclose(p.next_point, [-7 + 0.1, 2 - 0.1], rtol=1e-6)  # η g/√(0.01 g²) = 10 η sign(g)
        else:
            assert T["bc1"] == pytest.approx(0.1) and T["bc2"] == pytest.approx(0.001)
            assert np.allclose(T["m_hat"], g, rtol=1e-13) and np.allclose(T["v_hat"], g * g, rtol=1e-12)
            assert np.allclose(p.next_point, [-7 + 0.3, 2 - 0.3], rtol=1e-8)  # first Adam step: η·sign(g)


@pytest.mark.parametrize("kind", ["momentum", "nag", "nag_bengio"])
def test_v_form_iterates_are_rebuilt_from_the_terms(kind):
    """Chaining the previews: V_prev of step k+1 is V of step k, and the seed's recursion in V reproduces the path."""
    s = make_session("bowl", types=[kind], hp={kind: TABLE[kind].settings("bowl")[0]})  # no decay, no dampening
    hp = s.runs[0].hyperparams
    a, lr = hp["momentum"], hp["lr"]
    x = np.array(s.start)
    V = np.zeros(2)  # the seed's v₋₁ = 0
    prev = None
    for k in range(40):
        p = preview_step(s, 0)
        if prev is not None:
            assert np.array_equal(p.terms["V_prev"], prev.terms["V"])
        # the seed's notation, computed here: V_k = αV_{k−1} − η∇f(·);  x_{k+1} = x_k + V_k  (Bengio: + αV_k − η∇f)
        q = x + a * V if kind == "nag" else x
        g = hand_grad(s, q, k)
        V = a * V - lr * g
        x = x + (a * V - lr * g if kind == "nag_bengio" else V)
        assert np.allclose(p.terms["V"], V, rtol=1e-10, atol=1e-13)
        s.step(1)
        assert np.allclose(s.params[0], x, rtol=1e-10, atol=1e-13)
        prev = p


# ---- the traced state is the session's state ------------------------------------------------------------------

def record_live(session: Session, steps: int, edits: dict | None = None) -> list[list]:
    """Step one at a time, applying ``edits[k] = [(run, values), ...]`` before step k; every state after each step."""
    edits = edits or {}
    out = [[session.state_of(i) for i in range(len(session.runs))]]
    for k in range(steps):
        for run, values in edits.get(k, ()):
            session.set_hyperparams(run, values)
        session.step(1)
        out.append([session.state_of(i) for i in range(len(session.runs))])
    return out


@pytest.mark.parametrize("surface", ["bowl", "linear_regression"])
def test_tracer_states_equal_a_fresh_session(surface):
    s = make_session(surface)
    s.step(30)
    tr = Tracer(s)
    assert tr.steps == 0
    tr.sync()
    assert tr.steps == 30
    fresh = make_session(surface)
    truth = record_live(fresh, 30)
    for k in range(31):
        for i in range(len(s.runs)):
            assert states_equal(tr.state_at(i, k), truth[k][i]), (surface, s.runs[i].type, k)
            assert tr.hp_at(i, k) == s.runs[i].hyperparams


def test_tracer_records_rules_shared_by_several_runs():
    """Runs with the same rule are stepped (and recorded) as one group: each row must land on its own run."""
    types = ["adam", "sgd", "adam", "momentum", "sgd", "adam", "rmsprop", "momentum"]
    s = make_session("bowl", types=types)
    s.set_hyperparams(2, {"lr": 0.05})
    s.set_hyperparams(5, {"beta1": 0.5})
    s.step(12)
    tr = Tracer(s)
    tr.sync()
    fresh = make_session("bowl", types=types)
    fresh.set_hyperparams(2, {"lr": 0.05})
    fresh.set_hyperparams(5, {"beta1": 0.5})
    truth = record_live(fresh, 12)
    for k in range(13):
        for i in range(len(types)):
            assert states_equal(tr.state_at(i, k), truth[k][i]), (types[i], i, k)


def _one_step_tracer(session: Session) -> Tracer:
    """A Tracer that records one step at a time (the path taken when advance_recorded cannot)."""
    tr = Tracer(session)
    tr.replica.advance_recorded = lambda n: None
    return tr


@pytest.mark.parametrize("surface", ["bowl", "rosenbrock"])
def test_tracer_recording_whole_chunks_equals_recording_one_step_at_a_time(surface):
    """The float path records up to 4,096 steps (or up to the next live edit) in one call; its table must be the
    one-step-at-a-time table bit for bit, with runs that diverge on the way (frozen with their last state)."""
    types = TYPES + ["sgd", "adam"]
    runs = [RunSpec(t, hyperparams=HP[surface][t]) for t in TYPES]
    runs += [RunSpec("sgd", hyperparams={"lr": 3.0}), RunSpec("adam", hyperparams={"lr": 50.0})]  # both diverge
    s = Session(make_objective({"name": surface}), runs, seed=3)
    s.step(40)
    s.set_hyperparams(1, {"lr": HP[surface]["momentum"]["lr"] / 2})
    s.step(25)
    s.set_hyperparams(len(types) - 1, {"beta1": 0.5})
    s.step(5000)
    assert s.snapshot().runs[-2].diverged_at is not None
    probe = Session(make_objective({"name": surface}), runs, seed=3)
    assert probe.advance_recorded(40) is not None  # the chunked path is really the one taken
    whole, single = Tracer(s), _one_step_tracer(s)
    whole.sync()
    single.sync()
    assert whole.steps == single.steps == 5065
    assert np.array_equal(whole._raw[: whole._n], single._raw[: single._n], equal_nan=True)


def test_tracer_follows_a_run_that_diverges_inside_a_chunk():
    runs = [RunSpec("momentum", hyperparams={"lr": 0.05, "momentum": 0.9}), RunSpec("sgd", hyperparams={"lr": 1.02})]
    s = Session(make_objective({"name": "bowl"}), runs)  # SGD with lr > 2/λmax = 1 grows ×1.04 a step: diverges
    s.step(3000)
    d = s.snapshot().runs[1].diverged_at
    assert d is not None and 100 < d < 3000
    tr = Tracer(s)
    tr.sync()
    fresh = Session(make_objective({"name": "bowl"}), runs)
    truth = record_live(fresh, 3000)
    for k in (0, 1, d - 2, d - 1, d, d + 1, 2999, 3000):
        for i in range(2):
            assert states_equal(tr.state_at(i, k), truth[k][i]), (i, k, d)


def test_tracer_quantity_on_chosen_rows_equals_the_whole_history_at_those_rows():
    """What the state plot asks for (a decimated set of steps) is the full quantity at those steps, edits included."""
    s = make_session("bowl")
    s.step(7)
    s.set_hyperparams(4, {"lr": 0.2})  # adagrad
    s.set_hyperparams(6, {"lr": 0.05, "beta2": 0.9})  # adam
    s.step(9)
    s.set_hyperparams(4, {"lr": 0.4})
    s.step(15)
    tr = Tracer(s)
    tr.sync()
    for rows in (np.arange(32), np.array([0, 3, 7, 8, 15, 16, 30, 31]), np.array([31]), np.arange(8, 17)):
        for i in range(len(s.runs)):
            for name in QUANTITIES:
                whole = tr.quantity(i, name)
                assert np.array_equal(tr.quantity(i, name, rows), whole[rows], equal_nan=True), (i, name, rows)


def test_tracer_replays_live_edits_at_their_steps():
    edits = {4: [(0, {"lr": 0.1}), (1, {"momentum": 0.5})], 9: [(6, {"beta1": 0.5, "lr": 0.05})],
             13: [(4, {"lr": 0.2}), (0, {"lr": 0.2})]}
    s = make_session("bowl")
    initial = [dict(r.hyperparams) for r in s.runs]
    tr = Tracer(s)
    truth = record_live(s, 20, edits)  # the live session, edited at steps 4, 9 and 13
    tr.sync()
    assert tr.steps == 20
    for k in range(21):
        for i in range(len(s.runs)):
            assert states_equal(tr.state_at(i, k), truth[k][i]), (s.runs[i].type, k)
    # hp_at(run, k): the settings the step k → k + 1 used
    expect = [dict(h) for h in initial]
    for k in range(20):
        for run, values in edits.get(k, ()):
            expect[run].update(values)
        for i in range(len(s.runs)):
            assert tr.hp_at(i, k) == expect[i], (i, k)
    assert tr.hp_at(0, 3)["lr"] == 0.3 and tr.hp_at(0, 4)["lr"] == 0.1 and tr.hp_at(0, 13)["lr"] == 0.2
    # previews of past steps reproduce the recorded trajectory and states
    snap = s.snapshot()
    for i in range(len(s.runs)):
        traj = snap.trajectory(i)
        for k in range(20):
            p = tr.preview_at(i, k, traj[:, k])
            assert np.array_equal(p.next_point, traj[:, k + 1]), (s.runs[i].type, k)
            assert states_equal(p.after, truth[k + 1][i])


def test_tracer_syncs_incrementally():
    s = make_session("linear_regression")
    tr = Tracer(s)
    truth = [[s.state_of(i) for i in range(len(s.runs))]]
    for n in (1, 3, 0, 7, 2):
        for _ in range(n):
            s.step(1)
            truth.append([s.state_of(i) for i in range(len(s.runs))])
        tr.sync()
        assert tr.steps == s.step_count
    s.set_hyperparams(2, {"lr": 0.001})
    for _ in range(5):
        s.step(1)
        truth.append([s.state_of(i) for i in range(len(s.runs))])
        tr.sync()
    for k, row in enumerate(truth):
        for i, st in enumerate(row):
            assert states_equal(tr.state_at(i, k), st)


def test_tracer_after_reset_without_edits():
    s = make_session("bowl")
    s.step(12)
    s.reset()
    truth = record_live(s, 8)
    tr = Tracer(s)
    tr.sync()
    assert tr.steps == 8
    for k in range(9):
        for i in range(len(s.runs)):
            assert states_equal(tr.state_at(i, k), truth[k][i])


def test_tracer_after_reset_with_earlier_live_edits():
    """Reset keeps the edited settings (the race restarts with them from step 0): the trace must follow that race,
    not replay the old edits at the steps where they were once made."""
    s = make_session("bowl")
    s.step(3)
    s.set_hyperparams(1, {"lr": 0.05})
    s.set_hyperparams(6, {"beta1": 0.5})
    s.step(5)
    s.reset()
    assert s.runs[1].hyperparams["lr"] == 0.05
    truth = record_live(s, 10)
    tr = Tracer(s)
    tr.sync()
    for k in range(10):
        assert tr.hp_at(1, k)["lr"] == 0.05 and tr.hp_at(6, k)["beta1"] == 0.5
    for k in range(11):
        for i in range(len(s.runs)):
            assert states_equal(tr.state_at(i, k), truth[k][i]), (s.runs[i].type, k)
    # and a session built with those settings from the start traces the same
    fresh = Session(s.objective, list(s.runs), s.start, s.batch_config, s.seed)
    other = record_live(fresh, 10)
    for k in range(11):
        for i in range(len(s.runs)):
            assert states_equal(other[k][i], truth[k][i])


def test_tracer_quantities_by_hand():
    s = make_session("bowl")
    truth = record_live(s, 25)
    tr = Tracer(s)
    tr.sync()
    n = 26
    for i, r in enumerate(s.runs):
        hp, t = r.hyperparams, r.type
        steps = np.array([int(np.ravel(truth[k][i].step)[0]) for k in range(n)])
        assert steps.tolist() == list(range(n))
        for name in QUANTITIES:
            q = tr.quantity(i, name)
            assert q.shape == (n, 2)
            want = np.full((n, 2), np.nan)
            for k in range(n):
                st = {f: np.ravel(v).tolist() for f, v in truth[k][i]._asdict().items() if f != "step"}
                if name == "lr":  # every run, from step 0: no schedule here, so η at every step
                    want[k, 0] = hp["lr"]
                    continue
                v = naive_quantities(t, hp, st, k).get(name)
                if v is not None:
                    want[k, :np.size(v)] = v
            assert np.array_equal(np.isnan(q), np.isnan(want)), (t, name)
            ok = ~np.isnan(want)
            assert np.allclose(q[ok], want[ok], rtol=1e-13, atol=0), (t, name)
    # AdaGrad's η_eff never grows; with g ≠ 0 it strictly shrinks
    ada = TYPES.index("adagrad")
    q = tr.quantity(ada, "eta_eff")
    assert np.all(np.isnan(q[0])) and np.all(np.diff(q[1:], axis=0) <= 0)


# ---- scrubbing --------------------------------------------------------------------------------------------------

def test_snapshot_at_is_the_trajectory_at_step_k():
    obj = make_objective({"name": "bowl"})
    runs = [RunSpec("sgd", hyperparams={"lr": 1.2}),  # |1 − 2·1.2| = 1.4 > 1: diverges around step 53
            RunSpec("momentum", hyperparams={"lr": 0.1, "momentum": 0.9}),
            RunSpec("adam", hyperparams={"lr": 0.3})]
    s = Session(obj, runs)
    snap = s.step(80)
    d = snap.runs[0].diverged_at
    assert d is not None and 10 < d < 80
    for k in range(81):
        at = snapshot_at(snap, k)
        fresh = Session(obj, runs).step(k)  # an independent session stopped at k
        assert at.step == k == fresh.step and at.epoch == fresh.epoch and at.iteration == fresh.iteration
        for i, (r, f) in enumerate(zip(at.runs, fresh.runs)):
            j = min(k, snap.runs[i].n_points - 1)
            assert r.point == tuple(snap.trajectory(i)[:, j].tolist()) == f.point
            assert r.loss == snap.losses(i)[j] == f.loss
            assert r.n_points == f.n_points == j + 1
            assert r.diverged_at == f.diverged_at
            assert np.array_equal(at.trajectory(i), fresh.trajectory(i))
            assert np.array_equal(at.losses(i), fresh.losses(i))
        assert (at.runs[0].diverged_at is None) == (k < d)
    assert snapshot_at(snap, 10_000).step == 80 and snapshot_at(snap, -5).step == 0


def test_snapshot_at_with_minibatches_keeps_epoch_and_batch_loss():
    s = make_session("linear_regression", types=["sgd", "adam"])
    snap = s.step(40)
    for k in (0, 1, 6, 7, 8, 23, 40):
        at = snapshot_at(snap, k)
        fresh = make_session("linear_regression", types=["sgd", "adam"]).step(k)
        assert (at.step, at.epoch, at.iteration) == (fresh.step, fresh.epoch, fresh.iteration)
        assert at.iterations_per_epoch == 60 // 8
        for r, f in zip(at.runs, fresh.runs):
            assert r.point == f.point and r.loss == f.loss and r.batch_loss == f.batch_loss


# ---- quadratic insight ------------------------------------------------------------------------------------------

def heavy_ball_rate(lr: float, mu: float, lams) -> float:
    """Spectral radius of x_{k+1} = x_k − η λ x_k + μ (x_k − x_{k−1}) over the eigenvalues: worst contraction."""
    worst = 0.0
    for lam in lams:
        M = np.array([[1 + mu - lr * lam, -mu], [1.0, 0.0]])
        worst = max(worst, max(abs(np.linalg.eigvals(M))))
    return worst


def test_quadratic_insight_for_the_bowl():
    q = quadratic_insight(make_objective({"name": "bowl"}))
    assert np.allclose(q.hessian, [[0.1, 0], [0, 2.0]], rtol=0, atol=0)
    assert np.allclose(q.eigenvalues, [0.1, 2.0], rtol=1e-15)
    assert np.allclose(np.abs(q.eigenvectors), np.eye(2))
    assert q.center == (0.0, 0.0)
    assert q.condition == pytest.approx(20.0, rel=1e-14)
    assert q.lr_max_gd == pytest.approx(1.0, rel=1e-15)
    assert q.lr_best_gd == pytest.approx(2 / 2.1, rel=1e-15)
    assert q.lr_best_momentum == pytest.approx(4 / (math.sqrt(2) + math.sqrt(0.1)) ** 2, rel=1e-14)
    rk = math.sqrt(20)
    assert q.momentum_best == pytest.approx(((rk - 1) / (rk + 1)) ** 2, rel=1e-14)
    # GD at 2/(λ₁+λ₂) contracts by (κ−1)/(κ+1) = 19/21, and no η does better
    assert heavy_ball_rate(q.lr_best_gd, 0.0, (0.1, 2.0)) == pytest.approx(19 / 21, rel=1e-12)
    assert min(heavy_ball_rate(lr, 0.0, (0.1, 2.0)) for lr in np.linspace(0.01, 1.0, 400)) >= 19 / 21 - 1e-12
    # heavy ball at its optimum contracts by √μ* = (√κ−1)/(√κ+1); a grid of (η, μ) finds nothing better
    best = heavy_ball_rate(q.lr_best_momentum, q.momentum_best, (0.1, 2.0))
    assert best == pytest.approx((rk - 1) / (rk + 1), rel=1e-6)
    grid = min(heavy_ball_rate(lr, mu, (0.1, 2.0))
               for lr in np.linspace(0.2, 3.0, 57) for mu in np.linspace(0.0, 0.95, 39))
    assert grid >= best - 1e-9
    assert q.lr_limit("adagrad", {"lr": 1}) is None and q.lr_limit("rmsprop", {}) is None
    assert q.lr_limit("adam", {}) is None


def test_quadratic_insight_for_linear_regression():
    obj = make_objective({"name": "linear_regression", "samples": 120, "noise": 0.3, "seed": 11})
    x = np.asarray(obj.x)
    H = 2.0 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    w, V = np.linalg.eigh(H)
    q = quadratic_insight(obj)
    assert np.allclose(q.hessian, H, rtol=1e-13)
    assert np.allclose(q.eigenvalues, w, rtol=1e-12)
    for j in range(2):  # eigenvectors up to sign, and really eigenvectors of H
        assert abs(abs(float(q.eigenvectors[:, j] @ V[:, j])) - 1.0) < 1e-12
        assert np.allclose(H @ q.eigenvectors[:, j], w[j] * q.eigenvectors[:, j], atol=1e-12)
    assert q.condition == pytest.approx(w[1] / w[0], rel=1e-12)
    assert q.lr_max_gd == pytest.approx(2 / w[1], rel=1e-12)
    assert q.lr_best_gd == pytest.approx(2 / (w[0] + w[1]), rel=1e-12)
    A = np.column_stack([x, np.ones_like(x)])
    sol = np.linalg.lstsq(A, np.asarray(obj.y), rcond=None)[0]
    assert np.allclose(q.center, sol, rtol=1e-10)
    # the loss really is that quadratic: f(θ) − f(θ*) = ½ (θ − θ*)ᵀ H (θ − θ*)
    for th in ([1.0, -2.0], [3.5, 0.25]):
        d = np.array(th) - sol
        lhs = float(obj.value(np.array([th]))[0] - obj.value(sol.reshape(1, 2))[0])
        assert lhs == pytest.approx(0.5 * d @ H @ d, rel=1e-9)


def test_quadratic_insight_is_none_elsewhere():
    for name in ("rosenbrock", "saddle", "rastrigin", "himmelblau"):
        assert quadratic_insight(make_objective({"name": name})) is None
    assert quadratic_insight(make_objective({"name": "logistic_regression", "samples": 50})) is None


# ---- the stability bounds are true ------------------------------------------------------------------------------

def _run(obj, kind: str, hp: dict, steps: int) -> tuple[float, float, int | None]:
    s = Session(obj, [RunSpec(kind, hyperparams=hp)])
    loss0 = float(s.snapshot().runs[0].loss)
    snap = s.step(steps)
    return loss0, float(snap.runs[0].loss), snap.runs[0].diverged_at


@pytest.mark.parametrize("kind,hp", [
    ("sgd", {}), ("momentum", {"momentum": 0.5}), ("momentum", {"momentum": 0.9}), ("nag", {"momentum": 0.5}),
    ("nag", {"momentum": 0.9}), ("nag_bengio", {"momentum": 0.5}), ("nag_bengio", {"momentum": 0.9}),
    ("sgd", {"weight_decay": 0.5}), ("momentum", {"momentum": 0.7, "weight_decay": 0.3}),
    ("momentum", {"momentum": 0.8, "dampening": 0.4}), ("momentum", {"momentum": 0.0, "dampening": 0.6}),
    ("momentum", {"momentum": 0.6, "dampening": 0.25, "weight_decay": 1.0}),
    ("nag", {"momentum": 0.7, "weight_decay": 0.4}), ("nag_bengio", {"momentum": 0.7, "weight_decay": 0.4})])
def test_lr_limit_separates_convergence_from_divergence_on_the_bowl(kind, hp):
    obj = make_objective({"name": "bowl"})
    q = quadratic_insight(obj)
    limit = q.lr_limit(kind, hp)
    # the bound from the characteristic polynomial on λ_max = 2 (plus the weight decay λ), written out in the table
    assert limit == pytest.approx(TABLE[kind].bound({**TABLE[kind].defaults, **hp}, 2.0), rel=1e-15)
    steps = 3000
    loss0, loss, div = _run(obj, kind, {**hp, "lr": 0.98 * limit}, steps)
    assert div is None and loss < 1e-12 * loss0, (kind, hp, loss)
    loss0, loss, div = _run(obj, kind, {**hp, "lr": 1.02 * limit}, steps)
    assert div is not None or loss > 1e6 * loss0, (kind, hp, loss)


def test_full_dampening_has_no_bound():
    """τ = 1: after its first step b only decays (b ← αb), so the run stops wherever it got to, at any η."""
    obj = make_objective({"name": "bowl"})
    hp = {"momentum": 0.9, "dampening": 1.0}
    assert quadratic_insight(obj).lr_limit("momentum", hp) is None
    _, _, div = _run(obj, "momentum", {**hp, "lr": 0.4}, 200)
    assert div is None


@pytest.mark.parametrize("kind,mu", [("sgd", None), ("momentum", 0.8), ("nag", 0.8)])
def test_lr_limit_is_true_for_full_batch_linear_regression(kind, mu):
    obj = make_objective({"name": "linear_regression", "samples": 80, "noise": 0.5, "seed": 2})
    q = quadratic_insight(obj)
    hp = {} if mu is None else {"momentum": mu}
    limit = q.lr_limit(kind, hp)
    f_min = float(obj.value(np.array([q.center]))[0])
    loss0, loss, div = _run(obj, kind, {**hp, "lr": 0.97 * limit}, 4000)
    assert div is None and loss - f_min < 1e-9 * (loss0 - f_min)
    loss0, loss, div = _run(obj, kind, {**hp, "lr": 1.03 * limit}, 4000)
    assert div is not None or loss > 1e6 * loss0


# ---- mini-batch gradient fan ------------------------------------------------------------------------------------

def test_gradient_fan_samples_are_batch_gradients():
    obj = make_objective({"name": "linear_regression", "samples": 50, "noise": 1.0, "seed": 4})
    x, y = np.asarray(obj.x), np.asarray(obj.y)
    point = (0.5, 1.5)
    fan = gradient_fan(obj, point, 6, k=24, seed=9)
    assert fan.samples.shape == (24, 2) and fan.batch_size == 6
    r_all = point[0] * x + point[1] - y
    assert np.allclose(fan.full, [2 * np.mean(r_all * x), 2 * np.mean(r_all)], rtol=1e-12)
    # the same draws, replayed: batches of 6 distinct rows, each sample that batch's gradient by hand
    rng = np.random.default_rng([9, 0xFA7])
    for g in fan.samples:
        rows = rng.choice(50, 6, replace=False)
        assert len(set(rows.tolist())) == 6
        r = point[0] * x[rows] + point[1] - y[rows]
        assert np.allclose(g, [2 * np.mean(r * x[rows]), 2 * np.mean(r)], rtol=1e-12, atol=1e-14)
    d = np.sqrt(np.mean(np.sum((fan.samples - fan.full) ** 2, axis=1)))
    assert fan.spread == pytest.approx(d / math.hypot(*fan.full), rel=1e-12)
    # deterministic per seed, different across seeds
    assert np.array_equal(gradient_fan(obj, point, 6, k=24, seed=9).samples, fan.samples)
    assert not np.array_equal(gradient_fan(obj, point, 6, k=24, seed=10).samples, fan.samples)


@pytest.mark.parametrize("name", ["linear_regression", "logistic_regression"])
def test_gradient_fan_mean_approaches_the_full_gradient(name):
    obj = make_objective({"name": name, "samples": 40, "noise": 0.8, "seed": 1})
    point = (1.0, -0.5)
    fan = gradient_fan(obj, point, 5, k=4000, seed=2)
    sd = fan.samples.std(axis=0)
    err = np.abs(fan.samples.mean(axis=0) - fan.full)
    assert np.all(err < 5 * sd / math.sqrt(4000)), (err, sd)
    # bigger batches, smaller spread (variance shrinks with B and with the finite-population correction)
    spreads = [gradient_fan(obj, point, b, k=600, seed=3).spread for b in (2, 10, 40)]
    assert spreads[0] > spreads[1] > spreads[2] and spreads[2] < 1e-12  # B = n: every batch is the whole set
    # batch sizes beyond the data are clamped
    assert gradient_fan(obj, point, 1000, k=3).batch_size == 40


def test_gradient_fan_is_none_for_analytic_surfaces():
    for name in ("bowl", "rosenbrock", "saddle"):
        assert gradient_fan(make_objective({"name": name}), (1.0, 1.0), 8) is None
    obj = make_objective({"name": "formula", "expr": "x**2 + y**2"})
    assert gradient_fan(obj, (1.0, 1.0), 8) is None


def test_preview_is_a_frozen_record():
    s = make_session("bowl", types=["adam"])
    p = preview_step(s, 0)
    assert isinstance(p, StepPreview)
    with pytest.raises(AttributeError):
        p.step = 3  # type: ignore[misc]
    assert seed_terms("sgd", {"lr": 0.1}, np.zeros(2), p.before, p.after, np.zeros(2))["t"] == 1


def test_traced_quantity_uses_the_learning_rate_each_step_used():
    """After a live lr edit at step s, eta_eff from step s on uses the new lr; earlier steps keep the old one."""
    from engine import RunSpec, Session, make_objective
    from engine.explain import Tracer

    s = Session(make_objective({"name": "bowl"}), [RunSpec("adagrad", hyperparams={"lr": 0.5})])
    s.step(4)
    s.set_hyperparams(0, {"lr": 0.1})
    s.step(3)
    t = Tracer(s)
    t.sync()
    q = t.quantity(0, "eta_eff")
    assert np.all(np.isnan(q[0]))  # before the first step: no gradient seen, no rate
    for k in range(1, 8):
        lr = 0.5 if k < 4 else 0.1
        h = t.state_at(0, k).sum
        assert np.array_equal(q[k], lr / (np.sqrt(h) + 1e-10))


def test_adadeltas_ratio_row_is_its_own_number_even_at_a_zero_learning_rate():
    """The row √(u + ε)/√(h + ε) was η_eff/η: 0/0 (a NaN and a warning, seen in the soak) when η = 0."""
    import warnings

    from engine.explain import rule_rows

    for lr in (0.0, 1.0):
        s = make_session("bowl", types=["adadelta"], hp={"bowl": {"adadelta": {"lr": lr}}}["bowl"])
        s.step(2)
        p = preview_step(s, 0)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            rows = rule_rows(p)
        text = " ".join(r.text for r in rows)
        assert "nan" not in text
        if lr:  # the same number as η_eff/η where that is defined
            from engine.explain import fmt

            assert fmt(p.terms["eta_eff"] / lr) in text
