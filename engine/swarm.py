"""Many particles under one update rule: thousands of start points stepped as one array, positions only."""

from __future__ import annotations

import numpy as np

from .batching import BatchConfig, BatchSampler
from .errors import PlaygroundError
from .i18n import translate
from .objectives import Objective
from .optimizers import get_optimizer
from .session import _Stepper


class Swarm:
    """N particles, one optimizer and one set of hyperparameters, stepped together; no per-step history.

    The arithmetic is the session's array path, so particle i follows exactly the trajectory a ``Session`` run of the
    same type, settings and start would (same batches too: every particle sees the same batch at step k). A particle
    whose update blows up is frozen at its last finite point, as in a session; one whose start loss is not finite is
    frozen from the start (``diverged_at`` 0) instead of being an error. 10,000 particles × 1,000 Adam steps on
    Rosenbrock take about half a second.

        swarm = Swarm(objective, "adam", starts, {"lr": 0.05})   # starts: (N, 2)
        swarm.step(10)
        swarm.positions   # (N, 2) read-only; losses (N,), diverged_at (N,) with −1 while running

    The arrays returned are read-only and are replaced, never modified, by later steps: holding one is safe.
    """

    def __init__(self, objective: Objective, optimizer: str, starts, hyperparams: dict | None = None,
                 batch: BatchConfig | None = None, seed: int = 0):
        spec = get_optimizer(optimizer)
        self.objective = objective
        self.optimizer = spec.name
        self.hyperparams = spec.resolve(dict(hyperparams or {}))
        P = np.array(starts, dtype=np.float64)
        if P.ndim != 2 or P.shape[1] != 2 or P.shape[0] < 1:
            raise PlaygroundError(translate("Swarm", "starts: expected an (N, 2) array of points, got shape {shape}")
                                  .format(shape=P.shape))
        if not np.all(np.isfinite(P)):
            raise PlaygroundError(translate("Swarm", "starts: every start point must be finite"))
        self.batch_config = batch or BatchConfig()
        self.sampler = BatchSampler(self.batch_config, objective.n_samples, int(seed))
        self._core = _Stepper(objective, [spec.name] * len(P), self.hyperparams, P, self.sampler, False)
        self.reset()

    def __len__(self) -> int:
        return len(self._core.starts)

    def reset(self) -> None:
        """Back to the start points at step 0."""
        self._core.reset(strict=False)

    def step(self, n: int = 1) -> None:
        core = self._core
        with np.errstate(all="ignore"):
            for _ in range(int(n)):
                core.advance()

    def set_hyperparams(self, values: dict) -> None:
        """Live edit for every particle: validated now, applied from the next step, the optimizer state kept."""
        merged = get_optimizer(self.optimizer).resolve({**self.hyperparams, **values})
        self.hyperparams = merged
        g = self._core.groups[0]
        for name, v in merged.items():
            g.hp[name][:] = v

    @property
    def step_count(self) -> int:
        return self._core.step_count

    @property
    def positions(self) -> np.ndarray:
        """(N, 2): each particle's current point (its last finite one if it diverged)."""
        return _readonly(self._core.params)

    @property
    def losses(self) -> np.ndarray:
        """(N,): full-data loss at ``positions`` (nan for a particle that started where the loss is not finite)."""
        return _readonly(self._core.loss)

    @property
    def diverged_at(self) -> np.ndarray:
        """(N,): the step whose update blew up (the particle is frozen since), or −1 while it runs."""
        return _readonly(self._core.diverged_at.copy())

    def state(self) -> tuple:
        """The optimizer state of all particles: a NamedTuple of (N, 2) arrays and (N, 1) step counts (copies)."""
        st = self._core.groups[0].state
        return type(st)(*(np.array(f) for f in st))


def _readonly(a: np.ndarray) -> np.ndarray:
    v = a.view()
    v.flags.writeable = False
    return v
