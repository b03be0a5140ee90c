"""Scene files, version 1: the one format the GUI opens and saves and the command line runs."""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .batching import BatchConfig
from .errors import PlaygroundError
from .fileio import atomic_write_text
from .i18n import translate
from .limits import MAX_RUNS, MAX_STEPS, MAX_STEPS_PER_FRAME, SEED_MAX, SEED_MIN
from .objectives import NETWORK_OBJECTIVES, Objective, known_objectives, make_objective
from .netsession import NetSession
from .optimizers import get_optimizer
from .schedules import schedule_from_dict
from .session import RunSpec, Session
from .sweep import BasinConfig, SweepConfig, basins_from_dict, sweep_from_dict

VERSION = 1
MAX_SCENE_BYTES = 2 * 1024 * 1024
FRAME_INTERVAL_MS = 40  # the window's default time between animation frames
# A scene without "steps_per_frame" plays its "steps" in about this many frames: 10 s at the default interval.
PLAY_FRAMES = 10_000 // FRAME_INTERVAL_MS
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEFAULT_SCENE = RESOURCES / "scenes" / "book_comparison.json"

_TOP_KEYS = ("version", "title", "description", "objective", "batch", "seed", "start", "steps", "steps_per_frame",
             "optimizers", "sweep", "basins")
# An optimizer entry's keys other than its hyperparameters.
_RUN_KEYS = ("type", "label", "color", "enabled", "batch", "schedule", "convention")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The languages a scene's "title" and "description" may be written in, as {"en": "...", "ko": "..."}.
LANGUAGES = ("en", "ko")


@dataclass(frozen=True)
class Scene:
    """A validated scene. ``start`` None means the objective's suggested start."""

    objective: dict
    batch: BatchConfig = BatchConfig()
    seed: int = 0
    start: tuple[float, float] | None = None
    steps: int = 100
    optimizers: tuple[RunSpec, ...] = ()
    title: str | dict = ""  # a string, or {"en": ..., "ko": ...} as written: shown through engine.i18n.pick
    description: str | dict = ""
    base_dir: Path | None = field(default=None, compare=False)
    steps_per_frame: int | None = None  # None: derived from ``steps`` (see ``pace``)
    sweep: SweepConfig | None = None  # the "sweep" section (engine/sweep.py), if any
    basins: BasinConfig | None = None  # the "basins" section, if any

    @property
    def pace(self) -> int:
        """Steps per animation frame: the scene's own, or enough that its ``steps`` play in about PLAY_FRAMES
        frames (a 1,500-step scene at one step a frame took a minute)."""
        if self.steps_per_frame is not None:
            return self.steps_per_frame
        return min(MAX_STEPS_PER_FRAME, max(1, math.ceil(self.steps / PLAY_FRAMES)))

    def build_objective(self) -> Objective:
        return make_objective(self.objective, self.base_dir)

    def build_session(self, objective: Objective | None = None, **network):
        """The race: a ``Session``, or for a network objective a ``NetSession`` (``network``: its ``every``,
        ``snapshots`` and ``workers``)."""
        objective = objective or self.build_objective()
        runs = [r for r in self.optimizers if r.enabled]
        if not runs:
            raise PlaygroundError(translate("Scene", "every optimizer is disabled: enable at least one"))
        if objective.is_network:
            return NetSession(objective, runs, self.batch, self.seed, **network)
        return Session(objective, runs, self.start, self.batch, self.seed)

    def to_dict(self) -> dict:
        d: dict = {"version": VERSION}
        if self.title:
            d["title"] = dict(self.title) if isinstance(self.title, dict) else self.title
        if self.description:
            d["description"] = dict(self.description) if isinstance(self.description, dict) else self.description
        d["objective"] = dict(self.objective)
        d["batch"] = self.batch.to_dict()
        d["seed"] = self.seed
        if self.start is not None:
            d["start"] = [self.start[0], self.start[1]]
        d["steps"] = self.steps
        if self.steps_per_frame is not None:
            d["steps_per_frame"] = self.steps_per_frame
        opts = []
        for r in self.optimizers:
            o = {"type": r.type, **r.hyperparams, "label": r.label}
            if r.color:
                o["color"] = r.color
            if not r.enabled:
                o["enabled"] = False
            if r.batch is not None:
                o["batch"] = r.batch.to_dict()
            if r.schedule is not None:
                o["schedule"] = r.schedule.to_dict()
            if r.convention != "torch":
                o["convention"] = r.convention
            opts.append(o)
        d["optimizers"] = opts
        if self.sweep is not None:
            d["sweep"] = self.sweep.to_dict()
        if self.basins is not None:
            d["basins"] = self.basins.to_dict()
        return d

    def with_(self, **changes) -> "Scene":
        return replace(self, **changes)


def load_scene(path: str | Path) -> Scene:
    """Read and validate a scene file; every problem raises ``PlaygroundError`` naming the file and key."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise PlaygroundError(translate("Scene", "{path} is a folder, not a scene file").format(path=path))
        if size > MAX_SCENE_BYTES:
            raise PlaygroundError(translate("Scene", "{file}: too large for a scene file ({size} bytes)")
                                  .format(file=path.name, size=size))
        with path.open("rb") as f:  # bounded: a device such as /dev/zero reports size 0 and never ends
            raw = f.read(MAX_SCENE_BYTES + 1)
        if len(raw) > MAX_SCENE_BYTES:
            raise PlaygroundError(translate("Scene", "{file}: too large for a scene file (more than {limit} bytes)")
                                  .format(file=path.name, limit=MAX_SCENE_BYTES))
    except FileNotFoundError:
        raise PlaygroundError(translate("Scene", "scene file not found: {path}").format(path=path)) from None
    except OSError as e:
        raise PlaygroundError(translate("Scene", "cannot read scene file {path}: {reason}")
                              .format(path=path, reason=e.strerror)) from None
    except PlaygroundError:
        raise
    except ValueError:  # a NUL byte or an unencodable character in the name
        raise PlaygroundError(translate("Scene", "cannot read scene file {path}: not a valid file name")
                              .format(path=repr(str(path)))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlaygroundError(translate("Scene", "{file}: not a text file (scene files are UTF-8 JSON)")
                              .format(file=path.name)) from None
    try:
        return loads_scene(text, base_dir=path.resolve().parent)
    except PlaygroundError as e:
        raise PlaygroundError(f"{path.name}: {e}") from None


def loads_scene(text: str, base_dir: str | Path | None = None) -> Scene:
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise PlaygroundError(translate("Scene", "invalid JSON at line {line}, column {column}: {reason}")
                              .format(line=e.lineno, column=e.colno, reason=e.msg)) from None
    except RecursionError:
        raise PlaygroundError(translate("Scene", "invalid JSON: nested too deeply")) from None
    except PlaygroundError:
        raise
    except ValueError:  # Python's int() refuses numbers of more than 4300 digits
        raise PlaygroundError(translate("Scene", "invalid JSON: a number has too many digits")) from None
    return scene_from_dict(data, base_dir)


def _reject_constant(name: str):
    raise PlaygroundError(translate("Scene", "invalid JSON: {name} is not allowed").format(name=name))


def scene_from_dict(data: object, base_dir: str | Path | None = None) -> Scene:
    if not isinstance(data, dict):
        raise PlaygroundError(translate("Scene", "a scene must be a JSON object"))
    _check_text(data)
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise PlaygroundError(translate("Scene", "unknown key {key} (known: {known})")
                              .format(key=repr(unknown[0]), known=", ".join(_TOP_KEYS)))
    if "version" not in data:
        raise PlaygroundError(translate("Scene", "missing key 'version' (this program reads version 1)"))
    if data["version"] != VERSION or isinstance(data["version"], bool):
        raise PlaygroundError(translate("Scene", "version: {value} is not supported (this program reads version 1)")
                              .format(value=repr(data["version"])))
    for key in ("objective", "optimizers"):
        if key not in data:
            raise PlaygroundError(translate("Scene", "missing key {key}").format(key=repr(key)))
    objective = data["objective"]
    if not isinstance(objective, dict) or "name" not in objective:
        raise PlaygroundError(translate("Scene", "objective: expected an object with a {key}, such as {example}")
                              .format(key='"name"', example='{"name": "bowl"}'))
    if not isinstance(objective["name"], str) or objective["name"] not in known_objectives():
        raise PlaygroundError(translate("Scene", "objective.name: unknown objective {name} (known: {known})")
                              .format(name=repr(objective["name"]), known=", ".join(known_objectives())))
    if objective["name"] in NETWORK_OBJECTIVES:
        if "start" in data:
            raise PlaygroundError(translate("Scene", "start: a network scene has no start: every run starts from the "
                                            "network's initial weights (the objective's init and init_seed)"))
        for key in ("sweep", "basins"):
            if key in data:
                raise PlaygroundError(translate("Scene", "{key}: not available for a network objective (its maps are "
                                                "over 2-D runs)").format(key=key))
    batch = BatchConfig.from_dict(data.get("batch", {"strategy": "full"}))
    seed = _int(data.get("seed", 0), "seed", SEED_MIN, SEED_MAX)
    steps = _int(data.get("steps", 100), "steps", 0, MAX_STEPS)
    spf = (_int(data["steps_per_frame"], "steps_per_frame", 1, MAX_STEPS_PER_FRAME) if "steps_per_frame" in data
           else None)
    start = None
    if "start" in data:
        s = data["start"]
        if not (isinstance(s, list) and len(s) == 2 and all(_is_number(v) for v in s)):
            raise PlaygroundError(translate("Scene", "start: expected two finite numbers [x, y], got {value}")
                                  .format(value=repr(s)))
        start = (float(s[0]), float(s[1]))
    for key in ("title", "description"):
        _check_language_text(data.get(key, ""), key)
    runs = tuple(_runs(data["optimizers"], steps))
    sweep = sweep_from_dict(data["sweep"], runs) if "sweep" in data else None
    basins = basins_from_dict(data["basins"], runs) if "basins" in data else None
    return Scene(dict(objective), batch, seed, start, steps, runs,
                 _copy_text(data.get("title", "")), _copy_text(data.get("description", "")),
                 Path(base_dir) if base_dir is not None else None, spf, sweep, basins)


def _runs(items: object, steps: int) -> list[RunSpec]:
    if not isinstance(items, list) or not items:
        raise PlaygroundError(translate("Scene", "optimizers: expected a non-empty list such as {example}")
                              .format(example='[{"type": "sgd", "lr": 0.1}]'))
    if len(items) > MAX_RUNS:
        raise PlaygroundError(translate("Scene", "optimizers: at most {limit} runs, got {count}")
                              .format(limit=MAX_RUNS, count=len(items)))
    runs, explicit = [], set()
    for i, item in enumerate(items):
        where = f"optimizers[{i}]"
        if not isinstance(item, dict):
            raise PlaygroundError(translate("Scene", "{where}: expected an object such as {example}")
                                  .format(where=where, example='{"type": "adam"}'))
        if "type" not in item:
            raise PlaygroundError(translate("Scene", "{where}: missing key 'type'").format(where=where))
        try:
            spec = get_optimizer(item["type"])
        except (PlaygroundError, TypeError) as e:
            raise PlaygroundError(f"{where}.type: {e}") from None
        convention = item.get("convention", "torch")
        try:
            spec = spec.variant(convention)
        except PlaygroundError as e:
            raise PlaygroundError(f"{where}.{e}") from None
        hp = {k: v for k, v in item.items() if k not in _RUN_KEYS}
        try:
            hp = spec.resolve(hp)
        except PlaygroundError as e:
            raise PlaygroundError(f"{where}: {e}") from None
        label = item.get("label")
        if label is not None:
            if not isinstance(label, str) or not label.strip():
                raise PlaygroundError(translate("Scene", "{where}.label: expected non-empty text").format(where=where))
            if label in explicit:
                raise PlaygroundError(translate("Scene", "{where}.label: duplicate label {label}")
                                      .format(where=where, label=repr(label)))
            explicit.add(label)
        color = item.get("color")
        if color is not None and not (isinstance(color, str) and _COLOR.match(color)):
            raise PlaygroundError(translate("Scene", "{where}.color: expected a colour like {example}, got {value}")
                                  .format(where=where, example='"#1f77b4"', value=repr(color)))
        enabled = item.get("enabled", True)
        if not isinstance(enabled, bool):
            raise PlaygroundError(translate("Scene", "{where}.enabled: expected true or false, got {value}")
                                  .format(where=where, value=repr(enabled)))
        run_batch = None
        if "batch" in item:
            try:
                run_batch = BatchConfig.from_dict(item["batch"])
            except PlaygroundError as e:
                raise PlaygroundError(f"{where}.{e}") from None
        schedule = None
        if "schedule" in item:
            # a cosine schedule left without t_max anneals over the scene's steps
            schedule = schedule_from_dict(item["schedule"], f"{where}.schedule", {"t_max": max(1, steps)})
        runs.append(RunSpec(spec.name, label or "", hp, color, enabled=enabled, batch=run_batch, schedule=schedule,
                            convention=convention))
    return _fill_labels(runs, explicit)


def _fill_labels(runs: list[RunSpec], taken: set[str]) -> list[RunSpec]:
    """Unlabelled runs take their type; a repeated type gets -2, -3, ... (skipping labels already used)."""
    out, used, count = [], set(taken), {}
    for r in runs:
        if r.label:
            out.append(r)
            continue
        count[r.type] = count.get(r.type, 0) + 1
        n = count[r.type]
        label = r.type if n == 1 else f"{r.type}-{n}"
        while label in used:
            n += 1
            label = f"{r.type}-{n}"
        count[r.type] = n
        used.add(label)
        out.append(replace(r, label=label))
    return out


def unique_label(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever is not in ``taken`` (for runs added in the GUI)."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def save_scene(scene: Scene, path: str | Path) -> None:
    """Write ``scene`` to ``path``. A relative CSV path means "relative to the scene file", so when the scene
    came from another folder (``base_dir``) the path is rewritten to reach the same file from the new one."""
    d = scene.to_dict()
    csv = d["objective"].get("csv")
    if scene.base_dir is not None and isinstance(csv, str) and csv and not Path(csv).is_absolute():
        try:
            target = os.path.normpath(Path(scene.base_dir).resolve() / csv)
            folder = Path(path).resolve().parent
            d["objective"]["csv"] = Path(os.path.relpath(target, folder)).as_posix()
        except (OSError, ValueError):  # e.g. another drive on Windows: an absolute path still finds the file
            d["objective"]["csv"] = Path(os.path.normpath(Path(scene.base_dir).absolute() / csv)).as_posix()
    atomic_write_text(path, json.dumps(d, indent=2, ensure_ascii=False) + "\n")


_FLOAT_MAX = math.nextafter(math.inf, 0.0)  # the largest float64


def _is_number(v: object) -> bool:
    # compared, not converted: math.isfinite(10**400) would raise OverflowError; NaN and ±inf fail the comparison
    return isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= _FLOAT_MAX


def _check_text(data: object) -> None:
    """Reject text that is not valid Unicode (JSON escapes of lone surrogates such as "\\ud800"): it could be shown
    but never written to a UTF-8 file or the console again. Iterative, as JSON nests up to the recursion limit."""
    stack = [(data, "")]
    while stack:
        v, where = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                raise PlaygroundError(translate("Scene", "{where}: {char} is not valid Unicode text")
                                      .format(where=where or "scene", char=repr(v[e.start]))) from None
        elif isinstance(v, dict):
            for k, item in v.items():
                stack.append((item, f"{where}.{k}" if where else str(k)))
                stack.append((k, where or "scene"))  # popped first: a key is checked before it names anything
        elif isinstance(v, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(v))


def _check_language_text(value: object, key: str) -> None:
    """A scene's ``title`` or ``description``: text, or one text per language such as {"en": "Book", "ko": "책"}
    (an "en" entry required: it is shown in any language the mapping lacks)."""
    if isinstance(value, str):
        return
    if not isinstance(value, dict):
        raise PlaygroundError(translate("Scene", "{key}: expected text or an object such as {example}, got {value}")
                              .format(key=key, example='{"en": "...", "ko": "..."}', value=repr(value)))
    for code, text in value.items():
        if code not in LANGUAGES:
            raise PlaygroundError(translate("Scene", "{key}.{code}: unknown language (known: {known})")
                                  .format(key=key, code=code, known=", ".join(LANGUAGES)))
        if not isinstance(text, str):
            raise PlaygroundError(translate("Scene", "{key}.{code}: expected text, got {value}")
                                  .format(key=key, code=code, value=repr(text)))
    if "en" not in value:
        raise PlaygroundError(translate("Scene", "{key}: missing key 'en' (the English text, shown in every language "
                                        "the scene does not give)").format(key=key))


def _copy_text(value: str | dict) -> str | dict:
    return dict(value) if isinstance(value, dict) else value


def _int(v: object, key: str, low: int, high: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise PlaygroundError(translate("Scene", "{key}: expected a whole number, got {value}")
                              .format(key=key, value=repr(v)))
    if not low <= v <= high:
        raise PlaygroundError(translate("Scene", "{key}: {value} is out of range [{low}, {high}]")
                              .format(key=key, value=v, low=low, high=high))
    return v
