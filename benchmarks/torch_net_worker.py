"""torch doing the engine's network race (the mlp objective), for tests and benchmarks (any Python with torch and numpy).

Reads one JSON request on stdin, writes one JSON answer on stdout. The request:

    {"data": {"csv": PATH, "label_column": "label", "standardize": true}   # a CSV (plain or .gz) read with numpy,
       or {"X": [[...], ...], "labels": [...]},                            # or the rows themselves
     "hidden": [100, 100], "activation": "relu", "init": "he", "init_seed": 0,
     "runs": [{"type": "adam", "hp": {...}}, ...],
     "batch": {"strategy": "minibatch", "batch_size": 128, "shuffle": true, "drop_last": true, "seed": 0},
     "steps": 2000, "every": 100, "thetas": false, "threads": null}

and does what a torch user would write: an ``nn.Sequential`` of ``nn.Linear`` layers and activations in float64,
its weights set to the contract's θ₀ (numpy ``default_rng(init_seed)``, W drawn (fan_in, fan_out) and handed to
torch transposed), ``nn.CrossEntropyLoss()``, one ``torch.optim`` optimizer per run, and per step ``zero_grad``,
forward, ``backward``, ``step``. The batches are the engine's (``BatchSampler``'s rule written again here: row
order, or ``default_rng([seed, epoch]).permutation(n)`` per epoch; the last partial batch dropped or kept). The
full-data loss is computed under ``no_grad`` at steps 0, every, 2·every, … and the last.

A list of such requests is answered with a list of answers. The answer: {"seconds": training time, "steps": [...], "loss": [[per record] per run], "thetas": [[θ per step] per
run] (with "thetas": true), "torch": version, "threads": torch.get_num_threads()}.
"""

import gzip
import json
import sys
import time

import numpy as np
import torch

from torch_worker import make

torch.set_default_dtype(torch.float64)


def read_data(spec: dict) -> tuple[np.ndarray, np.ndarray]:
    if "X" in spec:
        return np.array(spec["X"], dtype=np.float64), np.array(spec["labels"], dtype=np.int64)
    path = spec["csv"]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        header = f.readline().strip().split(",")
        table = np.loadtxt(f, delimiter=",", dtype=np.float64, ndmin=2)
    li = header.index(spec.get("label_column", "label"))
    labels = table[:, li].astype(np.int64)
    X = np.delete(table, li, axis=1)
    if spec.get("standardize", True):
        std = X.std(axis=0)
        X = (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)
    return X, labels


def init_weights(sizes: list[int], init: str, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for fi, fo in zip(sizes[:-1], sizes[1:]):
        s = np.sqrt((2.0 if init == "he" else 1.0) / fi)
        out.append((rng.standard_normal((fi, fo)) * s, np.zeros(fo)))
    return out


def batches(cfg: dict, n: int, steps: int) -> list:
    """Row indices of steps 0 … steps−1 (None: every row), as engine/batching.py's BatchSampler gives them."""
    strategy = cfg.get("strategy", "full")
    if strategy == "full":
        return [None] * steps
    size = 1 if strategy == "stochastic" else cfg["batch_size"]
    drop = cfg.get("drop_last", True) or strategy == "stochastic"
    per_epoch = n // size if drop else -(-n // size)
    out = []
    for k in range(steps):
        epoch, it = divmod(k, per_epoch)
        order = (np.random.default_rng([cfg.get("seed", 0), epoch]).permutation(n) if cfg.get("shuffle", True)
                 else np.arange(n))
        out.append(torch.from_numpy(order[it * size:(it + 1) * size].copy()))
    return out


def model_for(weights, activation: str) -> torch.nn.Sequential:
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[activation]
    layers = []
    for j, (W, b) in enumerate(weights):
        lin = torch.nn.Linear(W.shape[0], W.shape[1], dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if j < len(weights) - 1:
            layers.append(act())
    return torch.nn.Sequential(*layers)


def flat(model: torch.nn.Sequential) -> list[float]:
    """θ in the engine's layout: each layer's W (fan_in, fan_out) row-major, then its b."""
    parts = []
    for m in model:
        if isinstance(m, torch.nn.Linear):
            parts += [m.weight.detach().T.reshape(-1), m.bias.detach()]
    return torch.cat(parts).tolist()


def main() -> None:
    req = json.load(sys.stdin)
    if isinstance(req, list):  # several races in one process (torch's import is most of a small race's time)
        json.dump([race(r) for r in req], sys.stdout)
    else:
        json.dump(race(req), sys.stdout)


def race(req: dict) -> dict:
    if req.get("threads"):
        torch.set_num_threads(int(req["threads"]))
    t0 = time.perf_counter()
    X_np, y_np = read_data(req["data"])
    X, y = torch.from_numpy(X_np), torch.from_numpy(y_np)
    sizes = [X.shape[1], *req["hidden"], int(y_np.max()) + 1]
    weights = init_weights(sizes, req.get("init", "he"), req.get("init_seed", 0))
    steps, every = int(req["steps"]), int(req.get("every", 1))
    plan = batches(req.get("batch", {}), len(y_np), steps)
    loss_fn = torch.nn.CrossEntropyLoss()
    models, opts = [], []
    for run in req["runs"]:
        model = model_for(weights, req.get("activation", "relu"))
        models.append(model)
        opts.append(make(run["type"], model.parameters(), run["hp"]))
    keep = req.get("thetas", False)
    thetas = [[flat(m)] for m in models] if keep else None
    rec_steps, losses = [], [[] for _ in models]

    def record(k):
        rec_steps.append(k)
        with torch.no_grad():
            for r, m in enumerate(models):
                losses[r].append(float(loss_fn(m(X), y)))
    record(0)
    for k in range(steps):
        rows = plan[k]
        xb, yb = (X, y) if rows is None else (X[rows], y[rows])
        for r, (m, opt) in enumerate(zip(models, opts)):
            opt.zero_grad()
            loss_fn(m(xb), yb).backward()
            opt.step()
            if keep:
                thetas[r].append(flat(m))
        if (k + 1) % every == 0 or k + 1 == steps:
            record(k + 1)
    seconds = time.perf_counter() - t0
    out = {"seconds": seconds, "steps": rec_steps, "loss": losses, "torch": torch.__version__,
           "threads": torch.get_num_threads()}
    if keep:
        out["thetas"] = thetas
    return out


if __name__ == "__main__":
    main()
