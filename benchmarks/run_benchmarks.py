"""Performance targets of Optimizer Playground, measured on this machine and printed as one table.

    uv run python benchmarks/run_benchmarks.py            # everything (about 2 minutes on 2 cores)
    uv run python benchmarks/run_benchmarks.py --quick    # smaller sizes, fewer repeats (about 40 s)
    uv run python benchmarks/run_benchmarks.py --only torch --only memory

Each benchmark is a function returning rows; add one by appending it to BENCHMARKS. Figures are medians of
repeats; they are measurements, not tests, and nothing here fails a build. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import OPTIMIZERS, RunSpec, Session, Swarm, make_objective  # noqa: E402


@dataclass
class Row:
    target: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    goal: str = ""
    result: str = "info"  # "pass" | "FAIL" | "info" | "skip" | "todo"
    note: str = ""


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} µs"


def _ms(seconds: float) -> str:
    if seconds < 1e-3:
        return _us(seconds)
    return f"{seconds * 1e3:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


# ---- (a) per-step cost vs torch.optim ---------------------------------------------------------------------------

# (surface, engine rule, learning rate); other settings are the defaults, start the surface's. Learning rates keep
# every run travelling for all 10,000 steps: RMSprop at lr 1e-3, say, reaches the minimum by step 3,700 and then
# circles it in a ±lr limit cycle that amplifies torch's different rounding order (p − lr·(g/avg) there,
# p − (lr·g)/avg here) to 2e-3; up to then the two agree to 1e-9.
TORCH_CASES = [
    ("rosenbrock", "sgd", 1e-4), ("rosenbrock", "momentum", 1e-4), ("rosenbrock", "nag_bengio", 1e-4),
    ("rosenbrock", "adagrad", 1e-2), ("rosenbrock", "rmsprop", 1e-4), ("rosenbrock", "adam", 1e-3),
    ("beale", "adam", 1e-3),  # a surface whose float replica calls numpy's power
]


def _torch_python() -> str | None:
    """A Python that can import torch: $TORCH_PYTHON, this interpreter, or python3 on PATH."""
    candidates = [os.environ.get("TORCH_PYTHON"), sys.executable, shutil.which("python3")]
    for py in candidates:
        if not py:
            continue
        try:
            ok = subprocess.run([py, "-c", "import torch"], capture_output=True, timeout=120, check=False).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return py
    return None


def bench_torch(quick: bool) -> list[Row]:
    steps, repeats = (2000, 3) if quick else (10000, 5)
    torch_py = _torch_python()
    rows = []
    for surface, kind, lr in TORCH_CASES:
        obj = make_objective({"name": surface})
        hp = OPTIMIZERS[kind].resolve({"lr": lr})
        session = Session(obj, [RunSpec(kind, hyperparams=hp)])

        def run(session=session):
            session.reset()
            session.step(steps)
        engine_s = _median_time(run, repeats) / steps
        ours = session.snapshot().trajectory(0).T
        row = Row(f"a: {kind} step, 1 run, {surface} (engine vs torch)", _us(engine_s),
                  goal="≥ 3x cheaper than torch")
        if torch_py is None:
            row.baseline, row.result = "skipped (torch not importable)", "skip"
            row.note = "set TORCH_PYTHON to a python with torch"
        else:
            req = {"objective": surface, "optimizer": kind, "hp": hp, "start": list(obj.start), "steps": steps,
                   "repeats": repeats, **obj.settings}
            out = subprocess.run([torch_py, str(ROOT / "benchmarks" / "torch_worker.py")], input=json.dumps(req),
                                 capture_output=True, text=True, timeout=600, check=False)
            if out.returncode != 0:
                row.baseline, row.result, row.note = "torch worker failed", "skip", out.stderr.strip()[-200:]
            else:
                res = json.loads(out.stdout)
                torch_s = statistics.median(res["us_per_step"]) / 1e6
                theirs = np.array(res["trajectory"])
                diff = float(np.max(np.abs(ours - theirs)))
                same = bool(np.allclose(ours, theirs, rtol=1e-7, atol=1e-9))
                ratio = torch_s / engine_s
                row.baseline, row.ratio = f"torch {_us(torch_s)}", f"{ratio:.1f}x"
                row.result = _verdict(ratio >= 3 and same)
                row.note = f"{steps} steps, max |Δθ| vs torch {diff:.1e}{'' if same else ' NOT allclose'}"
        rows.append(row)
    # the pessimistic case: one Session.step(1) call per step (snapshot built every time)
    session = Session(make_objective({"name": "rosenbrock"}), [RunSpec("adam", hyperparams={"lr": 1e-3})])
    calls = 1000 if quick else 5000

    def one_by_one():
        session.reset()
        for _ in range(calls):
            session.step(1)
    per_call = _median_time(one_by_one, 3) / calls
    rows.append(Row("a: adam via Session.step(1) per call (incl. snapshot)", _us(per_call),
                    note="per-call overhead; a GUI tick makes one such call"))
    return rows


# ---- (b) many particles ---------------------------------------------------------------------------------------

def bench_particles(quick: bool) -> list[Row]:
    n, steps = 10_000, 1000
    obj = make_objective({"name": "rosenbrock"})
    x0, x1, y0, y1 = obj.bounds
    rng = np.random.default_rng(0)
    starts = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])

    def swarm():
        Swarm(obj, "adam", starts, {"lr": 0.01}).step(steps)
    t_swarm = _median_time(swarm, 2 if quick else 3)

    def session():
        Session(obj, [RunSpec("adam", hyperparams={"lr": 0.01}, start=(x, y)) for x, y in starts.tolist()]).step(steps)
    t_session = _median_time(session, 1 if quick else 3)
    return [
        Row("b: 10k particles x 1000 Adam steps, Rosenbrock (Swarm)", _ms(t_swarm), goal="≤ 1 s",
            result=_verdict(t_swarm <= 1.0), note="construction + stepping; positions only"),
        Row("b: same as a Session of 10k RunSpecs (full history)", _ms(t_session),
            note="+240 MB of history; first-touch page faults are ~1/3 of it"),
    ]


# ---- (c) data scaling -----------------------------------------------------------------------------------------

def bench_data(quick: bool) -> list[Row]:
    rows = []
    for name in ("linear_regression", "logistic_regression"):
        obj = make_objective({"name": name, "samples": 1_000_000})
        session = Session(obj, [RunSpec("adam", hyperparams={"lr": 0.01})])
        steps = 20 if name == "logistic_regression" else 2000
        per_step = _median_time(lambda s=session, m=steps: s.step(m), 3) / steps
        rows.append(Row(f"c: full-batch step, {name}, 1M samples", _ms(per_step), goal="≤ 10 ms",
                        result=_verdict(per_step <= 0.010),
                        note="sufficient statistics" if name == "linear_regression" else
                        "grad + value over 1M rows every step (logaddexp dominates)"))
    t = {}
    for n in (1000, 1_000_000):
        obj = make_objective({"name": "linear_regression", "samples": n})
        t[n] = _median_time(lambda o=obj: o.grid(200), 5)
    rows.append(Row("c: linear-regression grid(200), 1M vs 1k samples", _ms(t[1_000_000]), f"1k: {_ms(t[1000])}",
                    f"{t[1_000_000] / t[1000]:.2f}x", "does not grow with samples",
                    _verdict(t[1_000_000] < 2 * t[1000] + 0.002)))
    # logistic-regression surface on 100k samples, computed progressively in ticks of a 20 ms budget
    obj = make_objective({"name": "logistic_regression", "samples": 100_000})
    job = obj.grid_job(200)
    ticks, t0, limit = [], time.perf_counter(), 3.0 if quick else float("inf")
    while True:
        a = time.perf_counter()
        done = job.step(0.02)
        ticks.append(time.perf_counter() - a)
        if done or time.perf_counter() - t0 > limit:
            break
    total = time.perf_counter() - t0
    total_txt = _ms(total) if done else f"~{_ms(total / job.progress)} (est. from {job.progress:.0%})"
    # what the previous value()-based grid cost: 400 of the 40,000 points, scaled
    P = np.column_stack([np.linspace(-1, 1, 400), np.linspace(-1, 1, 400)])
    chunk = max(1, 4_000_000 // obj.n_samples)
    old = _median_time(lambda: [obj.value(P[s:s + chunk]) for s in range(0, 400, chunk)], 1) * 100
    p99 = float(np.percentile(ticks, 99))
    rows.append(Row("c: logistic grid_job(200), 100k samples: longest step(0.02) tick", _ms(max(ticks)),
                    goal="every tick ≤ 50 ms", result=_verdict(max(ticks) <= 0.050),
                    note=f"{len(ticks)} ticks, 99th percentile {_ms(p99)}"))
    rows.append(Row("c: logistic grid(200), 100k samples: whole surface", total_txt, f"value()-based {_ms(old)} (est.)",
                    f"{old / (total / job.progress):.1f}x", note="one blocking call before; now pieces of ~1 ms"))
    return rows


# ---- (d) memory -----------------------------------------------------------------------------------------------

_MEMORY_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, {root!r})

    def peak_mb():
        # VmHWM: this process's own peak. ru_maxrss would also count the benchmark process it was forked from
        # (Linux carries the parent's high-water mark across fork + exec).
        try:
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from engine import OPTIMIZERS, RunSpec, Session, make_objective
    obj = make_objective({{"name": "rosenbrock"}})
    lrs = {{"sgd": 1e-4, "momentum": 1e-4, "nag": 1e-4, "nag_bengio": 1e-4, "adagrad": 1e-2, "rmsprop": 1e-3,
           "adam": 1e-3}}
    runs = [RunSpec(k, hyperparams={{"lr": lr}}) for k, lr in lrs.items()] + [RunSpec("adam", "adam-2")]
    s = Session(obj, runs)
    before = peak_mb()
    t0 = time.perf_counter()
    left = {steps}
    while left > 0:
        m = min(left, {chunk})
        s.step(m)
        left -= m
    dt = time.perf_counter() - t0
    snap = s.snapshot()
    assert snap.step == {steps} and all(r.n_points == {steps} + 1 for r in snap.runs)
    print(json.dumps({{"seconds": dt, "peak_mb": peak_mb(), "start_mb": before}}))
""")


def bench_memory(quick: bool) -> list[Row]:
    steps = 100_000 if quick else 1_000_000
    rows = []
    for chunk, how in ((steps, "one step(n) call"), (1000, "step(1000) calls, like a GUI")):
        code = _MEMORY_CHILD.format(root=str(ROOT), steps=steps, chunk=chunk)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800, check=False)
        if out.returncode != 0:
            rows.append(Row(f"d: 8 runs x {steps:,} steps ({how})", "error", result="FAIL",
                            note=out.stderr.strip()[-200:]))
            continue
        res = json.loads(out.stdout)
        full = steps == 1_000_000
        rows.append(Row(f"d: 8 runs x {steps:,} steps, peak RSS ({how})", f"{res['peak_mb']:.0f} MB",
                        f"before stepping {res['start_mb']:.0f} MB", goal="≤ 300 MB" if full else "",
                        result=_verdict(res["peak_mb"] <= 300) if full else "info",
                        note=f"took {res['seconds']:.1f} s (Rosenbrock, all 7 rules + a 2nd adam)"))
    return rows


# ---- (e) start-up ---------------------------------------------------------------------------------------------

def bench_startup(quick: bool) -> list[Row]:
    repeats = 3 if quick else 7
    scene = ROOT / "resources" / "scenes" / "book_comparison.json"

    def run(args):
        return _median_time(lambda: subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True,
                                                   check=True), repeats)
    bare = run(["-c", "import numpy"])
    headless = run(["main.py", "--headless", "--scene", str(scene)])
    return [
        Row("e: main.py --headless --scene book_comparison.json", _ms(headless), f"python -c 'import numpy' {_ms(bare)}",
            f"{headless / bare:.2f}x", note=f"whole process, median of {repeats}"),
        Row("e: main.py --headless ... --png (GUI export)", "—", result="todo", note="placeholder: GUI side"),
    ]


BENCHMARKS = {
    "torch": bench_torch,
    "particles": bench_particles,
    "data": bench_data,
    "memory": bench_memory,
    "startup": bench_startup,
}


def print_table(rows: list[Row]) -> None:
    head = Row("target", "measured", "baseline", "ratio", "goal", "result", "note")
    cols = ["target", "measured", "baseline", "ratio", "goal", "result", "note"]
    width = {c: max(len(getattr(r, c)) for r in [head, *rows]) for c in cols}

    def line(r: Row) -> str:
        return " | ".join(getattr(r, c).ljust(width[c]) for c in cols).rstrip()
    print(line(head))
    print("-+-".join("-" * width[c] for c in cols))
    for r in rows:
        print(line(r))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats")
    p.add_argument("--only", action="append", choices=list(BENCHMARKS), metavar="NAME",
                   help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    args = p.parse_args(argv)
    rows = []
    for name, fn in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        t0 = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(fn(args.quick))
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    print(f"\nOptimizer Playground benchmarks ({'quick' if args.quick else 'full'}; {os.cpu_count()} cores; "
          f"numpy {np.__version__}; python {sys.version.split()[0]})\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
