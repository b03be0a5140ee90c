"""The network presets (resources/presets/network/*.json): each loads, runs, and every claim its description makes
is checked against the engine's run of that very preset (the quoted phrases are asserted to be in the text).

They sit in a folder of their own until the window can show a network race: the Presets menu lists
resources/presets/*.json, and the window's views are 2-D.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from engine import RESOURCES, load_scene, save_scene
from engine.netsession import NetSession

NETWORK_PRESETS = sorted((RESOURCES / "presets" / "network").glob("*.json"))


EVERY = {"10_figure_6_9_digits": 100, "11_batch_size_network": 50}  # full-data loss records, as the GUI may ask


@functools.cache
def race(stem: str):
    scene = load_scene(RESOURCES / "presets" / "network" / f"{stem}.json")
    session = scene.build_session(every=EVERY[stem])
    return scene, session, session.step(scene.steps)


def label_index(scene, label):
    return [r.label for r in scene.optimizers].index(label)


def test_the_network_presets_are_there():
    assert [p.stem for p in NETWORK_PRESETS] == ["10_figure_6_9_digits", "11_batch_size_network"]


@pytest.mark.parametrize("path", NETWORK_PRESETS, ids=lambda p: p.stem)
def test_every_network_preset_loads_runs_and_round_trips(path, tmp_path):
    scene = load_scene(path)
    assert scene.title["en"] and scene.title["ko"] and min(len(v) for v in scene.description.values()) > 80
    assert scene.objective["name"] == "mlp"
    labels = [r.label for r in scene.optimizers]
    assert len(set(labels)) == len(labels) and all(r.color and r.enabled for r in scene.optimizers)
    scene_, session, snap = race(path.stem)
    assert isinstance(session, NetSession) and snap.step == scene.steps
    assert all(r.diverged_at is None for r in snap.runs)
    for i in range(len(snap.runs)):
        assert np.array_equal(snap.path(i)[1][0], session.objective.theta0)  # the same initial weights
        assert np.all(np.isfinite(snap.losses(i)[1])) and np.all(np.isfinite(snap.batch_losses(i)))
    save_scene(scene, tmp_path / "copy.json")
    assert load_scene(tmp_path / "copy.json") == scene


def test_10_figure_6_9():
    scene, session, snap = race("10_figure_6_9_digits")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    obj = session.objective
    assert "1,797 images, 10 classes" in d and obj.n_samples == 1797 and obj.n_classes == 10
    assert "4 hidden layers of 100 ReLU units with He initialisation" in d
    assert obj.hidden == (100, 100, 100, 100) and obj.activation == "relu" and obj.init == "he"
    assert "37,810 dimensions" in d and obj.dim == 37810
    assert "SGD η = 0.01, Momentum η = 0.01 with α = 0.9, AdaGrad η = 0.01 and Adam η = 0.001" in d
    hp = {r.label: r.hyperparams for r in session.runs}
    assert hp["SGD"]["lr"] == 0.01 and (hp["Momentum"]["lr"], hp["Momentum"]["momentum"]) == (0.01, 0.9)
    assert hp["AdaGrad"]["lr"] == 0.01 and hp["Adam"]["lr"] == 0.001
    assert [r.type for r in session.runs] == ["sgd", "momentum", "adagrad", "adam"]
    assert "mini-batches of 128 rows (14 a pass over the data, the last 5 rows of each shuffled pass dropped)" in d
    s = session.sampler
    assert (s.size, s.iterations_per_epoch, s.dropped, s.config.shuffle) == (128, 14, 5, True)
    assert "for 2,000 steps" in d and scene.steps == 2000
    assert "more than ten times that of any of the other three, which all end below 0.01" in d
    final = {r.label: r.loss for r in snap.runs}
    others = [final[k] for k in ("Momentum", "AdaGrad", "Adam")]
    assert all(final["SGD"] > 10 * v for v in others) and all(v < 0.01 for v in others)
    # the records the loss view gets: every 100 steps
    assert snap.record_steps.tolist() == list(range(0, 2001, 100))


def test_11_batch_size_on_a_network():
    scene, session, snap = race("11_batch_size_network")
    d = scene.description["en"]  # the claims are checked in English; test_scene checks ko has the same numbers
    full, mini, one = (label_index(scene, k) for k in ("full batch", "B = 128", "B = 1"))
    assert all(r.type == "sgd" and r.hyperparams["lr"] == 0.01 for r in session.runs)
    assert [session.sampler_of(i).size for i in (full, mini, one)] == [1797, 128, 1]
    assert "after 600 steps their full-data losses are within 1 % of each other" in d and scene.steps == 600
    lf, lm, l1 = (snap.runs[i].loss for i in (full, mini, one))
    assert abs(lf - lm) < 0.01 * lf
    assert "14 times fewer rows" in d and 1797 // 128 == 14
    assert "in 600 steps it reads a third of what one full-batch step reads" in d and 600 / 1797 == pytest.approx(1 / 3,
                                                                                                                 abs=0.01)
    start = snap.losses(one)[1][0]
    assert "from 2.79 to below 0.5" in d and round(start, 2) == 2.79 and l1 < 0.5
    early = scene.build_session(every=1).step(5)  # the first steps, with the full-data loss at each
    assert "one full-batch step leaves it above 2.6" in d and early.losses(full)[1][1] > 2.6
    assert "its spread over the last 100 steps more than ten times the mini-batch's" in d
    assert np.std(snap.batch_losses(one)[-100:]) > 10 * np.std(snap.batch_losses(mini)[-100:])
    # "per row read, the smaller the batch, the faster the loss falls": B = 1 after 600 rows, B = 128 after 640
    # (5 steps), the full batch after 1,797 (1 step)
    assert "per row read, the smaller the batch, the faster the loss falls" in d
    assert l1 < early.losses(mini)[1][5] < early.losses(full)[1][1]
    # "per step, the larger the batch, the steadier": the batch loss's spread over the last 100 steps
    spread = [np.std(np.diff(snap.batch_losses(i)[-100:])) for i in (full, mini, one)]
    assert spread[0] < spread[1] < spread[2]
