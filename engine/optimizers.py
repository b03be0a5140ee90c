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

What the teaching layer shows is declared here too, so engine/explain.py, engine/teaching.py and gui/teaching.py
only loop over declarations (tests/engine/test_registry.py fails on any ``opt_type == "…"`` switch elsewhere):
``terms`` (the seed's quantities after one step: V, h, m, v, m̂, v̂, η_eff …), ``rows`` (the rule with this step's
numbers), ``quantities`` (what the state plot can show), ``stability`` (the largest stable η on a quadratic) and
``reference`` (the paper).

How to add an optimizer (AdamW, say):

1. Here: a state NamedTuple with torch's state names (or reuse one), ``init`` and ``update`` (plus ``query`` when
   the gradient is taken elsewhere than at the parameters) with a docstring giving the rule and the reference; a
   ``scalar`` replica only if it must be fast for a few runs (without one the session uses the array path).
   Then one ``OptimizerSpec(...)`` entry in OPTIMIZERS: name, title, hyperparams (``_lr(default)``, ``_eps(...)``,
   or new HyperParam declarations with torch's names, defaults and bounds), rule (the seed's notation), torch,
   reference, and the teaching pieces: ``terms(hp, before, after, t) -> dict`` (use ``bias_correction`` for
   1 − βᵗ), ``rows(preview) -> list[Row]`` (numbers through ``fmt``; ``x_{k}`` is shown as a subscript),
   ``quantities`` (keys of explain.QUANTITIES it has; a new kind of quantity is one entry there), and
   ``stability(hp, λ_max)`` if it has a known bound on a quadratic. A state field with a new name also needs a
   column in explain._FIELDS (the state history's flat layout).
2. The tests, which are parametrised over the registry and fail until the new name has its rows:
   tests/engine/textbook.py ``naive_trajectory`` (the rule as a per-coordinate loop written from the math, never
   from the kernel); tests/engine/test_optimizers.py the hyperparameter tables (BOWL_HP, ROSENBROCK_HP,
   FORMULA_HP, DATA_HP), SMALL_LR, TORCH_DEFAULTS and the naive state in
   ``test_state_of_matches_naive_buffers``; tests/engine/test_explain.py HP (and the seed terms written out in
   ``test_seed_terms_match_the_formulas``); tests/engine/test_fast_paths.py its two η tables; and, for a bound,
   the hand-written value in tests/engine/test_registry.py ``test_stability_bound_is_the_declarations``.
Nothing else: the scene format, the GUI's menus and forms, the rule panel and the state plot read the registry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import numpy as np

from .errors import PlaygroundError
from .hyperparams import HyperParam, resolve

Array = np.ndarray


def _lr(default: float) -> HyperParam:
    return HyperParam(
        "lr", default, 0.0, 1e6, symbol="η", what="learning rate", log=True,
        help="Learning rate η: how far each step moves along the update direction.",
    )


_MOMENTUM = HyperParam(
    "momentum", 0.9, 0.0, 1.0, symbol="α", what="momentum value", high_open=True,
    help="Momentum α (torch: momentum): the fraction of the previous velocity kept at each step.",
)


def _eps(default: float) -> HyperParam:
    return HyperParam(
        "eps", default, 0.0, 1.0, symbol="ε", what="epsilon value", log=True,
        help="ε: added to √h outside the square root, so the division never blows up.",
    )


def bias_correction(beta, t):
    """Adam's 1 − βᵗ (β and t scalars or arrays): the one place it is written."""
    return 1.0 - beta ** t


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
    sum: Array  # h: running sum of g*g


class RMSpropState(NamedTuple):
    step: Array
    square_avg: Array  # h: exponential average of g*g


class AdamState(NamedTuple):
    step: Array
    exp_avg: Array  # m
    exp_avg_sq: Array  # v


def _steps(params: Array) -> Array:
    return np.zeros((params.shape[0], 1), dtype=np.int64)


def _zeros(params: Array) -> Array:
    return np.zeros_like(params, dtype=np.float64)


def _identity_query(params: Array, state, hp) -> Array:
    return params


# Scalar replicas: one run, Python floats. ``s`` is the state's float fields flattened per coordinate (momentum:
# (bx, by); adam: (mx, my, vx, vy)); ``j`` indexes the per-step constants of the current block. Each factory returns
# None for hyperparameters the float arithmetic cannot mirror (eps == 0: Python raises on 0/0 where numpy gives nan).

# The fixed-step methods' effective learning rate is η itself, at every step.
_FIXED_ETA = {"eta_eff": Quantity(lambda hp, s: hp["lr"], from_start=True)}


# ---- SGD -------------------------------------------------------------------------------------------------------

def sgd_init(params: Array) -> SGDState:
    return SGDState(_steps(params))


def sgd_update(grads: Array, state: SGDState, params: Array, hp: dict) -> tuple[Array, SGDState]:
    """Plain gradient descent. θ ← θ − η g  (η = ``lr``)."""
    return params - hp["lr"] * grads, SGDState(state.step + 1)


def _sgd_scalar(hp, consts):
    lr = hp["lr"]

    def update(gx, gy, x, y, s, j):
        return x - lr * gx, y - lr * gy, s
    return None, update


def _sgd_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)} at x_{{{p.step}}}"),
            Row(f"Δx = −η∇f = −{fmt(p.hp['lr'])}·{fmt(p.grad)} = {fmt(p.update)}")]


# ---- the momentum family: heavy ball, Nesterov look-ahead, Nesterov (Bengio) ----------------------------------

def momentum_init(params: Array) -> MomentumState:
    return MomentumState(_steps(params), _zeros(params))


def momentum_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Heavy-ball momentum, torch SGD(momentum=α, dampening=0).

    b ← α b + g;  θ ← θ − η b.  With V = −η b this is the seed's V ← αV − η∇f(x); x ← x + V.
    """
    b = hp["momentum"] * state.momentum_buffer + grads
    return params - hp["lr"] * b, MomentumState(state.step + 1, b)


def nag_query(params: Array, state: MomentumState, hp: dict) -> Array:
    # The look-ahead point x + αV = x − η α b.
    return params - hp["lr"] * hp["momentum"] * state.momentum_buffer


def nag_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Nesterov's accelerated gradient, look-ahead form; ``grads`` are taken at ``nag_query``'s point.

    b ← α b + ∇f(θ − η α b);  θ ← θ − η b.  Seed: V ← αV − η∇f(x + αV); x ← x + V.
    """
    b = hp["momentum"] * state.momentum_buffer + grads
    return params - hp["lr"] * b, MomentumState(state.step + 1, b)


def nag_bengio_update(grads: Array, state: MomentumState, params: Array, hp: dict) -> tuple[Array, MomentumState]:
    """Bengio's reformulation of Nesterov, torch SGD(momentum=α, nesterov=True).

    b ← α b + g;  θ ← θ − η (g + α b).  Its iterates are X'_n = X_n + αV_{n−1} of the look-ahead form.
    """
    b = hp["momentum"] * state.momentum_buffer + grads
    return params - hp["lr"] * (grads + hp["momentum"] * b), MomentumState(state.step + 1, b)


def _momentum_scalar(hp, consts):
    lr, mu = hp["lr"], hp["momentum"]

    def update(gx, gy, x, y, s, j):
        bx = mu * s[0] + gx
        by = mu * s[1] + gy
        return x - lr * bx, y - lr * by, (bx, by)
    return None, update


def _nag_scalar(hp, consts):
    lm = hp["lr"] * hp["momentum"]  # nag_query's (lr * momentum) * b, left to right

    def query(x, y, s):
        return x - lm * s[0], y - lm * s[1]
    return query, _momentum_scalar(hp, consts)[1]


def _nag_bengio_scalar(hp, consts):
    lr, mu = hp["lr"], hp["momentum"]

    def update(gx, gy, x, y, s, j):
        bx = mu * s[0] + gx
        by = mu * s[1] + gy
        return x - lr * (gx + mu * bx), y - lr * (gy + mu * by), (bx, by)
    return None, update


def _velocity_terms(hp, before, after, t) -> dict:
    lr = float(hp["lr"])
    return {"V_prev": -lr * before.momentum_buffer, "V": -lr * after.momentum_buffer}


def _velocity_row(p) -> Row:
    return Row(f"V ← αV − η∇f = {fmt(p.hp['momentum'])}·{fmt(p.terms['V_prev'])} − {fmt(p.hp['lr'])}·"
               f"{fmt(p.grad)} = {fmt(p.terms['V'])}")


def _momentum_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)} at x"), _velocity_row(p), Row(f"Δx = V = {fmt(p.update)}")]


def _nag_rows(p) -> list[Row]:
    return [Row(f"look-ahead x + αV = {fmt(p.query)}"), Row(f"∇f = {fmt(p.grad)} at the look-ahead point"),
            _velocity_row(p), Row(f"Δx = V = {fmt(p.update)}")]


def _nag_bengio_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)} at x"), _velocity_row(p),
            Row(f"Δx' = αV − η∇f = {fmt(p.update)}  (torch: SGD nesterov=True)")]


_VELOCITY = {"velocity": Quantity(
    lambda hp, s: np.ravel(hp["lr"]) * np.hypot(s.momentum_buffer[:, 0], s.momentum_buffer[:, 1]))}


def _momentum_stability(hp, lam: float) -> float:
    # heavy ball on a quadratic: stable iff η λ < 2 (1 + α) for every eigenvalue λ
    return 2.0 * (1.0 + hp["momentum"]) / lam


def _nesterov_stability(hp, lam: float) -> float:
    # both Nesterov forms: stable iff η λ (1 + 2α) < 2 (1 + α)
    mu = hp["momentum"]
    return 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * lam)


# ---- AdaGrad and RMSProp ---------------------------------------------------------------------------------------

def adagrad_init(params: Array) -> AdagradState:
    return AdagradState(_steps(params), _zeros(params))


def adagrad_update(grads: Array, state: AdagradState, params: Array, hp: dict) -> tuple[Array, AdagradState]:
    """AdaGrad, torch Adagrad(lr_decay=0, initial_accumulator_value=0).

    h ← h + g⊙g;  θ ← θ − η g / (√h + ε).
    """
    h = state.sum + grads * grads
    return params - hp["lr"] * grads / (np.sqrt(h) + hp["eps"]), AdagradState(state.step + 1, h)


def rmsprop_init(params: Array) -> RMSpropState:
    return RMSpropState(_steps(params), _zeros(params))


def rmsprop_update(grads: Array, state: RMSpropState, params: Array, hp: dict) -> tuple[Array, RMSpropState]:
    """RMSProp, torch RMSprop(centered=False, momentum=0); the seed's γ is torch's ``alpha``.

    h ← γ h + (1 − γ) g⊙g;  θ ← θ − η g / (√h + ε).
    """
    a = hp["alpha"]
    h = a * state.square_avg + (1.0 - a) * grads * grads
    return params - hp["lr"] * grads / (np.sqrt(h) + hp["eps"]), RMSpropState(state.step + 1, h)


def _adagrad_scalar(hp, consts):
    lr, eps = hp["lr"], hp["eps"]
    if not eps > 0.0:
        return None
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        hx = s[0] + gx * gx
        hy = s[1] + gy * gy
        return x - lr * gx / (sqrt(hx) + eps), y - lr * gy / (sqrt(hy) + eps), (hx, hy)
    return None, update


def _rmsprop_scalar(hp, consts):
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


def _eta_over_root(hp, h):
    """η/(√h + ε): the effective learning rate of the methods that divide by a root mean square."""
    return hp["lr"] / (np.sqrt(h) + hp["eps"])


def _adagrad_terms(hp, before, after, t) -> dict:
    return {"h": after.sum, "eta_eff": _eta_over_root(hp, after.sum)}


def _rmsprop_terms(hp, before, after, t) -> dict:
    return {"h": after.square_avg, "eta_eff": _eta_over_root(hp, after.square_avg)}


def _adaptive_tail(p) -> list[Row]:
    return [Row(f"η/(√h + ε) = {fmt(p.terms['eta_eff'])}", "effective learning rate per coordinate"),
            Row(f"Δx = −η/(√h + ε) ⊙ ∇f = {fmt(p.update)}")]


def _adagrad_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)}"), Row(f"h ← h + ∇f⊙∇f = {fmt(p.terms['h'])}"), *_adaptive_tail(p)]


def _rmsprop_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)}"),
            Row(f"h ← γh + (1−γ)∇f⊙∇f, γ = {fmt(p.hp['alpha'])}: h = {fmt(p.terms['h'])}"), *_adaptive_tail(p)]


# ---- Adam, with and without its bias correction ----------------------------------------------------------------

def adam_init(params: Array) -> AdamState:
    return AdamState(_steps(params), _zeros(params), _zeros(params))


def adam_update(grads: Array, state: AdamState, params: Array, hp: dict) -> tuple[Array, AdamState]:
    """Adam, torch Adam(amsgrad=False, weight_decay=0).

    m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g⊙g;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  θ ← θ − η m̂ / (√v̂ + ε).
    """
    b1, b2 = hp["beta1"], hp["beta2"]
    t = state.step + 1
    m = b1 * state.exp_avg + (1.0 - b1) * grads
    v = b2 * state.exp_avg_sq + (1.0 - b2) * grads * grads
    m_hat = m / bias_correction(b1, t)
    v_hat = v / bias_correction(b2, t)
    return params - hp["lr"] * m_hat / (np.sqrt(v_hat) + hp["eps"]), AdamState(t, m, v)


def adam_nobc_update(grads: Array, state: AdamState, params: Array, hp: dict) -> tuple[Array, AdamState]:
    """Adam with the bias correction left out (for teaching: what the correction fixes in the early steps).

    m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g⊙g;  θ ← θ − η m / (√v + ε).  Since m and v start at 0, m/√v is
    (1−β₁ᵗ)/√(1−β₂ᵗ) times Adam's m̂/√v̂: about 3.2x at t = 1 and up to 6.6x at t = 12 for the default betas.
    """
    b1, b2 = hp["beta1"], hp["beta2"]
    m = b1 * state.exp_avg + (1.0 - b1) * grads
    v = b2 * state.exp_avg_sq + (1.0 - b2) * grads * grads
    return params - hp["lr"] * m / (np.sqrt(v) + hp["eps"]), AdamState(state.step + 1, m, v)


def _adam_consts(hp: dict, state: AdamState, n: int) -> np.ndarray:
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


def _adam_scalar(hp, consts):
    lr, b1, b2, eps = hp["lr"], hp["beta1"], hp["beta2"], hp["eps"]
    if not eps > 0.0:
        return None
    c1, c2 = 1.0 - b1, 1.0 - b2
    bc1, bc2 = consts
    sqrt = math.sqrt

    def update(gx, gy, x, y, s, j):
        mx = b1 * s[0] + c1 * gx
        my = b1 * s[1] + c1 * gy
        vx = b2 * s[2] + c2 * gx * gx
        vy = b2 * s[3] + c2 * gy * gy
        d1, d2 = bc1[j], bc2[j]
        return (x - lr * (mx / d1) / (sqrt(vx / d2) + eps), y - lr * (my / d1) / (sqrt(vy / d2) + eps),
                (mx, my, vx, vy))
    return None, update


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


_ADAM_HPS = [
    _lr(1e-3),
    HyperParam("beta1", 0.9, 0.0, 1.0, symbol="β₁", what="beta parameter at index 0", high_open=True,
               help="β₁: decay of the first-moment (momentum) average m."),
    HyperParam("beta2", 0.999, 0.0, 1.0, symbol="β₂", what="beta parameter at index 1", high_open=True,
               help="β₂: decay of the second-moment average v of g²."),
    _eps(1e-8),
]


def _adam_terms(hp, before, after, t) -> dict:
    bc1, bc2 = bias_correction(hp["beta1"], t), bias_correction(hp["beta2"], t)
    m_hat, v_hat = after.exp_avg / bc1, after.exp_avg_sq / bc2
    return {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bc1, "bc2": bc2, "m_hat": m_hat, "v_hat": v_hat,
            "eta_eff": _eta_over_root(hp, v_hat)}


def _adam_nobc_terms(hp, before, after, t) -> dict:
    bc1, bc2 = bias_correction(hp["beta1"], t), bias_correction(hp["beta2"], t)
    return {"m": after.exp_avg, "v": after.exp_avg_sq, "bc1": bc1, "bc2": bc2,
            "eta_eff": _eta_over_root(hp, after.exp_avg_sq), "inflation": bc1 / math.sqrt(bc2)}


def _moment_rows(p) -> list[Row]:
    return [Row(f"∇f = {fmt(p.grad)}"), Row(f"m ← β₁m + (1−β₁)∇f = {fmt(p.terms['m'])}"),
            Row(f"v ← β₂v + (1−β₂)∇f⊙∇f = {fmt(p.terms['v'])}")]


def _adam_rows(p) -> list[Row]:
    T = p.terms
    return [*_moment_rows(p),
            Row(f"bias corrections (t = {T['t']}): 1−β₁ᵗ = {fmt(T['bc1'])}, 1−β₂ᵗ = {fmt(T['bc2'])}"),
            Row(f"m̂ = m/(1−β₁ᵗ) = {fmt(T['m_hat'])},  v̂ = v/(1−β₂ᵗ) = {fmt(T['v_hat'])}"),
            Row(f"η/(√v̂ + ε) = {fmt(T['eta_eff'])}", "effective learning rate per coordinate"),
            Row(f"Δx = −η m̂/(√v̂ + ε) = {fmt(p.update)}")]


def _adam_nobc_rows(p) -> list[Row]:
    T = p.terms
    return [*_moment_rows(p),
            Row(f"no bias correction: m/√v is (1−β₁ᵗ)/√(1−β₂ᵗ) = {fmt(T['inflation'])} × Adam's m̂/√v̂ "
                f"(t = {T['t']})"),
            Row(f"η/(√v + ε) = {fmt(T['eta_eff'])}"),
            Row(f"Δx = −η m/(√v + ε) = {fmt(p.update)}")]


def _adam_v_hat(hp, s):
    return s.exp_avg_sq / bias_correction(hp["beta2"], s.step)


_ADAM_QUANTITIES = {
    "eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, _adam_v_hat(hp, s))),
    "m_hat": Quantity(lambda hp, s: np.hypot(s.exp_avg[:, 0], s.exp_avg[:, 1])
                      / bias_correction(hp["beta1"], s.step[:, 0])),
    "v_hat": Quantity(_adam_v_hat),
}


# ---- registry --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptimizerSpec:
    """Everything the session, the scene loader, the teaching layer and the GUI need to know about one update rule.

    ``terms(hp, before, after, t)``: the seed's quantities of the step that led to ``after`` (t = its step count),
    each a float or a (2,) array; ``rows(preview)``: the rule's lines with that step's numbers, between x_k and
    x_{k+1}; ``quantities``: state-plot quantity name -> ``Quantity``; ``stability(hp, λ_max)``: the largest stable
    η on a quadratic whose Hessian has largest eigenvalue λ_max (None: no fixed bound, as for adaptive methods);
    ``reformulates``: the rule whose iterates this one samples at another point (the overlay links the two)."""

    name: str
    title: str
    hyperparams: tuple[HyperParam, ...]
    init: Callable[[Array], tuple]
    update: Callable[[Array, tuple, Array, dict], tuple[Array, tuple]]
    rule: str  # the seed's notation, shown to users
    torch: str  # what torch.optim calls it
    reference: str  # where the rule comes from
    query: Callable[[Array, tuple, dict], Array] = _identity_query
    scalar: Callable | None = None  # (hp floats, consts) -> (query | None, update) on Python floats, or None
    scalar_consts: Callable | None = None  # (hp arrays, state, n) -> (n, R, m) per-step constants, or None
    terms: Callable[[dict, tuple, tuple, int], dict] | None = None
    rows: Callable[[object], list[Row]] = lambda p: []
    quantities: dict[str, Quantity] = field(default_factory=dict)
    stability: Callable[[dict, float], float] | None = None
    reformulates: str | None = None

    @property
    def looks_ahead(self) -> bool:
        """True when the gradient is taken somewhere other than at the current parameters."""
        return self.query is not _identity_query

    def resolve(self, given: dict) -> dict:
        """Defaults filled in and every value validated (``PlaygroundError`` names the field)."""
        return resolve(self.hyperparams, given, f"{self.name!r} optimizer")


_POLYAK = "B. T. Polyak, Some methods of speeding up the convergence of iteration methods, USSR Comp. Math. 1964"

OPTIMIZERS: dict[str, OptimizerSpec] = {
    s.name: s
    for s in (
        OptimizerSpec(
            "sgd", "SGD", (_lr(1e-3),), sgd_init, sgd_update,
            rule="x ← x − η∇f(x)", torch="torch.optim.SGD(lr)",
            reference="H. Robbins and S. Monro, A stochastic approximation method, Ann. Math. Stat. 1951",
            scalar=_sgd_scalar, rows=_sgd_rows, quantities=_FIXED_ETA,
            stability=lambda hp, lam: 2.0 / lam),
        OptimizerSpec(
            "momentum", "Momentum", (_lr(1e-3), _MOMENTUM), momentum_init, momentum_update,
            rule="V ← αV − η∇f(x);  x ← x + V", torch="torch.optim.SGD(lr, momentum=α)", reference=_POLYAK,
            scalar=_momentum_scalar, terms=_velocity_terms, rows=_momentum_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_momentum_stability),
        OptimizerSpec(
            "nag", "Nesterov (look-ahead)", (_lr(1e-3), _MOMENTUM), momentum_init, nag_update,
            rule="V ← αV − η∇f(x + αV);  x ← x + V", torch="no torch equivalent (torch samples X' = X + αV)",
            reference="Y. Nesterov, A method for solving the convex programming problem with convergence rate "
                      "O(1/k²), Soviet Math. Dokl. 1983; I. Sutskever et al., On the importance of initialization "
                      "and momentum in deep learning, ICML 2013",
            query=nag_query, scalar=_nag_scalar, terms=_velocity_terms, rows=_nag_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_nesterov_stability),
        OptimizerSpec(
            "nag_bengio", "Nesterov (Bengio)", (_lr(1e-3), _MOMENTUM), momentum_init, nag_bengio_update,
            rule="V ← αV − η∇f(x');  x' ← x' + αV − η∇f(x')",
            torch="torch.optim.SGD(lr, momentum=α, nesterov=True)",
            reference="Y. Bengio, N. Boulanger-Lewandowski and R. Pascanu, Advances in optimizing recurrent "
                      "networks, ICASSP 2013",
            scalar=_nag_bengio_scalar, terms=_velocity_terms, rows=_nag_bengio_rows,
            quantities={**_FIXED_ETA, **_VELOCITY}, stability=_nesterov_stability, reformulates="nag"),
        OptimizerSpec(
            "adagrad", "AdaGrad", (_lr(1e-2), _eps(1e-10)), adagrad_init, adagrad_update,
            rule="h ← h + ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)", torch="torch.optim.Adagrad(lr, eps)",
            reference="J. Duchi, E. Hazan and Y. Singer, Adaptive subgradient methods for online learning and "
                      "stochastic optimization, JMLR 2011",
            scalar=_adagrad_scalar, terms=_adagrad_terms, rows=_adagrad_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.sum))}),
        OptimizerSpec(
            "rmsprop", "RMSProp",
            (_lr(1e-2),
             HyperParam("alpha", 0.99, 0.0, 1.0, symbol="γ", what="alpha value",
                        help="Decay rate γ (torch: alpha): how much of the old average of g² is kept."),
             _eps(1e-8)),
            rmsprop_init, rmsprop_update,
            rule="h ← γh + (1−γ) ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)", torch="torch.optim.RMSprop(lr, alpha=γ, eps)",
            reference="T. Tieleman and G. Hinton, Lecture 6.5, rmsprop, COURSERA: Neural Networks for Machine "
                      "Learning, 2012",
            scalar=_rmsprop_scalar, terms=_rmsprop_terms, rows=_rmsprop_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.square_avg))}),
        OptimizerSpec(
            "adam", "Adam", tuple(_ADAM_HPS), adam_init, adam_update,
            rule="m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  "
                 "x ← x − η m̂ / (√v̂ + ε)",
            torch="torch.optim.Adam(lr, betas=(β₁, β₂), eps)",
            reference="D. P. Kingma and J. Ba, Adam: a method for stochastic optimization, ICLR 2015",
            scalar=_adam_scalar, scalar_consts=_adam_consts, terms=_adam_terms, rows=_adam_rows,
            quantities=_ADAM_QUANTITIES),
        OptimizerSpec(
            "adam_nobc", "Adam (no bias correction)", tuple(_ADAM_HPS), adam_init, adam_nobc_update,
            rule="m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  x ← x − η m / (√v + ε)",
            torch="no torch equivalent: Adam without the m̂, v̂ correction (for teaching)",
            reference="D. P. Kingma and J. Ba, Adam: a method for stochastic optimization, ICLR 2015 (section 3, "
                      "what the correction fixes)",
            scalar=_adam_nobc_scalar, terms=_adam_nobc_terms, rows=_adam_nobc_rows,
            quantities={"eta_eff": Quantity(lambda hp, s: _eta_over_root(hp, s.exp_avg_sq))}),
    )
}


def get_optimizer(name: str) -> OptimizerSpec:
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):  # TypeError: an unhashable name such as a list
        raise PlaygroundError(f"Unknown optimizer type {name!r} (known: {', '.join(OPTIMIZERS)})") from None
