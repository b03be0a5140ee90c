"""Colours and pens shared by the views and the export (one place, so screen and PNG look alike)."""

from __future__ import annotations

import html
import re

import pyqtgraph as pg

from . import i18n
from .i18n import declared

# Tableau-10: distinct on a pale map and for the common colour-vision deficiencies in the first few entries.
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]

# A pale map (low = light cream, high = slate blue) so every palette colour stays readable on top of it.
SURFACE_CMAP = pg.ColorMap(
    pos=[0.0, 0.35, 0.7, 1.0],
    color=[(255, 252, 236), (226, 236, 228), (184, 206, 222), (128, 152, 184)],
)
ISO_PEN = pg.mkPen((70, 90, 120, 150), width=1)
ISO_LABEL = (60, 75, 100)
MINIMUM_BRUSH = pg.mkBrush(255, 215, 0)


def next_color(used: list[str]) -> str:
    """The first palette colour not in ``used`` (cycling once all are taken)."""
    for c in PALETTE:
        if c not in used:
            return c
    return PALETTE[len(used) % len(PALETTE)]


def fill_colors(colors: list[str | None]) -> list[str]:
    """Each run's colour: its own, else the first palette colour no other run has (how the window colours a scene
    that gives none, and so how its exports and the headless --png do)."""
    used, out = [c for c in colors if c], []
    for c in colors:
        if not c:
            c = next_color(used)
            used.append(c)
        out.append(c)
    return out


def configure() -> None:
    pg.setConfigOptions(background="w", foreground="k", antialias=False, useOpenGL=False,
                        imageAxisOrder="row-major")


def opaque_grid(plot) -> None:
    """A light, fully opaque grid. pyqtgraph's default semi-transparent grid lines are blended pixel by pixel by
    Qt's raster engine (~65 µs per line against ~4 µs opaque): about 4 ms of every frame of the loss view."""
    # Grid lines are replayed from the axes' QPicture on every frame of a growing plot: keep them few (horizontal
    # lines only; the x axis keeps its ticks).
    plot.showGrid(x=False, y=True, alpha=1.0)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(222, 222, 222))
        axis.setTextPen(pg.mkPen(40, 40, 40))
    # The grid is painted by the left axis, which pyqtgraph stacks above the view (z 0.5 against the view's -100):
    # a curve lying on a grid line (a constant η = 0.1 on a decade of the state plot) vanished under it.
    plot.getAxis("left").setZValue(-101)


# Combining marks (the hats of m̂, v̂) are drawn on the wrong glyph, or not at all, when Qt shapes them in DejaVu
# Sans, the default sans font on Debian/Ubuntu ("β₁̂m", "(1̂−β₂)", "∇̂f" in the rule panel). DejaVu Serif places them
# right (fonts-dejavu-core ships both), and a serif letter under a hat reads as the mathematical symbol it is.
MATH_FONT = "DejaVu Serif"
_HATTED = re.compile("(.\u0302)")


def math_html(text: str) -> str:
    """Rich text with every letter that carries a hat set in MATH_FONT (``text`` is already escaped HTML)."""
    return _HATTED.sub(lambda m: f"<span style=\"font-family:'{MATH_FONT}'\">{m.group(1)}</span>", text)


def rule_line(spec) -> str:
    """A run's rule in one line: its title (in the current language) and its update rule, hats in MATH_FONT."""
    text = math_html(f"<b>{html.escape(declared(spec.title))}</b> &nbsp;<span style='color:#555'>"
                     f"{declared(spec.rule)}</span>")
    return i18n.remember(text, lambda: rule_line(spec))


def explanation_html(spec) -> str:
    """An optimizer's tooltip: its rule, its one-paragraph explanation and what torch calls it, escaped (the
    declaration's text is plain), hats in MATH_FONT."""
    text = math_html(f"<b>{html.escape(declared(spec.title))}</b>: {html.escape(declared(spec.rule))}<br><br>"
                     f"{html.escape(declared(spec.explanation))}<br><br><i>{html.escape(declared(spec.torch))}</i>")
    return i18n.remember(text, lambda: explanation_html(spec))
