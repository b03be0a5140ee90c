"""Update rules as pure kernels over many runs at once, and the OPTIMIZERS registry (insertion order = GUI order).

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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


# ---- kernels ---------------------------------------------------------------------------------------------------

def sgd_init(params: Array) -> SGDState:
    return SGDState(_steps(params))


def sgd_update(grads: Array, state: SGDState, params: Array, hp: dict) -> tuple[Array, SGDState]:
    """Plain gradient descent. θ ← θ − η g  (η = ``lr``)."""
    return params - hp["lr"] * grads, SGDState(state.step + 1)


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
    m_hat = m / (1.0 - b1 ** t)
    v_hat = v / (1.0 - b2 ** t)
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


# ---- scalar replicas -------------------------------------------------------------------------------------------
# One run, Python floats. ``s`` is the state's float fields flattened per coordinate (momentum: (bx, by); adam:
# (mx, my, vx, vy)); ``j`` indexes the per-step constants of the current block. Each factory returns None for
# hyperparameters the float arithmetic cannot mirror (eps == 0: Python raises on 0/0 where numpy gives nan).

def _sgd_scalar(hp, consts):
    lr = hp["lr"]

    def update(gx, gy, x, y, s, j):
        return x - lr * gx, y - lr * gy, s
    return None, update


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


def _adam_consts(hp: dict, state: AdamState, n: int) -> np.ndarray:
    """(n, R, 2): the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ of the next n steps, computed by the very expression
    ``adam_update`` evaluates (same operands, shapes and dtypes), so the float path divides by the same values."""
    b1, b2 = hp["beta1"], hp["beta2"]
    c1, c2 = [], []
    t = state.step + 1
    for _ in range(n):
        c1.append(1.0 - b1 ** t)
        c2.append(1.0 - b2 ** t)
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


_ADAM_HPS = [
    _lr(1e-3),
    HyperParam("beta1", 0.9, 0.0, 1.0, symbol="β₁", what="beta parameter at index 0", high_open=True,
               help="β₁: decay of the first-moment (momentum) average m."),
    HyperParam("beta2", 0.999, 0.0, 1.0, symbol="β₂", what="beta parameter at index 1", high_open=True,
               help="β₂: decay of the second-moment average v of g²."),
    _eps(1e-8),
]


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


# ---- registry --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptimizerSpec:
    """Everything the session, the scene loader and the GUI need to know about one update rule."""

    name: str
    title: str
    hyperparams: tuple[HyperParam, ...]
    init: Callable[[Array], tuple]
    update: Callable[[Array, tuple, Array, dict], tuple[Array, tuple]]
    query: Callable[[Array, tuple, dict], Array]
    rule: str  # the seed's notation, shown to users
    torch: str  # what torch.optim calls it
    scalar: Callable | None = None  # (hp floats, consts) -> (query | None, update) on Python floats, or None
    scalar_consts: Callable | None = None  # (hp arrays, state, n) -> (n, R, m) per-step constants, or None

    @property
    def looks_ahead(self) -> bool:
        """True when the gradient is taken somewhere other than at the current parameters."""
        return self.query is not _identity_query

    def resolve(self, given: dict) -> dict:
        """Defaults filled in and every value validated (``PlaygroundError`` names the field)."""
        return resolve(self.hyperparams, given, f"{self.name!r} optimizer")


def _spec(name, title, hps, init, update, rule, torch, query=_identity_query, scalar=None,
          scalar_consts=None) -> OptimizerSpec:
    return OptimizerSpec(name, title, tuple(hps), init, update, query, rule, torch, scalar, scalar_consts)


OPTIMIZERS: dict[str, OptimizerSpec] = {
    s.name: s
    for s in (
        _spec("sgd", "SGD", [_lr(1e-3)], sgd_init, sgd_update,
              "x ← x − η∇f(x)", "torch.optim.SGD(lr)", scalar=_sgd_scalar),
        _spec("momentum", "Momentum", [_lr(1e-3), _MOMENTUM], momentum_init, momentum_update,
              "V ← αV − η∇f(x);  x ← x + V", "torch.optim.SGD(lr, momentum=α)", scalar=_momentum_scalar),
        _spec("nag", "Nesterov (look-ahead)", [_lr(1e-3), _MOMENTUM], momentum_init, nag_update,
              "V ← αV − η∇f(x + αV);  x ← x + V", "no torch equivalent (torch samples X' = X + αV)",
              query=nag_query, scalar=_nag_scalar),
        _spec("nag_bengio", "Nesterov (Bengio)", [_lr(1e-3), _MOMENTUM], momentum_init, nag_bengio_update,
              "V ← αV − η∇f(x');  x' ← x' + αV − η∇f(x')", "torch.optim.SGD(lr, momentum=α, nesterov=True)",
              scalar=_nag_bengio_scalar),
        _spec("adagrad", "AdaGrad", [_lr(1e-2), _eps(1e-10)], adagrad_init, adagrad_update,
              "h ← h + ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)", "torch.optim.Adagrad(lr, eps)",
              scalar=_adagrad_scalar),
        _spec("rmsprop", "RMSProp",
              [_lr(1e-2),
               HyperParam("alpha", 0.99, 0.0, 1.0, symbol="γ", what="alpha value",
                          help="Decay rate γ (torch: alpha): how much of the old average of g² is kept."),
               _eps(1e-8)],
              rmsprop_init, rmsprop_update,
              "h ← γh + (1−γ) ∇f⊙∇f;  x ← x − η ∇f / (√h + ε)", "torch.optim.RMSprop(lr, alpha=γ, eps)",
              scalar=_rmsprop_scalar),
        _spec("adam", "Adam",
              _ADAM_HPS,
              adam_init, adam_update,
              "m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  "
              "x ← x − η m̂ / (√v̂ + ε)",
              "torch.optim.Adam(lr, betas=(β₁, β₂), eps)", scalar=_adam_scalar, scalar_consts=_adam_consts),
        _spec("adam_nobc", "Adam (no bias correction)", _ADAM_HPS, adam_init, adam_nobc_update,
              "m ← β₁m + (1−β₁)∇f;  v ← β₂v + (1−β₂)∇f⊙∇f;  x ← x − η m / (√v + ε)",
              "no torch equivalent: Adam without the m̂, v̂ correction (for teaching)", scalar=_adam_nobc_scalar),
    )
}


def get_optimizer(name: str) -> OptimizerSpec:
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):  # TypeError: an unhashable name such as a list
        raise PlaygroundError(f"Unknown optimizer type {name!r} (known: {', '.join(OPTIMIZERS)})") from None
