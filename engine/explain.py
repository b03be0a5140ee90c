"""Teaching computations: a step previewed term by term in the seed's notation, a run's optimizer state traced over
steps, Hessian insight for quadratic objectives, and the spread of mini-batch gradients. Pure numpy."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .batching import BatchSampler
from .i18n import QT_TRANSLATE_NOOP
from .limits import MAX_TRACED_STEPS
from .objectives import Objective
from .optimizers import Row, fmt, spec_for
from .schedules import Schedule
from .session import Session, Snapshot


# ---- one step, term by term --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StepPreview:
    """The step from ``point`` (at step ``step``) to ``next_point``, with every term of the rule."""

    step: int  # k: the step the run is at; the preview computes step t = k + 1
    type: str
    hp: dict
    point: np.ndarray  # x_k, shape (2,)
    query: np.ndarray  # where the gradient is taken (the look-ahead point for ``nag``)
    grad: np.ndarray  # g = ∇f(query) on this step's batch
    before: tuple  # optimizer state at step k (fields of shape (2,); ``step`` of shape (1,))
    after: tuple  # optimizer state at step k + 1
    next_point: np.ndarray
    terms: dict  # named quantities in the seed's notation, each a float or a (2,) array
    schedule: Schedule | None = None  # the run's learning-rate schedule; ``hp["lr"]`` is then this step's η_t
    base_lr: float | None = None  # the η the schedule scales (None: no schedule)
    convention: str = "torch"  # the form of the rule the run uses ("torch" or "book")

    @property
    def update(self) -> np.ndarray:
        return self.next_point - self.point


def preview(objective: Objective, sampler: BatchSampler, opt_type: str, hp: dict, point, state, step: int,
            schedule: Schedule | None = None, convention: str = "torch") -> StepPreview:
    """Run the kernels once on copies (they are pure): nothing in any session changes. With a ``schedule`` the
    step uses η_t, t = ``step``, and every term and row shows it."""
    spec = spec_for(opt_type, convention)
    base_lr = None
    if schedule is not None:
        base_lr = float(hp["lr"])
        hp = {**hp, "lr": schedule.lr(base_lr, step)}
    x = np.asarray(point, dtype=np.float64).reshape(1, 2)
    st = type(state)(*(np.asarray(f).reshape(1, -1).copy() for f in state))
    hpa = {k: np.array([[float(v)]]) for k, v in hp.items()}
    with np.errstate(all="ignore"):
        q = spec.query(x, st, hpa)
        g = objective.grad(q, sampler.batch(step))
        x_new, st_new = spec.update(g, st, x, hpa)
    before = type(state)(*(f[0] for f in st))
    after = type(state)(*(f[0] for f in st_new))
    return StepPreview(step, opt_type, dict(hp), x[0], q[0], g[0], before, after, x_new[0],
                       seed_terms(opt_type, hp, g[0], before, after, x[0], convention), schedule, base_lr, convention)


def preview_step(session: Session, run: int) -> StepPreview:
    """The next step of ``run`` in ``session``, previewed."""
    r = session.runs[run]
    return preview(session.objective, session.sampler_of(run), r.type, r.hyperparams, session.params[run],
                   session.state_of(run), session.step_count, r.schedule, r.convention)


def seed_terms(opt_type: str, hp: dict, g: np.ndarray, before, after, point, convention: str = "torch") -> dict:
    """The seed's quantities: t and g, then what the rule's declaration adds (V = −η·b for the momentum family, h,
    m, v, m̂, v̂, bias corrections, η_eff per coordinate, ∇f + λx with weight decay); ``point`` is x_k."""
    t = int(np.asarray(after.step).ravel()[0])
    out: dict = {"t": t, "g": g}
    terms = spec_for(opt_type, convention).terms
    if terms is not None:
        with np.errstate(all="ignore"):
            out.update(terms(hp, before, after, t, g, np.asarray(point, dtype=np.float64)))
    return out


def rule_rows(p: StepPreview) -> list[Row]:
    """The rule with this step's numbers, in the seed's notation: x_k, η_t when a schedule sets it, the
    declaration's rows (with η_t as η), x_{k+1}."""
    k = p.step
    lr = []
    if p.schedule is not None:
        lr = [Row(f"η_t = {fmt(p.hp['lr'])}  ({p.schedule.describe()}, t = {k}, η = {fmt(p.base_lr)})",
                  p.schedule.spec.formula)]
    return [Row(f"x_{{{k}}} = {fmt(p.point)}"), *lr, *spec_for(p.type, p.convention).rows(p),
            Row(f"x_{{{k + 1}}} = {fmt(p.next_point)}")]


# ---- every run's state over all its steps ------------------------------------------------------------------------

# The raw state of any optimizer, flattened to one row per run: unused fields stay NaN.
_RAW = ("step", "b_x", "b_y", "h_x", "h_y", "m_x", "m_y", "v_x", "v_y", "w_x", "w_y", "u_x", "u_y")
_FIELDS = {"momentum_buffer": 1, "velocity": 1, "sum": 3, "square_avg": 3, "exp_avg": 5, "exp_avg_sq": 7,
           "max_exp_avg_sq": 9, "grad_avg": 9, "mu_product": 9, "exp_inf": 11, "acc_delta": 11}

QUANTITIES = {  # name -> (title, per-coordinate?)
    "eta_eff": (QT_TRANSLATE_NOOP("Declarations", "effective learning rate η_eff"), True),
    "velocity": (QT_TRANSLATE_NOOP("Declarations", "|V| (velocity)"), False),
    "m_hat": (QT_TRANSLATE_NOOP("Declarations", "|m̂| (Adam's first moment)"), False),
    "v_hat": (QT_TRANSLATE_NOOP("Declarations", "v̂ (Adam's second moment)"), True),
    "lr": (QT_TRANSLATE_NOOP("Declarations", "learning rate η_t (schedule)"), False),  # every run has it: η_t, or η at every step
    "rho_t": (QT_TRANSLATE_NOOP("Declarations", "ρ_t (RAdam adapts once it exceeds 5)"), False),
    "u_inf": (QT_TRANSLATE_NOOP("Declarations", "u (Adamax's infinity norm)"), True),
    "m_norm": (QT_TRANSLATE_NOOP("Declarations", "|m| (Lion's momentum)"), False),
}


@lru_cache(maxsize=None)
def _state_type(opt_type: str, convention: str = "torch") -> type:
    return type(spec_for(opt_type, convention).init(np.zeros((1, 2))))


def _state_from_raw(opt_type: str, row: np.ndarray, convention: str = "torch"):
    cls = _state_type(opt_type, convention)
    values = []
    for name in cls._fields:
        if name == "step":
            values.append(np.array([int(row[0])]))
        else:
            col = _FIELDS[name]
            values.append(row[col:col + 2].copy())
    return cls(*values)


@lru_cache(maxsize=None)
def _columns(opt_type: str, convention: str = "torch") -> tuple[type, tuple[slice, ...]]:
    """The rule's state type and, per field, its columns in a raw row."""
    cls = _state_type(opt_type, convention)
    return cls, tuple(slice(0, 1) if name == "step" else slice(_FIELDS[name], _FIELDS[name] + 2)
                      for name in cls._fields)


def _state_rows(opt_type: str, raw: np.ndarray, convention: str = "torch"):
    """The rule's state type holding every row of ``raw`` at once: ``step`` (n, 1), each float field (n, 2)."""
    cls, cols = _columns(opt_type, convention)
    return cls._make([raw[:, c] for c in cols])


def scheduled_lr(hp: dict, steps: np.ndarray, schedule: Schedule | None):
    """η at each of ``steps`` (the step counts of rows): η_t as a column (n, 1) under a schedule, else η."""
    lr = float(hp["lr"])
    if schedule is None:
        return lr
    return np.array([schedule.lr(lr, int(t)) for t in steps.tolist()], dtype=np.float64).reshape(-1, 1)


def quantity(opt_type: str, hp: dict, raw: np.ndarray, name: str, schedule: Schedule | None = None,
             convention: str = "torch") -> np.ndarray:
    """One quantity over steps for one run from its raw rows (n, len(_RAW)) -> (n, 2) (x, y; y NaN when scalar); all NaN
    when the rule's declaration has no such quantity.

    A quantity computed from the state is NaN at step 0: before its first step an optimizer has seen no gradient,
    its state is the zeros it starts from, and what they give is no value it ever uses (AdaGrad's η/(√0 + ε) is
    10¹⁰·η; m̂ and v̂ divide by 1 − β⁰ = 0). A fixed-step method's η_eff is η itself, defined from the start.
    With a ``schedule``, η in row k is η_k, the rate of the step from k (so is the quantity "lr", which every run
    has)."""
    out = np.full((len(raw), 2), np.nan)
    if name == "lr":
        out[:, 0] = np.ravel(scheduled_lr(hp, raw[:, 0], schedule))
        return out
    q = spec_for(opt_type, convention).quantities.get(name)
    if q is None:
        return out
    if schedule is not None:
        hp = {**hp, "lr": scheduled_lr(hp, raw[:, 0], schedule)}
    with np.errstate(all="ignore"):
        values = q.of(hp, _state_rows(opt_type, raw, convention))
    if np.ndim(values) == 1:
        out[:, 0] = values
    else:
        out[:] = values
    if not q.from_start:
        out[raw[:, 0] == 0] = np.nan
    return out


class Tracer:
    """A replica of ``session`` that records every run's optimizer state after every step.

    It replays the session's live edits at the steps they were made, so its states are the session's exactly;
    ``sync()`` catches up with the session (call it after the session steps). History is kept for the first
    ``MAX_TRACED_STEPS`` steps."""

    def __init__(self, session: Session):
        self.session = session
        self.replica = Session(session.objective, list(session.initial_runs), session.start,
                               session.batch_config, session.seed)
        self.types = [r.type for r in session.initial_runs]
        self.conventions = [r.convention for r in session.initial_runs]
        # per run: the raw column of each float state field, in the state's field order (as advance_recorded
        # flattens them)
        self._cols = [[_FIELDS[name] for name in _state_type(t, c)._fields[1:]]
                      for t, c in zip(self.types, self.conventions)]
        self._raw = np.empty((256, len(self.types), len(_RAW)))
        self._n = 0
        self._record()

    def _room(self, rows: int) -> None:
        if self._n + rows > len(self._raw):
            grown = np.empty((max(2 * len(self._raw), self._n + rows),) + self._raw.shape[1:])
            grown[: self._n] = self._raw[: self._n]
            self._raw = grown

    def _record(self) -> None:
        self._room(1)
        row = self._raw[self._n]  # (runs, len(_RAW)): each run's state, a rule at a time
        row.fill(np.nan)
        for idx, state in self.replica.state_arrays():
            for name, arr in zip(state._fields, state):
                if name == "step":
                    row[idx, 0] = np.asarray(arr).reshape(len(idx), -1)[:, 0]
                elif name in _FIELDS:
                    row[idx, _FIELDS[name]:_FIELDS[name] + 2] = arr
        self._n += 1

    @property
    def steps(self) -> int:
        return self._n - 1

    def _record_steps(self, m: int, rec: list[tuple[int, list[tuple]]]) -> None:
        """Rows for the m steps just taken by advance_recorded: a run keeps its last state (and step count) from
        where it froze, or from before the call when it was frozen already."""
        self._room(m)
        base = self._raw[self._n - 1]
        block = self._raw[self._n: self._n + m]
        block[:] = base
        for i, states in rec:
            t = len(states)
            if not t:
                continue
            block[:t, i, 0] = base[i, 0] + np.arange(1, t + 1)
            flat = np.array(states, dtype=np.float64).reshape(t, -1)
            for fi, col in enumerate(self._cols[i]):
                block[:t, i, col:col + 2] = flat[:, 2 * fi: 2 * fi + 2]
            block[t:, i] = block[t - 1, i]
        self._n += m

    def sync(self) -> None:
        target = min(self.session.step_count, MAX_TRACED_STEPS)
        pending = [e for e in self.session.edits if e[0] >= self.replica.step_count]
        while self.replica.step_count < target:
            k = self.replica.step_count
            for s, run, values in pending:
                if s == k:
                    if "schedule" in values:
                        self.replica.set_schedule(run, values["schedule"])
                    else:
                        self.replica.set_hyperparams(run, values)
            # up to the next edit in one go when the float path can record it, else one step at a time
            upto = min([s for s, _r, _v in pending if s > k] + [target, k + 4096])
            rec = self.replica.advance_recorded(upto - k)
            if rec is not None:
                self._record_steps(upto - k, rec)
                continue
            self.replica.advance(1)
            self._record()

    def hp_at(self, run: int, step: int) -> dict:
        """The hyperparameters the step from ``step`` to ``step + 1`` used."""
        hp = dict(self.session.initial_runs[run].hyperparams)
        for s, r, values in self.session.edits:
            if r == run and s <= step and "schedule" not in values:
                hp.update(values)
        return hp

    def schedule_at(self, run: int, step: int) -> Schedule | None:
        """The learning-rate schedule the step from ``step`` to ``step + 1`` used."""
        schedule = self.session.initial_runs[run].schedule
        for s, r, values in self.session.edits:
            if r == run and s <= step and "schedule" in values:
                schedule = values["schedule"]
        return schedule

    def state_at(self, run: int, step: int):
        return _state_from_raw(self.types[run], self._raw[step, run], self.conventions[run])

    def quantity(self, run: int, name: str, rows: np.ndarray | None = None) -> np.ndarray:
        """(steps + 1, 2) array of a quantity for one run, each step with the hyperparameters it used; with
        ``rows`` (increasing step indices) only those steps, (len(rows), 2): what a decimated plot needs, at a
        cost that does not grow with the history."""
        if rows is None:
            rows = np.arange(self._n)
        raw = self._raw[rows, run]
        first = self.session.initial_runs[run]
        out = quantity(self.types[run], first.hyperparams, raw, name, first.schedule, first.convention)
        for s, r, _values in self.session.edits:
            if r == run and s < self._n:
                # from step s on, the state is used with the edited values (the step s -> s+1 is the first)
                later = int(np.searchsorted(rows, s))
                out[later:] = quantity(self.types[run], self.hp_at(run, s), raw[later:], name,
                                       self.schedule_at(run, s), first.convention)
        return out

    def preview_at(self, run: int, step: int, point) -> StepPreview:
        """The step from ``step`` to ``step + 1`` as the run took it (or will take it)."""
        return preview(self.session.objective, self.session.sampler_of(run), self.types[run], self.hp_at(run, step),
                       point, self.state_at(run, step), step, self.schedule_at(run, step), self.conventions[run])


# ---- scrubbing -------------------------------------------------------------------------------------------------

def snapshot_at(snap: Snapshot, step: int) -> Snapshot:
    """``snap`` as it was at ``step`` (≤ snap.step): every run's trajectory and losses cut there."""
    step = max(0, min(int(step), snap.step))
    runs = []
    for i, r in enumerate(snap.runs):
        n = min(r.n_points, step + 1)
        xy = snap.trajectory(i)[:, n - 1]
        diverged = r.diverged_at if r.diverged_at is not None and r.diverged_at <= step else None
        bl = None
        if snap.records_batch_loss and n > 1:
            v = snap.batch_losses(i)[n - 2]  # batch_losses starts at step 1
            bl = float(v) if np.isfinite(v) else None
        runs.append(replace(r, point=(float(xy[0]), float(xy[1])), loss=float(snap.losses(i)[n - 1]),
                            batch_loss=bl, diverged_at=diverged, n_points=n))
    epoch, it = divmod(step, snap.iterations_per_epoch)
    return replace(snap, step=step, epoch=epoch, iteration=it, runs=tuple(runs))


# ---- quadratic insight -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuadraticInsight:
    """f(θ) = ½ (θ − θ*)ᵀ H (θ − θ*) + c: what the Hessian says about gradient descent."""

    hessian: np.ndarray
    eigenvalues: np.ndarray  # ascending
    eigenvectors: np.ndarray  # columns, matching eigenvalues
    center: tuple[float, float]
    condition: float  # κ = λ_max / λ_min
    lr_max_gd: float  # GD is stable iff lr < 2 / λ_max
    lr_best_gd: float  # 2 / (λ_min + λ_max): the fastest worst-case contraction, (κ − 1)/(κ + 1)
    lr_best_momentum: float  # heavy ball: 4 / (√λ_max + √λ_min)²
    momentum_best: float  # ((√κ − 1) / (√κ + 1))²

    def lr_limit(self, opt_type: str, hp: dict, convention: str = "torch") -> float | None:
        """The largest stable learning rate for a fixed-step method on this quadratic, or None (adaptive ones)."""
        spec = spec_for(opt_type, convention)
        if spec.stability is None:
            return None
        return spec.stability({**{d.name: d.default for d in spec.hyperparams}, **hp}, float(self.eigenvalues[-1]))


def quadratic_insight(objective: Objective) -> QuadraticInsight | None:
    H = objective.hessian()
    if H is None:
        return None
    H = np.asarray(H, dtype=np.float64)
    w, V = np.linalg.eigh(H)
    if w[0] <= 0:
        return None
    lo, hi = float(w[0]), float(w[-1])
    kappa = hi / lo
    rk = math.sqrt(kappa)
    center = objective.minima[0] if objective.minima else (0.0, 0.0)
    return QuadraticInsight(H, w, V, center, kappa, 2.0 / hi, 2.0 / (lo + hi),
                            4.0 / (math.sqrt(hi) + math.sqrt(lo)) ** 2, ((rk - 1.0) / (rk + 1.0)) ** 2)


# ---- mini-batch noise --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GradientFan:
    full: np.ndarray  # the full-data gradient at the point, (2,)
    samples: np.ndarray  # K mini-batch gradients, (K, 2)
    batch_size: int

    @property
    def spread(self) -> float:
        """RMS distance of the mini-batch gradients from the full one, relative to its length."""
        d = np.sqrt(np.mean(np.sum((self.samples - self.full) ** 2, axis=1)))
        n = float(np.hypot(*self.full))
        return float(d / n) if n > 0 else math.inf


def gradient_fan(objective: Objective, point, batch_size: int, k: int = 24, seed: int = 0) -> GradientFan | None:
    """Gradients of ``k`` random mini-batches of ``batch_size`` rows (without replacement) at ``point``."""
    if not objective.is_data:
        return None
    n = objective.n_samples
    b = max(1, min(int(batch_size), n))
    rng = np.random.default_rng([seed, 0xFA7])
    P = np.asarray(point, dtype=np.float64).reshape(1, 2)
    samples = np.array([objective.grad(P, rng.choice(n, b, replace=False))[0] for _ in range(k)])
    return GradientFan(objective.grad(P)[0], samples, b)
