"""The presets (resources/presets/*.json) and the default scene: each loads, runs, and says only true things.

Every numeric or behavioural claim in a preset's description is checked here against the engine's run of that very
preset, and where possible against a calculation written out in the test. When a description changes, the matching
test below should change with it (the quoted phrases are asserted to still be in the text).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from engine import DEFAULT_SCENE, RESOURCES, load_scene, save_scene
from engine.explain import Tracer, quadratic_insight

PRESETS = sorted((RESOURCES / "presets").glob("*.json"))
ALL = [DEFAULT_SCENE, *PRESETS]


@functools.cache
def race(name: str):
    """(scene, session, snapshot, tracer) of a preset run for its own number of steps (computed once per module)."""
    path = DEFAULT_SCENE if name == DEFAULT_SCENE.stem else RESOURCES / "presets" / f"{name}.json"
    scene = load_scene(path)
    session = scene.build_session()
    tracer = Tracer(session)
    snap = session.step(scene.steps)
    tracer.sync()
    return scene, session, snap, tracer


def run_index(scene, label: str) -> int:
    return [r.label for r in scene.optimizers].index(label)


def test_the_presets_are_there():
    assert [p.stem for p in PRESETS] == ["02_zigzag_gd", "03_momentum_vs_nag", "04_adagrad_vs_rmsprop",
                                         "05_saddle_escape", "06_rastrigin_local_minima", "07_batch_sizes",
                                         "08_adam_bias_correction", "09_book_vs_torch"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_preset_loads_runs_and_round_trips(path, tmp_path):
    scene = load_scene(path)
    assert scene.title["en"] and scene.title["ko"] and min(len(v) for v in scene.description.values()) > 80
    assert scene.steps > 0 and all(r.enabled for r in scene.optimizers)
    labels = [r.label for r in scene.optimizers]
    assert len(set(labels)) == len(labels) and all(r.color for r in scene.optimizers)
    *_, snap, _ = race(path.stem)
    assert snap.step == scene.steps
    if "diverg" not in scene.description["en"].lower():  # no description announces a divergence
        assert all(r.diverged_at is None for r in snap.runs), [(r.label, r.diverged_at) for r in snap.runs]
    for i in range(len(snap.runs)):
        assert np.all(np.isfinite(snap.trajectory(i))) and np.all(np.isfinite(snap.losses(i)))
    save_scene(scene, tmp_path / "copy.json")
    assert load_scene(tmp_path / "copy.json") == scene


# ---- 02: the zig-zag of plain gradient descent ------------------------------------------------------------------

def test_02_zigzag():
    scene, session, snap, _ = race("02_zigzag_gd")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    assert "2/λ_max = 1" in d and "κ = 20" in d and "η = 0.9" in d and "η = 0.3" in d
    assert scene.objective == {"name": "bowl"} and scene.start == (-7.0, 2.0)
    q = quadratic_insight(session.objective)
    assert q.lr_max_gd == pytest.approx(1.0, rel=1e-15) and q.condition == pytest.approx(20.0, rel=1e-14)
    fast, slow = run_index(scene, "GD η=0.9"), run_index(scene, "GD η=0.3")
    assert session.runs[fast].hyperparams["lr"] == 0.9 and session.runs[slow].hyperparams["lr"] == 0.3
    assert 0.8 * q.lr_max_gd < session.runs[fast].hyperparams["lr"] < q.lr_max_gd  # "close to the bound"
    xf, yf = snap.trajectory(fast)
    xs, ys = snap.trajectory(slow)
    # f = x²/20 + y²: GD multiplies x by (1 − η/10) and y by (1 − 2η) every step
    assert np.allclose(yf[1:], (1 - 2 * 0.9) * yf[:-1], rtol=1e-12, atol=0)
    assert np.allclose(xf[1:], (1 - 0.9 / 10) * xf[:-1], rtol=1e-12, atol=0)
    assert np.allclose(ys[1:], (1 - 2 * 0.3) * ys[:-1], rtol=1e-12, atol=0)
    assert np.allclose(xs[1:], (1 - 0.3 / 10) * xs[:-1], rtol=1e-12, atol=0)
    # η = 0.9 bounces from wall to wall: the sign of y flips at every one of the 40 steps ...
    assert np.all(np.sign(yf[1:]) == -np.sign(yf[:-1])) and len(yf) == 41
    # ... and the bounce barely dies out (after 10 steps it is still over a tenth of the start) ...
    assert abs(yf[10]) > 0.1 * abs(yf[0])
    # ... while η = 0.3 never bounces at all: y keeps its sign and shrinks by 0.4 a step
    assert "no bounce" in d
    assert np.all(ys > 0) and abs(ys[10]) < 1e-3 * abs(ys[0])
    # progress along x is slow with η = 0.3: after 40 steps x has only gone from −7 to about −2.07
    assert xs[-1] == pytest.approx(-7 * 0.97 ** 40, rel=1e-12) and abs(xs[-1]) > 10 * abs(xf[-1])
    # −∇f points mostly across the valley: |∂f/∂y| > |∂f/∂x| at the start and along the first bounces
    for x, y in zip(xf[:11], yf[:11]):
        assert abs(2 * y) > abs(x / 10)
    # the gradient is perpendicular to the level curve: along the tangent, f changes only to second order
    for x, y in zip(xf[:5], yf[:5]):
        g = np.array([x / 10, 2 * y])
        t = np.array([-g[1], g[0]]) / np.hypot(*g)
        f = lambda p: p[0] ** 2 / 20 + p[1] ** 2
        h = 1e-4
        assert abs(f(np.array([x, y]) + h * t) - f(np.array([x, y]))) < 2 * h * h
    # no single η suits both directions: the slower of the two contractions is never below (κ−1)/(κ+1)
    etas = np.linspace(1e-3, 1.0, 2000)
    assert np.min(np.maximum(np.abs(1 - etas / 10), np.abs(1 - 2 * etas))) >= 19 / 21 - 1e-12


# ---- 03: momentum vs Nesterov, both ways ------------------------------------------------------------------------

def test_03_momentum_vs_nesterov():
    scene, session, snap, tracer = race("03_momentum_vs_nag")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    assert "η = 0.1 and α = 0.9" in d and "X'ₙ = Xₙ + αVₙ₋₁" in d and "α|Vₙ₋₁|" in d
    for r in session.runs:  # "three runs with the same η = 0.1 and α = 0.9"
        assert {k: r.hyperparams[k] for k in ("lr", "momentum")} == {"lr": 0.1, "momentum": 0.9}
        assert r.hyperparams.get("weight_decay") == 0.0 and r.hyperparams.get("dampening", 0.0) == 0.0
    mom, nag, ben = (run_index(scene, s) for s in ("Momentum", "NAG (look-ahead)", "NAG (Bengio)"))
    assert [session.runs[i].type for i in (mom, nag, ben)] == ["momentum", "nag", "nag_bengio"]
    M, N, B = snap.trajectory(mom), snap.trajectory(nag), snap.trajectory(ben)
    # Momentum overshoots: it swings far past the valley floor y = 0 and past the minimum's x = 0
    assert M[1].min() < -1.0 and M[0].max() > 1.0
    # Nesterov brakes before the wall: both of its swings are smaller
    assert abs(N[1].min()) < 0.5 * abs(M[1].min()) and N[0].max() < M[0].max()
    alpha, eta = 0.9, 0.1
    assert np.array_equal(B[:, 0], N[:, 0])  # both start at X₀ = X'₀ (V₋₁ = 0)
    for n in range(1, scene.steps + 1):
        seg = B[:, n] - N[:, n]
        V_prev = N[:, n] - N[:, n - 1]  # the seed's X_n = X_{n−1} + V_{n−1}
        assert np.allclose(seg, alpha * V_prev, rtol=1e-9, atol=1e-14), n
        # its length is α|V_{n−1}|, with V_{n−1} = −η·b read from the engine's traced state of the look-ahead run
        b = tracer.state_at(nag, n).momentum_buffer
        assert math.hypot(*seg) == pytest.approx(alpha * math.hypot(*(-eta * b)), rel=1e-9, abs=1e-14)
        # and X'_n is exactly the look-ahead point where NAG takes its next gradient
        if n < scene.steps:
            p = tracer.preview_at(nag, n, N[:, n])
            assert np.allclose(p.query, B[:, n], rtol=1e-9, atol=1e-14)


# ---- 04: AdaGrad vs RMSProp ---------------------------------------------------------------------------------------

def test_04_adagrad_vs_rmsprop():
    scene, session, snap, tracer = race("04_adagrad_vs_rmsprop")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    assert "(1, 1)" in d and "γ = 0.99" in d and "after 1500 steps" in d and scene.steps == 1500
    ada, rms = run_index(scene, "AdaGrad"), run_index(scene, "RMSProp")
    assert session.runs[rms].hyperparams["alpha"] == 0.99
    assert session.objective.minima == ((1.0, 1.0),)
    assert session.objective.value(np.array([[1.0, 1.0]]))[0] == 0.0
    qa = tracer.quantity(ada, "eta_eff")[1:]  # η/(√h + ε) after steps 1 .. 1500
    qr = tracer.quantity(rms, "eta_eff")[1:]
    assert qa.shape == qr.shape == (1500, 2) and np.all(np.isfinite(qa)) and np.all(np.isfinite(qr))
    # AdaGrad's can only shrink, at every step, in both coordinates
    assert np.all(np.diff(qa, axis=0) <= 0)
    # the first steps on the steep walls cut it about five-fold, and it never recovers (it barely moves after)
    assert np.all((qa[1] / qa[0] > 0.15) & (qa[1] / qa[0] < 0.25))
    assert np.all(qa[-1] / qa[1] > 0.95)
    # RMSProp's is not monotone: it falls at some steps and grows again at others, far above its low point
    dr = np.diff(qr, axis=0)
    assert np.all((dr > 0).sum(axis=0) > 100) and np.all((dr < 0).sum(axis=0) > 5)
    assert np.all(qr[-1] > 5 * qr.min(axis=0))
    # ... and it settles once the gradients stop changing (run on well past the preset's 1500 steps)
    long = scene.build_session()
    long_tr = Tracer(long)
    long.step(8000)
    long_tr.sync()
    tail = long_tr.quantity(rms, "eta_eff")[-500:]
    assert np.all(tail.max(axis=0) / tail.min(axis=0) < 1.01)
    # after 1500 steps AdaGrad is still far from (1, 1) while RMSProp is much closer, with a lower loss
    ra, rr = snap.runs[ada], snap.runs[rms]
    dist = lambda p: math.hypot(p[0] - 1.0, p[1] - 1.0)
    assert dist(ra.point) > 1.0 and dist(rr.point) < dist(ra.point) / 3
    assert ra.loss > 10 * rr.loss
    # AdaGrad crawls rather than stops: it is still moving along the valley at the end
    A = snap.trajectory(ada)
    assert 0.3 < math.hypot(*(A[:, -1] - A[:, -501])) < 1.0


# ---- 05: escaping a saddle ----------------------------------------------------------------------------------------

def saddle_grad(x, y):  # f = x²/2 + y⁴/4 − y²/2
    return np.array([x, y ** 3 - y])


def test_05_saddle_escape():
    scene, session, snap, _ = race("05_saddle_escape")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    for phrase in ("about 67 steps", "about 37", "about 11", "(0, ±1)", "y = 0.001"):
        assert phrase in d
    obj = session.objective
    # saddle at the origin (zero gradient, Hessian diag(1, −1)), minima at (0, ±1) (Hessian diag(1, 2))
    assert np.array_equal(saddle_grad(0.0, 0.0), [0, 0]) and np.allclose(obj.grad(np.zeros((1, 2))), 0)
    for m in ((0.0, 1.0), (0.0, -1.0)):
        assert np.allclose(saddle_grad(*m), 0) and np.allclose(obj.grad(np.array([m])), 0)
        assert 3 * m[1] ** 2 - 1 == 2.0 and obj.value(np.array([m]))[0] == -0.25
    assert set(obj.minima) == {(0.0, 1.0), (0.0, -1.0)}
    assert scene.start == (-1.8, 0.001)
    g0 = saddle_grad(*scene.start)
    assert abs(g0[1]) < 1.1e-3 and abs(g0[0]) == 1.8  # the y-component is tiny
    first = {}
    for label in ("SGD", "Momentum", "Adam"):
        y = snap.trajectory(run_index(scene, label))[1]
        hit = np.flatnonzero(np.abs(y) > 0.5)
        assert hit.size, label
        first[label] = int(hit[0])
    assert abs(first["SGD"] - 67) <= 1 and abs(first["Momentum"] - 37) <= 1 and abs(first["Adam"] - 11) <= 1
    # plain GD slides down to the saddle and lingers: many steps within 0.1 of the origin
    S = snap.trajectory(run_index(scene, "SGD"))
    assert np.count_nonzero(np.hypot(*S) < 0.1) >= 15
    # Adam turns the tiny y-gradient into a full-size first step (≈ η = 0.05); SGD's is η·|g_y| ≈ 1e-4
    A = snap.trajectory(run_index(scene, "Adam"))
    assert A[1, 1] - A[1, 0] == pytest.approx(0.05, rel=1e-4)
    assert S[1, 1] - S[1, 0] == pytest.approx(0.1 * abs(g0[1]), rel=1e-12)


# ---- 06: local minima on Rastrigin ------------------------------------------------------------------------------

def rastrigin(x, y):
    return 20 + x * x - 10 * math.cos(2 * math.pi * x) + y * y - 10 * math.cos(2 * math.pi * y)


def rastrigin_1d_stationary(n: int) -> tuple[float, float]:
    """The stationary point of x² − 10 cos 2πx next to the integer n (Newton's method), and f'' there."""
    x = float(n)
    for _ in range(30):
        x -= (2 * x + 20 * math.pi * math.sin(2 * math.pi * x)) / (2 + 40 * math.pi ** 2 * math.cos(2 * math.pi * x))
    return x, 2 + 40 * math.pi ** 2 * math.cos(2 * math.pi * x)


def test_06_rastrigin_local_minima():
    scene, session, snap, _ = race("06_rastrigin_local_minima")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    for phrase in ("(2.98, −1.99)", "12.9", "η = 0.02, α = 0.5", "visits dozens of dimples", "never settles"):
        assert phrase in d
    # a local minimum next to every integer point (separable: one per coordinate), the global one at the origin
    for n in range(-5, 6):
        x, curv = rastrigin_1d_stationary(n)
        assert abs(x - n) < 0.03 and curv > 0
    assert rastrigin(0.0, 0.0) == 0.0 and session.objective.minima == ((0.0, 0.0),)
    xm, _ = rastrigin_1d_stationary(3)
    ym, _ = rastrigin_1d_stationary(-2)
    assert round(scene.start[0]) == 3 and round(scene.start[1]) == -2  # the dimple nearest the start
    for label in ("SGD", "Adam"):
        i = run_index(scene, label)
        r = snap.runs[i]
        assert math.hypot(r.point[0] - 2.98, r.point[1] + 1.99) < 0.01, label
        assert math.hypot(r.point[0] - xm, r.point[1] - ym) < 1e-6, label  # that dimple's bottom
        assert r.loss == pytest.approx(rastrigin(xm, ym), rel=1e-9) and round(r.loss, 1) == 12.9
        tail = snap.losses(i)[-100:]
        assert tail.max() - tail.min() < 1e-9  # the loss curve is flat
    mi = run_index(scene, "Momentum η=0.02")
    assert session.runs[mi].hyperparams == {"lr": 0.02, "momentum": 0.5, "dampening": 0.0, "weight_decay": 0.0}
    M = snap.trajectory(mi)
    # thrown from bump to bump: it visits dozens of dimples, and never settles
    assert len({(round(x), round(y)) for x, y in M.T}) > 30
    assert np.mean(np.hypot(*np.diff(M[:, -50:], axis=1))) > 0.5
    # "some of them off the map": points outside the plotted square
    x0, x1, y0, y1 = session.objective.bounds
    assert np.any((M[0] < x0) | (M[0] > x1) | (M[1] < y0) | (M[1] > y1))


def test_07_batch_sizes():
    scene, session, snap, _ = race("07_batch_sizes")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    for phrase in ("same η", "one row per step", "√32 ≈ 5.7"):
        assert phrase in d
    kinds = {r.label: (r.type, r.hyperparams["lr"]) for r in scene.optimizers}
    assert len(set(kinds.values())) == 1  # three SGD runs with the same η
    one, b32, full = (run_index(scene, lab) for lab in ("B = 1", "B = 32", "full batch"))
    assert session.sampler_of(one).size == 1 and session.sampler_of(b32).size == 32
    assert session.sampler_of(full).full
    tail = {i: snap.losses(i)[-50:] for i in (one, b32, full)}
    # full batch: smooth, steadily falling to the least-squares loss; B = 32 in between; B = 1 jumps around
    assert np.all(np.diff(snap.losses(full)) <= 1e-12)  # falls at every step (to rounding, once converged)
    assert np.std(tail[full]) < 1e-9 < np.std(tail[b32]) < np.std(tail[one])
    assert np.std(tail[one]) > 10 * np.std(tail[b32])
    # the gradient noise of a 32-row batch is about 1/√32 of a single row's (sampling without replacement: a bit less)
    point = np.array(snap.runs[full].point)
    rng = np.random.default_rng(0)
    obj = session.objective
    full_g = obj.grad(point[None])[0]

    def spread(b):
        gs = np.array([obj.grad(point[None], rng.choice(obj.n_samples, b, replace=False))[0] for _ in range(4000)])
        return np.sqrt(np.mean(np.sum((gs - full_g) ** 2, axis=1)))
    ratio = spread(1) / spread(32)
    assert 5.0 < ratio < 6.5 and abs(ratio - np.sqrt(32)) < 0.5


def test_08_adam_bias_correction():
    scene, session, snap, tracer = race("08_adam_bias_correction")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    for phrase in ("3.2× at t = 1", "6.6× at t = 12", "3 to 4 times longer", "1.3 to 1.8 against 0.42",
                   "still higher"):
        assert phrase in d
    a, n = run_index(scene, "Adam"), run_index(scene, "Adam, no bias correction")
    hp = scene.optimizers[n].hyperparams
    factor = lambda t: (1 - hp["beta1"] ** t) / math.sqrt(1 - hp["beta2"] ** t)  # noqa: E731
    ts = np.arange(1, 10000)
    f = np.array([factor(t) for t in ts])
    assert round(factor(1), 1) == 3.2 and int(ts[np.argmax(f)]) == 12 and round(f.max(), 1) == 6.6
    assert f[999] > 1.2 and np.argmax(f < 1.01) > 3000  # back to 1 only after thousands of steps
    da = np.hypot(*np.diff(snap.trajectory(a), axis=1))[:5]
    dn = np.hypot(*np.diff(snap.trajectory(n), axis=1))[:5]
    assert np.all(np.round(da, 2) == 0.42) or np.allclose(da, 0.42, atol=0.02)
    assert np.all((dn > 1.3) & (dn < 1.8)) and np.all((dn / da > 3) & (dn / da < 4.3))
    # swings far past the minimum at x = 0
    assert snap.trajectory(n)[0].max() > 3 * snap.trajectory(a)[0].max() > 0
    assert snap.runs[n].loss > snap.runs[a].loss
    # the rule panel's factor is the same number
    from engine.explain import preview_step
    s2 = scene.build_session()
    s2.step(11)
    assert preview_step(s2, n).terms["inflation"] == pytest.approx(factor(12), rel=1e-12)


# ---- 09: the book's code vs torch's ------------------------------------------------------------------------------

def test_09_book_vs_torch():
    scene, session, snap, tracer = race("09_book_vs_torch")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    for phrase in ("η drops tenfold at step 10", "up to step 10 the book's run and torch's are one path",
                   "a tenth of what it would have been", "its next step is αv − η_t∇f", "travels farther after the drop",
                   "(1+α+α²)η∇f = 2.71η∇f", "(1+α)η∇f = 1.9η∇f", "about 1.43 times as long",
                   "the two Nesterov paths stay apart", "from (−7, 2) with η = 0.1 and α = 0.9"):
        assert phrase in d, phrase
    assert scene.start == (-7.0, 2.0) and scene.objective == {"name": "bowl"}
    for r in scene.optimizers:
        assert r.hyperparams["lr"] == 0.1 and r.hyperparams["momentum"] == 0.9
    mt, mb = run_index(scene, "Momentum (torch)"), run_index(scene, "Momentum (book)")
    nt, nb = run_index(scene, "Nesterov (Bengio, torch)"), run_index(scene, "Nesterov (book)")
    assert [scene.optimizers[i].convention for i in (mt, mb, nt, nb)] == ["torch", "book", "torch", "book"]
    sched = scene.optimizers[mt].schedule
    assert sched == scene.optimizers[mb].schedule
    assert [sched.lr(0.1, k) for k in (9, 10)] == [0.1, 0.1 * 0.1]  # the drop: η_10 = η/10
    A, B = snap.trajectory(mt), snap.trajectory(mb)
    np.testing.assert_allclose(A[:, :11], B[:, :11], rtol=1e-12, atol=1e-15)
    obj = session.objective
    x10 = A[:, 10]
    g10 = obj.grad(x10.reshape(1, 2))[0]
    eta_t = sched.lr(0.1, 10)
    # torch: b ← αb + g, Δ = −η_t b: a tenth of the step the same buffer would give at η = 0.1
    b = 0.9 * tracer.state_at(mt, 10).momentum_buffer + g10
    np.testing.assert_allclose(A[:, 11] - x10, -eta_t * b, rtol=1e-12)
    np.testing.assert_allclose(A[:, 11] - x10, 0.1 * (-0.1 * b), rtol=1e-12)
    # the book: Δ = v ← αv − η_t∇f, v still holding the steps taken at η = 0.1
    v10 = tracer.state_at(mb, 10).velocity
    np.testing.assert_allclose(v10, B[:, 10] - B[:, 9], rtol=1e-12)
    np.testing.assert_allclose(B[:, 11] - B[:, 10], 0.9 * v10 - eta_t * g10, rtol=1e-12)
    after = lambda T: np.hypot(*np.diff(T[:, 10:], axis=1)).sum()  # noqa: E731
    assert after(B) > 5 * after(A)
    # Nesterov's first step from v = 0
    g0 = obj.grad(np.array([[-7.0, 2.0]]))[0]
    Nt, Nb = snap.trajectory(nt), snap.trajectory(nb)
    np.testing.assert_allclose(Nb[:, 1] - Nb[:, 0], -(1 + 0.9 + 0.81) * 0.1 * g0, rtol=1e-14)
    np.testing.assert_allclose(Nt[:, 1] - Nt[:, 0], -(1 + 0.9) * 0.1 * g0, rtol=1e-14)
    assert round(1 + 0.9 + 0.81, 2) == 2.71 and round((1 + 0.9 + 0.81) / 1.9, 2) == 1.43
    ratio = np.hypot(*(Nb[:, 1] - Nb[:, 0])) / np.hypot(*(Nt[:, 1] - Nt[:, 0]))
    assert ratio == pytest.approx(2.71 / 1.9, rel=1e-13)
    assert np.all(np.hypot(*(Nb - Nt))[1:] > 1e-3)


# ---- the default scene: the book's comparison -------------------------------------------------------------------

def test_book_comparison():
    scene, _, snap, _ = race(DEFAULT_SCENE.stem)
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    assert "x²/20 + y²" in d and "(−7, 2)" in d and "30 steps" in d
    assert scene.objective == {"name": "bowl"} and scene.start == (-7.0, 2.0) and scene.steps == 30
    assert [r.type for r in scene.optimizers] == ["sgd", "momentum", "adagrad", "adam"]
    T = {r.type: snap.trajectory(i) for i, r in enumerate(snap.runs)}
    # SGD zig-zags across the narrow y-direction: y changes sign at every step (factor 1 − 2η = −0.9)
    y = T["sgd"][1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))
    assert np.allclose(y[1:], (1 - 2 * 0.95) * y[:-1], rtol=1e-12, atol=0)
    # Momentum overshoots and swings back: y crosses the floor, turns, and crosses back; x passes the minimum
    y = T["momentum"][1]
    crossings = np.count_nonzero(np.sign(y[1:]) != np.sign(y[:-1]))
    assert crossings >= 3 and T["momentum"][0].max() > 0
    # AdaGrad shrinks the y-steps fastest: from the third step on its |Δy| is the smallest of the four
    dy = {t: np.abs(np.diff(T[t][1])) for t in T}
    for k in range(2, 30):
        assert dy["adagrad"][k] <= min(dy[t][k] for t in ("sgd", "momentum", "adam")), k
    assert np.all(np.diff(dy["adagrad"]) <= 0)
    # Adam scales each coordinate: its first step is η·sign(−∇f) in both coordinates although |g_y| ≈ 6|g_x|
    assert np.allclose(T["adam"][:, 1] - T["adam"][:, 0], [0.3, -0.3], rtol=1e-7)
