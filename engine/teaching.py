"""What the Explain dock shows for one frame, without a window: ``Teacher.compute(session, shown step, selected run,
toggles)`` returns an immutable ``Lesson`` (overlay data, the rule's rows, the quadratic insight, the state curves);
gui/teaching.py only draws it. Every rule-specific piece comes from the optimizers' declarations."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .explain import (QUANTITIES, QuadraticInsight, StepPreview, Tracer, gradient_fan, preview_step,
                      quadratic_insight, rule_rows)
from .i18n import declared, translate
from .limits import MAX_DRAWN_POINTS, MAX_TRACED_STEPS, NESTEROV_POINTS, STATE_POINTS
from .optimizers import OPTIMIZERS, Row, spec_for
from .session import RunSnapshot, Session, Snapshot

ARROW_FRACTION = 0.14  # the scaled −∇f arrow's length as a fraction of the view


def decimate(n: int, max_points: int = MAX_DRAWN_POINTS) -> slice | np.ndarray:
    """Indices of at most ~max_points evenly spread samples of 0..n-1, always keeping the last."""
    if n <= max_points:
        return slice(0, n)
    stride = math.ceil(n / max_points)
    idx = np.arange(0, n, stride)
    if idx[-1] != n - 1:
        idx = np.append(idx, n - 1)
    return idx


@dataclass(frozen=True)
class OverlayData:
    """Everything the overlay draws, in data coordinates; computed once per frame, drawn on screen and in exports."""

    color: str = "#000000"
    point: tuple | None = None
    neg_grad: tuple | None = None  # scaled −∇f
    tangent: tuple | None = None  # half-length vector along the level curve
    velocity: tuple | None = None  # V (true scale)
    step: tuple | None = None  # the next update Δx (true scale)
    nesterov: tuple | None = None  # (xs, ys) pairs X_n — X'_n
    nesterov_note: str = ""
    fan: tuple | None = None  # (K, 2) scaled −mini-batch gradients
    fan_note: str = ""
    eigen: tuple | None = None  # ((cx, cy), [(vector, label), ...])

    @property
    def caption(self) -> str:
        """What the drawn annotations mean, as one plain-text line shown under the map (never on it: labels on the
        map covered the trajectories and each other)."""
        parts = []
        if self.neg_grad is not None:
            parts.append(translate("Explain", "−∇f scaled, ⟂ the level curve (dashed)"))
        if self.velocity is not None:
            parts.append(translate("Explain", "V velocity"))
        if self.step is not None:
            parts.append(translate("Explain", "Δx next step (true scale)"))
        if self.fan_note:
            parts.append(translate("Explain", "fan: {note}").format(note=self.fan_note))
        if self.nesterov_note:
            parts.append(self.nesterov_note)
        return "  ·  ".join(parts)


@dataclass(frozen=True)
class Toggles:
    """Which overlays are on (the Explain dock's check boxes)."""

    arrows: bool = True
    nesterov: bool = True
    fan: bool = False
    eigen: bool = False


@dataclass(frozen=True)
class StateCurve:
    color: str
    steps: np.ndarray  # x: step indices
    values: np.ndarray  # y: finite and > 0 (the plot is logarithmic)
    dashed: bool  # the y coordinate's curve (solid: x)


@dataclass(frozen=True)
class Lesson:
    """One frame of the Explain dock. ``None`` in ``rule`` or ``curves`` means "not recomputed this frame: leave
    what is shown" (texts are refreshed less often while playing; the state plot only while the dock is visible)."""

    overlay: OverlayData = OverlayData()
    run: RunSnapshot | None = None  # the explained run, as shown
    preview: StepPreview | None = None  # its step from the shown point (None: diverged or beyond the history)
    rule: tuple[Row, ...] | None = ()  # the rule's rows with this step's numbers
    insight: QuadraticInsight | None = None
    texts: bool = False  # the rule and insight were computed this frame
    curves: tuple[StateCurve, ...] | None = ()
    state_note: str = ""


class Teacher:
    """Computes each frame's Lesson; keeps a state history (a replica session) while it is needed."""

    def __init__(self):
        self.tracer: Tracer | None = None

    def reset(self) -> None:
        self.tracer = None

    def _tracer(self, session: Session) -> Tracer:
        s = session
        if self.tracer is None or self.tracer.session is not s or self.tracer.replica.step_count > s.step_count:
            self.tracer = Tracer(s)
        self.tracer.sync()
        return self.tracer

    def compute(self, session: Session | None, shown: Snapshot | None, selected: int | None,
                toggles: Toggles = Toggles(), quantity: str = "eta_eff", panel_visible: bool = True,
                texts: bool = True) -> Lesson:
        """The lesson for run ``selected`` of ``shown`` (the step being shown, live or scrubbed back). The state
        history is only kept up while the panel is visible or a past step is shown. ``texts`` False leaves the rule
        and insight out (``rule`` None)."""
        if session is None or shown is None or selected is None or not 0 <= selected < len(shown.runs):
            return Lesson()
        obj = session.objective
        i = selected
        r = shown.runs[i]
        k = r.n_points - 1  # the step this run is shown at
        point = np.array(r.point)
        live = k == session.step_count
        tracer = None
        if panel_visible or not live:
            tracer = self._tracer(session)
            if k > tracer.steps:
                tracer = None  # beyond the traced history
        if live and r.diverged_at is None:
            prev = preview_step(session, i)
        elif tracer is not None:
            prev = tracer.preview_at(i, k, point)
        else:
            prev = None
        color = r.color or "#000000"
        insight = quadratic_insight(obj)
        rule, curves, note = None, None, ""
        if panel_visible:
            if texts:
                rule = tuple(rule_rows(prev)) if prev is not None else ()
            curves, note = self._state_curves(shown, tracer, quantity)
        lesson = dict(run=r, preview=prev, rule=rule, insight=insight, texts=panel_visible and texts,
                      curves=curves, state_note=note)
        d = {"color": color, "point": tuple(point)}
        if prev is None:
            return Lesson(OverlayData(**d), **lesson)
        x0, x1, y0, y1 = obj.bounds
        L = ARROW_FRACTION * max(x1 - x0, y1 - y0)
        if toggles.arrows:
            spec = spec_for(prev.type, prev.convention)
            # the arrows belong to the point shown: a look-ahead rule's own gradient was taken elsewhere
            g = prev.grad if not spec.looks_ahead else obj.grad(point.reshape(1, 2), session.sampler_of(i).batch(k))[0]
            gn = float(np.hypot(*g))
            # At a stationary point the direction of a ~1e-16 gradient is rounding noise: draw no arrow for it.
            if np.isfinite(gn) and gn > 1e-9:
                d["neg_grad"] = tuple(-g / gn * L)
                d["tangent"] = tuple(np.array([-g[1], g[0]]) / gn * L * 0.8)
            if "V_prev" in prev.terms:
                d["velocity"] = tuple(prev.terms["V_prev"])
            d["step"] = tuple(prev.update)
        if toggles.fan and obj.is_data:
            sampler = session.sampler_of(i)
            b = sampler.size if not sampler.full else session.batch_config.batch_size
            fan = gradient_fan(obj, point, b, seed=session.seed + 7919 * k)
            if fan is not None:
                fn = float(np.hypot(*fan.full))
                scale = L / fn if fn > 0 else 1.0
                vecs = -fan.samples * scale
                lens = np.hypot(vecs[:, 0], vecs[:, 1])
                vecs = vecs * np.minimum(1.0, 3 * L / np.maximum(lens, 1e-300))[:, None]
                d["fan"] = tuple(map(tuple, vecs))
                d["fan_note"] = translate("Explain", "B = {b}: spread {spread}×|∇f|").format(
                    b=fan.batch_size, spread=f"{fan.spread:.2f}")
        if toggles.nesterov:
            d.update(_reformulation_pairs(session, shown))
        if toggles.eigen and insight is not None:
            span = 0.5 * max(x1 - x0, y1 - y0)
            axes = []
            for j in range(2):
                v = insight.eigenvectors[:, j] * span
                axes.append((tuple(v), f"λ{'₁₂'[j]} = {insight.eigenvalues[j]:.3g}"))
            d["eigen"] = (insight.center, axes)
        return Lesson(OverlayData(**d), **lesson)

    @staticmethod
    def _state_curves(shown: Snapshot, tracer: Tracer | None, key: str) -> tuple[tuple[StateCurve, ...], str]:
        if tracer is None:
            return (), translate("Explain", "State history is kept for the first {n} steps.").format(
                n=f"{MAX_TRACED_STEPS:,}")
        curves, names = [], []
        for i, r in enumerate(shown.runs):
            n = min(r.n_points, tracer.steps + 1)
            idx = decimate(n, STATE_POINTS)
            steps = idx if isinstance(idx, np.ndarray) else np.arange(n)
            q = tracer.quantity(i, key, steps)
            has = False
            for c, dashed in ((0, False), (1, True)):
                y = q[:, c]
                ok = np.isfinite(y) & (y > 0)
                if ok.any():
                    curves.append(StateCurve(r.color or "#000000", steps[ok], y[ok], dashed))
                    has = True
            if has:
                names.append(r.label)
        title = declared(QUANTITIES[key][0])
        note = (translate("Explain", "{quantity}: {runs} (solid x, dashed y)").format(quantity=title,
                                                                                      runs=", ".join(names))
                if names else translate("Explain", "No run here has {quantity}.").format(
                    quantity=title.split(" (")[0]))
        if key == "eta_eff":
            note += translate("Explain", ". SGD and momentum use η itself (η_t under a schedule); AdaGrad's can only "
                              "shrink, RMSProp's and Adam's follow the recent gradients.")
        elif key == "lr":
            note += translate("Explain", ". A run without a schedule keeps its η; a live η edit rescales a schedule "
                              "from the next step.")
        return tuple(curves), note


def _reformulation_pairs(session: Session, shown: Snapshot) -> dict:
    """Dotted segments from each iterate of a rule to the same step of a rule that reformulates it (Nesterov's
    look-ahead X_n and Bengio's X'_n = X_n + αV_{n−1}), for the first run of each in the scene."""
    runs = shown.runs
    for spec in OPTIMIZERS.values():
        if spec.reformulates is None:
            continue
        # torch's forms only: the book's Nesterov is not Bengio's reformulation
        torch_form = [session.runs[j].convention == "torch" for j in range(len(runs))]
        orig = next((j for j, r in enumerate(runs) if r.type == spec.reformulates and torch_form[j]), None)
        ref = next((j for j, r in enumerate(runs) if r.type == spec.name and torch_form[j]), None)
        if orig is None or ref is None:
            continue
        a, b = shown.trajectory(orig), shown.trajectory(ref)
        n = min(a.shape[1], b.shape[1])
        if n < 2:
            return {}
        idx = decimate(n, NESTEROV_POINTS)
        idx = idx if isinstance(idx, np.ndarray) else np.arange(n)  # not arange(n)[idx]: O(n) every frame
        xs = np.column_stack([a[0, idx], b[0, idx]]).ravel()
        ys = np.column_stack([a[1, idx], b[1, idx]]).ravel()
        hp_a, hp_b = session.runs[orig].hyperparams, session.runs[ref].hyperparams
        same = all(hp_a[h.name] == hp_b[h.name] for h in spec.hyperparams)
        note = translate("Explain", "dotted: X'ₙ − Xₙ = αVₙ₋₁, from {a} (Xₙ) to {b} (X'ₙ)").format(
            a=runs[orig].label, b=runs[ref].label)
        if not same:
            note += translate("Explain", "; give both the same η and α to see one method sampled at two points")
        return {"nesterov": (xs, ys), "nesterov_note": note}
    return {}
