"""Starting hyperparameters for a run added in the GUI: ones that move visibly on the current surface, with the
reason shown to the user (torch's defaults, such as lr = 0.001 for SGD, barely move on these surfaces)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .explain import quadratic_insight
from .i18n import translate
from .objectives import Objective
from .optimizers import get_optimizer

# The first step moves about this fraction of the view's shorter side: visible at once, and small enough that
# momentum (whose steps grow towards 1/(1−α) times the first) and adaptive rules stay on the map.
FIRST_STEP_FRACTION = 0.03
# On a quadratic, η stays below this fraction of the stability bound (GD's 2/λ_max and its momentum forms).
STABILITY_MARGIN = 0.5
# The start is on a plateau when |∇f| there is below FLAT × the map's typical slope, (median f − min f) / span on a
# PROBE_N × PROBE_N grid. η is then sized on the typical slope: sized on the start's, it would throw the run far off
# the map as soon as it left the plateau.
FLAT = 0.01
PROBE_N = 9


@dataclass(frozen=True)
class Suggestion:
    hyperparams: dict
    reason: str  # one sentence for the user: where η came from


def first_step(opt_type: str, hyperparams: dict, point, grad) -> float:
    """The length of a run's first step from ``point`` when the gradient there is ``grad`` (one real update)."""
    spec = get_optimizer(opt_type)
    P = np.array([point], dtype=np.float64)
    with np.errstate(all="ignore"):
        new, _ = spec.update(np.array([grad], dtype=np.float64), spec.init(P), P, hyperparams)
        d = float(np.hypot(*(new - P)[0]))
    return d if math.isfinite(d) else 0.0


def typical_slope(objective: Objective) -> float:
    """(median f − min f) / span over a coarse grid of the view: how steep the map is, steep rims discounted."""
    x0, x1, y0, y1 = objective.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, PROBE_N), np.linspace(y0, y1, PROBE_N))
    f = objective.value(np.column_stack([xs.ravel(), ys.ravel()]))
    f = f[np.isfinite(f)]
    if f.size == 0:
        return 0.0
    return float((np.median(f) - f.min()) / min(x1 - x0, y1 - y0))


def suggest_hyperparams(objective: Objective, start, opt_type: str, existing=()) -> Suggestion:
    """Hyperparameters for a new run of ``opt_type`` starting at ``start``.

    A run of the same type among ``existing`` (RunSpecs) is copied. Otherwise the other hyperparameters keep torch's
    defaults and η is chosen so that the first step moves ``FIRST_STEP_FRACTION`` of the view: every rule's first
    step is proportional to η (η|∇f| for SGD, about η per coordinate for the adaptive ones), so one update at η = 1
    measures the factor. On a quadratic η is also kept below half of the run's stability bound. From a plateau (see
    ``FLAT``) the factor is measured with the gradient of a typical slope of the map, in the start's direction.
    """
    spec = get_optimizer(opt_type)
    for r in existing:
        if r.type == spec.name and r.convention == "torch":
            hp = spec.resolve(r.hyperparams)
            return Suggestion(hp, translate("Suggest", "η = {lr}: copied from run {run}").format(
                lr=f"{hp['lr']:.3g}", run=repr(r.label)))
    hp = spec.resolve({})
    default = hp["lr"]
    x0, x1, y0, y1 = objective.bounds
    span = min(x1 - x0, y1 - y0)
    with np.errstate(all="ignore"):
        g = objective.grad(np.array([start], dtype=np.float64))[0]
    slope, norm = typical_slope(objective), float(np.hypot(*g))
    if not (math.isfinite(norm) and slope > 0.0 and math.isfinite(slope) and span > 0.0):
        return Suggestion(hp, translate("Suggest", "η = {lr}: torch's default (the map is flat or undefined here)")
                          .format(lr=f"{default:g}"))
    flat = norm < FLAT * slope
    if flat:  # the gradient a run would meet on a typical slope of this map, in the start's direction
        g = (g / norm if norm > 0.0 else np.array([1.0, 1.0]) / math.sqrt(2.0)) * slope
    unit = first_step(spec.name, {**hp, "lr": 1.0}, start, g)
    if not unit > 0.0:
        return Suggestion(hp, translate("Suggest", "η = {lr}: torch's default (the first step would not move)").format(
            lr=f"{default:g}"))
    lr = _round(FIRST_STEP_FRACTION * span / unit)
    reason = (translate("Suggest", "η = {lr}: the start is on a plateau (∇f ≈ 0), so chosen so that a step on a "
                        "typical slope of this map moves about {fraction} of the view") if flat else
              translate("Suggest", "η = {lr}: chosen so that the first step moves about {fraction} of the view"))
    reason = reason.format(lr=f"{lr:.2g}", fraction=f"{FIRST_STEP_FRACTION:.0%}")
    insight = quadratic_insight(objective)
    limit = insight.lr_limit(spec.name, hp) if insight is not None else None
    if limit is not None and lr > STABILITY_MARGIN * limit:
        lr = _round(STABILITY_MARGIN * limit)
        reason = translate("Suggest", "η = {lr}: half the stability bound η < {limit} on this quadratic").format(
            lr=f"{lr:.2g}", limit=f"{limit:.3g}")
    decl = next(d for d in spec.hyperparams if d.name == "lr")
    hp["lr"] = min(max(lr, decl.low), decl.high)
    return Suggestion(hp, translate("Suggest", "{reason} (torch's default is {lr})").format(reason=reason,
                                                                                         lr=f"{default:g}"))


def _round(v: float) -> float:
    """Two significant digits, rounded down (readable in a spin box; never above the value computed)."""
    if not (v > 0.0 and math.isfinite(v)):
        return v
    scale = 10.0 ** (math.floor(math.log10(v)) - 1)
    return math.floor(v / scale) * scale
