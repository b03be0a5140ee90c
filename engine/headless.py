"""Running a scene without a window: CSV of every trajectory, of a sweep or a basin map, and summary lines."""

from __future__ import annotations

import io
import sys
from typing import Callable, Sequence, TextIO

import numpy as np

from .errors import PlaygroundError
from .fileio import atomic_write_text
from .i18n import translate
from .landscape import Plane, pca_plane
from .limits import MAX_EVERY, MAX_STEPS, NET_SNAPSHOTS
from .netsession import NetSession, NetSnapshot
from .objectives import NETWORK_OBJECTIVES
from .scene import Scene, load_scene
from .session import Session, Snapshot
from .sweep import MapPlan, MapResult, classify

CSV_HEADER = "optimizer,step,x,y,loss"
SWEEP_HEADER = "optimizer,x,y,loss,steps_to_tol,diverged_at"
BASINS_HEADER = "optimizer,x0,y0,x,y,loss,diverged_at"
# Error messages quote file and column names, which may hold line breaks: escape them so an error stays one line.
_ONE_LINE = {ord(c): ascii(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def trajectories_csv(snap: Snapshot, every: int = 1) -> str:
    """``optimizer,step,x,y,loss`` rows, step 0 the start; a diverged run's rows stop at its last finite point.
    With ``every`` K only steps 0, K, 2K, … and each run's last step are written.

    Floats are written with ``repr`` (the shortest text that reads back to the same float64), so output is exact
    and byte-identical for identical runs.
    """
    out = io.StringIO()
    out.write(CSV_HEADER + "\n")
    for i, r in enumerate(snap.runs):
        label = _csv_field(r.label)
        xy, loss = snap.trajectory(i), snap.losses(i)
        steps = _every_steps(r.n_points - 1, every)
        xs, ys, ls = xy[0, steps].tolist(), xy[1, steps].tolist(), loss[steps].tolist()
        out.writelines(f"{label},{k},{x!r},{y!r},{v!r}\n" for k, x, y, v in zip(steps.tolist(), xs, ys, ls))
    return out.getvalue()


def _every_steps(last: int, every: int) -> np.ndarray:
    """0, every, 2·every, … up to ``last``, and ``last``."""
    steps = np.arange(0, last + 1, every)
    return steps if steps[-1] == last else np.append(steps, last)


def network_csv(snap: NetSnapshot, xy: list[np.ndarray]) -> str:
    """The ``optimizer,step,x,y,loss`` rows of a network race: for each run its record steps (0, every, 2·every, …
    and its last point), ``xy[i]`` (one row per such step) its coordinates in the view plane and ``loss`` the
    full-data loss there."""
    out = io.StringIO()
    out.write(CSV_HEADER + "\n")
    for i, r in enumerate(snap.runs):
        label = _csv_field(r.label)
        steps, loss = snap.losses(i)
        rows = zip(steps.tolist(), xy[i][:, 0].tolist(), xy[i][:, 1].tolist(), loss.tolist())
        out.writelines(f"{label},{k},{x!r},{y!r},{v!r}\n" for k, x, y, v in rows)
    return out.getvalue()


HEADLESS_THETA_BYTES = 512 << 20  # θ kept for exact rows in one pass; more than this, and the race is run twice


def run_network(scene: Scene, steps: int | None, every: int, rows: bool,
                objective=None) -> tuple[NetSession, NetSnapshot, Plane, list[np.ndarray] | None]:
    """A network scene's race, the PCA plane of its runs' paths through θ₀, and (``rows``) every run's plane
    coordinates at its record steps. θ at every record step is needed for exact rows: it is kept when it fits in
    HEADLESS_THETA_BYTES, else the race (deterministic) is run a second time, projecting as it goes."""
    n = scene.steps if steps is None else steps
    objective = objective or scene.build_objective()
    R = sum(r.enabled for r in scene.optimizers)
    one_pass = (n // every + 2) * R * objective.dim * 8 <= HEADLESS_THETA_BYTES
    session = scene.build_session(objective, every=every, snapshots=None if rows and one_pass else NET_SNAPSHOTS)
    snap = session.step(n)
    paths = [snap.path(i) for i in range(len(snap.runs))]
    plane = pca_plane(np.vstack([p[1] for p in paths]), objective.theta0) if n > 0 else None
    if not rows:
        return session, snap, plane, None
    if plane is None:  # no steps: every run is at θ₀, the origin of any plane
        return session, snap, plane, [np.zeros((1, 2)) for _ in snap.runs]
    if one_pass:
        return session, snap, plane, [plane.project(t) for _, t in paths]
    again = scene.build_session(objective, every=every, snapshots=2)
    at: dict[int, np.ndarray] = {0: plane.project(again.params)}
    while again.step_count < n:
        again.advance(min(every - again.step_count % every, n - again.step_count))
        at[again.step_count] = plane.project(again.params)
    last = again.snapshot()
    assert last.record_steps.tolist() == snap.record_steps.tolist()
    xy = []
    for i, r in enumerate(last.runs):
        steps_i = snap.losses(i)[0].tolist()
        xy.append(np.array([at[k][i] if k in at and k < r.n_points - 1 else plane.project(last.params[i])[0]
                            for k in steps_i]))
    again.close()
    return session, snap, plane, xy


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
        else translate("Headless", "starts")
    kind = translate("Headless", "sweep") if plan.kind == "sweep" else translate("Headless", "basins")
    where = classify(result, plan.objective) if plan.kind == "basins" else None
    for r, label in enumerate(result.labels):
        div = int(np.count_nonzero(result.diverged_at[r] >= 0))
        head = translate("Headless", "{kind} {label}: {cells} cells ({dims}) × {steps} steps; {diverged} diverged").format(
            kind=kind, label=label, cells=f"{n:,}", dims=dims, steps=f"{plan.steps:,}", diverged=f"{div:,}")
        if where is not None:
            w = where[r]
            counts = [int(np.count_nonzero(w == m)) for m in range(len(plan.objective.minima))]
            at = translate("Headless", "{count} at ({x}, {y})")
            ends = ", ".join(at.format(count=f"{c:,}", x=f"{x:.4g}", y=f"{y:.4g}")
                             for c, (x, y) in zip(counts, plan.objective.minima))
            rest = int(np.count_nonzero(w == -1))
            lines.append(f"{head}; {ends + '; ' if ends else ''}"
                         + translate("Headless", "{count} elsewhere").format(count=f"{rest:,}"))
            continue
        loss = np.where(result.diverged_at[r] >= 0, np.nan, result.loss[r]).ravel()
        if np.isfinite(loss).any():
            best = int(np.nanargmin(loss))
            vals = ", ".join(f"{k}={v:.6g}" for k, v in plan.cell_hyperparams(best).items())
            head += "; " + translate("Headless", "lowest loss {loss} at {values}").format(loss=f"{loss[best]:.6g}",
                                                                                             values=vals)
        lines.append(head)
    return lines


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def network_summary_lines(snap: NetSnapshot, plane: Plane | None, xy: list[np.ndarray] | None) -> list[str]:
    """One line per run (full-data loss and accuracy at its last point, with held-out rows also the held-out loss and
    accuracy there, where it is in the plane), and the plane."""
    lines = []
    width = max(len(r.label) for r in snap.runs)
    for i, r in enumerate(snap.runs):
        if xy is not None:
            x, y = xy[i][-1]
        elif plane is not None:
            x, y = plane.project(snap.params[i])[0]
        else:
            x, y = 0.0, 0.0
        where = dict(loss=f"{r.loss:.6g}", accuracy=f"{r.accuracy:.1%}", x=f"{x:.6g}", y=f"{y:.6g}",
                     steps=r.n_points - 1)
        if snap.has_holdout:
            where["accuracy"] = translate("Headless", "{accuracy}; held-out loss {loss}, held-out accuracy "
                                          "{held}").format(accuracy=where["accuracy"], loss=f"{r.test_loss:.6g}",
                                                           held=f"{r.test_accuracy:.1%}")
        if r.diverged_at is not None:
            lines.append(f"{r.label:<{width}}  " + translate(
                "Headless", "DIVERGED at step {step}; last finite loss {loss} (accuracy {accuracy}) at ({x}, {y}) "
                "after {steps} steps").format(step=r.diverged_at, **where))
        else:
            lines.append(f"{r.label:<{width}}  " + translate(
                "Headless", "loss {loss} (accuracy {accuracy}) at ({x}, {y}) after {steps} steps").format(**where))
    if plane is not None:
        e1, e2 = plane.explained
        lines.append(translate("Headless", "(x, y: the plane of the paths' top two principal directions through the "
                               "initial weights; PC1 {pc1}, PC2 {pc2} of their variance)")
                     .format(pc1=f"{e1:.1%}", pc2=f"{e2:.1%}"))
    return lines


def summary_lines(snap: Snapshot) -> list[str]:
    lines = []
    width = max(len(r.label) for r in snap.runs)
    for r in snap.runs:
        x, y = r.point
        where = dict(loss=f"{r.loss:.6g}", x=f"{x:.6g}", y=f"{y:.6g}", steps=r.n_points - 1)
        if r.diverged_at is not None:
            lines.append(f"{r.label:<{width}}  " + translate(
                "Headless", "DIVERGED at step {step}; last finite loss {loss} at ({x}, {y}) after {steps} steps")
                .format(step=r.diverged_at, **where))
        else:
            lines.append(f"{r.label:<{width}}  " + translate(
                "Headless", "loss {loss} at ({x}, {y}) after {steps} steps").format(**where))
    return lines


def run_scene(scene: Scene, steps: int | None = None) -> tuple[Session, Snapshot]:
    session = scene.build_session()
    return session, session.step(scene.steps if steps is None else steps)


def main(scene_path: str, steps: int | None = None, csv_path: str | None = None,
         png_path: str | None = None, png_writer: Callable | None = None, png_width: int = 1600,
         stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr, sweep_path: str | None = None,
         basins_path: str | None = None,
         figure_writers: Sequence[Callable[[Scene, Session, Snapshot], None]] = (), every: int | None = None) -> int:
    """The ``--headless`` command: 0 on success (divergence included), 2 with one line on stderr for bad input.

    ``sweep_path`` / ``basins_path`` write the scene's sweep / basin map (``sweep_csv``, ``basins_csv``); a map's
    ``steps`` default to ``steps`` or else the scene's. The race itself is run only when it is asked for
    (``csv_path``, ``png_path``, ``figure_writers``) or when no map is: a map's summary lines replace the race's.
    Everything is computed before anything is written, so bad input writes nothing. ``figure_writers`` (the GIF,
    SVG and PDF writers main.py builds from its flags; they draw with Qt, which the engine never imports) are called
    in order after the run, like ``png_writer``.

    ``every`` K: the CSV has steps 0, K, 2K, … and each run's last step; for a network scene (``mlp``) the full-data
    loss is computed only at those steps, and x, y are coordinates in the PCA plane of the runs' paths. A network
    scene's ``png_writer`` and ``figure_writers`` draw its plane, paths, loss view and Data view panel
    (gui/export.py); a writer marked ``kind = "gif"`` (an animation) is refused for a network."""
    snap = None
    net = None
    maps = []
    try:
        if steps is not None and not 0 <= steps <= MAX_STEPS:
            raise PlaygroundError(translate("Headless", "--steps: {value} is out of range [0, {limit}]")
                                  .format(value=steps, limit=MAX_STEPS))
        if every is not None and not 1 <= every <= MAX_EVERY:
            raise PlaygroundError(translate("Headless", "--every: {value} is out of range [1, {limit}]")
                                  .format(value=every, limit=MAX_EVERY))
        scene = load_scene(scene_path)
        for path, config, flag in ((sweep_path, scene.sweep, "sweep"), (basins_path, scene.basins, "basins")):
            if path and config is None:
                raise PlaygroundError(translate("Headless", "{scene}: the scene has no {key} section ({flag} needs one)")
                                      .format(scene=scene_path, key=f'"{flag}"', flag=f"--{flag}"))
        if scene.objective.get("name") in NETWORK_OBJECTIVES:
            if any(getattr(w, "kind", "") == "gif" for w in figure_writers):
                raise PlaygroundError(translate("Headless", "--gif: an animation of a network race is not available "
                                                "from the command line (write a picture with --png, --svg or --pdf, "
                                                "or its rows with --csv)"))
            try:
                net = run_network(scene, steps, every or 1, bool(csv_path))
                if png_path or figure_writers:  # the figure's own checks (a plane needs a step) before any file
                    session, snap = net[0], net[1]
                    if snap.step == 0:
                        raise PlaygroundError(translate("Headless", "a picture of a network race needs at least one "
                                                        "step (its plane is fitted to the runs' paths)"))
            except PlaygroundError as e:
                raise PlaygroundError(f"{scene_path}: {e}") from None
            if csv_path:
                atomic_write_text(csv_path, network_csv(net[1], net[3]))
        try:
            objective = scene.build_objective() if (sweep_path or basins_path) else None
            for path, config, to_csv in ((sweep_path, scene.sweep, sweep_csv), (basins_path, scene.basins, basins_csv)):
                if path:
                    plan = MapPlan(scene, config, objective, steps)
                    result = plan.compute(processes=True)  # no window here: worker processes, no GIL
                    maps.append((path, to_csv(result), plan, result))
            if (csv_path or png_path or figure_writers or not maps) and net is None:
                session, snap = run_scene(scene, steps)
        except PlaygroundError as e:
            raise PlaygroundError(f"{scene_path}: {e}") from None
        if csv_path and net is None:
            atomic_write_text(csv_path, trajectories_csv(snap, every or 1))
        for path, text, _, _ in maps:
            atomic_write_text(path, text)
        if png_path:
            png_writer(scene, session, snap, png_path, png_width)
        for write in figure_writers:
            write(scene, session, snap)
        if net is not None:
            net[0].close()
    except PlaygroundError as e:
        print(f"error: {str(e).translate(_ONE_LINE)}", file=stderr)
        return 2
    if net is not None:
        _, snap, plane, xy = net
        for line in network_summary_lines(snap, plane, xy):
            print(line, file=stdout)
        _warn_diverged(snap, stderr)
        return 0
    if snap is not None:
        for line in summary_lines(snap):
            print(line, file=stdout)
        _warn_diverged(snap, stderr)
    for _, _, plan, result in maps:
        for line in map_summary_lines(plan, result):
            print(line, file=stdout)
    return 0


def _warn_diverged(snap, stderr: TextIO) -> None:
    for r in snap.runs:
        if r.diverged_at is not None:
            print("warning: " + translate("Headless", "{label} diverged at step {step} (its trajectory stops at step "
                                          "{last}); the other runs went on")
                  .format(label=r.label, step=r.diverged_at, last=r.diverged_at - 1), file=stderr)
