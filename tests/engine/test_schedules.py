"""Learning-rate schedules: closed forms against torch's recursive scheduler rules stepped one step at a time,
trajectories against loops written from the update formulas, both stepping paths bit-identical, live edits, the
teaching layer's η_t, scene round trips and bad values."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest

import engine.session as session_mod
from engine import OPTIMIZERS, PlaygroundError, RunSpec, Session, loads_scene, make_objective
from engine.explain import QUANTITIES, Tracer, preview_step, quantity, rule_rows
from engine.headless import main as headless_main
from engine.schedules import SCHEDULES, WARMUP, Schedule, make_schedule, schedule_from_dict
from test_headless import run_cli
from optimizer_table import TABLE
from textbook import assert_traj_close, bowl_grad, naive_trajectory, rosenbrock_grad

# ---- references: torch's schedulers as they update the rate, one step at a time (never the closed form) -------


class StepRef:
    """StepLR: the rate is multiplied by γ at every step t > 0 that is a multiple of step_size."""

    def __init__(self, base, step_size, gamma):
        self.lr, self.s, self.g = base, step_size, gamma

    def step(self, t):
        if t > 0 and t % self.s == 0:
            self.lr *= self.g


class ExponentialRef:
    """ExponentialLR: the rate is multiplied by γ at every step."""

    def __init__(self, base, gamma):
        self.lr, self.g = base, gamma

    def step(self, t):
        if t > 0:
            self.lr *= self.g


class CosineRef:
    """CosineAnnealingLR's recursive form (torch's ``get_lr``), valid up to T_max; held at eta_min after it."""

    def __init__(self, base, t_max, eta_min):
        self.base, self.lr, self.T, self.m = base, base, t_max, eta_min

    def step(self, t):
        T, m = self.T, self.m
        if t == 0:
            return
        if t > T:
            self.lr = m
        elif (t - 1 - T) % (2 * T) == 0:
            self.lr = self.lr + (self.base - m) * (1 - math.cos(math.pi / T)) / 2
        else:
            self.lr = (1 + math.cos(math.pi * t / T)) / (1 + math.cos(math.pi * (t - 1) / T)) * (self.lr - m) + m


class LinearRef:
    """LinearLR's recursive form: base·a at t = 0, then multiplied by 1 + (b − a)/(n·a + (t − 1)(b − a)) up to n."""

    def __init__(self, base, start_factor, end_factor, total_iters):
        self.a, self.b, self.n = start_factor, end_factor, total_iters
        self.lr = base * start_factor

    def step(self, t):
        a, b, n = self.a, self.b, self.n
        if t == 0 or t > n:
            return
        self.lr = self.lr * (1 + (b - a) / (n * a + (t - 1) * (b - a)))


def _reference(kind, base, p):
    if kind == "step":
        return StepRef(base, p["step_size"], p["gamma"])
    if kind == "exponential":
        return ExponentialRef(base, p["gamma"])
    if kind == "cosine":
        return CosineRef(base, p["t_max"], p["eta_min"])
    return LinearRef(base, p["start_factor"], p["end_factor"], p["total_iters"])


def reference_lrs(kind, base, p, steps, warmup=None):
    """η_0 .. η_{steps−1} of torch's SequentialLR([LinearLR(s, 1, w), scheduler], milestones=[w]) (or the scheduler
    alone): the warmup's LinearLR for w steps, then the scheduler started afresh from the base rate."""
    out = []
    if warmup:
        w, s = warmup
        ref = LinearRef(base, s, 1.0, w)
        for t in range(min(w, steps)):
            ref.step(t)
            out.append(ref.lr)
    ref = _reference(kind, base, p)
    for t in range(steps - len(out)):
        ref.step(t)
        out.append(ref.lr)
    return out


CASES = [
    ("step", {"step_size": 3, "gamma": 0.5}),
    ("step", {"step_size": 1, "gamma": 0.9}),
    ("exponential", {"gamma": 0.93}),
    ("cosine", {"t_max": 37, "eta_min": 0.0}),
    ("cosine", {"t_max": 12, "eta_min": 0.004}),
    ("cosine", {"t_max": 1, "eta_min": 0.01}),
    ("linear", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 9}),
    ("linear", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 20}),
]
WARMUPS = [None, (4, 0.1), (1, 0.5)]


def _ids(c):
    return f"{c[0]}-" + "-".join(f"{v:g}" for v in c[1].values())


@pytest.mark.parametrize("warmup", WARMUPS, ids=str)
@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_closed_form_matches_torch_recursion(case, warmup):
    kind, p = case
    w = None if warmup is None else {"steps": warmup[0], "start_factor": warmup[1]}
    sched = make_schedule(kind, p, w)
    base = 0.3
    want = reference_lrs(kind, base, p, 60, warmup)
    got = [sched.lr(base, t) for t in range(60)]
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    if warmup is None:
        assert got[0] == (base * p["start_factor"] if kind == "linear" else base)  # the first step uses η (·a)


def test_closed_forms_at_hand_picked_steps():
    assert make_schedule("step", {"step_size": 10, "gamma": 0.1}).lr(2.0, 25) == pytest.approx(0.02, rel=1e-15)
    assert make_schedule("exponential", {"gamma": 0.5}).lr(1.0, 3) == 0.125
    cos = make_schedule("cosine", {"t_max": 4, "eta_min": 0.0})
    assert cos.lr(1.0, 2) == pytest.approx(0.5, rel=1e-15) and cos.lr(1.0, 4) == 0.0 and cos.lr(1.0, 99) == 0.0
    lin = make_schedule("linear", {"start_factor": 0.5, "end_factor": 1.0, "total_iters": 2})
    assert [lin.lr(1.0, t) for t in range(4)] == [0.5, 0.75, 1.0, 1.0]
    warm = make_schedule("exponential", {"gamma": 0.5}, {"steps": 2, "start_factor": 0.5})
    assert [warm.lr(1.0, t) for t in range(5)] == [0.5, 0.75, 1.0, 0.5, 0.25]


def test_defaults_are_the_documented_ones():
    assert {k: {p.name: p.default for p in s.params} for k, s in SCHEDULES.items()} == {
        "step": {"step_size": 10, "gamma": 0.1},
        "exponential": {"gamma": 0.99},
        "cosine": {"t_max": 100, "eta_min": 0.0},
        "linear": {"start_factor": 1 / 3, "end_factor": 1.0, "total_iters": 5},
    }
    assert {p.name: p.default for p in WARMUP} == {"steps": 5, "start_factor": 1 / 3}
    s = schedule_from_dict({"type": "linear", "warmup": {}})
    assert s.warmup_steps == 5 and s.warmup_start_factor == 1 / 3


# ---- trajectories ---------------------------------------------------------------------------------------------

# torch-defined rules only: under a varying η the look-ahead ``nag`` samples x − η_t·α·b (torch's buffer), which the
# seed's V-form loop in textbook.py does not (they agree only at fixed η)
TORCH_RULES = ["sgd", "momentum", "nag_bengio", "adagrad", "rmsprop", "adam", "adam_nobc"]
HP = {"sgd": {"lr": 1e-3}, "momentum": {"lr": 5e-4, "momentum": 0.8}, "nag_bengio": {"lr": 5e-4},
      "adagrad": {"lr": 0.3}, "rmsprop": {"lr": 0.01}, "adam": {"lr": 0.05}, "adam_nobc": {"lr": 0.01},
      "nag": {"lr": 5e-4}}


@pytest.mark.parametrize("warmup", [None, (5, 0.2)], ids=str)
@pytest.mark.parametrize("case", CASES[::2] + CASES[-1:], ids=_ids)
@pytest.mark.parametrize("kind", TORCH_RULES)
def test_scheduled_trajectory_matches_loop_from_the_formulas(kind, case, warmup):
    sname, p = case
    w = None if warmup is None else {"steps": warmup[0], "start_factor": warmup[1]}
    obj = make_objective({"name": "rosenbrock"})
    hp = OPTIMIZERS[kind].resolve(HP[kind])
    if p.get("eta_min"):  # an absolute rate: keep it below each rule's own η on this steep surface
        p = {**p, "eta_min": 0.02 * hp["lr"]}
    steps = 80
    lrs = reference_lrs(sname, hp["lr"], p, steps, warmup)
    want = naive_trajectory(kind, hp, obj.start, rosenbrock_grad, steps, lr_at=lambda k: lrs[k])
    for fast in (True, False):
        s = Session(obj, [RunSpec(kind, hyperparams=HP[kind], schedule=make_schedule(sname, p, w))])
        if not fast:
            s._point = None  # the array path
        snap = s.step(steps)
        assert snap.runs[0].diverged_at is None
        assert_traj_close(snap.trajectory(0).T, want, 1e-12, f"{kind} {sname} fast={fast}")


def _run_both(monkeypatch, obj, runs, plan):
    """The same runs on the float path and on the array path, through ``plan(session)``; snapshots and states
    must be bit-identical."""
    fast = Session(obj, runs)
    with monkeypatch.context() as m:
        m.setattr(session_mod, "FLOAT_PATH_MAX_RUNS", 0)
        slow = Session(obj, runs)
    assert fast._point is not None and slow._point is None
    a, b = plan(fast), plan(slow)
    assert a.runs == b.runs
    for i in range(len(runs)):
        np.testing.assert_array_equal(a.trajectory(i), b.trajectory(i))
        np.testing.assert_array_equal(a.losses(i), b.losses(i))
        for fa, fb in zip(fast.state_of(i), slow.state_of(i)):
            np.testing.assert_array_equal(fa, fb)
    return fast, slow


@pytest.mark.parametrize("sname", list(SCHEDULES))
def test_both_paths_bit_identical_with_schedules(monkeypatch, sname):
    obj = make_objective({"name": "beale"})
    runs = []
    for j, kind in enumerate(OPTIMIZERS):
        sched = make_schedule(sname, warmup={"steps": 3, "start_factor": 0.3} if j % 2 else None)
        for fast in TABLE[kind].fast:  # every rule, options off and on (optimizer_table.py)
            hp = {**TABLE[kind].defaults, **fast}
            runs.append(RunSpec(kind, f"{kind}-s{len(runs)}", dict(hp), schedule=sched))
            runs.append(RunSpec(kind, f"{kind}-plain{len(runs)}", dict(hp)))  # same rule, same group, unscheduled
    for k in range(0, len(runs), session_mod.FLOAT_PATH_MAX_RUNS):  # as many runs as the float path takes
        _run_both(monkeypatch, obj, runs[k:k + session_mod.FLOAT_PATH_MAX_RUNS],
                  lambda s: (s.step(1), s.step(6), s.step(250))[-1])


def test_both_paths_bit_identical_with_divergence_and_live_edits(monkeypatch):
    obj = make_objective({"name": "rosenbrock"})
    grow = make_schedule("linear", {"start_factor": 1.0, "end_factor": 1.0, "total_iters": 1},
                         {"steps": 30, "start_factor": 0.01})  # warms up into a rate that blows up
    runs = [RunSpec("sgd", "wild", {"lr": 0.01}, schedule=grow),
            RunSpec("adam", "adam", {"lr": 0.05}, schedule=make_schedule("cosine", {"t_max": 40})),
            RunSpec("momentum", "mom", {"lr": 0.001})]

    def plan(s):
        s.step(10)
        s.set_hyperparams(1, {"lr": 0.1})
        s.set_schedule(2, make_schedule("exponential", {"gamma": 0.95}))
        s.step(15)
        s.set_schedule(1, None)
        return s.step(60)

    fast, _ = _run_both(monkeypatch, obj, runs, plan)
    snap = fast.snapshot()
    assert snap.runs[0].diverged_at is not None and snap.runs[1].diverged_at is None
    assert fast.edits == [(10, 1, {"lr": 0.1}), (10, 2, {"schedule": make_schedule("exponential", {"gamma": 0.95})}),
                          (25, 1, {"schedule": None})]


def test_live_lr_edit_changes_the_base_rate_from_the_next_step():
    obj = make_objective({"name": "bowl"})
    sched = make_schedule("exponential", {"gamma": 0.9})
    s = Session(obj, [RunSpec("sgd", hyperparams={"lr": 0.5}, schedule=sched)])
    s.step(7)
    s.set_hyperparams(0, {"lr": 0.8})
    snap = s.step(13)
    lrs = [0.5 * 0.9 ** k if k < 7 else 0.8 * 0.9 ** k for k in range(20)]  # t counts on: η·γᵗ with the new η
    want = naive_trajectory("sgd", {"lr": 0.5}, obj.start, bowl_grad, 20, lr_at=lambda k: lrs[k])
    assert_traj_close(snap.trajectory(0).T, want, 1e-12)
    tr = Tracer(s)
    tr.sync()
    np.testing.assert_allclose(tr.quantity(0, "lr")[:20, 0], lrs, rtol=1e-12)
    np.testing.assert_allclose(tr.quantity(0, "eta_eff")[:20, 1], lrs, rtol=1e-12)  # SGD's η_eff is η_t


def test_schedule_edit_applies_from_the_next_step_and_reset_keeps_it():
    obj = make_objective({"name": "bowl"})
    s = Session(obj, [RunSpec("sgd", hyperparams={"lr": 0.5})])
    s.step(4)
    s.set_schedule(0, make_schedule("step", {"step_size": 2, "gamma": 0.5}))
    snap = s.step(6)
    lrs = [0.5] * 4 + [0.5 * 0.5 ** (k // 2) for k in range(4, 10)]  # t is the steps taken: 4 at the edit
    want = naive_trajectory("sgd", {"lr": 0.5}, obj.start, bowl_grad, 10, lr_at=lambda k: lrs[k])
    assert_traj_close(snap.trajectory(0).T, want, 1e-12)
    tr = Tracer(s)
    tr.sync()
    np.testing.assert_allclose(tr.quantity(0, "lr")[:10, 0], lrs, rtol=1e-12)
    assert tr.schedule_at(0, 3) is None and tr.schedule_at(0, 4).type == "step"
    assert tr.hp_at(0, 9)["lr"] == 0.5
    s.reset()  # edits become the starting settings
    assert s.initial_runs[0].schedule.type == "step"
    again = s.step(10)
    lrs = [0.5 * 0.5 ** (k // 2) for k in range(10)]
    assert_traj_close(again.trajectory(0).T,
                      naive_trajectory("sgd", {"lr": 0.5}, obj.start, bowl_grad, 10, lr_at=lambda k: lrs[k]), 1e-12)
    with pytest.raises(PlaygroundError, match="expected a Schedule"):
        s.set_schedule(0, {"type": "cosine"})


# ---- the teaching layer ---------------------------------------------------------------------------------------

def test_preview_and_rule_rows_use_eta_t():
    obj = make_objective({"name": "bowl"})
    sched = make_schedule("cosine", {"t_max": 10, "eta_min": 0.01})
    s = Session(obj, [RunSpec("momentum", hyperparams={"lr": 0.2}, schedule=sched), RunSpec("sgd")])
    s.step(3)
    p = preview_step(s, 0)
    eta3 = 0.01 + (0.2 - 0.01) * (1 + math.cos(math.pi * 3 / 10)) / 2
    assert p.hp["lr"] == pytest.approx(eta3, rel=1e-15) and p.base_lr == 0.2
    s.step(1)
    np.testing.assert_array_equal(p.next_point, s.params[0])  # the preview is the step the session took
    rows = [r.text for r in rule_rows(p)]
    assert rows[1].startswith(f"η_t = {eta3:.4g}  (") and "cosine schedule, t = 3, η = 0.2" in rows[1]
    assert all(not r.text.startswith("η_t") for r in rule_rows(preview_step(s, 1)))  # no schedule, no row
    assert "lr" in QUANTITIES


@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_every_quantity_takes_eta_as_a_column(kind):
    """A quantity evaluated with η as a column of equal values is the same as with η the float: the contract that
    lets a schedule's η_t reach every declaration's quantities."""
    obj = make_objective({"name": "beale"})
    s = Session(obj, [RunSpec(kind, hyperparams={**TABLE[kind].defaults, **TABLE[kind].fast[-1]})])
    s.step(5)
    tr = Tracer(s)
    tr.sync()
    raw = tr._raw[: tr._n, 0]
    hp = s.runs[0].hyperparams
    flat = make_schedule("linear", {"start_factor": 1.0, "end_factor": 1.0, "total_iters": 1})  # η_t = η
    for name in QUANTITIES:
        np.testing.assert_array_equal(quantity(kind, hp, raw, name, flat), quantity(kind, hp, raw, name))


# ---- scene files ----------------------------------------------------------------------------------------------

def _scene(schedule, steps=40, **extra):
    return json.dumps({"version": 1, "objective": {"name": "bowl"}, "steps": steps,
                       "optimizers": [{"type": "sgd", "lr": 0.5}, {"type": "adam", "lr": 0.3, "schedule": schedule,
                                                                   **extra}]})


def test_scene_round_trip_and_defaults():
    sc = loads_scene(_scene({"type": "cosine", "warmup": {"steps": 3}}, steps=40))
    s = sc.optimizers[1].schedule
    assert s == Schedule("cosine", {"t_max": 40, "eta_min": 0.0}, 3, 1 / 3)  # t_max: the scene's steps
    assert sc.optimizers[0].schedule is None
    d = sc.to_dict()
    assert "schedule" not in d["optimizers"][0]
    assert d["optimizers"][1]["schedule"] == {"type": "cosine", "t_max": 40, "eta_min": 0.0,
                                              "warmup": {"steps": 3, "start_factor": 1 / 3}}
    assert loads_scene(json.dumps(d)) == sc
    for kind in SCHEDULES:
        sc = loads_scene(_scene({"type": kind}))
        assert loads_scene(json.dumps(sc.to_dict())).optimizers[1].schedule == sc.optimizers[1].schedule
    assert loads_scene(_scene({"type": "cosine"}, steps=0)).optimizers[1].schedule.params["t_max"] == 1
    # "steps": 0 is no warmup, and is not written back
    sc = loads_scene(_scene({"type": "step", "warmup": {"steps": 0}}))
    assert sc.optimizers[1].schedule.warmup_steps == 0 and "warmup" not in sc.to_dict()["optimizers"][1]["schedule"]


BAD = [
    ({"type": "step", "gamma": -0.5}, "optimizers[1].schedule.gamma: Invalid gamma: -0.5 (expected 0 < gamma ≤ 1)"),
    ({"type": "exponential", "gamma": 0}, "optimizers[1].schedule.gamma: Invalid gamma: 0"),
    ({"type": "step", "step_size": 0}, "optimizers[1].schedule.step_size: Invalid step_size: 0"),
    ({"type": "step", "step_size": 2.5}, "optimizers[1].schedule.step_size: Invalid step_size: 2.5 (expected a whole"),
    ({"type": "cosine", "t_max": 0}, "optimizers[1].schedule.t_max: Invalid t_max: 0"),
    ({"type": "cosine", "eta_min": -1}, "optimizers[1].schedule.eta_min: Invalid eta_min: -1"),
    ({"type": "linear", "start_factor": 0}, "optimizers[1].schedule.start_factor: Invalid start_factor: 0"),
    ({"type": "linear", "end_factor": 1.5}, "optimizers[1].schedule.end_factor: Invalid end_factor: 1.5"),
    ({"type": "linear", "total_iters": True}, "optimizers[1].schedule.total_iters: Invalid total_iters: True"),
    ({"type": "cyclic"}, "optimizers[1].schedule.type: unknown schedule 'cyclic' (known: step, exponential, "
                         "cosine, linear)"),
    ({"type": 3}, "optimizers[1].schedule.type: unknown schedule 3"),
    ({"gamma": 0.5}, "optimizers[1].schedule: missing key 'type'"),
    ({"type": "step", "t_max": 5}, "optimizers[1].schedule.t_max: unknown key for a step schedule (known: type, "
                                   "step_size, gamma, warmup)"),
    ({"type": "cosine", "gamma": "0.5"}, "optimizers[1].schedule.gamma: unknown key"),
    ({"type": "cosine", "t_max": "10"}, "optimizers[1].schedule.t_max: Invalid t_max: '10' (expected a number)"),
    ("cosine", "optimizers[1].schedule: expected an object"),
    (None, "optimizers[1].schedule: expected an object"),
    ({"type": "step", "warmup": 5}, "optimizers[1].schedule.warmup: expected an object"),
    ({"type": "step", "warmup": {"steps": -1}}, "optimizers[1].schedule.warmup.steps: Invalid warmup steps: -1"),
    ({"type": "step", "warmup": {"start_factor": 0}},
     "optimizers[1].schedule.warmup.start_factor: Invalid warmup start_factor: 0"),
    ({"type": "step", "warmup": {"steps": 3, "factor": 0.1}},
     "optimizers[1].schedule.warmup.factor: unknown key (known: steps, start_factor)"),
]


@pytest.mark.parametrize("schedule,message", BAD, ids=[m.split(": ")[0] + "-" + str(i) for i, (_s, m) in
                                                       enumerate(BAD)])
def test_bad_schedules_name_the_key(schedule, message):
    with pytest.raises(PlaygroundError) as e:
        loads_scene(_scene(schedule))
    assert str(e.value).startswith(message), str(e.value)


def test_headless_runs_a_scheduled_scene_and_rejects_bad_ones(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(_scene({"type": "step", "step_size": 4, "gamma": 0.5, "warmup": {"steps": 2,
                                                                                     "start_factor": 0.5}}),
                    encoding="utf-8")
    out, stdout, stderr = tmp_path / "out.csv", io.StringIO(), io.StringIO()
    assert headless_main(str(good), 30, str(out), stdout=stdout, stderr=stderr) == 0, stderr.getvalue()
    rows = [r.split(",") for r in out.read_text(encoding="utf-8").splitlines()[1:] if r.startswith("adam,")]
    lrs = reference_lrs("step", 0.3, {"step_size": 4, "gamma": 0.5}, 30, (2, 0.5))
    hp = OPTIMIZERS["adam"].resolve({"lr": 0.3})
    start = make_objective({"name": "bowl"}).start
    want = naive_trajectory("adam", hp, start, bowl_grad, 30, lr_at=lambda k: lrs[k])
    assert_traj_close(np.array([[float(r[2]), float(r[3])] for r in rows]), want, 1e-12)
    for i, (schedule, message) in enumerate(BAD):
        bad = tmp_path / f"bad{i}.json"
        bad.write_text(_scene(schedule), encoding="utf-8")
        stdout, stderr = io.StringIO(), io.StringIO()
        assert headless_main(str(bad), None, str(tmp_path / "no.csv"), stdout=stdout, stderr=stderr) == 2
        lines = stderr.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: bad{i}.json: {message}"), lines
        assert stdout.getvalue() == "" and not (tmp_path / "no.csv").exists()


def test_command_line_exit_status(tmp_path):
    """The real command line: a scheduled scene runs; a bad schedule exits 2 with one ``error:`` line."""
    good = tmp_path / "good.json"
    good.write_text(_scene({"type": "cosine", "t_max": 20, "eta_min": 0.01}), encoding="utf-8")
    p = run_cli("--scene", good, "--steps", 25)
    assert p.returncode == 0 and p.stderr == "" and len(p.stdout.splitlines()) == 2, p.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(_scene({"type": "cosine", "t_max": 0}), encoding="utf-8")
    p = run_cli("--scene", bad, "--csv", tmp_path / "out.csv")
    assert p.returncode == 2 and p.stdout == "" and not (tmp_path / "out.csv").exists()
    assert p.stderr.splitlines() == ["error: bad.json: optimizers[1].schedule.t_max: Invalid t_max: 0 "
                                     "(expected 1 ≤ t_max ≤ 10000000)"], p.stderr
