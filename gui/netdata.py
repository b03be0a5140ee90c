"""The Data view for networks: what the selected run's network does with the data.

* Two features (spirals, moons, blobs or a two-column CSV): the plane coloured by the class the network predicts,
  shaded by how sure it is (white where the classes tie), the rows on top in their label's colour, the
  misclassified ones ringed in red — TensorFlow Playground's picture, live while the race runs. The 100 × 100 map
  is computed on a worker thread, at most every ``DECISION_EVERY_S`` while playing, so it never stalls the window.
* Images (the 8 × 8 digits: 64 features): a grid of sample rows drawn as images with the label the network
  predicts (red where it is wrong), its confusion matrix, and its accuracy.

Both read one θ (the selected run's, at the step shown) and the objective (``engine.network.MLP``). When the
objective holds rows out (``holdout``) they say the training and the held-out accuracy; the decision map draws the
held-out rows as squares, the digits panel samples and counts the held-out rows (its titles say so). A note
(``render(note=…)``: "model at step 1,200 (nearest kept)" when the timeline shows an earlier step) goes under the
caption. ``describe_at(scene_pos)`` is the hover text: a point's or sample's row, features or label, and the
prediction of the network shown."""

from __future__ import annotations

import html
import math
import threading
import time

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from .i18n import translate

DECISION_N = 100  # grid points along each axis of a decision map
DECISION_EVERY_S = 0.12  # a decision map is recomputed at most this often while playing (shown within ~200 ms)
CLASS_COLOURS = ["#3b6fb6", "#e08a1e", "#3a9d4a", "#b8433f", "#7f5fb2", "#8c6d31", "#d16aa6", "#6b6b6b",
                 "#9ba83a", "#2aa9b8"]
WRONG = "#d00000"
SAMPLE_GRID = (3, 8)  # rows × columns of sample images
LABEL_ROOM = 6  # image units under each sample image for its predicted label
MIN_CELL_PX = 18  # confusion-matrix counts are written only in cells at least this many pixels wide
IMAGE_GAP = 2  # pixels between sample images


class Throttled:
    """Runs ``fn(arg)`` on a worker thread, the newest ``arg`` winning, at most every ``every_s`` while playing;
    ``poll()`` (GUI thread) returns a finished result once.

    ``fn`` must hold no Qt object (give it the engine's data, not a panel's bound method): the thread's reference
    may be the last one when the window replaces a panel while its picture is being made, and a Qt object freed on
    that thread takes the process down ("Timers cannot be stopped from another thread", then a segmentation fault:
    found by a 10-minute soak)."""

    def __init__(self, fn=None, every_s: float = DECISION_EVERY_S):
        self.fn, self.every_s = fn, every_s
        self._lock = threading.Lock()
        self._pending = None
        self._result = None
        self._job: threading.Thread | None = None
        self._last = 0.0

    @property
    def busy(self) -> bool:
        return self._pending is not None or (self._job is not None and self._job.is_alive()) or \
            self._result is not None

    def submit(self, arg, playing: bool = False) -> None:
        with self._lock:
            self._pending = (arg,)
        self._start(playing)

    def _start(self, playing: bool) -> None:
        if self._job is not None and self._job.is_alive():
            return  # the pending argument is taken when this job ends (poll)
        if playing and time.perf_counter() - self._last < self.every_s:
            return  # poll starts it once the interval has passed
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is None:
            return
        self._last = time.perf_counter()
        arg = pending[0]

        def work():
            try:
                out = self.fn(arg)
            except Exception:  # noqa: BLE001 - a picture that cannot be made is left as it was
                return
            with self._lock:
                self._result = (arg, out)

        self._job = threading.Thread(target=work, name="data-view", daemon=True)
        self._job.start()

    def poll(self, playing: bool = False):
        with self._lock:
            done, self._result = self._result, None
        if self._pending is not None:
            self._start(playing)
        return done

    def wait(self, timeout: float = 10.0):
        """Block until the newest argument's result is in (tests, exports); returns it or None."""
        last = None
        for _ in range(3):
            if self._job is not None:
                self._job.join(timeout)
            got = self.poll()
            last = got or last
            if self._pending is None and (self._job is None or not self._job.is_alive()):
                break
        return last


def class_rgb(k: int) -> np.ndarray:
    c = QtGui.QColor(CLASS_COLOURS[k % len(CLASS_COLOURS)])
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


def grid_points(X: np.ndarray, n: int = DECISION_N, pad: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """The decision map's grid over the rows' range (padded by ``pad`` of it): (xs, ys) of n values each."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    lo, hi = lo - pad * span, hi + pad * span
    return np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)


def decision_rgba(P: np.ndarray, n_x: int, n_y: int) -> np.ndarray:
    """(n_y, n_x, 4) image of class probabilities P (n_x·n_y, K) given row-major over (y, x): each point the
    colour of its most likely class, blended with white as the confidence falls to a tie (1/K)."""
    K = P.shape[1]
    best = P.argmax(axis=1)
    conf = (P.max(axis=1) - 1.0 / K) / (1.0 - 1.0 / K)
    colours = np.array([class_rgb(k) for k in range(K)])
    rgb = 255.0 + (colours[best] - 255.0) * (0.25 + 0.6 * conf[:, None])
    out = np.empty((n_y * n_x, 4), dtype=np.ubyte)
    out[:, :3] = np.clip(rgb, 0, 255)
    out[:, 3] = 255
    return out.reshape(n_y, n_x, 4)


def decision_work(objective, xs: np.ndarray, ys: np.ndarray):
    """The decision map's worker function for ``objective`` on the grid xs × ys: θ → (rgba image, predicted class per
    grid point, per training row, per held-out row) — a forward pass over the grid and one over the rows."""
    def work(theta: np.ndarray) -> tuple:
        gx, gy = np.meshgrid(xs, ys)
        P = objective.probabilities(theta, np.column_stack([gx.ravel(), gy.ravel()]))
        return (decision_rgba(P, len(xs), len(ys)), P.argmax(axis=1).reshape(len(ys), len(xs)),
                objective.predictions(theta), objective.test_predictions(theta))
    return work


def digit_work(objective):
    """The digits panel's worker function: θ → the class it predicts for every training and every held-out row."""
    def work(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return objective.predictions(theta), objective.test_predictions(theta)
    return work


class _NetPanel:
    """What the network panels share: ``render`` hands θ to the worker (``compute`` there), ``poll`` draws what it
    finished (``_show``), ``wait`` blocks for it (exports, tests)."""

    objective = None
    label = ""
    note = ""

    def compute(self, theta: np.ndarray):
        """The worker's part, on the calling thread: the pure function ``set_objective`` gave the worker."""
        return self.worker.fn(theta)

    def _show(self, theta: np.ndarray, made) -> None:
        raise NotImplementedError

    def render(self, theta: np.ndarray | None, label: str, playing: bool = False, wait: bool = False,
               note: str = "") -> None:
        """Show the network θ when the worker has made its picture (``poll``); ``wait``: make it now. ``note``: a
        line under the caption (which step's model this is, when the timeline shows an earlier one)."""
        if self.objective is None or theta is None:
            return
        self.label = label
        self.note = note
        theta = np.array(theta, dtype=np.float64)
        if wait:
            self._show(theta, self.compute(theta))
            return
        self.worker.submit(theta, playing)

    def poll(self, playing: bool = False) -> bool:
        """Draw a finished picture (GUI thread, every frame and from a timer); True when one was drawn."""
        done = self.worker.poll(playing)
        if done is None:
            return False
        self._show(*done)
        return True

    def wait(self, timeout: float = 10.0) -> None:
        done = self.worker.wait(timeout)
        if done is not None:
            self._show(*done)


class DecisionMap(_NetPanel):
    """A network on two features: the predicted class over the plane and the rows, in a PlotItem."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        plot.setMenuEnabled(False)
        plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        plot.addItem(self.image)
        self.points = pg.ScatterPlotItem(size=6, pen=pg.mkPen("w", width=0.8))
        plot.addItem(self.points)
        self.held_points = pg.ScatterPlotItem(size=6, symbol="s", pen=pg.mkPen("#333", width=0.6))  # held-out rows
        plot.addItem(self.held_points)
        self.wrong = pg.ScatterPlotItem(size=11, brush=None, pen=pg.mkPen(WRONG, width=2))
        self.wrong.setZValue(5)
        plot.addItem(self.wrong)
        self.caption = pg.TextItem(anchor=(0, 0), color="#222")
        self.caption.setZValue(10)
        plot.addItem(self.caption, ignoreBounds=True)
        self.objective = None
        self.xs = self.ys = None
        self.worker = Throttled()  # its function: decision_work for each objective
        self.label = ""
        self.grid_predictions: np.ndarray | None = None  # (n_y, n_x) the classes drawn (tests compare them)
        self.theta_shown: np.ndarray | None = None

    def close(self) -> None:
        """The window replaces this panel: nothing to disconnect, the data let go."""
        self.objective = None

    def set_objective(self, objective) -> None:
        self.objective = objective
        X = objective.raw_X
        T = objective.test_raw_X
        self.xs, self.ys = grid_points(np.vstack([X, T]))
        labels = objective.labels
        self.points.setData(X[:, 0], X[:, 1], brush=[pg.mkBrush(CLASS_COLOURS[k % len(CLASS_COLOURS)])
                                                     for k in labels])
        self.held_points.setData(T[:, 0], T[:, 1], brush=[pg.mkBrush(CLASS_COLOURS[k % len(CLASS_COLOURS)])
                                                          for k in objective.test_labels])
        x0, x1 = self.xs[0], self.xs[-1]
        y0, y1 = self.ys[0], self.ys[-1]
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.image.clear()
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.plot.setLabel("bottom", translate("NetData", "feature 1"))
        self.plot.setLabel("left", translate("NetData", "feature 2"))
        self.theta_shown = None
        self.worker.fn = decision_work(objective, self.xs, self.ys)

    def _show(self, theta, made) -> None:
        rgba, grid, pred, test_pred = made
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        x0, x1 = self.xs[0], self.xs[-1]
        y0, y1 = self.ys[0], self.ys[-1]
        self.image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        obj = self.objective
        bad = np.flatnonzero(pred != obj.labels)
        test_bad = np.flatnonzero(test_pred != obj.test_labels)
        X, T = obj.raw_X, obj.test_raw_X
        self.wrong.setData(np.concatenate([X[bad, 0], T[test_bad, 0]]), np.concatenate([X[bad, 1], T[test_bad, 1]]))
        acc = 1.0 - len(bad) / len(pred)
        if len(test_pred):
            text = translate("NetData", "{run}: {train} of {n_train} training rows right,\n{held} of {n_held} held-out "
                                        "rows (squares) · ringed = wrong").format(
                run=self.label, train=f"{acc:.1%}", n_train=f"{len(pred):,}",
                held=f"{1.0 - len(test_bad) / len(test_pred):.1%}", n_held=f"{len(test_pred):,}")
        else:
            text = translate("NetData", "{run}: {accuracy} of {n} right · ringed = wrong").format(
                run=self.label, accuracy=f"{acc:.1%}", n=f"{len(pred):,}")
        self.caption.setText(text + ("\n" + self.note if self.note else ""))
        (cx, _x1), (_y0, cy) = self.plot.vb.viewRange()
        self.caption.setPos(cx, cy)
        self.grid_predictions = grid
        self.theta_shown = theta

    def describe_at(self, scene_pos) -> str | None:
        """The hover text for the point nearest ``scene_pos`` (within 8 pixels): its row (in the data as loaded),
        features, label, and the class the network shown predicts for it with its probability; None elsewhere."""
        obj, theta = self.objective, self.theta_shown
        vb = self.plot.vb
        if obj is None or theta is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        px, py = vb.viewPixelSize()
        X = np.vstack([obj.raw_X, obj.test_raw_X])
        d = np.hypot((X[:, 0] - p.x()) / px, (X[:, 1] - p.y()) / py)
        j = int(np.argmin(d))
        if d[j] > 8:
            return None
        return self.describe_row(j)

    def describe_row(self, j: int) -> str:
        """The hover text of point ``j``: a training row (j < n_samples) or held-out row j − n_samples."""
        obj = self.objective
        held = j >= obj.n_samples
        t = j - obj.n_samples if held else j
        x = (obj.test_raw_X if held else obj.raw_X)[t]
        label = int((obj.test_labels if held else obj.labels)[t])
        row = int((obj.test_rows if held else obj.train_rows)[t]) + 1  # counted from 1, as the Data view does
        P = obj.probabilities(self.theta_shown, x[None, :])[0]
        k = int(P.argmax())
        text = translate("NetData", "row {row} (held out): x₁ = {x1}, x₂ = {x2}, label {label}; {run} predicts {pred} "
                                    "(p = {p})") if held else \
            translate("NetData", "row {row}: x₁ = {x1}, x₂ = {x2}, label {label}; {run} predicts {pred} (p = {p})")
        return text.format(row=row, x1=f"{x[0]:.4g}", x2=f"{x[1]:.4g}", label=label, run=self.label, pred=k,
                           p=f"{P[k]:.3f}")



def confusion(labels: np.ndarray, predicted: np.ndarray, k: int) -> np.ndarray:
    """(K, K) counts: row = the true label, column = the predicted one."""
    return np.bincount(labels * k + predicted, minlength=k * k).reshape(k, k)


class DigitGrid(_NetPanel):
    """A network on images (square ones, e.g. the 8 × 8 digits): sample rows with their predicted labels and the
    confusion matrix, in two PlotItems."""

    def __init__(self, images: pg.PlotItem, matrix: pg.PlotItem, caption: pg.LabelItem | None = None):
        """``caption``: a label above both plots for the accuracies (else the samples plot's title, which widens
        that column)."""
        self.images_plot, self.matrix_plot = images, matrix
        self.caption = caption
        for p in (images, matrix):
            p.setMenuEnabled(False)
            p.setAspectLocked(True)
            p.invertY(True)
        images.hideAxis("left")
        images.hideAxis("bottom")
        self.mosaic = pg.ImageItem(axisOrder="row-major")
        images.addItem(self.mosaic)
        self.matrix = pg.ImageItem(axisOrder="row-major")
        self.matrix.setColorMap(pg.colormap.get("viridis"))
        matrix.addItem(self.matrix)
        matrix.setLabel("left", translate("NetData", "true label"))
        matrix.setLabel("bottom", translate("NetData", "predicted"))
        # counts only once the cells are big enough; disconnected by close() (a lambda held by a Qt signal keeps
        # this panel, its objective and the data alive after the window moves on)
        self._resized = lambda *_a: self._fit_texts()
        matrix.vb.sigResized.connect(self._resized)
        self.images_plot.vb.sigResized.connect(self._resized)
        self.texts: list[pg.TextItem] = []
        self.cell_texts: list[pg.TextItem] = []
        # the caption is the samples plot's title: its width widens that column, not clipped inside the view
        self.title_text = ""
        self.objective = None
        self.rows = np.arange(0)
        self.side = 0
        self.predicted: np.ndarray | None = None
        self.counts: np.ndarray | None = None
        self.label = ""
        self.held = False
        self.theta_shown: np.ndarray | None = None
        self.worker = Throttled(every_s=0.5)  # its function: digit_work for each objective

    def close(self) -> None:
        """Let go of the Qt side (the window replaces this panel)."""
        try:
            self.matrix_plot.vb.sigResized.disconnect(self._resized)
            self.images_plot.vb.sigResized.disconnect(self._resized)
        except (RuntimeError, TypeError):
            pass
        self.objective = None

    @staticmethod
    def shows(objective) -> bool:
        """Square images: the features are the pixels of a side × side picture (64 = 8 × 8)."""
        f = objective.raw_X.shape[1]
        return f >= 16 and math.isqrt(f) ** 2 == f

    def set_objective(self, objective) -> None:
        self.objective = objective
        self.worker.fn = digit_work(objective)
        self.held = objective.n_test > 0  # samples and confusion from the held-out rows, when there are any
        X = objective.test_raw_X if self.held else objective.raw_X
        self.sample_labels = objective.test_labels if self.held else objective.labels
        self.sample_rows = objective.test_rows if self.held else objective.train_rows  # rows in the data as loaded
        n = len(X)
        r, c = SAMPLE_GRID
        self.rows = np.linspace(0, n - 1, min(n, r * c)).astype(int)  # evenly spread sample rows (of X)
        self.side = math.isqrt(objective.raw_X.shape[1])
        s, g = self.side, IMAGE_GAP
        mosaic = np.full((r * (s + g + LABEL_ROOM), c * (s + g)), np.nan)
        lo, hi = float(objective.raw_X.min()), float(objective.raw_X.max())
        for k, row in enumerate(self.rows):
            i, j = divmod(k, c)
            img = (X[row].reshape(s, s) - lo) / (hi - lo if hi > lo else 1.0)
            y0 = i * (s + g + LABEL_ROOM)
            mosaic[y0: y0 + s, j * (s + g): j * (s + g) + s] = 1.0 - img  # ink dark on paper
        self.mosaic.setImage(np.nan_to_num(mosaic, nan=1.0), levels=(0, 1))
        for t in self.texts:
            self.images_plot.removeItem(t)
        self.texts = []
        for k in range(len(self.rows)):
            i, j = divmod(k, c)
            t = pg.TextItem(anchor=(0.5, 0), color="#222")
            t.setPos(j * (s + g) + s / 2, i * (s + g + LABEL_ROOM) + s)
            self.images_plot.addItem(t)
            self.texts.append(t)
        K = objective.n_classes
        for t in self.cell_texts:
            self.matrix_plot.removeItem(t)
        self.cell_texts = []
        for a in range(K):
            for b in range(K):
                t = pg.TextItem(anchor=(0.5, 0.5), color="w")
                t.setPos(b + 0.5, a + 0.5)
                self.matrix_plot.addItem(t)
                self.cell_texts.append(t)
        self.matrix.setRect(QtCore.QRectF(0, 0, K, K))
        ticks = [[(k + 0.5, str(k)) for k in range(K)]]
        self.matrix_plot.getAxis("left").setTicks(ticks)
        self.matrix_plot.getAxis("bottom").setTicks(ticks)
        self.matrix_plot.setRange(xRange=(0, K), yRange=(0, K), padding=0.02)
        # which rows the matrix counts, on its axis (a title there would widen its column past the samples')
        # (the count of all rows did not fit under the matrix: the title says which rows the matrix counts)
        self.matrix_plot.setLabel("bottom", translate("NetData", "predicted, {n} held-out rows").format(n=f"{n:,}")
                                  if self.held else translate("NetData", "predicted"))
        self.theta_shown = None

    def _show(self, theta, made) -> None:
        obj = self.objective
        train_pred, test_pred = made
        pred = test_pred if self.held else train_pred  # the samples' and the confusion matrix's rows
        self.predicted = pred
        self.theta_shown = theta
        for k, row in enumerate(self.rows):
            right = pred[row] == self.sample_labels[row]
            self.texts[k].setText(f"{pred[row]}" if right else f"{pred[row]} ✕")
            self.texts[k].setColor("#222" if right else WRONG)
        K = obj.n_classes
        self.counts = confusion(self.sample_labels, pred, K)
        self.matrix.setImage(np.log1p(self.counts.astype(np.float64)), autoLevels=True)
        self.matrix.setRect(QtCore.QRectF(0, 0, K, K))  # one unit a cell (a new image resets the rectangle)
        top = self.counts.max() or 1
        for t, v in zip(self.cell_texts, self.counts.ravel()):
            t.setText(str(v) if v else "")
            t.setColor("#111" if v > 0.6 * top else "w")
        acc = float(np.mean(train_pred == obj.labels))
        if self.held:
            text = translate("NetData", "{run}: {train} right on the training rows,\n{held} on the held-out rows "
                                        "(shown here)").format(
                run=self.label, train=f"{acc:.1%}", held=f"{float(np.mean(test_pred == obj.test_labels)):.1%}")
        else:
            text = translate("NetData", "{run}: {accuracy} right").format(run=self.label, accuracy=f"{acc:.1%}")
        self.title_text = text + ("\n" + self.note if self.note else "")
        shown = html.escape(self.title_text).replace("\n", "<br>")
        if self.caption is not None:
            self.caption.setText(shown, size="9pt", color="#222")
        else:
            self.images_plot.setTitle(shown, size="9pt", color="#222")
        self._fit_texts()

    def describe_at(self, scene_pos) -> str | None:
        """The hover text for the sample image under ``scene_pos``: its row (in the data as loaded, from 1), label
        and the label the network shown predicts with its probability; None elsewhere."""
        obj, theta = self.objective, self.theta_shown
        vb = self.images_plot.vb
        if obj is None or theta is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        s, g = self.side, IMAGE_GAP
        j, i = int(p.x() // (s + g)), int(p.y() // (s + g + LABEL_ROOM))
        r, c = SAMPLE_GRID
        k = i * c + j
        if not (0 <= j < c and 0 <= i < r and k < len(self.rows)):
            return None
        if p.x() - j * (s + g) > s or p.y() - i * (s + g + LABEL_ROOM) > s + LABEL_ROOM:
            return None
        return self.describe_sample(k)

    def describe_sample(self, k: int) -> str:
        """The hover text of sample image ``k``."""
        obj = self.objective
        row = self.rows[k]
        X = obj.test_raw_X if self.held else obj.raw_X
        P = obj.probabilities(self.theta_shown, X[row][None, :])[0]
        pred = int(P.argmax())
        text = translate("NetData", "row {row} (held out): label {label}; {run} predicts {pred} (p = {p})") \
            if self.held else translate("NetData", "row {row}: label {label}; {run} predicts {pred} (p = {p})")
        return text.format(row=int(self.sample_rows[row]) + 1, label=int(self.sample_labels[row]), run=self.label,
                           pred=pred, p=f"{P[pred]:.3f}")

    def _fit_texts(self) -> None:
        """Counts only where a cell is wide enough to hold them (a small panel shows the colours alone); the
        samples' labels in a font that fits the room under each image (at 9 pt they ran into the next row of
        images when the panel was small), and none where even a small one would not."""
        vb = self.matrix_plot.vb
        (x0, x1), _y = vb.viewRange()
        cell = vb.width() / (x1 - x0) if x1 > x0 else 0.0  # pixels a cell (0 before the view is laid out)
        show = cell >= MIN_CELL_PX
        for t in self.cell_texts:
            t.setVisible(show)
        ivb = self.images_plot.vb
        _x, (y0, y1) = ivb.viewRange()
        room = LABEL_ROOM * ivb.height() / (y1 - y0) if y1 > y0 else 0.0  # pixels under an image
        px = int(min(13, room - 4))  # the text item's own margin takes a few pixels
        for t in self.texts:
            t.setVisible(px >= 7)
            if px >= 7 and t.textItem.font().pixelSize() != px:
                font = QtGui.QFont(t.textItem.font())
                font.setPixelSize(px)
                t.setFont(font)
