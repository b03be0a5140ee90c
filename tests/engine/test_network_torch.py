"""Every update rule torch.optim has, on a small network, against torch itself in float64: the same θ₀, data and
batches given to benchmarks/torch_net_worker.py (nn.Linear layers, CrossEntropyLoss, torch.optim), and the two
trajectories held equal to 1e-9 over 100 steps.

torch is not a dependency of this project: the reference runs in a Python that has it, found as $TORCH_PYTHON,
this interpreter, /tmp/torchenv/bin/python (the throw-away environment benchmarks/README.md describes) or python3
on PATH. Only when none of them imports torch are these tests skipped, and the skip says so.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import BatchConfig, RunSpec
from engine.netsession import NetSession
from engine.network import MLP
from optimizer_table import TABLE

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "benchmarks" / "torch_net_worker.py"
TORCH_RULES = ("sgd", "momentum", "nag_bengio", "adagrad", "rmsprop", "adam", "adamw", "nadam", "radam", "adamax",
               "adadelta")  # the rest (nag's look-ahead form, adam_nobc, lion) have no torch.optim class
STEPS = 100
BATCH = {"strategy": "minibatch", "batch_size": 8, "shuffle": True, "drop_last": False}


@functools.cache
def torch_python() -> str | None:
    for py in (os.environ.get("TORCH_PYTHON"), sys.executable, "/tmp/torchenv/bin/python", shutil.which("python3")):
        if not py or not Path(py).exists():
            continue
        try:
            ok = subprocess.run([py, "-c", "import torch, numpy"], capture_output=True, timeout=120).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return py
    return None


def request(obj: MLP, runs: list[RunSpec], seed: int) -> dict:
    return {"data": {"X": obj.X.tolist(), "labels": obj.labels.tolist()}, "hidden": list(obj.hidden),
            "activation": obj.activation, "init": obj.init, "init_seed": obj.init_seed,
            "runs": [{"type": r.type, "hp": r.hyperparams} for r in runs], "batch": {**BATCH, "seed": seed},
            "steps": STEPS, "every": 10, "thetas": True, "threads": 1}


def data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((44, 5)) * np.arange(1, 6) + 1.0
    y = rng.integers(0, 3, 44)
    return X, y


ACTIVATIONS = ("relu", "tanh", "sigmoid")


def case(activation: str) -> tuple[MLP, list[RunSpec]]:
    X, y = data()
    obj = MLP(X, y, (7, 6), activation, "xavier" if activation != "relu" else "he", 11)
    runs = [RunSpec(kind, f"{kind}-{j}", hp) for kind in TORCH_RULES
            for j, hp in enumerate(TABLE[kind].settings("data"))]
    return obj, runs


@functools.cache
def torch_races() -> dict:
    """torch's races for the three activations, from one worker process."""
    py = torch_python()
    if py is None:
        pytest.skip("no Python that imports torch (set TORCH_PYTHON to one; see benchmarks/README.md): "
                    "the torch reference cannot run")
    reqs = [request(*case(a), seed=9) for a in ACTIVATIONS]
    out = subprocess.run([py, str(WORKER)], input=json.dumps(reqs), capture_output=True, text=True, timeout=900,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    return dict(zip(ACTIVATIONS, json.loads(out.stdout)))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_torch_rule_matches_torch_on_a_network(activation):
    obj, runs = case(activation)
    theirs = torch_races()[activation]
    session = NetSession(obj, runs, BatchConfig(**{k: v for k, v in BATCH.items()}), seed=9, every=10,
                         snapshots=None)
    snap = session.step(STEPS)
    assert theirs["steps"] == snap.record_steps.tolist() == list(range(0, STEPS + 1, 10))
    for i, r in enumerate(runs):
        assert snap.runs[i].diverged_at is None, r.label
        ours = snap.path(i)[1]
        ref = np.array(theirs["thetas"][i])[::10]
        assert ours.shape == ref.shape
        gap = np.abs(ours - ref).max()
        assert gap <= 1e-9 * max(1.0, float(np.abs(ref).max())), (r.label, r.hyperparams, gap)
        assert np.allclose(snap.losses(i)[1], theirs["loss"][i], rtol=1e-9, atol=0), r.label
        assert float(np.abs(ours[-1] - obj.theta0).max()) > 1e-3, r.label  # it really moved


def test_the_book_network_on_the_digits_matches_torch_for_20_steps():
    """The Figure 6-9 network (4 × 100 ReLU, He) on the shipped digits, read, standardised and initialised by the
    worker itself from the contract, batches of 128 shuffled per epoch."""
    from engine.network import DIGITS, make_mlp

    py = torch_python()
    if py is None:
        pytest.skip("no Python that imports torch (set TORCH_PYTHON to one; see benchmarks/README.md)")
    obj = make_mlp({"name": "mlp"})
    runs = [RunSpec("momentum", "m", {"lr": 0.01, "momentum": 0.9}), RunSpec("adam", "a", {"lr": 0.001})]
    runs = [RunSpec(r.type, r.label, TABLE[r.type].defaults | r.hyperparams) for r in runs]
    req = {"data": {"csv": str(DIGITS)}, "hidden": [100] * 4, "runs": [{"type": r.type, "hp": r.hyperparams}
                                                                       for r in runs],
           "batch": {"strategy": "minibatch", "batch_size": 128, "shuffle": True, "drop_last": True, "seed": 0},
           "steps": 20, "every": 5, "threads": 1}
    out = subprocess.run([py, str(WORKER)], input=json.dumps(req), capture_output=True, text=True, timeout=600,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    theirs = json.loads(out.stdout)
    snap = NetSession(obj, runs, BatchConfig("minibatch", 128, True, True), 0, every=5).step(20)
    for i in range(2):
        steps, loss = snap.losses(i)
        assert steps.tolist() == theirs["steps"] == [0, 5, 10, 15, 20]
        assert np.allclose(loss, theirs["loss"][i], rtol=1e-12, atol=0)
