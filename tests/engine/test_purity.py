"""The engine is pure numpy: importing it (or running a scene headless without --png) never loads Qt."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "engine"
GUI_PREFIXES = (
    "PySide6",
    "PySide2",
    "PyQt4",
    "PyQt5",
    "PyQt6",
    "pyqtgraph",
    "shiboken",
    "shiboken2",
    "shiboken6",
    "sip",
    "qtpy",
    "gui",
)


def _is_gui(module: str) -> bool:
    top = module.split(".")[0]
    return top in GUI_PREFIXES or top.startswith(("PySide", "PyQt", "shiboken"))


def _engine_modules() -> list[str]:
    return sorted(f"engine.{p.stem}" for p in ENGINE.glob("*.py") if p.stem != "__init__")


def _loaded_after(code: str) -> dict:
    probe = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"{code}\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    p = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.splitlines()[-1])


def test_importing_engine_and_every_submodule_loads_no_qt():
    mods = _engine_modules()
    assert {
        "engine.optimizers",
        "engine.objectives",
        "engine.session",
        "engine.scene",
        "engine.headless",
    } <= set(mods)
    loaded = _loaded_after(
        "import importlib, engine\n" + "".join(f"importlib.import_module({m!r})\n" for m in mods)
    )
    assert set(mods) <= set(loaded)  # the probe really imported them
    assert "numpy" in loaded
    assert [m for m in loaded if _is_gui(m)] == []


def test_running_a_scene_headless_loads_no_qt(tmp_path):
    out = tmp_path / "o.csv"
    code = (
        "import runpy\n"
        f"sys.argv = ['main.py', '--headless', '--scene',"
        f" {str(ROOT / 'resources/scenes/book_comparison.json')!r},"
        f" '--csv', {str(out)!r}]\n"
        "try:\n"
        f"    runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
    )
    loaded = _loaded_after(code)
    assert out.is_file() and out.read_text().startswith("optimizer,step,x,y,loss\n")
    assert [m for m in loaded if _is_gui(m)] == []


def _imported_names(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.lineno, node.module
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            if (
                name in ("__import__", "import_module")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                yield node.lineno, str(node.args[0].value)


def test_engine_source_imports_no_gui_module():
    files = sorted(ENGINE.glob("*.py"))
    assert len(files) >= 10
    offenders, seen = [], set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = list(_imported_names(tree))
        seen.update(name for _, name in names)
        offenders += [f"{path.name}:{line}: {name}" for line, name in names if _is_gui(name)]
        text = path.read_text(encoding="utf-8")
        offenders += [
            f"{path.name}: mentions {word}"
            for word in ("PySide", "PyQt", "pyqtgraph", "shiboken")
            if word in text
        ]
    assert offenders == []
    assert {"numpy", "json", "csv"} <= seen  # the scan does see the engine's real imports


def test_the_gui_check_itself_recognises_qt():
    assert (
        _is_gui("PySide6.QtCore") and _is_gui("pyqtgraph") and _is_gui("shiboken6") and _is_gui("PyQt5.QtGui")
    )
    assert not _is_gui("numpy") and not _is_gui("engine.session")
