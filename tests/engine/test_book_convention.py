"""``"convention": "book"``: a run follows Deep Learning from Scratch's common/optimizer.py instead of torch.optim.
Every path is held to the book's code written out in tests/engine/textbook.py (``BOOK_RULES``), in float64."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest

import engine.session as session_mod
from engine import PlaygroundError, RunSpec, Session, make_objective
from engine.explain import Tracer, preview_step, quadratic_insight, rule_rows
from engine.headless import main as headless_main
from engine.optimizers import BOOK_EPS, OPTIMIZERS, spec_for
from engine.scene import scene_from_dict
from engine.schedules import make_schedule
from textbook import (BOOK_DEFAULTS, BOOK_RULES, assert_traj_close, book_run, bowl_grad, naive_trajectory,
                      rosenbrock_grad)

KINDS = list(BOOK_RULES)
# per surface: (gradient, per rule the settings of the trajectory tests)
SURFACES = {
    "bowl": (bowl_grad, {"momentum": {"lr": 0.1}, "nag_bengio": {"lr": 0.1, "momentum": 0.8},
                         "adagrad": {"lr": 1.5}, "rmsprop": {"lr": 0.1, "alpha": 0.9},
                         "adam": {"lr": 0.3, "beta1": 0.8, "beta2": 0.99}}),
    "rosenbrock": (rosenbrock_grad, {"momentum": {"lr": 1e-4}, "nag_bengio": {"lr": 1e-4, "momentum": 0.7},
                                     "adagrad": {"lr": 0.05}, "rmsprop": {"lr": 3e-3},
                                     "adam": {"lr": 0.02, "eps": 1e-8}}),
}
STEPS = 150


def _run(kind, hp, **kw):
    return RunSpec(kind, kind, dict(hp), convention="book", **kw)


def _array_session(monkeypatch, *args):
    with monkeypatch.context() as m:
        m.setattr(session_mod, "FLOAT_PATH_MAX_RUNS", 0)
        s = Session(*args)
    assert s._point is None
    return s


def test_the_book_forms_are_declared_for_exactly_these_rules():
    assert [n for n, s in OPTIMIZERS.items() if s.book is not None] == KINDS
    for kind in KINDS:
        book = spec_for(kind, "book")
        assert book.convention == "book" and book.name == kind and book is not OPTIMIZERS[kind]
        assert book.rule != OPTIMIZERS[kind].rule and book.scalar is not None and book.terms is not None
        assert book.reference.startswith("the book's code") and book.explanation and book.quantities
        assert "book" in book.title
    assert spec_for("sgd", "book") is OPTIMIZERS["sgd"]  # the same code in both


@pytest.fixture(params=["float", "array"])
def path(request, monkeypatch):
    """Each test on both of the session's paths: the float replicas (a few runs) and the array kernels."""
    if request.param == "array":
        monkeypatch.setattr(session_mod, "FLOAT_PATH_MAX_RUNS", 0)
    return request.param


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("together", [True, False], ids=["one-session", "one-run-each"])
def test_trajectories_are_the_books_code(surface, together, path):
    grad, table = SURFACES[surface]
    obj = make_objective({"name": surface})
    runs = [_run(k, hp) for k, hp in table.items()]
    snaps = ([(Session(obj, runs).step(STEPS), i) for i in range(len(runs))] if together
             else [(Session(obj, [r]).step(STEPS), 0) for r in runs])
    for r, (snap, i) in zip(runs, snaps):
        assert snap.runs[i].diverged_at is None, (surface, r.type)
        want, _ = book_run(r.type, r.hyperparams, obj.start, grad, STEPS)
        assert_traj_close(snap.trajectory(i).T, want, 1e-12, f"{surface}/{r.type} (book)")


@pytest.mark.parametrize("kind", KINDS)
def test_state_is_the_books_variables(kind):
    grad, table = SURFACES["bowl"]
    obj = make_objective({"name": "bowl"})
    s = Session(obj, [_run(kind, table[kind])])
    s.step(20)
    _, st = book_run(kind, table[kind], obj.start, grad, 20)
    got = s.state_of(0)
    theirs = {"momentum": ("velocity",), "nag_bengio": ("velocity",), "adagrad": ("sum",), "rmsprop": ("square_avg",),
              "adam": ("exp_avg", "exp_avg_sq")}[kind]
    for ours, book_name in zip(theirs, st):
        assert_traj_close(getattr(got, ours), st[book_name], 1e-12, f"{kind}.{ours}")


def test_eps_defaults_to_the_books_1e_7_and_other_defaults_match_the_books_classes():
    for kind in KINDS:
        hp = spec_for(kind, "book").resolve({})
        assert {k: hp[k] for k in BOOK_DEFAULTS[kind]} == BOOK_DEFAULTS[kind]
        assert set(hp) == {"lr", *BOOK_DEFAULTS[kind]}
    assert BOOK_EPS == 1e-7
    assert spec_for("adam", "book").resolve({"eps": 1e-8})["eps"] == 1e-8  # a given eps is kept


@pytest.mark.parametrize("kind", ["momentum", "nag_bengio"])
@pytest.mark.parametrize("surface", list(SURFACES))
def test_a_step_schedule_is_the_books_code_with_each_steps_eta(kind, surface, path):
    grad, table = SURFACES[surface]
    obj = make_objective({"name": surface})
    sched = make_schedule("step", {"step_size": 7, "gamma": 0.5})
    hp = table[kind]
    snap = Session(obj, [_run(kind, hp, schedule=sched)]).step(STEPS)
    want, _ = book_run(kind, hp, obj.start, grad, STEPS, lr_at=lambda k: sched.lr(hp["lr"], k))
    assert_traj_close(snap.trajectory(0).T, want, 1e-12, f"{surface}/{kind} scheduled (book)")


def test_momentum_book_and_torch_agree_at_fixed_eta_and_part_under_a_schedule(path):
    obj = make_objective({"name": "bowl"})
    hp = {"lr": 0.1, "momentum": 0.9}
    fixed = Session(obj, [_run("momentum", hp), RunSpec("momentum", "torch", hp)]).step(60)
    assert_traj_close(fixed.trajectory(0), fixed.trajectory(1), 1e-12, "fixed η")
    sched = make_schedule("step", {"step_size": 10, "gamma": 0.1})
    snap = Session(obj, [_run("momentum", hp, schedule=sched),
                         RunSpec("momentum", "torch", hp, schedule=sched)]).step(60)
    # torch's reference loop (the buffer b holds gradients, each step uses η_t)
    torch_ref = naive_trajectory("momentum", hp, obj.start, bowl_grad, 60, lambda k: sched.lr(0.1, k))
    assert_traj_close(snap.trajectory(1).T, torch_ref, 1e-12, "torch scheduled")
    # the same up to the first decay (steps 0 .. 10), apart from then on
    np.testing.assert_allclose(snap.trajectory(0)[:, :11], snap.trajectory(1)[:, :11], rtol=1e-12)
    assert np.max(np.abs(snap.trajectory(0)[:, 11:] - snap.trajectory(1)[:, 11:])) > 1e-3


@pytest.mark.parametrize("alpha", [0.5, 0.9])
def test_first_step_book_nesterov_is_1_plus_a_plus_a2_eta_g_and_bengios_1_plus_a(alpha, path):
    obj = make_objective({"name": "bowl"})
    start = (-7.0, 2.0)
    lr = 0.05
    g = np.array(bowl_grad(list(start)), dtype=np.float64)
    hp = {"lr": lr, "momentum": alpha}
    snap = Session(obj, [_run("nag_bengio", hp), RunSpec("nag_bengio", "bengio", hp)], start=start).step(1)
    book = snap.trajectory(0)[:, 1] - start
    bengio = snap.trajectory(1)[:, 1] - start
    np.testing.assert_allclose(book, -(1 + alpha + alpha**2) * lr * g, rtol=1e-14, atol=0)
    np.testing.assert_allclose(bengio, -(1 + alpha) * lr * g, rtol=1e-14, atol=0)
    # and the book's loop agrees
    want, _ = book_run("nag_bengio", hp, start, bowl_grad, 1)
    np.testing.assert_allclose(snap.trajectory(0)[:, 1], want[1], rtol=1e-15)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scheduled", [False, True])
def test_float_path_is_bit_identical_to_the_array_path(monkeypatch, kind, scheduled):
    obj = make_objective({"name": "rosenbrock"})
    sched = make_schedule("exponential", {"gamma": 0.99}) if scheduled else None
    runs = [_run(kind, SURFACES["rosenbrock"][1][kind], schedule=sched)]
    fast, slow = Session(obj, runs), _array_session(monkeypatch, obj, runs)
    assert fast._point is not None
    for n in (1, 5, 400):
        a, b = fast.step(n), slow.step(n)
        np.testing.assert_array_equal(a.trajectory(0), b.trajectory(0))
        for fa, fb in zip(fast.state_of(0), slow.state_of(0)):
            np.testing.assert_array_equal(fa, fb)


def test_book_and_torch_runs_of_one_type_in_one_session_keep_their_own_forms(path):
    obj = make_objective({"name": "bowl"})
    hp = {"lr": 0.3}
    snap = Session(obj, [_run("adam", hp), RunSpec("adam", "torch", hp)]).step(40)
    want_book, _ = book_run("adam", hp, obj.start, bowl_grad, 40)
    want_torch = naive_trajectory("adam", hp, obj.start, bowl_grad, 40)
    assert_traj_close(snap.trajectory(0).T, want_book, 1e-12, "book adam")
    assert_traj_close(snap.trajectory(1).T, want_torch, 1e-12, "torch adam")


# ---- the teaching layer -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_preview_rows_and_traced_state_use_the_book_form(kind):
    obj = make_objective({"name": "bowl"})
    hp = SURFACES["bowl"][1][kind]
    s = Session(obj, [_run(kind, hp)])
    s.step(3)
    p = preview_step(s, 0)
    assert p.convention == "book"
    s.step(1)
    np.testing.assert_array_equal(p.next_point, s.params[0])
    rows = rule_rows(p)
    text = "\n".join(r.text for r in rows)
    assert "x_{3}" in text and "x_{4}" in text
    book = spec_for(kind, "book")
    assert all(isinstance(r.text, str) for r in rows)
    tracer = Tracer(s)
    tracer.sync()
    q = tracer.preview_at(0, 3, s.snapshot().trajectory(0)[:, 3])
    np.testing.assert_array_equal(q.next_point, p.next_point)
    assert [r.text for r in rule_rows(q)] == [r.text for r in rows]
    eta = tracer.quantity(0, "eta_eff")
    assert eta.shape == (5, 2) and np.isfinite(eta[1:, 0]).all()
    assert book.quantities  # the state plot has something to show


def test_book_rows_show_the_books_formulas_with_this_steps_numbers():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, [_run("nag_bengio", {"lr": 0.1, "momentum": 0.5}), _run("momentum", {"lr": 0.1}),
                      _run("adam", {"lr": 0.3})], start=(-7.0, 2.0))
    nes = "\n".join(r.text for r in rule_rows(preview_step(s, 0)))
    assert "α²v − (1+α)η∇f" in nes and "0.25·" in nes and "0.15·" in nes  # α² = 0.25, (1+α)η = 0.15
    mom = "\n".join(r.text for r in rule_rows(preview_step(s, 1)))
    assert "v ← αv − η∇f" in mom
    adam = "\n".join(r.text for r in rule_rows(preview_step(s, 2)))
    # η_1 = 0.3·√(1−0.999)/(1−0.9)
    assert f"η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ) = {0.3 * math.sqrt(1 - 0.999) / (1 - 0.9):.4g}" in adam


def test_book_velocity_quantity_is_v_itself():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, [_run("momentum", {"lr": 0.1})])
    s.step(10)
    tracer = Tracer(s)
    tracer.sync()
    _, st = book_run("momentum", {"lr": 0.1}, obj.start, bowl_grad, 10)
    assert tracer.quantity(0, "velocity")[10, 0] == pytest.approx(math.hypot(*st["v"]), rel=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.5, 0.9])
def test_book_nesterov_stability_bound_is_where_it_starts_to_diverge(alpha):
    # the bound 2(1+α)/((1+2α+2α²)λ) written out by hand; just below it the bowl converges, just above it does not
    obj = make_objective({"name": "bowl"})
    lam = 2.0  # the bowl's largest Hessian eigenvalue (y² term)
    bound = 2 * (1 + alpha) / ((1 + 2 * alpha + 2 * alpha * alpha) * lam)
    insight = quadratic_insight(obj)
    assert insight.lr_limit("nag_bengio", {"momentum": alpha}, "book") == pytest.approx(bound, rel=1e-15)
    assert insight.lr_limit("momentum", {"momentum": alpha}, "book") == pytest.approx(2 * (1 + alpha) / lam)
    below = Session(obj, [_run("nag_bengio", {"lr": 0.99 * bound, "momentum": alpha})], start=(0.0, 1.0))
    above = Session(obj, [_run("nag_bengio", {"lr": 1.01 * bound, "momentum": alpha})], start=(0.0, 1.0))
    assert abs(below.step(3000).runs[0].point[1]) < 1e-3
    r = above.step(3000).runs[0]
    assert r.diverged_at is not None or abs(r.point[1]) > 1.0


# ---- the scene key ------------------------------------------------------------------------------------------


def _scene(*opts, **top):
    return {"version": 1, "objective": {"name": "bowl"}, "optimizers": list(opts), **top}


def test_scene_round_trip_writes_convention_only_for_book():
    sc = scene_from_dict(_scene({"type": "momentum", "lr": 0.1, "convention": "book"},
                                {"type": "momentum", "lr": 0.1, "convention": "torch"},
                                {"type": "adam", "convention": "book"}, {"type": "sgd", "convention": "book"}))
    assert [r.convention for r in sc.optimizers] == ["book", "torch", "book", "book"]
    d = sc.to_dict()
    assert [o.get("convention") for o in d["optimizers"]] == ["book", None, "book", "book"]
    assert d["optimizers"][2]["eps"] == 1e-7 and "amsgrad" not in d["optimizers"][2]
    again = scene_from_dict(json.loads(json.dumps(d)))
    assert again == sc
    a, b = sc.build_session().step(30), again.build_session().step(30)
    for i in range(4):
        np.testing.assert_array_equal(a.trajectory(i), b.trajectory(i))


BAD = [
    ({"type": "lion", "convention": "book"},
     'optimizers[1].convention: "book" is only for momentum, nag_bengio, adagrad, rmsprop and adam'),
    ({"type": "nag", "convention": "book"}, 'optimizers[1].convention: "book" is only for'),
    ({"type": "adam", "convention": "Book"}, "optimizers[1].convention: expected \"torch\" or \"book\", got 'Book'"),
    ({"type": "adam", "convention": None}, 'optimizers[1].convention: expected "torch" or "book", got None'),
    ({"type": "adam", "convention": "book", "amsgrad": True}, "optimizers[1]: amsgrad: the book's code has no amsgrad"),
    ({"type": "momentum", "convention": "book", "weight_decay": 0.1}, "optimizers[1]: weight_decay:"),
    ({"type": "momentum", "convention": "book", "dampening": 0.5}, "optimizers[1]: dampening:"),
    ({"type": "rmsprop", "convention": "book", "centered": True}, "optimizers[1]: centered:"),
    ({"type": "rmsprop", "convention": "book", "momentum": 0.9}, "optimizers[1]: momentum:"),
    ({"type": "adagrad", "convention": "book", "lr_decay": 0.1}, "optimizers[1]: lr_decay:"),
    ({"type": "adagrad", "convention": "book", "initial_accumulator_value": 0.1},
     "optimizers[1]: initial_accumulator_value:"),
    ({"type": "adam", "convention": "book", "eps": -1}, "optimizers[1]: Invalid epsilon value: -1"),
]


@pytest.mark.parametrize("entry, message", BAD, ids=[str(e) for e, _ in BAD])
def test_bad_convention_entries_are_refused_naming_the_key(entry, message):
    with pytest.raises(PlaygroundError) as e:
        scene_from_dict(_scene({"type": "sgd"}, entry))
    assert str(e.value).startswith(message), str(e.value)
    assert "\n" not in str(e.value)


def test_options_at_their_defaults_are_accepted_under_book():
    sc = scene_from_dict(_scene({"type": "adam", "convention": "book", "amsgrad": False, "weight_decay": 0}))
    assert sc.optimizers[0].hyperparams == {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}


def test_engine_refuses_a_bad_convention_and_a_bad_live_edit():
    obj = make_objective({"name": "bowl"})
    with pytest.raises(PlaygroundError, match='convention: "book" is only for'):
        Session(obj, [RunSpec("lion", convention="book")])
    with pytest.raises(PlaygroundError, match="convention: expected"):
        Session(obj, [RunSpec("adam", convention="numpy")])
    s = Session(obj, [_run("adam", {"lr": 0.1})])
    with pytest.raises(PlaygroundError, match="amsgrad"):
        s.set_hyperparams(0, {"amsgrad": True})
    assert s.runs[0].hyperparams["eps"] == 1e-7


@pytest.mark.parametrize("entry, message", BAD[:1] + BAD[4:5])
def test_headless_exits_2_with_one_line(tmp_path, entry, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_scene({"type": "sgd"}, entry)), encoding="utf-8")
    out = tmp_path / "out.csv"
    stdout, stderr = io.StringIO(), io.StringIO()
    assert headless_main(str(path), None, str(out), stdout=stdout, stderr=stderr) == 2
    lines = stderr.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], stderr.getvalue()
    assert stdout.getvalue() == "" and not out.exists()
