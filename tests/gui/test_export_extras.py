"""Exports carry what the window shows beside the race: the Data view, the sweep map with its colour bar and the basin
layer (window exports), and the scene's own maps and data view (headless figures)."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from engine import BatchConfig, load_scene
from gui.export import ExportOptions, dispose, headless_figure
from gui.maps import metric_values
from gui_helpers import BOOK, CSV_SCENE


def _png_size(path) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size


def test_a_data_objective_exports_its_data_view_at_the_shown_step(window, tmp_path):
    panel = window.objective_panel
    panel.combo.setCurrentIndex(panel.combo.findData("linear_regression"))
    window.c.set_batch(BatchConfig("minibatch", 16, True, True))
    window.c.step(12)
    window.scrub_to(5)
    fig = window.make_export_figure("both")
    try:
        assert fig.data_view is not None and fig.columns == 3
        snap = window.c.snapshot
        for i in range(len(snap.runs)):
            w, b = snap.trajectory(i)[:, 5]
            x, y = fig.data_view.lines[i].getData()
            np.testing.assert_array_equal(y, w * x + b)
        rows = window.c.session.sampler_of(0).batch(4)  # the batch of step 4 -> 5, ringed
        np.testing.assert_array_equal(fig.data_view.batch.getData()[0], window.c.objective.x[rows])
    finally:
        fig.win.deleteLater()
    out = tmp_path / "data.png"
    assert window.export_png(str(out), 1200)
    assert _png_size(out)[0] == 1200
    # without extras: the race only
    fig = window.make_export_figure("both", options=ExportOptions(extras=False))
    try:
        assert fig.data_view is None and fig.columns == 2
    finally:
        fig.win.deleteLater()


def test_the_sweep_shown_in_the_maps_dock_is_exported_with_its_colour_bar(window, qtbot):
    window.maps_dock.show()
    window.maps_dock.raise_()
    qtbot.wait(20)
    t = window.maps_panel.sweep
    t.run_combo.setCurrentIndex(t.run_combo.findData("Momentum"))
    t.x_row.param.setCurrentIndex(t.x_row.param.findData("lr"))
    t.y_row.param.setCurrentIndex(t.y_row.param.findData("momentum"))
    t.x_row.count.setValue(10)
    t.y_row.count.setValue(7)
    t.compute()
    t.wait()
    fig = window.make_export_figure("both")
    try:
        sv = fig.sweep_view
        assert sv is not None and sv.result is t.result
        vals = metric_values(t.result, "loss")[0]
        np.testing.assert_array_equal(np.isnan(sv.image.image), np.isnan(vals))
        assert sv.bar.isVisible() and sv.bound.isVisible()
    finally:
        fig.win.deleteLater()
    window.maps_panel.setCurrentIndex(1)  # the Basins tab in front: no sweep panel
    fig = window.make_export_figure("both")
    try:
        assert fig.sweep_view is None
    finally:
        fig.win.deleteLater()


def test_the_basin_layer_shown_on_the_map_is_exported(window):
    panel = window.objective_panel
    panel.combo.setCurrentIndex(panel.combo.findData("himmelblau"))
    window.c.set_hyperparam(0, "lr", 0.01)
    window.maps_dock.show()
    window.maps_panel.setCurrentIndex(1)
    b = window.maps_panel.basins
    b.grid.setValue(12)
    b.grid_y.setValue(10)
    b.compute()
    b.wait()
    fig = window.make_export_figure("contour")
    try:
        images = [it for it in fig.contour.plot.items if it is not fig.contour.image
                  and type(it).__name__ == "ImageItem" and it.image is not None and it.image.ndim == 3
                  and it.image.shape[:2] == (10, 12)]
        assert len(images) == 1
        np.testing.assert_array_equal(images[0].image, window.basin_layer.image.image)
    finally:
        fig.win.deleteLater()


def test_headless_figures_carry_the_data_view_and_the_scenes_maps(qapp, tmp_path):
    scene = load_scene(CSV_SCENE)
    session = scene.build_session()
    snap = session.step(10)
    fig = headless_figure(scene, session, snap)
    try:
        assert fig.data_view is not None and fig.sweep_view is None
    finally:
        dispose(fig)
    data = json.loads(BOOK.read_text())
    data["sweep"] = {"runs": ["SGD"], "x": {"param": "lr", "from": 0.01, "to": 1.5, "count": 12, "scale": "log"}}
    data["basins"] = {"runs": ["SGD"], "grid": [9, 7], "steps": 20}
    path = tmp_path / "maps.json"
    path.write_text(json.dumps(data))
    scene = load_scene(path)
    session = scene.build_session()
    snap = session.step(scene.steps)
    fig = headless_figure(scene, session, snap)
    try:
        assert fig.data_view is None  # the bowl has no data
        sv = fig.sweep_view
        assert sv is not None and sv.result.shape == (12,) and len(sv.thresholds) == 1  # SGD's η < 1
        layers = [it for it in fig.contour.plot.items if type(it).__name__ == "ImageItem"
                  and it.image is not None and it.image.ndim == 3 and it.image.shape[:2] == (7, 9)]
        assert len(layers) == 1
    finally:
        dispose(fig)


def test_a_long_legend_wraps_inside_the_figure_and_a_short_one_stays_one_line(window):
    """Eight runs with their hyperparameters ran off the right edge of an exported figure."""
    from engine import OPTIMIZERS

    fig = window.make_export_figure("both")
    try:
        item = fig.legend.item
        assert item.textWidth() < 0  # four runs: one line, as before
    finally:
        fig.win.deleteLater()
    types = list(OPTIMIZERS)
    while len(window.c.scene.optimizers) < 8:
        window.c.add_run(types[len(window.c.scene.optimizers) % len(types)])
    fig = window.make_export_figure("both")
    try:
        item = fig.legend.item
        assert 0 < item.textWidth() <= fig.win.width()
        assert item.boundingRect().width() <= fig.win.width()
        assert item.boundingRect().height() > 1.5 * item.document().firstBlock().layout().lineAt(0).height()
    finally:
        fig.win.deleteLater()
