"""User formulas f(x, y): a whitelisted grammar parsed to a tree, differentiated symbolically, evaluated with numpy.

User text is never handed to ``eval``/``exec``, ``ast`` or any library parser: this module's tokenizer and
recursive-descent parser accept exactly

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/') unary)*
    unary  := ('-' | '+') unary | power
    power  := atom (('**' | '^') unary)?          (right-associative, binds tighter than unary minus on its left)
    atom   := number | 'x' | 'y' | 'pi' | 'e' | func '(' expr ')' | '(' expr ')'

with func one of sin cos tan exp log sqrt abs tanh sinh cosh. Length, nesting and size are bounded, and all arithmetic
is float64 numpy, so ``9**9**9`` is just ``inf`` (never a Python big integer).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .errors import PlaygroundError
from .i18n import translate

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_NODES = 400

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh")
CONSTANTS = {"pi": math.pi, "e": math.e}
VARIABLES = ("x", "y")


class FormulaError(PlaygroundError):
    """A formula outside the grammar; ``position`` is the 0-based column of the problem (or None)."""

    def __init__(self, message: str, position: int | None = None):
        if position is not None:
            text = translate("Formula", "Formula error at column {column}: {message}").format(column=position + 1,
                                                                                             message=message)
        else:
            text = translate("Formula", "Formula error: {message}").format(message=message)
        super().__init__(text)
        self.position = position


# ---- tree ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Neg:
    arg: object


@dataclass(frozen=True)
class Bin:
    op: str  # + - * / ^
    left: object
    right: object


@dataclass(frozen=True)
class Call:
    func: str
    arg: object


# ---- tokenizer -------------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>\*\*|[-+*/^()]))"
)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            col = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            ch = text[col]
            message = translate("Formula", "unexpected character {char}")
            if ch == ",":
                message = translate("Formula", "unexpected character {char} (functions take one argument)")
            elif ch in "[]{}":
                message = translate("Formula", "unexpected character {char} (use round brackets)")
            elif ch in "'\"":
                message = translate("Formula", "unexpected character {char} (strings are not allowed)")
            elif ch == ".":
                message = translate("Formula", "unexpected character {char} (attribute access is not allowed)")
            elif ch in "=<>!&|%@;:":
                message = translate("Formula", "unexpected character {char} (only + - * / ** ^ are allowed)")
            raise FormulaError(message.format(char=repr(ch)), col)
        kind = m.lastgroup
        tokens.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


# ---- parser ----------------------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0
        self.nodes = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def node(self, n, pos: int):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise FormulaError(translate("Formula", "formula too large (more than {n} parts)").format(n=MAX_NODES), pos)
        return n

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(translate("Formula", "formula nested too deeply (more than {n} levels)").format(n=MAX_DEPTH),
                               pos)

    def parse(self):
        kind, value, pos = self.peek()
        if kind == "end":
            raise FormulaError(translate("Formula", "the formula is empty"))
        tree = self.expr()
        kind, value, pos = self.peek()
        if kind != "end":
            if value == ")":
                raise FormulaError(translate("Formula", "unmatched ')'"), pos)
            raise FormulaError(translate("Formula", "unexpected {token} (an operator is missing before it?)").format(
                token=repr(value)), pos)
        return tree

    def expr(self):
        left = self.term()
        while self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            _, op, pos = self.take()
            left = self.node(Bin(op, left, self.term()), pos)
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in ("*", "/") and self.peek()[0] == "op":
            _, op, pos = self.take()
            left = self.node(Bin(op, left, self.unary()), pos)
        return left

    def unary(self):
        kind, value, pos = self.peek()
        if kind == "op" and value in ("-", "+"):
            self.take()
            self.enter(pos)
            arg = self.unary()
            self.depth -= 1
            return self.node(Neg(arg), pos) if value == "-" else arg
        return self.power()

    def power(self):
        base = self.atom()
        kind, value, pos = self.peek()
        if kind == "op" and value in ("**", "^"):
            self.take()
            self.enter(pos)
            exponent = self.unary()
            self.depth -= 1
            return self.node(Bin("^", base, exponent), pos)
        return base

    def atom(self):
        kind, value, pos = self.take()
        if kind == "num":
            return self.node(Num(float(value)), pos)
        if kind == "name":
            if value in VARIABLES:
                return self.node(Var(value), pos)
            if value in CONSTANTS:
                return self.node(Num(CONSTANTS[value]), pos)
            if value in FUNCTIONS:
                k2, v2, p2 = self.peek()
                if v2 != "(":
                    raise FormulaError(translate("Formula", "{name} needs an argument in brackets, e.g. {name}(x)").format(
                        name=value), p2)
                self.take()
                self.enter(p2)
                arg = self.expr()
                self.close(p2)
                return self.node(Call(value, arg), pos)
            raise FormulaError(translate("Formula", "unknown name {name} (use x, y, pi, e and {functions})").format(
                name=repr(value), functions=", ".join(FUNCTIONS)), pos)
        if kind == "op" and value == "(":
            self.enter(pos)
            inner = self.expr()
            self.close(pos)
            return inner
        if kind == "end":
            raise FormulaError(translate("Formula", "the formula ends too early (a number, name or '(' is missing)"), pos)
        raise FormulaError(translate("Formula", "unexpected {token}").format(token=repr(value)), pos)

    def close(self, open_pos: int) -> None:
        kind, value, pos = self.take()
        if value != ")":
            if kind == "end":
                raise FormulaError(translate("Formula", "'(' is never closed"), open_pos)
            raise FormulaError(translate("Formula", "expected ')' but found {token}").format(token=repr(value)), pos)
        self.depth -= 1


# ---- differentiation (with light simplification so the derivative trees stay small) -------------------------

def _is(n, v: float) -> bool:
    return isinstance(n, Num) and n.value == v


def _add(a, b):
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    return Bin("+", a, b)


def _sub(a, b):
    if _is(b, 0):
        return a
    if _is(a, 0):
        return _neg(b)
    return Bin("-", a, b)


def _mul(a, b):
    if _is(a, 0) or _is(b, 0):
        return Num(0.0)
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    return Bin("*", a, b)


def _div(a, b):
    if _is(a, 0):
        return Num(0.0)
    if _is(b, 1):
        return a
    return Bin("/", a, b)


def _neg(a):
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Neg):
        return a.arg
    return Neg(a)


def _depends(n, var: str) -> bool:
    if isinstance(n, Num):
        return False
    if isinstance(n, Var):
        return n.name == var
    if isinstance(n, (Neg, Call)):
        return _depends(n.arg, var)
    return _depends(n.left, var) or _depends(n.right, var)


def derivative(n, var: str):
    """d n / d var as a new tree."""
    if not _depends(n, var):
        return Num(0.0)
    if isinstance(n, Var):
        return Num(1.0)
    if isinstance(n, Neg):
        return _neg(derivative(n.arg, var))
    if isinstance(n, Bin):
        a, b = n.left, n.right
        da, db = derivative(a, var), derivative(b, var)
        if n.op == "+":
            return _add(da, db)
        if n.op == "-":
            return _sub(da, db)
        if n.op == "*":
            return _add(_mul(da, b), _mul(a, db))
        if n.op == "/":
            if not _depends(b, var):
                return _div(da, b)
            return _div(_sub(_mul(da, b), _mul(a, db)), Bin("^", b, Num(2.0)))
        # power
        if not _depends(b, var):  # d(u^c) = c u^(c-1) u'  (no log, so negative bases work)
            c = Num(b.value - 1.0) if isinstance(b, Num) else _sub(b, Num(1.0))
            return _mul(_mul(b, a if _is(c, 1) else Bin("^", a, c)), da)
        return _mul(n, _add(_mul(db, Call("log", a)), _div(_mul(b, da), a)))
    u, du = n.arg, derivative(n.arg, var)
    f = n.func
    if f == "sin":
        outer = Call("cos", u)
    elif f == "cos":
        outer = _neg(Call("sin", u))
    elif f == "tan":
        outer = _add(Num(1.0), Bin("^", Call("tan", u), Num(2.0)))
    elif f == "exp":
        outer = Call("exp", u)
    elif f == "log":
        outer = _div(Num(1.0), u)
    elif f == "sqrt":
        outer = _div(Num(0.5), Call("sqrt", u))
    elif f == "abs":
        outer = Call("sign", u)  # internal only: not part of the user grammar
    elif f == "tanh":
        outer = _sub(Num(1.0), Bin("^", Call("tanh", u), Num(2.0)))
    elif f == "sinh":
        outer = Call("cosh", u)
    else:  # cosh
        outer = Call("sinh", u)
    return _mul(outer, du)


# ---- evaluation --------------------------------------------------------------------------------------------------

_NUMPY = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log, "sqrt": np.sqrt,
    "abs": np.abs, "tanh": np.tanh, "sinh": np.sinh, "cosh": np.cosh, "sign": np.sign,
}
_BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power}


def evaluate(n, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The tree's value at arrays x, y (float64; overflow gives inf/nan, never an exception)."""
    with np.errstate(all="ignore"):
        return np.asarray(_eval(n, x, y), dtype=np.float64) + np.zeros(np.broadcast(x, y).shape)


def _eval(n, x, y):
    if isinstance(n, Num):
        return n.value
    if isinstance(n, Var):
        return x if n.name == "x" else y
    if isinstance(n, Neg):
        return np.negative(_eval(n.arg, x, y))
    if isinstance(n, Bin):
        return _BINARY[n.op](np.float64(_eval(n.left, x, y)), _eval(n.right, x, y))
    return _NUMPY[n.func](np.float64(_eval(n.arg, x, y)))


def to_text(n) -> str:
    """A canonical, fully bracketed rendering (for display and tests)."""
    if isinstance(n, Num):
        return repr(n.value)
    if isinstance(n, Var):
        return n.name
    if isinstance(n, Neg):
        return f"(-{to_text(n.arg)})"
    if isinstance(n, Bin):
        op = "**" if n.op == "^" else n.op
        return f"({to_text(n.left)} {op} {to_text(n.right)})"
    return f"{n.func}({to_text(n.arg)})"


@dataclass(frozen=True)
class Formula:
    """A parsed formula with its symbolic partial derivatives."""

    text: str
    tree: object
    dx: object
    dy: object

    def value(self, x, y) -> np.ndarray:
        return evaluate(self.tree, x, y)

    def grad(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        return evaluate(self.dx, x, y), evaluate(self.dy, x, y)


def parse(text: object) -> Formula:
    """Parse ``text`` or raise ``FormulaError`` saying what is wrong and where."""
    if not isinstance(text, str):
        raise FormulaError(translate("Formula", "expected text, got {type}").format(type=type(text).__name__))
    if len(text) > MAX_LENGTH:
        raise FormulaError(translate("Formula", "formula too long ({n} characters; at most {max})").format(
            n=len(text), max=MAX_LENGTH))
    if not text.isascii():
        col = next(i for i, c in enumerate(text) if not c.isascii())
        raise FormulaError(translate("Formula", "unexpected character {char} (use plain ASCII: x**2, not x²)").format(
            char=repr(text[col])), col)
    tree = _Parser(text).parse()
    return Formula(text, tree, derivative(tree, "x"), derivative(tree, "y"))
