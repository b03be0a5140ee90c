"""Contour and loss views. Each wraps a pyqtgraph PlotItem, creates its items once, and ``render`` only calls setData."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import contourpy
import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import Objective, Snapshot
from engine.teaching import decimate

from .axes import LogAxis, step_1_2_5
from .i18n import filled, translate
from .style import ISO_LABEL, ISO_PEN, MINIMUM_BRUSH, SURFACE_CMAP, opaque_grid

Rect = tuple[float, float, float, float]  # xmin, xmax, ymin, ymax (the objectives' bounds convention)

GRID_N = 200  # contour resolution: points across the larger side of the objective's bounds (and of a view)
# The first grid reaches past the bounds so that an equal-aspect view of them is covered whatever the bounds' shape:
# views from VIEW_TALL (width/height, a portrait window) to VIEW_WIDE (the window, every export: about 1.2-1.7) that
# show the bounds and fit one side of them. Other views (a narrower window, panning, zooming out) get a grid of
# their own (ContourPlot).
VIEW_TALL, VIEW_WIDE = 0.75, 2.0
VIEW_MARGIN = 0.25  # a view's own grid reaches this fraction of the view's size past each edge (small pans fit)
MIN_VIEW_CELLS = 80  # a view narrower than this many grid cells (zoomed far in) gets a finer grid


@dataclass(frozen=True)
class ColourScale:
    """How surface values become colours in [0, 1]; fixed per objective from its bounds (panning never changes it).

    Values are first scaled by 2**-exp2 so that none exceeds 2**1000 (differences and quantiles of values near the
    float limit, ``1e308*x*y``, then never overflow), clipped to [z_lo, z_hi] (the minimum over the bounds and the
    value at the top colour), taken as log10(z − shift) when ``log``, and mapped linearly from [lo, hi] to [0, 1]."""

    exp2: int
    log: bool
    shift: float
    z_lo: float
    z_hi: float
    lo: float
    hi: float
    levels: tuple[float, ...]  # in [0, 1]
    z_min: float  # the minimum over the bounds, in the objective's own units

    def unit(self, Z: np.ndarray) -> np.ndarray:
        """Colour scalar in [0, 1] for every value; nan (undefined) takes the top colour, like the highest values."""
        Zs = np.ldexp(Z, -self.exp2) if self.exp2 else np.array(Z, dtype=np.float64)
        Zs[np.isnan(Zs)] = self.z_hi
        np.clip(Zs, self.z_lo, self.z_hi, out=Zs)
        if self.log:
            Zs -= self.shift
            np.log10(Zs, out=Zs)
        if self.hi > self.lo:
            Zs -= self.lo
            Zs /= self.hi - self.lo
            return np.clip(Zs, 0.0, 1.0, out=Zs)
        return np.zeros_like(Zs)

    def value(self, u: float) -> float:
        """The surface value at colour scalar ``u`` (for level labels)."""
        t = self.lo + u * (self.hi - self.lo)
        v = 10.0**t + self.shift if self.log else t
        return v * 2.0**self.exp2  # a Python float: inf at worst, never a warning


def colour_scale(objective: Objective, Z: np.ndarray, n_levels: int = 12) -> ColourScale:
    """The colour scale and levels from ``Z``, the surface sampled over the objective's bounds."""
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        finite = np.zeros(1)
    top = float(np.max(np.abs(finite)))
    exp2 = max(0, int(np.frexp(top)[1]) - 1000)
    Zs = np.ldexp(finite, -exp2) if exp2 else finite
    z_lo = float(Zs.min())
    spread = float(np.quantile(Zs, 0.95)) - z_lo
    log = bool(objective.log_colors and spread > 0)
    # Strictly below the minimum, even where the spread or the minimum's last bit round it away.
    shift = z_lo - max(spread * 1e-4, abs(z_lo) * 1e-9, 1e-300)
    img = np.log10(Zs - shift) if log else Zs
    lo = float(img.min())
    # Saturate the colours above the 99.5th percentile: a few huge values (exp of a formula, the rim of a steep
    # surface) would otherwise wash the whole map into one colour.
    hi = float(np.quantile(img, 0.995))
    z_hi = 10.0**hi + shift if log else hi
    if hi > lo:
        # Levels at quantiles of the surface: evenly spaced over the area, whatever the surface's range.
        q = np.unique(np.quantile(np.minimum(img, hi), np.linspace(0.03, 0.93, n_levels)))
        levels = tuple(float(v) for v in (q - lo) / (hi - lo) if 0.0 < v < 1.0)
    else:
        levels = ()
    return ColourScale(exp2, log, shift, z_lo, max(z_hi, z_lo), lo, hi, levels, float(finite.min()))


@dataclass(frozen=True)
class ContourData:
    """Everything the contour view draws for one grid; computed once per objective change (and per uncovered view)."""

    rect: tuple[float, float, float, float]  # x, y, width, height in data units (the image's rect)
    image: np.ndarray  # colour scalar per pixel in [0, 1] (``scale.unit`` of the surface)
    curves: tuple[tuple[np.ndarray, np.ndarray], ...]  # per level: x, y with NaN between pieces (and at the end)
    labels: tuple[tuple[float, float, str], ...]
    scale: ColourScale

    @property
    def levels(self) -> tuple[float, ...]:
        """The level curves' values in the image's units (the same for every grid of an objective)."""
        return self.scale.levels

    @property
    def z_min(self) -> float:
        return self.scale.z_min

    def covers(self, rect: Rect) -> bool:
        x, y, w, h = self.rect
        return x <= rect[0] and rect[1] <= x + w and y <= rect[2] and rect[3] <= y + h


def surface_grid(objective: Objective, n: int = GRID_N) -> tuple[Rect, int, int]:
    """The first grid of an objective: its bounds with the cell size of ``n`` points across their larger side,
    widened and heightened to cover every equal-aspect view of them whose width/height is between VIEW_TALL and
    VIEW_WIDE (such a view is max(w, a·h) wide and max(h, w/a) high). Returns (rect, nx, ny)."""
    x0, x1, y0, y1 = objective.bounds
    w, h = x1 - x0, y1 - y0
    cw, ch = max(w, VIEW_WIDE * h), max(h, w / VIEW_TALL)
    cell = max(w, h) / (n - 1)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    nx, ny = math.ceil(cw / cell) + 1, math.ceil(ch / cell) + 1
    return (cx - cell * (nx - 1) / 2, cx + cell * (nx - 1) / 2, cy - cell * (ny - 1) / 2, cy + cell * (ny - 1) / 2), nx, ny


def view_grid(view: Rect, n: int = GRID_N) -> tuple[Rect, int, int]:
    """A grid for a view rect the current one does not cover: the view plus VIEW_MARGIN of it on every side, with the
    cell size of ``n`` points across the view's larger side. Returns (rect, nx, ny)."""
    x0, x1, y0, y1 = view
    w, h = x1 - x0, y1 - y0
    cell = max(w, h) / (n - 1)
    if not (cell > 0 and math.isfinite(cell)):
        cell = 1.0  # a degenerate view: anything finite will do until the next range change
    mx, my = VIEW_MARGIN * w, VIEW_MARGIN * h
    nx, ny = math.ceil((w + 2 * mx) / cell) + 1, math.ceil((h + 2 * my) / cell) + 1
    return (x0 - mx, x1 + mx, y0 - my, y1 + my), nx, ny


def compute_contour(objective: Objective, n: int = GRID_N, n_levels: int = 12, grid=None, rect: Rect | None = None,
                    scale: ColourScale | None = None, label_rect: Rect | None = None) -> ContourData:
    """Colour image, level curves and their labels over ``rect`` (default: ``surface_grid``, which covers any view of
    the bounds); ``grid`` = (xs, ys, Z) when already computed (a GridJob). ``scale`` (the colours and levels) comes
    from the objective's bounds when not given, so every grid of one objective is coloured alike. Labels are placed
    inside ``label_rect`` (default the bounds)."""
    if grid is None:
        if rect is None:
            r, nx, ny = surface_grid(objective, n)
        else:
            r, nx, ny = rect, n, n
        grid = objective.grid(nx, r, ny)
    xs, ys, Z = grid
    if scale is None:
        x0, x1, y0, y1 = objective.bounds
        ix = (xs >= x0) & (xs <= x1)
        iy = (ys >= y0) & (ys <= y1)
        block = Z[np.ix_(iy, ix)] if ix.sum() >= 2 and iy.sum() >= 2 else objective.grid(n)[2]
        scale = colour_scale(objective, block, n_levels)
    image = scale.unit(Z)
    lx0, lx1, ly0, ly1 = label_rect or objective.bounds
    lw, lh = lx1 - lx0, ly1 - ly0
    # Label each level where its curve reaches furthest towards the upper right of the minimum: labels then fan
    # out along a diagonal instead of stacking in one column; labels too close to an earlier one are skipped.
    inside_x, inside_y = (xs >= lx0) & (xs <= lx1), (ys >= ly0) & (ys <= ly1)
    if inside_x.any() and inside_y.any():
        sub = np.where(inside_y[:, None] & inside_x[None, :], image, np.inf)
        my_, mx_ = np.unravel_index(np.argmin(sub), sub.shape)
        cu, cv = (xs[mx_] - lx0) / lw, (ys[my_] - ly0) / lh
    else:
        cu, cv = 0.5, 0.5
    curves, labels, placed = [], [], []
    gen = contourpy.contour_generator(xs, ys, image, line_type=contourpy.LineType.ChunkCombinedNan)
    for lev in scale.levels:
        points = [p for p in gen.lines(lev)[0] if p is not None and len(p) >= 2]
        if not points:
            continue
        pts = np.concatenate([np.concatenate([p, [[np.nan, np.nan]]]) for p in points])
        cx, cy = pts[:, 0], pts[:, 1]
        curves.append((cx, cy))
        u, v = (cx - lx0) / lw, (cy - ly0) / lh
        inside = np.isfinite(u) & (u > 0.04) & (u < 0.96) & (v > 0.04) & (v < 0.93) & ~((u > 0.72) & (v > 0.62))
        if not inside.any():
            continue
        score = np.where(inside, (u - cu) * 0.8 + (v - cv) * 0.6, -np.inf)
        k = int(np.argmax(score))
        if any(abs(u[k] - pu) < 0.07 and abs(v[k] - pv) < 0.05 for pu, pv in placed):
            continue
        placed.append((u[k], v[k]))
        labels.append((float(cx[k]), float(cy[k]), f"{scale.value(lev):.3g}"))
    rect_xywh = (float(xs[0]), float(ys[0]), float(xs[-1] - xs[0]), float(ys[-1] - ys[0]))
    return ContourData(rect_xywh, image, tuple(curves), tuple(labels), scale)


class Dots(pg.GraphicsObject):
    """Round markers of one colour, ``size`` pixels across, at every point: what a ScatterPlotItem with symbol "o" and
    no pen draws, in one drawPoints call. A ScatterPlotItem draws from a pixmap atlas on screen but symbol by symbol
    in an export (one drawPath and ~10 µs of Python each): the trajectories' 600 markers took 5 ms of an animation
    frame's 14, and its setData another 0.3 ms per run."""

    def __init__(self, color, size: float = 4.0):
        super().__init__()
        self.size = size
        self._pen = QtGui.QPen()
        self._pen.setCapStyle(QtCore.Qt.RoundCap)  # a point drawn with a round cap is a disc the pen's width across
        self.set_color(color)
        self._xy = np.zeros((2, 0))
        self._data_rect = QtCore.QRectF()
        self._rect: QtCore.QRectF | None = None

    def set_color(self, color) -> None:
        self._pen.setColor(pg.mkColor(color))
        self.update()

    def setData(self, x, y) -> None:
        self.prepareGeometryChange()
        self._xy = np.array([x, y], dtype=np.float64).reshape(2, -1)
        if self._xy.shape[1]:
            (x0, y0), (x1, y1) = self._xy.min(axis=1), self._xy.max(axis=1)
            self._data_rect = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._data_rect = QtCore.QRectF()
        self._rect = None
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self._xy[0], self._xy[1]

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        d = self._xy[ax]
        if orthoRange is not None and d.size:
            o = self._xy[1 - ax]
            d = d[(o >= orthoRange[0]) & (o <= orthoRange[1])]
        return (float(d.min()), float(d.max())) if d.size else (None, None)

    def pixelPadding(self) -> float:
        return self.size / 2 + 1

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()  # the padding, in pixels, is another length in data units now
        self._rect = None

    def boundingRect(self) -> QtCore.QRectF:
        if self._rect is None:
            if not self._xy.shape[1]:
                self._rect = QtCore.QRectF()
            else:
                px, py = self.pixelVectors()
                pad = self.pixelPadding()
                w = pad * px.manhattanLength() if px is not None else 0.0
                h = pad * py.manhattanLength() if py is not None else 0.0
                self._rect = self._data_rect.adjusted(-w, -h, w, h)
        return self._rect

    def paint(self, p: QtGui.QPainter, *_args) -> None:
        n = self._xy.shape[1]
        if not n:
            return
        # pixel sizes, as a ScatterPlotItem draws them: antialiased on screen, as asked in an export, whose
        # resolution scale (an 800-px render of a 1300-px figure) shrinks them with everything else
        opts = self._exportOpts or {}
        scale = opts.get("resolutionScale", 1.0)
        # in device pixels (clipped as ScatterPlotItem does: Qt misdraws coordinates beyond ±2**30)
        pts = pg.functions.transformCoordinates(p.transform(), self._xy)
        np.clip(pts, -2.0**30, 2.0**30, out=pts)
        poly = pg.functions.create_qpolygonf(n)
        pg.functions.ndarray_from_qpolygonf(poly)[:] = pts.T
        pen = QtGui.QPen(self._pen)
        pen.setWidthF(self.size * scale)
        p.resetTransform()
        p.setRenderHint(QtGui.QPainter.Antialiasing, opts.get("antialias", True))
        p.setPen(pen)
        p.drawPoints(poly)


class ContourPlot:
    """The objective as a colour map with labelled isocurves, minima, and one trajectory + marker per run."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        plot.setAspectLocked(False)
        plot.showGrid(x=False, y=False)
        plot.setMenuEnabled(False)  # the window's own right-click menu instead (MainWindow._context_menu)
        plot.vb.setLimits(**LINEAR_LIMITS)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(SURFACE_CMAP)
        self.image.setZValue(-20)
        plot.addItem(self.image)
        self.iso = pg.PlotCurveItem(pen=ISO_PEN, connect="finite")
        self.iso.setZValue(-10)
        plot.addItem(self.iso)
        # No pixmap cache for the surface and its level curves: with Qt's DeviceCoordinateCache parts of them were
        # repainted from a stale cache after the view moved, leaving a seam where the level curves jumped by a few
        # pixels (seen under Xvfb at 1024x700, gone without the cache). Drawing them afresh costs ~1 ms a frame
        # (frame benchmark: 8.6 against 7.4 ms at 100 steps a frame with Explain open).
        self.iso_labels: list[pg.TextItem] = []
        self.minima = pg.ScatterPlotItem(symbol="star", size=16, brush=MINIMUM_BRUSH, pen=pg.mkPen("k", width=1))
        self.minima.setZValue(5)
        plot.addItem(self.minima)
        self.start = pg.ScatterPlotItem(symbol="o", size=9, brush=pg.mkBrush(255, 255, 255), pen=pg.mkPen("k"))
        self.start.setZValue(6)
        plot.addItem(self.start)
        self.pending = pg.TextItem(translate("ContourPlot", "computing the loss surface…"), color=(60, 60, 60), anchor=(0, 0),
                                   fill=pg.mkBrush(255, 255, 255, 220))
        self.pending.setParentItem(plot.vb)
        self.pending.setPos(8, 8)
        self.pending.hide()
        self.lines: list[pg.PlotCurveItem] = []  # each run's trajectory
        self.dots: list[Dots] = []  # and a marker on each of its points while it is short
        # Every run's current point in one item: one setData and one paint a frame instead of one per run.
        self.heads = pg.ScatterPlotItem(size=11, pen=pg.mkPen("k", width=1.2))
        self.heads.setZValue(11)
        plot.addItem(self.heads)
        self._head_brushes: list[QtGui.QBrush] = []
        self._colors: list[str] = []
        self.objective: Objective | None = None
        self.data: ContourData | None = None  # what the image and level curves show now
        self.base: ContourData | None = None  # the objective's first grid (covers any view of its bounds)
        self.surface_requested = None  # see follow_view
        self._debounce: QtCore.QTimer | None = None
        self.projection = None  # a network race: its gui.netviews.NetProjection (the plane its paths are drawn on)

    # ---- objective --------------------------------------------------------------------------------------------
    def set_objective(self, objective: Objective, data: ContourData | None) -> None:
        """``data`` None: the surface is still being computed; draw everything else now."""
        self.objective = objective
        self.base = data
        self.pending.setVisible(data is None)
        self.set_surface(data)
        self._minima_and_axes(objective)

    def set_surface(self, data: ContourData | None) -> None:
        """Draw the colour map, level curves and labels of ``data`` (None: none yet); the view stays where it is."""
        self.data = data
        if data is None:
            self.image.clear()
            self.iso.setData([], [])
            for t in self.iso_labels:
                self.plot.removeItem(t)
            self.iso_labels = []
            return
        # Fixed levels: the image is already in [0, 1], so pyqtgraph never takes the range of raw surface values.
        self.image.setImage(data.image, autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(QtCore.QRectF(*data.rect))
        if data.curves:
            self.iso.setData(np.concatenate([c[0] for c in data.curves]),
                             np.concatenate([c[1] for c in data.curves]))
        else:
            self.iso.setData([], [])
        for t in self.iso_labels:
            self.plot.removeItem(t)
        self.iso_labels = []
        font = QtGui.QFont()
        font.setPointSizeF(7.5)
        for x, y, text in data.labels:
            t = pg.TextItem(text, color=ISO_LABEL, anchor=(0.5, 0.5), fill=pg.mkBrush(255, 255, 255, 150))
            t.setFont(font)
            t.setPos(x, y)
            t.setZValue(-5)
            self.plot.addItem(t)
            self.iso_labels.append(t)

    def visible_rect(self) -> Rect:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        return float(x0), float(x1), float(y0), float(y1)

    def needs_surface(self) -> bool:
        """Whether the drawn grid leaves part of the view uncovered, or is too coarse for it (zoomed far in)."""
        return self.data is not None and not self._fits(self.data, self.visible_rect())

    @staticmethod
    def _fits(data: ContourData, view: Rect) -> bool:
        cell = data.rect[2] / max(data.image.shape[1] - 1, 1)
        return data.covers(view) and max(view[1] - view[0], view[3] - view[2]) >= MIN_VIEW_CELLS * cell

    def follow_view(self, surface_requested) -> None:
        """Keep the colour map under the whole view (the window's contour view; an export never pans, and leaves its
        plot free of these connections, so it is freed as soon as it is dropped). Once the range has stopped
        changing for 150 ms and the drawn grid does not cover the view (or is too coarse for it),
        ``surface_requested(view_rect)`` is called; the caller computes a grid (off the GUI thread for slow
        surfaces) and hands it to set_surface."""
        self.surface_requested = surface_requested
        self._debounce = QtCore.QTimer(self.plot.vb)  # dies with the view: never fires into a deleted window
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._check_coverage)
        self.plot.vb.sigRangeChanged.connect(self._range_changed)

    def _range_changed(self, *_args) -> None:
        self._debounce.start()

    def _check_coverage(self) -> None:
        if not self.needs_surface():
            return
        view = self.visible_rect()
        if self.base is not None and self._fits(self.base, view):
            self.set_surface(self.base)  # back within the first grid (Home, say): nothing to compute
        else:
            self.surface_requested(view)

    def set_progress(self, fraction: float) -> None:
        self.pending.setText(filled(translate("ContourPlot", "computing the loss surface… {percent} %"),
                                    percent=f"{100 * fraction:.0f}"))

    def _minima_and_axes(self, objective: Objective) -> None:
        if objective.minima:
            m = np.array(objective.minima)
            self.minima.setData(m[:, 0], m[:, 1])
        else:
            self.minima.setData([], [])
        x, y = objective.axis_labels
        self.plot.setLabel("bottom", x)
        self.plot.setLabel("left", y)
        self.reset_view()

    def reset_view(self) -> None:
        if self.objective is not None:
            x0, x1, y0, y1 = self.objective.bounds
            self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    # ---- runs -------------------------------------------------------------------------------------------------
    def set_runs(self, labels: list[str], colors: list[str]) -> None:
        """Create one line and one head per run (only when the set of runs changes). The legend is drawn outside
        the map (gui/legend.py)."""
        for item in self.lines + self.dots:
            self.plot.removeItem(item)
        self.heads.setData([], [])
        self.lines, self.dots, self._colors = [], [], list(colors)
        self._head_brushes = [pg.mkBrush(c) for c in colors]
        for label, color in zip(labels, colors):
            line = pg.PlotCurveItem(pen=pg.mkPen(color, width=2), name=label)
            dots = Dots(color, size=4)
            for item in (line, dots):  # same z, added in this order: a run's markers over its line, under the next run
                item.setZValue(10)
                self.plot.addItem(item)
            self.lines.append(line)
            self.dots.append(dots)

    def head(self, i: int) -> tuple[float, float]:
        """Where run ``i``'s marker is drawn."""
        x, y = self.heads.getData()
        return float(x[i]), float(y[i])

    def render(self, snap: Snapshot | None, start: tuple[float, float] | None = None) -> None:
        if start is not None:
            self.start.setData([start[0]], [start[1]])
        if snap is None:
            for item in self.lines + self.dots:
                item.setData([], [])
            self.heads.setData([], [])
            return
        if not hasattr(snap, "trajectory"):  # a network race (NetSnapshot): its paths projected on the plane
            self._render_network(snap)
            return
        for i, (line, dots) in enumerate(zip(self.lines, self.dots)):
            xy = snap.trajectory(i)
            n = xy.shape[1]
            idx = decimate(n)
            short = n <= 300
            # Wide pens and per-point markers dominate the frame cost: use them only for short trajectories.
            if short != getattr(line, "_short", None):
                line.setPen(pg.mkPen(self._colors[i], width=2 if short else 1))
                dots.setVisible(short)
                if not short:
                    dots.setData([], [])
                line._short = short
            x, y = xy[0, idx], xy[1, idx]
            line.setData(x, y)
            if short:
                dots.setData(x, y)
        runs = snap.runs[:len(self.lines)]
        self.heads.setData([r.point[0] for r in runs], [r.point[1] for r in runs],
                           symbol=["x" if r.diverged_at is not None else "o" for r in runs],
                           brush=self._head_brushes[:len(runs)])

    def _render_network(self, snap) -> None:
        """Every run's kept θ (and its last point) projected on the plane; all at θ₀ = (0, 0) until a plane is
        fitted."""
        self.start.setData([0.0], [0.0])
        heads = []
        for i, (line, dots) in enumerate(zip(self.lines, self.dots)):
            if self.projection is None:
                xy = np.zeros((1, 2))
            else:
                xy = self.projection.path(snap, i)[1]
            if getattr(line, "_short", None) is not True:
                line.setPen(pg.mkPen(self._colors[i], width=2))
                dots.setVisible(True)
                line._short = True
            line.setData(xy[:, 0], xy[:, 1])
            dots.setData(xy[:, 0], xy[:, 1])
            heads.append(xy[-1])
        runs = snap.runs[:len(self.lines)]
        self.heads.setData([h[0] for h in heads], [h[1] for h in heads],
                           symbol=["x" if r.diverged_at is not None else "o" for r in runs],
                           brush=self._head_brushes[:len(runs)])

    def set_run_style(self, i: int, label: str, color: str) -> None:
        if i < len(self.lines):
            self._colors[i] = color
            self.lines[i]._short = None
            self.lines[i].setPen(pg.mkPen(color, width=2))
            self.dots[i].set_color(color)
            self._head_brushes[i] = pg.mkBrush(color)
            self.heads.setBrush(self._head_brushes[:len(self.heads.data)])
            self.lines[i].opts["name"] = label


def smooth_curve(v: np.ndarray, width: int = 11) -> np.ndarray:
    """The mean of each value and its neighbours, ``width`` in all (fewer at the ends): a noisy batch loss made
    readable. Non-finite values (a frozen run's steps) are left out of every mean."""
    v = np.asarray(v, dtype=np.float64)
    if len(v) < 3:
        return v.copy()
    ok = np.isfinite(v)
    vals = np.where(ok, v, 0.0)
    c = np.concatenate([[0.0], np.cumsum(vals)])
    n = np.concatenate([[0], np.cumsum(ok)])
    h = width // 2
    i = np.arange(len(v))
    a, b = np.maximum(i - h, 0), np.minimum(i + h + 1, len(v))
    count = n[b] - n[a]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (c[b] - c[a]) / count
    out[~ok] = np.nan
    return out


def nice_ceil(v: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is >= v (v > 0)."""
    e = 10.0 ** math.floor(math.log10(v))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * e >= v * (1 - 1e-12):
            return m * e
    return 10 * e


STEP_PAD = 0.015  # the step axis reaches this fraction of its span past step 0 and past its nice end


def steady_range(vb: pg.ViewBox, lo: float, hi: float, log: bool, last_step: int) -> None:
    """Show steps 0..last_step and values lo..hi (log10 of them when ``log``) with ranges that change seldom.

    The y range is padded and rounded out (to half decades on a log axis); the step range is 0..10 at first (not a
    degenerate range around 0), then grows in nice steps (10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, ...) so the
    curves fill at least three quarters of the width. An axis is laid out and repainted only when its range changes; the
    rest of the time it is blitted from its cache (see the axes' cache mode), which is most of what keeps a frame
    of a long run cheap. Ranges are only set when they differ, so nothing is invalidated for nothing."""
    lo, hi = min(lo, hi), max(lo, hi)  # callers clip each end separately: never hand Qt an inverted range
    size = max(1.0, abs(lo), abs(hi))
    if not hi - lo > 1e-9 * size:  # one value (or a span lost in rounding, at 1e20 say): a range around it
        lo, hi = lo - 0.5 * size, hi + 0.5 * size
    pad = 0.04 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    if log:  # pyqtgraph's log axis computes 10**v for its ticks: stay inside float64's range
        lo, hi = max(math.floor(2 * lo) / 2, -300.0), min(math.ceil(2 * hi) / 2, 300.0)
    elif math.isfinite(hi - lo):  # out to a multiple of a power of ten that is 1/100 to 1/10 of the span
        unit = 10.0 ** (math.floor(math.log10(hi - lo)) - 1)
        lo2, hi2 = math.floor(lo / unit) * unit, math.ceil(hi / unit) * unit
        if math.isfinite(lo2) and math.isfinite(hi2):
            lo, hi = lo2, hi2
        lo, hi = max(lo, LINEAR_LIMITS["yMin"]), min(hi, LINEAR_LIMITS["yMax"])
    (x0, x1), (y0, y1) = vb.viewRange()
    if (lo, hi) != (y0, y1):
        vb.setYRange(lo, hi, padding=0)
    top = nice_ceil(max(last_step, 10))
    # a little room beyond step 0 and the last step: the runs' loss dots sit there and were cut in half
    want = (-STEP_PAD * top, (1.0 + STEP_PAD) * top)
    if (x0, x1) != want:
        vb.setXRange(*want, padding=0)


# How far the user can pan or zoom out: pyqtgraph's axes compute 10**v for log ticks (overflow past 308) and tick
# spacings from the span (inf past ~1.8e308). Data beyond is clamped before it is drawn (see LossPlot._fit).
LINEAR_LIMITS = {"xMin": -1e300, "xMax": 1e300, "yMin": -1e300, "yMax": 1e300}
LOG_LIMITS = {"xMin": -1e300, "xMax": 1e300, "yMin": -300.0, "yMax": 300.0}


def cache_axes(plot: pg.PlotItem) -> None:
    """Repaint the axes from a pixmap cache. The left axis paints its grid across the whole view, so it is repainted
    with every curve update; replaying its QPicture costs about 5 ms a frame for a log axis' grid, a blit a fraction
    of that. Worth it only when the ranges change seldom (steady_range)."""
    for name in ("left", "bottom"):
        plot.getAxis(name).setCacheMode(QtWidgets.QGraphicsItem.DeviceCoordinateCache)


EPOCH_LINE_PIXELS = 40.0  # dashed epoch lines at least this far apart: every k-th epoch when they are denser


def epoch_stride(epoch_pixels: float) -> int:
    """Draw every k-th epoch line: the smallest k of 1, 2, 5, 10, ... with k epochs EPOCH_LINE_PIXELS wide."""
    return step_1_2_5(epoch_pixels, EPOCH_LINE_PIXELS)


def _axis_title(key: str) -> str:
    """The loss view's axis title for ``key`` (step, epochs, samples, loss, accuracy) in the current language."""
    return {"step": translate("LossPlot", "step"),
            "epochs": translate("LossPlot", "epoch (passes over the data, each run's own batch size)"),
            "samples": translate("LossPlot", "samples processed (steps × the run's batch size)"),
            "loss": translate("LossPlot", "loss"),
            "accuracy": translate("LossPlot", "accuracy (fraction of rows right)"),
            "accuracy_held": translate("LossPlot", "accuracy (- - held-out)")}[key]


class LossPlot:
    """Loss vs step for every run: full-data loss solid, mini-batch loss faint, epoch boundaries, hover read-out."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        plot.setAxisItems({"left": LogAxis("left")})  # decades that never overlap, one label format
        plot.setMenuEnabled(False)  # the window's own right-click menu instead (MainWindow._context_menu)
        plot.setLabel("bottom", _axis_title("step"))
        plot.setLabel("left", _axis_title("loss"))
        opaque_grid(plot)
        for name in ("left", "bottom"):
            plot.getAxis(name).enableAutoSIPrefix(False)
        cache_axes(plot)
        # The y-range follows the runs that are still going (a diverged run's last huge losses would flatten the
        # others) until the user pans or zooms; the "A" button or a reset makes it follow again.
        self.follow = True
        plot.vb.sigRangeChangedManually.connect(self._manual_range)
        plot.vb.sigStateChanged.connect(self._maybe_follow)
        self.want_log = True
        self.log = None
        # PlotCurveItems, not PlotDataItems: a third of the Python per setData. They know nothing of log mode, so
        # the values handed to them are already log10 on a log axis (_display).
        self.epochs = pg.PlotCurveItem(pen=pg.mkPen(120, 120, 120, 110, width=1, style=QtCore.Qt.DashLine),
                                       connect="pairs")
        self.epochs.setZValue(-5)
        plot.addItem(self.epochs)
        self.full: list[pg.PlotCurveItem] = []
        self.batch: list[pg.PlotCurveItem] = []
        self.held: list[pg.PlotCurveItem] = []  # a network's held-out accuracy, dashed
        # Every run's current loss as a dot at its last point (so step 0 shows the start loss): one item for all
        # runs, one setData a frame, like the contour's heads.
        self.heads = pg.ScatterPlotItem(size=8, pen=pg.mkPen("k", width=1))
        self.heads.setZValue(3)
        plot.addItem(self.heads)
        self._head_brushes: list[QtGui.QBrush] = []
        self.hover_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(100, 100, 100, 120))
        self.hover_line.hide()
        plot.addItem(self.hover_line, ignoreBounds=True)
        self.hover_text = pg.TextItem("", color="k", anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 215),
                                      border=pg.mkPen(170, 170, 170))
        self.hover_text.setParentItem(plot.vb)
        self.hover_text.setZValue(20)
        self.hover_text.hide()
        self._snap: Snapshot | None = None
        self._colors: list[str] = []
        self._labels: list[str] = []
        self._positive_objective = True
        self._extents: dict[int, tuple[int, float, float]] = {}  # run -> (losses looked at, their min, max)
        # A network race (NetSnapshot): the x-axis in steps, epochs or samples processed (each run's own batch
        # size and epoch length, ``x_scales``), the y-axis the loss or the accuracy, the batch loss smoothed or not
        self.x_mode = "steps"
        self.y_mode = "loss"
        self.smooth = False
        self.x_scales: list[tuple[int, int]] = []  # per run: (rows per step, steps per epoch)
        self._labels_shown = ("step", "loss")
        self._set_log(True)

    def set_runs(self, labels: list[str], colors: list[str], with_batch: bool) -> None:
        for item in self.full + self.batch + self.held:
            self.plot.removeItem(item)
        self.full, self.batch, self.held = [], [], []
        self._extents = {}
        self._snap = None  # the old snapshot's runs are not these: fitting it would fill _extents with its losses
        self._colors, self._labels = list(colors), list(labels)
        self._head_brushes = [pg.mkBrush(c) for c in colors]
        self.heads.setData([], [])
        for label, color in zip(labels, colors):
            if with_batch:
                c = pg.mkColor(color)
                c.setAlpha(70)
                b = pg.PlotCurveItem(pen=pg.mkPen(c, width=1))
                b.setZValue(1)
                self.plot.addItem(b)
                self.batch.append(b)
            f = pg.PlotCurveItem(pen=pg.mkPen(color, width=2), name=label)
            f.setZValue(2)
            self.plot.addItem(f)
            self.full.append(f)
            # a network's accuracy on its held-out rows, dashed (empty unless the objective holds rows out)
            h = pg.PlotCurveItem(pen=pg.mkPen(color, width=2, style=QtCore.Qt.PenStyle.DashLine))
            h.setZValue(2)
            self.plot.addItem(h)
            self.held.append(h)

    def set_objective(self, objective: Objective, data: ContourData | None) -> None:
        # Log-y needs positive losses; surfaces that go to or below zero (saddle, wells, formulas) plot linearly.
        # While the surface is computed (data None) assume the best; render() falls back if a loss is <= 0.
        if self._labels_shown != ("step", "loss") and not getattr(objective, "is_network", False):
            self._labels_shown = ("step", "loss")
            self.plot.setLabel("bottom", _axis_title("step"))
            self.plot.setLabel("left", _axis_title("loss"))
        z_min = data.z_min if data is not None else 0.0
        self._positive_objective = z_min > 0 or (z_min >= 0 and objective.name != "formula")
        self._set_log(self.want_log)

    def set_log_requested(self, on: bool) -> None:
        self.want_log = on
        self._set_log(on)
        if self._snap is not None:
            self.render(self._snap)

    @property
    def log_available(self) -> bool:
        return self._positive_objective

    def _set_log(self, on: bool) -> None:
        eff = bool(on and self._positive_objective)
        if eff != self.log:
            self.log = eff
            self.plot.setLogMode(x=False, y=eff)
            self.plot.vb.setLimits(**(LOG_LIMITS if eff else LINEAR_LIMITS))

    def _display(self, v: np.ndarray) -> np.ndarray:
        """Values as the view's y axis measures them: log10 on a log axis."""
        return np.log10(np.maximum(v, 1e-300)) if self.log else v

    def render(self, snap: Snapshot | None) -> None:
        self._snap = snap
        if snap is None:
            for item in self.full + self.batch + self.held:
                item.setData([], [])
            self.epochs.setData([], [])
            self.heads.setData([], [])
            return
        if not hasattr(snap, "trajectory"):  # a network race (NetSnapshot)
            self._render_network(snap)
            return
        if self.log:
            # A loss of exactly 0 (a run reaching the bowl's minimum) is drawn off the bottom of a log axis, as
            # log10(0) = -inf would be; negative losses, or no positive loss at all, need the linear axis.
            ext = [self._extent(i, snap.losses(i)) for i in range(len(snap.runs))]
            if any(lo < 0 for lo, _hi, _pos in ext) or (ext and all(pos == math.inf for _lo, _hi, pos in ext)):
                self._positive_objective = False
                self._set_log(False)
        lo, hi = math.inf, -math.inf
        head_x, head_y, head_brush = [], [], []
        for i, f in enumerate(self.full):
            loss = snap.losses(i)
            n = len(loss)
            idx = decimate(n)
            steps = idx if isinstance(idx, np.ndarray) else np.arange(n)  # not arange(n)[idx]: O(n) a frame
            y = self._display(loss[idx])
            if n and math.isfinite(y[-1]):  # decimate keeps the last point
                head_x.append(n - 1)
                # inside the view's limits: a dot at ±1e308 overflows the scatter's bounding rect (1e308 − −1e308)
                head_y.append(min(max(float(y[-1]), LINEAR_LIMITS["yMin"]), LINEAR_LIMITS["yMax"]))
                head_brush.append(self._head_brushes[i])
            # As on the contour: 2-px pens cost several times what 1-px ones do to draw, so only for short curves.
            short = n <= 300
            if short != getattr(f, "_short", None):
                f.setPen(pg.mkPen(self._colors[i], width=2 if short else 1))
                f._short = short
            f.setData(steps, y)
            if n:
                lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
            if self.batch:
                bl = snap.batch_losses(i)
                if bl is not None and len(bl):
                    bidx = decimate(len(bl))
                    by = self._display(bl[bidx])
                    ok = np.isfinite(by)
                    bsteps = bidx + 1 if isinstance(bidx, np.ndarray) else np.arange(1, len(bl) + 1)
                    self.batch[i].setData(bsteps[ok], by[ok])
                else:
                    self.batch[i].setData([], [])
        self.heads.setData(head_x, head_y, brush=head_brush)
        if self.follow:
            self._fit(snap)
        self._render_epochs(snap, lo, hi)  # after the fit: how many lines fit depends on the step range shown
        # Apply the new range now: pyqtgraph would apply it while painting, which updates every item again and
        # paints the whole view a second time each frame.
        self.plot.vb.prepareForPaint()

    # ---- a network race ------------------------------------------------------------------------------------
    X_TITLES = {"steps": "step", "epochs": "epochs", "samples": "samples"}  # x mode -> its axis (_axis_title)

    def set_network_axes(self, x_mode: str | None = None, y_mode: str | None = None,
                         smooth: bool | None = None) -> None:
        """The x-axis (steps / epochs / samples), the y-axis (loss / accuracy) and the batch loss smoothing of a
        network race; redraws."""
        if x_mode is not None:
            if x_mode not in self.X_TITLES:
                raise ValueError(f"unknown x-axis {x_mode!r}")
            self.x_mode = x_mode
        if y_mode is not None:
            if y_mode not in ("loss", "accuracy"):
                raise ValueError(f"unknown y-axis {y_mode!r}")
            self.y_mode = y_mode
        if smooth is not None:
            self.smooth = bool(smooth)
        self.follow = True
        if self._snap is not None:
            self.render(self._snap)

    def x_of(self, i: int, steps: np.ndarray) -> np.ndarray:
        """Run ``i``'s steps in the x-axis' unit."""
        steps = np.asarray(steps, dtype=np.float64)
        if self.x_mode == "steps" or i >= len(self.x_scales):
            return steps
        rows, per_epoch = self.x_scales[i]
        return steps * rows if self.x_mode == "samples" else steps / per_epoch

    def _render_network(self, snap) -> None:
        accuracy = self.y_mode == "accuracy"
        self._set_log(self.want_log and not accuracy)  # a cross-entropy is positive: log unless accuracy
        log = self.log
        held = accuracy and snap.has_holdout
        y_title = ("accuracy_held" if held else "accuracy") if accuracy else "loss"
        labels = (self.X_TITLES[self.x_mode], y_title)
        if labels != self._labels_shown:  # an axis relayout costs a millisecond: only on a change
            self._labels_shown = labels
            self.plot.setLabel("bottom", _axis_title(labels[0]))
            self.plot.setLabel("left", _axis_title(labels[1]))

        def shown(v):
            return np.log10(np.maximum(v, 1e-300)) if log else v
        lo, hi, right = math.inf, -math.inf, 1.0
        head_x, head_y, head_brush = [], [], []
        for i, f in enumerate(self.full):
            steps, vals = snap.accuracy(i) if accuracy else snap.losses(i)
            x, y = self.x_of(i, steps), shown(vals)
            f.setData(x, y)
            ok = np.isfinite(y)
            if ok.any():
                lo, hi = min(lo, float(y[ok].min())), max(hi, float(y[ok].max()))
                head_x.append(float(x[-1]))
                head_y.append(float(y[-1]) if ok[-1] else float(y[ok][-1]))
                head_brush.append(self._head_brushes[i])
            right = max(right, float(x[-1]) if len(x) else 0.0)
            if i < len(self.held):
                if held:
                    tsteps, tvals = snap.test_accuracy(i)
                    self.held[i].setData(self.x_of(i, tsteps), tvals)
                else:
                    self.held[i].setData([], [])
            if self.batch:
                bl = snap.batch_losses(i)
                if accuracy or not len(bl):
                    self.batch[i].setData([], [])
                    continue
                if self.smooth:
                    bl = smooth_curve(bl)
                idx = decimate(len(bl))
                bsteps = (idx + 1) if isinstance(idx, np.ndarray) else np.arange(1, len(bl) + 1)
                by = shown(bl[idx])
                good = np.isfinite(by)
                self.batch[i].setData(self.x_of(i, bsteps[good]), by[good])
                if good.any():
                    lo, hi = min(lo, float(by[good].min())), max(hi, float(by[good].max()))
        self.heads.setData(head_x, head_y, brush=head_brush)
        self.epochs.setData([], [])
        if self.follow and math.isfinite(lo):
            if accuracy:
                lo, hi = 0.0, 1.0
            steady_range(self.plot.vb, lo, hi, log, right)
        self.plot.vb.prepareForPaint()

    def _hover_network(self, x: float, y: float | None) -> None:
        snap = self._snap
        head = {"steps": translate("LossPlot", "<b>step {x}</b>"), "epochs": translate("LossPlot", "<b>epoch {x}</b>"),
                "samples": translate("LossPlot", "<b>samples {x}</b>")}[self.x_mode]
        rows = [head.format(x=f"{x:.4g}")]
        what = (translate("LossPlot", "{run}: accuracy {value} at step {step}") if self.y_mode == "accuracy"
                else translate("LossPlot", "{run}: full-data loss {value} at step {step}"))
        for i, r in enumerate(snap.runs):
            steps, vals = snap.accuracy(i) if self.y_mode == "accuracy" else snap.losses(i)
            xs = self.x_of(i, steps)
            k = int(np.searchsorted(xs, x, side="right")) - 1
            if k < 0:
                continue
            rows.append(f"<span style='color:{self._colors[i]}'>■</span> "
                        + what.format(run=html.escape(r.label), value=f"{vals[k]:.4g}", step=int(steps[k])))
            if self.y_mode == "accuracy" and snap.has_holdout:
                rows[-1] += translate("LossPlot", "; held-out accuracy {accuracy}").format(
                    accuracy=f"{snap.test_accuracy(i)[1][k]:.4g}")
        self.hover_text.setHtml("<br>".join(rows))
        self.hover_text.show()
        self._place_hover(x, y)
        self.hover_line.setPos(x)
        self.hover_line.show()

    def _manual_range(self, *_args) -> None:
        self.follow = False

    def _maybe_follow(self, *_args) -> None:
        if self.plot.vb.state["autoRange"][1] and not self.follow:
            self.follow = True
            if self._snap is not None:
                self._fit(self._snap)

    def follow_again(self) -> None:
        self.follow = True
        if self._snap is not None:
            self._fit(self._snap)

    def _extent(self, i: int, loss: np.ndarray) -> tuple[float, float, float]:
        """Min, max and smallest positive value (inf if none) of run ``i``'s losses. Only the losses added since
        the last call are looked at: the history only grows until a reset, and a pass over 1,000,000 losses a run
        costs milliseconds every frame."""
        n = len(loss)
        seen, lo, hi, pos = self._extents.get(i, (0, math.inf, -math.inf, math.inf))
        if n < seen:  # reset, or an earlier step shown: start again
            seen, lo, hi, pos = 0, math.inf, -math.inf, math.inf
        if n > seen:
            new = loss[seen:]
            lo, hi = float(np.minimum(lo, new.min())), float(np.maximum(hi, new.max()))
            positive = new[new > 0]
            if positive.size:
                pos = min(pos, float(positive.min()))
        self._extents[i] = (n, lo, hi, pos)
        return lo, hi, pos

    def _fit(self, snap: Snapshot) -> None:
        """Set the range to cover every run's losses, but diverged runs only up to their start value."""
        lo, hi = math.inf, -math.inf
        for i, r in enumerate(snap.runs):
            loss = snap.losses(i)
            if not len(loss):
                continue
            least, most, pos = self._extent(i, loss)
            if self.log:  # zeros are drawn off the bottom edge: the range is the positive losses'
                if pos == math.inf:
                    continue
                least, most = pos, max(most, pos)
            lo = min(lo, float(least))
            top = float(loss[0]) if r.diverged_at is not None else most
            hi = max(hi, max(top, least) if self.log else top)  # log: a diverged run's start may be 0
        if not math.isfinite(lo) or not math.isfinite(hi):
            return
        if self.log:
            # pyqtgraph's log axis computes 10**v for its ticks: stay inside float64's range
            lo, hi = max(math.log10(lo), -300.0), min(math.log10(hi), 300.0)
        else:
            # losses near ±1e308 (a formula like 1e308*x*y) would make the span and the padding infinite; clip both
            # ends into ±1e300 (clamping lo only from below left lo > hi when every loss was above 1e300)
            lo, hi = min(max(lo, -1e300), 1e300), min(max(hi, -1e300), 1e300)
        steady_range(self.plot.vb, lo, hi, self.log, snap.step)

    def _render_epochs(self, snap: Snapshot, lo: float, hi: float) -> None:
        ipe = snap.iterations_per_epoch
        if not self.batch or ipe <= 1 or snap.step < ipe or not math.isfinite(lo):
            self.epochs.setData([], [])
            return
        (x0, x1), width = self.plot.vb.viewRange()[0], self.plot.vb.width()
        if not width > 0:  # not laid out yet (an export being built): assume a typical width
            width = 600.0
        k = epoch_stride(ipe * width / (x1 - x0) if x1 > x0 else math.inf)
        marks = np.arange(k * ipe, snap.step + 1, k * ipe)
        xs = np.repeat(marks, 2).astype(float)
        ys = np.tile([lo, hi], len(marks))
        self.epochs.setData(xs, ys)

    def hover(self, x: float, y: float | None = None) -> None:
        """Read every run's loss at the step nearest ``x``; the box sits next to the cursor at (x, y) (view
        coordinates), or at the top of the view when ``y`` is None."""
        snap = self._snap
        if snap is None or not self.full:
            self.hover_text.hide()
            self.hover_line.hide()
            return
        if not hasattr(snap, "trajectory"):
            self._hover_network(x, y)
            return
        k = int(round(x))
        if k < 0 or k > snap.step:
            self.hover_text.hide()
            self.hover_line.hide()
            return
        rows = [translate("LossPlot", "<b>step {x}</b>").format(x=k)]
        for i, r in enumerate(snap.runs):
            losses = snap.losses(i)
            v = f"{losses[k]:.6g}" if k < len(losses) else translate("LossPlot", "diverged")
            rows.append(f"<span style='color:{self._colors[i]}'>■</span> {html.escape(r.label)}: {v}")
        self.hover_text.setHtml("<br>".join(rows))
        self.hover_text.show()
        self._place_hover(x, y)
        self.hover_line.setPos(k)
        self.hover_line.show()

    def _place_hover(self, x: float, y: float | None) -> None:
        """Below and to the right of the cursor, flipped to its left near the right edge and above it near the
        bottom, always inside the view (coordinates in the view box's pixels, the text's parent)."""
        vb, gap, margin = self.plot.vb, 14.0, 4.0
        view = vb.boundingRect()
        box = self.hover_text.boundingRect()
        w, h = box.width(), box.height()
        at_cursor = y is not None and math.isfinite(y)
        c = vb.mapFromView(QtCore.QPointF(x, y if at_cursor else 0.0))
        left = c.x() + gap if c.x() + gap + w <= view.right() - margin else c.x() - gap - w
        if not at_cursor:
            top = view.top() + margin
        else:
            top = c.y() + gap if c.y() + gap + h <= view.bottom() - margin else c.y() - gap - h
        left = min(max(left, view.left() + margin), view.right() - margin - w)
        top = min(max(top, view.top() + margin), view.bottom() - margin - h)
        self.hover_text.setPos(left, top)

    def leave(self) -> None:
        self.hover_text.hide()
        self.hover_line.hide()

    def set_run_style(self, i: int, label: str, color: str) -> None:
        if i < len(self.full):
            self._colors[i] = color
            self._labels[i] = label
            self._head_brushes[i] = pg.mkBrush(color)
            self.full[i]._short = None
            self.full[i].setPen(pg.mkPen(color, width=2))
            if self.batch:
                c = pg.mkColor(color)
                c.setAlpha(70)
                self.batch[i].setPen(pg.mkPen(c, width=1))
