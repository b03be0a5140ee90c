"""torch.optim doing the engine's arithmetic on a 2-D surface, for run_benchmarks.py (any Python with torch).

Reads one JSON request on stdin: {"objective": "rosenbrock" | "beale", "optimizer": "adam", "hp": {...},
"start": [x, y], "a": 1.0, "b": 100.0, "steps": N, "repeats": r}; writes {"us_per_step": [one per repeat], "trajectory": [[x, y], ...], "torch": version}.

Each step is what a torch user would write for a 2-D problem with a known gradient: the analytic gradient computed
with torch operations on the parameter tensor (float64, under no_grad), handed over as ``p.grad``, ``opt.step()``,
and the new point stored in a preallocated history tensor. No loss is evaluated (the engine's timing includes one),
so the comparison leans in torch's favour.
"""

import json
import sys
import time

import torch

# float64 throughout, torch's optimizer state included: NAdam keeps its momentum product in a tensor of the default
# dtype (float32 unless told), which alone puts a relative 1e-8 into the first step.
torch.set_default_dtype(torch.float64)


def make(name: str, params, hp: dict):
    """The torch.optim optimizer for one of the engine's rules, with every option the engine's run has."""
    betas = (hp.get("beta1"), hp.get("beta2"))
    wd = hp.get("weight_decay", 0.0)
    if name == "sgd":
        return torch.optim.SGD(params, lr=hp["lr"], weight_decay=wd)
    if name == "momentum":
        return torch.optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"], dampening=hp["dampening"],
                               weight_decay=wd)
    if name == "nag_bengio":
        return torch.optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"], nesterov=True, weight_decay=wd)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr=hp["lr"], lr_decay=hp["lr_decay"], weight_decay=wd,
                                   initial_accumulator_value=hp["initial_accumulator_value"], eps=hp["eps"])
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=hp["lr"], alpha=hp["alpha"], eps=hp["eps"], weight_decay=wd,
                                   momentum=hp["momentum"], centered=hp["centered"])
    if name in ("adam", "adamw"):
        cls = torch.optim.Adam if name == "adam" else torch.optim.AdamW
        return cls(params, lr=hp["lr"], betas=betas, eps=hp["eps"], weight_decay=wd, amsgrad=hp["amsgrad"])
    if name == "nadam":
        return torch.optim.NAdam(params, lr=hp["lr"], betas=betas, eps=hp["eps"], weight_decay=wd,
                                 momentum_decay=hp["momentum_decay"])
    if name == "radam":
        return torch.optim.RAdam(params, lr=hp["lr"], betas=betas, eps=hp["eps"], weight_decay=wd)
    if name == "adamax":
        return torch.optim.Adamax(params, lr=hp["lr"], betas=betas, eps=hp["eps"], weight_decay=wd)
    if name == "adadelta":
        return torch.optim.Adadelta(params, lr=hp["lr"], rho=hp["rho"], eps=hp["eps"], weight_decay=wd)
    raise ValueError(name)


def rosenbrock_grad(a: float, b: float):
    def grad(x, y):
        r = y - x * x
        return torch.stack((-2.0 * (a - x) - 4.0 * b * x * r, 2.0 * b * r))
    return grad


def beale_grad(x, y):
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    return torch.stack((2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1),
                        2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y**2))


def run(req: dict) -> tuple[float, list]:
    n = int(req["steps"])
    grad = beale_grad if req.get("objective") == "beale" else rosenbrock_grad(float(req["a"]), float(req["b"]))
    p = torch.tensor(req["start"], dtype=torch.float64, requires_grad=True)
    opt = make(req["optimizer"], [p], req["hp"])
    hist = torch.empty((n + 1, 2), dtype=torch.float64)
    with torch.no_grad():
        hist[0] = p
        t0 = time.perf_counter()
        for k in range(n):
            p.grad = grad(p[0], p[1])
            opt.step()
            hist[k + 1] = p
        dt = time.perf_counter() - t0
    return dt / n * 1e6, hist.tolist()


def main() -> None:
    torch.set_num_threads(1)  # 2-element tensors: a thread pool would only add overhead
    req = json.load(sys.stdin)
    times, traj = [], None
    for _ in range(int(req.get("repeats", 3))):
        us, traj = run(req)
        times.append(us)
    json.dump({"us_per_step": times, "trajectory": traj, "torch": torch.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
