"""Independent reference math for the engine tests: plain-Python, per-coordinate, straight from the textbook.

Nothing here imports from ``engine``'s kernels or objectives: the point is to have a second, naive calculation
to compare the vectorised engine against.
"""

from __future__ import annotations

import math

import numpy as np

# ---- optimizers (torch.optim's documented algorithms) -------------------------------------------------------
#
# One reference rule per optimizer, written from the pseudo-code on the torch.optim documentation pages (SGD,
# Adagrad, RMSprop, Adam, AdamW, NAdam, RAdam, Adamax, Adadelta), from Chen et al. 2023 for Lion, and from the
# seed's Greek-letter forms for the look-ahead NAG and Adam without bias correction. Each rule is a per-coordinate
# Python loop over lists:
#
#     rule(hp, lr, x, grad_at, st, t) -> terms
#
# moves ``x`` (a list) one step in place, updates the state dict ``st`` (torch's state names, lists per coordinate)
# and returns the seed's quantities of that step (what the rule panel shows: lists per coordinate or floats).
# ``grad_at(point)`` is the gradient at a point; t is the step number, 1 for the first step. ``QUANTITIES_OF``
# gives, from a state after t steps, what the state plot shows.


def _wd(hp, g, x):
    """g + λx: L2 weight decay added to the gradient (coupled)."""
    lam = hp.get("weight_decay", 0.0)
    return [gi + lam * xi for gi, xi in zip(g, x)]


def _sgd(hp, lr, x, grad_at, st, t):
    g = _wd(hp, grad_at(x), x)
    for i in range(len(x)):
        x[i] = x[i] - lr * g[i]
    return {"g_wd": g}


def _momentum(hp, lr, x, grad_at, st, t):
    # torch SGD: g ← g + λθ; if μ ≠ 0: b ← g at t = 1, else μb + (1 − τ)g; θ ← θ − γ b
    mu, tau = hp["momentum"], hp.get("dampening", 0.0)
    g = _wd(hp, grad_at(x), x)
    b = st["momentum_buffer"]
    v_prev = [-lr * bi for bi in b]
    for i in range(len(x)):
        if mu != 0:
            b[i] = g[i] if t == 1 else mu * b[i] + (1.0 - tau) * g[i]
            x[i] = x[i] - lr * b[i]
        else:  # torch keeps no buffer: θ ← θ − γ g (the engine's buffer then holds g)
            b[i] = g[i]
            x[i] = x[i] - lr * g[i]
    return {"V_prev": v_prev, "V": [-lr * bi for bi in b], "g_wd": g}


def _nag(hp, lr, x, grad_at, st, t):
    # the seed's look-ahead form in V: V ← αV − η(∇f(x + αV) + λ(x + αV)); x ← x + V. The buffer b is −V/η.
    a = hp["momentum"]
    V = st["V"]
    q = [x[i] + a * V[i] for i in range(len(x))]
    g = _wd(hp, grad_at(q), q)
    v_prev = list(V)
    for i in range(len(x)):
        V[i] = a * V[i] - lr * g[i]
        x[i] = x[i] + V[i]
        st["momentum_buffer"][i] = -V[i] / lr
    return {"V_prev": v_prev, "V": list(V), "g_wd": g}


def _nag_bengio(hp, lr, x, grad_at, st, t):
    # torch SGD(nesterov=True): g ← g + λθ; b ← μb + g; g ← g + μb; θ ← θ − γ g
    mu = hp["momentum"]
    g = _wd(hp, grad_at(x), x)
    b = st["momentum_buffer"]
    v_prev = [-lr * bi for bi in b]
    for i in range(len(x)):
        b[i] = mu * b[i] + g[i]
        x[i] = x[i] - lr * (g[i] + mu * b[i])
    return {"V_prev": v_prev, "V": [-lr * bi for bi in b], "g_wd": g}


def _adagrad(hp, lr, x, grad_at, st, t):
    # torch Adagrad: γ̃ = γ/(1 + (t − 1)η_decay); g ← g + λθ; sum ← sum + g²; θ ← θ − γ̃ g/(√sum + ε)
    clr = lr / (1 + (t - 1) * hp.get("lr_decay", 0.0))
    g = _wd(hp, grad_at(x), x)
    h = st["sum"]
    eta = []
    for i in range(len(x)):
        h[i] = h[i] + g[i] * g[i]
        eta.append(clr / (math.sqrt(h[i]) + hp["eps"]))
        x[i] = x[i] - clr * g[i] / (math.sqrt(h[i]) + hp["eps"])
    return {"h": list(h), "lr_t": clr, "eta_eff": eta, "g_wd": g}


def _rmsprop(hp, lr, x, grad_at, st, t):
    # torch RMSprop: g ← g + λθ; v ← αv + (1 − α)g²; ṽ = v (centered: ḡ ← αḡ + (1 − α)g, ṽ = v − ḡ²);
    # μ > 0: b ← μb + g/(√ṽ + ε), θ ← θ − γb; else θ ← θ − γ g/(√ṽ + ε)
    a, mu, centered = hp["alpha"], hp.get("momentum", 0.0), hp.get("centered", False)
    g = _wd(hp, grad_at(x), x)
    v, ga, b = st["square_avg"], st["grad_avg"], st["momentum_buffer"]
    eta = []
    for i in range(len(x)):
        v[i] = a * v[i] + (1.0 - a) * g[i] * g[i]
        ga[i] = a * ga[i] + (1.0 - a) * g[i]
        vt = v[i] - ga[i] * ga[i] if centered else v[i]
        eta.append(lr / (math.sqrt(vt) + hp["eps"]))
        b[i] = mu * b[i] + g[i] / (math.sqrt(vt) + hp["eps"])
        if mu > 0:
            x[i] = x[i] - lr * b[i]
        else:
            x[i] = x[i] - lr * g[i] / (math.sqrt(vt) + hp["eps"])
    out = {"h": list(v), "eta_eff": eta, "g_wd": g}
    if centered:
        out["g_avg"] = list(ga)
    if mu > 0:
        out["V"] = [-lr * bi for bi in b]
    return out


def _adam_moments(hp, g, st, t):
    b1, b2 = hp["beta1"], hp["beta2"]
    m, v, vmax = st["exp_avg"], st["exp_avg_sq"], st["max_exp_avg_sq"]
    for i in range(len(g)):
        m[i] = b1 * m[i] + (1.0 - b1) * g[i]
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i]
        vmax[i] = max(vmax[i], v[i])  # torch keeps it only with amsgrad; here always, as the engine does
    bc1, bc2 = 1.0 - b1**t, 1.0 - b2**t
    used = vmax if hp.get("amsgrad", False) else v
    m_hat = [mi / bc1 for mi in m]
    v_hat = [vi / bc2 for vi in used]
    out = {"m": list(m), "v": list(v), "bc1": bc1, "bc2": bc2, "m_hat": m_hat, "v_hat": v_hat}
    if hp.get("amsgrad", False):
        out["v_max"] = list(vmax)
    return out


def _adam(hp, lr, x, grad_at, st, t):
    # torch Adam: g ← g + λθ; m, v; m̂ = m/(1 − β₁ᵗ); v̂ = v/(1 − β₂ᵗ) (amsgrad: v_max ← max(v_max, v),
    # v̂ = v_max/(1 − β₂ᵗ)); θ ← θ − γ m̂/(√v̂ + ε)
    g = _wd(hp, grad_at(x), x)
    T = _adam_moments(hp, g, st, t)
    T["eta_eff"] = [lr / (math.sqrt(vh) + hp["eps"]) for vh in T["v_hat"]]
    for i in range(len(x)):
        x[i] = x[i] - lr * T["m_hat"][i] / (math.sqrt(T["v_hat"][i]) + hp["eps"])
    T["g_wd"] = g
    return T


def _adamw(hp, lr, x, grad_at, st, t):
    # torch AdamW: θ ← θ − γλθ; then Adam's moments of the plain gradient and θ ← θ − γ m̂/(√v̂ + ε)
    g = list(grad_at(x))
    for i in range(len(x)):
        x[i] = x[i] - lr * hp["weight_decay"] * x[i]
    T = _adam_moments(hp, g, st, t)
    T["eta_eff"] = [lr / (math.sqrt(vh) + hp["eps"]) for vh in T["v_hat"]]
    for i in range(len(x)):
        x[i] = x[i] - lr * T["m_hat"][i] / (math.sqrt(T["v_hat"][i]) + hp["eps"])
    return T


def _adam_nobc(hp, lr, x, grad_at, st, t):
    # Adam without the bias correction: θ ← θ − η m/(√v + ε)
    g = list(grad_at(x))
    b1, b2 = hp["beta1"], hp["beta2"]
    m, v = st["exp_avg"], st["exp_avg_sq"]
    for i in range(len(x)):
        m[i] = b1 * m[i] + (1.0 - b1) * g[i]
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i]
        x[i] = x[i] - lr * m[i] / (math.sqrt(v[i]) + hp["eps"])
    bc1, bc2 = 1.0 - b1**t, 1.0 - b2**t
    return {"m": list(m), "v": list(v), "bc1": bc1, "bc2": bc2,
            "eta_eff": [lr / (math.sqrt(vi) + hp["eps"]) for vi in v], "inflation": bc1 / math.sqrt(bc2)}


def _nadam(hp, lr, x, grad_at, st, t):
    # torch NAdam: g ← g + λθ; μ_t = β₁(1 − ½ 0.96^(tψ)); μ_{t+1} likewise; m, v;
    # m̂ = μ_{t+1} m/(1 − ∏_{i≤t+1} μ_i) + (1 − μ_t) g/(1 − ∏_{i≤t} μ_i); v̂ = v/(1 − β₂ᵗ); θ ← θ − γ m̂/(√v̂ + ε)
    b1, b2, psi = hp["beta1"], hp["beta2"], hp["momentum_decay"]
    g = _wd(hp, grad_at(x), x)
    mu_t = b1 * (1.0 - 0.5 * 0.96 ** (t * psi))
    mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
    prod = st["mu_product"][0] * mu_t
    st["mu_product"] = [prod] * len(x)
    m, v = st["exp_avg"], st["exp_avg_sq"]
    m_hat, v_hat = [], []
    for i in range(len(x)):
        m[i] = b1 * m[i] + (1.0 - b1) * g[i]
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i]
        m_hat.append(mu_next * m[i] / (1.0 - prod * mu_next) + (1.0 - mu_t) * g[i] / (1.0 - prod))
        v_hat.append(v[i] / (1.0 - b2**t))
        x[i] = x[i] - lr * m_hat[i] / (math.sqrt(v_hat[i]) + hp["eps"])
    return {"m": list(m), "v": list(v), "mu": mu_t, "mu_next": mu_next, "mu_product": prod, "m_hat": m_hat,
            "v_hat": v_hat, "eta_eff": [lr / (math.sqrt(vh) + hp["eps"]) for vh in v_hat], "g_wd": g}


def _radam_rho(b2, t):
    rho_inf = 2.0 / (1.0 - b2) - 1.0
    return rho_inf, rho_inf - 2.0 * t * b2**t / (1.0 - b2**t)


def _radam(hp, lr, x, grad_at, st, t):
    # torch RAdam: g ← g + λθ; m, v; m̂ = m/(1 − β₁ᵗ); ρ∞ = 2/(1 − β₂) − 1; ρ_t = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ);
    # ρ_t > 5: l_t = √(1 − β₂ᵗ)/(√v + ε), r_t = √((ρ_t − 4)(ρ_t − 2)ρ∞/((ρ∞ − 4)(ρ∞ − 2)ρ_t)), θ ← θ − γ m̂ r_t l_t;
    # else θ ← θ − γ m̂
    b1, b2 = hp["beta1"], hp["beta2"]
    g = _wd(hp, grad_at(x), x)
    m, v = st["exp_avg"], st["exp_avg_sq"]
    rho_inf, rho = _radam_rho(b2, t)
    bc1 = 1.0 - b1**t
    out = {"bc1": bc1, "rho_t": rho, "rho_inf": rho_inf, "g_wd": g}
    m_hat, ls = [], []
    r = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho)) if rho > 5 else None
    for i in range(len(x)):
        m[i] = b1 * m[i] + (1.0 - b1) * g[i]
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i]
        m_hat.append(m[i] / bc1)
        if r is not None:
            ls.append(math.sqrt(1.0 - b2**t) / (math.sqrt(v[i]) + hp["eps"]))
            x[i] = x[i] - lr * m_hat[i] * r * ls[i]
        else:
            x[i] = x[i] - lr * m_hat[i]
    out.update({"m": list(m), "v": list(v), "m_hat": m_hat})
    if r is not None:
        out.update({"r": r, "l": ls, "eta_eff": [lr * r * li for li in ls]})
    else:
        out["eta_eff"] = [lr] * len(x)
    return out


def _adamax(hp, lr, x, grad_at, st, t):
    # torch Adamax: g ← g + λθ; m ← β₁m + (1 − β₁)g; u ← max(β₂u, |g| + ε); θ ← θ − γ m/((1 − β₁ᵗ)u)
    b1, b2 = hp["beta1"], hp["beta2"]
    g = _wd(hp, grad_at(x), x)
    m, u = st["exp_avg"], st["exp_inf"]
    bc1 = 1.0 - b1**t
    for i in range(len(x)):
        m[i] = b1 * m[i] + (1.0 - b1) * g[i]
        u[i] = max(b2 * u[i], abs(g[i]) + hp["eps"])
        x[i] = x[i] - lr * m[i] / (bc1 * u[i])
    return {"m": list(m), "u": list(u), "bc1": bc1, "eta_eff": [lr / (bc1 * ui) for ui in u], "g_wd": g}


def _adadelta(hp, lr, x, grad_at, st, t):
    # torch Adadelta: g ← g + λθ; v ← ρv + (1 − ρ)g²; Δ = √(u + ε)/√(v + ε)·g; u ← ρu + (1 − ρ)Δ²; θ ← θ − γΔ
    rho, eps = hp["rho"], hp["eps"]
    g = _wd(hp, grad_at(x), x)
    v, u = st["square_avg"], st["acc_delta"]
    u_prev = list(u)
    delta, eta = [], []
    for i in range(len(x)):
        v[i] = rho * v[i] + (1.0 - rho) * g[i] * g[i]
        ratio = math.sqrt(u[i] + eps) / math.sqrt(v[i] + eps)
        eta.append(lr * ratio)
        delta.append(ratio * g[i])
        u[i] = rho * u[i] + (1.0 - rho) * delta[i] * delta[i]
        x[i] = x[i] - lr * delta[i]
    return {"h": list(v), "u_prev": u_prev, "delta": delta, "u": list(u), "eta_eff": eta, "g_wd": g}


def _lion(hp, lr, x, grad_at, st, t):
    # Chen et al. 2023: c = β₁m + (1 − β₁)g; θ ← θ − η(sign(c) + λθ); m ← β₂m + (1 − β₂)g
    b1, b2, lam = hp["beta1"], hp["beta2"], hp["weight_decay"]
    g = list(grad_at(x))
    m = st["exp_avg"]
    c, sg = [], []
    for i in range(len(x)):
        c.append(b1 * m[i] + (1.0 - b1) * g[i])
        sg.append(1.0 if c[i] > 0 else -1.0 if c[i] < 0 else 0.0)
        x[i] = x[i] - lr * (sg[i] + lam * x[i])
        m[i] = b2 * m[i] + (1.0 - b2) * g[i]
    return {"c": c, "sign": sg, "m": list(m)}


# The state each rule starts from (torch's names; extra names the engine also keeps are noted in its rule).
_ZERO = {
    "sgd": (), "momentum": ("momentum_buffer",), "nag": ("momentum_buffer", "V"), "nag_bengio": ("momentum_buffer",),
    "adagrad": ("sum",), "rmsprop": ("square_avg", "momentum_buffer", "grad_avg"),
    "adam": ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"), "adamw": ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"),
    "adam_nobc": ("exp_avg", "exp_avg_sq"), "nadam": ("exp_avg", "exp_avg_sq"), "radam": ("exp_avg", "exp_avg_sq"),
    "adamax": ("exp_avg", "exp_inf"), "adadelta": ("square_avg", "acc_delta"), "lion": ("exp_avg",),
}

RULES = {
    "sgd": _sgd, "momentum": _momentum, "nag": _nag, "nag_bengio": _nag_bengio, "adagrad": _adagrad,
    "rmsprop": _rmsprop, "adam": _adam, "adam_nobc": _adam_nobc, "adamw": _adamw, "nadam": _nadam,
    "radam": _radam, "adamax": _adamax, "adadelta": _adadelta, "lion": _lion,
}


def initial_state(kind: str, hp: dict, D: int = 2) -> dict:
    st = {name: [0.0] * D for name in _ZERO[kind]}
    if kind == "adagrad":
        st["sum"] = [float(hp.get("initial_accumulator_value", 0.0))] * D  # torch: state_sum₀ = τ
    if kind == "nadam":
        st["mu_product"] = [1.0] * D
    return st


def naive_run(kind: str, hp: dict, start, grad, steps: int, lr_at=None):
    """(trajectory (steps + 1, D), final state, terms of the last step) of one optimizer; ``hp`` may leave knobs
    out (torch's defaults, from ``optimizer_table``, fill them in).

    ``grad(point, k)`` returns the gradient (a sequence) at ``point`` for step ``k`` (0-based).
    ``lr_at(k)`` optionally overrides the learning rate of step k (live edits).
    """
    from optimizer_table import TABLE  # data only; imported here so that the table may use this module's helpers

    hp = {**TABLE[kind].defaults, **hp}
    rule = RULES[kind]
    x = [float(c) for c in start]
    st = initial_state(kind, hp, len(x))
    out = [list(x)]
    terms = {}
    for k in range(steps):
        lr = hp["lr"] if lr_at is None else lr_at(k)
        terms = rule(hp, lr, x, lambda p, k=k: grad(list(p), k), st, k + 1)
        out.append(list(x))
    st.pop("V", None)
    return np.array(out, dtype=np.float64), st, terms


def naive_trajectory(kind: str, hp: dict, start, grad, steps: int, lr_at=None) -> np.ndarray:
    """(steps + 1, D) iterates of one optimizer, a Python loop over coordinates (see ``RULES``)."""
    return naive_run(kind, hp, start, grad, steps, lr_at)[0]


def naive_quantities(kind: str, hp: dict, st: dict, t: int) -> dict:
    """What the state plot shows after t steps, from the state (lists per coordinate) and the formulas: a float
    or a pair per quantity; NaN before the first step except for a fixed η."""
    lr, nan = hp["lr"], float("nan")
    if kind in ("sgd", "momentum", "nag", "nag_bengio", "lion"):
        out = {"eta_eff": [lr, lr]}
        if kind == "lion":
            out["m_norm"] = math.hypot(*st["exp_avg"]) if t else nan
        elif kind != "sgd":
            out["velocity"] = math.hypot(lr * st["momentum_buffer"][0], lr * st["momentum_buffer"][1]) if t else nan
        return out
    if t == 0:
        return {}
    eps = hp["eps"]
    if kind == "adagrad":
        clr = lr / (1 + (t - 1) * hp["lr_decay"])
        return {"eta_eff": [clr / (math.sqrt(h) + eps) for h in st["sum"]]}
    if kind == "rmsprop":
        v = st["square_avg"]
        if hp["centered"]:
            v = [vi - gi * gi for vi, gi in zip(v, st["grad_avg"])]
        return {"eta_eff": [lr / (math.sqrt(vi) + eps) for vi in v]}
    if kind == "adam_nobc":
        return {"eta_eff": [lr / (math.sqrt(v) + eps) for v in st["exp_avg_sq"]]}
    if kind == "adadelta":
        return {"eta_eff": [lr * math.sqrt(u + eps) / math.sqrt(v + eps)
                            for u, v in zip(st["acc_delta"], st["square_avg"])]}
    b1, b2 = hp["beta1"], hp["beta2"]
    m_hat = math.hypot(*st["exp_avg"]) / (1 - b1**t)
    if kind in ("adam", "adamw", "nadam"):
        v = st["max_exp_avg_sq"] if hp.get("amsgrad", False) else st["exp_avg_sq"]
        v_hat = [vi / (1 - b2**t) for vi in v]
        out = {"eta_eff": [lr / (math.sqrt(vh) + eps) for vh in v_hat], "v_hat": v_hat}
        if kind != "nadam":
            out["m_hat"] = m_hat
        return out
    if kind == "radam":
        rho_inf, rho = _radam_rho(b2, t)
        if rho > 5:
            r = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
            eta = [lr * r * math.sqrt(1 - b2**t) / (math.sqrt(v) + eps) for v in st["exp_avg_sq"]]
        else:
            eta = [lr, lr]
        return {"eta_eff": eta, "m_hat": m_hat, "rho_t": rho}
    if kind == "adamax":
        return {"eta_eff": [lr / ((1 - b1**t) * u) for u in st["exp_inf"]], "m_hat": m_hat,
                "u_inf": list(st["exp_inf"])}
    raise ValueError(kind)


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


# ---- the book's code: Deep Learning from Scratch, common/optimizer.py -------------------------------------------
#
# Written from the book's classes, line for line, per coordinate (``st`` holds v, h, m, v as the book names them;
# ``t`` is the book's ``iter`` after its increment). The same signature as ``RULES``.


def _book_momentum(hp, lr, x, grad_at, st, t):
    # v = momentum*v - lr*grads; params += v
    g = grad_at(x)
    v = st["v"]
    for i in range(len(x)):
        v[i] = hp["momentum"] * v[i] - lr * g[i]
        x[i] += v[i]
    return {"V": list(v)}


def _book_nesterov(hp, lr, x, grad_at, st, t):
    # v *= momentum; v -= lr*grads; params += momentum*momentum*v; params -= (1+momentum)*lr*grads
    a = hp["momentum"]
    g = grad_at(x)
    v = st["v"]
    for i in range(len(x)):
        v[i] *= a
        v[i] -= lr * g[i]
        x[i] += a * a * v[i]
        x[i] -= (1 + a) * lr * g[i]
    return {"V": list(v)}


def _book_adagrad(hp, lr, x, grad_at, st, t):
    # h += grads*grads; params -= lr*grads/(np.sqrt(h) + 1e-7)
    g = grad_at(x)
    h = st["h"]
    for i in range(len(x)):
        h[i] += g[i] * g[i]
        x[i] -= lr * g[i] / (math.sqrt(h[i]) + hp["eps"])
    return {"h": list(h)}


def _book_rmsprop(hp, lr, x, grad_at, st, t):
    # h *= decay_rate; h += (1-decay_rate)*grads*grads; params -= lr*grads/(np.sqrt(h) + 1e-7)
    d = hp["alpha"]
    g = grad_at(x)
    h = st["h"]
    for i in range(len(x)):
        h[i] *= d
        h[i] += (1 - d) * g[i] * g[i]
        x[i] -= lr * g[i] / (math.sqrt(h[i]) + hp["eps"])
    return {"h": list(h)}


def _book_adam(hp, lr, x, grad_at, st, t):
    # iter += 1; lr_t = lr*sqrt(1-beta2**iter)/(1-beta1**iter); m += (1-beta1)*(grads-m);
    # v += (1-beta2)*(grads**2-v); params -= lr_t*m/(np.sqrt(v)+1e-7)
    b1, b2 = hp["beta1"], hp["beta2"]
    lr_t = lr * math.sqrt(1.0 - b2**t) / (1.0 - b1**t)
    g = grad_at(x)
    m, v = st["m"], st["v"]
    for i in range(len(x)):
        m[i] += (1 - b1) * (g[i] - m[i])
        v[i] += (1 - b2) * (g[i] ** 2 - v[i])
        x[i] -= lr_t * m[i] / (math.sqrt(v[i]) + hp["eps"])
    return {"m": list(m), "v": list(v), "lr_t": lr_t}


BOOK_RULES = {"momentum": _book_momentum, "nag_bengio": _book_nesterov, "adagrad": _book_adagrad,
              "rmsprop": _book_rmsprop, "adam": _book_adam}
_BOOK_ZERO = {"momentum": ("v",), "nag_bengio": ("v",), "adagrad": ("h",), "rmsprop": ("h",), "adam": ("m", "v")}
# The book's constructor defaults (lr aside, which every test gives) and its ε = 1e-7.
BOOK_DEFAULTS = {"momentum": {"momentum": 0.9}, "nag_bengio": {"momentum": 0.9}, "adagrad": {"eps": 1e-7},
                 "rmsprop": {"alpha": 0.99, "eps": 1e-7}, "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-7}}


def book_run(kind: str, hp: dict, start, grad, steps: int, lr_at=None):
    """(trajectory (steps + 1, D), final state) of the book's class ``kind``; ``lr_at(k)`` is step k's η."""
    hp = {**BOOK_DEFAULTS[kind], **hp}
    x = [float(c) for c in start]
    st = {name: [0.0] * len(x) for name in _BOOK_ZERO[kind]}
    out = [list(x)]
    for k in range(steps):
        lr = hp["lr"] if lr_at is None else lr_at(k)
        BOOK_RULES[kind](hp, lr, x, lambda p, k=k: grad(list(p), k), st, k + 1)
        out.append(list(x))
    return np.array(out, dtype=np.float64), st
