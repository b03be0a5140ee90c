"""Running a scene without a window: CSV of every trajectory, of a sweep or a basin map, and summary lines."""

from __future__ import annotations

import io
import sys
from typing import Callable, Sequence, TextIO

import numpy as np

from .errors import PlaygroundError
from .fileio import atomic_write_text
from .limits import MAX_STEPS
from .scene import Scene, load_scene
from .session import Session, Snapshot
from .sweep import MapPlan, MapResult, classify

CSV_HEADER = "optimizer,step,x,y,loss"
SWEEP_HEADER = "optimizer,x,y,loss,steps_to_tol,diverged_at"
BASINS_HEADER = "optimizer,x0,y0,x,y,loss,diverged_at"
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


def sweep_csv(result: MapResult) -> str:
    """``optimizer,x,y,loss,steps_to_tol,diverged_at``: one row per run and cell, cells row-major (y outer, x inner);
    ``x``, ``y`` the swept values (``y`` empty for 1-D), ``loss`` the full-data loss after the last step; empty
    fields for "none". Floats with ``repr``, as ``trajectories_csv``: exact and byte-identical for identical runs."""
    out = io.StringIO()
    out.write(SWEEP_HEADER + "\n")
    xs = [repr(v) for v in result.xs.tolist()]
    ys = [repr(v) for v in result.ys.tolist()] if result.ys is not None else [""]
    for r, label in enumerate(result.labels):
        label = _csv_field(label)
        loss, stt, div = (a[r].reshape(len(ys), len(xs)).tolist()
                          for a in (result.loss, result.steps_to_tol, result.diverged_at))
        for j, y in enumerate(ys):
            out.writelines(f"{label},{x},{y},{_float(loss[j][i])},{_count(stt[j][i])},{_count(div[j][i])}\n"
                           for i, x in enumerate(xs))
    return out.getvalue()


def basins_csv(result: MapResult) -> str:
    """``optimizer,x0,y0,x,y,loss,diverged_at``: one row per run and start, row-major (y0 outer, x0 inner); x, y the
    final point (the last finite one of a diverged run; empty for a start outside the objective's domain)."""
    out = io.StringIO()
    out.write(BASINS_HEADER + "\n")
    xs = [repr(v) for v in result.xs.tolist()]
    ys = [repr(v) for v in result.ys.tolist()]
    for r, label in enumerate(result.labels):
        label = _csv_field(label)
        fx, fy = (a.tolist() for a in (result.final[r, ..., 0], result.final[r, ..., 1]))
        loss, div = (a[r].tolist() for a in (result.loss, result.diverged_at))
        for j, y0 in enumerate(ys):
            out.writelines(f"{label},{x0},{y0},{_float(fx[j][i])},{_float(fy[j][i])},{_float(loss[j][i])},"
                           f"{_count(div[j][i])}\n" for i, x0 in enumerate(xs))
    return out.getvalue()


def _float(v: float) -> str:
    return repr(v) if v - v == 0.0 else ""  # finite: exact text; NaN (none) as an empty field


def _count(v: int) -> str:
    return str(v) if v >= 0 else ""


def map_summary_lines(plan: MapPlan, result: MapResult) -> list[str]:
    """One line per run of a sweep or basin map: its size, and its best cell or where its runs ended."""
    lines = []
    n = plan.n_cells
    dims = " × ".join(a.param for a in (plan.config.x, plan.config.y) if a is not None) if plan.kind == "sweep" \
        else "starts"
    where = classify(result, plan.objective) if plan.kind == "basins" else None
    for r, label in enumerate(result.labels):
        div = int(np.count_nonzero(result.diverged_at[r] >= 0))
        head = f"{plan.kind} {label}: {n:,} cells ({dims}) × {plan.steps:,} steps; {div:,} diverged"
        if where is not None:
            w = where[r]
            counts = [int(np.count_nonzero(w == m)) for m in range(len(plan.objective.minima))]
            ends = ", ".join(f"{c:,} at ({x:.4g}, {y:.4g})" for c, (x, y) in zip(counts, plan.objective.minima))
            rest = int(np.count_nonzero(w == -1))
            lines.append(f"{head}; {ends + '; ' if ends else ''}{rest:,} elsewhere")
            continue
        loss = np.where(result.diverged_at[r] >= 0, np.nan, result.loss[r]).ravel()
        if np.isfinite(loss).any():
            best = int(np.nanargmin(loss))
            vals = ", ".join(f"{k}={v:.6g}" for k, v in plan.cell_hyperparams(best).items())
            head += f"; lowest loss {loss[best]:.6g} at {vals}"
        lines.append(head)
    return lines


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
         stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr, sweep_path: str | None = None,
         basins_path: str | None = None,
         figure_writers: Sequence[Callable[[Scene, Session, Snapshot], None]] = ()) -> int:
    """The ``--headless`` command: 0 on success (divergence included), 2 with one line on stderr for bad input.

    ``sweep_path`` / ``basins_path`` write the scene's sweep / basin map (``sweep_csv``, ``basins_csv``); a map's
    ``steps`` default to ``steps`` or else the scene's. The race itself is run only when it is asked for
    (``csv_path``, ``png_path``, ``figure_writers``) or when no map is: a map's summary lines replace the race's.
    Everything is computed before anything is written, so bad input writes nothing. ``figure_writers`` (the GIF,
    SVG and PDF writers main.py builds from its flags; they draw with Qt, which the engine never imports) are called
    in order after the run, like ``png_writer``."""
    snap = None
    maps = []
    try:
        if steps is not None and not 0 <= steps <= MAX_STEPS:
            raise PlaygroundError(f"--steps: {steps} is out of range [0, {MAX_STEPS}]")
        scene = load_scene(scene_path)
        for path, config, flag in ((sweep_path, scene.sweep, "sweep"), (basins_path, scene.basins, "basins")):
            if path and config is None:
                raise PlaygroundError(f"{scene_path}: the scene has no \"{flag}\" section (--{flag} needs one)")
        try:
            objective = scene.build_objective() if (sweep_path or basins_path) else None
            for path, config, to_csv in ((sweep_path, scene.sweep, sweep_csv), (basins_path, scene.basins, basins_csv)):
                if path:
                    plan = MapPlan(scene, config, objective, steps)
                    result = plan.compute(processes=True)  # no window here: worker processes, no GIL
                    maps.append((path, to_csv(result), plan, result))
            if csv_path or png_path or figure_writers or not maps:
                session, snap = run_scene(scene, steps)
        except PlaygroundError as e:
            raise PlaygroundError(f"{scene_path}: {e}") from None
        if csv_path:
            atomic_write_text(csv_path, trajectories_csv(snap))
        for path, text, _, _ in maps:
            atomic_write_text(path, text)
        if png_path:
            png_writer(scene, session, snap, png_path, png_width)
        for write in figure_writers:
            write(scene, session, snap)
    except PlaygroundError as e:
        print(f"error: {str(e).translate(_ONE_LINE)}", file=stderr)
        return 2
    if snap is not None:
        for line in summary_lines(snap):
            print(line, file=stdout)
        for r in snap.runs:
            if r.diverged_at is not None:
                print(f"warning: {r.label} diverged at step {r.diverged_at} (its trajectory stops at step "
                      f"{r.diverged_at - 1}); the other runs went on", file=stderr)
    for _, _, plan, result in maps:
        for line in map_summary_lines(plan, result):
            print(line, file=stdout)
    return 0
