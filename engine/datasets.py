"""Data for data-defined objectives: synthetic generators and a strict CSV reader whose errors name file, row and column."""

from __future__ import annotations

import csv
import gzip
import io
import math
import zlib
import stat
from pathlib import Path
from typing import Callable

import numpy as np

from .errors import PlaygroundError
from .i18n import QT_TRANSLATE_NOOP, translate
from .limits import MAX_SAMPLES

MAX_CSV_BYTES = 200 * 1024 * 1024
MAX_CLASSES = 1000  # labels of a classification table: 0 … 999 (the network has one output per class)


def synthetic_linear(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """x ~ U(−2, 2), y = 2x − 1 + noise·N(0, 1)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, samples)
    return x, 2.0 * x - 1.0 + noise * rng.standard_normal(samples)


def synthetic_logistic(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """x ~ N(0, 1.5²), label 1 with probability sigmoid(2x + 0.5 + noise·N(0, 1))."""
    rng = np.random.default_rng(seed)
    x = 1.5 * rng.standard_normal(samples)
    logit = 2.0 * x + 0.5 + noise * rng.standard_normal(samples)
    return x, (rng.uniform(size=samples) < 1.0 / (1.0 + np.exp(-logit))).astype(np.float64)


def synthetic_outliers(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The line of ``synthetic_linear`` with outliers: every 3rd row with x > 0.8 (about 1 row in 13) lifted by
    5 … 9. Squared error lets those few rows tilt the least-squares line (and every run's) towards them."""
    x, y = synthetic_linear(samples, noise, seed)
    rng = np.random.default_rng([seed, 1])
    idx = np.flatnonzero(x > 0.8)[::3]
    y[idx] += rng.uniform(5.0, 9.0, idx.size)
    return x, y


def synthetic_overlap(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes overlapping along x: label 0 or 1 with equal chance, x ~ N(∓1, (0.6 + noise)²). Their overlap
    keeps the maximum-likelihood fit finite (the ★); more noise, more overlap, a flatter sigmoid."""
    rng = np.random.default_rng(seed)
    label = (rng.uniform(size=samples) < 0.5).astype(np.float64)
    x = (2.0 * label - 1.0) + (0.6 + noise) * rng.standard_normal(samples)
    return x, label


# The synthetic data sets of each data objective: (name, title, generator); the first is the default, which a
# scene need not name ("data" omitted).
SYNTHETIC = {
    "linear_regression": (("line", QT_TRANSLATE_NOOP("Declarations", "a line with noise"), synthetic_linear),
                          ("outliers", QT_TRANSLATE_NOOP("Declarations", "a line with outliers"), synthetic_outliers)),
    "logistic_regression": (("sigmoid", QT_TRANSLATE_NOOP("Declarations", "labels drawn from a sigmoid"), synthetic_logistic),
                            ("overlap", QT_TRANSLATE_NOOP("Declarations", "two classes overlapping"), synthetic_overlap)),
}


def synthetic_spirals(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals (TensorFlow Playground's hardest set): class k's points at angle t ∈ [0, 3π],
    radius t/(3π)·4, turned by π·k, plus noise·N(0, 1)·0.3 each way."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 2
    t = rng.uniform(0.0, 3.0 * np.pi, samples)
    r = t / (3.0 * np.pi) * 4.0
    a = t + np.pi * label
    X = np.column_stack([r * np.cos(a), r * np.sin(a)]) + 0.3 * noise * rng.standard_normal((samples, 2))
    return X, label.astype(np.int64)


def synthetic_moons(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: class 0 on (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t ∈ [0, π],
    plus noise·N(0, 1)·0.3 each way."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 2
    t = rng.uniform(0.0, np.pi, samples)
    X = np.where(label[:, None] == 0, np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)]))
    return X + 0.3 * noise * rng.standard_normal((samples, 2)), label.astype(np.int64)


def synthetic_blobs(samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian blobs, one class each, centred on a circle of radius 2 at 90°, 210° and 330°, with standard
    deviation 0.5 + noise."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 3
    angle = np.deg2rad(90.0 + 120.0 * label)
    centre = 2.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centre + (0.5 + noise) * rng.standard_normal((samples, 2)), label.astype(np.int64)


# Two-feature classification sets for networks (the mlp objective's "data"): (name, title, generator).
SYNTHETIC_2D = (("spirals", QT_TRANSLATE_NOOP("Declarations", "two spirals"), synthetic_spirals), ("moons", QT_TRANSLATE_NOOP("Declarations", "two moons"), synthetic_moons),
                ("blobs", QT_TRANSLATE_NOOP("Declarations", "three blobs"), synthetic_blobs))


def synthetic(objective: str, data: str | None) -> tuple[str, Callable]:
    """(name, generator) of the synthetic data set ``data`` of a data objective (None: its default); an unknown
    name is an error listing the known ones."""
    choices = SYNTHETIC[objective]
    if data is None:
        return choices[0][0], choices[0][2]
    for name, _title, gen in choices:
        if data == name:
            return name, gen
    raise PlaygroundError(translate("Data", "objective.data: unknown synthetic data set {name} for {objective} "
                                    "(known: {known})")
                          .format(name=repr(data), objective=objective, known=", ".join(c[0] for c in choices)))


def csv_columns(path: str | Path) -> list[str]:
    """The header names of a CSV file (for column pickers)."""
    return _read_rows(Path(path))[0]


def load_csv(path: str | Path, x_column: str, y_column: str) -> tuple[np.ndarray, np.ndarray]:
    """Two numeric columns of a CSV with a header row, as float64 arrays; every problem names the file and row."""
    path = Path(path)
    header, rows, lines = _read_rows(path)
    idx = []
    for key, col in (("x_column", x_column), ("y_column", y_column)):
        if col not in header:
            raise PlaygroundError(translate("Data", "{file}: no column {column} for {key} (columns: {columns})")
                                  .format(file=path.name, column=repr(col), key=key, columns=", ".join(header)))
        idx.append(header.index(col))
    if not rows:
        raise PlaygroundError(translate("Data", "{file}: no data rows after the header").format(file=path.name))
    out = np.empty((len(rows), 2))
    for r, (row, line) in enumerate(zip(rows, lines)):
        if len(row) != len(header):
            raise PlaygroundError(translate("Data", "{file}: row {row} has {fields} fields, the header has {header}")
                                  .format(file=path.name, row=line, fields=len(row), header=len(header)))
        for k, (i, col) in enumerate(zip(idx, (x_column, y_column))):
            text = row[i].strip()
            try:
                v = float(text)
            except ValueError:
                raise _not_a_number(path, line, col, text) from None
            if not math.isfinite(v):
                raise _not_finite(path, line, col, text)
            out[r, k] = v
    return out[:, 0].copy(), out[:, 1].copy()


def _not_a_number(path: Path, line: int, column: str, text: str) -> PlaygroundError:
    return PlaygroundError(translate("Data", "{file}: row {row}, column {column}: {text} is not a number")
                           .format(file=path.name, row=line, column=repr(column), text=repr(text[:40])))


def _not_finite(path: Path, line: int, column: str, text: str) -> PlaygroundError:
    return PlaygroundError(translate("Data", "{file}: row {row}, column {column}: {text} is not a finite number")
                           .format(file=path.name, row=line, column=repr(column), text=repr(text)))


def _read_rows(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows (blank lines skipped) and the 1-based file line each data row starts on."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise PlaygroundError(translate("Data", "CSV file not found: {path}").format(path=path)) from None
    except OSError as e:
        raise PlaygroundError(translate("Data", "cannot read CSV file {path}: {reason}")
                              .format(path=path, reason=e.strerror)) from None
    except ValueError:  # a NUL byte or an unencodable character in the name
        raise PlaygroundError(translate("Data", "cannot read CSV file {path}: not a valid file name")
                              .format(path=repr(str(path)))) from None
    if stat.S_ISDIR(st.st_mode):
        raise PlaygroundError(translate("Data", "{path} is a folder, not a CSV file").format(path=path))
    if not stat.S_ISREG(st.st_mode):  # a device or pipe (/dev/zero, /dev/stdin) could block or never end
        raise PlaygroundError(translate("Data", "{path} is not a regular file").format(path=path))
    limit = translate("Data", "at most {size} MiB").format(size=MAX_CSV_BYTES // 2**20)
    if st.st_size > MAX_CSV_BYTES:
        raise PlaygroundError(translate("Data", "{file}: file too large ({size} MiB; {limit})")
                              .format(file=path.name, size=f"{st.st_size / 2**20:.0f}", limit=limit))
    try:
        with path.open("rb") as f:  # bounded, in case the file grows while we read it
            raw = f.read(MAX_CSV_BYTES + 1)
    except OSError as e:
        raise PlaygroundError(translate("Data", "cannot read CSV file {path}: {reason}")
                              .format(path=path, reason=e.strerror)) from None
    if len(raw) > MAX_CSV_BYTES:
        raise PlaygroundError(translate("Data", "{file}: file too large ({limit})").format(file=path.name, limit=limit))
    if raw[:2] == b"\x1f\x8b":  # gzip (the shipped digits are digits.csv.gz); bounded like a plain file
        raw = _gunzip(raw, path.name, limit)
    if b"\x00" in raw:
        raise PlaygroundError(translate("Data", "{file}: this is a binary file, not CSV text").format(file=path.name))
    try:
        text = raw.decode("utf-8-sig")  # Excel writes a BOM
    except UnicodeDecodeError as e:
        raise PlaygroundError(translate("Data", "{file}: not UTF-8 text (byte {byte})")
                              .format(file=path.name, byte=e.start)) from None
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        first = 1
        for row in reader:
            if any(f.strip() for f in row):
                rows.append(row)
                lines.append(first)
            first = reader.line_num + 1
    except csv.Error as e:
        raise PlaygroundError(translate("Data", "{file}: malformed CSV ({reason})").format(file=path.name, reason=e)) from None
    if not rows:
        raise PlaygroundError(translate("Data", "{file}: the file is empty").format(file=path.name))
    header = [h.strip() for h in rows[0]]
    if len(rows) - 1 > MAX_SAMPLES:
        raise PlaygroundError(translate("Data", "{file}: too many rows ({count}; at most {limit})")
                              .format(file=path.name, count=len(rows) - 1, limit=MAX_SAMPLES))
    return header, rows[1:], lines[1:]


def _gunzip(raw: bytes, name: str, limit: str) -> bytes:
    """A gzip file's text, refusing more than MAX_CSV_BYTES of it (a small file can unpack to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
            out = f.read(MAX_CSV_BYTES + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise PlaygroundError(translate("Data", "{file}: not a readable gzip file ({reason})")
                              .format(file=name, reason=e)) from None
    if len(out) > MAX_CSV_BYTES:
        raise PlaygroundError(translate("Data", "{file}: unpacks to a file too large ({limit})")
                              .format(file=name, limit=limit))
    return out


def load_labelled_csv(path: str | Path, label_column: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A classification table: every column but ``label_column`` as float64 features (N, F), the labels as int64
    (N,) with values 0 … K−1 (K = max label + 1 ≥ 2), and the feature names. Plain or gzip-compressed CSV with a
    header row; every problem names the file, and the row and column where there is one."""
    path = Path(path)
    header, rows, lines = _read_rows(path)
    if label_column not in header:
        columns = ", ".join(header[:12]) + (", …" if len(header) > 12 else "")
        raise PlaygroundError(translate("Data", "{file}: no column {column} for {key} (columns: {columns})")
                              .format(file=path.name, column=repr(label_column), key="label_column", columns=columns))
    if header.count(label_column) > 1:
        raise PlaygroundError(translate("Data", "{file}: the label column {column} appears more than once in the "
                                        "header").format(file=path.name, column=repr(label_column)))
    li = header.index(label_column)
    names = [h for i, h in enumerate(header) if i != li]
    if not names:
        raise PlaygroundError(translate("Data", "{file}: no feature columns besides the label column {column}")
                              .format(file=path.name, column=repr(label_column)))
    if not rows:
        raise PlaygroundError(translate("Data", "{file}: no data rows after the header").format(file=path.name))
    for row, line in zip(rows, lines):
        if len(row) != len(header):
            raise PlaygroundError(translate("Data", "{file}: row {row} has {fields} fields, the header has {header}")
                                  .format(file=path.name, row=line, fields=len(row), header=len(header)))
    try:  # one conversion for the whole table; on any failure the loop below finds the cell and says which
        table = np.array(rows, dtype=np.float64)
        ok = bool(np.isfinite(table).all())
    except ValueError:
        ok = False
    if not ok:
        table = np.empty((len(rows), len(header)))
        for r, (row, line) in enumerate(zip(rows, lines)):
            for i, text in enumerate(row):
                text = text.strip()
                try:
                    v = float(text)
                except ValueError:
                    raise _not_a_number(path, line, header[i], text) from None
                if not math.isfinite(v):
                    raise _not_finite(path, line, header[i], text)
                table[r, i] = v
    labels = table[:, li]
    bad = (labels != np.floor(labels)) | (labels < 0)
    if bad.any():
        r = int(np.argmax(bad))
        raise PlaygroundError(translate("Data", "{file}: row {row}, column {column}: the label {text} is not a whole "
                                        "number ≥ 0 (labels are 0 … K−1)")
                              .format(file=path.name, row=lines[r], column=repr(label_column),
                                      text=repr(rows[r][li].strip()[:40])))
    k = int(labels.max()) + 1
    if k < 2:
        raise PlaygroundError(translate("Data", "{file}: column {column}: every label is 0; a classifier needs at "
                                        "least two classes (labels 0 … K−1, K ≥ 2)")
                              .format(file=path.name, column=repr(label_column)))
    if k > MAX_CLASSES:
        r = int(np.argmax(labels))
        raise PlaygroundError(translate("Data", "{file}: row {row}, column {column}: label {label} is too large (at "
                                        "most {limit}: labels are 0 … K−1, one output per class)")
                              .format(file=path.name, row=lines[r], column=repr(label_column), label=int(labels[r]),
                                      limit=MAX_CLASSES - 1))
    features = np.ascontiguousarray(np.delete(table, li, axis=1))
    return features, labels.astype(np.int64), names
