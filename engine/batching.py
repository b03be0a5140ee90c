"""Batch strategies (full / stochastic / mini-batch): which data rows step k uses, by random access from a seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import PlaygroundError
from .i18n import translate

STRATEGIES = ("full", "stochastic", "minibatch")


@dataclass(frozen=True)
class BatchConfig:
    """A scene's ``batch`` entry. ``batch_size`` is used by ``minibatch`` only; ``full`` ignores shuffle/drop_last."""

    strategy: str = "full"
    batch_size: int = 32
    shuffle: bool = True
    drop_last: bool = True

    _KEYS = {
        "full": ("strategy",),
        "stochastic": ("strategy", "shuffle"),
        "minibatch": ("strategy", "batch_size", "shuffle", "drop_last"),
    }

    @classmethod
    def from_dict(cls, d: object) -> "BatchConfig":
        if not isinstance(d, dict):
            raise PlaygroundError(translate("BatchConfig", "batch: expected an object such as {{\"strategy\": \"full\"}}")
                                  .format())
        strategy = d.get("strategy", "full")
        if strategy not in STRATEGIES:
            raise PlaygroundError(translate("BatchConfig", "batch.strategy: unknown strategy {strategy} (known: {known})")
                                  .format(strategy=repr(strategy), known=", ".join(STRATEGIES)))
        extra = sorted(set(d) - set(cls._KEYS[strategy]))
        if extra:
            raise PlaygroundError(translate("BatchConfig", "batch: unknown key {key} for strategy {strategy} "
                                            "(known: {known})").format(key=repr(extra[0]), strategy=repr(strategy),
                                                                       known=", ".join(cls._KEYS[strategy])))
        kw = {"strategy": strategy}
        if "batch_size" in d:
            bs = d["batch_size"]
            if isinstance(bs, bool) or not isinstance(bs, int) or bs < 1:
                raise PlaygroundError(translate("BatchConfig", "batch.batch_size: expected a whole number ≥ 1, got {value}")
                                      .format(value=repr(bs)))
            kw["batch_size"] = bs
        for key in ("shuffle", "drop_last"):
            if key in d:
                if not isinstance(d[key], bool):
                    raise PlaygroundError(translate("BatchConfig", "batch.{key}: expected true or false, got {value}").format(
                        key=key, value=repr(d[key])))
                kw[key] = d[key]
        return cls(**kw)

    def to_dict(self) -> dict:
        full = {"strategy": self.strategy, "batch_size": self.batch_size, "shuffle": self.shuffle,
                "drop_last": self.drop_last}
        return {k: full[k] for k in self._KEYS[self.strategy]}


class BatchSampler:
    """Row indices for step k. Stateless by design: ``batch(k)`` depends only on (config, n, seed, k), so every run
    in a session sees the same batch at step k, and reset or replay reproduces it exactly."""

    def __init__(self, config: BatchConfig, n_samples: int, seed: int):
        self.config = config
        self.n = n_samples
        self.seed = seed
        if config.strategy == "full" or n_samples == 0:
            self.size = n_samples
        elif config.strategy == "stochastic":
            self.size = 1
        else:
            self.size = config.batch_size
            if self.size > n_samples:
                raise PlaygroundError(translate("BatchSampler", "batch.batch_size: {size} is larger than the {n} "
                                                "samples of the data set").format(size=self.size, n=n_samples))
        self.full = config.strategy == "full" or n_samples == 0
        drop = config.drop_last or config.strategy == "stochastic"
        if self.full:
            self.iterations_per_epoch = 1
        elif drop:
            self.iterations_per_epoch = n_samples // self.size
        else:
            self.iterations_per_epoch = -(-n_samples // self.size)
        self.dropped = 0 if self.full or not drop else n_samples - self.iterations_per_epoch * self.size
        self._perm_epoch = -1
        self._perm: np.ndarray | None = None

    def epoch_of(self, step: int) -> int:
        """Completed epochs before step ``step`` (0-based step index)."""
        return step // self.iterations_per_epoch

    def order(self, epoch: int) -> np.ndarray:
        """The row order of one epoch: 0..n-1, or a permutation seeded by (seed, epoch)."""
        if not self.config.shuffle:
            return np.arange(self.n)
        if epoch != self._perm_epoch:
            self._perm = np.random.default_rng([self.seed, epoch]).permutation(self.n)
            self._perm_epoch = epoch
        return self._perm

    def batch(self, step: int) -> np.ndarray | None:
        """Indices of the rows step ``step`` uses, or None for the whole data set."""
        if self.full:
            return None
        epoch, it = divmod(step, self.iterations_per_epoch)
        start = it * self.size
        return self.order(epoch)[start:start + self.size]
