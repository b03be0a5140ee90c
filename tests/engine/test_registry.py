"""Each optimizer is one unit: its declaration in engine/optimizers.py carries everything the app shows about it, and
no other module switches on an optimizer's name. The generic checks here run over the whole registry, so a new
declaration is checked the moment it is added."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest

from optimizer_table import TABLE

from engine import OPTIMIZERS, BatchConfig, BatchSampler, get_optimizer, make_objective
from engine.explain import QUANTITIES, preview, quadratic_insight, rule_rows, seed_terms
from engine.optimizers import Quantity, Row, bias_correction, fmt

ROOT = Path(__file__).resolve().parents[2]
APP = [ROOT / "engine", ROOT / "gui", ROOT / "scripts", ROOT / "benchmarks", ROOT / "main.py"]
TYPES = list(OPTIMIZERS)


# ---- no switches on optimizer names outside the registry ------------------------------------------------------

def _literal_names(node: ast.AST) -> set[str]:
    """The optimizer names a comparison's other side spells out: a string, or strings in a tuple, list or set."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value} & set(OPTIMIZERS)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set().union(*(_literal_names(e) for e in node.elts)) if node.elts else set()
    return set()


def _is_type(node: ast.AST) -> bool:
    """``opt_type``, ``kind``, ``type`` or anything ``.type``: what holds an optimizer's name."""
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name in ("type", "kind") or name.endswith("_type")


def name_switches(source: str) -> list[tuple[int, str]]:
    """(line, text) of every ==, !=, in, not in between an optimizer-type expression and literal optimizer names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        for a, b in zip(sides, sides[1:]):
            if (_is_type(a) and _literal_names(b)) or (_is_type(b) and _literal_names(a)):
                found.append((node.lineno, ast.unparse(node)))
    return found


def _app_files() -> list[Path]:
    files = []
    for p in APP:
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return [f for f in files if f != ROOT / "engine" / "optimizers.py"]


def test_the_detector_catches_the_switches_the_registry_replaced():
    # the forms the 27 switches of engine/explain.py and gui/teaching.py took before the declarations carried them
    old = '''
if opt_type in ("momentum", "nag", "nag_bengio"): pass
elif opt_type == "adagrad": pass
elif name == "velocity" and opt_type in ("momentum", "nag", "nag_bengio"): pass
if p.type == "sgd": pass
elif p.type in ("adagrad", "rmsprop"): pass
g = prev.grad if prev.type != "nag" else 0
nag = next((j for j, r in enumerate(runs) if r.type == "nag"), None)
if "adam" == kind: pass
'''
    assert len(name_switches(old)) == 8
    assert name_switches('if objective.name == "bowl": pass\nif r.type == spec.name: pass\n') == []


def test_no_module_switches_on_optimizer_names():
    offenders = []
    for f in _app_files():
        for line, text in name_switches(f.read_text(encoding="utf-8")):
            offenders.append(f"{f.relative_to(ROOT)}:{line}: {text}")
    assert not offenders, "put it in the optimizer's declaration instead:\n" + "\n".join(offenders)


def test_bias_correction_is_written_once():
    pattern = re.compile(r"1(\.0)?\s*-\s*(hp\[\"beta[12]\"\]|b[12]|beta)\s*\*\*")
    hits = [f"{f.relative_to(ROOT)}:{i}" for f in _app_files() + [ROOT / "engine" / "optimizers.py"]
            for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == ["engine/optimizers.py:" + str(_line_of("def bias_correction") + 2)], hits


def _line_of(text: str) -> int:
    lines = (ROOT / "engine" / "optimizers.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(text))


# ---- every declaration is complete ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", TYPES)
def test_declaration_is_complete(kind):
    spec = get_optimizer(kind)
    assert spec.name == kind and spec.title and spec.rule and spec.torch
    assert re.search(r"(19|20)\d\d", spec.reference), spec.reference  # an author, a title and a year
    assert spec.hyperparams[0].name == "lr"
    assert set(spec.quantities) <= set(QUANTITIES)
    assert all(isinstance(q, Quantity) for q in spec.quantities.values())
    assert "eta_eff" in spec.quantities  # every rule has an effective learning rate to plot
    assert spec.reformulates is None or spec.reformulates in OPTIMIZERS


def _zero_states(spec):
    init = spec.init(np.zeros((1, 2)))
    state = type(init)(*(np.ravel(f).astype(np.float64) + (1.0 if i else 0.0) for i, f in enumerate(init)))
    return state, state


@pytest.mark.parametrize("kind", TYPES)
def test_rule_rows_are_plain_text_with_this_steps_numbers(kind):
    """The rows of the first step on the bowl from (−7, 2), g = (−0.7, 4): x₀ first, x₁ last, every row plain
    text (the GUI adds the markup), and the update and the gradient printed as the preview computed them."""
    spec = get_optimizer(kind)
    hp = spec.resolve({"lr": 0.1})
    init = spec.init(np.zeros((1, 2)))
    state = type(init)(*(np.ravel(f) for f in init))
    p = preview(make_objective({"name": "bowl"}), BatchSampler(BatchConfig(), 0, 0), kind, hp, (-7.0, 2.0), state, 0)
    rows = rule_rows(p)
    assert all(isinstance(r, Row) for r in rows)
    assert rows[0].text == "x_{0} = (-7, 2)" and rows[-1].text == f"x_{{1}} = {fmt(p.next_point)}"
    text = "\n".join(r.text + r.aside for r in rows)
    assert not re.search(r"[<>&]", text)
    assert fmt(p.update) in text
    assert fmt(p.grad) in text or (spec.looks_ahead and "look-ahead" in text)
    assert fmt([-0.7, 4.0]) == "(-0.7, 4)"


@pytest.mark.parametrize("kind", TYPES)
def test_terms_start_with_t_and_g_and_hold_floats_or_pairs(kind):
    spec = get_optimizer(kind)
    hp = spec.resolve({})
    before, after = _zero_states(spec)
    after = after._replace(step=np.array([3]))
    g = np.array([0.5, -2.0])
    T = seed_terms(kind, hp, g, before, after, np.array([1.0, -3.0]))
    assert T["t"] == 3 and T["g"] is g
    for key, v in T.items():
        assert np.ndim(v) == 0 or np.shape(v) == (2,), (key, v)


def test_bias_correction_by_hand():
    assert bias_correction(0.9, 1) == pytest.approx(0.1, rel=1e-15)
    assert bias_correction(0.999, 2) == pytest.approx(1 - 0.998001, rel=1e-12)
    t = np.array([[1], [10]])
    np.testing.assert_allclose(bias_correction(0.5, t), [[0.5], [1 - 1 / 1024]], rtol=1e-15)


@pytest.mark.parametrize("kind", TYPES)
def test_stability_bound_is_the_declarations(kind):
    """lr_limit reads the declaration; on the bowl (λ_max = 2) the fixed-step bounds are the table's, written out
    independently, with and without each rule's options."""
    q = quadratic_insight(make_objective({"name": "bowl"}))
    spec, row = get_optimizer(kind), TABLE[kind]
    assert (spec.stability is None) == (row.bound is None)
    for given in ({}, {"momentum": 0.7}, {"weight_decay": 0.3}, {"momentum": 0.6, "dampening": 0.5},
                  {"momentum": 0.0, "dampening": 0.5}, {"momentum": 0.5, "dampening": 0.2, "weight_decay": 1.5}):
        if not set(given) <= {h.name for h in spec.hyperparams}:
            continue
        hp = spec.resolve(given)
        limit = q.lr_limit(kind, hp)
        if row.bound is None:
            assert limit is None
        else:
            assert limit == pytest.approx(row.bound(hp, 2.0), rel=1e-15)
            assert math.isfinite(limit)
