"""The Data view: the rows and each run's model at the shown step, the rows of the last batch ringed. Checked
against the snapshot's (w, b) and against batches worked out here from the strategy's definition."""

from __future__ import annotations

import numpy as np
import pytest

from engine import BatchConfig


def _data_window(window, name: str, batch: BatchConfig | None = None, samples: int | None = None):
    panel = window.objective_panel
    panel.combo.setCurrentIndex(panel.combo.findData(name))
    if samples is not None:
        settings = dict(window.c.scene.objective, samples=samples)
        assert window.c.set_objective(settings)
    if batch is not None:
        assert window.c.set_batch(batch)
    return window


def test_the_view_shows_only_for_data_objectives(window):
    assert not window.data_pane.isVisible()  # the bowl
    _data_window(window, "linear_regression")
    assert window.data_pane.isVisible()
    _data_window(window, "rosenbrock")
    assert not window.data_pane.isVisible()


def test_each_runs_line_is_its_w_b_at_the_shown_step_and_scrubbing_moves_it(window):
    w = _data_window(window, "linear_regression")
    w.c.step(25)
    snap = w.c.snapshot
    for i, r in enumerate(snap.runs):
        x, y = w.data.lines[i].getData()
        wv, b = r.point
        np.testing.assert_array_equal(y, wv * x + b)
    # the least-squares line, dashed
    x, y = w.data.reference.getData()
    wl, bl = w.c.objective.minima[0]
    np.testing.assert_array_equal(y, wl * x + bl)
    w.scrub_to(7)
    for i in range(len(snap.runs)):
        wv, b = snap.trajectory(i)[:, 7]
        x, y = w.data.lines[i].getData()
        np.testing.assert_array_equal(y, wv * x + b)


def test_the_ringed_rows_are_the_batch_of_the_last_step(window):
    n, B = 50, 8
    w = _data_window(window, "linear_regression", BatchConfig("minibatch", B, True, True), samples=n)
    obj = w.c.objective
    seen = []
    for k in range(1, 7):  # one epoch: 50 // 8 = 6 batches, the last 2 rows dropped
        w.c.step(1)
        bx, by = w.data.batch.getData()
        assert len(bx) == B
        rows = [int(np.flatnonzero((obj.x == a) & (obj.y == c))[0]) for a, c in zip(bx, by)]
        seen.extend(rows)
        assert f"the {B} rows of step {k - 1} → {k}" in w.data.caption.toPlainText()
    assert len(set(seen)) == 48  # disjoint batches covering all but the 2 dropped rows
    perm = np.random.default_rng([w.c.scene.seed, 0]).permutation(n)  # the epoch's shuffle, by its definition
    assert seen == perm[:48].tolist()
    # the batch of step 3 -> 4 when scrubbed to step 4
    w.scrub_to(4)
    bx, _ = w.data.batch.getData()
    np.testing.assert_array_equal(bx, obj.x[perm[24:32]])


def test_stochastic_rings_one_row_and_full_batch_none(window):
    w = _data_window(window, "linear_regression", BatchConfig("stochastic"), samples=30)
    w.c.step(3)
    assert len(w.data.batch.getData()[0]) == 1
    assert "the row of step 2 → 3" in w.data.caption.toPlainText()
    w.c.set_batch(BatchConfig("full"))
    w.c.step(3)
    assert len(w.data.batch.getData()[0]) == 0
    assert "all 30 rows" in w.data.caption.toPlainText()


def test_logistic_regression_draws_sigmoids_and_decision_points(window):
    w = _data_window(window, "logistic_regression")
    w.c.step(40)
    snap = w.c.snapshot
    dec_x, dec_y = w.data.decision.getData()
    for i, r in enumerate(snap.runs):
        wv, b = r.point
        x, p = w.data.lines[i].getData()
        np.testing.assert_allclose(p, 1 / (1 + np.exp(-(wv * x + b))), rtol=1e-12, atol=1e-15)
        assert dec_x[i] == pytest.approx(-b / wv, rel=1e-12)
    assert np.all(dec_y == 0.5)
    # rows sit at their label, within the jitter
    _xs, ys = w.data.rows.getData()
    labels = w.c.objective.y[w.data.shown_rows]
    assert np.all(np.abs(ys - labels) <= 0.06 + 1e-12)


def test_residuals_and_hover_read_the_selected_run(window):
    w = _data_window(window, "linear_regression", samples=20)
    w.c.step(5)
    w.teach_panel.run_combo.setCurrentIndex(1)
    w.data_residuals.setChecked(True)
    xs, ys = w.data.residuals.getData()
    wv, b = w.c.snapshot.runs[1].point
    obj = w.c.objective
    np.testing.assert_array_equal(xs[0::2], obj.x)
    np.testing.assert_array_equal(ys[0::2], obj.y)
    np.testing.assert_array_equal(ys[1::2], wv * obj.x + b)
    vb = w.data.plot.vb
    row = w.data.row_at(float(obj.x[3]), float(obj.y[3]), vb.viewPixelSize())
    assert row == 3
    text = w.data.describe_row(3, w.c.snapshot, 1)
    assert text.startswith("row 4: ") and f"{w.c.snapshot.runs[1].label}: ŷ = {wv * obj.x[3] + b:.4g}" in text


def test_a_large_data_set_is_decimated_for_drawing_but_the_batch_is_exact(window):
    w = _data_window(window, "linear_regression", BatchConfig("minibatch", 64, True, True), samples=20000)
    assert len(w.data.rows.getData()[0]) == 5000
    w.c.step(2)
    obj = w.c.objective
    bx, _ = w.data.batch.getData()
    rows = w.c.session.sampler_of(0).batch(1)
    np.testing.assert_array_equal(bx, obj.x[rows])


def test_the_synthetic_data_set_picker_changes_the_data_and_keeps_the_knobs(window):
    w = _data_window(window, "linear_regression", samples=150)
    p = w.objective_panel
    assert p.dataset.isVisibleTo(p) and [p.dataset.itemData(i) for i in range(p.dataset.count())] == \
        ["line", "outliers"]
    before = w.c.objective.minima[0]
    i = p.dataset.findData("outliers")
    p.dataset.setCurrentIndex(i)
    p.dataset.activated.emit(i)
    assert w.c.scene.objective == {"name": "linear_regression", "samples": 150, "data": "outliers"}
    assert w.c.objective.n_samples == 150 and w.c.objective.minima[0] != before
    x, y = w.data.rows.getData()
    np.testing.assert_array_equal(y, w.c.objective.y)  # the view shows the new rows
    p.dataset.setCurrentIndex(0)
    p.dataset.activated.emit(0)
    assert "data" not in w.c.scene.objective  # the default is not written
