"""Hyperparameter declarations: the single source for defaults, ranges, symbols, help text and validation."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .errors import PlaygroundError
from .i18n import declared, translate


@dataclass(frozen=True)
class HyperParam:
    """One knob: a plain declaration a form can be generated from (no GUI types here).

    ``low``/``high`` bound the valid range; ``low_open``/``high_open`` make a bound exclusive. A ``boolean`` knob
    (torch's ``amsgrad``, ``centered``) is true or false: its range is ignored, a scene must give a JSON boolean, and
    the kernels receive it as 0.0 / 1.0 in their hyperparameter arrays.
    ``log`` asks a form for decade stepping (learning rates, eps). ``what`` is the torch-style phrase
    used in error messages ("learning rate" -> "Invalid learning rate: -0.1").
    """

    name: str
    default: float
    low: float
    high: float
    symbol: str = ""
    help: str = ""
    what: str = ""
    log: bool = False
    integer: bool = False
    boolean: bool = False
    low_open: bool = False
    high_open: bool = False

    def range_text(self) -> str:
        """The valid range as inequalities, "0 ≤ momentum < 1": no brackets to nest inside a message's parentheses
        (an interval's "[0, 1)" inside "(…)" read as a stray parenthesis)."""
        if self.boolean:
            return translate("HyperParam", "{name} is true or false").format(name=self.name)
        lo = "<" if self.low_open else "≤"
        hi = "<" if self.high_open else "≤"
        fmt = (lambda v: f"{int(v)}") if self.integer else (lambda v: f"{v:g}")
        return f"{fmt(self.low)} {lo} {self.name} {hi} {fmt(self.high)}"

    def default_text(self) -> str:
        """The default as a scene file spells it."""
        if self.boolean:
            return "true" if self.default else "false"
        return f"{self.default:g}"

    def validate(self, value: object) -> float | bool:
        """Return ``value`` as a float (or int, or bool) if it is in range, else raise with the field and value named."""
        what = declared(self.what) if self.what else self.name
        if self.boolean:
            if not isinstance(value, (bool, np.bool_)):
                raise PlaygroundError(translate("HyperParam", "Invalid {what}: {value} (expected true or false)").format(
                    what=what, value=repr(value)))
            return bool(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise PlaygroundError(translate("HyperParam", "Invalid {what}: {value} (expected a number)").format(
                what=what, value=repr(value)))
        try:
            v = float(value)
        except OverflowError:  # an int beyond float64's range
            v = math.inf
        if not math.isfinite(v):
            raise PlaygroundError(translate("HyperParam", "Invalid {what}: {value}").format(what=what, value=repr(value)))
        if self.integer:
            if v != int(v):
                raise PlaygroundError(translate("HyperParam", "Invalid {what}: {value} (expected a whole number)").format(
                    what=what, value=repr(value)))
        too_low = v <= self.low if self.low_open else v < self.low
        too_high = v >= self.high if self.high_open else v > self.high
        if too_low or too_high:
            raise PlaygroundError(translate("HyperParam", "Invalid {what}: {value} (expected {range})").format(
                what=what, value=repr(value), range=self.range_text()))
        return int(v) if self.integer else v


def resolve(decls: tuple[HyperParam, ...], given: dict, owner: str) -> dict:
    """Fill defaults and validate ``given`` against ``decls``; unknown names are an error naming ``owner``."""
    known = {d.name for d in decls}
    unknown = sorted(set(given) - known)
    if unknown:
        raise PlaygroundError(translate("HyperParam", "Unknown {owner} setting {name} (known: {known})").format(
            owner=owner, name=repr(unknown[0]),
            known=", ".join(d.name for d in decls) or translate("HyperParam", "none")))
    return {d.name: d.validate(given[d.name]) if d.name in given else d.default for d in decls}
