"""The wiring between the engine and the window: owns the scene, the session and the animation timer.

Widgets call the setters here; the controller validates through the engine, rebuilds or edits the session, and
emits snapshots. Anything the engine rejects ends as ``errorRaised`` with the scene left as it was.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import traceback
from dataclasses import replace

from PySide6 import QtCore

from engine import (NETWORK_OBJECTIVES, BatchConfig, Objective, PlaygroundError, RunSpec, Scene, Session, Snapshot,
                    get_optimizer, schedule_from_dict, unique_label)
from engine.limits import MAX_RUNS, MAX_STEPS_PER_FRAME, NET_WINDOW_EVERY
from engine.scene import FRAME_INTERVAL_MS
from engine.suggest import suggest_hyperparams
from engine.sweep import basins_from_dict, sweep_from_dict

from .i18n import translate
from .netviews import NetStepper
from .style import fill_colors, next_color

log = logging.getLogger("optimizer_playground")


REPLAY_FRAME_S = 0.025  # a what-if replay expected to take longer than this goes to a worker thread


class _ReplayJob:
    """A what-if replay on a worker thread (numpy and the engine hold no Qt object). ``done`` is set at the end;
    ``cancelled`` stops it between chunks of steps."""

    def __init__(self, base, recipe, run: int, values: dict):
        self.base, self.recipe, self.run, self.values = base, recipe, run, values
        self.cancelled = False
        self.result = None
        self.error: str | None = None
        self.seconds = 0.0
        self.done = threading.Event()
        threading.Thread(target=self._work, name="replay", daemon=True).start()

    def _work(self) -> None:
        t0 = time.perf_counter()
        try:
            self.result = self.recipe.replay(self.run, self.values, cancelled=lambda: self.cancelled)
        except Exception as e:  # noqa: BLE001 - reported on the GUI thread, never lost in the thread
            log.error("replay failed:\n%s", traceback.format_exc())
            self.error = f"{type(e).__name__}: {e}"
        self.seconds = time.perf_counter() - t0
        self.done.set()


class Controller(QtCore.QObject):
    objectiveChanged = QtCore.Signal(object)  # Objective
    sessionReset = QtCore.Signal(object)  # Snapshot | None (None: no enabled run)
    stepped = QtCore.Signal(object)  # Snapshot
    sceneChanged = QtCore.Signal(object)  # Scene (panels refresh themselves from it)
    playingChanged = QtCore.Signal(bool)
    errorRaised = QtCore.Signal(str)
    message = QtCore.Signal(str)
    stopAtChanged = QtCore.Signal(int)  # the step limit changed from here (Play at the limit raised it)
    replayed = QtCore.Signal(object)  # Snapshot: the history was rebuilt with a what-if value (same step)
    runChanged = QtCore.Signal(int)  # scene run index: its settings were changed from outside its editor
    replayBusy = QtCore.Signal(bool)  # a replay too long for one frame is computing on a worker thread

    def __init__(self, scene: Scene, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(FRAME_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.steps_per_frame = scene.pace
        self.scene: Scene = scene
        self.objective: Objective | None = None
        self.session: Session | None = None
        self.snapshot: Snapshot | None = None
        self.stop_at = scene.steps
        self.stepper: NetStepper | None = None  # a network race steps on its own thread (gui/netviews.py)
        self._asked_to = 0  # the step the stepper will have reached once its pending steps are taken
        self._session_index: dict[int, int] = {}  # scene run index -> session run index
        self.lr_notes: dict[str, str] = {}  # run label -> where its η came from (runs added in the window)
        self.scene = self._with_colors(scene)
        self._note_start = scene.start  # the start the scene's explanation speaks of (None: the objective's)
        # What-if replay: seconds per run-step of the last replay (guessing the float path's until measured), and
        # the replay computing on a worker thread, if any.
        self.replay_rate = 2e-6
        self.last_replay: tuple[int, float] | None = None  # (run-steps, seconds) of the last replay, for the panel
        self._replay_job: _ReplayJob | None = None
        self._replay_timer = QtCore.QTimer(self)
        self._replay_timer.setInterval(15)
        self._replay_timer.timeout.connect(self._poll_replay)
        self._rebuild(objective_changed=True)

    # ---- building -------------------------------------------------------------------------------------------
    @staticmethod
    def _with_colors(scene: Scene) -> Scene:
        colors = fill_colors([r.color for r in scene.optimizers])
        return scene.with_(optimizers=tuple(replace(r, color=c) for r, c in zip(scene.optimizers, colors)))

    def _with_valid_sections(self, scene: Scene, renamed: dict | None = None) -> Scene:
        """``scene`` with its "sweep" and "basins" still true of its runs: labels renamed as ``renamed`` says, and a
        section that no longer fits them (its run removed, its knob gone with a convention, a 2-D sweep over what
        are now several runs) dropped, with a message, so the scene always saves and opens again."""
        changes = {}
        runs = [r.resolved() for r in scene.optimizers]
        for kind, parse in (("sweep", sweep_from_dict), ("basins", basins_from_dict)):
            cfg = getattr(scene, kind)
            if cfg is None:
                continue
            if renamed and cfg.runs:
                cfg = replace(cfg, runs=tuple(renamed.get(label, label) for label in cfg.runs))
            try:
                cfg = parse(cfg.to_dict(), runs)
            except PlaygroundError as e:
                self.message.emit(translate("Controller", "The scene's {kind} map no longer fits its runs ({error}); it was "
                                                           "dropped.").format(kind=kind, error=e))
                cfg = None
            changes[kind] = cfg
        return scene.with_(**changes) if changes else scene

    def _rebuild(self, objective_changed: bool, scene: Scene | None = None) -> bool:
        """Make ``scene`` (default: the current one) live: a new session at step 0. On any engine error nothing
        changes and the error is reported."""
        scene = self._with_valid_sections(scene or self.scene)
        try:
            objective = scene.build_objective() if objective_changed or self.objective is None else self.objective
            enabled = [i for i, r in enumerate(scene.optimizers) if r.enabled]
            network = {"every": NET_WINDOW_EVERY} if objective.is_network else {}
            session = scene.build_session(objective, **network) if enabled else None
        except PlaygroundError as e:
            self.errorRaised.emit(str(e))
            return False
        self.pause()
        self._cancel_replay()
        if self.stepper is not None:
            self.stepper.close()
            self.stepper = None
        if self.session is not None and self.session is not session and hasattr(self.session, "close"):
            self.session.close()
        self.scene, self.session = scene, session
        self._asked_to = 0  # a new race starts at step 0 (a stale count from the last one asked for nothing)
        if self.is_network:
            self.stepper = NetStepper(session)
        self._session_index = {scene_i: k for k, scene_i in enumerate(enabled)}
        if objective_changed or objective is not self.objective:
            self.objective = objective
            self.objectiveChanged.emit(objective)
        self.snapshot = session.snapshot() if session else None
        self.sessionReset.emit(self.snapshot)  # first: views must hold the new runs before restyling them
        self.sceneChanged.emit(scene)
        if session is None:
            self.message.emit(translate("Controller", "Every optimizer is disabled: tick one in the Optimizers panel."))
        return True

    def load_scene(self, scene: Scene) -> bool:
        ok = self._rebuild(objective_changed=True, scene=self._with_colors(scene))
        if ok:
            self.stop_at = scene.steps
            self.steps_per_frame = scene.pace
            self._note_start = scene.start
            self.lr_notes = {}
        return ok

    def start_moved(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """(the start the scene's explanation speaks of, the current start) when they differ, else None."""
        if self.objective is None or not (self.scene.title or self.scene.description):
            return None
        original = self._note_start if self._note_start is not None else self.objective.start
        current = self.scene.start if self.scene.start is not None else self.objective.start
        return (original, current) if tuple(original) != tuple(current) else None

    def current_scene(self) -> Scene:
        """The scene as shown, with the step limit as its ``steps`` and the window's pace (what Save writes)."""
        return self.scene.with_(steps=self.stop_at, steps_per_frame=self.steps_per_frame)

    # ---- scene edits that reset ---------------------------------------------------------------------------------
    def set_objective(self, settings: dict, start: tuple[float, float] | None = None) -> bool:
        """A new surface or data set, from ``start`` (None: that objective's suggested start)."""
        # A scene's title and description explain its original surface: they no longer apply to another one.
        changes = {} if settings.get("name") == self.scene.objective.get("name") else {"title": "", "description": ""}
        if settings.get("name") in NETWORK_OBJECTIVES and (self.scene.sweep or self.scene.basins):
            # maps are over 2-D runs: a network scene holds none (it would not open again)
            changes.update(sweep=None, basins=None)
            self.message.emit(translate("Controller", "The scene's maps (sweep, basins) were dropped: maps are for 2-D "
                                                       "objectives."))
        return self._rebuild(True, self.scene.with_(objective=dict(settings), start=start, **changes))

    def set_batch(self, config: BatchConfig) -> bool:
        return self._rebuild(False, self.scene.with_(batch=config))

    def set_seed(self, seed: int) -> bool:
        return self._rebuild(False, self.scene.with_(seed=int(seed)))

    def set_start(self, x: float, y: float) -> bool:
        if self.objective is not None and self.objective.is_network:
            self.errorRaised.emit(translate("Controller", "A network race has no start point: every run starts from "
                                                          "the initial weights (init and init seed in the Objective "
                                                          "dock)."))
            return False
        x, y = float(x), float(y)
        # The session rejects a non-finite start too, but there is no session while every run is disabled.
        if not (math.isfinite(x) and math.isfinite(y)):
            self.errorRaised.emit(translate("Controller", "start: the start point must be finite, got ({x}, {y})").format(
                x=x, y=y))
            return False
        return self._rebuild(False, self.scene.with_(start=(x, y)))

    def set_runs(self, runs: list[RunSpec]) -> bool:
        if len(runs) > MAX_RUNS:  # a scene file holds at most MAX_RUNS: more could be saved but never opened again
            self.errorRaised.emit(translate("Controller", "A scene holds at most {n} optimizers; remove one first.").format(
                n=MAX_RUNS))
            return False
        return self._rebuild(False, self.scene.with_(optimizers=tuple(runs)))

    def add_run(self, opt_type: str, copy_of: int | None = None) -> bool:
        runs = list(self.scene.optimizers)
        taken = {r.label for r in runs}
        used = [r.color for r in runs]
        if copy_of is not None:
            src = runs[copy_of]
            new = replace(src, label=unique_label(src.label, taken), color=next_color(used), enabled=True)
            runs.insert(copy_of + 1, new)
        else:
            # torch's defaults (lr = 0.001 for SGD) sit still on these surfaces: start from ones that move visibly
            spec = get_optimizer(opt_type)
            suggestion = None
            if self.objective is not None and not self.objective.is_network:  # a network: torch's defaults
                start = self.scene.start if self.scene.start is not None else self.objective.start
                suggestion = suggest_hyperparams(self.objective, start, spec.name, runs)
            label = unique_label(spec.title, taken)
            hp = suggestion.hyperparams if suggestion else spec.resolve({})
            runs.append(RunSpec(spec.name, label, hp, next_color(used)))
            if suggestion:
                self.lr_notes[label] = suggestion.reason  # set first: the new run's editor shows it when built
            if not self.set_runs(runs):
                self.lr_notes.pop(label, None)
                return False
            if suggestion:
                self.message.emit(translate("Controller", "Added {label}: {reason}.").format(label=label,
                                                                                       reason=suggestion.reason))
            return True
        return self.set_runs(runs)

    def remove_run(self, index: int) -> bool:
        runs = list(self.scene.optimizers)
        if len(runs) <= 1:
            self.errorRaised.emit(translate("Controller", "A scene needs at least one optimizer."))
            return False
        del runs[index]
        return self.set_runs(runs)

    def set_run_batch(self, index: int, config: BatchConfig | None) -> bool:
        """A run's own batch strategy (None: the scene's); restarts the race."""
        return self.set_runs(self._runs_with(index, batch=config))

    def set_run_convention(self, index: int, convention: str) -> bool:
        """Torch's form of the run's rule or the book's; restarts the race. Settings the run has changed from its
        form's defaults are kept (an option the book's code lacks is refused), the others take the new form's
        defaults (the book's ε = 1e-7)."""
        runs = list(self.scene.optimizers)
        r = runs[index]
        old = {h.name: h.default for h in r.spec.hyperparams}
        changed = {k: v for k, v in r.hyperparams.items() if old.get(k) != v}
        try:
            new = replace(r, convention=convention, hyperparams=changed)
            new = replace(new, hyperparams=new.spec.resolve(changed))
        except PlaygroundError as e:
            self.errorRaised.emit(f"{r.label}: {e}")
            return False
        runs[index] = new
        return self.set_runs(runs)

    def set_enabled(self, index: int, on: bool) -> bool:
        return self.set_runs(self._runs_with(index, enabled=bool(on)))

    # ---- scene edits that do not reset ------------------------------------------------------------------------
    def set_hyperparam(self, index: int, name: str, value: float) -> bool:
        """Live edit: applies from the next step; the run keeps its state and trajectory. ``runChanged`` tells the
        other views of the run's settings (its editor, the What-if sliders)."""
        r = self.scene.optimizers[index]
        self._quiet()
        try:
            k = self._session_index.get(index)
            if k is not None and self.session is not None:
                hp = self.session.set_hyperparams(k, {name: value})  # validated once, by the session
            else:  # a disabled run: no session holds it
                hp = r.spec.resolve({**r.hyperparams, name: value})
        except PlaygroundError as e:
            self.errorRaised.emit(f"{r.label}: {e}")
            return False
        self.scene = self.scene.with_(optimizers=self._runs_with(index, hyperparams=hp))
        if name == "lr":
            self.lr_notes.pop(r.label, None)  # the user's own η now
        self.runChanged.emit(index)
        return True

    def replay_hyperparam(self, index: int, name: str, value) -> bool:
        """What-if replay of one knob (``replay_hyperparams``)."""
        return self.replay_hyperparams(index, {name: value})

    def replay_hyperparams(self, index: int, values: dict) -> bool:
        """What-if replay: run ``index`` gets ``values`` *from step 0*; its whole path is recomputed up to the
        current step (the other runs' histories and every live edit stay as they were). Short replays are done at
        once; one that would take longer than a frame goes to a worker thread, a newer value replacing a pending
        one, and lands when done (``replayBusy`` says so meanwhile)."""
        r = self.scene.optimizers[index]
        try:
            hp = r.spec.resolve({**r.hyperparams, **values})
        except PlaygroundError as e:
            self.errorRaised.emit(f"{r.label}: {e}")
            return False
        self.scene = self.scene.with_(optimizers=self._runs_with(index, hyperparams=hp))
        if "lr" in values:
            self.lr_notes.pop(r.label, None)
        self.runChanged.emit(index)
        k = self._session_index.get(index)
        if k is None or self.session is None:
            return True  # a disabled run: no race to replay; its values are kept for when it is enabled
        if not hasattr(self.session, "recipe"):  # a network race keeps no recipe: the value applies from now on
            self._quiet()
            self.session.set_hyperparams(k, {name: hp[name] for name in values})
            self.message.emit(translate("Controller", "What-if replay is for 2-D races; on a network the new value "
                                                      "applies from the next step (a live edit)."))
            return True
        pending = dict(self._replay_job.values) if self._replay_job and self._replay_job.run == k else {}
        self._cancel_replay()
        recipe = self.session.recipe()
        values = {**pending, **{name: hp[name] for name in values}}
        work = max(1, recipe.steps * len(recipe.runs))
        if work * self.replay_rate < REPLAY_FRAME_S:
            t0 = time.perf_counter()
            new = recipe.replay(k, values)
            self._note_replay(work, time.perf_counter() - t0)
            self._swap_session(new)
        else:
            self._replay_job = _ReplayJob(self.session, recipe, k, values)
            self._replay_timer.start()
            self.replayBusy.emit(True)
        return True

    def _note_replay(self, work: int, seconds: float) -> None:
        self.replay_rate = seconds / work
        self.last_replay = (work, seconds)

    def _swap_session(self, new) -> None:
        self.session = new
        self.snapshot = new.snapshot()
        self.replayed.emit(self.snapshot)

    def _poll_replay(self) -> None:
        job = self._replay_job
        if job is None:
            self._replay_timer.stop()
            return
        if not job.done.is_set():
            return
        self._replay_job = None
        self._replay_timer.stop()
        self.replayBusy.emit(False)
        if job.error is not None:
            self.errorRaised.emit(translate("Controller", "Replay failed: {error}").format(error=job.error))
            return
        self._note_replay(max(1, job.recipe.steps * len(job.recipe.runs)), job.seconds)
        base = job.base
        if base is not self.session or job.result is None:
            return  # the race was rebuilt meanwhile (from the scene, which holds the new value)
        if len(base.edits) != len(job.recipe.edits):
            # a live edit was made meanwhile: replay again on top of it
            self._replay_job = _ReplayJob(base, base.recipe(), job.run, job.values)
            self._replay_timer.start()
            self.replayBusy.emit(True)
            return
        new = job.result
        if base.step_count > new.step_count:  # the race played on meanwhile: catch up
            new.advance(base.step_count - new.step_count)
        self._swap_session(new)

    def _cancel_replay(self) -> None:
        job = self._replay_job
        if job is not None:
            job.cancelled = True
            self._replay_job = None
            self._replay_timer.stop()
            self.replayBusy.emit(False)

    def _finish_replay_now(self) -> None:
        """Reset while a replay computes: its value is the run's from step 0, so it is applied before resetting."""
        job = self._replay_job
        if job is not None and job.base is self.session:
            self._cancel_replay()
            for name, v in job.values.items():
                self.session.set_hyperparams(job.run, {name: v})

    def set_schedule(self, index: int, settings: dict | None) -> bool:
        """Live edit of a run's learning-rate schedule, as a scene writes it (None: none): applies from the next
        step, the run keeping its state and trajectory (η_t depends only on η and the steps taken). A cosine
        schedule left without t_max anneals over the scene's length (the step limit)."""
        r = self.scene.optimizers[index]
        try:
            schedule = None if settings is None else schedule_from_dict(
                settings, "schedule", {"t_max": max(1, self.stop_at or self.scene.steps)})
            k = self._session_index.get(index)
            if k is not None and self.session is not None:
                self._quiet()
                self.session.set_schedule(k, schedule)
        except PlaygroundError as e:
            self.errorRaised.emit(f"{r.label}: {e}")
            return False
        self.scene = self.scene.with_(optimizers=self._runs_with(index, schedule=schedule))
        return True

    def set_map_section(self, kind: str, config) -> None:
        """The scene's "sweep" or "basins" section (what Save writes); the race is not touched."""
        self.scene = self.scene.with_(**{kind: config})

    def set_label(self, index: int, label: str) -> bool:
        label = label.strip()
        others = {r.label for i, r in enumerate(self.scene.optimizers) if i != index}
        if not label or label in others:
            self.errorRaised.emit(translate("Controller", "Label {label} is empty or already used by another run.").format(
                label=repr(label)))
            return False
        old = self.scene.optimizers[index].label
        note = self.lr_notes.pop(old, None)
        if note is not None:
            self.lr_notes[label] = note
        runs = self._runs_with(index, label=label)
        self.scene = self._with_valid_sections(self.scene.with_(optimizers=runs), {old: label})
        return self._restyle(index, label=label)

    def set_color(self, index: int, color: str) -> bool:
        return self._restyle(index, color=color)

    def _restyle(self, index: int, **changes) -> bool:
        self.scene = self.scene.with_(optimizers=self._runs_with(index, **changes))
        k = self._session_index.get(index)
        if k is not None and self.session is not None:
            self._quiet()
            self.session.set_style(k, **changes)
            self.snapshot = self.session.snapshot()
        self.sceneChanged.emit(self.scene)
        return True

    def _runs_with(self, index: int, **changes) -> tuple[RunSpec, ...]:
        """The scene's runs with run ``index`` changed."""
        runs = list(self.scene.optimizers)
        runs[index] = replace(runs[index], **changes)
        return tuple(runs)

    def session_index(self, scene_index: int) -> int | None:
        return self._session_index.get(scene_index)

    # ---- running -------------------------------------------------------------------------------------------------
    @property
    def is_network(self) -> bool:
        """Whether the race is a network's (a NetSession, stepped on the stepper's thread)."""
        return self.session is not None and bool(getattr(self.session.objective, "is_network", False))

    def _quiet(self) -> None:
        """Wait for the network stepper's step in progress and drop its pending ones: the session is then this
        thread's until the next request. The newest snapshot it made is taken."""
        if self.stepper is None:
            return
        self.stepper.drain()
        snap, _err = self.stepper.latest()
        self._asked_to = self.session.step_count
        if snap is not None:
            self.snapshot = snap

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def step(self, n: int = 1) -> None:
        if self.session is None:
            self.message.emit(translate("Controller", "Nothing to step: enable an optimizer first."))
            return
        self._quiet()
        self._advance(n)

    def play(self) -> None:
        if self.session is None:
            self.message.emit(translate("Controller", "Nothing to play: enable an optimizer first."))
            return
        if self.stop_at and self.session.step_count >= self.stop_at:
            # Play at the limit means "go on": raise the limit by the scene's own length (30 → 60 → 90 for the
            # book's comparison) and say so, instead of silently doing nothing.
            old = self.stop_at
            self.stop_at = self.session.step_count + max(self.scene.steps, 1)
            self.stopAtChanged.emit(self.stop_at)
            self.message.emit(translate("Controller", "Step limit raised from {old} to {new} (“stop at” in the "
                                                      "toolbar; 0 means no limit).").format(old=old, new=self.stop_at))
        if self._all_diverged():
            self.message.emit(translate("Controller", "Every run has diverged: lower a learning rate and press Reset."))
            return
        if not self.timer.isActive():
            self.timer.start()
            self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            if self.stepper is not None:  # what the stepper made after the last frame is shown, then nothing more
                self._quiet()
                self.snapshot = self.session.snapshot()
                self.stepped.emit(self.snapshot)
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def reset(self) -> None:
        if self.session is not None:
            self.pause()
            self._quiet()
            self._finish_replay_now()
            self.snapshot = self.session.reset()
            self._asked_to = 0
            self.sessionReset.emit(self.snapshot)

    def set_speed(self, steps_per_frame: int | None = None, interval_ms: int | None = None) -> None:
        if steps_per_frame is not None:
            self.steps_per_frame = min(MAX_STEPS_PER_FRAME, max(1, int(steps_per_frame)))
        if interval_ms is not None:
            self.timer.setInterval(max(1, int(interval_ms)))

    def set_stop_at(self, steps: int) -> None:
        self.stop_at = max(0, int(steps))

    def _all_diverged(self) -> bool:
        return self.snapshot is not None and all(r.diverged_at is not None for r in self.snapshot.runs)

    def _tick(self) -> None:
        if self.stepper is not None:
            self._tick_network()
            return
        n = self.steps_per_frame
        if self.stop_at:
            n = min(n, self.stop_at - self.session.step_count)
        if n <= 0:
            self.pause()
            self.message.emit(translate("Controller", "Reached the step limit ({n}).").format(n=self.stop_at))
            return
        self._advance(n)
        if self.stop_at and self.session.step_count >= self.stop_at:
            self.pause()
            self.message.emit(translate("Controller", "Reached the step limit ({n}).").format(n=self.stop_at))
        elif self._all_diverged():
            self.pause()
            self.message.emit(translate("Controller", "Every run has diverged: lower a learning rate and press Reset."))

    def _tick_network(self) -> None:
        """A frame of a network race: draw the stepper's newest snapshot and keep about two frames of steps
        queued for it (the stepper's thread does the arithmetic; this frame only draws)."""
        before = {r.label for r in self.snapshot.runs if r.diverged_at is not None} if self.snapshot else set()
        snap, err = self.stepper.latest()
        if err is not None:
            self.pause()
            self.errorRaised.emit(translate("Controller", "Paused: unexpected error while stepping ({error}). The details "
                                                          "are in the log.").format(error=err))
            return
        if snap is not None:
            self.snapshot = snap
            self.stepped.emit(snap)
            for r in snap.runs:
                if r.diverged_at is not None and r.label not in before:
                    self.message.emit(translate("Controller", "{label} diverged at step {step} and is frozen "
                                                              "there; the other runs go on.").format(
                        label=r.label, step=r.diverged_at))
        now = self.snapshot.step if self.snapshot is not None else 0
        if self.stop_at and now >= self.stop_at:
            self.pause()
            self.message.emit(translate("Controller", "Reached the step limit ({n}).").format(n=self.stop_at))
            return
        if self._all_diverged():
            self.pause()
            self.message.emit(translate("Controller", "Every run has diverged: lower a learning rate and press Reset."))
            return
        want = now + 2 * self.steps_per_frame
        if self.stop_at:
            want = min(want, self.stop_at)
        if want > self._asked_to:
            self.stepper.request(want - self._asked_to)
            self._asked_to = want

    def _advance(self, n: int) -> None:
        """Step and publish; an unexpected error pauses the animation loudly instead of killing the timer loop."""
        before = {r.label for r in self.snapshot.runs if r.diverged_at is not None} if self.snapshot else set()
        try:
            self.snapshot = self.session.step(n)
            self.stepped.emit(self.snapshot)
        except Exception as e:  # noqa: BLE001 - a slot must never let an exception escape into Qt
            log.error("error while stepping:\n%s", traceback.format_exc())
            self.pause()
            self.errorRaised.emit(translate("Controller", "Paused: unexpected error while stepping ({error}). The "
                                                          "details are in the log.").format(
                error=f"{type(e).__name__}: {e}"))
            return
        for r in self.snapshot.runs:
            if r.diverged_at is not None and r.label not in before:
                self.message.emit(translate("Controller", "{label} diverged at step {step} and is frozen there; "
                                                          "the other runs go on.").format(label=r.label,
                                                                                          step=r.diverged_at))
