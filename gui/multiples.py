"""Small multiples: one contour panel per run with its own trajectory and title, axes linked (the book's Figure 6-8).

Used by the window (View ▸ Layout ▸ One panel per run) and by exports (``layout="grid"``); each panel is an ordinary
ContourPlot fed a view of the snapshot that holds only its run.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6 import QtCore

from engine import Objective, Snapshot

from .legend import diverged_note
from .plots import ContourData, ContourPlot, Rect

LAYOUTS = ("single", "grid")  # one contour view with every run / one panel per run


def grid_shape(n: int) -> tuple[int, int]:
    """(rows, columns) for ``n`` panels: as square as possible, wider than tall (4 -> 2×2, 3 -> 2×2, 5 -> 2×3)."""
    cols = max(1, math.ceil(math.sqrt(n)))
    return max(1, math.ceil(n / cols)), cols


class OneRun:
    """``snap`` seen as holding only run ``k``: what a panel's ContourPlot reads (``runs`` and ``trajectory``)."""

    __slots__ = ("runs", "_snap", "_k")

    def __init__(self, snap: Snapshot, k: int):
        self._snap, self._k = snap, k
        self.runs = (snap.runs[k],)

    def trajectory(self, _i: int):
        return self._snap.trajectory(self._k)


def panel_title(label: str, color: str, diverged_at: int | None = None) -> str:
    """A panel's title: the run's colour, its label (escaped: user text), and a divergence flag."""
    tail = diverged_note(diverged_at) if diverged_at is not None else ""
    return f"<span style='color:{color}'>━━</span>&nbsp;{html.escape(label)}{tail}"


class RunPanels:
    """One ContourPlot per run of the snapshot shown, laid out in ``layout`` (a pg.GraphicsLayout), axes linked.

    ``show`` rebuilds the panels only when the objective, its surface or the runs' labels and colours change; a new
    step only calls setData, as the single contour view does."""

    def __init__(self, layout: pg.GraphicsLayout, title_size: str = "9pt"):
        self.layout = layout
        self.title_size = title_size
        self.panels: list[ContourPlot] = []
        self._key: tuple | None = None
        self._titles: list[str] = []
        self.surface_requested = None  # see follow_view
        self._debounce: QtCore.QTimer | None = None

    @property
    def objective(self) -> Objective | None:
        return self.panels[0].objective if self.panels else None

    def follow_view(self, surface_requested) -> None:
        """Keep the colour map under every panel's whole view, as ContourPlot.follow_view does for the single view
        (the window's panels; an export's are shaped like the bounds). The panels' axes are linked but each keeps
        equal scales, so a panel wider or taller than the others shows more of the plane: once the ranges have
        stopped changing for 150 ms and the drawn grid does not cover some panel's view (or is too coarse for it),
        ``surface_requested(rect)`` is called with the rect covering every panel's view, and the caller hands a
        grid to set_surface."""
        self.surface_requested = surface_requested
        self._debounce = QtCore.QTimer(self.layout)  # dies with the panels' layout
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.check_coverage)
        for panel in self.panels:
            panel.plot.vb.sigRangeChanged.connect(self._range_changed)

    def _range_changed(self, *_args) -> None:
        self._debounce.start()

    def visible_rect(self) -> Rect | None:
        """The smallest rect holding every panel's view."""
        if not self.panels:
            return None
        rects = [p.visible_rect() for p in self.panels]
        return (min(r[0] for r in rects), max(r[1] for r in rects), min(r[2] for r in rects),
                max(r[3] for r in rects))

    def set_surface(self, data: ContourData | None) -> None:
        for panel in self.panels:
            panel.set_surface(data)

    def check_coverage(self) -> None:
        if self.surface_requested is None or not any(p.needs_surface() for p in self.panels):
            return
        view = self.visible_rect()
        base = self.panels[0].base
        if base is not None and ContourPlot._fits(base, view):
            self.set_surface(base)  # back within the first grid: nothing to compute
        else:
            self.surface_requested(view)

    def show(self, objective: Objective | None, data: ContourData | None, snap: Snapshot | None,
             start: tuple[float, float] | None, titles: list[str] | None = None) -> None:
        """Draw every run of ``snap`` in its own panel; ``titles`` replace the run labels (e.g. with
        hyperparameters)."""
        runs = snap.runs if snap is not None else ()
        labels = titles if titles is not None else [r.label for r in runs]
        colors = [r.color or "#000000" for r in runs]
        key = (id(objective), id(data), tuple(labels), tuple(colors))
        if key != self._key:
            self._build(objective, data, colors)
            self._key = key
        for k, panel in enumerate(self.panels):
            panel.render(OneRun(snap, k), start)
            title = panel_title(labels[k], colors[k], runs[k].diverged_at)
            if title != self._titles[k]:  # a title's relayout costs about a millisecond: only on a change
                panel.plot.setTitle(title, size=self.title_size)
                self._titles[k] = title

    def _build(self, objective: Objective | None, data: ContourData | None, colors: list[str]) -> None:
        self.layout.clear()
        self.panels, self._titles = [], []
        if objective is None:
            return
        _rows, cols = grid_shape(len(colors))
        first = None
        for k, color in enumerate(colors):
            plot = self.layout.addPlot(row=k // cols, col=k % cols)
            plot.setMenuEnabled(False)  # pyqtgraph's menu (its plot options, its exporter) is not the app's
            plot.vb.disableAutoRange()  # the surface's bounds, not a diverged run's last points, set the view
            if self._debounce is not None:
                plot.vb.sigRangeChanged.connect(self._range_changed)
            panel = ContourPlot(plot)
            panel.set_objective(objective, data)
            panel.set_runs([""], [color])
            plot.setAspectLocked(True)
            if first is None:
                first = plot
            else:  # shared axes: panning or zooming one panel moves them all
                plot.setXLink(first)
                plot.setYLink(first)
            self.panels.append(panel)
            self._titles.append("")
        if self.panels:
            self.panels[0].reset_view()
