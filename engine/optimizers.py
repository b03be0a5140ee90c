"""Update rules, each one declaration in the OPTIMIZERS registry (insertion order = GUI order): its kernels and
everything the app shows about it.

Every kernel works on ``params`` of shape (R, D): R independent runs (or particles) of D coordinates. Hyperparameters
arrive with every call, either as scalars or as (R, 1) arrays, so a live edit applies from the next step and runs of
the same type with different settings are stepped together. A step is two pure calls:

    q = spec.query(params, state, hp)        # where the gradient is needed (the look-ahead point for ``nag``)
    params, state = spec.update(grad(q), state, params, hp)

For a handful of runs the session steps each run with plain Python floats instead (numpy's per-call overhead
dominates on (R, 2) arrays): ``spec.scalar(hp, consts)`` returns ``(query, update)`` closures working on one run's
coordinates. They are exact replicas of the array kernels (same operations in the same order; ``math.sqrt`` and
numpy's sqrt are both correctly rounded), so both paths give bit-identical trajectories. The one transcendental
operation, Adam's ``b ** t``, is not replicated: ``spec.scalar_consts`` evaluates it with numpy on the group's
arrays, exactly as the array kernel does, and hands the per-step values in.

The conventions are torch.optim's: a momentum buffer b <- mu*b + g with theta <- theta - lr*b, eps added outside the
square root, and Adam's bias correction applied to the moments. The seed's Greek-letter forms (V = -lr*b, gamma =
alpha, ...) are given in each spec's ``rule`` and are the same iterates while lr is held fixed.

A run with ``"convention": "book"`` uses instead the form its rule's declaration carries in ``book`` (momentum,
nag_bengio, adagrad, rmsprop, adam): Deep Learning from Scratch's common/optimizer.py, with its own kernels, scalar
replica, rule text, rows, terms and quantities, and only the knobs the book's code has (``absent``: torch's other
options, which must stay at their defaults). ``spec_for(type, convention)`` is the one place a run's form is chosen.

What the teaching layer shows is declared here too, so engine/explain.py, engine/teaching.py and gui/teaching.py
only loop over declarations (tests/engine/test_registry.py fails on any ``opt_type == "…"`` switch elsewhere):
``terms`` (the seed's quantities after one step: V, h, m, v, m̂, v̂, η_eff …), ``rows`` (the rule with this step's
numbers), ``quantities`` (what the state plot can show), ``stability`` (the largest stable η on a quadratic) and
``reference`` (the paper).

How to add an optimizer (Adamax, say):

1. Here: a state NamedTuple with torch's state names (or reuse one), ``init`` and ``update`` (plus ``query`` when
   the gradient is taken elsewhere than at the parameters) with a docstring giving the rule and the reference; a
   ``scalar`` replica only if it must be fast for a few runs (without one the session uses the array path).
   Then one ``OptimizerSpec(...)`` entry in OPTIMIZERS: name, title, hyperparams (``_lr(default)``, ``_eps(...)``,
   or new HyperParam declarations with torch's names, defaults and bounds), rule (the seed's notation), torch,
   reference, a one-paragraph plain-text ``explanation``, and the teaching pieces:
   ``terms(hp, before, after, t, g, point) -> dict`` (use ``bias_correction`` for 1 − βᵗ), ``rows(preview) -> list[Row]`` (numbers through ``fmt``; ``x_{k}`` is shown as a subscript),
   ``quantities`` (keys of explain.QUANTITIES it has; a new kind of quantity is one entry there), and
   ``stability(hp, λ_max)`` if it has a known bound on a quadratic. A state field with a new name also needs a
   column in explain._FIELDS (the state history's flat layout).
2. The tests, which are parametrised over the registry and fail until the new name has its row:
   tests/engine/textbook.py ``RULES`` (the rule as a per-coordinate loop written from the math, never from the
   kernel, returning the seed's terms of each step; its start state in ``_ZERO`` and its state-plot quantities in
   ``naive_quantities``) and tests/engine/optimizer_table.py ``TABLE``, one row: torch's defaults, a small η,
   settings for the trajectory tests on four surfaces (switching every option on at least once), float-path
   settings, and the stability bound written out by hand if it has one.
Nothing else: the scene format, the GUI's menus and forms, the rule panel and the state plot read the registry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, NamedTuple

import numpy as np

from .errors import PlaygroundError
from .hyperparams import HyperParam, resolve
from .i18n import QT_TRANSLATE_NOOP, translate

Array = np.ndarray


def _lr(default: float) -> HyperParam:
    return HyperParam(
        "lr", default, 0.0, 1e6, symbol="η", what=QT_TRANSLATE_NOOP("Declarations", "learning rate"), log=True,
        help=QT_TRANSLATE_NOOP("Declarations", "Learning rate η: how far each step moves along the update direction."),
    )


_MOMENTUM = HyperParam(
    "momentum", 0.9, 0.0, 1.0, symbol="α", what=QT_TRANSLATE_NOOP("Declarations", "momentum value"), high_open=True,
    help=QT_TRANSLATE_NOOP("Declarations", "Momentum α (torch: momentum): the fraction of the previous velocity kept at each step."),
)


def _eps(default: float) -> HyperParam:
    return HyperParam(
        "eps", default, 0.0, 1.0, symbol="ε", what=QT_TRANSLATE_NOOP("Declarations", "epsilon value"), log=True,
        help=QT_TRANSLATE_NOOP("Declarations", "ε: added to √h outside the square root, so the division never blows up."),
    )


def _weight_decay(default: float = 0.0, decoupled: bool = False) -> HyperParam:
    how = (QT_TRANSLATE_NOOP("Declarations", "Weight decay λ, decoupled: θ shrinks by ηλθ at each step, apart from "
                             "the adaptive update (AdamW, Lion).") if decoupled
           else QT_TRANSLATE_NOOP("Declarations", "Weight decay λ, L2: λθ is added to the gradient, as if λ/2·|θ|² "
                                  "were added to the loss."))
    return HyperParam(
        "weight_decay", default, 0.0, 1e3, symbol="λ", what=QT_TRANSLATE_NOOP("Declarations", "weight_decay value"), log=True,
        help=how,
    )


_BETA2_V = QT_TRANSLATE_NOOP("Declarations", "β₂: decay of the second-moment average v of g².")


def _betas(b1: float, b2: float, help2: str = _BETA2_V) -> tuple[HyperParam, ...]:
    return (
        HyperParam("beta1", b1, 0.0, 1.0, symbol="β₁", what=QT_TRANSLATE_NOOP("Declarations", "beta parameter at index 0"), high_open=True,
                   help=QT_TRANSLATE_NOOP("Declarations", "β₁: decay of the first-moment (momentum) average m.")),
        HyperParam("beta2", b2, 0.0, 1.0, symbol="β₂", what=QT_TRANSLATE_NOOP("Declarations", "beta parameter at index 1"), high_open=True,
                   help=help2),
    )


_DAMPENING = HyperParam(
    "dampening", 0.0, 0.0, 1.0, symbol="τ", what=QT_TRANSLATE_NOOP("Declarations", "dampening value"),
    help=QT_TRANSLATE_NOOP("Declarations", "Dampening τ: from the second step on, the gradient enters the velocity scaled by 1 − τ "
         "(torch ignores it when momentum is 0)."),
)
_AMSGRAD = HyperParam(
    "amsgrad", False, 0.0, 1.0, boolean=True, what=QT_TRANSLATE_NOOP("Declarations", "amsgrad value"),
    help=QT_TRANSLATE_NOOP("Declarations", "AMSGrad: divide by the running maximum of v instead of v, so the effective learning rate never grows."),
)


def bias_correction(beta, t):
    """Adam's 1 − βᵗ (β and t scalars or arrays): the one place it is written (see ``_negligible_powers``)."""
    return 1.0 - beta ** t if (skip := _negligible_powers(beta, t)) is None else 1.0 - _powers(beta, t, ~skip)


_NEGLIGIBLE_LOG2 = -60.0


def _negligible_powers(beta, t):
    """Where βᵗ cannot change 1 − βᵗ (a boolean array), or None for "nowhere" (scalars, and the usual case).

    Where t·log₂β ≤ −60, βᵗ < 2⁻⁵⁹ (log₂ and the product are good to a few parts in 1e16, pow to an ulp), so
    1 − βᵗ rounds to exactly 1.0: skipping the power there gives the same result, bit for bit. It matters because
    pow is ~100x slower where βᵗ underflows, which a sweep over β₁ meets at every late step.
    """
    if not isinstance(t, np.ndarray) or t.size == 0:
        return None
    b_min = float(np.min(beta))
    if b_min > 0.0 and float(np.max(t)) * math.log2(b_min) > _NEGLIGIBLE_LOG2:
        return None  # no element can be skipped, told by one cheap bound
    with np.errstate(divide="ignore", invalid="ignore"):
        skip = t * np.log2(beta) <= _NEGLIGIBLE_LOG2
    return skip if skip.any() else None


def _powers(beta, t, where):
    """βᵗ where ``where``, 0 elsewhere (numpy's power, the very loop ``beta ** t`` runs)."""
    p = np.zeros(np.broadcast_shapes(np.shape(beta), t.shape))
    np.power(beta, t, out=p, where=where)
    return p


# ---- what the teaching layer shows ------------------------------------------------------------------------------

def fmt(v) -> str:
    """A number in a rule row: 4 significant digits; a vector as "(x, y)"."""
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return f"{float(a):.4g}"
    return "(" + ", ".join(f"{float(x):.4g}" for x in a.ravel()) + ")"


class Row(NamedTuple):
    """One line of the rule panel, plain text in the seed's notation: ``x_{k}`` marks a subscript; ``aside`` is a
    remark the panel sets in italics after the row."""

    text: str
    aside: str = ""


class Quantity(NamedTuple):
    """One quantity the state plot can show for a rule: ``of(hp, rows)`` where ``rows`` is the rule's state type
    holding every step at once (each field (n, 2), ``step`` (n, 1)); it returns (n, 2) per coordinate, (n,) for a
    single value, or a scalar. ``hp`` holds floats, except η (``lr``) for a run with a learning-rate schedule: an
    (n, 1) column, each row's η_t, so write η so that it broadcasts (no ``float(hp["lr"])``). ``from_start``: defined at step 0 too (else NaN there: before its first step an
    optimizer has seen no gradient and its zero state gives no value it ever uses)."""

    of: Callable
    from_start: bool = False


# ---- state -----------------------------------------------------------------------------------------------------

class SGDState(NamedTuple):
    step: Array


class MomentumState(NamedTuple):
    step: Array
    momentum_buffer: Array  # b; the seed's velocity is V = -lr * b


class AdagradState(NamedTuple):
    step: Array
    sum: Array  # h: running sum of g*g (from the first step on it includes initial_accumulator_value)


class RMSpropState(NamedTuple):
    step: Array
    square_avg: Array  # h: exponential average of g*g
    momentum_buffer: Array  # b <- mu*b + g/(sqrt(h~) + eps) (used when momentum > 0)
    grad_avg: Array  # exponential average of g (used when centered)


class AdamState(NamedTuple):
    step: Array
    exp_avg: Array  # m
    exp_avg_sq: Array  # v


class AMSGradState(NamedTuple):
    step: Array
    exp_avg: Array  # m
    exp_avg_sq: Array  # v
    max_exp_avg_sq: Array  # max of v over the steps (used when amsgrad)


class NAdamState(NamedTuple):
    step: Array
    mu_product: Array  # prod of mu_i for i <= t (the same value in both columns)
    exp_avg: Array
    exp_avg_sq: Array


class AdamaxState(NamedTuple):
    step: Array
    exp_avg: Array  # m
    exp_inf: Array  # u: the exponentially weighted infinity norm


class AdadeltaState(NamedTuple):
    step: Array
    square_avg: Array  # h: exponential average of g*g
    acc_delta: Array  # u: exponential average of the squared updates


class LionState(NamedTuple):
    step: Array
    exp_avg: Array  # m


def _steps(params: Array) -> Array:
    return np.zeros((params.shape[0], 1), dtype=np.int64)


def _zeros(params: Array) -> Array:
    return np.zeros_like(params, dtype=np.float64)


def _identity_query(params: Array, state, hp) -> Array:
    return params


def _l2(grads: Array, params: Array, hp: dict) -> Array:
    """g + λθ: torch's (coupled) weight decay. With λ = 0 it is g itself, bit for bit."""
    return grads + hp["weight_decay"] * params


def _step_consts(hp: dict, state, n: int) -> np.ndarray:
    """(n, R, 1): the step numbers t of the next n steps, for scalar replicas whose rule depends on t by arithmetic
    only (dampening's first step, AdaGrad's lr_decay)."""
    return (state.step[None, :, :] + np.arange(1, n + 1)[:, None, None]).astype(np.float64)


# Scalar replicas: one run, Python floats. ``s`` is the state's float fields flattened per coordinate (momentum:
# (bx, by); adam: (mx, my, vx, vy)); ``j`` indexes the per-step constants of the current block (``consts``: one list
# per column of ``scalar_consts``). Each factory returns None for hyperparameters the float arithmetic cannot mirror
# (eps == 0: Python raises on 0/0 where numpy gives nan).

# The fixed-step methods' effective learning rate is η itself, at every step.
_FIXED_ETA = {"eta_eff": Quantity(lambda hp, s: hp["lr"], from_start=True)}


# ---- SGD -------------------------------------------------------------------------------------------------------

def sgd_init(params: Array) -> SGDState:
    return SGDState(_steps(params))


def sgd_update(grads: Array, state: SGDState, params: Array, hp: dict) -> tuple[Array, SGDState]:
    """Plain gradient descent, torch SGD(lr, weight_decay=λ). θ ← θ − η (g + λθ)  (η = ``lr``)."""
    return params - hp["lr"] * _l2(grads, params, hp), SGDState(state.step + 1)


def _sgd_scalar(hp, consts):
    lr, wd = hp["lr"], hp["weight_decay"]

    def update(gx, gy, x, y, s, j):
        return x - lr * (gx + wd * x), y - lr * (gy + wd * y), s
    return None, update


def _sgd_rows(p) -> list[Row]:
    return [Row(translate("Rule", "∇f = {grad} at x_{{{k}}}").format(grad=fmt(p.grad), k=p.step)), *_decay_row(p),
            Row(f"Δx = −η(∇f + λx) = −{fmt(p.hp['lr'])}·{fmt(p.terms['g_wd'])} = {fmt(p.update)}"
                if p.hp["weight_decay"] else f"Δx = −η∇f = −{fmt(p.hp['lr'])}·{fmt(p.grad)} = {fmt(p.update)}")]


def _decay_row(p) -> list[Row]:
    """The L2 row, shown only when weight decay is on."""
    if not p.hp.get("weight_decay"):
        return []
    return [Row(f"∇f + λθ = {fmt(p.terms['g_wd'])}", translate("Rule", "L2 weight decay λ = {value}").format(value=fmt(p.hp['weight_decay'])))]


def _g_wd(hp, g, point) -> dict:
    return {"g_wd": g + float(hp.get("weight_decay", 0.0)) * point}


def _sgd_terms(hp, before, after, t, g, point) -> dict:
    return _g_wd(hp, g, point)


def _sgd_stability(hp, lam: float) -> float:
    # x ← (1 − η(λ + wd)) x along each eigenvector: stable iff η (λ_max + wd) < 2
    return 2.0 / (lam + hp["weight_decay"])


# ---- the momentum family: heavy ball, Nesterov look-ahead, Nesterov (Bengio) ----------------------------------

def momentum_init(params: Array) -> MomentumState:
    return MomentumState(_steps(params), _zeros(params))


def _damping(state, hp):
    """torch's dampening: the gradient's weight in b ← μb + (1−τ)g, except 1 at the first step (b₁ = g) and when
    μ = 0 (torch keeps no buffer then)."""
    return np.where((state.step == 0) | (hp["momentum"] == 0), 1.0, 1.0 - hp["dampening"])


def momentum_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Heavy-ball momentum, torch SGD(momentum=α, dampening=τ, weight_decay=λ).

    g ← g + λθ;  b ← α b + (1−τ) g (b₁ = g);  θ ← θ − η b.  With V = −η b and τ = 0 this is the seed's
    V ← αV − η∇f(x); x ← x + V.
    """
    g = _l2(grads, params, hp)
    b = hp["momentum"] * state.momentum_buffer + _damping(state, hp) * g
    return params - hp["lr"] * b, MomentumState(state.step + 1, b)


def nag_query(params: Array, state: MomentumState, hp: dict) -> Array:
    # The look-ahead point x + αV = x − η α b.
    return params - hp["lr"] * hp["momentum"] * state.momentum_buffer


def nag_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Nesterov's accelerated gradient, look-ahead form; ``grads`` are taken at ``nag_query``'s point q.

    b ← α b + ∇f(q) + λq with q = θ − η α b;  θ ← θ − η b.  Seed: V ← αV − η∇f(x + αV); x ← x + V. Weight decay
    is the L2 term's gradient at the same look-ahead point.
    """
    g = grads + hp["weight_decay"] * nag_query(params, state, hp)
    b = hp["momentum"] * state.momentum_buffer + g
    return params - hp["lr"] * b, MomentumState(state.step + 1, b)


def nag_bengio_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Bengio's reformulation of Nesterov, torch SGD(momentum=α, nesterov=True, weight_decay=λ).

    g ← g + λθ;  b ← α b + g;  θ ← θ − η (g + α b).  Its iterates are X'_n = X_n + αV_{n−1} of the look-ahead form.
    """
    g = _l2(grads, params, hp)
    b = hp["momentum"] * state.momentum_buffer + g
    return params - hp["lr"] * (g + hp["momentum"] * b), MomentumState(state.step + 1, b)


def _momentum_scalar(hp, consts):
    lr, mu, wd, tau = hp["lr"], hp["momentum"], hp["weight_decay"], hp["dampening"]
    damp = [1.0 if (t == 1.0 or mu == 0.0) else 1.0 - tau for t in consts[0]]

    def update(gx, gy, x, y, s, j):
        d = damp[j]
        bx = mu * s[0] + d * (gx + wd * x)
        by = mu * s[1] + d * (gy + wd * y)
        return x - lr * bx, y - lr * by, (bx, by)
    return None, update


def _nag_scalar(hp, consts):
    lr, mu, wd = hp["lr"], hp["momentum"], hp["weight_decay"]
    lm = lr * mu  # nag_query's (lr * momentum) * b, left to right

    def query(x, y, s):
        return x - lm * s[0], y - lm * s[1]

    def update(gx, gy, x, y, s, j):
        bx = mu * s[0] + (gx + wd * (x - lm * s[0]))
        by = mu * s[1] + (gy + wd * (y - lm * s[1]))
        return x - lr * bx, y - lr * by, (bx, by)
    return query, update


def _nag_bengio_scalar(hp, consts):
    lr, mu, wd = hp["lr"], hp["momentum"], hp["weight_decay"]

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        bx = mu * s[0] + gx
        by = mu * s[1] + gy
        return x - lr * (gx + mu * bx), y - lr * (gy + mu * by), (bx, by)
    return None, update


def _velocity_terms(hp, before, after, t, g, point) -> dict:
    lr = float(hp["lr"])
    return {"V_prev": -lr * before.momentum_buffer, "V": -lr * after.momentum_buffer, **_g_wd(hp, g, point)}


def _nag_terms(hp, before, after, t, g, point) -> dict:
    q = point - float(hp["lr"]) * float(hp["momentum"]) * before.momentum_buffer
    return {**_velocity_terms(hp, before, after, t, g, point), **_g_wd(hp, g, q)}


def _velocity_row(p) -> Row:
    g, what = (p.terms["g_wd"], "(∇f + λx)") if p.hp["weight_decay"] else (p.grad, "∇f")
    damp = p.hp.get("dampening", 0.0)
    if damp and p.hp["momentum"] and p.step > 0:
        return Row(f"V ← αV − η(1−τ){what} = {fmt(p.hp['momentum'])}·{fmt(p.terms['V_prev'])} − "
                   f"{fmt(p.hp['lr'])}·{fmt(1.0 - damp)}·{fmt(g)} = {fmt(p.terms['V'])}",
                   translate("Rule", "dampening τ = {value}").format(value=fmt(damp)))
    return Row(f"V ← αV − η{what} = {fmt(p.hp['momentum'])}·{fmt(p.terms['V_prev'])} − {fmt(p.hp['lr'])}·"
               f"{fmt(g)} = {fmt(p.terms['V'])}", translate("Rule", "the first step is undamped: V = −η∇f") if damp and p.step == 0
               else "")


def _momentum_rows(p) -> list[Row]:
    return [Row(translate("Rule", "∇f = {grad} at x").format(grad=fmt(p.grad))), *_decay_row(p), _velocity_row(p), Row(f"Δx = V = {fmt(p.update)}")]


def _nag_rows(p) -> list[Row]:
    return [Row(translate("Rule", "look-ahead x + αV = {q}").format(q=fmt(p.query))),
            Row(translate("Rule", "∇f = {grad} at the look-ahead point").format(grad=fmt(p.grad))),
            *_decay_row(p), _velocity_row(p), Row(f"Δx = V = {fmt(p.update)}")]


def _nag_bengio_rows(p) -> list[Row]:
    g = "(∇f + λx')" if p.hp["weight_decay"] else "∇f"
    return [Row(translate("Rule", "∇f = {grad} at x").format(grad=fmt(p.grad))), *_decay_row(p), _velocity_row(p),
            Row(translate("Rule", "Δx' = αV − η{g} = {update}  (torch: SGD nesterov=True)").format(g=g, update=fmt(p.update)))]


_VELOCITY = {"velocity": Quantity(
    lambda hp, s: np.ravel(hp["lr"]) * np.hypot(s.momentum_buffer[:, 0], s.momentum_buffer[:, 1]))}


def _momentum_stability(hp, lam: float) -> float | None:
    # heavy ball on a quadratic with Hessian eigenvalue λ + wd and step η(1 − τ) from the second step on: stable iff
    # η (1 − τ)(λ + wd) < 2 (1 + α); torch ignores τ when α = 0 (plain GD); with τ = 1 the steps only shrink.
    mu, tau, lam = hp["momentum"], hp["dampening"], lam + hp["weight_decay"]
    if mu == 0:
        return 2.0 / lam
    return None if tau >= 1.0 else 2.0 * (1.0 + mu) / ((1.0 - tau) * lam)


def _nesterov_stability(hp, lam: float) -> float:
    # both Nesterov forms: stable iff η (λ + wd)(1 + 2α) < 2 (1 + α)
    mu = hp["momentum"]
    return 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * (lam + hp["weight_decay"]))


# ---- AdaGrad and RMSProp ---------------------------------------------------------------------------------------

def adagrad_init(params: Array) -> AdagradState:
    return AdagradState(_steps(params), _zeros(params))


def _adagrad_lr(hp, t):
    """torch's decayed learning rate η / (1 + (t − 1)·lr_decay)."""
    return hp["lr"] / (1.0 + (t - 1) * hp["lr_decay"])


def adagrad_update(grads: Array, state: AdagradState, params: Array, hp: dict) -> tuple[Array, AdagradState]:
    """AdaGrad, torch Adagrad(lr, lr_decay, weight_decay=λ, initial_accumulator_value=h₀, eps).

    g ← g + λθ;  h ← h + g⊙g (h₀ before the first step);  θ ← θ − η/(1 + (t−1)·lr_decay) · g / (√h + ε).
    The state starts at 0 and h₀ is added at the first step (the same sums: 0 + h₀ is h₀ exactly).
    """
    g = _l2(grads, params, hp)
    t = state.step + 1
    h = np.where(state.step == 0, state.sum + hp["initial_accumulator_value"], state.sum) + g * g
    return params - _adagrad_lr(hp, t) * g / (np.sqrt(h) + hp["eps"]), AdagradState(t, h)


def rmsprop_init(params: Array) -> RMSpropState:
    return RMSpropState(_steps(params), _zeros(params), _zeros(params), _zeros(params))


def rmsprop_update(grads: Array, state: RMSpropState, params: Array, hp: dict) -> tuple[Array, RMSpropState]:
    """RMSProp, torch RMSprop(lr, alpha=γ, eps, weight_decay=λ, momentum=μ, centered); the seed's γ is ``alpha``.

    g ← g + λθ;  h ← γ h + (1 − γ) g⊙g;  h̃ = h, or h − ḡ⊙ḡ when centered (ḡ ← γḡ + (1−γ)g);
    μ > 0: b ← μ b + g/(√h̃ + ε), θ ← θ − η b;  else θ ← θ − η g / (√h̃ + ε).
    """
    g = _l2(grads, params, hp)
    a = hp["alpha"]
    h = a * state.square_avg + (1.0 - a) * g * g
    ga = a * state.grad_avg + (1.0 - a) * g
    d = np.sqrt(np.where(hp["centered"], h - ga * ga, h)) + hp["eps"]
    mu = hp["momentum"]
    b = mu * state.momentum_buffer + g / d
    new = np.where(mu > 0, params - hp["lr"] * b, params - hp["lr"] * g / d)
    return new, RMSpropState(state.step + 1, h, b, ga)


def _adagrad_scalar(hp, consts):
    lr, eps, wd, decay, h0 = hp["lr"], hp["eps"], hp["weight_decay"], hp["lr_decay"], hp["initial_accumulator_value"]
    if not eps > 0.0:
        return None
    ts = consts[0]
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        t = ts[j]
        a0 = h0 if t == 1.0 else 0.0
        clr = lr / (1.0 + (t - 1.0) * decay)
        gx = gx + wd * x
        gy = gy + wd * y
        hx = (s[0] + a0) + gx * gx
        hy = (s[1] + a0) + gy * gy
        return x - clr * gx / (sqrt(hx) + eps), y - clr * gy / (sqrt(hy) + eps), (hx, hy)
    return None, update


def _rmsprop_scalar(hp, consts):
    lr, a, eps, wd, mu, centered = (hp["lr"], hp["alpha"], hp["eps"], hp["weight_decay"], hp["momentum"],
                                    hp["centered"])
    if not eps > 0.0:
        return None
    c = 1.0 - a
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        hx = a * s[0] + c * gx * gx
        hy = a * s[1] + c * gy * gy
        ax = a * s[4] + c * gx
        ay = a * s[5] + c * gy
        dx = sqrt(hx - ax * ax if centered else hx) + eps
        dy = sqrt(hy - ay * ay if centered else hy) + eps
        bx = mu * s[2] + gx / dx
        by = mu * s[3] + gy / dy
        if mu > 0:
            return x - lr * bx, y - lr * by, (hx, hy, bx, by, ax, ay)
        return x - lr * gx / dx, y - lr * gy / dy, (hx, hy, bx, by, ax, ay)
    return None, update


def _eta_over_root(hp, h):
    """η/(√h + ε): the effective learning rate of the methods that divide by a root mean square."""
    return hp["lr"] / (np.sqrt(h) + hp["eps"])


def _adagrad_terms(hp, before, after, t, g, point) -> dict:
    clr = float(_adagrad_lr(hp, t))
    return {"h": after.sum, "lr_t": clr, "eta_eff": clr / (np.sqrt(after.sum) + hp["eps"]), **_g_wd(hp, g, point)}


def _rmsprop_h(hp, s):
    """h̃: h, or h − ḡ² when centered (``s`` one state or every step's)."""
    return s.square_avg - s.grad_avg * s.grad_avg if hp["centered"] else s.square_avg


def _rmsprop_terms(hp, before, after, t, g, point) -> dict:
    out = {"h": after.square_avg, "eta_eff": _eta_over_root(hp, _rmsprop_h(hp, after)), **_g_wd(hp, g, point)}
    if hp["centered"]:
        out["g_avg"] = after.grad_avg
    if hp["momentum"] > 0:
        out["V"] = -float(hp["lr"]) * after.momentum_buffer
    return out


def _adaptive_tail(p) -> list[Row]:
    return [Row(f"η/(√h + ε) = {fmt(p.terms['eta_eff'])}", translate("Rule", "effective learning rate per coordinate")),
            Row(f"Δx = −η/(√h + ε) ⊙ ∇f = {fmt(p.update)}")]


def _adagrad_rows(p) -> list[Row]:
    hp, g = p.hp, ("(∇f + λx)" if p.hp["weight_decay"] else "∇f")
    rows = [Row(f"∇f = {fmt(p.grad)}"), *_decay_row(p)]
    h0 = f"h₀ + {g}⊙{g}" if hp["initial_accumulator_value"] and p.step == 0 else f"h + {g}⊙{g}"
    rows.append(Row(f"h ← {h0} = {fmt(p.terms['h'])}",
                    translate("Rule", "h starts at h₀ = {value}").format(value=fmt(hp['initial_accumulator_value'])) if hp["initial_accumulator_value"]
                    else ""))
    if hp["lr_decay"]:
        rows.append(Row(f"η_t = η/(1 + (t−1)·lr_decay) = {fmt(p.terms['lr_t'])}", f"t = {p.terms['t']}"))
        return [*rows, Row(f"η_t/(√h + ε) = {fmt(p.terms['eta_eff'])}", translate("Rule", "effective learning rate per coordinate")),
                Row(f"Δx = −η_t/(√h + ε) ⊙ {g} = {fmt(p.update)}")]
    return [*rows, *_adaptive_tail(p)]


def _rmsprop_rows(p) -> list[Row]:
    hp, T = p.hp, p.terms
    g = "(∇f + λx)" if hp["weight_decay"] else "∇f"
    rows = [Row(f"∇f = {fmt(p.grad)}"), *_decay_row(p),
            Row(f"h ← γh + (1−γ){g}⊙{g}, γ = {fmt(hp['alpha'])}: h = {fmt(T['h'])}")]
    root = "√h"
    if hp["centered"]:
        rows.append(Row(f"ḡ ← γḡ + (1−γ){g} = {fmt(T['g_avg'])}", translate("Rule", "centered: divide by the variance h − ḡ⊙ḡ")))
        root = "√(h − ḡ⊙ḡ)"
    rows.append(Row(f"η/({root} + ε) = {fmt(T['eta_eff'])}", translate("Rule", "effective learning rate per coordinate")))
    if hp["momentum"] > 0:
        return [*rows, Row(f"V ← μV − η{g}/({root} + ε) = {fmt(T['V'])}", translate("Rule", "momentum μ = {value}").format(value=fmt(hp['momentum']))),
                Row(f"Δx = V = {fmt(p.update)}")]
    return [*rows, Row(f"Δx = −η/({root} + ε) ⊙ {g} = {fmt(p.update)}")]


# ---- Adam and its relatives ------------------------------------------------------------------------------------

def adam_init(params: Array) -> AdamState:
    return AdamState(_steps(params), _zeros(params), _zeros(params))


def amsgrad_init(params: Array) -> AMSGradState:
    return AMSGradState(_steps(params), _zeros(params), _zeros(params), _zeros(params))


def _moments(g, state, hp):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g⊙g."""
    b1, b2 = hp["beta1"], hp["beta2"]
    return b1 * state.exp_avg + (1.0 - b1) * g, b2 * state.exp_avg_sq + (1.0 - b2) * g * g


def _adam_step(g, state: AMSGradState, hp: dict):
    """Adam's m̂/(√v̂ + ε) and new state from the gradient g (weight decay already applied or not, by the caller)."""
    t = state.step + 1
    m, v = _moments(g, state, hp)
    vmax = np.maximum(state.max_exp_avg_sq, v)
    m_hat = m / bias_correction(hp["beta1"], t)
    v_hat = np.where(hp["amsgrad"], vmax, v) / bias_correction(hp["beta2"], t)
    return m_hat / (np.sqrt(v_hat) + hp["eps"]), AMSGradState(t, m, v, vmax)


def adam_update(grads: Array, state: AMSGradState, params: Array, hp: dict) -> tuple[Array, AMSGradState]:
    """Adam, torch Adam(lr, betas, eps, weight_decay=λ, amsgrad).

    g ← g + λθ;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g⊙g;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ), or with amsgrad
    v̂ = max(v₁ … v_t)/(1−β₂ᵗ);  θ ← θ − η m̂ / (√v̂ + ε).  The maximum is of the raw v, corrected by this step's
    1−β₂ᵗ, as torch computes it (torch 1.x's docs wrote the maximum of the corrected v̂s, which torch never did).
    The running maximum is kept in the state either way, so switching amsgrad on mid-run uses the maximum since
    the start.
    """
    d, new = _adam_step(_l2(grads, params, hp), state, hp)
    return params - hp["lr"] * d, new


def adamw_update(grads: Array, state: AMSGradState, params: Array, hp: dict) -> tuple[Array, AMSGradState]:
    """AdamW, torch AdamW(lr, betas, eps, weight_decay=λ, amsgrad): weight decay decoupled from the moments.

    θ ← θ − ηλθ;  then Adam's step on the plain gradient: θ ← θ − η m̂ / (√v̂ + ε).
    """
    d, new = _adam_step(grads, state, hp)
    return (params - hp["lr"] * hp["weight_decay"] * params) - hp["lr"] * d, new


def adam_nobc_update(grads: Array, state: AdamState, params: Array, hp: dict) -> tuple[Array, AdamState]:
    """Adam with the bias correction left out (for teaching: what the correction fixes in the early steps).

    m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g⊙g;  θ ← θ − η m / (√v + ε).  Since m and v start at 0, m/√v is
    (1−β₁ᵗ)/√(1−β₂ᵗ) times Adam's m̂/√v̂: about 3.2x at t = 1 and up to 6.6x at t = 12 for the default betas.
    """
    m, v = _moments(grads, state, hp)
    return params - hp["lr"] * m / (np.sqrt(v) + hp["eps"]), AdamState(state.step + 1, m, v)


def nadam_init(params: Array) -> NAdamState:
    return NAdamState(_steps(params), np.ones_like(params, dtype=np.float64), _zeros(params), _zeros(params))


def _nadam_mu(b1, psi, t):
    """NAdam's momentum schedule μ_t = β₁(1 − ½·0.96^(tψ))."""
    return b1 * (1.0 - 0.5 * 0.96 ** (t * psi))


def nadam_update(grads: Array, state: NAdamState, params: Array, hp: dict) -> tuple[Array, NAdamState]:
    """NAdam, torch NAdam(lr, betas, eps, weight_decay=λ, momentum_decay=ψ).

    g ← g + λθ;  μ_t = β₁(1 − ½·0.96^(tψ));  m, v as Adam;
    m̂ = μ_{t+1} m/(1 − ∏_{i≤t+1} μ_i) + (1 − μ_t) g/(1 − ∏_{i≤t} μ_i);  v̂ = v/(1−β₂ᵗ);  θ ← θ − η m̂/(√v̂ + ε).
    """
    g = _l2(grads, params, hp)
    t = state.step + 1
    mu, mu_next = _nadam_mu(hp["beta1"], hp["momentum_decay"], t), _nadam_mu(hp["beta1"], hp["momentum_decay"], t + 1)
    prod = state.mu_product * mu
    m, v = _moments(g, state, hp)
    m_hat = mu_next * m / (1.0 - prod * mu_next) + (1.0 - mu) * g / (1.0 - prod)
    v_hat = v / bias_correction(hp["beta2"], t)
    return params - hp["lr"] * m_hat / (np.sqrt(v_hat) + hp["eps"]), NAdamState(t, prod, m, v)


def _radam_factors(b1, b2, t):
    """RAdam's per-step numbers: 1 − β₁ᵗ, ρ_t, the rectification r_t (0 where ρ_t ≤ 5) and √(1 − β₂ᵗ)."""
    bc2 = bias_correction(b2, t)
    rho_inf = 2.0 / (1.0 - b2) - 1.0
    rho = rho_inf - 2.0 * t * b2 ** t / bc2
    ok = rho > 5.0
    ratio = np.where(ok, (rho - 4.0) * (rho - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho), 1.0)
    return bias_correction(b1, t), rho, np.where(ok, np.sqrt(ratio), 0.0), np.sqrt(bc2)


def radam_update(grads: Array, state: AdamState, params: Array, hp: dict) -> tuple[Array, AdamState]:
    """RAdam, torch RAdam(lr, betas, eps, weight_decay=λ).

    g ← g + λθ;  m, v as Adam;  m̂ = m/(1−β₁ᵗ);  ρ∞ = 2/(1−β₂) − 1;  ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);
    ρ_t > 5: l_t = √(1−β₂ᵗ)/(√v + ε), r_t = √((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t)), θ ← θ − η m̂ r_t l_t;
    else (the variance of the adaptive rate is not yet tractable) θ ← θ − η m̂: momentum SGD.
    """
    g = _l2(grads, params, hp)
    t = state.step + 1
    m, v = _moments(g, state, hp)
    bc1, _rho, r, sbc2 = _radam_factors(hp["beta1"], hp["beta2"], t)
    m_hat = m / bc1
    adapted = params - hp["lr"] * m_hat * r * (sbc2 / (np.sqrt(v) + hp["eps"]))
    return np.where(r > 0, adapted, params - hp["lr"] * m_hat), AdamState(t, m, v)


def adamax_init(params: Array) -> AdamaxState:
    return AdamaxState(_steps(params), _zeros(params), _zeros(params))


def adamax_update(grads: Array, state: AdamaxState, params: Array, hp: dict) -> tuple[Array, AdamaxState]:
    """Adamax, torch Adamax(lr, betas, eps, weight_decay=λ).

    g ← g + λθ;  m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + ε);  θ ← θ − η m / ((1−β₁ᵗ) u).
    """
    g = _l2(grads, params, hp)
    t = state.step + 1
    m = hp["beta1"] * state.exp_avg + (1.0 - hp["beta1"]) * g
    u = np.maximum(hp["beta2"] * state.exp_inf, np.abs(g) + hp["eps"])
    return params - hp["lr"] * m / (bias_correction(hp["beta1"], t) * u), AdamaxState(t, m, u)


def adadelta_init(params: Array) -> AdadeltaState:
    return AdadeltaState(_steps(params), _zeros(params), _zeros(params))


def adadelta_update(grads: Array, state: AdadeltaState, params: Array, hp: dict) -> tuple[Array, AdadeltaState]:
    """Adadelta, torch Adadelta(lr, rho=ρ, eps, weight_decay=λ).

    g ← g + λθ;  h ← ρh + (1−ρ)g⊙g;  Δ = √(u + ε)/√(h + ε) ⊙ g;  u ← ρu + (1−ρ)Δ⊙Δ;  θ ← θ − η Δ.
    """
    g = _l2(grads, params, hp)
    rho, eps = hp["rho"], hp["eps"]
    h = rho * state.square_avg + (1.0 - rho) * g * g
    delta = np.sqrt(state.acc_delta + eps) / np.sqrt(h + eps) * g
    u = rho * state.acc_delta + (1.0 - rho) * delta * delta
    return params - hp["lr"] * delta, AdadeltaState(state.step + 1, h, u)


def lion_init(params: Array) -> LionState:
    return LionState(_steps(params), _zeros(params))


def lion_update(grads: Array, state: LionState, params: Array, hp: dict) -> tuple[Array, LionState]:
    """Lion (not in torch), Chen et al. 2023.

    c = β₁m + (1−β₁)g;  θ ← θ − η (sign(c) + λθ);  m ← β₂m + (1−β₂)g.
    """
    b1, b2 = hp["beta1"], hp["beta2"]
    c = b1 * state.exp_avg + (1.0 - b1) * grads
    new = params - hp["lr"] * (np.sign(c) + hp["weight_decay"] * params)
    return new, LionState(state.step + 1, b2 * state.exp_avg + (1.0 - b2) * grads)


def _adam_consts(hp: dict, state, n: int) -> np.ndarray:
    """(n, R, 2): the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ of the next n steps, computed by the very expression
    ``adam_update`` evaluates (same operands, shapes and dtypes), so the float path divides by the same values."""
    b1, b2 = hp["beta1"], hp["beta2"]
    c1, c2 = [], []
    t = state.step + 1
    for _ in range(n):
        c1.append(bias_correction(b1, t))
        c2.append(bias_correction(b2, t))
        t = t + 1
    return np.stack([np.concatenate(c1, axis=1).T, np.concatenate(c2, axis=1).T], axis=2)


def _per_step(fn, state, n: int) -> np.ndarray:
    """(n, R, m): ``fn(t)`` -> m arrays of shape (R, 1), for t of each of the next n steps, evaluated exactly as the
    array kernel evaluates them."""
    t = state.step + 1
    out = []
    for _ in range(n):
        out.append(np.concatenate(fn(t), axis=1))
        t = t + 1
    return np.stack(out)


def _nadam_consts(hp: dict, state, n: int) -> np.ndarray:
    b1, b2, psi = hp["beta1"], hp["beta2"], hp["momentum_decay"]
    return _per_step(lambda t: (_nadam_mu(b1, psi, t), _nadam_mu(b1, psi, t + 1), bias_correction(b2, t)), state, n)


def _radam_consts(hp: dict, state, n: int) -> np.ndarray:
    def fn(t):
        bc1, _rho, r, sbc2 = _radam_factors(hp["beta1"], hp["beta2"], t)
        return bc1, r, sbc2
    return _per_step(fn, state, n)


def _adamax_consts(hp: dict, state, n: int) -> np.ndarray:
    return _per_step(lambda t: (bias_correction(hp["beta1"], t),), state, n)


def _adam_scalar_core(hp, consts, decoupled: bool):
    lr, b1, b2, eps, wd, ams = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"], hp["weight_decay"], hp["amsgrad"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    bc1, bc2 = consts
    sqrt = math.sqrt
    lw = lr * wd

    def update(gx, gy, x, y, s, j):
        if decoupled:
            px, py = x - lw * x, y - lw * y
        else:
            gx = gx + wd * x
            gy = gy + wd * y
            px, py = x, y
        mx = b1 * s[0] + c1 * gx
        my = b1 * s[1] + c1 * gy
        vx = b2 * s[2] + c2 * gx * gx
        vy = b2 * s[3] + c2 * gy * gy
        wx = s[4] if s[4] >= vx else vx  # np.maximum, nan from v kept
        wy = s[5] if s[5] >= vy else vy
        d1, d2 = bc1[j], bc2[j]
        ux, uy = (wx, wy) if ams else (vx, vy)
        return (px - lr * ((mx / d1) / (sqrt(ux / d2) + eps)), py - lr * ((my / d1) / (sqrt(uy / d2) + eps)),
                (mx, my, vx, vy, wx, wy))
    return None, update


def _adam_scalar(hp, consts):
    return _adam_scalar_core(hp, consts, decoupled=False)


def _adamw_scalar(hp, consts):
    return _adam_scalar_core(hp, consts, decoupled=True)


def _adam_nobc_scalar(hp, consts):
    lr, b1, b2, eps = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        mx = b1 * s[0] + c1 * gx
        my = b1 * s[1] + c1 * gy
        vx = b2 * s[2] + c2 * gx * gx
        vy = b2 * s[3] + c2 * gy * gy
        return x - lr * mx / (sqrt(vx) + eps), y - lr * my / (sqrt(vy) + eps), (mx, my, vx, vy)
    return None, update


def _nadam_scalar(hp, consts):
    lr, b1, b2, eps, wd = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"], hp["weight_decay"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    mus, nexts, bc2 = consts
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        mu, mn, d2 = mus[j], nexts[j], bc2[j]
        px, py = s[0] * mu, s[1] * mu
        mx = b1 * s[2] + c1 * gx
        my = b1 * s[3] + c1 * gy
        vx = b2 * s[4] + c2 * gx * gx
        vy = b2 * s[5] + c2 * gy * gy
        hx = mn * mx / (1.0 - px * mn) + (1.0 - mu) * gx / (1.0 - px)
        hy = mn * my / (1.0 - py * mn) + (1.0 - mu) * gy / (1.0 - py)
        return (x - lr * hx / (sqrt(vx / d2) + eps), y - lr * hy / (sqrt(vy / d2) + eps),
                (px, py, mx, my, vx, vy))
    return None, update


def _radam_scalar(hp, consts):
    lr, b1, b2, eps, wd = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"], hp["weight_decay"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    bc1, rs, sbc2 = consts
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        mx = b1 * s[0] + c1 * gx
        my = b1 * s[1] + c1 * gy
        vx = b2 * s[2] + c2 * gx * gx
        vy = b2 * s[3] + c2 * gy * gy
        d1, r = bc1[j], rs[j]
        hx, hy = mx / d1, my / d1
        if r > 0:
            q = sbc2[j]
            return (x - lr * hx * r * (q / (sqrt(vx) + eps)), y - lr * hy * r * (q / (sqrt(vy) + eps)),
                    (mx, my, vx, vy))
        return x - lr * hx, y - lr * hy, (mx, my, vx, vy)
    return None, update


def _adamax_scalar(hp, consts):
    lr, b1, b2, eps, wd = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"], hp["weight_decay"]
    c1 = 1.0 - b1
    (bc1,) = consts

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        mx = b1 * s[0] + c1 * gx
        my = b1 * s[1] + c1 * gy
        px, qx = b2 * s[2], abs(gx) + eps
        py, qy = b2 * s[3], abs(gy) + eps
        ux = px if px >= qx else qx  # np.maximum, nan from g kept
        uy = py if py >= qy else qy
        d1 = bc1[j]
        return x - lr * mx / (d1 * ux), y - lr * my / (d1 * uy), (mx, my, ux, uy)
    return None, update


def _adadelta_scalar(hp, consts):
    lr, rho, eps, wd = hp["lr"], hp["rho"], hp["eps"], hp["weight_decay"]
    if not eps > 0.0:
        return None
    c = 1.0 - rho
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        gx = gx + wd * x
        gy = gy + wd * y
        hx = rho * s[0] + c * gx * gx
        hy = rho * s[1] + c * gy * gy
        dx = sqrt(s[2] + eps) / sqrt(hx + eps) * gx
        dy = sqrt(s[3] + eps) / sqrt(hy + eps) * gy
        return (x - lr * dx, y - lr * dy,
                (hx, hy, rho * s[2] + c * dx * dx, rho * s[3] + c * dy * dy))
    return None, update


def _sign(c: float) -> float:
    """np.sign on one float: ±1, a zero stays zero, nan stays nan."""
    return 1.0 if c > 0.0 else -1.0 if c < 0.0 else c * 0.0


def _lion_scalar(hp, consts):
    lr, b1, b2, wd = hp["lr"], hp["beta1"], hp["beta2"], hp["weight_decay"]
    c1, c2 = 1.0 - b1, 1.0 - b2

    def update(gx, gy, x, y, s, j):
        sx = _sign(b1 * s[0] + c1 * gx)
        sy = _sign(b1 * s[1] + c1 * gy)
        return (x - lr * (sx + wd * x), y - lr * (sy + wd * y),
                (b2 * s[0] + c2 * gx, b2 * s[1] + c2 * gy))
    return None, update


_ADAM_HPS = (_lr(1e-3), *_betas(0.9, 0.999), _eps(1e-8))


def _adam_v_used(hp, s):
    """The v Adam divides by: v, or its running maximum with amsgrad (``s`` one state or every step's)."""
    return s.max_exp_avg_sq if hp.get("amsgrad") else s.exp_avg_sq


def _adam_terms(hp, before, after, t, g, point) -> dict:
    bc1, bc2 = bias_correction(hp["beta1"], t), bias_correction(hp["beta2"], t)
    m_hat, v_hat = after.exp_avg / bc1, _adam_v_used(hp, after) / bc2
    out = {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bc1, "bc2": bc2, "m_hat": m_hat, "v_hat": v_hat,
           "eta_eff": _eta_over_root(hp, v_hat)}
    if hp.get("amsgrad"):
        out["v_max"] = after.max_exp_avg_sq
    return out


def _adam_l2_terms(hp, before, after, t, g, point) -> dict:
    return {**_adam_terms(hp, before, after, t, g, point), **_g_wd(hp, g, point)}


def _adam_nobc_terms(hp, before, after, t, g, point) -> dict:
    bc1, bc2 = bias_correction(hp["beta1"], t), bias_correction(hp["beta2"], t)
    return {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bc1, "bc2": bc2,
            "eta_eff": _eta_over_root(hp, after.exp_avg_sq), "inflation": bc1 / math.sqrt(bc2)}


def _nadam_terms(hp, before, after, t, g, point) -> dict:
    gw = _g_wd(hp, g, point)
    mu = float(_nadam_mu(hp["beta1"], hp["momentum_decay"], t))
    mu_next = float(_nadam_mu(hp["beta1"], hp["momentum_decay"], t + 1))
    prod = float(after.mu_product[0])
    m_hat = mu_next * after.exp_avg / (1.0 - prod * mu_next) + (1.0 - mu) * gw["g_wd"] / (1.0 - prod)
    v_hat = after.exp_avg_sq / bias_correction(hp["beta2"], t)
    return {"m": after.exp_avg, "v": after.exp_avg_sq, "mu": mu, "mu_next": mu_next, "mu_product": prod,
            "m_hat": m_hat, "v_hat": v_hat, "eta_eff": _eta_over_root(hp, v_hat), **gw}


def _radam_terms(hp, before, after, t, g, point) -> dict:
    bc1, rho, r, sbc2 = (float(v) for v in _radam_factors(hp["beta1"], hp["beta2"], t))
    m_hat = after.exp_avg / bc1
    out = {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bc1, "m_hat": m_hat, "rho_t": rho,
           "rho_inf": 2.0 / (1.0 - float(hp["beta2"])) - 1.0, **_g_wd(hp, g, point)}
    if r > 0:
        lt = sbc2 / (np.sqrt(after.exp_avg_sq) + hp["eps"])
        out.update({"r": r, "l": lt, "eta_eff": float(hp["lr"]) * r * lt})
    else:
        out["eta_eff"] = np.full(2, float(hp["lr"]))
    return out


def _adamax_terms(hp, before, after, t, g, point) -> dict:
    bc1 = bias_correction(hp["beta1"], t)
    return {"m": after.exp_avg, "u": after.exp_inf, "bc1": bc1, "eta_eff": float(hp["lr"]) / (bc1 * after.exp_inf),
            **_g_wd(hp, g, point)}


def _adadelta_terms(hp, before, after, t, g, point) -> dict:
    eps = hp["eps"]
    ratio = np.sqrt(before.acc_delta + eps) / np.sqrt(after.square_avg + eps)
    return {"h": after.square_avg, "u_prev": before.acc_delta, "delta": ratio * _g_wd(hp, g, point)["g_wd"],
            "u": after.acc_delta, "eta_eff": float(hp["lr"]) * ratio, **_g_wd(hp, g, point)}


def _lion_terms(hp, before, after, t, g, point) -> dict:
    b1 = float(hp["beta1"])
    c = b1 * before.exp_avg + (1.0 - b1) * g
    return {"c": c, "sign": np.sign(c), "m": after.exp_avg}


def _moment_rows(p, g="∇f") -> list[Row]:
    return [Row(f"m ← β₁m + (1−β₁){g} = {fmt(p.terms['m'])}"),
            Row(f"v ← β₂v + (1−β₂){g}⊙{g} = {fmt(p.terms['v'])}")]


def _grad_rows(p) -> tuple[list[Row], str]:
    """∇f, the L2 row when weight decay is on, and what the moments then average."""
    return [Row(f"∇f = {fmt(p.grad)}"), *_decay_row(p)], ("(∇f + λx)" if p.hp.get("weight_decay") else "∇f")


def _adam_rows(p, decoupled: bool = False) -> list[Row]:
    T = p.terms
    rows, g = _grad_rows(p) if not decoupled else ([Row(f"∇f = {fmt(p.grad)}")], "∇f")
    rows += _moment_rows(p, g)
    rows.append(Row(translate("Rule", "bias corrections (t = {t}): 1−β₁ᵗ = {bc1}, 1−β₂ᵗ = {bc2}").format(
            t=T['t'], bc1=fmt(T['bc1']), bc2=fmt(T['bc2']))))
    if p.hp.get("amsgrad"):
        rows.append(Row(f"v_max ← max(v_max, v) = {fmt(T['v_max'])}", translate("Rule", "AMSGrad: divide by the largest v so far")))
        rows.append(Row(f"m̂ = m/(1−β₁ᵗ) = {fmt(T['m_hat'])},  v̂ = v_max/(1−β₂ᵗ) = {fmt(T['v_hat'])}"))
    else:
        rows.append(Row(f"m̂ = m/(1−β₁ᵗ) = {fmt(T['m_hat'])},  v̂ = v/(1−β₂ᵗ) = {fmt(T['v_hat'])}"))
    rows.append(Row(f"η/(√v̂ + ε) = {fmt(T['eta_eff'])}", translate("Rule", "effective learning rate per coordinate")))
    if decoupled:
        lam = p.hp["weight_decay"]
        rows.append(Row(f"Δx = −ηλx − η m̂/(√v̂ + ε) = {fmt(p.update)}",
                        translate("Rule", "decoupled weight decay: x shrinks by ηλ = {value} of itself").format(
                            value=fmt(p.hp['lr'] * lam))))
        return rows
    return [*rows, Row(f"Δx = −η m̂/(√v̂ + ε) = {fmt(p.update)}")]


def _adam_nobc_rows(p) -> list[Row]:
    T = p.terms
    return [Row(f"∇f = {fmt(p.grad)}"), *_moment_rows(p),
            Row(translate("Rule", "no bias correction: m/√v is (1−β₁ᵗ)/√(1−β₂ᵗ) = {factor} × Adam's m̂/√v̂ "
                          "(t = {t})").format(factor=fmt(T['inflation']), t=T['t'])),
            Row(f"η/(√v + ε) = {fmt(T['eta_eff'])}"),
            Row(f"Δx = −η m/(√v + ε) = {fmt(p.update)}")]


def _nadam_rows(p) -> list[Row]:
    T = p.terms
    rows, g = _grad_rows(p)
    return [*rows, *_moment_rows(p, g),
            Row(f"μ_t = β₁(1 − ½·0.96^(tψ)) = {fmt(T['mu'])},  μ_t+1 = {fmt(T['mu_next'])}  (t = {T['t']})",
                translate("Rule", "the momentum warms up from β₁/2 towards β₁")),
            Row(f"m̂ = μ_t+1 m/(1 − ∏μ·μ_t+1) + (1−μ_t){g}/(1 − ∏μ) = {fmt(T['m_hat'])}",
                translate("Rule", "∏μ = μ₁⋯μ_t = {value}; Nesterov's look-ahead applied to m").format(
                    value=fmt(T['mu_product']))),
            Row(f"v̂ = v/(1−β₂ᵗ) = {fmt(T['v_hat'])};  η/(√v̂ + ε) = {fmt(T['eta_eff'])}"),
            Row(f"Δx = −η m̂/(√v̂ + ε) = {fmt(p.update)}")]


def _radam_rows(p) -> list[Row]:
    T = p.terms
    rows, g = _grad_rows(p)
    rows += [*_moment_rows(p, g), Row(f"m̂ = m/(1−β₁ᵗ) = {fmt(T['m_hat'])}")]
    rho = f"ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ) = {fmt(T['rho_t'])}  (t = {T['t']}, ρ∞ = {fmt(T['rho_inf'])})"
    if "r" in T:
        return [*rows, Row(rho, translate("Rule", "ρ_t exceeds 5: the variance of the adaptive rate is tractable, so it is used")),
                Row(translate("Rule", "r_t = {r} (rectification),  l_t = √(1−β₂ᵗ)/(√v + ε) = {l}").format(
                    r=fmt(T['r']), l=fmt(T['l']))),
                Row(f"Δx = −η r_t l_t ⊙ m̂ = {fmt(p.update)}")]
    return [*rows, Row(rho, translate("Rule", "ρ_t ≤ 5: too few steps to estimate the variance of v, so no adaptive rate yet")),
            Row(f"Δx = −η m̂ = {fmt(p.update)}", translate("Rule", "un-adapted: momentum SGD until ρ_t exceeds 5"))]


def _adamax_rows(p) -> list[Row]:
    T = p.terms
    rows, g = _grad_rows(p)
    return [*rows, Row(f"m ← β₁m + (1−β₁){g} = {fmt(T['m'])}"),
            Row(f"u ← max(β₂u, |{g}| + ε) = {fmt(T['u'])}", translate("Rule", "an exponentially weighted ∞-norm instead of √v")),
            Row(f"η/((1−β₁ᵗ) u) = {fmt(T['eta_eff'])}", f"t = {T['t']}, 1−β₁ᵗ = {fmt(T['bc1'])}"),
            Row(f"Δx = −η m/((1−β₁ᵗ) u) = {fmt(p.update)}")]


def _adadelta_ratio(p) -> Array:
    """√(u + ε)/√(h + ε) from the step's terms (η_eff/η is 0/0 at η = 0)."""
    eps = p.hp["eps"]
    return np.sqrt(p.terms["u_prev"] + eps) / np.sqrt(p.terms["h"] + eps)


def _adadelta_rows(p) -> list[Row]:
    T = p.terms
    rows, g = _grad_rows(p)
    return [*rows, Row(f"h ← ρh + (1−ρ){g}⊙{g} = {fmt(T['h'])}"),
            Row(f"√(u + ε)/√(h + ε) = {fmt(_adadelta_ratio(p))}, u = {fmt(T['u_prev'])}",
                translate("Rule", "RMS of past updates over RMS of gradients: the units of x")),
            Row(f"Δ = √(u + ε)/√(h + ε) ⊙ {g} = {fmt(T['delta'])}"),
            Row(f"u ← ρu + (1−ρ)Δ⊙Δ = {fmt(T['u'])}"),
            Row(f"Δx = −η Δ = {fmt(p.update)}")]


def _lion_rows(p) -> list[Row]:
    T = p.terms
    lam = p.hp["weight_decay"]
    rows = [Row(f"∇f = {fmt(p.grad)}"), Row(f"c = β₁m + (1−β₁)∇f = {fmt(T['c'])}"),
            Row(f"sign(c) = {fmt(T['sign'])}", translate("Rule", "every coordinate moves by exactly η"))]
    rows.append(Row(f"Δx = −η(sign(c) + λx) = {fmt(p.update)}", translate("Rule", "decoupled weight decay λ = {value}").format(value=fmt(lam))) if lam
                else Row(f"Δx = −η sign(c) = {fmt(p.update)}"))
    return [*rows, Row(f"m ← β₂m + (1−β₂)∇f = {fmt(T['m'])}", translate("Rule", "the momentum kept is β₂'s, not β₁'s"))]


def _adam_v_hat(hp, s):
    return _adam_v_used(hp, s) / bias_correction(hp["beta2"], s.step)


def _norm(a):
    return np.hypot(a[:, 0], a[:, 1])


_M_HAT = Quantity(lambda hp, s: _norm(s.exp_avg) / bias_correction(hp["beta1"], s.step[:, 0]))
_ADAM_QUANTITIES = {
    "eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, _adam_v_hat(hp, s))),
    "m_hat": _M_HAT,
    "v_hat": Quantity(_adam_v_hat),
}


def _radam_quantities():
    def eta(hp, s):
        _bc1, _rho, r, sbc2 = _radam_factors(hp["beta1"], hp["beta2"], s.step)
        lr = hp["lr"]  # a float, or each row's η_t as a column (a schedule): broadcast, never float()
        return np.where(r > 0, lr * r * (sbc2 / (np.sqrt(s.exp_avg_sq) + hp["eps"])), lr + 0.0 * r)

    return {"eta_eff": Quantity(eta), "m_hat": _M_HAT,
            "rho_t": Quantity(lambda hp, s: _radam_factors(hp["beta1"], hp["beta2"], s.step[:, 0])[1])}


# ---- the book's code: Deep Learning from Scratch, common/optimizer.py ---------------------------------------------
#
# A run with "convention": "book" uses these forms instead of torch's (``OptimizerSpec.book`` of momentum,
# nag_bengio, adagrad, rmsprop and adam; sgd is the same in both). They keep only the knobs the book's code has,
# and the adaptive ones add ε = 1e-7 (the book's constant) to the root unless the scene sets eps.

class VelocityState(NamedTuple):
    step: Array
    velocity: Array  # the book's v (the seed's V itself, η inside it)


class SquareAvgState(NamedTuple):
    step: Array
    square_avg: Array  # h: exponential average of g*g


BOOK_EPS = 1e-7  # the book's 1e-7 added to √h and √v


def velocity_init(params: Array) -> VelocityState:
    return VelocityState(_steps(params), _zeros(params))


def book_momentum_update(grads: Array, state: VelocityState, params: Array, hp: dict) -> tuple[Array, VelocityState]:
    """The book's Momentum: v ← αv − ηg;  θ ← θ + v  (v starts at 0). With a schedule the old steps' η stay in v,
    unlike torch's buffer b (which holds no η)."""
    v = hp["momentum"] * state.velocity - hp["lr"] * grads
    return params + v, VelocityState(state.step + 1, v)


def book_nesterov_update(grads: Array, state: VelocityState, params: Array, hp: dict) -> tuple[Array, VelocityState]:
    """The book's Nesterov: v ← αv − ηg;  θ ← θ + α²v − (1+α)ηg, with the NEW v (g at θ). Not Bengio's formula
    (which adds αV − ηg with V the new velocity, i.e. α²V_old − (1+α)ηg): from v = 0 the book's first step is
    −(1+α+α²)ηg, Bengio's −(1+α)ηg."""
    a, lr = hp["momentum"], hp["lr"]
    v = a * state.velocity - lr * grads
    return (params + a * a * v) - (1.0 + a) * lr * grads, VelocityState(state.step + 1, v)


def book_adagrad_update(grads: Array, state: AdagradState, params: Array, hp: dict) -> tuple[Array, AdagradState]:
    """The book's AdaGrad: h ← h + g⊙g;  θ ← θ − η g / (√h + ε)."""
    h = state.sum + grads * grads
    return params - hp["lr"] * grads / (np.sqrt(h) + hp["eps"]), AdagradState(state.step + 1, h)


def square_avg_init(params: Array) -> SquareAvgState:
    return SquareAvgState(_steps(params), _zeros(params))


def book_rmsprop_update(grads: Array, state: SquareAvgState, params: Array, hp: dict) -> tuple[Array, SquareAvgState]:
    """The book's RMSprop (decay_rate = γ, our ``alpha``): h ← γh + (1−γ)g⊙g;  θ ← θ − η g / (√h + ε)."""
    a = hp["alpha"]
    h = a * state.square_avg + (1.0 - a) * grads * grads
    return params - hp["lr"] * grads / (np.sqrt(h) + hp["eps"]), SquareAvgState(state.step + 1, h)


def _book_lr_t(lr, b1, b2, t):
    """The book's Adam step size η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ)."""
    return lr * np.sqrt(bias_correction(b2, t)) / bias_correction(b1, t)


def book_adam_update(grads: Array, state: AdamState, params: Array, hp: dict) -> tuple[Array, AdamState]:
    """The book's Adam: η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ);  m ← m + (1−β₁)(g − m);  v ← v + (1−β₂)(g⊙g − v);
    θ ← θ − η_t m / (√v + ε). ε sits outside the corrected root, so it differs from torch's by ε·√(1−β₂ᵗ)."""
    t = state.step + 1
    m = state.exp_avg + (1.0 - hp["beta1"]) * (grads - state.exp_avg)
    v = state.exp_avg_sq + (1.0 - hp["beta2"]) * (grads * grads - state.exp_avg_sq)
    lr_t = _book_lr_t(hp["lr"], hp["beta1"], hp["beta2"], t)
    return params - lr_t * m / (np.sqrt(v) + hp["eps"]), AdamState(t, m, v)


def _book_momentum_scalar(hp, consts):
    lr, a = hp["lr"], hp["momentum"]

    def update(gx, gy, x, y, s, j):
        vx = a * s[0] - lr * gx
        vy = a * s[1] - lr * gy
        return x + vx, y + vy, (vx, vy)
    return None, update


def _book_nesterov_scalar(hp, consts):
    lr, a = hp["lr"], hp["momentum"]
    aa, c = a * a, (1.0 + a) * lr

    def update(gx, gy, x, y, s, j):
        vx = a * s[0] - lr * gx
        vy = a * s[1] - lr * gy
        return (x + aa * vx) - c * gx, (y + aa * vy) - c * gy, (vx, vy)
    return None, update


def _book_adagrad_scalar(hp, consts):
    lr, eps = hp["lr"], hp["eps"]
    if not eps > 0.0:
        return None
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        hx = s[0] + gx * gx
        hy = s[1] + gy * gy
        return x - lr * gx / (sqrt(hx) + eps), y - lr * gy / (sqrt(hy) + eps), (hx, hy)
    return None, update


def _book_rmsprop_scalar(hp, consts):
    lr, a, eps = hp["lr"], hp["alpha"], hp["eps"]
    if not eps > 0.0:
        return None
    c = 1.0 - a
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        hx = a * s[0] + c * gx * gx
        hy = a * s[1] + c * gy * gy
        return x - lr * gx / (sqrt(hx) + eps), y - lr * gy / (sqrt(hy) + eps), (hx, hy)
    return None, update


def _book_adam_scalar(hp, consts):
    lr, b1, b2, eps = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    bc1, bc2 = consts
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        mx = s[0] + c1 * (gx - s[0])
        my = s[1] + c1 * (gy - s[1])
        vx = s[2] + c2 * (gx * gx - s[2])
        vy = s[3] + c2 * (gy * gy - s[3])
        lr_t = lr * sqrt(bc2[j]) / bc1[j]
        return x - lr_t * mx / (sqrt(vx) + eps), y - lr_t * my / (sqrt(vy) + eps), (mx, my, vx, vy)
    return None, update


def _book_velocity_terms(hp, before, after, t, g, point) -> dict:
    return {"V_prev": before.velocity, "V": after.velocity}


def _book_adagrad_terms(hp, before, after, t, g, point) -> dict:
    return {"h": after.sum, "eta_eff": _eta_over_root(hp, after.sum)}


def _book_rmsprop_terms(hp, before, after, t, g, point) -> dict:
    return {"h": after.square_avg, "eta_eff": _eta_over_root(hp, after.square_avg)}


def _book_adam_terms(hp, before, after, t, g, point) -> dict:
    lr_t = float(_book_lr_t(float(hp["lr"]), float(hp["beta1"]), float(hp["beta2"]), t))
    return {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bias_correction(hp["beta1"], t),
            "bc2": bias_correction(hp["beta2"], t), "lr_t": lr_t,
            "eta_eff": lr_t / (np.sqrt(after.exp_avg_sq) + hp["eps"])}


_BOOK = QT_TRANSLATE_NOOP("Declarations", "the book's code (Deep Learning from Scratch, common/optimizer.py)")


def _book_velocity_row(p) -> Row:
    return Row(f"v ← αv − η∇f = {fmt(p.hp['momentum'])}·{fmt(p.terms['V_prev'])} − {fmt(p.hp['lr'])}·"
               f"{fmt(p.grad)} = {fmt(p.terms['V'])}", translate("Rule", "the book keeps v itself: η is inside it"))


def _book_momentum_rows(p) -> list[Row]:
    return [Row(translate("Rule", "∇f = {grad} at x").format(grad=fmt(p.grad))), _book_velocity_row(p), Row(f"Δx = v = {fmt(p.update)}")]


def _book_nesterov_rows(p) -> list[Row]:
    a, lr = p.hp["momentum"], p.hp["lr"]
    return [Row(translate("Rule", "∇f = {grad} at x").format(grad=fmt(p.grad))), _book_velocity_row(p),
            Row(f"Δx = α²v − (1+α)η∇f = {fmt(a * a)}·{fmt(p.terms['V'])} − {fmt((1 + a) * lr)}·{fmt(p.grad)} = "
                f"{fmt(p.update)}", translate("Rule", "with the new v: not Bengio's αV − η∇f (first step (1+α+α²)η∇f, not (1+α)η∇f)"))]


def _book_adagrad_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)}"), Row(f"h ← h + ∇f⊙∇f = {fmt(p.terms['h'])}"), *_adaptive_tail(p)]


def _book_rmsprop_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)}"),
            Row(f"h ← γh + (1−γ)∇f⊙∇f, γ = {fmt(p.hp['alpha'])}: h = {fmt(p.terms['h'])}"), *_adaptive_tail(p)]


def _book_adam_rows(p) -> list[Row]:
    T = p.terms
    return [Row(f"∇f = {fmt(p.grad)}"),
            Row(f"m ← m + (1−β₁)(∇f − m) = {fmt(T['m'])}"),
            Row(f"v ← v + (1−β₂)(∇f⊙∇f − v) = {fmt(T['v'])}"),
            Row(f"η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ) = {fmt(T['lr_t'])}",
                translate("Rule", "t = {t}: the bias correction folded into the step size").format(t=T['t'])),
            Row(f"η_t/(√v + ε) = {fmt(T['eta_eff'])}", translate("Rule", "effective learning rate per coordinate")),
            Row(f"Δx = −η_t m/(√v + ε) = {fmt(p.update)}")]


def _book_momentum_stability(hp, lam: float) -> float:
    # v and x as torch's heavy ball (while η is fixed): z² − (1 + α − ηλ) z + α, stable iff ηλ < 2(1 + α)
    return 2.0 * (1.0 + hp["momentum"]) / lam


def _book_nesterov_stability(hp, lam: float) -> float:
    # on a quadratic (h = ηλ): x' = (1 − h(1+α+α²)) x + α³v, v' = −h x + α v; the characteristic polynomial
    # z² − (1 + α − h(1+α+α²)) z + α − hα(1+α) has its roots in the unit disc iff h(1 + 2α + 2α²) < 2(1 + α)
    # (the other conditions, h > 0 and hα(1+α) < 1+α, then hold)
    a = hp["momentum"]
    return 2.0 * (1.0 + a) / ((1.0 + 2.0 * a + 2.0 * a * a) * lam)


_BOOK_VELOCITY = {**_FIXED_ETA, "velocity": Quantity(lambda hp, s: np.hypot(s.velocity[:, 0], s.velocity[:, 1]))}


# ---- registry --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptimizerSpec:
    """Everything the session, the scene loader, the teaching layer and the GUI need to know about one update rule.

    ``terms(hp, before, after, t, g, point)``: the seed's quantities of the step that led to ``after`` (t = its step
    count; g the gradient, taken at the query point; ``point`` x_k), each a float or a (2,) array; ``rows(preview)``:
    the rule's lines with that step's numbers, between x_k and x_{k+1}; ``quantities``: state-plot quantity name ->
    ``Quantity``; ``stability(hp, λ_max)``: the largest stable η on a quadratic whose Hessian has largest eigenvalue
    λ_max (None: no fixed bound, as for adaptive methods); ``reformulates``: the rule whose iterates this one samples
    at another point (the overlay links the two); ``explanation``: one plain-text paragraph on what the rule does
    and why (the GUI shows it as a tooltip)."""

    name: str
    title: str
    hyperparams: tuple[HyperParam, ...]
    init: Callable[[Array], tuple]
    update: Callable[[Array, tuple, Array, dict], tuple[Array, tuple]]
    rule: str  # the seed's notation, shown to users
    torch: str  # what torch.optim calls it
    reference: str  # where the rule comes from
    explanation: str = ""
    query: Callable[[Array, tuple, dict], Array] = _identity_query
    scalar: Callable | None = None  # (hp floats, consts) -> (query | None, update) on Python floats, or None
    scalar_consts: Callable | None = None  # (hp arrays, state, n) -> (n, R, m) per-step constants, or None
    terms: Callable[..., dict] | None = None
    rows: Callable[[object], list[Row]] = lambda p: []
    quantities: dict[str, Quantity] = field(default_factory=dict)
    stability: Callable[[dict, float], float | None] | None = None
    reformulates: str | None = None
    convention: str = "torch"  # whose code this form follows: "torch" (torch.optim) or "book" (the seed's book)
    book: "OptimizerSpec | None" = None  # the book's form of this rule, when it differs from torch's
    same_in_book: bool = False  # the book's code is this very rule (sgd)
    absent: tuple[HyperParam, ...] = ()  # a book form: torch's options its code lacks (they must stay at default)

    @property
    def looks_ahead(self) -> bool:
        """True when the gradient is taken somewhere other than at the current parameters."""
        return self.query is not _identity_query

    def variant(self, convention: object) -> "OptimizerSpec":
        """This rule as the run's ``convention`` writes it: torch's form, or the book's (``PlaygroundError`` for a
        convention other than "torch" and "book", and for "book" on a rule the book's code does not have)."""
        if convention == "torch":
            return self
        if convention != "book":
            raise PlaygroundError(translate("OptimizerSpec", "convention: expected \"torch\" or \"book\", got {value}")
                                  .format(value=repr(convention)))
        if self.book is not None:
            return self.book
        if self.same_in_book or self.convention == "book":
            return self
        raise PlaygroundError(translate("OptimizerSpec", "convention: \"book\" is only for {types} ({name} is not in "
                                        "the book's code)").format(types=BOOK_TYPES, name=self.name))

    def resolve(self, given: dict) -> dict:
        """Defaults filled in and every value validated (``PlaygroundError`` names the field). A book form refuses
        torch's options its code lacks unless they are at their defaults (and drops them)."""
        if self.absent:
            given = dict(given)
            for h in self.absent:
                if h.name in given and h.validate(given.pop(h.name)) != h.default:
                    raise PlaygroundError(translate("OptimizerSpec", "{name}: the book's code has no {name}; with "
                                                    "\"convention\": \"book\" leave it at {default}").format(
                        name=h.name, default=h.default_text()))
        return resolve(self.hyperparams, given, translate("OptimizerSpec", "{name} optimizer").format(name=repr(self.name)))


_POLYAK = "B. T. Polyak, Some methods of speeding up the convergence of iteration methods, USSR Comp. Math. 1964"
_KINGMA = "D. P. Kingma and J. Ba, Adam: a method for stochastic optimization, ICLR 2015"
_ADAM_RULE = "m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  "

OPTIMIZERS: dict[str, OptimizerSpec] = {
    s.name: s
    for s in (
        OptimizerSpec(
            "sgd", "SGD", (_lr(1e-3), _weight_decay()), sgd_init, sgd_update,
            rule="x ← x − η∇f(x)", torch="torch.optim.SGD(lr, weight_decay=λ)",
            reference="H. Robbins and S. Monro, A stochastic approximation method, Ann. Math. Stat. 1951",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Gradient descent: step straight downhill, a distance proportional to the slope. On a "
                        "narrow valley the steepest direction points across the valley rather than along it, so "
                        "SGD zig-zags; above η = 2/λ_max it overshoots more each step and diverges."),
            scalar=_sgd_scalar, terms=_sgd_terms, rows=_sgd_rows, quantities=_FIXED_ETA,
            stability=_sgd_stability, same_in_book=True),
        OptimizerSpec(
            "momentum", "Momentum", (_lr(1e-3), _MOMENTUM, _DAMPENING, _weight_decay()), momentum_init,
            momentum_update,
            rule="V ← αV − η∇f(x);  x ← x + V", torch="torch.optim.SGD(lr, momentum=α, dampening=τ, weight_decay=λ)",
            reference=_POLYAK,
            explanation=QT_TRANSLATE_NOOP("Declarations", "A heavy ball rolling downhill: the velocity V keeps a fraction α of itself and adds the "
                        "new gradient step, so pushes that agree from step to step add up (up to 1/(1−α) times "
                        "one step along a valley) while the zig-zag across it cancels out."),
            scalar=_momentum_scalar, scalar_consts=_step_consts, terms=_velocity_terms, rows=_momentum_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_momentum_stability,
            book=OptimizerSpec(
                "momentum", QT_TRANSLATE_NOOP("Declarations", "Momentum (book)"), (_lr(1e-3), _MOMENTUM), velocity_init, book_momentum_update,
                rule="v ← αv − η∇f(x);  x ← x + v", torch=QT_TRANSLATE_NOOP("Declarations", "not torch's: the book's Momentum(lr, momentum)"),
                reference=_BOOK, convention="book",
                explanation=QT_TRANSLATE_NOOP("Declarations", "The book's heavy ball keeps the velocity v itself, η included: the same path as "
                            "torch's buffer form while η is fixed, but under a schedule v still carries the old "
                            "steps' η, where torch's buffer b holds gradients only and every step uses η_t."),
                scalar=_book_momentum_scalar, terms=_book_velocity_terms, rows=_book_momentum_rows,
                quantities=_BOOK_VELOCITY, stability=_book_momentum_stability)),
        OptimizerSpec(
            "nag", QT_TRANSLATE_NOOP("Declarations", "Nesterov (look-ahead)"), (_lr(1e-3), _MOMENTUM, _weight_decay()), momentum_init, nag_update,
            rule="V ← αV − η∇f(x + αV);  x ← x + V", torch=QT_TRANSLATE_NOOP("Declarations", "no torch equivalent (torch samples X' = X + αV)"),
            reference="Y. Nesterov, A method for solving the convex programming problem with convergence rate "
                      "O(1/k²), Soviet Math. Dokl. 1983; I. Sutskever et al., On the importance of initialization "
                      "and momentum in deep learning, ICML 2013",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Momentum that looks before it leaps: the gradient is taken where the velocity is about "
                        "to carry the point, x + αV, so the ball brakes before it climbs the far wall of a valley "
                        "instead of after."),
            query=nag_query, scalar=_nag_scalar, terms=_nag_terms, rows=_nag_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_nesterov_stability),
        OptimizerSpec(
            "nag_bengio", QT_TRANSLATE_NOOP("Declarations", "Nesterov (Bengio)"), (_lr(1e-3), _MOMENTUM, _weight_decay()), momentum_init,
            nag_bengio_update,
            rule="V ← αV − η∇f(x');  x' ← x' + αV − η∇f(x')",
            torch="torch.optim.SGD(lr, momentum=α, nesterov=True, weight_decay=λ)",
            reference="Y. Bengio, N. Boulanger-Lewandowski and R. Pascanu, Advances in optimizing recurrent "
                      "networks, ICASSP 2013",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Nesterov's method rewritten so that the gradient is taken at the point stored, as torch "
                        "does: its points are the look-ahead points x + αV of the other form, so the two paths "
                        "are the same path seen from two places."),
            scalar=_nag_bengio_scalar, terms=_velocity_terms, rows=_nag_bengio_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_nesterov_stability, reformulates="nag",
            book=OptimizerSpec(
                "nag_bengio", QT_TRANSLATE_NOOP("Declarations", "Nesterov (book)"), (_lr(1e-3), _MOMENTUM), velocity_init, book_nesterov_update,
                rule="v ← αv − η∇f(x);  x ← x + α²v − (1+α)η∇f(x)",
                torch=QT_TRANSLATE_NOOP("Declarations", "not torch's: the book's Nesterov(lr, momentum)"), reference=_BOOK, convention="book",
                explanation=QT_TRANSLATE_NOOP("Declarations", "The book's Nesterov code applies α²v with the velocity v it has just updated, "
                            "where Bengio's formula x' ← x' + α²V − (1+α)η∇f uses the previous one. So it is "
                            "not Bengio's method: from v = 0 its first step is (1+α+α²)η∇f against (1+α)η∇f, "
                            "and every step leans further along the velocity."),
                scalar=_book_nesterov_scalar, terms=_book_velocity_terms, rows=_book_nesterov_rows,
                quantities=_BOOK_VELOCITY, stability=_book_nesterov_stability)),
        OptimizerSpec(
            "adagrad", "AdaGrad",
            (_lr(1e-2),
             HyperParam("lr_decay", 0.0, 0.0, 10.0, what=QT_TRANSLATE_NOOP("Declarations", "lr_decay value"), log=True,
                        help=QT_TRANSLATE_NOOP("Declarations", "Learning-rate decay: step t uses η/(1 + (t−1)·lr_decay).")),
             _weight_decay(),
             HyperParam("initial_accumulator_value", 0.0, 0.0, 1e6, symbol="h₀",
                        what=QT_TRANSLATE_NOOP("Declarations", "initial_accumulator_value value"), log=True,
                        help=QT_TRANSLATE_NOOP("Declarations", "h₀: the value the sum of squared gradients h starts from (damps the first steps).")),
             _eps(1e-10)),
            adagrad_init, adagrad_update,
            rule="h ← h + ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)",
            torch="torch.optim.Adagrad(lr, lr_decay, weight_decay=λ, initial_accumulator_value=h₀, eps)",
            reference="J. Duchi, E. Hazan and Y. Singer, Adaptive subgradient methods for online learning and "
                      "stochastic optimization, JMLR 2011",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Each coordinate gets its own learning rate η/√h, where h sums every squared gradient "
                        "that coordinate has seen: steep directions are slowed at once and gentle ones keep "
                        "moving. Since h only grows, the steps only shrink, which can stop it before the minimum."),
            scalar=_adagrad_scalar, scalar_consts=_step_consts, terms=_adagrad_terms, rows=_adagrad_rows,
            quantities={"eta_eff": Quantity(
                lambda hp, s: _adagrad_lr(hp, s.step) / (np.sqrt(s.sum) + hp["eps"]))},
            book=OptimizerSpec(
                "adagrad", QT_TRANSLATE_NOOP("Declarations", "AdaGrad (book)"), (_lr(1e-2), _eps(BOOK_EPS)), adagrad_init, book_adagrad_update,
                rule="h ← h + ∇f⊙∇f;  x ← x − η ∇f / (√h + ε),  ε = 1e-7",
                torch=QT_TRANSLATE_NOOP("Declarations", "not torch's: the book's AdaGrad(lr)"), reference=_BOOK, convention="book",
                explanation=QT_TRANSLATE_NOOP("Declarations", "The book's AdaGrad: torch's rule without its options, with the book's ε = 1e-7."),
                scalar=_book_adagrad_scalar, terms=_book_adagrad_terms, rows=_book_adagrad_rows,
                quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.sum))})),
        OptimizerSpec(
            "rmsprop", "RMSProp",
            (_lr(1e-2),
             HyperParam("alpha", 0.99, 0.0, 1.0, symbol="γ", what=QT_TRANSLATE_NOOP("Declarations", "alpha value"),
                        help=QT_TRANSLATE_NOOP("Declarations", "Decay rate γ (torch: alpha): how much of the old average of g² is kept.")),
             _eps(1e-8), _weight_decay(),
             HyperParam("momentum", 0.0, 0.0, 1.0, symbol="μ", what=QT_TRANSLATE_NOOP("Declarations", "momentum value"), high_open=True,
                        help=QT_TRANSLATE_NOOP("Declarations", "Momentum μ: b ← μb + g/(√h + ε) and x ← x − ηb (0: no momentum buffer).")),
             HyperParam("centered", False, 0.0, 1.0, boolean=True, what=QT_TRANSLATE_NOOP("Declarations", "centered value"),
                        help=QT_TRANSLATE_NOOP("Declarations", "Centered: divide by an estimate of the gradient's variance, h − ḡ², instead of h."))),
            rmsprop_init, rmsprop_update,
            rule="h ← γh + (1−γ) ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)",
            torch="torch.optim.RMSprop(lr, alpha=γ, eps, weight_decay=λ, momentum=μ, centered)",
            reference="T. Tieleman and G. Hinton, Lecture 6.5, rmsprop, COURSERA: Neural Networks for Machine "
                      "Learning, 2012",
            explanation=QT_TRANSLATE_NOOP("Declarations", "AdaGrad with a memory that fades: h is an exponential average of recent squared "
                        "gradients, so the per-coordinate rate η/√h adapts to where the run is now and no longer "
                        "dies out. Centered, it divides by the variance of the gradient instead; with momentum, "
                        "the scaled steps are accumulated like a heavy ball's."),
            scalar=_rmsprop_scalar, terms=_rmsprop_terms, rows=_rmsprop_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, _rmsprop_h(hp, s)))},
            book=OptimizerSpec(
                "rmsprop", QT_TRANSLATE_NOOP("Declarations", "RMSProp (book)"),
                (_lr(1e-2),
                 HyperParam("alpha", 0.99, 0.0, 1.0, symbol="γ", what=QT_TRANSLATE_NOOP("Declarations", "alpha value"),
                            help=QT_TRANSLATE_NOOP("Declarations", "Decay rate γ (the book: decay_rate): how much of the old average of g² is kept.")),
                 _eps(BOOK_EPS)),
                square_avg_init, book_rmsprop_update,
                rule="h ← γh + (1−γ) ∇f⊙∇f;  x ← x − η ∇f / (√h + ε),  ε = 1e-7",
                torch=QT_TRANSLATE_NOOP("Declarations", "not torch's: the book's RMSprop(lr, decay_rate=γ)"), reference=_BOOK, convention="book",
                explanation=QT_TRANSLATE_NOOP("Declarations", "The book's RMSprop: torch's rule without momentum or centering, with ε = 1e-7."),
                scalar=_book_rmsprop_scalar, terms=_book_rmsprop_terms, rows=_book_rmsprop_rows,
                quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.square_avg))})),
        OptimizerSpec(
            "adam", "Adam", (*_ADAM_HPS, _weight_decay(), _AMSGRAD), amsgrad_init, adam_update,
            rule=_ADAM_RULE + "x ← x − η m̂ / (√v̂ + ε)",
            torch="torch.optim.Adam(lr, betas=(β₁, β₂), eps, weight_decay=λ, amsgrad)",
            reference=_KINGMA + "; S. J. Reddi, S. Kale and S. Kumar, On the convergence of Adam and beyond, ICLR "
                                "2018 (amsgrad)",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Momentum and RMSProp together: m averages the gradients (the direction), v averages their "
                        "squares (the scale), and both are divided by 1 − βᵗ to undo their start at zero. The "
                        "step m̂/√v̂ is about η per coordinate whatever the slope. AMSGrad divides by the largest v "
                        "so far, so the rate never grows back."),
            scalar=_adam_scalar, scalar_consts=_adam_consts, terms=_adam_l2_terms, rows=_adam_rows,
            quantities=_ADAM_QUANTITIES,
            book=OptimizerSpec(
                "adam", QT_TRANSLATE_NOOP("Declarations", "Adam (book)"), (_lr(1e-3), *_betas(0.9, 0.999), _eps(BOOK_EPS)), adam_init,
                book_adam_update,
                rule="η_t = η√(1−β₂ᵗ)/(1−β₁ᵗ);  m ← m + (1−β₁)(∇f − m);  v ← v + (1−β₂)(∇f⊙∇f − v);  "
                     "x ← x − η_t m / (√v + ε)",
                torch=QT_TRANSLATE_NOOP("Declarations", "not torch's: the book's Adam(lr, beta1, beta2)"), reference=_BOOK, convention="book",
                explanation=QT_TRANSLATE_NOOP("Declarations", "The book's Adam folds both bias corrections into the step size η_t and adds ε = 1e-7 "
                            "to the uncorrected √v: torch's path up to where ε matters (ε√(1−β₂ᵗ) against ε)."),
                scalar=_book_adam_scalar, scalar_consts=_adam_consts, terms=_book_adam_terms,
                rows=_book_adam_rows,
                quantities={"eta_eff": Quantity(lambda hp, s: _book_lr_t(hp["lr"], hp["beta1"], hp["beta2"], s.step)
                                                / (np.sqrt(s.exp_avg_sq) + hp["eps"]))})),
        OptimizerSpec(
            "adam_nobc", QT_TRANSLATE_NOOP("Declarations", "Adam (no bias correction)"), _ADAM_HPS, adam_init, adam_nobc_update,
            rule="m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  x ← x − η m / (√v + ε)",
            torch=QT_TRANSLATE_NOOP("Declarations", "no torch equivalent: Adam without the m̂, v̂ correction (for teaching)"),
            reference=_KINGMA + " (section 3, what the correction fixes)",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Adam without dividing by 1 − βᵗ: since m and v start at zero, their ratio is off by "
                        "(1−β₁ᵗ)/√(1−β₂ᵗ) in the first steps (over 3 times too large with the default betas), "
                        "which is what the bias correction is for."),
            scalar=_adam_nobc_scalar, terms=_adam_nobc_terms, rows=_adam_nobc_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.exp_avg_sq))}),
        OptimizerSpec(
            "adamw", "AdamW", (*_ADAM_HPS, _weight_decay(1e-2, decoupled=True), _AMSGRAD), amsgrad_init,
            adamw_update,
            rule="x ← x − ηλx;  " + _ADAM_RULE + "x ← x − η m̂ / (√v̂ + ε)",
            torch="torch.optim.AdamW(lr, betas=(β₁, β₂), eps, weight_decay=λ, amsgrad)",
            reference="I. Loshchilov and F. Hutter, Decoupled weight decay regularization, ICLR 2019",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Adam with the weight decay taken out of the gradient: x shrinks by ηλx at each step, "
                        "apart from the adaptive step. In Adam, L2 decay added to the gradient is divided by √v̂ "
                        "like everything else, so steep coordinates are barely decayed; AdamW decays all alike."),
            scalar=_adamw_scalar, scalar_consts=_adam_consts, terms=_adam_terms,
            rows=lambda p: _adam_rows(p, decoupled=True), quantities=_ADAM_QUANTITIES),
        OptimizerSpec(
            "nadam", "NAdam",
            (_lr(2e-3), *_betas(0.9, 0.999), _eps(1e-8), _weight_decay(),
             HyperParam("momentum_decay", 4e-3, 0.0, 1.0, symbol="ψ", what=QT_TRANSLATE_NOOP("Declarations", "momentum_decay value"), log=True,
                        help=QT_TRANSLATE_NOOP("Declarations", "Momentum decay ψ: the momentum μ_t = β₁(1 − ½·0.96^(tψ)) warms up from β₁/2."))),
            nadam_init, nadam_update,
            rule=QT_TRANSLATE_NOOP("Declarations", "μ_t = β₁(1 − ½·0.96^(tψ));  m, v as Adam;  m̂ = μ_t+1 m/(1 − ∏μ) + (1−μ_t)∇f/(1 − ∏μ);  "
                 "x ← x − η m̂ / (√v̂ + ε)"),
            torch="torch.optim.NAdam(lr, betas=(β₁, β₂), eps, weight_decay=λ, momentum_decay=ψ)",
            reference="T. Dozat, Incorporating Nesterov momentum into Adam, ICLR 2016 workshop",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Adam with Nesterov's look-ahead: the step uses the momentum m as it will be after one "
                        "more decay, plus the current gradient, instead of m as it is, so it reacts a step earlier. "
                        "Its momentum μ_t warms up slowly from β₁/2 towards β₁ (ψ sets how slowly)."),
            scalar=_nadam_scalar, scalar_consts=_nadam_consts, terms=_nadam_terms, rows=_nadam_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(
                hp, s.exp_avg_sq / bias_correction(hp["beta2"], s.step))),
                "v_hat": Quantity(lambda hp, s: s.exp_avg_sq / bias_correction(hp["beta2"], s.step))}),
        OptimizerSpec(
            "radam", "RAdam", (_lr(1e-3), *_betas(0.9, 0.999), _eps(1e-8), _weight_decay()), adam_init,
            radam_update,
            rule=QT_TRANSLATE_NOOP("Declarations", "m̂ = m/(1−β₁ᵗ);  ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  once ρ_t exceeds 5: x ← x − η r_t √(1−β₂ᵗ)/(√v + ε) m̂,  "
                 "before: x ← x − η m̂"),
            torch="torch.optim.RAdam(lr, betas=(β₁, β₂), eps, weight_decay=λ)",
            reference="L. Liu et al., On the variance of the adaptive learning rate and beyond, ICLR 2020",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Rectified Adam: in the first steps v has averaged too few squared gradients for 1/√v to "
                        "be trusted, so RAdam measures how many it effectively has (ρ_t) and, while ρ_t ≤ 5, takes "
                        "plain momentum steps η m̂ without any adaptive rate. After that it uses Adam's rate scaled "
                        "by r_t < 1, which grows towards 1 as the estimate firms up: a built-in warm-up."),
            scalar=_radam_scalar, scalar_consts=_radam_consts, terms=_radam_terms, rows=_radam_rows,
            quantities=_radam_quantities()),
        OptimizerSpec(
            "adamax", "Adamax",
            (_lr(2e-3), *_betas(0.9, 0.999, QT_TRANSLATE_NOOP("Declarations", "β₂: decay of the infinity norm u.")), _eps(1e-8), _weight_decay()),
            adamax_init, adamax_update,
            rule="m ← β₁m + (1−β₁)∇f;  u ← max(β₂u, |∇f| + ε);  x ← x − η m / ((1−β₁ᵗ) u)",
            torch="torch.optim.Adamax(lr, betas=(β₁, β₂), eps, weight_decay=λ)",
            reference=_KINGMA + " (section 7.1, AdaMax)",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Adam with the root mean square replaced by a decaying maximum: u remembers the largest "
                        "recent |gradient| per coordinate, so one steep step keeps the rate small for a while and "
                        "u needs no bias correction."),
            scalar=_adamax_scalar, scalar_consts=_adamax_consts, terms=_adamax_terms, rows=_adamax_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: hp["lr"] / (
                bias_correction(hp["beta1"], s.step) * s.exp_inf)),
                "m_hat": _M_HAT, "u_inf": Quantity(lambda hp, s: s.exp_inf)}),
        OptimizerSpec(
            "adadelta", "Adadelta",
            (_lr(1.0),
             HyperParam("rho", 0.9, 0.0, 1.0, symbol="ρ", what=QT_TRANSLATE_NOOP("Declarations", "rho value"),
                        help=QT_TRANSLATE_NOOP("Declarations", "ρ: decay of both running averages, of g² (h) and of the squared steps (u).")),
             _eps(1e-6), _weight_decay()),
            adadelta_init, adadelta_update,
            rule="h ← ρh + (1−ρ)∇f⊙∇f;  Δ = √(u + ε)/√(h + ε) ⊙ ∇f;  u ← ρu + (1−ρ)Δ⊙Δ;  x ← x − ηΔ",
            torch="torch.optim.Adadelta(lr, rho=ρ, eps, weight_decay=λ)",
            reference="M. D. Zeiler, ADADELTA: an adaptive learning rate method, arXiv:1212.5701, 2012",
            explanation=QT_TRANSLATE_NOOP("Declarations", "RMSProp whose learning rate is itself learned: the gradient is scaled by the RMS of "
                        "recent steps over the RMS of recent gradients, which has the units of x, so η = 1 works. "
                        "It starts very slowly (√ε over the gradient's size) and speeds up as its steps grow."),
            scalar=_adadelta_scalar, terms=_adadelta_terms, rows=_adadelta_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: hp["lr"] * np.sqrt(s.acc_delta + hp["eps"])
                                            / np.sqrt(s.square_avg + hp["eps"]))}),
        OptimizerSpec(
            "lion", "Lion",
            (_lr(1e-4), *_betas(0.9, 0.99, QT_TRANSLATE_NOOP("Declarations", "β₂: decay of the momentum m that is kept.")), _weight_decay(decoupled=True)),
            lion_init, lion_update,
            rule="c = β₁m + (1−β₁)∇f;  x ← x − η(sign(c) + λx);  m ← β₂m + (1−β₂)∇f",
            torch=QT_TRANSLATE_NOOP("Declarations", "not in torch.optim (Lion, Chen et al. 2023)"),
            reference="X. Chen et al., Symbolic discovery of optimization algorithms, NeurIPS 2023",
            explanation=QT_TRANSLATE_NOOP("Declarations", "Only the sign of an interpolated momentum is used, so every coordinate moves by exactly "
                        "η each step, whatever the slope: no division, one buffer. It interpolates with β₁ for "
                        "the step but keeps the longer memory β₂ in m."),
            scalar=_lion_scalar, terms=_lion_terms, rows=_lion_rows,
            quantities={**_FIXED_ETA, "m_norm": Quantity(lambda hp, s: _norm(s.exp_avg))}),
    )
}


# A book form refuses torch's options it lacks unless they are at their defaults.
OPTIMIZERS = {n: s if s.book is None else replace(s, book=replace(s.book, absent=tuple(
    h for h in s.hyperparams if h.name not in {b.name for b in s.book.hyperparams}))) for n, s in OPTIMIZERS.items()}
_BOOK_NAMES = [n for n, s in OPTIMIZERS.items() if s.book is not None]
BOOK_TYPES = ", ".join(_BOOK_NAMES[:-1]) + " and " + _BOOK_NAMES[-1]  # "momentum, …, rmsprop and adam"


def spec_for(name: str, convention: object = "torch") -> OptimizerSpec:
    """The declaration a run uses: its type's, in the form its ``convention`` ("torch" or "book") selects."""
    return get_optimizer(name).variant(convention)


def get_optimizer(name: str) -> OptimizerSpec:
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):  # TypeError: an unhashable name such as a list
        raise PlaygroundError(translate("OptimizerSpec", "Unknown optimizer type {name} (known: {known})").format(
            name=repr(name), known=", ".join(OPTIMIZERS))) from None
