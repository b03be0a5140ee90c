"""Animated exports: the race from one step to another as a GIF (one global palette built from the frames), an
animated WebP, or an MP4 when an ffmpeg is on PATH.

The figure is built once (gui/export.py) and each frame only sets the views' data to an earlier snapshot of the
race (``snapshot_at``, as the timeline does) and renders it: Qt painting stays on the GUI thread, in slices of a few
frames (``AnimationExport.advance``), while a worker thread quantises and encodes with Pillow (or feeds ffmpeg).
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from io import BytesIO
from typing import Callable

import numpy as np
from PIL import Image
from PySide6 import QtGui

from engine import PlaygroundError, Scene, Session, Snapshot, atomic_write_bytes
from engine.explain import snapshot_at
from engine.limits import MAX_ANIMATION_PIXELS, MAX_FPS, MAX_STEPS, MAX_WIDTH, MIN_WIDTH

from .export import ExportOptions, Figure, Renderer, dispose, headless_figure

FORMATS = {"gif": "GIF", "webp": "Animated WebP", "mp4": "MP4 (needs ffmpeg)"}
DEFAULT_FPS = 10.0
HOLD_S = 2.0  # the last frame stays this long before the animation loops
PALETTE_SAMPLES = 8  # frames, evenly spread and the last one included, whose colours make the GIF's one palette
QUEUE_FRAMES = 8  # frames rendered ahead of the encoder at most (then the GUI thread waits for its next slice)
EXACT = ((255, 255, 255), (0, 0, 0), (255, 215, 0))  # kept exactly besides the runs' colours (gold: the ★ minima)


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
            raise PlaygroundError(f"fps {self.fps:g} is out of range (0 < fps ≤ {MAX_FPS})")
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            raise PlaygroundError(f"animation width {self.width} is out of range [{MIN_WIDTH}, {MAX_WIDTH}]")
        if not 1 <= self.steps_per_frame <= MAX_STEPS:
            raise PlaygroundError(f"steps per frame {self.steps_per_frame} must be at least 1")
        if not 0 <= self.first <= self.last <= available:
            raise PlaygroundError(f"the steps to animate, {self.first} to {self.last}, must lie within 0 to "
                                  f"{available} (the steps run so far)")
        if self.fmt == "mp4" and ffmpeg_path() is None:
            raise PlaygroundError("MP4 export needs an ffmpeg executable on PATH; choose GIF or WebP")

    @property
    def steps(self) -> list[int]:
        return frame_steps(self.first, self.last, self.steps_per_frame)

    def durations_ms(self, n: int) -> list[int]:
        frame = round(1000 / self.fps)
        return [frame] * (n - 1) + [max(frame, round(1000 * self.hold_s))]


def to_pil(image: QtGui.QImage) -> Image.Image:
    """An RGB888 QImage as a Pillow image (one copy of the pixels)."""
    w, h = image.width(), image.height()
    return Image.frombuffer("RGB", (w, h), bytes(image.constBits()), "raw", "RGB", image.bytesPerLine(), 1).copy()


def _rgb(color: str) -> tuple[int, int, int]:
    c = QtGui.QColor(color)
    return c.red(), c.green(), c.blue()


@dataclass(frozen=True)
class Palette:
    """One GIF palette for every frame: the colours of a mosaic of sample frames, plus ``exact`` colours that
    frames keep bit for bit (every run's colour, white, black)."""

    image: Image.Image  # a 1×1 "P" image carrying the palette, for Image.quantize
    exact: dict[tuple[int, int, int], int]  # colour -> its palette index

    @classmethod
    def from_samples(cls, samples: list[Image.Image], exact: list[tuple[int, int, int]]) -> "Palette":
        keep = list(dict.fromkeys(exact))[:128]
        w, h = samples[0].size
        mosaic = Image.new("RGB", (w, h * len(samples)))
        for i, s in enumerate(samples):
            mosaic.paste(s, (0, i * h))
        n = 256 - len(keep)
        flat = mosaic.quantize(colors=n, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).getpalette()
        found = [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
        colours = [c for c in dict.fromkeys(found) if c not in keep][:n] + keep
        colours += [colours[0]] * (256 - len(colours))
        image = Image.new("P", (1, 1))
        image.putpalette([v for c in colours for v in c])
        return cls(image, {c: colours.index(c) for c in keep})

    def apply(self, frame: Image.Image) -> Image.Image:
        """``frame`` in the palette: each pixel its nearest colour, no dithering (line art stays clean), and every
        pixel of an exact colour that colour's own entry (Pillow's nearest-colour lookup works on a coarse grid)."""
        q = frame.quantize(palette=self.image, dither=Image.Dither.NONE)
        idx = np.asarray(q).copy()
        rgb = np.asarray(frame)
        packed = (rgb[..., 0].astype(np.int32) << 16) | (rgb[..., 1].astype(np.int32) << 8) | rgb[..., 2]
        for (r, g, b), j in self.exact.items():
            idx[packed == (r << 16 | g << 8 | b)] = j
        out = Image.fromarray(idx, "P")
        out.putpalette(self.image.getpalette())
        return out


class Encoder:
    """Encodes frames on a worker thread: a GIF (frames quantised to one Palette as they come), an animated WebP, or
    an MP4 through ffmpeg's stdin. ``put`` frames, then ``close``; ``data`` holds the file when ``done``."""

    def __init__(self, spec: AnimationSpec, n_frames: int, exact: list[tuple[int, int, int]]):
        self.spec, self.n_frames, self.exact = spec, n_frames, exact
        self.queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        self.cancelled = False
        self.data: bytes | None = None
        self.error: str | None = None
        self.encoded = 0  # frames through the encoder so far
        self._thread = threading.Thread(target=self._run, name="animation-encoder", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

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
            encode = {"gif": self._gif, "webp": self._webp, "mp4": self._mp4}[self.spec.fmt]
            data = encode()
            if not self.cancelled:
                self.data = data
        except Exception as e:  # noqa: BLE001 - reported to the caller, never lost in the thread
            self.error = f"Could not encode the animation: {type(e).__name__}: {e}"

    def _gif(self) -> bytes | None:
        frames = self._frames()
        samples = next(frames, None)
        if samples is None:
            return None
        palette = Palette.from_samples(samples, self.exact)
        out = []
        for frame in frames:
            out.append(palette.apply(frame))
            self.encoded += 1
        if self.cancelled or len(out) != self.n_frames:
            return None
        buf = BytesIO()
        out[0].save(buf, "GIF", save_all=True, append_images=out[1:], duration=self.spec.durations_ms(len(out)),
                    loop=0, optimize=True, disposal=1)
        return buf.getvalue()

    def _webp(self) -> bytes | None:
        out = []
        for frame in self._frames():
            out.append(frame)
            self.encoded += 1
        if self.cancelled or len(out) != self.n_frames:
            return None
        buf = BytesIO()
        # lossless: flat colours and thin lines compress well without the blur of lossy WebP
        out[0].save(buf, "WEBP", save_all=True, append_images=out[1:], duration=self.spec.durations_ms(len(out)),
                    loop=0, lossless=True, method=1)
        return buf.getvalue()

    def _mp4(self) -> bytes | None:
        exe = ffmpeg_path()
        if exe is None:
            raise PlaygroundError("no ffmpeg executable on PATH")
        proc = None
        with tempfile.TemporaryDirectory(prefix="playground-mp4-") as tmp:
            out = os.path.join(tmp, "out.mp4")
            for frame in self._frames():
                if proc is None:
                    w, h = frame.size
                    # H.264 in yuv420p needs even sizes; the last frame is held by cloning it (tpad)
                    proc = subprocess.Popen(
                        [exe, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
                         "-r", f"{self.spec.fps:g}", "-i", "-", "-vf",
                         f"pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white,tpad=stop_mode=clone:stop_duration="
                         f"{self.spec.hold_s:g}", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags",
                         "+faststart", out], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
                proc.stdin.write(frame.tobytes())
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
        self.renderer = Renderer(fig.win, spec.width, ExportOptions())
        probe = self.renderer.image()
        self.size = (probe.width(), probe.height())
        pixels = len(self.steps) * probe.width() * probe.height()
        if spec.fmt != "mp4" and pixels > MAX_ANIMATION_PIXELS:
            raise PlaygroundError(
                f"{len(self.steps)} frames of {probe.width()}×{probe.height()} px are too many to encode at once "
                f"({pixels / 1e6:,.0f} million pixels, at most {MAX_ANIMATION_PIXELS / 1e6:,.0f} million): take "
                "more steps per frame, fewer steps or a smaller width")
        exact = [_rgb(r.color or "#000000") for r in snap.runs] + list(EXACT)
        self.encoder = Encoder(spec, len(self.steps), exact)
        # GIF: the palette's sample frames are rendered first (one per slice, like any frame), then every frame
        self._samples: list[Image.Image] = []
        if spec.fmt == "gif":
            k = min(PALETTE_SAMPLES, len(self.steps))
            picks = sorted({round(i * (len(self.steps) - 1) / max(k - 1, 1)) for i in range(k)})
            self._sample_steps = [self.steps[i] for i in picks]
        else:
            self._sample_steps = []
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
        return self.encoder.done

    @property
    def error(self) -> str | None:
        return self.encoder.error

    def _show(self, step: int) -> None:
        s = snapshot_at(self.snap, step)
        note = self.frame_note(s) if self.frame_note is not None else None
        self.fig.show(s, note)

    def _frame(self, step: int) -> Image.Image:
        self._show(step)
        return to_pil(self.renderer.image())

    def advance(self, budget_s: float = 0.025) -> bool:
        """Render frames for about ``budget_s`` (one frame at least, unless the encoder is behind); True once every
        frame has been handed to the encoder."""
        t0 = time.perf_counter()
        while not self.cancelled and not self._closed:
            if self._ready is None:
                if self._sample_steps:
                    self._samples.append(self._frame(self._sample_steps.pop(0)))
                    if self._sample_steps:
                        if time.perf_counter() - t0 >= budget_s:
                            break
                        continue
                    self._ready, self._samples = self._samples, []
                elif self._next < len(self.steps):
                    self._ready = self._frame(self.steps[self._next])
                    self._next += 1
                else:
                    self._closed = self.encoder.put(None)  # the end mark, once the queue has room for it
                    break
            if not self.encoder.put(self._ready):
                break  # the encoder is behind: come back on the next slice
            self._ready = None
            if time.perf_counter() - t0 >= budget_s:
                break
        return self._closed

    def cancel(self) -> None:
        self.cancelled = True
        self.encoder.cancel()

    def run(self) -> None:
        """Render and encode everything, blocking (headless)."""
        while not self.advance(1.0):
            if self.encoder.done:
                break
            time.sleep(0.001)
        self.encoder.wait()

    def write(self, path: str) -> None:
        if self.encoder.error:
            raise PlaygroundError(self.encoder.error)
        if self.encoder.data is None:
            raise PlaygroundError("the animation was cancelled; nothing was written")
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
