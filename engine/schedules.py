"""Learning-rate schedules, per run: each type one declaration (its parameters, closed form and torch name), the
optional linear warmup, validation naming the key, and the scene's ``"schedule"`` object.

t is the number of optimizer steps the run has already taken, so the first step uses η_0 (η itself without a
warmup). The closed forms are those of torch's schedulers stepped once after every optimizer step:

    step         η·γ^⌊t/s⌋                                      StepLR(step_size=s, gamma=γ)
    exponential  η·γᵗ                                           ExponentialLR(gamma=γ)
    cosine       m + (η − m)(1 + cos(π·min(t, T)/T))/2          CosineAnnealingLR(T_max=T, eta_min=m), held at m
                                                                after T (torch's goes back up)
    linear       η·(a + (b − a)·min(t, n)/n)                    LinearLR(start_factor=a, end_factor=b,
                                                                total_iters=n)
    warmup       for t < w: η·(s + (1 − s)·t/w); then the schedule at t − w   SequentialLR([LinearLR(s, 1, w),
                                                                              schedule], milestones=[w])

η is the run's ``lr`` hyperparameter (a live edit of it changes the base rate from the next step on). The value is
computed with Python floats by ``Schedule.lr``, the one function both stepping paths of the session call, so a
scheduled run's trajectory is the same bit for bit whichever path steps it.

Defaults where a key is left out are torch's where torch has one (StepLR γ = 0.1, LinearLR a = 1/3, b = 1, n = 5;
the warmup is a LinearLR and takes its defaults s = 1/3, w = 5); where torch requires the argument we chose:
step_size 10, exponential γ = 0.99, cosine T = the scene's steps (100 outside a scene), eta_min 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from .errors import PlaygroundError
from .hyperparams import HyperParam
from .i18n import QT_TRANSLATE_NOOP, declared, translate
from .limits import MAX_STEPS

def _gamma(default: float, help: str) -> HyperParam:
    return HyperParam("gamma", default, 0.0, 1.0, symbol="γ", what="gamma", low_open=True, help=help)


def _step(lr: float, t: int, p: dict) -> float:
    return lr * p["gamma"] ** (t // p["step_size"])


def _exponential(lr: float, t: int, p: dict) -> float:
    return lr * p["gamma"] ** t


def _cosine(lr: float, t: int, p: dict) -> float:
    m, T = p["eta_min"], p["t_max"]
    return m + (lr - m) * (1.0 + math.cos(math.pi * min(t, T) / T)) / 2.0


def _linear(lr: float, t: int, p: dict) -> float:
    a, b, n = p["start_factor"], p["end_factor"], p["total_iters"]
    return lr * (a + (b - a) * min(t, n) / n)


@dataclass(frozen=True)
class ScheduleSpec:
    """One type of schedule: its parameters (scene keys, defaults, ranges, help) and its closed form
    ``value(lr, t, params)``; ``formula`` is what the window shows."""

    name: str
    title: str
    params: tuple[HyperParam, ...]
    value: Callable[[float, int, dict], float]
    formula: str
    torch: str


SCHEDULES: dict[str, ScheduleSpec] = {
    s.name: s
    for s in (
        ScheduleSpec("step", QT_TRANSLATE_NOOP("Declarations", "step"), (
            HyperParam("step_size", 10, 1, MAX_STEPS, symbol="s", what="step_size", integer=True,
                       help=QT_TRANSLATE_NOOP("Declarations", "Steps between two decays of η.")),
            _gamma(0.1, QT_TRANSLATE_NOOP("Declarations", "Multiplies η by γ every step_size steps."))), _step,
            "η_t = η·γ^⌊t/s⌋", "torch.optim.lr_scheduler.StepLR(step_size, gamma)"),
        ScheduleSpec("exponential", QT_TRANSLATE_NOOP("Declarations", "exponential"), (_gamma(0.99, QT_TRANSLATE_NOOP("Declarations", "Multiplies η by γ at every step.")),), _exponential,
                     "η_t = η·γᵗ", "torch.optim.lr_scheduler.ExponentialLR(gamma)"),
        ScheduleSpec("cosine", QT_TRANSLATE_NOOP("Declarations", "cosine"), (
            HyperParam("t_max", 100, 1, MAX_STEPS, symbol="T", what="t_max", integer=True,
                       help=QT_TRANSLATE_NOOP("Declarations", "Steps from η down to eta_min (then held there). A scene's default is its steps.")),
            HyperParam("eta_min", 0.0, 0.0, 1e6, symbol="η_min", what="eta_min", log=True,
                       help=QT_TRANSLATE_NOOP("Declarations", "The learning rate reached after t_max steps."))), _cosine,
            "η_t = η_min + (η − η_min)(1 + cos(π·min(t, T)/T))/2",
            "torch.optim.lr_scheduler.CosineAnnealingLR(T_max, eta_min)"),
        ScheduleSpec("linear", QT_TRANSLATE_NOOP("Declarations", "linear"), (
            HyperParam("start_factor", 1.0 / 3.0, 0.0, 1.0, symbol="a", what="start_factor", low_open=True,
                       help=QT_TRANSLATE_NOOP("Declarations", "η is multiplied by this at the first step.")),
            HyperParam("end_factor", 1.0, 0.0, 1.0, symbol="b", what="end_factor",
                       help=QT_TRANSLATE_NOOP("Declarations", "η is multiplied by this from total_iters steps on.")),
            HyperParam("total_iters", 5, 1, MAX_STEPS, symbol="n", what="total_iters", integer=True,
                       help=QT_TRANSLATE_NOOP("Declarations", "Steps over which the factor goes from start_factor to end_factor."))), _linear,
            "η_t = η·(a + (b − a)·min(t, n)/n)",
            "torch.optim.lr_scheduler.LinearLR(start_factor, end_factor, total_iters)"),
    )
}

WARMUP: tuple[HyperParam, ...] = (
    HyperParam("steps", 5, 0, MAX_STEPS, symbol="w", what=QT_TRANSLATE_NOOP("Declarations", "warmup steps"), integer=True,
               help=QT_TRANSLATE_NOOP("Declarations", "Warmup steps: η grows linearly over them, then the schedule starts (0: no warmup).")),
    HyperParam("start_factor", 1.0 / 3.0, 0.0, 1.0, symbol="s", what=QT_TRANSLATE_NOOP("Declarations", "warmup start_factor"), low_open=True,
               help=QT_TRANSLATE_NOOP("Declarations", "The warmup's first step uses η·s.")),
)

_KEYS_AROUND = ("type", "warmup")


@dataclass(frozen=True)
class Schedule:
    """A run's schedule: its type, every parameter resolved, and an optional warmup (``warmup_steps`` 0: none)."""

    type: str
    params: dict = field(default_factory=dict)
    warmup_steps: int = 0
    warmup_start_factor: float = WARMUP[1].default

    @property
    def spec(self) -> ScheduleSpec:
        return SCHEDULES[self.type]

    def lr(self, lr: float, t: int) -> float:
        """η_t: the learning rate of the step taken after t steps, for base rate ``lr``. ``lr`` may be a numpy array
        (a sweep's cells): every closed form scales or shifts η by Python floats that do not depend on it, so each
        element gets exactly the operations a float η gets."""
        w = self.warmup_steps
        if t < w:
            s = self.warmup_start_factor
            return lr * (s + (1.0 - s) * t / w)
        return self.spec.value(lr, t - w, self.params)

    def describe(self) -> str:
        """"cosine schedule" or "cosine schedule after 5 warmup steps"."""
        title = declared(self.spec.title)
        if self.warmup_steps:
            return translate("Schedule", "{type} schedule after {n} warmup steps").format(type=title,
                                                                                         n=self.warmup_steps)
        return translate("Schedule", "{type} schedule").format(type=title)

    def to_dict(self) -> dict:
        d = {"type": self.type, **self.params}
        if self.warmup_steps:
            d["warmup"] = {"steps": self.warmup_steps, "start_factor": self.warmup_start_factor}
        return d


def make_schedule(type: str, params: dict | None = None, warmup: dict | None = None,
                  defaults: dict | None = None) -> Schedule:
    """A validated ``Schedule``; ``defaults`` override declared defaults (a scene's steps for cosine's t_max).
    Errors name the key as in a scene: ``gamma: Invalid gamma: -1 (expected 0 < gamma ≤ 1)``."""
    d = {"type": type, **(params or {})}
    if warmup is not None:
        d["warmup"] = warmup
    return schedule_from_dict(d, defaults=defaults)


def schedule_from_dict(data: object, where: str = "", defaults: dict | None = None) -> Schedule:
    """Read a scene's ``"schedule"`` object; every problem raises ``PlaygroundError`` starting with the key
    (``where`` prefixes it, e.g. ``optimizers[1].schedule``)."""
    at = f"{where}." if where else ""
    if not isinstance(data, dict):
        raise PlaygroundError(translate("Schedule", "{where}: expected an object such as {{\"type\": \"cosine\"}}, "
                                        "got {value}").format(where=where or "schedule", value=repr(data)))
    if "type" not in data:
        raise PlaygroundError(translate("Schedule", "{where}: missing key 'type' (known types: {known})").format(
            where=where or "schedule", known=", ".join(SCHEDULES)))
    kind = data["type"]
    if not isinstance(kind, str) or kind not in SCHEDULES:
        raise PlaygroundError(translate("Schedule", "{at}type: unknown schedule {kind} (known: {known})").format(
            at=at, kind=repr(kind), known=", ".join(SCHEDULES)))
    spec = SCHEDULES[kind]
    known = [*_KEYS_AROUND[:1], *(p.name for p in spec.params), *_KEYS_AROUND[1:]]
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise PlaygroundError(translate("Schedule", "{at}{key}: unknown key for a {kind} schedule (known: {known})")
                              .format(at=at, key=unknown[0], kind=kind, known=", ".join(known)))
    given = {k: v for k, v in data.items() if k not in _KEYS_AROUND}
    params = {}
    for p in spec.params:
        if p.name in given:
            params[p.name] = _valid(p, given[p.name], at)
        else:
            params[p.name] = (defaults or {}).get(p.name, p.default)
    ws, wf = 0, WARMUP[1].default
    if "warmup" in data:
        w = data["warmup"]
        if not isinstance(w, dict):
            raise PlaygroundError(translate("Schedule", "{at}warmup: expected an object such as "
                                            "{{\"steps\": 5, \"start_factor\": 0.1}}, got {value}").format(
                at=at, value=repr(w)))
        names = [p.name for p in WARMUP]
        unknown = sorted(set(w) - set(names))
        if unknown:
            raise PlaygroundError(translate("Schedule", "{at}warmup.{key}: unknown key (known: {known})").format(
                at=at, key=unknown[0], known=", ".join(names)))
        vals = {p.name: _valid(p, w[p.name], f"{at}warmup.") if p.name in w else p.default for p in WARMUP}
        ws, wf = vals["steps"], vals["start_factor"]
    return Schedule(kind, params, ws, wf)


def _valid(p: HyperParam, value: object, at: str):
    try:
        return p.validate(value)
    except PlaygroundError as e:
        raise PlaygroundError(f"{at}{p.name}: {e}") from None
