"""The test data of every optimizer, one row each: what the generic tests need to know about a rule beyond its
reference math (tests/engine/textbook.py ``RULES``, written from the formulas) and its declaration.

Adding an optimizer to the engine means adding its row here (and its reference rule in textbook.py); the tests
check that the table, the reference rules and the registry name the same optimizers in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class OptCase:
    """One optimizer's test data.

    ``defaults``: torch's defaults for every hyperparameter (the engine must resolve ``{}`` to exactly these).
    ``small_lr``: an η whose first step descends on the bowl from anywhere in its view.
    ``bowl``, ``rosenbrock``, ``formula``, ``data``: settings for the trajectory tests on those surfaces (merged
    over ``defaults``, so every hyperparameter is given); runs stay finite for 150 steps (data: 60); together they
    switch on every option at least once.
    ``fast``: settings for the float-path tests (bit-identical to the array path), the first with the options off.
    ``bound``: the largest stable η on a quadratic with largest Hessian eigenvalue λ, written out here from the
    characteristic polynomial, or None for the rules without a fixed bound.
    """

    defaults: dict
    small_lr: float
    bowl: tuple[dict, ...]
    rosenbrock: tuple[dict, ...]
    formula: tuple[dict, ...]
    data: tuple[dict, ...]
    fast: tuple[dict, ...]
    bound: Callable[[dict, float], float | None] | None = None

    def settings(self, surface: str) -> list[dict]:
        return [{**self.defaults, **hp} for hp in getattr(self, surface)]


def _momentum_bound(hp, lam):
    # heavy ball after its first step: V ← αV − η(1−τ)(λ + wd)x-terms; roots of z² − (1 + α − η(1−τ)(λ+wd)) z + α
    # stay in the unit disc iff η(1−τ)(λ + wd) < 2(1 + α). torch ignores τ when α = 0; with τ = 1 no bound.
    a, tau, lam = hp["momentum"], hp["dampening"], lam + hp["weight_decay"]
    if a == 0:
        return 2 / lam
    return None if tau == 1 else 2 * (1 + a) / ((1 - tau) * lam)


def _nesterov_bound(hp, lam):
    # z² − (1 + α)(1 − ηλ') z + α(1 − ηλ') with λ' = λ + wd: stable iff ηλ'(1 + 2α) < 2(1 + α)
    a = hp["momentum"]
    return 2 * (1 + a) / ((1 + 2 * a) * (lam + hp["weight_decay"]))


_ADAM = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}

TABLE: dict[str, OptCase] = {
    "sgd": OptCase(
        defaults={"lr": 1e-3, "weight_decay": 0.0}, small_lr=0.01,
        bowl=({"lr": 0.5}, {"lr": 0.95}, {"lr": 0.3, "weight_decay": 0.5}),
        rosenbrock=({"lr": 5e-4}, {"lr": 1e-4}, {"lr": 5e-4, "weight_decay": 0.3}),
        formula=({"lr": 0.05}, {"lr": 0.02}, {"lr": 0.05, "weight_decay": 0.2}),
        data=({"lr": 0.1}, {"lr": 0.3}, {"lr": 0.1, "weight_decay": 0.5}),
        fast=({"lr": 0.01}, {"lr": 0.01, "weight_decay": 0.3}),
        bound=lambda hp, lam: 2 / (lam + hp["weight_decay"])),
    "momentum": OptCase(
        defaults={"lr": 1e-3, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0}, small_lr=0.01,
        bowl=({"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.5},
              {"lr": 0.1, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1},
              {"lr": 0.3, "momentum": 0.0, "dampening": 0.5}),
        rosenbrock=({"lr": 1e-4, "momentum": 0.9}, {"lr": 2e-4, "momentum": 0.5},
                    {"lr": 2e-4, "momentum": 0.8, "dampening": 0.5, "weight_decay": 0.2}),
        formula=({"lr": 0.02, "momentum": 0.8}, {"lr": 0.01, "momentum": 0.5},
                 {"lr": 0.02, "momentum": 0.7, "dampening": 0.2, "weight_decay": 0.1}),
        data=({"lr": 0.05, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.5},
              {"lr": 0.05, "momentum": 0.8, "dampening": 0.4, "weight_decay": 0.3}),
        fast=({"lr": 0.005}, {"lr": 0.005, "dampening": 0.3, "weight_decay": 0.2}),
        bound=_momentum_bound),
    "nag": OptCase(
        defaults={"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0}, small_lr=0.01,
        bowl=({"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.5},
              {"lr": 0.1, "momentum": 0.8, "weight_decay": 0.2}),
        rosenbrock=({"lr": 1e-4, "momentum": 0.9}, {"lr": 2e-4, "momentum": 0.5},
                    {"lr": 1e-4, "momentum": 0.8, "weight_decay": 0.3}),
        formula=({"lr": 0.02, "momentum": 0.8}, {"lr": 0.01, "momentum": 0.5},
                 {"lr": 0.02, "momentum": 0.7, "weight_decay": 0.1}),
        data=({"lr": 0.05, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.5},
              {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.3}),
        fast=({"lr": 0.005}, {"lr": 0.005, "weight_decay": 0.2}),
        bound=_nesterov_bound),
    "nag_bengio": OptCase(
        defaults={"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0}, small_lr=0.01,
        bowl=({"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.5},
              {"lr": 0.1, "momentum": 0.8, "weight_decay": 0.2}),
        rosenbrock=({"lr": 1e-4, "momentum": 0.9}, {"lr": 2e-4, "momentum": 0.5},
                    {"lr": 1e-4, "momentum": 0.8, "weight_decay": 0.3}),
        formula=({"lr": 0.02, "momentum": 0.8}, {"lr": 0.01, "momentum": 0.5},
                 {"lr": 0.02, "momentum": 0.7, "weight_decay": 0.1}),
        data=({"lr": 0.05, "momentum": 0.9}, {"lr": 0.1, "momentum": 0.5},
              {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.3}),
        fast=({"lr": 0.005}, {"lr": 0.005, "weight_decay": 0.2}),
        bound=_nesterov_bound),
    "adagrad": OptCase(
        defaults={"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0, "initial_accumulator_value": 0.0,
                  "eps": 1e-10}, small_lr=1e-3,
        bowl=({"lr": 1.5, "eps": 1e-10}, {"lr": 0.4, "eps": 1e-3},
              {"lr": 1.0, "lr_decay": 0.05, "weight_decay": 0.1, "initial_accumulator_value": 0.5}),
        rosenbrock=({"lr": 0.1, "eps": 1e-10}, {"lr": 0.3, "eps": 1e-4},
                    {"lr": 0.3, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 2.0}),
        formula=({"lr": 0.5, "eps": 1e-10}, {"lr": 0.2, "eps": 1e-3},
                 {"lr": 0.5, "lr_decay": 0.02, "weight_decay": 0.1, "initial_accumulator_value": 0.1}),
        data=({"lr": 0.5, "eps": 1e-10}, {"lr": 0.2, "eps": 1e-3},
              {"lr": 0.5, "lr_decay": 0.1, "weight_decay": 0.2, "initial_accumulator_value": 1.0}),
        fast=({"lr": 0.3}, {"lr": 0.3, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.5})),
    "rmsprop": OptCase(
        defaults={"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0, "centered": False},
        small_lr=1e-4,
        bowl=({"lr": 0.1, "alpha": 0.9, "eps": 1e-8}, {"lr": 0.02, "alpha": 0.99, "eps": 1e-6},
              {"lr": 0.02, "alpha": 0.9, "weight_decay": 0.1, "momentum": 0.5, "centered": True},
              {"lr": 0.01, "momentum": 0.9}, {"lr": 0.01, "centered": True}),
        rosenbrock=({"lr": 0.01, "alpha": 0.9, "eps": 1e-8}, {"lr": 0.003, "alpha": 0.99, "eps": 1e-6},
                    {"lr": 0.002, "alpha": 0.9, "weight_decay": 0.1, "momentum": 0.5, "centered": True}),
        formula=({"lr": 0.02, "alpha": 0.9, "eps": 1e-8}, {"lr": 0.01, "alpha": 0.99, "eps": 1e-6},
                 {"lr": 0.005, "alpha": 0.9, "weight_decay": 0.1, "momentum": 0.5, "centered": True}),
        data=({"lr": 0.05, "alpha": 0.9, "eps": 1e-8}, {"lr": 0.01, "alpha": 0.99, "eps": 1e-6},
              {"lr": 0.01, "alpha": 0.9, "weight_decay": 0.1, "momentum": 0.5, "centered": True}),
        fast=({"lr": 0.02}, {"lr": 0.005, "weight_decay": 0.1, "momentum": 0.5, "centered": True})),
    "adam": OptCase(
        defaults={**_ADAM, "weight_decay": 0.0, "amsgrad": False}, small_lr=1e-3,
        bowl=({"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
              {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6},
              {"lr": 0.2, "weight_decay": 0.1, "amsgrad": True}),
        rosenbrock=({"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                    {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-7},
                    {"lr": 0.02, "beta2": 0.9, "weight_decay": 0.2, "amsgrad": True}),
        formula=({"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                 {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "eps": 1e-6},
                 {"lr": 0.05, "beta2": 0.9, "weight_decay": 0.1, "amsgrad": True}),
        data=({"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
              {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "eps": 1e-6},
              {"lr": 0.05, "beta2": 0.9, "weight_decay": 0.2, "amsgrad": True}),
        fast=({"lr": 0.05}, {"lr": 0.05, "beta2": 0.9, "weight_decay": 0.1, "amsgrad": True})),
    # Adam without bias correction takes up to ~6.5x larger early steps than Adam: a third of Adam's rates.
    "adam_nobc": OptCase(
        defaults=dict(_ADAM), small_lr=1e-3,
        bowl=({"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
              {"lr": 0.1 / 3, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6}),
        rosenbrock=({"lr": 0.05 / 3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                    {"lr": 0.02 / 3, "beta1": 0.8, "beta2": 0.99, "eps": 1e-7}),
        formula=({"lr": 0.1 / 3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                 {"lr": 0.05 / 3, "beta1": 0.7, "beta2": 0.95, "eps": 1e-6}),
        data=({"lr": 0.1 / 3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
              {"lr": 0.05 / 3, "beta1": 0.7, "beta2": 0.95, "eps": 1e-6}),
        fast=({"lr": 0.02},)),
    "adamw": OptCase(
        defaults={**_ADAM, "weight_decay": 1e-2, "amsgrad": False}, small_lr=1e-3,
        bowl=({"lr": 0.3}, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.5, "amsgrad": True}),
        rosenbrock=({"lr": 0.05}, {"lr": 0.02, "beta1": 0.8, "beta2": 0.9, "weight_decay": 0.3, "amsgrad": True}),
        formula=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.9, "weight_decay": 0.2, "amsgrad": True}),
        data=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.5, "amsgrad": True}),
        fast=({"lr": 0.05}, {"lr": 0.05, "beta2": 0.9, "weight_decay": 0.3, "amsgrad": True})),
    "nadam": OptCase(
        defaults={"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0,
                  "momentum_decay": 4e-3}, small_lr=1e-3,
        bowl=({"lr": 0.3}, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.1,
                            "momentum_decay": 0.05}),
        rosenbrock=({"lr": 0.05}, {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1,
                                   "momentum_decay": 0.02}),
        formula=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.1, "momentum_decay": 0.1}),
        data=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.2, "momentum_decay": 0.01}),
        fast=({"lr": 0.05}, {"lr": 0.05, "weight_decay": 0.1, "momentum_decay": 0.05})),
    "radam": OptCase(
        defaults={"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0}, small_lr=1e-3,
        bowl=({"lr": 0.3}, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.1}),
        rosenbrock=({"lr": 5e-4}, {"lr": 2e-4, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1}),
        formula=({"lr": 0.02}, {"lr": 0.01, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.1}),
        data=({"lr": 0.05}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.2}),
        fast=({"lr": 0.005}, {"lr": 0.005, "beta2": 0.9, "weight_decay": 0.1})),
    "adamax": OptCase(
        defaults={"lr": 2e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0}, small_lr=1e-3,
        bowl=({"lr": 0.3}, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 1e-6, "weight_decay": 0.1}),
        rosenbrock=({"lr": 0.05}, {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "weight_decay": 0.1}),
        formula=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.1}),
        data=({"lr": 0.1}, {"lr": 0.05, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.2}),
        fast=({"lr": 0.05}, {"lr": 0.05, "beta2": 0.9, "weight_decay": 0.1})),
    "adadelta": OptCase(
        defaults={"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0}, small_lr=1.0,
        bowl=({"lr": 1.0}, {"lr": 20.0, "rho": 0.5, "eps": 1e-4, "weight_decay": 0.1}),
        rosenbrock=({"lr": 1.0}, {"lr": 5.0, "rho": 0.95, "eps": 1e-5, "weight_decay": 0.1}),
        formula=({"lr": 1.0}, {"lr": 10.0, "rho": 0.5, "eps": 1e-4, "weight_decay": 0.1}),
        data=({"lr": 1.0}, {"lr": 10.0, "rho": 0.5, "eps": 1e-4, "weight_decay": 0.2}),
        fast=({"lr": 1.0}, {"lr": 10.0, "rho": 0.5, "eps": 1e-4, "weight_decay": 0.1})),
    "lion": OptCase(
        defaults={"lr": 1e-4, "beta1": 0.9, "beta2": 0.99, "weight_decay": 0.0}, small_lr=1e-3,
        bowl=({"lr": 0.05}, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "weight_decay": 0.1}),
        rosenbrock=({"lr": 0.005}, {"lr": 0.01, "beta1": 0.8, "beta2": 0.95, "weight_decay": 0.1}),
        formula=({"lr": 0.01}, {"lr": 0.02, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.1}),
        data=({"lr": 0.01}, {"lr": 0.02, "beta1": 0.7, "beta2": 0.95, "weight_decay": 0.2}),
        fast=({"lr": 0.005}, {"lr": 0.005, "weight_decay": 0.1})),
}
