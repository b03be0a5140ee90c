"""Figures for notes and slides: animated exports (GIF, WebP, MP4), one panel per run, SVG/PDF, export options.

The GIF checks compare decoded frames with the PNG export of the same step, rendered independently by a fresh figure;
the only difference allowed is the palette's. Measured on this machine: Pillow maps a pixel to a palette colour at
most a few levels further from it than the nearest one (its lookup works on cells of nearby colours), except about
0.007 % of pixels (anti-aliased edges) that land up to ~85 levels off. So: every pixel within PALETTE_SLACK
(Euclidean, RGB levels) of the nearest palette colour's distance, but for at most FAR_SHARE of them; the mean
difference under MEAN_LEVELS; and the runs' colours, white and black exactly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore, QtGui, QtWidgets

from engine import PlaygroundError, RunSpec, load_scene
from engine.schedules import schedule_from_dict
from gui import main_window as main_window_module
from gui.animation import AnimationSpec, Palette, ffmpeg_path, frame_steps
from gui.export import ExportOptions, headless_figure, hyperparam_text, render_png
from gui.export_dialogs import load_options
from gui.multiples import grid_shape
from gui.vector import render_pdf, render_svg
from gui_helpers import BOOK, make_settings

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
PALETTE_SLACK = 8.0  # see the module docstring
FAR_SHARE = 2e-4  # 0.02 % of the pixels: three times what was measured
MEAN_LEVELS = 2.0  # mean |GIF − PNG| per channel, in levels (measured: 0.5-1.3, the colour map's banding)


def rgb(path_or_image) -> np.ndarray:
    im = path_or_image if isinstance(path_or_image, Image.Image) else Image.open(path_or_image)
    return np.asarray(im.convert("RGB")).astype(np.int16)


def gif_frames(path: Path) -> tuple[list[np.ndarray], list[int], list[tuple[int, int, int]]]:
    """Every frame of a GIF as composited RGB, each frame's duration, and its global palette."""
    frames, durations = [], []
    with Image.open(path) as im:
        flat = im.getpalette()
        palette = [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
        for k in range(im.n_frames):
            im.seek(k)
            frames.append(rgb(im))
            durations.append(im.info["duration"])
    return frames, durations, palette


def distance(a: np.ndarray, b) -> np.ndarray:
    return np.sqrt(((np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)) ** 2).sum(axis=-1))


def nearest_distance(pixels: np.ndarray, palette: list[tuple[int, int, int]]) -> np.ndarray:
    """Euclidean RGB distance from every pixel to its nearest palette colour (brute force, from the definition)."""
    best = np.full(pixels.shape[:2], np.inf)
    for c in sorted(set(palette)):
        best = np.minimum(best, distance(pixels, c))
    return best


def assert_quantised_from(frame: np.ndarray, truth: np.ndarray, palette, exact) -> None:
    assert frame.shape == truth.shape
    excess = distance(frame, truth) - nearest_distance(truth, palette)
    assert (excess > PALETTE_SLACK).mean() <= FAR_SHARE, np.argwhere(excess > PALETTE_SLACK)[:10]
    assert np.abs(frame - truth).mean() < MEAN_LEVELS, np.abs(frame - truth).mean()
    for c in exact:  # every pixel of a run's colour (and white, black) is that colour, exactly
        mask = np.all(truth == c, axis=2)
        assert np.array_equal(frame[mask], truth[mask])


def svg_text(root) -> str:
    """All text of an SVG in document order, spaces (Qt splits runs of text at non-breaking spaces) collapsed."""
    return re.sub(r"\s+", " ", " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))


def hex_rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def wait_animation(qtbot, window, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: window._animation is None, timeout=timeout)


# ---- pure pieces ----------------------------------------------------------------------------------------------

def test_frame_steps_cover_the_range_in_order_and_end_on_the_last_step():
    assert frame_steps(0, 30, 1) == list(range(31))
    assert frame_steps(0, 30, 4) == [0, 4, 8, 12, 16, 20, 24, 28, 30]
    assert frame_steps(5, 5, 3) == [5]
    assert frame_steps(10, 20, 5) == [10, 15, 20]
    assert AnimationSpec(last=3, fps=10, hold_s=2).durations_ms(4) == [100, 100, 100, 2000]


@pytest.mark.parametrize("bad, message", [
    (dict(fps=0), "fps 0 is out of range"), (dict(fps=51), "fps 51 is out of range"),
    (dict(width=100), "animation width 100"), (dict(first=5, last=3), "5 to 3"), (dict(last=31), "0 to 31"),
    (dict(steps_per_frame=0), "steps per frame 0"), (dict(fmt="avi"), "unknown animation format 'avi'"),
])
def test_bad_animation_settings_are_refused_with_the_setting_named(bad, message):
    with pytest.raises(PlaygroundError, match=re.escape(message)):
        AnimationSpec(**{"last": 30, **bad}).check(30)


def test_mp4_without_ffmpeg_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PlaygroundError, match="needs an ffmpeg executable on PATH"):
        AnimationSpec(last=3, fmt="mp4").check(3)


def test_the_palette_holds_every_exact_colour_and_maps_those_pixels_exactly():
    rng = np.random.default_rng(0)
    exact = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (255, 255, 255), (0, 0, 0)]
    # noise frames with stripes of the exact colours and of colours one level away from them
    frames = []
    for k in range(3):
        a = rng.integers(0, 256, (60, 80, 3), dtype=np.uint8)
        for j, c in enumerate(exact):
            a[j * 5:j * 5 + 2] = c
            a[j * 5 + 2] = np.clip(np.array(c) + 1, 0, 255)
        frames.append(Image.fromarray(a, "RGB"))
    pal = Palette.from_samples(frames, exact)
    colours = pal.image.getpalette()
    colours = [tuple(colours[i:i + 3]) for i in range(0, 768, 3)]
    assert all(c in colours for c in exact)
    for f in frames:
        out = rgb(pal.apply(f))
        truth = rgb(f)
        for c in exact:
            mask = np.all(truth == c, axis=2)
            assert mask.sum() >= 160 and np.array_equal(out[mask], truth[mask])


def test_legend_hyperparameters_come_from_the_declarations():
    scene = load_scene(BOOK)
    texts = [hyperparam_text(r.resolved()) for r in scene.optimizers]
    assert texts == ["SGD η=0.95", "Momentum η=0.1, α=0.9", "AdaGrad η=1.5", "Adam η=0.3, β₁=0.9, β₂=0.999"]
    run = RunSpec("adamw", "W", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.05},
                  schedule=schedule_from_dict({"type": "cosine", "t_max": 30}, "schedule")).resolved()
    assert hyperparam_text(run) == "W η=0.01, β₁=0.9, β₂=0.999, λ=0.05, amsgrad, cosine schedule"
    book = RunSpec("momentum", "M", {"lr": 0.1}, convention="book").resolved()
    assert hyperparam_text(book) == "M (book) η=0.1, α=0.9"


def test_grid_shape_is_as_square_as_possible():
    assert [grid_shape(n) for n in (1, 2, 3, 4, 5, 8, 9)] == [(1, 1), (1, 2), (2, 2), (2, 2), (2, 3), (3, 3),
                                                              (3, 3)]


# ---- animated export from the window --------------------------------------------------------------------------

def test_gif_frames_come_in_order_one_per_frame_step(window, qtbot, tmp_path):
    window.c.step(30)
    spec = AnimationSpec(first=4, last=10, steps_per_frame=3, fps=20, width=600)
    out = tmp_path / "race.gif"
    assert window.export_animation(str(out), spec, "contour") is not None
    wait_animation(qtbot, window)
    frames, durations, palette = gif_frames(out)
    steps = spec.steps
    assert steps == [4, 7, 10] and len(frames) == len(steps)
    assert durations == [50, 50, 2000]  # the last frame held 2 s
    # each frame against the PNG export of every step: it is nearest to its own (the contour view's range is the
    # surface's bounds, so a step's PNG and its frame are the same drawing)
    truths = []
    for k in steps:
        window.scrub_to(k)
        png = tmp_path / f"step{k}.png"
        assert window.export_png(str(png), 600, "contour")
        truths.append(rgb(png))
    exact = [hex_rgb(r.color) for r in window.c.snapshot.runs] + [(255, 255, 255), (0, 0, 0)]
    for i, frame in enumerate(frames):
        diffs = [np.abs(frame - t).mean() for t in truths]
        assert int(np.argmin(diffs)) == i, diffs
        assert_quantised_from(frame, truths[i], palette, exact)
    assert window.c.snapshot.step == 30  # the race itself did not move


def test_the_last_gif_frame_is_the_png_export_of_the_final_step(window, qtbot, tmp_path):
    window.c.step(30)
    out = tmp_path / "race.gif"
    window.export_animation(str(out), AnimationSpec(last=30, width=800, fps=10), "both")
    wait_animation(qtbot, window)
    frames, durations, palette = gif_frames(out)
    assert len(frames) == 31 and durations[-1] == 2000
    png = tmp_path / "final.png"
    assert window.export_png(str(png), 800, "both")
    exact = [hex_rgb(r.color) for r in window.c.snapshot.runs] + [(255, 255, 255), (0, 0, 0)]
    for c in exact:  # one global palette carries every run's colour
        assert c in palette
    truth = rgb(png)
    assert_quantised_from(frames[-1], truth, palette, exact)
    for c in exact[:4]:  # and the runs are really drawn in it (thousands of pixels each)
        assert np.all(frames[-1] == c, axis=2).sum() > 200
    assert len({f.tobytes() for f in frames}) == 31  # every step moves something


def test_animation_export_can_be_cancelled_and_writes_nothing(window, qtbot, tmp_path):
    window.c.step(200)
    out = tmp_path / "cancelled.gif"
    job = window.export_animation(str(out), AnimationSpec(last=200, width=600), "both")
    qtbot.waitUntil(lambda: job.rendered >= 3, timeout=20_000)
    _job, _path, progress, _timer = window._animation
    progress.cancel()
    wait_animation(qtbot, window)
    job.encoder.wait(10)
    assert not out.exists() and job.encoder.data is None
    assert [p.name for p in tmp_path.iterdir() if p.name != "settings"] == []
    assert window.c.snapshot.step == 200


def test_animation_errors_are_shown_and_keep_the_window_working(window, qtbot, tmp_path):
    window.c.step(10)
    assert window.export_animation(str(tmp_path / "x.gif"), AnimationSpec(last=11)) is None
    assert "0 to 10" in window._error_box.text()
    window.export_animation(str(tmp_path / "missing" / "x.gif"), AnimationSpec(last=10, width=400))
    wait_animation(qtbot, window)
    assert "does not exist" in window._error_box.text()
    window.c.step(1)
    assert window.c.snapshot.step == 11


def test_webp_export_has_every_frame(window, qtbot, tmp_path):
    window.c.step(12)
    out = tmp_path / "race.webp"
    window.export_animation(str(out), AnimationSpec(last=12, steps_per_frame=4, width=400, fmt="webp"))
    wait_animation(qtbot, window)
    with Image.open(out) as im:
        assert im.format == "WEBP" and im.n_frames == 4 and im.is_animated


@pytest.mark.skipif(ffmpeg_path() is None, reason="no ffmpeg executable on PATH: MP4 export is optional and "
                                                  "only offered where one is installed")
def test_mp4_export_through_ffmpeg(window, qtbot, tmp_path):
    window.c.step(12)
    out = tmp_path / "race.mp4"
    window.export_animation(str(out), AnimationSpec(last=12, width=401, fmt="mp4"))
    wait_animation(qtbot, window)
    data = out.read_bytes()
    assert data[4:8] == b"ftyp" and len(data) > 1000


def test_the_dialogs_start_an_animation(window, qtbot, tmp_path, monkeypatch):
    window.c.step(8)
    out = tmp_path / "dialog.gif"

    def accept(dialog):
        assert dialog.last.value() == 8 and dialog.last.maximum() == 8
        dialog.per_frame.setValue(2)
        dialog.width.setValue(500)
        dialog.view.setCurrentIndex(dialog.view.findData("loss"))
        assert dialog.frames.text().startswith("5 frames")
        return QtWidgets.QDialog.Accepted

    monkeypatch.setattr(main_window_module.AnimationDialog, "exec", accept)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    window.act_export_anim.trigger()
    wait_animation(qtbot, window)
    frames, _d, _p = gif_frames(out)
    assert len(frames) == 5 and frames[0].shape[1] == 500


# ---- the command line -------------------------------------------------------------------------------------------

def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", "--headless", "--scene", str(BOOK), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def test_the_books_comparison_as_a_gif_from_the_command_line(tmp_path):
    out = tmp_path / "book.gif"
    proc = run_main("--gif", str(out), "--width", "800")
    assert proc.returncode == 0, proc.stderr
    frames, durations, _palette = gif_frames(out)
    assert frames[0].shape[1] == 800
    assert len({f.tobytes() for f in frames}) >= 10
    assert len(frames) == 31 and durations[0] == 100  # the scene's pace (1 step a frame), 10 fps by default
    assert out.stat().st_size <= 3 * 1024 * 1024


@pytest.mark.parametrize("args, message", [
    (["--fps", "0", "--gif", "OUT.gif"], "argument --fps: 0 is out of range"),
    (["--fps", "abc", "--gif", "OUT.gif"], "argument --fps: 'abc' is not a number"),
    (["--fps", "5"], "--fps applies to --gif only"),
    (["--gif", "{tmp}/no such folder/x.gif"], "the folder"),
    (["--layout", "bogus", "--png", "OUT.png"], "argument --layout: invalid choice: 'bogus'"),
    (["--svg", "OUT.svg", "--width", "100"], "SVG width 100 is out of range"),
])
def test_bad_figure_flags_give_one_error_line_and_status_2(tmp_path, args, message):
    args = [a.replace("OUT", str(tmp_path / "out")).replace("{tmp}", str(tmp_path)) for a in args]
    proc = run_main(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_svg_pdf_and_a_grid_png_from_the_command_line(tmp_path):
    svg, pdf, png = tmp_path / "f.svg", tmp_path / "f.pdf", tmp_path / "grid.png"
    proc = run_main("--svg", str(svg), "--pdf", str(pdf), "--png", str(png), "--layout", "grid", "--width", "1000")
    assert proc.returncode == 0, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    root = ET.parse(svg).getroot()
    assert root.get("viewBox").startswith("0 0 1000 ")
    with Image.open(png) as im:
        assert im.size[0] == 1000


# ---- vector output ------------------------------------------------------------------------------------------------

@pytest.fixture
def book_figure():
    scene = load_scene(BOOK)
    session = scene.build_session()
    snap = session.step(30)
    figs = []

    def make(**kw):
        fig = headless_figure(scene, session, snap, **kw)
        figs.append(fig)
        return fig

    yield make, snap
    for f in figs:
        f.win.deleteLater()


def test_svg_has_real_paths_and_text(book_figure):
    make, snap = book_figure
    fig = make(view="both")
    root = ET.fromstring(render_svg(fig.win, 1200))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    joined = svg_text(root)
    for r in snap.runs:
        assert r.label in joined  # the legend is text, not pixels
    assert "Adam η=0.3, β₁=0.9, β₂=0.999" in joined
    assert any("The book's comparison" in t for t in texts) and "step 30" in joined
    assert {"loss", "step", "x", "y", "0.422"} <= {t.strip() for t in texts}  # axis labels, a level label
    # each run's trajectory (contour) and loss curve are stroked polylines in its colour, in document units
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    for r in snap.runs:
        groups = [g for g in root.iter(f"{SVG}g") if g.get("stroke") == r.color]
        points = [p.get("points") for g in groups for p in g.iter(f"{SVG}polyline")]
        xy = np.array([tuple(map(float, pair.split(","))) for pts in points for pair in pts.split()])
        assert len(xy) >= 2 * 30
        assert xy[:, 0].min() >= 0 and xy[:, 0].max() <= w and xy[:, 1].min() >= 0 and xy[:, 1].max() <= h
    # markers are shapes, not pictures: the one image is the colour map; every point of a trajectory is a circle in
    # its run's colour (steps 0..30), every head a path
    assert len(list(root.iter(f"{SVG}image"))) == 1
    for r in snap.runs:
        dots = [c for g in root.iter(f"{SVG}g") if g.get("fill") == r.color for c in g.iter(f"{SVG}circle")]
        assert len(dots) == 31 and all(float(c.get("r")) > 1 for c in dots)
    assert len(list(root.iter(f"{SVG}path"))) >= 4 + 4 + 1  # the heads on the map and on the loss view, the start
    drawn = [e for g in root if g.tag != f"{SVG}defs" for e in g.iter()]  # clip paths are never stroked
    assert drawn and not any(e.get("vector-effect") == "non-scaling-stroke" for e in drawn)


def test_svg_of_the_grid_has_one_colour_map_and_title_per_run(book_figure):
    make, snap = book_figure
    fig = make(view="contour", layout="grid")
    root = ET.fromstring(render_svg(fig.win, 900))
    assert len(list(root.iter(f"{SVG}image"))) == len(snap.runs)
    joined = svg_text(root)
    for r in snap.runs:  # each panel's title
        assert joined.count(r.label) == 1
    assert "Adam η=0.3, β₁=0.9, β₂=0.999" in joined


def test_pdf_is_one_page_with_fonts(book_figure):
    make, _snap = book_figure
    data = render_pdf(make().win, 1200)
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    assert b"/FontFile" in data or b"/Font" in data  # text is text: fonts are embedded
    assert data.rstrip().endswith(b"%%EOF")


# ---- export options -----------------------------------------------------------------------------------------------

def test_transparent_and_scaled_png(book_figure):
    make, _snap = book_figure
    opts = ExportOptions(background="transparent", scale=2)
    fig = make(options=opts)
    data = render_png(fig.win, 500, opts)
    q = QtGui.QImage.fromData(QtCore.QByteArray(data))
    assert q.width() == 1000 and q.hasAlphaChannel()
    assert q.pixelColor(2, 2).alpha() == 0  # the margin is see-through
    white = QtGui.QImage.fromData(QtCore.QByteArray(render_png(fig.win, 500)))
    assert white.width() == 500 and white.pixelColor(2, 2).name() == "#ffffff"
    with pytest.raises(PlaygroundError, match="at 3× is 9000 px"):
        render_png(fig.win, 3000, ExportOptions(scale=3))


def test_title_and_caption_options(book_figure):
    make, snap = book_figure
    fig = make(options=ExportOptions(title=False, caption=True))
    assert fig.title is None
    caption = fig.caption.text
    assert "Elongated bowl" in caption and "from (-7, 2)" in caption and f"step {snap.step}" in caption


def test_export_options_are_remembered(make_window, settings_path, tmp_path):
    w = make_window()
    opts = ExportOptions(background="transparent", scale=2, title=False, hyperparams=False, caption=True)
    assert w.export_png(str(tmp_path / "a.png"), 400, "contour", opts)
    w.close()
    again = make_window(settings=make_settings(settings_path))
    assert again.export_options == opts == load_options(make_settings(settings_path))


# ---- one panel per run --------------------------------------------------------------------------------------------

def test_grid_layout_in_the_window_has_one_panel_per_enabled_run(window, qtbot):
    window.c.step(10)
    window.findChild(QtGui.QAction, "actLayout_grid").trigger()
    assert window.layout_mode == "grid"
    assert window.panels_widget.isVisible() and not window.contour_widget.isVisible()
    panels = window.run_panels.panels
    snap = window.c.snapshot
    assert len(panels) == len(snap.runs) == 4
    for k, p in enumerate(panels):
        x, y = p.lines[0].getData()
        assert np.array_equal(x, snap.trajectory(k)[0]) and np.array_equal(y, snap.trajectory(k)[1])
        assert snap.runs[k].label in p.plot.titleLabel.text
    # linked axes: zooming one panel zooms them all
    panels[0].plot.vb.setRange(xRange=(-2, 2), yRange=(-1, 1), padding=0)
    # (equal scales on both axes: panels a pixel narrower than others show a view a little narrower)
    def linked():
        x0 = panels[0].plot.vb.viewRange()[0]
        return x0[1] - x0[0] < 8 and all(np.allclose(p.plot.vb.viewRange()[0], x0, rtol=0.05) for p in panels)

    qtbot.waitUntil(linked, timeout=2000)
    window.c.set_enabled(1, False)
    assert len(window.run_panels.panels) == 3
    assert [p.plot.titleLabel.text.split("&nbsp;")[1] for p in window.run_panels.panels] == \
        [r.label for r in window.c.snapshot.runs]
    fig = window.make_export_figure("both")
    assert len(fig.panels.panels) == 3 and fig.loss is not None
    fig.win.deleteLater()
    window.findChild(QtGui.QAction, "actLayout_single").trigger()
    assert window.contour_widget.isVisible() and not window.panels_widget.isVisible()


def test_the_colour_map_covers_every_run_panel_after_zooming_out(window, qtbot):
    window.c.step(10)
    window.set_layout("grid")
    panels = window.run_panels.panels
    base = window.contour_data
    x0, x1, y0, y1 = window.c.objective.bounds
    # far past the first grid (which reaches about an equal-aspect view of the bounds): each panel, wider or taller
    # than the others, shows its own part of the plane
    panels[0].plot.vb.setRange(xRange=(x0 - 4 * (x1 - x0), x1 + 4 * (x1 - x0)), yRange=(y0, y1), padding=0)
    assert not base.covers(panels[0].visible_rect())

    def covered():
        return all(p.data is not None and p.data.covers(p.visible_rect()) for p in panels)

    qtbot.waitUntil(covered, timeout=5000)
    assert len({id(p.data) for p in panels}) == 1  # one grid for all, coloured as the objective's own
    assert panels[0].data is not base and panels[0].data.scale is base.scale
    # back inside the bounds: the first grid again, nothing computed
    window.run_panels.panels[0].reset_view()
    qtbot.waitUntil(lambda: all(p.data is base for p in panels), timeout=5000)
    assert covered()


def test_the_layout_is_remembered(make_window, settings_path):
    w = make_window()
    w.set_layout("grid")
    w.close()
    again = make_window(settings=make_settings(settings_path))
    assert again.layout_mode == "grid" and len(again.run_panels.panels) == 4


def test_headless_grid_figure_has_one_panel_per_run(book_figure):
    make, snap = book_figure
    fig = make(view="contour", layout="grid")
    assert len(fig.panels.panels) == len(snap.runs) and fig.legend is None and fig.contour is None
