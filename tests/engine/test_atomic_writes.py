"""Atomic writes (engine.fileio and everything built on it: save_scene, ``--headless --csv``): a failed write is a
PlaygroundError naming the path, leaves any earlier file intact and no temporary file behind; written files get
the usual permissions (the umask, not mkstemp's 0600).

Tests run as root, so chmod cannot make a folder unwritable: failures are provoked with missing folders, paths
through regular files, folders in the way, impossible names, and monkeypatched os functions that fail midway.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine import PlaygroundError, atomic_write_bytes, atomic_write_text, load_scene, save_scene, scene_from_dict
from engine import fileio
from engine.headless import main as headless_main

ROOT = Path(__file__).resolve().parents[2]
OLD = b"earlier contents\n"
SCENE = {"version": 1, "objective": {"name": "bowl"}, "steps": 3, "optimizers": [{"type": "sgd", "lr": 0.1}]}


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _earlier(tmp_path: Path) -> Path:
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    return target


# ---- success --------------------------------------------------------------------------------------------------

def test_new_file(tmp_path):
    atomic_write_text(tmp_path / "a.txt", "héllo\n")
    assert (tmp_path / "a.txt").read_bytes() == "héllo\n".encode("utf-8")
    assert _listing(tmp_path) == ["a.txt"]


def test_replaces_an_earlier_file(tmp_path):
    target = _earlier(tmp_path)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert _listing(tmp_path) == ["out.csv"]


def test_relative_path_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    atomic_write_text("plain.txt", "x")
    assert (tmp_path / "plain.txt").read_text() == "x"
    assert _listing(tmp_path) == ["plain.txt"]


def test_empty_data(tmp_path):
    target = _earlier(tmp_path)
    atomic_write_bytes(target, b"")
    assert target.read_bytes() == b""


def test_a_long_but_legal_name(tmp_path):
    name = "n" * 250 + ".csv"  # 254 bytes: legal, and the temporary name must still fit
    atomic_write_text(tmp_path / name, "x")
    assert _listing(tmp_path) == [name]


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_permissions_follow_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        atomic_write_text(tmp_path / "f.txt", "x")
        _earlier(tmp_path)
        atomic_write_text(tmp_path / "out.csv", "y")  # replacing: the new file's mode, not mkstemp's
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == mode


def test_save_scene_round_trip_with_normal_permissions(tmp_path, umask_022):
    scene = scene_from_dict(SCENE)
    save_scene(scene, tmp_path / "s.json")
    assert stat.S_IMODE((tmp_path / "s.json").stat().st_mode) == 0o644
    assert load_scene(tmp_path / "s.json") == scene
    assert _listing(tmp_path) == ["s.json"]


# ---- failures before anything is written --------------------------------------------------------------------------

def test_missing_folder(tmp_path):
    target = tmp_path / "no" / "such" / "out.csv"
    with pytest.raises(PlaygroundError, match=r"cannot write .*out.csv: the folder .*such does not exist"):
        atomic_write_text(target, "x")
    assert _listing(tmp_path) == []


def test_parent_is_a_regular_file(tmp_path):
    blocker = _earlier(tmp_path)
    with pytest.raises(PlaygroundError, match=r"cannot write .*out.csv/x.csv: .*out.csv is not a folder"):
        atomic_write_text(blocker / "x.csv", "x")
    assert blocker.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


def test_target_is_a_folder(tmp_path):
    (tmp_path / "out.csv").mkdir()
    (tmp_path / "out.csv" / "keep").write_bytes(OLD)
    with pytest.raises(PlaygroundError, match=r"cannot write .*out.csv: it is a folder"):
        atomic_write_text(tmp_path / "out.csv", "x")
    assert (tmp_path / "out.csv" / "keep").read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("name", ["a\x00b.csv", "x" * 300 + ".csv"])
def test_impossible_names(tmp_path, name):
    _earlier(tmp_path)
    with pytest.raises(PlaygroundError, match="cannot write"):
        atomic_write_text(tmp_path / name, "x")
    assert _listing(tmp_path) == ["out.csv"]


def test_text_that_is_not_valid_unicode(tmp_path):
    target = _earlier(tmp_path)
    with pytest.raises(PlaygroundError, match=r"cannot write .*out.csv: '\\ud800' is not valid Unicode text"):
        atomic_write_text(target, "a\ud800b")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


def test_no_temporary_file_can_be_made(tmp_path, monkeypatch):
    target = _earlier(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(PlaygroundError, match=r"cannot write .*out.csv: Permission denied"):
        atomic_write_text(target, "x")
    assert target.read_bytes() == OLD


# ---- failures midway: the earlier file survives and no temporary file is left --------------------------------------

class _FailingFile(io.FileIO):
    """Writes half of what it is given, then fails as a full disk would."""

    def write(self, data):
        super().write(bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _fdopen_failing_write(fd, mode="r", *args, **kwargs):
    assert "b" in mode
    return _FailingFile(fd, "w")


@pytest.mark.parametrize("failure", ["write", "fsync", "replace", "fchmod"])
def test_failure_midway_keeps_the_earlier_file(tmp_path, monkeypatch, failure):
    target = _earlier(tmp_path)
    code = {"write": errno.ENOSPC, "fsync": errno.EIO, "replace": errno.EBUSY, "fchmod": errno.EPERM}[failure]

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    if failure == "write":
        monkeypatch.setattr(fileio.os, "fdopen", _fdopen_failing_write)
    else:
        monkeypatch.setattr(fileio.os, failure, fail)
    with pytest.raises(PlaygroundError) as info:
        atomic_write_bytes(target, b"new contents " * 1000)
    assert str(info.value) == f"cannot write {target}: {os.strerror(code)}"
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


def test_interrupt_midway_is_not_swallowed_and_cleans_up(tmp_path, monkeypatch):
    target = _earlier(tmp_path)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


def test_readers_never_see_a_partial_file(tmp_path, monkeypatch):
    """While the data is being written, the target still holds the complete earlier contents."""
    target = _earlier(tmp_path)
    seen = []
    real_fsync = os.fsync

    def spying_fsync(fd):
        seen.append(target.read_bytes())
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", spying_fsync)
    atomic_write_bytes(target, b"new contents")
    assert seen == [OLD]
    assert target.read_bytes() == b"new contents"


def test_failed_save_scene_keeps_the_earlier_scene(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    save_scene(scene_from_dict(SCENE), path)
    before = path.read_bytes()

    def fail(*args):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(fileio.os, "replace", fail)
    with pytest.raises(PlaygroundError, match="cannot write .*s.json: Input/output error"):
        save_scene(scene_from_dict({**SCENE, "title": "changed"}), path)
    assert path.read_bytes() == before
    assert _listing(tmp_path) == ["s.json"]


# ---- headless --csv ---------------------------------------------------------------------------------------------------

def _scene_file(tmp_path: Path) -> Path:
    path = tmp_path / "scene.json"
    path.write_text(json.dumps(SCENE), encoding="utf-8")
    return path


def _run_in_process(scene: Path, out: Path) -> tuple[int, str, str]:
    so, se = io.StringIO(), io.StringIO()
    code = headless_main(str(scene), csv_path=str(out), stdout=so, stderr=se)
    return code, so.getvalue(), se.getvalue()


def test_headless_csv_success_has_normal_permissions(tmp_path, umask_022):
    out = tmp_path / "out.csv"
    code, stdout, stderr = _run_in_process(_scene_file(tmp_path), out)
    assert (code, stderr) == (0, "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert out.read_text().startswith("optimizer,step,x,y,loss\n")
    assert _listing(tmp_path) == ["out.csv", "scene.json"]


def test_headless_csv_failure_midway_keeps_the_earlier_output(tmp_path, monkeypatch):
    out = _earlier(tmp_path)
    monkeypatch.setattr(fileio.os, "fdopen", _fdopen_failing_write)
    code, stdout, stderr = _run_in_process(_scene_file(tmp_path), out)
    assert code == 2
    assert stderr == f"error: cannot write {out}: {os.strerror(errno.ENOSPC)}\n"
    assert stdout == ""
    assert out.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv", "scene.json"]


@pytest.mark.parametrize("where", ["missing folder", "through a file", "a folder"])
def test_headless_csv_unwritable_in_process(tmp_path, where):
    _earlier(tmp_path)
    out = {"missing folder": tmp_path / "nope" / "o.csv", "through a file": tmp_path / "out.csv" / "o.csv",
           "a folder": tmp_path}[where]
    code, stdout, stderr = _run_in_process(_scene_file(tmp_path), out)
    assert code == 2
    assert stderr.startswith(f"error: cannot write {out}: ") and stderr.count("\n") == 1
    assert stdout == ""
    assert (tmp_path / "out.csv").read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv", "scene.json"]


@pytest.mark.parametrize("where,fragment", [("nope/o.csv", "does not exist"), ("out.csv/o.csv", "is not a folder"),
                                            (".", "it is a folder")])
def test_headless_csv_unwritable_cli(tmp_path, where, fragment):
    _earlier(tmp_path)
    scene = _scene_file(tmp_path)
    out = tmp_path / where
    proc = subprocess.run([sys.executable, "main.py", "--headless", "--scene", str(scene), "--csv", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write ") and fragment in lines[0], proc.stderr
    assert proc.stdout == ""
    assert (tmp_path / "out.csv").read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv", "scene.json"]
