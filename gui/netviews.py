"""The window's pieces for a network race (an ``mlp`` scene): the runs' paths on a plane through θ space, the loss
landscape on that plane computed off the GUI thread, and the stepping thread.

* ``NetProjection``: a ``landscape.Plane`` and every run's kept θ projected on it (``Plane.project``), cached per
  (run, step): a kept θ never changes until the session resets, and projecting 64 θ of 37,810 numbers per run every
  frame would cost more than drawing.
* ``LandscapeWorker``: on a plain Python thread (no Qt object, as ``main_window.ContourWorker``): fits the plane to a
  snapshot's paths (PCA through θ₀, or two random filter-normalised directions), computes the 41 × 41 full-data
  losses around the projected paths (``landscape.surface``, progress and cancel) and the colour map and level
  curves (``plots.compute_contour``). The window polls ``done``/``result``/``progress``.
* ``NetStepper``: steps a ``NetSession`` on a worker thread. The GUI asks for n steps (``request``); the worker
  steps and publishes the immutable ``NetSnapshot``; the window's frame timer only takes the latest snapshot
  (``latest``) and draws it. Every other use of the session (Step, Reset, edits, rebuilds) first ``drain``s the
  worker, so the session is only ever touched by one thread at a time.
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from engine import landscape
from engine.errors import PlaygroundError
from engine.i18n import QT_TRANSLATE_NOOP
from engine.netsession import NetSnapshot

from .i18n import translate
from .jobs import ThreadJob
from .plots import ContourData, colour_scale, compute_contour

log = logging.getLogger("optimizer_playground")

LANDSCAPE_N = 41  # the plane's grid: 41 × 41 full-data losses (the figure, ≤ 2 s for the book's network)

# made at import time: shown through i18n.declared(EXPLAIN_LANDSCAPE)
EXPLAIN_LANDSCAPE = QT_TRANSLATE_NOOP(
    "Declarations",
    "The map shows the full-data loss on a plane through the initial weights θ₀ (the white dot, where every run "
    "starts): θ₀ + a·d₁ + b·d₂. By default d₁, d₂ are the top two principal directions of the runs' paths (Li et "
    "al. 2018, “Visualizing the Loss Landscape of Neural Nets”); the axes say how much of the paths' spread each "
    "captures. What it can show: where the runs went relative to each other, and how the loss changes along the "
    "two directions they moved most. What it cannot: the other dimensions (D − 2 of them) — a valley that looks "
    "closed may be open in another direction, projected paths can cross where the paths never meet, and a run's "
    "loss is the contour under its dot only if its path lies in the plane. The random plane (two Gaussian "
    "directions, filter-normalised) shows what the runs saw around the start, not where they went."
)


def stacked_paths(snap: NetSnapshot) -> np.ndarray:
    """Every run's kept θ and last point, one row each (what ``pca_plane`` is fitted to)."""
    return np.vstack([snap.path(i)[1] for i in range(len(snap.runs))])


class NetProjection:
    """A plane and the runs' paths projected on it, projected once per kept θ (see the module docstring)."""

    def __init__(self, plane: landscape.Plane | None = None):
        self.plane = plane
        self._cache: dict[tuple[int, int], np.ndarray] = {}

    def set_plane(self, plane: landscape.Plane | None) -> None:
        self.plane = plane
        self._cache = {}

    def clear(self) -> None:
        """The session was reset or rebuilt: kept θ at old steps may differ now."""
        self._cache = {}

    def path(self, snap: NetSnapshot, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(steps, xy (k, 2)) of run ``i``: its kept θ up to its last point, and its last point, on the plane; the
        same steps as ``snap.path(i)`` and the same numbers as ``plane.project(snap.path(i)[1])`` (each θ is
        projected alone)."""
        if self.plane is None:
            return np.zeros(1, dtype=np.int64), np.zeros((1, 2))
        end = snap.runs[i].n_points - 1
        steps: list[int] = []
        rows: list[np.ndarray] = []
        for j, s in enumerate(snap.snapshot_steps.tolist()):
            if s > end:
                break
            key = (i, s)
            xy = self._cache.get(key)
            if xy is None:
                xy = self._cache[key] = self.plane.project(snap._thetas[j][i])[0]
            steps.append(s)
            rows.append(xy)
        last = end if snap.model_steps is None else snap.model_steps[i]  # see NetSnapshot.path
        if not steps or steps[-1] < last:
            steps.append(last)
            rows.append(self.plane.project(snap.params[i])[0])
        return np.array(steps), np.array(rows)


class LandscapeWorker(ThreadJob):
    """Fits a plane to ``snap``'s paths and computes the loss on it, on a plain thread (see the module docstring).

    ``kind``: "pca" or "random". ``result``: (plane, ContourData) when done; ``error``: a message when the plane
    cannot be fitted (the runs have not moved) or the surface fails; None for both when cancelled."""

    thread_name = "landscape-worker"

    def __init__(self, objective, snap: NetSnapshot, kind: str = "pca", n: int = LANDSCAPE_N, seed: int = 0):
        self.objective, self.snap, self.kind, self.n, self.seed = objective, snap, kind, n, seed
        self.cancelled = False
        self.progress = 0.0
        self.result: tuple[landscape.Plane, ContourData] | None = None
        self.error: str | None = None

    def compute(self) -> tuple[landscape.Plane, ContourData]:
        """Fit and compute on the calling thread (the command line's figures): (plane, ContourData), or a
        PlaygroundError with the reason."""
        self._run()
        if self.error is not None:
            raise PlaygroundError(self.error)
        return self.result

    def _run(self) -> None:
        try:
            obj, snap = self.objective, self.snap
            origin = obj.theta0
            if self.kind == "pca":
                plane = landscape.pca_plane(stacked_paths(snap), origin)
            else:
                plane = landscape.random_plane(obj, origin, self.seed)
            proj = NetProjection(plane)
            xy = np.vstack([proj.path(snap, i)[1] for i in range(len(snap.runs))])
            rect = plane.extent(xy)
            if self.kind == "random":  # the random plane is about the start: at least ±1 in each direction
                rect = (min(rect[0], -1.0), max(rect[1], 1.0), min(rect[2], -1.0), max(rect[3], 1.0))
            xs, ys = landscape.grid_axes(rect, self.n)

            def progress(done: int, total: int) -> None:
                self.progress = done / total
            # single-precision forward passes: twice as fast (the 41 × 41 picture in ~2 s instead of ~5 s), within
            # ~1e-5 of float64 — a picture, not numbers to quote (the losses drawn elsewhere are float64)
            Z = landscape.surface(obj, plane, xs, ys, progress=progress, cancelled=lambda: self.cancelled,
                                  dtype=np.float32)
            if Z is None or self.cancelled:
                return
            data = compute_contour(obj, grid=(xs, ys, Z), scale=colour_scale(obj, Z), label_rect=rect)
            self.result = (plane, data)
        except PlaygroundError as e:
            self.error = str(e)
        except Exception as e:  # noqa: BLE001 - reported to the window, never lost in the thread
            log.exception("computing the landscape failed")
            self.error = translate("NetViews", "Could not compute the loss landscape: {error}").format(error=e)


def axis_labels(plane: landscape.Plane | None) -> tuple[str, str]:
    """The contour view's axis titles for a plane: the PCA plane's variance captured, so nobody over-reads it."""
    if plane is None:
        return (translate("NetViews", "plane direction 1 (not fitted yet)"),
                translate("NetViews", "plane direction 2"))
    if plane.explained is None:
        return (translate("NetViews", "random direction 1 (filter-normalised)"),
                translate("NetViews", "random direction 2 (filter-normalised)"))
    e1, e2 = plane.explained
    return (translate("NetViews", "PC1: {percent} % of the paths' spread").format(percent=f"{100 * e1:.0f}"),
            translate("NetViews", "PC2: {percent} %").format(percent=f"{100 * e2:.0f}"))


class NetStepper:
    """Steps a NetSession on a worker thread; see the module docstring. Methods are called from the GUI thread."""

    def __init__(self, session):
        self.session = session
        self._cv = threading.Condition()
        self._pending = 0  # steps asked for and not yet taken
        self._busy = False
        self._latest: NetSnapshot | None = None
        self._error: str | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="net-stepper", daemon=True)
        self._thread.start()

    def request(self, n: int) -> None:
        """Ask for n more steps (added to what is still pending)."""
        with self._cv:
            self._pending += max(0, int(n))
            self._cv.notify_all()

    @property
    def pending(self) -> int:
        with self._cv:
            return self._pending + (1 if self._busy else 0)

    def latest(self) -> tuple[NetSnapshot | None, str | None]:
        """(the newest snapshot not yet taken, or None; an error from the worker, or None), both cleared."""
        with self._cv:
            snap, err = self._latest, self._error
            self._latest, self._error = None, None
            return snap, err

    def drain(self) -> None:
        """Drop pending steps and wait for the step in progress: the session is the caller's until the next
        ``request``."""
        with self._cv:
            self._pending = 0
            while self._busy:
                self._cv.wait()

    def close(self) -> None:
        with self._cv:
            self._pending = 0
            self._stop = True
            self._cv.notify_all()
            while self._busy:
                self._cv.wait()

    def _run(self) -> None:
        every = self.session.every
        while True:
            with self._cv:
                while not self._pending and not self._stop:
                    self._cv.wait()
                if self._stop:
                    return
                # Up to the next multiple of ``every``: each step call ends with a full-data loss (a forward pass
                # over the data per run, ~3 ms each on the digits); at multiples of ``every`` it is recorded anyway.
                n = min(self._pending, every - self.session.step_count % every)
                self._pending -= n
                self._busy = True
            try:
                snap = self.session.step(n)
                err = None
            except Exception as e:  # noqa: BLE001 - reported on the GUI thread
                log.exception("error while stepping the network")
                snap, err = None, f"{type(e).__name__}: {e}"
            with self._cv:
                self._busy = False
                if snap is not None:
                    self._latest = snap
                if err is not None:
                    self._error = err
                    self._pending = 0
                self._cv.notify_all()
