"""Running a scene without a window: CSV of every trajectory and a summary line per run."""

from __future__ import annotations

import io
import sys
from typing import Callable, Sequence, TextIO

from .errors import PlaygroundError
from .fileio import atomic_write_text
from .limits import MAX_STEPS
from .scene import Scene, load_scene
from .session import Session, Snapshot

CSV_HEADER = "optimizer,step,x,y,loss"
# Error messages quote file and column names, which may hold line breaks: escape them so an error stays one line.
_ONE_LINE = {ord(c): ascii(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def trajectories_csv(snap: Snapshot) -> str:
    """``optimizer,step,x,y,loss`` rows, step 0 the start; a diverged run's rows stop at its last finite point.

    Floats are written with ``repr`` (the shortest text that reads back to the same float64), so output is exact
    and byte-identical for identical runs.
    """
    out = io.StringIO()
    out.write(CSV_HEADER + "\n")
    for i, r in enumerate(snap.runs):
        label = _csv_field(r.label)
        xy, loss = snap.trajectory(i), snap.losses(i)
        xs, ys, ls = xy[0].tolist(), xy[1].tolist(), loss.tolist()
        out.writelines(f"{label},{k},{x!r},{y!r},{v!r}\n" for k, (x, y, v) in enumerate(zip(xs, ys, ls)))
    return out.getvalue()


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def summary_lines(snap: Snapshot) -> list[str]:
    lines = []
    width = max(len(r.label) for r in snap.runs)
    for r in snap.runs:
        x, y = r.point
        if r.diverged_at is not None:
            lines.append(f"{r.label:<{width}}  DIVERGED at step {r.diverged_at}; last finite loss {r.loss:.6g} "
                         f"at ({x:.6g}, {y:.6g}) after {r.n_points - 1} steps")
        else:
            lines.append(f"{r.label:<{width}}  loss {r.loss:.6g} at ({x:.6g}, {y:.6g}) after {r.n_points - 1} steps")
    return lines


def run_scene(scene: Scene, steps: int | None = None) -> tuple[Session, Snapshot]:
    session = scene.build_session()
    return session, session.step(scene.steps if steps is None else steps)


def main(scene_path: str, steps: int | None = None, csv_path: str | None = None,
         png_path: str | None = None, png_writer: Callable | None = None, png_width: int = 1600,
         stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr,
         figure_writers: Sequence[Callable[[Scene, Session, Snapshot], None]] = ()) -> int:
    """The ``--headless`` command: 0 on success (divergence included), 2 with one line on stderr for bad input.

    ``figure_writers`` (the GIF, SVG and PDF writers main.py builds from its flags; they draw with Qt, which the
    engine never imports) are called in order after the run, like ``png_writer``."""
    try:
        if steps is not None and not 0 <= steps <= MAX_STEPS:
            raise PlaygroundError(f"--steps: {steps} is out of range [0, {MAX_STEPS}]")
        scene = load_scene(scene_path)
        try:
            session, snap = run_scene(scene, steps)
        except PlaygroundError as e:
            raise PlaygroundError(f"{scene_path}: {e}") from None
        csv_text = trajectories_csv(snap) if csv_path else None
        if csv_path:
            atomic_write_text(csv_path, csv_text)
        if png_path:
            png_writer(scene, session, snap, png_path, png_width)
        for write in figure_writers:
            write(scene, session, snap)
    except PlaygroundError as e:
        print(f"error: {str(e).translate(_ONE_LINE)}", file=stderr)
        return 2
    for line in summary_lines(snap):
        print(line, file=stdout)
    for r in snap.runs:
        if r.diverged_at is not None:
            print(f"warning: {r.label} diverged at step {r.diverged_at} (its trajectory stops at step "
                  f"{r.diverged_at - 1}); the other runs went on", file=stderr)
    return 0
