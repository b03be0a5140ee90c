"""Exported figures speak the chosen language: ``main.py --headless --lang ko --png`` draws the figure's title, legend
and caption in Korean, and without ``--lang ko`` they are English (checked on the figure's text items, not pixels).

Each case runs in a process of its own, as main.py does: switching the language of this test process would send a
language change to every widget earlier tests left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gui_helpers import BOOK

ROOT = Path(__file__).resolve().parents[2]

# Runs main.py's main() with write_png spied on: prints the label texts (title, legend, caption rows, panel titles)
# of each figure it writes, as JSON, after main's own output.
SPY = textwrap.dedent("""
    import json, sys
    import pyqtgraph as pg
    import main
    from gui import export

    seen = []
    real = export.write_png

    def spy(win, path, width, options=export.ExportOptions()):
        seen.append([i.text for i in win.scene().items() if isinstance(i, pg.LabelItem) and i.text])
        real(win, path, width, options)

    export.write_png = spy
    status = main.main(sys.argv[1:])
    print("LABELS " + json.dumps(seen))
    sys.exit(status)
""")

# A figure of a scene whose SGD diverges and whose Momentum is the book's form, in the grid layout with the caption
# line, drawn in the language given.
FIGURE = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    from engine import load_scene
    from gui import i18n
    from gui.export import ExportOptions, dispose, headless_figure

    app = QApplication([])
    i18n.set_language(sys.argv[2])
    scene = load_scene(sys.argv[1])
    session = scene.build_session()
    snap = session.step(30)
    fig = headless_figure(scene, session, snap, options=ExportOptions(caption=True), layout="grid")
    out = {"diverged": snap.runs[0].diverged_at, "title": fig.title.text, "caption": fig.caption.text,
           "panels": [p.plot.titleLabel.text for p in fig.panels.panels]}
    dispose(fig)
    print("FIGURE " + json.dumps(out))
""")


def run_python(code: str, *args: str) -> tuple[subprocess.CompletedProcess, dict | list]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith(("LABELS ", "FIGURE ")))
    return proc, json.loads(line.split(" ", 1)[1])


@pytest.mark.parametrize("lang, words, foreign", [
    ("ko", ["스텝 30"], ["step"]),
    ("en", ["step 30"], ["스텝"]),
])
def test_the_headless_png_is_drawn_in_the_language_asked_for(tmp_path, lang, words, foreign):
    out = tmp_path / "book.png"
    _proc, drawn = run_python(SPY, "--headless", "--scene", str(BOOK), "--png", str(out), "--lang", lang)
    assert out.stat().st_size > 0
    assert len(drawn) == 1
    text = "\n".join(drawn[0])
    for w in words:
        assert w in text, (w, drawn[0])
    for w in foreign:
        assert w not in text, (w, drawn[0])


@pytest.fixture
def diverging(tmp_path) -> Path:
    scene = json.loads(BOOK.read_text(encoding="utf-8"))
    scene["optimizers"][0]["lr"] = 50.0  # SGD on the bowl: y ← (1 − 2η) y blows up at once
    scene["optimizers"][1]["convention"] = "book"  # Momentum as the book writes it: "(book)" in its title
    path = tmp_path / "diverging.json"
    path.write_text(json.dumps(scene), encoding="utf-8")
    return path


def test_korean_figure_caption_divergence_flag_and_book_form(diverging):
    _proc, fig = run_python(FIGURE, str(diverging), "ko")
    title, caption, panels, diverged = fig["title"], fig["caption"], fig["panels"], fig["diverged"]
    assert diverged is not None
    assert "스텝 30" in title and "step" not in title
    assert "시작점 (-7, 2)" in caption and ", 스텝 30" in caption and "from" not in caption
    assert f"스텝 {diverged}에서 발산" in panels[0] and "diverged" not in panels[0]
    assert all("발산" not in p for p in panels[1:])
    assert "Momentum (책) η=0.1" in panels[1] and "book" not in panels[1]


def test_the_same_figure_in_english(diverging):
    _proc, fig = run_python(FIGURE, str(diverging), "en")
    assert "step 30" in fig["title"]
    assert "from (-7, 2)" in fig["caption"] and ", step 30" in fig["caption"]
    assert f"diverged at step {fig['diverged']}" in fig["panels"][0]
    assert "Momentum (book) η=0.1" in fig["panels"][1]
