"""Sweeps and basin maps in the window: the Maps dock (a Sweep tab and a Basins tab), the sweep plot and the basin
layer over the contour map. The engine (``engine.sweep``) computes the cells on a worker thread, coarse first
(every 8th cell each way, then 4th, 2nd, all); the views redraw each time a level lands, so a map appears within a
fraction of a second and sharpens. Click a sweep cell (or a point of a 1-D curve) to load its values into the run:
its race is replayed with them (what-if replay). Click the basin layer, like the map, to start from there."""

from __future__ import annotations

import logging
import math
import threading
import time

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import PlaygroundError
from engine.sweep import (DIVERGED, ELSEWHERE, UNCOMPUTED, BasinConfig, MapPlan, MapResult, SweepAxis, SweepConfig,
                          classify, refinement, stability)

from .controller import Controller
from .forms import tooltip

log = logging.getLogger("optimizer_playground")

METRICS = (("loss", "final loss"), ("steps_to_tol", "steps to tolerance"), ("diverged_at", "step it diverged"))
DIVERGED_RGBA = (150, 20, 40, 255)  # a diverged cell of a sweep heatmap
NEVER_RGBA = (190, 190, 190, 255)  # steps-to-tolerance never reached / a step metric with nothing to show
BASIN_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]
BASIN_ELSEWHERE = "#9a9a9a"
BASIN_DIVERGED = "#b00020"
MAP_CMAP = pg.colormap.get("viridis")
POLL_MS = 50
DEBOUNCE_MS = 400


# ---- computing -------------------------------------------------------------------------------------------------

class MapJob:
    """Computes a plan's cells on a worker thread, level by level (``refinement``); ``result`` is replaced (never
    changed) after each level and ``progress`` is the fraction of cells done. ``cancel()`` stops it between steps."""

    def __init__(self, plan: MapPlan):
        self.plan = plan
        self.result: MapResult = plan.blank()
        self.progress = 0.0
        self.error: str | None = None
        self.seconds = 0.0
        self.first_level_s: float | None = None
        self._cancel = threading.Event()
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._work, name=f"{plan.kind}-map", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> None:
        self.done.wait(timeout)

    def _work(self) -> None:
        t0 = time.perf_counter()
        try:
            levels = refinement(self.plan.shape)
            total = sum(len(c) for c in levels) or 1
            finished = 0
            for cells in levels:
                def progress(done, _asked, base=finished):
                    self.progress = (base + done / max(1, len(self.plan.runs))) / total
                # one worker thread: two share the GIL for the Python half of each numpy call and were slower than
                # one (0.68x in the sweep benchmark), and the GUI thread needs its share of it
                part = self.plan.compute(cells, progress=progress, cancel=self._cancel.is_set, workers=1)
                self.result = self.result.merged(part)
                finished += len(cells)
                self.progress = finished / total
                if self.first_level_s is None:
                    self.first_level_s = time.perf_counter() - t0
                if self._cancel.is_set():
                    break
        except Exception as e:  # noqa: BLE001 - reported on the GUI thread, never lost in the thread
            log.exception("computing a %s map failed", self.plan.kind)
            self.error = f"Could not compute the {self.plan.kind} map: {e}"
        self.seconds = time.perf_counter() - t0
        self.done.set()


def filled(values: np.ndarray, done: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For drawing a map still being refined: each cell not computed yet shows the value of the coarse cell it
    belongs to (the finest complete level of every 2^k-th cell), so the map looks blocky, not holey. Returns the
    values and a mask of the cells that have something to show."""
    out = values.copy()
    shown = done.copy()
    if done.all() or not done.any():
        return out, shown
    for s in (1, 2, 4, 8):
        grid = done[tuple(slice(None, None, s) for _ in done.shape)]
        if grid.all():
            idx = np.ix_(*[(np.arange(n) // s) * s for n in done.shape])
            src = values[idx]
            fill = ~done
            out[fill] = src[fill]
            shown = np.ones_like(done)
            break
    return out, shown


# ---- drawing helpers ---------------------------------------------------------------------------------------------

def _axis_coords(values: np.ndarray, log: bool) -> np.ndarray:
    return np.log10(values) if log else np.asarray(values, dtype=np.float64)


def _edges(centres: np.ndarray) -> tuple[float, float]:
    """The outer edges of cells centred on ``centres`` (evenly spaced in display coordinates)."""
    if len(centres) < 2:
        return float(centres[0]) - 0.5, float(centres[0]) + 0.5
    step = (centres[-1] - centres[0]) / (len(centres) - 1)
    return float(centres[0] - step / 2), float(centres[-1] + step / 2)


def metric_values(result: MapResult, metric: str) -> np.ndarray:
    """The float array drawn for ``metric``: log10 of the final loss; steps as floats; NaN where nothing to show."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric == "loss":
            v = np.log10(np.where(result.loss > 0, result.loss, np.nan))
            v[result.diverged_at >= 0] = np.nan
            return v
        a = getattr(result, metric).astype(np.float64)
        a[a < 0] = np.nan
        return a


def describe_cell(result: MapResult, run: int, index: tuple, names: tuple[str, ...]) -> str:
    """One line about a cell: its values and its result, as the hover read-out shows it."""
    xs, ys = result.xs, result.ys
    parts = []
    if result.kind == "sweep":
        parts.append(f"{names[0]} = {xs[index[-1]]:.4g}")
        if ys is not None:
            parts.append(f"{names[1]} = {ys[index[0]]:.4g}")
    else:
        parts.append(f"start ({xs[index[-1]]:.4g}, {ys[index[0]]:.4g})")
    key = (run, *index)
    if not result.done[key]:
        return ", ".join(parts) + ": not computed yet"
    d = int(result.diverged_at[key])
    loss = float(result.loss[key])
    out = ", ".join(parts) + f": loss {loss:.4g}"
    if d >= 0:
        out += f", diverged at step {d}"
    t = int(result.steps_to_tol[key])
    if result.kind == "sweep":
        out += f", tolerance reached at step {t}" if t >= 0 else ""
    else:
        fx, fy = result.final[key]
        out += f", ends at ({fx:.4g}, {fy:.4g})"
    return out


# ---- the sweep plot ----------------------------------------------------------------------------------------------

class SweepPlot(QtCore.QObject):
    """A 1-D sweep as one curve per run (diverged cells as ✕ along the top), a 2-D sweep as a heatmap with a colour
    bar (diverged cells dark red), with the exact stability bound of a quadratic drawn over it."""

    cellClicked = QtCore.Signal(int, int)  # (run index in the plan, flat cell)
    hovered = QtCore.Signal(str)

    def __init__(self, plot: pg.PlotItem, scene=None, parent: QtCore.QObject | None = None):
        """``plot``: the PlotItem drawn in (the dock's, or an export figure's); ``scene``: the graphics scene whose
        mouse clicks and moves pick cells (None: a figure for a file, no mouse)."""
        super().__init__(parent)
        self.plot: pg.PlotItem = plot
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(MAP_CMAP)
        self.under = pg.ImageItem(axisOrder="row-major")  # diverged / never cells in their own colours
        self.plot.addItem(self.under)
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(colorMap=MAP_CMAP, interactive=False, width=12)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar.hide()
        self.bound = pg.PlotCurveItem(pen=pg.mkPen("w", width=2, style=QtCore.Qt.DashLine))
        self.bound_back = pg.PlotCurveItem(pen=pg.mkPen((0, 0, 0, 160), width=4))
        for item in (self.bound_back, self.bound):
            item.setZValue(20)
            self.plot.addItem(item)
            item.hide()
        self.thresholds: list[pg.InfiniteLine] = []  # 1-D: each fixed-step run's bound, in its colour
        self.curves: list[pg.PlotDataItem] = []
        self.crosses = pg.ScatterPlotItem(symbol="x", size=10, pxMode=True)
        self.plot.addItem(self.crosses)
        self.note = pg.TextItem(anchor=(0.5, 0.5), color="#555")
        self.plot.addItem(self.note)
        self.result: MapResult | None = None
        self.plan: MapPlan | None = None
        self.metric = "loss"
        self.colors: list[str] = []
        self.run = 0  # the run a 2-D heatmap shows
        self._log = (False, False)
        if scene is not None:
            scene.sigMouseClicked.connect(self._clicked)
            self._hover = pg.SignalProxy(scene.sigMouseMoved, rateLimit=30, slot=self._moved)
        self.show_message("Set the axes and press Compute (or open a scene with a \"sweep\").")

    def show_message(self, text: str) -> None:
        self.note.setText(text)
        self.note.setPos(0.5, 0.5)
        self.note.show()
        vb = self.plot.vb
        vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)

    def set_map(self, plan: MapPlan, result: MapResult, metric: str, colors: list[str], run: int = 0) -> None:
        first = self.plan is not plan
        self.plan, self.result, self.metric, self.colors, self.run = plan, result, metric, colors, run
        self.note.hide()
        cfg = plan.config
        xlog = cfg.x.scale == "log"
        two_d = cfg.y is not None
        ylog = two_d and cfg.y.scale == "log"
        if not two_d:
            ylog = metric == "loss"
        self._log = (xlog, ylog)
        self.plot.getAxis("bottom").setLogMode(xlog)
        self.plot.getAxis("left").setLogMode(ylog)
        self.plot.setLabel("bottom", cfg.x.param)
        if two_d:
            self._draw_2d(plan, result, metric, run)
            self.plot.setLabel("left", cfg.y.param)
        else:
            self._draw_1d(plan, result, metric, colors)
            self.plot.setLabel("left", dict(METRICS)[metric])
        self._draw_stability(plan, run)
        what = dict(METRICS)[metric]
        who = result.labels[run] if two_d else ", ".join(result.labels) if len(result.labels) <= 2 else \
            f"{len(result.labels)} runs"
        self.plot.setTitle(f"{who}: {what} after {result.steps:,} steps", size="9pt")
        if first:
            self.plot.vb.enableAutoRange()
            self.plot.vb.autoRange(padding=0.02)

    def _draw_2d(self, plan: MapPlan, result: MapResult, metric: str, run: int) -> None:
        for c in self.curves:
            self.plot.removeItem(c)
        self.curves = []
        self.crosses.setData([])
        vals, shown = filled(metric_values(result, metric)[run], result.done[run])
        div = np.asarray(result.diverged_at[run] >= 0)
        div, _ = filled(div.astype(np.float64), result.done[run])
        div = div > 0.5
        xs = _axis_coords(result.xs, self._log[0])
        ys = _axis_coords(result.ys, self._log[1])
        x0, x1 = _edges(xs)
        y0, y1 = _edges(ys)
        rect = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
        finite = vals[np.isfinite(vals)]
        if finite.size:
            lo, hi = float(finite.min()), float(finite.max())
            if hi <= lo:
                hi = lo + 1.0
            self.image.setImage(vals, levels=(lo, hi), autoLevels=False)
            self.bar.setLevels((lo, hi))
        else:
            self.image.setImage(np.full(vals.shape, np.nan), autoLevels=False, levels=(0, 1))
        self.image.setRect(rect)
        under = np.zeros(vals.shape + (4,), dtype=np.ubyte)
        under[div & shown] = DIVERGED_RGBA
        under[~div & shown & ~np.isfinite(vals)] = NEVER_RGBA
        self.under.setImage(under, autoLevels=False, levels=(0, 255))
        self.under.setRect(rect)
        self.image.show()
        self.under.show()
        self.bar.show()
        self.bar.setLabel("right", {"loss": "log₁₀ final loss", "steps_to_tol": "steps to tolerance",
                                    "diverged_at": "step it diverged"}[metric])

    def _draw_1d(self, plan: MapPlan, result: MapResult, metric: str, colors: list[str]) -> None:
        self.image.hide()
        self.under.hide()
        self.bar.hide()
        while len(self.curves) > len(result.labels):
            self.plot.removeItem(self.curves.pop())
        while len(self.curves) < len(result.labels):
            c = pg.PlotDataItem(symbol="o", symbolSize=4)
            self.plot.addItem(c)
            self.curves.append(c)
        xs = _axis_coords(result.xs, self._log[0])
        vals_all = metric_values(result, metric)
        top = np.nanmax(vals_all[np.isfinite(vals_all)]) if np.isfinite(vals_all).any() else 0.0
        span = (top - np.nanmin(vals_all[np.isfinite(vals_all)])) if np.isfinite(vals_all).any() else 1.0
        cx, cy, brushes = [], [], []
        for r, c in enumerate(self.curves):
            color = colors[r] if r < len(colors) else "#000"
            v = np.where(result.done[r], vals_all[r], np.nan)
            if np.isfinite(v).any():
                c.setData(xs, v, connect="finite", pen=pg.mkPen(color, width=2), symbolBrush=color, symbolPen=None)
            else:  # every cell diverged (or none is computed yet): nothing to draw (all-NaN data makes pyqtgraph warn)
                c.setData([], [])
            d = np.flatnonzero(result.done[r] & (result.diverged_at[r] >= 0))
            cx.extend(xs[d].tolist())
            cy.extend([top + 0.06 * (span or 1.0)] * len(d))
            brushes.extend([pg.mkPen(color, width=2)] * len(d))
        self.crosses.setData(cx, cy, pen=brushes if brushes else None, brush=None)

    def _draw_stability(self, plan: MapPlan, run: int) -> None:
        """The theory over the simulation: a 1-D sweep of η gets a dashed line at each fixed-step run's bound
        (in its colour), a 2-D one the boundary curve between stable and unstable cells."""
        for item in (self.bound, self.bound_back):
            item.hide()
        for line in self.thresholds:
            self.plot.removeItem(line)
        self.thresholds = []
        if plan.kind != "sweep":
            return
        if plan.config.y is None:
            for r in range(len(plan.runs)):
                st = stability(plan, r)
                if st is None or st.threshold is None:
                    continue
                color = self.colors[r] if r < len(self.colors) else "#444"
                x = math.log10(st.threshold) if self._log[0] else st.threshold
                line = pg.InfiniteLine(pos=x, angle=90, pen=pg.mkPen(color, width=1.5, style=QtCore.Qt.DashLine),
                                       label=f"{st.label}: η < {st.threshold:.3g}",
                                       labelOpts={"position": 0.95 - 0.07 * len(self.thresholds), "color": color,
                                                  "anchors": [(1, 0.5), (1, 0.5)]})
                line.setZValue(20)
                self.plot.addItem(line)
                self.thresholds.append(line)
            return
        st = stability(plan, run)
        if st is None:
            return
        if st.boundary is not None:
            other, lr = st.boundary
            ok = np.isfinite(lr) & (lr > 0)
            if st.lr_axis == "x":
                bx, by = lr[ok], other[ok]
            else:
                bx, by = other[ok], lr[ok]
            bx = _axis_coords(bx, self._log[0])
            by = _axis_coords(by, self._log[1])
            self.bound.setData(bx, by)
            self.bound_back.setData(bx, by)
            self.bound.show()
            self.bound_back.show()

    # ---- mouse ----------------------------------------------------------------------------------------------------
    def cell_at(self, pos: QtCore.QPointF) -> tuple[int, int] | None:
        """(run, flat cell) under the scene position ``pos``, or None."""
        if self.result is None or self.plan is None:
            return None
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(pos):
            return None
        p = vb.mapSceneToView(pos)
        res = self.result
        xs = _axis_coords(res.xs, self._log[0])
        i = int(np.argmin(np.abs(xs - p.x())))
        x0, x1 = _edges(xs)
        if not x0 <= p.x() <= x1:
            return None
        if res.ys is None:
            vals = metric_values(res, self.metric)[:, i]
            y = p.y()
            dist = np.where(np.isfinite(vals), np.abs(vals - y), np.inf)
            r = int(np.argmin(dist)) if np.isfinite(dist).any() else 0
            return r, i
        ys = _axis_coords(res.ys, self._log[1])
        y0, y1 = _edges(ys)
        if not y0 <= p.y() <= y1:
            return None
        j = int(np.argmin(np.abs(ys - p.y())))
        return self.run, j * len(xs) + i

    def _clicked(self, ev) -> None:
        if ev.button() != QtCore.Qt.LeftButton or ev.double():
            return
        hit = self.cell_at(ev.scenePos())
        if hit is not None:
            self.cellClicked.emit(*hit)

    def _moved(self, args) -> None:
        hit = self.cell_at(args[0])
        if hit is None:
            self.hovered.emit("")
            return
        run, cell = hit
        index = np.unravel_index(cell, self.result.shape)
        names = (self.plan.config.x.param,) + ((self.plan.config.y.param,) if self.plan.config.y else ())
        self.hovered.emit(f"{self.result.labels[run]}: " + describe_cell(self.result, run, tuple(index), names))


# ---- the basin layer ---------------------------------------------------------------------------------------------

def basin_rgba(result: MapResult, objective, run: int, colour_by: str, alpha: int,
               codes: np.ndarray | None = None) -> np.ndarray:
    """The layer's (ny, nx, 4) image: each start coloured by the minimum it ends at (grey: elsewhere, red:
    diverged), or by log10 of its final loss; uncomputed cells transparent. ``codes``: ``classify``'s answer for
    the run, if already at hand."""
    shape = result.shape
    out = np.zeros(shape + (4,), dtype=np.ubyte)
    if colour_by == "minimum":
        codes = classify(result, objective)[run] if codes is None else codes
        codes, shown = filled(codes.astype(np.float64), result.done[run])
        codes = codes.astype(np.int64)
        colours = {DIVERGED: BASIN_DIVERGED, ELSEWHERE: BASIN_ELSEWHERE}
        for code in np.unique(codes):
            if code == UNCOMPUTED:
                continue
            hexc = colours.get(int(code), BASIN_COLOURS[int(code) % len(BASIN_COLOURS)])
            c = QtGui.QColor(hexc)
            out[(codes == code) & shown] = (c.red(), c.green(), c.blue(), alpha)
        return out
    vals, shown = filled(metric_values(result, "loss")[run], result.done[run])
    div, _ = filled((result.diverged_at[run] >= 0).astype(np.float64), result.done[run])
    finite = np.isfinite(vals)
    if finite.any():
        lo, hi = float(vals[finite].min()), float(vals[finite].max())
        u = (vals - lo) / (hi - lo) if hi > lo else np.zeros_like(vals)
        lut = MAP_CMAP.getLookupTable(0.0, 1.0, 256, alpha=False)
        idx = np.clip((np.nan_to_num(u) * 255).astype(int), 0, 255)
        rgb = lut[idx]
        out[..., :3] = rgb
        out[..., 3] = np.where(finite & shown, alpha, 0)
    c = QtGui.QColor(BASIN_DIVERGED)
    out[(div > 0.5) & shown] = (c.red(), c.green(), c.blue(), alpha)
    return out


class BasinLayer:
    """A translucent image over the contour map: where each start of a grid ends."""

    def __init__(self, plot: pg.PlotItem):
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-5)  # over the surface's colours, under level curves and trajectories
        self.image.hide()
        plot.addItem(self.image)

    def draw(self, result: MapResult | None, objective, run: int, colour_by: str, alpha: int,
             codes: np.ndarray | None = None) -> None:
        if result is None or objective is None:
            self.image.hide()
            return
        rgba = basin_rgba(result, objective, run, colour_by, alpha, codes)
        x0, x1 = _edges(np.asarray(result.xs))
        y0, y1 = _edges(np.asarray(result.ys))
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.image.show()

    def hide(self) -> None:
        self.image.hide()


def basin_summary(result: MapResult, objective, run: int,
                  codes: np.ndarray | None = None) -> list[tuple[str, str, float]]:
    """(colour, what, share of computed cells) per outcome of run ``run``: each known minimum, elsewhere,
    diverged."""
    codes = classify(result, objective)[run] if codes is None else codes
    done = codes != UNCOMPUTED
    n = int(done.sum())
    if not n:
        return []
    out = []
    for k, m in enumerate(objective.minima or ()):
        share = float(np.count_nonzero(codes == k)) / n
        out.append((BASIN_COLOURS[k % len(BASIN_COLOURS)], f"minimum ({m[0]:.3g}, {m[1]:.3g})", share))
    out.append((BASIN_ELSEWHERE, "elsewhere (not at a known minimum)", float(np.count_nonzero(codes == ELSEWHERE)) / n))
    out.append((BASIN_DIVERGED, "diverged", float(np.count_nonzero(codes == DIVERGED)) / n))
    return out


# ---- the dock ----------------------------------------------------------------------------------------------------

def _spin(low: float, high: float, value: float, decimals: int = 6, log: bool = False) -> pg.SpinBox:
    if log:
        return pg.SpinBox(value=value, bounds=(low, high), dec=True, step=1, minStep=1e-12, decimals=4,
                          compactHeight=False)
    return pg.SpinBox(value=value, bounds=(low, high), step=0.05, decimals=decimals, compactHeight=False)


class AxisRow(QtWidgets.QWidget):
    """One swept axis: the knob, from, to, count and scale."""

    changed = QtCore.Signal()

    def __init__(self, optional: bool, parent=None):
        super().__init__(parent)
        self.optional = optional
        lay = QtWidgets.QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.param = QtWidgets.QComboBox()
        self.param.setToolTip("The hyperparameter swept along this axis" + (" (none: a 1-D sweep)" if optional else ""))
        self.start = pg.SpinBox(value=1e-3, dec=True, step=1, minStep=1e-12, decimals=4, compactHeight=False)
        self.stop = pg.SpinBox(value=1.0, dec=True, step=1, minStep=1e-12, decimals=4, compactHeight=False)
        self.count = QtWidgets.QSpinBox()
        self.count.setRange(2, 1024)
        self.count.setValue(64)
        self.count.setToolTip("Cells along this axis (≥ 2)")
        self.scale = QtWidgets.QComboBox()
        self.scale.addItems(["log", "linear"])
        self.start.setToolTip("First value (\"from\")")
        self.stop.setToolTip("Last value (\"to\")")
        lay.addWidget(self.param, 0, 0, 1, 2)
        lay.addWidget(self.scale, 0, 2)
        lay.addWidget(self.start, 1, 0)
        lay.addWidget(self.stop, 1, 1)
        lay.addWidget(self.count, 1, 2)
        self.param.currentIndexChanged.connect(self._param_changed)
        for sig in (self.start.sigValueChanged, self.stop.sigValueChanged, self.count.valueChanged,
                    self.scale.currentIndexChanged):
            sig.connect(lambda *_a: self.changed.emit())
        self.decls: dict = {}

    def set_params(self, decls: dict) -> None:
        """The knobs to choose from (name -> HyperParam), keeping the current one where it still exists."""
        keep = self.param.currentData()
        self.decls = decls
        self.param.blockSignals(True)
        self.param.clear()
        if self.optional:
            self.param.addItem("(none: 1-D)", None)
        for name, d in decls.items():
            self.param.addItem(f"{d.symbol} {name}" if d.symbol and d.symbol != name else name, name)
            self.param.setItemData(self.param.count() - 1, tooltip(d), QtCore.Qt.ToolTipRole)
        i = self.param.findData(keep)
        self.param.setCurrentIndex(i if i >= 0 else 0)
        self.param.blockSignals(False)
        self._enable()

    def _param_changed(self, _i: int) -> None:
        name = self.param.currentData()
        d = self.decls.get(name)
        if d is not None:  # sensible defaults for the knob: η over four decades, β-like knobs over their range
            self.blockSignals(True)
            if d.log:
                self.scale.setCurrentText("log")
                self.start.setValue(1e-4)
                self.stop.setValue(min(d.high, 1.0) if math.isfinite(d.high) else 1.0)
            else:
                self.scale.setCurrentText("linear")
                self.start.setValue(d.low if math.isfinite(d.low) else 0.0)
                hi = d.high - 0.01 if d.high_open else d.high
                self.stop.setValue(hi if math.isfinite(hi) else 1.0)
            self.blockSignals(False)
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        on = self.param.currentData() is not None
        for w in (self.start, self.stop, self.count, self.scale):
            w.setEnabled(on)

    def axis(self) -> SweepAxis | None:
        name = self.param.currentData()
        if name is None:
            return None
        return SweepAxis(name, float(self.start.value()), float(self.stop.value()), int(self.count.value()),
                         self.scale.currentText())

    def show_axis(self, axis: SweepAxis | None) -> None:
        self.blockSignals(True)
        if axis is None:
            self.param.setCurrentIndex(0 if self.optional else self.param.currentIndex())
        else:
            i = self.param.findData(axis.param)
            if i >= 0:
                self.param.setCurrentIndex(i)
            self.scale.setCurrentText(axis.scale)
            self.start.setValue(axis.start)
            self.stop.setValue(axis.stop)
            self.count.setValue(axis.count)
        self.blockSignals(False)
        self._enable()


class _MapTab(QtWidgets.QWidget):
    """What the Sweep and Basins tabs share: Compute / Cancel, a progress bar, a status line, the worker job, the
    debounce timer that recomputes after an edit ("auto"), and the scene section they read and write."""

    kind = ""

    def __init__(self, controller: Controller, parent=None):
        super().__init__(parent)
        self.c = controller
        self.job: MapJob | None = None
        self.plan: MapPlan | None = None
        self.result: MapResult | None = None
        self._drawn: MapResult | None = None
        self.shown_config = None  # the section the fields show (computed or loaded from a scene)
        self._computed_key = None
        self._loading = False  # fields being filled from a scene: no recompute per field
        self.lay = QtWidgets.QVBoxLayout(self)
        self.lay.setContentsMargins(4, 4, 4, 4)
        self.form = QtWidgets.QFormLayout()
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.lay.addLayout(self.form)
        row = QtWidgets.QHBoxLayout()
        self.compute_button = QtWidgets.QPushButton("Compute")
        self.compute_button.setObjectName(f"{self.kind}Compute")
        self.cancel_button = QtWidgets.QPushButton("Cancel")
        self.cancel_button.setObjectName(f"{self.kind}Cancel")
        self.cancel_button.setEnabled(False)
        self.auto = QtWidgets.QCheckBox("auto")
        self.auto.setToolTip("Recompute the map shortly after any change to these settings or to the scene")
        self.auto.setChecked(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        row.addWidget(self.compute_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.auto)
        self.lay.addLayout(row)
        self.lay.addWidget(self.progress)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.status.setObjectName(f"{self.kind}Status")
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.debounce = QtCore.QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.compute)
        self.poll = QtCore.QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)

    # ---- to be provided by a tab -------------------------------------------------------------------------------------
    def config(self):  # the section from the tab's fields (raises PlaygroundError)
        raise NotImplementedError

    def draw(self) -> None:
        raise NotImplementedError

    def plan_runs(self) -> list[int] | None:
        return None

    # ---- computing -----------------------------------------------------------------------------------------------
    def edited(self) -> None:
        """A field changed: recompute after a pause when "auto" is on and a map was computed or asked for."""
        if not self._loading and self.auto.isChecked() and (self.plan is not None or self.job is not None):
            self.debounce.start()

    def inputs_key(self):
        """What the map depends on besides the tab's own fields (a change of anything else leaves it as it is:
        loading a sweep cell into its run, a colour, a basin map's start)."""
        raise NotImplementedError

    def scene_changed(self) -> None:
        """The race's settings changed: the map is stale; recompute (debounced) when "auto" is on."""
        if self.plan is not None and self.inputs_key() != self._computed_key:
            if self.auto.isChecked():
                self.debounce.start()
            else:
                self.status.setText("The scene changed since this map: press Compute to update it.")

    def compute(self) -> bool:
        self.debounce.stop()
        self.cancel()
        try:
            cfg = self.config()
            scene = self.c.current_scene()
            if self.c.objective is None:
                raise PlaygroundError("no objective")
            if self.c.objective.is_network:
                raise PlaygroundError("Maps are for 2-D objectives: a network's landscape is on the contour view "
                                      "(Fit plane)")
            steps = scene.steps if scene.steps else 100
            plan = MapPlan(scene.with_(**{self.kind: cfg}), cfg, objective=self.c.objective, steps=steps)
        except PlaygroundError as e:
            self.status.setText(f"<span style='color:#b00020'>{e}</span>")
            return False
        self.c.set_map_section(self.kind, cfg)
        self.shown_config = cfg
        self._computed_key = self.inputs_key()
        self.plan = plan
        self.result = plan.blank()
        self._drawn = None
        self.job = MapJob(plan)
        self._started = time.perf_counter()
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(f"Computing {plan.n_cells:,} cells × {len(plan.runs)} run(s) × {plan.steps:,} steps…")
        self.poll.start()
        return True

    def cancel(self) -> None:
        job = self.job
        if job is not None:
            job.cancel()
            self.job = None
            self.poll.stop()
            self.cancel_button.setEnabled(False)
            if not job.done.is_set():
                self.status.setText("Cancelled: the cells computed so far are shown.")

    def wait(self, timeout: float = 60.0) -> None:
        """Tests and scripts: block until the current job is done, then take its result."""
        if self.job is not None:
            self.job.wait(timeout)
            self._poll()

    def _poll(self) -> None:
        job = self.job
        if job is None:
            self.poll.stop()
            return
        self.progress.setValue(int(job.progress * 1000))
        if job.result is not self._drawn:
            self.result = job.result
            self._drawn = job.result
            self.draw()
        if job.done.is_set():
            self.poll.stop()
            self.job = None
            self.cancel_button.setEnabled(False)
            if job.error:
                self.status.setText(f"<span style='color:#b00020'>{job.error}</span>")
                return
            first = f"; coarse map after {job.first_level_s * 1e3:.0f} ms" if job.first_level_s else ""
            self.status.setText(self.summary() + f" Computed in {job.seconds:.2f} s{first}.")
            self.progress.setValue(1000)

    def summary(self) -> str:
        return ""

    def load_config(self, cfg) -> None:
        """A scene brought its own section: show it, and compute it when "auto" is on."""
        self._loading = True
        try:
            self.show_config(cfg)
        finally:
            self._loading = False
        self.shown_config = cfg
        if self.auto.isChecked():
            self.compute()

    def _scene_key(self, runs, drop: tuple[str, ...], with_start: bool):
        scene = self.c.current_scene()
        hp = tuple((r.label, r.type, r.convention, r.schedule, r.batch,
                    tuple(sorted((k, v) for k, v in r.hyperparams.items() if k not in drop))) for r in runs)
        return (id(self.c.objective), hp, scene.batch, scene.seed, scene.steps,
                scene.start if with_start else None)


class SweepTab(_MapTab):
    kind = "sweep"

    def __init__(self, controller: Controller, parent=None):
        super().__init__(controller, parent)
        self.run_combo = QtWidgets.QComboBox()
        self.run_combo.setObjectName("sweepRun")
        self.run_combo.setToolTip("The run swept (a 2-D sweep maps one run; a 1-D sweep can draw every run)")
        self.x_row = AxisRow(False)
        self.y_row = AxisRow(True)
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(0, 1_000_000)
        self.steps.setSpecialValueText("the scene's")
        self.steps.setToolTip("Steps each cell runs (the scene's step limit by default)")
        self.metric_combo = QtWidgets.QComboBox()
        for key, text in METRICS:
            self.metric_combo.addItem(text, key)
        self.metric_combo.setToolTip("What colours a cell: the full-data loss after the last step, the first step whose "
                               "loss is within the tolerance of the known minimum, or the step it diverged")
        self.tolerance = pg.SpinBox(value=1e-6, bounds=(0, 1e6), dec=True, step=1, minStep=1e-15, decimals=3,
                                    compactHeight=False)
        self.tolerance.setToolTip("Steps to tolerance: loss ≤ the known minimum value + this")
        self.form.addRow("run", self.run_combo)
        self.form.addRow("x", self.x_row)
        self.form.addRow("y", self.y_row)
        self.form.addRow("steps", self.steps)
        self.form.addRow("colour", self.metric_combo)
        self.form.addRow("tolerance", self.tolerance)
        self.plot_widget = pg.PlotWidget()
        self.plot_widget.setObjectName("sweepView")
        self.plot_widget.setMinimumHeight(220)
        self.view = SweepPlot(self.plot_widget.getPlotItem(), self.plot_widget.scene(), self.plot_widget)
        self.lay.addWidget(self.plot_widget, 1)
        self.hover = QtWidgets.QLabel(" ")
        self.hover.setWordWrap(True)
        self.hover.setObjectName("sweepHover")
        self.lay.addWidget(self.hover)
        self.lay.addWidget(self.status)
        self.view.hovered.connect(lambda t: self.hover.setText(t or " "))
        self.view.cellClicked.connect(self.load_cell)
        self.run_combo.currentIndexChanged.connect(lambda _i: self._runs_changed())
        self.x_row.changed.connect(self.edited)
        self.y_row.changed.connect(self._y_changed)
        self.steps.valueChanged.connect(lambda _v: self.edited())
        self.tolerance.sigValueChanged.connect(lambda _s: self.edited())
        self.metric_combo.currentIndexChanged.connect(lambda _i: self.draw())

    # ---- fields ------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The runs and knobs of the scene as it is (after a scene, run or objective change)."""
        scene = self.c.scene
        labels = [r.label for r in scene.optimizers if r.enabled]
        items = [("every run", None)] + [(label, label) for label in labels]
        current = [(self.run_combo.itemText(i), self.run_combo.itemData(i)) for i in range(self.run_combo.count())]
        if items != current:
            keep = self.run_combo.currentData()
            self.run_combo.blockSignals(True)
            self.run_combo.clear()
            for text, data in items:
                self.run_combo.addItem(text, data)
            i = self.run_combo.findData(keep)
            self.run_combo.setCurrentIndex(i if i >= 0 else (1 if len(items) > 1 else 0))
            self.run_combo.blockSignals(False)
        self._runs_changed(quiet=True)

    def inputs_key(self):
        x, y = self.x_row.axis(), self.y_row.axis()
        swept = tuple(a.param for a in (x, y) if a is not None)
        return self._scene_key(self.chosen_runs(), swept, True)

    def chosen_runs(self):
        label = self.run_combo.currentData()
        runs = [r for r in self.c.scene.optimizers if r.enabled]
        return [r for r in runs if r.label == label] if label is not None else runs

    def _runs_changed(self, quiet: bool = False) -> None:
        runs = self.chosen_runs()
        if not runs:
            return
        names = None
        for r in runs:  # the knobs every chosen run has (η for every rule)
            decls = {d.name: d for d in r.spec.hyperparams if not d.boolean}
            names = decls if names is None else {k: v for k, v in names.items() if k in decls}
        self.x_row.set_params(names or {})
        self.y_row.set_params(names or {})
        if self.run_combo.currentData() is None and self.y_row.param.currentData() is not None:
            self.y_row.param.setCurrentIndex(0)  # every run: 1-D only
        self.y_row.setEnabled(self.run_combo.currentData() is not None)
        if not quiet:
            self.edited()

    def _y_changed(self) -> None:
        self.metric_combo.setItemText(0, "final loss")
        self.edited()

    def show_config(self, cfg: SweepConfig | None) -> None:
        """Fill the fields from a scene's "sweep" (None: leave them)."""
        if cfg is None:
            return
        if cfg.runs and len(cfg.runs) == 1:
            i = self.run_combo.findData(cfg.runs[0])
            if i >= 0:
                self.run_combo.setCurrentIndex(i)
        elif cfg.runs is None:
            self.run_combo.setCurrentIndex(0)
        self.x_row.show_axis(cfg.x)
        self.y_row.show_axis(cfg.y)
        self.steps.setValue(cfg.steps or 0)
        if cfg.tolerance is not None:
            self.tolerance.setValue(cfg.tolerance)

    def config(self) -> SweepConfig:
        x = self.x_row.axis()
        if x is None:
            raise PlaygroundError("sweep: pick the hyperparameter to sweep along x")
        y = self.y_row.axis()
        label = self.run_combo.currentData()
        if y is not None and label is None:
            raise PlaygroundError("sweep: a 2-D sweep maps one run: pick it in \"run\"")
        from engine.sweep import sweep_from_dict

        d = {"x": x.to_dict()}
        if y is not None:
            d["y"] = y.to_dict()
        if label is not None:
            d["runs"] = [label]
        if self.steps.value():
            d["steps"] = int(self.steps.value())
        d["tolerance"] = float(self.tolerance.value())
        return sweep_from_dict(d, [r.resolved() for r in self.c.scene.optimizers])

    # ---- drawing and clicking --------------------------------------------------------------------------------------
    def colors(self) -> list[str]:
        by_label = {r.label: r.color or "#000" for r in self.c.scene.optimizers}
        return [by_label.get(label, "#000") for label in self.plan.labels] if self.plan else []

    def draw(self) -> None:
        if self.plan is None or self.result is None:
            return
        self.view.set_map(self.plan, self.result, self.metric_combo.currentData(), self.colors())

    def load_cell(self, run: int, cell: int) -> None:
        """Load the cell's values into its run and replay the race with them."""
        if self.plan is None:
            return
        label = self.plan.labels[run]
        values = self.plan.cell_hyperparams(cell)
        index = next((i for i, r in enumerate(self.c.scene.optimizers) if r.label == label), None)
        if index is None:
            return
        if self.c.replay_hyperparams(index, values):
            text = ", ".join(f"{k} = {v:.4g}" for k, v in values.items())
            self.c.message.emit(f"{label}: {text} loaded from the sweep; its race is replayed with them.")

    def summary(self) -> str:
        res = self.result
        if res is None:
            return ""
        n = int(res.done.sum())
        div = int(np.count_nonzero(res.done & (res.diverged_at >= 0)))
        best = ""
        if res.ys is not None or len(res.labels) == 1:
            loss = np.where(res.done[0] & (res.diverged_at[0] < 0), res.loss[0], np.inf)
            if np.isfinite(loss).any():
                cell = int(np.argmin(loss))
                values = self.plan.cell_hyperparams(cell)
                best = " Best: " + ", ".join(f"{k} = {v:.4g}" for k, v in values.items()) + \
                       f" (loss {loss.flat[cell]:.3g})."
        return f"{n:,} cells, {div:,} diverged.{best}"


class BasinTab(_MapTab):
    kind = "basins"

    def __init__(self, controller: Controller, layer: BasinLayer, view_bounds, parent=None):
        super().__init__(controller, parent)
        self.layer = layer
        self.view_bounds = view_bounds
        self.bounds = None  # a scene's own bounds, for its first map
        self.run_combo = QtWidgets.QComboBox()
        self.run_combo.setObjectName("basinRun")
        self.run_combo.setToolTip("The run whose basins are mapped")
        self.grid = QtWidgets.QSpinBox()
        self.grid.setRange(2, 1024)
        self.grid.setValue(100)
        self.grid.setToolTip("Starts along x of the visible area")
        self.grid_y = QtWidgets.QSpinBox()
        self.grid_y.setRange(2, 1024)
        self.grid_y.setValue(100)
        self.grid_y.setPrefix("× ")
        self.grid_y.setToolTip("Starts along y of the visible area")
        grid_row = QtWidgets.QWidget()
        gl = QtWidgets.QHBoxLayout(grid_row)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(self.grid)
        gl.addWidget(self.grid_y)
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(0, 1_000_000)
        self.steps.setSpecialValueText("the scene's")
        self.steps.setToolTip("Steps from each start (the scene's step limit by default)")
        self.colour_by = QtWidgets.QComboBox()
        self.colour_by.addItem("the minimum it reaches", "minimum")
        self.colour_by.addItem("its final loss", "loss")
        self.opacity = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.opacity.setRange(20, 255)
        self.opacity.setValue(150)
        self.opacity.setToolTip("How opaque the layer is over the map")
        self.show_layer = QtWidgets.QCheckBox("show on the map")
        self.show_layer.setChecked(True)
        self.form.addRow("run", self.run_combo)
        self.form.addRow("grid", grid_row)
        self.form.addRow("steps", self.steps)
        self.form.addRow("colour by", self.colour_by)
        self.form.addRow("opacity", self.opacity)
        self.form.addRow("", self.show_layer)
        self.legend = QtWidgets.QLabel()
        self.legend.setObjectName("basinLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(QtCore.Qt.RichText)
        self.lay.addWidget(self.legend)
        self.lay.addWidget(self.status)
        hint = QtWidgets.QLabel("The map covers the visible area: pan or zoom first. Click the map to start the "
                                "race from a cell.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.lay.addWidget(hint)
        self.lay.addStretch(1)
        self.run_combo.currentIndexChanged.connect(lambda _i: self.edited())
        self.grid.valueChanged.connect(lambda _v: self.edited())
        self.grid_y.valueChanged.connect(lambda _v: self.edited())
        self.steps.valueChanged.connect(lambda _v: self.edited())
        for sig in (self.colour_by.currentIndexChanged, self.opacity.valueChanged, self.show_layer.toggled):
            sig.connect(lambda *_a: self.draw())

    def refresh(self) -> None:
        labels = [r.label for r in self.c.scene.optimizers if r.enabled]
        if labels != [self.run_combo.itemText(i) for i in range(self.run_combo.count())]:
            keep = self.run_combo.currentText()
            self.run_combo.blockSignals(True)
            self.run_combo.clear()
            self.run_combo.addItems(labels)
            i = self.run_combo.findText(keep)
            self.run_combo.setCurrentIndex(max(i, 0))
            self.run_combo.blockSignals(False)

    def inputs_key(self):
        label = self.run_combo.currentText()
        return self._scene_key([r for r in self.c.scene.optimizers if r.label == label], (), False)

    def show_config(self, cfg: BasinConfig | None) -> None:
        if cfg is None:
            return
        if cfg.runs:
            i = self.run_combo.findText(cfg.runs[0])
            if i >= 0:
                self.run_combo.setCurrentIndex(i)
        self.grid.setValue(cfg.grid[0])
        self.grid_y.setValue(cfg.grid[1])
        self.steps.setValue(cfg.steps or 0)
        self.bounds = cfg.bounds  # a scene's bounds are used once, for its own map; then the visible area

    def config(self) -> BasinConfig:
        from engine.sweep import basins_from_dict

        label = self.run_combo.currentText()
        if not label:
            raise PlaygroundError("basins: enable a run to map")
        x0, x1, y0, y1 = self.bounds if self.bounds is not None else self.view_bounds()
        self.bounds = None
        d = {"runs": [label], "grid": [int(self.grid.value()), int(self.grid_y.value())], "bounds": [x0, x1, y0, y1]}
        if self.steps.value():
            d["steps"] = int(self.steps.value())
        return basins_from_dict(d, [r.resolved() for r in self.c.scene.optimizers])

    def draw(self) -> None:
        if self.plan is None or self.result is None or not self.show_layer.isChecked():
            self.layer.hide()
            return
        codes = classify(self.result, self.plan.objective)[0]
        self.layer.draw(self.result, self.plan.objective, 0, self.colour_by.currentData(), self.opacity.value(),
                        codes)
        rows = basin_summary(self.result, self.plan.objective, 0, codes)
        if self.colour_by.currentData() == "minimum":
            self.legend.setText("<br>".join(f"<span style='color:{c}'>■</span> {what}: {share:.0%}"
                                            for c, what, share in rows if share > 0 or "minimum" in what))
        else:
            self.legend.setText("colours: log₁₀ final loss (viridis, low = dark); "
                                f"<span style='color:{BASIN_DIVERGED}'>■</span> diverged")

    def summary(self) -> str:
        res = self.result
        if res is None:
            return ""
        return f"{int(res.done.sum()):,} starts × {res.steps:,} steps of {res.labels[0]}."


class MapsPanel(QtWidgets.QTabWidget):
    """The Maps dock: the Sweep and Basins tabs."""

    def __init__(self, controller: Controller, layer: BasinLayer, view_bounds, parent=None):
        super().__init__(parent)
        self.c = controller
        self.sweep = SweepTab(controller)
        self.basins = BasinTab(controller, layer, view_bounds)
        self.addTab(self.sweep, "Sweep")
        self.addTab(self.basins, "Basins")
        self.setTabToolTip(0, "Final loss against one or two hyperparameters: every cell a whole run")
        self.setTabToolTip(1, "Where runs from a grid of starts end, as a layer over the map")
        controller.sceneChanged.connect(self._scene_changed)
        controller.runChanged.connect(lambda _i: self._race_changed())
        controller.objectiveChanged.connect(lambda _o: self._objective_changed())
        self._scene_changed(controller.scene)

    def _scene_changed(self, scene) -> None:
        self.sweep.refresh()
        self.basins.refresh()
        for tab in (self.sweep, self.basins):
            cfg = getattr(scene, tab.kind, None)
            if cfg is not None and cfg != tab.shown_config:  # a scene opened with its own section: show it
                tab.load_config(cfg)
        self._race_changed()

    def _race_changed(self) -> None:
        for tab in (self.sweep, self.basins):
            tab.scene_changed()

    def _objective_changed(self) -> None:
        for tab in (self.sweep, self.basins):
            tab.cancel()
            tab.plan = tab.result = None
        self.basins.layer.hide()
        self.sweep.view.show_message("New surface: press Compute for its map.")

    def shutdown(self) -> None:
        for tab in (self.sweep, self.basins):
            tab.cancel()
