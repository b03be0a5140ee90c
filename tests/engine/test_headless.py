"""The headless command line: ``main.py --headless`` run as a subprocess, plus its CSV and summary formats."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import DEFAULT_SCENE, load_scene, summary_lines, trajectories_csv
from engine.headless import main as headless_main
from optimizer_table import TABLE
from textbook import assert_traj_close, bowl, bowl_grad, naive_trajectory

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, str(MAIN), "--headless", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_scene(path: Path, **fields) -> Path:
    data = {"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "lr": 0.5}], **fields}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BOOK = [
    ("SGD", "sgd", {"lr": 0.95}),
    ("Momentum", "momentum", {"lr": 0.1, "momentum": 0.9}),
    ("AdaGrad", "adagrad", {"lr": 1.5, "eps": 1e-10}),
    ("Adam", "adam", {"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}),
]


def test_default_scene_prints_a_summary_per_run():
    p = run_cli("--scene", DEFAULT_SCENE)
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    lines = p.stdout.splitlines()
    assert len(lines) == 4
    for line, (label, kind, hp) in zip(lines, BOOK):
        assert line.split()[0] == label and line.endswith("after 30 steps")
        end = naive_trajectory(kind, hp, (-7, 2), bowl_grad, 30)[-1]
        want = f"loss {bowl(*end):.6g} at ({end[0]:.6g}, {end[1]:.6g}) after 30 steps"
        assert line.split(None, 1)[1].strip() == want


def test_steps_override_and_csv_output(tmp_path):
    out = tmp_path / "out.csv"
    p = run_cli("--scene", DEFAULT_SCENE, "--steps", 12, "--csv", out)
    assert p.returncode == 0 and p.stderr == ""
    assert all(line.endswith("after 12 steps") for line in p.stdout.splitlines())
    header, rows = read_csv(out)
    assert header == ["optimizer", "step", "x", "y", "loss"]
    assert len(rows) == 4 * 13
    for j, (label, kind, hp) in enumerate(BOOK):
        mine = rows[13 * j : 13 * (j + 1)]
        assert [r[0] for r in mine] == [label] * 13
        assert [int(r[1]) for r in mine] == list(range(13))
        assert (float(mine[0][2]), float(mine[0][3])) == (-7.0, 2.0)  # step 0 is the start
        xy = np.array([[float(r[2]), float(r[3])] for r in mine])
        assert_traj_close(xy, naive_trajectory(kind, hp, (-7, 2), bowl_grad, 12), 1e-12, label)
        np.testing.assert_allclose([float(r[4]) for r in mine], [bowl(*q) for q in xy], rtol=1e-14)
    # the floats are written exactly: they read back to the in-process session's values bit for bit
    snap = load_scene(DEFAULT_SCENE).build_session().step(12)
    for j in range(4):
        mine = rows[13 * j : 13 * (j + 1)]
        assert np.array_equal(
            np.array([[float(r[2]) for r in mine], [float(r[3]) for r in mine]]), snap.trajectory(j)
        )
        assert np.array_equal(np.array([float(r[4]) for r in mine]), snap.losses(j))


def test_zero_steps_writes_only_the_start(tmp_path):
    out = tmp_path / "zero.csv"
    p = run_cli("--scene", DEFAULT_SCENE, "--steps", 0, "--csv", out)
    assert p.returncode == 0
    _, rows = read_csv(out)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [(label, "0", "-7.0", "2.0") for label, *_ in BOOK]
    assert all(float(r[4]) == bowl(-7.0, 2.0) for r in rows)


def test_same_seed_gives_byte_identical_csv(tmp_path):
    scene = write_scene(
        tmp_path / "mb.json",
        objective={"name": "linear_regression", "samples": 90, "noise": 0.8, "seed": 4},
        batch={"strategy": "minibatch", "batch_size": 8, "shuffle": True, "drop_last": False},
        seed=1234,
        steps=60,
        optimizers=[{"type": "sgd", "lr": 0.05}, {"type": "adam", "lr": 0.05}, {"type": "nag", "lr": 0.02}],
    )
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    pa, pb = run_cli("--scene", scene, "--csv", a), run_cli("--scene", scene, "--csv", b)
    assert pa.returncode == pb.returncode == 0
    assert a.read_bytes() == b.read_bytes()
    assert pa.stdout == pb.stdout
    assert len(a.read_bytes().splitlines()) == 1 + 3 * 61
    # another seed gives other batches, so another file
    write_scene(tmp_path / "mb2.json", **{**json.loads(scene.read_text()), "seed": 1235})
    c = tmp_path / "c.csv"
    assert run_cli("--scene", tmp_path / "mb2.json", "--csv", c).returncode == 0
    assert c.read_bytes() != a.read_bytes()


def test_diverging_run_is_reported_not_an_error(tmp_path):
    scene = write_scene(
        tmp_path / "div.json",
        steps=20,
        optimizers=[{"type": "sgd", "lr": 30, "label": "wild"}, {"type": "adam", "lr": 0.3}],
    )
    out = tmp_path / "div.csv"
    p = run_cli("--scene", scene, "--csv", out)
    assert p.returncode == 0
    err = p.stderr.splitlines()
    assert (
        len(err) == 1
        and err[0].startswith("warning: wild diverged at step 5")
        and "Traceback" not in p.stderr
    )
    lines = p.stdout.splitlines()
    assert lines[0].startswith("wild") and "DIVERGED at step 5" in lines[0] and "after 4 steps" in lines[0]
    assert lines[1].startswith("adam") and lines[1].endswith("after 20 steps")
    _, rows = read_csv(out)
    wild = [r for r in rows if r[0] == "wild"]
    assert [int(r[1]) for r in wild] == [0, 1, 2, 3, 4]  # stops at the last finite point
    ref = naive_trajectory("sgd", {"lr": 30.0}, (-7, 2), bowl_grad, 4)
    assert_traj_close(np.array([[float(r[2]), float(r[3])] for r in wild]), ref, 1e-15)
    assert all(math.isfinite(float(v)) for r in rows for v in r[2:])
    assert [int(r[1]) for r in rows if r[0] == "adam"] == list(range(21))


def test_every_rule_and_option_from_a_scene_file(tmp_path):
    """Every optimizer type, each with its options switched on (the table's settings), read from a scene file by
    the real command line: its CSV trajectory is the reference rule's."""
    runs = []
    for kind, row in TABLE.items():
        for j, hp in enumerate(row.settings("bowl")):
            runs.append({"type": kind, "label": f"{kind}-{j}", **hp})
    scene = write_scene(tmp_path / "all.json", start=[-7, 2], optimizers=runs)
    out = tmp_path / "all.csv"
    p = run_cli("--scene", scene, "--steps", 25, "--csv", out)
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.splitlines()) == len(runs)
    _, rows = read_csv(out)
    for r in runs:
        mine = [row for row in rows if row[0] == r["label"]]
        hp = {k: v for k, v in r.items() if k not in ("type", "label")}
        xy = np.array([[float(c[2]), float(c[3])] for c in mine])
        assert_traj_close(xy, naive_trajectory(r["type"], hp, (-7, 2), bowl_grad, 25), 1e-12, r["label"])


def _bad_inputs(tmp_path):
    good = write_scene(tmp_path / "good.json")
    yield "missing file", ["--scene", tmp_path / "nope.json"]
    yield "bad json", ["--scene", _text(tmp_path / "j.json", '{"version": 1,')]
    yield "unknown key", ["--scene", write_scene(tmp_path / "k.json", speed=3)]
    yield "bad lr", ["--scene", write_scene(tmp_path / "lr.json", optimizers=[{"type": "sgd", "lr": -1}])]
    yield "bad version", ["--scene", write_scene(tmp_path / "v.json", version=7)]
    yield "bad amsgrad", ["--scene", write_scene(tmp_path / "a.json", optimizers=[{"type": "adam", "amsgrad": "yes"}])]
    yield (
        "bad weight decay",
        ["--scene", write_scene(tmp_path / "w.json", optimizers=[{"type": "adamw", "weight_decay": -0.01}])],
    )
    yield "bad rho", ["--scene", write_scene(tmp_path / "r.json", optimizers=[{"type": "adadelta", "rho": 1.5}])]
    yield (
        "bad formula",
        ["--scene", write_scene(tmp_path / "f.json", objective={"name": "formula", "expr": "x +* y"})],
    )
    yield (
        "missing csv",
        [
            "--scene",
            write_scene(tmp_path / "c.json", objective={"name": "linear_regression", "csv": "none.csv"}),
        ],
    )
    yield "negative steps", ["--scene", good, "--steps", -1]
    yield "csv folder missing", ["--scene", good, "--csv", tmp_path / "no" / "such" / "out.csv"]
    yield "not a scene", ["--scene", _text(tmp_path / "list.json", "[1, 2]")]
    yield "binary", ["--scene", _bytes(tmp_path / "bin.json", b"\xff\xfe\x00garbage")]
    yield (
        "infinite start loss",
        [
            "--scene",
            write_scene(tmp_path / "s.json", start=[-1, 0], objective={"name": "formula", "expr": "log(x)"}),
        ],
    )


def _text(p: Path, s: str) -> Path:
    p.write_text(s, encoding="utf-8")
    return p


def _bytes(p: Path, b: bytes) -> Path:
    p.write_bytes(b)
    return p


def _with_out(tmp_path, name, args):
    if "--csv" in args:
        return args, Path(args[args.index("--csv") + 1])
    out = tmp_path / f"out-{name.replace(' ', '_')}.csv"
    return [*args, "--csv", out], out


def test_invalid_input_exits_2_with_one_line_and_no_output_in_process(tmp_path):
    """Every kind of bad input through the headless entry point itself (fast: no new interpreter per case)."""
    cases = list(_bad_inputs(tmp_path))
    assert len(cases) == 15
    for name, args in cases:
        args, out = _with_out(tmp_path, name, args)
        opts = dict(zip(args[::2], args[1::2]))
        steps = int(opts["--steps"]) if "--steps" in opts else None
        stdout, stderr = io.StringIO(), io.StringIO()
        rc = headless_main(str(opts["--scene"]), steps, str(opts["--csv"]), stdout=stdout, stderr=stderr)
        assert rc == 2, (name, stderr.getvalue())
        assert stdout.getvalue() == "", name
        lines = stderr.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, stderr.getvalue())
        assert not out.exists(), name
    assert not list(tmp_path.glob("out-*")) and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "case", ["missing file", "bad lr", "bad amsgrad", "missing csv", "negative steps", "csv folder missing"]
)
def test_invalid_input_exits_2_with_one_line_and_no_output(tmp_path, case):
    """The same through the real command line: exit status 2, one line on stderr, no traceback, no file."""
    args = dict(_bad_inputs(tmp_path))[case]
    args, out = _with_out(tmp_path, case, args)
    p = run_cli(*args)
    assert p.returncode == 2, (case, p.returncode, p.stderr)
    assert p.stdout == ""
    lines = p.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), p.stderr
    assert "Traceback" not in p.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("out-*")) and not list(tmp_path.glob(".*.tmp"))


def test_headless_needs_a_scene():
    p = subprocess.run(
        [sys.executable, str(MAIN), "--headless"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and p.stderr.startswith("error:")


def test_an_existing_output_file_survives_a_failed_run(tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("precious\n")
    bad = write_scene(tmp_path / "bad.json", optimizers=[{"type": "sgd", "lr": "x"}])
    p = run_cli("--scene", bad, "--csv", out)
    assert p.returncode == 2 and out.read_text() == "precious\n"


# ---- in process: formats -----------------------------------------------------------------------------------


def test_main_in_process_and_csv_quoting(tmp_path):
    scene = write_scene(
        tmp_path / "q.json",
        steps=3,
        optimizers=[{"type": "sgd", "lr": 0.5, "label": 'fast, "loud"'}, {"type": "sgd", "lr": 0.1}],
    )
    out = tmp_path / "q.csv"
    stdout, stderr = io.StringIO(), io.StringIO()
    assert headless_main(str(scene), None, str(out), stdout=stdout, stderr=stderr) == 0
    assert stderr.getvalue() == ""
    header, rows = read_csv(out)
    assert [r[0] for r in rows] == ['fast, "loud"'] * 4 + ["sgd"] * 4  # a real CSV reader gets the label back
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith('"fast, ""loud""",0,')
    assert stdout.getvalue().splitlines()[0].startswith('fast, "loud"  loss ')


def test_trajectories_csv_and_summary_lines():
    snap = load_scene(DEFAULT_SCENE).build_session().step(2)
    text = trajectories_csv(snap)
    lines = text.splitlines()
    assert lines[0] == "optimizer,step,x,y,loss" and len(lines) == 1 + 4 * 3 and text.endswith("\n")
    assert lines[1] == f"SGD,0,-7.0,2.0,{bowl(-7.0, 2.0)!r}"
    x1, y1 = -7.0 - 0.95 * (-0.7), 2.0 - 0.95 * 4.0
    assert lines[2] == f"SGD,1,{x1!r},{y1!r},{bowl(x1, y1)!r}"
    summary = summary_lines(snap)
    assert len(summary) == 4
    width = max(len(label) for label, *_ in BOOK)
    for line, (label, *_rest) in zip(summary, BOOK):
        assert line.startswith(label.ljust(width) + "  loss ")


@pytest.mark.parametrize("flag", ["--steps", "--csv"])
def test_flags_without_values_are_usage_errors(flag):
    p = run_cli("--scene", DEFAULT_SCENE, flag)
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_lang_ko_makes_the_error_line_and_the_summary_korean(tmp_path):
    """The real catalogue through main.py: the one error line and the summary lines in Korean, with the scene's keys,
    the user's values and every number as in English; the CSV is the same bytes in both languages."""
    bad = write_scene(tmp_path / "bad.json", seed="x")
    p = run_cli("--scene", bad, "--lang", "ko")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == ["error: bad.json: seed: 정수가 필요하지만 'x'임"]
    good = write_scene(tmp_path / "good.json", steps=3)
    runs = {lang: run_cli("--scene", good, "--lang", lang, "--csv", tmp_path / f"{lang}.csv") for lang in ("en", "ko")}
    assert all(p.returncode == 0 for p in runs.values())
    en, ko = runs["en"].stdout.splitlines(), runs["ko"].stdout.splitlines()
    assert len(en) == len(ko) == 1 and en[0].startswith("sgd  loss ") and en[0].endswith(" after 3 steps")
    assert ko[0].startswith("sgd  손실 ") and ko[0].endswith(", 3 스텝 후")
    assert re.findall(r"-?\d[\d.e+-]*", en[0]) == re.findall(r"-?\d[\d.e+-]*", ko[0])
    assert (tmp_path / "en.csv").read_bytes() == (tmp_path / "ko.csv").read_bytes()
