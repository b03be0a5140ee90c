"""The Data view: what the model looks like, for the data-defined objectives (one feature x, parameters (w, b)).

Linear regression: the rows as a scatter, each run's line ŷ = w·x + b in its colour, the least-squares line dashed,
and the rows of the selected run's last mini-batch ringed in its colour (one row for stochastic, none for full
batch): step by step, which rows pulled the line. Residuals of the selected run on demand. Logistic regression: the
rows at their label (0 or 1, jittered a little so they do not hide each other), each run's sigmoid p(x) = σ(w·x + b)
and its decision point p = 0.5. The view shows the step the window shows (the timeline scrubs it too).

Rows beyond ``MAX_SCATTER`` are decimated for drawing to an evenly spread, seeded subset (the shape of the cloud
stays); the highlighted batch rows are drawn from the whole data set, so a batch row is never missing."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine import Objective, Snapshot

from .i18n import translate
from .plots import cache_axes
from .style import opaque_grid

MAX_SCATTER = 5000  # rows drawn at most; more are decimated to a seeded subset of this many
JITTER = 0.06  # logistic regression: vertical spread of the rows around their label
CURVE_POINTS = 200  # points of a sigmoid
CLASS_BRUSH = (pg.mkBrush(90, 90, 90, 110), pg.mkBrush(30, 30, 30, 170))
ROW_BRUSH = pg.mkBrush(80, 80, 80, 120)


def drawn_rows(n: int, limit: int = MAX_SCATTER, seed: int = 0) -> np.ndarray:
    """Indices of the rows drawn: all of them up to ``limit``, else a sorted random subset of ``limit`` (seeded,
    so the same data set always shows the same points)."""
    if n <= limit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


def jitter(n: int, seed: int = 1) -> np.ndarray:
    return (np.random.default_rng(seed).random(n) - 0.5) * 2 * JITTER


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # σ(z) without overflow


def batch_rows(session, run: int, step: int) -> np.ndarray | None:
    """The rows the step into ``step`` (step − 1 → step) of run ``run`` used: its sampler's batch of step − 1;
    None for step 0 and for the full batch (every row)."""
    if session is None or step <= 0:
        return None
    return session.sampler_of(run).batch(step - 1)


class DataPlot:
    """The rows and every run's model at the shown step, in a pyqtgraph PlotItem."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        opaque_grid(plot)  # semi-transparent grid lines are blended pixel by pixel: ~1 ms a frame
        cache_axes(plot)  # the axes and their grid are blitted, not replayed from their QPicture (~2 ms a frame)
        plot.setMenuEnabled(False)
        self.rows = pg.ScatterPlotItem(size=5, pen=None, brush=ROW_BRUSH)
        # The rows never move while the race plays: Qt keeps their picture at screen resolution and blits it (a
        # repaint of 1,000 spots cost ~6 ms a frame); panning or zooming renders it again.
        self.rows.setCacheMode(QtWidgets.QGraphicsItem.DeviceCoordinateCache)
        self.rows.setZValue(0)
        plot.addItem(self.rows)
        self.reference = pg.PlotCurveItem(pen=pg.mkPen("#000", width=1.5, style=QtCore.Qt.DashLine))
        self.reference.setZValue(5)
        plot.addItem(self.reference)
        self.residuals = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen((120, 120, 120, 160), width=1))
        plot.addItem(self.residuals)
        self.batch = pg.ScatterPlotItem(size=11, brush=None)
        self.batch.setZValue(20)
        plot.addItem(self.batch)
        self.decision = pg.ScatterPlotItem(symbol="d", size=11)
        self.decision.setZValue(21)
        plot.addItem(self.decision)
        self.caption = pg.TextItem(anchor=(0, 0), color="#444")
        self.caption.setZValue(30)
        plot.addItem(self.caption, ignoreBounds=True)
        self.lines: list[pg.PlotCurveItem] = []
        self.colors: list[str] = []
        self.objective: Objective | None = None
        self.kind = ""
        self.shown_rows = np.arange(0)
        self.show_residuals = False
        self._x_span = (0.0, 1.0)
        self._y_of_rows = np.zeros(0)
        self._last = None  # (shown step, selected): the batch rows drawn, to skip identical redraws

    @staticmethod
    def shows(objective: Objective | None) -> bool:
        """Whether the view has something to show for ``objective`` (a data set with one feature)."""
        return objective is not None and objective.is_data and getattr(objective, "x", None) is not None

    def set_objective(self, objective: Objective | None) -> None:
        self.objective = objective
        self._last = None
        if not self.shows(objective):
            self.kind = ""
            self.rows.setData([], [])
            self.reference.setData([], [])
            return
        self.kind = objective.name
        x, y = objective.x, objective.y
        self.shown_rows = drawn_rows(len(x))
        xs = x[self.shown_rows]
        lo, hi = float(np.min(x)), float(np.max(x))
        pad = 0.05 * (hi - lo) if hi > lo else 1.0
        self._x_span = (lo - pad, hi + pad)
        if self.kind == "logistic_regression":
            self._y_of_rows = y + jitter(len(y))
            ys = self._y_of_rows[self.shown_rows]
            cls = y[self.shown_rows].astype(int)
            self.rows.setData(xs, ys, brush=[CLASS_BRUSH[c] for c in cls], symbol=["o" if c == 0 else "s" for c in cls])
            self.plot.setLabel("left", translate("DataPlot", "label y (0 or 1) · p(x) = σ(w·x + b)"))
        else:
            self._y_of_rows = y
            self.rows.setData(xs, y[self.shown_rows], brush=ROW_BRUSH, symbol="o")
            self.plot.setLabel("left", "y · ŷ = w·x + b")
        self.plot.setLabel("bottom", "x")
        best = objective.minima[0] if objective.minima else None
        if best is None:
            self.reference.setData([], [])
        else:
            cx, cy = self.curve(*best)
            self.reference.setData(cx, cy)
        self.plot.vb.enableAutoRange()
        if self.kind == "logistic_regression":
            self.plot.setYRange(-0.25, 1.25, padding=0)
            self.plot.setXRange(*self._x_span, padding=0)
        else:
            self.plot.vb.autoRange(padding=0.05)
        self.plot.vb.disableAutoRange()

    def curve(self, w: float, b: float) -> tuple[np.ndarray, np.ndarray]:
        """The model (w, b) over the x range: two points of a line, or a sampled sigmoid."""
        x0, x1 = self._x_span
        if self.kind == "logistic_regression":
            xs = np.linspace(x0, x1, CURVE_POINTS)
            with np.errstate(all="ignore"):
                return xs, sigmoid(w * xs + b)
        xs = np.array([x0, x1])
        return xs, w * xs + b

    def set_runs(self, labels: list[str], colors: list[str]) -> None:
        for item in self.lines:
            self.plot.removeItem(item)
        self.lines = []
        self.colors = list(colors)
        for c in colors:
            item = pg.PlotCurveItem(pen=pg.mkPen(c, width=2))
            item.setZValue(10)
            self.plot.addItem(item)
            self.lines.append(item)
        self._last = None

    def set_run_style(self, i: int, color: str) -> None:
        if i < len(self.lines):
            self.colors[i] = color
            self.lines[i].setPen(pg.mkPen(color, width=2))
            self._last = None

    def render(self, shown: Snapshot | None, session, selected: int | None) -> None:
        if not self.kind or shown is None or len(shown.runs) != len(self.lines):
            return
        dec_x, dec_c = [], []
        for i, r in enumerate(shown.runs):
            w, b = r.point
            cx, cy = self.curve(w, b)
            self.lines[i].setData(cx, cy)
            if self.kind == "logistic_regression" and w != 0 and math.isfinite(b / w):
                dec_x.append(-b / w)
                dec_c.append(self.colors[i])
        if self.kind == "logistic_regression":
            self.decision.setData(dec_x, [0.5] * len(dec_x), brush=dec_c, pen=pg.mkPen("w", width=1))
        else:
            self.decision.setData([], [])
        key = (shown.step, selected, shown.runs[selected].n_points if selected is not None else 0,
               self.show_residuals, shown.runs[selected].point if selected is not None else None)
        if key == self._last:
            return
        self._last = key
        rows = None
        sel_color = self.colors[selected] if selected is not None and selected < len(self.colors) else "#000"
        if selected is not None:
            k = shown.runs[selected].n_points - 1  # a diverged run shows its last finite step's batch
            rows = batch_rows(session, selected, k)
        if rows is None or len(rows) == 0:
            self.batch.setData([], [])
        else:
            self.batch.setData(self.objective.x[rows], self._y_of_rows[rows], pen=pg.mkPen(sel_color, width=2.5))
        self._caption(shown, session, selected, rows)
        self._draw_residuals(shown, selected)

    def _caption(self, shown, session, selected, rows) -> None:
        if selected is None or session is None:
            self.caption.setText("")
            return
        r = shown.runs[selected]
        k = r.n_points - 1
        sampler = session.sampler_of(selected)
        if sampler.full:
            text = translate("DataPlot", "{run}: every step uses all {n} rows").format(run=r.label, n=f"{sampler.n:,}")
        elif k == 0:
            text = translate("DataPlot", "{run}: step 0 — the rows of each step will be ringed").format(run=r.label)
        elif len(rows) == 1:
            text = translate("DataPlot", "{run}: ringed, the row of step {k} → {next}").format(run=r.label, k=k - 1,
                                                                                               next=k)
        else:
            text = translate("DataPlot", "{run}: ringed, the {n} rows of step {k} → {next}").format(
                run=r.label, n=len(rows), k=k - 1, next=k)
        self.caption.setText(text)
        vb = self.plot.vb
        (x0, _x1), (_y0, y1) = vb.viewRange()
        self.caption.setPos(x0, y1)

    def _draw_residuals(self, shown, selected) -> None:
        if not self.show_residuals or selected is None or self.kind != "linear_regression":
            self.residuals.setData([], [])
            return
        w, b = shown.runs[selected].point
        idx = self.shown_rows
        x, y = self.objective.x[idx], self.objective.y[idx]
        xs = np.repeat(x, 2)
        ys = np.empty(2 * len(x))
        ys[0::2] = y
        ys[1::2] = w * x + b
        self.residuals.setData(xs, ys)

    def row_at(self, x: float, y: float, px: tuple[float, float]) -> int | None:
        """The drawn row nearest the view point (x, y), if within 6 pixels (``px``: view units per pixel)."""
        if not self.kind or len(self.shown_rows) == 0:
            return None
        idx = self.shown_rows
        dx = (self.objective.x[idx] - x) / px[0]
        dy = (self._y_of_rows[idx] - y) / px[1]
        d = dx * dx + dy * dy
        j = int(np.argmin(d))
        return int(idx[j]) if d[j] <= 36 else None

    def describe_row(self, row: int, shown: Snapshot | None, selected: int | None) -> str:
        x, y = float(self.objective.x[row]), float(self.objective.y[row])
        text = translate("DataPlot", "row {row}: x = {x}, y = {y}").format(row=row + 1, x=f"{x:.4g}", y=f"{y:.4g}")
        if shown is not None and selected is not None:
            r = shown.runs[selected]
            w, b = r.point
            if self.kind == "logistic_regression":
                p = float(sigmoid(np.array(w * x + b)))
                text += translate("DataPlot", "; {run}: p = {p} → class {cls}").format(run=r.label, p=f"{p:.3f}",
                                                                                        cls=int(p >= 0.5))
            else:
                text += translate("DataPlot", "; {run}: ŷ = {yhat} (residual {residual})").format(
                    run=r.label, yhat=f"{w * x + b:.4g}", residual=f"{w * x + b - y:.3g}")
        return text
