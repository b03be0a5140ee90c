"""The runs' legend: one line of rich text above the contour map (never on it), the same in the window and in exports.

Each entry is the run's line colour, its label and, in the window, its current loss; a diverged run is flagged in
red with the step it blew up. Labels are user text: escaped, so a run called "<b>" is shown as typed.
"""

from __future__ import annotations

import html

from engine import Snapshot

from .i18n import translate

DIVERGED = "#b00020"


def diverged_note(step: int) -> str:
    """The red flag after a diverged run's label (legend, panel titles): rich text."""
    text = translate("Legend", "diverged at step {step}").format(step=step)
    return f" <span style='color:{DIVERGED}'>✕ {html.escape(text)}</span>"


def legend_html(snap: Snapshot | None, losses: bool = True, links: bool = False) -> str:
    """Rich text for the legend of ``snap``'s runs. ``links``: each entry is an ``run:i`` anchor (click to explain)."""
    if snap is None:
        return ""
    parts = []
    for i, r in enumerate(snap.runs):
        color = r.color or "#000000"
        label = html.escape(r.label)
        if links:
            label = f"<a href='run:{i}' style='color:#111; text-decoration:none'>{label}</a>"
        if r.diverged_at is not None:
            tail = diverged_note(r.diverged_at)
            label = f"<b>{label}</b>"
        elif losses:
            tail = f" <span style='color:#444'>{r.loss:.4g}</span>"
        else:
            tail = ""
        # one entry never breaks across lines (a label parted from its loss read as two runs); lines break between
        # entries
        parts.append(f"<span style='white-space:nowrap'><span style='color:{color}'>━━</span>&nbsp;{label}{tail}"
                     "</span>")
    return "&nbsp;&nbsp;&nbsp; ".join(parts)
