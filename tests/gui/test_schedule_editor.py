"""A learning-rate schedule set in a run's editor: the run's path, the rule panel's η_t, the "lr" state-plot
quantity, and Save / Open, each checked against an independent engine session and a loop from the formula."""

from __future__ import annotations

import json

import numpy as np
from gui_helpers import engine_session, make_settings, plain

from engine import Schedule


def press_step(window, n: int = 1) -> None:
    for _ in range(n):
        window.act_step.trigger()


def test_schedule_set_in_the_editor_applies_from_the_next_step(window, make_window, tmp_path):
    c = window.c
    original = c.scene
    editor = window.optimizers_panel.editors[0]  # SGD on the bowl
    assert editor.schedule_combo.currentData() is None and editor.schedule_box.isHidden()
    press_step(window, 3)
    editor.schedule_combo.setCurrentIndex(editor.schedule_combo.findData("exponential"))
    assert not editor.schedule_box.isHidden()
    assert editor.schedule_form.spins["gamma"].value() == 0.99  # the declared default
    editor.schedule_form.spins["gamma"].setValue(0.8)
    assert c.scene.optimizers[0].schedule == Schedule("exponential", {"gamma": 0.8})
    assert c.session.step_count == 3  # no reset
    press_step(window, 10)

    # an independent session given the same edit at the same step
    ref = engine_session(original)
    ref.step(3)
    ref.set_schedule(0, Schedule("exponential", {"gamma": 0.8}))
    want = ref.step(10)
    for i in range(len(want.runs)):
        assert np.array_equal(c.snapshot.trajectory(i), want.trajectory(i))
    # and the loop from the formula: η for the first 3 steps, then η·0.8ᵗ
    lr = original.optimizers[0].hyperparams["lr"]
    lrs = [lr if k < 3 else lr * 0.8 ** k for k in range(13)]
    x, y = original.start
    loop = [(x, y)]
    for k in range(13):  # SGD on x²/20 + y²: θ ← θ − η_k ∇f, ∇f = (x/10, 2y)
        x, y = x - lrs[k] * (x / 10), y - lrs[k] * (2 * y)
        loop.append((x, y))
    np.testing.assert_allclose(c.snapshot.trajectory(0).T, loop, rtol=1e-12)

    # the rule panel shows this step's η_t; the state plot's "lr" is the schedule (log10 on its axis)
    panel = window.teach_panel
    panel.run_combo.setCurrentIndex(0)
    assert f"η_t = {lr * 0.8 ** 13:.4g}" in plain(panel.rule.text())
    assert "exponential schedule, t = 13" in plain(panel.rule.text())
    panel.quantity.setCurrentIndex(panel.quantity.findData("lr"))
    sgd_color = c.snapshot.runs[0].color
    curves = [(item.xData, item.yData) for item in panel.state_curves
              if item.xData is not None and len(item.xData) and item._style[0] == sgd_color]
    assert len(curves) == 1
    xs, ys = curves[0]
    assert list(xs) == list(range(14))
    np.testing.assert_allclose(10 ** ys, [*lrs, lr * 0.8 ** 13], rtol=1e-12)

    # a warmup from the editor, then none again: both live
    editor.warmup_form.spins["steps"].setValue(4)
    assert c.scene.optimizers[0].schedule.warmup_steps == 4
    editor.schedule_combo.setCurrentIndex(editor.schedule_combo.findData("cosine"))
    s = c.scene.optimizers[0].schedule
    assert s.type == "cosine" and s.params == {"t_max": c.stop_at, "eta_min": 0.0} and s.warmup_steps == 4
    editor.schedule_combo.setCurrentIndex(editor.schedule_combo.findData(None))
    assert c.scene.optimizers[0].schedule is None and c.session.runs[0].schedule is None
    editor.schedule_combo.setCurrentIndex(editor.schedule_combo.findData("linear"))
    editor.schedule_form.spins["total_iters"].setValue(8)

    # Save writes it, Open reads it back into the editor
    path = tmp_path / "scheduled.json"
    assert window.save_scene(str(path))
    saved = json.loads(path.read_text(encoding="utf-8"))["optimizers"][0]["schedule"]
    assert saved == {"type": "linear", "start_factor": 1 / 3, "end_factor": 1.0, "total_iters": 8,
                     "warmup": {"steps": 4, "start_factor": 1 / 3}}
    other = make_window(settings=make_settings(tmp_path / "other.ini"))
    assert other.open_scene(str(path))
    e = other.optimizers_panel.editors[0]
    assert e.schedule_combo.currentData() == "linear" and e.schedule_form.spins["total_iters"].value() == 8
    assert e.warmup_form.spins["steps"].value() == 4
    assert other.optimizers_panel.editors[1].schedule_combo.currentData() is None
    assert other.c.current_scene().to_dict() == window.c.current_scene().to_dict()
