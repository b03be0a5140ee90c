"""Hostile and broken files: CSV data and scene files. Every problem is a PlaygroundError whose message names the
file and the problem (key, row and column where they apply); headless runs exit 2 with one ``error:`` line.

Tested through engine.datasets.load_csv, engine.make_objective, engine.load_scene and ``main.py --headless``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import PlaygroundError, load_scene, make_objective
from engine import datasets
from engine import scene as scene_module
from engine.datasets import csv_columns, load_csv

ROOT = Path(__file__).resolve().parents[2]

VALID_SCENE = {
    "version": 1,
    "objective": {"name": "bowl"},
    "steps": 3,
    "optimizers": [{"type": "sgd", "lr": 0.1}],
}


def _csv(tmp_path: Path, raw: bytes | str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    return path


def _scene(tmp_path: Path, data: dict | str | bytes, name: str = "scene.json") -> Path:
    path = tmp_path / name
    if isinstance(data, dict):
        data = json.dumps(data)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _one_line(message: str) -> None:
    assert message and len(message.splitlines()) == 1, message


# ---- CSV data: rejected -----------------------------------------------------------------------------------------

LATIN1 = "x,y\n1,2\ncafé,3\n".encode("latin-1")
LATIN1_AT = LATIN1.index(b"\xe9")

# (id, file bytes, fragments the message must contain)
BAD_CSV = [
    ("empty", b"", ["data.csv: the file is empty"]),
    ("blank lines only", b"\n\n   \n,\n\r\n", ["data.csv: the file is empty"]),
    ("bom only", b"\xef\xbb\xbf", ["data.csv: the file is empty"]),
    ("header only", b"x,y\n", ["data.csv: no data rows after the header"]),
    ("header only no newline", b"x,y", ["no data rows after the header"]),
    ("header only with blank lines", b"x,y\n\n\n", ["no data rows after the header"]),
    ("missing x column", b"a,y\n1,2\n", ["data.csv: no column 'x' for x_column (columns: a, y)"]),
    ("missing y column", b"x,b\n1,2\n", ["data.csv: no column 'y' for y_column (columns: x, b)"]),
    ("case matters", b"X,Y\n1,2\n", ["no column 'x' for x_column"]),
    ("ragged short row", b"x,y\n1,2\n3\n", ["data.csv: row 3 has 1 fields, the header has 2"]),
    ("ragged long row", b"x,y\n1,2\n3,4,5\n", ["data.csv: row 3 has 3 fields, the header has 2"]),
    ("trailing comma", b"x,y\n1,2,\n", ["row 2 has 3 fields"]),
    ("unterminated quote", b'x,y\n1,2\n"3,4\n', ["data.csv: row 3 has 1 fields"]),
    ("non-numeric x", b"x,y\n1,2\nabc,4\n", ["data.csv: row 3, column 'x': 'abc' is not a number"]),
    ("non-numeric y", b"x,y\n1,2\n3,four\n", ["data.csv: row 3, column 'y': 'four' is not a number"]),
    ("empty field", b"x,y\n1,\n", ["row 2, column 'y': '' is not a number"]),
    ("spaces only field", b"x,y\n1,   \n", ["row 2, column 'y': '' is not a number"]),
    ("hex number", b"x,y\n0x10,1\n", ["row 2, column 'x': '0x10' is not a number"]),
    ("comma decimal", b'x,y\n"1,5",1\n', ["row 2, column 'x': '1,5' is not a number"]),
    ("python expression", b"x,y\n__import__('os'),1\n", ["row 2, column 'x': \"__import__('os')\" is not a number"]),
    ("nan", b"x,y\n1,2\nnan,3\n", ["data.csv: row 3, column 'x': 'nan' is not a finite number"]),
    ("NaN", b"x,y\n1,NaN\n", ["row 2, column 'y': 'NaN' is not a finite number"]),
    ("inf", b"x,y\ninf,1\n", ["row 2, column 'x': 'inf' is not a finite number"]),
    ("-Infinity", b"x,y\n1,2\n3,-Infinity\n", ["row 3, column 'y': '-Infinity' is not a finite number"]),
    ("overflowing number", b"x,y\n1e999,1\n", ["row 2, column 'x': '1e999' is not a finite number"]),
    ("NUL byte", b"x,y\n1,2\x00\n", ["data.csv: this is a binary file, not CSV text"]),
    ("all bytes", bytes(range(256)) * 4, ["data.csv: this is a binary file"]),
    ("utf-16", "x,y\n1,2\n".encode("utf-16"), ["data.csv: this is a binary file"]),
    ("latin-1", LATIN1, [f"data.csv: not UTF-8 text (byte {LATIN1_AT})"]),
    ("invalid utf-8 at start", b"\xff\xfex,y\n1,2\n", ["data.csv: not UTF-8 text (byte 0)"]),
    ("truncated utf-8", b"x,y\n1,2\n\xe2\x82", ["data.csv: not UTF-8 text (byte 8)"]),
    ("huge field", b"x,y\n" + b"1" * 200_000 + b",2\n", ["data.csv: malformed CSV", "field larger than field limit"]),
    # row numbers are file lines, whatever blank lines or multi-line quoted fields come before
    ("blank lines before the bad row", b"x,y\n1,2\n\n\n3,abc\n", ["data.csv: row 5, column 'y': 'abc'"]),
    ("quoted newline before the bad row", b'x,y,note\n1,2,"a\nb"\n3,x,c\n', ["data.csv: row 4, column 'y': 'x'"]),
    ("CR line endings", b"x,y\r1,2\r3,abc\r", ["data.csv: row 3, column 'y': 'abc'"]),
]


@pytest.mark.parametrize("raw,fragments", [c[1:] for c in BAD_CSV], ids=[c[0] for c in BAD_CSV])
def test_bad_csv_through_load_csv(tmp_path, raw, fragments):
    path = _csv(tmp_path, raw)
    with pytest.raises(PlaygroundError) as info:
        load_csv(path, "x", "y")
    msg = str(info.value)
    for fragment in fragments:
        assert fragment in msg, msg
    assert len(msg) < 400, msg


@pytest.mark.parametrize("raw,fragments", [c[1:] for c in BAD_CSV], ids=[c[0] for c in BAD_CSV])
def test_bad_csv_through_make_objective(tmp_path, raw, fragments):
    _csv(tmp_path, raw)
    for name in ("linear_regression", "logistic_regression"):
        with pytest.raises(PlaygroundError) as info:
            make_objective({"name": name, "csv": "data.csv"}, base_dir=tmp_path)
        assert fragments[0] in str(info.value)


def test_long_junk_is_quoted_briefly(tmp_path):
    path = _csv(tmp_path, b"x,y\n" + b"z" * 5000 + b",1\n")
    with pytest.raises(PlaygroundError, match=r"row 2, column 'x': 'z+' is not a number") as info:
        load_csv(path, "x", "y")
    assert len(str(info.value)) < 150


def test_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(PlaygroundError, match="CSV file not found: .*nope.csv"):
        load_csv(path, "x", "y")
    with pytest.raises(PlaygroundError, match="CSV file not found"):
        csv_columns(path)
    with pytest.raises(PlaygroundError, match="CSV file not found: .*nope.csv"):
        make_objective({"name": "linear_regression", "csv": "nope.csv"}, base_dir=tmp_path)


def test_missing_folder(tmp_path):
    with pytest.raises(PlaygroundError, match="CSV file not found: .*no_such_dir"):
        load_csv(tmp_path / "no_such_dir" / "data.csv", "x", "y")


def test_path_through_a_regular_file(tmp_path):
    _csv(tmp_path, b"x,y\n1,2\n", "plain.csv")
    with pytest.raises(PlaygroundError, match="cannot read CSV file .*Not a directory"):
        load_csv(tmp_path / "plain.csv" / "data.csv", "x", "y")


def test_directory_given_as_file(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(PlaygroundError, match="folder.csv is a folder, not a CSV file"):
        load_csv(tmp_path / "folder.csv", "x", "y")
    with pytest.raises(PlaygroundError, match="is a folder"):
        make_objective({"name": "linear_regression", "csv": "."}, base_dir=tmp_path)


@pytest.mark.parametrize("name", ["a\x00b.csv", "\x00", "x\ud800.csv", "x" * 300 + ".csv"])
def test_impossible_file_names(tmp_path, name):
    with pytest.raises(PlaygroundError, match="cannot read CSV file"):
        load_csv(tmp_path / name, "x", "y")
    with pytest.raises(PlaygroundError, match="cannot read CSV file"):
        make_objective({"name": "linear_regression", "csv": name}, base_dir=tmp_path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_without_reading_it():
    with pytest.raises(PlaygroundError, match="/dev/zero is not a regular file"):
        load_csv("/dev/zero", "x", "y")
    with pytest.raises(PlaygroundError, match="not a regular file"):
        make_objective({"name": "linear_regression", "csv": "/dev/zero"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path):
    """Opening a FIFO with no writer blocks forever, so try it in a subprocess with a timeout."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from engine.datasets import load_csv\n"
            "try:\n    load_csv(sys.argv[2], 'x', 'y')\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(fifo)], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.startswith("PlaygroundError"), out.stdout + out.stderr
    assert "pipe.csv is not a regular file" in out.stdout


def test_size_limit(tmp_path, monkeypatch):
    path = _csv(tmp_path, "x,y\n" + "1,2\n" * 40)
    load_csv(path, "x", "y")
    monkeypatch.setattr(datasets, "MAX_CSV_BYTES", 100)
    with pytest.raises(PlaygroundError, match="data.csv: file too large"):
        load_csv(path, "x", "y")
    with pytest.raises(PlaygroundError, match="file too large"):
        make_objective({"name": "linear_regression", "csv": str(path)})


def test_size_limit_holds_for_a_file_growing_while_read(tmp_path, monkeypatch):
    """The limit is on what is read, not only on what stat() said."""
    path = _csv(tmp_path, "x,y\n" + "1,2\n" * 40)
    real_stat = Path.stat

    def small_stat(self, *args, **kwargs):
        st = real_stat(self, *args, **kwargs)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10,
                               st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(datasets, "MAX_CSV_BYTES", 100)
    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(PlaygroundError, match="data.csv: file too large"):
        load_csv(path, "x", "y")


def test_row_limit(tmp_path, monkeypatch):
    path = _csv(tmp_path, "x,y\n1,2\n3,4\n5,6\n7,8\n")
    monkeypatch.setattr(datasets, "MAX_SAMPLES", 3)
    with pytest.raises(PlaygroundError, match=r"data.csv: too many rows \(4; at most 3\)"):
        load_csv(path, "x", "y")


# ---- CSV data: accepted -------------------------------------------------------------------------------------------

GOOD_CSV = [
    ("plain", b"x,y\n1,2\n3,4\n"),
    ("bom", b"\xef\xbb\xbfx,y\n1,2\n3,4\n"),
    ("bom and crlf", b"\xef\xbb\xbfx,y\r\n1,2\r\n3,4\r\n"),
    ("no final newline", b"x,y\n1,2\n3,4"),
    ("quoted fields", b'"x","y"\n"1","2"\n" 3 ","4"\n'),
    ("quoted commas elsewhere", b'x,name,y\n1,"a, b",2\n3,"say ""hi""\nthere",4\n'),
    ("spaces around", b" x , y \n 1 , 2 \n\t3\t,\t4\t\n"),
    ("blank lines", b"\n\nx,y\n\n1,2\n   \n3,4\n\n"),
    ("number forms", b"x,y\n1.0,+2\n3e0,4.\n"),
    ("extra columns", b"a,y,b,x\nq,2,r,1\ns,4,t,3\n"),
]


@pytest.mark.parametrize("raw", [c[1] for c in GOOD_CSV], ids=[c[0] for c in GOOD_CSV])
def test_good_csv(tmp_path, raw):
    path = _csv(tmp_path, raw)
    x, y = load_csv(path, "x", "y")
    assert x.dtype == y.dtype == np.float64
    np.testing.assert_array_equal(x, [1.0, 3.0])
    np.testing.assert_array_equal(y, [2.0, 4.0])
    assert csv_columns(path)[-1] in ("x", "y")
    assert "x" in csv_columns(path) and all("\ufeff" not in c for c in csv_columns(path))
    obj = make_objective({"name": "linear_regression", "csv": "data.csv"}, base_dir=tmp_path)
    assert obj.n_samples == 2 and obj.source == "data.csv"


def test_same_column_twice_is_fine(tmp_path):
    x, y = load_csv(_csv(tmp_path, "x,y\n1,2\n3,4\n"), "y", "y")
    np.testing.assert_array_equal(x, y)


# ---- data objectives ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", ["2", "0.5", "-1", "1.0000001"])
def test_logistic_labels_must_be_0_or_1(tmp_path, label):
    _csv(tmp_path, f"x,y\n1,0\n2,{label}\n3,1\n")
    with pytest.raises(PlaygroundError) as info:
        make_objective({"name": "logistic_regression", "csv": "data.csv"}, base_dir=tmp_path)
    msg = str(info.value)
    assert msg.startswith("data.csv: logistic regression labels must be 0 or 1"), msg
    assert f"(row 3 has {float(label):g})" in msg


def test_logistic_labels_0_and_1_as_floats_are_fine(tmp_path):
    _csv(tmp_path, "x,y\n1,0.0\n2,1.0\n3,1e0\n4,-0\n")
    assert make_objective({"name": "logistic_regression", "csv": "data.csv"}, base_dir=tmp_path).n_samples == 4


def test_one_row_is_too_few(tmp_path):
    _csv(tmp_path, "x,y\n1,0\n")
    for name, what in (("linear_regression", "linear"), ("logistic_regression", "logistic")):
        with pytest.raises(PlaygroundError, match=f"{what} regression needs at least 2 rows"):
            make_objective({"name": name, "csv": "data.csv"}, base_dir=tmp_path)


@pytest.mark.filterwarnings("error")  # a RuntimeWarning would be a second line on the headless stderr
def test_large_but_safe_data_builds_and_steps_quietly(tmp_path):
    _csv(tmp_path, "x,y\n1e150,1\n-1e150,0\n1e-308,1\n")
    for name in ("linear_regression", "logistic_regression"):
        obj = make_objective({"name": name, "csv": "data.csv"}, base_dir=tmp_path)
        assert obj.n_samples == 3
        from engine import RunSpec, Session

        Session(obj, [RunSpec("sgd"), RunSpec("adam")]).step(3)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("rows", ["1e308,1\n-1e308,0", "1,1e200\n2,0"])
def test_data_whose_squares_overflow_is_refused_by_name(tmp_path, rows):
    _csv(tmp_path, "x,y\n" + rows + "\n")
    column = "x" if rows.startswith("1e") else "y"
    with pytest.raises(PlaygroundError, match=rf"^data.csv: linear regression: {column} values up to .* are too large"):
        make_objective({"name": "linear_regression", "csv": "data.csv"}, base_dir=tmp_path)
    if column == "x":
        with pytest.raises(PlaygroundError, match=r"^data.csv: logistic regression: x values up to 1e\+308 are too"):
            make_objective({"name": "logistic_regression", "csv": "data.csv"}, base_dir=tmp_path)


BAD_OBJECTIVES = [
    ([1], "objective: expected an object"),
    ("bowl", "objective: expected an object"),
    ({}, "objective: unknown name None"),
    ({"name": "Bowl"}, "objective: unknown name 'Bowl'"),
    ({"name": ["bowl"]}, "objective: unknown name ['bowl']"),
    ({"name": {"a": 1}}, "objective: unknown name {'a': 1}"),
    ({"name": "bowl", "a": 1}, "Unknown objective 'bowl' setting 'a' (known: none)"),
    ({"name": "rosenbrock", "a": 11}, "Invalid Rosenbrock a: 11 (expected -10 ≤ a ≤ 10)"),
    ({"name": "rosenbrock", "b": True}, "Invalid Rosenbrock b: True (expected a number)"),
    ({"name": "rosenbrock", "b": 10**400}, "Invalid Rosenbrock b: 1000"),
    ({"name": "rosenbrock", "b": float("nan")}, "Invalid Rosenbrock b: nan"),
    ({"name": "rosenbrock", "c": 1}, "setting 'c' (known: a, b)"),
    ({"name": "formula"}, "a formula needs an \"expr\""),
    ({"name": "formula", "expr": "x", "colour": 1}, "unknown formula setting 'colour' (known: expr, bounds)"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": "0,1,0,1"}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0, True]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0, float("nan")]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0, float("inf")]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0, 10**400]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1, 0, "1"]}, "objective.bounds: expected four numbers"),
    ({"name": "formula", "expr": "x", "bounds": [1, 0, 0, 1]}, "need xmin < xmax and ymin < ymax, got [1, 0, 0, 1]"),
    ({"name": "formula", "expr": "x", "bounds": [0, 0, 0, 1]}, "need xmin < xmax"),
    ({"name": "formula", "expr": "x", "bounds": [0, 1e7, 0, 1]}, "objective.bounds: values beyond ±1e6"),
    ({"name": "formula", "expr": "x", "bounds": [0, 2**1023, 0, 1]}, "objective.bounds: values beyond ±1e6"),
    ({"name": "linear_regression", "samples": 1}, "Invalid samples: 1 (expected 2 ≤ samples ≤ 5000000)"),
    ({"name": "linear_regression", "samples": 5_000_001}, "Invalid samples: 5000001"),
    ({"name": "linear_regression", "samples": 2.5}, "Invalid samples: 2.5 (expected a whole number)"),
    ({"name": "linear_regression", "samples": "100"}, "Invalid samples: '100' (expected a number)"),
    ({"name": "linear_regression", "samples": 10**400}, "Invalid samples: 1000"),
    ({"name": "logistic_regression", "noise": -1}, "Invalid noise: -1"),
    ({"name": "logistic_regression", "seed": -1}, "Invalid data seed: -1"),
    ({"name": "logistic_regression", "seed": 2**32}, "Invalid data seed: 4294967296"),
    ({"name": "linear_regression", "csv": ""}, "objective.csv: expected a file path"),
    ({"name": "linear_regression", "csv": 5}, "objective.csv: expected a file path"),
    ({"name": "linear_regression", "csv": ["a.csv"]}, "objective.csv: expected a file path"),
    ({"name": "linear_regression", "csv": "a.csv", "x_column": 3}, "objective.x_column: expected a column name, got 3"),
    ({"name": "linear_regression", "csv": "a.csv", "y_column": None}, "objective.y_column: expected a column name"),
    ({"name": "linear_regression", "csv": "a.csv", "samples": 5}, "unknown setting 'samples' with a CSV"),
]


@pytest.mark.parametrize("settings,fragment", BAD_OBJECTIVES, ids=[ascii(s)[:50] for s, _ in BAD_OBJECTIVES])
def test_bad_objective_settings(settings, fragment):
    with pytest.raises(PlaygroundError) as info:
        make_objective(settings)
    assert fragment in str(info.value), str(info.value)


# ---- scene files ------------------------------------------------------------------------------------------------

def _with(**changes) -> dict:
    d = json.loads(json.dumps(VALID_SCENE))
    for k, v in changes.items():
        if v is _DROP:
            del d[k]
        else:
            d[k] = v
    return d


_DROP = object()
SGD = [{"type": "sgd", "lr": 0.1}]

# (id, file content (dict, text or bytes), fragments the message must contain)
BAD_SCENES = [
    ("empty", b"", ["scene.json: invalid JSON at line 1, column 1"]),
    ("whitespace", "  \n\t ", ["scene.json: invalid JSON at line 2, column 3"]),
    ("trailing comma", '{"version": 1,}', ["scene.json: invalid JSON at line 1, column 15"]),
    ("single quotes", "{'version': 1}", ["invalid JSON at line 1, column 2"]),
    ("comment", '{"version": 1} // hi', ["invalid JSON at line 1, column 16: Extra data"]),
    ("two objects", '{"version": 1}\n{"version": 1}', ["invalid JSON at line 2, column 1"]),
    ("truncated", json.dumps(VALID_SCENE)[:-3], ["invalid JSON"]),
    ("python literal", '{"version": 1, "seed": None}', ["invalid JSON at line 1, column 24"]),
    ("NaN literal", '{"version": NaN}', ["scene.json: invalid JSON: NaN is not allowed"]),
    ("Infinity literal", '{"version": 1, "start": [Infinity, 0]}', ["invalid JSON: Infinity is not allowed"]),
    ("-Infinity literal", '{"version": 1, "start": [-Infinity, 0]}', ["invalid JSON: -Infinity is not allowed"]),
    ("number too long", '{"version": 1, "seed": ' + "1" * 5000 + "}", ["invalid JSON: a number has too many digits"]),
    ("nested too deeply", "[" * 100_000 + "]" * 100_000, ["scene.json: invalid JSON: nested too deeply"]),
    ("NUL bytes", b'{"version": 1\x00}', ["scene.json: invalid JSON"]),
    ("random bytes", bytes(range(128, 256)) * 3, ["scene.json: not a text file (scene files are UTF-8 JSON)"]),
    ("utf-16", json.dumps(VALID_SCENE).encode("utf-16"), ["scene.json: not a text file"]),
    ("latin-1 title", json.dumps(_with(title="café"), ensure_ascii=False).encode("latin-1"), ["not a text file"]),
    ("a list", "[1, 2]", ["scene.json: a scene must be a JSON object"]),
    ("a string", '"scene"', ["a scene must be a JSON object"]),
    ("null", "null", ["a scene must be a JSON object"]),
    ("unknown key", _with(colour="red"), ["scene.json: unknown key 'colour' (known: version, title"]),
    ("misspelt key", _with(optimisers=SGD), ["unknown key 'optimisers'"]),
    ("missing version", _with(version=_DROP), ["scene.json: missing key 'version' (this program reads version 1)"]),
    ("version 2", _with(version=2), ["scene.json: version: 2 is not supported (this program reads version 1)"]),
    ("version 0", _with(version=0), ["version: 0 is not supported"]),
    ("version text", _with(version="1"), ["version: '1' is not supported"]),
    ("version true", _with(version=True), ["version: True is not supported"]),
    ("version null", _with(version=None), ["version: None is not supported"]),
    ("version list", _with(version=[1]), ["version: [1] is not supported"]),
    ("missing objective", _with(objective=_DROP), ["scene.json: missing key 'objective'"]),
    ("missing optimizers", _with(optimizers=_DROP), ["scene.json: missing key 'optimizers'"]),
    ("objective a string", _with(objective="bowl"), ["objective: expected an object with a \"name\""]),
    ("objective without name", _with(objective={"expr": "x"}), ["objective: expected an object with a \"name\""]),
    ("objective unknown", _with(objective={"name": "bowel"}), ["objective.name: unknown objective 'bowel'"]),
    ("objective name a list", _with(objective={"name": ["bowl"]}), ["objective.name: unknown objective ['bowl']"]),
    ("objective name a dict", _with(objective={"name": {}}), ["objective.name: unknown objective {}"]),
    ("optimizers not a list", _with(optimizers={"type": "sgd"}), ["optimizers: expected a non-empty list"]),
    ("optimizers empty", _with(optimizers=[]), ["optimizers: expected a non-empty list"]),
    ("too many optimizers", _with(optimizers=SGD * 65), ["optimizers: at most 64 runs, got 65"]),
    ("optimizer a string", _with(optimizers=["sgd"]), ["optimizers[0]: expected an object"]),
    ("optimizer without type", _with(optimizers=[{"lr": 0.1}]), ["optimizers[0]: missing key 'type'"]),
    ("optimizer unknown", _with(optimizers=SGD + [{"type": "lbfgs"}]),
     ["optimizers[1].type: Unknown optimizer type 'lbfgs' (known: sgd, momentum"]),
    ("optimizer type a list", _with(optimizers=[{"type": ["sgd"]}]),
     ["optimizers[0].type: Unknown optimizer type ['sgd']"]),
    ("optimizer type null", _with(optimizers=[{"type": None}]), ["optimizers[0].type: Unknown optimizer type None"]),
    ("negative lr", _with(optimizers=[{"type": "sgd", "lr": -0.1}]),
     ["optimizers[0]: Invalid learning rate: -0.1 (expected 0 ≤ lr ≤ 1e+06)"]),
    ("lr text", _with(optimizers=[{"type": "sgd", "lr": "0.1"}]),
     ["optimizers[0]: Invalid learning rate: '0.1' (expected a number)"]),
    ("lr bool", _with(optimizers=[{"type": "sgd", "lr": True}]), ["Invalid learning rate: True (expected a number)"]),
    ("lr overflowing", '{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "lr": 1e999}]}',
     ["optimizers[0]: Invalid learning rate: inf"]),
    ("lr huge int", '{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "lr": 1' +
     "0" * 400 + "}]}", ["optimizers[0]: Invalid learning rate: 1000"]),
    ("momentum 1", _with(optimizers=[{"type": "momentum", "momentum": 1}]),
     ["Invalid momentum value: 1 (expected 0 ≤ momentum < 1)"]),
    ("unknown hyperparameter", _with(optimizers=[{"type": "adam", "beta3": 0.5}]),
     ["optimizers[0]: Unknown 'adam' optimizer setting 'beta3' (known: lr, beta1, beta2, eps, weight_decay, amsgrad)"]),
    ("empty label", _with(optimizers=[{"type": "sgd", "label": " "}]), ["optimizers[0].label: expected non-empty text"]),
    ("label a number", _with(optimizers=[{"type": "sgd", "label": 3}]), ["optimizers[0].label: expected non-empty"]),
    ("duplicate label", _with(optimizers=[{"type": "sgd", "label": "a"}, {"type": "adam", "label": "a"}]),
     ["optimizers[1].label: duplicate label 'a'"]),
    ("lone surrogate label", '{"version": 1, "objective": {"name": "bowl"}, '
     '"optimizers": [{"type": "sgd", "label": "a\\ud800"}]}', ["optimizers[0].label: '\\ud800' is not valid Unicode"]),
    ("lone surrogate title", '{"version": 1, "title": "\\udfff", "objective": {"name": "bowl"}, '
     '"optimizers": [{"type": "sgd"}]}', ["scene.json: title: '\\udfff' is not valid Unicode text"]),
    ("lone surrogate key", '{"version": 1, "objective": {"name": "bowl", "\\ud800": 1}, '
     '"optimizers": [{"type": "sgd"}]}', ["objective: '\\ud800' is not valid Unicode text"]),
    ("bad colour", _with(optimizers=[{"type": "sgd", "color": "red"}]),
     ["optimizers[0].color: expected a colour like \"#1f77b4\", got 'red'"]),
    ("batch a string", _with(batch="full"), ["batch: expected an object"]),
    ("batch unknown strategy", _with(batch={"strategy": "adaptive"}),
     ["batch.strategy: unknown strategy 'adaptive' (known: full, stochastic, minibatch)"]),
    ("batch strategy a list", _with(batch={"strategy": ["full"]}), ["batch.strategy: unknown strategy ['full']"]),
    ("batch unknown key", _with(batch={"strategy": "full", "batch_size": 8}),
     ["batch: unknown key 'batch_size' for strategy 'full'"]),
    ("batch size 0", _with(batch={"strategy": "minibatch", "batch_size": 0}),
     ["batch.batch_size: expected a whole number ≥ 1, got 0"]),
    ("batch size float", _with(batch={"strategy": "minibatch", "batch_size": 1.5}), ["batch.batch_size"]),
    ("batch size bool", _with(batch={"strategy": "minibatch", "batch_size": True}), ["batch.batch_size"]),
    ("shuffle text", _with(batch={"strategy": "stochastic", "shuffle": "yes"}),
     ["batch.shuffle: expected true or false, got 'yes'"]),
    ("seed negative", _with(seed=-1), ["seed: -1 is out of range [0, 4294967295]"]),
    ("seed too big", _with(seed=2**32), ["seed: 4294967296 is out of range"]),
    ("seed float", _with(seed=1.5), ["seed: expected a whole number, got 1.5"]),
    ("seed text", _with(seed="0"), ["seed: expected a whole number, got '0'"]),
    ("steps negative", _with(steps=-1), ["steps: -1 is out of range [0, 10000000]"]),
    ("steps too many", _with(steps=10**8), ["steps: 100000000 is out of range"]),
    ("steps bool", _with(steps=True), ["steps: expected a whole number, got True"]),
    ("start one number", _with(start=[1]), ["start: expected two finite numbers [x, y], got [1]"]),
    ("start three numbers", _with(start=[1, 2, 3]), ["start: expected two finite numbers"]),
    ("start text", _with(start=["a", 1]), ["start: expected two finite numbers"]),
    ("start bool", _with(start=[True, 0]), ["start: expected two finite numbers"]),
    ("start object", _with(start={"x": 1, "y": 2}), ["start: expected two finite numbers"]),
    ("start overflowing", '{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd"}], '
     '"start": [1e999, 0]}', ["start: expected two finite numbers [x, y], got [inf, 0]"]),
    ("start huge int", '{"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd"}], '
     '"start": [1' + "0" * 400 + ", 0]}", ["start: expected two finite numbers"]),
    ("title a number", _with(title=5), ["title: expected text"]),
    ("description a list", _with(description=["a"]), ["description: expected text"]),
]


@pytest.mark.parametrize("content,fragments", [c[1:] for c in BAD_SCENES], ids=[c[0] for c in BAD_SCENES])
def test_bad_scene_files(tmp_path, content, fragments):
    path = _scene(tmp_path, content)
    with pytest.raises(PlaygroundError) as info:
        load_scene(path)
    msg = str(info.value)
    assert msg.startswith("scene.json: "), msg
    for fragment in fragments:
        assert fragment in msg, msg
    _one_line(msg)


# Problems load_scene leaves to build time (the objective is only checked when it is built).
BAD_AT_BUILD = [
    ("formula error", _with(objective={"name": "formula", "expr": "x +* y"}), ["Formula error at column 4"]),
    ("csv not numeric", _with(objective={"name": "linear_regression", "csv": "data.csv"}),
     ["data.csv: row 3, column 'x': 'abc' is not a number"]),
    ("csv missing", _with(objective={"name": "linear_regression", "csv": "missing.csv"}),
     ["CSV file not found", "missing.csv"]),
    ("csv column missing", _with(objective={"name": "linear_regression", "csv": "data.csv", "y_column": "z"}),
     ["data.csv: no column 'z' for y_column (columns: x, y)"]),
    ("batch bigger than data", _with(objective={"name": "linear_regression", "samples": 10},
                                     batch={"strategy": "minibatch", "batch_size": 11}),
     ["batch.batch_size: 11 is larger than the 10 samples of the data set"]),
    ("start where the loss is not finite", _with(objective={"name": "formula", "expr": "log(x)"}, start=[-1, 0]),
     ["start: the loss is not finite at the start point (-1.0, 0.0)"]),
]


@pytest.mark.parametrize("content,fragments", [c[1:] for c in BAD_AT_BUILD], ids=[c[0] for c in BAD_AT_BUILD])
def test_bad_scene_content_at_build_time(tmp_path, content, fragments):
    _csv(tmp_path, "x,y\n1,2\nabc,4\n")
    scene = load_scene(_scene(tmp_path, content))
    with pytest.raises(PlaygroundError) as info:
        scene.build_session().step(3)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_scene_file_missing(tmp_path):
    with pytest.raises(PlaygroundError, match="scene file not found: .*nope.json"):
        load_scene(tmp_path / "nope.json")


def test_scene_is_a_directory(tmp_path):
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(PlaygroundError, match="dir.json is a folder, not a scene file"):
        load_scene(tmp_path / "dir.json")


@pytest.mark.parametrize("name", ["a\x00b.json", "x\ud800.json", "x" * 300 + ".json"])
def test_impossible_scene_names(tmp_path, name):
    with pytest.raises(PlaygroundError, match="cannot read scene file"):
        load_scene(tmp_path / name)


def test_scene_size_limit(tmp_path, monkeypatch):
    path = _scene(tmp_path, _with(description="d" * 500))
    load_scene(path)
    monkeypatch.setattr(scene_module, "MAX_SCENE_BYTES", 200)
    with pytest.raises(PlaygroundError, match="scene.json: too large for a scene file"):
        load_scene(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_as_scene_is_bounded(monkeypatch):
    monkeypatch.setattr(scene_module, "MAX_SCENE_BYTES", 4096)
    with pytest.raises(PlaygroundError, match="zero: too large for a scene file"):
        load_scene("/dev/zero")


@pytest.mark.parametrize("prefix", [b"\xef\xbb\xbf", b""])
def test_bom_scene_is_accepted(tmp_path, prefix):
    path = _scene(tmp_path, prefix + json.dumps(VALID_SCENE).encode("utf-8"))
    assert load_scene(path).build_session().step(3).step == 3


def test_scene_relative_csv_is_found_next_to_the_scene(tmp_path, monkeypatch):
    sub = tmp_path / "scenes"
    sub.mkdir()
    _csv(sub, "x,y\n0,0\n1,1\n2,1\n3,0\n")
    path = _scene(sub, _with(objective={"name": "logistic_regression", "csv": "data.csv"}))
    monkeypatch.chdir(tmp_path)
    assert load_scene(path).build_session().step(3).step == 3


# ---- the headless command line ------------------------------------------------------------------------------------

def _headless(scene: Path | str, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", "--headless", "--scene", str(scene), "--csv", str(out), *extra],
        cwd=ROOT, capture_output=True, timeout=120, encoding="utf-8", errors="backslashreplace",
    )


def _assert_clean_failure(proc: subprocess.CompletedProcess, out: Path, fragments) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert proc.stdout == ""
    assert not out.exists()
    return lines[0]


CLI_CASES = [
    ("malformed JSON", "scene.json", '{"version": 1,,}', None, ["scene.json: invalid JSON at line 1, column 15"]),
    ("missing scene", None, None, None, ["scene file not found"]),
    ("scene is a folder", "dir", None, None, ["is a folder, not a scene file"]),
    ("wrong version", "scene.json", _with(version=2), None, ["version: 2 is not supported"]),
    ("NaN", "scene.json", '{"version": 1, "seed": NaN}', None, ["NaN is not allowed"]),
    ("binary scene", "scene.json", bytes(range(256)), None, ["scene.json: not a text file"]),
    ("empty scene", "scene.json", b"", None, ["scene.json: invalid JSON"]),
    ("huge number", "scene.json", '{"version": 1, "seed": ' + "7" * 4500 + "}", None, ["too many digits"]),
    ("unknown key", "scene.json", _with(speed=3), None, ["unknown key 'speed'"]),
    ("lone surrogate label", "scene.json", '{"version": 1, "objective": {"name": "bowl"}, "optimizers": '
     '[{"type": "sgd", "label": "\\ud800"}]}', None, ["not valid Unicode text"]),
    ("formula", "scene.json", _with(objective={"name": "formula", "expr": "x.y"}), None,
     ["scene.json: Formula error at column 2: unexpected character '.'"]),
    ("csv not numeric", "scene.json", _with(objective={"name": "linear_regression", "csv": "data.csv"}),
     b"x,y\n1,2\n\n3,oops\n", ["scene.json: data.csv: row 4, column 'y': 'oops' is not a number"]),
    ("csv binary", "scene.json", _with(objective={"name": "linear_regression", "csv": "data.csv"}),
     b"x,y\n\x00\x01\x02", ["data.csv: this is a binary file"]),
    ("csv missing column", "scene.json", _with(objective={"name": "linear_regression", "csv": "data.csv",
                                                          "x_column": "w"}),
     b"x,y\n1,2\n", ["data.csv: no column 'w' for x_column"]),
    ("csv missing", "scene.json", _with(objective={"name": "linear_regression", "csv": "gone.csv"}), None,
     ["CSV file not found", "gone.csv"]),
    ("csv values too large", "scene.json", _with(objective={"name": "logistic_regression", "csv": "data.csv"}),
     b"x,y\n1e308,0\n-1e308,1\n", ["data.csv: logistic regression: x values up to 1e+308 are too large"]),
    ("logistic labels", "scene.json", _with(objective={"name": "logistic_regression", "csv": "data.csv"}),
     b"x,y\n1,0\n2,1\n3,7\n", ["data.csv: logistic regression labels must be 0 or 1 (row 4 has 7)"]),
    ("csv header with a line break", "scene.json", _with(objective={"name": "linear_regression", "csv": "data.csv"}),
     b'"a\nb",y\n1,2\n', ["no column 'x' for x_column (columns: a\\nb, y)"]),
    ("csv name with a line break", "scene.json", _with(objective={"name": "linear_regression", "csv": "bad\nname.csv"}),
     None, ["CSV file not found", "bad\\nname.csv"]),
    ("scene name with a line break", "two\nlines.json", '{"version": 1,,}', None, ["two\\nlines.json: invalid JSON"]),
]


@pytest.mark.parametrize("name,content,csv,fragments", [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_headless_cli_fails_cleanly(tmp_path, name, content, csv, fragments):
    if name is None:
        scene = tmp_path / "absent.json"
    elif content is None:
        scene = tmp_path / name
        scene.mkdir()
    else:
        scene = _scene(tmp_path, content, name)
    if csv is not None:
        _csv(tmp_path, csv)
    out = tmp_path / "out.csv"
    _assert_clean_failure(_headless(scene, out), out, fragments)


def test_headless_cli_bad_steps(tmp_path):
    scene = _scene(tmp_path, VALID_SCENE)
    out = tmp_path / "out.csv"
    _assert_clean_failure(_headless(scene, out, "--steps", "-1"), out, ["--steps: -1 is out of range"])


def test_headless_cli_accepts_a_bom_csv_and_writes_output(tmp_path):
    _csv(tmp_path, b"\xef\xbb\xbfx,y\r\n0,0\r\n1,1\r\n2,1\r\n3,0\r\n")
    scene = _scene(tmp_path, _with(objective={"name": "logistic_regression", "csv": "data.csv"}))
    out = tmp_path / "out.csv"
    proc = _headless(scene, out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert out.read_text(encoding="utf-8").splitlines()[0] == "optimizer,step,x,y,loss"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 4


def test_headless_in_process_errors_are_one_line(tmp_path):
    """The same contract without a subprocess, for a message that quotes raw line breaks from the CSV header."""
    import io

    from engine.headless import main

    _csv(tmp_path, '"a\r\nb\x85c\u2028d",y\n1,2\n')
    scene = _scene(tmp_path, _with(objective={"name": "linear_regression", "csv": "data.csv"}))
    out, err = io.StringIO(), io.StringIO()
    assert main(str(scene), csv_path=str(tmp_path / "o.csv"), stdout=out, stderr=err) == 2
    assert len(err.getvalue().splitlines()) == 1, err.getvalue()
    assert "a\\r\\nb\\x85c\\u2028d" in err.getvalue()
    assert out.getvalue() == ""
    assert not (tmp_path / "o.csv").exists()
