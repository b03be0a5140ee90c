"""Pillow's side of animated exports: the GIF's one palette and the GIF / animated WebP encoders, run in a child
process (``main``, started by gui/animation.py's Encoder) so that their work never competes with the window's thread for the GIL. Imports no Qt.

Why a process: in a thread of the window's process, quantising and saving took the GIL in thousands of short
stretches; each time the GUI thread wanted it back it could wait a switch interval (5 ms), longer when the holder was
descheduled on a busy machine, and Pillow's GIF writer kept the event loop away for 57-74 ms while it assembled the
file."""

from __future__ import annotations

import dataclasses
import json
import sys
from dataclasses import dataclass
from io import BytesIO
from typing import Iterable, Iterator

import numpy as np
from PIL import Image

END = b""  # after the last frame (a frame is never empty)


@dataclass(frozen=True)
class Job:
    """What the encoding process makes of the frames it is sent: ``samples`` palette sample frames first (GIF), then
    one frame per duration. Every frame is RGB888 of ``size``, rows ``stride`` bytes apart (Qt pads rows to 4 bytes)."""

    fmt: str  # "gif" or "webp"
    size: tuple[int, int]
    stride: int
    durations_ms: tuple[int, ...]
    exact: tuple[tuple[int, int, int], ...]  # GIF: colours every frame keeps bit for bit
    samples: int = 0


def frame_image(data: bytes, size: tuple[int, int], stride: int) -> Image.Image:
    """One frame's RGB888 bytes as a Pillow image (no copy: it reads ``data``)."""
    return Image.frombuffer("RGB", size, data, "raw", "RGB", stride, 1)


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


def encode(job: Job, frames: Iterable[bytes]) -> bytes:
    """The file: ``job.samples`` sample frames, then the frames themselves, from ``frames``."""
    it: Iterator[bytes] = iter(frames)
    images = (frame_image(data, job.size, job.stride) for data in it)
    n = len(job.durations_ms)
    buf = BytesIO()
    if job.fmt == "gif":
        palette = Palette.from_samples([next(images) for _ in range(job.samples)], list(job.exact))
        out = [palette.apply(im) for im in images]
        _check_count(len(out), n)
        out[0].save(buf, "GIF", save_all=True, append_images=out[1:], duration=list(job.durations_ms), loop=0,
                    optimize=True, disposal=1)
    elif job.fmt == "webp":
        out = list(images)
        _check_count(len(out), n)
        # lossless: flat colours and thin lines compress well without the blur of lossy WebP
        out[0].save(buf, "WEBP", save_all=True, append_images=out[1:], duration=list(job.durations_ms), loop=0,
                    lossless=True, method=1)
    else:
        raise ValueError(f"no encoder here for {job.fmt!r}")
    return buf.getvalue()


def _check_count(got: int, want: int) -> None:
    if got != want:
        raise ValueError(f"{got} frames arrived, {want} were announced")


# ---- the child process: ``python -c "…gui.encoding…main()"``, messages framed by their length on stdin and stdout

def write_message(stream, data: bytes) -> None:
    stream.write(len(data).to_bytes(8, "little"))
    stream.write(data)


def read_message(stream) -> bytes:
    """One message; EOFError when the stream ends first (the other side went away)."""
    head = stream.read(8)
    if len(head) != 8:
        raise EOFError("the stream ended")
    n = int.from_bytes(head, "little")
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("the stream ended inside a message")
    return data


def job_bytes(job: Job) -> bytes:
    return json.dumps(dataclasses.asdict(job)).encode()


def job_from_bytes(data: bytes) -> Job:
    d = json.loads(data)
    return Job(d["fmt"], tuple(d["size"]), d["stride"], tuple(d["durations_ms"]), tuple(map(tuple, d["exact"])),
               d["samples"])


def main() -> None:
    """Read a Job, its frames and ``END`` on stdin; write "ok" and the file, or "error" and a message, on stdout."""
    src, dst = sys.stdin.buffer, sys.stdout.buffer
    try:
        job = job_from_bytes(read_message(src))
        data = encode(job, iter(lambda: read_message(src), END))
        status = b"ok"
    except EOFError:  # cancelled, or the window went away: nobody to answer
        return
    except Exception as e:  # noqa: BLE001 - reported to the window, never lost in the child
        status, data = b"error", f"{type(e).__name__}: {e}".encode()
    write_message(dst, status)
    write_message(dst, data)
    dst.flush()
