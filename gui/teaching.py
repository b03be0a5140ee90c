"""The teaching layer on screen: draws what engine/teaching.py computes (arrows at a run's current point, the rule with
this step's numbers, optimizer-state plots, both Nesterov forms linked, the mini-batch gradient fan, Hessian
insight) and holds the Explain dock's widgets."""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.explain import QUANTITIES, QuadraticInsight, StepPreview, rule_rows
from engine.optimizers import Row, spec_for
from engine import teaching as engine_teaching
from engine.teaching import Lesson, OverlayData, Toggles

from .axes import LogAxis
from .i18n import declared, translate
from .plots import LOG_LIMITS, cache_axes, steady_range
from .style import MATH_FONT, math_html, opaque_grid

HEAD_PX = 11  # arrow-head length in screen pixels


class Arrow:
    """A data-space arrow whose head keeps a fixed pixel size (redrawn when the view changes)."""

    def __init__(self, plot: pg.PlotItem, color, width: float = 2.0, style=QtCore.Qt.SolidLine, label: str = "",
                 z: float = 20):
        self.plot = plot
        self.item = pg.PlotCurveItem(pen=pg.mkPen(color, width=width, style=style), connect="finite")
        self.item.setZValue(z)
        plot.addItem(self.item, ignoreBounds=True)
        self.text = pg.TextItem(label, color=color, anchor=(0, 1), fill=pg.mkBrush(255, 255, 255, 170))
        self.text.setZValue(z + 1)
        plot.addItem(self.text, ignoreBounds=True)
        self.tail = self.tip = None
        self.head = True
        self.hide()

    def set(self, tail, vec, head: bool = True) -> None:
        self.tail = np.asarray(tail, dtype=np.float64)
        self.tip = self.tail + np.asarray(vec, dtype=np.float64)
        self.head = head
        self.redraw()

    def redraw(self) -> None:
        if self.tail is None or not (np.all(np.isfinite(self.tail)) and np.all(np.isfinite(self.tip))):
            self.hide()
            return
        px, py = self.plot.vb.viewPixelSize()
        with np.errstate(all="ignore"):
            d = (self.tip - self.tail) / (px, py)  # in pixels
            length = float(np.hypot(*d))
        if not np.isfinite(length):
            self.hide()  # farther than any screen can show
            return
        xs, ys = [self.tail[0], self.tip[0]], [self.tail[1], self.tip[1]]
        if self.head and length >= 3:
            u = d / length
            for ang in (0.45, -0.45):
                c, s = math.cos(ang), math.sin(ang)
                b = -np.array([c * u[0] - s * u[1], s * u[0] + c * u[1]]) * min(HEAD_PX, 0.6 * length)
                xs += [np.nan, self.tip[0], self.tip[0] + b[0] * px]
                ys += [np.nan, self.tip[1], self.tip[1] + b[1] * py]
        self.item.setData(np.array(xs), np.array(ys))
        self.item.show()
        self.text.setPos(float(self.tip[0]), float(self.tip[1]))
        self.text.setVisible(bool(self.text.textItem.toPlainText()) and length >= 6)

    def hide(self) -> None:
        self.tail = self.tip = None
        self.item.setData([], [])
        self.item.hide()
        self.text.hide()


class TeachingOverlay:
    """Items on a ContourPlot's PlotItem; ``draw(OverlayData)`` only sets data."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.grad = Arrow(plot, (20, 20, 20), 2, label="−∇f")
        self.tangent = Arrow(plot, (90, 90, 90), 1.5, QtCore.Qt.DashLine)  # explained in the caption
        self.velocity = Arrow(plot, (120, 0, 160), 2, label="V")
        self.step = Arrow(plot, (0, 120, 90), 2.5, label="Δx")
        self.fan = pg.PlotCurveItem(pen=pg.mkPen(60, 60, 60, 110, width=1), connect="pairs")
        self.fan.setZValue(19)
        plot.addItem(self.fan, ignoreBounds=True)
        self.nesterov = pg.PlotCurveItem(pen=pg.mkPen(90, 0, 120, 160, width=1, style=QtCore.Qt.DotLine),
                                         connect="pairs")
        self.nesterov.setZValue(9)
        plot.addItem(self.nesterov, ignoreBounds=True)
        self.eigen = pg.PlotCurveItem(pen=pg.mkPen(150, 60, 0, 200, width=1.5, style=QtCore.Qt.DashDotLine),
                                      connect="pairs")
        self.eigen.setZValue(-4)
        plot.addItem(self.eigen, ignoreBounds=True)
        self.eigen_labels = [pg.TextItem("", color=(150, 60, 0), anchor=(0.5, 0.5),
                                         fill=pg.mkBrush(255, 255, 255, 190)) for _ in range(2)]
        for t in self.eigen_labels:
            t.setZValue(-3)
            plot.addItem(t, ignoreBounds=True)
        self.data = OverlayData()
        plot.vb.sigRangeChanged.connect(self._redraw_arrows)
        plot.vb.sigResized.connect(self._redraw_arrows)

    def _redraw_arrows(self, *_args) -> None:
        for a in (self.grad, self.tangent, self.velocity, self.step):
            if a.tail is not None:
                a.redraw()

    def draw(self, d: OverlayData) -> None:
        self.data = d
        p = d.point
        for arrow, vec, head in ((self.grad, d.neg_grad, True), (self.velocity, d.velocity, True),
                                 (self.step, d.step, True)):
            if p is None or vec is None:
                arrow.hide()
            else:
                arrow.set(p, vec, head)
        if p is None or d.tangent is None:
            self.tangent.hide()
        else:
            t = np.asarray(d.tangent)
            self.tangent.set(np.asarray(p) - t, 2 * t, head=False)
        if p is not None and d.fan is not None:
            f = np.asarray(d.fan)
            xs = np.column_stack([np.full(len(f), p[0]), p[0] + f[:, 0]]).ravel()
            ys = np.column_stack([np.full(len(f), p[1]), p[1] + f[:, 1]]).ravel()
            self.fan.setData(xs, ys)
        else:
            self.fan.setData([], [])
        if d.nesterov is not None:
            self.nesterov.setData(*d.nesterov)
        else:
            self.nesterov.setData([], [])
        if d.eigen is not None:
            (cx, cy), axes = d.eigen
            xs, ys = [], []
            for (vec, label), t in zip(axes, self.eigen_labels):
                xs += [cx - vec[0], cx + vec[0]]
                ys += [cy - vec[1], cy + vec[1]]
                t.setText(label)
                t.setPos(cx + 0.85 * vec[0], cy + 0.85 * vec[1])
                t.show()
            self.eigen.setData(np.array(xs), np.array(ys))
        else:
            self.eigen.setData([], [])
            for t in self.eigen_labels:
                t.hide()


# ---- the rule, with numbers -----------------------------------------------------------------------------------

_SUBSCRIPT = re.compile(r"_\{([^{}]*)\}")


def row_html(row: Row) -> str:
    """A rule row as rich text: escaped, ``x_{k}`` as x<sub>k</sub>, the aside in italics."""
    text = _SUBSCRIPT.sub(r"<sub>\1</sub>", html.escape(row.text, quote=False))
    return text + (f"  <i>({html.escape(row.aside, quote=False)})</i>" if row.aside else "")


def rule_html(p: StepPreview, label: str, color: str, rows=None) -> str:
    """The run's rule in the seed's notation with this step's numbers substituted (``rows``: rule_rows(p) when
    already computed)."""
    spec = spec_for(p.type, p.convention)  # the form the run uses: torch's or the book's
    k = p.step
    head = [f"<b style='color:{color}'>{html.escape(label)}</b> — "
            + translate("Explain", "{title}, step {k} → {next}").format(title=declared(spec.title), k=k, next=k + 1),
            f"<span style='color:#555'>{html.escape(spec.rule)}</span>"]
    rows = rule_rows(p) if rows is None else rows
    return math_html("<br>".join(head + [row_html(r) for r in rows]))


def insight_html(q: QuadraticInsight) -> str:
    l1, l2 = q.eigenvalues
    return translate("Explain", "<b>Quadratic insight</b> (Hessian H constant)<br>"
                     "eigenvalues λ₁ = {l1}, λ₂ = {l2}; condition number κ = λ₂/λ₁ = {kappa}<br>"
                     "GD is stable iff η &lt; 2/λ_max = <b>{lr_max}</b>; "
                     "best fixed η = 2/(λ₁+λ₂) = {lr_best}<br>"
                     "best heavy-ball momentum: α = ((√κ−1)/(√κ+1))² = {alpha} with "
                     "η = 4/(√λ₁+√λ₂)² = {lr_momentum}").format(
        l1=f"{l1:.4g}", l2=f"{l2:.4g}", kappa=f"{q.condition:.4g}", lr_max=f"{q.lr_max_gd:.4g}",
        lr_best=f"{q.lr_best_gd:.4g}", alpha=f"{q.momentum_best:.4g}", lr_momentum=f"{q.lr_best_momentum:.4g}")


def _diverged(step: int) -> str:
    return translate("Explain", "<br><span style='color:#b00020'>Diverged at step {step}: frozen here.</span>").format(
        step=step)


# ---- the panel --------------------------------------------------------------------------------------------------

class _StatePlot(pg.PlotWidget):
    """The state plot asks for a modest height: the Explain dock's scroll area sizes its content from the preferred
    heights (its labels wrap), and PlotWidget's 480-px preference pushed the plot below the fold. It still grows
    into any room the dock has."""

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(300, 210)


class TeachingPanel(QtWidgets.QWidget):
    """Chooses a run to explain and which overlays are on; shows its rule, its state over steps and insight."""

    changed = QtCore.Signal()  # the overlays need redrawing

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QtWidgets.QVBoxLayout(self)
        self.note = QtWidgets.QLabel()
        self.note.setObjectName("sceneNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(QtCore.Qt.RichText)
        self.note.setStyleSheet("QLabel { background: #eef4fb; border: 1px solid #c9d8ea; padding: 5px; }")
        # A preset's explanation can run to ten lines: it scrolls inside a bounded box, so the rule and the state
        # plot below it stay on screen.
        self.note_box = QtWidgets.QScrollArea()
        self.note_box.setObjectName("sceneNoteBox")
        self.note_box.setWidgetResizable(True)
        self.note_box.setFrameShape(QtWidgets.QFrame.NoFrame)
        self.note_box.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarAlwaysOff)
        self.note_box.setMaximumHeight(120)
        self.note_box.setWidget(self.note)
        self.note_box.hide()
        lay.addWidget(self.note_box)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(translate("Explain", "Explain")))
        self.run_combo = QtWidgets.QComboBox()
        self.run_combo.setObjectName("explainRun")
        self.run_combo.setToolTip(translate("Explain", "The run whose arrows, rule and state are shown"))
        self.run_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addWidget(self.run_combo, 1)
        lay.addLayout(row)
        self.toggles: dict[str, QtWidgets.QCheckBox] = {}
        grid = QtWidgets.QGridLayout()
        for i, (key, text, tip, on) in enumerate((
            ("arrows", translate("Explain", "Arrows"),
             translate("Explain", "−∇f (scaled; perpendicular to the level curve, whose tangent is dashed), the "
                                  "velocity V and the next step Δx (true scale)"), True),
            ("nesterov", translate("Explain", "Nesterov both ways"),
             translate("Explain", "Link each look-ahead iterate X_n to Bengio's X'_n = X_n + αV_{n−1}"), True),
            ("fan", translate("Explain", "Mini-batch fan"),
             translate("Explain", "Gradients of 24 random mini-batches of the chosen size at the current point, "
                                  "around the full gradient (data objectives)"), False),
            ("eigen", translate("Explain", "Hessian axes"),
             translate("Explain", "Eigen-directions of the Hessian (quadratic objectives)"), False),
        )):
            cb = QtWidgets.QCheckBox(text)
            cb.setToolTip(tip)
            cb.setChecked(on)
            cb.setObjectName(f"toggle_{key}")
            cb.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(cb, i // 2, i % 2)
            self.toggles[key] = cb
        lay.addLayout(grid)
        self.rule = QtWidgets.QLabel()
        self.rule.setObjectName("ruleLabel")
        self.rule.setTextFormat(QtCore.Qt.RichText)
        self.rule.setWordWrap(True)
        self.rule.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.rule.setStyleSheet("QLabel { background: #fbfbf7; border: 1px solid #ddd; padding: 5px; }")
        lay.addWidget(self.rule)
        self.insight = QtWidgets.QLabel()
        self.insight.setObjectName("insightLabel")
        self.insight.setWordWrap(True)
        self.insight.setTextFormat(QtCore.Qt.RichText)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel(translate("Explain", "Plot")))
        self.quantity = QtWidgets.QComboBox()
        self.quantity.setObjectName("stateQuantity")
        for key, (title, _per) in QUANTITIES.items():
            self.quantity.addItem(declared(title), key)
        # its items are plain text with hats (m̂, v̂): the font that places them (see math_html)
        font = self.quantity.font()
        font.setFamilies([MATH_FONT])
        self.quantity.setFont(font)
        self.quantity.setToolTip(translate("Explain", "Optimizer state over the steps, for every run that has it "
                                           "(solid: x coordinate, dashed: y coordinate)"))
        self.quantity.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addWidget(self.quantity, 1)
        lay.addLayout(row)
        self.state_plot = _StatePlot(axisItems={"left": LogAxis("left")})
        self.state_plot.setObjectName("statePlot")
        self.state_plot.setMinimumHeight(150)
        self.state_plot.setLogMode(y=True)
        self.state_plot.getPlotItem().vb.setLimits(**LOG_LIMITS)
        self.state_plot.getPlotItem().setMenuEnabled(False)
        self.state_plot.setLabel("bottom", translate("Explain", "step"))
        self.state_plot.getAxis("left").enableAutoSIPrefix(False)
        opaque_grid(self.state_plot.getPlotItem())
        cache_axes(self.state_plot.getPlotItem())
        # The ranges follow the curves (steady_range) until the user pans or zooms; the "A" button follows again.
        self.state_follow = True
        vb = self.state_plot.getPlotItem().vb
        vb.sigRangeChangedManually.connect(lambda *_: setattr(self, "state_follow", False))
        vb.sigStateChanged.connect(lambda *_: vb.state["autoRange"][1] and setattr(self, "state_follow", True))
        self.state_curves: list[pg.PlotCurveItem] = []
        self.state_note = QtWidgets.QLabel()
        self.state_note.setTextFormat(QtCore.Qt.PlainText)  # it names runs: shown as typed, never as markup
        self.state_note.setWordWrap(True)
        self.state_note.setStyleSheet("color: #555;")
        lay.addWidget(self.state_plot)
        lay.addWidget(self.state_note)
        lay.addWidget(self.insight)  # below the plot: the plot is the part that moves while playing
        lay.addStretch(1)

    def set_note(self, title: str, description: str, start_moved=None) -> None:
        """The open scene's own explanation (presets carry one). ``start_moved`` (original, current): the user moved
        the start, so the explanation's numbers are about another trajectory; a line says so."""
        if not title and not description:
            self.note_box.hide()
            return
        text = f"<b>{html.escape(title)}</b><br>{html.escape(description)}"
        if start_moved is not None:
            (x0, y0), (x, y) = start_moved
            text += translate("Explain", "<br><span style='color:#9a5b00'><b>Start moved to ({x}, {y})</b>: the "
                              "explanation above refers to the scene's start ({x0}, {y0}).</span>").format(
                x=f"{x:.4g}", y=f"{y:.4g}", x0=f"{x0:.4g}", y0=f"{y0:.4g}")
        self.note.setText(math_html(text))
        self.note_box.show()

    def on(self, key: str) -> bool:
        return self.toggles[key].isChecked()

    def set_runs(self, labels: list[str]) -> None:
        current = self.run_combo.currentText()
        with QtCore.QSignalBlocker(self.run_combo):
            self.run_combo.clear()
            self.run_combo.addItems(labels)
            i = labels.index(current) if current in labels else 0
            self.run_combo.setCurrentIndex(i)

    def set_state_curves(self, curves: list[tuple[str, np.ndarray, np.ndarray, bool]], note: str) -> None:
        """``curves``: (colour, steps, values, dashed) — created as needed, then only setData."""
        while len(self.state_curves) < len(curves):
            # PlotCurveItem (a third of a PlotDataItem's Python per setData) knows nothing of the log axis: it is
            # handed log10 of the values
            item = pg.PlotCurveItem()
            self.state_plot.addItem(item)
            self.state_curves.append(item)
        for item, (color, x, y, dashed) in zip(self.state_curves, curves):
            if getattr(item, "_style", None) != (color, dashed):  # a new pen redraws the item: only on a change
                style = QtCore.Qt.DashLine if dashed else QtCore.Qt.SolidLine
                item.setPen(pg.mkPen(color, width=1.5, style=style))
                item._style = (color, dashed)
            item.setData(x, np.log10(y))
        for item in self.state_curves[len(curves):]:
            item.setData([], [])
        self.state_note.setText(note)
        if curves and self.state_follow:
            lo = min(float(y.min()) for _c, _x, y, _d in curves)
            hi = max(float(y.max()) for _c, _x, y, _d in curves)
            last = max(int(x[-1]) for _c, x, _y, _d in curves)
            steady_range(self.state_plot.getPlotItem().vb, math.log10(lo), math.log10(hi), True, last)
        self.state_plot.getPlotItem().vb.prepareForPaint()  # new range now, not in a second paint (LossPlot)


class Teacher(QtCore.QObject):
    """Hands the window's session, shown step, selected run and toggles to the engine's Teacher and draws the
    Lesson it returns on the Explain dock (the overlay is drawn by the window)."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.lessons = engine_teaching.Teacher()

    def reset(self) -> None:
        self.lessons.reset()

    def selected(self) -> int | None:
        snap = self.w.c.snapshot
        i = self.w.teach_panel.run_combo.currentIndex()
        if snap is None or i < 0 or i >= len(snap.runs):
            return None
        return i

    def compute(self, shown, panel_visible: bool = True, texts: bool = True) -> OverlayData:
        """Update the panel for the step being shown and return what the overlay should draw. The state history
        (a replica session) is only kept up while the panel is visible or a past step is shown. ``texts`` False
        leaves the rule and insight texts as they are (the window refreshes texts less often while playing)."""
        panel = self.w.teach_panel
        session = self.w.c.session
        if session is not None and getattr(session.objective, "is_network", False):
            return self._network(shown, texts)
        toggles = Toggles(**{key: cb.isChecked() for key, cb in panel.toggles.items()})
        lesson = self.lessons.compute(self.w.c.session, shown, self.selected(), toggles,
                                      panel.quantity.currentData(), panel_visible, texts)
        self.draw(lesson)
        return lesson.overlay

    def _network(self, shown, texts: bool) -> OverlayData:
        """A network race: no 2-D overlays and no quadratic insight; the rule panel shows the selected run's norms
        (|g|, |θ − θ₀|, its state's), read from the session only while it is not being stepped."""
        panel = self.w.teach_panel
        panel.insight.setText(translate("Explain", "<span style='color:#555'>The quadratic insight and the map's "
                                        "arrows are for 2-D objectives; a network has one number per weight.</span>"))
        panel.set_state_curves([], translate("Explain", "The state plot is for 2-D races."))
        i = self.selected()
        if not texts or shown is None or i is None:
            return OverlayData()
        r = shown.runs[i]
        c = self.w.c
        head = (f"<b style='color:{r.color or '#000'}'>{html.escape(r.label)}</b> ({html.escape(r.type)}) "
                + translate("Explain", "at step {step}: full-data loss {loss}, train accuracy {accuracy} %").format(
                    step=shown.step, loss=f"{r.loss:.4g}", accuracy=f"{100 * r.accuracy:.1f}"))
        if r.batch_loss is not None:
            head += translate("Explain", ", batch loss {loss}").format(loss=f"{r.batch_loss:.4g}")
        if shown.has_holdout:
            head += translate("Explain", ", held-out accuracy {accuracy} %").format(
                accuracy=f"{100 * r.test_accuracy:.1f}")
        if c.playing:
            rows = translate("Explain", "<br><span style='color:#555'>Norms of the weights, gradient and state are "
                                        "shown when paused.</span>")
        else:
            rows = "<table>" + "".join(f"<tr><td>{html.escape(name)}</td><td align='right'>&nbsp;{v:.4g}</td></tr>"
                                       for name, v in c.session.norms(i)) + "</table>"
        if r.diverged_at is not None:
            rows += _diverged(r.diverged_at)
        panel.rule.setText(head + rows)
        return OverlayData()

    def draw(self, lesson: Lesson) -> None:
        panel = self.w.teach_panel
        if lesson.texts:
            q = lesson.insight
            panel.insight.setText(insight_html(q) if q else
                                  translate("Explain", "<span style='color:#555'>Quadratic insight appears for "
                                            "quadratic objectives (the bowl, linear regression).</span>"))
        if lesson.rule is not None:
            r = lesson.run
            text = ""
            if lesson.preview is not None:
                text = rule_html(lesson.preview, r.label, r.color or "#000000", lesson.rule)
            if r is not None and r.diverged_at is not None:
                text += _diverged(r.diverged_at)
            panel.rule.setText(text)
        if lesson.curves is not None:
            panel.set_state_curves([(c.color, c.steps, c.values, c.dashed) for c in lesson.curves],
                                   lesson.state_note)
