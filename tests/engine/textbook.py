"""Independent reference math for the engine tests: plain-Python, per-coordinate, straight from the textbook.

Nothing here imports from ``engine``'s kernels or objectives: the point is to have a second, naive calculation
to compare the vectorised engine against.
"""

from __future__ import annotations

import math

import numpy as np

# ---- optimizers (torch.optim conventions) ------------------------------------------------------------------


def naive_trajectory(kind: str, hp: dict, start, grad, steps: int, lr_at=None) -> np.ndarray:
    """(steps + 1, D) iterates of one optimizer, a Python loop over coordinates.

    ``grad(point, k)`` returns the gradient (a sequence) at ``point`` for step ``k`` (0-based).
    ``lr_at(k)`` optionally overrides the learning rate of step k (live edits).

    sgd:         θ ← θ − η g
    momentum:    b ← μ b + g;  θ ← θ − η b                         (torch SGD(momentum=μ))
    nag:         V ← μ V − η ∇f(θ + μ V);  θ ← θ + V               (look-ahead form; Sutskever et al.)
    nag_bengio:  b ← μ b + g;  θ ← θ − η (g + μ b)                 (torch SGD(momentum=μ, nesterov=True))
    adagrad:     h ← h + g²;  θ ← θ − η g / (√h + ε)
    rmsprop:     h ← α h + (1 − α) g²;  θ ← θ − η g / (√h + ε)
    adam:        m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  θ ← θ − η m̂/(√v̂ + ε)
    adam_nobc:   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η m/(√v + ε)
    """
    x = [float(c) for c in start]
    D = len(x)
    buf = [0.0] * D  # b (momentum buffer), h (AdaGrad / RMSProp) or m (Adam)
    vel = [0.0] * D  # V for the look-ahead NAG
    sq = [0.0] * D  # v for Adam
    out = [list(x)]
    for k in range(steps):
        lr = hp["lr"] if lr_at is None else lr_at(k)
        if kind == "nag":
            mu = hp["momentum"]
            g = list(grad([x[i] + mu * vel[i] for i in range(D)], k))
        else:
            g = list(grad(list(x), k))
        for i in range(D):
            if kind == "sgd":
                x[i] = x[i] - lr * g[i]
            elif kind == "momentum":
                buf[i] = hp["momentum"] * buf[i] + g[i]
                x[i] = x[i] - lr * buf[i]
            elif kind == "nag":
                vel[i] = hp["momentum"] * vel[i] - lr * g[i]
                x[i] = x[i] + vel[i]
            elif kind == "nag_bengio":
                buf[i] = hp["momentum"] * buf[i] + g[i]
                x[i] = x[i] - lr * (g[i] + hp["momentum"] * buf[i])
            elif kind == "adagrad":
                buf[i] = buf[i] + g[i] * g[i]
                x[i] = x[i] - lr * g[i] / (math.sqrt(buf[i]) + hp["eps"])
            elif kind == "rmsprop":
                a = hp["alpha"]
                buf[i] = a * buf[i] + (1.0 - a) * g[i] * g[i]
                x[i] = x[i] - lr * g[i] / (math.sqrt(buf[i]) + hp["eps"])
            elif kind == "adam":
                t = k + 1
                b1, b2 = hp["beta1"], hp["beta2"]
                buf[i] = b1 * buf[i] + (1.0 - b1) * g[i]
                sq[i] = b2 * sq[i] + (1.0 - b2) * g[i] * g[i]
                m_hat = buf[i] / (1.0 - b1**t)
                v_hat = sq[i] / (1.0 - b2**t)
                x[i] = x[i] - lr * m_hat / (math.sqrt(v_hat) + hp["eps"])
            elif kind == "adam_nobc":  # Adam without the bias correction
                b1, b2 = hp["beta1"], hp["beta2"]
                buf[i] = b1 * buf[i] + (1.0 - b1) * g[i]
                sq[i] = b2 * sq[i] + (1.0 - b2) * g[i] * g[i]
                x[i] = x[i] - lr * buf[i] / (math.sqrt(sq[i]) + hp["eps"])
            else:
                raise ValueError(kind)
        out.append(list(x))
    return np.array(out, dtype=np.float64)


def greek_trajectory(kind: str, lr: float, alpha: float, start, grad, steps: int) -> np.ndarray:
    """The seed's Greek-letter forms (velocity V, no buffer b):

    momentum:    V ← αV − η∇f(x);  x ← x + V
    nag:         V ← αV − η∇f(x + αV);  x ← x + V
    nag_bengio:  V ← αV − η∇f(x');  x' ← x' + αV − η∇f(x')
    """
    x = [float(c) for c in start]
    V = [0.0, 0.0]
    out = [list(x)]
    for k in range(steps):
        if kind == "nag":
            g = grad([x[0] + alpha * V[0], x[1] + alpha * V[1]], k)
        else:
            g = grad(list(x), k)
        for i in range(2):
            V[i] = alpha * V[i] - lr * g[i]
            if kind == "nag_bengio":
                x[i] = x[i] + alpha * V[i] - lr * g[i]
            else:
                x[i] = x[i] + V[i]
        out.append(list(x))
    return np.array(out, dtype=np.float64)


# ---- objectives --------------------------------------------------------------------------------------------


def bowl(x, y):
    return x * x / 20.0 + y * y


def bowl_grad(p, k=None):
    x, y = p
    return (x / 10.0, 2.0 * y)


def rosenbrock(x, y, a=1.0, b=100.0):
    return (a - x) ** 2 + b * (y - x * x) ** 2


def rosenbrock_grad(p, k=None, a=1.0, b=100.0):
    x, y = p
    return (-2.0 * (a - x) - 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x))


def beale(x, y):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def himmelblau(x, y):
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def rastrigin(x, y):
    return 20 + x**2 - 10 * np.cos(2 * np.pi * x) + y**2 - 10 * np.cos(2 * np.pi * y)


def saddle(x, y):
    return x**2 / 2 + y**4 / 4 - y**2 / 2


def four_wells(x, y):
    return (x**2 - 1) ** 2 + (y**2 - 1) ** 2 + 0.3 * x + 0.2 * y


def plateau(x, y):
    return 1 - np.exp(-(x**2 + 2 * y**2) / 2)


ANALYTIC = {
    "bowl": bowl,
    "rosenbrock": rosenbrock,
    "beale": beale,
    "himmelblau": himmelblau,
    "rastrigin": rastrigin,
    "saddle": saddle,
    "four_wells": four_wells,
    "plateau": plateau,
}

# A formula used for trajectory tests, with its gradient written out by hand.
FORMULA = "x**2/4 + y**2 + sin(x*y)"


def formula_grad(p, k=None):
    x, y = p
    return (x / 2.0 + y * math.cos(x * y), 2.0 * y + x * math.cos(x * y))


def linreg_loss_rows(w, b, xs, ys) -> float:
    """Mean squared error over the given rows, one row at a time."""
    total = 0.0
    for xi, yi in zip(xs, ys):
        r = w * xi + b - yi
        total += r * r
    return total / len(xs)


def linreg_grad_rows(w, b, xs, ys) -> tuple[float, float]:
    """∂/∂(w, b) of the mean squared error, one row at a time."""
    gw = gb = 0.0
    for xi, yi in zip(xs, ys):
        r = w * xi + b - yi
        gw += 2.0 * r * xi
        gb += 2.0 * r
    return gw / len(xs), gb / len(xs)


def logreg_loss_rows(w, b, xs, ys) -> float:
    """Mean binary cross-entropy −[y log σ(z) + (1 − y) log(1 − σ(z))], one row at a time (z = w·x + b)."""
    total = 0.0
    for xi, yi in zip(xs, ys):
        z = w * xi + b
        p = 1.0 / (1.0 + math.exp(-z))
        total += -(yi * math.log(p) + (1.0 - yi) * math.log(1.0 - p))
    return total / len(xs)


def logreg_grad_rows(w, b, xs, ys) -> tuple[float, float]:
    gw = gb = 0.0
    for xi, yi in zip(xs, ys):
        z = w * xi + b
        r = 1.0 / (1.0 + math.exp(-z)) - yi
        gw += r * xi
        gb += r
    return gw / len(xs), gb / len(xs)


# ---- numerics ----------------------------------------------------------------------------------------------


def central_diff(f, p, h: float) -> np.ndarray:
    """Central finite-difference gradient of a scalar function of a 2-vector."""
    p = np.asarray(p, dtype=np.float64)
    out = np.empty(2)
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        out[i] = (f(p + e) - f(p - e)) / (2.0 * h)
    return out


def assert_traj_close(actual, expected, rtol: float = 1e-12, what: str = "") -> None:
    """Elementwise |a − e| ≤ rtol · max(1, max|e|): relative to the trajectory scale (coordinates pass 0)."""
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, (what, actual.shape, expected.shape)
    assert np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)), what
    scale = max(1.0, float(np.max(np.abs(expected))))
    err = np.abs(actual - expected)
    worst = float(np.max(err)) if err.size else 0.0
    assert worst <= rtol * scale, f"{what}: max abs error {worst:.3e} > {rtol:g} × scale {scale:.3e}"
