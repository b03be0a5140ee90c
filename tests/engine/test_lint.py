"""ruff's F rules (pyflakes: unused imports and variables, undefined names) find nothing anywhere in the project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    paths = ["engine", "gui", "tests", "benchmarks", "scripts", "main.py"]
    p = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *paths],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "All checks passed" in p.stdout
