"""``main.py --headless`` for network scenes and ``--every`` for every scene: the rows, their x, y in the PCA plane
and their full-data loss against an independent run, and bad input (one ``error:`` line, exit status 2)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from engine import DEFAULT_SCENE, load_scene
from engine import headless
from engine.headless import main as headless_main
from engine.landscape import pca_plane
from engine.netsession import NetSession

ROOT = Path(__file__).resolve().parents[2]


def run(*args, **kw):
    out, err = io.StringIO(), io.StringIO()
    code = headless_main(*args, stdout=out, stderr=err, **kw)
    return code, out.getvalue(), err.getvalue()


def rows_of(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["optimizer", "step", "x", "y", "loss"]
    return rows[1:]


def net_scene(tmp_path, name="net.json", **extra):
    data = {"version": 1, "objective": {"name": "mlp", "hidden": [8, 6], "activation": "tanh", "init_seed": 4},
            "batch": {"strategy": "minibatch", "batch_size": 64, "shuffle": True}, "seed": 2, "steps": 23,
            "optimizers": [{"type": "sgd", "lr": 0.05, "label": "SGD"},
                           {"type": "adam", "lr": 0.01, "label": "Adam"},
                           {"type": "momentum", "lr": 0.02, "label": "full", "batch": {"strategy": "full"}}],
            **extra}
    p = tmp_path / name
    p.write_text(json.dumps(data))
    return p


def test_every_writes_steps_0_k_2k_and_the_last_for_2d_scenes(tmp_path):
    full, sparse = tmp_path / "full.csv", tmp_path / "sparse.csv"
    assert run(str(DEFAULT_SCENE), 30, str(full))[0] == 0
    assert run(str(DEFAULT_SCENE), 30, str(sparse), every=7)[0] == 0
    all_rows, rows = rows_of(full), rows_of(sparse)
    labels = list(dict.fromkeys(r[0] for r in all_rows))
    for label in labels:
        steps = [int(r[1]) for r in rows if r[0] == label]
        assert steps == [0, 7, 14, 21, 28, 30]
        want = {int(r[1]): r for r in all_rows if r[0] == label}
        assert [r for r in rows if r[0] == label] == [want[s] for s in steps]  # the very same text


def test_every_with_a_diverging_2d_run_ends_at_its_last_finite_point(tmp_path):
    scene = tmp_path / "div.json"
    scene.write_text(json.dumps({"version": 1, "objective": {"name": "bowl"}, "steps": 40,
                                 "optimizers": [{"type": "sgd", "lr": 50.0, "label": "wild"}]}))
    code, _, err = run(str(scene), None, str(tmp_path / "o.csv"), every=5)
    assert code == 0 and "wild diverged at step" in err
    d = int(err.split("diverged at step ")[1].split()[0])
    steps = [int(r[1]) for r in rows_of(tmp_path / "o.csv")]
    assert steps[-1] == d - 1 and steps[:-1] == list(range(0, d - 1, 5))


def test_network_rows_are_the_plane_coordinates_and_full_data_loss(tmp_path):
    path = net_scene(tmp_path)
    code, out, err = run(str(path), None, str(tmp_path / "n.csv"), every=10)
    assert code == 0 and err == "", err
    rows = rows_of(tmp_path / "n.csv")
    # an independent run keeping θ at every step
    scene = load_scene(path)
    obj = scene.build_objective()
    snap = NetSession(obj, list(scene.optimizers), scene.batch, scene.seed, every=1, snapshots=None).step(23)
    thetas = [snap.path(i)[1] for i in range(3)]
    kept = [0, 10, 20, 23]
    plane = pca_plane(np.vstack([t[kept] for t in thetas]), obj.theta0)
    for i, label in enumerate(["SGD", "Adam", "full"]):
        mine = [r for r in rows if r[0] == label]
        assert [int(r[1]) for r in mine] == kept
        xy = plane.project(thetas[i][kept])
        for r, s, (x, y) in zip(mine, kept, xy):
            assert float(r[4]) == obj.value(thetas[i][s][None])[0]  # the full-data loss at that step, exactly
            assert float(r[2]) == pytest.approx(x, rel=1e-9, abs=1e-12)
            assert float(r[3]) == pytest.approx(y, rel=1e-9, abs=1e-12)
    assert mine[0][2:4] == ["0.0", "0.0"]  # every run starts at θ₀, the plane's origin
    lines = out.splitlines()
    assert len(lines) == 4 and lines[0].startswith("SGD ") and "after 23 steps" in lines[0]
    assert "accuracy" in lines[0] and lines[3].startswith("(x, y: the plane") and "PC1" in lines[3]


def test_two_passes_give_the_same_rows_as_one(tmp_path, monkeypatch):
    path = net_scene(tmp_path)
    assert run(str(path), None, str(tmp_path / "one.csv"), every=4)[0] == 0
    monkeypatch.setattr(headless, "HEADLESS_THETA_BYTES", 0)  # θ at every record no longer "fits": run twice
    assert run(str(path), None, str(tmp_path / "two.csv"), every=4)[0] == 0
    assert (tmp_path / "one.csv").read_text() == (tmp_path / "two.csv").read_text()


def test_a_diverging_network_run_in_the_csv(tmp_path):
    path = net_scene(tmp_path, objective={"name": "mlp", "hidden": [8, 6], "activation": "relu"},
                     optimizers=[{"type": "sgd", "lr": 1e6, "label": "wild"},
                                           {"type": "sgd", "lr": 0.05, "label": "calm"}])
    for budget in (None, 0):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy warning from any thread would now raise
            code, out, err = run(str(path), None, str(tmp_path / "d.csv"), every=5) if budget is None else \
                _run_budget(path, tmp_path / "d2.csv")
        assert code == 0 and "wild diverged at step" in err and "DIVERGED" in out and err.count("\n") == 1
    a, b = rows_of(tmp_path / "d.csv"), rows_of(tmp_path / "d2.csv")
    assert a == b
    d = int(err.split("diverged at step ")[1].split()[0])
    wild = [int(r[1]) for r in a if r[0] == "wild"]
    assert wild[-1] == d - 1 and all(np.isfinite(float(r[4])) for r in a)
    assert [int(r[1]) for r in a if r[0] == "calm"] == [0, 5, 10, 15, 20, 23]


def test_no_numpy_warning_escapes_from_the_worker_threads(tmp_path):
    # sigmoid units under a huge step: e^−z overflows in the forward pass, on the worker threads
    path = net_scene(tmp_path, objective={"name": "mlp", "hidden": [8, 6], "activation": "sigmoid"},
                     optimizers=[{"type": "sgd", "lr": 1e6, "label": "wild"}, {"type": "sgd", "lr": 1e6, "label": "w2"}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy warning from any thread would raise
        code, out, err = run(str(path), None, str(tmp_path / "s.csv"), every=5)
    assert code == 0 and err == "" and len(out.splitlines()) == 3


def _run_budget(path, out_csv):
    old = headless.HEADLESS_THETA_BYTES
    headless.HEADLESS_THETA_BYTES = 0
    try:
        return run(str(path), None, str(out_csv), every=5)
    finally:
        headless.HEADLESS_THETA_BYTES = old


def _gif_writer(*_a):
    raise AssertionError("an animation of a network race must be refused before it is written")


_gif_writer.kind = "gif"  # as main.py marks its --gif writer


@pytest.mark.parametrize("args,extra,fragment", [
    ((), {"every": 0}, "--every: 0 is out of range"),
    ((), {"figure_writers": [_gif_writer]}, "--gif: an animation of a network race is not available"),
    ((), {"png_path": "x.png", "steps": 0}, "a picture of a network race needs at least one step"),
    ((), {"scene_extra": {"start": [0, 0]}}, "start: a network scene has no start"),
    ((), {"scene_extra": {"objective": {"name": "mlp", "hidden": [0]}}}, "objective.hidden"),
    ((), {"scene_extra": {"objective": {"name": "mlp", "csv": "nope.csv"}}}, "CSV file not found"),
    ((), {"scene_extra": {"batch": {"strategy": "minibatch", "batch_size": 5000}}}, "batch_size: 5000 is larger"),
], ids=["every0", "gif", "png-no-step", "start", "hidden", "csv", "batch"])
def test_bad_input_is_one_error_line_and_exit_2(tmp_path, args, extra, fragment):
    scene_extra = extra.pop("scene_extra", {})
    path = net_scene(tmp_path, **scene_extra)
    out_csv = tmp_path / "never.csv"
    code, out, err = run(str(path), extra.pop("steps", None), str(out_csv), **extra)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("error: ") and fragment in err, err
    assert not out_csv.exists()


def test_the_command_line_takes_every(tmp_path):
    path = net_scene(tmp_path)
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "--headless", "--scene", str(path), "--steps", "5",
                        "--every", "2", "--csv", str(tmp_path / "c.csv")], capture_output=True, text=True,
                       timeout=300, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert [int(r[1]) for r in rows_of(tmp_path / "c.csv") if r[0] == "SGD"] == [0, 2, 4, 5]
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "--headless", "--scene", str(path), "--every", "x"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert p.returncode == 2 and p.stderr.startswith("error: argument --every: invalid int value")
