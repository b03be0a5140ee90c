"""Animated exports: the race from one step to another as a GIF (one global palette built from the frames), an
animated WebP, or an MP4 when an ffmpeg is on PATH.

The figure is built once (gui/export.py) and each frame only sets the views' data to an earlier snapshot of the
race (``snapshot_at``, as the timeline does) and renders it: Qt painting stays on the GUI thread, as many frames a
timer tick as fit in its budget (``AnimationExport.advance``), while a child process quantises and encodes with
Pillow (gui/encoding.py; or ffmpeg does).
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from engine import PlaygroundError, Scene, Session, Snapshot, atomic_write_bytes
from engine.explain import snapshot_at
from engine.limits import MAX_ANIMATION_PIXELS, MAX_FPS, MAX_STEPS, MAX_WIDTH, MIN_WIDTH

from .encoding import END, Job, Palette, job_bytes, read_message, write_message
from .export import ExportOptions, Figure, Renderer, dispose, headless_figure
from .i18n import translate
from .jobs import ThreadJob

__all__ = ["AnimationExport", "AnimationSpec", "Encoder", "Palette", "ffmpeg_path", "frame_steps", "write_scene_gif"]

FORMATS = {"gif": "GIF", "webp": "Animated WebP", "mp4": "MP4 (needs ffmpeg)"}


def format_name(fmt: str) -> str:
    """``fmt``'s name as the export dialog offers it, in the current language."""
    return {"webp": translate("Animation", "Animated WebP"),
            "mp4": translate("Animation", "MP4 (needs ffmpeg)")}.get(fmt, FORMATS.get(fmt, fmt))
DEFAULT_FPS = 10.0
HOLD_S = 2.0  # the last frame stays this long before the animation loops
PALETTE_SAMPLES = 8  # frames, evenly spread and the last one included, whose colours make the GIF's one palette
QUEUE_FRAMES = 8  # frames rendered ahead of the encoder at most (then the GUI thread waits for its next slice)
TICK_BUDGET_S = 0.020  # the window's frames per timer tick: as many as fit (one at least); 50 ms is the limit
COST_MEMORY = 8  # a frame's expected cost is the dearest of the last this many
EXACT = ((255, 255, 255), (0, 0, 0), (255, 215, 0))  # kept exactly besides the runs' colours (gold: the ★ minima)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # where the encoding process finds gui/
CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from gui.encoding import main; main()"


def ffmpeg_path() -> str | None:
    """The ffmpeg executable MP4 export uses, if one is on PATH (never a dependency)."""
    return shutil.which("ffmpeg")


def frame_steps(first: int, last: int, steps_per_frame: int) -> list[int]:
    """The step each frame shows: first, first + k, first + 2k, … and always ``last`` itself."""
    steps = list(range(first, last + 1, steps_per_frame))
    if steps[-1] != last:
        steps.append(last)
    return steps


@dataclass(frozen=True)
class AnimationSpec:
    """What an animated export shows: steps ``first``..``last``, one frame every ``steps_per_frame`` steps."""

    last: int
    first: int = 0
    steps_per_frame: int = 1
    fps: float = DEFAULT_FPS
    width: int = 800
    fmt: str = "gif"
    hold_s: float = HOLD_S

    def check(self, available: int) -> None:
        """Raise PlaygroundError naming the setting that is out of range; ``available`` is the last step run."""
        if self.fmt not in FORMATS:
            raise PlaygroundError(f"unknown animation format {self.fmt!r} (choose from {', '.join(FORMATS)})")
        if not 0 < self.fps <= MAX_FPS:
            raise PlaygroundError(translate("Animation", "fps {fps} is out of range (0 < fps ≤ {max})").format(
                fps=f"{self.fps:g}", max=MAX_FPS))
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            raise PlaygroundError(translate("Animation", "animation width {width} is out of range [{lo}, {hi}]").format(
                width=self.width, lo=MIN_WIDTH, hi=MAX_WIDTH))
        if not 1 <= self.steps_per_frame <= MAX_STEPS:
            raise PlaygroundError(translate("Animation", "steps per frame {n} must be at least 1").format(
                n=self.steps_per_frame))
        if not 0 <= self.first <= self.last <= available:
            raise PlaygroundError(translate("Animation", "the steps to animate, {first} to {last}, must lie within 0 "
                                                         "to {available} (the steps run so far)").format(
                first=self.first, last=self.last, available=available))
        if self.fmt == "mp4" and ffmpeg_path() is None:
            raise PlaygroundError(translate("Animation", "MP4 export needs an ffmpeg executable on PATH; choose GIF "
                                                         "or WebP"))

    @property
    def steps(self) -> list[int]:
        return frame_steps(self.first, self.last, self.steps_per_frame)

    def durations_ms(self, n: int) -> list[int]:
        frame = round(1000 / self.fps)
        return [frame] * (n - 1) + [max(frame, round(1000 * self.hold_s))]


def frame_bytes(image: QtGui.QImage) -> bytes:
    """An RGB888 QImage's pixels (rows padded to 4 bytes, as Qt keeps them): one copy, all the GUI thread does to a
    frame before handing it to the encoder."""
    return bytes(image.constBits())


def _rgb(color: str) -> tuple[int, int, int]:
    c = QtGui.QColor(color)
    return c.red(), c.green(), c.blue()


class Encoder(ThreadJob):
    """Encodes frames off the GUI thread. A worker thread hands them to a child process that builds the GIF (frames
    quantised to one Palette as they come) or the animated WebP (gui/encoding.py), or writes them to ffmpeg's stdin
    for MP4; the thread itself only waits on pipes, so it hardly ever holds the GIL. ``put`` frames (RGB888 bytes of
    ``size``, rows ``stride`` bytes apart), then None; ``data`` holds the file when ``done``."""

    thread_name = "animation-encoder"

    def __init__(self, spec: AnimationSpec, n_frames: int, exact: list[tuple[int, int, int]],
                 size: tuple[int, int], stride: int, samples: int = 0):
        self.spec, self.n_frames, self.exact = spec, n_frames, exact
        self.size, self.stride, self.samples = size, stride, samples
        self.queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        self.cancelled = False
        self.data: bytes | None = None
        self.error: str | None = None
        self.encoded = 0  # frames handed on so far (to the encoding process or ffmpeg)
        self._proc = None  # the encoding process, once started
        self.start()

    def put(self, item, block: bool = False) -> bool:
        """Hand over a frame (or the list of palette samples first, for GIF; None after the last frame); False when
        the queue is full."""
        try:
            self.queue.put(item, block=block)
            return True
        except queue.Full:
            return False

    def cancel(self) -> None:
        self.cancelled = True
        if self._proc is not None:
            self._proc.kill()  # the thread may be waiting for its answer: the closed pipe wakes it
        try:  # wake the worker if it waits for a frame
            self.queue.put_nowait(None)
        except queue.Full:
            pass

    def _frames(self):
        while True:
            item = self.queue.get()
            if item is None or self.cancelled:
                return
            yield item

    def _run(self) -> None:
        try:
            data = self._mp4() if self.spec.fmt == "mp4" else self._child()
            if not self.cancelled:
                self.data = data
        except PlaygroundError as e:
            self.error = translate("Animation", "Could not encode the animation: {error}").format(error=e)
        except Exception as e:  # noqa: BLE001 - reported to the caller, never lost in the thread
            self.error = translate("Animation", "Could not encode the animation: {error}").format(
                error=f"{type(e).__name__}: {e}")

    def _child(self) -> bytes | None:
        job = Job(self.spec.fmt, self.size, self.stride, tuple(self.spec.durations_ms(self.n_frames)),
                  tuple(self.exact), self.samples)
        # A fresh interpreter that imports only gui/encoding.py (numpy, Pillow): not multiprocessing's spawn, which
        # would run the window's __main__ again in it, and never a fork of a process running Qt's threads. Its
        # stderr goes to a file: a full stderr pipe nobody reads would stop it while this thread writes frames.
        with tempfile.TemporaryFile() as err:
            # -I: nothing from the current folder or PYTHON* variables shadows numpy, Pillow or gui/
            proc = subprocess.Popen([sys.executable, "-I", "-c", CHILD, ROOT], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=err)
            self._proc = proc
            try:
                if self.cancelled:  # cancelled while the process started: cancel() may have missed it
                    return None
                write_message(proc.stdin, job_bytes(job))
                for item in self._frames():
                    for data in item if isinstance(item, list) else (item,):
                        write_message(proc.stdin, data)
                    self.encoded += not isinstance(item, list)
                if self.cancelled:
                    return None
                write_message(proc.stdin, END)
                proc.stdin.close()
                status, payload = read_message(proc.stdout), read_message(proc.stdout)
            except (EOFError, OSError):
                if self.cancelled:
                    return None
                proc.wait(5)
                err.seek(0)
                tail = err.read().decode(errors="replace").strip().splitlines()[-1:]
                raise PlaygroundError(f"the encoding process ended unexpectedly (exit status {proc.returncode}"
                                      f"{': ' + tail[0] if tail else ''})") from None
            finally:
                if self.cancelled:
                    proc.kill()
                for stream in (proc.stdin, proc.stdout):
                    try:
                        stream.close()
                    except OSError:  # a broken pipe's buffered bytes cannot be flushed: nothing to keep
                        pass
                proc.wait()
        if status != b"ok":
            raise PlaygroundError(payload.decode(errors="replace"))
        return payload

    def _mp4(self) -> bytes | None:
        exe = ffmpeg_path()
        if exe is None:
            raise PlaygroundError("no ffmpeg executable on PATH")
        w, h = self.size
        proc = None
        with tempfile.TemporaryDirectory(prefix="playground-mp4-") as tmp:
            out = os.path.join(tmp, "out.mp4")
            for frame in self._frames():
                if proc is None:
                    # H.264 in yuv420p needs even sizes; the last frame is held by cloning it (tpad)
                    proc = subprocess.Popen(
                        [exe, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                         "-r", f"{self.spec.fps:g}", "-i", "-", "-vf",
                         f"pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white,tpad=stop_mode=clone:stop_duration="
                         f"{self.spec.hold_s:g}", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags",
                         "+faststart", out], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
                if self.stride != 3 * w:  # rawvideo rows are packed
                    frame = np.frombuffer(frame, np.uint8).reshape(h, self.stride)[:, :3 * w].tobytes()
                proc.stdin.write(frame)
                self.encoded += 1
            if proc is None:
                return None
            _, err = proc.communicate()
            if self.cancelled or self.encoded != self.n_frames:
                return None
            if proc.returncode != 0:
                raise PlaygroundError(f"ffmpeg failed: {err.decode(errors='replace').strip()[-200:]}")
            with open(out, "rb") as f:
                return f.read()


class AnimationExport:
    """One animated export of ``fig`` from ``snap``'s history: ``advance`` renders frames for a slice of time (call
    it from a timer on the GUI thread), ``finished``/``error`` say how it ended, ``write`` saves the file.

    ``frame_note(snapshot)``, when given, redraws per-frame extras (the Explain overlays) and returns the caption
    line for that frame."""

    def __init__(self, fig: Figure, snap: Snapshot, spec: AnimationSpec,
                 frame_note: Callable[[Snapshot], str | None] | None = None):
        spec.check(snap.step)
        self.fig, self.snap, self.spec, self.frame_note = fig, snap, spec, frame_note
        self.steps = spec.steps
        # The last frame first: it fixes the loss view's range for every frame (as its own PNG export fits it).
        self._show(spec.last)
        fig.freeze_ranges()
        # Only the renderer draws the figure: painting the (never shown) widget as well would redraw the whole figure
        # after every frame's changes (~4 ms of a 14-ms frame), and its first paint took a third of the click's time.
        fig.win.setUpdatesEnabled(False)
        self._exact = [_rgb(r.color or "#000000") for r in snap.runs] + list(EXACT)
        # GIF: the palette's sample frames are rendered first (like any frame), then every frame
        self._samples: list[bytes] = []
        if spec.fmt == "gif":
            k = min(PALETTE_SAMPLES, len(self.steps))
            picks = sorted({round(i * (len(self.steps) - 1) / max(k - 1, 1)) for i in range(k)})
            self._sample_steps = [self.steps[i] for i in picks]
        else:
            self._sample_steps = []
        # made by the first tick (_prepare), so that the click only builds the figure
        self.renderer: Renderer | None = None
        self.encoder: Encoder | None = None
        self.size: tuple[int, int] | None = None
        self.stride = 0
        self._costs: deque[float] = deque(maxlen=COST_MEMORY)  # the last frames' render times
        self._next = 0  # index into self.steps of the next frame to render
        self._ready = None  # a rendered item the full queue did not take yet
        self._closed = False  # every frame and the end mark handed to the encoder
        self.cancelled = False

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def rendered(self) -> int:
        return self._next

    @property
    def all_rendered(self) -> bool:
        """Every frame rendered and handed to the encoder (which may still be encoding)."""
        return self._closed

    @property
    def finished(self) -> bool:
        return self.encoder is not None and self.encoder.done

    @property
    def error(self) -> str | None:
        return self.encoder.error if self.encoder is not None else None

    def _prepare(self) -> None:
        """Lay the figure out at the width asked for, refuse an animation too large to hold, start the encoder."""
        self.renderer = Renderer(self.fig.win, self.spec.width, ExportOptions(), held=True)
        self.size = w, h = self.renderer.size
        self.stride = (3 * w + 3) // 4 * 4  # an RGB888 QImage's rows are padded to 4 bytes
        pixels = len(self.steps) * w * h
        if self.spec.fmt != "mp4" and pixels > MAX_ANIMATION_PIXELS:
            raise PlaygroundError(translate(
                "Animation", "{n} frames of {w}×{h} px are too many to encode at once ({mp} million pixels, at most "
                "{max} million): take more steps per frame, fewer steps or a smaller width").format(
                n=len(self.steps), w=w, h=h, mp=f"{pixels / 1e6:,.0f}", max=f"{MAX_ANIMATION_PIXELS / 1e6:,.0f}"))
        self.encoder = Encoder(self.spec, len(self.steps), self._exact, self.size, self.stride,
                               samples=len(self._sample_steps))
        # A pyqtgraph TextItem (a level-curve label) sets the painter's transform to its own scene transform the
        # first time it is painted, which puts its box in the wrong place in a render at another scale: paint each
        # once, here, onto a scratch image (0.5 ms; a whole render thrown away did the same for 15 ms). The widget is
        # never painted (see __init__), so the first frame would be their first paint.
        scratch = QtGui.QImage(1, 1, QtGui.QImage.Format_RGB888)
        painter = QtGui.QPainter(scratch)
        try:
            for item in self.fig.win.scene().items():
                if isinstance(item, pg.TextItem):
                    item.paint(painter)
        finally:
            painter.end()

    def _show(self, step: int) -> None:
        s = snapshot_at(self.snap, step)
        note = self.frame_note(s) if self.frame_note is not None else None
        self.fig.show(s, note)

    def _frame(self, step: int) -> bytes:
        t0 = time.perf_counter()
        self._show(step)
        image = self.renderer.image()
        if (image.width(), image.height(), image.bytesPerLine()) != (*self.size, self.stride):
            raise PlaygroundError(f"a frame came out {image.width()}×{image.height()} px, not "
                                  f"{self.size[0]}×{self.size[1]}")
        self._costs.append(time.perf_counter() - t0)
        return frame_bytes(image)

    @property
    def frame_cost(self) -> float:
        """What the next frame is expected to cost: the dearest of the last few (0 before the first)."""
        return max(self._costs, default=0.0)

    def advance(self, budget_s: float = TICK_BUDGET_S) -> bool:
        """Render frames while the next one is expected to fit in ``budget_s`` (one frame at least, unless the
        encoder is behind); True once every frame has been handed to the encoder."""
        t0 = time.perf_counter()
        worked = False
        if self.cancelled:
            return self._closed
        if self.renderer is None:  # the first tick: ~15 ms
            self._prepare()
            return False
        while not self.cancelled and not self._closed:
            if worked and time.perf_counter() - t0 + self.frame_cost > budget_s:
                break
            if self._ready is None:
                if self._sample_steps:
                    self._samples.append(self._frame(self._sample_steps.pop(0)))
                    worked = True
                    if self._sample_steps:
                        continue
                    self._ready, self._samples = self._samples, []
                elif self._next < len(self.steps):
                    self._ready = self._frame(self.steps[self._next])
                    self._next += 1
                    worked = True
                else:
                    self._closed = self.encoder.put(None)  # the end mark, once the queue has room for it
                    break
            if not self.encoder.put(self._ready):
                break  # the encoder is behind: come back on the next slice
            self._ready = None
        return self._closed

    def cancel(self) -> None:
        self.cancelled = True
        if self.encoder is not None:
            self.encoder.cancel()

    def run(self) -> None:
        """Render and encode everything, blocking (headless)."""
        while not self.advance(1.0):
            if self.encoder is not None and self.encoder.done:
                break
            time.sleep(0.001)
        if self.encoder is not None:
            self.encoder.wait()

    def write(self, path: str) -> None:
        if self.error:
            raise PlaygroundError(self.error)
        if self.encoder is None or self.encoder.data is None:
            raise PlaygroundError(translate("Animation", "the animation was cancelled; nothing was written"))
        atomic_write_bytes(path, self.encoder.data)


def write_scene_gif(scene: Scene, session: Session, snap: Snapshot, path: str, width: int = 800,
                    fps: float = DEFAULT_FPS, layout: str = "single", steps_per_frame: int | None = None) -> None:
    """``main.py --headless --gif``: the race from step 0 to the last step, one frame every ``steps_per_frame``
    steps (default: the scene's pace, as the window plays it)."""
    spec = AnimationSpec(last=snap.step, steps_per_frame=steps_per_frame or scene.pace, fps=fps, width=width)
    spec.check(snap.step)
    fig = headless_figure(scene, session, snap, layout=layout)
    try:
        job = AnimationExport(fig, snap, spec)
        job.run()
        job.write(path)
    finally:
        dispose(fig)
