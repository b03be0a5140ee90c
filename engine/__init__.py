"""The numerical core: optimizers, objectives, batch strategies, sessions and scene files. Pure numpy; never Qt."""

from .batching import STRATEGIES, BatchConfig, BatchSampler
from .errors import PlaygroundError
from .fileio import atomic_write_bytes, atomic_write_text
from .formula import FormulaError
from .formula import parse as parse_formula
from .headless import basins_csv, summary_lines, sweep_csv, trajectories_csv
from .hyperparams import HyperParam
from .objectives import OBJECTIVES, Objective, ObjectiveSpec, make_objective
from .optimizers import OPTIMIZERS, OptimizerSpec, get_optimizer
from .schedules import SCHEDULES, WARMUP, Schedule, schedule_from_dict
from .scene import DEFAULT_SCENE, RESOURCES, Scene, load_scene, loads_scene, save_scene, scene_from_dict, unique_label
from .session import DIVERGENCE_BOUND, RunSnapshot, RunSpec, Session, Snapshot
from .swarm import Swarm
from .landscape import Plane, pca_plane, random_plane, surface
from .netsession import NetRunSnapshot, NetSession, NetSnapshot
from .network import MLP, make_mlp
from .objectives import NETWORK_OBJECTIVES, known_objectives
from .sweep import (BasinConfig, MapPlan, MapResult, Stability, SweepAxis, SweepConfig, classify, grid_values,
                    refinement, stability)

__all__ = [
    "STRATEGIES", "BatchConfig", "BatchSampler", "PlaygroundError", "atomic_write_bytes", "atomic_write_text",
    "FormulaError", "parse_formula", "summary_lines", "trajectories_csv", "HyperParam", "OBJECTIVES", "Objective",
    "ObjectiveSpec", "make_objective", "OPTIMIZERS", "OptimizerSpec", "get_optimizer", "DEFAULT_SCENE", "RESOURCES",
    "Scene", "load_scene", "loads_scene", "save_scene", "scene_from_dict", "unique_label", "DIVERGENCE_BOUND",
    "RunSnapshot", "RunSpec", "Session", "Snapshot", "Swarm", "SCHEDULES", "WARMUP", "Schedule", "schedule_from_dict",
    "Plane", "pca_plane", "random_plane", "surface", "NetRunSnapshot", "NetSession", "NetSnapshot", "MLP", "make_mlp",
    "NETWORK_OBJECTIVES", "known_objectives",
    "basins_csv", "sweep_csv", "BasinConfig", "MapPlan", "MapResult", "Stability", "SweepAxis", "SweepConfig",
    "classify", "grid_values", "refinement", "stability",
]
