"""Sweeps and basin maps (engine/sweep.py): grid values, the scene sections, every cell against the race's own run
(``Session``), independence from chunking and threads, cancel and progress, the quadratic stability region against
simulation and against the iteration matrix's spectral radius, basin classification, and the headless CSVs."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import Session, load_scene, save_scene, scene_from_dict
from engine.errors import PlaygroundError
from engine.headless import basins_csv, sweep_csv
from engine.headless import main as headless_main
from engine.optimizers import bias_correction
from engine.sweep import (DIVERGED, ELSEWHERE, UNCOMPUTED, BasinConfig, MapPlan, SweepAxis, SweepConfig, classify,
                          grid_values, refinement, stability)

ROOT = Path(__file__).resolve().parents[2]


def scene(objective=None, optimizers=None, **extra):
    data = {"version": 1, "objective": objective or {"name": "rosenbrock"}, "start": [-1.5, 2.5], "steps": 60,
            "optimizers": optimizers or [{"type": "adam", "lr": 0.05, "label": "Adam"},
                                         {"type": "sgd", "lr": 1e-3, "label": "SGD"}], **extra}
    return scene_from_dict(data)


def bits(a) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.float64).view(np.int64)


# ---- grid values -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lo, hi, n", [(1e-4, 1.0, 64), (0.3, 0.01, 7), (2.0, 2.0, 3), (1e-8, 1e3, 2)])
def test_log_grid_is_the_contracts_formula(lo, hi, n):
    got = SweepAxis("lr", lo, hi, n, "log").values()
    assert got.tolist() == [lo * (hi / lo) ** (i / (n - 1)) for i in range(n)]
    assert got[0] == lo and math.isclose(got[-1], hi, rel_tol=1e-15)
    ratios = got[1:] / got[:-1]
    assert np.allclose(ratios, (hi / lo) ** (1 / (n - 1)), rtol=1e-12)


@pytest.mark.parametrize("lo, hi, n", [(0.0, 0.99, 48), (-3.0, 5.0, 9), (1.0, 0.0, 2)])
def test_linear_grid_is_the_contracts_formula(lo, hi, n):
    got = SweepAxis("beta1", lo, hi, n).values()
    assert got.tolist() == [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    assert got[0] == lo and got[-1] == hi
    assert np.allclose(np.diff(got), (hi - lo) / (n - 1), rtol=1e-12, atol=1e-15)


def test_basin_starts_follow_the_contract_and_default_to_the_objective_bounds():
    s = scene({"name": "himmelblau"}, basins={"grid": [5, 3], "bounds": [-4, 4, -2, 1]})
    plan = MapPlan(s, s.basins)
    assert plan.xs.tolist() == [-4 + 8 * i / 4 for i in range(5)]
    assert plan.ys.tolist() == [-2 + 3 * j / 2 for j in range(3)]
    assert plan.shape == (3, 5) and plan.cell_start(7) == (plan.xs[2], plan.ys[1])
    s = scene({"name": "himmelblau"}, basins={"grid": [3, 4]})
    x0, x1, y0, y1 = s.build_objective().bounds
    plan = MapPlan(s, s.basins)
    assert plan.xs.tolist() == [x0 + (x1 - x0) * i / 2 for i in range(3)]
    assert plan.ys.tolist() == [y0 + (y1 - y0) * j / 3 for j in range(4)]


def test_grid_values_of_one_value_per_end():
    assert grid_values(1.0, 3.0, 2).tolist() == [1.0, 3.0]


# ---- the scene sections ------------------------------------------------------------------------------------------

SWEEP = {"runs": ["Adam"], "x": {"param": "lr", "from": 1e-4, "to": 1.0, "count": 64, "scale": "log"},
         "y": {"param": "beta1", "from": 0.0, "to": 0.99, "count": 48, "scale": "linear"}, "steps": 500,
         "tolerance": 1e-6}
BASINS = {"runs": ["SGD"], "grid": [100, 100], "bounds": [-5, 5, -5, 5], "steps": 300}


def test_the_contracts_example_sections_load_save_and_reload_unchanged(tmp_path):
    s = scene(sweep=SWEEP, basins=BASINS)
    assert s.sweep == SweepConfig(SweepAxis("lr", 1e-4, 1.0, 64, "log"), SweepAxis("beta1", 0.0, 0.99, 48),
                                  ("Adam",), 500, 1e-6)
    assert s.basins == BasinConfig((100, 100), ("SGD",), (-5.0, 5.0, -5.0, 5.0), 300)
    assert s.sweep.shape == (48, 64) and s.basins.shape == (100, 100)
    save_scene(s, tmp_path / "s.json")
    again = load_scene(tmp_path / "s.json")
    assert again.sweep == s.sweep and again.basins == s.basins
    d = json.loads((tmp_path / "s.json").read_text())
    assert d["sweep"] == SWEEP and d["basins"] == BASINS


def test_sections_left_out_stay_out_and_defaults_stay_implicit():
    s = scene()
    assert s.sweep is None and s.basins is None
    assert "sweep" not in s.to_dict() and "basins" not in s.to_dict()
    s = scene(sweep={"x": {"param": "lr", "from": 0.1, "to": 1, "count": 3}}, basins={"grid": [2, 2]})
    assert s.to_dict()["sweep"] == {"x": {"param": "lr", "from": 0.1, "to": 1.0, "count": 3, "scale": "linear"}}
    assert s.to_dict()["basins"] == {"grid": [2, 2]}
    assert s.sweep.runs is None and s.sweep.steps is None and s.sweep.tolerance is None
    plan = MapPlan(s, s.sweep)
    assert plan.labels == ("Adam", "SGD") and plan.steps == 60 and plan.threshold is None  # every enabled run
    assert MapPlan(s, s.sweep, steps=7).steps == 7  # --steps replaces the scene's


def _axis(**kw):
    return {"param": "lr", "from": 0.01, "to": 1.0, "count": 8, **kw}


@pytest.mark.parametrize("sweep, message", [
    ({"x": _axis(param="lrr")}, "sweep.x.param: 'lrr' is not a hyperparameter of run 'Adam' (adam: lr, beta1"),
    ({"x": _axis(param="momentum")}, "sweep.x.param: 'momentum' is not a hyperparameter of run 'Adam'"),
    ({"x": _axis(count=1)}, "sweep.x.count: Invalid count: 1 (expected 2 ≤ count ≤ 1024)"),
    ({"x": _axis(count=2.5)}, "sweep.x.count: expected a whole number, got 2.5"),
    ({"x": _axis(count=5000)}, "sweep.x.count: Invalid count: 5000"),
    ({"x": _axis(scale="log", **{"from": 0})}, "sweep.x.from: a log scale needs from > 0, got 0"),
    ({"x": _axis(scale="log", to=-1)}, "sweep.x.to: a log scale needs to > 0, got -1"),
    ({"x": _axis(scale="ln")}, "sweep.x.scale: expected \"linear\" or \"log\", got 'ln'"),
    ({"x": _axis(), "y": {"param": "beta1", "from": 0, "to": 0.9, "count": 4}},
     "sweep.runs: a 2-D sweep (with \"y\") is over exactly one run; name it (the enabled runs are 'Adam', 'SGD')"),
    ({"runs": ["Adam", "SGD"], "x": _axis(), "y": {"param": "beta1", "from": 0, "to": 0.9, "count": 4}},
     "sweep.runs: a 2-D sweep (with \"y\") is over exactly one run, got 2 ('Adam', 'SGD')"),
    ({"runs": ["Adam"], "x": _axis(), "y": _axis()}, "sweep.y.param: 'lr' is already swept along x"),
    ({"runs": ["Adam"], "x": _axis(), "y": {"param": "beta1", "from": 0, "to": 1.0, "count": 4}},
     "sweep.y: beta1 = 1.0 for run 'Adam': Invalid beta parameter at index 0: 1.0 (expected 0 ≤ beta1 < 1)"),
    ({"runs": ["Adam"], "x": _axis(param="amsgrad")}, "sweep.x.param: 'amsgrad' is true or false"),
    ({"x": _axis(**{"from": -1})}, "sweep.x: lr = -1.0 for run 'Adam': Invalid learning rate: -1.0"),
    ({"x": _axis(to=float("inf"))}, "sweep.x.to: expected a finite number, got inf"),
    ({"x": _axis(to="1")}, "sweep.x.to: expected a finite number, got '1'"),
    ({"x": {"param": "lr", "from": 0.1, "count": 3}}, "sweep.x: missing key 'to'"),
    ({"x": _axis(step=2)}, "sweep.x.step: unknown key (known: param, from, to, count, scale)"),
    ({"y": _axis()}, "sweep: missing key 'x'"),
    ({"x": _axis(), "colour": 1}, "sweep.colour: unknown key (known: runs, x, y, steps, tolerance)"),
    ({"runs": ["Adamw"], "x": _axis()}, "sweep.runs[0]: no run labelled 'Adamw' (labels: Adam, SGD)"),
    ({"runs": ["SGD", "SGD"], "x": _axis()}, "sweep.runs[1]: 'SGD' is named twice"),
    ({"runs": [], "x": _axis()}, "sweep.runs: expected a non-empty list of run labels"),
    ({"x": _axis(), "steps": -1}, "sweep.steps: Invalid steps: -1"),
    ({"x": _axis(), "tolerance": -1e-3}, "sweep.tolerance: Invalid tolerance: -0.001"),
    ({"x": _axis(), "tolerance": True}, "sweep.tolerance: Invalid tolerance: True (expected a number)"),
    ([1], "sweep: expected an object"),
])
def test_bad_sweep_sections_are_refused_with_the_key_named(sweep, message):
    with pytest.raises(PlaygroundError) as e:
        scene(sweep=sweep)
    assert message in str(e.value)


@pytest.mark.parametrize("basins, message", [
    ({"grid": [1, 10]}, "basins.grid[0]: Invalid grid size: 1 (expected 2 ≤ grid ≤ 1024)"),
    ({"grid": [10]}, "basins.grid: expected two whole numbers [nx, ny], got [10]"),
    ({"grid": [10, 10.5]}, "basins.grid[1]: expected a whole number, got 10.5"),
    ({"grid": [10, 10], "bounds": [1, -1, 0, 1]}, "basins.bounds: expected xmin < xmax and ymin < ymax"),
    ({"grid": [10, 10], "bounds": [0, 1, 0]}, "basins.bounds: expected four finite numbers"),
    ({"grid": [10, 10], "runs": ["Nope"]}, "basins.runs[0]: no run labelled 'Nope'"),
    ({"bounds": [0, 1, 0, 1]}, "basins: missing key 'grid'"),
    ({"grid": [10, 10], "start": 1}, "basins.start: unknown key (known: runs, grid, bounds, steps)"),
])
def test_bad_basin_sections_are_refused_with_the_key_named(basins, message):
    with pytest.raises(PlaygroundError) as e:
        scene(basins=basins)
    assert message in str(e.value)


def test_a_sweep_over_a_parameter_every_run_has_may_cover_several_rules():
    s = scene(sweep={"x": _axis(param="weight_decay", **{"from": 0.0, "to": 0.1})})
    assert MapPlan(s, s.sweep).labels == ("Adam", "SGD")


# ---- every cell is the race's run --------------------------------------------------------------------------------

def race_run(sc, plan, run, cell, steps):
    """The race's run with the cell's values: the scene's session (every enabled run) with this run changed."""
    changed = plan.cell_run(run, cell)
    runs = [changed if r.label == changed.label else r for r in sc.optimizers if r.enabled]
    session = Session(plan.objective, runs, sc.start, sc.batch, sc.seed)
    snap = session.step(steps)
    i = [r.label for r in snap.runs].index(changed.label)
    return snap, i


def assert_cells_are_race_runs(sc, plan, result, threshold=None):
    assert result.complete
    for run in range(len(plan.runs)):
        for cell in range(plan.n_cells):
            snap, i = race_run(sc, plan, run, cell, plan.steps)
            r = snap.runs[i]
            where = np.unravel_index(cell, plan.shape)
            assert tuple(result.final[(run, *where)].tolist()) == r.point, (run, cell)
            assert bits(result.loss[(run, *where)]) == bits(r.loss), (run, cell)
            assert result.diverged_at[(run, *where)] == (-1 if r.diverged_at is None else r.diverged_at)
            if threshold is not None:
                hit = np.flatnonzero(snap.losses(i) <= threshold)
                assert result.steps_to_tol[(run, *where)] == (hit[0] if hit.size else -1), (run, cell)
            else:
                assert result.steps_to_tol[(run, *where)] == -1


def test_a_2d_adam_sweep_on_rosenbrock_is_the_race_bit_for_bit():
    sc = scene(steps=400, sweep={"runs": ["Adam"], "tolerance": 0.05,
                                 "x": {"param": "lr", "from": 1e-3, "to": 0.5, "count": 5, "scale": "log"},
                                 "y": {"param": "beta1", "from": 0.0, "to": 0.95, "count": 4}})
    plan = MapPlan(sc, sc.sweep)
    assert plan.threshold == 0.05  # Rosenbrock's known minimum value is 0
    result = plan.compute()
    assert (result.steps_to_tol >= 0).any() and (result.steps_to_tol < 0).any()
    assert_cells_are_race_runs(sc, plan, result, 0.05)


def test_cells_with_data_minibatches_shuffle_a_schedule_and_divergence_are_the_race():
    sc = scene({"name": "linear_regression", "samples": 150, "noise": 0.3, "seed": 4},
               [{"type": "momentum", "lr": 0.05, "momentum": 0.8, "label": "M",
                 "schedule": {"type": "cosine", "t_max": 40, "eta_min": 0.001, "warmup": {"steps": 5}}},
                {"type": "adam", "lr": 0.1, "label": "A", "batch": {"strategy": "stochastic"}},
                {"type": "nag", "lr": 0.05, "label": "N"}],
               batch={"strategy": "minibatch", "batch_size": 32, "shuffle": True, "drop_last": False},
               seed=11, steps=70, start=[-2.0, 3.0],
               sweep={"x": {"param": "lr", "from": 1e-3, "to": 3.0, "count": 9, "scale": "log"}, "tolerance": 0.5})
    plan = MapPlan(sc, sc.sweep)
    result = plan.compute(chunk=4)
    assert (result.diverged_at[0] > 0).any() and (result.diverged_at[0] < 0).any()  # momentum: both kinds
    assert_cells_are_race_runs(sc, plan, result, plan.threshold)


def test_book_convention_and_look_ahead_cells_on_an_analytic_surface_are_the_race():
    # Session steps a few analytic runs on its float path: these cells are checked against that path too
    sc = scene({"name": "bowl"}, [{"type": "nag_bengio", "lr": 0.1, "momentum": 0.9, "convention": "book",
                                   "label": "book"},
                                  {"type": "nag", "lr": 0.1, "momentum": 0.9, "label": "nag",
                                   "schedule": {"type": "step", "step_size": 10, "gamma": 0.5}}],
               start=[-7.0, 2.0], steps=80,
               sweep={"x": {"param": "momentum", "from": 0.0, "to": 0.99, "count": 6},
                      "tolerance": 1e-4})
    plan = MapPlan(sc, sc.sweep)
    assert_cells_are_race_runs(sc, plan, plan.compute(), 1e-4)


def test_basin_cells_are_the_race_from_those_starts_and_undefined_starts_are_flagged():
    sc = scene({"name": "formula", "expr": "log(x) + (y - 1)**2 + x", "bounds": [-1, 3, -1, 3]},
               [{"type": "sgd", "lr": 0.05, "label": "S"}, {"type": "rmsprop", "lr": 0.01, "label": "R"}],
               start=[1.0, 1.0], steps=40, basins={"grid": [4, 3]})
    plan = MapPlan(sc, sc.basins)
    result = plan.compute()
    undefined = plan.xs <= 0  # log(x) is not finite there: the cell is frozen from the start
    for run in range(2):
        for cell in range(plan.n_cells):
            j, i = divmod(cell, 4)
            if undefined[i]:
                assert result.diverged_at[run, j, i] == 0 and np.isnan(result.loss[run, j, i])
                assert result.final[run, j, i].tolist() == [plan.xs[i], plan.ys[j]]
                continue
            snap, k = race_run(sc, plan, run, cell, plan.steps)
            assert tuple(result.final[run, j, i].tolist()) == snap.runs[k].point
            assert bits(result.loss[run, j, i]) == bits(snap.runs[k].loss)
            assert result.diverged_at[run, j, i] == (snap.runs[k].diverged_at or -1)
    assert (result.diverged_at > 0).any()  # log(x) runs into x ≤ 0 from some starts
    text = basins_csv(result)
    row = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert row == ["S", "-1.0", "-1.0", "-1.0", "-1.0", "", "0"]  # loss "none": empty


# ---- chunks, threads, subsets, cancel ----------------------------------------------------------------------------

def _arrays(res):
    return [bits(res.final), bits(res.loss), res.steps_to_tol, res.diverged_at, res.done]


@pytest.mark.parametrize("objective", [{"name": "rastrigin"}, {"name": "logistic_regression", "samples": 300}])
def test_results_are_identical_whatever_the_chunks_threads_and_subsets(objective):
    sc = scene(objective, [{"type": "adam", "lr": 0.05, "label": "Adam"}, {"type": "sgd", "lr": 1.5, "label": "S"}],
               start=[2.2, -1.3], steps=120, batch={"strategy": "minibatch", "batch_size": 20, "shuffle": True},
               basins={"grid": [13, 11], "bounds": [-3, 3, -3, 3]})
    plan = MapPlan(sc, sc.basins)
    ref = plan.compute(workers=1)
    assert ref.complete and (ref.diverged_at[1] > 0).any() == (objective["name"] == "rastrigin")
    for workers, chunk in ((1, 1), (2, 7), (3, 50), (2, None)):
        res = plan.compute(workers=workers, chunk=chunk)
        for a, b in zip(_arrays(ref), _arrays(res)):
            assert np.array_equal(a, b)
    res = plan.compute(workers=2, chunk=40, processes=True)  # what the command line does
    for a, b in zip(_arrays(ref), _arrays(res)):
        assert np.array_equal(a, b)
    merged = plan.blank()
    for level in refinement(plan.shape, (4, 2, 1)):
        part = plan.compute(level, workers=2, chunk=16)
        assert part.done.sum() == 2 * len(level)
        merged = merged.merged(part)
    for a, b in zip(_arrays(ref), _arrays(merged)):
        assert np.array_equal(a, b)


def test_refinement_levels_cover_every_cell_once_coarse_first():
    levels = refinement((10, 9), (4, 2, 1))
    everything = np.concatenate(levels)
    assert sorted(everything.tolist()) == list(range(90))
    assert levels[0].tolist() == [j * 9 + i for j in (0, 4, 8) for i in (0, 4, 8)]
    assert [len(v) for v in refinement((5,), (2, 1))] == [3, 2]


def test_progress_is_reported_and_cancel_returns_the_chunks_finished():
    sc = scene({"name": "himmelblau"}, [{"type": "sgd", "lr": 0.01, "label": "S"}], steps=300,
               basins={"grid": [20, 10]})
    plan = MapPlan(sc, sc.basins)
    seen = []
    full = plan.compute(progress=lambda d, t: seen.append((d, t)), chunk=50, workers=1)
    assert seen == [(50, 200), (100, 200), (150, 200), (200, 200)] and full.complete
    calls = []
    part = plan.compute(progress=lambda d, t: calls.append(d), cancel=lambda: len(calls) >= 1, chunk=50, workers=1)
    assert calls == [50] and part.done.sum() == 50 and not part.complete
    assert np.isnan(part.loss[~part.done]).all()
    for a, b in zip(_arrays(full), _arrays(part)):
        assert np.array_equal(np.asarray(a)[part.done], np.asarray(b)[part.done])
    assert classify(part, plan.objective)[~part.done].tolist() == [UNCOMPUTED] * 150


def test_results_are_read_only_and_merging_makes_a_new_one():
    sc = scene(sweep={"x": _axis(count=4)}, steps=5)
    plan = MapPlan(sc, sc.sweep)
    blank = plan.blank()
    res = blank.merged(plan.compute([1, 2], runs=[1]))
    assert not blank.done.any() and res.done.tolist() == [[False] * 4, [False, True, True, False]]
    with pytest.raises(ValueError):
        res.loss[0, 0] = 1.0


# ---- quadratic stability -----------------------------------------------------------------------------------------

BOWL_LAM_MAX = 2.0  # x²/20 + y²: Hessian diag(0.1, 2)


def spectral_radius(kind: str, lr: float, mu: float, lams=(0.1, 2.0)) -> float:
    """The largest |eigenvalue| of one step's linear map on a quadratic, written from each rule's update on one
    eigen-direction (state (x, η·b)), independently of the declarations' closed forms."""
    rho = 0.0
    for lam in lams:
        h = lr * lam
        if kind == "sgd":
            M = np.array([[1.0 - h]])
        elif kind == "momentum":  # b' = μb + λx; x' = x − ηb'
            M = np.array([[1.0 - h, -mu], [h, mu]])
        elif kind == "nag_bengio":  # b' = μb + λx; x' = x − η(λx + μb')
            M = np.array([[1.0 - h - mu * h, -mu * mu], [h, mu]])
        else:  # the book's Nesterov, state (x, v): v' = μv − ηλx; x' = x + μ²v' − (1 + μ)ηλx
            M = np.array([[1.0 - h * (1 + mu + mu * mu), mu ** 3], [-h, mu]])
        rho = max(rho, float(np.max(np.abs(np.linalg.eigvals(M)))))
    return rho


def simulated_edge(result, run=0):
    """Per row: the first cell (along lr, ascending) whose run diverged or ended above its start's loss."""
    start_loss = 49 / 20 + 4  # f(-7, 2) on the bowl
    bad = (result.diverged_at[run] >= 0) | ~(result.loss[run] < start_loss)
    return np.argmax(np.atleast_2d(bad), axis=-1), np.atleast_2d(bad)


def test_sgd_threshold_is_two_over_lambda_max_and_matches_the_simulated_edge():
    sc = scene({"name": "bowl"}, [{"type": "sgd", "lr": 0.1, "label": "S"}], start=[-7.0, 2.0], steps=1000,
               sweep={"x": {"param": "lr", "from": 0.05, "to": 3.0, "count": 80, "scale": "log"}})
    plan = MapPlan(sc, sc.sweep)
    st = stability(plan)
    assert st.threshold == 2.0 / BOWL_LAM_MAX and st.lam_max == BOWL_LAM_MAX and st.lr_axis == "x"
    res = plan.compute()
    edge, bad = simulated_edge(res)
    theory = int(np.argmax(~st.stable))
    assert abs(int(edge[0]) - theory) <= 1 and bad[0, theory + 1:].all() and not bad[0, :theory - 1].any()
    assert st.stable.tolist() == [spectral_radius("sgd", v, 0.0) < 1 for v in plan.xs]


@pytest.mark.parametrize("kind, convention", [("momentum", "torch"), ("nag_bengio", "torch"), ("nag", "torch"),
                                              ("nag_bengio", "book")])
def test_heavy_ball_and_nesterov_regions_match_simulation_and_the_spectral_radius(kind, convention):
    sc = scene({"name": "bowl"}, [{"type": kind, "lr": 0.1, "momentum": 0.5, "label": "M",
                                   "convention": convention}], start=[-7.0, 2.0],
               steps=1000, sweep={"x": {"param": "lr", "from": 0.2, "to": 4.0, "count": 60, "scale": "log"},
                                  "y": {"param": "momentum", "from": 0.0, "to": 0.9, "count": 10}})
    plan = MapPlan(sc, sc.sweep)
    st = stability(plan)
    ys, lr_max = st.boundary
    mu = plan.ys
    closed = {"momentum": 2 * (1 + mu) / BOWL_LAM_MAX,  # 0 < ηλ < 2 + 2β for every eigenvalue λ
              "nag_bengio": 2 * (1 + mu) / ((1 + 2 * mu) * BOWL_LAM_MAX),
              "nag": 2 * (1 + mu) / ((1 + 2 * mu) * BOWL_LAM_MAX),
              "book": 2 * (1 + mu) / ((1 + 2 * mu + 2 * mu * mu) * BOWL_LAM_MAX)}[kind if convention == "torch"
                                                                                 else "book"]
    assert np.allclose(lr_max, closed, rtol=1e-14) and ys.tolist() == mu.tolist()
    # nag's iterates are Bengio's, shifted: the same linear map
    rule = {"momentum": "momentum", "nag": "nag_bengio", "nag_bengio": "nag_bengio"}[kind] if convention == "torch" \
        else "book"
    for j, m in enumerate(mu):
        for i, lr in enumerate(plan.xs):
            rho = spectral_radius(rule, lr, m)
            if abs(rho - 1.0) > 1e-9:
                assert st.stable[j, i] == (rho < 1.0), (lr, m, rho)
    res = plan.compute()
    edge, bad = simulated_edge(res)
    theory = np.argmax(~st.stable, axis=1)
    assert (~st.stable).any(axis=1).all() and st.stable[:, 0].all()
    assert np.abs(edge - theory).max() <= 1, (edge, theory)
    for j in range(len(mu)):  # one edge per row: stable below it, unstable above (up to one cell at it)
        assert not bad[j, : max(theory[j] - 1, 0)].any() and bad[j, theory[j] + 1:].all()


def test_no_stability_region_where_none_is_known():
    sc = scene({"name": "bowl"}, [{"type": "adam", "lr": 0.1, "label": "A"}],
               sweep={"x": _axis()}, basins={"grid": [3, 3]})
    assert stability(MapPlan(sc, sc.sweep)) is None  # adaptive
    assert stability(MapPlan(sc, sc.basins)) is None
    sc = scene(sweep={"runs": ["SGD"], "x": _axis()})
    assert stability(MapPlan(sc, sc.sweep)) is None  # Rosenbrock is not a quadratic


# ---- basins ------------------------------------------------------------------------------------------------------

def test_classify_assigns_each_final_point_to_its_known_minimum():
    sc = scene({"name": "himmelblau"}, [{"type": "sgd", "lr": 0.01, "label": "S"},
                                        {"type": "sgd", "lr": 0.2, "label": "big"}], steps=500,
               basins={"grid": [12, 12]})
    plan = MapPlan(sc, sc.basins)
    res = plan.compute()
    got = classify(res, plan.objective)
    minima = np.array(plan.objective.minima)
    radius = 0.01 * math.hypot(10, 10)
    for j in range(12):
        for i in range(12):
            x, y = res.final[0, j, i]
            d = [math.hypot(x - a, y - b) for a, b in minima]
            want = int(np.argmin(d)) if min(d) <= radius else ELSEWHERE
            assert got[0, j, i] == want
    assert set(got[0].ravel().tolist()) == {0, 1, 2, 3}  # Himmelblau's four basins
    assert (got[1] == DIVERGED).all() and (res.diverged_at[1] > 0).all()


# ---- headless ----------------------------------------------------------------------------------------------------

def write(tmp_path, name, **fields):
    data = {"version": 1, "objective": {"name": "bowl"}, "start": [-7.0, 2.0], "steps": 40,
            "optimizers": [{"type": "sgd", "lr": 0.5, "label": "GD, plain"}, {"type": "momentum", "lr": 0.1}],
            **fields}
    p = tmp_path / name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--headless", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_headless_1d_and_2d_sweeps_write_the_contracts_csv_byte_identically(tmp_path):
    one = write(tmp_path, "one.json", sweep={"x": {"param": "lr", "from": 0.01, "to": 1.5, "count": 9,
                                                   "scale": "log"}, "tolerance": 1e-3})
    two = write(tmp_path, "two.json", sweep={"runs": ["momentum"], "x": {"param": "lr", "from": 0.01, "to": 1.5,
                                                                         "count": 5},
                                             "y": {"param": "momentum", "from": 0, "to": 0.9, "count": 3}})
    for path, rows in ((one, 18), (two, 15)):
        out1, out2 = tmp_path / f"{path.stem}1.csv", tmp_path / f"{path.stem}2.csv"
        p = cli("--scene", path, "--sweep", out1)
        assert p.returncode == 0, p.stderr
        assert cli("--scene", path, "--sweep", out2).returncode == 0
        assert out1.read_bytes() == out2.read_bytes()
        text = out1.read_text()
        header, *body = list(csv.reader(io.StringIO(text)))
        assert header == ["optimizer", "x", "y", "loss", "steps_to_tol", "diverged_at"] and len(body) == rows
        sc = load_scene(path)
        plan = MapPlan(sc, sc.sweep)
        res = plan.compute()
        assert text == sweep_csv(res)
        for n, row in enumerate(body):
            run, cell = divmod(n, plan.n_cells)
            where = (run, *np.unravel_index(cell, plan.shape))
            assert row[0] == plan.labels[run]
            assert float(row[1]) == plan.xs[cell % len(plan.xs)]
            assert row[2] == ("" if plan.ys is None else repr(float(plan.ys[cell // len(plan.xs)])))
            assert (row[3] == "" and np.isnan(res.loss[where])) or float(row[3]) == res.loss[where]
            assert row[4] == ("" if res.steps_to_tol[where] < 0 else str(res.steps_to_tol[where]))
            assert row[5] == ("" if res.diverged_at[where] < 0 else str(res.diverged_at[where]))
        assert p.stdout.count("\n") == len(plan.labels) and p.stdout.startswith("sweep ")
    assert '"GD, plain",0.01,,' in (tmp_path / "one1.csv").read_text()
    assert any(r[5] for r in csv.reader(io.StringIO((tmp_path / "one1.csv").read_text())))  # lr 1.5 diverges


def test_headless_basins_csv_and_steps_override(tmp_path):
    path = write(tmp_path, "b.json", basins={"runs": ["momentum"], "grid": [3, 2], "bounds": [-1, 1, 0, 2]})
    out = tmp_path / "b.csv"
    p = cli("--scene", path, "--basins", out, "--steps", 7)
    assert p.returncode == 0, p.stderr
    header, *body = list(csv.reader(io.StringIO(out.read_text())))
    assert header == ["optimizer", "x0", "y0", "x", "y", "loss", "diverged_at"] and len(body) == 6
    assert [(r[1], r[2]) for r in body] == [(x, y) for y in ("0.0", "2.0") for x in ("-1.0", "0.0", "1.0")]
    sc = load_scene(path)
    res = MapPlan(sc, sc.basins, steps=7).compute()
    assert out.read_text() == basins_csv(res) and res.steps == 7
    assert [float(v) for v in body[5][3:5]] == res.final[0, 1, 2].tolist()


def test_headless_without_the_section_is_one_error_line_and_exit_2(tmp_path):
    path = write(tmp_path, "plain.json")
    for flag in ("--sweep", "--basins"):
        out = tmp_path / "x.csv"
        p = cli("--scene", path, flag, out)
        assert p.returncode == 2 and p.stdout == ""
        assert p.stderr.count("\n") == 1 and p.stderr.startswith("error: ")
        assert f"no \"{flag[2:]}\" section" in p.stderr and not out.exists()


def test_headless_bad_section_and_bad_path_write_nothing(tmp_path):
    bad = write(tmp_path, "bad.json", sweep={"x": {"param": "lr", "from": 0, "to": 1, "count": 4, "scale": "log"}})
    out, err = io.StringIO(), io.StringIO()
    assert headless_main(str(bad), sweep_path=str(tmp_path / "s.csv"), stdout=out, stderr=err) == 2
    assert err.getvalue() == "error: bad.json: sweep.x.from: a log scale needs from > 0, got 0\n"
    good = write(tmp_path, "good.json", sweep={"x": {"param": "lr", "from": 0.1, "to": 1, "count": 4}})
    out, err = io.StringIO(), io.StringIO()
    code = headless_main(str(good), sweep_path=str(tmp_path / "no" / "s.csv"), stdout=out, stderr=err)
    assert code == 2 and err.getvalue().startswith("error: ") and err.getvalue().count("\n") == 1
    assert out.getvalue() == "" and not (tmp_path / "no").exists()


def test_headless_race_still_runs_when_asked_next_to_a_map(tmp_path):
    path = write(tmp_path, "both.json", sweep={"x": {"param": "lr", "from": 0.1, "to": 1, "count": 4}})
    out = io.StringIO()
    code = headless_main(str(path), csv_path=str(tmp_path / "race.csv"), sweep_path=str(tmp_path / "s.csv"),
                         stdout=out, stderr=io.StringIO())
    assert code == 0 and (tmp_path / "race.csv").read_text().startswith("optimizer,step,x,y,loss\n")
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and lines[2].startswith("sweep GD, plain: 4 cells (lr) × 40 steps")


# ---- 1 − βᵗ ------------------------------------------------------------------------------------------------------

def test_bias_correction_skips_only_powers_that_cannot_change_the_result():
    rng = np.random.default_rng(3)
    beta = np.concatenate([[0.0, 5e-324, 1e-300, 0.5, 0.9, 0.999, 1 - 1e-12], rng.uniform(0, 1, 300)])[:, None]
    for t in (0, 1, 2, 59, 60, 61, 1000, 10**5):
        T = np.full(beta.shape, t, dtype=np.int64)
        assert np.array_equal(bits(bias_correction(beta, T)), bits(1.0 - beta ** T)), t
    T = rng.integers(0, 5000, beta.shape)
    assert np.array_equal(bits(bias_correction(beta, T)), bits(1.0 - beta ** T))
    assert np.array_equal(bits(bias_correction(0.3, T)), bits(1.0 - 0.3 ** T))
    assert bias_correction(0.9, 3) == 1.0 - 0.9 ** 3


def test_a_plan_rechecks_its_section_against_the_runs_as_they_are_now():
    sc = scene(sweep={"runs": ["Adam"], "x": _axis(param="beta1", **{"from": 0.0, "to": 0.9})})
    changed = sc.with_(optimizers=(sc.optimizers[1], sc.optimizers[1].__class__("sgd", "Adam")))
    with pytest.raises(PlaygroundError, match="sweep.x.param: 'beta1' is not a hyperparameter of run 'Adam'"):
        MapPlan(changed, sc.sweep)
    with pytest.raises(PlaygroundError, match="sweep.runs\\[0\\]: no run labelled 'Adam'"):
        MapPlan(sc.with_(optimizers=sc.optimizers[1:]), sc.sweep)


# ---- the stepper pieces a sweep relies on ------------------------------------------------------------------------

def _stepper(schedules, n=50):
    from engine import BatchConfig, BatchSampler, make_objective
    from engine.session import _Stepper
    obj = make_objective({"name": "beale"})
    lr = np.geomspace(1e-4, 0.3, n)[:, None]
    st = _Stepper(obj, ["momentum"] * n, {"lr": lr, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01},
                  np.tile([1.0, 1.5], (n, 1)), BatchSampler(BatchConfig(), 0, 0), False, schedules=schedules)
    st.reset()
    return st


def test_one_schedule_for_every_row_gives_the_per_row_results_bit_for_bit():
    from engine.schedules import make_schedule
    n = 50
    shared = make_schedule("cosine", {"t_max": 30, "eta_min": 1e-5}, {"steps": 4, "start_factor": 0.2})
    own = [make_schedule("cosine", {"t_max": 30, "eta_min": 1e-5}, {"steps": 4, "start_factor": 0.2})
           for _ in range(n)]
    a, b = _stepper([shared] * n), _stepper(own)
    with np.errstate(all="ignore"):
        for k in range(60):
            assert np.array_equal(bits(a.groups[0].scheduled_hp(k)["lr"]), bits(b.groups[0].scheduled_hp(k)["lr"]))
            a.advance()
            b.advance()
    assert a.groups[0]._shared is shared and b.groups[0]._shared is None
    assert np.array_equal(bits(a.params), bits(b.params)) and (a.diverged_at > 0).any()


def test_keep_drops_runs_and_the_others_step_on_unchanged():
    from engine.schedules import make_schedule
    sched = make_schedule("step", {"step_size": 5, "gamma": 0.5})
    whole, part = _stepper([sched] * 50), _stepper([sched] * 50)
    rows = np.arange(3, 50, 4)
    with np.errstate(all="ignore"):
        for k in range(40):
            if k == 10:
                part.keep(rows)
            whole.advance()
            part.advance()
    assert np.array_equal(bits(whole.params[rows]), bits(part.params))
    assert np.array_equal(whole.diverged_at[rows], part.diverged_at) and part.step_count == 40
    for f_whole, f_part in zip(whole.groups[0].state, part.groups[0].state):
        assert np.array_equal(f_whole[rows], f_part)
