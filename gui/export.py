"""Figures of the race for files: the contour and loss views (or one panel per run) drawn offscreen with the same code
as on screen, rendered to PNG here, to SVG/PDF in vector.py and to animations in animation.py; the headless writers
of ``main.py --png/--svg/--pdf/--gif``."""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets
import pyqtgraph as pg

from engine import Objective, PlaygroundError, RunSpec, Scene, Session, Snapshot, atomic_write_bytes
from engine.i18n import pick
from engine.limits import MAX_WIDTH, MIN_WIDTH

from .i18n import declared, translate
from .legend import legend_html
from .multiples import LAYOUTS, RunPanels, grid_shape
from .plots import ContourData, ContourPlot, LossPlot, compute_contour
from .style import configure, fill_colors

VIEWS = ("both", "contour", "loss")
BACKGROUNDS = ("white", "transparent")
SCALES = (1, 2, 3)
PNG_QUALITY = 70


@dataclass(frozen=True)
class ExportOptions:
    """What a figure shows and how it is rendered; the window remembers them between exports (QSettings)."""

    background: str = "white"  # "white" or "transparent" (PNG, SVG, PDF; animations are always white)
    scale: int = 1  # pixels per figure pixel: a 2× PNG of width 800 is 1600 px wide and looks the same, sharper
    title: bool = True  # the title row: scene title, surface, formula, step
    hyperparams: bool = True  # each run's label in the legend followed by its hyperparameters ("Adam η=0.3, β₁=0.9")
    caption: bool = False  # a line under the plots naming the objective and the step
    extras: bool = True  # the window's Data view, sweep map and basin layer too, where they are shown

    def __post_init__(self):
        if self.background not in BACKGROUNDS:
            raise PlaygroundError(f"unknown background {self.background!r} (choose from {', '.join(BACKGROUNDS)})")
        if self.scale not in SCALES:
            raise PlaygroundError(f"scale {self.scale!r} is not one of {', '.join(map(str, SCALES))}")


@dataclass(frozen=True)
class Extras:
    """Panels a figure adds beside the race, as the window shows them: the data view (data objectives), a sweep's
    map with its colour bar, and the basin layer over the contour map."""

    data: bool = False  # the Data view: the rows and each run's model at the figure's step
    session: Session | None = None  # the race (which rows each step used)
    selected: int | None = None  # the run whose batch rows are ringed
    residuals: bool = False
    sweep: tuple | None = None  # (MapPlan, MapResult, metric, run colours, run): a sweep panel
    network: tuple | None = None  # (θ, label) of the selected run: a network's decision map or digits panel
    basins: tuple | None = None  # (MapResult, colour_by, alpha): the basin layer on the contour map

    def panels(self, objective: Objective) -> list[str]:
        from .dataview import DataPlot

        out = []
        if self.data and DataPlot.shows(objective):
            out.append("data")
        if self.network is not None:
            out.append("network")
        if self.sweep is not None:
            out.append("sweep")
        return out


EXTRA_PANEL_WIDTH = 460  # figure pixels added per extra panel (data view, sweep map)


def figure_title(objective: Objective, snap: Snapshot | None, scene_title: str = "") -> str:
    scene_title = pick(scene_title)  # a string, or {"en": ..., "ko": ...}
    head = f"{scene_title} — " if scene_title else ""
    formula = f":  f = {declared(objective.formula_text)}" if objective.formula_text else ""
    step = "   ·   " + translate("Export", "step {step}").format(step=snap.step) if snap is not None else ""
    return f"{head}{declared(objective.title)}{formula}{step}"


def figure_caption(objective: Objective, snap: Snapshot | None, start=None) -> str:
    """The caption line: the objective (its formula where it has one), the start and the step shown."""
    formula = f" f = {declared(objective.formula_text)}" if objective.formula_text else ""
    at = translate("Export", ", from ({x}, {y})").format(x=f"{start[0]:.4g}", y=f"{start[1]:.4g}") \
        if start is not None else ""
    step = translate("Export", ", step {step}").format(step=snap.step) if snap is not None else ""
    return f"{declared(objective.title)}:{formula}{at}{step}"


def _number(v) -> str:
    return f"{v:.4g}"


def hyperparam_text(run: RunSpec) -> str:
    """A run's label followed by its hyperparameters, as a legend or panel title shows them: η always, the rule's
    own constants (the non-zero defaults such as α, β₁, β₂), and anything else set away from its default;
    e.g. "Adam η=0.3, β₁=0.9, β₂=0.999", "SGD η=0.95, λ=0.01", "Momentum (book) η=0.1, α=0.9"."""
    spec = run.spec
    parts = []
    for h in spec.hyperparams:
        v = run.hyperparams.get(h.name, h.default)
        name = h.symbol or h.name
        if h.boolean:
            if bool(v) != bool(h.default):
                parts.append(h.name if v else translate("Export", "no {name}").format(name=h.name))
        elif h.name == "lr" or v != h.default or (h.default != 0 and not h.log and not h.integer):
            parts.append(f"{name}={_number(v)}")
    if run.schedule is not None:
        parts.append(translate("Export", "{title} schedule").format(title=declared(run.schedule.spec.title)))
    head = translate("Export", "{label} (book)").format(label=run.label) if run.convention == "book" else run.label
    return f"{head} {', '.join(parts)}" if parts else head


def _figure_size(view: str, layout: str, n_runs: int, objective: Objective) -> tuple[int, int]:
    """The figure's own size in pixels (renders scale it to the width asked for). Panels take the shape of the
    surface's bounds (within limits), so an equal-aspect map fills them."""
    if layout == "grid" and view != "loss":
        rows, cols = grid_shape(max(n_runs, 1))
        x0, x1, y0, y1 = objective.bounds
        panel_h = min(max(380 * (y1 - y0) / (x1 - x0), 200), 420) + 75  # + title and axis
        w, h = cols * 430, round(rows * panel_h + 70)
        return (w + 540, max(h, 560)) if view == "both" else (w, h)
    return {"both": (1300, 560), "contour": (820, 620), "loss": (820, 560)}[view]


@dataclass
class Figure:
    """An offscreen figure and the items a new step updates (``show``); ``win`` is what gets rendered."""

    win: pg.GraphicsLayoutWidget
    objective: Objective
    data: ContourData
    start: tuple[float, float] | None
    scene_title: str
    options: ExportOptions
    titles: list[str] | None  # run labels with hyperparameters (None: the labels)
    contour: ContourPlot | None = None
    loss: LossPlot | None = None
    panels: RunPanels | None = None
    data_view: object | None = None  # dataview.DataPlot
    sweep_view: object | None = None  # maps.SweepPlot
    net_view: object | None = None  # netdata.DecisionMap | netdata.DigitGrid
    extras: Extras = Extras()
    columns: int = 1
    title: pg.LabelItem | None = None
    legend: pg.LabelItem | None = None
    caption: pg.LabelItem | None = None
    note: str = ""  # what the overlays on the map mean (the window's caption under the map)
    _texts: dict = dataclasses.field(default_factory=dict)

    def show(self, snap: Snapshot | None, note: str | None = None) -> None:
        """Draw ``snap`` (every view, title, legend and caption); ``note`` replaces the overlay note."""
        if note is not None:
            self.note = note
        if self.contour is not None:
            self.contour.render(snap, self.start)
        if self.panels is not None:
            self.panels.show(self.objective, self.data, snap, self.start, self.titles)
        if self.loss is not None:
            self.loss.render(snap)
        if self.data_view is not None:
            self.data_view.render(snap, self.extras.session, self.extras.selected)
        if self.title is not None:
            self._set(self.title, html.escape(figure_title(self.objective, snap, self.scene_title)))
        if self.legend is not None and snap is not None:
            self._set(self.legend, legend_html(_relabelled(snap, self.titles), losses=False))
            self._wrap(self.legend)
        if self.caption is not None:
            lines = [self.note] if self.note else []
            if self.options.caption:
                lines.append(figure_caption(self.objective, snap, self.start))
            # an empty row keeps its height (an animation's frames all have the same layout)
            self._set(self.caption, "<br>".join(html.escape(t) for t in lines) or "&nbsp;")

    def _wrap(self, label: pg.LabelItem) -> None:
        """A legend wider than the figure (eight runs with their hyperparameters) wraps between its entries,
        centred, instead of running off the edge; one that fits is left as one line."""
        item = label.item
        room = self.win.width() - 40
        if item.textWidth() < 0 and item.boundingRect().width() <= room:
            return
        item.setTextWidth(-1)
        if item.boundingRect().width() <= room:
            return
        item.setTextWidth(room)
        option = item.document().defaultTextOption()
        option.setAlignment(QtCore.Qt.AlignHCenter)
        item.document().setDefaultTextOption(option)
        label.updateMin()

    def _set(self, label: pg.LabelItem, text: str) -> None:
        if self._texts.get(id(label)) != text:  # a label's relayout is the dearest part of a frame: only on change
            label.setText(text)
            self._texts[id(label)] = text

    def add_caption_row(self) -> None:
        """The caption row, for a figure built without one (an animation whose frames have notes)."""
        self.caption = self.win.ci.addLabel("", row=3, col=0, colspan=self.columns, size="8pt", color="#444")

    def freeze_ranges(self) -> None:
        """Keep the loss view's range as it is now (an animation's frames share the last frame's axes)."""
        if self.loss is not None:
            self.loss.follow = False


def _relabelled(snap: Snapshot, titles: Sequence[str] | None) -> Snapshot:
    if titles is None:
        return snap
    return dataclasses.replace(snap, runs=tuple(dataclasses.replace(r, label=t) for r, t in zip(snap.runs, titles)))


def make_figure(objective: Objective, data: ContourData, snap: Snapshot | None, start, scene_title: str = "",
                view: str = "both", log_loss: bool = True, decorate: Callable | None = None, caption: str = "",
                layout: str = "single", options: ExportOptions = ExportOptions(),
                runs: Sequence[RunSpec] | None = None, extras: Extras = Extras()) -> Figure:
    """An offscreen figure of ``snap`` (nothing on screen is touched). ``decorate(contour_plot, loss_plot)`` lets
    callers add the overlays visible on screen; ``caption`` (what those overlays mean) goes in a row under the plots;
    ``layout`` "grid" draws one contour panel per run; ``runs`` (the session's, matching ``snap.runs``) give the
    legend its hyperparameters when ``options.hyperparams``; ``extras`` adds the data view, a sweep map and the
    basin layer."""
    if view not in VIEWS:
        raise PlaygroundError(f"unknown export view {view!r} (choose from {', '.join(VIEWS)})")
    if layout not in LAYOUTS:
        raise PlaygroundError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
    titles = None
    if options.hyperparams and runs is not None and snap is not None and len(runs) == len(snap.runs):
        titles = [hyperparam_text(dataclasses.replace(r, label=s.label)) for r, s in zip(runs, snap.runs)]
    win = pg.GraphicsLayoutWidget()
    # Laid out like a shown window but never mapped on screen: the export does not flash a window.
    win.setAttribute(QtCore.Qt.WA_DontShowOnScreen)
    more = extras.panels(objective)
    w, h = _figure_size(view, layout, len(snap.runs) if snap is not None else 1, objective)
    win.resize(w + EXTRA_PANEL_WIDTH * len(more), h)
    win.show()
    fig = Figure(win, objective, data, start, scene_title, options, titles, note=caption, extras=extras)
    grid = layout == "grid" and view != "loss"
    span = (2 if view == "both" else 1) + len(more)
    fig.columns = span
    if options.title:
        fig.title = win.ci.addLabel("", row=0, col=0, colspan=span, size="11pt")
    # The legend is a row of its own between the title and the plots: it never covers a curve, a level-curve label
    # or the start, and it scales with the rest of the figure. Panels carry their own titles: no legend for them
    # alone.
    if snap is not None and not (grid and view == "contour"):
        fig.legend = win.ci.addLabel("", row=1, col=0, colspan=span, size="9pt")
    labels = [r.label for r in snap.runs] if snap else []
    colors = [r.color or "#000000" for r in snap.runs] if snap else []
    col = 0
    if view in ("both", "contour"):
        if grid:
            fig.panels = RunPanels(win.ci.addLayout(row=2, col=col))
        else:
            fig.contour = ContourPlot(win.ci.addPlot(row=2, col=col))
            fig.contour.set_objective(objective, data)
            fig.contour.set_runs(labels, colors)
        col += 1
    if view in ("both", "loss"):
        fig.loss = LossPlot(win.ci.addPlot(row=2, col=col))
        fig.loss.set_objective(objective, data)
        fig.loss.set_log_requested(log_loss)
        fig.loss.set_runs(labels, colors, with_batch=snap is not None and snap.records_batch_loss)
        col += 1
    for kind in more:
        if kind == "network":  # a decision map, or sample digits and the confusion matrix, drawn at once
            from .netdata import DecisionMap, DigitGrid

            theta, run_label = extras.network
            box = win.ci.addLayout(row=2, col=col)
            if objective.raw_X.shape[1] == 2:
                fig.net_view = DecisionMap(box.addPlot(row=0, col=0))
            else:
                caption = box.addLabel(row=0, col=0, colspan=2)
                fig.net_view = DigitGrid(box.addPlot(row=1, col=0), box.addPlot(row=1, col=1), caption)
                box.layout.setColumnStretchFactor(0, 3)
                box.layout.setColumnStretchFactor(1, 2)
            fig.net_view.set_objective(objective)
            fig.net_view.render(theta, run_label, wait=True)
            win.ci.layout.setColumnStretchFactor(col, 2)
            col += 1
            continue
        plot = win.ci.addPlot(row=2, col=col)
        if kind == "data":
            from .dataview import DataPlot

            fig.data_view = DataPlot(plot)
            fig.data_view.set_objective(objective)
            fig.data_view.set_runs(labels, colors)
            fig.data_view.show_residuals = extras.residuals
        else:
            from .maps import SweepPlot

            plan, result, metric, sweep_colors, run = extras.sweep
            fig.sweep_view = SweepPlot(plot, parent=win)
            fig.sweep_view.set_map(plan, result, metric, sweep_colors, run)
        win.ci.layout.setColumnStretchFactor(col, 2)
        col += 1
    if caption or options.caption:
        fig.caption = win.ci.addLabel("", row=3, col=0, colspan=span, size="8pt", color="#444")
    if view == "both":
        win.ci.layout.setColumnStretchFactor(0, 3)
        win.ci.layout.setColumnStretchFactor(1, 2)
    fig.show(snap)
    if decorate is not None:
        decorate(fig.contour, fig.loss)
    if extras.basins is not None and fig.contour is not None:
        from .maps import BasinLayer

        result, colour_by, alpha = extras.basins
        BasinLayer(fig.contour.plot).draw(result, objective, 0, colour_by, alpha)
    return fig


def build_figure(objective: Objective, data: ContourData, snap: Snapshot | None, start, title: str,
                 view: str = "both", log_loss: bool = True, decorate=None,
                 caption: str = "") -> pg.GraphicsLayoutWidget:
    """The single-view figure with a given title line (kept for callers that only render it once)."""
    fig = make_figure(objective, data, snap, start, "", view, log_loss, decorate, caption,
                      options=ExportOptions(hyperparams=False, title=False))
    fig.win.ci.addLabel(html.escape(title), row=0, col=0, colspan=2 if view == "both" else 1, size="11pt")
    return fig.win


def settle(win: pg.GraphicsLayoutWidget) -> None:
    """Let the layout settle and fill the widget before rendering."""
    QtWidgets.QApplication.processEvents()
    win.ci.setGeometry(QtCore.QRectF(0, 0, win.width(), win.height()))


def check_width(width: int, scale: int = 1, what: str = "PNG") -> None:
    if not MIN_WIDTH <= int(width) <= MAX_WIDTH:
        raise PlaygroundError(translate("Export", "{what} width {width} is out of range [{lo}, {hi}]").format(
            what=what, width=width, lo=MIN_WIDTH, hi=MAX_WIDTH))
    if int(width) * scale > MAX_WIDTH:
        raise PlaygroundError(translate("Export", "{what} width {width} at {scale}× is {px} px, more than {hi}").format(
            what=what, width=width, scale=scale, px=int(width) * scale, hi=MAX_WIDTH))


class Renderer:
    """Renders a figure to QImages of one size; made once and reused for every frame of an animation.

    ``held``: the figure is only ever rendered from now on (an animation's), so its items stay in pyqtgraph's export
    mode between renders. ImageExporter switches every item in and out of it around each render, walking the item
    tree twice: ~2 ms of a 10-ms frame. Items added since the last render are switched in before the next."""

    def __init__(self, win: pg.GraphicsLayoutWidget, width: int, options: ExportOptions = ExportOptions(),
                 held: bool = False):
        check_width(width, options.scale)
        settle(win)
        # Imported on the first export, not at start-up: pyqtgraph.exporters pulls in parametertree and multiprocess
        # (~50 ms of the launch).
        from pyqtgraph.exporters import ImageExporter

        self.win = win
        self.transparent = options.background == "transparent"
        self.exporter = ImageExporter(win.scene())
        self.exporter.parameters()["width"] = int(width) * options.scale
        self.exporter.parameters()["antialias"] = True
        self.exporter.parameters()["background"] = QtGui.QColor(0, 0, 0, 0) if self.transparent else QtGui.QColor(
            "white")
        self._in_export_mode: frozenset | None = None  # the items a held renderer has switched into export mode
        if held:
            self.exporter.setExportMode = self._hold_export_mode

    def _hold_export_mode(self, export: bool, opts: dict | None = None) -> None:
        if not export:
            return
        items = frozenset(map(id, self.win.scene().items()))
        if items != self._in_export_mode:
            type(self.exporter).setExportMode(self.exporter, True, opts)
            self._in_export_mode = items

    @property
    def size(self) -> tuple[int, int]:
        """The size of the images it renders (the figure's shape at the width asked for)."""
        return int(self.exporter.parameters()["width"]), int(self.exporter.parameters()["height"])

    def image(self) -> QtGui.QImage:
        """The figure as it is now: ARGB32 when transparent, else RGB888 (an opaque figure needs no alpha)."""
        image = self.exporter.export(toBytes=True)
        if image is None or image.isNull():
            raise PlaygroundError("could not render the image")
        return image.convertToFormat(QtGui.QImage.Format_ARGB32 if self.transparent else QtGui.QImage.Format_RGB888)


def png_bytes(image: QtGui.QImage) -> bytes:
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.WriteOnly)
    # zlib at a lighter level than Qt's default encodes a 3000-px figure in ~60 ms instead of ~105 ms for files
    # about 8 % larger (PNG_QUALITY: 0 is the smallest file, 100 no compression).
    if not image.save(buf, "PNG", PNG_QUALITY):
        raise PlaygroundError("could not render the PNG image")
    return bytes(buf.data())


def render_png(win: pg.GraphicsLayoutWidget, width: int, options: ExportOptions = ExportOptions()) -> bytes:
    return png_bytes(Renderer(win, width, options).image())


def write_png(win: pg.GraphicsLayoutWidget, path: str, width: int, options: ExportOptions = ExportOptions()) -> None:
    atomic_write_bytes(path, render_png(win, width, options))


# ---- headless -----------------------------------------------------------------------------------------------------

def dispose(fig: Figure) -> None:
    """Delete a headless figure's widget now: without an event loop a deleteLater would wait for the end of the
    process, and a widget outliving its QApplication crashes the interpreter on exit."""
    fig.win.deleteLater()
    QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.DeferredDelete)


def headless_figure(scene: Scene, session: Session, snap: Snapshot, view: str = "both", layout: str = "single",
                    options: ExportOptions = ExportOptions()) -> Figure:
    """The figure of ``snap`` without a window (main.py --png/--svg/--pdf/--gif); the caller keeps a QApplication
    alive (main.py does) and disposes of the figure."""
    if QtWidgets.QApplication.instance() is None:
        raise PlaygroundError("figures need a QApplication (main.py creates one)")
    configure()
    objective = session.objective
    # runs without a colour in the scene get the palette colours the window would give them (not black)
    colors = fill_colors([r.color for r in snap.runs])
    snap = dataclasses.replace(snap, runs=tuple(dataclasses.replace(r, color=c) for r, c in zip(snap.runs, colors)))
    if getattr(objective, "is_network", False):
        return _network_figure(scene, session, snap, view, options)
    return make_figure(objective, compute_contour(objective), snap, session.start, scene.title, view,
                       layout=layout, options=options, runs=session.runs,
                       extras=scene_extras(scene, session, view) if options.extras else Extras())


def _network_figure(scene: Scene, session, snap, view: str, options: ExportOptions) -> Figure:
    """A network race's figure as the window exports it after Fit plane: the loss on the PCA plane of the runs'
    paths through θ₀ with the paths projected on it (the axes saying the variance each direction captures), the loss
    view, and the Data view's panel for the first run (decision map, or sample digits and confusion matrix)."""
    from .netviews import LandscapeWorker, NetProjection, axis_labels

    objective = session.objective
    if snap.step == 0:
        raise PlaygroundError("a picture of a network race needs at least one step (its plane is fitted to the "
                              "runs' paths)")
    plane, data = LandscapeWorker(objective, snap, "pca").compute()

    def decorate(contour, loss):
        if contour is not None:
            contour.projection = NetProjection(plane)
            x0, y0, w, h = data.rect
            contour.plot.vb.setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0)
            for side, text in zip(("bottom", "left"), axis_labels(plane)):
                contour.plot.setLabel(side, text)
            contour.render(snap)
        if loss is not None:
            loss.x_scales = [(session.sampler_of(i).size, session.sampler_of(i).iterations_per_epoch)
                             for i in range(len(snap.runs))]
            loss.set_network_axes("steps", "loss", False)

    extras = Extras(network=(snap.params[0], snap.runs[0].label)) if options.extras and view == "both" else Extras()
    fig = make_figure(objective, data, snap, None, scene.title, view, decorate=decorate, options=options,
                      runs=session.runs, extras=extras)
    fig.plane = plane
    return fig


def scene_extras(scene: Scene, session: Session, view: str = "both") -> Extras:
    """What a headless figure adds: the Data view for a data objective, and the scene's own sweep and basin maps
    (computed here) when it has those sections."""
    from engine.sweep import MapPlan

    sweep = basins = None
    if scene.sweep is not None:
        plan = MapPlan(scene, scene.sweep, objective=session.objective)
        result = plan.compute()
        colors = fill_colors([r.color for r in scene.optimizers])
        by_label = {r.label: c for r, c in zip(scene.optimizers, colors)}
        sweep = (plan, result, "loss", [by_label.get(label, "#000") for label in plan.labels], 0)
    if scene.basins is not None and view != "loss":
        plan = MapPlan(scene, scene.basins, objective=session.objective)
        basins = (plan.compute(), "minimum", 150)
    return Extras(data=True, session=session, selected=0, sweep=sweep, basins=basins)


def write_scene_png(scene: Scene, session: Session, snap: Snapshot, path: str, width: int = 1600,
                    layout: str = "single") -> None:
    """``main.py --headless --png``: the same picture as File ▸ Export PNG, without a window."""
    fig = headless_figure(scene, session, snap, layout=layout)
    try:
        write_png(fig.win, path, width)
    finally:
        dispose(fig)
