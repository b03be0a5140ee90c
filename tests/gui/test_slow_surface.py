"""A slow surface (logistic regression on many rows) is computed off the event loop: the window keeps stepping."""

import numpy as np

from engine import make_objective
from gui.plots import GRID_N, compute_contour


def test_slow_surface_is_computed_in_the_background_while_the_race_goes_on(make_window, qtbot):
    w = make_window()
    settings = {"name": "logistic_regression", "samples": 3000}
    assert make_objective(settings).grid_is_slow(GRID_N)
    assert w.c.set_objective(settings)
    assert w.contour_data is None and w.contour.pending.isVisible()
    w.c.step(5)  # the race does not wait for the picture
    assert w.c.snapshot.step == 5
    qtbot.waitUntil(lambda: w.contour_data is not None, timeout=60_000)
    assert not w.contour.pending.isVisible()
    expected = compute_contour(w.c.objective)
    assert np.allclose(w.contour_data.image, expected.image, rtol=1e-12, atol=1e-12)
    assert np.allclose(w.contour.image.image, expected.image, rtol=1e-12, atol=1e-12)


def test_switching_away_from_a_slow_surface_cancels_it(make_window, qtbot):
    w = make_window()
    assert w.c.set_objective({"name": "logistic_regression", "samples": 5000})
    worker = w._worker
    assert w.c.set_objective({"name": "bowl"})
    assert w.contour_data is not None and worker.cancelled
    qtbot.waitUntil(lambda: worker not in w._workers, timeout=60_000)
    assert w.contour.objective is w.c.objective  # the late result was not drawn over the bowl


def test_a_failing_surface_computation_is_reported_and_the_race_goes_on(make_window, qtbot, monkeypatch):
    from gui import main_window

    def broken(*_a, **_kw):
        raise MemoryError("no room for the isocurves")

    w = make_window()
    monkeypatch.setattr(main_window, "compute_contour", broken)
    assert w.c.set_objective({"name": "logistic_regression", "samples": 3000})
    qtbot.waitUntil(lambda: not w._workers, timeout=60_000)
    assert w._worker is None and w.contour_data is None
    assert "Could not compute the loss surface: no room for the isocurves" in w._error_box.text()
    assert "could not be computed" in w.contour.pending.toPlainText()
    assert not w._progress_timer.isActive()
    w.c.step(3)
    assert w.c.snapshot.step == 3
