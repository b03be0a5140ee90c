"""Property tests: whatever a scene file holds, loading it and running three steps either works or raises
PlaygroundError (never KeyError, TypeError, OverflowError, RecursionError, UnicodeError, a numpy error...)."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine import DEFAULT_SCENE, OBJECTIVES, OPTIMIZERS, STRATEGIES, PlaygroundError, Scene, load_scene, loads_scene
from engine import scene_from_dict

FUZZ = settings(max_examples=250, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HUGE = [10**400, -(10**400), 2**63, 2**64 + 1, -(2**63) - 1, 2**1024, 1e308, -1e308, 5e-324, 1.7976931348623157e308,
        5_000_001, 10_000_001, 2**32, -1, 0]
NASTY_TEXT = ["", " ", "\x00", "a\x00b", "\ud800", "x\udcff", "\n", "é", "🙂", "/dev/zero", "/dev/stdin", "/", ".", "..",
              "../../../../../../etc/passwd", "/proc/self/environ", "data.csv", "missing.csv", "x" * 300, "NaN",
              "Infinity", "1", "true", "null", "#1f77b4", "#GGGGGG", "sgd", "adam", "bowl", "formula", "x**2 + y**2",
              "__import__('os')", "minibatch", "stochastic", "full"]

# Integers are bounded (plus a few huge ones) so a mutated "samples" cannot ask for millions of synthetic rows.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10**5, 10**5),
    st.sampled_from(HUGE),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(NASTY_TEXT),
)
json_values = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=5) | st.dictionaries(st.text(max_size=10) | st.sampled_from(NASTY_TEXT), c,
                                                        max_size=5),
    max_leaves=20,
)

TOP_KEYS = ("version", "title", "description", "objective", "batch", "seed", "start", "steps", "steps_per_frame",
            "optimizers")


# Mostly plausible values, so that many generated scenes get past validation and are actually stepped.
plausible = st.one_of(st.floats(-10, 10), st.integers(0, 300), st.booleans(),
                      st.sampled_from(["x", "y", "x*y + y**2", "data.csv", "#1f77b4"]))


def _mostly(value_strategy, other):
    return st.one_of(value_strategy, value_strategy, value_strategy, other)


def _objective_like():
    names = _mostly(st.sampled_from(list(OBJECTIVES)), json_values)
    extra = st.dictionaries(
        st.sampled_from(["expr", "bounds", "csv", "x_column", "y_column", "samples", "noise", "seed", "a", "b", "zzz"]),
        _mostly(plausible, json_values) | st.lists(st.floats(-6, 6), min_size=4, max_size=4), max_size=2)
    return st.tuples(names, extra).map(lambda t: {"name": t[0], **t[1]})


def _optimizer_like():
    types = _mostly(st.sampled_from(list(OPTIMIZERS)), json_values)
    extra = st.dictionaries(
        st.sampled_from(["lr", "momentum", "eps", "alpha", "beta1", "beta2", "label", "color", "enabled", "zzz"]),
        _mostly(plausible | st.floats(0, 1), json_values), max_size=3)
    return st.tuples(types, extra).map(lambda t: {"type": t[0], **t[1]})


structured_scenes = st.fixed_dictionaries(
    {
        "version": _mostly(st.just(1), json_values),
        "objective": _mostly(_objective_like(), json_values),
        "optimizers": _mostly(st.lists(_mostly(_optimizer_like(), json_values), min_size=1, max_size=4), json_values),
    },
    optional={
        "title": _mostly(st.text(max_size=20), json_values),
        "description": json_values,
        "batch": _mostly(st.fixed_dictionaries({"strategy": _mostly(st.sampled_from(STRATEGIES), json_values)},
                                               optional={"batch_size": _mostly(st.integers(1, 10), json_values),
                                                         "shuffle": json_values, "drop_last": json_values}),
                         json_values),
        "seed": _mostly(st.integers(0, 2**32 - 1), json_values),
        "start": _mostly(st.lists(st.floats(-5, 5), min_size=2, max_size=2), json_values),
        "steps": json_values,
        "steps_per_frame": _mostly(st.integers(1, 300), json_values),
        "extra": json_values,
    },
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("fuzz_scene")
    (d / "data.csv").write_text("x,y\n0,1\n1,0\n2,1\n3,0\n4,1\n-1,0\n", encoding="utf-8")
    return d


def _run(make):
    """``make()`` builds a Scene; then three steps. Only PlaygroundError may come out of either."""
    try:
        scene = make()
    except PlaygroundError as e:
        assert str(e)
        return None
    assert isinstance(scene, Scene)
    try:
        snap = scene.build_session().step(3)
    except PlaygroundError as e:
        assert str(e)
        return None
    assert snap.step == 3
    return scene


@FUZZ
@given(json_values)
@example({"version": 1, "objective": {"name": []}, "optimizers": [{"type": "sgd"}]})
@example({"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": {}}]})
@example({"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "lr": 10**400}]})
@example({"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd"}], "start": [10**400, 0]})
@example({"version": 1, "objective": {"name": "formula", "expr": "x", "bounds": [2**1024, 0, 0, 1]},
          "optimizers": [{"type": "sgd"}]})
@example({"version": 1, "objective": {"name": "linear_regression", "csv": "a\x00b"}, "optimizers": [{"type": "sgd"}]})
@example({"version": 1, "objective": {"name": "bowl"}, "optimizers": [{"type": "sgd", "label": "\ud800"}]})
def test_arbitrary_values_through_scene_from_dict(data_dir, value):
    _run(lambda: scene_from_dict(value, data_dir))


@FUZZ
@given(json_values)
def test_arbitrary_values_through_loads_scene(data_dir, value):
    text = json.dumps(value)  # NaN and inf come out as NaN / Infinity, which the loader must refuse
    _run(lambda: loads_scene(text, data_dir))


@FUZZ
@given(structured_scenes)
def test_scene_shaped_values(data_dir, value):
    _run(lambda: scene_from_dict(value, data_dir))
    _run(lambda: loads_scene(json.dumps(value), data_dir))


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("")
@example("[" * 100_000)
@example('{"version": 1, "seed": ' + "9" * 5000 + "}")
@example('{"version": NaN}')
@example('{"version": 1, "start": [-Infinity, 0]}')
def test_arbitrary_text_through_loads_scene(text):
    _run(lambda: loads_scene(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe{\x00}\x00")
@example(b'{"version": 1}\x00')
def test_arbitrary_bytes_through_load_scene(tmp_path, raw):
    path = tmp_path / "fuzz.json"
    path.write_bytes(raw)
    _run(lambda: load_scene(path))


# ---- mutations of valid scenes --------------------------------------------------------------------------------------

BASES = [
    json.loads(Path(DEFAULT_SCENE).read_text(encoding="utf-8")),
    {"version": 1, "title": "formula", "objective": {"name": "formula", "expr": "x**2/20 + y**2 + sin(x*y)",
                                                     "bounds": [-5, 5, -4, 4]},
     "seed": 3, "start": [-4.0, 2.0], "steps": 10, "steps_per_frame": 4,
     "optimizers": [{"type": "nag", "lr": 0.05, "momentum": 0.9, "label": "NAG"},
                    {"type": "rmsprop", "lr": 0.01, "alpha": 0.9, "eps": 1e-8, "color": "#00ff00"}]},
    {"version": 1, "objective": {"name": "rosenbrock", "a": 1.0, "b": 100.0},
     "optimizers": [{"type": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.999}, {"type": "nag_bengio"}]},
    {"version": 1, "objective": {"name": "linear_regression", "samples": 50, "noise": 0.3, "seed": 1},
     "batch": {"strategy": "minibatch", "batch_size": 8, "shuffle": True, "drop_last": False}, "seed": 7,
     "optimizers": [{"type": "sgd", "lr": 0.1}, {"type": "momentum", "lr": 0.05},
                    {"type": "adagrad", "lr": 0.5}]},
    {"version": 1, "objective": {"name": "logistic_regression", "csv": "data.csv", "x_column": "x",
                                 "y_column": "y"},
     "batch": {"strategy": "stochastic", "shuffle": False},
     "optimizers": [{"type": "sgd", "lr": 0.5, "label": "a"}, {"type": "sgd", "lr": 0.1}]},
]


def _paths(v, prefix=()):
    yield prefix
    if isinstance(v, dict):
        for k, item in v.items():
            yield from _paths(item, prefix + (k,))
    elif isinstance(v, list):
        for i, item in enumerate(v):
            yield from _paths(item, prefix + (i,))


def test_bases_are_valid(data_dir):
    for base in BASES:
        assert _run(lambda: scene_from_dict(copy.deepcopy(base), data_dir)) is not None


def _parent(doc, path):
    for k in path[:-1]:
        doc = doc[k]
    return doc


def _same_type(old):
    if isinstance(old, bool):
        return st.booleans()
    if isinstance(old, int):
        return st.integers(-3, 3 * max(1, old))
    if isinstance(old, float):
        bound = 2 * abs(old) + 1 if abs(old) < 1e300 else 10.0  # the old value may already be huge, inf or NaN
        return st.floats(-bound, bound)
    if isinstance(old, str):
        return st.sampled_from(NASTY_TEXT) | st.text(max_size=10)
    return st.just(copy.deepcopy(old))


@st.composite
def mutated_scenes(draw):
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 2))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        op = draw(st.sampled_from(["drop", "replace", "plausible", "same_type", "same_type", "same_type", "huge",
                                   "extra", "duplicate"]))
        if op == "drop":
            del parent[path[-1]]
        elif op == "replace":
            parent[path[-1]] = draw(json_values)
        elif op == "plausible":
            parent[path[-1]] = draw(plausible)
        elif op == "same_type":
            parent[path[-1]] = draw(_same_type(parent[path[-1]]))
        elif op == "huge":
            parent[path[-1]] = draw(st.sampled_from(HUGE + [math.inf, -math.inf, math.nan]))
        elif op == "extra" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["zzz", "Version", "lr", "label", "enabled", "bounds", "csv",
                                                  "steps_per_frame"]))] = draw(
                json_values)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return doc


@FUZZ
@given(mutated_scenes())
def test_mutated_scenes(data_dir, doc):
    _run(lambda: scene_from_dict(doc, data_dir))


NUMBER_TEXTS = ["NaN", "-NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-999", "9" * 5000, "-" + "9" * 400,
                "0.0e0", "-0", "1E400", "123456789012345678901234567890"]


@st.composite
def mutated_scene_texts(draw):
    """A valid scene's JSON text with one number replaced by text a JSON parser may or may not take."""
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    numbers = [p for p in _paths(doc) if p and isinstance(_parent(doc, p)[p[-1]], (int, float))
               and not isinstance(_parent(doc, p)[p[-1]], bool)]
    path = draw(st.sampled_from(numbers))
    _parent(doc, path)[path[-1]] = "@@NUMBER@@"
    return json.dumps(doc).replace('"@@NUMBER@@"', draw(st.sampled_from(NUMBER_TEXTS)))


@FUZZ
@given(mutated_scene_texts())
def test_mutated_scene_texts(data_dir, text):
    _run(lambda: loads_scene(text, data_dir))


@settings(max_examples=100, deadline=None)
@given(mutated_scenes())
def test_scene_round_trips_through_its_dict(data_dir, doc):
    """Whatever loads and builds saves to a dict that loads back equal (so a saved scene can always be reopened)."""
    try:
        scene = scene_from_dict(doc, data_dir)
        scene.build_objective()
    except PlaygroundError:
        return
    again = scene_from_dict(json.loads(json.dumps(scene.to_dict(), allow_nan=False)), data_dir)
    assert again == scene
