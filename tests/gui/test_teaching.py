"""The teaching layer in the real window: the rule panel's numbers, the timeline, the overlays, the state plot, the
quadratic insight, the presets menu and the overlays in exported pictures.

Every number the window shows is compared with an independent engine session built from the same scene (never the
window's own session), and with calculations written out here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_helpers import engine_session, plain, png_info
from PySide6 import QtWidgets

from engine import DEFAULT_SCENE, RESOURCES, load_scene, scene_from_dict
from engine.i18n import pick
from engine.explain import QUANTITIES, Tracer, gradient_fan, preview_step, quadratic_insight

PRESET_03 = RESOURCES / "presets" / "03_momentum_vs_nag.json"


def press_step(window, n: int = 1) -> None:
    for _ in range(n):
        window.act_step.trigger()


def fmt(v) -> str:
    """4 significant digits, a pair as "(x, y)": how the panel prints numbers."""
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return f"{float(a):.4g}"
    return "(" + ", ".join(f"{float(x):.4g}" for x in a.ravel()) + ")"


def rule_text(window) -> str:
    return plain(window.teach_panel.rule.text())


def reference(scene, k: int):
    """An engine-only session of ``scene`` stepped k times."""
    s = engine_session(scene)
    s.step(k)
    return s


def expected_numbers(p) -> list[str]:
    """Every number of a StepPreview the rule panel is meant to show, formatted."""
    T = p.terms
    out = [fmt(p.point), fmt(p.grad), fmt(p.update), fmt(p.next_point)]
    if p.type == "nag":
        out.append(fmt(p.query))
    for key in ("V_prev", "V", "h", "eta_eff", "m", "v", "m_hat", "v_hat", "bc1", "bc2"):
        if key in T:
            out.append(fmt(T[key]))
    return out


def line_end(item) -> tuple[float, float]:
    x, y = item.getData()
    return float(x[-1]), float(y[-1])


def cross(a, b) -> float:
    return float(a[0] * b[1] - a[1] * b[0])


def empty(item) -> bool:
    xs = item.getData()[0]
    return xs is None or len(xs) == 0


def unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    return v / np.hypot(*v)


# ---- the rule with this step's numbers -------------------------------------------------------------------------

def test_rule_panel_shows_the_engine_preview_and_the_next_step_matches(window):
    c = window.c
    k = 6
    press_step(window, k)
    ref = reference(c.scene, k)
    combo = window.teach_panel.run_combo
    assert [combo.itemText(j) for j in range(combo.count())] == [r.label for r in c.snapshot.runs]
    texts = []
    for i, r in enumerate(c.snapshot.runs):
        combo.setCurrentIndex(i)
        p = preview_step(ref, i)
        text = rule_text(window)
        assert f"{r.label}" in text and f"step {k} → {k + 1}" in text
        for number in expected_numbers(p):
            assert number in text, (r.label, number, text)
        texts.append(text)
    assert len(set(texts)) == len(texts)  # each run has its own rule and numbers
    # one more Step: the window's session lands exactly where the preview said
    previews = [preview_step(ref, i) for i in range(len(ref.runs))]
    press_step(window)
    for i, p in enumerate(previews):
        st = c.session.state_of(i)
        assert all(np.array_equal(np.ravel(a), np.ravel(b)) for a, b in zip(st, p.after))
        assert np.array_equal(c.session.params[i], p.next_point)
        assert c.snapshot.runs[i].point == tuple(p.next_point.tolist())
    assert f"step {k + 1} → {k + 2}" in rule_text(window)


def test_selecting_another_run_changes_the_rule(window):
    press_step(window, 3)
    combo = window.teach_panel.run_combo
    combo.setCurrentIndex(0)
    sgd = rule_text(window)
    combo.setCurrentIndex(3)
    adam = rule_text(window)
    assert sgd != adam
    assert "SGD" in sgd and "Adam" in adam and "m̂" in adam and "m̂" not in sgd


# ---- the timeline -----------------------------------------------------------------------------------------------

def test_scrubbing_shows_every_run_at_step_k_and_stepping_resumes_at_the_end(window, qtbot):
    c = window.c
    n = 12
    press_step(window, n)
    ref = reference(c.scene, n)
    truth = ref.snapshot()
    assert window.slider.maximum() == n and window.slider.value() == n
    for k in (0, 1, 5, 11):
        window.scrub_to(k)
        assert window.view_step == k and window.slider.value() == k
        assert window.status_step.text() == f"step {k}"
        assert f"viewing step {k} of {n}" in window.slider_label.text() and window.act_live.isEnabled()
        assert c.snapshot.step == n  # scrubbing never changes the race
        for i in range(len(truth.runs)):
            point = tuple(truth.trajectory(i)[:, k].tolist())
            assert line_end(window.contour.lines[i]) == point
            assert window.contour.head(i) == point
            assert len(window.contour.lines[i].getData()[0]) == k + 1
            loss = window.loss.full[i]
            assert list(loss.xData) == list(range(k + 1))
            assert loss.yData[-1] == np.log10(truth.losses(i)[k])  # the log axis' units
        # the rule shows the step k → k + 1 the run took, with the engine's numbers at step k
        at_k = reference(c.scene, k)
        i = window.teach_panel.run_combo.currentIndex()
        text = rule_text(window)
        assert f"step {k} → {k + 1}" in text
        for number in expected_numbers(preview_step(at_k, i)):
            assert number in text, (k, number)
        # and the Δx arrow is the step the run really took from there
        d = window.overlay.data
        assert np.allclose(d.step, truth.trajectory(i)[:, k + 1] - truth.trajectory(i)[:, k], rtol=1e-15, atol=0)
    # Step resumes from the end
    press_step(window)
    assert window.view_step is None and c.snapshot.step == n + 1
    assert window.slider.maximum() == n + 1 and window.slider.value() == n + 1
    assert window.status_step.text() == f"step {n + 1}" and not window.act_live.isEnabled()
    ref.step(1)
    for i in range(len(ref.runs)):
        assert line_end(window.contour.lines[i]) == ref.snapshot().runs[i].point
    # so does Play
    window.scrub_to(4)
    assert window.view_step == 4
    window.act_play.trigger()
    qtbot.waitUntil(lambda: c.snapshot.step >= n + 3, timeout=3000)
    if c.playing:
        window.act_play.trigger()
    assert window.view_step is None and window.slider.value() == window.slider.maximum() == c.snapshot.step
    # Live jumps back to the end too
    window.scrub_to(2)
    window.act_live.trigger()
    assert window.view_step is None and window.slider.value() == c.snapshot.step


def test_scrubbed_rule_uses_the_settings_of_that_step_across_live_edits_and_reset(window):
    c = window.c
    sgd = [r.type for r in c.scene.optimizers].index("sgd")
    window.teach_panel.run_combo.setCurrentIndex(sgd)
    press_step(window, 4)
    window.optimizers_panel.editors[sgd].form.spins["lr"].setValue(0.5)  # a live edit from step 4 on
    press_step(window, 4)
    traj = c.snapshot.trajectory(sgd).copy()
    for k, lr in ((2, 0.95), (3, 0.95), (4, 0.5), (6, 0.5)):
        window.scrub_to(k)
        text = rule_text(window)
        assert f"−{fmt(lr)}·" in text, (k, text)
        x, g = traj[:, k], np.array([traj[0, k] / 10, 2 * traj[1, k]])
        assert fmt(x - lr * g) in text  # x_{k+1} = x_k − η∇f, by hand
        assert np.array_equal(np.array(window.overlay.data.step), traj[:, k + 1] - traj[:, k])
    # Reset keeps the edited η: the race restarts with 0.5 from step 0, and the panel says so at every step
    window.act_reset.trigger()
    press_step(window, 3)
    traj = c.snapshot.trajectory(sgd).copy()
    for k in (0, 1, 2):
        window.scrub_to(k)
        assert f"−{fmt(0.5)}·" in rule_text(window)
        assert np.array_equal(np.array(window.overlay.data.step), traj[:, k + 1] - traj[:, k])


# ---- Nesterov both ways -------------------------------------------------------------------------------------------

def test_nesterov_segments_link_both_forms_and_equal_alpha_v(make_window):
    scene = load_scene(PRESET_03)
    window = make_window(scene)
    n = 15
    press_step(window, n)
    truth = reference(window.c.scene, n).snapshot()
    nag = [r.type for r in truth.runs].index("nag")
    ben = [r.type for r in truth.runs].index("nag_bengio")
    alpha = window.c.session.runs[nag].hyperparams["momentum"]
    N, B = truth.trajectory(nag), truth.trajectory(ben)
    xs, ys = window.overlay.nesterov.getData()
    assert len(xs) == len(ys) == 2 * (n + 1)
    for m in range(n + 1):
        a = np.array([xs[2 * m], ys[2 * m]])
        b = np.array([xs[2 * m + 1], ys[2 * m + 1]])
        assert np.array_equal(a, N[:, m]) and np.array_equal(b, B[:, m])
        if m:
            V_prev = N[:, m] - N[:, m - 1]  # the seed's V_{m−1}: X_m = X_{m−1} + V_{m−1}
            assert np.allclose(b - a, alpha * V_prev, rtol=1e-9, atol=1e-14), m
            assert math.hypot(*(b - a)) == pytest.approx(alpha * math.hypot(*V_prev), rel=1e-9)
    assert "αVₙ₋₁" in window.overlay_caption.text() and window.overlay_caption.isVisible()
    # scrubbed back, the segments stop at step k
    window.scrub_to(5)
    xs, ys = window.overlay.nesterov.getData()
    assert len(xs) == 12 and np.array_equal([xs[-2], ys[-2]], N[:, 5]) and np.array_equal([xs[-1], ys[-1]], B[:, 5])
    # the toggle removes them
    window.teach_panel.toggles["nesterov"].setChecked(False)
    assert empty(window.overlay.nesterov)
    assert "αVₙ₋₁" not in window.overlay_caption.text()
    window.teach_panel.toggles["nesterov"].setChecked(True)
    assert len(window.overlay.nesterov.getData()[0]) == 12


# ---- arrows -----------------------------------------------------------------------------------------------------

def test_arrows_gradient_tangent_velocity_and_step(window):
    c = window.c
    k = 5
    press_step(window, k)
    ref = reference(c.scene, k)
    mom = [r.type for r in c.snapshot.runs].index("momentum")
    window.teach_panel.run_combo.setCurrentIndex(mom)
    d = window.overlay.data
    x, y = ref.params[mom]
    assert d.point == (x, y)
    g = np.array([x / 10.0, 2.0 * y])  # ∇(x²/20 + y²)
    ng = np.array(d.neg_grad)
    assert abs(cross(ng, -g)) < 1e-12 * np.hypot(*ng) * np.hypot(*g) and ng @ -g > 0  # parallel to −∇f
    t = np.array(d.tangent)
    assert abs(t @ g) < 1e-12 * np.hypot(*t) * np.hypot(*g)  # along the level curve
    assert abs(t @ ng) < 1e-12 * np.hypot(*t) * np.hypot(*ng)
    # V = −η b from the engine's state; Δx = the engine's next step
    b = ref.state_of(mom).momentum_buffer
    lr = ref.runs[mom].hyperparams["lr"]
    assert np.array_equal(np.array(d.velocity), -lr * b)
    before = ref.params[mom].copy()
    ref.step(1)
    assert np.array_equal(np.array(d.step), ref.params[mom] - before)
    # the drawn arrows: tails at the point, tips at point + vector
    ov = window.overlay
    for arrow, vec in ((ov.grad, d.neg_grad), (ov.velocity, d.velocity), (ov.step, d.step)):
        assert arrow.item.isVisible()
        assert np.array_equal(arrow.tail, [x, y]) and np.allclose(arrow.tip, np.array([x, y]) + vec)
        ax, ay = arrow.item.getData()
        assert (ax[0], ay[0]) == (x, y)
    assert ov.tangent.item.isVisible()
    assert np.allclose(ov.tangent.tip - ov.tangent.tail, 2 * t)
    # SGD has no velocity arrow
    window.teach_panel.run_combo.setCurrentIndex(0)
    assert window.overlay.data.velocity is None and not ov.velocity.item.isVisible()
    # the toggle hides every arrow, and brings them back
    window.teach_panel.toggles["arrows"].setChecked(False)
    d = window.overlay.data
    assert d.neg_grad is None and d.step is None and d.tangent is None
    assert not any(a.item.isVisible() for a in (ov.grad, ov.tangent, ov.velocity, ov.step))
    window.teach_panel.toggles["arrows"].setChecked(True)
    assert ov.grad.item.isVisible() and ov.step.item.isVisible()


def test_nag_gradient_arrow_is_taken_at_the_current_point(make_window):
    window = make_window(load_scene(PRESET_03))
    press_step(window, 4)
    nag = [r.type for r in window.c.snapshot.runs].index("nag")
    window.teach_panel.run_combo.setCurrentIndex(nag)
    d = window.overlay.data
    x, y = d.point
    g = np.array([x / 10.0, 2.0 * y])
    ng = np.array(d.neg_grad)
    assert abs(cross(ng, -g)) < 1e-12 * np.hypot(*ng) * np.hypot(*g) and ng @ -g > 0
    # the step still uses the look-ahead gradient: it is the engine's
    ref = reference(window.c.scene, 4)
    before = ref.params[nag].copy()
    ref.step(1)
    assert np.array_equal(np.array(d.step), ref.params[nag] - before)
    assert "look-ahead" in rule_text(window)


def test_hessian_axes_and_insight_on_the_bowl(window):
    panel = window.teach_panel
    text = plain(panel.insight.text())
    assert "κ = λ₂/λ₁ = 20" in text and "2/λ_max = 1" in text
    assert f"{2 / 2.1:.4g}" in text
    assert window.overlay.data.eigen is None
    panel.toggles["eigen"].setChecked(True)
    center, axes = window.overlay.data.eigen
    assert center == (0.0, 0.0)
    q = quadratic_insight(window.c.objective)
    for (vec, label), lam, e in zip(axes, (0.1, 2.0), ((1.0, 0.0), (0.0, 1.0))):
        v = unit(vec)
        assert abs(abs(v @ np.array(e)) - 1) < 1e-15  # the eigen-directions of diag(0.1, 2): the axes
        assert label == f"λ{'₁' if lam == 0.1 else '₂'} = {lam:.3g}"
    xs, ys = window.overlay.eigen.getData()
    assert len(xs) == 4 and all(t.isVisible() for t in window.overlay.eigen_labels)
    H = q.hessian
    for j in range(2):  # each drawn segment is an eigenvector of H
        seg = np.array([xs[2 * j + 1] - xs[2 * j], ys[2 * j + 1] - ys[2 * j]])
        assert np.allclose(H @ seg, q.eigenvalues[j] * seg, rtol=1e-12, atol=1e-12)
    panel.toggles["eigen"].setChecked(False)
    assert empty(window.overlay.eigen)
    assert not any(t.isVisible() for t in window.overlay.eigen_labels)
    # a non-quadratic surface has no insight and no axes
    window.c.set_objective({"name": "rosenbrock"})
    panel.toggles["eigen"].setChecked(True)
    assert "appears for quadratic objectives" in plain(panel.insight.text())
    assert window.overlay.data.eigen is None


def test_minibatch_fan_on_linear_regression(make_window):
    scene = scene_from_dict({
        "version": 1, "objective": {"name": "linear_regression", "samples": 60, "noise": 0.7, "seed": 5},
        "batch": {"strategy": "minibatch", "batch_size": 8}, "seed": 4,
        "optimizers": [{"type": "sgd", "lr": 0.05}, {"type": "momentum", "lr": 0.02, "momentum": 0.9}]})
    window = make_window(scene)
    press_step(window, 3)
    panel = window.teach_panel
    assert window.overlay.data.fan is None
    panel.toggles["fan"].setChecked(True)
    d = window.overlay.data
    assert len(d.fan) == 24
    xs, ys = window.overlay.fan.getData()
    assert len(xs) == 48 and np.all(xs[::2] == d.point[0]) and np.all(ys[::2] == d.point[1])
    # each segment points along −(that mini-batch's gradient), from the same draws the engine makes
    fan = gradient_fan(window.c.objective, d.point, 8, seed=scene.seed + 7919 * 3)
    for vec, g in zip(d.fan, fan.samples):
        assert abs(cross(vec, -g)) < 1e-9 * np.hypot(*vec) * np.hypot(*g) and np.dot(vec, -g) > 0
    assert d.fan_note == f"B = 8: spread {fan.spread:.2f}×|∇f|"
    assert f"fan: {d.fan_note}" in window.overlay_caption.text() and window.overlay_caption.isVisible()
    # the spread is real: the mini-batch gradients differ from the full one
    assert fan.spread > 0.05
    # the quadratic insight appears for linear regression too
    assert "condition number" in plain(panel.insight.text())
    panel.toggles["fan"].setChecked(False)
    assert window.overlay.data.fan is None and "fan:" not in window.overlay_caption.text()
    assert empty(window.overlay.fan)


def test_fan_toggle_does_nothing_on_an_analytic_surface(window):
    window.teach_panel.toggles["fan"].setChecked(True)
    assert window.overlay.data.fan is None and "fan:" not in window.overlay_caption.text()


# ---- stability bound in the run editors -------------------------------------------------------------------------

def test_lr_field_turns_amber_at_the_stability_bound(window):
    editors = window.optimizers_panel.editors
    types = [r.type for r in window.c.scene.optimizers]
    sgd, mom = editors[types.index("sgd")], editors[types.index("momentum")]
    q = quadratic_insight(window.c.objective)
    assert q.lr_limit("sgd", {}) == 1.0
    # SGD at η = 0.95 < 1: the bound is shown, calmly
    assert not sgd.limit.isHidden() and "⚠" not in sgd.limit.text() and "1" in sgd.limit.text()
    assert "#ffd27f" not in sgd.form.spins["lr"].styleSheet()
    for lr, amber in ((1.0, True), (0.999, False), (1.5, True), (0.5, False)):
        sgd.form.spins["lr"].setValue(lr)
        assert window.c.scene.optimizers[types.index("sgd")].hyperparams["lr"] == lr
        assert ("⚠" in sgd.limit.text()) == amber, lr
        assert ("#ffd27f" in sgd.form.spins["lr"].styleSheet()) == amber, lr
    # momentum α = 0.9: 2(1 + α)/λ_max = 1.9
    assert "1.9" in mom.limit.text() and "⚠" not in mom.limit.text()
    mom.form.spins["lr"].setValue(1.9)
    assert "⚠" in mom.limit.text()
    mom.form.spins["momentum"].setValue(0.95)  # the bound moves with α: 2·1.95/2 = 1.95
    assert "1.95" in mom.limit.text() and "⚠" not in mom.limit.text()
    # adaptive methods have no such bound
    for t in ("adagrad", "adam"):
        e = editors[types.index(t)]
        assert e.limit.isHidden() and e.form.spins["lr"].styleSheet() == ""
    # no bound at all on a non-quadratic surface
    window.c.set_objective({"name": "rosenbrock"})
    assert all(e.limit.isHidden() for e in window.optimizers_panel.editors)


# ---- the state plot ---------------------------------------------------------------------------------------------

def test_state_plot_curves_equal_the_traced_quantities(window):
    c = window.c
    k = 9
    press_step(window, k)
    ref = engine_session(c.scene)
    tracer = Tracer(ref)
    ref.step(k)
    tracer.sync()
    panel = window.teach_panel
    keys = [panel.quantity.itemData(j) for j in range(panel.quantity.count())]
    assert keys == list(QUANTITIES)
    for j, key in enumerate(keys):
        panel.quantity.setCurrentIndex(j)
        want, names = [], []
        for i, r in enumerate(c.snapshot.runs):
            q = tracer.quantity(i, key)
            has = False
            for col in (0, 1):
                ok = np.isfinite(q[:, col]) & (q[:, col] > 0)
                if ok.any():
                    want.append((np.arange(k + 1)[ok], q[ok, col]))
                    has = True
            if has:
                names.append(r.label)
        got = [(item.xData, item.yData) for item in panel.state_curves if item.xData is not None
               and len(item.xData)]
        assert len(got) == len(want), key
        for (gx, gy), (wx, wy) in zip(got, want):
            assert np.array_equal(gx, wx) and np.array_equal(gy, np.log10(wy)), key  # the log axis' units
        note = panel.state_note.text()
        assert all(name in note for name in names), (key, note)
    # which runs have which quantity (book scene: SGD, Momentum, AdaGrad, Adam)
    panel.quantity.setCurrentIndex(keys.index("velocity"))
    assert "Momentum" in panel.state_note.text() and "Adam" not in panel.state_note.text()
    panel.quantity.setCurrentIndex(keys.index("m_hat"))
    assert "Adam" in panel.state_note.text() and "SGD" not in panel.state_note.text()


def test_state_plot_range_spans_the_curves_not_adagrads_step_0(window):
    """Before its first step AdaGrad's η/(√h + ε) is η/ε = 1.5·10¹⁰: a value it never uses, which used to set the
    plot's top and flatten every curve into a line at the bottom."""
    press_step(window, 12)
    panel = window.teach_panel
    panel.quantity.setCurrentIndex(panel.quantity.findData("eta_eff"))
    ys = np.concatenate([item.yData for item in panel.state_curves if item.yData is not None])
    assert len(ys) and ys.max() < 2  # log10: every η_eff after step 1 is below 10²
    adaptive = {r.color for r in window.c.snapshot.runs if r.label in ("AdaGrad", "Adam")}
    assert len(adaptive) == 2
    assert all(item.xData[0] == 1 for item in panel.state_curves  # their curves start after the first step
               if item.xData is not None and len(item.xData) and item._style[0] in adaptive)
    (_x0, _x1), (y0, y1) = panel.state_plot.getPlotItem().vb.viewRange()
    assert y0 <= ys.min() and ys.max() <= y1 < 2  # covers every curve, tops out below 10²
    assert y1 - y0 <= (ys.max() - ys.min()) + 1.5  # and spans roughly the curves (padding, half decades)


# ---- presets ----------------------------------------------------------------------------------------------------

def test_every_preset_opens_from_the_menu(window, monkeypatch):
    from gui.main_window import preset_paths

    asked = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (asked.append(a), ("", ""))[1]))
    actions = [a for a in window.presets_menu.actions() if not a.isSeparator()]
    paths = preset_paths()
    assert paths[0] == DEFAULT_SCENE and len(actions) == len(paths) == 11  # 8 presets and 2 network races
    for act, path in zip(actions, paths):
        scene = load_scene(path)
        title, description = pick(scene.title), pick(scene.description)  # {"en": ..., "ko": ...}: English here
        assert title == scene.title["en"] and description == scene.description["en"]
        assert act.text() == title and act.objectName() == f"preset_{path.stem}"
        act.trigger()
        c = window.c
        assert c.scene.title == scene.title and c.scene.objective == scene.objective
        assert [r.label for r in c.scene.optimizers] == [r.label for r in scene.optimizers]
        assert c.snapshot.step == 0 and c.stop_at == scene.steps
        assert window.scene_path is None
        note = window.teach_panel.note
        assert not note.isHidden() and description in plain(note.text()) and title in plain(note.text())
        assert title in window.windowTitle()
        # Save asks for a new file: presets are part of the program
        n = len(asked)
        text = path.read_bytes()
        window.act_save.trigger()
        assert len(asked) == n + 1 and window.scene_path is None
        assert path.read_bytes() == text  # the preset file is never written
        press_step(window, 2)
        assert window.teach_panel.rule.text()  # the rule panel works on every preset


# ---- overlays in exports ----------------------------------------------------------------------------------------

def test_exported_png_carries_the_overlays(make_window, tmp_path):
    window = make_window(load_scene(PRESET_03))
    press_step(window, 10)
    panel = window.teach_panel
    panel.toggles["eigen"].setChecked(True)
    on = tmp_path / "on.png"
    assert window.export_png(str(on), 700, "contour")
    for cb in panel.toggles.values():
        cb.setChecked(False)
    off = tmp_path / "off.png"
    assert window.export_png(str(off), 700, "contour")
    for path in (on, off):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        w, h, colours = png_info(path)
        assert w == 700 and h > 0 and colours > 20
    assert on.read_bytes() != off.read_bytes()
    # overlays back on: the same picture as before
    for key in ("arrows", "nesterov", "eigen"):
        panel.toggles[key].setChecked(True)
    again = tmp_path / "again.png"
    assert window.export_png(str(again), 700, "contour")
    assert png_info(again) == png_info(on)


# ---- the book's code as a convention ---------------------------------------------------------------------------

def test_convention_combo_switches_a_run_to_the_books_code_and_the_rule_panel_follows(window):
    panel = window.optimizers_panel
    c = window.c
    # the default scene: SGD, Momentum, AdaGrad, Adam; the combo is offered where the book's form differs
    assert [e.convention_row.isVisibleTo(e) for e in panel.editors] == [False, True, True, True]
    press_step(window, 3)
    panel.editors[3].convention_combo.setCurrentIndex(panel.editors[3].convention_combo.findData("book"))
    adam = c.scene.optimizers[3]
    assert adam.convention == "book" and adam.hyperparams["eps"] == 1e-7 and "amsgrad" not in adam.hyperparams
    assert adam.hyperparams["lr"] == 0.3  # a setting the run had changed is kept
    assert c.snapshot.step == 0  # the race restarted
    assert "Adam (book)" in plain(panel.editors[3].findChild(QtWidgets.QLabel, "ruleLine").text())
    press_step(window, 2)
    window.teach_panel.run_combo.setCurrentIndex(3)
    text = rule_text(window)
    assert "Adam (book)" in text and "η_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ)" in text
    truth = engine_session(c.scene)
    truth.step(2)
    p = preview_step(truth, 3)
    assert p.convention == "book" and fmt(p.update) in text
    # and back: torch's form, its own default ε
    panel.editors[3].convention_combo.setCurrentIndex(panel.editors[3].convention_combo.findData("torch"))
    assert c.scene.optimizers[3].convention == "torch" and c.scene.optimizers[3].hyperparams["eps"] == 1e-8


def test_a_convention_switch_the_book_cannot_take_is_refused_and_the_combo_reverts(window):
    panel = window.optimizers_panel
    c = window.c
    assert c.set_hyperparam(3, "amsgrad", True)
    errors = []
    c.errorRaised.connect(errors.append)
    combo = panel.editors[3].convention_combo
    combo.setCurrentIndex(combo.findData("book"))
    assert c.scene.optimizers[3].convention == "torch"
    assert errors and "amsgrad" in errors[-1]
    assert panel.editors[3].convention_combo.currentData() == "torch"
