"""The mlp objective (engine/network.py) against its contract: the shipped data, the strict CSV reader, standardisation,
init, the loss and the gradient, each checked against a calculation written out here from the issue's words."""

from __future__ import annotations

import gzip
import json
import math

import numpy as np
import pytest

from engine import PlaygroundError, loads_scene, make_objective
from engine.datasets import load_labelled_csv
from engine.network import BOOK_HIDDEN, DIGITS, MLP, init_params, layout, make_mlp, standardize


def small_data(n=40, f=5, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, f)) * np.arange(1, f + 1) + np.arange(f)
    y = rng.integers(0, k, n)
    y[:k] = np.arange(k)
    return X, y


def write_csv(path, header, rows):
    path.write_text("\n".join([",".join(header)] + [",".join(map(str, r)) for r in rows]) + "\n")
    return path


# ---- the shipped data ----------------------------------------------------------------------------------------------

def test_the_shipped_digits_are_the_uci_test_set():
    X, y, names = load_labelled_csv(DIGITS, "label")
    assert X.shape == (1797, 64) and y.shape == (1797,) and names == [f"pixel{i}" for i in range(64)]
    assert X.dtype == np.float64 and np.all(X == np.round(X)) and X.min() == 0 and X.max() == 16
    # the class counts of the UCI test set (optdigits.tes), digits 0 … 9
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    with gzip.open(DIGITS, "rt") as f:  # the first image of the file, read without the engine
        f.readline()
        first = [int(v) for v in f.readline().split(",")]
    assert X[0].tolist() == first[:64] and y[0] == first[64] == 0
    attribution = (DIGITS.parent / "digits.ATTRIBUTION.md").read_text()
    assert "CC BY 4.0" in attribution and "10.24432/C50P49" in attribution and "Alpaydin" in attribution


def test_default_objective_is_the_books_network_on_the_digits():
    obj = make_objective({"name": "mlp"})
    assert isinstance(obj, MLP) and obj.n_samples == 1797 and obj.n_classes == 10
    assert obj.hidden == BOOK_HIDDEN and obj.activation == "relu" and obj.init == "he"
    assert obj.sizes == (64, 100, 100, 100, 100, 10)
    assert obj.dim == 64 * 100 + 100 + 3 * (100 * 100 + 100) + 100 * 10 + 10 == 37810


# ---- reading a labelled CSV ----------------------------------------------------------------------------------------

def test_labelled_csv_reads_every_other_column_as_features(tmp_path):
    p = write_csv(tmp_path / "t.csv", ["a", "cls", "b"], [[1.5, 1, 2], [3, 0, 4e-3], [-1, 2, 0]])
    X, y, names = load_labelled_csv(p, "cls")
    assert names == ["a", "b"] and X.tolist() == [[1.5, 2.0], [3.0, 4e-3], [-1.0, 0.0]]
    assert y.tolist() == [1, 0, 2] and y.dtype == np.int64
    gz = tmp_path / "t.csv.gz"
    gz.write_bytes(gzip.compress(p.read_bytes()))
    X2, y2, _ = load_labelled_csv(gz, "cls")
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, y3, _ = load_labelled_csv(write_csv(tmp_path / "f.csv", ["x", "label"], [[1, "2.0"], [2, "0"]]), "label")
    assert y3.tolist() == [2, 0]  # a whole number written as a float is that number


BAD_CSVS = [
    (["x", "label"], [[1, 0], [2, "one"]], "row 3, column 'label': 'one' is not a number"),
    (["x", "label"], [[1, 0], ["abc", 1]], "row 3, column 'x': 'abc' is not a number"),
    (["x", "label"], [[1, 0], ["nan", 1]], "row 3, column 'x': 'nan' is not a finite number"),
    (["x", "label"], [[1, 0], [2, 1.5]], "row 3, column 'label': the label '1.5' is not a whole number ≥ 0"),
    (["x", "label"], [[1, 0], [2, -1]], "row 3, column 'label': the label '-1' is not a whole number ≥ 0"),
    (["x", "label"], [[1, 0], [2, 0]], "every label is 0; a classifier needs at least two classes"),
    (["x", "label"], [[1, 0], [2, 5000]], "row 3, column 'label': label 5000 is too large"),
    (["x", "y"], [[1, 0]], "no column 'label' for label_column"),
    (["label"], [[1], [0]], "no feature columns besides the label column"),
    (["x", "label"], [], "no data rows after the header"),
    (["x", "label", "label"], [[1, 0, 1]], "appears more than once"),
]


@pytest.mark.parametrize("header,rows,fragment", BAD_CSVS, ids=[f[-30:] for *_, f in BAD_CSVS])
def test_bad_labelled_csvs_name_the_row_and_column(tmp_path, header, rows, fragment):
    p = write_csv(tmp_path / "bad.csv", header, rows)
    with pytest.raises(PlaygroundError) as e:
        load_labelled_csv(p, "label")
    assert fragment in str(e.value) and "bad.csv" in str(e.value)


def test_ragged_and_broken_gzip_files(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("x,label\n1,0\n2,1,3\n")
    with pytest.raises(PlaygroundError, match="row 3 has 3 fields, the header has 2"):
        load_labelled_csv(p, "label")
    g = tmp_path / "g.csv.gz"
    g.write_bytes(gzip.compress(b"x,label\n1,0\n2,1\n")[:-12])
    with pytest.raises(PlaygroundError, match="g.csv.gz: not a readable gzip file"):
        load_labelled_csv(g, "label")


# ---- standardisation and init: the contract written out as loops ---------------------------------------------------

def test_standardize_is_population_std_and_constant_columns_are_centred():
    X = np.array([[1.0, 5.0, 2.0], [2.0, 5.0, 4.0], [4.0, 5.0, 9.0], [7.0, 5.0, 1.0]])
    Z = standardize(X)
    for j in range(3):
        col = X[:, j].tolist()
        mean = sum(col) / len(col)
        std = math.sqrt(sum((v - mean) ** 2 for v in col) / len(col))  # ddof 0
        want = [(v - mean) / std if std > 0 else v - mean for v in col]
        assert Z[:, j].tolist() == pytest.approx(want, rel=1e-15, abs=1e-15)
    assert np.all(Z[:, 1] == 0.0)
    obj = MLP(X, [0, 1, 0, 1], (3,), standardize_features=False)
    assert np.array_equal(obj.X, X)


@pytest.mark.parametrize("init,scale", [("he", 2.0), ("xavier", 1.0)])
def test_init_follows_the_contract(init, scale):
    sizes = (5, 7, 4, 3)
    theta = init_params(sizes, init, 42)
    rng = np.random.default_rng(42)
    want = []
    for fi, fo in zip(sizes[:-1], sizes[1:]):
        W = rng.standard_normal((fi, fo)) * math.sqrt(scale / fi)
        want += [W[i, j] for i in range(fi) for j in range(fo)] + [0.0] * fo  # W row-major, then b = 0
    assert theta.tolist() == want
    layers, d = layout(sizes)
    assert d == len(want) and [(a.w0, a.b0, a.end) for a in layers] == [(0, 35, 42), (42, 70, 74), (74, 86, 89)]


def test_every_run_of_a_scene_shares_the_init_and_its_seed_changes_it():
    a, b = make_mlp({"name": "mlp", "hidden": [8], "init_seed": 3}), make_mlp({"name": "mlp", "hidden": [8]})
    assert not np.array_equal(a.theta0, b.theta0)
    assert np.array_equal(a.theta0, init_params((64, 8, 10), "he", 3))


# ---- the loss and its gradient ---------------------------------------------------------------------------------------

def naive_loss(obj: MLP, theta: np.ndarray, rows) -> float:
    """The contract's loss with Python floats: h = act(h·W + b), logits, −log softmax[label] with math.exp."""
    act = {"relu": lambda v: max(v, 0.0), "tanh": math.tanh, "sigmoid": lambda v: 1 / (1 + math.exp(-v))}[
        obj.activation]
    params = obj.unpack(theta)
    total = 0.0
    for r in rows:
        h = obj.X[r].tolist()
        for j, (W, b) in enumerate(params):
            z = [sum(h[i] * W[i, o] for i in range(len(h))) + b[o] for o in range(W.shape[1])]
            h = z if j == len(params) - 1 else [act(v) for v in z]
        m = max(h)
        total += math.log(sum(math.exp(v - m) for v in h)) - (h[obj.labels[r]] - m)
    return total / len(rows)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("init", ["he", "xavier"])
def test_loss_and_accuracy_against_loops(activation, init):
    X, y = small_data()
    obj = MLP(X, y, (6, 4), activation, init, 1)
    theta = obj.theta0 + 0.3 * np.random.default_rng(2).standard_normal(obj.dim)
    rows = [3, 1, 4, 1, 5, 9, 2, 6]
    assert obj.value(theta[None], np.array(rows))[0] == pytest.approx(naive_loss(obj, theta, rows), rel=1e-13)
    assert obj.value(theta[None])[0] == pytest.approx(naive_loss(obj, theta, range(len(y))), rel=1e-13)
    g = np.empty(obj.dim)
    assert obj.loss_grad(theta, np.array(rows), g) == obj.value(theta[None], np.array(rows))[0]
    logits = X_logits(obj, theta)
    assert obj.accuracy(theta[None])[0] == np.mean(np.argmax(logits, axis=1) == y)


def X_logits(obj, theta):
    h = obj.X
    f = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[
        obj.activation]
    params = obj.unpack(theta)
    for W, b in params[:-1]:
        h = f(h @ W + b)
    return h @ params[-1][0] + params[-1][1]


def test_the_loss_is_computed_stably():
    X, y = small_data(6, 2, 2)
    obj = MLP(X, y, (), "relu", "he", 0)  # softmax regression: logits = X·W + b
    theta = np.zeros(obj.dim)
    theta[obj.layers[0].b0:] = [800.0, -800.0]  # exp(800) overflows float64; the shifted form does not
    loss = obj.value(theta[None])[0]
    assert math.isfinite(loss) and loss == pytest.approx(1600.0 * np.mean(y == 1), rel=1e-12)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("init", ["he", "xavier"])
@pytest.mark.parametrize("hidden", [(6, 4), (5,), ()])
def test_gradient_against_central_differences(activation, init, hidden):
    X, y = small_data()
    obj = MLP(X, y, hidden, activation, init, 7)
    theta = obj.theta0 + 0.2 * np.random.default_rng(3).standard_normal(obj.dim)
    rows = np.array([0, 5, 7, 11, 13, 21, 30, 39])
    g = np.empty(obj.dim)
    obj.loss_grad(theta, rows, g)
    h = 1e-6
    fd = np.empty(obj.dim)
    for i in range(obj.dim):
        e = np.zeros(obj.dim)
        e[i] = h
        fd[i] = (obj.value((theta + e)[None], rows)[0] - obj.value((theta - e)[None], rows)[0]) / (2 * h)
    assert np.allclose(g, fd, rtol=1e-6, atol=1e-8), np.abs(g - fd).max()
    assert np.array_equal(obj.grad(np.vstack([theta, theta]), rows), np.vstack([g, g]))


def test_full_batch_gradient_is_the_mean_of_row_gradients():
    X, y = small_data()
    obj = MLP(X, y, (6,), "tanh", "he", 0)
    full = obj.grad(obj.theta0[None])[0]
    rows = np.mean([obj.grad(obj.theta0[None], np.array([r]))[0] for r in range(len(y))], axis=0)
    assert np.allclose(full, rows, rtol=1e-12, atol=1e-15)


def test_plane_loss_is_the_loss_at_the_plane_point():
    X, y = small_data()
    obj = MLP(X, y, (6, 4), "relu", "he", 0)
    rng = np.random.default_rng(5)
    d1, d2 = rng.standard_normal((2, obj.dim))
    f = obj.plane_loss(obj.theta0, d1, d2)
    for a, b in [(0, 0), (0.3, -0.2), (-1.5, 2.0)]:
        assert f(a, b) == pytest.approx(obj.value((obj.theta0 + a * d1 + b * d2)[None])[0], rel=1e-12)


# ---- settings and scenes ---------------------------------------------------------------------------------------------

BAD_SETTINGS = [
    ({"hidden": [100, 0]}, "objective.hidden: expected a list of layer widths"),
    ({"hidden": "100,100"}, "objective.hidden: expected a list of layer widths"),
    ({"hidden": [1.5]}, "objective.hidden"),
    ({"hidden": [True]}, "objective.hidden"),
    ({"hidden": [5000]}, "objective.hidden"),
    ({"hidden": [2] * 17}, "at most 16 hidden layers"),
    ({"hidden": [4096, 4096]}, "parameters is too many"),
    ({"activation": "gelu"}, "objective.activation: unknown activation 'gelu' (known: relu, tanh, sigmoid)"),
    ({"init": "lecun"}, "objective.init: unknown init 'lecun' (known: he, xavier)"),
    ({"init_seed": -1}, "objective.init_seed"),
    ({"init_seed": 1.5}, "objective.init_seed"),
    ({"standardize": "yes"}, "objective.standardize: expected true or false"),
    ({"label_column": 3}, "objective.label_column: expected a column name"),
    ({"label_column": "digit"}, "no column 'digit' for label_column"),
    ({"csv": ""}, "objective.csv: expected a file path"),
    ({"csv": "missing.csv"}, "CSV file not found"),
    ({"x_column": "x"}, "unknown mlp setting 'x_column'"),
]


@pytest.mark.parametrize("settings,fragment", BAD_SETTINGS, ids=[f[:40] for _, f in BAD_SETTINGS])
def test_bad_settings_are_refused_with_the_key_named(settings, fragment):
    with pytest.raises(PlaygroundError) as e:
        make_objective({"name": "mlp", **settings})
    assert fragment in str(e.value)


def scene_text(**extra):
    return json.dumps({"version": 1, "objective": {"name": "mlp", "hidden": [4]},
                       "optimizers": [{"type": "sgd", "lr": 0.1}], **extra})


def test_an_mlp_scene_loads_and_a_start_is_refused():
    scene = loads_scene(scene_text())
    assert scene.objective["name"] == "mlp"
    with pytest.raises(PlaygroundError, match="start: a network scene has no start"):
        loads_scene(scene_text(start=[0, 0]))
    with pytest.raises(PlaygroundError, match="sweep: not available for a network objective"):
        loads_scene(scene_text(sweep={"runs": ["sgd"], "x": {"param": "lr", "from": 0.1, "to": 1, "count": 2}}))
    with pytest.raises(PlaygroundError, match="unknown objective 'mlpx'.*mlp"):
        loads_scene(scene_text().replace('"mlp"', '"mlpx"'))


def test_a_relative_csv_is_found_next_to_the_scene(tmp_path):
    X, y = small_data(12, 3, 2)
    write_csv(tmp_path / "mine.csv", ["a", "b", "c", "label"], [[*x, int(c)] for x, c in zip(X.tolist(), y)])
    obj = make_objective({"name": "mlp", "csv": "mine.csv", "hidden": [3]}, tmp_path)
    assert obj.n_samples == 12 and obj.n_classes == 2 and obj.source == "mine.csv"
    assert np.allclose(obj.X, standardize(X), rtol=1e-14, atol=1e-15)


# ---- new points and synthetic two-feature sets (the Data view's decision map) --------------------------------

@pytest.mark.parametrize("standardize_features", [True, False])
def test_probabilities_at_new_points_are_the_softmax_of_the_network_on_standardised_inputs(standardize_features):
    X, y = small_data()
    obj = MLP(X, y, (6, 4), "tanh", "he", 1, standardize_features)
    theta = obj.theta0 + 0.3 * np.random.default_rng(2).standard_normal(obj.dim)
    new = np.random.default_rng(5).normal(size=(7, X.shape[1])) * 3
    mean, std = X.mean(axis=0), X.std(axis=0)
    inputs = (new - mean) / std if standardize_features else new
    h = inputs
    params = obj.unpack(theta)
    for j, (W, b) in enumerate(params):  # the contract's forward pass, written out
        h = h @ W + b
        if j < len(params) - 1:
            h = np.tanh(h)
    expect = np.exp(h - h.max(axis=1, keepdims=True))
    expect /= expect.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(obj.probabilities(theta, new), expect, rtol=1e-12, atol=1e-15)
    # on the data's own rows: the class each row is predicted (what accuracy counts)
    pred = obj.predictions(theta)
    np.testing.assert_array_equal(pred, obj.probabilities(theta, X).argmax(axis=1))
    assert np.mean(pred == y) == obj.accuracy(theta[None])[0]


def test_synthetic_two_feature_sets_follow_their_definitions():
    from engine import datasets

    X, y = datasets.synthetic_spirals(400, 0.0, 3)
    r = np.hypot(X[:, 0], X[:, 1])
    t = r / 4.0 * 3 * np.pi  # noise 0: the radius gives the angle back
    a = np.arctan2(X[:, 1], X[:, 0])
    np.testing.assert_allclose(np.cos(a), np.cos(t + np.pi * y), atol=1e-9)
    assert y.tolist() == [i % 2 for i in range(400)]
    X, y = datasets.synthetic_moons(300, 0.0, 1)
    zero, one = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*zero.T), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.hypot(one[:, 0] - 1.0, one[:, 1] - 0.5), 1.0, rtol=1e-12)
    X, y = datasets.synthetic_blobs(3000, 0.0, 2)
    for k, deg in enumerate((90, 210, 330)):
        c = X[y == k].mean(axis=0)
        assert np.hypot(c[0] - 2 * math.cos(math.radians(deg)), c[1] - 2 * math.sin(math.radians(deg))) < 0.05


def test_an_mlp_scene_can_race_on_a_synthetic_set_and_bad_settings_are_named():
    scene = loads_scene(json.dumps({"version": 1, "objective": {"name": "mlp", "data": "moons", "samples": 120,
                                                                 "hidden": [8, 8]},
                                    "optimizers": [{"type": "adam", "lr": 0.01}]}))
    obj = scene.build_objective()
    assert obj.n_samples == 120 and obj.n_classes == 2 and obj.sizes == (2, 8, 8, 2)
    assert scene.to_dict()["objective"]["data"] == "moons"
    with pytest.raises(PlaygroundError, match="unknown synthetic data set 'rings'.*spirals, moons, blobs"):
        make_objective({"name": "mlp", "data": "rings"})
    with pytest.raises(PlaygroundError, match="exclude each other"):
        make_objective({"name": "mlp", "data": "blobs", "csv": "x.csv"})
    with pytest.raises(PlaygroundError, match="objective.samples"):
        make_objective({"name": "mlp", "data": "blobs", "samples": 1})
