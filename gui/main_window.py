"""The main window: contour and loss views in the centre, docks at the edges, toolbar, menus and status bar."""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import DEFAULT_SCENE, RESOURCES, Objective, PlaygroundError, Scene, Snapshot, atomic_write_text
from engine import load_scene, save_scene, trajectories_csv

from . import i18n
from .animation import AnimationExport, AnimationSpec
from .controller import Controller
from .dataview import DataPlot
from .export import ExportOptions, Extras, Figure, make_figure, write_png
from .export_dialogs import AnimationDialog, ExportDialog, load_options, save_options
from .multiples import LAYOUTS, RunPanels
from .netdata import DecisionMap, DigitGrid
from .netviews import EXPLAIN_LANDSCAPE, LandscapeWorker, NetProjection, axis_labels
from .vector import write_vector
from .legend import legend_html
from .maps import BasinLayer, MapsPanel
from .panels import BatchPanel, ObjectivePanel, OptimizersPanel
from .plots import ColourScale, ContourData, ContourPlot, LossPlot, Rect, compute_contour, surface_grid, view_grid
from .teaching import Teacher, TeachingOverlay, TeachingPanel
from .i18n import translate
from .jobs import ThreadJob
from .whatif import WhatIfPanel
from engine.explain import quadratic_insight, snapshot_at
from engine.i18n import pick
from engine.teaching import Teacher as Lessons, Toggles
from engine.limits import MAX_STEPS, MAX_STEPS_PER_FRAME

# While playing, the text read-outs (status bar, timeline label, the Explain panel's rule) are refreshed at most
# this often: numbers changing 25 times a second cannot be read anyway, and their layout and repaint cost about
# 3 ms of every frame. When the animation stops they are brought up to date at once.
TEXT_REFRESH_MS = 100

DEFAULT_SIZE = (1400, 900)  # the window's size on a first start, where the screen has room for it
FRAME = (16, 40)  # room left for a window manager's frame and title bar when the screen is smaller than that
COMPACT_WIDTH = 1200  # narrower than this on a first start: the docks share one tabbed column

log = logging.getLogger("optimizer_playground")


def _is_shipped(path: str | Path) -> bool:
    """True for files under resources/ (presets, the default scene): Save treats them as Save As."""
    try:
        return Path(path).resolve().is_relative_to(RESOURCES.resolve())
    except (OSError, ValueError):  # ValueError: a NUL byte in the name (saving then reports the bad name)
        return False


def preset_paths() -> list[Path]:
    """The book's comparison first, then resources/presets/*.json in file-name order, then the network races
    (resources/presets/network/*.json: kept apart so that what loads every 2-D preset never gets a network)."""
    return [DEFAULT_SCENE, *sorted((RESOURCES / "presets").glob("*.json")),
            *sorted((RESOURCES / "presets" / "network").glob("*.json"))]


def _grid_is_slow(objective: Objective, grid: tuple[Rect, int, int]) -> bool:
    """Whether computing ``grid`` = (rect, nx, ny) would stall the window: then a ContourWorker computes it."""
    _rect, nx, ny = grid
    return objective.grid_is_slow(math.ceil(math.sqrt(nx * ny)))


class ContourWorker(ThreadJob):
    """Computes a slow surface (logistic regression on a large data set) off the event loop, so the window and the
    animation keep going; numpy releases the GIL in the heavy loops.

    A ThreadJob (gui/jobs.py): the window's progress timer polls ``done``/``result``/``error``.
    """

    thread_name = "contour-worker"

    def __init__(self, objective: Objective, grid: tuple[Rect, int, int], scale: ColourScale | None = None,
                 label_rect: Rect | None = None):
        """``grid`` = (rect, nx, ny) as ``surface_grid`` or ``view_grid`` give it; ``scale`` and ``label_rect`` as for
        ``compute_contour`` (None for an objective's first grid)."""
        self.objective = objective
        rect, nx, ny = grid
        self.job = objective.grid_job(nx, rect, ny)
        self.scale, self.label_rect = scale, label_rect
        self.target = None  # a view's grid: the contour view or the run panels, which set_surface the result
        self.cancelled = False
        self.result: ContourData | None = None
        self.error: str | None = None

    def _run(self) -> None:
        try:
            while not self.job.step(0.05):
                if self.cancelled:
                    return
            if not self.cancelled:
                self.result = compute_contour(self.objective, grid=(self.job.xs, self.job.ys, self.job.Z),
                                              scale=self.scale, label_rect=self.label_rect)
        except Exception as e:  # noqa: BLE001 - reported to the window, never lost in the thread
            log.exception("computing the surface failed")
            self.error = translate("MainWindow", "Could not compute the loss surface: {error}").format(error=e)


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self, scene: Scene | None = None, settings: QtCore.QSettings | None = None):
        super().__init__()
        self.settings = settings if settings is not None else QtCore.QSettings("OptimizerPlayground", "Playground")
        self.setWindowTitle("Optimizer Playground")
        self.scene_path: str | None = None
        self.contour_data: ContourData | None = None
        self.export_width = int(self.settings.value("export/width", 1600))
        self.export_view = str(self.settings.value("export/view", "both"))
        self.export_options = load_options(self.settings)
        layout = str(self.settings.value("view/layout", "single"))
        self.layout_mode = layout if layout in LAYOUTS else "single"  # one contour view, or one panel per run
        self._animation: tuple | None = None  # an animated export under way: (job, path, progress dialog, timer)
        self._animation_busy = False  # in its timer's slot
        self._error_box: QtWidgets.QMessageBox | None = None
        self._legend_diverged: tuple = ()
        self._texts_due = False  # the next frame refreshes the text read-outs even while playing (a new language)

        self.view_step: int | None = None  # a step scrubbed back to on the timeline; None = live
        self._explain_waits = False  # a what-if slider is being dragged: the Explain dock catches up on release
        self._worker: ContourWorker | None = None  # computing the current slow surface, if any
        self._view_worker: ContourWorker | None = None  # computing a slow surface's grid for a panned view
        self._workers: set[ContourWorker] = set()  # every thread still running (cancelled ones included)
        self._land_worker: LandscapeWorker | None = None  # a network race: fitting its plane and computing its loss
        self._progress_timer = QtCore.QTimer(self)
        self._progress_timer.setInterval(50)  # polls done flags: a finished surface is drawn within 50 ms
        self._progress_timer.timeout.connect(self._show_progress)
        self.c = Controller(scene if scene is not None else load_scene(DEFAULT_SCENE), self)
        self._build_views()
        self._build_docks()
        self._build_actions()
        self._build_status()

        c = self.c
        c.objectiveChanged.connect(self._objective_changed)
        c.sessionReset.connect(self._session_reset)
        c.stepped.connect(self._stepped)
        c.replayed.connect(self._replayed)
        c.sceneChanged.connect(self._scene_changed)
        c.playingChanged.connect(self._playing_changed)
        self._text_clock = QtCore.QElapsedTimer()
        self._text_clock.start()
        c.errorRaised.connect(self.show_error)
        c.message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        c.stopAtChanged.connect(self._stop_at_changed)
        self._objective_changed(c.objective)
        self._session_reset(c.snapshot)
        self._scene_changed(c.scene)
        self._fit_to_screen()
        self._restore_layout()
        if self.layout_mode == "grid":
            self.set_layout("grid")

    # ---- construction -----------------------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.contour_widget = pg.PlotWidget()
        self.contour_widget.setObjectName("contourView")
        self.contour = ContourPlot(self.contour_widget.getPlotItem())
        self.contour.follow_view(self._view_surface)
        # Equal scales on both axes: the gradient only looks perpendicular to the level curves when they are equal.
        self.contour.plot.setAspectLocked(True)
        self.overlay = TeachingOverlay(self.contour.plot)
        self.loss_widget = pg.PlotWidget()
        self.loss_widget.setObjectName("lossView")
        self.loss = LossPlot(self.loss_widget.getPlotItem())
        self.contour_widget.scene().sigMouseClicked.connect(self._contour_clicked)
        # The runs' legend sits above the map, never on it: on the map it hid level-curve labels, the start and
        # the trajectories themselves (worst at 1024×700). Each entry also shows the run's loss; click to explain.
        self.run_legend = QtWidgets.QLabel()
        self.run_legend.setObjectName("runLegend")
        self.run_legend.setTextFormat(QtCore.Qt.RichText)
        self.run_legend.setWordWrap(True)
        self.run_legend.setContentsMargins(6, 2, 6, 2)
        self.run_legend.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.run_legend.setToolTip(translate("MainWindow", "Each run's colour, label and current loss; click a run to "
                                              "explain it"))
        self.run_legend.linkActivated.connect(self._legend_clicked)
        top = QtWidgets.QWidget()
        top.setObjectName("contourPane")
        tl = QtWidgets.QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(0)
        tl.addWidget(self.run_legend)
        tl.addWidget(self._build_net_controls())
        tl.addWidget(self.contour_widget, 1)
        # View ▸ Layout ▸ One panel per run: the contour view's place taken by one small map per run, axes linked
        self.panels_widget = pg.GraphicsLayoutWidget()
        self.panels_widget.setObjectName("runPanels")
        self.run_panels = RunPanels(self.panels_widget.ci)
        self.run_panels.follow_view(lambda view: self._view_surface(view, self.run_panels))
        self.panels_widget.hide()
        tl.addWidget(self.panels_widget, 1)
        # What the Explain overlays on the map mean (arrows, fan, Nesterov segments): under the map, not on it.
        self.overlay_caption = QtWidgets.QLabel()
        self.overlay_caption.setObjectName("overlayCaption")
        self.overlay_caption.setTextFormat(QtCore.Qt.PlainText)  # run labels in it are shown as typed
        self.overlay_caption.setWordWrap(True)
        self.overlay_caption.setContentsMargins(6, 1, 6, 1)
        self.overlay_caption.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.overlay_caption.setStyleSheet("color: #444;")
        self.overlay_caption.hide()
        tl.addWidget(self.overlay_caption)
        self._hover = pg.SignalProxy(self.loss_widget.scene().sigMouseMoved, rateLimit=30, slot=self._loss_hover)
        # The data view (data-defined objectives only): the rows and every run's model, beside the loss view
        self.data_widget = pg.PlotWidget()
        self.data_widget.setObjectName("dataView")
        self.data = DataPlot(self.data_widget.getPlotItem())
        self.data_pane = QtWidgets.QWidget()
        self.data_pane.setObjectName("dataPane")
        dl = QtWidgets.QVBoxLayout(self.data_pane)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.setSpacing(0)
        dl.addWidget(self.data_widget, 1)
        # for a network: its decision map (two features) or sample digits and confusion matrix (gui/netdata.py)
        self.net_data_widget = pg.GraphicsLayoutWidget()
        self.net_data_widget.setObjectName("netDataView")
        self.net_data_widget.hide()
        self.net_data = None  # DecisionMap | DigitGrid for the current network
        dl.addWidget(self.net_data_widget, 1)
        self._net_data_timer = QtCore.QTimer(self)
        self._net_data_timer.setInterval(50)  # draws a map the worker finished (also after the race pauses)
        self._net_data_timer.timeout.connect(self._poll_net_data)
        drow = QtWidgets.QHBoxLayout()
        drow.setContentsMargins(6, 0, 6, 0)
        self.data_hover = QtWidgets.QLabel(" ")
        self.data_hover.setObjectName("dataHover")
        self.data_hover.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.data_residuals = QtWidgets.QCheckBox(translate("MainWindow", "residuals"))
        self.data_residuals.setToolTip(translate("MainWindow", "Draw each row's residual to the selected run's line "
                                                             "(linear regression)"))
        self.data_residuals.toggled.connect(self._residuals_toggled)
        drow.addWidget(self.data_hover, 1)
        drow.addWidget(self.data_residuals)
        dl.addLayout(drow)
        self._data_hover = pg.SignalProxy(self.data_widget.scene().sigMouseMoved, rateLimit=30,
                                          slot=self._data_moved)
        self._net_data_hover = pg.SignalProxy(self.net_data_widget.scene().sigMouseMoved, rateLimit=30,
                                              slot=self._net_data_moved)
        self.bottom = QtWidgets.QSplitter(QtCore.Qt.Horizontal)
        self.bottom.setObjectName("bottomSplitter")
        self.bottom.addWidget(self.loss_widget)
        self.bottom.addWidget(self.data_pane)
        self.bottom.setStretchFactor(0, 1)
        self.bottom.setStretchFactor(1, 1)
        self.data_pane.hide()
        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Vertical)
        self.splitter.setObjectName("centralSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)

    def _build_net_controls(self) -> QtWidgets.QWidget:
        """A row for a network race only: the landscape's plane (fit it now; PCA of the paths or random), and the
        loss view's axes (steps / epochs / samples processed; loss / accuracy; smoothed batch loss)."""
        row = QtWidgets.QWidget()
        row.setObjectName("netControls")
        h = QtWidgets.QHBoxLayout(row)
        h.setContentsMargins(6, 0, 6, 0)
        self.net_fit = QtWidgets.QPushButton(translate("MainWindow", "Fit plane"))
        self.net_fit.setObjectName("netFitPlane")
        fit_tip = translate("MainWindow", "Fit the landscape's plane to the runs' paths so far and compute the loss "
                                          "on it (also done whenever Play pauses).")
        self.net_fit.setToolTip(i18n.remember(fit_tip + "\n\n" + i18n.declared(EXPLAIN_LANDSCAPE),
                                              lambda: (i18n.again(fit_tip) or fit_tip) + "\n\n"
                                              + i18n.declared(EXPLAIN_LANDSCAPE)))
        self.net_fit.clicked.connect(self.fit_plane)
        self.net_plane = QtWidgets.QComboBox()
        self.net_plane.setObjectName("netPlaneKind")
        self.net_plane.addItem(translate("MainWindow", "plane: PCA of the paths"), "pca")
        self.net_plane.addItem(translate("MainWindow", "plane: random, filter-normalised"), "random")
        self.net_plane.setToolTip(i18n.declared(EXPLAIN_LANDSCAPE))
        self.net_plane.currentIndexChanged.connect(lambda _i: self.fit_plane())
        self.net_x = QtWidgets.QComboBox()
        self.net_x.setObjectName("netXAxis")
        for text, key in ((translate("MainWindow", "x: steps"), "steps"), (translate("MainWindow", "x: epochs"), "epochs"),
                          (translate("MainWindow", "x: samples processed"), "samples")):
            self.net_x.addItem(text, key)
        self.net_x.setToolTip(translate("MainWindow", "The loss view's x-axis: steps, passes over the data, or rows "
                                                      "read (steps × the run's batch size: full batch reads every row "
                                                      "a step, SGD one)"))
        self.net_x.currentIndexChanged.connect(lambda _i: self.loss.set_network_axes(x_mode=self.net_x.currentData()))
        self.net_y = QtWidgets.QComboBox()
        self.net_y.setObjectName("netYAxis")
        self.net_y.addItem(translate("MainWindow", "y: loss"), "loss")
        self.net_y.addItem(translate("MainWindow", "y: accuracy"), "accuracy")
        self.net_y.currentIndexChanged.connect(lambda _i: self.loss.set_network_axes(y_mode=self.net_y.currentData()))
        self.net_smooth = QtWidgets.QCheckBox(translate("MainWindow", "smooth batch loss"))
        self.net_smooth.setObjectName("netSmooth")
        self.net_smooth.setToolTip(translate("MainWindow", "Draw the faint batch loss as the mean of 11 neighbouring steps"))
        self.net_smooth.toggled.connect(lambda on: self.loss.set_network_axes(smooth=on))
        # The combos may shrink (their text elided): at their full width the row pushed the docks beside the map
        # narrower than their contents at 1024×700.
        for combo in (self.net_plane, self.net_x, self.net_y):
            combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.net_smooth.setText(translate("MainWindow", "smooth"))
        h.addWidget(self.net_fit)
        h.addWidget(self.net_plane, 3)  # the room there is goes to the combos, so their text shows where it fits
        h.addSpacing(12)
        h.addWidget(self.net_x, 2)
        h.addWidget(self.net_y, 2)
        h.addWidget(self.net_smooth)
        row.hide()
        self.net_row = row
        return row

    @property
    def is_network(self) -> bool:
        return bool(getattr(self.c.objective, "is_network", False))

    def fit_plane(self) -> None:
        """Fit the network landscape's plane to the runs' paths so far and compute the loss on it, off the GUI
        thread (a newer request cancels an older one)."""
        snap = self.c.snapshot
        if not self.is_network or snap is None:
            return
        if self._land_worker is not None:
            self._land_worker.cancelled = True
        kind = self.net_plane.currentData()
        if kind == "pca" and snap.step == 0:
            self.contour.pending.setText(translate("MainWindow", "the plane is fitted to the runs' paths: step or play first"))
            self.contour.pending.show()
            return
        worker = LandscapeWorker(self.c.objective, snap, kind)
        self._land_worker = worker
        self.contour.pending.setText(translate("MainWindow", "computing the loss landscape… {percent} %").format(percent=0))
        self.contour.pending.show()
        self._progress_timer.start()
        worker.start()

    def _landscape_done(self, worker: LandscapeWorker) -> None:
        self._land_worker = None
        if worker.objective is not self.c.objective:
            return
        if worker.error is not None:
            self.contour.pending.setText(worker.error)
            return
        if worker.result is None:
            return
        plane, data = worker.result
        self.contour.pending.hide()
        self.contour_data = data
        self.contour.projection.set_plane(plane)
        self.contour.set_surface(data)
        self.contour.base = data
        x, y = axis_labels(plane)
        self.contour.plot.setLabel("bottom", x)
        self.contour.plot.setLabel("left", y)
        x0, y0, w, h = data.rect
        self.contour.plot.vb.setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0)
        self._render(self.c.snapshot)

    def _dock(self, title: str, name: str, widget: QtWidgets.QWidget, area) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState key
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.NoFrame)
        scroll.setWidget(widget)
        dock.setWidget(scroll)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.objective_panel = ObjectivePanel(self.c)
        self.batch_panel = BatchPanel(self.c)
        self.optimizers_panel = OptimizersPanel(self.c)
        left, right = QtCore.Qt.LeftDockWidgetArea, QtCore.Qt.RightDockWidgetArea
        self.optimizers_dock = self._dock(translate("MainWindow", "Optimizers"), "optimizersDock", self.optimizers_panel,
                                          right)
        self.objective_dock = self._dock(translate("MainWindow", "Objective"), "objectiveDock", self.objective_panel,
                                         right)
        self.batch_dock = self._dock(translate("MainWindow", "Batch strategy"), "batchDock", self.batch_panel, right)
        self.optimizers_panel.scroll_area.setMinimumWidth(300)
        self.teach_panel = TeachingPanel()
        self.teach_dock = self._dock(translate("MainWindow", "Explain"), "explainDock", self.teach_panel, left)
        # Left column: the explanation, full height (the note, the rule with this step's numbers, the state plot and
        # the insight all stay above the fold at 1400x900); right column: the scene's inputs as tabs, the runs first.
        # (With the objective above the explanation, the state plot sat below the fold of a short column.)
        self.tabifyDockWidget(self.optimizers_dock, self.objective_dock)
        self.tabifyDockWidget(self.optimizers_dock, self.batch_dock)
        self.optimizers_dock.raise_()
        # What if: sliders for the selected run's knobs (replaying its whole path), beside the run editors
        self.whatif_panel = WhatIfPanel(self.c, self.settings)
        self.whatif_dock = self._dock(translate("MainWindow", "What if"), "whatifDock", self.whatif_panel, left)
        self.teach_panel.run_combo.currentIndexChanged.connect(self.whatif_panel.select)
        self.whatif_panel.runPicked.connect(self.teach_panel.run_combo.setCurrentIndex)
        self.whatif_panel.released.connect(lambda: self._render(self.c.snapshot))
        # Maps: sweeps over hyperparameters and basins of attraction (a layer over the contour map)
        self.basin_layer = BasinLayer(self.contour.plot)
        self.maps_panel = MapsPanel(self.c, self.basin_layer, self._visible_bounds)
        self.maps_dock = self._dock(translate("MainWindow", "Maps"), "mapsDock", self.maps_panel, left)
        # Left column: Explain, What if and Maps as tabs (what the race shows and what-if questions about it);
        # right column: the scene's inputs. Five tabs in one 360-px column were elided to "Opti…", "Wh…".
        self.tabifyDockWidget(self.teach_dock, self.whatif_dock)
        self.tabifyDockWidget(self.teach_dock, self.maps_dock)
        self.teach_dock.raise_()
        self.resizeDocks([self.teach_dock, self.optimizers_dock], [380, 360], QtCore.Qt.Horizontal)
        self.teacher = Teacher(self)
        self.teach_panel.changed.connect(lambda: self._render(self.c.snapshot))
        self.teach_dock.visibilityChanged.connect(lambda _v: self._render(self.c.snapshot))

    def _action(self, text: str, slot, shortcut=None, tip: str = "", name: str = "") -> QtGui.QAction:
        act = QtGui.QAction(text, self)
        if shortcut:
            act.setShortcut(QtGui.QKeySequence(shortcut))
        tip = tip or text
        if shortcut:
            def with_keys(tip=tip, seq=QtGui.QKeySequence(shortcut)):
                # the key's name is translated too (qtbase: "Right" is "오른쪽" in Korean)
                return f"{i18n.again(tip) or tip}  ({seq.toString(QtGui.QKeySequence.NativeText)})"
            tip = i18n.remember(with_keys(), with_keys)
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        act.setObjectName(name or text)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        c = self.c
        st = self.style()
        self.act_step = self._action(translate("MainWindow", "Step"), lambda: c.step(1), QtCore.Qt.Key_Right,
                                     translate("MainWindow", "One step of every run"),
                                     "actStep")
        self.act_step.setIcon(st.standardIcon(QtWidgets.QStyle.SP_MediaSeekForward))
        self.act_play = self._action(translate("MainWindow", "Play"), c.toggle_play, QtCore.Qt.Key_Space,
                                     translate("MainWindow", "Play / pause the race"), "actPlay")
        self.act_play.setIcon(st.standardIcon(QtWidgets.QStyle.SP_MediaPlay))
        self.act_reset = self._action(translate("MainWindow", "Reset"), c.reset, QtCore.Qt.Key_R,
                                      translate("MainWindow", "Back to step 0 (replays exactly)"),
                                      "actReset")
        self.act_reset.setIcon(st.standardIcon(QtWidgets.QStyle.SP_MediaSkipBackward))
        self.act_open = self._action(translate("MainWindow", "Open scene…"), lambda: self.open_scene(), QtGui.QKeySequence.Open,
                                     translate("MainWindow", "Open a scene file"), "actOpen")
        self.act_save = self._action(translate("MainWindow", "Save scene"), lambda: self.save_scene(self.scene_path),
                                     QtGui.QKeySequence.Save, translate("MainWindow", "Save the scene"), "actSave")
        self.act_save_as = self._action(translate("MainWindow", "Save scene as…"), lambda: self.save_scene(None),
                                        QtGui.QKeySequence.SaveAs, translate("MainWindow", "Save the scene to a new file"),
                                        "actSaveAs")
        self.act_export = self._action(translate("MainWindow", "Export PNG…"), lambda: self.export_png(), "Ctrl+E",
                                       translate("MainWindow", "Export the contour and loss views as a PNG"),
                                       "actExportPng")
        self.act_export_vector = self._action(translate("MainWindow", "Export SVG/PDF…"), lambda: self.export_vector(), None,
                                              translate("MainWindow", "Export the figure as SVG or PDF (vector: real "
                                                                      "paths and text)"),
                                              "actExportVector")
        self.act_export_anim = self._action(translate("MainWindow", "Export animation…"), lambda: self.export_animation(),
                                            "Ctrl+Shift+G",
                                            translate("MainWindow", "Export the race as an animated GIF, WebP or MP4"),
                                            "actExportAnimation")
        self.act_csv = self._action(translate("MainWindow", "Export trajectories CSV…"), lambda: self.export_csv(), "Ctrl+Shift+E",
                                    translate("MainWindow", "Write optimizer,step,x,y,loss rows"), "actExportCsv")
        self.act_quit = self._action(translate("MainWindow", "Quit"), self.close, QtGui.QKeySequence.Quit,
                                     translate("MainWindow", "Quit"), "actQuit")
        self.act_log = QtGui.QAction(translate("MainWindow", "Log-scale loss"), self, checkable=True, checked=True)
        self.act_log.setShortcut(QtGui.QKeySequence("L"))
        self.act_log.setToolTip(translate("MainWindow", "Log-scale the loss axis (L); surfaces with losses ≤ 0 always "
                                                       "plot linearly"))
        self.act_log.toggled.connect(self.loss.set_log_requested)
        self.addAction(self.act_log)
        self.act_view = self._action(translate("MainWindow", "Reset view"), self.contour.reset_view, "Home",
                                     translate("MainWindow", "Fit the contour map"), "actView")

        tb = self.addToolBar(translate("MainWindow", "Run"))
        tb.setObjectName("runToolbar")
        tb.setToolButtonStyle(QtCore.Qt.ToolButtonTextBesideIcon)
        for a in (self.act_step, self.act_play, self.act_reset):
            tb.addAction(a)
        tb.addSeparator()
        self.spf = QtWidgets.QSpinBox()
        self.spf.setRange(1, MAX_STEPS_PER_FRAME)
        self.spf.setValue(c.steps_per_frame)
        self.spf.setToolTip(translate("MainWindow", "Steps per frame: how many steps each animation frame advances"))
        self.spf.valueChanged.connect(lambda v: c.set_speed(steps_per_frame=v))
        self.interval = QtWidgets.QSpinBox()
        self.interval.setRange(1, 2000)
        self.interval.setSuffix(" ms")
        self.interval.setValue(c.timer.interval())
        self.interval.setToolTip(translate("MainWindow", "Frame interval: time between animation frames"))
        self.interval.valueChanged.connect(lambda v: c.set_speed(interval_ms=v))
        self.stop_at = QtWidgets.QSpinBox()
        self.stop_at.setRange(0, MAX_STEPS)
        self.stop_at.setSpecialValueText(translate("MainWindow", "no limit"))
        self.stop_at.setValue(c.stop_at)
        self.stop_at.setToolTip(translate("MainWindow", "Play pauses at this step (0: no limit); Step always works"))
        self.stop_at.valueChanged.connect(c.set_stop_at)
        for label, w in ((translate("MainWindow", "steps/frame"), self.spf), (translate("MainWindow", "every"), self.interval),
                         (translate("MainWindow", "stop at"), self.stop_at)):
            tb.addWidget(QtWidgets.QLabel(f" {label} "))
            tb.addWidget(w)
        tb.addSeparator()
        tb.addAction(self.act_export)

        timeline = QtWidgets.QToolBar(translate("MainWindow", "Timeline"))
        timeline.setObjectName("timelineToolbar")
        self.addToolBar(QtCore.Qt.BottomToolBarArea, timeline)
        timeline.addWidget(QtWidgets.QLabel(" " + translate("MainWindow", "timeline") + " "))
        self.slider = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.slider.setObjectName("timelineSlider")
        self.slider.setToolTip(translate("MainWindow", "Scrub back to any earlier step to view every run there; "
                                                       "Step or Play resumes from the end"))
        self.slider.valueChanged.connect(self._scrubbed)
        timeline.addWidget(self.slider)
        self.slider_label = QtWidgets.QLabel()
        self.slider_label.setMinimumWidth(120)
        timeline.addWidget(self.slider_label)
        self.act_live = self._action(translate("MainWindow", "Live"), self.go_live, "End",
                                     translate("MainWindow", "Back to the latest step"), "actLive")
        timeline.addAction(self.act_live)

        mb = self.menuBar()
        m = mb.addMenu(translate("MainWindow", "&File"))
        for a in (self.act_open, self.act_save, self.act_save_as):
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_export)
        m.addAction(self.act_export_vector)
        m.addAction(self.act_export_anim)
        m.addAction(self.act_csv)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(translate("MainWindow", "&Run"))
        for a in (self.act_step, self.act_play, self.act_reset):
            m.addAction(a)
        self.view_menu = mb.addMenu(translate("MainWindow", "&View"))
        self.view_menu.addAction(self.act_log)
        self.view_menu.addAction(self.act_view)
        layout_menu = self.view_menu.addMenu(translate("MainWindow", "Layout"))
        group = QtGui.QActionGroup(self)
        self.layout_actions = {}
        for key, text in (("single", translate("MainWindow", "One view for all runs")),
                          ("grid", translate("MainWindow", "One panel per run"))):
            act = layout_menu.addAction(text)
            act.setObjectName(f"actLayout_{key}")
            act.setCheckable(True)
            act.setChecked(key == self.layout_mode)
            act.triggered.connect(lambda _c=False, k=key: self.set_layout(k))
            group.addAction(act)
            self.layout_actions[key] = act
        self.view_menu.addSeparator()
        for d in (self.objective_dock, self.batch_dock, self.optimizers_dock, self.teach_dock):
            self.view_menu.addAction(d.toggleViewAction())
        self.presets_menu = mb.addMenu(translate("MainWindow", "&Presets"))
        self._preset_titles: dict[QtGui.QAction, object] = {}  # each preset's title as its scene gives it
        for path in preset_paths():
            try:
                title = load_scene(path).title or path.stem
            except PlaygroundError:
                continue  # a broken preset is a bug caught by the tests; never block the menu
            act = self.presets_menu.addAction(pick(title))
            self._preset_titles[act] = title
            act.setObjectName(f"preset_{path.stem}")
            act.triggered.connect(lambda _c=False, p=path: self.open_preset(p))
        # Language: each named in its own language, so a user who cannot read the current one finds theirs
        self.language_menu = mb.addMenu(translate("MainWindow", "&Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QtGui.QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES:
            act = self.language_menu.addAction(name)
            act.setObjectName(f"actLanguage_{code}")
            act.setCheckable(True)
            act.setChecked(code == i18n.language())
            act.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(act)
            self.language_actions[code] = act
        m = mb.addMenu(translate("MainWindow", "&Help"))
        m.addAction(self._action(translate("MainWindow", "Keyboard shortcuts"), self._show_shortcuts, "F1",
                                 translate("MainWindow", "Keyboard shortcuts"), "actKeys"))

    def _context_menu(self, widget: QtWidgets.QWidget, actions: list[QtGui.QAction]) -> None:
        """Right-click on ``widget``: the window's own actions. (pyqtgraph's menus are off: their plot options are
        not about optimizers, their exporter is not the app's, and they are English only.)"""
        widget.setContextMenuPolicy(QtCore.Qt.CustomContextMenu)

        def show(pos: QtCore.QPoint) -> None:
            menu = QtWidgets.QMenu(self)
            menu.setAttribute(QtCore.Qt.WA_DeleteOnClose)
            menu.addActions(actions)
            menu.popup(widget.mapToGlobal(pos))
        widget.customContextMenuRequested.connect(show)

    def set_language(self, lang: str) -> None:
        """Every text of the window in ``lang`` now, the race going on as it was; remembered for the next start."""
        if lang != i18n.language():
            i18n.set_language(lang)
        self.settings.setValue(i18n.SETTINGS_KEY, lang)
        for code, act in self.language_actions.items():
            act.setChecked(code == lang)
        i18n.retranslate(self)
        for act, title in self._preset_titles.items():
            act.setText(pick(title))
        # the texts drawn from the race (legend, status bar, step, Explain dock, scene description) again
        self._texts_due = True
        self._scene_changed(self.c.scene)
        self._render(self.c.snapshot)

    def _build_status(self) -> None:
        self._context_menu(self.contour_widget, [self.act_view, self.act_export, self.act_export_vector,
                                                 self.act_export_anim])
        self._context_menu(self.loss_widget, [self.act_log, self.act_export, self.act_export_vector])
        # The status bar is for messages (left) and the step (right); each run's loss is in the legend above the
        # map. (A per-run strip here used to take the whole bar, so no message was ever visible.)
        self.status_step = QtWidgets.QLabel()
        self.status_step.setObjectName("statusStep")
        self.statusBar().addPermanentWidget(self.status_step)

    # ---- controller -> views -------------------------------------------------------------------------------
    def _objective_changed(self, objective: Objective) -> None:
        for w in (self._worker, self._view_worker):
            if w is not None:
                w.cancelled = True
        self._worker = self._view_worker = None
        if self._land_worker is not None:
            self._land_worker.cancelled = True
            self._land_worker = None
        network = bool(getattr(objective, "is_network", False))
        self.net_row.setVisible(network)
        self.maps_panel.setEnabled(not network)
        self.maps_panel.setToolTip(translate("MainWindow", "Maps are for 2-D objectives; a network's landscape is on "
                                                           "the contour view (Fit plane)") if network else "")
        self.whatif_panel.setEnabled(not network)
        self.whatif_panel.setToolTip(translate("MainWindow", "What-if replay is for 2-D races: on a network, edit a "
                                                             "run's settings in the Optimizers dock (applied from the "
                                                             "next step)") if network else "")
        if network:
            self.contour_data = None
            self.contour.projection = NetProjection()
            self.contour.set_objective(objective, None)
            self.contour.pending.setText(translate("MainWindow", "the loss landscape is computed when Play pauses (or press "
                                                                "Fit plane)"))
            x, y = axis_labels(None)
            self.contour.plot.setLabel("bottom", x)
            self.contour.plot.setLabel("left", y)
        grid = None if network else surface_grid(objective)
        if network:
            pass
        elif _grid_is_slow(objective, grid):
            self.contour_data = None
            worker = ContourWorker(objective, grid)
            self._worker = worker
            self._workers.add(worker)
            self.contour.set_objective(objective, None)
            self.contour.set_progress(0.0)
            self._progress_timer.start()
            worker.start()
        else:
            self.contour_data = compute_contour(objective)
            self.contour.set_objective(objective, self.contour_data)
        self.loss.set_objective(objective, self.contour_data)
        self.data.set_objective(objective)
        self._set_net_data(objective)
        self.data_pane.setVisible(DataPlot.shows(objective) or self.net_data is not None)
        self.data_widget.setVisible(self.net_data is None)
        self.net_data_widget.setVisible(self.net_data is not None)
        self.data_hover.setText(" ")
        self.data_residuals.setVisible(objective.name == "linear_regression")
        self.data_hover.setWordWrap(self.net_data is not None)  # a network's hover names a row and a prediction
        self.act_log.setEnabled(self.loss.log_available)
        self.optimizers_panel.set_insight(quadratic_insight(objective))

    def _contour_computed(self, objective: Objective, data: ContourData) -> None:
        if objective is not self.c.objective:
            return  # the user has moved on to another surface
        self._worker = None
        self.contour_data = data
        self.contour.set_objective(objective, data)
        self.loss.set_objective(objective, data)
        self.act_log.setEnabled(self.loss.log_available)
        self._render(self.c.snapshot)

    def _view_surface(self, view: Rect, target=None) -> None:
        """The contour view (or ``target``, the run panels) was panned or zoomed past its grid, or shows more than
        it: a grid for the view, with the objective's colours."""
        target = target or self.contour
        if self.is_network:
            return  # the landscape's grid is fitted to the paths (Fit plane), not to the view
        objective, base = self.c.objective, self.contour_data
        if base is None or objective is not target.objective:
            return  # the first grid is still being computed
        grid = view_grid(view)
        if not _grid_is_slow(objective, grid):
            target.set_surface(compute_contour(objective, grid=objective.grid(grid[1], grid[0], grid[2]),
                                               scale=base.scale, label_rect=view))
            return
        if self._view_worker is not None:
            self._view_worker.cancelled = True
        worker = ContourWorker(objective, grid, base.scale, view)
        worker.target = target  # only one of the two is on screen: one worker at a time is enough
        self._view_worker = worker
        self._workers.add(worker)
        self._progress_timer.start()
        worker.start()

    def _show_progress(self) -> None:
        """Every 50 ms while a surface is computed: the progress bar, and the results of finished workers."""
        for worker in [w for w in self._workers if w.done]:
            self._workers.discard(worker)
            if worker is self._view_worker:
                self._view_worker = None
                if worker.result is not None and worker.objective is worker.target.objective:
                    worker.target.set_surface(worker.result)
                continue
            if worker is not self._worker:
                continue  # cancelled: the user has moved on
            if worker.error is not None:
                self._worker = None
                self.contour.pending.setText(translate("MainWindow", "the loss surface could not be computed (the runs go on)"))
                self.show_error(worker.error)
            elif worker.result is not None:
                self._contour_computed(worker.objective, worker.result)
        if self._worker is not None:
            self.contour.set_progress(self._worker.job.progress)
        land = self._land_worker
        if land is not None:
            if land.done:
                self._landscape_done(land)
            else:
                self.contour.pending.setText(translate("MainWindow", "computing the loss landscape… {percent} %").format(
                    percent=f"{100 * land.progress:.0f}"))
        if not self._workers and self._land_worker is None:
            self._progress_timer.stop()

    def _session_reset(self, snap: Snapshot | None) -> None:
        runs = snap.runs if snap else ()
        if self.contour.projection is not None and self.is_network:
            self.contour.projection.clear()
            s = self.c.session
            self.loss.x_scales = [(s.sampler_of(i).size, s.sampler_of(i).iterations_per_epoch)
                                  for i in range(len(runs))] if s is not None else []
        self.view_step = None
        self.teacher.reset()
        self.teach_panel.set_runs([r.label for r in runs])
        self.contour.set_runs([r.label for r in runs], [r.color or "#000" for r in runs])
        self.loss.set_runs([r.label for r in runs], [r.color or "#000" for r in runs],
                           with_batch=bool(self.c.session and self.c.session.records_batch_loss))
        self.data.set_runs([r.label for r in runs], [r.color or "#000" for r in runs])
        self.loss.follow_again()
        self._render(snap)

    def _render(self, snap: Snapshot | None) -> None:
        shown = snap
        if snap is not None and self.view_step is not None and self.view_step < snap.step:
            shown = snapshot_at(snap, self.view_step)
        self.contour.render(shown, self.c.session.start if self.c.session else None)
        if self.layout_mode == "grid" and not self.is_network:
            self.run_panels.show(self.c.objective, self.contour_data, shown,
                                 self.c.session.start if self.c.session else None)
        self.loss.render(shown)
        texts = not self.c.playing or self._texts_due or self._text_clock.elapsed() >= TEXT_REFRESH_MS
        if texts:
            self._texts_due = False
            self._text_clock.restart()
            self._update_status(shown)
        elif shown is not None:
            self._refresh_legend(shown)  # a run diverging is flagged in the legend at once
        if self.data_pane.isVisible() and self.net_data is None:
            self.data.render(shown, self.c.session, self.teacher.selected())
        elif self.net_data is not None and shown is not None:
            k = self.teacher.selected()
            if k is not None:
                note = ""
                if shown.model_steps is not None:
                    note = translate("MainWindow", "model at step {step} (nearest kept)").format(
                        step=f"{shown.model_steps[k]:,}")
                self.net_data.render(shown.params[k], shown.runs[k].label, playing=self.c.playing, note=note)
                self._poll_net_data()
                self._net_data_timer.start()
        overlay = self.teacher.compute(shown, self.teach_dock.isVisible() and not self._explain_waits, texts)
        self.overlay.draw(overlay)
        caption = overlay.caption
        if self.layout_mode == "grid":
            caption = ""  # the overlays are drawn on the single contour view only
        if caption != self.overlay_caption.text():
            self.overlay_caption.setText(caption)
            self.overlay_caption.setVisible(bool(caption))
        self._update_timeline(snap, shown, texts)

    def set_layout(self, layout: str) -> None:
        """One contour view with every run ("single"), or one small contour panel per run ("grid"); remembered."""
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}")
        self.layout_mode = layout
        self.layout_actions[layout].setChecked(True)
        self.settings.setValue("view/layout", layout)
        self.contour_widget.setVisible(layout == "single")
        self.panels_widget.setVisible(layout == "grid")
        self._render(self.c.snapshot)

    def _stepped(self, snap: Snapshot) -> None:
        self.view_step = None  # stepping always resumes from the end
        self._render(snap)

    def _set_net_data(self, objective: Objective) -> None:
        """The Data view's panels for a network: a decision map for two features, sample images and the confusion
        matrix for square images (the digits), nothing for other tables."""
        if self.net_data is not None:
            self.net_data.close()
        self.net_data = None
        self._net_data_timer.stop()
        self.net_data_widget.ci.clear()
        if not getattr(objective, "is_network", False):
            return
        if objective.raw_X.shape[1] == 2:
            self.net_data = DecisionMap(self.net_data_widget.ci.addPlot(row=0, col=0))
        elif DigitGrid.shows(objective):
            ci = self.net_data_widget.ci
            caption = ci.addLabel(row=0, col=0, colspan=2)
            self.net_data = DigitGrid(ci.addPlot(row=1, col=0), ci.addPlot(row=1, col=1), caption)
            self.net_data_widget.ci.layout.setColumnStretchFactor(0, 3)
            self.net_data_widget.ci.layout.setColumnStretchFactor(1, 2)
        else:
            return
        self.net_data.set_objective(objective)

    def _poll_net_data(self) -> None:
        view = self.net_data
        if view is None:
            self._net_data_timer.stop()
            return
        view.poll(self.c.playing)
        if not view.worker.busy:
            self._net_data_timer.stop()

    def _residuals_toggled(self, on: bool) -> None:
        self.data.show_residuals = bool(on)
        self._render(self.c.snapshot)

    def _data_moved(self, args) -> None:
        pos = args[0]
        vb = self.data.plot.vb
        if not self.data.kind or not vb.sceneBoundingRect().contains(pos):
            self.data_hover.setText(" ")
            return
        p = vb.mapSceneToView(pos)
        px = vb.viewPixelSize()
        row = self.data.row_at(p.x(), p.y(), px)
        shown = self.c.snapshot
        if shown is not None and self.view_step is not None and self.view_step < shown.step:
            shown = snapshot_at(shown, self.view_step)
        self.data_hover.setText(self.data.describe_row(row, shown, self.teacher.selected()) if row is not None
                                else " ")

    def _net_data_moved(self, args) -> None:
        """Hover on a network's Data view: the row under the mouse and the shown network's prediction for it."""
        text = self.net_data.describe_at(args[0]) if self.net_data is not None else None
        self.data_hover.setText(text or " ")

    def _visible_bounds(self) -> tuple[float, float, float, float]:
        """The part of the plane the contour view shows: xmin, xmax, ymin, ymax."""
        (x0, x1), (y0, y1) = self.contour.plot.vb.viewRange()
        return float(x0), float(x1), float(y0), float(y1)

    def _replayed(self, snap: Snapshot) -> None:
        """A what-if replay rebuilt the history (same step): redraw it, at the step being viewed. While a slider is
        dragged the Explain dock waits (its state history would be replayed again at every move); it catches up
        when the slider is let go."""
        self._explain_waits = self.whatif_panel.dragging()
        try:
            self._render(snap)
        finally:
            self._explain_waits = False

    def _update_timeline(self, snap: Snapshot | None, shown: Snapshot | None, texts: bool = True) -> None:
        with QtCore.QSignalBlocker(self.slider):
            self.slider.setMaximum(snap.step if snap else 0)
            self.slider.setValue(shown.step if shown else 0)
        if not texts:
            return
        if snap is None:
            self.slider_label.setText("")
        elif shown.step < snap.step:
            self.slider_label.setText(translate("MainWindow", "viewing step {step} of {last}").format(
                step=shown.step, last=snap.step))
        else:
            self.slider_label.setText(translate("MainWindow", "step {step} (live)").format(step=snap.step))
        self.act_live.setEnabled(snap is not None and shown.step < snap.step)

    def _scrubbed(self, value: int) -> None:
        snap = self.c.snapshot
        if snap is None:
            return
        self.c.pause()
        snap = self.c.snapshot  # pausing a network race takes the stepper's newest snapshot
        self.view_step = None if value >= snap.step else int(value)
        self._render(snap)

    def scrub_to(self, step: int) -> None:
        self.slider.setValue(int(step))

    def go_live(self) -> None:
        self.view_step = None
        self._render(self.c.snapshot)

    def _scene_changed(self, scene: Scene) -> None:
        for i, r in enumerate(scene.optimizers):
            k = self.c.session_index(i)
            if k is not None:
                self.contour.set_run_style(k, r.label, r.color or "#000")
                self.loss.set_run_style(k, r.label, r.color or "#000")
                self.data.set_run_style(k, r.color or "#000")
        # Only redraw when the plot items belong to this snapshot's runs (they always should: the controller resets
        # the session before announcing the scene).
        if self.c.snapshot is not None and len(self.contour.lines) == len(self.c.snapshot.runs):
            self._render(self.c.snapshot)
        name = Path(self.scene_path).name if self.scene_path else (pick(scene.title)
                                                                   or translate("MainWindow", "untitled"))
        self.setWindowTitle(f"{name} — Optimizer Playground")
        description = pick(scene.description)
        if self.is_network:
            description = (description + "\n\n" if description else "") + i18n.declared(EXPLAIN_LANDSCAPE)
        self.teach_panel.set_note(pick(scene.title), description, self.c.start_moved())
        with QtCore.QSignalBlocker(self.stop_at), QtCore.QSignalBlocker(self.spf):
            self.stop_at.setValue(self.c.stop_at)
            self.spf.setValue(self.c.steps_per_frame)  # a scene or preset brings its pace

    def _update_status(self, snap: Snapshot | None) -> None:
        if snap is None:
            self.status_step.setText(translate("MainWindow", "no runs"))
            self._set_legend(None)
            return
        if snap.iterations_per_epoch > 1:
            self.status_step.setText(translate("MainWindow", "step {step} · epoch {epoch} · iteration {i}/{n}").format(
                step=snap.step, epoch=snap.epoch, i=snap.iteration, n=snap.iterations_per_epoch))
        else:
            self.status_step.setText(translate("MainWindow", "step {step}").format(step=snap.step))
        self._set_legend(snap)

    def _refresh_legend(self, snap: Snapshot) -> None:
        """Between text refreshes while playing: a run that diverges is flagged in the legend at once."""
        if tuple(r.diverged_at for r in snap.runs) != self._legend_diverged:
            self._set_legend(snap)

    def _set_legend(self, snap: Snapshot | None) -> None:
        self._legend_diverged = tuple(r.diverged_at for r in snap.runs) if snap is not None else ()
        text = legend_html(snap, links=True)
        if text != self.run_legend.text():  # a rich-text relayout costs ~1 ms: only on a change
            self.run_legend.setText(text)

    def _legend_clicked(self, link: str) -> None:
        if link.startswith("run:"):
            self.teach_panel.run_combo.setCurrentIndex(int(link[4:]))

    def _stop_at_changed(self, steps: int) -> None:
        with QtCore.QSignalBlocker(self.stop_at):
            self.stop_at.setValue(steps)

    def _playing_changed(self, playing: bool) -> None:
        st = self.style()
        self.act_play.setText(translate("MainWindow", "Pause") if playing else translate("MainWindow", "Play"))
        self.act_play.setIcon(st.standardIcon(QtWidgets.QStyle.SP_MediaPause if playing
                                              else QtWidgets.QStyle.SP_MediaPlay))
        if not playing and self.c.snapshot is not None:
            self._render(self.c.snapshot)  # the texts skipped while playing, up to date now
            if self.is_network:
                self.fit_plane()  # the paths have moved: the plane and its landscape follow them

    # ---- user input on the views --------------------------------------------------------------------------------
    def _contour_clicked(self, ev) -> None:
        if ev.button() != QtCore.Qt.LeftButton or ev.double():
            return
        vb = self.contour.plot.vb
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        if self.is_network:
            self.statusBar().showMessage(translate("MainWindow", "A network race starts from its initial weights (init "
                                                                 "and init seed in the Objective dock), the map's "
                                                                 "centre: there is no start to click."), 8000)
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.set_start_from_view(p.x(), p.y())

    def set_start_from_view(self, x: float, y: float) -> None:
        if self.c.set_start(x, y):
            self.statusBar().showMessage(translate("MainWindow", "Start point set to ({x}, {y}); the race restarts "
                                                                 "from there.").format(x=f"{x:.4g}", y=f"{y:.4g}"),
                                         5000)

    def _loss_hover(self, args) -> None:
        pos = args[0]
        vb = self.loss.plot.vb
        if not vb.sceneBoundingRect().contains(pos):
            self.loss.leave()
            return
        p = vb.mapSceneToView(pos)
        self.loss.hover(p.x(), p.y())

    # ---- files ----------------------------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        """A non-blocking message box (the animation and tests are never held up) plus the status bar."""
        log.warning("%s", text)
        self.statusBar().showMessage(text, 10000)
        if self._error_box is None:
            self._error_box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Warning, "Optimizer Playground", "",
                                                    QtWidgets.QMessageBox.Ok, self)
            self._error_box.setObjectName("errorBox")
        self._error_box.setText(text)
        self._error_box.open()

    def open_scene(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, translate("MainWindow", "Open scene"),
                                                            self._last_dir(),
                                                            translate("MainWindow", "Scenes (*.json);;All files (*)"))
            if not path:
                return False
        try:
            scene = load_scene(path)
        except PlaygroundError as e:
            self.show_error(str(e))
            return False
        if not self.c.load_scene(scene):
            return False
        self.scene_path = str(path)
        self._remember_dir("files/lastDir", path)
        self._scene_changed(self.c.scene)
        name = pick(scene.title) or Path(path).name
        self.statusBar().showMessage(
            (translate("MainWindow", "Opened “{name}”: its explanation is in the Explain panel.") if scene.description
             else translate("MainWindow", "Opened “{name}”.")).format(name=name), 8000)
        return True

    def open_preset(self, path) -> bool:
        """Like Open, but Save then asks for a new file: presets are part of the program."""
        if not self.open_scene(str(path)):
            return False
        self.scene_path = None
        self._scene_changed(self.c.scene)
        return True

    def save_scene(self, path: str | None = None) -> bool:
        if path is not None and _is_shipped(path):
            path = None  # the program's own scenes and presets are never overwritten: ask for a new file
        if path is None:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, translate("MainWindow", "Save scene"),
                                                            self._last_dir(), translate("MainWindow", "Scenes (*.json)"))
            if not path:
                return False
        try:
            save_scene(self.c.current_scene(), path)
        except PlaygroundError as e:
            self.show_error(str(e))
            return False
        self.scene_path = str(path)
        self._remember_dir("files/lastDir", path)
        self._scene_changed(self.c.scene)
        self.statusBar().showMessage(translate("MainWindow", "Saved {path}").format(path=path), 5000)
        return True

    def export_png(self, path: str | None = None, width: int | None = None, view: str | None = None,
                   options: ExportOptions | None = None) -> bool:
        return self._export_figure("png", path, width, view, options)

    def export_vector(self, path: str | None = None, width: int | None = None, view: str | None = None,
                      options: ExportOptions | None = None) -> bool:
        """SVG or PDF (by the file's suffix) of the figure Export PNG draws."""
        return self._export_figure("vector", path, width, view, options)

    def _export_figure(self, kind: str, path, width, view, options) -> bool:
        if path is None:
            title = translate("MainWindow", "Export PNG") if kind == "png" else translate("MainWindow", "Export SVG/PDF")
            dlg = ExportDialog(self, self.export_width, self.export_view, self.export_options, title, kind == "png")
            if dlg.exec() != QtWidgets.QDialog.Accepted:
                return False
            width, view, options = dlg.width.value(), dlg.view.currentData(), dlg.options()
            filters = "PNG (*.png)" if kind == "png" else "SVG (*.svg);;PDF (*.pdf)"
            path, chosen = QtWidgets.QFileDialog.getSaveFileName(
                self, title, self.export_suggestion("png" if kind == "png" else "svg"), filters)
            if not path:
                return False
            if kind == "vector" and Path(path).suffix.lower() not in (".svg", ".pdf"):
                path += ".pdf" if chosen.startswith("PDF") else ".svg"
        width = width or self.export_width
        view = view or self.export_view
        options = options or self.export_options
        fig = None
        try:
            fig = self.make_export_figure(view, options)
            if kind == "png":
                write_png(fig.win, path, width, options)
            else:
                fmt = Path(path).suffix.lower().lstrip(".")
                if fmt not in ("svg", "pdf"):
                    raise PlaygroundError(translate("MainWindow", "{path}: a vector export is .svg or .pdf").format(path=path))
                write_vector(fig.win, path, width, fmt, options, pick(self.c.scene.title))
        except PlaygroundError as e:
            self.show_error(str(e))
            return False
        finally:
            if fig is not None:
                fig.win.deleteLater()
        self.export_width, self.export_view, self.export_options = width, view, options
        self._remember_dir("export/lastDir", path)
        self.settings.setValue("export/width", width)
        self.settings.setValue("export/view", view)
        save_options(self.settings, options)
        self.statusBar().showMessage(translate("MainWindow", "Exported {path}").format(path=path), 5000)
        return True

    def build_export_figure(self, view: str = "both", options: ExportOptions | None = None):
        """The widget Export PNG renders (see make_export_figure)."""
        return self.make_export_figure(view, options).win

    def make_export_figure(self, view: str = "both", options: ExportOptions | None = None,
                           snap: Snapshot | None = None, overlays: bool = True) -> Figure:
        """The figure of the step shown (or ``snap``), in the window's layout, with the overlays on screen
        (``overlays`` False: without them; an animation draws each frame's own)."""
        if self.contour_data is None:
            if self.is_network:
                raise PlaygroundError(translate("MainWindow", "Fit the landscape's plane first (Fit plane, or pause), then "
                                                             "export."))
            raise PlaygroundError(translate("MainWindow", "The loss surface is still being computed; export again in a "
                                                         "moment."))
        obj = self.c.objective
        network = self.is_network
        if snap is None:
            snap = self.c.snapshot
            if snap is not None and self.view_step is not None:
                snap = snapshot_at(snap, self.view_step)
        overlay = self.overlay.data if overlays else None

        def decorate(contour, loss):
            if network:  # the plane, its axes and the loss view's axes as on screen
                if contour is not None:
                    contour.projection = self.contour.projection
                    x0, y0, w, h = self.contour_data.rect
                    contour.plot.vb.setRange(xRange=(x0, x0 + w), yRange=(y0, y0 + h), padding=0)
                    for side in ("bottom", "left"):
                        contour.plot.setLabel(side, self.contour.plot.getAxis(side).labelText)
                    contour.render(snap)
                if loss is not None:
                    loss.x_scales = list(self.loss.x_scales)
                    loss.set_network_axes(self.loss.x_mode, self.loss.y_mode, self.loss.smooth)
                return
            if contour is not None:
                contour.plot.setAspectLocked(True)
                contour.reset_view()
                if overlay is not None:
                    TeachingOverlay(contour.plot).draw(overlay)

        options = options or self.export_options
        return make_figure(obj, self.contour_data, snap, self.c.session.start if self.c.session else None,
                           self.c.scene.title, view, self.loss.want_log, decorate,
                           caption=overlay.caption if overlay is not None and view != "loss" else "",
                           layout="single" if network else self.layout_mode, options=options,
                           runs=self.c.session.runs if self.c.session else None,
                           extras=self.export_extras(view) if options.extras else Extras())

    def export_extras(self, view: str = "both") -> Extras:
        """The panels beside the race that the window shows now: the Data view, the sweep map (Maps dock open on
        its Sweep tab), the basin layer (shown on the map)."""
        sweep = basins = None
        maps_open = self.maps_dock.isVisible() and not self.maps_dock.visibleRegion().isEmpty()
        st = self.maps_panel.sweep
        if maps_open and self.maps_panel.currentWidget() is st and st.plan is not None and st.result is not None:
            sweep = (st.plan, st.result, st.metric_combo.currentData(), st.colors(), 0)
        bt = self.maps_panel.basins
        if view != "loss" and self.basin_layer.image.isVisible() and bt.result is not None:
            basins = (bt.result, bt.colour_by.currentData(), bt.opacity.value())
        network = None
        k = self.teacher.selected()
        if self.net_data is not None and self.data_pane.isVisible() and k is not None and self.c.snapshot is not None:
            network = (self.c.snapshot.params[k], self.c.snapshot.runs[k].label)
        return Extras(data=self.data_pane.isVisible() and self.net_data is None, session=self.c.session,
                      selected=k, residuals=self.data.show_residuals, sweep=sweep, basins=basins, network=network)

    # ---- animated export ------------------------------------------------------------------------------------------
    def export_animation(self, path: str | None = None, spec: AnimationSpec | None = None,
                         view: str | None = None) -> AnimationExport | None:
        """Start an animated export of the race so far: frames are rendered in slices from a timer (the window
        keeps painting), encoded on a worker thread, and the file is written when both are done; a window-modal
        progress dialog shows how far it is and cancels it. Returns the job (None: nothing started)."""
        snap = self.c.snapshot
        if snap is None:
            self.show_error(translate("MainWindow", "Nothing to animate: enable an optimizer first."))
            return None
        if self.is_network:
            self.show_error(translate("MainWindow", "The animated export is for 2-D races; export a PNG of the network "
                                                   "race instead."))
            return None
        if self._animation is not None:
            self.show_error(translate("MainWindow", "An animation is being exported already."))
            return None
        self.c.pause()  # the frames are views into the race's history: it must not move while they are drawn
        snap = self.c.snapshot
        if path is None:
            dlg = AnimationDialog(self, snap.step, self.c.steps_per_frame, view=self.export_view)
            if dlg.exec() != QtWidgets.QDialog.Accepted:
                return None
            spec, view = dlg.spec(), dlg.view.currentData()
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, translate("MainWindow", "Export animation"),
                                                            self.export_suggestion(spec.fmt),
                                                            f"{spec.fmt.upper()} (*.{spec.fmt})")
            if not path:
                return None
        spec = spec or AnimationSpec(last=snap.step)
        fig = None
        try:
            view = view or self.export_view
            lessons, selected = Lessons(), self.teacher.selected()
            toggles = Toggles(**{key: cb.isChecked() for key, cb in self.teach_panel.toggles.items()})

            def lesson(shown: Snapshot):
                return lessons.compute(self.c.session, shown, selected, toggles, panel_visible=False, texts=False)

            fig = self.make_export_figure(view, ExportOptions(
                title=self.export_options.title, hyperparams=self.export_options.hyperparams,
                caption=self.export_options.caption), snap=snapshot_at(snap, spec.last), overlays=False)
            note = None
            if fig.contour is not None:  # the Explain overlays that are on, drawn for each frame's step
                overlay = TeachingOverlay(fig.contour.plot)

                def note(shown: Snapshot) -> str:
                    data = lesson(shown).overlay
                    overlay.draw(data)
                    return data.caption

                fig.note = lesson(snapshot_at(snap, spec.last)).overlay.caption
                if fig.note and fig.caption is None:
                    fig.add_caption_row()
            job = AnimationExport(fig, snap, spec, note)
        except PlaygroundError as e:
            if fig is not None:
                fig.win.deleteLater()
            self.show_error(str(e))
            return None
        progress = QtWidgets.QProgressDialog(translate("MainWindow", "Rendering frames…"),
                                             translate("MainWindow", "Cancel"), 0, job.total + 1, self)
        progress.setObjectName("animationProgress")
        progress.setWindowTitle(translate("MainWindow", "Export animation"))
        progress.setWindowModality(QtCore.Qt.WindowModal)  # no edits while the history is read; painting goes on
        progress.setMinimumDuration(300)
        timer = QtCore.QTimer(self)
        timer.setInterval(0)
        timer.timeout.connect(self._animation_tick)
        self._animation = (job, str(path), progress, timer)
        timer.start()
        return job

    def _animation_tick(self) -> None:
        # QProgressDialog.setValue runs the event loop of a modal dialog, where this timer fires again: a tick inside
        # a tick would render past its budget (and could end the export under the outer one)
        if self._animation_busy:
            return
        self._animation_busy = True
        try:
            self._animation_step()
        finally:
            self._animation_busy = False

    def _animation_step(self) -> None:
        job, path, progress, timer = self._animation
        try:
            if progress.wasCanceled():
                job.cancel()
                self._end_animation(translate("MainWindow", "Animation export cancelled; nothing was written."))
                return
            if job.error:
                raise PlaygroundError(job.error)
            if not job.all_rendered:
                before = job.rendered
                job.advance()  # the frames that fit in ~20 ms (one at least: ~10 ms at 800 px), then the event loop
                # when the encoder is behind, wait for it instead of spinning (it needs a core)
                timer.setInterval(0 if job.rendered > before else 10)
                if job.rendered != progress.value():  # setValue runs the event loop of a modal progress dialog
                    progress.setValue(min(job.rendered, job.total))
                if job.all_rendered:
                    progress.setLabelText(translate("MainWindow", "Encoding…"))
                    timer.setInterval(50)
                return
            if not job.finished:
                return
            job.write(path)
        except PlaygroundError as e:
            self._end_animation(None)
            self.show_error(str(e))
            return
        except Exception as e:  # noqa: BLE001 - a slot must never let an exception escape into Qt
            log.exception("animated export failed")
            self._end_animation(None)
            self.show_error(translate("MainWindow", "The animation could not be exported ({error}).").format(
                error=f"{type(e).__name__}: {e}"))
            return
        self._remember_dir("export/lastDir", path)
        self._end_animation(translate("MainWindow", "Exported {path} ({n} frames)").format(path=path, n=job.total))

    def _end_animation(self, message: str | None) -> None:
        job, _path, progress, timer = self._animation
        self._animation = None
        timer.stop()
        timer.deleteLater()
        progress.reset()
        progress.deleteLater()
        job.fig.win.deleteLater()
        if message:
            self.statusBar().showMessage(message, 8000)

    def export_csv(self, path: str | None = None) -> bool:
        if self.c.snapshot is None:
            self.show_error(translate("MainWindow", "Nothing to export: enable an optimizer first."))
            return False
        if path is None:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, translate("MainWindow", "Export trajectories"),
                                                            self.export_suggestion("csv"), "CSV (*.csv)")
            if not path:
                return False
        try:
            text = self._network_csv() if self.is_network else trajectories_csv(self.c.snapshot)
            atomic_write_text(path, text)
        except PlaygroundError as e:
            self.show_error(str(e))
            return False
        self._remember_dir("export/lastDir", path)
        self.statusBar().showMessage(translate("MainWindow", "Exported {path}").format(path=path), 5000)
        return True

    def _network_csv(self) -> str:
        """``optimizer,step,x,y,loss`` of a network race: each run at the steps whose θ the session kept (and its
        last point), x, y its coordinates on the fitted plane, loss the full-data loss there (the command line's
        ``--every`` writes every record step)."""
        proj = self.contour.projection
        if proj is None or proj.plane is None:
            raise PlaygroundError(translate("MainWindow", "Fit the landscape's plane first (Fit plane, or pause): the "
                                                          "CSV's x, y are a run's coordinates on it."))
        snap = self.c.snapshot
        lines = ["optimizer,step,x,y,loss"]
        for i, r in enumerate(snap.runs):
            steps, xy = proj.path(snap, i)
            rec, loss = snap.losses(i)
            at = dict(zip(rec.tolist(), loss.tolist()))
            label = r.label if not any(ch in r.label for ch in ',"\n') else '"' + r.label.replace('"', '""') + '"'
            for k, (x, y) in zip(steps.tolist(), xy.tolist()):
                if k in at:
                    lines.append(f"{label},{k},{x!r},{y!r},{at[k]!r}")
        return "\n".join(lines) + "\n"

    def _last_dir(self) -> str:
        return str(self.settings.value("files/lastDir", str(Path.home())))

    def _remember_dir(self, key: str, path: str | Path) -> None:
        """The folder of a file the user chose; the program's own presets and scenes are never "the last folder"."""
        if not _is_shipped(path):
            self.settings.setValue(key, str(Path(path).resolve().parent))

    def export_suggestion(self, ext: str) -> str:
        """Where an export dialog starts: the last export folder (else the last scene folder, else home), with a
        file name made of the scene's title (or the surface's) and the step shown."""
        folder = self.settings.value("export/lastDir") or self._last_dir()
        if not Path(folder).is_dir():
            folder = str(Path.home())
        snap = self.c.snapshot
        step = self.view_step if self.view_step is not None else (snap.step if snap is not None else 0)
        title = pick(self.c.scene.title) or (self.c.objective.title if self.c.objective else "optimizers")
        slug = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-").lower()[:60] or "optimizers"
        return str(Path(folder) / f"{slug}-step{step}.{ext}")

    def _show_shortcuts(self) -> None:
        rows = [(a.text(), a.shortcut().toString(QtGui.QKeySequence.NativeText))
                for a in (self.act_step, self.act_play, self.act_reset, self.act_open, self.act_save,
                          self.act_save_as, self.act_export, self.act_csv, self.act_log, self.act_view)]
        text = "".join(f"<tr><td>{t}</td><td>&nbsp;&nbsp;<b>{k}</b></td></tr>" for t, k in rows)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Information, translate("MainWindow", "Keyboard shortcuts"),
                                    f"<table>{text}</table>",
                                    QtWidgets.QMessageBox.Ok, self)
        box.setAttribute(QtCore.Qt.WA_DeleteOnClose)  # F1 pressed many times must not pile up hidden boxes
        box.open()

    # ---- layout ---------------------------------------------------------------------------------------------------
    def _fit_to_screen(self, avail: QtCore.QRect | None = None) -> None:
        """Open at the default size, or at the screen's size where that is smaller; on a small screen the docks are
        tabbed in one column so the contour map stays the main thing on screen. A saved layout replaces both."""
        if avail is None:
            screen = QtGui.QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else QtCore.QRect(0, 0, *DEFAULT_SIZE)
        w, h = (d if a >= d else a - f for a, d, f in zip((avail.width(), avail.height()), DEFAULT_SIZE, FRAME))
        self.resize(w, h)
        if (w, h) != DEFAULT_SIZE:
            self.move(avail.topLeft())
        if w < COMPACT_WIDTH:
            self.compact_layout()

    def compact_layout(self) -> None:
        """Every dock as a tab of one column on the right, the map taller than the loss view."""
        right = QtCore.Qt.RightDockWidgetArea
        docks = (self.objective_dock, self.batch_dock, self.teach_dock, self.whatif_dock, self.maps_dock)
        # Six tabs under a 320-px column were elided to "O…", "Ba…": beside it, running down, each title is whole.
        self.setTabPosition(right, QtWidgets.QTabWidget.East)
        for d in docks:
            self.addDockWidget(right, d)
        for d in docks:
            self.tabifyDockWidget(self.optimizers_dock, d)
        self.optimizers_dock.raise_()
        self.resizeDocks([self.optimizers_dock], [320], QtCore.Qt.Horizontal)
        self.splitter.setSizes([680, 320])

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        """Enter or Escape in a number field (toolbar or docks) or a run label, once the field has committed its
        text, gives the focus back to the contour view: Space, → and R are shortcuts again, not typing."""
        field = QtWidgets.QApplication.focusWidget()
        if isinstance(field, QtWidgets.QLineEdit) and isinstance(field.parent(), QtWidgets.QAbstractSpinBox):
            field = field.parent()
        if (event.key() in (QtCore.Qt.Key_Return, QtCore.Qt.Key_Enter, QtCore.Qt.Key_Escape)
                and (isinstance(field, QtWidgets.QAbstractSpinBox) or field is not None
                     and field.objectName() == "runLabel")):
            self.contour_widget.setFocus(QtCore.Qt.OtherFocusReason)  # focus out commits an uncommitted edit
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- layout memory --------------------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geo = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        split = self.settings.value("window/splitter")
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state)
        if split is not None:
            self.splitter.restoreState(split)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.c.pause()
        self._net_data_timer.stop()
        self.net_data = None  # its items go with the window: nothing may draw into them after this
        self.maps_panel.shutdown()
        for worker in list(self._workers):  # let a surface being computed stop before the window goes
            worker.cancelled = True
            worker.wait()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
