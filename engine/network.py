"""A real network as an objective: a multi-layer perceptron trained with softmax cross-entropy on a labelled table
(the shipped 8×8 handwritten digits by default), its forward and backward pass written out for this network in
numpy, as Deep Learning from Scratch writes its own.

The scene's objective (``make_mlp`` validates it; every key optional but ``name``)::

    {"name": "mlp", "csv": "digits.csv", "label_column": "label", "hidden": [100, 100, 100, 100],
     "activation": "relu", "init": "he", "init_seed": 0, "standardize": true, "holdout": 0.2}

* Data: without ``csv`` the shipped digits (resources/data/digits.csv.gz, 1,797 rows × 64 pixels + ``label``);
  a ``csv`` path is relative to the scene file and may be gzip-compressed. Features: every column but
  ``label_column`` as float64; ``standardize`` (default true): (x − mean)/std per column with the population std
  (ddof 0), a constant column x − mean. Labels: whole numbers 0 … K−1, K = max label + 1 ≥ 2.
* Layers: h = act(h·W + b) for each hidden width in ``hidden``, logits = h·W_out + b_out; ``activation`` relu
  (whose derivative at 0 is 0, as torch's), tanh or sigmoid.
* Loss: mean over the batch rows of −log softmax(logits)[label], natural log, computed as
  log Σ exp(z − max z) − (z_label − max z), so no exp overflows.
* Init: ``rng = numpy.random.default_rng(init_seed)``; for each layer in order, input to output, the output layer
  included, ``W = rng.standard_normal((fan_in, fan_out)) * s`` with s = √(2/fan_in) (he) or √(1/fan_in)
  (xavier), b = 0. θ = [W₁ (row-major), b₁, W₂, b₂, …]: ``MLP.layers`` gives each block's offset.
* Held-out rows: ``holdout`` h (0 ≤ h < 1, default 0) keeps n_test = round(h·N) rows (Python's ``round``) out of
  training: ``perm = numpy.random.default_rng(init_seed).permutation(N)`` (a generator of its own, so θ₀ is the
  same whatever h), the held-out rows are ``sorted(perm[:n_test])``, the training rows the others in row order.
  Standardisation uses every row (as with h = 0). With h > 0 the objective's ``X``, ``labels``, ``raw_X`` and
  ``n_samples`` are the TRAINING rows: batches (every strategy) index them, and "the full-data loss" everywhere
  (the loss view, the landscape, ``--csv``) is the training-set loss; ``test_X``, ``test_labels``, ``test_raw_X``
  hold the held-out rows, ``train_rows``/``test_rows`` the original row numbers. h = 0 is exactly the objective
  without the key (no held-out rows, the training rows all rows in order).

Stepping a race of networks is ``NetSession`` (engine/netsession.py); the loss landscape on a plane through θ space
is engine/landscape.py.

API (Qt-free; ``value``/``grad``/``accuracy`` on many θ at once are the heavy calls, fine on a worker thread: the
scratch buffers are per thread)::

    obj = make_mlp({"name": "mlp", "hidden": [100, 100]})    # or MLP(X, labels, hidden, ...)
    obj.dim, obj.theta0, obj.layers, obj.n_samples, obj.n_classes
    obj.value(P, rows=None)        # (R,) mean cross-entropy of each row of P (R, D) over ``rows`` (None: all)
    obj.grad(P, rows=None)         # (R, D)
    obj.loss_grad(theta, rows, out)   # one θ: the loss, and its gradient written into ``out`` (D,)
    obj.accuracy(P, rows=None)     # (R,) fraction of rows classified right
    obj.evaluate(theta), obj.evaluate_test(theta)   # (loss, accuracy) on the training / held-out rows
    obj.unpack(theta)              # [(W, b), ...] views into θ
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import datasets
from .errors import PlaygroundError
from .i18n import QT_TRANSLATE_NOOP, translate
from .limits import MAX_NET_LAYERS, MAX_NET_PARAMS, MAX_NET_WIDTH, SEED_MAX, SEED_MIN
from .hyperparams import HyperParam
from .objectives import DATA_LIMIT, Objective

ACTIVATIONS = ("relu", "tanh", "sigmoid")
INITS = ("he", "xavier")
DIGITS = Path(__file__).resolve().parent.parent / "resources" / "data" / "digits.csv.gz"
BOOK_HIDDEN = (100, 100, 100, 100)  # the book's Figure 6-9 network: 4 hidden layers of 100
KEYS = ("name", "csv", "label_column", "hidden", "activation", "init", "init_seed", "standardize",
        "data", "samples", "noise", "seed", "holdout")
DATA_KEYS = ("data", "samples", "noise", "seed")  # a synthetic two-feature set instead of a table (datasets.py)


@dataclass(frozen=True)
class Layer:
    """One affine map: W (fan_in, fan_out) at θ[w0 : w0 + fan_in·fan_out] (row-major), then b at θ[b0 : b0 + fan_out]."""

    fan_in: int
    fan_out: int
    w0: int
    b0: int

    @property
    def end(self) -> int:
        return self.b0 + self.fan_out


def layout(sizes: tuple[int, ...]) -> tuple[tuple[Layer, ...], int]:
    """The layers of a network with these widths (input, hidden…, output) and its parameter count D."""
    layers, off = [], 0
    for fi, fo in zip(sizes[:-1], sizes[1:]):
        layers.append(Layer(fi, fo, off, off + fi * fo))
        off += fi * fo + fo
    return tuple(layers), off


def init_params(sizes: tuple[int, ...], init: str = "he", seed: int = 0) -> np.ndarray:
    """θ₀ as the contract says: one generator, each layer's W drawn in order (input to output) and scaled by
    √(2/fan_in) (he) or √(1/fan_in) (xavier); every b zero."""
    if init not in INITS:
        raise PlaygroundError(translate("Network", "{key}: unknown init {value} (known: {known})")
                              .format(key="init", value=repr(init), known=", ".join(INITS)))
    layers, d = layout(sizes)
    rng = np.random.default_rng(seed)
    theta = np.zeros(d)
    for lay in layers:
        s = np.sqrt((2.0 if init == "he" else 1.0) / lay.fan_in)
        theta[lay.w0:lay.b0] = (rng.standard_normal((lay.fan_in, lay.fan_out)) * s).ravel()
    return theta


def holdout_split(n: int, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, held-out rows) of a table of n rows, both ascending: round(holdout·n) rows held out, drawn
    by ``numpy.random.default_rng(seed).permutation(n)``; holdout 0 holds out nothing."""
    n_test = int(round(holdout * n))
    if n_test == 0:
        return np.arange(n), np.arange(0)
    perm = np.random.default_rng(seed).permutation(n)
    return np.sort(perm[n_test:]), np.sort(perm[:n_test])


def standardize(X: np.ndarray) -> np.ndarray:
    """(x − mean)/std per column, the population std (ddof 0); a constant column (std 0) becomes x − mean."""
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return (X - mean) / np.where(std > 0, std, 1.0)


class _Scratch:
    """Buffers for one batch size: each hidden layer's activations and back-propagated gradient, the logits."""

    def __init__(self, batch: int, sizes: tuple[int, ...], dtype=np.float64):
        hidden = sizes[1:-1]
        self.x = np.empty((batch, sizes[0]), dtype)  # the batch's rows, gathered
        self.h = [np.empty((batch, n), dtype) for n in hidden]
        self.d = [np.empty((batch, n), dtype) for n in hidden]
        self.z = np.empty((batch, sizes[-1]), dtype)  # logits, then exp(z − max z), then dL/dz
        self.t = [np.empty((batch, n), dtype) for n in hidden]  # activation derivatives (tanh, sigmoid)
        self.rows = np.arange(batch)


class MLP(Objective):
    """Softmax cross-entropy of a fully connected network on a labelled table; θ of shape (D,), one row per run."""

    name, title = "mlp", QT_TRANSLATE_NOOP("Declarations", "Neural network (MLP)")
    formula_text = QT_TRANSLATE_NOOP("Declarations", "mean over rows of −log softmax(MLP_θ(x))[label]")
    axis_labels = ("PC1", "PC2")
    is_network = True

    def __init__(self, X: np.ndarray, labels: np.ndarray, hidden=BOOK_HIDDEN, activation: str = "relu",
                 init: str = "he", init_seed: int = 0, standardize_features: bool = True, source: str = "",
                 holdout: float = 0.0):
        X = np.asarray(X, dtype=np.float64)
        labels = np.asarray(labels)
        if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
            raise PlaygroundError(translate("Network", "mlp: expected a table of rows × features, got shape {shape}")
                                  .format(shape=X.shape))
        if labels.shape != (X.shape[0],):
            raise PlaygroundError(translate("Network", "mlp: {labels} labels for {rows} rows")
                                  .format(labels=labels.shape[0] if labels.ndim else 0, rows=X.shape[0]))
        if not np.isfinite(X).all():
            raise PlaygroundError(translate("Network", "mlp: the features must be finite numbers"))
        big = float(np.abs(X).max())
        if big > DATA_LIMIT:
            raise PlaygroundError(translate("Network", "mlp: feature values up to {value} are too large (at most "
                                            "{limit}); rescale the data").format(value=f"{big:g}", limit=f"{DATA_LIMIT:g}"))
        if activation not in ACTIVATIONS:
            raise PlaygroundError(translate("Network", "{key}: unknown activation {value} (known: {known})")
                                  .format(key="activation", value=repr(activation), known=", ".join(ACTIVATIONS)))
        self.n_classes = int(labels.max()) + 1
        if labels.min() < 0 or self.n_classes < 2:
            raise PlaygroundError(translate("Network", "mlp: labels must be 0 … K−1 with K ≥ 2"))
        # the map from raw features to the network's inputs, kept for new points (a decision map's grid)
        mean, std = X.mean(axis=0), X.std(axis=0)
        self.feature_shift = mean if standardize_features else np.zeros(X.shape[1])
        self.feature_scale = np.where(std > 0, std, 1.0) if standardize_features else np.ones(X.shape[1])
        holdout = float(holdout)
        if not 0.0 <= holdout < 1.0:
            raise PlaygroundError(f"holdout: expected a fraction from 0 up to (not including) 1, got {holdout!r}")
        self.holdout = holdout
        self.train_rows, self.test_rows = holdout_split(X.shape[0], holdout, int(init_seed))
        if holdout > 0 and (len(self.test_rows) == 0 or len(self.train_rows) == 0):
            raise PlaygroundError(translate("Network", "objective.holdout: {holdout} of {n} rows leaves {held} held out "
                                            "and {train} to train on; both need at least one row").format(
                holdout=f"{holdout:g}", n=X.shape[0], held=len(self.test_rows), train=len(self.train_rows)))
        Z = np.ascontiguousarray(standardize(X) if standardize_features else X)
        labels = np.ascontiguousarray(labels, dtype=np.intp)
        if len(self.test_rows):
            self.raw_X, self.test_raw_X = X[self.train_rows], X[self.test_rows]
            self.X, self.test_X = Z[self.train_rows], Z[self.test_rows]
            self.labels, self.test_labels = labels[self.train_rows], labels[self.test_rows]
        else:
            self.raw_X, self.X, self.labels = X, Z, labels
            self.test_raw_X, self.test_X = X[:0], Z[:0]
            self.test_labels = labels[:0]
        for a in (self.raw_X, self.X, self.labels, self.test_raw_X, self.test_X, self.test_labels):
            a.flags.writeable = False
        self.n_samples = self.X.shape[0]
        self.n_test = self.test_X.shape[0]
        self.hidden = tuple(int(h) for h in hidden)
        self.activation = activation
        self.init = init
        self.init_seed = int(init_seed)
        self.sizes = (X.shape[1], *self.hidden, self.n_classes)
        self.layers, self.dim = layout(self.sizes)
        if self.dim > MAX_NET_PARAMS:
            raise PlaygroundError(translate("Network", "hidden: {count} parameters is too many (at most {limit})")
                                  .format(count=f"{self.dim:,}", limit=f"{MAX_NET_PARAMS:,}"))
        self.theta0 = init_params(self.sizes, init, self.init_seed)
        self.theta0.flags.writeable = False
        self.source = source
        self.bounds = (-1.0, 1.0, -1.0, 1.0)  # of the view plane's coordinates until a plane is fitted
        self.start = (0.0, 0.0)  # θ₀ is the plane's origin
        self.minima = ()
        self.settings = {}
        self._local = threading.local()

    # ---- the network, one θ at a time -----------------------------------------------------------------------
    def unpack(self, theta: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """(W, b) of each layer as views into ``theta`` (D,): W of shape (fan_in, fan_out)."""
        return [(theta[a.w0:a.b0].reshape(a.fan_in, a.fan_out), theta[a.b0:a.end]) for a in self.layers]

    def _scratch(self, batch: int, dtype=np.float64) -> _Scratch:
        cache = getattr(self._local, "cache", None)
        if cache is None:
            cache = self._local.cache = {}
        key = (batch, np.dtype(dtype).char)
        s = cache.get(key)
        if s is None:
            if len(cache) > 4:  # batch sizes come and go with the strategy: keep a few
                cache.clear()
            s = cache[key] = _Scratch(batch, self.sizes, dtype)
        return s

    def _inputs(self, rows, s: _Scratch) -> tuple[np.ndarray, np.ndarray]:
        if rows is None:
            return self.X, self.labels
        np.take(self.X, rows, axis=0, out=s.x)
        return s.x, self.labels[rows]

    def _forward(self, theta: np.ndarray, x: np.ndarray, s: _Scratch, first=None) -> None:
        """Fill s.h (each hidden layer's act(h·W + b)) and s.z (the logits). ``first(out)``, if given, writes the
        first layer's h·W + b itself (the landscape's planes, where it is linear in the plane's coordinates)."""
        h = x
        act = self.activation
        params = self.unpack(theta)
        if first is not None and len(params) == 1:
            first(s.z)
            return
        for j, ((W, b), out) in enumerate(zip(params[:-1], s.h)):
            if j == 0 and first is not None:
                first(out)
            else:
                np.matmul(h, W, out=out)
                out += b
            if act == "relu":
                np.maximum(out, 0.0, out=out)
            elif act == "tanh":
                np.tanh(out, out=out)
            else:  # sigmoid 1/(1 + e^−z): e^−z overflows to inf for z < −709, and 1/inf is the right 0
                np.negative(out, out=out)
                np.exp(out, out=out)
                out += 1.0
                np.reciprocal(out, out=out)
            h = out
        W, b = params[-1]
        np.matmul(h, W, out=s.z)
        s.z += b

    def _loss(self, y: np.ndarray, s: _Scratch) -> tuple[float, np.ndarray]:
        """Mean cross-entropy of the logits in s.z; leaves exp(z − max z) in s.z and returns its row sums."""
        z = s.z
        z -= z.max(axis=1, keepdims=True)
        picked = z[s.rows, y].sum()
        np.exp(z, out=z)
        total = z.sum(axis=1)
        return float((np.log(total).sum() - picked) / len(y)), total

    def loss_grad(self, theta: np.ndarray, rows: np.ndarray | None, out: np.ndarray) -> float:
        """The loss of θ (D,) on ``rows`` (None: every row), its gradient written into ``out`` (D,), by
        back-propagation: dL/dz = (softmax − onehot)/B at the output; through each layer dW = hᵀ·δ, db = Σ δ,
        δ_prev = δ·Wᵀ ⊙ act′."""
        B = self.n_samples if rows is None else len(rows)
        s = self._scratch(B)
        x, y = self._inputs(rows, s)
        self._forward(theta, x, s)
        loss, total = self._loss(y, s)
        d = s.z  # softmax − onehot, over B
        d /= total[:, None]
        d[s.rows, y] -= 1.0
        d *= 1.0 / B
        params = self.unpack(theta)
        grads = self.unpack(out)
        act = self.activation
        for i in range(len(self.layers) - 1, -1, -1):
            h = s.h[i - 1] if i > 0 else x
            gW, gb = grads[i]
            np.matmul(h.T, d, out=gW)
            d.sum(axis=0, out=gb)
            if i == 0:
                break
            back = s.d[i - 1]
            np.matmul(d, params[i][0].T, out=back)
            if act == "relu":
                np.copyto(back, 0.0, where=h <= 0.0)  # torch's relu backward: the gradient passes where h > 0
            else:
                t = s.t[i - 1]
                if act == "tanh":  # 1 − h²
                    np.multiply(h, h, out=t)
                    np.subtract(1.0, t, out=t)
                else:  # sigmoid: h(1 − h)
                    np.subtract(1.0, h, out=t)
                    t *= h
                back *= t
            d = back
        return loss

    def _loss_of(self, theta: np.ndarray, rows: np.ndarray | None) -> float:
        B = self.n_samples if rows is None else len(rows)
        s = self._scratch(B)
        x, y = self._inputs(rows, s)
        self._forward(theta, x, s)
        return self._loss(y, s)[0]

    def plane_loss(self, origin: np.ndarray, d1: np.ndarray, d2: np.ndarray, dtype=np.float64):
        """f(a, b) = the full-data loss at origin + a·d1 + b·d2, for many (a, b): the first layer's X·W + b is
        linear in (a, b), so its three products are made once here (in float64). Thread-safe (scratch buffers per
        thread). ``dtype`` float32 computes the rest of each forward pass in single precision: about twice as
        fast, and within ~1e-5 of the float64 loss (tests/engine/test_landscape.py), which a picture can take."""
        origin, d1, d2 = (np.ascontiguousarray(v, dtype=np.float64) for v in (origin, d1, d2))
        base, p1, p2 = (np.asarray(self.X @ W + b, dtype=dtype)
                        for W, b in (self.unpack(v)[0] for v in (origin, d1, d2)))
        X = np.asarray(self.X, dtype=dtype)
        o, e1, e2 = (np.asarray(v, dtype=dtype) for v in (origin, d1, d2))
        local = threading.local()

        def f(a: float, b: float) -> float:
            t = getattr(local, "theta", None)
            if t is None:
                t = local.theta = np.empty(self.dim, dtype)
            np.multiply(e1, a, out=t)
            t += o
            t += b * e2

            def first(out):
                np.multiply(p1, a, out=out)
                out += base
                out += b * p2
            s = self._scratch(self.n_samples, dtype)
            with np.errstate(all="ignore"):
                self._forward(t, X, s, first)
                return float(self._loss(self.labels, s)[0])
        return f

    def evaluate(self, theta: np.ndarray, rows: np.ndarray | None = None) -> tuple[float, float]:
        """(loss, accuracy) of θ (D,) on ``rows`` (None: all) from one forward pass: what a session records."""
        B = self.n_samples if rows is None else len(rows)
        s = self._scratch(B)
        x, y = self._inputs(rows, s)
        self._forward(theta, x, s)
        right = np.count_nonzero(s.z.argmax(axis=1) == y) / B
        return self._loss(y, s)[0], right

    def evaluate_test(self, theta: np.ndarray) -> tuple[float, float]:
        """(loss, accuracy) of θ (D,) on the held-out rows; (nan, nan) when none are held out."""
        if not self.n_test:
            return float("nan"), float("nan")
        s = _Scratch(self.n_test, self.sizes)
        self._forward(theta, self.test_X, s)
        right = np.count_nonzero(s.z.argmax(axis=1) == self.test_labels) / self.n_test
        return self._loss(self.test_labels, s)[0], right

    def test_predictions(self, theta: np.ndarray) -> np.ndarray:
        """The class θ predicts for every held-out row -> (n_test,)."""
        s = _Scratch(self.n_test, self.sizes)
        with np.errstate(all="ignore"):
            self._forward(np.ascontiguousarray(theta, dtype=np.float64), self.test_X, s)
        return s.z.argmax(axis=1)

    def probabilities(self, theta: np.ndarray, features: np.ndarray) -> np.ndarray:
        """softmax of the network θ (D,) at new points ``features`` (n, inputs) in the data's own units
        (standardised as the data were) -> (n, K): a decision map's grid, a digit shown with its prediction."""
        F = (np.asarray(features, dtype=np.float64) - self.feature_shift) / self.feature_scale
        s = _Scratch(len(F), self.sizes)
        with np.errstate(all="ignore"):
            self._forward(np.ascontiguousarray(theta, dtype=np.float64), np.ascontiguousarray(F), s)
            z = s.z - s.z.max(axis=1, keepdims=True)
            np.exp(z, out=z)
            z /= z.sum(axis=1, keepdims=True)
        return z

    def predictions(self, theta: np.ndarray) -> np.ndarray:
        """The class θ predicts for every (training) row of the data (the largest logit) -> (n,)."""
        s = self._scratch(self.n_samples)
        with np.errstate(all="ignore"):
            self._forward(np.ascontiguousarray(theta, dtype=np.float64), self.X, s)
        return s.z.argmax(axis=1)

    # ---- many θ at once (the Objective interface) -------------------------------------------------------------
    def value(self, P: np.ndarray, batch: np.ndarray | None = None) -> np.ndarray:
        """The mean cross-entropy of each row of P (R, D) on the rows ``batch`` (None: all) -> (R,)."""
        P = np.atleast_2d(np.asarray(P, dtype=np.float64))
        with np.errstate(all="ignore"):
            return np.array([self._loss_of(np.ascontiguousarray(p), batch) for p in P])

    def grad(self, P: np.ndarray, batch: np.ndarray | None = None) -> np.ndarray:
        P = np.atleast_2d(np.asarray(P, dtype=np.float64))
        out = np.empty(P.shape)
        with np.errstate(all="ignore"):
            for p, g in zip(P, out):
                self.loss_grad(np.ascontiguousarray(p), batch, g)
        return out

    def accuracy(self, P: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """The fraction of ``rows`` (None: all) whose largest logit is their label, for each row of P -> (R,)."""
        P = np.atleast_2d(np.asarray(P, dtype=np.float64))
        with np.errstate(all="ignore"):
            return np.array([self.evaluate(np.ascontiguousarray(p), rows)[1] for p in P])

    def grid(self, *a, **k):
        raise PlaygroundError(translate("Network", "mlp: a network's loss has no grid over two coordinates; use "
                                        "engine.landscape"))

    def point_functions(self):
        return None


def make_mlp(settings: dict, base_dir: str | Path | None = None) -> MLP:
    """Build the ``mlp`` objective from a scene's ``objective`` dict; every bad key or value names itself."""
    settings = dict(settings)
    settings.pop("name", None)
    extra = sorted(set(settings) - set(KEYS))
    if extra:
        raise PlaygroundError(translate("Network", "objective: unknown mlp setting {key} (known: {known})")
                              .format(key=repr(extra[0]), known=", ".join(KEYS[1:])))
    label = settings.get("label_column", "label")
    if not isinstance(label, str) or not label:
        raise PlaygroundError(translate("Network", "{key}: expected a column name, got {value}")
                              .format(key="objective.label_column", value=repr(label)))
    hidden = settings.get("hidden", list(BOOK_HIDDEN))
    if not (isinstance(hidden, list) and all(isinstance(h, int) and not isinstance(h, bool) for h in hidden)
            and all(1 <= h <= MAX_NET_WIDTH for h in hidden)):
        raise PlaygroundError(translate("Network", "objective.hidden: expected a list of layer widths, whole numbers "
                                        "from 1 to {limit} such as [100, 100], got {value}")
                              .format(limit=MAX_NET_WIDTH, value=repr(hidden)))
    if len(hidden) > MAX_NET_LAYERS:
        raise PlaygroundError(translate("Network", "objective.hidden: at most {limit} hidden layers, got {count}")
                              .format(limit=MAX_NET_LAYERS, count=len(hidden)))
    activation = settings.get("activation", "relu")
    if activation not in ACTIVATIONS:
        raise PlaygroundError(translate("Network", "{key}: unknown activation {value} (known: {known})")
                              .format(key="objective.activation", value=repr(activation), known=", ".join(ACTIVATIONS)))
    init = settings.get("init", "he")
    if init not in INITS:
        raise PlaygroundError(translate("Network", "{key}: unknown init {value} (known: {known})")
                              .format(key="objective.init", value=repr(init), known=", ".join(INITS)))
    seed = settings.get("init_seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not SEED_MIN <= seed <= SEED_MAX:
        raise PlaygroundError(translate("Network", "objective.init_seed: expected a whole number from {low} to "
                                        "{high}, got {value}").format(low=SEED_MIN, high=SEED_MAX, value=repr(seed)))
    std = settings.get("standardize", True)
    if not isinstance(std, bool):
        raise PlaygroundError(translate("Network", "objective.standardize: expected true or false, got {value}")
                              .format(value=repr(std)))
    holdout = settings.get("holdout", 0)
    if isinstance(holdout, bool) or not isinstance(holdout, (int, float)) or not 0 <= holdout < 1:
        raise PlaygroundError(translate("Network", "objective.holdout: expected a fraction from 0 up to (not "
                                        "including) 1 of the rows to hold out for test accuracy, such as 0.2, got "
                                        "{value}").format(value=repr(holdout)))
    synthetic = [k for k in DATA_KEYS if k in settings]
    if synthetic and "csv" in settings:
        raise PlaygroundError(translate("Network", "objective.{key}: a synthetic data set and a csv exclude each "
                                        "other").format(key=synthetic[0]))
    if synthetic:
        X, labels, name = _synthetic_2d(settings)
        try:
            obj = MLP(X, labels, hidden, activation, init, seed, std, source=name, holdout=holdout)
        except PlaygroundError as e:
            raise PlaygroundError(f"{name}: {e}") from None
        obj.settings = {"name": "mlp", **settings}
        return obj
    if "csv" in settings:
        path = settings["csv"]
        if not isinstance(path, str) or not path:
            raise PlaygroundError(translate("Network", "objective.csv: expected a file path"))
        full = Path(path) if base_dir is None or Path(path).is_absolute() else Path(base_dir) / path
    else:
        full = DIGITS
    X, labels, _names = datasets.load_labelled_csv(full, label)
    try:
        obj = MLP(X, labels, hidden, activation, init, seed, std, source=full.name, holdout=holdout)
    except PlaygroundError as e:
        raise PlaygroundError(f"{full.name}: {e}") from None
    obj.settings = {"name": "mlp", **settings}
    return obj


_SYNTH_SAMPLES = HyperParam("samples", 300, 2, 100_000, what="objective.samples", integer=True)
_SYNTH_NOISE = HyperParam("noise", 0.2, 0.0, 10.0, what="objective.noise")
_SYNTH_SEED = HyperParam("seed", 0, SEED_MIN, SEED_MAX, what="objective.seed", integer=True)


def _synthetic_2d(settings: dict) -> tuple[np.ndarray, np.ndarray, str]:
    """A two-feature classification set (datasets.SYNTHETIC_2D) from the mlp settings "data", "samples", "noise",
    "seed": spirals, moons or blobs, for the decision map TensorFlow Playground made famous."""
    known = {name: gen for name, _title, gen in datasets.SYNTHETIC_2D}
    data = settings.get("data", "spirals")
    if data not in known:
        raise PlaygroundError(translate("Network", "objective.data: unknown synthetic data set {name} for {objective} "
                                        "(known: {known})").format(name=repr(data), objective="mlp",
                                                                   known=", ".join(known)))
    n = _SYNTH_SAMPLES.validate(settings.get("samples", _SYNTH_SAMPLES.default))
    noise = _SYNTH_NOISE.validate(settings.get("noise", _SYNTH_NOISE.default))
    seed = _SYNTH_SEED.validate(settings.get("seed", _SYNTH_SEED.default))
    X, labels = known[data](int(n), float(noise), int(seed))
    return X, labels, data
