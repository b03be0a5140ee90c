"""Hyperparameter sweeps and basin-of-attraction maps: grids of whole runs of the race, computed in chunks on threads.

A **sweep** cell is a run of the race with one or two hyperparameters changed; a **basin** cell is a run from another
start. Every cell is stepped by the session's array path (``session._Stepper``): the scene's start (or the basin
start), the run's other settings, schedule and convention, the batches its run would see (each chunk has its own
``BatchSampler`` of the run's strategy and the scene's seed: batch k is the same for every cell) and the usual
divergence rule (frozen at its last finite point, ``diverged_at`` the step it blew up). Every operation of a step
is per run, so a cell's result is the race's run with those values, bit for bit, however the cells are chunked
or spread over threads (tests/engine/test_sweep.py checks both against ``Session``).

The scene sections (validated by ``sweep_from_dict`` / ``basins_from_dict``, kept in ``Scene.sweep`` / ``.basins``)::

    "sweep": {"runs": ["Adam"],
              "x": {"param": "lr", "from": 1e-4, "to": 1.0, "count": 64, "scale": "log"},
              "y": {"param": "beta1", "from": 0.0, "to": 0.99, "count": 48},
              "steps": 500, "tolerance": 1e-6}
    "basins": {"runs": ["SGD"], "grid": [100, 100], "bounds": [-5, 5, -5, 5], "steps": 300}

Axis values (``grid_values``, Python floats): log ``from·(to/from)^(i/(count−1))``, linear
``from + (to−from)·i/(count−1)``; basin starts ``xmin + (xmax−xmin)·i/(nx−1)``, the same for y.

For the GUI (all of it callable from a worker thread; nothing here touches Qt)::

    plan = MapPlan(scene, scene.sweep)             # or scene.basins; MapPlan(scene, cfg, objective=obj, steps=n)
    result = plan.blank()                          # MapResult: nothing computed yet (``done`` all False)
    for cells in refinement(plan.shape):           # every 8th cell each way, then 4th, 2nd, all: a coarse map first
        part = plan.compute(cells, progress=lambda done, total: ..., cancel=lambda: flag.is_set())
        result = result.merged(part)               # immutable: hand it to the view
    plan.cell_hyperparams(cell)                    # sweep: {"lr": …, "beta1": …} to load into the run
    plan.cell_start(cell)                          # basins: (x0, y0) to start from
    stability(plan)                                # quadratic objectives: the exact stability region, or None
    classify(result, plan.objective)               # basins: which known minimum each cell ends at

Cells are numbered row-major over ``plan.shape``: (nx,) for a 1-D sweep, (ny, nx) for a 2-D sweep and for basins
(cell = j·nx + i, i along x). ``compute`` runs the cells asked for (default: all) for the runs asked for (default:
all of ``plan.labels``) in chunks of a few thousand cells, all steps of a chunk before the next, on
``workers`` threads (default: the CPUs this process may use; numpy releases the GIL in its loops), calls
``progress(done, total)`` (cells × runs) on the calling thread after each chunk and polls ``cancel()`` every 64 steps:
a cancelled call returns what was finished (``done`` tells which cells). The command line passes
``processes=True`` (forked workers): threads share the GIL for the Python half of every numpy call, so two of
them gained at most 1.4x here, and nothing while the other core was busy (benchmarks/run_benchmarks.py --only
sweep), and the GUI thread waits for the GIL behind them too. ``chunk`` sets the cells per chunk (the default
suits the cache; smaller ones give finer progress). A chunk's frozen cells are dropped from its arrays
(``_Stepper.keep``) so the rest keep the fast path. Nothing is kept per step but the loss test for
steps-to-tolerance: no history.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from .batching import BatchSampler
from .errors import PlaygroundError
from .i18n import QT_TRANSLATE_NOOP, translate
from .explain import quadratic_insight
from .hyperparams import HyperParam
from .limits import MAX_MAP_COUNT, MAX_STEPS
from .objectives import Objective
from .session import RunSpec, _Stepper

if TYPE_CHECKING:
    from .scene import Scene

SCALES = ("linear", "log")
CHUNK_CELLS = 8192  # cells stepped together: large enough that numpy's per-call cost is small, small enough for L2
CHUNK_ELEMENTS = 1 << 18  # data objectives: cells × batch rows per chunk (their temporaries are (cells, rows))
CANCEL_EVERY = 64  # steps between two polls of ``cancel``
BASIN_RADIUS = 0.01  # ``classify``: a final point within this fraction of the bounds' diagonal of a known minimum

UNCOMPUTED, DIVERGED, ELSEWHERE = -3, -2, -1  # ``classify``'s codes besides a minimum's index

_SWEEP_KEYS = ("runs", "x", "y", "steps", "tolerance")
_AXIS_KEYS = ("param", "from", "to", "count", "scale")
_BASIN_KEYS = ("runs", "grid", "bounds", "steps")
_COUNT = HyperParam("count", 2, 2, MAX_MAP_COUNT, what=QT_TRANSLATE_NOOP("Declarations", "count"), integer=True)
_GRID = HyperParam("grid", 2, 2, MAX_MAP_COUNT, what=QT_TRANSLATE_NOOP("Declarations", "grid size"), integer=True)
_STEPS = HyperParam("steps", 0, 0, MAX_STEPS, what=QT_TRANSLATE_NOOP("Declarations", "steps"), integer=True)
_TOLERANCE = HyperParam("tolerance", 1e-6, 0.0, math.inf, what=QT_TRANSLATE_NOOP("Declarations", "tolerance"))
_AXIS_EXAMPLE = '{"param": "lr", "from": 1e-4, "to": 1.0, "count": 64, "scale": "log"}'


def grid_values(start: float, stop: float, count: int, scale: str = "linear") -> np.ndarray:
    """The contract's grid, i = 0 … count−1, in Python floats: log ``start·(stop/start)^(i/(count−1))``, linear
    ``start + (stop−start)·i/(count−1)`` (so the last log value may differ from ``stop`` in the last bit)."""
    n1 = count - 1
    if scale == "log":
        ratio = stop / start
        return np.array([start * ratio ** (i / n1) for i in range(count)], dtype=np.float64)
    span = stop - start
    return np.array([start + span * i / n1 for i in range(count)], dtype=np.float64)


@dataclass(frozen=True)
class SweepAxis:
    """One swept hyperparameter: ``count`` values from ``start`` (the scene's "from") to ``stop`` ("to")."""

    param: str
    start: float
    stop: float
    count: int
    scale: str = "linear"

    def values(self) -> np.ndarray:
        return grid_values(self.start, self.stop, self.count, self.scale)

    def to_dict(self) -> dict:
        return {"param": self.param, "from": self.start, "to": self.stop, "count": self.count, "scale": self.scale}


@dataclass(frozen=True)
class SweepConfig:
    """A scene's "sweep": ``runs`` None means every enabled run; ``steps`` None the scene's; ``tolerance`` None: no
    steps-to-tolerance."""

    x: SweepAxis
    y: SweepAxis | None = None
    runs: tuple[str, ...] | None = None
    steps: int | None = None
    tolerance: float | None = None

    kind = "sweep"

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.x.count,) if self.y is None else (self.y.count, self.x.count)

    def to_dict(self) -> dict:
        d: dict = {}
        if self.runs is not None:
            d["runs"] = list(self.runs)
        d["x"] = self.x.to_dict()
        if self.y is not None:
            d["y"] = self.y.to_dict()
        if self.steps is not None:
            d["steps"] = self.steps
        if self.tolerance is not None:
            d["tolerance"] = self.tolerance
        return d


@dataclass(frozen=True)
class BasinConfig:
    """A scene's "basins": ``grid`` (nx, ny) starts over ``bounds`` (xmin, xmax, ymin, ymax; None: the
    objective's); ``runs`` None: every enabled run; ``steps`` None: the scene's."""

    grid: tuple[int, int]
    runs: tuple[str, ...] | None = None
    bounds: tuple[float, float, float, float] | None = None
    steps: int | None = None

    kind = "basins"

    @property
    def shape(self) -> tuple[int, int]:
        return (self.grid[1], self.grid[0])

    def starts(self, objective: Objective) -> tuple[np.ndarray, np.ndarray]:
        """(x0s, y0s): the start coordinates along each axis."""
        x0, x1, y0, y1 = self.bounds if self.bounds is not None else objective.bounds
        return grid_values(x0, x1, self.grid[0]), grid_values(y0, y1, self.grid[1])

    def to_dict(self) -> dict:
        d: dict = {}
        if self.runs is not None:
            d["runs"] = list(self.runs)
        d["grid"] = list(self.grid)
        if self.bounds is not None:
            d["bounds"] = list(self.bounds)
        if self.steps is not None:
            d["steps"] = self.steps
        return d


# ---- reading the scene's sections --------------------------------------------------------------------------------

def sweep_from_dict(data: object, runs: Sequence[RunSpec]) -> SweepConfig:
    """Validate a scene's "sweep" against its runs (labelled, hyperparameters resolved); ``PlaygroundError`` names
    the key: ``sweep.x.param: …``, ``sweep.x.count: …``."""
    d = _section(data, "sweep", _SWEEP_KEYS, '{"x": ' + _AXIS_EXAMPLE + '}')
    if "x" not in d:
        raise PlaygroundError(translate("Sweep", "sweep: missing key 'x' (the swept hyperparameter, such as {example})")
                              .format(example=_AXIS_EXAMPLE))
    labels, chosen = _chosen_runs(d.get("runs"), runs, "sweep")
    if "y" in d and len(chosen) != 1:
        names = ", ".join(repr(r.label) for r in chosen)
        if labels is None:
            raise PlaygroundError(translate("Sweep", "sweep.runs: a 2-D sweep (with {key}) is over exactly one run; "
                                            "name it (the enabled runs are {names})").format(key='"y"', names=names))
        raise PlaygroundError(translate("Sweep", "sweep.runs: a 2-D sweep (with {key}) is over exactly one run, got "
                                        "{count} ({names})").format(key='"y"', count=len(chosen), names=names))
    x = _axis(d["x"], "sweep.x", chosen)
    y = _axis(d["y"], "sweep.y", chosen) if "y" in d else None
    if y is not None and y.param == x.param:
        raise PlaygroundError(translate("Sweep", "sweep.y.param: {param} is already swept along x; choose another "
                                        "hyperparameter").format(param=repr(y.param)))
    steps = _valid(_STEPS, d["steps"], "sweep.steps") if "steps" in d else None
    tol = _valid(_TOLERANCE, d["tolerance"], "sweep.tolerance") if "tolerance" in d else None
    return SweepConfig(x, y, labels, steps, tol)


def basins_from_dict(data: object, runs: Sequence[RunSpec]) -> BasinConfig:
    """Validate a scene's "basins" against its runs; ``PlaygroundError`` names the key."""
    d = _section(data, "basins", _BASIN_KEYS, '{"grid": [100, 100], "bounds": [-5, 5, -5, 5], "steps": 300}')
    if "grid" not in d:
        raise PlaygroundError(translate("Sweep", "basins: missing key 'grid' (starts along x and y, such as [100, 100])"))
    labels, _ = _chosen_runs(d.get("runs"), runs, "basins")
    g = d["grid"]
    if not isinstance(g, list) or len(g) != 2:
        raise PlaygroundError(translate("Sweep", "basins.grid: expected two whole numbers [nx, ny], got {value}")
                              .format(value=repr(g)))
    grid = (_valid(_GRID, g[0], "basins.grid[0]"), _valid(_GRID, g[1], "basins.grid[1]"))
    bounds = None
    if "bounds" in d:
        b = d["bounds"]
        if not (isinstance(b, list) and len(b) == 4 and all(_is_number(v) for v in b)):
            raise PlaygroundError(translate("Sweep", "basins.bounds: expected four finite numbers [xmin, xmax, ymin, "
                                            "ymax], got {value}").format(value=repr(b)))
        bounds = tuple(float(v) for v in b)
        if not (bounds[0] < bounds[1] and bounds[2] < bounds[3]):
            raise PlaygroundError(translate("Sweep", "basins.bounds: expected xmin < xmax and ymin < ymax, got {value}")
                                  .format(value=repr(b)))
    steps = _valid(_STEPS, d["steps"], "basins.steps") if "steps" in d else None
    return BasinConfig(grid, labels, bounds, steps)


def _section(data: object, where: str, keys: tuple[str, ...], example: str) -> dict:
    if not isinstance(data, dict):
        raise PlaygroundError(translate("Sweep", "{where}: expected an object such as {example}, got {value}")
                              .format(where=where, example=example, value=repr(data)))
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise PlaygroundError(translate("Sweep", "{where}: unknown key (known: {known})")
                              .format(where=f"{where}.{unknown[0]}", known=", ".join(keys)))
    return data


def _chosen_runs(given: object, runs: Sequence[RunSpec], where: str) -> tuple[tuple[str, ...] | None, list[RunSpec]]:
    """(the labels as the scene gives them, or None for every enabled run; the runs they name)."""
    by_label = {r.label: r for r in runs}
    if given is None:
        chosen = [r for r in runs if r.enabled]
        if not chosen:
            raise PlaygroundError(translate("Sweep", "{where}.runs: every optimizer is disabled; name the runs to map")
                                  .format(where=where))
        return None, chosen
    if not isinstance(given, list) or not given:
        raise PlaygroundError(translate("Sweep", "{where}.runs: expected a non-empty list of run labels such as "
                                        "{example}, got {value}").format(where=where, example='["Adam"]',
                                                                         value=repr(given)))
    for i, label in enumerate(given):
        if not isinstance(label, str) or label not in by_label:
            raise PlaygroundError(translate("Sweep", "{where}: no run labelled {label} (labels: {labels})")
                                  .format(where=f"{where}.runs[{i}]", label=repr(label), labels=", ".join(by_label)))
        if label in given[:i]:
            raise PlaygroundError(translate("Sweep", "{where}: {label} is named twice")
                                  .format(where=f"{where}.runs[{i}]", label=repr(label)))
    return tuple(given), [by_label[label] for label in given]


def _axis(data: object, where: str, runs: list[RunSpec]) -> SweepAxis:
    d = _section(data, where, _AXIS_KEYS, _AXIS_EXAMPLE)
    for key in ("param", "from", "to", "count"):
        if key not in d:
            raise PlaygroundError(translate("Sweep", "{where}: missing key {key} (for example {example})")
                                  .format(where=where, key=repr(key), example=_AXIS_EXAMPLE))
    param = d["param"]
    decls = []
    for r in runs:
        known = {h.name: h for h in r.spec.hyperparams}
        if not isinstance(param, str) or param not in known:
            raise PlaygroundError(translate("Sweep", "{where}.param: {param} is not a hyperparameter of run {label} "
                                            "({type}: {known})").format(where=where, param=repr(param),
                                                                        label=repr(r.label), type=r.type,
                                                                        known=", ".join(known)))
        if known[param].boolean:
            raise PlaygroundError(translate("Sweep", "{where}.param: {param} is true or false; a sweep needs a number")
                                  .format(where=where, param=repr(param)))
        decls.append((r, known[param]))
    scale = d.get("scale", "linear")
    if scale not in SCALES:
        raise PlaygroundError(translate("Sweep", "{where}.scale: expected {linear} or {log}, got {value}")
                              .format(where=where, linear='"linear"', log='"log"', value=repr(scale)))
    count = _valid(_COUNT, d["count"], f"{where}.count")
    ends = []
    for key in ("from", "to"):
        v = d[key]
        if not _is_number(v):
            raise PlaygroundError(translate("Sweep", "{where}: expected a finite number, got {value}")
                                  .format(where=f"{where}.{key}", value=repr(v)))
        if scale == "log" and v <= 0:
            raise PlaygroundError(translate("Sweep", "{where}.{key}: a log scale needs {key} > 0, got {value}")
                                  .format(where=where, key=key, value=repr(v)))
        ends.append(float(v))
    axis = SweepAxis(param, ends[0], ends[1], count, scale)
    values = axis.values()
    for r, h in decls:  # the valid range is an interval: its extreme values decide
        for v in (float(values.min()), float(values.max())):
            try:
                h.validate(v)
            except PlaygroundError as e:
                raise PlaygroundError(translate("Sweep", "{where}: {param} = {value} for run {label}: {reason}")
                                      .format(where=where, param=param, value=repr(v), label=repr(r.label),
                                              reason=e)) from None
    return axis


def _valid(h: HyperParam, value: object, where: str):
    if h.integer and (isinstance(value, bool) or not isinstance(value, int)):
        raise PlaygroundError(translate("Sweep", "{where}: expected a whole number, got {value}")
                              .format(where=where, value=repr(value)))
    try:
        return h.validate(value)
    except PlaygroundError as e:
        raise PlaygroundError(f"{where}: {e}") from None


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# ---- results -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MapResult:
    """A map's cells, per run: arrays of shape (runs, *shape) (``final`` adds the coordinate axis), read-only.

    ``loss``: full-data loss after the last step (at the last finite point of a diverged cell; NaN where not
    computed or where a basin start is outside the objective's domain); ``steps_to_tol``: the first step whose
    loss ≤ the known minimum value + tolerance (0: the start already is), −1 for none (never, no tolerance or no
    known minimum); ``diverged_at``: the step it blew up, −1 for none (0: a start where the loss is not finite);
    ``done``: computed. ``xs``/``ys``: the x and y values (sweep axes or basin starts; ``ys`` None for 1-D)."""

    kind: str
    labels: tuple[str, ...]
    shape: tuple[int, ...]
    steps: int
    xs: np.ndarray
    ys: np.ndarray | None
    final: np.ndarray
    loss: np.ndarray
    steps_to_tol: np.ndarray
    diverged_at: np.ndarray
    done: np.ndarray

    @property
    def complete(self) -> bool:
        return bool(self.done.all())

    def merged(self, other: "MapResult") -> "MapResult":
        """This result with ``other``'s computed cells written over it (a new result; neither changes)."""
        if other.shape != self.shape or other.labels != self.labels:
            raise ValueError("merged: results of different maps")
        m = other.done
        arrays = {}
        for name in ("final", "loss", "steps_to_tol", "diverged_at", "done"):
            a = getattr(self, name).copy()
            a[m] = getattr(other, name)[m]
            a.flags.writeable = False
            arrays[name] = a
        return replace(self, **arrays)


def refinement(shape: tuple[int, ...], strides: Sequence[int] = (8, 4, 2, 1)) -> list[np.ndarray]:
    """Flat cell indices in levels: every ``strides[0]``-th cell along each axis, then the cells every
    ``strides[1]``-th adds, and so on down to 1 (all the rest), so that a map appears coarse and then sharpens."""
    seen = np.zeros(shape, dtype=bool)
    levels = []
    for s in strides:
        mask = np.zeros(shape, dtype=bool)
        mask[tuple(slice(None, None, s) for _ in shape)] = True
        mask &= ~seen
        seen |= mask
        idx = np.flatnonzero(mask)
        if idx.size:
            levels.append(idx)
    rest = np.flatnonzero(~seen)
    if rest.size:
        levels.append(rest)
    return levels


# ---- computing ---------------------------------------------------------------------------------------------------

class MapPlan:
    """Everything a sweep's or a basin map's cells need, resolved from a scene: the runs, the objective, the axis
    values or starts, the steps and the tolerance threshold. Immutable after construction; ``compute`` may run on
    several threads at once."""

    def __init__(self, scene: "Scene", config: SweepConfig | BasinConfig, objective: Objective | None = None,
                 steps: int | None = None):
        # checked again against the scene's runs as they are now (the window may have changed a run since)
        check = sweep_from_dict if isinstance(config, SweepConfig) else basins_from_dict
        check(config.to_dict(), scene.optimizers)
        self.config = config
        self.kind = config.kind
        self.objective = objective if objective is not None else scene.build_objective()
        self.steps = config.steps if config.steps is not None else (scene.steps if steps is None else int(steps))
        by_label = {r.label: r for r in scene.optimizers}
        chosen = ([r for r in scene.optimizers if r.enabled] if config.runs is None
                  else [by_label[label] for label in config.runs])
        self.runs: tuple[RunSpec, ...] = tuple(r.resolved() for r in chosen)
        self.labels = tuple(r.label for r in self.runs)
        self.shape = config.shape
        self.n_cells = int(np.prod(self.shape))
        self.seed = scene.seed
        obj = self.objective
        # The batch strategy of each run, exactly as Session picks it (its own, else the scene's).
        self._batches = [r.batch if r.batch is not None and obj.is_data else scene.batch for r in self.runs]
        samplers = [BatchSampler(cfg, obj.n_samples, self.seed) for cfg in self._batches]  # validates batch sizes
        cheap_full = obj.point_functions() is not None  # full-batch cost independent of the rows
        self._chunk = [CHUNK_CELLS if not obj.is_data or (s.full and cheap_full)
                       else max(16, min(CHUNK_CELLS, CHUNK_ELEMENTS // max(1, s.size))) for s in samplers]
        if isinstance(config, SweepConfig):
            self.xs = config.x.values()
            self.ys = config.y.values() if config.y is not None else None
            start = scene.start if scene.start is not None else obj.start
            self.start = (float(start[0]), float(start[1]))
            if not np.isfinite(obj.value(np.array([self.start]))).all():
                raise PlaygroundError(translate("Sweep", "start: the loss is not finite at the start point {point}")
                                      .format(point=self.start))
            tol = config.tolerance
        else:
            self.xs, self.ys = config.starts(obj)
            self.start = None
            tol = None
        self.threshold = None  # steps-to-tolerance: loss ≤ this
        if tol is not None and obj.minima:
            self.threshold = float(np.min(obj.value(np.array(obj.minima, dtype=np.float64)))) + tol

    # ---- cells -----------------------------------------------------------------------------------------------
    def _ij(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        nx = self.shape[-1]
        return (cells % nx, cells // nx) if len(self.shape) == 2 else (cells, None)

    def cell_hyperparams(self, cell: int) -> dict:
        """Sweep: the swept hyperparameters' values of cell ``cell``, to load into the run."""
        if self.kind != "sweep":
            raise ValueError("cell_hyperparams: a basin map's cells differ by start (cell_start)")
        i, j = self._ij(np.array([cell]))
        out = {self.config.x.param: float(self.xs[i[0]])}
        if j is not None:
            out[self.config.y.param] = float(self.ys[j[0]])
        return out

    def cell_start(self, cell: int) -> tuple[float, float]:
        """Basins: the start point of cell ``cell``; a sweep's cells all start at the scene's start."""
        if self.kind != "basins":
            return self.start
        i, j = self._ij(np.array([cell]))
        return float(self.xs[i[0]]), float(self.ys[j[0]])

    def cell_run(self, run: int, cell: int) -> RunSpec:
        """The race's run that cell ``cell`` of run ``run`` is (its start set for a basin cell)."""
        r = self.runs[run]
        if self.kind == "sweep":
            return replace(r, hyperparams={**r.hyperparams, **self.cell_hyperparams(cell)})
        return replace(r, start=self.cell_start(cell))

    def blank(self) -> MapResult:
        """A result with no cell computed."""
        R = len(self.runs)
        arrays = dict(final=np.full((R, *self.shape, 2), np.nan), loss=np.full((R, *self.shape), np.nan),
                      steps_to_tol=np.full((R, *self.shape), -1, dtype=np.int64),
                      diverged_at=np.full((R, *self.shape), -1, dtype=np.int64),
                      done=np.zeros((R, *self.shape), dtype=bool))
        for a in arrays.values():
            a.flags.writeable = False
        return MapResult(self.kind, self.labels, self.shape, self.steps, self.xs, self.ys, **arrays)

    def compute(self, cells=None, runs: Sequence[int] | None = None,
                progress: Callable[[int, int], None] | None = None, cancel: Callable[[], bool] | None = None,
                workers: int | None = None, chunk: int | None = None, processes: bool = False) -> MapResult:
        """Compute ``cells`` (flat indices; default all) of ``runs`` (indices into ``labels``; default all) and
        return them as a ``MapResult`` (other cells not ``done``). See the module docstring.

        ``processes``: spread the chunks over forked worker processes instead of threads, for a program with no
        other threads (the command line): threads share the GIL for the Python half of every numpy call, so two
        of them do not make two cores' work. ``cancel`` is then polled between chunks only. Where there is no
        fork (Windows, macOS by default), threads are used."""
        if cells is None:
            cells = np.arange(self.n_cells)
        cells = np.unique(np.asarray(cells, dtype=np.int64).ravel())
        if cells.size and not (0 <= cells[0] and cells[-1] < self.n_cells):
            raise IndexError(f"cells: indices must be in [0, {self.n_cells})")
        run_ids = list(range(len(self.runs))) if runs is None else [range(len(self.runs))[r] for r in runs]
        jobs = []
        for r in run_ids:
            size = max(1, int(chunk) if chunk else self._chunk[r])
            jobs.extend((r, cells[s: s + size]) for s in range(0, len(cells), size))
        total = sum(len(c) for _, c in jobs)
        R = len(self.runs)
        final = np.full((R, self.n_cells, 2), np.nan)
        loss = np.full((R, self.n_cells), np.nan)
        stt = np.full((R, self.n_cells), -1, dtype=np.int64)
        div = np.full((R, self.n_cells), -1, dtype=np.int64)
        done = np.zeros((R, self.n_cells), dtype=bool)
        finished = 0

        def store(r: int, c: np.ndarray, out) -> None:
            nonlocal finished
            if out is None:
                return
            final[r, c], loss[r, c], stt[r, c], div[r, c] = out
            done[r, c] = True
            finished += len(c)
            if progress is not None:
                progress(finished, total)

        n_threads = min(len(jobs), workers if workers else _cpus())
        if n_threads <= 1:
            for r, c in jobs:
                store(r, c, self._run_chunk(r, c, cancel))
        elif processes and "fork" in multiprocessing.get_all_start_methods():
            # forked children inherit the plan (never pickled); only (run, cells) and each chunk's arrays travel
            with ProcessPoolExecutor(n_threads, mp_context=multiprocessing.get_context("fork"),
                                     initializer=_adopt, initargs=(self,)) as pool:
                futures = {pool.submit(_adopted_chunk, r, c): (r, c) for r, c in jobs}
                for f in as_completed(futures):
                    if cancel is not None and cancel():
                        for other in futures:
                            other.cancel()
                        continue
                    if not f.cancelled():
                        store(*futures[f], f.result())
        else:
            with ThreadPoolExecutor(n_threads, thread_name_prefix="map") as pool:
                futures = {pool.submit(self._run_chunk, r, c, cancel): (r, c) for r, c in jobs}
                for f in as_completed(futures):
                    store(*futures[f], f.result())
        arrays = dict(final=final.reshape(R, *self.shape, 2), loss=loss.reshape(R, *self.shape),
                      steps_to_tol=stt.reshape(R, *self.shape), diverged_at=div.reshape(R, *self.shape),
                      done=done.reshape(R, *self.shape))
        for a in arrays.values():
            a.flags.writeable = False
        return MapResult(self.kind, self.labels, self.shape, self.steps, self.xs, self.ys, **arrays)

    def _run_chunk(self, r: int, cells: np.ndarray, cancel: Callable[[], bool] | None):
        """All steps of one chunk of one run's cells: (final points, losses, steps to tolerance, diverged_at), or
        None when cancelled."""
        if cancel is not None and cancel():
            return None
        run = self.runs[r]
        n = len(cells)
        i, j = self._ij(cells)
        hp: dict = dict(run.hyperparams)
        if self.kind == "sweep":
            hp[self.config.x.param] = self.xs[i][:, None]
            if j is not None:
                hp[self.config.y.param] = self.ys[j][:, None]
            starts = np.tile(np.array(self.start, dtype=np.float64), (n, 1))
        else:
            starts = np.column_stack([self.xs[i], self.ys[j]])
        sampler = BatchSampler(self._batches[r], self.objective.n_samples, self.seed)  # per chunk: not shared
        st = _Stepper(self.objective, [run.type] * n, hp, starts, sampler, False,
                      schedules=[run.schedule] * n, conventions=[run.convention] * n)
        final = np.empty((n, 2))
        loss = np.empty(n)
        div = np.full(n, -1, dtype=np.int64)
        stt = np.full(n, -1, dtype=np.int64)
        rows = np.arange(n)  # the cell each of the stepper's rows is
        with np.errstate(all="ignore"):
            loss0 = st.reset(strict=False)
            thr = None
            if self.threshold is not None:
                hit = loss0 <= self.threshold
                stt[hit] = 0
                thr = np.where(hit, -np.inf, self.threshold)  # per row; −inf once it has been reached
            for k in range(1, self.steps + 1):
                if st.n_frozen:  # record the frozen cells and step on without them
                    frozen = st.diverged_at >= 0
                    gone = rows[frozen]
                    final[gone], loss[gone], div[gone] = st.params[frozen], st.loss[frozen], st.diverged_at[frozen]
                    keep = np.flatnonzero(~frozen)
                    rows = rows[keep]
                    if thr is not None:
                        thr = thr[keep]
                    if not len(rows):
                        break
                    st.keep(keep)
                st.advance()
                if thr is not None:
                    hit = st.loss <= thr
                    if hit.any():
                        stt[rows[hit]] = k
                        thr[hit] = -np.inf
                if cancel is not None and k % CANCEL_EVERY == 0 and cancel():
                    return None
        if len(rows):
            final[rows], loss[rows], div[rows] = st.params, st.loss, st.diverged_at
        return final, loss, stt, div


_ADOPTED: list[MapPlan] = []  # in a forked worker process: the plan it computes chunks of (see ``compute``)


def _adopt(plan: MapPlan) -> None:
    _ADOPTED[:] = [plan]


def _adopted_chunk(r: int, cells: np.ndarray):
    return _ADOPTED[0]._run_chunk(r, cells, None)


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---- reading a map -----------------------------------------------------------------------------------------------

def classify(result: MapResult, objective: Objective, radius: float | None = None) -> np.ndarray:
    """Where each cell's run ended: the index of the known minimum (``objective.minima``) nearest its final point
    when within ``radius`` of it, ``ELSEWHERE`` (−1) when none is, ``DIVERGED`` (−2), ``UNCOMPUTED`` (−3). The
    default radius is ``BASIN_RADIUS`` (1 %) of the diagonal of the objective's bounds: wide enough for minima
    given to 6 decimals (Himmelblau's) and for a run still settling, narrow enough to tell neighbours apart."""
    out = np.full(result.loss.shape, ELSEWHERE, dtype=np.int64)
    if radius is None:
        x0, x1, y0, y1 = objective.bounds
        radius = BASIN_RADIUS * math.hypot(x1 - x0, y1 - y0)
    if objective.minima:
        M = np.array(objective.minima, dtype=np.float64)
        d = np.hypot(result.final[..., None, 0] - M[:, 0], result.final[..., None, 1] - M[:, 1])
        with np.errstate(invalid="ignore"):
            nearest = np.argmin(np.where(np.isnan(d), np.inf, d), axis=-1)
            near = np.take_along_axis(d, nearest[..., None], axis=-1)[..., 0] <= radius
        out[near] = nearest[near]
    out[result.diverged_at >= 0] = DIVERGED
    out[~result.done] = UNCOMPUTED
    return out


@dataclass(frozen=True)
class Stability:
    """The exact stability region of a fixed-step rule on a quadratic objective, for a sweep's cells: a cell is
    stable iff its η < ``limits`` (the rule's declared bound, ``OptimizerSpec.stability``, at the cell's
    hyperparameters and the Hessian's λ_max; NaN where the bound is unknown, e.g. dampening 1).

    For drawing: ``threshold`` (1-D sweep over ``lr``) is the η where stability ends; ``boundary`` (2-D sweep with
    ``lr`` on one axis) is (values of the other axis, η_max at each): the curve between stable and unstable."""

    label: str
    lam_max: float
    lr: np.ndarray  # each cell's η, the map's shape
    limits: np.ndarray  # each cell's largest stable η, the map's shape
    threshold: float | None = None
    boundary: tuple[np.ndarray, np.ndarray] | None = None
    lr_axis: str | None = None  # "x" or "y": the axis ``lr`` is swept along

    @property
    def stable(self) -> np.ndarray:
        """The theory's verdict per cell (False where the bound is unknown)."""
        with np.errstate(invalid="ignore"):
            return self.lr < self.limits


def stability(plan: MapPlan, run: int = 0) -> Stability | None:
    """The stability region of run ``run`` of a sweep on a quadratic objective (``explain.quadratic_insight``),
    or None: not a sweep, not a positive-definite quadratic, or a rule without a known bound (adaptive ones)."""
    if plan.kind != "sweep":
        return None
    insight = quadratic_insight(plan.objective)
    if insight is None:
        return None
    r = plan.runs[run]
    lam = float(insight.eigenvalues[-1])
    if r.spec.stability is None:
        return None
    cfg = plan.config
    xs, ys = plan.xs, plan.ys

    def limit(hp: dict) -> float:
        v = insight.lr_limit(r.type, hp, r.convention)
        return math.nan if v is None else float(v)

    def cell_hp(i: int, j: int | None) -> dict:
        hp = {**r.hyperparams, cfg.x.param: float(xs[i])}
        if j is not None:
            hp[cfg.y.param] = float(ys[j])
        return hp

    if ys is None:
        hps = [cell_hp(i, None) for i in range(len(xs))]
    else:
        hps = [cell_hp(i, j) for j in range(len(ys)) for i in range(len(xs))]
    limits = np.array([limit(hp) for hp in hps]).reshape(plan.shape)
    lrs = np.array([hp["lr"] for hp in hps], dtype=np.float64).reshape(plan.shape)
    threshold = boundary = lr_axis = None
    if cfg.x.param == "lr":
        lr_axis = "x"
        if ys is None:
            threshold = float(limits[0]) if math.isfinite(limits[0]) else None  # the bound is the same for every η
        else:
            boundary = (ys.copy(), limits[:, 0].copy())
    elif cfg.y is not None and cfg.y.param == "lr":
        lr_axis = "y"
        boundary = (xs.copy(), limits[0, :].copy())
    return Stability(r.label, lam, lrs, limits, threshold, boundary, lr_axis)
