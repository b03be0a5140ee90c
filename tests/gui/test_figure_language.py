"""Exported figures speak the chosen language: ``main.py --headless --lang ko --png`` draws the figure's title, legend
and caption in Korean, and without ``--lang ko`` they are English (checked on the figure's text items, not pixels)."""

from __future__ import annotations

import json

import pyqtgraph as pg
import pytest

import main as main_module
from engine import load_scene
from gui import export, i18n
from gui.export import ExportOptions, headless_figure
from gui_helpers import BOOK


def figure_labels(win: pg.GraphicsLayoutWidget) -> list[str]:
    """The texts of the figure's label rows (title, legend, caption) and panel titles, as drawn."""
    return [item.text for item in win.scene().items() if isinstance(item, pg.LabelItem) and item.text]


@pytest.fixture
def korean():
    yield
    i18n.set_language("en")


@pytest.fixture
def drawn(monkeypatch):
    """The label texts of every figure main.py writes as PNG (read just before it is rendered)."""
    seen: list[list[str]] = []
    real = export.write_png

    def spy(win, path, width, options=ExportOptions()):
        seen.append(figure_labels(win))
        real(win, path, width, options)

    monkeypatch.setattr(export, "write_png", spy)
    return seen


@pytest.mark.parametrize("lang, words, foreign", [
    ("ko", ["스텝 30"], ["step"]),
    ("en", ["step 30"], ["스텝"]),
])
def test_the_headless_png_is_drawn_in_the_language_asked_for(tmp_path, drawn, korean, lang, words, foreign):
    out = tmp_path / "book.png"
    assert main_module.main(["--headless", "--scene", str(BOOK), "--png", str(out), "--lang", lang]) == 0
    assert out.stat().st_size > 0
    assert len(drawn) == 1
    text = "\n".join(drawn[0])
    for w in words:
        assert w in text, (w, drawn[0])
    for w in foreign:
        assert w not in text, (w, drawn[0])


def test_korean_figure_caption_and_divergence_flag(tmp_path, korean):
    scene = json.loads(BOOK.read_text(encoding="utf-8"))
    scene["optimizers"][0]["lr"] = 50.0  # SGD on the bowl: y ← (1 − 2η) y blows up at once
    scene["optimizers"][1]["convention"] = "book"  # Momentum as the book writes it: "(book)" in its title
    path = tmp_path / "diverging.json"
    path.write_text(json.dumps(scene), encoding="utf-8")
    sc = load_scene(path)
    session = sc.build_session()
    snap = session.step(30)
    diverged = snap.runs[0].diverged_at
    assert diverged is not None
    i18n.set_language("ko")
    fig = headless_figure(sc, session, snap, options=ExportOptions(caption=True), layout="grid")
    try:
        title, caption = fig.title.text, fig.caption.text
        panels = [p.plot.titleLabel.text for p in fig.panels.panels]
    finally:
        export.dispose(fig)
    assert "스텝 30" in title and "step" not in title
    assert "시작점 (-7, 2)" in caption and ", 스텝 30" in caption and "from" not in caption
    assert f"스텝 {diverged}에서 발산" in panels[0] and "diverged" not in panels[0]
    assert all("발산" not in p for p in panels[1:])
    assert "Momentum (책) η=0.1" in panels[1] and "book" not in panels[1]
