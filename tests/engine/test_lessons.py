"""engine/teaching.py: the Explain dock's whole computation, without a window.

A Teacher gets a session, the snapshot shown, the selected run and the toggles, and returns a Lesson; every number in
it is compared with an independent session and with the bowl's formulas written out here (f = x²/20 + y², ∇f =
(x/10, 2y), H = diag(0.1, 2))."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from engine import OPTIMIZERS, BatchConfig, RunSpec, Session, make_objective
from engine.explain import preview_step, rule_rows, snapshot_at
from engine.limits import MAX_TRACED_STEPS
from engine.teaching import ARROW_FRACTION, Lesson, OverlayData, Teacher, Toggles

HP = {"sgd": {"lr": 0.3}, "momentum": {"lr": 0.1, "momentum": 0.8}, "nag": {"lr": 0.1, "momentum": 0.8},
      "nag_bengio": {"lr": 0.1, "momentum": 0.8}, "adagrad": {"lr": 1.0}, "rmsprop": {"lr": 0.1, "alpha": 0.9},
      "adam": {"lr": 0.3}, "adam_nobc": {"lr": 0.1}}
ALL_ON = Toggles(arrows=True, nesterov=True, fan=True, eigen=True)


def bowl_session(types=tuple(HP), steps: int = 0) -> Session:
    s = Session(make_objective({"name": "bowl"}),
                [RunSpec(t, hyperparams=HP.get(t, {}), color=f"#0000{i:02x}") for i, t in enumerate(types)])
    s.step(steps)
    return s


def bowl_grad(p) -> np.ndarray:
    return np.array([p[0] / 10.0, 2.0 * p[1]])


def arrow_length(session: Session) -> float:
    x0, x1, y0, y1 = session.objective.bounds
    return 0.14 * max(x1 - x0, y1 - y0)


def test_nothing_to_explain_gives_the_empty_lesson():
    s = bowl_session(("sgd",), 3)
    t = Teacher()
    for args in ((None, s.snapshot(), 0), (s, None, 0), (s, s.snapshot(), None), (s, s.snapshot(), 1),
                 (s, s.snapshot(), -1)):
        lesson = t.compute(*args)
        assert lesson == Lesson() and lesson.overlay == OverlayData() and lesson.rule == () and lesson.curves == ()
        assert lesson.overlay.caption == ""


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_live_lesson_is_the_engines_next_step(kind):
    k = 5
    s = bowl_session((kind,), k)
    snap = s.snapshot()
    lesson = Teacher().compute(s, snap, 0, Toggles())
    ref = bowl_session((kind,), k)  # an independent session at the same step
    p = preview_step(ref, 0)
    assert lesson.run == snap.runs[0] and lesson.texts
    assert np.array_equal(lesson.preview.next_point, p.next_point) and lesson.preview.terms.keys() == p.terms.keys()
    assert lesson.rule == tuple(rule_rows(p))
    before = ref.params[0].copy()
    ref.step(1)
    d = lesson.overlay
    assert d.point == tuple(before.tolist()) and d.color == "#000000"
    assert np.array_equal(np.array(d.step), ref.params[0] - before)
    g = bowl_grad(before)  # at the point shown, also for the look-ahead rule
    L = arrow_length(s)
    np.testing.assert_allclose(d.neg_grad, -g / np.hypot(*g) * L, rtol=1e-14)
    np.testing.assert_allclose(d.tangent, np.array([-g[1], g[0]]) / np.hypot(*g) * 0.8 * L, rtol=1e-14)
    assert abs(np.dot(d.tangent, d.neg_grad)) < 1e-12 * L * L
    if kind in ("momentum", "nag", "nag_bengio"):  # V_{k} = −η b_k, from the session's own buffer
        np.testing.assert_allclose(d.velocity, -HP[kind]["lr"] * s.state_of(0).momentum_buffer, rtol=1e-15)
        assert "V velocity" in d.caption
    else:
        assert d.velocity is None
    assert ARROW_FRACTION == 0.14


def test_toggles_and_texts_choose_what_is_computed():
    s = bowl_session(("sgd", "momentum"), 4)
    t = Teacher()
    off = t.compute(s, s.snapshot(), 1, Toggles(arrows=False, nesterov=False))
    assert off.overlay.neg_grad is off.overlay.step is off.overlay.velocity is None and off.overlay.caption == ""
    quiet = t.compute(s, s.snapshot(), 1, Toggles(), texts=False)
    assert quiet.rule is None and not quiet.texts and quiet.curves is not None
    hidden = t.compute(s, s.snapshot(), 1, Toggles(), panel_visible=False)
    assert hidden.rule is None and hidden.curves is None and hidden.overlay.step is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        hidden.rule = ()


def test_scrubbed_lesson_is_the_step_taken_then():
    s = bowl_session(steps=20)
    snap = s.snapshot()
    t = Teacher()
    for k in (0, 3, 11):
        shown = snapshot_at(snap, k)
        for i in range(len(s.runs)):
            lesson = t.compute(s, shown, i, Toggles(), panel_visible=False)  # a past step: traced anyway
            ref = bowl_session(steps=k)
            p = preview_step(ref, i)
            assert lesson.preview.step == k and np.array_equal(lesson.preview.next_point, p.next_point)
            assert lesson.rule is None  # the panel is hidden: no texts
            assert lesson.overlay.point == tuple(ref.params[i].tolist())


def test_state_curves_against_hand_loops():
    """η_eff over steps: η itself for SGD (from step 0), η/(√h + ε) for AdaGrad with h = Σ g⊙g along its own path."""
    n = 30
    s = bowl_session(("sgd", "adagrad"), n)
    lesson = Teacher().compute(s, s.snapshot(), 0, Toggles(), "eta_eff")
    sgd = [c for c in lesson.curves if c.color == "#000000"]
    ada = [c for c in lesson.curves if c.color == "#000001"]
    assert [c.dashed for c in sgd] == [False, True] and [c.dashed for c in ada] == [False, True]
    assert sgd[0].steps.tolist() == list(range(n + 1)) and np.all(sgd[0].values == 0.3)
    x, h = np.array([-7.0, 2.0]), np.zeros(2)
    want = []
    for _ in range(n):
        g = bowl_grad(x)
        h = h + g * g
        x = x - 1.0 * g / (np.sqrt(h) + 1e-10)
        want.append(1.0 / (np.sqrt(h) + 1e-10))
    assert ada[0].steps.tolist() == list(range(1, n + 1))  # undefined at step 0
    np.testing.assert_allclose(ada[0].values, [w[0] for w in want], rtol=1e-12)
    np.testing.assert_allclose(ada[1].values, [w[1] for w in want], rtol=1e-12)
    assert lesson.state_note.startswith("effective learning rate η_eff: sgd, adagrad (solid x, dashed y). SGD and momentum")
    none = Teacher().compute(s, s.snapshot(), 0, Toggles(), "m_hat")
    assert none.curves == () and none.state_note == "No run here has |m̂|."


def test_state_plot_beyond_the_traced_history_says_so():
    s = bowl_session(("sgd",))
    t = Teacher()
    t.compute(s, s.snapshot(), 0)
    s.advance(MAX_TRACED_STEPS + 1)
    lesson = t.compute(s, s.snapshot(), 0)
    assert lesson.curves == () and lesson.state_note == "State history is kept for the first 200,000 steps."


def test_nesterov_pairs_link_the_two_forms():
    s = bowl_session(("sgd", "nag", "nag_bengio"), 9)
    snap = s.snapshot()
    d = Teacher().compute(s, snap, 0, Toggles(nesterov=True)).overlay
    xs, ys = d.nesterov
    a, b = snap.trajectory(1), snap.trajectory(2)
    assert xs.tolist() == np.column_stack([a[0], b[0]]).ravel().tolist()
    assert ys.tolist() == np.column_stack([a[1], b[1]]).ravel().tolist()
    # X'_n − X_n = α V_n = −α η b_n (V_n = X_n − X_{n−1}, the note's αVₙ₋₁ counts velocities from 0), with b_n the
    # look-ahead run's buffer in an independent session
    ref = bowl_session(("nag",), 9)
    np.testing.assert_allclose(b[:, 9] - a[:, 9], -0.8 * 0.1 * ref.state_of(0).momentum_buffer, rtol=1e-12,
                               atol=1e-15)
    assert d.nesterov_note == "dotted: X'ₙ − Xₙ = αVₙ₋₁, from nag (Xₙ) to nag_bengio (X'ₙ)"
    s.set_hyperparams(2, {"momentum": 0.5})
    d = Teacher().compute(s, s.snapshot(), 0, Toggles(nesterov=True)).overlay
    assert d.nesterov_note.endswith("; give both the same η and α to see one method sampled at two points")
    alone = bowl_session(("nag",), 3)
    assert Teacher().compute(alone, alone.snapshot(), 0, ALL_ON).overlay.nesterov is None


def test_hessian_axes_and_insight_on_the_bowl():
    s = bowl_session(("sgd",), 2)
    lesson = Teacher().compute(s, s.snapshot(), 0, ALL_ON)
    q = lesson.insight
    np.testing.assert_allclose(q.eigenvalues, [0.1, 2.0], rtol=1e-15)
    (cx, cy), axes = lesson.overlay.eigen
    assert (cx, cy) == (0.0, 0.0)
    x0, x1, y0, y1 = s.objective.bounds
    span = 0.5 * max(x1 - x0, y1 - y0)
    (v1, l1), (v2, l2) = axes
    assert l1 == "λ₁ = 0.1" and l2 == "λ₂ = 2"
    assert math.isclose(abs(v1[0]), span) and abs(v1[1]) < 1e-15 * span  # λ = 0.1 along x
    assert math.isclose(abs(v2[1]), span) and abs(v2[0]) < 1e-15 * span
    assert lesson.overlay.fan is None  # the bowl has no data


def test_minibatch_fan_on_linear_regression():
    obj = make_objective({"name": "linear_regression", "samples": 60, "noise": 0.7, "seed": 5})
    s = Session(obj, [RunSpec("sgd", hyperparams={"lr": 0.05})], batch=BatchConfig("minibatch", batch_size=8))
    s.step(3)
    d = Teacher().compute(s, s.snapshot(), 0, ALL_ON).overlay
    fan = np.array(d.fan)
    assert fan.shape == (24, 2) and np.all(np.isfinite(fan))
    L = arrow_length(s)
    assert np.all(np.hypot(fan[:, 0], fan[:, 1]) <= 3 * L * (1 + 1e-12))
    assert d.fan_note.startswith("B = 8: spread ") and "fan: B = 8" in d.caption
    assert d.eigen is not None  # linear regression is quadratic, whatever the batches
    d2 = Teacher().compute(s, s.snapshot(), 0, Toggles(eigen=False, fan=False)).overlay
    assert d2.eigen is None and d2.fan is None and d2.fan_note == ""
