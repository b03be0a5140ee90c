"""``main.py --headless --png/--svg/--pdf`` for a network scene: the figure the window exports after Fit plane (the
PCA plane with the projected paths, the loss view, the Data view's panel), drawn from the engine's race; an
animation, or a race with no step, still exits 2 with one ``error:`` line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine import loads_scene
from engine.landscape import pca_plane
from gui.export import dispose, headless_figure
from gui.netdata import DecisionMap

ROOT = Path(__file__).resolve().parents[2]
SCENE = {"version": 1, "title": "Two spirals", "steps": 60,
         "objective": {"name": "mlp", "data": "spirals", "samples": 200, "hidden": [12, 12], "activation": "tanh",
                       "holdout": 0.2},
         "batch": {"strategy": "minibatch", "batch_size": 32},
         "optimizers": [{"type": "adam", "label": "Adam", "lr": 0.01}, {"type": "sgd", "label": "SGD", "lr": 0.1}]}


def run_main(scene_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "main.py", "--headless", "--scene", str(scene_path), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def test_the_network_figure_draws_the_engines_paths_losses_and_model(qtbot):
    scene = loads_scene(json.dumps(SCENE))
    session = scene.build_session()
    snap = session.step(60)
    fig = headless_figure(scene, session, snap)
    try:
        plane = pca_plane(np.vstack([snap.path(i)[1] for i in range(2)]), session.objective.theta0)
        assert np.allclose(fig.plane.d1, plane.d1, atol=1e-12) and np.allclose(fig.plane.d2, plane.d2, atol=1e-12)
        for i in range(2):
            steps, thetas = snap.path(i)
            x, y = (np.asarray(v, dtype=float) for v in fig.contour.lines[i].getData())
            np.testing.assert_allclose(np.column_stack([x, y]), plane.project(thetas), rtol=0, atol=1e-10)
            lx, ly = (np.asarray(v, dtype=float) for v in fig.loss.full[i].getData())
            ls, lv = snap.losses(i)
            np.testing.assert_array_equal(lx, ls)
            np.testing.assert_array_equal(ly, np.log10(lv))
        e1, _e2 = plane.explained
        assert fig.contour.plot.getAxis("bottom").labelText.startswith(f"PC1: {100 * e1:.0f} %")
        m = fig.net_view
        assert isinstance(m, DecisionMap) and np.array_equal(m.theta_shown, snap.params[0])
        assert "Adam" in m.caption.toPlainText() and "held-out" in m.caption.toPlainText()
    finally:
        dispose(fig)


def test_png_and_svg_of_a_network_scene_from_the_command_line(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(SCENE))
    png, svg = tmp_path / "net.png", tmp_path / "net.svg"
    proc = run_main(path, "--png", str(png), "--svg", str(svg), "--width", "1200")
    assert proc.returncode == 0, proc.stderr
    with Image.open(png) as im:
        assert im.size[0] == 1200 and 300 < im.size[1] < 600
    assert svg.read_text().lstrip().startswith("<?xml") and "Two spirals" in svg.read_text()
    assert "held-out accuracy" in proc.stdout


@pytest.mark.parametrize("args,fragment", [(("--gif", "OUT.gif"), "--gif: an animation of a network race"),
                                           (("--png", "OUT.png", "--steps", "0"), "needs at least one step")])
def test_bad_network_figure_requests_exit_2_with_one_error_line(tmp_path, args, fragment):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(SCENE))
    args = tuple(str(tmp_path / a) if a.startswith("OUT") else a for a in args)
    proc = run_main(path, *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ") and fragment in proc.stderr
    assert not list(tmp_path.glob("OUT*"))
