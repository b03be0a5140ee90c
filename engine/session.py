"""A race: one objective, one batch strategy, many runs stepped together with array operations; immutable snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .batching import BatchConfig, BatchSampler
from .errors import PlaygroundError
from .objectives import Objective
from .optimizers import get_optimizer

DIVERGENCE_BOUND = 1e8  # |θ| beyond this (or a non-finite θ or loss) counts as diverged


@dataclass(frozen=True)
class RunSpec:
    """One racer: an update rule with its hyperparameters, a label, and optionally its own start point."""

    type: str
    label: str = ""
    hyperparams: dict = field(default_factory=dict)
    color: str | None = None
    start: tuple[float, float] | None = None

    def resolved(self) -> "RunSpec":
        hp = get_optimizer(self.type).resolve(self.hyperparams)
        return RunSpec(self.type, self.label or self.type, hp, self.color, self.start)


@dataclass(frozen=True)
class RunSnapshot:
    index: int
    label: str
    type: str
    color: str | None
    point: tuple[float, float]  # last finite point
    loss: float  # full-data loss at ``point``
    batch_loss: float | None  # mini-batch loss of the last step (data-defined objectives with batches)
    diverged_at: int | None  # the step whose update blew up; the run stays frozen at step diverged_at − 1
    n_points: int  # valid trajectory points: steps 0 .. n_points − 1


@dataclass(frozen=True)
class Snapshot:
    """What to draw after a step. Arrays are read-only views into the session's history (no copies)."""

    step: int
    epoch: int
    iteration: int  # iteration within the current epoch
    iterations_per_epoch: int
    runs: tuple[RunSnapshot, ...]
    _traj: np.ndarray = field(repr=False)
    _loss: np.ndarray = field(repr=False)
    _batch_loss: np.ndarray | None = field(repr=False)

    def trajectory(self, i: int) -> np.ndarray:
        """(2, n) array of x and y for run ``i``, finite by construction."""
        return self._traj[i, :, : self.runs[i].n_points]

    def losses(self, i: int) -> np.ndarray:
        return self._loss[i, : self.runs[i].n_points]

    def batch_losses(self, i: int) -> np.ndarray | None:
        """Mini-batch loss recorded at steps 1 .. n − 1 (the batch of step k at the point it was taken), or None."""
        if self._batch_loss is None:
            return None
        return self._batch_loss[i, 1 : self.runs[i].n_points]


class _Group:
    """The runs sharing one update rule, stepped by a single kernel call."""

    def __init__(self, opt_type: str, idx: np.ndarray, n_runs: int):
        self.spec = get_optimizer(opt_type)
        self.idx = idx
        self.whole = len(idx) == n_runs  # one group holds every run: skip the fancy indexing
        self.hp: dict[str, np.ndarray] = {}
        self.state = None


class Session:
    """Steps all runs together: the same batch for every run at step k, divergence detected and frozen per run."""

    def __init__(self, objective: Objective, runs: list[RunSpec], start=None, batch: BatchConfig | None = None,
                 seed: int = 0):
        if not runs:
            raise PlaygroundError("a scene needs at least one optimizer")
        self.objective = objective
        self.runs = [r.resolved() for r in runs]
        self.start = tuple(float(v) for v in (start if start is not None else objective.start))
        self.batch_config = batch or BatchConfig()
        self.seed = int(seed)
        self.sampler = BatchSampler(self.batch_config, objective.n_samples, self.seed)
        self.records_batch_loss = objective.is_data and not self.sampler.full
        starts = np.array([r.start if r.start is not None else self.start for r in self.runs], dtype=np.float64)
        if not np.all(np.isfinite(starts)):
            raise PlaygroundError("start: the start point must be finite")
        self._starts = starts
        types = {}
        for i, r in enumerate(self.runs):
            types.setdefault(r.type, []).append(i)
        self._groups = [_Group(t, np.array(ix), len(self.runs)) for t, ix in types.items()]
        self._looks_ahead = any(g.spec.looks_ahead for g in self._groups)
        for g in self._groups:
            for hp in g.spec.hyperparams:
                g.hp[hp.name] = np.array([[self.runs[i].hyperparams[hp.name]] for i in g.idx], dtype=np.float64)
        self.reset()

    # ---- lifecycle -----------------------------------------------------------------------------------------
    def reset(self) -> Snapshot:
        """Back to step 0; stepping again reproduces the same trajectories exactly."""
        R = len(self.runs)
        self.step_count = 0
        self.params = self._starts.copy()
        for g in self._groups:
            g.state = g.spec.init(self.params[g.idx])
        self.diverged_at = np.full(R, -1, dtype=np.int64)
        self._cap = 256
        self._traj = np.empty((R, 2, self._cap))
        self._loss = np.empty((R, self._cap))
        self._batch_loss = np.full((R, self._cap), np.nan) if self.records_batch_loss else None
        self._traj[:, :, 0] = self.params
        loss0 = self.objective.value(self.params)
        bad = ~np.isfinite(loss0)
        if bad.any():
            raise PlaygroundError(
                f"start: the loss is not finite at the start point {tuple(self.params[np.argmax(bad)])}"
            )
        self._loss[:, 0] = loss0
        self._last_batch_loss = np.full(R, np.nan)
        return self.snapshot()

    def set_hyperparams(self, run: int, values: dict) -> None:
        """Live edit: validated now, applied from the next step, the run's state kept."""
        r = self.runs[run]
        merged = get_optimizer(r.type).resolve({**r.hyperparams, **values})
        self.runs[run] = RunSpec(r.type, r.label, merged, r.color, r.start)
        for g in self._groups:
            pos = np.flatnonzero(g.idx == run)
            if pos.size:
                for name, v in merged.items():
                    g.hp[name][pos[0], 0] = v

    # ---- stepping ------------------------------------------------------------------------------------------
    def step(self, n: int = 1) -> Snapshot:
        for _ in range(int(n)):
            self._step_once()
        return self.snapshot()

    def _step_once(self) -> None:
        k = self.step_count
        batch = self.sampler.batch(k)
        P = self.params
        active = self.diverged_at < 0
        with np.errstate(all="ignore"):
            Q = P
            if self._looks_ahead:
                Q = P.copy()
                for g in self._groups:
                    if g.spec.looks_ahead:
                        Q[g.idx] = g.spec.query(P[g.idx], g.state, g.hp)
            G = self.objective.grad(Q, batch)
            if self.records_batch_loss:
                self._last_batch_loss = self.objective.value(P, batch)
            newP = np.empty_like(P)
            for g in self._groups:
                p_new, s_new = g.spec.update(G if g.whole else G[g.idx], g.state, P if g.whole else P[g.idx], g.hp)
                newP[g.idx] = p_new
                g._pending = s_new
            loss = self.objective.value(newP)
            bad = active & ~(np.isfinite(loss) & np.all(np.isfinite(newP), axis=1)
                             & np.all(np.abs(newP) <= DIVERGENCE_BOUND, axis=1))
        self.diverged_at[bad] = k + 1
        frozen = self.diverged_at >= 0
        if frozen.any():
            newP[frozen] = P[frozen]
            loss[frozen] = self._loss[frozen, k]
            for g in self._groups:
                keep = frozen[g.idx][:, None]
                g._pending = type(g._pending)(*(np.where(keep, old, new) for old, new in zip(g.state, g._pending)))
        for g in self._groups:
            g.state = g._pending
        self.params = newP
        self.step_count = k + 1
        self._record(newP, loss)

    def _record(self, P: np.ndarray, loss: np.ndarray) -> None:
        k = self.step_count
        if k >= self._cap:
            cap = max(self._cap + 1, int(self._cap * 1.5))
            self._traj = _grow(self._traj, cap)
            self._loss = _grow(self._loss, cap)
            if self._batch_loss is not None:
                self._batch_loss = _grow(self._batch_loss, cap)
            self._cap = cap
        self._traj[:, :, k] = P
        self._loss[:, k] = loss
        if self._batch_loss is not None:
            self._batch_loss[:, k] = np.where(np.isfinite(self._last_batch_loss), self._last_batch_loss, np.nan)

    # ---- reading -------------------------------------------------------------------------------------------
    def state_of(self, run: int) -> tuple:
        """The run's optimizer state (a NamedTuple of (2,) arrays and the step count)."""
        for g in self._groups:
            pos = np.flatnonzero(g.idx == run)
            if pos.size:
                return type(g.state)(*(np.array(f[pos[0]]) for f in g.state))
        raise IndexError(run)

    def snapshot(self) -> Snapshot:
        k = self.step_count
        runs = []
        for i, r in enumerate(self.runs):
            d = int(self.diverged_at[i])
            n = d if d >= 0 else k + 1
            bl = None
            if self._batch_loss is not None and n > 1:
                v = self._batch_loss[i, n - 1]
                bl = float(v) if np.isfinite(v) else None
            runs.append(RunSnapshot(
                i, r.label, r.type, r.color,
                (float(self._traj[i, 0, n - 1]), float(self._traj[i, 1, n - 1])),
                float(self._loss[i, n - 1]), bl, d if d >= 0 else None, n,
            ))
        traj, loss, bl = self._traj.view(), self._loss.view(), None
        traj.flags.writeable = False
        loss.flags.writeable = False
        if self._batch_loss is not None:
            bl = self._batch_loss.view()
            bl.flags.writeable = False
        epoch, it = divmod(k, self.sampler.iterations_per_epoch)
        return Snapshot(k, epoch, it, self.sampler.iterations_per_epoch, tuple(runs), traj, loss, bl)


def _grow(a: np.ndarray, cap: int) -> np.ndarray:
    out = np.empty(a.shape[:-1] + (cap,), dtype=a.dtype)
    out[..., : a.shape[-1]] = a
    return out
