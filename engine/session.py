"""A race: one objective, one batch strategy, many runs stepped together with array operations; immutable snapshots.

Two ways of stepping give bit-identical results (tests/engine/test_fast_paths.py holds them to it):

* the array path: every run's (x, y) in one (R, 2) array, each update rule one kernel call per step. Its cost is
  numpy's per-call overhead (~0.5 µs a call, some 40 calls a step) until R is in the thousands.
* the float path, for up to FLOAT_PATH_MAX_RUNS runs on a surface with ``point_functions`` (the analytic surfaces
  and full-batch linear regression; not formulas, logistic regression or mini-batches): each run stepped alone with
  Python floats through exact replicas of the kernels, 10-100x cheaper per step. Whatever it cannot mirror exactly
  (eps = 0, an arithmetic exception) falls back to the array path.

History is kept per block of runs (one block per run for up to 16 runs), so growing it copies one block at a time
and never holds two copies of everything; ``step(n)`` reserves room for all n steps at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from .batching import BatchConfig, BatchSampler
from .errors import PlaygroundError
from .i18n import translate
from .objectives import Objective
from .optimizers import spec_for
from .schedules import Schedule

DIVERGENCE_BOUND = 1e8  # |θ| beyond this (or a non-finite θ or loss) counts as diverged

FLOAT_PATH_MAX_RUNS = 16  # the float path costs ~1-2 µs per run-step, the array path ~40-150 µs a step
_FLOAT_CHUNK = 8192  # float-path steps per commit: bounds the Python lists a long step(n) builds
_STAGE_BYTES = 8 << 20  # array path: per-step rows are staged step-major, then copied into the history blocks
_HISTORY_BLOCKS = 16  # runs are split into at most this many history blocks


@dataclass(frozen=True)
class RunSpec:
    """One racer: an update rule with its hyperparameters, a label, and optionally its own start point."""

    type: str
    label: str = ""
    hyperparams: dict = field(default_factory=dict)
    color: str | None = None
    start: tuple[float, float] | None = None
    enabled: bool = True  # a scene's disabled runs are left out of its session
    batch: BatchConfig | None = None  # its own batch strategy (e.g. B = 1 vs 32 vs full); None: the scene's
    schedule: Schedule | None = None  # its learning-rate schedule; None: η at every step
    convention: str = "torch"  # "torch": torch.optim's form of the rule; "book": the book's code (OptimizerSpec.book)

    @property
    def spec(self):
        """The declaration this run steps with: its type's, in its convention's form."""
        return spec_for(self.type, self.convention)

    def resolved(self) -> "RunSpec":
        hp = self.spec.resolve(self.hyperparams)
        return replace(self, label=self.label or self.type, hyperparams=hp)


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
    _blocks: tuple[np.ndarray, ...] = field(repr=False)  # read-only (runs, rows, capacity): rows x, y, loss[, batch]
    _per_block: int = field(repr=False)
    _has_batch_loss: bool = field(repr=False)

    def _row(self, i: int) -> np.ndarray:
        return self._blocks[i // self._per_block][i % self._per_block]

    def trajectory(self, i: int) -> np.ndarray:
        """(2, n) array of x and y for run ``i``, finite by construction."""
        return self._row(i)[:2, : self.runs[i].n_points]

    def losses(self, i: int) -> np.ndarray:
        return self._row(i)[2, : self.runs[i].n_points]

    def batch_losses(self, i: int) -> np.ndarray | None:
        """Mini-batch loss recorded at steps 1 .. n − 1 (the batch of step k at the point it was taken), or None."""
        if not self._has_batch_loss:
            return None
        return self._row(i)[3, 1 : self.runs[i].n_points]

    @property
    def records_batch_loss(self) -> bool:
        """True when the runs' mini-batch losses are recorded (``batch_losses`` is not None)."""
        return self._has_batch_loss


class _Group:
    """The runs sharing one update rule, stepped by a single kernel call."""

    def __init__(self, spec, idx: np.ndarray, n_runs: int):
        self.spec = spec
        self.idx = idx
        self.whole = len(idx) == n_runs  # one group holds every run: skip the fancy indexing
        self.hp: dict[str, np.ndarray] = {}  # (runs, 1) per hyperparameter, η the base rate of a scheduled run
        self.hp_now = self.hp  # what the kernels get: ``hp``, or a copy with η_t when a run has a schedule
        self.schedules: list[Schedule | None] = [None] * len(idx)  # per row
        self._shared: Schedule | None | bool = False  # the one schedule of every row, None if not; False: unknown
        self.state = None

    def set_schedule(self, pos: int, schedule: Schedule | None) -> None:
        self.schedules[pos] = schedule
        self._shared = False  # recomputed by the next scheduled_hp
        if not any(self.schedules):
            self.hp_now = self.hp

    def scheduled_hp(self, k: int) -> dict[str, np.ndarray]:
        """The hyperparameters of step k -> k+1: a scheduled row's η replaced by its η_k (``Schedule.lr``, as the
        float path computes it)."""
        base = self.hp["lr"]
        if self._shared is False:
            first = self.schedules[0]
            self._shared = first if first is not None and all(s is first for s in self.schedules) else None
        if self._shared is not None:
            # Every row on one schedule (a sweep's cells): ``Schedule.lr`` on the whole column multiplies or adds
            # each η by the same Python float it computes for one row, so every element gets the very same
            # correctly rounded operations as ``lr(float(η), k)`` would give it.
            return {**self.hp, "lr": self._shared.lr(base, k)}
        lr = base.copy()
        for pos, s in enumerate(self.schedules):
            if s is not None:
                lr[pos, 0] = s.lr(float(base[pos, 0]), k)
        return {**self.hp, "lr": lr}


class _Stepper:
    """The array path: all runs' parameters, optimizer states and divergence flags, advanced one step at a time.

    Shared by ``Session`` (which adds history and snapshots) and ``Swarm`` (positions only).
    """

    def __init__(self, objective: Objective, types: list[str], hyperparams: dict[str, np.ndarray] | list[dict],
                 starts: np.ndarray, sampler: BatchSampler, records_batch_loss: bool,
                 batch_groups: list[tuple[np.ndarray, BatchSampler]] | None = None,
                 schedules: list[Schedule | None] | None = None, conventions: list[str] | None = None):
        self.objective = objective
        self.sampler = sampler
        # Runs with their own batch strategy: (run indices, sampler) per strategy; None when all share ``sampler``.
        self.batch_groups = batch_groups if batch_groups and len(batch_groups) > 1 else None
        self.records_batch_loss = records_batch_loss
        self.starts = starts
        R = len(starts)
        by_rule: dict[tuple[str, str], list[int]] = {}  # (type, convention) -> its runs
        for i, t in enumerate(types):
            by_rule.setdefault((t, conventions[i] if conventions else "torch"), []).append(i)
        self.groups = [_Group(spec_for(*key), np.array(ix), R) for key, ix in by_rule.items()]
        self.single = len(self.groups) == 1
        self.looks_ahead = any(g.spec.looks_ahead for g in self.groups)
        for g in self.groups:
            for hp in g.spec.hyperparams:
                if isinstance(hyperparams, dict):  # one setting for every run (Swarm)
                    g.hp[hp.name] = np.full((R, 1), hyperparams[hp.name], dtype=np.float64)
                else:
                    g.hp[hp.name] = np.array([[hyperparams[i][hp.name]] for i in g.idx], dtype=np.float64)
        self.where: list[tuple[_Group, int]] = [None] * R  # run -> (its group, its row in the group)
        for g in self.groups:
            for pos, i in enumerate(g.idx.tolist()):
                self.where[i] = (g, pos)
        self.scheduled = False  # some run has a schedule: each step computes its η_t first
        for i, s in enumerate(schedules or ()):
            if s is not None:
                self.set_schedule(i, s)

    def set_schedule(self, run: int, schedule: Schedule | None) -> None:
        g, pos = self.where[run]
        g.set_schedule(pos, schedule)
        self.scheduled = any(any(g.schedules) for g in self.groups)

    def reset(self, strict: bool = True) -> np.ndarray:
        """Back to the starts. A start whose loss is not finite is an error, or (``strict`` False) frozen at step 0."""
        R = len(self.starts)
        self.step_count = 0
        # Column-major (R, 2): an (R, 1) hyperparameter column then broadcasts along contiguous memory, 5x faster
        # at R = 10,000 than numpy's length-2 inner loops over C-ordered rows. Values are the same either way.
        self.params = np.array(self.starts, dtype=np.float64, order="F")
        for g in self.groups:
            g.state = g.spec.init(self.params if g.whole else self.params[g.idx])
        self.diverged_at = np.full(R, -1, dtype=np.int64)
        self.n_frozen = 0
        loss0 = self.objective.value(self.params)
        bad = ~np.isfinite(loss0)
        if bad.any():
            if strict:
                raise PlaygroundError(translate("Session", "start: the loss is not finite at the start point {point}")
                                      .format(point=tuple(self.params[np.argmax(bad)].tolist())))
            self.diverged_at[bad] = 0
            self.n_frozen = int(np.count_nonzero(bad))
        self.loss = np.array(loss0, dtype=np.float64)  # full-data loss at ``params`` (frozen runs: their last)
        self.batch_loss = np.full(R, np.nan)
        return loss0

    def keep(self, rows: np.ndarray) -> None:
        """Drop every run but ``rows`` (ascending indices) after ``reset``: the runs kept go on exactly as before,
        as every operation of a step is per run. A sweep's chunk drops its frozen cells this way, so the others
        keep the fast path of ``advance`` (a single frozen run sends every step through the freezing code).
        For steppers of one update rule sharing one sampler (a sweep's chunks)."""
        if len(self.groups) != 1 or self.batch_groups is not None:
            raise ValueError("keep: only for runs of one update rule and one batch strategy")
        rows = np.asarray(rows, dtype=np.intp)
        g = self.groups[0]
        self.starts = self.starts[rows]
        self.params = np.asfortranarray(self.params[rows])
        g.state = type(g.state)(*(np.asfortranarray(f[rows]) for f in g.state))
        g.hp = {k: v[rows] for k, v in g.hp.items()}
        g.hp_now = g.hp  # a scheduled group's η_t is made afresh from ``hp`` at every step
        g.schedules = [g.schedules[i] for i in rows.tolist()]
        g._shared = False
        g.idx = np.arange(len(rows))
        self.where = [(g, pos) for pos in range(len(rows))]
        self.diverged_at = self.diverged_at[rows]
        self.n_frozen = int(np.count_nonzero(self.diverged_at >= 0))
        self.loss = self.loss[rows]
        self.batch_loss = self.batch_loss[rows]

    def advance(self) -> None:
        """One step of every run; call inside ``np.errstate(all="ignore")``."""
        k = self.step_count
        if self.scheduled:
            for g in self.groups:
                if any(g.schedules):
                    g.hp_now = g.scheduled_hp(k)
        batch = self.sampler.batch(k)
        P = self.params
        obj = self.objective
        Q = P
        if self.looks_ahead:
            if self.single:
                g = self.groups[0]
                Q = g.spec.query(P, g.state, g.hp_now)
            else:
                Q = P.copy(order="K")
                for g in self.groups:
                    if g.spec.looks_ahead:
                        Q[g.idx] = g.spec.query(P[g.idx], g.state, g.hp_now)
        if self.batch_groups is None:
            G = obj.grad(Q, batch)
            if self.records_batch_loss:
                bl = obj.value(P, batch)
                self.batch_loss = np.where(np.isfinite(bl), bl, np.nan)
        else:
            G = np.empty_like(Q)
            bl = np.full(len(P), np.nan)
            for idx, sampler in self.batch_groups:
                b = sampler.batch(k)
                G[idx] = obj.grad(Q[idx], b)
                if self.records_batch_loss and b is not None:
                    bl[idx] = obj.value(P[idx], b)
            self.batch_loss = np.where(np.isfinite(bl), bl, np.nan)
        if self.single:
            g = self.groups[0]
            newP, pending = g.spec.update(G, g.state, P, g.hp_now)
            pendings = (pending,)
        else:
            newP = np.empty_like(P)
            pendings = []
            for g in self.groups:
                p_new, s_new = g.spec.update(G if g.whole else G[g.idx], g.state, P if g.whole else P[g.idx],
                                             g.hp_now)
                newP[g.idx] = p_new
                pendings.append(s_new)
        loss = obj.value(newP)
        if not (self.n_frozen == 0 and np.abs(newP).max() <= DIVERGENCE_BOUND and np.isfinite(loss).all()):
            # Some run blew up now or earlier: freeze it (point, loss and state stay those of its last good step).
            active = self.diverged_at < 0
            bad = active & ~(np.isfinite(loss) & np.all(np.isfinite(newP), axis=1)
                             & np.all(np.abs(newP) <= DIVERGENCE_BOUND, axis=1))
            self.diverged_at[bad] = k + 1
            frozen = ~active | bad
            self.n_frozen = int(np.count_nonzero(frozen))
            if self.n_frozen:
                newP[frozen] = P[frozen]
                loss[frozen] = self.loss[frozen]
                pendings = [type(s)(*(np.where(frozen[g.idx][:, None], old, new) for old, new in zip(g.state, s)))
                            for g, s in zip(self.groups, pendings)]
        for g, s in zip(self.groups, pendings):
            g.state = s
        self.params = newP
        self.loss = loss
        self.step_count = k + 1


class _LiveRace:
    """What a 2-D ``Session`` and a network's ``NetSession`` share: the runs' samplers and state read-outs, and the
    live edits (recorded in ``edits`` so a replica or a replay makes them again at the same steps). Needs ``runs``,
    ``edits``, ``_core`` (a ``_Stepper``) and ``_run_samplers``."""

    def sampler_of(self, run: int) -> BatchSampler:
        """The batch sampler run ``run`` uses (its own strategy's, or the scene's)."""
        return self._run_samplers[run]

    @property
    def step_count(self) -> int:
        return self._core.step_count

    @property
    def params(self) -> np.ndarray:
        return self._core.params

    @property
    def diverged_at(self) -> np.ndarray:
        return self._core.diverged_at

    def set_hyperparams(self, run: int, values: dict) -> dict:
        """Live edit: validated now, applied from the next step, the run's state kept. Returns the run's
        hyperparameters as they now are (every one, resolved)."""
        run = range(len(self.runs))[run]  # IndexError when out of range; a negative index counts from the end
        r = self.runs[run]
        merged = r.spec.resolve({**r.hyperparams, **values})
        self.runs[run] = replace(r, hyperparams=merged)
        self.edits.append((self.step_count, run, {k: merged[k] for k in values}))
        g, pos = self._core.where[run]
        for name, v in merged.items():
            g.hp[name][pos, 0] = v
        return dict(merged)

    def set_schedule(self, run: int, schedule: Schedule | None) -> None:
        """Live edit: the run's learning-rate schedule (None: none) from the next step on, its state kept. η_t
        depends only on the base η and the steps taken, so nothing else needs rebuilding."""
        run = range(len(self.runs))[run]
        if schedule is not None and not isinstance(schedule, Schedule):
            raise PlaygroundError(f"schedule: expected a Schedule or None, got {schedule!r}")
        self.runs[run] = replace(self.runs[run], schedule=schedule)
        self.edits.append((self.step_count, run, {"schedule": schedule}))
        self._core.set_schedule(run, schedule)

    def set_style(self, run: int, label: str | None = None, color: str | None = None) -> None:
        """A new label or colour for a run: snapshots taken from now on carry it; nothing else changes."""
        run = range(len(self.runs))[run]
        changes = {k: v for k, v in (("label", label), ("color", color)) if v is not None}
        self.runs[run] = replace(self.runs[run], **changes)


class Session(_LiveRace):
    """Steps all runs together: the same batch for every run at step k, divergence detected and frozen per run."""

    def __init__(self, objective: Objective, runs: list[RunSpec], start=None, batch: BatchConfig | None = None,
                 seed: int = 0):
        if not runs:
            raise PlaygroundError(translate("Session", "a scene needs at least one optimizer"))
        self.objective = objective
        self.runs = _resolve_all(runs)
        self.start = tuple(float(v) for v in (start if start is not None else objective.start))
        self.batch_config = batch or BatchConfig()
        self.seed = int(seed)
        self.sampler = BatchSampler(self.batch_config, objective.n_samples, self.seed)
        # Runs may bring their own strategy; all runs with the same strategy see the same batch at step k.
        samplers: dict[BatchConfig, BatchSampler] = {self.batch_config: self.sampler}
        members: dict[BatchConfig, list[int]] = {}
        for i, r in enumerate(self.runs):
            cfg = r.batch if r.batch is not None and objective.is_data else self.batch_config
            if cfg not in samplers:
                samplers[cfg] = BatchSampler(cfg, objective.n_samples, self.seed)
            members.setdefault(cfg, []).append(i)
        self._run_samplers = [None] * len(self.runs)
        for cfg, ix in members.items():
            for i in ix:
                self._run_samplers[i] = samplers[cfg]
        batch_groups = [(np.array(ix), samplers[cfg]) for cfg, ix in members.items()]
        all_full = all(samplers[cfg].full for cfg in members)
        self.records_batch_loss = objective.is_data and not all_full
        starts = np.array([r.start if r.start is not None else self.start for r in self.runs], dtype=np.float64)
        if not np.all(np.isfinite(starts)):
            raise PlaygroundError(translate("Session", "start: the start point must be finite"))
        self._starts = starts
        self._core = _Stepper(objective, [r.type for r in self.runs], [r.hyperparams for r in self.runs], starts,
                              self.sampler, self.records_batch_loss, batch_groups,
                              [r.schedule for r in self.runs], [r.convention for r in self.runs])
        self._groups = self._core.groups
        R = len(self.runs)
        self._per_block = -(-R // _HISTORY_BLOCKS)
        self._rows = 4 if self.records_batch_loss else 3
        point = objective.point_functions() if all_full else None
        float_ok = point is not None and R <= FLOAT_PATH_MAX_RUNS and all(g.spec.scalar for g in self._groups)
        self._point = point if float_ok else None
        self.reset()

    # ---- lifecycle -----------------------------------------------------------------------------------------
    def reset(self) -> Snapshot:
        """Back to step 0; stepping again reproduces the same trajectories exactly. Live edits made so far stay."""
        # the runs as they start from step 0, and the live edits since: (step they apply from, run, new values);
        # a schedule edit's values are {"schedule": Schedule | None}
        self.initial_runs: tuple[RunSpec, ...] = tuple(self.runs)
        self.edits: list[tuple[int, int, dict]] = []
        loss0 = self._core.reset()
        self._cap = 0
        self._blocks: list[np.ndarray] = []  # new arrays: snapshots taken before the reset stay intact
        self._reserve(256)
        first = np.full((1, len(self.runs), self._rows), np.nan)
        first[0, :, :2] = self._starts
        first[0, :, 2] = loss0
        self._write(0, first)
        return self.snapshot()

    # ---- stepping ------------------------------------------------------------------------------------------
    def step(self, n: int = 1) -> Snapshot:
        self.advance(n)
        return self.snapshot()

    def advance(self, n: int = 1) -> None:
        """``step(n)`` without building the snapshot: for replicas stepped one step at a time (explain.Tracer)."""
        n = int(n)
        if n > 0:
            self._reserve(self.step_count + n + 1)
            done = self._step_floats(n) if self._point is not None else 0
            if done < n:
                self._step_arrays(n - done)

    def advance_recorded(self, n: int) -> list[tuple[int, list[tuple]]] | None:
        """``advance(n)`` on the float path, keeping every run's state after each of its steps, for a replica that
        must record the state at every step (explain.Tracer) without paying a call per step.

        Returns, for each run not frozen before the call, (run, states): states[j] is the flat tuple of the run's
        float state fields (each field's x then y, in the state's field order after ``step``) after its (j+1)-th
        step; fewer than n when the run froze. Returns None, having stepped nothing, when the float path cannot
        take all n steps at once (many runs, data objectives, a rule without a scalar replica, n over the chunk
        size, or an arithmetic error on the way): then step one at a time with ``advance``."""
        n = int(n)
        if self._point is None or not 0 < n <= _FLOAT_CHUNK:
            return None
        self._reserve(self.step_count + n + 1)
        rec: list[tuple[int, list[tuple]]] = []
        with np.errstate(all="ignore"):
            if not self._float_chunk(n, rec):
                return None
        return rec

    def state_arrays(self) -> list[tuple[np.ndarray, tuple]]:
        """Per update rule: (its runs' indices, its state: a NamedTuple of arrays with one row per run). Every run's
        state without a copy per run; read it, do not write it."""
        return [(g.idx, g.state) for g in self._groups]

    def _step_arrays(self, n: int) -> None:
        core = self._core
        R, rows = len(self.runs), self._rows
        per = max(1, min(n, _STAGE_BYTES // (8 * R * rows)))
        stage = np.empty((per, R, rows))
        with np.errstate(all="ignore"):
            while n > 0:
                m = min(n, per)
                k0 = core.step_count
                for j in range(m):
                    core.advance()
                    row = stage[j]
                    row[:, :2] = core.params
                    row[:, 2] = core.loss
                    if rows == 4:
                        row[:, 3] = core.batch_loss
                self._write(k0 + 1, stage[:m])
                n -= m

    def _step_floats(self, n: int) -> int:
        """Step every run alone with Python floats; returns the steps done (fewer when the replicas can't go on)."""
        done = 0
        with np.errstate(all="ignore"):  # replicas call numpy ufuncs on floats; overflow gives inf as in arrays
            while done < n:
                m = min(n - done, _FLOAT_CHUNK)
                if not self._float_chunk(m):
                    break
                done += m
        return done

    def _float_chunk(self, n: int, rec: list | None = None) -> bool:
        """n steps of every run on the float path, committed only if all of them could be done. With ``rec`` a
        list, (run, states after each step) is appended for every run stepped (see advance_recorded)."""
        core = self._core
        f, df = self._point
        B = DIVERGENCE_BOUND
        k0 = core.step_count
        P = core.params.tolist()
        losses = core.loss.tolist()
        div = core.diverged_at.tolist()
        done = []  # (run, steps kept, diverged at, xs, ys, losses)
        states = []  # per group: its step counts and float fields as lists, updated in place
        try:
            for g in self._groups:
                consts = g.spec.scalar_consts(g.hp, g.state, n) if g.spec.scalar_consts else None
                steps, *floats = (a.tolist() for a in g.state)
                states.append((g, steps, floats))
                hp = {k: a[:, 0].tolist() for k, a in g.hp.items()}
                for pos, i in enumerate(g.idx.tolist()):
                    if div[i] >= 0:
                        continue
                    hp_run = {k: v[pos] for k, v in hp.items()}
                    c = None if consts is None else tuple(consts[:, pos, col].tolist()
                                                          for col in range(consts.shape[2]))
                    made = g.spec.scalar(hp_run, c)
                    if made is None:
                        return False
                    query, update = made
                    sched = g.schedules[pos]
                    s = tuple(v for fl in floats for v in fl[pos])
                    x, y = P[i]
                    lv = losses[i]
                    xs, ys, ls = [], [], []
                    kept = [] if rec is not None else None
                    d = -1
                    for j in range(n):
                        if sched is not None:
                            # the replica made afresh with η_t, the very float the array path's kernels get
                            made = g.spec.scalar({**hp_run, "lr": sched.lr(hp_run["lr"], k0 + j)}, c)
                            if made is None:
                                return False
                            query, update = made
                        if query is None:
                            gx, gy = df(x, y)
                        else:
                            gx, gy = df(*query(x, y, s))
                        nx, ny, ns = update(gx, gy, x, y, s, j)
                        nl = f(nx, ny)
                        if nl - nl == 0.0 and -B <= nx <= B and -B <= ny <= B:  # finite loss, |θ| <= bound
                            x, y, s, lv = nx, ny, ns, nl
                            xs.append(x)
                            ys.append(y)
                            ls.append(lv)
                            if kept is not None:
                                kept.append(s)
                        else:
                            d = k0 + j + 1
                            break
                    P[i] = [x, y]
                    losses[i] = lv
                    steps[pos][0] += len(xs)
                    for fi, fl in enumerate(floats):
                        fl[pos] = [s[2 * fi], s[2 * fi + 1]]
                    done.append((i, len(xs), d, xs, ys, ls))
                    if rec is not None:
                        rec.append((i, kept))
        except (ArithmeticError, ValueError):  # e.g. 0/0, which numpy turns into nan: leave it to the array path
            return False
        # Commit. A frozen run's history repeats its last point and loss, as the array path records it.
        lo, hi = k0 + 1, k0 + 1 + n
        per = self._per_block
        for i, m, d, xs, ys, ls in done:
            row = self._blocks[i // per][i % per]
            if m:
                row[:3, lo: lo + m] = (xs, ys, ls)
            if m < n:
                row[:3, lo + m: hi] = ((P[i][0],), (P[i][1],), (losses[i],))
                core.diverged_at[i] = d
                core.n_frozen += 1
        if len(done) < len(P):
            for i, d in enumerate(div):
                if d >= 0:  # frozen before this call
                    self._blocks[i // per][i % per][:3, lo: hi] = ((P[i][0],), (P[i][1],), (losses[i],))
        for g, steps, floats in states:
            g.state = type(g.state)(np.array(steps, dtype=np.int64),
                                    *(np.array(fl, dtype=np.float64, order="F") for fl in floats))
        core.params = np.array(P, dtype=np.float64, order="F")
        core.loss = np.array(losses, dtype=np.float64)
        core.step_count = k0 + n
        return True

    # ---- history -------------------------------------------------------------------------------------------
    def _reserve(self, need: int) -> None:
        """Room for steps 0 .. need − 1: grow by half (a quarter past a million steps), one block at a time."""
        if need <= self._cap:
            return
        cap = self._cap
        cap = max(need, cap + (cap // 2 if cap < (1 << 20) else cap // 4))
        R, per = len(self.runs), self._per_block
        old = self._blocks
        new = []
        for b, r0 in enumerate(range(0, R, per)):
            blk = np.empty((min(per, R - r0), self._rows, cap))
            if old:
                blk[:, :, : self._cap] = old[b]
                old[b] = None  # free each old block as soon as it is copied
            new.append(blk)
        self._blocks = new
        self._cap = cap

    def _write(self, k: int, stage: np.ndarray) -> None:
        """Copy staged rows (m, R, rows) into history steps k .. k + m − 1."""
        m, per = stage.shape[0], self._per_block
        for b, blk in enumerate(self._blocks):
            blk[:, :, k: k + m] = stage[:, b * per: b * per + blk.shape[0], :].transpose(1, 2, 0)

    # ---- reading -------------------------------------------------------------------------------------------
    def recipe(self) -> Recipe:
        """This session's history as an immutable recipe (``Recipe.replay`` rebuilds it, possibly changed)."""
        # the runs as they started, with the labels and colours they have now (``set_style`` is not an edit)
        runs = tuple(replace(r0, label=r.label, color=r.color) for r0, r in zip(self.initial_runs, self.runs))
        return Recipe(self.objective, runs, self.start, self.batch_config, self.seed, tuple(self.edits),
                      self.step_count)

    def state_of(self, run: int) -> tuple:
        """The run's optimizer state (a NamedTuple of (2,) arrays and the step count)."""
        if not 0 <= run < len(self.runs):
            raise IndexError(run)
        g, pos = self._core.where[run]
        return type(g.state)(*(np.array(f[pos]) for f in g.state))

    def snapshot(self) -> Snapshot:
        core = self._core
        k = core.step_count
        pts = core.params.tolist()
        ls = core.loss.tolist()
        div = core.diverged_at.tolist()
        runs = []
        for i, r in enumerate(self.runs):
            d = div[i]
            n = d if d >= 0 else k + 1
            bl = None
            if self.records_batch_loss and n > 1:
                v = self._blocks[i // self._per_block][i % self._per_block, 3, n - 1]
                bl = float(v) if np.isfinite(v) else None
            x, y = pts[i]
            runs.append(RunSnapshot(i, r.label, r.type, r.color, (x, y), ls[i], bl, d if d >= 0 else None, n))
        blocks = []
        for blk in self._blocks:
            v = blk.view()
            v.flags.writeable = False
            blocks.append(v)
        epoch, it = divmod(k, self.sampler.iterations_per_epoch)
        return Snapshot(k, epoch, it, self.sampler.iterations_per_epoch, tuple(runs), tuple(blocks),
                        self._per_block, self.records_batch_loss)


@dataclass(frozen=True)
class Recipe:
    """Everything that made a session's history: its runs as they started, its live edits and its step count.
    Immutable, so it can be taken on the GUI thread and built on another (``Session.recipe``)."""

    objective: Objective
    runs: tuple[RunSpec, ...]
    start: tuple[float, float]
    batch: BatchConfig
    seed: int
    edits: tuple[tuple[int, int, dict], ...]
    steps: int

    def replay(self, run: int | None = None, values: dict | None = None, cancelled=None) -> "Session | None":
        """A new session with the same history, except that run ``run`` has ``values`` from step 0 on (any live edit
        of those names for that run is dropped; the other edits are made again at their steps), stepped to the same
        step count: the what-if replay. With no ``values`` it rebuilds the history unchanged, bit for bit.
        ``cancelled()`` is asked between chunks of steps; a True answer returns None."""
        runs = list(self.runs)
        edits = list(self.edits)
        if values:
            run = range(len(runs))[run]
            r = runs[run]
            runs[run] = replace(r, hyperparams=r.spec.resolve({**r.hyperparams, **values}))
            names = set(values)
            edits = [(s, i, {k: v for k, v in vals.items() if i != run or k not in names}) for s, i, vals in edits]
            edits = [e for e in edits if e[2]]
        session = Session(self.objective, runs, self.start, self.batch, self.seed)
        for s, i, vals in edits + [(self.steps, None, None)]:
            while session.step_count < s:
                if cancelled is not None and cancelled():
                    return None
                session.advance(min(s - session.step_count, _REPLAY_CHUNK))
            if i is None:
                break
            if "schedule" in vals:
                session.set_schedule(i, vals["schedule"])
            else:
                session.set_hyperparams(i, vals)
        return session


_REPLAY_CHUNK = 2048  # steps between two looks at ``cancelled`` in Recipe.replay


def _resolve_all(runs: list[RunSpec]) -> list[RunSpec]:
    """``RunSpec.resolved`` for each run, validating each distinct (type, settings) once (10,000 particles)."""
    out, seen = [], {}
    for r in runs:
        try:
            key = (r.type, r.convention, tuple(sorted((k, type(v), v) for k, v in r.hyperparams.items())))
            hp = seen.get(key)
        except TypeError:  # an unhashable value: let resolve report it
            key, hp = None, None
        if hp is None:
            hp = r.spec.resolve(r.hyperparams)
            if key is not None:
                seen[key] = hp
        out.append(replace(r, label=r.label or r.type, hyperparams=dict(hp)))
    return out
