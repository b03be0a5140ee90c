"""Hyperparameters suggested for a run added in the GUI: they move visibly, stay stable, and say where they came
from (torch's defaults, lr = 0.001 for SGD, sit still on these surfaces)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import OBJECTIVES, OPTIMIZERS, RunSpec, Session, make_objective
from engine.explain import quadratic_insight
from engine.suggest import FIRST_STEP_FRACTION, STABILITY_MARGIN, suggest_hyperparams

SURFACES = [n for n, s in OBJECTIVES.items() if s.kind != "formula"]
TYPES = list(OPTIMIZERS)
GRADIENT_SCALED = ("sgd", "momentum", "nag", "nag_bengio")


def _path(objective, opt_type: str, hp: dict, steps: int):
    session = Session(objective, [RunSpec(opt_type, opt_type, hp)])
    snap = session.step(steps)
    x0, x1, y0, y1 = objective.bounds
    tr = snap.trajectory(0)
    return float(np.sum(np.hypot(*np.diff(tr, axis=1)))) / min(x1 - x0, y1 - y0), snap.runs[0]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("opt_type", TYPES)
def test_a_new_run_moves_visibly_in_20_steps(surface, opt_type):
    obj = make_objective({"name": surface})
    s = suggest_hyperparams(obj, obj.start, opt_type)
    length, run = _path(obj, opt_type, s.hyperparams, 20)
    assert run.diverged_at is None
    assert ("plateau" in s.reason) == (surface == "plateau")
    if surface == "plateau" and opt_type in GRADIENT_SCALED:
        # Gradient steps cannot leave a plateau at any η that is safe once they have left it: the surface's lesson.
        # η is sized for the map's typical slope instead, and the adaptive rules (below) do leave.
        assert length < 0.02
    else:
        assert length >= 0.02, f"{opt_type} on {surface} moved {length:.3%} of the view in 20 steps: {s.reason}"
    torch_default = OPTIMIZERS[opt_type].resolve({})["lr"]
    assert f"torch's default is {torch_default:g}" in s.reason


@pytest.mark.parametrize("surface", ["bowl", "rosenbrock"])
@pytest.mark.parametrize("opt_type", TYPES)
def test_a_new_run_does_not_diverge_in_50_steps(surface, opt_type):
    obj = make_objective({"name": surface})
    s = suggest_hyperparams(obj, obj.start, opt_type)
    length, run = _path(obj, opt_type, s.hyperparams, 50)
    assert run.diverged_at is None
    assert np.isfinite(run.loss) and length < 20


@pytest.mark.parametrize("opt_type", ["sgd", "momentum", "nag", "nag_bengio"])
def test_on_a_quadratic_lr_stays_below_half_the_stability_bound(opt_type):
    obj = make_objective({"name": "bowl"})
    s = suggest_hyperparams(obj, (-7.0, 2.0), opt_type)
    limit = quadratic_insight(obj).lr_limit(opt_type, s.hyperparams)
    assert 0 < s.hyperparams["lr"] <= STABILITY_MARGIN * limit


def test_sgd_on_the_bowl_says_where_its_lr_came_from():
    obj = make_objective({"name": "bowl"})
    s = suggest_hyperparams(obj, (-7.0, 2.0), "sgd")
    # ∇f(−7, 2) = (−0.7, 4): a first step of 3 % of the 10-wide view asks for η = 0.3/4.06 = 0.073 (two digits,
    # rounded down), well below half of GD's bound 2/λ_max = 1.
    assert s.hyperparams == {"lr": pytest.approx(0.073), "weight_decay": 0.0}
    assert s.reason == ("η = 0.073: chosen so that the first step moves about 3% of the view "
                        "(torch's default is 0.001)")
    assert FIRST_STEP_FRACTION == 0.03


def test_a_run_of_the_same_type_is_copied():
    obj = make_objective({"name": "bowl"})
    existing = [RunSpec("adam", "Adam", {"lr": 0.3}), RunSpec("momentum", "Heavy ball", {"lr": 0.09, "momentum": 0.8})]
    s = suggest_hyperparams(obj, obj.start, "momentum", existing)
    assert s.hyperparams == {"lr": 0.09, "momentum": 0.8, "dampening": 0.0, "weight_decay": 0.0}
    assert s.reason == "η = 0.09: copied from run 'Heavy ball'"


def test_a_flat_map_keeps_torchs_default():
    obj = make_objective({"name": "formula", "expr": "1", "bounds": [-1, 1, -1, 1]})
    s = suggest_hyperparams(obj, obj.start, "sgd")
    assert s.hyperparams == {"lr": 0.001, "weight_decay": 0.0}
    assert "torch's default" in s.reason
