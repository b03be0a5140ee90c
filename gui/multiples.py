"""Small multiples: one contour panel per run with its own trajectory and title, axes linked (the book's Figure 6-8).

Used by the window (View ▸ Layout ▸ One panel per run) and by exports (``layout="grid"``); each panel is an ordinary
ContourPlot fed a view of the snapshot that holds only its run.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg

from engine import Objective, Snapshot

from .legend import DIVERGED
from .plots import ContourData, ContourPlot

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
    tail = f" <span style='color:{DIVERGED}'>✕ diverged at step {diverged_at}</span>" if diverged_at is not None else ""
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
            plot.vb.disableAutoRange()  # the surface's bounds, not a diverged run's last points, set the view
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
