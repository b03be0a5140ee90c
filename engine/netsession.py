"""A race of networks: every run's θ a row of one (R, D) array, stepped with the optimizers' kernels, recorded sparsely.

The 2-D ``Session`` records every run's point and full-data loss at every step; for a network that would be D
numbers and a forward pass over the whole data set per run and step. ``NetSession`` keeps instead:

* at every step, each run's batch loss (the loss of the batch it stepped with, at the point it stepped from: a
  by-product of its gradient; with a full batch it is the full-data loss);
* at steps 0, ``every``, 2·``every``, … and at the end of every ``step``/``advance`` call, the full-data loss and
  accuracy of every run (one forward pass over the data each), and, when the objective holds rows out
  (``holdout``), the loss and accuracy on the held-out rows (one more pass over those). With held-out rows "the
  data" of a network is its training rows (engine/network.py): the full-data loss is the training-set loss;
* θ of every run at a bounded number of those steps (``snapshots``; thinned to every other one, keeping step 0,
  when full), for the landscape plane (engine/landscape.py). ``snapshots=None`` keeps θ at every multiple of
  ``every`` (what the command line needs to write exact rows), so mind the memory: R·D·8 bytes each.

The race is fair as in 2-D: every run starts from the objective's θ₀ and runs with the same batch strategy see the
same rows at step k (``BatchSampler``). The update rules are the kernels of engine/optimizers.py on (R, D) arrays,
grouped per rule as ``session._Stepper`` does (this class extends it: schedules, live edits, conventions and the
divergence rule are the same), so a run is bit for bit what it would be alone. Divergence: a run whose θ leaves
|θ| ≤ DIVERGENCE_BOUND or turns non-finite, or whose batch loss is not finite, is frozen at its last point, with
``diverged_at`` the step whose update blew up.

Each step's forward and backward passes (matrix products on the runs' own weights) are spread over ``workers``
threads (default 2, or the CPUs available, if fewer), each calling a single-threaded BLAS: on small matrices a
threaded BLAS spends more on waking its threads than on arithmetic (measured here: 5 ms a 128-row pass with two
BLAS threads, 0.8 ms with one). Every run's arithmetic is its own, so threads never change a result.

API (for the GUI and the command line; Qt-free)::

    s = NetSession(objective, runs, batch, seed, every=20)      # or Scene.build_session() for an mlp scene
    snap = s.step(n)                 # NetSnapshot; s.advance(n) steps without building it
    snap.record_steps                # (m,) steps with a full-data loss
    snap.losses(i) -> (steps, loss)  # run i's full-data loss up to its last point (frozen runs stop there)
    snap.accuracy(i) -> (steps, acc)
    snap.test_losses(i), snap.test_accuracy(i)   # the same on the held-out rows (NaN when none are held out)
    snap.theta_at(i, step) -> (kept step, θ)     # θ of run i at the kept step nearest ``step``
    snap.at(step)                    # the race as the timeline shows it at an earlier step (see ``NetSnapshot.at``)
    snap.batch_losses(i)             # (n_points − 1,) the batch loss of steps 1 … n
    snap.path(i) -> (steps, thetas)  # θ at the kept steps and at its last point: feed landscape.pca_plane
    snap.params                      # (R, D) every run's θ now (a frozen run's last finite θ)
    s.norms(i) -> [(name, value)]     # |θ − θ₀|, |θ|, |g|, |state arrays| of run i now (for the Explain dock)
    s.set_hyperparams(i, {...}); s.set_schedule(i, schedule); s.set_style(i, label=…, color=…); s.reset()
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
from threadpoolctl import ThreadpoolController

from .batching import BatchConfig, BatchSampler
from .errors import PlaygroundError
from .i18n import translate
from .limits import MAX_EVERY, NET_SNAPSHOTS
from .network import MLP
from .session import DIVERGENCE_BOUND, RunSpec, _LiveRace, _resolve_all, _Stepper

_BLAS = None  # the ThreadpoolController, made on first use (it inspects the loaded libraries once, ~1 ms)


def _blas_single():
    """A context in which BLAS calls use one thread (see the module docstring)."""
    global _BLAS
    if _BLAS is None:
        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


def default_workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


@dataclass(frozen=True)
class NetRunSnapshot:
    index: int
    label: str
    type: str
    color: str | None
    loss: float  # full-data loss at its last point (now, or where it froze)
    accuracy: float  # fraction of the rows it classifies right there
    batch_loss: float | None  # the batch loss of its last step
    diverged_at: int | None  # the step whose update blew up; the run stays frozen at step diverged_at − 1
    n_points: int  # steps 0 .. n_points − 1 are its own
    test_loss: float = float("nan")  # on the held-out rows at its last record (NaN: none held out)
    test_accuracy: float = float("nan")


@dataclass(frozen=True)
class NetSnapshot:
    """What to draw after a step; arrays are read-only and never change afterwards."""

    step: int
    epoch: int
    iteration: int
    iterations_per_epoch: int
    runs: tuple[NetRunSnapshot, ...]
    record_steps: np.ndarray  # (m,) steps with a full-data loss, ascending
    snapshot_steps: np.ndarray  # (s,) steps with θ kept, ascending (0 first)
    params: np.ndarray  # (R, D) θ of every run now
    _loss: np.ndarray = field(repr=False)  # (R, m)
    _acc: np.ndarray = field(repr=False)  # (R, m)
    _batch: np.ndarray = field(repr=False)  # (R, step + 1): index k holds the batch loss of step k (k ≥ 1)
    _thetas: tuple[np.ndarray, ...] = field(repr=False)  # one (R, D) array per snapshot step
    _test_loss: np.ndarray | None = field(default=None, repr=False)  # (R, m) on the held-out rows, or None
    _test_acc: np.ndarray | None = field(default=None, repr=False)
    # set by ``at``: per run, the step whose θ ``params`` holds (the kept step nearest the step shown); None: live
    model_steps: tuple[int, ...] | None = None

    records_batch_loss = True

    def _upto(self, i: int) -> int:
        """How many record steps belong to run i (those up to its last point)."""
        return int(np.searchsorted(self.record_steps, self.runs[i].n_points - 1, side="right"))

    def _with_last(self, i: int, steps: np.ndarray, values: np.ndarray, last: float):
        end = self.runs[i].n_points - 1
        if len(steps) and steps[-1] == end:
            return steps, values
        return np.append(steps, end), np.append(values, last)

    def losses(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, full-data loss) of run i, from step 0 to its last point."""
        m = self._upto(i)
        return self._with_last(i, self.record_steps[:m], self._loss[i, :m], self.runs[i].loss)

    def accuracy(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, fraction of rows classified right) of run i, as ``losses``."""
        m = self._upto(i)
        return self._with_last(i, self.record_steps[:m], self._acc[i, :m], self.runs[i].accuracy)

    @property
    def has_holdout(self) -> bool:
        """True when the objective holds rows out and the held-out loss and accuracy are recorded."""
        return self._test_loss is not None

    def test_losses(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, loss on the held-out rows) of run i, as ``losses`` (NaN throughout when none are held out)."""
        return self._held_out(i, self._test_loss, lambda r: r.test_loss)

    def test_accuracy(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, fraction of the held-out rows classified right) of run i, as ``test_losses``."""
        return self._held_out(i, self._test_acc, lambda r: r.test_accuracy)

    def _held_out(self, i: int, series: np.ndarray | None, last) -> tuple[np.ndarray, np.ndarray]:
        if series is None:
            steps, _ = self.losses(i)
            return steps, np.full(len(steps), np.nan)
        m = self._upto(i)
        return self._with_last(i, self.record_steps[:m], series[i, :m], last(self.runs[i]))

    def theta_at(self, i: int, step: int) -> tuple[int, np.ndarray]:
        """(kept step, θ) of run i at the step nearest ``step`` whose θ is kept (its path's steps; the earlier
        one on a tie): what the timeline shows for a network."""
        steps, thetas = self.path(i)
        j = int(np.argmin(np.abs(steps - int(step))))
        return int(steps[j]), thetas[j]

    def batch_losses(self, i: int) -> np.ndarray:
        """The batch loss of steps 1 … n_points − 1 (each at the point the step was taken from)."""
        return self._batch[i, 1:self.runs[i].n_points]

    def path(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, θ (k, D)) of run i at the kept steps up to its last point, and at its last point. On a snapshot
        made by ``at``: the kept steps up to the step shown, then the model shown (``model_steps[i]``) if it is a
        later kept step — the path ends at the kept step nearest the step shown."""
        end = self.runs[i].n_points - 1
        steps = [s for s in self.snapshot_steps.tolist() if s <= end]
        rows = [t[i] for t in self._thetas[:len(steps)]]
        last = end if self.model_steps is None else self.model_steps[i]
        if not steps or steps[-1] < last:
            steps.append(last)
            rows.append(self.params[i])
        return np.array(steps), np.array(rows)

    def at(self, step: int) -> "NetSnapshot":
        """The race as the timeline shows it at ``step`` (clamped to 0 … ``self.step``): the losses, accuracies and
        batch losses cut there (each run's loss and accuracy: its last record at or before the step), the kept θ
        up to it, and as each run's model (``params``, what the Data view draws) θ at the kept step nearest the
        step (``model_steps``; the earlier one on a tie): θ is kept at a few steps only."""
        k = max(0, min(int(step), self.step))
        m = int(np.searchsorted(self.record_steps, k, side="right"))
        n_kept = int(np.searchsorted(self.snapshot_steps, k, side="right"))
        runs, thetas, model_steps = [], [], []
        for i, r in enumerate(self.runs):
            kept, theta = self.theta_at(i, min(k, r.n_points - 1))
            model_steps.append(kept)
            thetas.append(theta)
            n = min(r.n_points, k + 1)
            j = int(np.searchsorted(self.record_steps, n - 1, side="right")) - 1  # its last record ≤ its end
            bl = float(self._batch[i, n - 1]) if n > 1 and np.isfinite(self._batch[i, n - 1]) else None
            diverged = r.diverged_at if r.diverged_at is not None and r.diverged_at <= k else None
            test = (float(self._test_loss[i, j]), float(self._test_acc[i, j])) if self._test_loss is not None \
                else (r.test_loss, r.test_accuracy)
            runs.append(replace(r, loss=float(self._loss[i, j]), accuracy=float(self._acc[i, j]), batch_loss=bl,
                                diverged_at=diverged, n_points=n, test_loss=test[0], test_accuracy=test[1]))
        params = np.array(thetas)
        params.flags.writeable = False
        epoch, it = divmod(k, self.iterations_per_epoch)

        def cut(a):
            return a[:, :m]
        return replace(self, step=k, epoch=epoch, iteration=it, runs=tuple(runs), record_steps=self.record_steps[:m],
                       snapshot_steps=self.snapshot_steps[:n_kept], params=params, _loss=cut(self._loss),
                       _acc=cut(self._acc), _batch=self._batch[:, :k + 1], _thetas=self._thetas[:n_kept],
                       _test_loss=None if self._test_loss is None else cut(self._test_loss),
                       _test_acc=None if self._test_acc is None else cut(self._test_acc),
                       model_steps=tuple(model_steps))


class _NetStepper(_Stepper):
    """``_Stepper`` for networks: θ rows in C order (each run's weights are contiguous views), gradients and batch
    losses from the network's own backward pass, the full-data loss left to the session."""

    def __init__(self, objective: MLP, runs: list[RunSpec], run_samplers: list[BatchSampler], workers: int):
        R = len(runs)
        starts = np.broadcast_to(objective.theta0, (R, objective.dim))
        super().__init__(objective, [r.type for r in runs], [r.hyperparams for r in runs], starts, run_samplers[0],
                         True, None, [r.schedule for r in runs], [r.convention for r in runs])
        self.run_samplers = run_samplers
        self.samplers = list({id(s): s for s in run_samplers}.values())
        self.workers = workers
        self._pool = None
        self._G = None

    def map(self, fn, items: list) -> list:
        """``fn`` over ``items`` on the worker threads (in order), or inline for one item or one worker."""
        if self.workers < 2 or len(items) < 2:
            return [fn(x) for x in items]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="net")

        def quiet(x):  # numpy's error state is per thread: a diverging run must not print warnings from a worker
            with np.errstate(all="ignore"):
                return fn(x)
        return list(self._pool.map(quiet, items))

    def reset(self, strict: bool = True) -> np.ndarray:
        R, D = self.starts.shape
        self.step_count = 0
        self.params = np.array(self.starts, dtype=np.float64, order="C")
        for g in self.groups:
            g.state = g.spec.init(self.params if g.whole else self.params[g.idx])
        self.diverged_at = np.full(R, -1, dtype=np.int64)
        self.n_frozen = 0
        loss0, acc0 = self.objective.evaluate(self.params[0])
        if not np.isfinite(loss0):
            raise PlaygroundError(translate("NetSession", "mlp: the loss is not finite at the initial weights ({loss})")
                                  .format(loss=loss0))
        self.loss = np.full(R, loss0)
        self.accuracy0 = acc0
        self.batch_loss = np.full(R, np.nan)
        self._G = np.zeros((R, D))
        return self.loss

    def advance(self) -> list[int]:
        """One step of every run (inside ``np.errstate(all="ignore")`` and ``_blas_single()``); returns the runs
        that froze at this step."""
        k = self.step_count
        if self.scheduled:
            for g in self.groups:
                if any(g.schedules):
                    g.hp_now = g.scheduled_hp(k)
        P = self.params
        Q = P
        ahead = None
        if self.looks_ahead:
            Q = P.copy()
            ahead = np.zeros(len(P), dtype=bool)
            for g in self.groups:
                if g.spec.looks_ahead:
                    Q[g.idx] = g.spec.query(P[g.idx], g.state, g.hp_now)
                    ahead[g.idx] = True
        rows_of = {id(s): s.batch(k) for s in self.samplers}
        G, obj = self._G, self.objective
        bl = np.full(len(P), np.nan)
        active = (self.diverged_at < 0).nonzero()[0].tolist()

        def work(i: int) -> None:
            rows = rows_of[id(self.run_samplers[i])]
            bl[i] = obj.loss_grad(Q[i], rows, G[i])
            if ahead is not None and ahead[i]:  # the batch loss at the point itself, as the 2-D session records it
                bl[i] = obj._loss_of(P[i], rows)
        self.map(work, active)
        if self.single:
            g = self.groups[0]
            newP, pending = g.spec.update(G, g.state, P, g.hp_now)
            pendings = [pending]
        else:
            newP = np.empty_like(P)
            pendings = []
            for g in self.groups:
                p_new, s_new = g.spec.update(G[g.idx], g.state, P[g.idx], g.hp_now)
                newP[g.idx] = p_new
                pendings.append(s_new)
        big = np.abs(newP).max(axis=1)
        ok = (big <= DIVERGENCE_BOUND) & np.isfinite(bl)  # a NaN in θ makes its max NaN, which fails the bound
        newly: list[int] = []
        if self.n_frozen or not ok.all():
            was = self.diverged_at < 0
            bad = was & ~ok
            self.diverged_at[bad] = k + 1
            newly = bad.nonzero()[0].tolist()
            frozen = ~was | bad
            self.n_frozen = int(np.count_nonzero(frozen))
            newP[frozen] = P[frozen]
            pendings = [type(s)(*(np.where(frozen[g.idx][:, None], old, new) for old, new in zip(g.state, s)))
                        for g, s in zip(self.groups, pendings)]
            bl[frozen & ~bad] = np.nan
        for g, s in zip(self.groups, pendings):
            g.state = s
        self.params = newP
        self.batch_loss = bl
        self.step_count = k + 1
        return newly

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None


class NetSession(_LiveRace):
    """Steps a race of networks: the same θ₀ and the same batches for every run; see the module docstring."""

    def __init__(self, objective: MLP, runs: list[RunSpec], batch: BatchConfig | None = None, seed: int = 0,
                 every: int = 1, snapshots: int | None = NET_SNAPSHOTS, workers: int | None = None):
        if not objective.is_network:
            raise PlaygroundError("NetSession: the objective is not a network")
        if not runs:
            raise PlaygroundError(translate("NetSession", "a scene needs at least one optimizer"))
        if isinstance(every, bool) or not isinstance(every, (int, np.integer)) or not 1 <= every <= MAX_EVERY:
            raise PlaygroundError(translate("NetSession", "every: expected a whole number from 1 to {max}, got {value}")
                                  .format(max=MAX_EVERY, value=repr(every)))
        if snapshots is not None and snapshots < 2:
            raise PlaygroundError(translate("NetSession", "snapshots: expected at least 2 or None, got {value}").format(
                value=repr(snapshots)))
        for i, r in enumerate(runs):
            if r.start is not None:
                raise PlaygroundError(translate("NetSession", "optimizers[{i}]: a network run has no start of its "
                                                "own: every run starts from the initial weights (init, init_seed)")
                                      .format(i=i))
        self.objective = objective
        self.runs = _resolve_all(runs)
        self.start = None
        self.batch_config = batch or BatchConfig()
        self.seed = int(seed)
        self.every = int(every)
        self.max_snapshots = snapshots
        self.sampler = BatchSampler(self.batch_config, objective.n_samples, self.seed)
        samplers: dict[BatchConfig, BatchSampler] = {self.batch_config: self.sampler}
        self._run_samplers = []
        for r in self.runs:
            cfg = r.batch if r.batch is not None else self.batch_config
            if cfg not in samplers:
                samplers[cfg] = BatchSampler(cfg, objective.n_samples, self.seed)
            self._run_samplers.append(samplers[cfg])
        self.records_batch_loss = True
        self._core = _NetStepper(objective, self.runs, self._run_samplers, workers or default_workers())
        self.reset()

    # ---- lifecycle -----------------------------------------------------------------------------------------
    def reset(self) -> NetSnapshot:
        """Back to step 0 (θ₀ for every run); stepping again gives the same race. Live edits made so far stay."""
        self.initial_runs: tuple[RunSpec, ...] = tuple(self.runs)
        self.edits: list[tuple[int, int, dict]] = []
        core = self._core
        loss0 = core.reset()
        R = len(self.runs)
        self._batch = np.full((R, 256), np.nan)
        self._rec_steps = np.zeros(64, dtype=np.int64)
        self._rec_loss = np.empty((R, 64))
        self._rec_acc = np.empty((R, 64))
        self._n_rec = 1
        self._rec_loss[:, 0] = loss0
        self._rec_acc[:, 0] = core.accuracy0
        self._holdout = self.objective.n_test > 0
        with np.errstate(all="ignore"):
            test0 = self.objective.evaluate_test(core.params[0])
        self._rec_tloss = np.full((R, 64), test0[0])
        self._rec_tacc = np.full((R, 64), test0[1])
        self._last_tloss = np.full(R, test0[0])
        self._last_tacc = np.full(R, test0[1])
        self._last_loss = np.array(loss0, dtype=np.float64)  # full-data loss and accuracy at each run's last
        self._last_acc = np.full(R, core.accuracy0)  # record (a frozen run: at its last point)
        self._snap_steps = [0]
        self._thetas = [core.params.copy()]
        self._snap_stride = self.every
        return self.snapshot()

    def close(self) -> None:
        """Let the worker threads go (they also go when the session is collected)."""
        self._core.close()

    def __del__(self):
        try:
            self._core.close()
        except AttributeError:
            pass

    def state_arrays(self) -> list[tuple[np.ndarray, tuple]]:
        """Per update rule: (its runs' indices, its state, one (R_g, D) row per run). Read it, do not write it."""
        return [(g.idx, g.state) for g in self._core.groups]

    def norms(self, run: int) -> list[tuple[str, float]]:
        """Run ``run``'s Euclidean norms now (the Explain dock shows these instead of D numbers): |θ − θ₀|, |θ|,
        |g| the gradient of its last step (on its batch, where its rule took it; absent at step 0), and each state
        array of its rule by its field name (|momentum_buffer|, |exp_avg|, …; scalars like the step count left
        out). Call it while the session is not being stepped."""
        run = range(len(self.runs))[run]
        theta = self._core.params[run]
        out = [("|θ − θ₀|", float(np.linalg.norm(theta - self.objective.theta0))), ("|θ|", float(np.linalg.norm(theta)))]
        if self.step_count > 0 and self._core.diverged_at[run] < 0:
            out.append(("|g|", float(np.linalg.norm(self._core._G[run]))))
        g, pos = self._core.where[run]
        for name, arr in zip(type(g.state)._fields, g.state):
            a = np.asarray(arr)
            if a.ndim == 2 and a.shape[1] == theta.shape[0]:
                out.append((f"|{name}|", float(np.linalg.norm(a[pos]))))
        return out

    # ---- stepping ------------------------------------------------------------------------------------------
    def step(self, n: int = 1) -> NetSnapshot:
        self.advance(n)
        return self.snapshot()

    def advance(self, n: int = 1) -> None:
        """n steps of every run; the full-data loss is recorded at multiples of ``every`` and after the last."""
        n = int(n)
        if n <= 0:
            return
        core = self._core
        need = core.step_count + n + 1
        if need > self._batch.shape[1]:
            grown = np.full((len(self.runs), max(need, self._batch.shape[1] * 3 // 2)), np.nan)
            grown[:, :self._batch.shape[1]] = self._batch
            self._batch = grown
        with np.errstate(all="ignore"), _blas_single():
            for j in range(n):
                newly = core.advance()
                k = core.step_count
                self._batch[:, k] = core.batch_loss
                if newly:
                    for i, got in zip(newly, core.map(self._evaluate, newly)):
                        self._keep_last(i, got)
                if k % self.every == 0 or j == n - 1:
                    self._record(k)

    def _evaluate(self, i: int) -> tuple:
        theta = self._core.params[i]
        if self._holdout:
            return self.objective.evaluate(theta) + self.objective.evaluate_test(theta)
        return self.objective.evaluate(theta)

    def _keep_last(self, i: int, got: tuple) -> None:
        self._last_loss[i], self._last_acc[i] = got[0], got[1]
        if self._holdout:
            self._last_tloss[i], self._last_tacc[i] = got[2], got[3]

    def _record(self, k: int) -> None:
        core = self._core
        active = (core.diverged_at < 0).nonzero()[0].tolist()
        for i, got in zip(active, core.map(self._evaluate, active)):
            self._keep_last(i, got)
        m = self._n_rec
        if m == len(self._rec_steps):
            self._rec_steps = np.concatenate([self._rec_steps, np.zeros(m, dtype=np.int64)])
            self._rec_loss = np.concatenate([self._rec_loss, np.empty_like(self._rec_loss)], axis=1)
            self._rec_acc = np.concatenate([self._rec_acc, np.empty_like(self._rec_acc)], axis=1)
            self._rec_tloss = np.concatenate([self._rec_tloss, np.empty_like(self._rec_tloss)], axis=1)
            self._rec_tacc = np.concatenate([self._rec_tacc, np.empty_like(self._rec_tacc)], axis=1)
        self._rec_steps[m] = k
        self._rec_loss[:, m] = self._last_loss
        self._rec_acc[:, m] = self._last_acc
        self._rec_tloss[:, m] = self._last_tloss
        self._rec_tacc[:, m] = self._last_tacc
        self._n_rec = m + 1
        if k % self._snap_stride == 0:
            self._snap_steps.append(k)
            self._thetas.append(core.params.copy())
            if self.max_snapshots is not None and len(self._snap_steps) > self.max_snapshots:
                self._snap_stride *= 2
                keep = [j for j, s in enumerate(self._snap_steps) if s % self._snap_stride == 0]
                self._snap_steps = [self._snap_steps[j] for j in keep]
                self._thetas = [self._thetas[j] for j in keep]

    # ---- reading -------------------------------------------------------------------------------------------
    def snapshot(self) -> NetSnapshot:
        core = self._core
        k = core.step_count
        div = core.diverged_at.tolist()
        runs = []
        for i, r in enumerate(self.runs):
            d = div[i]
            n = d if d >= 0 else k + 1
            bl = float(self._batch[i, n - 1]) if n > 1 and np.isfinite(self._batch[i, n - 1]) else None
            runs.append(NetRunSnapshot(i, r.label, r.type, r.color, float(self._last_loss[i]),
                                       float(self._last_acc[i]), bl, d if d >= 0 else None, n,
                                       float(self._last_tloss[i]), float(self._last_tacc[i])))
        m = self._n_rec

        def frozen(a):
            v = a.view()
            v.flags.writeable = False
            return v
        epoch, it = divmod(k, self.sampler.iterations_per_epoch)
        params = frozen(core.params)
        return NetSnapshot(k, epoch, it, self.sampler.iterations_per_epoch, tuple(runs),
                           frozen(self._rec_steps[:m]), np.array(self._snap_steps), params,
                           frozen(self._rec_loss[:, :m]), frozen(self._rec_acc[:, :m]),
                           frozen(self._batch[:, :k + 1]), tuple(frozen(t) for t in self._thetas),
                           frozen(self._rec_tloss[:, :m]) if self._holdout else None,
                           frozen(self._rec_tacc[:, :m]) if self._holdout else None)
