"""Every update rule in the window: its generated form (check boxes for torch's boolean options), its explanation
as tooltips, its rule panel and state plot, and a scene with its options saved and opened again."""

from __future__ import annotations

import json

import numpy as np
from gui_helpers import engine_session, make_settings, plain
from PySide6 import QtWidgets

from engine import OPTIMIZERS, explain, scene_from_dict
from engine.explain import QUANTITIES, preview_step
from gui.teaching import row_html


def _scene(optimizers: list[dict]):
    return scene_from_dict({"version": 1, "objective": {"name": "bowl"}, "start": [-7, 2], "steps": 30,
                            "optimizers": optimizers})


def test_boolean_options_are_check_boxes_that_reach_the_engine_and_the_file(make_window, tmp_path):
    window = make_window(_scene([{"type": "adam", "lr": 0.3}, {"type": "rmsprop", "lr": 0.05, "centered": True}]))
    c = window.c
    adam, rms = window.optimizers_panel.editors
    assert set(adam.form.checks) == {"amsgrad"} and set(rms.form.checks) == {"centered"}
    assert "amsgrad" not in adam.form.spins and "weight_decay" in adam.form.spins
    assert not adam.form.checks["amsgrad"].isChecked() and rms.form.checks["centered"].isChecked()
    tip = adam.form.checks["amsgrad"].toolTip()
    assert "true or false" in tip and "default false" in tip
    for _ in range(5):
        window.act_step.trigger()
    adam.form.checks["amsgrad"].setChecked(True)  # a live edit, from step 5 on
    adam.form.spins["weight_decay"].setValue(0.1)
    assert c.scene.optimizers[0].hyperparams["amsgrad"] is True
    assert c.scene.optimizers[0].hyperparams["weight_decay"] == 0.1
    for _ in range(10):
        window.act_step.trigger()
    # the same race from the engine alone, with the edits at step 5
    ref = engine_session(_scene([{"type": "adam", "lr": 0.3}, {"type": "rmsprop", "lr": 0.05, "centered": True}]))
    ref.step(5)
    ref.set_hyperparams(0, {"amsgrad": True})
    ref.set_hyperparams(0, {"weight_decay": 0.1})
    snap = ref.step(10)
    for i in range(2):
        assert np.array_equal(c.snapshot.trajectory(i), snap.trajectory(i))

    path = tmp_path / "options.json"
    assert window.save_scene(str(path))
    saved = json.loads(path.read_text(encoding="utf-8"))["optimizers"]
    assert saved[0]["amsgrad"] is True and saved[1]["centered"] is True and saved[0]["weight_decay"] == 0.1
    other = make_window(settings=make_settings(tmp_path / "other.ini"))
    assert other.open_scene(str(path))
    a2, r2 = other.optimizers_panel.editors
    assert a2.form.checks["amsgrad"].isChecked() and r2.form.checks["centered"].isChecked()
    assert a2.form.values()["amsgrad"] is True and a2.form.values()["weight_decay"] == 0.1
    r2.form.checks["centered"].setChecked(False)
    assert other.c.scene.optimizers[1].hyperparams["centered"] is False


def test_explanations_are_the_tooltips_of_the_rule_line_and_the_add_menu(make_window):
    window = make_window(_scene([{"type": t} for t in OPTIMIZERS]))
    for editor, spec in zip(window.optimizers_panel.editors, OPTIMIZERS.values()):
        assert spec.explanation  # plain text, "<" and all: the tooltip escapes it
        line = editor.findChild(QtWidgets.QLabel, "ruleLine")
        tip = plain(line.toolTip())
        assert spec.explanation in tip and spec.title in tip and spec.torch in tip
    menu = window.optimizers_panel.add_button.menu()
    assert menu.toolTipsVisible()
    actions = menu.actions()
    assert [a.text() for a in actions] == [s.title for s in OPTIMIZERS.values()]
    for a, spec in zip(actions, OPTIMIZERS.values()):
        assert spec.explanation in plain(a.toolTip())


def test_every_rule_shows_its_rows_and_state_in_the_teaching_panel(make_window):
    """Each rule's rows with this step's numbers (RAdam's ρ_t: un-adapted at step 3, adapted later), and each of
    its state quantities plotted for it."""
    window = make_window(_scene([{"type": t, "lr": 0.01} for t in OPTIMIZERS]))
    c = window.c
    combo = window.teach_panel.run_combo
    for k in (3, 12):
        while c.snapshot.step < k:
            window.act_step.trigger()
        ref = engine_session(c.scene)
        ref.step(k)
        for i, r in enumerate(c.snapshot.runs):
            combo.setCurrentIndex(i)
            text = plain(window.teach_panel.rule.text())
            rows = explain.rule_rows(preview_step(ref, i))
            for row in rows:
                assert plain(row_html(row)) in text, (r.label, row.text)
            if c.scene.optimizers[i].type == "radam":
                assert ("no adaptive rate yet" in text) == (k == 3), text
    panel = window.teach_panel
    keys = [panel.quantity.itemData(j) for j in range(panel.quantity.count())]
    assert keys == list(QUANTITIES)
    for j, key in enumerate(keys):
        panel.quantity.setCurrentIndex(j)
        note = panel.state_note.text()
        for r, spec in zip(c.snapshot.runs, OPTIMIZERS.values()):
            if key in spec.quantities and key != "rho_t":
                assert r.label in note, (key, r.label, note)
